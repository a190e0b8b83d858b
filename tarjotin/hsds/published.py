"""What the open-data API and the downloads may show: published organisations and their visible
offerings, places and the taxonomy, read as rows for the HSDS serialiser in export.py.

Nothing here reads personal data: contact requests, referrals and accounts are other tables.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from tarjotin.directory.models import (
    TAXONOMIES,
    Location,
    Organization,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
    service_taxonomy_term,
)
from tarjotin.directory.visibility import VISIBLE_SERVICE_STATUSES, public_organization_clause, visible_service_clause
from tarjotin.extensions import db
from tarjotin.geo.distance import bounding_box, haversine_km
from tarjotin.hsds.export import derived_id, service_load_options


@dataclass(frozen=True)
class Page:
    rows: list
    total: int


def visible_services() -> sa.Select:
    """Offerings a resident can see on the site, by id."""
    return sa.select(Service).join(Service.organization).where(visible_service_clause()).order_by(Service.id)


def service(service_id: str) -> Service | None:
    return db.session.scalar(visible_services().where(Service.id == service_id).options(*service_load_options()))


def services(service_ids: list[str]) -> dict[str, Service]:
    query = visible_services().where(Service.id.in_(service_ids)).options(*service_load_options())
    return {row.id: row for row in db.session.scalars(query)}


def minimal_rows(service_ids: list[str]) -> list[dict]:
    """Id, name, status and change time of visible offerings: all a minimal answer needs, without
    loading the rows."""
    query = sa.select(Service.id, Service.name, Service.status, Service.last_modified).join(
        Service.organization).where(visible_service_clause(), Service.id.in_(service_ids))
    return [row._asdict() for row in db.session.execute(query)]


def service_ids(organization_ids: tuple[str, ...] = (), modified_after: datetime | None = None,
                term_ids: tuple[str, ...] = (), taxonomy_ids: tuple[str, ...] = ()) -> frozenset[str] | None:
    """Visible offerings matching the filters the search index has no field for; None without such filters."""
    if not (organization_ids or modified_after or term_ids or taxonomy_ids):
        return None
    query = sa.select(Service.id).join(Service.organization).where(visible_service_clause())
    if organization_ids:
        query = query.where(Service.organization_id.in_(organization_ids))
    if modified_after:
        # An offering changes for the reader when its organisation does: the organisation is nested in it.
        query = query.where(sa.or_(Service.last_modified >= modified_after, Organization.last_modified >= modified_after))
    for term_id in term_ids:
        query = query.where(Service.id.in_(
            sa.select(service_taxonomy_term.c.service_id).where(service_taxonomy_term.c.taxonomy_term_id == term_id)
        ))
    if taxonomy_ids:
        # HSDS: offerings with any term of the taxonomy; an id no taxonomy has matches nothing.
        query = query.where(Service.id.in_(
            sa.select(service_taxonomy_term.c.service_id)
            .join(TaxonomyTerm, TaxonomyTerm.id == service_taxonomy_term.c.taxonomy_term_id)
            .where(TaxonomyTerm.taxonomy.in_(taxonomies_of(taxonomy_ids)))
        ))
    return frozenset(db.session.scalars(query))


def taxonomies_of(taxonomy_ids: tuple[str, ...]) -> list[str]:
    """Our taxonomies named by the given ids (their HSDS uuid, or the name itself)."""
    return [t for t in TAXONOMIES if {t, taxonomy_uuid(t)} & set(taxonomy_ids)]


def service_at_location(sal_id: str) -> ServiceAtLocation | None:
    return db.session.scalar(
        sa.select(ServiceAtLocation).join(ServiceAtLocation.service).join(Service.organization)
        .where(visible_service_clause(), ServiceAtLocation.id == sal_id)
    )


def taxonomy_term(term_id: str) -> TaxonomyTerm | None:
    return db.session.get(TaxonomyTerm, term_id)


def organizations(page: int, per_page: int, text: str = "", term_ids: tuple[str, ...] = ()) -> Page:
    query = sa.select(Organization).where(public_organization_clause())
    if text.strip():
        pattern = f"%{_escape_like(text.strip().lower())}%"
        query = query.where(sa.or_(sa.func.lower(Organization.name).like(pattern, escape="\\"),
                                   sa.func.lower(Organization.alternate_name).like(pattern, escape="\\")))
    for term_id in term_ids:
        query = query.where(Organization.id.in_(
            sa.select(Service.organization_id)
            .join(service_taxonomy_term, service_taxonomy_term.c.service_id == Service.id)
            .where(service_taxonomy_term.c.taxonomy_term_id == term_id, Service.status.in_(VISIBLE_SERVICE_STATUSES))
        ))
    return _page(query.order_by(Organization.name, Organization.id), page, per_page)


def organization(organization_id: str) -> Organization | None:
    return db.session.scalar(
        sa.select(Organization).where(Organization.id == organization_id, public_organization_clause())
    )


def organization_services(organization_ids: list[str]) -> dict[str, list[Service]]:
    """Visible offerings of the organisations, loaded for the serialiser, by organisation."""
    found: dict[str, list[Service]] = {oid: [] for oid in organization_ids}
    query = visible_services().where(Service.organization_id.in_(organization_ids)).options(*service_load_options())
    for row in db.session.scalars(query):
        found[row.organization_id].append(row)
    return found


def taxonomy_terms(page: int, per_page: int, text: str = "", taxonomy_id: str | None = None,
                   parent_id: str | None = None, top_only: bool = False) -> Page:
    query = sa.select(TaxonomyTerm)
    if taxonomy_id:
        query = query.where(TaxonomyTerm.taxonomy.in_(taxonomies_of((taxonomy_id,))))
    if parent_id:
        query = query.where(TaxonomyTerm.parent_id == parent_id)
    if top_only:
        query = query.where(TaxonomyTerm.parent_id.is_(None))
    if text.strip():
        pattern = f"%{_escape_like(text.strip().lower())}%"
        query = query.where(sa.or_(*(sa.func.lower(column).like(pattern, escape="\\") for column in (
            TaxonomyTerm.code, TaxonomyTerm.name, TaxonomyTerm.name_sv, TaxonomyTerm.name_en))))
    return _page(query.order_by(TaxonomyTerm.taxonomy, TaxonomyTerm.code), page, per_page)


def taxonomy_uuid(taxonomy: str) -> str:
    return derived_id("taxonomy", taxonomy)


def service_at_locations(allowed: frozenset[str] | None, origin: tuple[float, float] | None,
                         within_km: float | None) -> list[tuple[ServiceAtLocation, float | None]]:
    """(offering at a place, km from the origin) for visible offerings; nearest first given an origin,
    else by offering name. The whole list: paging happens after the distance filter."""
    query = (
        sa.select(ServiceAtLocation, Location.latitude, Location.longitude)
        .join(ServiceAtLocation.service)
        .join(ServiceAtLocation.location)
        .join(Service.organization)
        .where(visible_service_clause())
        .order_by(Service.name, ServiceAtLocation.id)
    )
    if allowed is not None:
        query = query.where(ServiceAtLocation.service_id.in_(allowed))
    if origin is not None and within_km is not None:
        min_lat, max_lat, min_lon, max_lon = bounding_box(*origin, within_km)
        query = query.where(Location.latitude.between(min_lat, max_lat), Location.longitude.between(min_lon, max_lon))
    rows = db.session.execute(query).all()
    if origin is None:
        return [(sal, None) for sal, _, _ in rows]
    placed = [(sal, round(haversine_km(*origin, lat, lon), 2)) for sal, lat, lon in rows if lat is not None]
    placed = [(sal, km) for sal, km in placed if within_km is None or km <= within_km]
    return sorted(placed, key=lambda pair: pair[1])


def load_for_serialiser(pairs: list[ServiceAtLocation]) -> dict[str, Service]:
    """The offerings of a page of service-at-locations, loaded as service_to_hsds needs them."""
    return services(sorted({sal.service_id for sal in pairs}))


def data_stamp() -> str:
    """Changes whenever published data may have: row counts and the newest change of each table
    that has a modification time. Cheap (aggregates only), for the downloads' ETag."""
    parts = []
    for model, stamp in ((Organization, Organization.last_modified), (Service, Service.last_modified),
                         (Location, None), (ServiceAtLocation, None), (TaxonomyTerm, None)):
        columns = [sa.func.count()] + ([sa.func.max(stamp)] if stamp is not None else [])
        parts.append(repr(tuple(db.session.execute(sa.select(*columns).select_from(model)).one())))
    # Places and terms carry no modification time: a hash of their text catches an edit in place.
    places = db.session.execute(sa.select(Location.id, Location.name, Location.address_1, Location.postal_code,
                                          Location.city, Location.latitude, Location.longitude,
                                          Location.accessibility).order_by(Location.id)).all()
    terms = db.session.execute(sa.select(TaxonomyTerm.id, TaxonomyTerm.name, TaxonomyTerm.name_sv,
                                         TaxonomyTerm.name_en).order_by(TaxonomyTerm.id)).all()
    parts.append(repr(places) + repr(terms))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _page(query: sa.Select, page: int, per_page: int) -> Page:
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    rows = list(db.session.scalars(query.limit(per_page).offset((page - 1) * per_page)))
    return Page(rows, total or 0)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
