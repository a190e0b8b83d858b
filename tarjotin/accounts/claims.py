"""Claiming a listing that has no editor, and registering a new organisation; a moderator decides."""
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from tarjotin.accounts.models import Claim, Membership
from tarjotin.accounts.permissions import require_moderator
from tarjotin.accounts.services import normalize_email, send_invitation
from tarjotin.directory.models import Organization
from tarjotin.extensions import db
from tarjotin.outbox.service import enqueue_template


@dataclass(frozen=True)
class Applicant:
    name: str
    email: str
    message: str | None


class AlreadyMaintained(Exception):
    """The organisation has an editor: they can invite more."""


def has_editor(organization_id: str) -> bool:
    return db.session.scalar(sa.select(sa.exists().where(Membership.organization_id == organization_id)))


def claim(organization: Organization, applicant: Applicant) -> Claim:
    if has_editor(organization.id) or organization.status == "archived":
        raise AlreadyMaintained
    row = Claim(organization=organization, name=applicant.name, email=normalize_email(applicant.email),
                message=applicant.message)
    db.session.add(row)
    return row


def register(name: str, business_id: str | None, email: str | None, applicant: Applicant) -> Claim:
    """A new organisation stays a draft, out of search, until a moderator approves the claim."""
    organization = Organization(name=name, business_id=business_id, email=email, status="draft")
    db.session.add(organization)
    return claim(organization, applicant)


def pending(actor) -> list[Claim]:
    require_moderator(actor)
    return db.session.scalars(sa.select(Claim).where(Claim.status == "pending").order_by(Claim.created_at)).all()


def get(actor, claim_id: str) -> Claim | None:
    require_moderator(actor)
    return db.session.get(Claim, claim_id)


def decide(actor, row: Claim, approve: bool, message: str | None, lang: str, now: datetime) -> None:
    moderator = require_moderator(actor)
    if row.status != "pending":
        raise ValueError("already decided")
    row.status, row.decided_by_id, row.decided_at = ("approved" if approve else "rejected"), moderator.id, now
    if approve:
        if row.organization.status == "draft":
            row.organization.status = "published"
        send_invitation(row.email, "editor", row.organization_id, moderator, lang)
    else:
        enqueue_template("accounts/claim_rejected", lang, [row.email], claim=row, message=message)
