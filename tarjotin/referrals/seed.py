"""The demo care pathways of seed_data/pathways.json: upserted by code, so re-seeding keeps referrals' links."""
import json
from pathlib import Path

import sqlalchemy as sa

from tarjotin.directory.models import Location, Service, ServiceAtLocation, TaxonomyTerm
from tarjotin.directory.visibility import searchable_service_clause
from tarjotin.extensions import db
from tarjotin.paths import ROOT
from tarjotin.referrals.models import CarePathway, PathwayStep, PathwayStepOffering

SPEC = ROOT / "seed_data" / "pathways.json"


def seed_pathways(spec_path: Path = SPEC) -> tuple[int, int]:
    """(pathways, hand-picked offerings); flushes, the caller commits."""
    spec = json.loads(spec_path.read_text(encoding="utf-8"))["pathways"]
    terms = {(t.taxonomy, t.code): t for t in db.session.scalars(sa.select(TaxonomyTerm))}
    existing = {p.code: p for p in db.session.scalars(sa.select(CarePathway))}
    picked = 0
    for position, entry in enumerate(spec):
        pathway = existing.get(entry["code"]) or CarePathway(code=entry["code"])
        db.session.add(pathway)
        pathway.position = position
        for key in ("name", "name_sv", "name_en", "description"):
            setattr(pathway, key, entry.get(key))
        steps = {s.position: s for s in pathway.steps}
        for index, step_spec in enumerate(entry["steps"]):
            step = steps.get(index)
            if step is None:
                step = PathwayStep(position=index)
                pathway.steps.append(step)
            for key in ("name", "name_sv", "name_en"):
                setattr(step, key, step_spec.get(key))
            step.terms = [terms[("theme", c)] for c in step_spec["themes"]] + [
                terms[("target_group", c)] for c in step_spec["target_groups"]
            ]
            with db.session.no_autoflush:
                chosen = _picks(step_spec)
            step.picks = [PathwayStepOffering(service_id=sid, position=n) for n, sid in enumerate(chosen)]
            picked += len(step.picks)
        for extra in [s for s in pathway.steps if s.position >= len(entry["steps"])]:
            pathway.steps.remove(extra)
    db.session.flush()
    return len(spec), picked


def _picks(step_spec: dict) -> list[str]:
    """Accepting offerings of the theme in the municipality, first by name: the same on every seed."""
    rule = step_spec.get("picks")
    if not rule:
        return []
    query = (
        sa.select(Service.id)
        .join(Service.organization)
        .join(ServiceAtLocation, ServiceAtLocation.service_id == Service.id)
        .join(Location, Location.id == ServiceAtLocation.location_id)
        .where(
            Service.taxonomy_terms.any(sa.and_(TaxonomyTerm.taxonomy == "theme", TaxonomyTerm.code == rule["theme"])),
            Location.municipality_code == rule["municipality"],
            searchable_service_clause(),
            Service.is_accepting_new.is_(True),
        )
        .group_by(Service.id, Service.name)
        .order_by(Service.name, Service.id)
        .limit(rule["count"])
    )
    return list(db.session.scalars(query))
