"""Sessions end when idle (sooner for roles that see clients' data) and at an absolute lifetime."""
from datetime import timedelta

import pytest
import time_machine

from tarjotin.db import utcnow
from tests.fixtures.web import login_as


def _signed_in(client) -> bool:
    response = client.get("/hallinta/")
    assert response.status_code in (200, 302)
    return response.status_code == 200


@pytest.mark.parametrize(("role", "idle_minutes"), [("advisor", 30), ("moderator", 30), ("admin", 30), ("editor_a", 240)])
def test_an_idle_session_ends_after_its_roles_limit(app, people, role, idle_minutes):
    start = utcnow()
    inside, outside = app.test_client(), app.test_client()
    with time_machine.travel(start, tick=False):
        login_as(inside, people.users[role])
        login_as(outside, people.users[role])
    with time_machine.travel(start + timedelta(minutes=idle_minutes - 1), tick=False):
        assert _signed_in(inside)
    with time_machine.travel(start + timedelta(minutes=idle_minutes + 1), tick=False):
        assert not _signed_in(outside)
        assert "/kirjaudu?next=" in outside.get("/hallinta/").location


def test_the_staff_idle_limit_is_a_setting(app, people):
    app.config["STAFF_IDLE_MINUTES"] = 5
    client, start = app.test_client(), utcnow()
    with time_machine.travel(start, tick=False):
        login_as(client, people.users["advisor"])
    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        assert not _signed_in(client)


def test_a_session_in_use_ends_at_the_absolute_lifetime(app, people):
    client, start = app.test_client(), utcnow()
    with time_machine.travel(start, tick=False):
        login_as(client, people.users["advisor"])
    for minutes in range(20, 12 * 60, 20):  # never idle for long
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert _signed_in(client), minutes
    with time_machine.travel(start + timedelta(hours=12, minutes=1), tick=False):
        assert not _signed_in(client)


def test_a_session_from_before_these_rules_has_ended(client, people):
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = people.users["editor_a"].get_id(), True
    assert not _signed_in(client)
