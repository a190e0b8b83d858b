"""HSDS 3 shapes for API answers: the paginated envelope, and rows through the one HSDS serialiser
(tarjotin.hsds.export) cut to the shape a parameter asks for."""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from tarjotin.directory.models import Organization, Service, ServiceAtLocation
from tarjotin.hsds import published
from tarjotin.hsds.export import hsds_datetime, location_to_hsds, organization_to_hsds, service_to_hsds
from tarjotin.search.service import SearchHit, SearchResult

SHAPES = ("full", "list", "minimal")  # HSDS: fully nested; one-to-one fields only; id and last_modified


def paginated(contents: list[dict], total_items: int, page_number: int, per_page: int) -> dict:
    """The HSDS 3 page object; `size` is the number of items in this page, as the HSDS API says."""
    total_pages = max(1, -(-total_items // per_page))
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


MINIMAL = ("id", "name", "status", "last_modified")  # what HSDS's service_list requires, and the change time


def service(row: Service, shape: str = "full") -> dict:
    found = service_to_hsds(row)
    if shape == "minimal":
        return {key: found[key] for key in MINIMAL}
    if shape == "list":
        return {key: value for key, value in found.items() if not isinstance(value, list)}
    return found


def organization(row: Organization, services: list[Service] | None = None, shape: str = "list") -> dict:
    found = organization_to_hsds(row)
    if services is not None:
        found["services"] = [service(s, shape) for s in services]
    return found


def service_at_location(sal: ServiceAtLocation, row: Service, distance_km: float | None, shape: str) -> dict:
    found = {
        "id": sal.id,
        "service_id": sal.service_id,
        "location_id": sal.location_id,
        "service": service(row, "full" if shape == "full" else "list"),
        "location": location_to_hsds(sal.location),
    }
    if distance_km is not None:
        found["distance_km"] = distance_km
    return found


def _item(hit: SearchHit, row: Service | dict, shape: str) -> dict:
    if shape == "minimal":
        return row
    found = service(row, shape)
    return {
        **found,
        "distance_km": hit.distance_km,
        "score": hit.score,
        "available_anywhere": hit.available_anywhere,
        "explanation": asdict(hit.explanation),
    }


def search_page(result: SearchResult, shape: str = "full") -> dict:
    """A search result as an HSDS page of services, with facets and the 'available anywhere' list."""
    ids = [hit.service_id for hit in (*result.hits, *result.anywhere)]
    if shape == "minimal":
        # A few columns only: loading and serialising whole offerings would be thrown away.
        rows = {row["id"]: {**row, "last_modified": hsds_datetime(row["last_modified"])}
                for row in published.minimal_rows(ids)}
    else:
        rows = published.services(ids)
    # A hit whose row went away (or stopped being public) since the index saw it is left out.
    contents = [_item(hit, rows[hit.service_id], shape) for hit in result.hits if hit.service_id in rows]
    anywhere = [_item(hit, rows[hit.service_id], shape) for hit in result.anywhere if hit.service_id in rows]
    origin = result.origin
    return {
        **paginated(contents, result.total, result.page, result.per_page),
        "facets": result.facets,
        "available_anywhere": {"total_items": result.anywhere_total, "contents": anywhere},
        "origin": None if origin is None else {"latitude": origin.latitude, "longitude": origin.longitude, "label": origin.label},
        "corrections": result.corrections,
    }


def newest(items: list[dict]) -> datetime | None:
    """The latest last_modified among items and their nested organisations and services, for Last-Modified."""
    stamps = []
    for item in items:
        for part in (item, item.get("organization") or {}, item.get("service") or {}, *item.get("services", ())):
            if part.get("last_modified"):
                stamps.append(datetime.fromisoformat(part["last_modified"]))
    return max(stamps, default=None)
