"""The closed loop of a referral: which status may follow which, and who may make the move.

sent -> opened -> accepted | declined -> ...; accepted -> contacted -> started | could_not_reach |
client_declined -> closed; a declined referral is closed once the advisor has seen it (or by the
organisation). The advisor may cancel at any point before the loop has ended.
"""
from datetime import datetime

from tarjotin.referrals.models import DECLINE_REASONS, Referral, ReferralEvent

ORGANISATION = "organisation"
ADVISOR = "advisor"
ENDED = ("closed", "cancelled")

NEXT: dict[str, tuple[str, ...]] = {
    "sent": ("opened",),
    "opened": ("accepted", "declined"),
    "accepted": ("contacted",),
    "declined": ("closed",),
    "contacted": ("started", "could_not_reach", "client_declined"),
    "started": ("closed",),
    "could_not_reach": ("closed",),
    "client_declined": ("closed",),
    "closed": (),
    "cancelled": (),
}


class IllegalTransition(ValueError):
    """The move is not in the loop, or not this party's to make."""


def moves(status: str, party: str) -> tuple[str, ...]:
    """The statuses `party` may move a referral in `status` to."""
    if status in ENDED:
        return ()
    if party == ADVISOR:
        return ("cancelled", *(("closed",) if status == "declined" else ()))
    # From "sent" the one move is "opened": the page's "I'll handle this" button, not the viewing.
    return NEXT[status]


def transition(referral: Referral, to: str, party: str, actor: str, now: datetime,
               reason: str | None = None) -> None:
    """Move `referral` to `to`, stamp `<to>_at` and record the event. Raises IllegalTransition."""
    if referral.purged_at is not None or to not in moves(referral.status, party):
        raise IllegalTransition(f"{party} cannot move a referral from {referral.status} to {to}")
    if (to == "declined") != (reason is not None) or (reason is not None and reason not in DECLINE_REASONS):
        raise IllegalTransition("a decline needs one of the reasons, and only a decline has one")
    referral.events.append(ReferralEvent(from_status=referral.status, to_status=to, actor=actor, at=now))
    referral.status = to
    setattr(referral, f"{to}_at", now)
    referral.last_activity_at = now
    if reason is not None:
        referral.decline_reason = reason
