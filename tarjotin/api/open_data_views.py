"""The open-data page (/avoin-data) and the whole-catalogue downloads (CSV and HSDS JSON).

The downloads stream: at 5,000 organisations the JSON is tens of megabytes. Their ETag comes
from published.data_stamp(), so a client that has the current file gets a 304 without an export.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from flask import Blueprint, Response, current_app, render_template, request, stream_with_context

from tarjotin.api.openapi import SERVICE_SEARCH
from tarjotin.extensions import limiter
from tarjotin.hsds import published, tabular

bp = Blueprint("open_data", __name__)
DOWNLOADS = {
    "csv": ("tarjotin.csv", "text/csv; charset=utf-8", tabular.iter_csv),
    "json": ("tarjotin-hsds.json", "application/json; charset=utf-8", tabular.iter_json),
}


@bp.get("/avoin-data")
def show_page():
    return render_template("api/index.html", search_parameters=SERVICE_SEARCH)


@bp.get("/avoin-data/tarjotin.<any(csv, json):kind>")
@limiter.limit(lambda: current_app.config["EXPORT_RATE_LIMIT"])
def download(kind: str):
    name, mimetype, produce = DOWNLOADS[kind]
    return _stream(name, mimetype, produce)


def _stream(name: str, mimetype: str, produce: Callable[[], Iterator[str]]) -> Response:
    etag = f"{published.data_stamp()}-{name}"
    response = Response(status=200, mimetype=mimetype)
    response.set_etag(etag)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Access-Control-Allow-Origin"] = "*"
    # Checked before producing anything: a 304 must not cost an export.
    if request.if_none_match.contains_weak(etag):
        response.status_code = 304
    else:
        response.response = stream_with_context(chunk.encode() for chunk in produce())
    return response
