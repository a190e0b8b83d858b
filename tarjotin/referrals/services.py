"""Sending referrals, reading them, and moving them through the loop.

Every function takes the acting user (or the verified link) and checks it for each referral it
touches; every function adds to the session and leaves the commit to the request or command, so
a referral and the e-mails announcing it are stored together or not at all.
"""
import uuid
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from tarjotin.accounts.models import User
from tarjotin.accounts.permissions import SYSTEM, PermissionDenied, actor_label, require_role
from tarjotin.directory.models import Service
from tarjotin.directory.offerings import alternatives, names_in, theme_codes
from tarjotin.directory.routing import routes
from tarjotin.extensions import db
from tarjotin.i18n import mail_language
from tarjotin.outbox.service import enqueue_template
from tarjotin.referrals import links
from tarjotin.referrals.machine import ADVISOR, ORGANISATION, transition
from tarjotin.referrals.models import CarePathway, PathwayStep, Referral, ReferralAudit
from tarjotin.referrals.suggestions import ClientPlace
from tarjotin.references import new_reference
from tarjotin.signing import public_url

REFERRER_ROLES = ("advisor", "moderator", "admin")
LINK_ACTOR = "organisation-link"


@dataclass(frozen=True)
class Client:
    """Who the organisation contacts; None of it when the client makes contact themselves."""

    name: str
    phone: str | None
    email: str | None
    preferred_channel: str


@dataclass(frozen=True)
class Order:
    """What the advisor chose on the first two screens."""

    services: list[Service]
    step: PathwayStep | None
    need: str | None
    place: ClientPlace
    language: str
    client: Client | None
    consent_text: str | None
    slip_email: str | None  # where the slip goes; not stored with the referral


def require_referrer(actor) -> User:
    return require_role(actor, REFERRER_ROLES)


def audit(referral: Referral, action: str, actor: str, now: datetime) -> None:
    db.session.add(ReferralAudit(referral_id=referral.id, action=action, actor=actor, at=now))


def pathways(actor) -> list[CarePathway]:
    require_referrer(actor)
    return db.session.scalars(
        sa.select(CarePathway).options(selectinload(CarePathway.steps)).order_by(CarePathway.position, CarePathway.name)
    ).all()


def step(actor, step_id: str | None) -> PathwayStep | None:
    require_referrer(actor)
    return db.session.get(PathwayStep, step_id) if step_id else None


def send(actor, order: Order, now: datetime) -> list[Referral]:
    """One referral per offering, each announced to its organisation; the slip to the client on request."""
    advisor = require_referrer(actor)
    batch = str(uuid.uuid4())
    referrals = []
    for route in routes(order.services):
        for service in route.services:
            referral = _referral(advisor, order, service, route.recipients, batch, now)
            db.session.add(referral)
            db.session.flush()  # the signed link needs the id
            _announce(referral, service)
            referrals.append(referral)
    if order.slip_email:
        enqueue_template("referrals/client_slip", order.language, [order.slip_email], referrals=referrals,
                         service_url=_service_url)
    return referrals


def _referral(advisor: User, order: Order, service: Service, recipients: list[str], batch: str,
              now: datetime) -> Referral:
    client = order.client
    return Referral(
        reference=new_reference("LH"),
        batch=batch,
        advisor=advisor,
        service=service,
        organization=service.organization,
        pathway_id=order.step.pathway_id if order.step else None,
        step=order.step,
        recipients=recipients,
        service_name=service.name,
        organization_name=service.organization.name,
        theme_codes=theme_codes(service),
        client_municipality_code=order.place.municipality_code,
        mode="details" if client else "self",
        client_language=order.language,
        need=order.need or None,
        client_name=client.name if client else None,
        client_phone=client.phone if client else None,
        client_email=client.email if client else None,
        preferred_channel=client.preferred_channel if client else None,
        consent_text=order.consent_text if client else None,
        consent_recorded_by=advisor if client else None,
        consent_recorded_at=now if client else None,
        created_at=now,
        last_activity_at=now,
    )


def _service_url(service: Service) -> str:
    return public_url("directory.show_service", service_id=service.id)


def _announce(referral: Referral, service: Service) -> None:
    lang = mail_language([service])
    enqueue_template(
        "referrals/organisation_referral", lang, referral.recipients,
        referral=referral,
        service_name=names_in([service], lang)[0],
        link=public_url("referrals.review_referral", token=links.sign(referral.id)),
        valid_days=current_app.config["REFERRAL_LINK_MAX_AGE_DAYS"],
    )


def _may_read(actor, referral: Referral) -> bool:
    return actor.is_moderator or referral.advisor_id == actor.id


def get(actor, referral_id: str, now: datetime) -> Referral | None:
    """One referral for its advisor or a moderator; the view is audited."""
    user = require_referrer(actor)
    referral = db.session.get(Referral, referral_id)
    if referral is None:
        return None
    if not _may_read(user, referral):
        raise PermissionDenied
    audit(referral, "viewed", actor_label(user), now)
    return referral


def batch(actor, batch_id: str, now: datetime) -> list[Referral]:
    """The referrals sent together (one slip); each view is audited."""
    user = require_referrer(actor)
    found = db.session.scalars(sa.select(Referral).where(Referral.batch == batch_id).order_by(Referral.reference)).all()
    if any(not _may_read(user, r) for r in found):
        raise PermissionDenied
    for referral in found:
        audit(referral, "viewed", actor_label(user), now)
    return found


def mine(actor) -> list[Referral]:
    """The advisor's own referrals, newest first (moderators also see only their own here)."""
    user = require_referrer(actor)
    return db.session.scalars(
        sa.select(Referral).where(Referral.advisor_id == user.id).order_by(Referral.created_at.desc(), Referral.reference)
    ).all()


def advisor_move(actor, referral: Referral, to: str, now: datetime) -> None:
    """Cancel, or close a declined one: only the advisor who sent it."""
    user = require_referrer(actor)
    if referral.advisor_id != user.id:
        raise PermissionDenied
    transition(referral, to, ADVISOR, actor_label(user), now)


def open_by_link(token: str, now: datetime) -> Referral:
    """The referral behind an organisation's link, audited. Viewing does not open it: a mail scanner
    fetches the link too, and the advisor's "unopened" notice must still come. The organisation
    opens it with the page's button. Raises links.LinkExpired or LinkInvalid."""
    referral = db.session.get(Referral, links.verify(token))
    if referral is None:
        raise links.LinkInvalid
    audit(referral, "viewed", LINK_ACTOR, now)
    return referral


def organisation_move(referral: Referral, to: str, reason: str | None, now: datetime) -> None:
    """The organisation's update from its link page; a decline is told to the advisor at once."""
    transition(referral, to, ORGANISATION, LINK_ACTOR, now, reason)
    if to == "declined":
        notify_advisor(referral, "declined", now)


def notify_advisor(referral: Referral, kind: str, now: datetime) -> None:
    """Tell the advisor (no client data) with alternatives to offer the client instead."""
    advisor = referral.advisor
    if advisor is None or advisor.is_disabled:
        return
    enqueue_template(
        "referrals/advisor_notice", advisor.locale if advisor.locale in ("fi", "sv", "en") else "fi", [advisor.email],
        referral=referral, kind=kind,
        alternatives=[names_in([s], advisor.locale)[0] for s in suggested_alternatives(referral)],
        link=public_url("referrals.show_referral", referral_id=referral.id),
    )
    audit(referral, "advisor_notified", SYSTEM, now)


def suggested_alternatives(referral: Referral) -> list[Service]:
    return alternatives(referral.service) if referral.service is not None else []
