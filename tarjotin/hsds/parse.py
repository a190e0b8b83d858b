"""One HSDS service object -> plain column values, checked field by field; no database access.

Only what HSDS requires is required (service id, name, status), plus what our model cannot do
without: an organisation (object or organization_id) and ids on the objects we store as rows, so
that a second import updates instead of duplicating. Anything absent takes our column default.
"""
from dataclasses import dataclass, field
from datetime import datetime

from tarjotin.directory.models import (
    ACCESSIBILITY_CODES,
    CAPACITY_STATUSES,
    DELIVERY_MODES,
    ORGANIZATION_STATUSES,
    SERVICE_STATUSES,
    TAXONOMIES,
    Location,
    Organization,
    Schedule,
    Service,
    TaxonomyTerm,
    capacity_status_for,
)
from tarjotin.hsds.addresses import address_fields, missing
from tarjotin.hsds.export import BUSINESS_ID_SCHEME, BUSINESS_ID_TYPE, COUNTRY
from tarjotin.directory.business_id import is_business_id
from tarjotin.hsds.fields import BYDAY, POSTAL_CODE, Fields, RecordError, language_code

LOCATION_TYPES = ("physical", "postal", "virtual")


@dataclass
class ParsedOrganization:
    id: str
    values: dict
    status: str | None
    last_modified: datetime | None


@dataclass
class ParsedLocation:
    id: str
    path: str
    values: dict
    organization_id: str | None
    municipality_code: str | None


@dataclass
class ParsedPlace:
    id: str
    path: str
    location_id: str
    location: ParsedLocation | None  # None: the location must already exist


@dataclass
class ParsedTerm:
    taxonomy: str
    id: str | None
    code: str | None
    name: str
    parent_id: str | None
    values: dict


@dataclass
class ParsedService:
    id: str
    values: dict
    organization_id: str
    organization: ParsedOrganization | None
    last_modified: datetime | None
    schedules: list[dict] = field(default_factory=list)
    terms: list[ParsedTerm] = field(default_factory=list)
    places: list[ParsedPlace] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def parse_service(data) -> ParsedService:
    f = Fields(data, "", Service)
    service_id = f.identifier("id")
    minimum_age = f.integer("minimum_age", 0, 120)
    maximum_age = f.integer("maximum_age", 0, 120)
    if minimum_age is not None and maximum_age is not None and minimum_age > maximum_age:
        raise RecordError("maximum_age", f"{maximum_age} is below minimum_age {minimum_age}")
    cost_description = f.text("fees_description", "cost_description")
    values = {
        "name": f.text("name", required=True),
        "name_sv": f.text("name_sv"),
        "name_en": f.text("name_en"),
        "description": f.text("description"),
        "description_sv": f.text("description_sv"),
        "description_en": f.text("description_en"),
        "url": f.url("url"),
        "email": f.email("email"),
        "status": f.choice("status", SERVICE_STATUSES, required=True),
        "eligibility_description": f.text("eligibility_description"),
        "minimum_age": minimum_age,
        "maximum_age": maximum_age,
        "application_process": f.text("application_process"),
        "cost_description": cost_description,
        "is_free": _is_free(f, cost_description),
        "is_registration_required": bool(f.boolean("is_registration_required")),
        "languages": _languages(f),
        "is_accepting_new": f.boolean("is_accepting_new") is not False,
        # Set after the flag, which it overrides; a file without it gets the state the flag implies.
        "capacity_status": f.choice("capacity_status", CAPACITY_STATUSES)
        or capacity_status_for(f.boolean("is_accepting_new") is not False),
        "capacity_note": f.text("capacity_note"),
        "capacity_updated_at": f.datetime("capacity_updated_at"),
        "assured_date": f.date("assured_date"),
    }
    organization = _organization(org) if (org := f.object("organization", Organization)) else None
    organization_id = f.identifier("organization_id", required=False)
    if organization and organization_id and organization_id != organization.id:
        raise RecordError("organization_id", "differs from organization.id")
    if organization is None and organization_id is None:
        raise RecordError("organization", "required (an organization object or an organization_id)")
    parsed = ParsedService(
        id=service_id,
        values=values,
        organization_id=organization.id if organization else organization_id,
        organization=organization,
        last_modified=f.datetime("last_modified"),
        schedules=[_schedule(s) for s in f.objects("schedules", Schedule)],
    )
    is_online = _places(f, parsed)
    if f.get("delivery_modes") is not None:
        values["delivery_modes"] = f.choices("delivery_modes", DELIVERY_MODES)
    else:
        # Without our extension field, HSDS says "in person" with a physical place and "online" with a virtual one.
        values["delivery_modes"] = [m for m, on in (("in_person", bool(parsed.places)), ("online", is_online)) if on]
    for attribute in f.objects("attributes"):
        term = _term(attribute, parsed.warnings)
        if term:
            parsed.terms.append(term)
    parsed.warnings += [f"{path}: not kept: Tarjotin has no field for it" for path in f.unread()]
    return parsed


def _is_free(f: Fields, cost_description: str | None) -> bool:
    """Our `is_free` extension field if given, else what cost_options say, else: a fee text means a fee."""
    explicit = f.boolean("is_free")
    # Read either way: they come back out, as export writes them from is_free.
    amounts = [a for option in f.objects("cost_options") if (a := option.number("amount", 0, 1e9)) is not None]
    if explicit is not None:
        return explicit
    if amounts:
        return all(amount == 0 for amount in amounts)
    return cost_description is None


def _languages(f: Fields) -> list[str]:
    codes = set()
    for language in f.objects("languages"):
        code, name = language.text("code"), language.text("name")  # export writes the name from the code
        given = code or name
        if given is None:
            continue  # HSDS requires only an id, and an id alone names no language
        code = language_code(given)
        if code is None:
            key = "code" if language.given("code") else "name"
            raise RecordError(language.at(key), f"{given!r} is not a two-letter ISO 639-1 language code or name")
        codes.add(code)
    return sorted(codes)


def _schedule(s: Fields) -> dict:
    byday = s.text("byday")
    if byday is not None:
        byday = byday.upper().replace(" ", "")
        if not BYDAY.match(byday) or len(byday) > 40:
            raise RecordError(s.at("byday"), f"{byday!r} is not an RRULE BYDAY list such as MO,WE or 1TU")
    return {
        "id": s.identifier("id"),
        "path": s.path,
        "freq": s.choice("freq", ("WEEKLY", "MONTHLY"), upper=True),
        "interval": s.integer("interval", 1, 52),
        "byday": byday,
        "opens_at": s.time("opens_at"),
        "closes_at": s.time("closes_at"),
        "description": s.text("description"),
    }


def _places(f: Fields, parsed: ParsedService) -> bool:
    """Fill parsed.places; True when a virtual location said the offering is online."""
    is_online = False
    seen = set()
    for sal in f.objects("service_at_locations"):
        place_id = sal.identifier("id")
        location = sal.object("location", Location)
        if location is None:
            location_id = sal.identifier("location_id")
            parsed.places.append(ParsedPlace(place_id, sal.path, location_id, None))
        elif location.choice("location_type", LOCATION_TYPES) == "virtual":
            is_online = True
            continue
        else:
            parsed_location = _location(location, parsed.warnings)
            location_id = parsed_location.id
            parsed.places.append(ParsedPlace(place_id, sal.path, location_id, parsed_location))
        if location_id in seen:
            raise RecordError(sal.at("location"), f"location {location_id} is listed twice")
        seen.add(location_id)
    return is_online


def _location(f: Fields, warnings: list[str]) -> ParsedLocation:
    latitude = f.number("latitude", -90, 90)
    longitude = f.number("longitude", -180, 180)
    if (latitude is None) != (longitude is None):
        raise RecordError(f.at("latitude" if latitude is None else "longitude"), "give both latitude and longitude")
    addresses = f.objects("addresses", Location)
    physical = [a for a in addresses if a.text("address_type") in (None, "physical")]
    address = (physical or addresses or [None])[0]
    values = {"name": f.text("name"), "latitude": latitude, "longitude": longitude}
    values.update(_address(address) if address else dict.fromkeys(("address_1", "postal_code", "city", "state_province")))
    codes, texts = [], []
    for item in f.objects("accessibility"):
        code = item.text("code")
        if code is None:
            if text := item.text("description"):
                texts.append(text)
        elif code in ACCESSIBILITY_CODES:
            codes.append(code)
        else:
            raise RecordError(item.at("code"), f"{code!r} is not one of: {', '.join(ACCESSIBILITY_CODES)}")
    values["accessibility"] = [c for c in ACCESSIBILITY_CODES if c in codes]
    values["accessibility_description"] = "\n\n".join(texts) or None
    municipality_code = f.text("municipality_code")
    if municipality_code is not None and not (len(municipality_code) == 3 and municipality_code.isdigit()):
        raise RecordError(f.at("municipality_code"), f"{municipality_code!r} is not a three-digit municipality code")
    if address is not None:
        lacking = missing(address_fields(*(values[name] for name in ("address_1", "postal_code", "city",
                                                                      "state_province")), municipality_code))
        if lacking:
            warnings.append(f"{address.path}: kept, but left out of HSDS exports: HSDS requires "
                            f"{', '.join(lacking)}, which neither the address nor its postcode gives")
    return ParsedLocation(
        id=f.identifier("id"),
        path=f.path,
        values=values,
        organization_id=f.identifier("organization_id", required=False),
        municipality_code=municipality_code,
    )


def _address(a: Fields) -> dict:
    country = a.text("country")
    if country is not None and country.upper() != COUNTRY:
        raise RecordError(a.at("country"), f"{country!r}: only Finnish (FI) addresses are supported")
    postal_code = a.text("postal_code")
    if postal_code is not None and not POSTAL_CODE.match(postal_code):
        raise RecordError(a.at("postal_code"), f"{postal_code!r} is not a Finnish postal code (five digits)")
    return {"address_1": a.text("address_1"), "postal_code": postal_code, "city": a.text("city"),
            "state_province": a.text("state_province")}


def _organization(f: Fields) -> ParsedOrganization:
    phones = [p.text("number", "phone") for p in f.objects("phones", Organization)]
    values = {
        "name": f.text("name", required=True),
        "alternate_name": f.text("alternate_name"),
        "description": f.text("description"),
        "description_sv": f.text("description_sv"),
        "description_en": f.text("description_en"),
        "email": f.email("email"),
        "url": f.url("website", "url"),
        "phone": next((number for number in phones if number), None),
        "business_id": _business_id(f),
        "assured_date": f.date("assured_date"),
    }
    return ParsedOrganization(
        id=f.identifier("id"),
        values=values,
        status=f.choice("status", ORGANIZATION_STATUSES),
        last_modified=f.datetime("last_modified"),
    )


def _business_id(f: Fields) -> str | None:
    for identifier in f.objects("organization_identifiers"):
        scheme = (identifier.text("identifier_scheme") or "").upper()
        kind = (identifier.text("identifier_type") or "").lower()
        if scheme == BUSINESS_ID_SCHEME or kind in (BUSINESS_ID_TYPE, "y-tunnus"):
            value = identifier.text("identifier", required=True).strip()
            if not is_business_id(value):
                raise RecordError(identifier.at("identifier"), f"{value!r} is not a valid Y-tunnus (1234567-1)")
            return value
    return None


def _term(attribute: Fields, warnings: list[str]) -> ParsedTerm | None:
    """A theme or target group; attributes of other taxonomies are skipped with a warning, not rejected."""
    term = attribute.object("taxonomy_term", TaxonomyTerm)
    if term is None:
        attribute.skip()
        warnings.append(f"{attribute.path}: no taxonomy_term object; attribute skipped")
        return None
    detail = term.object("taxonomy_detail")
    taxonomy = term.text("taxonomy") or (detail.text("name") if detail else None)
    if taxonomy is None or taxonomy.lower() not in TAXONOMIES:
        attribute.skip()
        term.skip()
        warnings.append(
            f"{attribute.path}: taxonomy {taxonomy!r} is not one of ours ({', '.join(TAXONOMIES)}); attribute skipped"
        )
        return None
    name = term.text("name", required=True)
    if term.text("description") not in (None, name):  # HSDS requires one; export writes the name there
        warnings.append(f"{term.at('description')}: not kept: a term is described by its name here")
    return ParsedTerm(
        taxonomy=taxonomy.lower(),
        id=term.identifier("id", required=False),
        code=term.text("code"),
        name=name,
        parent_id=term.identifier("parent_id", required=False),
        values={"name_sv": term.text("name_sv"), "name_en": term.text("name_en"), "synonyms": term.strings("synonyms"),
                "synonyms_sv": term.strings("synonyms_sv"), "synonyms_en": term.strings("synonyms_en")},
    )
