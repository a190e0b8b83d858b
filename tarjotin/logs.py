"""Logs: one line per record, as text or JSON (LOG_FORMAT), each carrying the id of the request it
belongs to, and an access line per request.

The request id comes from the reverse proxy's X-Request-ID when that is a short safe token (so the
proxy's and the app's lines join up), else it is generated; it goes back in the response header.
No personal data: the access line names the route pattern, never the path's values, the query
string or the form, and the other records of the app log ids and error classes, not contents.
"""
from __future__ import annotations

import json
import logging
import re
import time
import uuid
from datetime import datetime, timezone

from flask import Flask, Response, g, has_request_context, request, request_started
from flask.logging import default_handler, wsgi_errors_stream

HEADER = "X-Request-ID"
# Letters, digits and a few separators: nothing that could split a log line or forge a field.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
access_log = logging.getLogger("tarjotin.access")

# What every LogRecord has; anything else on a record was passed as `extra` and goes into the JSON.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id"}


class RequestIdFilter(logging.Filter):
    """Stamps each record with the current request's id ("-" outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = g.get("request_id", "-") if has_request_context() else "-"
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
            **{key: value for key, value in vars(record).items() if key not in _STANDARD},
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def root_handler() -> logging.Handler:
    """The one handler on the root logger, so library records get the same format and id; created
    once per process however many apps the process makes."""
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "is_tarjotin", False):
            return handler
    # wsgi.errors during a request (gunicorn's error log), stderr outside one.
    handler = logging.StreamHandler(wsgi_errors_stream)
    handler.is_tarjotin = True
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)
    return handler


def init_app(app: Flask) -> None:
    use_format(app.config["LOG_FORMAT"])
    app.logger.removeHandler(default_handler)  # records reach the root handler instead, once
    if app.logger.level == logging.NOTSET:  # Flask sets DEBUG itself in debug mode
        app.logger.setLevel(logging.INFO)
    request_started.connect(_start, app)
    app.after_request(_finish)


def use_format(log_format: str) -> None:
    """The root handler's format, for every app in the process (the tests switch between apps)."""
    root_handler().setFormatter(JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT))


def _start(sender: Flask, **extra) -> None:
    # A signal rather than before_request: it runs before every before_request function (the CSRF
    # check, the rate limits), so whatever they log or refuse is timed and carries the id.
    incoming = request.headers.get(HEADER, "")
    g.request_id = incoming if SAFE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
    g.request_started_at = time.perf_counter()


def _finish(response: Response) -> Response:
    response.headers[HEADER] = g.request_id
    rule = request.url_rule
    duration_ms = round((time.perf_counter() - g.request_started_at) * 1000, 1)
    access_log.info(
        "%s %s %s %.1f ms", request.method, rule.rule if rule else "-", response.status_code, duration_ms,
        extra={"method": request.method, "route": rule.rule if rule else None, "endpoint": request.endpoint,
               "status": response.status_code, "duration_ms": duration_ms},
    )
    return response
