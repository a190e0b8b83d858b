"""GET /api/v1/services: search as HSDS 3 pages. Bad input answers 400 naming the field."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, current_app, jsonify, request

from tarjotin.api.serialize import search_page
from tarjotin.search import get_index
from tarjotin.search.index import IndexUnavailable
from tarjotin.search.service import DEFAULT_RADIUS_KM, InvalidSearch, SearchRequest, search

bp = Blueprint("api", __name__, url_prefix="/api/v1")
TRUE, FALSE = {"1", "true", "yes"}, {"0", "false", "no"}


def _number(name: str, kind: type, default=None):
    value = request.args.get(name, "").strip()
    if not value:
        return default
    try:
        number = kind(value)
    except ValueError:
        raise InvalidSearch(name, f"not a number: {value!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise InvalidSearch(name, f"not a finite number: {value!r}")
    return number


def _flag(name: str) -> bool | None:
    value = request.args.get(name, "").strip().lower()
    if not value:
        return None
    if value not in TRUE | FALSE:
        raise InvalidSearch(name, "must be true or false")
    return value in TRUE


def _values(name: str) -> tuple[str, ...]:
    """Repeated (?theme=a&theme=b) or comma-separated values."""
    return tuple(v.strip() for raw in request.args.getlist(name) for v in raw.split(",") if v.strip())


def _search_request() -> SearchRequest:
    return SearchRequest(
        text=request.args.get("search", ""),
        near=request.args.get("near"),
        lat=_number("lat", float),
        lon=_number("lon", float),
        radius_km=_number("radius_km", float, DEFAULT_RADIUS_KM),
        themes=_values("theme"),
        target_groups=_values("target_group"),
        municipalities=_values("municipality"),
        languages=_values("language"),
        free=_flag("free"),
        accepting_new=_flag("accepting_new"),
        sort=request.args.get("sort", "relevance"),
        page=_number("page", int, 1),
        per_page=_number("per_page", int, 20),
    )


@bp.get("/services")
def list_services():
    try:
        result = search(get_index(), _search_request(), date.today(), current_app.config["STALE_AFTER_DAYS"])
    except InvalidSearch as error:
        return jsonify({"error": "invalid_parameter", "field": error.field, "message": error.message}), 400
    except IndexUnavailable as error:
        return jsonify({"error": "search_unavailable", "message": str(error)}), 503
    return jsonify(search_page(result))
