"""The demo pathways: eight, with steps linking taxonomy codes and hand-picked offerings; re-seeding keeps ids."""
import sqlalchemy as sa

from tarjotin.directory.models import TaxonomyTerm
from tarjotin.referrals.models import CarePathway, PathwayStep
from tests.factories import LocationFactory, ServiceAtLocationFactory, ServiceFactory


def test_seed_pathways_links_terms_and_picks_deterministically(db, runner, reference_data):
    memory = db.session.scalars(sa.select(TaxonomyTerm).where(TaxonomyTerm.code == "memory")).one()
    picks = [ServiceAtLocationFactory(service=ServiceFactory(name=name, taxonomy_terms=[memory]),
                                      location=LocationFactory(municipality_code="297")).service
             for name in ("B-muistiryhmä", "A-muistikahvila", "C-täynnä")]
    picks[2].is_accepting_new = False
    db.session.commit()

    assert "seeded 8 care pathways" in runner.invoke(args=["referrals", "seed-pathways"]).output
    step_ids = set(db.session.scalars(sa.select(PathwayStep.id)))
    assert "seeded 8 care pathways" in runner.invoke(args=["referrals", "seed-pathways"]).output
    db.session.expire_all()
    assert set(db.session.scalars(sa.select(PathwayStep.id))) == step_ids
    memory_path = db.session.scalars(sa.select(CarePathway).where(CarePathway.code == "memory")).one()
    first = memory_path.steps[0]
    assert first.name_en == "Memory concerns" and first.codes("theme") == ("memory",)
    assert [p.service.name for p in first.picks] == ["A-muistikahvila", "B-muistiryhmä"]
    assert all(len(p.steps) >= 2 for p in db.session.scalars(sa.select(CarePathway)))
