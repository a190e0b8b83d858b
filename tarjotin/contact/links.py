"""Signed, expiring links to a request: the e-mail carries the link, never the resident's data."""
from flask import current_app

from tarjotin import signing
from tarjotin.signing import LinkExpired, LinkInvalid, public_url

__all__ = ["AUDIENCES", "LinkExpired", "LinkInvalid", "public_url", "sign", "verify"]

AUDIENCES = ("organisation", "county")
SALT = "contact-request-link"


def sign(request_id: str, audience: str) -> str:
    return signing.sign(SALT, {"r": request_id, "a": audience})


def verify(token: str) -> tuple[str, str]:
    """The request id and the audience the link was sent to."""
    data = signing.verify(SALT, token, current_app.config["CONTACT_LINK_MAX_AGE_DAYS"] * 24 * 3600)
    if not isinstance(data, dict) or data.get("a") not in AUDIENCES or not isinstance(data.get("r"), str):
        raise LinkInvalid
    return data["r"], data["a"]
