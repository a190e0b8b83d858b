"""Editors' actions on their organisation's listings; every object is checked against the actor."""
from collections.abc import Mapping
from datetime import datetime

import sqlalchemy as sa

from tarjotin.accounts.permissions import PermissionDenied, require_editor
from tarjotin.directory.models import CAPACITY_STATUSES, Location, Municipality, Organization, Service
from tarjotin.extensions import db
from tarjotin.geo import get_geocoder
from tarjotin.manage import changes
from tarjotin.manage.models import ChangeSet


def _get(actor, model, object_id: str):
    """The object if the actor may edit it. Someone else's id looks the same as a missing one."""
    obj = db.session.get(model, object_id)
    organization_id = obj.id if isinstance(obj, Organization) else getattr(obj, "organization_id", None)
    if obj is None or organization_id is None:
        raise PermissionDenied
    require_editor(actor, organization_id)
    return obj


def organization(actor, organization_id: str) -> Organization:
    return _get(actor, Organization, organization_id)


def service(actor, service_id: str) -> Service:
    return _get(actor, Service, service_id)


def location(actor, location_id: str) -> Location:
    return _get(actor, Location, location_id)


def my_organizations(actor) -> list[Organization]:
    return db.session.scalars(
        sa.select(Organization).where(Organization.id.in_(actor.organization_ids)).order_by(Organization.name)
    ).all()


def geocode(config: Mapping, values: dict) -> dict:
    """Fill in coordinates and municipality from the address unless the editor typed coordinates."""
    if values.get("latitude") is not None and values.get("longitude") is not None:
        return values
    query = ", ".join(filter(None, (values.get("address_1"), values.get("postal_code"), values.get("city"))))
    found = get_geocoder(config).geocode(query) if query else None
    if found is None:
        return values
    code = (found.raw or {}).get("municipality_code")
    known = code and db.session.get(Municipality, code) is not None
    return {**values, "latitude": round(found.latitude, 6), "longitude": round(found.longitude, 6),
            "municipality_code": code if known else values.get("municipality_code")}


def archive(actor, offering: Service) -> ChangeSet:
    """Taking an offering down needs no review: it only removes it from search."""
    require_editor(actor, offering.organization_id)
    change_set = changes.record(offering.organization, "service", offering.id, "archive",
                                {"status": (offering.status, "inactive")}, "applied", actor)
    offering.status = "inactive"
    return change_set


def set_capacity(actor, offering: Service, state: str, note: str | None, now: datetime) -> ChangeSet:
    """Goes live at once, without review: a full group must stop receiving requests today.
    `actor` None means a signed e-mail link, checked by the caller."""
    if actor is not None:
        require_editor(actor, offering.organization_id)
    if state not in CAPACITY_STATUSES:
        raise ValueError(state)
    change_set = changes.record(offering.organization, "service", offering.id, "capacity", {
        "capacity_status": (offering.capacity_status, state),
        "capacity_note": (offering.capacity_note, note),
    }, "applied", actor)
    offering.capacity_status, offering.capacity_note, offering.capacity_updated_at = state, note, now
    return change_set
