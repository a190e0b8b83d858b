"""The organisation's signed link, reminders, escalation and the purge, with a frozen clock."""
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
import time_machine
from flask import g

from tarjotin.contact.models import ContactRequest, ContactRequestAudit
from tarjotin.outbox.models import OutboxMessage
from tests.fixtures.contact import form_data
from tests.fixtures.web import csrf_token

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def _request(client, db, offering) -> ContactRequest:
    page = client.get(f"/palvelut/{offering.id}/yhteydenotto").get_data(as_text=True)
    client.post(f"/palvelut/{offering.id}/yhteydenotto", data=form_data(page, service_ids=[offering.id]))
    return db.session.scalars(sa.select(ContactRequest)).one()


def _link(db) -> str:
    body = db.session.scalars(sa.select(OutboxMessage.body_text).where(OutboxMessage.kind == "contact/organisation_request")).one()
    return next(line for line in body.splitlines() if "/yhteydenotot/" in line).split("127.0.0.1:5000", 1)[1]


def _kinds(db) -> list[str]:
    return db.session.scalars(sa.select(OutboxMessage.kind).order_by(OutboxMessage.id)).all()


def test_link_page_shows_the_request_audits_the_view_and_records_an_outcome(client, db, offering):
    stored = _request(client, db, offering)
    url = _link(db)
    page = client.get(url)
    assert page.headers["Referrer-Policy"] == "no-referrer" and page.headers["Cache-Control"] == "no-store"
    text = page.get_data(as_text=True)
    assert "Maija Meikäläinen" in text and "Toivon soittoa illalla." in text
    response = client.post(url, data={"csrf_token": csrf_token(text), "outcome": "contacted", "note": "Soitettu."})
    assert response.status_code == 302
    db.session.expire_all()
    assert (stored.status, stored.outcome, stored.outcome_note) == ("closed", "contacted", "Soitettu.")
    audit = db.session.scalars(sa.select(ContactRequestAudit).order_by(ContactRequestAudit.id)).all()
    assert [(a.action, a.actor) for a in audit] == [
        ("viewed", "organisation-link"), ("viewed", "organisation-link"), ("outcome_recorded", "organisation-link")
    ]


def test_tampered_and_expired_links_are_refused(app, client, db, offering):
    _request(client, db, offering)
    url = _link(db)
    assert client.get(url[:-3] + "xyz").status_code == 404
    with time_machine.travel(datetime.now(timezone.utc) + timedelta(days=app.config["CONTACT_LINK_MAX_AGE_DAYS"] + 1)):
        assert client.get(url).status_code == 410
    assert db.session.scalar(sa.select(sa.func.count(ContactRequestAudit.id))) == 0


def test_reminder_after_three_working_days_and_escalation_after_seven(app, client, db, offering, runner):
    with time_machine.travel(MONDAY, tick=False):
        _request(client, db, offering)
    for day, expected in ((2, "reminded 0, escalated 0"), (3, "reminded 1, escalated 0"), (4, "reminded 0, escalated 0"),
                          (9, "reminded 0, escalated 1"), (10, "reminded 0, escalated 0")):
        with time_machine.travel(MONDAY + timedelta(days=day), tick=False):  # day 3 is Thursday, 9 next Wednesday
            assert runner.invoke(args=["contact", "remind"]).output.strip() == expected
    assert _kinds(db)[-2:] == ["contact/organisation_reminder", "contact/county_escalation"]
    escalation = db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert escalation.recipients == [app.config["COUNTY_FALLBACK_EMAIL"]]
    assert "Maija" not in escalation.body_text


def test_item2_fetching_the_link_is_not_taking_the_request_up(client, db, offering, runner):
    """A mail scanner opens every link in a message; the organisation may never have seen it."""
    with time_machine.travel(MONDAY, tick=False):
        stored = _request(client, db, offering)
        assert client.get(_link(db)).status_code == 200
    db.session.expire_all()
    assert (stored.status, stored.opened_at) == ("sent", None)
    with time_machine.travel(MONDAY + timedelta(days=3), tick=False):
        assert runner.invoke(args=["contact", "remind"]).output.strip() == "reminded 1, escalated 0"


def test_item2_requests_taken_up_on_the_page_get_no_reminder(client, db, offering, runner):
    with time_machine.travel(MONDAY, tick=False):
        stored = _request(client, db, offering)
        page = client.get(_link(db)).get_data(as_text=True)
        assert "Otan tämän käsittelyyn" in page
        response = client.post(_link(db), data={"csrf_token": csrf_token(page), "take_up": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (stored.status, stored.opened_at) == ("opened", MONDAY)
    assert "Otan tämän käsittelyyn" not in client.get(_link(db)).get_data(as_text=True)
    with time_machine.travel(MONDAY + timedelta(days=14), tick=False):
        assert runner.invoke(args=["contact", "remind"]).output.strip() == "reminded 0, escalated 0"


def test_item2_taking_up_needs_the_csrf_token(client, db, offering):
    stored = _request(client, db, offering)
    assert client.post(_link(db), data={"take_up": "1"}).status_code == 400
    db.session.expire_all()
    assert stored.status == "sent"


def test_purge_removes_personal_data_after_retention_and_keeps_counts(app, client, db, offering, runner):
    with time_machine.travel(MONDAY, tick=False):
        stored = _request(client, db, offering)
        url = _link(db)
        page = client.get(url).get_data(as_text=True)
        client.post(url, data={"csrf_token": csrf_token(page), "outcome": "no_capacity", "note": "Ryhmä täynnä."})
    days = app.config["CONTACT_RETENTION_DAYS"]
    with time_machine.travel(MONDAY + timedelta(days=days - 1), tick=False):
        assert "purged 0 contact request(s)" in runner.invoke(args=["purge"]).output
    with time_machine.travel(MONDAY + timedelta(days=days, seconds=1), tick=False):
        assert "purged 1 contact request(s)" in runner.invoke(args=["purge"]).output
    db.session.expire_all()
    assert (stored.name, stored.phone, stored.email, stored.message, stored.outcome_note) == (None,) * 5
    assert (stored.status, stored.outcome, stored.organization_id) == ("closed", "no_capacity", offering.organization_id)
    assert stored.items[0].service_id == offering.id and stored.closed_at - stored.created_at < timedelta(minutes=1)


def test_item3_a_request_nobody_closes_is_purged_after_the_maximum_retention(app, client, db, offering, runner):
    """The consent promises it: whatever the status, the data go this long after the last activity."""
    max_days = app.config["CONTACT_MAX_RETENTION_DAYS"]
    with time_machine.travel(MONDAY, tick=False):
        idle = _request(client, db, offering)
        assert f"Viimeistään tiedot poistetaan {max_days} päivän kuluttua" in idle.consent_text
    with time_machine.travel(MONDAY + timedelta(days=max_days - 1), tick=False):
        assert "purged 0 contact request(s)" in runner.invoke(args=["purge"]).output
    with time_machine.travel(MONDAY + timedelta(days=max_days, seconds=1), tick=False):
        assert "purged 1 contact request(s)" in runner.invoke(args=["purge"]).output
    db.session.expire_all()
    assert (idle.status, idle.name, idle.phone, idle.email, idle.message) == ("sent", None, None, None, None)


def test_item3_taking_a_request_up_counts_as_activity(app, client, db, offering, runner):
    max_days = app.config["CONTACT_MAX_RETENTION_DAYS"]
    with time_machine.travel(MONDAY, tick=False):
        stored = _request(client, db, offering)
    with time_machine.travel(MONDAY + timedelta(days=20), tick=False):
        g.pop("csrf_token", None)  # the fixture's app context outlives requests; the token would be 20 days old
        page = client.get(_link(db)).get_data(as_text=True)
        client.post(_link(db), data={"csrf_token": csrf_token(page), "take_up": "1"})
    with time_machine.travel(MONDAY + timedelta(days=max_days + 1), tick=False):
        assert "purged 0 contact request(s)" in runner.invoke(args=["purge"]).output
    with time_machine.travel(MONDAY + timedelta(days=20 + max_days, seconds=1), tick=False):
        assert "purged 1 contact request(s)" in runner.invoke(args=["purge"]).output
    db.session.expire_all()
    assert stored.name is None and stored.status == "opened"
