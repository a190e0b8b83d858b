"""The open-data API under /api/v1, after the Open Referral HSDS 3 API reference: read-only, open
to any origin, published data only. Bad input answers 400 naming the parameter."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime

from flask import Blueprint, Response, abort, current_app, jsonify, request, stream_with_context, url_for

from tarjotin.api import params, serialize
from tarjotin.api.openapi import document
from tarjotin.api.profile import hsds_profile
from tarjotin.directory.models import TAXONOMIES
from tarjotin.extensions import limiter
from tarjotin.geo.gazetteer import OfflineGeocoder
from tarjotin.hsds import published
from tarjotin.hsds.export import taxonomy_to_hsds, term_to_hsds
from tarjotin.search import get_index
from tarjotin.search.cache import cached_search
from tarjotin.search.engine import IndexUnavailable
from tarjotin.search.service import (
    DEFAULT_RADIUS_KM,
    MAX_PER_PAGE,
    InvalidSearch,
    SearchRequest,
    matching_service_ids,
    search,
)

bp = Blueprint("api", __name__, url_prefix="/api/v1")
HSDS_VERSION = "3.0"
MAX_PROXIMITY_M = 200_000
# A browser must be told it may send the conditional headers and read the caching and limit ones.
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, "
                                     "X-RateLimit-Reset",
    "Access-Control-Max-Age": "86400",
}
# One budget per client for the whole API, not one per endpoint.
limiter.shared_limit(lambda: current_app.config["API_RATE_LIMIT"], scope="api")(bp)


@bp.after_request
def finish(response: Response) -> Response:
    """Open to any origin; a 304 when the client holds this answer (kept or freshly made)."""
    response.headers.update(CORS_HEADERS)
    if request.method in ("GET", "HEAD") and response.status_code == 200:
        response.make_conditional(request)
    return response


@bp.errorhandler(InvalidSearch)
def invalid_parameter(error: InvalidSearch):
    return jsonify({"error": "invalid_parameter", "field": error.field, "message": error.message}), 400


@bp.errorhandler(IndexUnavailable)
def search_unavailable(error: IndexUnavailable):
    return jsonify({"error": "search_unavailable", "message": str(error)}), 503


def _answer(body: dict, last_modified: datetime | None = None) -> Response:
    """JSON with a validator pair: the ETag is the body's hash, so a 304 is always right."""
    response = jsonify(body)
    response.add_etag()
    if last_modified is not None:
        response.last_modified = last_modified
    return response


def _shape() -> str:
    if params.flag("minimal", False):
        return "minimal"
    return "full" if params.flag("full", True) else "list"


PageOf = Callable[[int, int], dict]  # (page number, per page) -> an HSDS page


def _listing(page_of: PageOf) -> Response:
    """A list answer: the page asked for, or with format=ndjson every item, one JSON object a line."""
    if params.output_format() == "ndjson":
        return _ndjson(page_of)
    body = page_of(*params.paging())
    return _answer(body, serialize.newest(body["contents"]))


def _ndjson(page_of: PageOf) -> Response:
    # The first page is made before the answer starts, so a bad parameter is still a 400.
    first = page_of(1, MAX_PER_PAGE)

    def lines() -> Iterator[str]:
        body, number = first, 1
        while True:
            yield from (json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n" for item in body["contents"])
            if body["last_page"]:
                return
            number += 1
            body = page_of(number, MAX_PER_PAGE)

    return Response(stream_with_context(lines()), mimetype="application/x-ndjson")


@bp.get("/")
def about():
    return _answer({
        "version": HSDS_VERSION,
        "profile": url_for(".profile", _external=True),
        "openapi_url": url_for(".openapi", _external=True),
        "description": "Tarjotin: wellbeing offerings of NGOs, associations and parishes in the county (HSDS 3).",
    })


@bp.get("/openapi.json")
def openapi():
    return _answer(document(url_for(".about", _external=True).rstrip("/")))


@bp.get("/profile.json")
def profile():
    return _answer(hsds_profile(url_for(".profile", _external=True)))


@bp.get("/services")
@cached_search
def list_services():
    shape = _shape()
    filters = dict(
        text=params.text(),
        near=request.args.get("near"),
        lat=params.number("lat", float),
        lon=params.number("lon", float),
        radius_km=params.number("radius_km", float, DEFAULT_RADIUS_KM),
        themes=params.values("theme"),
        target_groups=params.values("target_group"),
        municipalities=params.values("municipality"),
        languages=params.values("language"),
        delivery=params.values("delivery"),
        accessibility=params.values("accessibility"),
        free=params.flag("free"),
        accepting_new=params.flag("accepting_new"),
        sort=request.args.get("sort", "relevance"),
        service_ids=published.service_ids(params.values("organization_id"), params.modified_after(),
                                          params.values("taxonomy_term_id"), params.values("taxonomy_id")),
    )
    today, stale_after_days = date.today(), current_app.config["STALE_AFTER_DAYS"]

    def page_of(page: int, per_page: int) -> dict:
        result = search(get_index(), SearchRequest(**filters, page=page, per_page=per_page), today, stale_after_days)
        return serialize.search_page(result, shape)

    return _listing(page_of)


@bp.get("/services/<service_id>")
def show_service(service_id: str):
    row = published.service(service_id) or abort(404)
    body = serialize.service(row)
    return _answer(body, serialize.newest([body]))


@bp.get("/organizations")
def list_organizations():
    full = params.flag("full", False) or params.flag("full_service", False)
    words, term_ids = params.text(), params.values("taxonomy_term_id")

    def page_of(page: int, per_page: int) -> dict:
        found = published.organizations(page, per_page, words, term_ids)
        services = published.organization_services([row.id for row in found.rows]) if full else {}
        contents = [serialize.organization(row, services.get(row.id) if full else None, "full") for row in found.rows]
        return serialize.paginated(contents, found.total, page, per_page)

    return _listing(page_of)


@bp.get("/organizations/<organization_id>")
def show_organization(organization_id: str):
    row = published.organization(organization_id) or abort(404)
    shape = "full" if params.flag("full_service", False) else "list"
    body = serialize.organization(row, published.organization_services([row.id])[row.id], shape)
    return _answer(body, serialize.newest([body]))


@bp.get("/taxonomies")
def list_taxonomies():
    words = params.text().strip().lower()
    found = [t for t in map(taxonomy_to_hsds, TAXONOMIES) if words in t["name"] or words in t["description"].lower()]

    def page_of(page: int, per_page: int) -> dict:
        start = (page - 1) * per_page
        return serialize.paginated(found[start:start + per_page], len(found), page, per_page)

    return _listing(page_of)


@bp.get("/taxonomies/<taxonomy_id>")
def show_taxonomy(taxonomy_id: str):
    (taxonomy,) = published.taxonomies_of((taxonomy_id,)) or abort(404)
    return _answer(taxonomy_to_hsds(taxonomy))


@bp.get("/taxonomy_terms")
def list_taxonomy_terms():
    words, taxonomy_id = params.text(), request.args.get("taxonomy_id", "").strip()
    parent_id, top_only = request.args.get("parent_id", "").strip(), params.flag("top_only", False)

    def page_of(page: int, per_page: int) -> dict:
        found = published.taxonomy_terms(page, per_page, words, taxonomy_id, parent_id, top_only)
        return serialize.paginated([term_to_hsds(row) for row in found.rows], found.total, page, per_page)

    return _listing(page_of)


@bp.get("/taxonomy_terms/<term_id>")
def show_taxonomy_term(term_id: str):
    return _answer(term_to_hsds(published.taxonomy_term(term_id) or abort(404)))


@bp.get("/service_at_locations")
def list_service_at_locations():
    shape = "full" if params.flag("full", False) else "list"
    origin, within_km = _postcode_origin()
    allowed = published.service_ids(params.values("organization_id"), params.modified_after(),
                                    params.values("taxonomy_term_id"), params.values("taxonomy_id"))
    words = params.text()
    if words.strip():
        matching = matching_service_ids(get_index(), words)
        allowed = matching if allowed is None else allowed & matching
    pairs = published.service_at_locations(allowed, origin, within_km)

    def page_of(page: int, per_page: int) -> dict:
        shown = pairs[(page - 1) * per_page:page * per_page]
        services = published.load_for_serialiser([sal for sal, _ in shown])
        contents = [serialize.service_at_location(sal, services[sal.service_id], km, shape)
                    for sal, km in shown if sal.service_id in services]
        return serialize.paginated(contents, len(pairs), page, per_page)

    return _listing(page_of)


@bp.get("/service_at_locations/<sal_id>")
def show_service_at_location(sal_id: str):
    sal = published.service_at_location(sal_id) or abort(404)
    body = serialize.service_at_location(sal, published.service(sal.service_id), None, "full")
    return _answer(body, serialize.newest([body]))


def _postcode_origin() -> tuple[tuple[float, float] | None, float | None]:
    """The postcode's centre and the proximity in km (HSDS gives it in metres)."""
    postcode = request.args.get("postcode", "").strip()
    proximity = params.number("proximity", float)
    if proximity is not None and not 1 <= proximity <= MAX_PROXIMITY_M:
        raise InvalidSearch("proximity", f"metres, between 1 and {MAX_PROXIMITY_M}")
    if not postcode:
        if proximity is not None:
            raise InvalidSearch("proximity", "needs a postcode")
        return None, None
    place = OfflineGeocoder().geocode(postcode) if postcode.isdigit() and len(postcode) == 5 else None
    if place is None:
        raise InvalidSearch("postcode", f"unknown Finnish postcode: {postcode!r}")
    return (place.latitude, place.longitude), None if proximity is None else proximity / 1000
