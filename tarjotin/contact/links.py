"""Signed, expiring links to a request: the e-mail carries the link, never the resident's data."""
from urllib.parse import urlsplit

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

AUDIENCES = ("organisation", "county")


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="contact-request-link")


def sign(request_id: str, audience: str) -> str:
    return _serializer().dumps({"r": request_id, "a": audience})


def verify(token: str) -> tuple[str, str]:
    """The request id and the audience the link was sent to."""
    max_age = current_app.config["CONTACT_LINK_MAX_AGE_DAYS"] * 24 * 3600
    try:
        data = _serializer().loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise LinkExpired from exc
    except BadSignature as exc:
        raise LinkInvalid from exc
    if not isinstance(data, dict) or data.get("a") not in AUDIENCES or not isinstance(data.get("r"), str):
        raise LinkInvalid
    return data["r"], data["a"]


def public_url(endpoint: str, **values) -> str:
    """An absolute URL under PUBLIC_URL; works in the worker and in cron commands, outside any request."""
    base = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)
