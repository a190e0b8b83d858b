"""References people quote for a contact request or a referral ("YP-7K2M-Q9XD")."""
import secrets

# Crockford's base32 without I, L, O, U: read aloud over the phone without confusion.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference(prefix: str) -> str:
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{prefix}-{code[:4]}-{code[4:]}"
