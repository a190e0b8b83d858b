"""Read-side queries for the public directory pages."""
import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from tarjotin.directory.models import Organization, Service, ServiceAtLocation, TaxonomyTerm, service_taxonomy_term
from tarjotin.directory.visibility import public_organization_clause, searchable_service_clause, visible_service_clause
from tarjotin.extensions import db

MAX_PAGE = 500  # of the organisation list: past any real listing, and inside what OFFSET can hold


def public_organization(organization_id: str) -> Organization | None:
    """A published organisation with its visible offerings loaded, or None."""
    return db.session.scalar(
        sa.select(Organization)
        .where(Organization.id == organization_id, public_organization_clause())
        .options(selectinload(Organization.services), selectinload(Organization.locations))
    )


def public_service(service_id: str) -> Service | None:
    return db.session.scalar(
        sa.select(Service)
        .join(Service.organization)
        .where(Service.id == service_id, visible_service_clause())
        .options(
            selectinload(Service.taxonomy_terms),
            selectinload(Service.schedules),
            selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.location),
        )
    )


def published_organizations(page: int, per_page: int = 50):
    """One page of published organisations by name (a flask-sqlalchemy Pagination)."""
    query = sa.select(Organization).where(public_organization_clause()).order_by(Organization.name)
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def theme_counts() -> list[tuple[TaxonomyTerm, int]]:
    """Each theme with how many visible offerings carry it, most first."""
    count = sa.func.count(Service.id)
    rows = db.session.execute(
        sa.select(TaxonomyTerm, count)
        .join(service_taxonomy_term, service_taxonomy_term.c.taxonomy_term_id == TaxonomyTerm.id)
        .join(Service, Service.id == service_taxonomy_term.c.service_id)
        .join(Organization, Organization.id == Service.organization_id)
        .where(TaxonomyTerm.taxonomy == "theme", searchable_service_clause())
        .group_by(TaxonomyTerm.id)
        .order_by(count.desc(), TaxonomyTerm.name)
    ).all()
    return [(term, n) for term, n in rows]


def taxonomy_terms() -> dict[tuple[str, str], TaxonomyTerm]:
    """Every theme and target group by (taxonomy, code), for labels and filters."""
    return {(t.taxonomy, t.code): t for t in db.session.scalars(sa.select(TaxonomyTerm).order_by(TaxonomyTerm.name))}


def result_cards(service_ids: list[str]) -> dict[str, Service]:
    """The offerings behind a page of search hits with what their cards show, in two queries
    (offerings with organisation and schedules; then their places) whatever the page size."""
    if not service_ids:
        return {}
    services = db.session.scalars(
        sa.select(Service)
        .where(Service.id.in_(service_ids))
        .options(
            joinedload(Service.organization),
            joinedload(Service.schedules),
            selectinload(Service.service_at_locations).joinedload(ServiceAtLocation.location),
        )
    ).unique()
    return {service.id: service for service in services}


def other_services(service: Service, limit: int = 10) -> list[Service]:
    """The organisation's other visible offerings, by name."""
    return list(
        db.session.scalars(
            sa.select(Service)
            .join(Service.organization)
            .where(Service.organization_id == service.organization_id, Service.id != service.id, visible_service_clause())
            .order_by(Service.name)
            .limit(limit)
        )
    )


def sitemap_rows() -> tuple[list, list]:
    """(id, last_modified) of published organisations and of their visible offerings."""
    organizations = db.session.execute(
        sa.select(Organization.id, Organization.last_modified)
        .where(public_organization_clause())
        .order_by(Organization.id)
    ).all()
    services = db.session.execute(
        sa.select(Service.id, Service.last_modified)
        .join(Service.organization)
        .where(visible_service_clause())
        .order_by(Service.id)
    ).all()
    return organizations, services
