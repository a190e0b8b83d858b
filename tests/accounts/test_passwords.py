"""Changing the password with the current one, the strength check everywhere a password is chosen,
and the notice mail after a change or a reset."""
import pytest

from tarjotin.accounts import services
from tarjotin.accounts.models import User
from tarjotin.accounts.passwords import WeakPassword
from tarjotin.outbox.models import OutboxMessage
from tests.fixtures.web import csrf_token, login_as, sign_in, token_for
from tests.factories import PASSWORD

NEW = "kolme sinistä kissaa ikkunalla"
TOO_EASY = {"fi": "Salasana on liian helppo arvata", "sv": "Lösenordet är för lätt att gissa",
            "en": "The password is too easy to guess"}


def _change(client, current: str, new: str, lang: str = "fi"):
    path = f"/tili/salasana?lang={lang}"
    return client.post(path, data={"csrf_token": token_for(client, path), "current": current, "password": new,
                                   "confirm": new})


def test_change_needs_the_current_password_and_ends_the_other_sessions(app, db, people):
    here, elsewhere = app.test_client(), app.test_client()
    for client in (here, elsewhere):
        login_as(client, people.users["advisor"])
    before = people.users["advisor"].password_hash
    assert _change(here, "väärä salasana", NEW).status_code == 422
    assert db.session.get(User, people.users["advisor"].id).password_hash == before
    assert _change(here, PASSWORD, NEW).location == "/tili/?changed=1"
    assert here.get("/hallinta/").status_code == 200
    assert "/kirjaudu?next=" in elsewhere.get("/hallinta/").location
    assert db.session.query(OutboxMessage).filter_by(kind="accounts/password_changed").one().recipients == [
        "advisor@example.org"]
    assert sign_in(app.test_client(), "advisor@example.org", NEW).status_code == 302


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_an_easy_password_is_refused_with_a_clear_message(client, db, people, lang):
    login_as(client, people.users["editor_a"])
    answer = _change(client, PASSWORD, "aaaaaaaaaa", lang)
    assert answer.status_code == 422 and TOO_EASY[lang] in answer.get_data(as_text=True)


def test_reset_and_invitation_refuse_an_easy_password_and_a_reset_is_told_by_mail(client, db, people):
    client.post("/salasana/unohtunut", data={"csrf_token": token_for(client, "/salasana/unohtunut"),
                                             "email": "a@example.org"})
    body = db.session.query(OutboxMessage).filter_by(kind="accounts/password_reset").one().body_text
    path = next(line for line in body.splitlines() if line.startswith("http")).split("127.0.0.1:5000")[1]
    for password, status in (("aaaaaaaaaa", 200), ("salasana123", 200), (NEW, 302)):
        form = client.get(path).get_data(as_text=True)
        answer = client.post(path, data={"csrf_token": csrf_token(form), "password": password, "confirm": password})
        assert answer.status_code == status, password
    assert db.session.query(OutboxMessage).filter_by(kind="accounts/password_changed").one().recipients == ["a@example.org"]


def test_a_password_made_of_the_users_own_name_is_weak(db, people):
    user = people.users["editor_a"]
    user.name = "Kaarina Pöllänen-Virtanen"
    with pytest.raises(WeakPassword):
        services.set_password(user, "pöllänen-virtanen")
    services.set_password(user, NEW)


def test_invitation_acceptance_refuses_an_easy_password(client, db, people):
    services.invite(people.users["editor_a"], "uusi@example.org", "editor", people.org_a.id, "fi")
    db.session.commit()
    body = db.session.query(OutboxMessage).filter_by(kind="accounts/invitation").one().body_text
    path = next(line for line in body.splitlines() if line.startswith("http")).split("127.0.0.1:5000")[1]
    form = client.get(path).get_data(as_text=True)
    answer = client.post(path, data={"csrf_token": csrf_token(form), "name": "Uusi", "password": "qwertyuiop",
                                     "confirm": "qwertyuiop"})
    assert answer.status_code == 200 and TOO_EASY["fi"] in answer.get_data(as_text=True)
    assert not db.session.query(User).filter_by(email="uusi@example.org").count()
