"""Submitting a contact request, routing it, and the organisation's handling of it.

Every function adds to the current session and leaves the commit to the request or command, so a
request and the outbox rows that announce it are stored together or not at all.
"""
from dataclasses import asdict, dataclass
from datetime import datetime

from flask import current_app
from limits import parse_many

from tarjotin.contact import links
from tarjotin.contact.models import ContactRequest, ContactRequestAudit, ContactRequestItem
from tarjotin.directory.models import Service
from tarjotin.directory.offerings import is_accepting, municipality_codes, names_in, theme_codes
from tarjotin.directory.routing import Route, routes
from tarjotin.extensions import db, limiter
from tarjotin.i18n import mail_language
from tarjotin.outbox.service import enqueue_template
from tarjotin.references import new_reference


@dataclass(frozen=True)
class ContactDetails:
    name: str
    phone: str | None
    email: str | None
    language: str
    preferred_channel: str
    preferred_time: str
    message: str | None


def _within_limits(route: Route) -> Route:
    """The route as planned while its addresses are under CONTACT_RATE_LIMIT_RECIPIENT, counted; past
    it, the county's address instead. Refusing would let a few clients silence an organisation on
    purpose (the per-client limit stops any one of them); this way no resident's request is lost."""
    if not limiter.enabled or route.is_fallback:
        return route
    limits = parse_many(current_app.config["CONTACT_RATE_LIMIT_RECIPIENT"])
    strategy = limiter.limiter
    if not all(strategy.test(limit, "contact-recipient", r) for limit in limits for r in route.recipients):
        return Route(route.organization, route.services, [current_app.config["COUNTY_FALLBACK_EMAIL"]],
                     is_fallback=True, is_overflow=True)
    for limit in limits:
        for recipient in route.recipients:
            strategy.hit(limit, "contact-recipient", recipient)
    return route


def submit(services: list[Service], details: ContactDetails, consent_text: str, locale: str,
           now: datetime) -> list[ContactRequest]:
    """One request per organisation, each announced to its recipients; a confirmation to the resident."""
    planned = [_within_limits(route) for route in routes(services)]
    requests, summary = [], []
    for route in planned:
        contact_request = ContactRequest(
            reference=new_reference("YP"),
            organization=route.organization,
            recipients=route.recipients,
            is_fallback_routed=route.is_fallback,
            locale=locale,
            consent_text=consent_text,
            consent_given_at=now,
            last_activity_at=now,
            items=[_item(service) for service in route.services],
            **asdict(details),
        )
        db.session.add(contact_request)
        db.session.flush()  # the signed link needs the id
        _announce(contact_request, route)
        requests.append(contact_request)
        summary.append((contact_request.reference, route.organization.name, names_in(route.services, locale)))
    if details.email:
        # Only what was asked of whom: the resident's own message is not echoed into a mailbox.
        enqueue_template("contact/resident_confirmation", locale, [details.email], requests=summary)
    return requests


def _item(service: Service) -> ContactRequestItem:
    return ContactRequestItem(
        service=service,
        service_name=service.name,
        theme_codes=theme_codes(service),
        municipality_codes=municipality_codes(service),
        was_accepting_new=is_accepting(service),
    )


def _announce(contact_request: ContactRequest, route: Route) -> None:
    lang = "fi" if route.is_overflow else mail_language(route.services)
    enqueue_template(
        "contact/organisation_request", lang, contact_request.recipients,
        request=contact_request,
        services=names_in(route.services, lang),
        link=links.public_url("contact.review_request", token=links.sign(contact_request.id, "organisation")),
        valid_days=current_app.config["CONTACT_LINK_MAX_AGE_DAYS"],
        include_details=route.organization.id in current_app.config["CONTACT_DETAILS_IN_EMAIL"],
        is_overflow=route.is_overflow,
    )


def audit(contact_request: ContactRequest, action: str, actor: str, now: datetime) -> None:
    db.session.add(ContactRequestAudit(contact_request_id=contact_request.id, action=action, actor=actor, at=now))


def open_request(token: str, now: datetime) -> tuple[ContactRequest, str]:
    """The request behind a signed link, with the view written to the audit trail. Viewing is not
    taking it up: a mail scanner fetches the link too, and must not stop the reminder and escalation.
    Raises links.LinkExpired or links.LinkInvalid."""
    request_id, audience = links.verify(token)
    contact_request = db.session.get(ContactRequest, request_id)
    if contact_request is None:
        raise links.LinkInvalid
    audit(contact_request, "viewed", f"{audience}-link", now)
    return contact_request, audience


def take_up(contact_request: ContactRequest, audience: str, now: datetime) -> None:
    """The organisation says on the page that it handles the request (a button, not the opening)."""
    if contact_request.status == "sent" and audience == "organisation":
        contact_request.status, contact_request.opened_at, contact_request.last_activity_at = "opened", now, now
        audit(contact_request, "opened", f"{audience}-link", now)


def record_outcome(contact_request: ContactRequest, outcome: str, note: str | None, actor: str, now: datetime) -> None:
    if contact_request.purged_at is not None:
        raise ValueError("the request has been purged")
    contact_request.outcome, contact_request.outcome_note, contact_request.last_activity_at = outcome, note or None, now
    contact_request.opened_at = contact_request.opened_at or now
    if contact_request.closed_at is None:
        contact_request.status, contact_request.closed_at = "closed", now
    audit(contact_request, "outcome_recorded", actor, now)
