"""The participation purge, run by `flask purge` with the other retention rules."""
from datetime import datetime

from tarjotin.participation import calls, ideas


def purge(now: datetime) -> tuple[int, int]:
    """(sign-ups deleted, ideas emptied of the resident's words and details)."""
    return calls.purge(now), ideas.purge(now)
