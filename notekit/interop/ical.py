"""Follow-ups and birthdays as an iCalendar file, and a calendar's meetings read back; the one
module that imports icalendar.

Every event's UID comes from the note's path and its DTSTAMP from the day of the export, so
that two exports of an unchanged vault on the same day are the same bytes, and calendars that
subscribe to the file update events rather than duplicate them."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import Any, NamedTuple

from notekit.core.dates import next_anniversary
from notekit.core.model import Person
from notekit.rules.due import follow_up
from notekit.store.summary import Summary

PRODUCT = "-//notekit//follow-ups//EN"


def _uid(kind: str, person: Person) -> str:
    return f"{kind}-{hashlib.sha256(person.path.encode()).hexdigest()[:20]}@notekit"


def write_calendar(vault: Summary, today: dt.date, todo: bool = False) -> bytes:
    """Each pending follow-up as an all-day event on its day (`todo`: a task due that day),
    and each birthday as a yearly all-day event."""
    from icalendar import Calendar, Event, Todo  # only when a calendar is written

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    stamp = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
    for person in vault.people:
        state = follow_up(person, vault, today)
        if state.due is not None and state.due < dt.date.max:  # an event ends the day after
            item = Todo() if todo else Event()
            item.add("uid", _uid("follow-up", person))
            item.add("dtstamp", stamp)
            item.add("summary", f"Reconnect with {person.name}")
            item.add("description", f"{state.why()} ({person.path})")
            if todo:
                item.add("due", state.due)
            else:
                item.add("dtstart", state.due)
                item.add("dtend", state.due + dt.timedelta(days=1))
            calendar.add_component(item)
        if person.birthday is not None:
            year, month, day = person.birthday
            first = next_anniversary(month, day, dt.date(year, 1, 1) if year else today)
            birthday = Event()
            birthday.add("uid", _uid("birthday", person))
            birthday.add("dtstamp", stamp)
            birthday.add("summary", f"{person.name}'s birthday")
            birthday.add("dtstart", first)
            birthday.add("dtend", first + dt.timedelta(days=1))
            birthday.add("rrule", {"freq": "yearly"})
            calendar.add_component(birthday)
    data: bytes = calendar.to_ical()
    return data


class Meeting(NamedTuple):
    """One occurrence of a calendar event: its day, title and attendees (name, email)."""

    day: dt.date
    title: str
    attendees: tuple[tuple[str, str], ...]


HORIZON_DAYS = 366  # occurrences of a recurring event are read up to a year after today
MAX_OCCURRENCES = 3_000  # of one event: ten years of a weekly 1:1, far more than any real one
EARLIEST = dt.date(1900, 1, 1)  # no meeting of anyone's starts before this


def read_meetings(text: str, today: dt.date) -> tuple[list[Meeting], list[str]]:
    """Every occurrence of every event of an iCalendar text, a recurring one once per day it
    occurs, up to a year after today and at most MAX_OCCURRENCES times; and a line for each
    event left out or cut short, with the reason. ValueError for a text that is no calendar."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(text)
    except Exception as exc:  # noqa: BLE001 - icalendar raises many kinds on bad input
        raise ValueError(f"not an iCalendar file ({exc})") from None
    found: list[Meeting] = []
    skipped: list[str] = []
    horizon = today + dt.timedelta(days=HORIZON_DAYS)
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        title = " ".join(str(event.get("summary", "")).split())
        shown = f"event {number}" + (f" ({title[:60]})" if title else "")
        try:
            days, cut = _days(event, horizon)
            people = _attendees(event)
        except Exception as exc:  # noqa: BLE001 - a bad value in one event costs that event
            skipped.append(f"{shown}: cannot be read ({_reason(exc)})")
            continue
        if cut:
            skipped.append(f"{shown}: repeats more than {MAX_OCCURRENCES} times; {cut}")
        found.extend(Meeting(day, title, people) for day in days)
    return found, skipped


def _days(event: Any, horizon: dt.date) -> tuple[list[dt.date], str]:
    """The days an event occurs on up to `horizon`, and why the list was cut short, if it was."""
    from dateutil.rrule import rrulestr  # a dependency of icalendar
    from icalendar import vRecur

    start = event.decoded("dtstart", None)
    if start is None:
        return [], ""
    first = start.date() if isinstance(start, dt.datetime) else start
    if not isinstance(first, dt.date):
        raise ValueError("DTSTART is no date")
    if first < EARLIEST:
        raise ValueError(f"it starts in {first.year}")
    rules = _list(event.get("rrule"))
    if not rules:
        return [first], ""
    start_at = dt.datetime.combine(first, dt.time())
    days: dict[dt.date, None] = {}
    for rule in rules:
        if not isinstance(rule, vRecur):  # icalendar keeps what it cannot read as text
            raise ValueError(f"RRULE:{str(rule)[:60]} is no rule icalendar can read")
        occurrences = rrulestr(rule.to_ical().decode(), dtstart=start_at, ignoretz=True)
        with _searched_up_to(horizon.year + 1):
            for count, occurrence in enumerate(occurrences):
                if occurrence.date() > horizon:
                    break
                if count == MAX_OCCURRENCES:
                    return sorted(days), f"only the days up to {max(days)} were read"
                days[occurrence.date()] = None
    return sorted(days), ""


@contextlib.contextmanager
def _searched_up_to(last_year: int) -> Iterator[None]:
    """dateutil looks for a rule's next occurrence up to the year 9999, so that a rule that
    never occurs (`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`) is searched for for seconds; within
    this block it gives up after `last_year`, past which notekit reads nothing anyway."""
    import types

    from dateutil import rrule

    real = rrule.datetime
    names = {name: getattr(real, name) for name in dir(real) if not name.startswith("__")}
    rrule.datetime = types.SimpleNamespace(**{**names, "MAXYEAR": last_year})
    try:
        yield
    finally:
        rrule.datetime = real


def _attendees(event: Any) -> tuple[tuple[str, str], ...]:
    people = []
    for attendee in _list(event.get("attendee")):
        email = str(attendee).removeprefix("mailto:").removeprefix("MAILTO:")
        people.append((str(attendee.params.get("CN", "")), email))
    return tuple(people)


def _reason(exc: Exception) -> str:
    """An exception from a library as a few words for the user."""
    text = " ".join(str(exc).split())[:120]
    return text or type(exc).__name__


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
