"""The demo seed: deterministic, re-runnable, plausible."""
import random
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tarjotin.directory import demo, demo_names
from tarjotin.directory.business_id import is_business_id
from tarjotin.directory.models import Location, Municipality, Organization, Service
from tarjotin.geo.data import postcodes
from tarjotin.geo.distance import haversine_km
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.usefixtures("reference_data")


def _seed(db, organizations=60, seed=1):
    summary = demo.seed_demo(organizations=organizations, seed=seed)
    db.session.commit()
    return summary


def test_same_seed_gives_same_digest_and_rerun_replaces(db):
    first = _seed(db)
    digest = demo.demo_digest()
    second = _seed(db)
    assert demo.demo_digest() == digest
    assert second == first
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organization)) == 60
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Service)) == first.offerings


def test_different_seed_gives_different_digest(db):
    _seed(db, seed=1)
    digest = demo.demo_digest()
    _seed(db, seed=2)
    assert demo.demo_digest() != digest


def test_reseeding_leaves_other_organisations_alone(db):
    own = OrganizationFactory(name="Oma yhdistys ry", business_id="0737546-2")
    db.session.commit()
    _seed(db, organizations=40)
    _seed(db, organizations=20)
    names = db.session.scalars(sa.select(Organization.name)).all()
    assert len(names) == 21 and own.name in names
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organization).where(Organization.business_id == "0737546-2")) == 1


def test_emails_only_at_example_org_and_business_ids_valid(db):
    _seed(db, organizations=200)
    emails = db.session.scalars(sa.select(Organization.email)).all() + db.session.scalars(sa.select(Service.email)).all()
    assert emails and all(e.endswith("@example.org") for e in emails)
    ids = [b for b in db.session.scalars(sa.select(Organization.business_id)) if b is not None]
    assert len(ids) == len(set(ids)) > 100
    assert all(is_business_id(b) for b in ids)
    assert is_business_id("0737546-2") and not is_business_id("0737546-3")


def test_a_share_of_listings_is_stale(db):
    _seed(db, organizations=400)
    dates = db.session.scalars(sa.select(Organization.assured_date).where(Organization.assured_date.is_not(None))).all()
    cutoff = (demo.ANCHOR - timedelta(days=demo.STALE_DAYS)).date()
    share = sum(d < cutoff for d in dates) / len(dates)
    assert 0.12 < share < 0.24


def test_places_lie_in_their_municipality(db):
    _seed(db, organizations=200)
    codes = postcodes()
    rows = db.session.execute(sa.select(Location, Municipality).join(Municipality)).all()
    near_centre = 0
    for location, municipality in rows:
        postcode = codes[location.postal_code]
        assert postcode.municipality_code == location.municipality_code
        assert location.city == postcode.name
        assert haversine_km(location.latitude, location.longitude, postcode.latitude, postcode.longitude) <= 1.6
        # Merged municipalities reach far (Nilsiä is 38 km from Kuopio's centre); most places are in town.
        near_centre += haversine_km(location.latitude, location.longitude, municipality.latitude, municipality.longitude) <= 20
    assert rows and near_centre / len(rows) > 0.85


def test_distinct_sentences_grow_with_size(db):
    small = _seed(db, organizations=30)
    large = _seed(db, organizations=300)
    assert large.distinct_sentences > 2 * small.distinct_sentences
    assert large.distinct_sentences > 1500


def test_cli_prints_counts(runner):
    result = runner.invoke(args=["seed", "demo", "--organizations", "25", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "Seeded 25 organisations" in result.output
    assert "Distinct Finnish description sentences" in result.output


def test_towns_past_their_own_names_get_chapters_and_clubs():
    towns = {town.place.name: town for town in demo._towns()}
    rng, names = random.Random(1), demo_names.Names()
    made = {name: [demo_names.organization_name(rng, towns[name], names)[0] for _ in range(3000)] for name in ("Kuopio", "Kaavi")}
    assert len(names.taken) == 6000  # every name unique
    assert any(name.startswith("Kuopion ") and name.endswith(" osasto") and ", " in name for name in made["Kuopio"])
    assert any(name.startswith("Kaavin ") and name.endswith("-kerho") for name in made["Kaavi"])
    assert names.foundations < len(names.taken) / 4
