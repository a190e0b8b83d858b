"""What an editor may change, read from and written to the directory rows as plain JSON values.

Lists (themes, places, schedules) are compared as whole values, so a diff shows a field once.
"""
from datetime import time

import sqlalchemy as sa

from tarjotin.directory.models import Location, Organization, Schedule, Service, ServiceAtLocation, TaxonomyTerm
from tarjotin.extensions import db

ORGANIZATION_FIELDS = ("name", "alternate_name", "description", "description_sv", "description_en",
                       "business_id", "email", "url", "phone")
SERVICE_FIELDS = ("name", "name_sv", "name_en", "description", "description_sv", "description_en", "url", "email",
                  "eligibility_description", "minimum_age", "maximum_age", "is_free", "cost_description",
                  "is_registration_required", "application_process", "languages", "delivery_modes",
                  "themes", "target_groups", "location_ids", "schedules")
LOCATION_FIELDS = ("name", "address_1", "postal_code", "city", "municipality_code", "latitude", "longitude",
                   "accessibility", "accessibility_description")
FIELDS = {"organization": ORGANIZATION_FIELDS, "service": SERVICE_FIELDS, "location": LOCATION_FIELDS}
MODELS = {"organization": Organization, "service": Service, "location": Location}
TAXONOMY_FIELDS = {"themes": "theme", "target_groups": "target_group"}


def _clock(value: time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def schedule_values(schedule: Schedule) -> dict:
    return {"freq": schedule.freq, "byday": schedule.byday, "opens_at": _clock(schedule.opens_at),
            "closes_at": _clock(schedule.closes_at), "description": schedule.description}


def _read(obj, field: str):
    if field in TAXONOMY_FIELDS:
        return sorted(t.id for t in obj.terms(TAXONOMY_FIELDS[field]))
    if field == "location_ids":
        return sorted(sal.location_id for sal in obj.service_at_locations)
    if field == "schedules":
        return [schedule_values(s) for s in obj.schedules]
    value = getattr(obj, field)
    return list(value) if isinstance(value, list) else value


def snapshot(target: str, obj) -> dict:
    """The current values; all empty for an object not created yet."""
    if obj is None:
        return {f: None for f in FIELDS[target]}
    return {f: _read(obj, f) for f in FIELDS[target]}


def _write(obj, field: str, value) -> None:
    if field in TAXONOMY_FIELDS:
        taxonomy = TAXONOMY_FIELDS[field]
        terms = db.session.scalars(sa.select(TaxonomyTerm).where(
            TaxonomyTerm.id.in_(value or []), TaxonomyTerm.taxonomy == taxonomy)).all()
        obj.taxonomy_terms = [t for t in obj.taxonomy_terms if t.taxonomy != taxonomy] + list(terms)
    elif field == "location_ids":
        # Only the organisation's own places, whatever the stored value says.
        allowed = set(db.session.scalars(sa.select(Location.id).where(
            Location.id.in_(value or []), Location.organization_id == obj.organization_id)))
        kept = [sal for sal in obj.service_at_locations if sal.location_id in allowed]
        have = {sal.location_id for sal in kept}
        obj.service_at_locations = kept + [ServiceAtLocation(location_id=i) for i in sorted(allowed - have)]
    elif field == "schedules":
        obj.schedules = [
            Schedule(freq=s["freq"], byday=s["byday"], description=s.get("description"),
                     opens_at=time.fromisoformat(s["opens_at"]) if s.get("opens_at") else None,
                     closes_at=time.fromisoformat(s["closes_at"]) if s.get("closes_at") else None)
            for s in value or []
        ]
    else:
        setattr(obj, field, value)


def apply(target: str, obj, values: dict) -> None:
    for field, value in values.items():
        _write(obj, field, value)


def create(target: str, organization_id: str, values: dict):
    obj = MODELS[target](organization_id=organization_id)
    db.session.add(obj)
    if target == "service":
        obj.taxonomy_terms, obj.service_at_locations, obj.schedules = [], [], []
    apply(target, obj, {f: v for f, v in values.items() if v is not None})
    return obj
