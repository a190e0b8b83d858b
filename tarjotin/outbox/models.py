"""One row per e-mail; the worker moves it pending -> sending -> sent, or to dead after a permanent refusal."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tarjotin.db import TimestampMixin, UTCDateTime, utcnow
from tarjotin.extensions import db

OUTBOX_STATUSES = ("pending", "sending", "sent", "dead")


class OutboxMessage(TimestampMixin, db.Model):
    __table_args__ = (sa.Index("ix_outbox_message_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    # Fixed when the row is created so that a retried delivery is recognisably the same message.
    message_id: Mapped[str] = mapped_column(sa.String(255), nullable=False, unique=True)
    kind: Mapped[str] = mapped_column(sa.String(100), nullable=False)  # the template, for moderators
    sender: Mapped[str] = mapped_column(sa.String(254), nullable=False)
    recipients: Mapped[list] = mapped_column(sa.JSON, nullable=False)
    delivered_to: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)
    refused: Mapped[dict] = mapped_column(sa.JSON, nullable=False, default=dict)  # address -> SMTP code
    subject: Mapped[str] = mapped_column(sa.String(998), nullable=False)
    body_text: Mapped[str] = mapped_column(sa.Text, nullable=False)
    body_html: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(
        sa.Enum(*OUTBOX_STATUSES, name="outbox_status", native_enum=False), nullable=False, default="pending"
    )
    attempts: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(sa.String(100))
    last_error: Mapped[str | None] = mapped_column(sa.String(200))  # code and class only: replies echo addresses
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def pending_recipients(self) -> list[str]:
        done = set(self.delivered_to) | set(self.refused)
        return [address for address in self.recipients if address not in done]

    @property
    def is_partially_refused(self) -> bool:
        return bool(self.refused) and bool(self.delivered_to)
