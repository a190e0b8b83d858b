"""Offerings as contact requests and referrals read them: the visible ones by id, whether one
takes new participants now, alternatives to a full one, and the codes a request records."""
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tarjotin.directory.models import Location, Service, ServiceAtLocation, service_taxonomy_term
from tarjotin.directory.visibility import SEARCHABLE_SERVICE_STATUSES, searchable_service_clause, visible_service_clause
from tarjotin.extensions import db


def is_accepting(service: Service) -> bool:
    """A paused offering keeps its page but takes no one new, whatever its capacity says."""
    return service.status in SEARCHABLE_SERVICE_STATUSES and service.is_accepting_new


def visible_offerings(service_ids: list[str]) -> list[Service]:
    """The visible offerings among `service_ids`, in the given order."""
    if not service_ids:
        return []
    found = db.session.scalars(
        sa.select(Service)
        .join(Service.organization)
        .where(Service.id.in_(service_ids), visible_service_clause())
        .options(
            selectinload(Service.organization),
            selectinload(Service.taxonomy_terms),
            selectinload(Service.service_at_locations).selectinload(ServiceAtLocation.location),
        )
    ).all()
    by_id = {service.id: service for service in found}
    return [by_id[i] for i in dict.fromkeys(service_ids) if i in by_id]


def theme_codes(service: Service) -> list[str]:
    return [term.code for term in service.terms("theme")]


def municipality_codes(service: Service) -> list[str]:
    return sorted({loc.municipality_code for loc in service.locations if loc.municipality_code})


def names_in(services: list[Service], lang: str) -> list[str]:
    """The offerings' names in `lang`, Finnish where that is missing."""
    return [getattr(s, f"name_{lang}", None) or s.name for s in services]


def alternatives(service: Service, limit: int = 3) -> list[Service]:
    """Accepting offerings that share a theme and, when the offering has places, a municipality."""
    theme_ids = [term.id for term in service.terms("theme")]
    if not theme_ids:
        return []
    query = (
        sa.select(Service)
        .join(Service.organization)
        .where(
            Service.id.in_(
                sa.select(service_taxonomy_term.c.service_id).where(service_taxonomy_term.c.taxonomy_term_id.in_(theme_ids))
            ),
            Service.id != service.id,
            searchable_service_clause(),
            Service.is_accepting_new.is_(True),
        )
    )
    municipalities = municipality_codes(service)
    if municipalities:
        query = query.where(
            Service.id.in_(
                sa.select(ServiceAtLocation.service_id)
                .join(Location, Location.id == ServiceAtLocation.location_id)
                .where(Location.municipality_code.in_(municipalities))
            )
        )
    return db.session.scalars(query.order_by(Service.name).limit(limit)).all()
