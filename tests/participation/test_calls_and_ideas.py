"""Open calls with sign-ups, export and purge; ideas from received to implemented with a public answer."""
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa
import time_machine

from tarjotin.participation.models import CallSignup, Idea, OpenCall, ParticipationAudit
from tests.fixtures.web import login_as, post_form

SIGNUP = {"name": "Maija Meikäläinen", "email": "maija@example.net", "phone": "", "note": "=HYPERLINK(1)",
          "consent": "y"}
IDEA = {"kind": "feedback", "text": "Terveysaseman ajanvaraus on vaikea. Olen Maija, 040 123.", "theme": "",
        "name": "Maija", "email": "maija@example.net", "consent": "y"}


def _audit(db, subject: str) -> list[str]:
    return sorted(db.session.scalars(sa.select(ParticipationAudit.action).where(ParticipationAudit.subject == subject)))


def test_staff_publishes_a_call_and_a_resident_signs_up(app, client, db, people):
    login_as(client, people.users["staff"])
    closes = (date.today() + timedelta(days=10)).isoformat()
    call = {"kind": "workshop", "title": "Työpaja: perhekeskus", "who_sought": "Lapsiperheitä",
            "involves": "Kolmen tunnin työpaja", "fee": "", "event_date": closes, "duration_minutes": "180",
            "survey_url": "", "closes_on": closes, "retention_days": "30"}
    assert post_form(client, "/osallistu/hallinta/kutsut/uusi", **call).status_code == 302
    call_id = db.session.scalar(sa.select(OpenCall.id))

    resident = app.test_client()
    assert "Työpaja: perhekeskus" in resident.get("/osallistu/").get_data(as_text=True)
    path = f"/osallistu/kutsut/{call_id}"
    assert post_form(resident, path, **{**SIGNUP, "email": "", "phone": ""}).status_code == 200
    assert post_form(resident, path, **SIGNUP).status_code == 302
    assert post_form(resident, path, **SIGNUP, website="http://spam").status_code == 302  # honeypot: not stored
    [signup] = db.session.scalars(sa.select(CallSignup)).all()
    assert "Työpaja: perhekeskus" in signup.consent_text

    assert "Maija Meikäläinen" in client.get(f"/osallistu/hallinta/kutsut/{call_id}/ilmoittautuneet").get_data(as_text=True)
    csv = client.get(f"/osallistu/hallinta/kutsut/{call_id}/ilmoittautuneet.csv").get_data(as_text=True)
    assert "maija@example.net" in csv and "'=HYPERLINK(1)" in csv
    assert _audit(db, "call") == ["exported", "viewed"]


def test_sign_ups_are_rate_limited(app, client, db, open_call):
    app.config["PARTICIPATION_RATE_LIMIT"] = "2 per minute"
    path = f"/osallistu/kutsut/{open_call.id}"
    assert [post_form(client, path, **SIGNUP).status_code for _ in range(3)] == [302, 302, 429]


def test_sign_ups_are_purged_after_the_calls_retention(app, db, runner, open_call):
    db.session.add(CallSignup(call=open_call, name="Maija", email="m@example.net", locale="fi", consent_text="x"))
    db.session.commit()
    last_day = datetime.combine(open_call.closes_on + timedelta(days=open_call.retention_days), datetime.min.time(),
                                tzinfo=timezone.utc)
    with time_machine.travel(last_day + timedelta(hours=12), tick=False):
        runner.invoke(args=["purge"])
        assert db.session.scalar(sa.select(sa.func.count()).select_from(CallSignup)) == 1
    with time_machine.travel(last_day + timedelta(days=1, hours=12), tick=False):
        result = runner.invoke(args=["purge"])
    assert "purged 1 sign-up(s)" in result.output
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CallSignup)) == 0
    assert db.session.get(OpenCall, open_call.id).signups_purged_at is not None
    assert _audit(db, "call") == ["purged"]


def test_an_idea_goes_from_received_to_implemented_with_a_public_answer(app, client, db, people, theme):
    resident = app.test_client()
    assert post_form(resident, "/osallistu/ideat/uusi", **{**IDEA, "consent": ""}).status_code == 200
    assert post_form(resident, "/osallistu/ideat/uusi", **IDEA).status_code == 302
    idea = db.session.scalar(sa.select(Idea))
    assert idea.status == "received" and idea.published_at is None and idea.consent_text
    assert "ajanvaraus" not in resident.get("/osallistu/ideat").get_data(as_text=True)

    login_as(client, people.users["moderator"])
    path = f"/osallistu/hallinta/moderointi/ideat/{idea.id}"
    answer = {"public_title": "Ajanvaraus helpommaksi", "public_text": "Asukas toivoi selkeämpää ajanvarausta.",
              "status": "considering", "public_answer": "", "theme": theme.id}
    assert post_form(client, path, **answer).status_code == 302
    assert "Harkinnassa" in resident.get("/osallistu/ideat").get_data(as_text=True)
    answer.update(status="implemented", public_answer="Ajanvaraukseen tuli takaisinsoitto keväällä 2027.")
    assert post_form(client, path, **answer).status_code == 302

    page = resident.get(f"/osallistu/ideat?tila=implemented&teema={theme.id}").get_data(as_text=True)
    assert "Ajanvaraus helpommaksi" in page and "takaisinsoitto" in page
    assert "Maija" not in page and "040 123" not in page
    assert "Ajanvaraus helpommaksi" not in resident.get("/osallistu/ideat?tila=not_taken").get_data(as_text=True)
    assert _audit(db, "idea") == ["answered", "answered", "viewed", "viewed", "viewed", "viewed"]


def test_ideas_lose_the_residents_words_after_the_retention(app, db, runner):
    published = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)
    db.session.add(Idea(kind="idea", text="Oma teksti", name="Maija", email="m@example.net", consent_text="x",
                        public_title="Otsikko", public_text="Julkinen", published_at=published))
    db.session.commit()
    with time_machine.travel(published + timedelta(days=app.config["IDEA_RETENTION_DAYS"] + 1), tick=False):
        result = runner.invoke(args=["purge"])
    assert "and 1 idea(s)" in result.output
    db.session.expire_all()
    idea = db.session.scalar(sa.select(Idea))
    assert (idea.text, idea.name, idea.email, idea.public_text) == (None, None, None, "Julkinen")
