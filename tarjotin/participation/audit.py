"""The participation audit trail, and the roles each part of participation is open to."""
from datetime import datetime

from tarjotin.extensions import db
from tarjotin.participation.models import ParticipationAudit

# Who may find experience experts and send them requests.
FINDER_ROLES = ("advisor", "staff", "moderator", "admin")
# Who may publish open calls.
ORGANISER_ROLES = ("staff", "moderator", "admin")


def audit(subject: str, subject_id: str, action: str, actor: str, now: datetime) -> None:
    db.session.add(ParticipationAudit(subject=subject, subject_id=subject_id, action=action, actor=actor, at=now))
