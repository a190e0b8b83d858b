"""How strong a new password must be: long enough, and not easy to guess (ASVS 2.1.1 and 2.1.7).

zxcvbn estimates guesses offline from its own dictionaries (common passwords, names, words,
keyboard patterns, repeats like "aaaaaaaaaa"); nothing is sent anywhere.
"""
from zxcvbn import zxcvbn

MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 200
# zxcvbn's 0-4: 3 is "safely unguessable" (about 10^8 guesses or more), what an online attacker
# and a stolen slow hash both fail at.
MIN_STRENGTH = 3
# zxcvbn's matching grows with the length; past this the rest of a long passphrase only adds strength.
CHECKED_LENGTH = 72


class WeakPassword(ValueError):
    """Too short, or easy to guess."""


def is_strong(password: str, personal: list[str]) -> bool:
    """personal: the user's own address and name, which a password must not lean on."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return False
    inputs = [part for value in personal if value for part in value.lower().replace("@", " ").split()]
    return zxcvbn(password[:CHECKED_LENGTH], user_inputs=inputs)["score"] >= MIN_STRENGTH


def check_strength(password: str, personal: list[str]) -> None:
    if not is_strong(password, personal):
        raise WeakPassword("password too weak")
