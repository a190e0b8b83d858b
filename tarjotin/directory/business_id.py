"""The Finnish business id (Y-tunnus): seven digits, a hyphen and a mod-11 check digit."""
import re

BUSINESS_ID = re.compile(r"^(\d{7})-(\d)$")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(digits: str) -> int | None:
    """The mod-11 check digit of a Y-tunnus's seven digits; None for remainder 1, which is never issued."""
    remainder = sum(int(d) * w for d, w in zip(digits, _WEIGHTS)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def is_business_id(value: str) -> bool:
    """A Finnish Y-tunnus: seven digits, a hyphen and the check digit."""
    match = BUSINESS_ID.match(value)
    return bool(match) and int(match.group(2)) == business_id_check_digit(match.group(1))
