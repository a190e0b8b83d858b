"""Sign-in, sessions ended on the server, password reset, invitations, claims and the first admin."""
from datetime import datetime, timedelta, timezone

import time_machine

from tarjotin.accounts.models import Claim, Membership, User
from tarjotin.directory.models import Organization
from tarjotin.outbox.models import OutboxMessage
from tests.fixtures.web import csrf_token, sign_in as _login


def _link_path(db, kind: str) -> str:
    body = db.session.query(OutboxMessage).filter_by(kind=kind).order_by(OutboxMessage.id.desc()).first().body_text
    return next(line for line in body.splitlines() if line.startswith("http")).split("127.0.0.1:5000")[1]


def test_login_starts_a_new_session_and_wrong_password_is_refused(client, people):
    with client.session_transaction() as session:
        session["planted"] = "from before sign-in"
    assert _login(client, "a@example.org", "väärä salasana").status_code == 401
    assert _login(client, "A@Example.org").status_code == 302
    with client.session_transaction() as session:
        assert "planted" not in session
    assert client.get("/hallinta/").status_code == 200


def test_passwords_are_argon2id(people):
    assert people.users["admin"].password_hash.startswith("$argon2id$")


def test_login_is_rate_limited(client, people):
    codes = [_login(client, "a@example.org", "väärä salasana").status_code for _ in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429


def test_logout_ends_every_session_of_the_user(app, people):
    first, second = app.test_client(), app.test_client()
    _login(first, "a@example.org")
    _login(second, "a@example.org")
    page = first.get("/hallinta/").get_data(as_text=True)
    first.post("/kirjaudu-ulos", data={"csrf_token": csrf_token(page)})
    assert "/kirjaudu?next=" in second.get("/hallinta/").headers["Location"]


def test_password_reset_does_not_tell_who_has_an_account(client, db, people):
    pages = []
    for email in ("nobody@example.org", "a@example.org"):
        form = client.get("/salasana/unohtunut").get_data(as_text=True)
        pages.append(client.post("/salasana/unohtunut", data={"csrf_token": csrf_token(form), "email": email})
                     .get_data(as_text=True))
    assert pages[0] == pages[1]
    assert [m.recipients for m in db.session.query(OutboxMessage)] == [["a@example.org"]]
    path = _link_path(db, "accounts/password_reset")
    form = client.get(path).get_data(as_text=True)
    new = {"csrf_token": csrf_token(form), "password": "uusi pitkä salasana", "confirm": "uusi pitkä salasana"}
    assert client.post(path, data=new).status_code == 302
    assert client.get(path).status_code == 410  # used once
    assert _login(client, "a@example.org", "uusi pitkä salasana").status_code == 302


def test_editor_invites_a_colleague_who_accepts_once(client, db, people):
    _login(client, "a@example.org")
    url = f"/hallinta/jarjestot/{people.org_a.id}/kutsu"
    client.post(url, data={"csrf_token": csrf_token(client.get(url).get_data(as_text=True)),
                           "email": "uusi@example.org"})
    path = _link_path(db, "accounts/invitation")
    other = client.application.test_client()
    form = other.get(path).get_data(as_text=True)
    other.post(path, data={"csrf_token": csrf_token(form), "name": "Uusi Ylläpitäjä",
                           "password": "pitkä salasana 1", "confirm": "pitkä salasana 1"})
    user = db.session.query(User).filter_by(email="uusi@example.org").one()
    assert user.organization_ids == {people.org_a.id} and user.role == "editor"
    assert other.get(path).status_code == 410


def test_invitation_expires(client, db, people):
    _login(client, "moderator@example.org")
    url = f"/hallinta/jarjestot/{people.org_b.id}/kutsu"
    client.post(url, data={"csrf_token": csrf_token(client.get(url).get_data(as_text=True)), "email": "x@example.org"})
    path = _link_path(db, "accounts/invitation")
    with time_machine.travel(datetime.now(timezone.utc) + timedelta(days=15)):
        assert client.get(path).status_code == 410


def test_new_organisation_is_published_when_the_moderator_approves_the_claim(client, db, people):
    form = client.get("/jarjestot/ilmoita-uusi").get_data(as_text=True)
    client.post("/jarjestot/ilmoita-uusi", data={"csrf_token": csrf_token(form), "organization_name": "Uusi Yhdistys ry",
                                                 "name": "Hakija", "email": "hakija@example.org"})
    organization = db.session.query(Organization).filter_by(name="Uusi Yhdistys ry").one()
    assert organization.status == "draft"
    claim = db.session.query(Claim).one()
    _login(client, "moderator@example.org")
    page = client.get(f"/hallinta/moderointi/haltuunotot/{claim.id}").get_data(as_text=True)
    client.post(f"/hallinta/moderointi/haltuunotot/{claim.id}", data={"csrf_token": csrf_token(page), "approve": "1"})
    db.session.expire_all()
    assert organization.status == "published"
    assert db.session.query(OutboxMessage).filter_by(kind="accounts/invitation").one().recipients == ["hakija@example.org"]


def test_an_organisation_with_an_editor_cannot_be_claimed(client, people):
    assert client.get(f"/jarjestot/{people.org_a.id}/ota-hoitoon").status_code == 404


def test_create_admin_reads_the_password_from_stdin(runner, db):
    result = runner.invoke(args=["users", "create-admin", "--email", "Admin@Example.org", "--name", "Pää Käyttäjä"],
                           input="pitkä salasana 12\npitkä salasana 12\n")
    assert result.exit_code == 0, result.output
    assert db.session.query(User).filter_by(email="admin@example.org").one().role == "admin"
    assert not db.session.query(Membership).count()
