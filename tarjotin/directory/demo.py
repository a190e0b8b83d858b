"""Deterministic demo data: about 5,000 organisations in Pohjois-Savo and its neighbours.

Demo rows are told apart from real ones by their id prefix, so re-seeding deletes and rewrites
only demo rows and never an imported or hand-made listing. Everything is drawn from one
random.Random(seed) and dated relative to ANCHOR, so the same seed and size give the same rows.
"""
from __future__ import annotations

import hashlib
import json
import math
import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

import sqlalchemy as sa
from tqdm import tqdm

from tarjotin.directory.demo_names import Names, Town, business_id, organization_name, slug
from tarjotin.directory.demo_text import DAY_FI, Place, Writer, cap, material, to_time
from tarjotin.directory.models import (
    Location,
    Municipality,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
    service_taxonomy_term,
)
from tarjotin.directory.reference import thesaurus
from tarjotin.extensions import db
from tarjotin.geo import data as geo

# A fixed "today" for the demo: a moving one would change the data (and its digest) every day.
ANCHOR = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
DEMO_ID_PREFIX = "de300000"
STALE_DAYS = 425  # about 14 months, as config STALE_AFTER_DAYS
CHUNK = 1000
AREA_CODES = {"Pohjois-Savo": "017", "Etelä-Savo": "015", "Pohjois-Karjala": "013", "Keski-Suomi": "014", "Kainuu": "08"}
ACCESSIBILITY_ODDS = {
    "step_free_access": 0.75, "elevator": 0.3, "accessible_toilet": 0.55, "induction_loop": 0.2,
    "accessible_parking": 0.4, "guide_dog_welcome": 0.3, "easy_read_material": 0.1, "sign_language": 0.04,
}


@dataclass
class DemoSummary:
    organizations: int = 0
    offerings: int = 0
    places: int = 0
    schedules: int = 0
    terms: int = 0
    distinct_sentences: int = 0


@dataclass
class _Rows:
    organization: list = field(default_factory=list)
    location: list = field(default_factory=list)
    service: list = field(default_factory=list)
    schedule: list = field(default_factory=list)
    service_at_location: list = field(default_factory=list)
    service_term: list = field(default_factory=list)


def has_organizations() -> bool:
    """True when any organisation exists, demo or real: `seed demo --if-empty` then adds nothing."""
    return db.session.scalar(sa.select(Organization.id).limit(1)) is not None


def seed_demo(organizations: int = 5000, seed: int = 1, progress: bool = False) -> DemoSummary:
    """Replace the demo rows with `organizations` fresh ones; flushes, the caller commits."""
    terms = _product_terms()
    delete_demo()
    rng = random.Random(seed)
    writer = Writer(rng)
    towns = _towns()
    weights = _town_weights(towns)
    taken = set(db.session.scalars(sa.select(Organization.business_id).where(Organization.business_id.is_not(None))))
    names = Names()
    rows = _Rows()
    for _ in tqdm(range(organizations), desc="organisations", unit="org", disable=not progress):
        town = rng.choices(towns, weights)[0]
        _organization(rng, writer, town, names, taken, terms, rows)
    for model, chunked in (
        (Organization, rows.organization), (Location, rows.location), (Service, rows.service),
        (Schedule, rows.schedule), (ServiceAtLocation, rows.service_at_location),
    ):
        for start in range(0, len(chunked), CHUNK):
            db.session.execute(sa.insert(model), chunked[start : start + CHUNK])
    for start in range(0, len(rows.service_term), CHUNK):
        db.session.execute(service_taxonomy_term.insert(), rows.service_term[start : start + CHUNK])
    db.session.flush()
    return DemoSummary(
        organizations=len(rows.organization), offerings=len(rows.service), places=len(rows.location),
        schedules=len(rows.schedule), terms=len(terms), distinct_sentences=len(writer.sentences),
    )


def _product_terms() -> dict[tuple[str, str], str]:
    """Term ids by (taxonomy, code). The thesaurus and municipalities are product data, there after
    `flask db upgrade` (directory/reference.py); the demo only links to them."""
    terms = dict(((t, c), i) for t, c, i in db.session.execute(
        sa.select(TaxonomyTerm.taxonomy, TaxonomyTerm.code, TaxonomyTerm.id)))
    missing = [f"{taxonomy}:{entry['code']}" for taxonomy, entries in thesaurus().items() for entry in entries
               if (taxonomy, entry["code"]) not in terms]
    if missing or db.session.scalar(sa.select(Municipality.code).limit(1)) is None:
        raise LookupError("the thesaurus or the municipalities are missing (first missing term: "
                          f"{missing[0] if missing else 'none'}); run `flask db upgrade` or `flask taxonomy sync`")
    return terms


def delete_demo() -> None:
    """Remove demo organisations and everything hanging off them (SQLite does not cascade)."""
    demo = f"{DEMO_ID_PREFIX}%"
    services = sa.select(Service.id).where(Service.organization_id.like(demo))
    locations = sa.select(Location.id).where(Location.organization_id.like(demo))
    sal = ServiceAtLocation.__table__.c
    for statement in (
        sa.delete(service_taxonomy_term).where(service_taxonomy_term.c.service_id.in_(services)),
        sa.delete(Schedule.__table__).where(Schedule.__table__.c.service_id.in_(services)),
        sa.delete(ServiceAtLocation.__table__).where(sa.or_(sal.service_id.in_(services), sal.location_id.in_(locations))),
        sa.delete(Service.__table__).where(Service.__table__.c.organization_id.like(demo)),
        sa.delete(Location.__table__).where(Location.__table__.c.organization_id.like(demo)),
        sa.delete(Organization.__table__).where(Organization.__table__.c.id.like(demo)),
    ):
        db.session.execute(statement)


def demo_digest() -> str:
    """SHA-256 over every demo row in a stable order, backend-independent."""
    digest = hashlib.sha256()
    for model in (Organization, Location, Service, Schedule, ServiceAtLocation):
        table = model.__table__
        columns = sorted(table.columns, key=lambda c: c.name)
        owner = table.c.id if model in (Organization, Schedule, ServiceAtLocation) else table.c.organization_id
        query = sa.select(*columns).where(table.c.id.like(f"{DEMO_ID_PREFIX}%") | owner.like(f"{DEMO_ID_PREFIX}%"))
        for row in db.session.execute(query.order_by(table.c.id)):
            digest.update(_canonical(row))
    links = (
        sa.select(service_taxonomy_term.c.service_id, TaxonomyTerm.taxonomy, TaxonomyTerm.code)
        .join(TaxonomyTerm, TaxonomyTerm.id == service_taxonomy_term.c.taxonomy_term_id)
        .where(service_taxonomy_term.c.service_id.like(f"{DEMO_ID_PREFIX}%"))
        .order_by(service_taxonomy_term.c.service_id, TaxonomyTerm.taxonomy, TaxonomyTerm.code)
    )
    for row in db.session.execute(links):
        digest.update(_canonical(row))
    return digest.hexdigest()


def _canonical(row) -> bytes:
    def plain(value):
        if isinstance(value, datetime):
            return value.astimezone(timezone.utc).isoformat()
        if isinstance(value, (date, time)):
            return value.isoformat()
        if isinstance(value, float):
            return round(value, 6)
        return value

    return json.dumps([plain(v) for v in row], ensure_ascii=False).encode() + b"\n"


def _demo_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=(int(DEMO_ID_PREFIX, 16) << 96) | rng.getrandbits(96), version=4))


def _towns() -> list[Town]:
    spec = material()["places"]
    municipalities = geo.municipalities()
    by_code: dict[str, list] = {}
    for postcode in geo.postcodes().values():
        if postcode.is_area:
            by_code.setdefault(postcode.municipality_code, []).append(postcode)
    towns = []
    for code, m in sorted(municipalities.items()):
        if m.region not in spec["region_shares"]:
            continue
        forms = spec["municipalities"].get(m.name)
        if forms is None:
            if m.region == "Pohjois-Savo":
                raise LookupError(f"seed_data/demo/places.json has no Finnish forms for {m.name}")
            continue
        towns.append(Town(
            code=code, place=Place(m.name, *forms["forms"]), region=m.region, latitude=m.latitude,
            longitude=m.longitude, population=m.population, seutu=forms.get("seutu", False),
            districts=tuple(Place(*d) for d in forms.get("districts", [])),
            postcodes=tuple(sorted(by_code.get(code, []), key=lambda p: p.postal_code)),
        ))
    return towns


def _town_weights(towns: list[Town]) -> list[float]:
    spec = material()["places"]
    sizes = [t.population ** spec["population_exponent"] for t in towns]
    totals: dict[str, float] = {}
    for town, size in zip(towns, sizes):
        totals[town.region] = totals.get(town.region, 0) + size
    return [spec["region_shares"][t.region] * size / totals[t.region] for t, size in zip(towns, sizes)]


def _dates(rng: random.Random, stale: bool) -> tuple[date, datetime, datetime]:
    """assured_date, last_modified, created_at: a stale listing was last checked over 14 months ago."""
    age = rng.randint(STALE_DAYS + 5, 1300) if stale else rng.randint(0, STALE_DAYS - 25)
    assured = ANCHOR - timedelta(days=age, minutes=rng.randrange(600))
    modified = assured + timedelta(days=rng.randint(0, age)) if rng.random() < 0.3 else assured
    created = assured - timedelta(days=rng.randint(0, 2500))
    return assured.date(), modified, created


def _organization(rng, writer: Writer, town: Town, names: Names, taken: set, terms: dict, rows: _Rows) -> None:
    m = material()
    name, pattern, place = organization_name(rng, town, names)
    themes = pattern["themes"]
    region = m["places"]["regions"][town.region]
    kind_type = pattern.get("type", "association")
    org_id = _demo_id(rng)
    status = rng.choices(("published", "draft", "archived"), (94, 4, 2))[0]
    assured, modified, created = _dates(rng, stale=rng.random() < 0.18)
    alternate = None
    if "alt" in pattern and rng.random() < 0.7:
        alternate = pattern["alt"].format(gen=place.gen, place=place.name)
    elif pattern.get("initials"):
        alternate = "".join(w[0] for w in name.split() if w[0].isupper())
    org_slug = slug(name)
    rows.organization.append({
        "id": org_id, "name": name, "alternate_name": alternate,
        "description": writer.org_description(name, pattern, m["themes"][themes[0]], town.place, region),
        "description_sv": None, "description_en": None,
        "business_id": business_id(rng, taken) if kind_type != "branch" and rng.random() < 0.88 else None,
        "email": f"{org_slug}@example.org", "url": f"https://example.org/{org_slug}",
        "phone": _phone(rng, town.region), "status": status,
        "assured_date": None if status == "draft" else assured, "last_modified": modified, "created_at": created,
    })
    locations = [_location(rng, writer, town, place, pattern, org_id, rows) for _ in range(rng.choices((1, 2, 3), (70, 25, 5))[0])]
    used: set[str] = set()
    for index in range(rng.choices((1, 2, 3, 4), (35, 35, 20, 10))[0]):
        theme_code = themes[0] if index == 0 else rng.choice(themes)
        options = [o for o in m["themes"][theme_code]["offerings"] if o["fi"] not in used]
        if options:
            offer = rng.choice(options)
            used.add(offer["fi"])
            _service(rng, writer, town, pattern, theme_code, offer, org_id, org_slug, name, locations, terms, rows)


def _phone(rng: random.Random, region: str) -> str:
    prefix = rng.choice(("040", "044", "050", AREA_CODES[region], AREA_CODES[region]))
    return f"{prefix} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def _location(rng, writer: Writer, town: Town, place: Place, pattern: dict, org_id: str, rows: _Rows) -> str:
    spec = material()["places"]
    venues = material()["organizations"]["venues"]
    named = [p for p in town.postcodes if p.name == place.name]
    central = [p for p in town.postcodes if p.name == town.place.name] or list(town.postcodes)
    villages = [p for p in town.postcodes if (p.latitude, p.longitude) != (town.latitude, town.longitude)]
    pool = named or (villages if villages and rng.random() < 0.15 else central)
    postcode = pool[rng.randrange(len(pool))]
    in_town = postcode.name == town.place.name and town.population > 15000
    streets = spec["streets_by_town"].get(town.place.name, []) + spec["town_streets"] if in_town else spec["village_streets"]
    number = f"{rng.randint(1, 48)}{rng.choice(' ABC') if rng.random() < 0.15 else ''}".rstrip()
    distance, bearing = 1.5 * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
    kind = "parish" if pattern.get("type") == "parish" else "exercise" if pattern["themes"][0] == "exercise" else "association"
    codes = [c for c, odds in ACCESSIBILITY_ODDS.items() if rng.random() < odds]
    if "step_free_access" not in codes:
        codes = [c for c in codes if c not in ("accessible_toilet", "elevator")]
    accessibility = material()["text"]["accessibility"]
    described = [accessibility[c] for c in codes] or [accessibility["_no_step_free"]]
    location_id = _demo_id(rng)
    rows.location.append({
        "id": location_id, "organization_id": org_id,
        "name": rng.choice(venues[kind]).format(gen=place.gen, nick=rng.choice(material()["organizations"]["nicks"])),
        "address_1": f"{rng.choice(streets)} {number}", "postal_code": postcode.postal_code, "city": postcode.name,
        "municipality_code": town.code,
        "latitude": round(postcode.latitude + distance * math.cos(bearing) / 111.32, 6),
        "longitude": round(postcode.longitude + distance * math.sin(bearing) / (111.32 * math.cos(math.radians(postcode.latitude))), 6),
        "accessibility": sorted(codes), "accessibility_description": " ".join(described),
    })
    return location_id


def _service(rng, writer, town, pattern, theme_code, offer, org_id, org_slug, org_name, locations, terms, rows) -> None:
    m = material()
    theme = m["themes"][theme_code]
    text = m["text"]
    region = m["places"]["regions"][town.region]
    kind = offer["kind"]
    timing = writer.timing(offer["sched"], kind)
    day = timing.days[0]
    is_free = not (offer.get("fee") and rng.random() < 0.6) and rng.random() > 0.02
    reg = bool(offer.get("reg")) if rng.random() < 0.9 else not offer.get("reg")
    ages = tuple(offer.get("ages", (None, None)))
    spoken = [code for code in offer.get("lang", []) if rng.random() < 0.7]
    langs = list(spoken)
    modes = list(offer.get("modes", ["in_person"]))
    online = kind in ("group", "course") and rng.random() < 0.05
    if online:
        modes.append("online")
    leaders = text["leaders"]["parish" if pattern.get("type") == "parish" else "youth" if theme_code == "youth" else "exercise" if kind == "exercise" else "default"]
    fee, fee2 = rng.choice((2, 3, 4, 5, 8, 10)), rng.choice((20, 25, 30, 40, 50))
    target = rng.choice(offer.get("targets") or theme["targets"])
    days_sv, days_en = (m["text"]["translations"][lang]["days"][day] for lang in ("sv", "en"))
    name = offer["fi"].format(day_adv=DAY_FI[day][1])
    translate = rng.random()
    english_odds = 0.1 if town.place.name in m["places"]["university_towns"] else 0.06
    name_sv = name_en = description_sv = description_en = None
    if translate < 0.04:
        name_sv = cap(offer["sv"].format(day_sv=f"på {days_sv}"))
        description_sv = writer.translated("sv", name_sv, org_name, timing, is_free, reg, fee)
        langs.append("sv")
    elif translate < 0.04 + english_odds:
        name_en = offer["en"].format(day_en=f"on {days_en}")
        description_en = writer.translated("en", name_en, org_name, timing, is_free, reg, fee)
        langs.append("en")
    description = writer.offering_description(offer, theme, {
        "kind_gen": pattern["kind"].split("|")[1], "town": town.place, "region": region, "timing": timing,
        "target": target, "ages": ages, "is_free": is_free, "reg": reg, "fee": fee, "fee2": fee2,
        "cap": rng.choice((8, 10, 12, 15, 20)), "k": rng.choice((4, 5, 6, 8, 10)),
        "langs": spoken, "leaders": leaders, "online": online,
    })
    values = {"loc": town.place.loc, "t_all": target.split("|")[2], "contact": rng.choice(text["contact"]), "fee": fee, "fee2": fee2}
    accepting = rng.random() < 0.8
    if accepting:
        capacity_note = rng.choice(text["capacity_open"]) if rng.random() < 0.4 else None
    else:
        capacity_note = rng.choice(text["capacity_full"])
    assured, modified, created = _dates(rng, stale=rng.random() < 0.18)
    service_id = _demo_id(rng)
    rows.service.append({
        "id": service_id, "organization_id": org_id, "name": name, "name_sv": name_sv, "name_en": name_en,
        "description": description, "description_sv": description_sv, "description_en": description_en,
        "url": f"https://example.org/{org_slug}/{slug(name)}" if rng.random() < 0.5 else None,
        "email": f"{rng.choice(('info', 'toiminta', 'ryhmat', 'yhteys'))}.{org_slug}@example.org",
        "status": rng.choices(("active", "temporarily closed", "inactive"), (92, 5, 3))[0],
        "eligibility_description": rng.choice(text["eligibility"]).format(**values) if rng.random() < 0.6 else None,
        "minimum_age": ages[0], "maximum_age": ages[1], "is_free": is_free,
        "cost_description": None if is_free else rng.choice(text["cost"]).format(**values),
        "is_registration_required": reg,
        "application_process": rng.choice(text["application"]["yes" if reg else "no"]).format(**values),
        "languages": ["fi"] + sorted(set(langs)), "delivery_modes": modes,
        "is_accepting_new": accepting,
        "capacity_note": capacity_note,
        "capacity_updated_at": ANCHOR - timedelta(days=rng.randint(0, 120), minutes=rng.randrange(600)),
        "assured_date": assured, "last_modified": modified, "created_at": created,
    })
    rows.schedule.append({
        "id": _demo_id(rng), "service_id": service_id, "freq": timing.freq, "interval": timing.interval,
        "byday": timing.byday, "opens_at": to_time(timing.opens), "closes_at": to_time(timing.closes),
        "description": cap(timing.text),
    })
    if "in_person" in modes:
        for location_id in rng.sample(locations, 2 if len(locations) > 1 and rng.random() < 0.1 else 1):
            rows.service_at_location.append({"id": _demo_id(rng), "service_id": service_id, "location_id": location_id})
    term_codes = {("theme", theme_code), *(("theme", t) for t in offer.get("themes", []))}
    term_codes |= {("target_group", g) for g in offer.get("groups", theme["groups"])}
    for key in sorted(term_codes):
        rows.service_term.append({"service_id": service_id, "taxonomy_term_id": terms[key]})
