"""Claims and invitations carry names and e-mail addresses; they are deleted once their purpose is over."""
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from tarjotin.accounts.models import Claim, Invitation
from tarjotin.extensions import db


def purge(now: datetime) -> tuple[int, int]:
    """Delete claims CLAIM_RETENTION_DAYS after they were made or decided, whatever the decision, and
    invitations INVITATION_RETENTION_DAYS after they were sent (long expired by then, used or not; an
    accepted one lives on as the account and its membership). Returns (claims, invitations)."""
    config = current_app.config
    claims = db.session.execute(sa.delete(Claim).where(
        sa.func.coalesce(Claim.decided_at, Claim.created_at) <= now - timedelta(days=config["CLAIM_RETENTION_DAYS"])))
    invitations = db.session.execute(sa.delete(Invitation).where(
        Invitation.created_at <= now - timedelta(days=config["INVITATION_RETENTION_DAYS"])))
    return claims.rowcount, invitations.rowcount
