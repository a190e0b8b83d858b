"""Referral statistics without personal data: counts, acceptance rate and time to first contact.

Any cell counting fewer than MIN_CELL referrals is suppressed (None), and so are a rate or a
median computed from fewer, so that no small group of clients can be singled out.
"""
import csv
import io
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from tarjotin.directory.models import TaxonomyTerm
from tarjotin.extensions import db
from tarjotin.geo import data as geo
from tarjotin.referrals.models import CarePathway, PathwayStep, Referral
from tarjotin.referrals.services import require_referrer
from tarjotin.spreadsheet import safe_cell

MIN_CELL = 5
DIMENSIONS = ("pathway", "organisation", "theme", "municipality", "month")


@dataclass(frozen=True)
class Row:
    label: str
    count: int | None
    accepted: int | None
    acceptance_rate: float | None  # 0..1
    median_days_to_contact: float | None
    bar: float  # 0..1 of the table's largest shown count; 0 when suppressed


@dataclass(frozen=True)
class Table:
    dimension: str
    rows: list[Row]


@dataclass(frozen=True)
class _Fact:
    keys: dict[str, list[str]]  # dimension -> the groups the referral counts in
    is_accepted: bool
    is_decided: bool
    days_to_contact: float | None


def _shown(value: int) -> int | None:
    return value if value == 0 or value >= MIN_CELL else None


def _row(label: str, facts: list[_Fact]) -> Row:
    decided = [f for f in facts if f.is_decided]
    accepted = sum(f.is_accepted for f in decided)
    days = [f.days_to_contact for f in facts if f.days_to_contact is not None]
    return Row(
        label=label,
        count=_shown(len(facts)),
        accepted=_shown(accepted),
        acceptance_rate=accepted / len(decided) if len(decided) >= MIN_CELL else None,
        median_days_to_contact=round(statistics.median(days), 1) if len(days) >= MIN_CELL else None,
        bar=0.0,
    )


def _with_bars(rows: list[Row]) -> list[Row]:
    top = max((r.count for r in rows if r.count), default=0)
    return [Row(**{**r.__dict__, "bar": (r.count / top) if top and r.count else 0.0}) for r in rows]


def tables(actor, lang: str, timezone: str) -> tuple[Row, list[Table]]:
    """The total and one table per dimension; moderators see every referral, advisors their own."""
    user = require_referrer(actor)
    query = sa.select(Referral)
    if not user.is_moderator:
        query = query.where(Referral.advisor_id == user.id)
    names = _names(lang)
    zone = ZoneInfo(timezone)
    facts = [_fact(r, names, zone) for r in db.session.scalars(query)]
    result = []
    for dimension in DIMENSIONS:
        groups: dict[str, list[_Fact]] = {}
        for fact in facts:
            for key in fact.keys[dimension]:
                groups.setdefault(key, []).append(fact)
        order = sorted(groups) if dimension == "month" else sorted(groups, key=lambda k: (-len(groups[k]), k))
        result.append(Table(dimension, _with_bars([_row(key, groups[key]) for key in order])))
    return _row("", facts), result


def _names(lang: str) -> Callable[[str, str | None], str]:
    def local(obj) -> str:
        return (getattr(obj, f"name_{lang}", None) if lang != "fi" else None) or obj.name

    steps = {s.id: s for s in db.session.scalars(sa.select(PathwayStep))}
    pathways = {p.id: p for p in db.session.scalars(sa.select(CarePathway))}
    themes = {t.code: t for t in db.session.scalars(sa.select(TaxonomyTerm).where(TaxonomyTerm.taxonomy == "theme"))}
    municipalities = geo.municipalities()  # the gazetteer's names: there even before `seed demo`

    def name(kind: str, key: str | None) -> str:
        if kind == "step":
            step = steps.get(key)
            return f"{local(pathways[step.pathway_id])}: {local(step)}" if step else "–"
        table = {"theme": themes, "municipality": municipalities}[kind]
        found = table.get(key)
        return local(found) if found is not None else key or "–"

    return name


def _fact(referral: Referral, name: Callable[[str, str | None], str], zone: ZoneInfo) -> _Fact:
    created = referral.created_at
    days = None
    if referral.contacted_at is not None:
        days = (referral.contacted_at - created).total_seconds() / 86400
    return _Fact(
        keys={
            "pathway": [name("step", referral.step_id)],
            "organisation": [referral.organization_name],
            "theme": [name("theme", code) for code in referral.theme_codes] or ["–"],
            "municipality": [name("municipality", referral.client_municipality_code)],
            "month": [created.astimezone(zone).strftime("%Y-%m")],
        },
        is_accepted=referral.accepted_at is not None,
        is_decided=referral.accepted_at is not None or referral.declined_at is not None,
        days_to_contact=days,
    )


SUPPRESSED = f"<{MIN_CELL}"


def to_csv(total: Row, result: Iterable[Table], now: datetime) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["dimension", "group", "referrals", "accepted", "acceptance_rate", "median_days_to_first_contact"])
    for table in [Table("total", [total]), *result]:
        for row in table.rows:
            writer.writerow([
                # Organisation names come from public registration, so a name can start with "=".
                table.dimension, safe_cell(row.label),
                SUPPRESSED if row.count is None else row.count,
                SUPPRESSED if row.accepted is None else row.accepted,
                "" if row.acceptance_rate is None else f"{row.acceptance_rate:.2f}",
                "" if row.median_days_to_contact is None else f"{row.median_days_to_contact:.1f}",
            ])
    writer.writerow([f"# {now:%Y-%m-%d %H:%M} UTC; cells under {MIN_CELL} suppressed"])
    return out.getvalue()
