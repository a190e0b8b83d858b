"""What happens to requests over time: reminders, escalation to the county, and the purge."""
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from tarjotin.accounts.permissions import SYSTEM
from tarjotin.contact import links
from tarjotin.contact.models import ContactRequest
from tarjotin.contact.services import audit, mail_language, names_in
from tarjotin.extensions import db
from tarjotin.outbox.service import enqueue_template
from tarjotin.workdays import working_days_since



def send_reminders(now: datetime) -> tuple[int, int]:
    """Remind organisations of unopened requests, then tell the county. Returns (reminded, escalated).
    Safe to run as often as cron likes: each request is reminded and escalated at most once."""
    config = current_app.config
    unopened = db.session.scalars(
        sa.select(ContactRequest).where(
            ContactRequest.status == "sent",
            ContactRequest.purged_at.is_(None),
            ContactRequest.escalated_at.is_(None),
        )
    ).all()
    reminded = escalated = 0
    for contact_request in unopened:
        waited = working_days_since(contact_request.created_at, now, config["BABEL_DEFAULT_TIMEZONE"])
        if waited >= config["CONTACT_ESCALATION_WORKING_DAYS"]:
            _mail(contact_request, "contact/county_escalation", "county", [config["COUNTY_FALLBACK_EMAIL"]], waited)
            contact_request.escalated_at = now
            audit(contact_request, "escalated", SYSTEM, now)
            escalated += 1
        elif waited >= config["CONTACT_REMINDER_WORKING_DAYS"] and contact_request.reminded_at is None:
            _mail(contact_request, "contact/organisation_reminder", "organisation", contact_request.recipients, waited)
            contact_request.reminded_at = now
            audit(contact_request, "reminded", SYSTEM, now)
            reminded += 1
    return reminded, escalated


def _mail(contact_request: ContactRequest, template: str, audience: str, recipients: list[str], waited: int) -> None:
    services = [item.service for item in contact_request.items if item.service is not None]
    lang = mail_language(services) if audience == "organisation" else "fi"
    enqueue_template(
        template, lang, recipients,
        request=contact_request,
        organization_name=contact_request.organization.name if contact_request.organization else "",
        services=names_in(services, lang) or [item.service_name for item in contact_request.items],
        waited=waited,
        link=links.public_url("contact.review_request", token=links.sign(contact_request.id, audience)),
        valid_days=current_app.config["CONTACT_LINK_MAX_AGE_DAYS"],
    )


def purge(now: datetime) -> int:
    """Empty the personal fields of requests closed more than CONTACT_RETENTION_DAYS ago, and of any
    request, closed or not, without activity for CONTACT_MAX_RETENTION_DAYS.
    The rows stay: offering, theme, municipality, status and time to first contact are anonymous."""
    config = current_app.config
    cutoff = now - timedelta(days=config["CONTACT_RETENTION_DAYS"])
    idle_since = now - timedelta(days=config["CONTACT_MAX_RETENTION_DAYS"])
    due = db.session.scalars(
        sa.select(ContactRequest).where(
            sa.or_(ContactRequest.closed_at <= cutoff, ContactRequest.last_activity_at <= idle_since),
            ContactRequest.purged_at.is_(None),
        )
    ).all()
    for contact_request in due:
        contact_request.name = contact_request.phone = contact_request.email = None
        contact_request.message = contact_request.outcome_note = None
        contact_request.purged_at = now
        audit(contact_request, "purged", SYSTEM, now)
    return len(due)
