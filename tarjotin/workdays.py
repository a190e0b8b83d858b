"""Working days (Monday to Friday), which reminders to organisations and advisors count in."""
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


def working_days_between(start: date, end: date) -> int:
    """Monday-to-Friday days after `start` up to and including `end`."""
    days = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        days += day.weekday() < 5
    return days


def working_days_since(moment: datetime, now: datetime, timezone: str) -> int:
    """Working days waited since `moment`, counted in local dates so a 23:00 send is not a day early."""
    zone = ZoneInfo(timezone)
    return working_days_between(moment.astimezone(zone).date(), now.astimezone(zone).date())
