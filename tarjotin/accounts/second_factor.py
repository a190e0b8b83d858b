"""The second factor: TOTP (RFC 6238, an authenticator app) with single-use recovery codes.

The secret is stored encrypted with a key derived from SECRET_KEY, so a copy of the database alone
(a backup, a dump) does not give the codes. Rotating SECRET_KEY makes the stored secrets unreadable:
their owners then sign in with a recovery code (argon2 hashes, independent of the key) and enrol
again. Functions add to the current session and leave the commit to the request or command.
"""
import base64
import hmac
import secrets
from datetime import datetime

import pyotp
import segno
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app

from tarjotin.accounts.models import RecoveryCode, User
from tarjotin.accounts.permissions import PermissionDenied
from tarjotin.accounts.services import end_sessions, hasher, notify_security_change, verify_password

ISSUER = "Tarjotin"
RECOVERY_CODE_COUNT = 10
# A code from the step before or after the server's still counts: phones' clocks drift.
CLOCK_DRIFT_STEPS = 1


class WrongCode(Exception):
    """Neither a current TOTP code nor an unused recovery code."""


class SecondFactorRequired(PermissionDenied):
    """The user's role requires a second factor, so it cannot be switched off."""


def _fernet() -> Fernet:
    # HKDF gives a key of its own for this one purpose, so the session-signing key is never used as is.
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"tarjotin totp secret").derive(
        current_app.config["SECRET_KEY"].encode())
    return Fernet(base64.urlsafe_b64encode(key))


def stored_secret(user: User) -> str | None:
    if user.totp_secret is None:
        return None
    try:
        return _fernet().decrypt(user.totp_secret.encode()).decode()
    except InvalidToken:  # SECRET_KEY was rotated: only a recovery code gets this user in
        return None


def enrolment_secret(user: User) -> str:
    """The secret being enrolled: kept while the user is enrolling, so reloading the page does not
    invalidate a QR code already scanned."""
    if user.has_second_factor:
        raise ValueError("already enrolled")
    secret = stored_secret(user)
    if secret is None:
        secret = pyotp.random_base32()
        user.totp_secret = _fernet().encrypt(secret.encode()).decode()
    return secret


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The otpauth URI as an inline SVG, drawn here: the secret never goes to a QR service."""
    return segno.make(uri, error="m").svg_inline(scale=4, border=4, dark="#000", light="#fff")


def _matching_step(user: User, code: str, now: datetime) -> int | None:
    secret = stored_secret(user)
    if secret is None or not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    step = totp.timecode(now)
    for candidate in range(step - CLOCK_DRIFT_STEPS, step + CLOCK_DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(candidate), code):
            return candidate
    return None


def _accept_totp(user: User, code: str, now: datetime) -> bool:
    step = _matching_step(user, code, now)
    if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
        return False
    user.totp_last_step = step
    return True


def normalize_recovery_code(code: str) -> str:
    return "".join(c for c in code.lower() if c.isalnum())


def new_recovery_codes(user: User) -> list[str]:
    """Replaces every earlier code; the plain codes exist only in the answer, shown once."""
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODE_COUNT)]
    user.recovery_codes = [RecoveryCode(code_hash=hasher().hash(code)) for code in codes]
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def _use_recovery_code(user: User, code: str, now: datetime) -> bool:
    code = normalize_recovery_code(code)
    for row in user.recovery_codes:
        if row.used_at is not None:
            continue
        try:
            hasher().verify(row.code_hash, code)
        except (VerificationError, InvalidHashError):
            continue
        row.used_at = now
        return True
    return False


def unused_recovery_codes(user: User) -> int:
    return sum(row.used_at is None for row in user.recovery_codes)


def confirm_enrolment(user: User, code: str, lang: str, now: datetime) -> list[str]:
    """Switches the second factor on once the app shows a right code; returns the recovery codes."""
    if user.has_second_factor or not _accept_totp(user, code.strip(), now):
        raise WrongCode
    user.totp_enabled_at = now
    notify_security_change(user, "accounts/second_factor_added", lang)
    return new_recovery_codes(user)


def verify(user: User, code: str, now: datetime) -> None:
    """The sign-in step: a TOTP code, or else one of the recovery codes, which is then used up."""
    code = code.strip()
    if not user.has_second_factor or not (_accept_totp(user, code, now) or _use_recovery_code(user, code, now)):
        raise WrongCode


def disable(user: User, password: str, lang: str) -> None:
    """Only for roles that may go without; asks for the password, and ends every session."""
    if user.sees_client_data:
        raise SecondFactorRequired
    verify_password(user, password)
    remove(user, lang)


def remove(user: User, lang: str) -> None:
    """Also the admin's command for a user who lost both the phone and the recovery codes: a role
    that requires a second factor enrols again right after the next sign-in."""
    user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
    user.recovery_codes = []
    end_sessions(user)
    notify_security_change(user, "accounts/second_factor_removed", lang)
