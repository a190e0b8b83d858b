"""Municipalities in the database, kept in step with seed_data/municipalities.csv."""
from __future__ import annotations

import sqlalchemy as sa

from tarjotin.directory.models import Municipality
from tarjotin.extensions import db
from tarjotin.geo.data import municipalities, postcodes


def sync_municipalities() -> int:
    """Insert or update every municipality of the gazetteer; flushes, the caller commits."""
    existing = {m.code: m for m in db.session.scalars(sa.select(Municipality))}
    rows = municipalities().values()
    for row in rows:
        municipality = existing.get(row.municipality_code)
        if municipality is None:
            municipality = Municipality(code=row.municipality_code)
            db.session.add(municipality)
        municipality.name = row.name
        municipality.name_sv = row.name_sv or None
        municipality.region = row.region
        municipality.latitude = row.latitude
        municipality.longitude = row.longitude
    db.session.flush()
    return len(rows)


def municipality_for_postcode(postal_code: str) -> str | None:
    """The code of the municipality a postcode belongs to, or None if Posti does not know it."""
    place = postcodes().get(postal_code.strip())
    return place.municipality_code if place else None
