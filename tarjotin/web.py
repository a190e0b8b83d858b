"""What every response shares: security headers, the reverse-proxy view of the request,
error pages, and the health endpoints a load balancer polls."""
import functools
import logging

import sqlalchemy as sa
from flask import Blueprint, Flask, Response, abort, jsonify, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from tarjotin import logs

bp = Blueprint("web", __name__)
log = logging.getLogger(__name__)

# No 'unsafe-inline': every script and style comes from static/, so an injected tag does nothing.
CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
# "Use my location" on the search form is the only browser feature we ask for.
PERMISSIONS_POLICY = "geolocation=(self), camera=(), microphone=(), payment=(), usb=()"
HSTS = "max-age=31536000"
RETRY_AFTER_SECONDS = 30

# Errors that mean "the database cannot answer now" (down, restarting, locked, pool exhausted),
# as opposed to a bug: the resident gets a 503 asking to retry, not a 500.
DATABASE_UNAVAILABLE = (sa.exc.OperationalError, sa.exc.InterfaceError, sa.exc.TimeoutError)


def init_app(app: Flask) -> None:
    if app.config["PROXY_COUNT"]:
        hops = app.config["PROXY_COUNT"]
        # Only as many X-Forwarded-* values as there are proxies are believed; a client can
        # prepend its own, which would otherwise spoof its address past the rate limits.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    logs.init_app(app)
    app.before_request(refuse_other_bodies)
    app.before_request(refuse_nul_characters)
    app.after_request(security_headers)
    app.register_error_handler(404, not_found)
    app.register_error_handler(429, too_many_requests)
    app.register_error_handler(CSRFError, form_expired)
    app.register_error_handler(500, server_error)
    app.register_error_handler(503, unavailable)
    for error in DATABASE_UNAVAILABLE:
        app.register_error_handler(error, database_unavailable)
    app.register_blueprint(bp)


def security_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    # setdefault: pages behind a signed link set no-referrer, which must win.
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    if request.is_secure:
        # Only over HTTPS: sent over plain HTTP it is ignored, and a local run must stay reachable.
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def keep_private(response: Response) -> Response:
    """For a page whose URL is a key (a token in a link) or whose body is someone's personal data:
    no copy in any cache, no path in a Referer header to the next site, nothing for search engines."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def private(view):
    """keep_private on every answer of the view, its redirects and expired-link pages included;
    a blueprint that is private throughout registers keep_private as its after_request instead."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return keep_private(make_response(view(*args, **kwargs)))

    wrapper.is_private = True
    return wrapper


FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data", ""}


def refuse_other_bodies():
    """Forms take what a browser's form sends. Flask-WTF would also read a JSON body, where a list or
    a number in a text field was a 500 and a NUL got past refuse_nul_characters; the JSON API is GET-only."""
    if request.method not in ("GET", "HEAD", "OPTIONS") and request.mimetype not in FORM_TYPES:
        return Response("Send forms as application/x-www-form-urlencoded or multipart/form-data.\n", 415,
                        mimetype="text/plain")
    return None


def refuse_nul_characters():
    """PostgreSQL text cannot hold NUL and no real address, parameter or form field has one, so it is
    refused before any view passes it to the database (schemathesis and test_fuzz.py found the 500s)."""
    for name, value in (("path", request.path), *request.args.items(multi=True), *request.form.items(multi=True)):
        if "\x00" in name or "\x00" in value:
            if _wants_json():
                return jsonify({"error": "invalid_parameter", "field": name, "message": "contains a NUL character"}), 400
            abort(400)
    return None


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def not_found(error: HTTPException):
    if _wants_json():
        return jsonify({"error": "not_found", "message": "No such resource."}), 404
    return render_template("errors/404.html"), 404


def too_many_requests(error: HTTPException):
    """Rate limits guard everything that sends mail or takes a password."""
    if _wants_json():
        return jsonify({"error": "rate_limited", "message": f"Too many requests: {error.description}"}), 429
    return render_template("errors/429.html"), 429


def form_expired(error: CSRFError):
    """A missing or stale CSRF token is nearly always a form left open too long."""
    return render_template("errors/csrf.html"), 400


def server_error(error: HTTPException):
    if _wants_json():
        return jsonify({"error": "server_error", "message": "Something went wrong on our side."}), 500
    return render_template("errors/500.html"), 500


def unavailable(error: Exception):
    if _wants_json():
        body = jsonify({"error": "unavailable", "message": "The service is unavailable; try again shortly."})
    else:
        body = render_template("errors/503.html")
    return body, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def _cause(error: sa.exc.SQLAlchemyError) -> str:
    return type(getattr(error, "orig", None) or error).__name__


def database_unavailable(error: sa.exc.SQLAlchemyError):
    from tarjotin.extensions import db

    # The statement text can carry personal data from the form; the class and code are enough.
    log.error("database unavailable: %s", _cause(error))
    try:
        db.session.rollback()
    except sa.exc.SQLAlchemyError:
        pass  # the connection is gone already; teardown discards the session either way
    return unavailable(error)


@bp.get("/healthz")
def healthz():
    """Alive: answers without the database, so a restarting database does not restart workers."""
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz():
    """Ready for traffic: the database answers. The index and outbox lag are reported, not required,
    since search says so itself when its index is missing and mail waits safely in the outbox."""
    from tarjotin import doctor

    report = {"database": "ok"}
    try:
        report["outbox_lag_seconds"] = doctor.outbox_lag_seconds()
    except sa.exc.SQLAlchemyError as error:  # down, locked, or not migrated: not ready either way
        log.error("readyz: database unavailable: %s", _cause(error))
        return jsonify({"status": "unavailable", "database": "unavailable"}), 503
    report["index"] = "ok" if doctor.index_status()[0] else "missing"
    return jsonify({"status": "ok", **report})
