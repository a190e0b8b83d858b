"""The yearly review on a frozen clock: mails at 11, 12 and 13 months, each once; stale after 14."""
from datetime import date, datetime, timedelta, timezone

import time_machine

from tarjotin.manage import reviews
from tarjotin.outbox.models import OutboxMessage
from tests.fixtures.web import csrf_token, login_as


def _run_daily(db, start: date, end: date) -> dict[date, list[str]]:
    """Run `reviews send-due` once a day at 06:00 UTC, as cron would; the mails queued each day."""
    sent, day = {}, start
    while day <= end:
        with time_machine.travel(datetime(day.year, day.month, day.day, 6, tzinfo=timezone.utc), tick=False):
            before = db.session.query(OutboxMessage).count()
            reviews.send_due(datetime.now(timezone.utc))
            db.session.commit()
            new = db.session.query(OutboxMessage).order_by(OutboxMessage.id).offset(before).all()
            if new:
                sent[day] = [m.subject for m in new]
        day += timedelta(days=1)
    return sent


def test_review_mails_go_out_at_11_12_and_13_months_once_each(db, people):
    people.org_a.assured_date = date(2025, 1, 31)
    people.org_b.assured_date = date(2025, 12, 1)  # not due in the window
    db.session.commit()
    sent = _run_daily(db, date(2025, 12, 1), date(2026, 4, 30))
    # Editor and the organisation's own address each get one; month ends clamp (31 Jan + 1 month = 28 Feb).
    assert sorted(sent) == [date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 28)]
    assert all(len(subjects) == 2 for subjects in sent.values())
    assert not sent[date(2025, 12, 31)][0].startswith("Muistutus")
    assert sent[date(2026, 2, 28)][0].startswith("Muistutus")


def test_confirming_starts_a_new_cycle_and_stale_listings_reach_the_dashboard(client, db, people):
    people.org_a.assured_date = date(2025, 1, 10)
    db.session.commit()
    with time_machine.travel(datetime(2026, 3, 20, 8, tzinfo=timezone.utc), tick=False):  # 14+ months
        login_as(client, people.users["moderator"])
        assert "Kuopion Mieli ry" in client.get("/hallinta/").get_data(as_text=True)
        login_as(client, people.users["editor_a"])
        page = client.get(f"/hallinta/jarjestot/{people.org_a.id}").get_data(as_text=True)
        client.post(f"/hallinta/jarjestot/{people.org_a.id}/ajan-tasalla", data={"csrf_token": csrf_token(page)})
        db.session.expire_all()
        assert people.org_a.assured_date == date(2026, 3, 20)
        assert people.service_a.assured_date == date(2026, 3, 20)
        login_as(client, people.users["moderator"])
        assert "Kuopion Mieli ry" not in client.get("/hallinta/").get_data(as_text=True)
    assert _run_daily(db, date(2026, 3, 21), date(2027, 2, 18)) == {}
    assert list(_run_daily(db, date(2027, 2, 19), date(2027, 2, 21))) == [date(2027, 2, 20)]


def test_one_click_confirmation_link(client, db, people):
    from tarjotin.manage import links

    with time_machine.travel(datetime(2026, 5, 4, 9, tzinfo=timezone.utc), tick=False):
        with client.application.test_request_context():
            path = links.confirm_link(people.org_a).split("127.0.0.1:5000")[1]
        page = client.get(path).get_data(as_text=True)
        assert client.post(path, data={"csrf_token": csrf_token(page)}).status_code == 200
    db.session.expire_all()
    assert people.org_a.assured_date == date(2026, 5, 4)
