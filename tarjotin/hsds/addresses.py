"""An HSDS 3 address from a place's columns: what HSDS requires, derived where it can be.

HSDS 3.0 requires address_1, city, postal_code and state_province (and country and type). A
Finnish postcode gives the post town (city) and, through its municipality, the region (maakunta),
which is what state_province holds here; the street address and the postcode cannot be derived.
Import and export use this one rule, so what an import warns about is exactly what export leaves out.
"""
from __future__ import annotations

from tarjotin.geo.data import municipalities, postcodes

REQUIRED = ("address_1", "city", "postal_code", "state_province")


def address_fields(address_1: str | None, postal_code: str | None, city: str | None,
                   state_province: str | None, municipality_code: str | None) -> dict[str, str | None]:
    """The four required fields: what was given, else what the postcode and municipality give."""
    postcode = postcodes().get(postal_code or "")
    code = municipality_code or (postcode.municipality_code if postcode else None)
    municipality = municipalities().get(code or "")
    return {
        "address_1": address_1,
        "city": city or (postcode.name if postcode else None),
        "postal_code": postal_code,
        "state_province": state_province or (municipality.region if municipality else None) or None,
    }


def missing(fields: dict[str, str | None]) -> list[str]:
    return [name for name in REQUIRED if not fields[name]]
