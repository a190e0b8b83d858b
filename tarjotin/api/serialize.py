"""HSDS 3 shapes for API answers: the paginated envelope and search hits as service objects."""
from __future__ import annotations

from dataclasses import asdict

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tarjotin.directory.models import Location, Service, ServiceAtLocation
from tarjotin.extensions import db
from tarjotin.hsds.export import service_to_hsds
from tarjotin.search.service import SearchHit, SearchResult


def paginated(contents: list[dict], total_items: int, page_number: int, size: int) -> dict:
    """The HSDS 3 page object; `size` is the page size asked for, as in the HSDS API reference."""
    total_pages = max(1, -(-total_items // size))
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": size,
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _services(ids: list[str]) -> dict[str, Service]:
    rows = db.session.scalars(
        sa.select(Service)
        .where(Service.id.in_(ids))
        .options(
            selectinload(Service.organization),
            selectinload(Service.schedules),
            selectinload(Service.taxonomy_terms),
            selectinload(Service.service_at_locations)
            .selectinload(ServiceAtLocation.location)
            .selectinload(Location.municipality),
        )
    )
    return {service.id: service for service in rows}


def _item(hit: SearchHit, service: Service) -> dict:
    return {
        **service_to_hsds(service),
        "distance_km": hit.distance_km,
        "score": hit.score,
        "available_anywhere": hit.available_anywhere,
        "explanation": asdict(hit.explanation),
    }


def search_page(result: SearchResult) -> dict:
    """A search result as an HSDS page of services, with facets and the 'available anywhere' list."""
    services = _services([hit.service_id for hit in (*result.hits, *result.anywhere)])
    # A hit whose row went away between the index and this query is left out rather than failing.
    contents = [_item(hit, services[hit.service_id]) for hit in result.hits if hit.service_id in services]
    anywhere = [_item(hit, services[hit.service_id]) for hit in result.anywhere if hit.service_id in services]
    origin = result.origin
    return {
        **paginated(contents, result.total, result.page, result.per_page),
        "facets": result.facets,
        "available_anywhere": {"total_items": result.anywhere_total, "contents": anywhere},
        "origin": None if origin is None else {"latitude": origin.latitude, "longitude": origin.longitude, "label": origin.label},
        "corrections": result.corrections,
    }
