"""Passwords, sign-in, server-side session ends, password reset and invitations.

Functions add to the current session and leave the commit to the request or command.
"""
import hashlib
from datetime import datetime

import sqlalchemy as sa
from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from tarjotin import signing
from tarjotin.accounts.models import Invitation, Membership, User
from tarjotin.accounts.passwords import check_strength
from tarjotin.accounts.permissions import require_admin, require_invite_right
from tarjotin.extensions import db
from tarjotin.outbox.service import enqueue_template

RESET_SALT = "password-reset"
INVITATION_SALT = "invitation"


class InvitationUnusable(Exception):
    """The invitation was used or revoked already, or its sender has since been disabled."""


class WrongAccount(Exception):
    """The invitation is for an existing account other than the signed-in one."""


class WrongPassword(Exception):
    """The current password, asked again before a change to the account's security, is wrong."""


def hasher() -> PasswordHasher:
    return PasswordHasher.from_parameters(getattr(profiles, current_app.config["PASSWORD_HASH_PROFILE"]))


def set_password(user: User, password: str) -> None:
    """Raises passwords.WeakPassword (a ValueError) for a short or easily guessed password."""
    check_strength(password, [user.email, user.name])
    user.password_hash = hasher().hash(password)


def verify_password(user: User, password: str) -> None:
    try:
        hasher().verify(user.password_hash or "", password)
    except (VerificationError, InvalidHashError):
        raise WrongPassword from None


def change_password(user: User, current: str, new: str, lang: str) -> None:
    """Ends every session of the user, this one too: the view starts this one again."""
    verify_password(user, current)
    set_password(user, new)
    end_sessions(user)
    notify_security_change(user, "accounts/password_changed", lang)


def notify_security_change(user: User, template: str, lang: str) -> None:
    """The owner hears of a change they did not make, and where to take the account back."""
    enqueue_template(template, lang, [user.email], link=signing.public_url("accounts.forgot_password"))


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))


def authenticate(email: str, password: str, now: datetime) -> User | None:
    """The active user with these credentials. An unknown address costs one hash too, so response
    time does not tell which addresses have an account."""
    user = find_user(email)
    password_hasher = hasher()
    if user is None or user.password_hash is None:
        password_hasher.hash(password)
        return None
    try:
        password_hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if user.is_disabled:
        return None
    if password_hasher.check_needs_rehash(user.password_hash):
        user.password_hash = password_hasher.hash(password)
    user.last_login_at = now
    return user


def end_sessions(user: User) -> None:
    """Every cookie names the old version, so the user loader refuses them all from now on."""
    user.session_version += 1


def load_session_user(session_id: str) -> User | None:
    """Flask-Login's user loader: the id is "<user id>:<session version>"."""
    user_id, _, version = session_id.partition(":")
    user = db.session.get(User, user_id)
    if user is None or user.is_disabled or str(user.session_version) != version:
        return None
    return user


def set_disabled(actor, user: User, is_disabled: bool) -> None:
    require_admin(actor)
    user.is_disabled = is_disabled
    end_sessions(user)


def create_user(email: str, name: str, role: str, password: str) -> User:
    user = User(email=normalize_email(email), name=name.strip(), role=role)
    set_password(user, password)
    db.session.add(user)
    return user


def _fingerprint(user: User) -> str:
    """Changes with the password, so a reset link works once."""
    return hashlib.sha256((user.password_hash or "").encode()).hexdigest()[:16]


def request_password_reset(email: str, lang: str) -> None:
    """Mail a reset link if the address has an active account; say nothing either way."""
    user = find_user(email)
    if user is None or user.is_disabled:
        return
    token = signing.sign(RESET_SALT, {"u": user.id, "f": _fingerprint(user)})
    enqueue_template(
        "accounts/password_reset", lang, [user.email],
        link=signing.public_url("accounts.reset_password", token=token),
        valid_hours=current_app.config["PASSWORD_RESET_MAX_AGE_HOURS"],
    )


def user_for_reset(token: str) -> User:
    """Raises signing.LinkExpired or signing.LinkInvalid."""
    data = signing.verify(RESET_SALT, token, current_app.config["PASSWORD_RESET_MAX_AGE_HOURS"] * 3600)
    user = db.session.get(User, data.get("u")) if isinstance(data, dict) else None
    if user is None or user.is_disabled or data.get("f") != _fingerprint(user):
        raise signing.LinkInvalid
    return user


def reset_password(token: str, password: str, lang: str) -> User:
    user = user_for_reset(token)
    set_password(user, password)
    end_sessions(user)
    notify_security_change(user, "accounts/password_changed", lang)
    return user


def invite(actor, email: str, role: str, organization_id: str | None, lang: str) -> Invitation:
    inviter = require_invite_right(actor, organization_id, role)
    return send_invitation(email, role, organization_id, inviter, lang)


def send_invitation(email: str, role: str, organization_id: str | None, inviter: User | None,
                    lang: str) -> Invitation:
    """Callers check the right to invite first (invite(), or a moderator's approval of a claim)."""
    invitation = Invitation(email=normalize_email(email), role=role, organization_id=organization_id,
                            invited_by=inviter)
    db.session.add(invitation)
    db.session.flush()
    enqueue_template(
        "accounts/invitation", lang, [invitation.email],
        invitation=invitation,
        link=signing.public_url("accounts.accept_invitation", token=signing.sign(INVITATION_SALT, invitation.id)),
        valid_days=current_app.config["INVITATION_MAX_AGE_DAYS"],
    )
    return invitation


def open_invitation(token: str) -> Invitation:
    """Raises signing.LinkExpired, signing.LinkInvalid or InvitationUnusable."""
    invitation_id = signing.verify(INVITATION_SALT, token, current_app.config["INVITATION_MAX_AGE_DAYS"] * 86400)
    invitation = db.session.get(Invitation, invitation_id) if isinstance(invitation_id, str) else None
    if invitation is None:
        raise signing.LinkInvalid
    inviter = invitation.invited_by
    if invitation.accepted_at or invitation.revoked_at or (inviter is not None and inviter.is_disabled):
        raise InvitationUnusable
    return invitation


def accept_invitation(token: str, actor, name: str | None, password: str | None, now: datetime) -> User:
    """An existing account (signed in as it) gains the membership; otherwise a new account is made."""
    invitation = open_invitation(token)
    user = find_user(invitation.email)
    if user is not None and getattr(actor, "id", None) != user.id:
        raise WrongAccount
    if user is None:
        if not name or not password:
            raise ValueError("a new account needs a name and a password")
        user = create_user(invitation.email, name, invitation.role, password)
    elif invitation.role != "editor":
        user.role = invitation.role
    if invitation.organization_id and invitation.organization_id not in user.organization_ids:
        user.memberships.append(Membership(organization_id=invitation.organization_id))
    invitation.accepted_at = now
    return user


def users(actor) -> list[User]:
    require_admin(actor)
    return db.session.scalars(sa.select(User).order_by(User.role, User.email)).all()
