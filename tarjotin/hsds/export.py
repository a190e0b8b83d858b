"""Directory rows -> Open Referral HSDS 3 service objects, nested and in a stable order.

Fields without an HSDS home travel as extension fields named after our columns (name_sv, is_free,
delivery_modes, ...); docs/hsds.md lists them. Objects that we keep as columns rather than rows
(addresses, languages, attributes, ...) get ids derived from their owner, so re-exports do not churn.
"""
import json
import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timezone
from functools import lru_cache

import sqlalchemy as sa
from babel import Locale
from flask_babel import force_locale
from sqlalchemy.orm import selectinload

from tarjotin.directory.models import (
    ACCESSIBILITY_CODES,
    DELIVERY_MODES,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from tarjotin.directory.visibility import public_organization_clause
from tarjotin.directory.vocabulary import ACCESSIBILITY
from tarjotin.extensions import db
from tarjotin.hsds.addresses import address_fields, missing

BUSINESS_ID_SCHEME = "FI-PRO"  # org-id.guide: the Finnish Patent and Registration Office, which issues the Y-tunnus
BUSINESS_ID_TYPE = "business_id"
COUNTRY = "FI"
CURRENCY = "EUR"
TAXONOMY_DESCRIPTIONS = {
    "theme": "Tarjottimen teemat: mihin tarpeeseen toiminta vastaa",
    "target_group": "Tarjottimen kohderyhmät: kenelle toiminta on tarkoitettu",
}
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "tarjotin:hsds")
_FINNISH = Locale("fi")


@lru_cache(maxsize=200_000)  # a page of 100 offerings derives ~1,600 ids; uuid5 hashing showed in the API profile
def derived_id(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


@lru_cache(maxsize=1)
def _accessibility_in_finnish() -> dict[str, str]:
    """HSDS text fields are the Finnish ones whoever asks; our code goes alongside in `code`."""
    with force_locale("fi"):
        return {code: str(label) for code, label in ACCESSIBILITY.items()}


def service_load_options() -> tuple:
    """What service_to_hsds reads, loaded in one query per relationship whatever the number of offerings."""
    return (
        selectinload(Service.organization),
        selectinload(Service.schedules),
        selectinload(Service.taxonomy_terms),
        selectinload(Service.service_at_locations)
        .selectinload(ServiceAtLocation.location)
        .selectinload(Location.municipality),
    )


def export_services(include_unpublished: bool = False) -> list[dict]:
    """Every offering of published organisations (or of all organisations), by id."""
    query = sa.select(Service).join(Service.organization).order_by(Service.id).options(*service_load_options())
    if not include_unpublished:
        query = query.where(public_organization_clause())
    return [service_to_hsds(service) for service in db.session.scalars(query)]


def iter_services(query: sa.Select, batch: int = 500) -> Iterator[Service]:
    """The offerings of `query` (ordered by id) loaded a batch at a time, so an export of any size
    streams in bounded memory."""
    after = ""
    while True:
        rows = list(db.session.scalars(query.where(Service.id > after).limit(batch).options(*service_load_options())))
        yield from rows
        if len(rows) < batch:
            return
        after = rows[-1].id
        db.session.expunge_all()  # the batch is written out; do not let the session grow with the export


def dumps(records: list[dict]) -> str:
    """The canonical file text: the same data always gives the same bytes."""
    return "".join(iter_dumps(iter(records)))


def iter_dumps(records: Iterator[dict]) -> Iterator[str]:
    """dumps() a record at a time: the same bytes, without holding the whole list."""
    first = True
    for record in records:
        text = json.dumps(record, sort_keys=True, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + text
        first = False
    yield "[]\n" if first else "\n]\n"


def service_to_hsds(service: Service) -> dict:
    sals = sorted(service.service_at_locations, key=lambda sal: (sal.location.name or "", sal.id))
    terms = sorted(service.taxonomy_terms, key=lambda term: (term.taxonomy, term.code))
    return _compact(
        {
            "id": service.id,
            "organization_id": service.organization.id,
            "name": service.name,
            "name_sv": service.name_sv,
            "name_en": service.name_en,
            "description": service.description,
            "description_sv": service.description_sv,
            "description_en": service.description_en,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "eligibility_description": service.eligibility_description,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "application_process": service.application_process,
            "fees_description": service.cost_description,
            "is_free": service.is_free,
            # HSDS has no "free" flag; an amount of 0 says it to HSDS readers. A fee's amount we do not know.
            "cost_options": (
                [{"id": derived_id(service.id, "cost"), "amount": 0, "currency": CURRENCY}] if service.is_free else []
            ),
            "is_registration_required": service.is_registration_required,
            "delivery_modes": _ordered(service.delivery_modes, DELIVERY_MODES),
            "is_accepting_new": service.is_accepting_new,
            "capacity_status": service.capacity_status,
            "capacity_note": service.capacity_note,
            "capacity_updated_at": hsds_datetime(service.capacity_updated_at),
            "assured_date": _date(service.assured_date),
            "last_modified": hsds_datetime(service.last_modified),
            "languages": [
                {
                    "id": derived_id(service.id, "language", code),
                    "code": code,
                    "name": _FINNISH.languages.get(code, code),
                }
                for code in sorted(set(service.languages))
            ],
            "schedules": [_schedule(s) for s in sorted(service.schedules, key=_schedule_order)],
            "attributes": [
                {
                    "id": derived_id(service.id, "attribute", term.id),
                    "link_entity": "service",
                    "link_id": service.id,
                    "taxonomy_term_id": term.id,
                    "taxonomy_term": term_to_hsds(term),
                }
                for term in terms
            ],
            "service_at_locations": [
                {
                    "id": sal.id,
                    "service_id": service.id,
                    "location_id": sal.location.id,
                    "location": location_to_hsds(sal.location),
                }
                for sal in sals
            ],
            "organization": organization_to_hsds(service.organization),
        }
    )


def organization_to_hsds(organization: Organization) -> dict:
    identifiers = []
    if organization.business_id:
        identifiers.append(
            {
                "id": derived_id(organization.id, "business_id"),
                "identifier_scheme": BUSINESS_ID_SCHEME,
                "identifier_type": BUSINESS_ID_TYPE,
                "identifier": organization.business_id,
            }
        )
    phones = [{"id": derived_id(organization.id, "phone"), "number": organization.phone}] if organization.phone else []
    found = _compact(
        {
            "id": organization.id,
            "name": organization.name,
            "alternate_name": organization.alternate_name,
            "description": organization.description,
            "description_sv": organization.description_sv,
            "description_en": organization.description_en,
            "email": organization.email,
            "website": organization.url,
            "phones": phones,
            "organization_identifiers": identifiers,
            "status": organization.status,
            "assured_date": _date(organization.assured_date),
            "last_modified": hsds_datetime(organization.last_modified),
        }
    )
    # HSDS requires a description: an organisation that has none exports an empty one rather than none.
    found.setdefault("description", "")
    return found


def location_to_hsds(location: Location) -> dict:
    municipality = location.municipality
    fields = address_fields(location.address_1, location.postal_code, location.city, location.state_province,
                            location.municipality_code)
    addresses = []
    # An address HSDS would reject is left out (the import that brought it said so).
    if not missing(fields):
        addresses.append(
            _compact(
                {
                    "id": derived_id(location.id, "address"),
                    "address_type": "physical",
                    **fields,
                    "region": municipality.name if municipality else None,
                    "country": COUNTRY,
                }
            )
        )
    accessibility = [
        {"id": derived_id(location.id, "accessibility", code), "code": code, "description": _accessibility_in_finnish()[code]}
        for code in _ordered(location.accessibility, ACCESSIBILITY_CODES)
    ]
    if location.accessibility_description:
        accessibility.append(
            {"id": derived_id(location.id, "accessibility"), "description": location.accessibility_description}
        )
    return _compact(
        {
            "id": location.id,
            "organization_id": location.organization_id,
            "location_type": "physical",
            "name": location.name,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "municipality_code": location.municipality_code,
            "addresses": addresses,
            "accessibility": accessibility,
        }
    )


def term_to_hsds(term: TaxonomyTerm) -> dict:
    taxonomy_id = derived_id("taxonomy", term.taxonomy)
    return _compact(
        {
            "id": term.id,
            "code": term.code,
            "name": term.name,
            "name_sv": term.name_sv,
            "name_en": term.name_en,
            "description": term.name,  # required by HSDS; we keep no separate description of a term
            "parent_id": term.parent_id,
            "synonyms": list(term.synonyms),
            "synonyms_sv": list(term.synonyms_sv or ()),
            "synonyms_en": list(term.synonyms_en or ()),
            "taxonomy": term.taxonomy,
            "taxonomy_id": taxonomy_id,
            "taxonomy_detail": taxonomy_to_hsds(term.taxonomy),
        }
    )


def taxonomy_to_hsds(taxonomy: str) -> dict:
    return {"id": derived_id("taxonomy", taxonomy), "name": taxonomy, "description": TAXONOMY_DESCRIPTIONS[taxonomy]}


def _schedule(schedule) -> dict:
    return _compact(
        {
            "id": schedule.id,
            "freq": schedule.freq,
            "interval": schedule.interval,
            "byday": schedule.byday,
            "opens_at": _time(schedule.opens_at),
            "closes_at": _time(schedule.closes_at),
            "description": schedule.description,
        }
    )


def _schedule_order(schedule) -> tuple:
    return (schedule.byday or "", _time(schedule.opens_at) or "", schedule.id)


def _ordered(values: list, vocabulary: tuple) -> list:
    """Known values in vocabulary order, anything else after them alphabetically."""
    known = [v for v in vocabulary if v in values]
    return known + sorted(set(values) - set(vocabulary))


def _compact(fields: dict) -> dict:
    # HSDS types these fields as strings or numbers, not null: an absent value is an absent key.
    return {key: value for key, value in fields.items() if value is not None and value != ""}


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def hsds_datetime(value: datetime | None) -> str | None:
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z") if value else None


def _time(value: time | None) -> str | None:
    if value is None:
        return None
    return value.strftime("%H:%M" if value.second == 0 else "%H:%M:%S")
