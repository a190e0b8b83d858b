"""Accounts. Purpose: let organisations and county staff maintain the catalogue. Retention: an
account lives while it is in use; a disabled account keeps only what the change history names."""
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tarjotin.db import TimestampMixin, UTCDateTime, new_id
from tarjotin.extensions import db

# An editor's rights come from memberships; "staff" is county staff and "expert" an experience
# expert, both in participation.
ROLES = ("editor", "advisor", "staff", "moderator", "admin", "expert")
# These roles see clients' data (referrals, contact requests, accounts): a second factor is required
# of them and their sessions end sooner when idle (ASVS 4.0.3 L2, docs/security.md).
CLIENT_DATA_ROLES = ("advisor", "moderator", "admin")
CLAIM_STATUSES = ("pending", "approved", "rejected")


class User(TimestampMixin, db.Model):
    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(sa.String(254), nullable=False, unique=True)  # stored lower case
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.Enum(*ROLES, name="user_role", native_enum=False), nullable=False)
    locale: Mapped[str] = mapped_column(sa.String(2), nullable=False, default="fi")
    is_disabled: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    # Part of the id in every session cookie; raising it ends all of the user's sessions at once.
    session_version: Mapped[int] = mapped_column(sa.Integer, nullable=False, default=1)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The TOTP secret, encrypted (second_factor.py); set while enrolling, in use once enabled.
    totp_secret: Mapped[str | None] = mapped_column(sa.String(255))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The time step of the last code accepted: a code is good once, not for its whole window.
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)

    memberships = relationship("Membership", back_populates="user", cascade="all, delete-orphan")
    recovery_codes = relationship("RecoveryCode", back_populates="user", cascade="all, delete-orphan")

    # Flask-Login's user protocol.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return not self.is_disabled

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def organization_ids(self) -> set[str]:
        return {m.organization_id for m in self.memberships}

    @property
    def is_moderator(self) -> bool:
        return self.role in ("moderator", "admin")

    @property
    def has_second_factor(self) -> bool:
        return self.totp_enabled_at is not None

    @property
    def sees_client_data(self) -> bool:
        return self.role in CLIENT_DATA_ROLES


class RecoveryCode(TimestampMixin, db.Model):
    """A single-use code that stands in for the authenticator app; only its argon2 hash is kept."""

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(255), nullable=False)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user = relationship("User", back_populates="recovery_codes")


class Membership(TimestampMixin, db.Model):
    """The user edits this organisation."""

    __table_args__ = (sa.UniqueConstraint("user_id", "organization_id", name="uq_membership_user_organization"),)

    id: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    organization_id: Mapped[str] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), nullable=False, index=True
    )

    user = relationship("User", back_populates="memberships")
    organization = relationship("Organization")


class Invitation(TimestampMixin, db.Model):
    """An invitation to edit an organisation (or, from an admin, to a county role). Single use."""

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(sa.String(254), nullable=False)
    role: Mapped[str] = mapped_column(sa.Enum(*ROLES, name="user_role", native_enum=False), nullable=False)
    organization_id: Mapped[str | None] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    invited_by_id: Mapped[str | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # an admin withdrew it

    organization = relationship("Organization")
    invited_by = relationship("User")


class Claim(TimestampMixin, db.Model):
    """Someone asks to maintain a listing that has no editor (or registers a new one); a moderator
    decides. Purpose: that decision and the invitation after it; deleted with the organisation."""

    id: Mapped[str] = mapped_column(sa.String(36), primary_key=True, default=new_id)
    organization_id: Mapped[str] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    email: Mapped[str] = mapped_column(sa.String(254), nullable=False)
    message: Mapped[str | None] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(
        sa.Enum(*CLAIM_STATUSES, name="claim_status", native_enum=False), nullable=False, default="pending"
    )
    decided_by_id: Mapped[str | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organization = relationship("Organization")
