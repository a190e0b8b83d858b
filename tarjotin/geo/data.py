"""The gazetteer CSVs in seed_data/ (built by seed_data/tools/build_gazetteer.py), read once per process."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from tarjotin.paths import ROOT

SEED_DIR = ROOT / "seed_data"


@dataclass(frozen=True)
class Place:
    """A municipality, a locality or a postcode area, in one shape so lookups can mix them."""

    kind: str
    name: str
    name_sv: str
    municipality_code: str
    latitude: float
    longitude: float
    population: int = 0
    region: str = ""
    postal_code: str = ""
    is_area: bool = True


def _rows(filename: str) -> list[dict[str, str]]:
    with (SEED_DIR / filename).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@cache
def municipalities() -> dict[str, Place]:
    """Municipalities by their three-digit code."""
    return {
        row["code"]: Place(
            kind="municipality",
            name=row["name"],
            name_sv=row["name_sv"],
            municipality_code=row["code"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            population=int(row["population"]),
            region=row["region"],
        )
        for row in _rows("municipalities.csv")
    }


@cache
def postcodes() -> dict[str, Place]:
    """Postcode areas by postcode."""
    return {
        row["postal_code"]: Place(
            kind="postcode",
            name=row["name"],
            name_sv=row["name_sv"],
            municipality_code=row["municipality_code"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            postal_code=row["postal_code"],
            is_area=row["is_area"] == "1",
        )
        for row in _rows("postcodes.csv")
    }


@cache
def localities() -> tuple[Place, ...]:
    """GeoNames places (towns, villages, city districts)."""
    return tuple(
        Place(
            kind="locality",
            name=row["name"],
            name_sv=row["name_sv"],
            municipality_code=row["municipality_code"],
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            population=int(row["population"]),
        )
        for row in _rows("localities.csv")
    )
