"""Public directory pages: front page, offering and organisation pages, help pages, place lookups.
The results page is search's (search/views.py)."""
from flask import Blueprint, abort, current_app, jsonify, render_template, request, url_for

from tarjotin.directory import queries, schedule
from tarjotin.directory.models import QUICK_EXIT_THEMES
from tarjotin.geo.gazetteer import OfflineGeocoder

bp = Blueprint("directory", __name__)


@bp.get("/")
def index():
    return render_template("directory/index.html", themes=queries.theme_counts())


@bp.get("/jarjestot")
def list_organizations():
    page = request.args.get("page", 1, type=int)
    if not 1 <= page <= queries.MAX_PAGE:  # a 20-digit page number overflowed the database's OFFSET: a 500
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
        next_meeting=schedule.next_meeting(service.schedules, schedule.local_now()),
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
