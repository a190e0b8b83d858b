"""Open calls to take part (panels, workshops, surveys, testing), sign-ups, their export and purge."""
import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa

from tarjotin.accounts.permissions import SYSTEM, PermissionDenied, actor_label, require_role
from tarjotin.extensions import db
from tarjotin.participation.audit import ORGANISER_ROLES, audit
from tarjotin.participation.labels import CALL_KIND_LABELS
from tarjotin.participation.models import CallSignup, OpenCall
from tarjotin.search.engine import FinnishAnalyzer
from tarjotin.search.extras import ExtraQuery
from tarjotin.spreadsheet import safe_cell

# A word in the title says more about what the call is than one in its longer texts.
MATCH_FIELDS = {"title": 2.0, "who_sought": 1.0, "involves": 1.0}


@dataclass(frozen=True)
class CallValues:
    kind: str
    title: str
    who_sought: str
    involves: str
    fee: str | None
    event_date: date | None
    duration_minutes: int | None
    survey_url: str | None
    closes_on: date
    retention_days: int


@dataclass(frozen=True)
class SignupDetails:
    name: str
    email: str | None
    phone: str | None
    note: str | None


class CallClosed(Exception):
    pass


def require_organiser_role(actor):
    return require_role(actor, ORGANISER_ROLES)


def publish(actor, values: CallValues) -> OpenCall:
    call = OpenCall(organiser=require_organiser_role(actor), **vars(values))
    db.session.add(call)
    return call


def open_calls(today: date) -> list[OpenCall]:
    return db.session.scalars(
        sa.select(OpenCall).where(OpenCall.is_published.is_(True), OpenCall.closes_on >= today)
        .order_by(OpenCall.closes_on, OpenCall.title)
    ).all()


def matching_open_calls(analyzer: FinnishAnalyzer, text: str, today: date, limit: int = 3) -> list[OpenCall]:
    """Open calls that share a search word, best match first, for the search results page.

    `analyzer` is the live index's, so a word matches a call exactly as it would match an
    offering (inflections, compound parts). Open calls are few: they are analysed per request,
    and the analyser's caches keep that cheap rather than giving them a place in the index.
    """
    words = analyzer.query_words(text)
    if not words:
        return []
    scored = []
    for call in open_calls(today):
        fields = [(boost, frozenset(analyzer.index_terms(getattr(call, name)))) for name, boost in MATCH_FIELDS.items()]
        score = sum(
            max((weight * boost for term, weight in word.terms.items() for boost, terms in fields if term in terms),
                default=0.0)
            for word in words
        )
        if score:
            scored.append((score, call))
    # A stable sort: equal matches keep open_calls' order, the soonest closing first.
    scored.sort(key=lambda pair: -pair[0])
    return [call for _, call in scored[:limit]]


def results_extra(query: ExtraQuery) -> dict | None:
    """The search results page's open calls section (registered by the participation blueprint)."""
    found = matching_open_calls(query.analyzer, query.text, query.today)
    return {"calls": found, "kind_labels": CALL_KIND_LABELS} if found else None


def public_call(call_id: str, today: date) -> OpenCall | None:
    call = db.session.get(OpenCall, call_id)
    return call if call is not None and call.is_published and call.closes_on >= today else None


def sign_up(call: OpenCall, details: SignupDetails, consent_text: str, locale: str, now: datetime,
            today: date) -> CallSignup:
    # A survey is answered where its link leads; nobody's details are collected here for it.
    if call.closes_on < today or call.kind == "survey":
        raise CallClosed
    signup = CallSignup(call=call, locale=locale, consent_text=consent_text, consent_given_at=now, **vars(details))
    db.session.add(signup)
    return signup


def _require_organiser(actor, call: OpenCall):
    """The call's own organiser, or a moderator or admin; other staff do not see each other's sign-ups."""
    user = require_role(actor, ORGANISER_ROLES)
    if call.organiser_id != user.id and not user.is_moderator:
        raise PermissionDenied
    return user


def organised_by(actor) -> list[OpenCall]:
    user = require_role(actor, ORGANISER_ROLES)
    query = sa.select(OpenCall).order_by(OpenCall.closes_on.desc())
    if not user.is_moderator:
        query = query.where(OpenCall.organiser_id == user.id)
    return db.session.scalars(query).all()


def signups(actor, call: OpenCall, now: datetime) -> list[CallSignup]:
    audit("call", call.id, "viewed", actor_label(_require_organiser(actor, call)), now)
    return list(call.signups)


def export_csv(actor, call: OpenCall, now: datetime) -> str:
    audit("call", call.id, "exported", actor_label(_require_organiser(actor, call)), now)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["signed_up_at", "name", "email", "phone", "note", "language"])
    for s in call.signups:
        writer.writerow([s.created_at.isoformat(timespec="seconds"), *map(safe_cell, (s.name, s.email, s.phone, s.note)),
                         s.locale])
    return out.getvalue()


def purge(now: datetime) -> int:
    """Delete the sign-ups of calls closed more than their retention period ago. Returns how many."""
    calls = db.session.scalars(sa.select(OpenCall).where(OpenCall.signups_purged_at.is_(None))).all()
    purged = 0
    for call in calls:
        if call.closes_on + timedelta(days=call.retention_days) < now.date():
            purged += len(call.signups)
            call.signups.clear()
            call.signups_purged_at = now
            audit("call", call.id, "purged", SYSTEM, now)
    return purged
