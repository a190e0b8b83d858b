"""Every move of the loop, legal and illegal, for both parties. Pure: no database needed."""
from datetime import datetime, timezone

import pytest

from tarjotin.referrals.machine import ADVISOR, ORGANISATION, IllegalTransition, moves, transition
from tarjotin.referrals.models import DECLINE_REASONS, STATUSES, Referral

NOW = datetime(2026, 11, 23, 10, tzinfo=timezone.utc)
# The loop, written out again by hand so the table in machine.py is checked, not restated.
ORGANISATION_MOVES = {
    ("sent", "opened"), ("opened", "accepted"), ("opened", "declined"), ("accepted", "contacted"),
    ("contacted", "started"), ("contacted", "could_not_reach"), ("contacted", "client_declined"),
    ("started", "closed"), ("could_not_reach", "closed"), ("client_declined", "closed"), ("declined", "closed"),
}
ADVISOR_MOVES = {(s, "cancelled") for s in STATUSES if s not in ("closed", "cancelled")} | {("declined", "closed")}
LEGAL = {ORGANISATION: ORGANISATION_MOVES, ADVISOR: ADVISOR_MOVES}


def _referral(status: str) -> Referral:
    return Referral(status=status)


def _reason(to: str) -> str | None:
    return "no_capacity" if to == "declined" else None


@pytest.mark.parametrize(("party", "start", "to"), sorted((party, s, to) for party, legal in LEGAL.items() for s, to in legal))
def test_every_legal_move_is_made_and_stamped(party, start, to):
    referral = _referral(start)
    transition(referral, to, party, "tester", NOW, _reason(to))
    assert referral.status == to and getattr(referral, f"{to}_at") == NOW
    (event,) = referral.events
    assert (event.from_status, event.to_status, event.actor, event.at) == (start, to, "tester", NOW)


@pytest.mark.parametrize("party", [ORGANISATION, ADVISOR])
@pytest.mark.parametrize("start", STATUSES)
def test_every_other_move_is_refused_and_changes_nothing(start, party):
    for to in STATUSES:
        if (start, to) in LEGAL[party]:
            continue
        referral = _referral(start)
        with pytest.raises(IllegalTransition):
            transition(referral, to, party, "tester", NOW, _reason(to))
        assert referral.status == start and referral.events == []


@pytest.mark.parametrize("start", STATUSES)
def test_the_offered_moves_are_exactly_the_legal_ones(start):
    for party, legal in LEGAL.items():
        assert set(moves(start, party)) == {to for (s, to) in legal if s == start}


def test_a_decline_needs_a_known_reason_and_nothing_else_takes_one():
    for reason in (None, "bored"):
        with pytest.raises(IllegalTransition):
            transition(_referral("opened"), "declined", ORGANISATION, "tester", NOW, reason)
    with pytest.raises(IllegalTransition):
        transition(_referral("opened"), "accepted", ORGANISATION, "tester", NOW, "no_capacity")
    for reason in DECLINE_REASONS:
        referral = _referral("opened")
        transition(referral, "declined", ORGANISATION, "tester", NOW, reason)
        assert referral.decline_reason == reason


def test_a_purged_referral_moves_no_more():
    referral = _referral("declined")
    referral.purged_at = NOW
    with pytest.raises(IllegalTransition):
        transition(referral, "closed", ADVISOR, "tester", NOW)
