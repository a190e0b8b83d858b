"""Staff requests to experience experts: sent as a signed link, answered by the expert, counted."""
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from tarjotin import signing
from tarjotin.accounts.permissions import PermissionDenied, require_role
from tarjotin.extensions import db
from tarjotin.outbox.service import enqueue_template
from tarjotin.participation.audit import FINDER_ROLES, audit
from tarjotin.participation.experts import is_owner
from tarjotin.participation.models import ExpertProfile, ExpertRequest

SALT = "expert-request-link"
# Those who see every request, not only their own.


@dataclass(frozen=True)
class RequestValues:
    work_kind: str
    purpose: str
    period: str
    format: str
    fee: str


class NotOpen(Exception):
    """The request has been answered already, or its profile has been withdrawn."""


def _link_days() -> int:
    return current_app.config["EXPERT_LINK_MAX_AGE_DAYS"]


def link_for(request: ExpertRequest) -> str:
    return signing.public_url("participation.answer_request", token=signing.sign(SALT, request.id))


def send(actor, profile: ExpertProfile, values: RequestValues, lang: str, now: datetime) -> ExpertRequest:
    """The mail carries a link, not the purpose: the expert reads it behind the signed link."""
    requester = require_role(actor, FINDER_ROLES)
    if profile.status != "published":
        raise PermissionDenied
    request = ExpertRequest(profile=profile, requested_by=requester, **vars(values))
    db.session.add(request)
    db.session.flush()  # the link needs the id
    enqueue_template("participation/expert_request", lang, [profile.recipient], display_name=profile.display_name,
                     link=link_for(request), valid_days=_link_days())
    return request


def open_by_token(token: str, now: datetime) -> ExpertRequest:
    """Raises signing.LinkExpired or signing.LinkInvalid."""
    request_id = signing.verify(SALT, token, _link_days() * 24 * 3600)
    request = db.session.get(ExpertRequest, request_id) if isinstance(request_id, str) else None
    if request is None or request.profile is None:
        raise signing.LinkInvalid
    audit("request", request.id, "viewed", "expert-link", now)
    return request


def answer(request: ExpertRequest, accept: bool, message: str | None, now: datetime) -> None:
    if request.status != "sent" or request.profile is None:
        raise NotOpen
    request.status, request.answer, request.answered_at = ("accepted" if accept else "declined"), message, now
    audit("request", request.id, "answered", "expert-link", now)
    if request.requested_by is not None:
        enqueue_template("participation/request_answered", request.requested_by.locale, [request.requested_by.email],
                         request=request, display_name=request.profile.display_name)


def sent_by(actor) -> list[ExpertRequest]:
    """The actor's own requests; moderators and admins see all, as they follow how the bank is used."""
    user = require_role(actor, FINDER_ROLES)
    query = sa.select(ExpertRequest).order_by(ExpertRequest.created_at.desc())
    if not user.is_moderator:
        query = query.where(ExpertRequest.requested_by_id == user.id)
    return db.session.scalars(query).all()


def for_profile(actor, profile: ExpertProfile) -> list[ExpertRequest]:
    if not is_owner(actor, profile):
        raise PermissionDenied
    return db.session.scalars(
        sa.select(ExpertRequest).where(ExpertRequest.profile_id == profile.id).order_by(ExpertRequest.created_at.desc())
    ).all()


def statistics(actor, zone) -> list[tuple[str, str, int, int]]:
    """(month, kind, requests, accepted), newest month first. Grouped here: one year is a few hundred rows,
    and the month must be the county's local month on SQLite and PostgreSQL alike."""
    require_role(actor, FINDER_ROLES)
    rows = db.session.execute(sa.select(ExpertRequest.created_at, ExpertRequest.work_kind, ExpertRequest.status))
    total, accepted = Counter(), Counter()
    for created_at, kind, status in rows:
        key = (created_at.astimezone(zone).strftime("%Y-%m"), kind)
        total[key] += 1
        accepted[key] += status == "accepted"
    return [(month, kind, total[month, kind], accepted[month, kind]) for month, kind in sorted(total, reverse=True)]
