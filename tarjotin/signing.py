"""Signed, expiring tokens for links in e-mails, and absolute URLs for them.

Each kind of link has its own salt, so a token made for one purpose never opens another.
"""
from typing import Any
from urllib.parse import urlsplit

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def sign(salt: str, data: Any) -> str:
    return _serializer(salt).dumps(data)


def verify(salt: str, token: str, max_age_seconds: int) -> Any:
    """The signed data. Raises LinkExpired or LinkInvalid."""
    try:
        return _serializer(salt).loads(token, max_age=max_age_seconds)
    except SignatureExpired as exc:
        raise LinkExpired from exc
    except BadSignature as exc:
        raise LinkInvalid from exc


def public_url(endpoint: str, **values) -> str:
    """An absolute URL under PUBLIC_URL; works in the worker and in cron commands, outside any request."""
    base = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)
