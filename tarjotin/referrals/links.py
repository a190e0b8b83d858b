"""The organisation's signed link to one referral: the e-mail carries it, never the client's data."""
from flask import current_app

from tarjotin import signing
from tarjotin.signing import LinkExpired, LinkInvalid

__all__ = ["LinkExpired", "LinkInvalid", "sign", "verify"]

SALT = "referral-link"


def sign(referral_id: str) -> str:
    return signing.sign(SALT, {"r": referral_id})


def verify(token: str) -> str:
    """The referral id. Raises LinkExpired or LinkInvalid."""
    data = signing.verify(SALT, token, current_app.config["REFERRAL_LINK_MAX_AGE_DAYS"] * 24 * 3600)
    if not isinstance(data, dict) or not isinstance(data.get("r"), str):
        raise LinkInvalid
    return data["r"]
