"""Signed links in the mail organisations receive: set capacity, or confirm the listing is up to date.

The link is the authority, as in the contact-request mail, so a volunteer needs no password for
either. Both actions are safe to repeat, so a link works until it expires.
"""
from flask import current_app

from tarjotin import signing
from tarjotin.directory.models import CAPACITY_STATUSES, Organization, Service
from tarjotin.extensions import db

SALT = "manage-link"


def capacity_link(service: Service, state: str) -> str:
    token = signing.sign(SALT, {"a": "capacity", "s": service.id, "v": state})
    return signing.public_url("manage.email_action", token=token)


def capacity_links(service: Service) -> dict[str, str]:
    return {state: capacity_link(service, state) for state in CAPACITY_STATUSES}


def confirm_link(organization: Organization) -> str:
    return signing.public_url("manage.email_action", token=signing.sign(SALT, {"a": "confirm", "o": organization.id}))


def open_link(token: str) -> tuple[str, Organization | Service, str | None]:
    """The action, its object and the capacity state. Raises signing.LinkExpired or LinkInvalid."""
    data = signing.verify(SALT, token, current_app.config["MANAGE_LINK_MAX_AGE_DAYS"] * 86400)
    action = data.get("a") if isinstance(data, dict) else None
    if action == "confirm":
        obj = db.session.get(Organization, data.get("o"))
    elif action == "capacity" and data.get("v") in CAPACITY_STATUSES:
        obj = db.session.get(Service, data.get("s"))
    else:
        obj = None
    if obj is None:
        raise signing.LinkInvalid
    return action, obj, data.get("v")
