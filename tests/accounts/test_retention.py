"""Claims and invitations hold names and e-mail addresses: the daily purge deletes them after their retention."""
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
import time_machine

from tarjotin.accounts import claims, services
from tarjotin.accounts.models import Claim, Invitation, Membership

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def _count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_item3_claims_and_invitations_are_deleted_after_their_retention(app, db, runner, people):
    with time_machine.travel(NOW, tick=False):
        claims.register("Uusi Yhdistys ry", None, None, claims.Applicant("Hakija", "hakija@example.org", "Hei"))
        pending = claims.register("Toinen ry", None, None, claims.Applicant("Toinen", "toinen@example.org", None))
        services.invite(people.users["admin"], "uusi@example.org", "advisor", None, "fi")
        db.session.commit()
    claim_days, invitation_days = app.config["CLAIM_RETENTION_DAYS"], app.config["INVITATION_RETENTION_DAYS"]
    with time_machine.travel(NOW + timedelta(days=10), tick=False):
        claims.decide(people.users["moderator"], pending, False, None, "fi", NOW + timedelta(days=10))
        db.session.commit()
    memberships = _count(db, Membership)
    with time_machine.travel(NOW + timedelta(days=invitation_days - 1), tick=False):
        assert "deleted 0 claim(s) and 0 invitation(s)" in runner.invoke(args=["purge"]).output
    with time_machine.travel(NOW + timedelta(days=invitation_days), tick=False):
        assert "deleted 0 claim(s) and 1 invitation(s)" in runner.invoke(args=["purge"]).output
    assert _count(db, Invitation) == 0
    with time_machine.travel(NOW + timedelta(days=claim_days), tick=False):  # the undecided one too
        assert "deleted 1 claim(s) and 0 invitation(s)" in runner.invoke(args=["purge"]).output
    with time_machine.travel(NOW + timedelta(days=claim_days + 10), tick=False):
        assert "deleted 1 claim(s) and 0 invitation(s)" in runner.invoke(args=["purge"]).output
    assert _count(db, Claim) == 0 and _count(db, Membership) == memberships
