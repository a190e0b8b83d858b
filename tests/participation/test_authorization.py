"""Who may open which participation page: every route against every role, the expert themself
against another expert, and staff against each other's calls."""
import pytest
import sqlalchemy as sa

from tarjotin.participation.models import Idea, ParticipationAudit
from tests.fixtures.web import access_outcome, csrf_token, login_as
from tests.factories import UserFactory
ROLES = ("anonymous", "editor_a", "advisor", "staff", "moderator", "admin", "expert_b", "expert_a")
EVERYONE = dict.fromkeys(ROLES, "ok")
SIGNED_IN = {**EVERYONE, "anonymous": "login"}
OWNER = {**dict.fromkeys(ROLES, "deny"), "anonymous": "login", "expert_a": "ok"}
FINDERS = {**SIGNED_IN, "editor_a": "deny", "expert_a": "deny", "expert_b": "deny"}
ORGANISERS = {**FINDERS, "advisor": "deny"}
MODERATORS = {**ORGANISERS, "staff": "deny"}

MATRIX = [
    ("GET", "/osallistu/", EVERYONE),
    ("GET", "/osallistu/ideat", EVERYONE),
    ("GET", "/osallistu/ideat/uusi", EVERYONE),
    ("GET", "/osallistu/kutsut/{call}", EVERYONE),
    ("GET", "/osallistu/kokemusasiantuntija", SIGNED_IN),
    ("GET", "/osallistu/kokemusasiantuntija/profiili/{profile}", OWNER),
    ("GET", "/osallistu/hallinta/asiantuntijat", FINDERS),
    ("GET", "/osallistu/hallinta/asiantuntijat/{profile}", FINDERS),
    ("GET", "/osallistu/hallinta/pyynnot", FINDERS),
    ("GET", "/osallistu/hallinta/tilastot", FINDERS),
    ("GET", "/osallistu/hallinta/kutsut", ORGANISERS),
    ("GET", "/osallistu/hallinta/kutsut/uusi", ORGANISERS),
    ("GET", "/osallistu/hallinta/kutsut/{call}/ilmoittautuneet", ORGANISERS),
    ("GET", "/osallistu/hallinta/kutsut/{call}/ilmoittautuneet.csv", ORGANISERS),
    ("GET", "/osallistu/hallinta/moderointi", MODERATORS),
    ("GET", "/osallistu/hallinta/moderointi/profiilit/{profile}", MODERATORS),
    ("GET", "/osallistu/hallinta/moderointi/ideat/{idea}", MODERATORS),
    ("POST", "/osallistu/kokemusasiantuntija/profiili/{profile}/peru", OWNER),
]


@pytest.fixture
def objects(db, published_profile, open_call) -> dict:
    idea = Idea(kind="idea", text="Oma teksti", email="m@example.net", consent_text="x")
    db.session.add(idea)
    db.session.commit()
    return {"profile": published_profile.id, "call": open_call.id, "idea": idea.id}


@pytest.mark.parametrize(("method", "template", "expected"), MATRIX, ids=[f"{m} {t}" for m, t, _ in MATRIX])
def test_route_by_role(client, people, objects, method, template, expected):
    path = template.format(**objects)
    for role in ROLES:
        login_as(client, people.users.get(role))
        data = {"csrf_token": csrf_token(client.get("/osallistu/ideat/uusi").get_data(as_text=True))} \
            if method == "POST" else None
        assert access_outcome(client.open(path, method=method, data=data)) == expected[role], f"{role} {method} {path}"


def test_staff_do_not_see_each_others_sign_ups(client, db, open_call):
    login_as(client, UserFactory(email="toinen@example.org", role="staff"))
    db.session.commit()
    assert client.get(f"/osallistu/hallinta/kutsut/{open_call.id}/ilmoittautuneet").status_code == 403


def test_only_published_profiles_can_be_requested(client, db, people, published_profile):
    published_profile.status = "rejected"
    db.session.commit()
    login_as(client, people.users["staff"])
    assert client.get(f"/osallistu/hallinta/asiantuntijat/{published_profile.id}").status_code == 404


def test_every_view_of_personal_data_is_audited_without_its_content(client, db, people, objects):
    login_as(client, people.users["moderator"])
    client.get(f"/osallistu/hallinta/moderointi/ideat/{objects['idea']}")
    client.get(f"/osallistu/hallinta/asiantuntijat/{objects['profile']}")
    client.get(f"/osallistu/hallinta/kutsut/{objects['call']}/ilmoittautuneet")
    rows = db.session.scalars(sa.select(ParticipationAudit).where(ParticipationAudit.action == "viewed")).all()
    assert {(r.subject, r.actor) for r in rows} >= {
        (s, f"user:{people.users['moderator'].id}") for s in ("idea", "profile", "call")}
