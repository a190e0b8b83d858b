"""Moderators' view of e-mail the mail server refused for good. The outbox itself knows nothing
of users (the worker and cron run as nobody), so the check of who may look and retry is here."""
from datetime import datetime

from tarjotin.accounts.permissions import require_moderator
from tarjotin.outbox import service as outbox
from tarjotin.outbox.models import OutboxMessage


def listing(actor) -> list[OutboxMessage]:
    require_moderator(actor)
    return outbox.dead_letters()


def retry(actor, message_id: int, now: datetime) -> OutboxMessage | None:
    require_moderator(actor)
    return outbox.retry(message_id, now)
