"""What happens to referrals over time: the advisor hears of unopened ones, and client data is purged."""
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from tarjotin.accounts.permissions import SYSTEM
from tarjotin.extensions import db
from tarjotin.referrals.models import Referral
from tarjotin.referrals.services import audit, notify_advisor
from tarjotin.workdays import working_days_since


def is_overdue(referral: Referral, now: datetime) -> bool:
    """Still unopened after REFERRAL_UNOPENED_WORKING_DAYS working days."""
    config = current_app.config
    return referral.status == "sent" and working_days_since(
        referral.created_at, now, config["BABEL_DEFAULT_TIMEZONE"]
    ) >= config["REFERRAL_UNOPENED_WORKING_DAYS"]


def notify_unopened(now: datetime) -> int:
    """Tell advisors of referrals still unopened; each referral once, so cron may run this often."""
    waiting = db.session.scalars(
        sa.select(Referral).where(Referral.status == "sent", Referral.unopened_notified_at.is_(None))
    ).all()
    due = [referral for referral in waiting if is_overdue(referral, now)]
    for referral in due:
        notify_advisor(referral, "unopened", now)
        referral.unopened_notified_at = now
    return len(due)


def purge(now: datetime) -> int:
    """Empty the client's data REFERRAL_RETENTION_DAYS after the referral was closed or cancelled, and
    REFERRAL_MAX_RETENTION_DAYS after its last move whatever its status (a loop nobody ended).
    The rows stay: offering, pathway, theme, municipality, statuses and their times are anonymous."""
    config = current_app.config
    cutoff = now - timedelta(days=config["REFERRAL_RETENTION_DAYS"])
    idle_since = now - timedelta(days=config["REFERRAL_MAX_RETENTION_DAYS"])
    due = db.session.scalars(
        sa.select(Referral).where(
            sa.or_(sa.func.coalesce(Referral.closed_at, Referral.cancelled_at) <= cutoff,
                   Referral.last_activity_at <= idle_since),
            Referral.purged_at.is_(None),
        )
    ).all()
    for referral in due:
        referral.need = referral.client_name = referral.client_phone = referral.client_email = None
        referral.purged_at = now
        audit(referral, "purged", SYSTEM, now)
    return len(due)
