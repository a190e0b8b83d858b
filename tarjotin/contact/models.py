"""Contact requests (yhteydenottopyyntö), one per organisation, with their offerings and audit trail.

Purpose: an organisation contacts the resident who asked. Retention: the personal fields are
emptied CONTACT_RETENTION_DAYS after the request is closed, and in any case CONTACT_MAX_RETENTION_DAYS
after its last activity (a request nobody closes); the row itself stays for statistics.
"""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tarjotin.db import TimestampMixin, UTCDateTime, new_id, utcnow
from tarjotin.extensions import db

CHANNELS = ("phone", "sms", "email")
TIMES = ("morning", "afternoon", "evening", "any")
LANGUAGES = ("fi", "sv", "en")
STATUSES = ("sent", "opened", "closed")
OUTCOMES = ("contacted", "unreachable", "no_capacity", "not_suitable")
AUDIT_ACTIONS = ("viewed", "opened", "outcome_recorded", "reminded", "escalated", "purged")


class ContactRequest(TimestampMixin, db.Model):
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(sa.String(16), nullable=False, unique=True)
    organization_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    recipients: Mapped[list] = mapped_column(sa.JSON, nullable=False)  # where the request was routed
    is_fallback_routed: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    locale: Mapped[str] = mapped_column(sa.String(2), nullable=False)  # the resident's UI language
    # Personal data: emptied by the purge.
    name: Mapped[str | None] = mapped_column(sa.String(200))
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    message: Mapped[str | None] = mapped_column(sa.Text)
    outcome_note: Mapped[str | None] = mapped_column(sa.Text)
    # The resident's wishes: not identifying, kept for statistics.
    language: Mapped[str] = mapped_column(sa.Enum(*LANGUAGES, name="contact_language", native_enum=False), nullable=False)
    preferred_channel: Mapped[str] = mapped_column(
        sa.Enum(*CHANNELS, name="contact_channel", native_enum=False), nullable=False
    )
    preferred_time: Mapped[str] = mapped_column(sa.Enum(*TIMES, name="contact_time", native_enum=False), nullable=False)
    # Proof of consent: the exact text the resident accepted, and when.
    consent_text: Mapped[str] = mapped_column(sa.Text, nullable=False)
    consent_given_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    status: Mapped[str] = mapped_column(
        sa.Enum(*STATUSES, name="contact_request_status", native_enum=False), nullable=False, default="sent", index=True
    )
    outcome: Mapped[str | None] = mapped_column(sa.Enum(*OUTCOMES, name="contact_outcome", native_enum=False))
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    # Made, taken up or given an outcome; the maximum retention counts from here whatever the status.
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow, index=True)
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organization = relationship("Organization")
    items = relationship("ContactRequestItem", back_populates="contact_request", cascade="all, delete-orphan")
    audit = relationship(
        "ContactRequestAudit", cascade="all, delete-orphan", order_by="ContactRequestAudit.at"
    )


class ContactRequestItem(db.Model):
    """One offering in a request, with what statistics need kept as it was when the request was made."""

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    contact_request_id: Mapped[str] = mapped_column(
        sa.ForeignKey("contact_request.id", ondelete="CASCADE"), nullable=False, index=True
    )
    service_id: Mapped[str | None] = mapped_column(sa.ForeignKey("service.id", ondelete="SET NULL"), index=True)
    service_name: Mapped[str] = mapped_column(sa.String(255), nullable=False)
    theme_codes: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)
    municipality_codes: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)
    was_accepting_new: Mapped[bool] = mapped_column(sa.Boolean, nullable=False)

    contact_request = relationship("ContactRequest", back_populates="items")
    service = relationship("Service")


class ContactRequestAudit(db.Model):
    """Who did what to which request, and when; never the content."""

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    contact_request_id: Mapped[str] = mapped_column(
        sa.ForeignKey("contact_request.id", ondelete="CASCADE"), nullable=False, index=True
    )
    action: Mapped[str] = mapped_column(sa.Enum(*AUDIT_ACTIONS, name="contact_audit_action", native_enum=False), nullable=False)
    actor: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
