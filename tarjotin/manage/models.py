"""The change history and moderation queue, and the review reminders already sent.

Pending values live here, not in the directory tables, so search (which reads those tables)
shows approved content only.
"""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tarjotin.db import TimestampMixin, UTCDateTime
from tarjotin.extensions import db

TARGETS = ("organization", "service", "location")
ACTIONS = ("create", "update", "archive", "capacity", "confirm")
# "applied": published without review (trusted organisation, moderator, capacity, confirmation).
CHANGE_STATUSES = ("pending", "approved", "rejected", "superseded", "applied")
REVIEW_STAGES = (11, 12, 13)  # months after the last check: review, reminder, last reminder


class ChangeSet(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), nullable=False, index=True
    )
    target: Mapped[str] = mapped_column(sa.Enum(*TARGETS, name="change_target", native_enum=False), nullable=False)
    target_id: Mapped[str | None] = mapped_column(sa.String(36), index=True)  # None until a creation is approved
    action: Mapped[str] = mapped_column(sa.Enum(*ACTIONS, name="change_action", native_enum=False), nullable=False)
    status: Mapped[str] = mapped_column(
        sa.Enum(*CHANGE_STATUSES, name="change_status", native_enum=False), nullable=False, index=True
    )
    submitted_by_id: Mapped[str | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    via_link: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)  # signed e-mail link
    decided_by_id: Mapped[str | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message: Mapped[str | None] = mapped_column(sa.Text)  # the moderator's word to the editor

    organization = relationship("Organization")
    submitted_by = relationship("User", foreign_keys=[submitted_by_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])
    fields = relationship("FieldChange", back_populates="change_set", cascade="all, delete-orphan",
                          order_by="FieldChange.id")

    def values(self) -> dict:
        return {f.field: f.new_value for f in self.fields}


class FieldChange(db.Model):
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    change_set_id: Mapped[int] = mapped_column(
        sa.ForeignKey("change_set.id", ondelete="CASCADE"), nullable=False, index=True
    )
    field: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    old_value = mapped_column(sa.JSON)
    new_value = mapped_column(sa.JSON)

    change_set = relationship("ChangeSet", back_populates="fields")


class ReviewReminder(db.Model):
    """One row per mail sent, so each stage of a review cycle goes out once."""

    __table_args__ = (
        sa.UniqueConstraint("organization_id", "cycle_date", "stage", name="uq_review_reminder_cycle_stage"),
    )

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    organization_id: Mapped[str] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), nullable=False, index=True
    )
    cycle_date: Mapped[date] = mapped_column(sa.Date, nullable=False)  # the check the cycle counts from
    stage: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)
