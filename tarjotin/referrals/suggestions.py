"""Offerings to suggest for a pathway step or a need phrase, near the client's place.

Hand-picked offerings of the step come first, then what search finds near the client; within
each, offerings accepting new participants come before full ones, nearest first.
"""
from dataclasses import dataclass
from datetime import date

from tarjotin.directory.models import Service
from tarjotin.directory.offerings import is_accepting, visible_offerings
from tarjotin.geo.distance import haversine_km
from tarjotin.geo.gazetteer import OfflineGeocoder
from tarjotin.referrals.models import PathwayStep
from tarjotin.search import get_index
from tarjotin.search.engine import IndexUnavailable
from tarjotin.search.service import SearchRequest, search

MAX_FOUND = 12


class UnknownPlace(ValueError):
    """The client's place is not in the gazetteer."""


@dataclass(frozen=True)
class ClientPlace:
    label: str
    latitude: float
    longitude: float
    municipality_code: str


@dataclass(frozen=True)
class Suggestion:
    service: Service
    distance_km: float | None
    is_picked: bool

    @property
    def is_accepting(self) -> bool:
        return is_accepting(self.service)


@dataclass(frozen=True)
class Suggestions:
    place: ClientPlace
    items: list[Suggestion]
    is_search_down: bool  # only the hand-picked ones could be shown


def locate(place: str) -> ClientPlace:
    """The client's place (a municipality, village or postcode). Raises UnknownPlace."""
    location = OfflineGeocoder().geocode(place.strip()) if place and place.strip() else None
    if location is None:
        raise UnknownPlace(place)
    return ClientPlace(location.address, location.latitude, location.longitude, location.raw["municipality_code"])


def distance_to(service: Service, place: ClientPlace) -> float | None:
    """Kilometres to the offering's nearest place; None when it has no place with coordinates."""
    distances = [
        haversine_km(place.latitude, place.longitude, loc.latitude, loc.longitude)
        for loc in service.locations
        if loc.latitude is not None and loc.longitude is not None
    ]
    return round(min(distances), 1) if distances else None


def suggest(step: PathwayStep | None, need: str, place: str, today: date, stale_after_days: int) -> Suggestions:
    """Raises UnknownPlace."""
    client = locate(place)
    picked = visible_offerings([pick.service_id for pick in step.picks]) if step else []
    try:
        found = _found(step, need, client, today, stale_after_days, {s.id for s in picked})
    except IndexUnavailable:
        found, is_down = [], True
    else:
        is_down = False
    items = [Suggestion(s, distance_to(s, client), True) for s in picked]
    items.sort(key=lambda item: not item.is_accepting)
    rest = [Suggestion(s, distance_to(s, client), False) for s in found]
    rest.sort(key=lambda item: (not item.is_accepting, item.distance_km is None, item.distance_km or 0))
    return Suggestions(client, items + rest, is_down)


def _found(step: PathwayStep | None, need: str, client: ClientPlace, today: date, stale_after_days: int,
           exclude: set[str]) -> list[Service]:
    themes = step.codes("theme") if step else ()
    request = SearchRequest(
        text=need or "",
        lat=client.latitude,
        lon=client.longitude,
        themes=themes,
        # A step named only by target group still narrows the search; with themes, they would
        # narrow it to nothing too often.
        target_groups=() if themes or not step else step.codes("target_group"),
        sort="distance",
        per_page=MAX_FOUND + len(exclude),
    )
    result = search(get_index(), request, today, stale_after_days)
    ids = [hit.service_id for hit in [*result.hits, *result.anywhere] if hit.service_id not in exclude]
    return visible_offerings(ids[:MAX_FOUND])
