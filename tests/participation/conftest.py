"""Participation fixtures: the shared people, a theme, and helpers that submit the rendered forms."""
import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from tarjotin.outbox.models import OutboxMessage
from tarjotin.participation.models import ExpertProfile, OpenCall
from tests.accounts.people import csrf_token, login_as, people, test_settings  # noqa: F401 - fixtures
from tests.factories import TermFactory


@pytest.fixture
def theme(db):
    term = TermFactory(code="mental-health", name="Mielenterveys", name_sv="Psykisk hälsa", name_en="Mental health")
    db.session.commit()
    return term


def post_form(client, path: str, **data):
    """Load the form as a browser would and send it back with its own CSRF token."""
    return client.post(path, data={"csrf_token": csrf_token(client.get(path).get_data(as_text=True)), **data})


def profile_data(theme, **overrides) -> dict:
    data = {"display_name": "Sari", "experience": "Elin masennuksen kanssa kymmenen vuotta.", "themes": [theme.id],
            "work_kinds": ["lecture", "peer_reception"], "languages": ["fi", "sv"], "municipality_code": "",
            "availability": "Arki-iltaisin", "follows_common_fee": "y", "consent": "y"}
    data.update(overrides)
    return data


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


@pytest.fixture
def open_call(db, people) -> OpenCall:
    call = OpenCall(organiser=people.users["staff"], kind="panel", title="Asiakasraati: terveysasemat",
                    who_sought="Terveysasemien asiakkaita", involves="Neljä iltaa vuodessa", fee="50 €",
                    closes_on=date.today() + timedelta(days=14), retention_days=30)
    db.session.add(call)
    db.session.commit()
    return call


def outbox(db, kind: str) -> list[OutboxMessage]:
    return db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == kind)).all()


def link_path(message: OutboxMessage) -> str:
    return re.search(r"http://[^/\s]+(/\S+)", message.body_text).group(1)
