"""Time: the advisor hears of unopened referrals after working days; client data is purged after
retention. The clock is frozen with time-machine, so the commands' own utcnow() is the one tested."""
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
import time_machine

from tarjotin.outbox.models import OutboxMessage
from tarjotin.referrals.machine import ADVISOR, ORGANISATION, transition
from tarjotin.referrals.models import ReferralAudit
from tests.fixtures.referrals import send_referral

MONDAY = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def _notices(db) -> list[OutboxMessage]:
    return db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == "referrals/advisor_notice")).all()


def test_the_advisor_is_told_once_of_a_referral_unopened_for_five_working_days(db, runner, world):
    referral = send_referral(world, world.near, when=MONDAY)
    with time_machine.travel(MONDAY + timedelta(days=6), tick=False):  # Sunday: four working days
        assert "told advisors of 0" in runner.invoke(args=["referrals", "remind"]).output
    with time_machine.travel(MONDAY + timedelta(days=7), tick=False):  # the next Monday: five
        assert "told advisors of 1" in runner.invoke(args=["referrals", "remind"]).output
        assert "told advisors of 0" in runner.invoke(args=["referrals", "remind"]).output
    (notice,) = _notices(db)
    assert notice.recipients == ["advisor@example.org"] and referral.reference in notice.body_text
    assert "Maija" not in notice.body_text


def test_client_data_is_purged_180_days_after_closing_and_not_a_day_sooner(db, runner, world):
    referral = send_referral(world, world.near, when=MONDAY)
    closed_at = MONDAY + timedelta(days=10)
    for to in ("opened", "accepted", "contacted", "started", "closed"):
        transition(referral, to, ORGANISATION, "organisation-link", closed_at)
    cancelled = send_referral(world, world.picked, when=MONDAY)
    transition(cancelled, "cancelled", ADVISOR, "tester", closed_at)
    still_open = send_referral(world, world.full, when=MONDAY)
    db.session.commit()

    with time_machine.travel(closed_at + timedelta(days=179), tick=False):
        assert "purged client data of 0" in runner.invoke(args=["referrals", "purge"]).output
    with time_machine.travel(closed_at + timedelta(days=180), tick=False):
        assert "purged client data of 2" in runner.invoke(args=["referrals", "purge"]).output
        assert "purged client data of 0" in runner.invoke(args=["referrals", "purge"]).output
    db.session.expire_all()
    for gone in (referral, cancelled):
        assert (gone.client_name, gone.client_phone, gone.client_email, gone.need) == (None, None, None, None)
        assert gone.purged_at == closed_at + timedelta(days=180)
        # What statistics need stays.
        assert gone.service_name and gone.client_municipality_code == "297" and gone.theme_codes == ["memory"]
    assert referral.contacted_at == closed_at and referral.step_id == world.step.id
    assert still_open.client_name == "Maija Meikäläinen"  # within REFERRAL_MAX_RETENTION_DAYS of being sent
    purges = db.session.scalars(sa.select(ReferralAudit).where(ReferralAudit.action == "purged")).all()
    assert sorted(a.referral_id for a in purges) == sorted([referral.id, cancelled.id])


def test_item3_a_referral_nobody_ends_is_purged_after_the_maximum_retention_from_its_last_move(app, db, runner, world):
    max_days = app.config["REFERRAL_MAX_RETENTION_DAYS"]
    still_open = send_referral(world, world.near, when=MONDAY)
    moved = send_referral(world, world.full, when=MONDAY)
    transition(moved, "opened", ORGANISATION, "organisation-link", MONDAY + timedelta(days=30))
    db.session.commit()
    with time_machine.travel(MONDAY + timedelta(days=max_days - 1), tick=False):
        assert "purged client data of 0" in runner.invoke(args=["referrals", "purge"]).output
    with time_machine.travel(MONDAY + timedelta(days=max_days), tick=False):
        assert "purged client data of 1" in runner.invoke(args=["referrals", "purge"]).output
    db.session.expire_all()
    assert (still_open.status, still_open.client_name, still_open.client_phone, still_open.need) == ("sent", None, None, None)
    assert moved.client_name == "Maija Meikäläinen"
    with time_machine.travel(MONDAY + timedelta(days=30 + max_days), tick=False):
        assert "purged client data of 1" in runner.invoke(args=["purge"]).output.split("referrals: ")[1]
    db.session.expire_all()
    assert moved.client_name is None and moved.status == "opened"


def test_the_global_purge_also_purges_referrals(db, runner, world):
    """One cron line (`flask purge`) covers every kind of personal data."""
    referral = send_referral(world, world.near, when=MONDAY)
    transition(referral, "cancelled", ADVISOR, "tester", MONDAY)
    db.session.commit()
    with time_machine.travel(MONDAY + timedelta(days=180), tick=False):
        assert "referrals: purged client data of 1 referral(s)" in runner.invoke(args=["purge"]).output
    db.session.expire_all()
    assert referral.client_name is None and referral.purged_at is not None
