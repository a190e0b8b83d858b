"""Moderators keep the care pathways: names, ordered steps, and what each step links to.

Removing a step keeps the referrals sent along it (their step becomes empty); the statistics
count them under the pathway alone.
"""
import re
import unicodedata

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from tarjotin.accounts.permissions import require_moderator
from tarjotin.directory.models import Organization, Service, TaxonomyTerm
from tarjotin.directory.visibility import searchable_service_clause
from tarjotin.extensions import db
from tarjotin.referrals.models import CarePathway, PathwayStep, PathwayStepOffering

PATHWAY_FIELDS = ("name", "name_sv", "name_en", "description", "description_sv", "description_en")
STEP_FIELDS = ("name", "name_sv", "name_en")
SEARCH_LIMIT = 20


def listing(actor) -> list[CarePathway]:
    require_moderator(actor)
    return db.session.scalars(
        sa.select(CarePathway).options(selectinload(CarePathway.steps)).order_by(CarePathway.position, CarePathway.name)
    ).all()


def pathway(actor, pathway_id: str) -> CarePathway | None:
    require_moderator(actor)
    return db.session.get(CarePathway, pathway_id)


def step(actor, step_id: str) -> PathwayStep | None:
    require_moderator(actor)
    return db.session.get(PathwayStep, step_id)


def _code(name: str) -> str:
    """A readable, unique code from the Finnish name; the demo seed matches pathways by code."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:56] or "pathway"
    taken = set(db.session.scalars(sa.select(CarePathway.code).where(CarePathway.code.like(f"{base}%"))))
    code, n = base, 2
    while code in taken:
        code, n = f"{base}-{n}", n + 1
    return code


def save(actor, obj: CarePathway | None, values: dict) -> CarePathway:
    """Create (obj None) or edit a pathway; new pathways go last in the advisors' list."""
    require_moderator(actor)
    if obj is None:
        last = db.session.scalar(sa.select(sa.func.max(CarePathway.position)))
        obj = CarePathway(code=_code(values["name"]), position=(last or 0) + 1)
        db.session.add(obj)
    for field in PATHWAY_FIELDS:
        setattr(obj, field, values.get(field))
    db.session.flush()
    return obj


def add_step(actor, obj: CarePathway, values: dict) -> PathwayStep:
    require_moderator(actor)
    new = PathwayStep(position=len(obj.steps), **{f: values.get(f) for f in STEP_FIELDS})
    obj.steps.append(new)
    db.session.flush()
    return new


def _renumber(obj: CarePathway, ordered: list[PathwayStep]) -> None:
    """Positions are unique per pathway and PostgreSQL checks that row by row, so the steps
    pass through free negative positions before they take their final ones."""
    for index, item in enumerate(ordered):
        item.position = -1 - index
    db.session.flush()
    for index, item in enumerate(ordered):
        item.position = index
    db.session.flush()
    db.session.expire(obj, ["steps"])


def move_step(actor, item: PathwayStep, offset: int) -> None:
    require_moderator(actor)
    ordered = list(item.pathway.steps)
    index = ordered.index(item)
    target = min(max(index + offset, 0), len(ordered) - 1)
    ordered.insert(target, ordered.pop(index))
    _renumber(item.pathway, ordered)


def remove_step(actor, item: PathwayStep) -> None:
    require_moderator(actor)
    owner = item.pathway
    remaining = [s for s in owner.steps if s is not item]
    db.session.delete(item)
    db.session.flush()
    _renumber(owner, remaining)


def terms() -> dict[str, list[TaxonomyTerm]]:
    """The choices for a step's links: themes and target groups by name."""
    found = db.session.scalars(sa.select(TaxonomyTerm).order_by(TaxonomyTerm.name)).all()
    return {taxonomy: [t for t in found if t.taxonomy == taxonomy] for taxonomy in ("theme", "target_group")}


def update_step(actor, item: PathwayStep, values: dict, term_ids: list[str]) -> None:
    require_moderator(actor)
    for field in STEP_FIELDS:
        setattr(item, field, values.get(field))
    item.terms = db.session.scalars(sa.select(TaxonomyTerm).where(TaxonomyTerm.id.in_(term_ids))).all()


def _pickable():
    return (sa.select(Service).join(Service.organization)
            .where(searchable_service_clause()))


def find_offerings(actor, phrase: str, item: PathwayStep) -> list[Service]:
    """Active published offerings whose name in any language contains the phrase, not yet picked."""
    require_moderator(actor)
    pattern = f"%{phrase.strip()}%"
    picked = [p.service_id for p in item.picks]
    query = (_pickable()
             .where(sa.or_(Service.name.ilike(pattern), Service.name_sv.ilike(pattern), Service.name_en.ilike(pattern),
                           Organization.name.ilike(pattern)), Service.id.not_in(picked))
             .options(selectinload(Service.organization)).order_by(Service.name, Service.id).limit(SEARCH_LIMIT))
    return db.session.scalars(query).all()


def pick(actor, item: PathwayStep, service_id: str) -> bool:
    """False for an offering that is archived, unpublished, unknown or picked already."""
    require_moderator(actor)
    is_pickable = db.session.scalar(_pickable().where(Service.id == service_id)) is not None
    if not is_pickable or any(p.service_id == service_id for p in item.picks):
        return False
    last = max((p.position for p in item.picks), default=-1)
    item.picks.append(PathwayStepOffering(service_id=service_id, position=last + 1))
    return True


def unpick(actor, item: PathwayStep, service_id: str) -> None:
    require_moderator(actor)
    item.picks = [p for p in item.picks if p.service_id != service_id]
