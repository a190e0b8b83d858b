"""Query-string values -> plain values; a bad one raises InvalidSearch naming the parameter (a 400)."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import request

from tarjotin.search.service import InvalidSearch, MAX_PER_PAGE

TRUE, FALSE = {"1", "true", "yes"}, {"0", "false", "no"}
FORMATS = ("json", "ndjson")  # HSDS: ndjson streams every item, one a line, without pages
MAX_PAGE = 100_000  # beyond any real listing; keeps OFFSET arithmetic sane
MAX_TEXT = 200


def number(name: str, kind: type, default=None):
    value = request.args.get(name, "").strip()
    if not value:
        return default
    try:
        found = kind(value)
    except ValueError:
        raise InvalidSearch(name, f"not a number: {value!r}") from None
    if found != found or found in (float("inf"), float("-inf")):
        raise InvalidSearch(name, f"not a finite number: {value!r}")
    return found


def flag(name: str, default: bool | None = None) -> bool | None:
    value = request.args.get(name, "").strip().lower()
    if not value:
        return default
    if value not in TRUE | FALSE:
        raise InvalidSearch(name, "must be true or false")
    return value in TRUE


def values(name: str) -> tuple[str, ...]:
    """Repeated (?theme=a&theme=b) or comma-separated values."""
    return tuple(v.strip() for raw in request.args.getlist(name) for v in raw.split(",") if v.strip())


def text(name: str = "search") -> str:
    value = request.args.get(name, "")
    if len(value) > MAX_TEXT:
        raise InvalidSearch(name, f"at most {MAX_TEXT} characters")
    return value


def paging() -> tuple[int, int]:
    page, per_page = number("page", int, 1), number("per_page", int, 20)
    if not 1 <= page <= MAX_PAGE:
        raise InvalidSearch("page", f"must be between 1 and {MAX_PAGE}")
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise InvalidSearch("per_page", f"must be between 1 and {MAX_PER_PAGE}")
    return page, per_page


def output_format() -> str:
    value = request.args.get("format", "").strip().lower() or "json"
    if value not in FORMATS:
        raise InvalidSearch("format", f"one of {', '.join(FORMATS)}")
    return value


def modified_after() -> datetime | None:
    """An ISO 8601 date or date-time; without a zone it is UTC."""
    value = request.args.get("modified_after", "").strip()
    if not value:
        return None
    try:
        found = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidSearch("modified_after", f"not an ISO 8601 date or date-time: {value!r}") from None
    try:
        return (found if found.tzinfo else found.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    except OverflowError:  # year 1 with a positive offset, year 9999 with a negative one
        raise InvalidSearch("modified_after", f"out of range: {value!r}") from None
