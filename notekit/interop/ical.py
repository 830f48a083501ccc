"""Follow-ups and birthdays as an iCalendar file, and a calendar's meetings read back; the one
module that imports icalendar.

Every event's UID comes from the note's path and its DTSTAMP from the day of the export, so
that two exports of an unchanged vault on the same day are the same bytes, and calendars that
subscribe to the file update events rather than duplicate them."""

from __future__ import annotations

import datetime as dt
import hashlib
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
        if state.due is not None:
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


def read_meetings(data: bytes, today: dt.date) -> list[Meeting]:
    """Every occurrence of every event of an iCalendar file, a recurring one once per
    occurrence up to a year after today. ValueError for a file that is no calendar."""
    from dateutil.rrule import rrulestr  # a dependency of icalendar
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(data)
    except Exception as exc:  # noqa: BLE001 - icalendar raises many kinds on bad input
        raise ValueError(f"not an iCalendar file ({exc})") from None
    found: list[Meeting] = []
    horizon = today + dt.timedelta(days=366)
    for event in calendar.walk("VEVENT"):
        start = event.decoded("dtstart", None)
        if start is None:
            continue
        first = start.date() if isinstance(start, dt.datetime) else start
        people = []
        for attendee in _list(event.get("attendee")):
            email = str(attendee).removeprefix("mailto:").removeprefix("MAILTO:")
            people.append((str(attendee.params.get("CN", "")), email))
        title = " ".join(str(event.get("summary", "")).split())
        days = [first]
        if rule := event.get("rrule"):
            start_at = dt.datetime.combine(first, dt.time())
            occurrences = rrulestr(rule.to_ical().decode(), dtstart=start_at)
            days = [d.date() for d in occurrences.between(start_at, _at(horizon), inc=True)]
        found.extend(Meeting(day, title, tuple(people)) for day in days)
    return found


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time())
