"""An offline geocoder over the Finnish gazetteer: postcodes, municipalities and localities."""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from tarjotin.geo.data import Place, localities, municipalities, postcodes
from tarjotin.geo.distance import haversine_km

POSTCODE = re.compile(r"(?<!\d)\d{5}(?!\d)")
COUNTRY_NAMES = {"finland", "suomi", "fi", "fin"}
# A municipality beats a same-named village; a postcode area name is the least sure match.
RANK = {"municipality": 0, "locality": 1, "postcode": 2}


def fold(text: str) -> str:
    """Lower case without diacritics and extra spaces, so "Jarvenpaa" meets "Järvenpää"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


@dataclass(frozen=True)
class _Entry:
    key: str
    display: str
    place: Place
    is_sv: bool


def _sort_key(place: Place) -> tuple:
    return RANK[place.kind], -place.population, place.postal_code, place.name


def _named_places() -> list[Place]:
    """Every place reachable by name; a postcode area once per name and municipality, and not
    at all where it is named after its municipality (the municipality answers that)."""
    areas: dict[tuple[str, str], Place] = {}
    for place in postcodes().values():
        municipality = municipalities()[place.municipality_code]
        if place.is_area and fold(place.name) not in {fold(municipality.name), fold(municipality.name_sv)}:
            areas.setdefault((fold(place.name), place.municipality_code), place)
    return [*municipalities().values(), *localities(), *areas.values()]


@cache
def _by_name() -> dict[str, tuple[Place, ...]]:
    index: dict[str, list[Place]] = {}
    for place in _named_places():
        for name in {fold(place.name), fold(place.name_sv)} - {""}:
            index.setdefault(name, []).append(place)
    return {name: tuple(sorted(places, key=_sort_key)) for name, places in index.items()}


@cache
def _suggestions() -> tuple[list[str], list[_Entry]]:
    """Entries sorted by folded name, with the keys apart for bisect."""
    entries = []
    for place in _named_places():
        municipality = municipalities()[place.municipality_code]
        for is_sv, name, municipality_name in (
            (False, place.name, municipality.name),
            (True, place.name_sv, municipality.name_sv or municipality.name),
        ):
            if not name:
                continue
            if place.kind == "municipality":
                entries.append(_Entry(fold(name), name, place, is_sv))
            elif fold(name) not in {fold(municipality.name), fold(municipality.name_sv)}:
                # The municipality tells apart the many villages of one name.
                entries.append(_Entry(fold(name), f"{name}, {municipality_name}", place, is_sv))
    entries.sort(key=lambda e: (e.key, _sort_key(e.place)))
    return [e.key for e in entries], entries


def _location(place: Place) -> Location:
    municipality = municipalities()[place.municipality_code]
    if place.kind == "municipality":
        address = place.name
    elif fold(place.name) in {fold(municipality.name), fold(municipality.name_sv)}:
        address = f"{place.postal_code} {municipality.name}".strip()
    else:
        address = f"{place.postal_code} {place.name}, {municipality.name}".strip()
    raw = {
        "kind": place.kind,
        "name": place.name,
        "name_sv": place.name_sv or None,
        "municipality_code": place.municipality_code,
        "municipality": municipality.name,
        "postal_code": place.postal_code or None,
    }
    return Location(address, (place.latitude, place.longitude), raw)


def locate_address(postal_code: str | None, municipality_code: str | None, city: str | None) -> tuple[Place, str] | None:
    """The closest point the gazetteer gives an address without coordinates, and how it was found:
    its postcode area, else its municipality's centre, else a place named like its town."""
    if postal_code and (place := postcodes().get(postal_code.strip())):
        return place, "postcode"
    if municipality_code and (place := municipalities().get(municipality_code)):
        return place, "municipality"
    if city and (places := OfflineGeocoder._resolve(city)):
        return places[0], "town name"
    return None


class OfflineGeocoder(Geocoder):
    """Finnish places from seed_data/, without network.

    Resolves a five-digit postcode (also inside an address), a municipality or a locality in
    Finnish or Swedish, typed with or without ä/ö/å. A trailing ", Finland" is ignored and a
    trailing municipality picks among same-named villages ("Nummi, Lohja"). ``reverse`` gives
    the nearest locality or municipality centre.
    """

    def __init__(self) -> None:
        # Not geopy's constructor: it builds an HTTP adapter (about 27 ms) that a gazetteer read
        # from disk never uses, and views make one of these per request.
        pass

    def geocode(
        self, query: str, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL
    ) -> Location | list[Location] | None:
        """The place for ``query``, or None when it is unknown; ``timeout`` is ignored."""
        if not isinstance(query, str):
            raise ValueError(f"query must be a string, not {type(query).__name__}")
        places = self._resolve(query)
        if not places:
            return None
        if exactly_one:
            return _location(places[0])
        return [_location(place) for place in places]

    def reverse(
        self, query, *, exactly_one: bool = True, timeout=DEFAULT_SENTINEL, limit: int = 10
    ) -> Location | list[Location] | None:
        """The nearest places to a point (anything geopy's Point takes), nearest first."""
        point = Point(query)
        places = [*municipalities().values(), *localities()]
        places.sort(key=lambda p: haversine_km(point.latitude, point.longitude, p.latitude, p.longitude))
        if exactly_one:
            return _location(places[0])
        return [_location(place) for place in places[:limit]]

    def suggest(self, prefix: str, limit: int = 8) -> list[str]:
        """Place names starting with ``prefix`` for autocompletion, municipalities first."""
        wanted = fold(prefix)
        if not wanted or limit <= 0:
            return []
        keys, entries = _suggestions()
        matches = []
        for entry in entries[bisect_left(keys, wanted):]:
            if not entry.key.startswith(wanted):
                break
            matches.append(entry)
        # Finnish names before Swedish ones of the same kind, and one name per place
        # ("hel" gives Helsinki, not also Helsingfors).
        matches.sort(key=lambda e: (RANK[e.place.kind], e.is_sv, _sort_key(e.place)))
        seen: set[Place] = set()
        names: list[str] = []
        for entry in matches:
            if entry.place not in seen and entry.display not in names:
                seen.add(entry.place)
                names.append(entry.display)
            if len(names) == limit:
                break
        return names

    @staticmethod
    def _resolve(query: str) -> tuple[Place, ...]:
        for code in POSTCODE.findall(query):
            if code in postcodes():
                return (postcodes()[code],)
        parts = [fold(POSTCODE.sub("", part)) for part in query.split(",")]
        parts = [part for part in parts if part and part not in COUNTRY_NAMES]
        by_name = _by_name()
        for i, part in enumerate(parts):
            places = by_name.get(part)
            if not places:
                continue
            scope = {
                place.municipality_code
                for later in parts[i + 1 :]
                for place in by_name.get(later, ())
                if place.kind == "municipality"
            }
            return tuple(place for place in places if place.municipality_code in scope) or places
        return ()
