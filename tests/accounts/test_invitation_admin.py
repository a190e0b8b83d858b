"""Invitations end with their sender, and the admin can see, revoke and resend the ones still waiting."""
from tarjotin.accounts.models import Invitation
from tarjotin.outbox.models import OutboxMessage
from tests.fixtures.web import csrf_token, login_as, token_for


def _invite(client, db, inviter, email="uusi@example.org") -> str:
    login_as(client, inviter)
    url = "/hallinta/kayttajat" if inviter.role == "admin" else f"/hallinta/jarjestot/{inviter.memberships[0].organization_id}/kutsu"
    client.post(url, data={"csrf_token": token_for(client, url), "email": email, "role": "advisor"})
    login_as(client, None)
    return _last_link(db)


def _last_link(db) -> str:
    body = db.session.query(OutboxMessage).filter_by(kind="accounts/invitation").order_by(OutboxMessage.id.desc()).first()
    return next(line for line in body.body_text.splitlines() if line.startswith("http")).split("127.0.0.1:5000")[1]


def test_item11_an_invitation_stops_working_when_its_sender_is_disabled(client, db, people):
    link = _invite(client, db, people.users["editor_a"])
    assert client.get(link).status_code == 200
    admin = people.users["admin"]
    login_as(client, admin)
    page = client.get("/hallinta/kayttajat").get_data(as_text=True)
    client.post(f"/hallinta/kayttajat/{people.users['editor_a'].id}/kaytossa", data={"csrf_token": csrf_token(page)})
    login_as(client, None)
    assert client.get(link).status_code == 410


def test_item11_the_admin_lists_revokes_and_resends_waiting_invitations(client, db, people):
    revoked_link = _invite(client, db, people.users["editor_a"], "eka@example.org")
    resent_link = _invite(client, db, people.users["admin"], "toka@example.org")
    login_as(client, people.users["admin"])
    page = client.get("/hallinta/kayttajat").get_data(as_text=True)
    assert "eka@example.org" in page and "toka@example.org" in page and "Peru kutsu" in page
    first, second = db.session.query(Invitation).order_by(Invitation.created_at, Invitation.email).all()
    token = csrf_token(page)
    assert client.post(f"/hallinta/kutsut/{first.id}/peru", data={"csrf_token": token}).status_code == 302
    assert client.post(f"/hallinta/kutsut/{second.id}/uudelleen", data={"csrf_token": token}).status_code == 302
    page = client.get("/hallinta/kayttajat").get_data(as_text=True)
    assert "eka@example.org" not in page and page.count("toka@example.org") == 1
    login_as(client, None)
    assert client.get(revoked_link).status_code == 410 and client.get(resent_link).status_code == 410
    new_link = _last_link(db)
    assert new_link != resent_link and client.get(new_link).status_code == 200


def test_item11_only_an_admin_may_revoke_and_only_with_the_csrf_token(client, db, people):
    _invite(client, db, people.users["admin"])
    invitation = db.session.query(Invitation).one()
    for role in ("moderator", "editor_a", "advisor"):
        login_as(client, people.users[role])
        token = token_for(client, "/hallinta/")
        assert client.post(f"/hallinta/kutsut/{invitation.id}/peru", data={"csrf_token": token}).status_code == 403
        assert client.get("/hallinta/kayttajat").status_code == 403
    login_as(client, people.users["admin"])
    assert client.post(f"/hallinta/kutsut/{invitation.id}/peru").status_code == 400
    db.session.expire_all()
    assert invitation.revoked_at is None
