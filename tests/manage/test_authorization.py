"""Every route × {anonymous, editor of A, editor of B, advisor, moderator, admin}.

"ok": served (200, or a redirect after the action); "login": sent to sign in; "deny": 403.
Objects are always organisation A's, so editor B's row is the guessed-id case.
"""
import pytest

from tarjotin import signing
from tarjotin.accounts.models import Claim
from tarjotin.manage import changes
from tests.fixtures.web import access_outcome, login_as, token_for
from tests.factories import OrganizationFactory, UserFactory

ROLES = ("anonymous", "editor_a", "editor_b", "advisor", "moderator", "admin")
EDITOR_A = {"anonymous": "login", "editor_a": "ok", "editor_b": "deny", "advisor": "deny", "moderator": "ok", "admin": "ok"}
MODERATOR = {**EDITOR_A, "editor_a": "deny"}
ADMIN = {**MODERATOR, "moderator": "deny"}
SIGNED_IN = {**EDITOR_A, "editor_b": "ok", "advisor": "ok"}
PUBLIC = dict.fromkeys(ROLES, "ok")

MATRIX = [  # (method, path template, expected)
    ("GET", "/hallinta/", SIGNED_IN),
    ("GET", "/hallinta/jarjestot/{org}", EDITOR_A),
    ("GET", "/hallinta/jarjestot/{org}/muokkaa", EDITOR_A),
    ("POST", "/hallinta/jarjestot/{org}/muokkaa", EDITOR_A),
    ("GET", "/hallinta/jarjestot/{org}/historia", EDITOR_A),
    ("GET", "/hallinta/jarjestot/{org}/kutsu", EDITOR_A),
    ("POST", "/hallinta/jarjestot/{org}/ajan-tasalla", EDITOR_A),
    ("POST", "/hallinta/jarjestot/{org}/luotettu", MODERATOR),
    ("GET", "/hallinta/jarjestot/{org}/palvelut/uusi", EDITOR_A),
    ("GET", "/hallinta/palvelut/{service}", EDITOR_A),
    ("POST", "/hallinta/palvelut/{service}", EDITOR_A),
    ("GET", "/hallinta/palvelut/{service}/tilanne", EDITOR_A),
    ("POST", "/hallinta/palvelut/{service}/arkistoi", EDITOR_A),
    ("GET", "/hallinta/jarjestot/{org}/toimipaikat/uusi", EDITOR_A),
    ("GET", "/hallinta/toimipaikat/{location}", EDITOR_A),
    ("GET", "/hallinta/moderointi/", MODERATOR),
    ("GET", "/hallinta/moderointi/muutokset/{change}", MODERATOR),
    ("GET", "/hallinta/moderointi/haltuunotot/{claim}", MODERATOR),
    ("GET", "/hallinta/moderointi/kuolleet-viestit", MODERATOR),
    ("GET", "/hallinta/kayttajat", ADMIN),
    ("POST", "/hallinta/kayttajat/{victim}/kaytossa", ADMIN),
    ("POST", "/kirjaudu-ulos", SIGNED_IN),
    ("GET", "/kirjaudu", PUBLIC),
    ("GET", "/salasana/unohtunut", PUBLIC),
    ("GET", "/jarjestot/ilmoita-uusi", PUBLIC),
    ("GET", "/jarjestot/{unclaimed}/ota-hoitoon", PUBLIC),
    ("GET", "/hallinta/linkki/{link}", PUBLIC),  # the signed link is the authority
]


@pytest.fixture
def objects(db, people):
    unclaimed = OrganizationFactory(name="Ylläpitäjätön ry")
    claim = Claim(organization=people.org_b, name="Hakija", email="hakija@example.org")
    pending = changes.submit(people.users["editor_a"], people.org_a, "organization", people.org_a,
                             {"phone": "017 123 456"})
    victim = UserFactory()
    db.session.add(claim)
    db.session.commit()
    link = signing.sign("manage-link", {"a": "confirm", "o": people.org_a.id})
    return {"org": people.org_a.id, "service": people.service_a.id, "location": people.location_a.id,
            "change": pending.id, "claim": claim.id, "victim": victim.id, "unclaimed": unclaimed.id, "link": link}


@pytest.mark.parametrize(("method", "template", "expected"), MATRIX, ids=[f"{m} {t}" for m, t, _ in MATRIX])
def test_route_by_role(app, client, people, objects, method, template, expected):
    path = template.format(**objects)
    for role in ROLES:
        login_as(client, people.users.get(role))
        data = {"csrf_token": token_for(client)} if method == "POST" else None
        response = client.open(path, method=method, data=data)
        assert access_outcome(response) == expected[role], f"{role} {method} {path}"


@pytest.mark.parametrize("role", ["editor_a", "editor_b"])
def test_guessed_ids_of_other_organisations_are_denied(client, people, role):
    own, other = ("a", "b") if role == "editor_a" else ("b", "a")
    login_as(client, people.users[role])
    for path in (f"/hallinta/palvelut/{getattr(people, 'service_' + other).id}",
                 f"/hallinta/toimipaikat/{getattr(people, 'location_' + other).id}",
                 f"/hallinta/jarjestot/{getattr(people, 'org_' + other).id}",
                 "/hallinta/palvelut/00000000-0000-0000-0000-000000000000"):
        assert client.get(path).status_code == 403
    assert client.get(f"/hallinta/palvelut/{getattr(people, 'service_' + own).id}").status_code == 200


def test_a_disabled_editor_is_signed_out(client, db, people):
    editor = people.users["editor_a"]
    login_as(client, editor)
    editor.is_disabled = True
    db.session.commit()
    assert access_outcome(client.get(f"/hallinta/jarjestot/{people.org_a.id}")) == "login"
