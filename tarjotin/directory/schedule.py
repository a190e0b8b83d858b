"""HSDS schedules (iCalendar RRULE parts) in words, and the next time an offering meets."""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time, get_day_names
from flask_babel import gettext as _

from tarjotin.directory.models import Schedule
from tarjotin.i18n import formatting_locale
from tarjotin.directory.vocabulary import ORDINALS

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MONTHLY_DAY = re.compile(r"^(-?\d)([A-Z]{2})$")
HELSINKI = ZoneInfo("Europe/Helsinki")


def local_now() -> datetime:
    """Local wall-clock time, naive: schedules are kept in Finnish local time."""
    return datetime.now(HELSINKI).replace(tzinfo=None)


def _weekdays(byday: str | None) -> list[int]:
    return [DAYS.index(d) for d in (byday or "").split(",") if d in DAYS]


def _day_names(days: list[int], locale: str) -> str:
    names = get_day_names("wide", context="stand-alone", locale=locale)
    said = [names[d] for d in days]
    if len(said) == 1:
        return said[0]
    return _("%(first)s ja %(last)s", first=", ".join(said[:-1]), last=said[-1])


def describe(schedule: Schedule, lang: str) -> str:
    """"Joka viikko: tiistai klo 18.00–20.00" in the reader's language; the stored text if the rule is unusual."""
    locale = formatting_locale(lang)
    monthly = MONTHLY_DAY.match(schedule.byday or "")
    days = _weekdays(schedule.byday)
    if schedule.freq == "MONTHLY" and monthly and int(monthly[1]) in ORDINALS:
        day = get_day_names("wide", context="stand-alone", locale=locale)[DAYS.index(monthly[2])]
        when = _("Kuukauden %(nth)s %(day)s", nth=ORDINALS[int(monthly[1])], day=day)
    elif schedule.freq == "WEEKLY" and days:
        if schedule.interval and schedule.interval > 1:
            when = _("Joka toinen viikko: %(days)s", days=_day_names(days, locale))
        elif len(days) == 7:
            when = _("Joka päivä")
        elif days == [0, 1, 2, 3, 4]:
            when = _("Arkisin")
        else:
            when = _("Joka viikko: %(days)s", days=_day_names(days, locale))
    else:
        return schedule.description or ""
    if schedule.opens_at and schedule.closes_at:
        clock = _("klo %(start)s–%(end)s", start=format_time(schedule.opens_at, "short", locale=locale),
                  end=format_time(schedule.closes_at, "short", locale=locale))
        when = f"{when} {clock}"
    return when[:1].upper() + when[1:]


def _nth_weekday(year: int, month: int, nth: int, weekday: int) -> date | None:
    if nth > 0:
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    else:
        last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
        day = last - timedelta(days=(last.weekday() - weekday) % 7)
    return day if day.month == month else None


def next_meeting(schedules: list[Schedule], now: datetime) -> datetime | None:
    """The soonest start (local time) of any schedule; None when the rule does not pin it down.

    A fortnightly rule has no start date in HSDS, so which week it meets is unknown: it gets none.
    """
    found = []
    for schedule in schedules:
        start = schedule.opens_at or time(0)
        candidates: list[date] = []
        monthly = MONTHLY_DAY.match(schedule.byday or "")
        if schedule.freq == "MONTHLY" and monthly:
            nth, weekday = int(monthly[1]), DAYS.index(monthly[2])
            for step in range(3):
                year, month = now.year + (now.month - 1 + step) // 12, (now.month - 1 + step) % 12 + 1
                candidates.append(_nth_weekday(year, month, nth, weekday))
        elif schedule.freq == "WEEKLY" and (schedule.interval or 1) == 1:
            days = _weekdays(schedule.byday)
            candidates = [now.date() + timedelta(days=k) for k in range(8) if (now.weekday() + k) % 7 in days]
        found += [datetime.combine(d, start) for d in candidates if d and datetime.combine(d, start) > now]
    return min(found, default=None)


@lru_cache(maxsize=8)
def _day_pattern(locale: str) -> str:
    # Babel matches a skeleton against the locale's formats on every call; once per language is enough.
    return Locale.parse(locale).datetime_skeletons["MMMEd"].pattern


def format_meeting(moment: datetime, lang: str) -> str:
    """"ti 1.12. klo 18.00"; "Tue 1 Dec at 18:00"."""
    locale = formatting_locale(lang)
    return _("%(day)s klo %(time)s", day=format_date(moment.date(), _day_pattern(locale), locale=locale),
             time=format_time(moment.time(), "short", locale=locale))
