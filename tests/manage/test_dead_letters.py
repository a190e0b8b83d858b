"""The moderators' dead-letter page: who may see it, what it leaves out, and the retry button."""
import pytest

from tarjotin.outbox.service import enqueue
from tests.fixtures.web import csrf_token, login_as

ROLES = ("anonymous", "editor_a", "advisor", "staff", "moderator", "admin")
EXPECTED = {"anonymous": "login", "editor_a": 403, "advisor": 403, "staff": 403, "moderator": 200, "admin": 200}
PAGE = "/hallinta/moderointi/kuolleet-viestit"


@pytest.fixture
def dead(app, db):
    message = enqueue(kind="contact/organisation_request", recipients=["yhdistys@example.org"],
                      subject="Yhteydenottopyyntö Maija Meikäläiseltä", body_text="Soita Maijalle 040 123 4567")
    message.status, message.attempts, message.last_error = "dead", 1, "550 SMTPRecipientsRefused"
    db.session.commit()
    return message


def _outcome(response):
    if response.status_code == 302 and "/kirjaudu?next=" in response.headers["Location"]:
        return "login"
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_see_and_retry_dead_letters(client, db, people, dead, role):
    login_as(client, people.users.get(role))
    assert _outcome(client.get(PAGE)) == EXPECTED[role]
    token = csrf_token(client.get("/kirjaudu").get_data(as_text=True))
    response = client.post(f"{PAGE}/{dead.id}/uudelleen", data={"csrf_token": token})
    allowed = EXPECTED[role] == 200
    assert _outcome(response) == (302 if allowed else EXPECTED[role])
    db.session.refresh(dead)
    assert dead.status == ("pending" if allowed else "dead")


def test_the_list_shows_no_address_or_content(client, people, dead):
    login_as(client, people.users["moderator"])
    page = client.get(PAGE).get_data(as_text=True)
    assert "contact/organisation_request" in page and "550 SMTPRecipientsRefused" in page
    for private in ("yhdistys@example.org", "Maija", "040 123 4567"):
        assert private not in page


def test_retry_needs_a_csrf_token_and_gives_fresh_attempts(client, db, people, dead):
    login_as(client, people.users["moderator"])
    assert client.post(f"{PAGE}/{dead.id}/uudelleen").status_code == 400
    page = client.get(PAGE).get_data(as_text=True)
    response = client.post(f"{PAGE}/{dead.id}/uudelleen", data={"csrf_token": csrf_token(page)})
    assert response.headers["Location"].endswith(f"?retried={dead.id}")
    db.session.refresh(dead)
    assert (dead.status, dead.attempts) == ("pending", 0)
    assert "Kaikki viestit ovat menneet perille." in client.get(PAGE).get_data(as_text=True)


def test_the_moderators_dashboard_links_to_the_dead_letters(client, people, dead):
    login_as(client, people.users["moderator"])
    page = client.get("/hallinta/").get_data(as_text=True)
    assert PAGE in page and "Perille menemättömiä viestejä 1" in page
