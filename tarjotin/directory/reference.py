"""Product data every county starts from: the thesaurus and the municipalities.

The themes and target groups (seed_data/taxonomy.json, with fi/sv/en names and lay synonyms)
and the municipalities (seed_data/municipalities.csv) are written by a data migration, so they
exist after `flask db upgrade` on an empty database, and by `flask taxonomy sync`, which brings a
later release's lists into a running database. Both call `sync_reference_data`.

It works on a plain connection with the tables as the database has them (reflected, not the
ORM models), so the migration keeps working when the models move on; a column a later
migration adds is simply not written here until it exists.

The thesaurus is only added to: a term is matched on (taxonomy, code), missing terms are
inserted, empty labels filled and missing synonyms appended, and nothing a county changed or
added is overwritten or removed. Municipalities are official data and are updated in place.
"""
from __future__ import annotations

import json
import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from tarjotin.paths import ROOT
from tarjotin.geo.data import municipalities

TAXONOMY_FILE = ROOT / "seed_data" / "taxonomy.json"
# Ids of shipped terms are derived from (taxonomy, code), so every database gives a term the same id.
TERM_NAMESPACE = uuid.UUID("5b0f1c52-3f7e-4d1e-9a57-6a1e2f4c9d10")
LABELS = ("name", "name_sv", "name_en")
SYNONYMS = ("synonyms", "synonyms_sv", "synonyms_en")


@dataclass
class SyncSummary:
    terms_added: int = 0
    synonyms_added: int = 0
    terms: int = 0
    municipalities: int = 0


def term_id(taxonomy: str, code: str) -> str:
    return str(uuid.uuid5(TERM_NAMESPACE, f"{taxonomy}:{code}"))


def thesaurus() -> dict[str, list[dict]]:
    """seed_data/taxonomy.json: taxonomy -> entries with code, labels and synonyms per language."""
    return json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))


def sync_reference_data(connection: sa.Connection) -> SyncSummary:
    """Bring the thesaurus and the municipalities in; the caller commits (or the migration does)."""
    summary = SyncSummary()
    _sync_thesaurus(connection, summary)
    summary.municipalities = _sync_municipalities(connection)
    return summary


def _table(connection: sa.Connection, name: str) -> sa.Table:
    return sa.Table(name, sa.MetaData(), autoload_with=connection)


def _sync_thesaurus(connection: sa.Connection, summary: SyncSummary) -> None:
    table = _table(connection, "taxonomy_term")
    synonym_columns = [name for name in SYNONYMS if name in table.c]
    existing = {(row.taxonomy, row.code): row._mapping for row in connection.execute(sa.select(table))}
    for taxonomy, entries in thesaurus().items():
        for entry in entries:
            row = existing.get((taxonomy, entry["code"]))
            if row is None:
                values = {name: entry.get(name) or [] for name in synonym_columns}
                values.update({name: entry.get(name) for name in LABELS})
                connection.execute(table.insert().values(
                    id=term_id(taxonomy, entry["code"]), taxonomy=taxonomy, code=entry["code"], **values))
                summary.terms_added += 1
                summary.synonyms_added += sum(len(values[name]) for name in synonym_columns)
                continue
            changes = {name: entry[name] for name in LABELS if not row[name] and entry.get(name)}
            for name in synonym_columns:
                have = list(row[name] or [])
                known = {word.casefold() for word in have}
                new = [word for word in entry.get(name) or [] if word.casefold() not in known]
                if new:
                    changes[name] = have + new
                    summary.synonyms_added += len(new)
            if changes:
                connection.execute(table.update().where(table.c.id == row["id"]).values(**changes))
    summary.terms = connection.scalar(sa.select(sa.func.count()).select_from(table))


def _sync_municipalities(connection: sa.Connection) -> int:
    table = _table(connection, "municipality")
    existing = set(connection.scalars(sa.select(table.c.code)))
    rows = municipalities().values()
    for place in rows:
        values = {"name": place.name, "name_sv": place.name_sv or None, "region": place.region,
                  "latitude": place.latitude, "longitude": place.longitude}
        if place.municipality_code in existing:
            connection.execute(table.update().where(table.c.code == place.municipality_code).values(**values))
        else:
            connection.execute(table.insert().values(code=place.municipality_code, **values))
    return len(rows)
