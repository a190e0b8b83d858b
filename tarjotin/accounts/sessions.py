"""What a signed-in session may do and how long it lasts (ASVS 4.0.3 V3.3 and V2.8).

The state lives in the signed session cookie next to Flask-Login's user id: when the session
began, when it was last used, and whether its second factor was given. Functions take the
session mapping itself, so the view layer and the test helpers record sign-in the same way.
"""
from collections.abc import MutableMapping
from datetime import datetime

from flask import current_app

from tarjotin.accounts.models import User

STARTED = "_started_at"
SEEN = "_seen_at"
SECOND_FACTOR = "_second_factor"  # the session id (user id and version) whose second factor was given
# Writing the cookie on every request would only add traffic; a minute's precision is enough.
SEEN_PRECISION_SECONDS = 60


def begin(session: MutableMapping, user: User, now: datetime, second_factor_given: bool = False) -> None:
    """Call right after login_user; the session was cleared before it."""
    session[STARTED] = session[SEEN] = int(now.timestamp())
    if second_factor_given:
        mark_second_factor(session, user)


def mark_second_factor(session: MutableMapping, user: User) -> None:
    session[SECOND_FACTOR] = user.get_id()


def idle_limit_seconds(user: User) -> int:
    key = "STAFF_IDLE_MINUTES" if user.sees_client_data else "IDLE_MINUTES"
    return current_app.config[key] * 60


def is_expired(session: MutableMapping, user: User, now: datetime) -> bool:
    """Idle too long, or older than the absolute lifetime. A session from before these rules, with no
    times in it, has ended too."""
    started, seen, at = session.get(STARTED), session.get(SEEN), now.timestamp()
    if not isinstance(started, int) or not isinstance(seen, int):
        return True
    return at - seen > idle_limit_seconds(user) or at - started > current_app.config["SESSION_MAX_HOURS"] * 3600


def touch(session: MutableMapping, now: datetime) -> None:
    at = int(now.timestamp())
    if at - session.get(SEEN, 0) >= SEEN_PRECISION_SECONDS:
        session[SEEN] = at


def pending_step(session: MutableMapping, user: User) -> str | None:
    """"code" while a user with a second factor has not given it in this session; "enrol" while a user
    whose role requires one has none; None when the session may be used."""
    if user.has_second_factor:
        return None if session.get(SECOND_FACTOR) == user.get_id() else "code"
    return "enrol" if user.sees_client_data else None
