"""HSDS file -> directory rows: an upsert by id, one SAVEPOINT per record, so a bad record leaves no trace.

Only flushes; the caller commits once.
"""
import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm.attributes import flag_modified

from tarjotin.db import hold_write_lock, new_id
from tarjotin.directory.municipalities import municipality_for_postcode
from tarjotin.directory.reference import thesaurus
from tarjotin.directory.models import (
    Location,
    Municipality,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from tarjotin.extensions import db
from tarjotin.geo.gazetteer import locate_address
from tarjotin.hsds.export import service_to_hsds
from tarjotin.hsds.fields import RecordError
from tarjotin.hsds.parse import (
    ParsedLocation,
    ParsedOrganization,
    ParsedPlace,
    ParsedService,
    ParsedTerm,
    parse_service,
)
from tarjotin.hsds.terms import TermMatcher
from tarjotin.search.engine import FinnishAnalyzer, voikko_handle


class HSDSFileError(Exception):
    """The file as a whole is unusable (not UTF-8, not JSON, not an array)."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    messages: list[str] = field(default_factory=list)  # rejections and warnings, one line each
    # (taxonomy, name) of terms outside the thesaurus -> how many offerings carry them
    unmapped_terms: Counter = field(default_factory=Counter)
    # places without coordinates placed from the gazetteer, by what they were placed on
    geocoded: Counter = field(default_factory=Counter)


@dataclass
class _Import:
    """What the records share: the term matcher, and the counts of the record being applied."""

    matcher: TermMatcher
    shipped: frozenset[tuple[str, str]]
    unmapped_terms: Counter = field(default_factory=Counter)
    geocoded: Counter = field(default_factory=Counter)


def read_records(raw: bytes) -> list:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HSDSFileError(f"not UTF-8 text (byte {exc.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HSDSFileError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(data, list):
        raise HSDSFileError(f"expected a JSON array of HSDS service objects, found {_json_kind(data)}")
    return data


def import_services(records: list, progress: Callable[[int], None] | None = None) -> ImportResult:
    result = ImportResult()
    # One transaction round the per-record savepoints, so an interrupted import leaves nothing
    # half-done (SQLite would otherwise commit each savepoint on its own; see tarjotin.db).
    hold_write_lock(db.session.connection())
    shipped = frozenset((taxonomy, entry["code"]) for taxonomy, entries in thesaurus().items() for entry in entries)
    analyzer = FinnishAnalyzer(voikko_handle(current_app.config["VOIKKO"]))
    context = _Import(TermMatcher(analyzer), shipped)
    for index, record in enumerate(records, start=1):
        if progress:
            progress(1)
        label = _label(index, record)
        try:
            parsed = parse_service(record)
            # Autoflush would flush at every id lookup; one flush per record is enough and much faster.
            context.unmapped_terms, context.geocoded = Counter(), Counter()
            with db.session.begin_nested(), db.session.no_autoflush:
                outcome = _apply(parsed, context)
        except (RecordError, sa.exc.DBAPIError) as exc:
            result.rejected += 1
            if isinstance(exc, RecordError):
                result.messages.append(f"{label}: {exc}")
            else:  # a constraint we did not foresee; still only this record is lost
                result.messages.append(f"{label}: the database refused it: {str(exc.orig).splitlines()[0]}")
            # A term the record created went with its savepoint: forget it.
            context.matcher = TermMatcher(analyzer)
            continue
        setattr(result, outcome, getattr(result, outcome) + 1)
        result.unmapped_terms.update(context.unmapped_terms)
        result.geocoded.update(context.geocoded)
        result.messages.extend(f"{label}: warning: {warning}" for warning in parsed.warnings)
    return result


def _label(index: int, record) -> str:
    if not isinstance(record, dict):
        return f"record {index}"
    return f"record {index} (id={record.get('id', '?')}, {json.dumps(record.get('name', '?'), ensure_ascii=False)})"


def _json_kind(data) -> str:
    return {dict: "an object", str: "a string", bool: "a boolean", type(None): "null"}.get(type(data), "a number")


def _apply(parsed: ParsedService, context: _Import) -> str:
    service = db.session.get(Service, parsed.id)
    before = service_to_hsds(service) if service else None
    if parsed.organization:
        organization = _organization(parsed.organization)
    else:
        organization = _existing(Organization, parsed.organization_id, "organization_id")
    if service is None:
        service = Service(id=parsed.id)
        db.session.add(service)
    service.organization = organization
    for name, value in parsed.values.items():
        setattr(service, name, value)
    service.schedules = [_schedule(service, values) for values in parsed.schedules]
    service.taxonomy_terms = _terms(parsed.terms, context)
    service.service_at_locations = [_place(service, organization, place, context) for place in parsed.places]
    _stamp(service, parsed.last_modified)
    db.session.flush()
    if before is None:
        return "created"
    return "unchanged" if service_to_hsds(service) == before else "updated"


def _existing(model, row_id: str, path: str):
    row = db.session.get(model, row_id)
    if row is None:
        raise RecordError(path, f"no {model.__tablename__.replace('_', ' ')} with id {row_id}")
    return row


def _organization(parsed: ParsedOrganization) -> Organization:
    business_id = parsed.values["business_id"]
    if business_id:
        owner = db.session.scalar(
            sa.select(Organization).where(Organization.business_id == business_id, Organization.id != parsed.id)
        )
        if owner:
            raise RecordError(
                "organization.organization_identifiers",
                f"Y-tunnus {business_id} already belongs to organisation {owner.id} ({owner.name!r})",
            )
    organization = db.session.get(Organization, parsed.id)
    if organization is None:
        organization = Organization(id=parsed.id, status=parsed.status or "published")
        db.session.add(organization)
    elif parsed.status:
        # Without a status in the file an existing organisation keeps the one a moderator gave it.
        organization.status = parsed.status
    for name, value in parsed.values.items():
        setattr(organization, name, value)
    _stamp(organization, parsed.last_modified)
    return organization


def _stamp(row, last_modified: datetime | None) -> None:
    """Keep the file's last_modified; without this, `onupdate` would overwrite it whenever the row changes."""
    if last_modified is None:
        return
    row.last_modified = last_modified
    if db.session.is_modified(row, include_collections=False):
        flag_modified(row, "last_modified")


def _schedule(service: Service, values: dict) -> Schedule:
    values = dict(values)
    path = values.pop("path")
    schedule = db.session.get(Schedule, values["id"])
    if schedule is None:
        schedule = Schedule(id=values["id"])
    elif schedule.service_id != service.id:
        raise RecordError(f"{path}.id", f"schedule {schedule.id} belongs to another service ({schedule.service_id})")
    for name, value in values.items():
        setattr(schedule, name, value)
    return schedule


def _place(service: Service, organization: Organization, place: ParsedPlace, context: _Import) -> ServiceAtLocation:
    if place.location:
        location = _location(place.location, organization, context)
    else:
        location = _existing(Location, place.location_id, f"{place.path}.location_id")
    sal = db.session.get(ServiceAtLocation, place.id)
    if sal is not None and sal.service_id != service.id:
        raise RecordError(f"{place.path}.id", f"service_at_location {sal.id} belongs to another service")
    if sal is None:
        # A file with fresh link ids for a pair we already have: reuse the row rather than collide on the pair.
        sal = next((s for s in service.service_at_locations if s.location_id == location.id), None)
    if sal is None:
        sal = ServiceAtLocation(id=place.id)
    sal.location = location
    return sal


def _location(parsed: ParsedLocation, organization: Organization, context: _Import) -> Location:
    location = db.session.get(Location, parsed.id)
    if location is None:
        location = Location(id=parsed.id)
        db.session.add(location)
    if parsed.organization_id and parsed.organization_id != organization.id:
        location.organization = _existing(Organization, parsed.organization_id, f"{parsed.path}.organization_id")
    elif parsed.organization_id or location.organization is None:
        location.organization = organization
    for name, value in parsed.values.items():
        setattr(location, name, value)
    location.municipality = _municipality(parsed.municipality_code, parsed.values["postal_code"])
    if location.latitude is None:
        # Offline whatever GEOCODER says: a bulk import must not wait on an online service's rate
        # limit, and an in-person place without a point would show as "online, from anywhere".
        found = locate_address(parsed.values["postal_code"], parsed.municipality_code, parsed.values["city"])
        if found:
            place, how = found
            location.latitude, location.longitude = place.latitude, place.longitude
            location.municipality = location.municipality or db.session.get(Municipality, place.municipality_code)
            context.geocoded[how] += 1
    return location


def _municipality(code: str | None, postal_code: str | None) -> Municipality | None:
    """The file's municipality if we know it, else the one the postcode lies in; unknown ones stay empty."""
    for candidate in (code, municipality_for_postcode(postal_code) if postal_code else None):
        if candidate and (municipality := db.session.get(Municipality, candidate)):
            return municipality
    return None


def _terms(parsed_terms: list[ParsedTerm], context: _Import) -> list[TaxonomyTerm]:
    terms, created = {}, []
    for parsed in parsed_terms:
        names = (parsed.name, parsed.values["name_sv"], parsed.values["name_en"])
        term = context.matcher.match(parsed.taxonomy, parsed.code, names)
        if term is None:
            term = _new_term(parsed)
            context.matcher.add(term)
            created.append((term, parsed.parent_id))
        if (term.taxonomy, term.code) not in context.shipped:
            context.unmapped_terms[(term.taxonomy, term.name)] += 1
        terms[term.id] = term
    # Parents last, so that a parent created by this same record is found whatever the order of attributes.
    for term, parent_id in created:
        term.parent = db.session.get(TaxonomyTerm, parent_id) if parent_id else None
    return list(terms.values())


def _new_term(parsed: ParsedTerm) -> TaxonomyTerm:
    taken = set(db.session.scalars(sa.select(TaxonomyTerm.code).where(TaxonomyTerm.taxonomy == parsed.taxonomy)))
    term = TaxonomyTerm(
        id=parsed.id if parsed.id and db.session.get(TaxonomyTerm, parsed.id) is None else new_id(),
        taxonomy=parsed.taxonomy,
        code=parsed.code or _free_code(_slug(parsed.name), taken),
        name=parsed.name,
        **parsed.values,
    )
    db.session.add(term)
    db.session.flush()  # later attributes of this record look terms up by query
    return term


def _slug(name: str) -> str:
    folded = name.lower().translate(str.maketrans("äöå", "aoa"))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60] or "term"


def _free_code(code: str, taken: set[str]) -> str:
    candidate, n = code, 2
    while candidate in taken:
        candidate, n = f"{code}-{n}", n + 1
    return candidate
