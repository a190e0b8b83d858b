"""Template helpers every page may use, registered on the app once by the factory.

A blueprint's own pages get their helpers from that blueprint; what is here is shared by
several domains' templates (the header's language links, places, dates, distances, the
directory's code words).
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import Flask, current_app, request, url_for
from flask_babel import format_decimal

from tarjotin.directory import schedule
from tarjotin.directory.vocabulary import ACCESSIBILITY, DELIVERY
from tarjotin.geo.data import municipalities
from tarjotin.i18n import current_language


def switch_language_url(code: str) -> str:
    """This page in another language, keeping its query (filters, page) as it is."""
    if request.endpoint is None or request.method != "GET":
        return url_for("directory.index", lang=code)
    args = {key: values for key, values in request.args.lists() if key != "lang"}
    return url_for(request.endpoint, **(request.view_args or {}), **args, lang=code)


def municipality_name(value: str) -> str:
    place = municipalities().get(value)
    if place is None:
        return value
    return (place.name_sv if current_language() == "sv" else None) or place.name


def is_stale(day: date | str | None) -> bool:
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return day is None or day < date.today() - timedelta(days=current_app.config["STALE_AFTER_DAYS"])


def km(value: float) -> str:
    return format_decimal(value, format="#,##0.#")


def words(codes, mapping: dict) -> str:
    """Stored codes in words ("online" -> "Verkossa"), comma-separated."""
    return ", ".join(str(mapping.get(code, code)) for code in codes)


def describe_schedule(value) -> str:
    return schedule.describe(value, current_language())


def meeting(value: datetime) -> str:
    return schedule.format_meeting(value, current_language())


def vocabulary() -> dict:
    return {"accessibility_labels": ACCESSIBILITY, "delivery_labels": DELIVERY}


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(switch_language_url=switch_language_url, municipality_name=municipality_name,
                                 is_stale=is_stale)
    app.jinja_env.filters.update(km=km, words=words, describe_schedule=describe_schedule, meeting=meeting)
    app.context_processor(vocabulary)
