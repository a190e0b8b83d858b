"""Search answers (the results page, the API's service search), shared by everyone who asks the
same thing anonymously.

Most searches repeat (theme tiles, the same words near the same town, a partner site's widget),
and loading and rendering twenty offerings costs ten to thirty times what serving a stored answer
does. An answer is kept under its path, words and filters, its language and the index's state, so
an approved change shows at once: the commit moves the index on and the old answers are never
asked for again. What the index does not hold (open calls, the next meeting, today's date) is at
most RESULTS_CACHE_SECONDS old.

Only visitors with nothing of their own on the page share it: no login, no basket, nothing but a
CSRF token in the session (ANONYMOUS_SESSION). Only complete answers (200) are kept.
"""
from __future__ import annotations

import hashlib

from flask import Flask, current_app, request, session
from flask_babel import get_locale
from flask_login import current_user

from tarjotin.extensions import cache
from tarjotin.search import get_index
from tarjotin.search.engine import IndexUnavailable

KEY_PREFIX = "tarjotin:results:"
# What an anonymous session holds before it holds anything of the visitor's: the CSRF token, and
# Flask-Login's "_fresh" flag, which its session protection sets on any session without a login.
ANONYMOUS_SESSION = frozenset({"csrf_token", "_fresh"})


def init_app(app: Flask) -> None:
    seconds, url = app.config["RESULTS_CACHE_SECONDS"], app.config["CACHE_URL"]
    if seconds <= 0:
        settings = {"CACHE_TYPE": "NullCache", "CACHE_NO_NULL_WARNING": True}
    elif url:
        # A cache that stops answering costs a render, never a failed page: short timeouts.
        settings = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": url,
                    "CACHE_OPTIONS": {"socket_timeout": 0.25, "socket_connect_timeout": 0.25}}
    else:
        settings = {"CACHE_TYPE": "SimpleCache", "CACHE_THRESHOLD": 500}  # about 25 MB per worker
    cache.init_app(app, config={**settings, "CACHE_DEFAULT_TIMEOUT": seconds,
                                "CACHE_KEY_PREFIX": app.config.get("CACHE_KEY_PREFIX", KEY_PREFIX)})


def _personal() -> bool:
    """True when the page would show something of this visitor's own (their menu, their basket)."""
    return current_user.is_authenticated or not ANONYMOUS_SESSION.issuperset(session)


def _not_kept() -> bool:
    """Personal pages, and streamed answers (format=ndjson), which have no body to keep."""
    return _personal() or request.args.get("format", "").strip().lower() == "ndjson"


def _key() -> str:
    try:
        version = get_index().version()
    except IndexUnavailable:
        version = None  # the 503 page; kept out by _complete
    # Sorted by name only: the order of different filters does not matter, but the views read the
    # first of a repeated one, so ?q=a&q=b and ?q=b&q=a are different questions.
    args = sorted(((name, value) for name, value in request.args.items(multi=True) if name != "lang"),
                  key=lambda pair: pair[0])
    # The script root is in every link on the page, so it is part of the question too.
    where = (request.script_root, request.path)
    return hashlib.sha256(repr((where, version, str(get_locale()), args)).encode()).hexdigest()


def _complete(answer) -> bool:
    """A view's answer in any form Flask takes (body, (body, status), Response) was a 200."""
    return current_app.make_response(answer).status_code == 200


cached_search = cache.cached(make_cache_key=_key, unless=_not_kept, response_filter=_complete)
