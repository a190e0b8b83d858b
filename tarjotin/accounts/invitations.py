"""The admin's view of invitations still waiting to be accepted: list, revoke, send again."""
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import selectinload

from tarjotin.accounts.models import Invitation
from tarjotin.accounts.permissions import require_admin
from tarjotin.accounts.services import send_invitation
from tarjotin.extensions import db


def pending(actor, now: datetime) -> list[Invitation]:
    """Sent, not accepted, not revoked and not expired, oldest first."""
    require_admin(actor)
    sent_after = now - timedelta(days=current_app.config["INVITATION_MAX_AGE_DAYS"])
    return db.session.scalars(
        sa.select(Invitation).options(selectinload(Invitation.invited_by), selectinload(Invitation.organization))
        .where(Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None), Invitation.created_at > sent_after)
        .order_by(Invitation.created_at)
    ).all()


def _waiting(invitation_id: str) -> Invitation | None:
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.accepted_at is not None or invitation.revoked_at is not None:
        return None
    return invitation


def revoke(actor, invitation_id: str, now: datetime) -> Invitation | None:
    """The link stops working at once. None when there is nothing left to revoke."""
    require_admin(actor)
    invitation = _waiting(invitation_id)
    if invitation is not None:
        invitation.revoked_at = now
    return invitation


def resend(actor, invitation_id: str, lang: str, now: datetime) -> Invitation | None:
    """A fresh link from the admin (the old one is revoked): for a lost mail or one about to expire."""
    admin = require_admin(actor)
    old = revoke(admin, invitation_id, now)
    if old is None:
        return None
    return send_invitation(old.email, old.role, old.organization_id, admin, lang)
