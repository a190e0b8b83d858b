"""The yearly review: confirming a listing, the review mails at 11, 12 and 13 months, stale listings."""
import calendar
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa
from flask import current_app

from tarjotin.accounts.models import Membership, User
from tarjotin.accounts.permissions import require_editor, require_moderator
from tarjotin.directory.models import Organization
from tarjotin.directory.visibility import public_organization_clause
from tarjotin.extensions import db
from tarjotin.i18n import mail_language
from tarjotin.manage import changes, links
from tarjotin.manage.models import REVIEW_STAGES, ReviewReminder
from tarjotin.outbox.service import enqueue_template


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later, or the month's last day (31 Jan + 1 = 28/29 Feb)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def confirm(actor, organization: Organization, today: date) -> None:
    """"Still up to date": the organisation and its active offerings count as checked today.
    `actor` None means a signed e-mail link, checked by the caller."""
    if actor is not None:
        require_editor(actor, organization.id)
    changes.record(organization, "organization", organization.id, "confirm",
                   {"assured_date": (_iso(organization.assured_date), today.isoformat())}, "applied", actor)
    organization.assured_date = today
    for service in organization.services:
        if service.status == "active":
            service.assured_date = today


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def cycle_date(organization: Organization) -> date:
    """The check a review cycle counts from; a listing never confirmed counts from its creation."""
    return organization.assured_date or organization.created_at.date()


def _checked_before(day: date):
    return sa.or_(
        Organization.assured_date <= day,
        sa.and_(Organization.assured_date.is_(None),
                Organization.created_at < datetime.combine(day + timedelta(days=1), datetime.min.time(),
                                                           tzinfo=timezone.utc)),
    )


def due_stage(organization: Organization, today: date) -> int | None:
    reached = [m for m in REVIEW_STAGES if add_months(cycle_date(organization), m) <= today]
    return max(reached) if reached else None


def send_due(now: datetime) -> int:
    """Mail each published organisation the latest stage it has reached, once per stage and cycle.
    A stage skipped (cron down for a month) is not sent late: the later one says the same."""
    today = now.date()
    organizations = db.session.scalars(sa.select(Organization).where(
        public_organization_clause(), _checked_before(add_months(today, -REVIEW_STAGES[0])))).all()
    sent = 0
    for organization in organizations:
        stage, cycle = due_stage(organization, today), cycle_date(organization)
        if stage is None or _already_sent(organization.id, cycle, stage):
            continue
        _send(organization, stage)
        db.session.add(ReviewReminder(organization_id=organization.id, cycle_date=cycle, stage=stage, sent_at=now))
        sent += 1
    return sent


def _already_sent(organization_id: str, cycle: date, stage: int) -> bool:
    return db.session.scalar(sa.select(sa.exists().where(
        ReviewReminder.organization_id == organization_id, ReviewReminder.cycle_date == cycle,
        ReviewReminder.stage >= stage)))


def _send(organization: Organization, stage: int) -> None:
    services = [s for s in organization.services if s.status == "active"]
    context = {
        "organization": organization, "stage": stage,
        "confirm_link": links.confirm_link(organization),
        "capacity": [(s.name, links.capacity_links(s)) for s in services],
    }
    editors = db.session.scalars(sa.select(User).join(Membership).where(
        Membership.organization_id == organization.id, User.is_disabled.is_(False))).all()
    for editor in editors:
        enqueue_template("manage/review", editor.locale, [editor.email], **context)
    if organization.email and organization.email.lower() not in {e.email for e in editors}:
        enqueue_template("manage/review", mail_language(services), [organization.email], **context)


def stale(actor, today: date, limit: int = 200) -> list[Organization]:
    """Published organisations not checked for STALE_AFTER_DAYS (about 14 months), oldest first."""
    require_moderator(actor)
    before = today - timedelta(days=current_app.config["STALE_AFTER_DAYS"])
    return db.session.scalars(
        sa.select(Organization).where(public_organization_clause(), _checked_before(before))
        .order_by(Organization.assured_date.asc().nulls_first(), Organization.created_at)
        .limit(limit)
    ).all()
