"""Dates, birthdays and cadences as users write them (SPEC §3), parsed strictly.

Each parser returns a value or raises ValueError with a message fit for the user; the callers
turn that message into a Problem with the file and line.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from notekit.core.model import Cadence
from notekit.core.syntax import LINKED_DATE

ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?![\d])")
_BIRTHDAY_NO_YEAR = re.compile(r"^(?:--)?(\d{1,2})-(\d{1,2})$")
MAX_CADENCE_DAYS = 100 * 366  # a longer cadence is a typo, and dates past 9999 do not exist
_DAYS_IN = {"d": 1.0, "w": 7.0, "m": 30.5, "y": 366.0}  # 1200m = 100y = 36600d
_CADENCE = re.compile(
    r"^(\d{1,9})\s*(d|days?|w|wks?|weeks?|m|mos?|months?|y|yrs?|years?)?$", re.IGNORECASE
)
_CADENCE_WORDS = {
    "daily": Cadence(1, "d"),
    "weekly": Cadence(1, "w"),
    "biweekly": Cadence(2, "w"),
    "fortnightly": Cadence(2, "w"),
    "monthly": Cadence(1, "m"),
    "bimonthly": Cadence(2, "m"),
    "quarterly": Cadence(3, "m"),
    "semiannually": Cadence(6, "m"),
    "biannually": Cadence(6, "m"),
    "yearly": Cadence(1, "y"),
    "annually": Cadence(1, "y"),
    "annual": Cadence(1, "y"),
    "twice a year": Cadence(6, "m"),
    "twice a month": Cadence(2, "w"),
    "every quarter": Cadence(3, "m"),
}
# `six months`, `every three weeks`: a count in words is its number
_COUNTS = {
    word: str(n)
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
}
# what may come before a count and a unit: `every 2 weeks`, `every other week`, `once a month`
_BEFORE_COUNT = (("every other ", "2 "), ("every ", ""), ("once a ", "1 "))


def parse_date(value: object) -> dt.date | None:
    """A YAML date or a string starting `YYYY-MM-DD`; None when empty; ValueError otherwise."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, list) and len(value) == 1:  # `[[2026-06-01]]` unquoted: YAML's lists
        inner = value[0]
        value = f"[[{inner[0]}]]" if isinstance(inner, list) and len(inner) == 1 else value
    text = str(value).strip()
    if not text:
        return None
    linked = LINKED_DATE.fullmatch(text)  # Obsidian's form of a date property
    match = ISO_PREFIX.match(linked.group(1) if linked else text)
    if not match:
        raise ValueError(f"not a date (expected YYYY-MM-DD): {text!r}")
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"no such date: {match.group(0)} ({exc})") from None


def parse_birthday(value: object) -> tuple[int | None, int, int] | None:
    """`YYYY-MM-DD`, or `MM-DD` / `--MM-DD` without a year, as (year or None, month, day)."""
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    match = _BIRTHDAY_NO_YEAR.match(text)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        try:
            dt.date(2000, month, day)  # a leap year, so 02-29 is fine
        except ValueError:
            raise ValueError(f"no such day of the year: {text!r}") from None
        return (None, month, day)
    try:
        date = parse_date(value)
    except ValueError:
        if ISO_PREFIX.match(text):
            raise  # a day that does not exist: said as for any date
        raise ValueError(
            f"not a date (expected YYYY-MM-DD, or MM-DD without the year): {text!r}"
        ) from None
    return (date.year, date.month, date.day) if date else None


def parse_cadence(value: object) -> Cadence | None:
    """`10d`, `6w`, `3m`, `1y`, `2 weeks`, `six months`, `every 2 weeks`, `every month`,
    `every other week`, `once a year`, a bare integer (days) or a word like `quarterly`."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a cadence: {value!r}")
    text = str(value).strip().lower()
    if not text:
        return None
    text = " ".join(_COUNTS.get(word, word) for word in text.split())
    if text in _CADENCE_WORDS:
        return _CADENCE_WORDS[text]
    before = next((b for b in _BEFORE_COUNT if text.startswith(b[0])), None)
    if before is not None:
        text = before[1] + text.removeprefix(before[0]).strip()
        text = f"1 {text}" if text.isalpha() else text  # `every month`
    match = _CADENCE.match(text)
    if not match or int(match.group(1)) == 0:
        raise ValueError(
            f"not a cadence: {str(value)!r} (use e.g. 10d, 6w, 3m, 1y, a number of days, "
            "or weekly, monthly, quarterly, yearly)"
        )
    unit = (match.group(2) or "d")[0].lower()
    if int(match.group(1)) * _DAYS_IN[unit] > MAX_CADENCE_DAYS:
        raise ValueError(f"cadence too long: {str(value)!r} (at most 100 years)")
    return Cadence(int(match.group(1)), unit)


def add_months(date: dt.date, months: int) -> dt.date:
    """Calendar months, the day clamped to the end of the target month (Jan 31 + 1m = Feb 28)."""
    total = date.year * 12 + date.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    if date.day <= 28:
        return dt.date(year, month, date.day)
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def add_cadence(date: dt.date, cadence: Cadence) -> dt.date:
    """`date` + `cadence`; past the last day there is (year 9999), that last day."""
    try:
        if cadence.unit == "d":
            return date + dt.timedelta(days=cadence.count)
        if cadence.unit == "w":
            return date + dt.timedelta(weeks=cadence.count)
        if cadence.unit == "m":
            return add_months(date, cadence.count)
        return add_months(date, 12 * cadence.count)
    except (OverflowError, ValueError):
        return dt.date.max


Local = Callable[[dt.datetime], dt.datetime]  # a moment as it is where I live


def in_zone(zone: str | None) -> Local:
    """How a moment becomes mine (`[me] timezone`): in `zone`, else in the machine's zone."""
    if zone is None:
        return lambda moment: moment.astimezone()
    from zoneinfo import ZoneInfo

    mine = ZoneInfo(zone)
    return lambda moment: moment.astimezone(mine)


def add_days(date: dt.date, days: int) -> dt.date:
    """`date` + `days`, kept within the calendar (year 1 to 9999)."""
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def next_anniversary(month: int, day: int, on_or_after: dt.date) -> dt.date:
    """The next `month-day` on or after a date; Feb 29 falls on Feb 28 in common years."""
    for year in (on_or_after.year, on_or_after.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:  # Feb 29 in a common year
            candidate = dt.date(year, month, calendar.monthrange(year, month)[1])
        if candidate >= on_or_after:
            return candidate
    raise AssertionError("unreachable: a day of the year recurs within a year")


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_DAY = re.compile(
    r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$|^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?$"
)


def _named(word: str, names: tuple[str, ...]) -> int | None:
    """The position of the name `word` stands for: whole, or its first three letters or more."""
    if len(word) >= 3:
        for position, name in enumerate(names):
            if name.startswith(word):
                return position
    return None


def parse_when(value: str, today: dt.date) -> dt.date:
    """A day as people name one: `2026-12-15`; a duration from today (`2w`, `3m`, `monthly`,
    `in 2 weeks`, `in a month`);
    `today`, `tomorrow`, `next week`, `next month`; a weekday (`friday`, `fri`: the next one,
    never today); a day of a month (`Dec 15`, `15 december`: the next one, today included).
    ValueError saying what is accepted otherwise."""
    text = " ".join(value.strip().lower().split())
    if ISO_PREFIX.match(text):
        found = parse_date(text)
        assert found is not None
        if (found - today).days > MAX_CADENCE_DAYS:
            raise ValueError(f"{value.strip()!r} is more than 100 years ahead")
        return found
    words = {"today": 0, "tomorrow": 1, "next week": 7}
    if text in words:
        return add_days(today, words[text])
    if text == "next month":
        return add_months(today, 1)
    weekday = _named(text, _WEEKDAYS)
    if weekday is not None:
        return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    match = _MONTH_DAY.match(text)
    if match:
        name, day = (match.group(1), match.group(2)) if match.group(1) else match.group(4, 3)
        month = _named(name, _MONTHS)
        if month is not None:
            try:
                dt.date(2000, month + 1, int(day))  # a leap year: Feb 29 is a day
            except ValueError:
                raise ValueError(f"no such day: {value.strip()!r}") from None
            return next_anniversary(month + 1, int(day), today)
    if text.startswith("in "):  # `in 2 weeks`, `in a month`
        text = text.removeprefix("in ")
        text = f"1 {text.split(' ', 1)[1]}" if text.startswith(("a ", "an ")) else text
    try:
        cadence = parse_cadence(text)
    except ValueError:
        if _CADENCE.match(text):
            raise  # a duration, but too long: say so
        cadence = None
    if cadence is None:
        raise ValueError(
            f"not a day: {value.strip()!r} (use YYYY-MM-DD, a duration like 2w, 3m or in 2 "
            "weeks, today, tomorrow, next week, next month, a weekday like friday, or a day like "
            "Dec 15)"
        )
    return add_cadence(today, cadence)


def parse_days(value: str, today: dt.date) -> int:
    """A number of days, or a duration from today (`2w`, `1m`) in days; ValueError otherwise."""
    text = value.strip()
    if text.isdigit():
        days = int(text)
    else:
        cadence = parse_cadence(text)  # ValueError says what is accepted
        if cadence is None:
            raise ValueError("a number of days or a duration is needed")
        days = (add_cadence(today, cadence) - today).days
    if days > MAX_CADENCE_DAYS:
        raise ValueError(f"{text!r} is more than 100 years")
    return days
