"""Public directory pages: front page, search results, offering and organisation pages, help pages."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, current_app, jsonify, render_template, request, url_for
from flask_babel import format_decimal, get_locale

from tarjotin.directory import queries, schedule
from tarjotin.directory.forms import MAX_PAGE, RADII, SearchForm
from tarjotin.directory.labels import ACCESSIBILITY, DELIVERY, MATCH_FIELDS
from tarjotin.directory.results import QUICK_EXIT_THEMES, results_page
from tarjotin.geo.data import municipalities
from tarjotin.geo.gazetteer import OfflineGeocoder
from tarjotin.search.cache import cached_search

bp = Blueprint("directory", __name__)
HELSINKI = ZoneInfo("Europe/Helsinki")


def _now() -> datetime:
    """Local wall-clock time: schedules are kept in Finnish local time."""
    return datetime.now(HELSINKI).replace(tzinfo=None)


def _lang() -> str:
    return str(get_locale() or "fi")


@bp.get("/")
def index():
    return render_template("directory/index.html", themes=queries.theme_counts(), form=SearchForm())


@bp.get("/haku")
@cached_search
def search():
    form = SearchForm.from_args(request.args)
    page = results_page(form, _now(), _lang(), current_app.config["STALE_AFTER_DAYS"])
    return render_template("directory/results.html", page=page, form=page.form), 503 if page.is_unavailable else 200


@bp.get("/jarjestot")
def list_organizations():
    page = request.args.get("page", 1, type=int)
    if not 1 <= page <= MAX_PAGE:  # a 20-digit page number overflowed the database's OFFSET: a 500
        abort(404)
    return render_template("directory/organizations.html", pagination=queries.published_organizations(page))


@bp.get("/jarjestot/<organization_id>")
def show_organization(organization_id):
    organization = queries.public_organization(organization_id) or abort(404)
    return render_template("directory/organization.html", organization=organization)


@bp.get("/palvelut/<service_id>")
def show_service(service_id):
    service = queries.public_service(service_id) or abort(404)
    return render_template(
        "directory/service.html",
        service=service,
        others=queries.other_services(service),
        next_meeting=schedule.next_meeting(service.schedules, _now()),
        quick_exit=bool(QUICK_EXIT_THEMES & {t.code for t in service.terms("theme")}),
    )


@bp.get("/selkokieli")
def easy_read():
    return render_template("pages/easy_read.html")


@bp.get("/saavutettavuus")
def accessibility():
    return render_template("pages/accessibility.html", feedback_email=current_app.config["ACCESSIBILITY_FEEDBACK_EMAIL"])


@bp.get("/sitemap.xml")
def sitemap():
    organizations, services = queries.sitemap_rows()
    body = render_template("directory/sitemap.xml", organizations=organizations, services=services)
    return body, 200, {"Content-Type": "application/xml; charset=utf-8"}


@bp.get("/robots.txt")
def robots():
    return f"User-agent: *\nSitemap: {url_for('.sitemap', _external=True)}\n", 200, {"Content-Type": "text/plain"}


@bp.get("/paikat")
def suggest_places():
    """Place names for the place field's suggestions (JavaScript only)."""
    return jsonify(OfflineGeocoder().suggest(request.args.get("q", "")[:50]))


@bp.get("/paikat/lahin")
def nearest_place():
    """The nearest locality to the browser's position, so the URL names a place, not coordinates."""
    lat, lon = request.args.get("lat", type=float), request.args.get("lon", type=float)
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        abort(400)
    return jsonify({"name": OfflineGeocoder().reverse((lat, lon)).address})


@bp.app_template_global()
def switch_language_url(code: str) -> str:
    """This page in another language, keeping its query (filters, page) as it is."""
    if request.endpoint is None or request.method != "GET":
        return url_for("directory.index", lang=code)
    args = {key: values for key, values in request.args.lists() if key != "lang"}
    return url_for(request.endpoint, **(request.view_args or {}), **args, lang=code)


@bp.app_template_global()
def municipality_name(value: str) -> str:
    place = municipalities().get(value)
    if place is None:
        return value
    return (place.name_sv if _lang() == "sv" else None) or place.name


@bp.app_template_global()
def is_stale(day: date | str | None) -> bool:
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return day is None or day < date.today() - timedelta(days=current_app.config["STALE_AFTER_DAYS"])


@bp.app_template_filter()
def km(value: float) -> str:
    return format_decimal(value, format="#,##0.#")


@bp.app_template_filter()
def words(codes, mapping: dict) -> str:
    """Stored codes in words ("online" -> "Verkossa"), comma-separated."""
    return ", ".join(str(mapping.get(code, code)) for code in codes)


@bp.app_template_filter()
def describe_schedule(value) -> str:
    return schedule.describe(value, _lang())


@bp.app_template_filter()
def meeting(value: datetime) -> str:
    return schedule.format_meeting(value, _lang())


@bp.context_processor
def labels() -> dict:
    return {"accessibility_labels": ACCESSIBILITY, "delivery_labels": DELIVERY, "match_fields": MATCH_FIELDS,
            "radii": RADII}
