"""Care pathways (hoito- ja palvelupolut) and the referrals (hyvinvointilähete) advisors send along them.

Purpose of the personal fields of a referral: the organisation contacts the client the advisor
referred. Retention: they are emptied REFERRAL_RETENTION_DAYS after the referral is closed or
cancelled, and in any case REFERRAL_MAX_RETENTION_DAYS after its last move (a referral left open);
the row stays, without them, for the statistics.
"""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tarjotin.db import TimestampMixin, UTCDateTime, new_id, utcnow
from tarjotin.extensions import db

MODES = ("details", "self")  # the organisation contacts the client, or the client makes contact
CHANNELS = ("phone", "sms", "email")
LANGUAGES = ("fi", "sv", "en")
STATUSES = (
    "sent", "opened", "accepted", "declined", "contacted",
    "started", "could_not_reach", "client_declined", "closed", "cancelled",
)
DECLINE_REASONS = ("no_capacity", "not_eligible", "other")
AUDIT_ACTIONS = ("viewed", "advisor_notified", "purged")

pathway_step_term = sa.Table(
    "pathway_step_term",
    db.metadata,
    sa.Column("step_id", sa.String(36), sa.ForeignKey("pathway_step.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "taxonomy_term_id", sa.String(36), sa.ForeignKey("taxonomy_term.id", ondelete="CASCADE"), primary_key=True
    ),
)


class CarePathway(db.Model):
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(sa.String(64), nullable=False, unique=True)
    position: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    name_sv: Mapped[str | None] = mapped_column(sa.String(200))
    name_en: Mapped[str | None] = mapped_column(sa.String(200))
    description: Mapped[str | None] = mapped_column(sa.Text)
    description_sv: Mapped[str | None] = mapped_column(sa.Text)
    description_en: Mapped[str | None] = mapped_column(sa.Text)

    steps = relationship(
        "PathwayStep", back_populates="pathway", cascade="all, delete-orphan", order_by="PathwayStep.position"
    )


class PathwayStep(db.Model):
    __table_args__ = (sa.UniqueConstraint("pathway_id", "position", name="uq_pathway_step_pathway_position"),)

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    pathway_id: Mapped[str] = mapped_column(
        sa.ForeignKey("care_pathway.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    name_sv: Mapped[str | None] = mapped_column(sa.String(200))
    name_en: Mapped[str | None] = mapped_column(sa.String(200))

    pathway = relationship("CarePathway", back_populates="steps")
    terms = relationship("TaxonomyTerm", secondary=pathway_step_term, order_by="TaxonomyTerm.code")
    picks = relationship(
        "PathwayStepOffering", cascade="all, delete-orphan", order_by="PathwayStepOffering.position"
    )

    def codes(self, taxonomy: str) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms if t.taxonomy == taxonomy)


class PathwayStepOffering(db.Model):
    """An offering a moderator hand-picked for a step; suggested before any search result."""

    step_id: Mapped[str] = mapped_column(sa.ForeignKey("pathway_step.id", ondelete="CASCADE"), primary_key=True)
    service_id: Mapped[str] = mapped_column(sa.ForeignKey("service.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=0)

    service = relationship("Service")


def _status_time():
    return mapped_column(UTCDateTime())


class Referral(TimestampMixin, db.Model):
    """One offering for one client; created_at is the time it was sent."""

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(sa.String(16), nullable=False, unique=True)
    batch: Mapped[str] = mapped_column(sa.String(36), nullable=False, index=True)  # sent together: one slip
    advisor_id: Mapped[str | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"), index=True)
    service_id: Mapped[str | None] = mapped_column(sa.ForeignKey("service.id", ondelete="SET NULL"), index=True)
    organization_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    pathway_id: Mapped[str | None] = mapped_column(sa.ForeignKey("care_pathway.id", ondelete="SET NULL"), index=True)
    step_id: Mapped[str | None] = mapped_column(sa.ForeignKey("pathway_step.id", ondelete="SET NULL"))
    recipients: Mapped[list] = mapped_column(sa.JSON, nullable=False)
    # Kept as they were when sent, for statistics that outlive renamed or deleted listings.
    service_name: Mapped[str] = mapped_column(sa.String(255), nullable=False)
    organization_name: Mapped[str] = mapped_column(sa.String(255), nullable=False)
    theme_codes: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)
    client_municipality_code: Mapped[str | None] = mapped_column(sa.String(3))
    mode: Mapped[str] = mapped_column(sa.Enum(*MODES, name="referral_mode", native_enum=False), nullable=False)
    client_language: Mapped[str] = mapped_column(
        sa.Enum(*LANGUAGES, name="referral_language", native_enum=False), nullable=False
    )
    # Personal data: emptied by the purge. A need phrase may describe the client's health.
    need: Mapped[str | None] = mapped_column(sa.String(200))
    client_name: Mapped[str | None] = mapped_column(sa.String(200))
    client_phone: Mapped[str | None] = mapped_column(sa.String(40))
    client_email: Mapped[str | None] = mapped_column(sa.String(254))
    preferred_channel: Mapped[str | None] = mapped_column(
        sa.Enum(*CHANNELS, name="referral_channel", native_enum=False)
    )
    # Proof of consent: the exact text shown to the client, who recorded it and when.
    consent_text: Mapped[str | None] = mapped_column(sa.Text)
    consent_recorded_by_id: Mapped[str | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    consent_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(
        sa.Enum(*STATUSES, name="referral_status", native_enum=False), nullable=False, default="sent", index=True
    )
    decline_reason: Mapped[str | None] = mapped_column(
        sa.Enum(*DECLINE_REASONS, name="referral_decline_reason", native_enum=False)
    )
    opened_at: Mapped[datetime | None] = _status_time()
    accepted_at: Mapped[datetime | None] = _status_time()
    declined_at: Mapped[datetime | None] = _status_time()
    contacted_at: Mapped[datetime | None] = _status_time()
    started_at: Mapped[datetime | None] = _status_time()
    could_not_reach_at: Mapped[datetime | None] = _status_time()
    client_declined_at: Mapped[datetime | None] = _status_time()
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    unopened_notified_at: Mapped[datetime | None] = _status_time()
    # Sent or moved on; the maximum retention counts from here whatever the status.
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow, index=True)
    purged_at: Mapped[datetime | None] = _status_time()

    advisor = relationship("User", foreign_keys=[advisor_id])
    consent_recorded_by = relationship("User", foreign_keys=[consent_recorded_by_id])
    service = relationship("Service")
    organization = relationship("Organization")
    pathway = relationship("CarePathway")
    step = relationship("PathwayStep")
    events = relationship(
        "ReferralEvent", back_populates="referral", cascade="all, delete-orphan", order_by="ReferralEvent.id"
    )


class ReferralEvent(db.Model):
    """The status history: every move, by whom (a role, never a client) and when."""

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    referral_id: Mapped[str] = mapped_column(sa.ForeignKey("referral.id", ondelete="CASCADE"), nullable=False, index=True)
    from_status: Mapped[str | None] = mapped_column(sa.String(20))
    to_status: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    actor: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    referral = relationship("Referral", back_populates="events")


class ReferralAudit(db.Model):
    """Who looked at or touched a referral, and when; never the content."""

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    referral_id: Mapped[str] = mapped_column(sa.ForeignKey("referral.id", ondelete="CASCADE"), nullable=False, index=True)
    action: Mapped[str] = mapped_column(
        sa.Enum(*AUDIT_ACTIONS, name="referral_audit_action", native_enum=False), nullable=False
    )
    actor: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
