"""Participation rows. Each personal-data table says its purpose and retention here.

- ExpertProfile: staff find an experience expert. Kept while the expert's consent stands;
  withdrawing it deletes the profile (requests keep only their kind, status and dates).
- CallSignup: the organiser contacts those who signed up. Deleted the call's retention_days
  after the call closes.
- Idea: the resident's own words and optional contact details are emptied IDEA_RETENTION_DAYS
  after the idea is published (or arrived); the published, anonymised text stays.
"""
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tarjotin.db import TimestampMixin, UTCDateTime, new_id, utcnow
from tarjotin.extensions import db

WORK_KINDS = ("lecture", "development", "peer_reception", "facilitation", "panel")
PROFILE_STATUSES = ("pending", "published", "rejected")
REQUEST_STATUSES = ("sent", "accepted", "declined")
REQUEST_FORMATS = ("in_person", "remote", "either")
CALL_KINDS = ("panel", "workshop", "survey", "testing")
IDEA_KINDS = ("idea", "feedback")
IDEA_STATUSES = ("received", "considering", "developing", "implemented", "not_taken")
AUDIT_SUBJECTS = ("profile", "request", "call", "idea")
AUDIT_ACTIONS = ("viewed", "exported", "decided", "answered", "withdrawn", "purged")

expert_theme = sa.Table(
    "expert_profile_theme",
    db.metadata,
    sa.Column("profile_id", sa.ForeignKey("expert_profile.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("taxonomy_term_id", sa.ForeignKey("taxonomy_term.id", ondelete="CASCADE"), primary_key=True),
)


class ExpertProfile(TimestampMixin, db.Model):
    """A person (user_id) or an organisation's expert group (organization_id); never both."""

    __table_args__ = (
        sa.CheckConstraint("(user_id IS NULL) <> (organization_id IS NULL)", name="one_owner"),
    )

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    user_id: Mapped[str | None] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), unique=True)
    organization_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    # What staff see: a first name, pseudonym or group name; never contact details.
    display_name: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    experience: Mapped[str] = mapped_column(sa.Text, nullable=False)  # in the expert's own lay words
    work_kinds: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)
    languages: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)
    municipality_code: Mapped[str | None] = mapped_column(sa.String(3))  # None: anywhere in the county
    availability: Mapped[str | None] = mapped_column(sa.Text)
    follows_common_fee: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    # Where requests are sent; not shown to anyone. The account's or organisation's address when empty.
    email: Mapped[str | None] = mapped_column(sa.String(254))
    status: Mapped[str] = mapped_column(
        sa.Enum(*PROFILE_STATUSES, name="expert_profile_status", native_enum=False), nullable=False,
        default="pending", index=True,
    )
    consent_text: Mapped[str] = mapped_column(sa.Text, nullable=False)
    consent_given_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
    decided_by_id: Mapped[str | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user = relationship("User", foreign_keys=[user_id])
    organization = relationship("Organization")
    themes = relationship("TaxonomyTerm", secondary=expert_theme, order_by="TaxonomyTerm.name")

    @property
    def recipient(self) -> str | None:
        return self.email or (self.user.email if self.user else self.organization.email)


class ExpertRequest(TimestampMixin, db.Model):
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    profile_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("expert_profile.id", ondelete="SET NULL"), index=True
    )
    requested_by_id: Mapped[str | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"), index=True)
    work_kind: Mapped[str] = mapped_column(sa.Enum(*WORK_KINDS, name="expert_work_kind", native_enum=False),
                                           nullable=False)
    purpose: Mapped[str] = mapped_column(sa.Text, nullable=False)
    period: Mapped[str] = mapped_column(sa.String(200), nullable=False)  # a date or a period, as written
    format: Mapped[str] = mapped_column(sa.Enum(*REQUEST_FORMATS, name="expert_request_format", native_enum=False),
                                        nullable=False)
    fee: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    status: Mapped[str] = mapped_column(
        sa.Enum(*REQUEST_STATUSES, name="expert_request_status", native_enum=False), nullable=False, default="sent"
    )
    answer: Mapped[str | None] = mapped_column(sa.Text)  # the expert's word back to the requester
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    profile = relationship("ExpertProfile")
    requested_by = relationship("User")


class OpenCall(TimestampMixin, db.Model):
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    organiser_id: Mapped[str | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(sa.Enum(*CALL_KINDS, name="open_call_kind", native_enum=False), nullable=False)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    who_sought: Mapped[str] = mapped_column(sa.Text, nullable=False)
    involves: Mapped[str] = mapped_column(sa.Text, nullable=False)
    fee: Mapped[str | None] = mapped_column(sa.String(200))
    event_date: Mapped[date | None] = mapped_column(sa.Date)  # a workshop's or testing session's day
    duration_minutes: Mapped[int | None] = mapped_column(sa.Integer)
    survey_url: Mapped[str | None] = mapped_column(sa.String(500))  # surveys link out; nobody signs up here
    closes_on: Mapped[date] = mapped_column(sa.Date, nullable=False, index=True)
    retention_days: Mapped[int] = mapped_column(sa.Integer, nullable=False)
    is_published: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    signups_purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organiser = relationship("User")
    signups = relationship("CallSignup", back_populates="call", cascade="all, delete-orphan",
                           order_by="CallSignup.created_at")


class CallSignup(TimestampMixin, db.Model):
    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    call_id: Mapped[str] = mapped_column(sa.ForeignKey("open_call.id", ondelete="CASCADE"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    email: Mapped[str | None] = mapped_column(sa.String(254))
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    note: Mapped[str | None] = mapped_column(sa.Text)  # e.g. what the resident would bring to the panel
    locale: Mapped[str] = mapped_column(sa.String(2), nullable=False)
    consent_text: Mapped[str] = mapped_column(sa.Text, nullable=False)
    consent_given_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)

    call = relationship("OpenCall", back_populates="signups")


class Idea(TimestampMixin, db.Model):
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(sa.Enum(*IDEA_KINDS, name="idea_kind", native_enum=False), nullable=False)
    service_id: Mapped[str | None] = mapped_column(sa.ForeignKey("service.id", ondelete="SET NULL"), index=True)
    theme_id: Mapped[str | None] = mapped_column(sa.ForeignKey("taxonomy_term.id", ondelete="SET NULL"), index=True)
    # The resident's own words and details: only moderators read them; emptied by the purge.
    text: Mapped[str | None] = mapped_column(sa.Text)
    name: Mapped[str | None] = mapped_column(sa.String(200))
    email: Mapped[str | None] = mapped_column(sa.String(254))
    consent_text: Mapped[str | None] = mapped_column(sa.Text)  # only when contact details were given
    # What the public sees: the moderator's wording without personal data.
    public_title: Mapped[str | None] = mapped_column(sa.String(200))
    public_text: Mapped[str | None] = mapped_column(sa.Text)
    public_answer: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(
        sa.Enum(*IDEA_STATUSES, name="idea_status", native_enum=False), nullable=False, default="received", index=True
    )
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    purged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    service = relationship("Service")
    theme = relationship("TaxonomyTerm")


class ParticipationAudit(db.Model):
    """Who looked at or handled which personal-data row, and when; never the content. The subject
    id is not a foreign key, so the trail outlives a withdrawn profile or purged sign-ups."""

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    subject: Mapped[str] = mapped_column(sa.Enum(*AUDIT_SUBJECTS, name="participation_audit_subject",
                                                 native_enum=False), nullable=False)
    subject_id: Mapped[str] = mapped_column(sa.String(36), nullable=False, index=True)
    action: Mapped[str] = mapped_column(sa.Enum(*AUDIT_ACTIONS, name="participation_audit_action",
                                                native_enum=False), nullable=False)
    actor: Mapped[str] = mapped_column(sa.String(100), nullable=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow)
