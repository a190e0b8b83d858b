"""Moderators keep the care pathways through plain forms: who may, and each change a form makes."""
import pytest
import sqlalchemy as sa

from tarjotin.referrals.models import CarePathway, PathwayStep
from tests.fixtures.referrals import send_referral
from tests.fixtures.web import access_outcome, csrf_token, login_as, token_for
from tests.factories import OrganizationFactory, ServiceFactory, TermFactory

ROLES = ("anonymous", "editor_a", "advisor", "staff", "moderator", "admin")
EXPECTED = {"anonymous": "login", "editor_a": "deny", "advisor": "deny", "staff": "deny", "moderator": "ok",
            "admin": "ok"}
ROUTES = [  # (method, path template)
    ("GET", "/hallinta/polut/"),
    ("GET", "/hallinta/polut/uusi"),
    ("GET", "/hallinta/polut/{pathway}"),
    ("POST", "/hallinta/polut/{pathway}"),
    ("POST", "/hallinta/polut/{pathway}/vaiheet"),
    ("GET", "/hallinta/polut/vaiheet/{step}"),
    ("POST", "/hallinta/polut/vaiheet/{step}"),
    ("POST", "/hallinta/polut/vaiheet/{step}/alas"),
    ("POST", "/hallinta/polut/vaiheet/{step}/valinnat/{service}"),
    ("POST", "/hallinta/polut/vaiheet/{step}/valinnat/{service}/poista"),
    ("POST", "/hallinta/polut/vaiheet/{step}/poista"),
]


@pytest.fixture
def pathway(db, people) -> CarePathway:
    pathway = CarePathway(code="memory", name="Muistisairaudet", steps=[
        PathwayStep(position=n, name=name) for n, name in enumerate(("Muistihuoli", "Diagnoosin jälkeen", "Läheiset"))])
    db.session.add(pathway)
    db.session.commit()
    return pathway


@pytest.mark.parametrize(("method", "template"), ROUTES, ids=[f"{m} {t}" for m, t in ROUTES])
def test_only_moderators_keep_pathways(client, db, people, pathway, method, template):
    for role in ROLES:
        step = PathwayStep(position=len(pathway.steps), name=role)  # each its own: a removal removes it
        pathway.steps.append(step)
        db.session.commit()
        path = template.format(pathway=pathway.id, step=step.id, service=people.service_a.id)
        login_as(client, people.users.get(role))
        data = {"csrf_token": token_for(client)} if method == "POST" else None
        assert access_outcome(client.open(path, method=method, data=data)) == EXPECTED[role], f"{role} {method} {path}"


def _post(client, path: str, data: dict | None = None, form_page: str | None = None):
    token = csrf_token(client.get(form_page or path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **(data or {})})


def _names(db, pathway_id: str) -> list[str]:
    db.session.expire_all()
    return [s.name for s in db.session.get(CarePathway, pathway_id).steps]


def test_a_moderator_creates_a_pathway_and_builds_its_steps(client, db, people):
    login_as(client, people.users["moderator"])
    response = _post(client, "/hallinta/polut/uusi", {"name": "Työllisyyden tuki", "name_sv": "Sysselsättningsstöd",
                                                      "description": "Polkuja työhön."})
    created = db.session.scalar(sa.select(CarePathway))
    assert response.headers["Location"].startswith(f"/hallinta/polut/{created.id}")
    assert (created.code, created.name_sv, created.name_en) == ("tyollisyyden-tuki", "Sysselsättningsstöd", None)
    page = f"/hallinta/polut/{created.id}"
    for name in ("Arjen rytmi", "Työkokeilu"):
        token = csrf_token(client.get(page).get_data(as_text=True))
        client.post(f"{page}/vaiheet", data={"step-csrf_token": token, "step-name": name, "step-name_en": "x"})
    assert _names(db, created.id) == ["Arjen rytmi", "Työkokeilu"]
    assert "Arjen rytmi" in client.get("/hallinta/polut/").get_data(as_text=True)


def test_a_nameless_step_is_not_added_and_the_error_is_shown(client, db, people, pathway):
    login_as(client, people.users["moderator"])
    page = f"/hallinta/polut/{pathway.id}"
    token = csrf_token(client.get(page).get_data(as_text=True))
    response = client.post(f"{page}/vaiheet", data={"step-csrf_token": token, "step-name": "", "step-name_sv": "Kvar"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Tämä tieto tarvitaan." in html and 'value="Kvar"' in html
    assert len(_names(db, pathway.id)) == 3


def test_steps_are_reordered_and_removed_keeping_positions_unique(client, db, people, pathway):
    login_as(client, people.users["moderator"])
    first, _, last = pathway.steps
    page = f"/hallinta/polut/{pathway.id}"
    _post(client, f"/hallinta/polut/vaiheet/{first.id}/alas", form_page=page)
    assert _names(db, pathway.id) == ["Diagnoosin jälkeen", "Muistihuoli", "Läheiset"]
    _post(client, f"/hallinta/polut/vaiheet/{last.id}/ylos", form_page=page)
    assert _names(db, pathway.id) == ["Diagnoosin jälkeen", "Läheiset", "Muistihuoli"]
    _post(client, f"/hallinta/polut/vaiheet/{last.id}/ylos", form_page=page)
    _post(client, f"/hallinta/polut/vaiheet/{last.id}/ylos", form_page=page)  # already first: stays
    assert _names(db, pathway.id) == ["Läheiset", "Diagnoosin jälkeen", "Muistihuoli"]
    _post(client, f"/hallinta/polut/vaiheet/{first.id}/poista", form_page=page)
    assert _names(db, pathway.id) == ["Läheiset", "Diagnoosin jälkeen"]
    assert [s.position for s in db.session.get(CarePathway, pathway.id).steps] == [0, 1]


def test_a_step_is_renamed_and_linked_to_themes_and_target_groups(client, db, people, pathway):
    theme, other = TermFactory(name="Muisti"), TermFactory(name="Liikunta")
    group = TermFactory(taxonomy="target_group", name="Omaiset")
    db.session.commit()
    login_as(client, people.users["moderator"])
    step = pathway.steps[0]
    page = f"/hallinta/polut/vaiheet/{step.id}"
    _post(client, page, {"name": "Muistihuoli", "name_sv": "Minnesoro", "themes": [theme.id, other.id],
                         "target_groups": [group.id]})
    db.session.expire_all()
    assert step.name_sv == "Minnesoro" and {t.name for t in step.terms} == {"Muisti", "Liikunta", "Omaiset"}
    _post(client, page, {"name": "Muistihuoli", "themes": [theme.id]})  # nothing else ticked: unlinked
    db.session.expire_all()
    assert [t.name for t in step.terms] == ["Muisti"]


def test_offerings_are_found_by_name_picked_and_unpicked(client, db, people, pathway):
    archived = ServiceFactory(organization=people.org_a, name="Muistikahvila (päättynyt)", status="inactive")
    draft = ServiceFactory(organization=OrganizationFactory(status="draft"), name="Muistikahvila luonnos")
    wanted = ServiceFactory(organization=people.org_b, name="Muistikahvila")
    db.session.commit()
    login_as(client, people.users["moderator"])
    step = pathway.steps[0]
    page = f"/hallinta/polut/vaiheet/{step.id}"
    html = client.get(page, query_string={"q": "muistikahv"}).get_data(as_text=True)
    assert wanted.id in html and archived.id not in html and draft.id not in html
    _post(client, f"{page}/valinnat/{wanted.id}", form_page=page)
    _post(client, f"{page}/valinnat/{draft.id}", form_page=page)  # not offered, and not taken either
    db.session.expire_all()
    assert [p.service_id for p in step.picks] == [wanted.id]
    assert f"/valinnat/{wanted.id}\"" not in client.get(page, query_string={"q": "muistikahv"}).get_data(as_text=True)
    _post(client, f"{page}/valinnat/{wanted.id}/poista", form_page=page)
    db.session.expire_all()
    assert step.picks == []


def test_removing_a_step_keeps_the_referrals_sent_along_it(client, db, people, world):
    referral = send_referral(world, world.near)
    pathway_id = world.step.pathway_id
    login_as(client, people.users["moderator"])
    _post(client, f"/hallinta/polut/vaiheet/{world.step.id}/poista", form_page=f"/hallinta/polut/{pathway_id}")
    db.session.expire_all()
    assert (referral.step_id, referral.pathway_id, referral.client_name) == (None, pathway_id, "Maija Meikäläinen")
