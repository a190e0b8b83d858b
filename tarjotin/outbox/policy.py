"""Retry policy: which SMTP outcomes are worth another try, and when."""
import random


def is_temporary(code: int) -> bool:
    return 400 <= code < 500


def retry_delay(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Exponential backoff with equal jitter: half the step is fixed, half random, so that rows
    deferred together by one outage do not all come back in the same second."""
    step = min(cap, base * 2 ** max(attempt - 1, 0))
    return step / 2 + (rng or random).uniform(0, step / 2)
