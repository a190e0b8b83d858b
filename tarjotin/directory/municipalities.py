"""Which municipality a postcode lies in; the table itself is kept by directory/reference.py."""
from __future__ import annotations

from tarjotin.geo.data import postcodes


def municipality_for_postcode(postal_code: str) -> str | None:
    """The code of the municipality a postcode belongs to, or None if Posti does not know it."""
    place = postcodes().get(postal_code.strip())
    return place.municipality_code if place else None
