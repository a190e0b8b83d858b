"""Participation fixtures: a theme, and expert_a's profile written and approved through the pages."""
import pytest
import sqlalchemy as sa

from tarjotin.participation.models import ExpertProfile
from tests.factories import TermFactory
from tests.fixtures.participation import profile_data
from tests.fixtures.web import login_as, post_form


@pytest.fixture
def theme(db):
    term = TermFactory(code="mental-health", name="Mielenterveys", name_sv="Psykisk hälsa", name_en="Mental health")
    db.session.commit()
    return term


@pytest.fixture
def published_profile(app, db, people, theme) -> ExpertProfile:
    """expert_a's profile, written by expert_a and approved by a moderator, through the pages."""
    client = app.test_client()
    login_as(client, people.users["expert_a"])
    assert post_form(client, "/osallistu/kokemusasiantuntija/profiili", **profile_data(theme)).status_code == 302
    profile = db.session.scalar(sa.select(ExpertProfile))
    login_as(client, people.users["moderator"])
    path = f"/osallistu/hallinta/moderointi/profiilit/{profile.id}"
    assert post_form(client, path, approve="1").status_code == 302
    db.session.refresh(profile)
    assert profile.status == "published"
    return profile
