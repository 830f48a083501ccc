"""Follow-ups and birthdays as an iCalendar file, and a calendar's meetings read back; the one
module that imports icalendar.

Every event's UID comes from the note's path and its DTSTAMP from the day of the export, so
that two exports of an unchanged vault on the same day are the same bytes, and calendars that
subscribe to the file update events rather than duplicate them."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from notekit.core.dates import Local, in_zone, next_anniversary
from notekit.core.errors import SourceError
from notekit.core.model import Person
from notekit.rules.due import follow_up
from notekit.store.summary import Summary

PRODUCT = "-//notekit//follow-ups//EN"


def _uid(kind: str, person: Person) -> str:
    return f"{kind}-{hashlib.sha256(person.path.encode()).hexdigest()[:20]}@notekit"


def write_calendar(vault: Summary, today: dt.date, todo: bool = False) -> bytes:
    """Each pending follow-up as an all-day event on its day, or today when that day is past:
    an event days ago is one no calendar shows (`todo`: a task due that day, which a task list
    shows as late); and the birthday of each person followed up as a yearly all-day event, as
    the agenda has it (not of someone archived, or who died)."""
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
                shown = max(state.due, today)
                item.add("dtstart", shown)
                item.add("dtend", shown + dt.timedelta(days=1))
            calendar.add_component(item)
        if person.birthday is not None and person.followed_up:
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
    """One occurrence of a calendar event: its day, title and the attendees who did not
    decline it (name, email)."""

    day: dt.date
    title: str
    attendees: tuple[tuple[str, str], ...]


@dataclass
class CalendarRead:
    """What a calendar holds for notekit: the meetings, and what was left out."""

    meetings: list[Meeting] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # `event N (title): reason`
    cancelled: int = 0  # occurrences cancelled
    declined: int = 0  # occurrences I declined


HORIZON_DAYS = 366  # occurrences of a recurring event are read up to a year after today
MAX_OCCURRENCES = 3_000  # of one event: ten years of a weekly 1:1, far more than any real one
EARLIEST = dt.date(1900, 1, 1)  # no meeting of anyone's starts before this
DECLINED = "DECLINED"


def read_meetings(
    text: str, where: str, today: dt.date, mine: Collection[str] = (), zone: str | None = None
) -> CalendarRead:
    """Every occurrence of every event of an iCalendar text that took place: a cancelled one
    (`STATUS:CANCELLED`, of the event or of its occurrence) and one I declined (an attendee
    of `mine`, my addresses, with `PARTSTAT=DECLINED`) are counted and left out, as is an
    attendee who declined; a recurring event once per day it occurs up to a year after today,
    at most MAX_OCCURRENCES times, without its `EXDATE`s, each occurrence as its
    `RECURRENCE-ID` override has it. The day is the event's own: in its `TZID`, and for a UTC
    time in `zone`, else the calendar's own (Google's `X-WR-TIMEZONE`), else the machine's.
    SourceError, naming `where`, for a text that is no calendar."""
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(text)
    except Exception as exc:  # noqa: BLE001 - icalendar raises many kinds on bad input
        raise SourceError(f"{where}: not an iCalendar file ({exc})") from None
    read = CalendarRead()
    horizon = today + dt.timedelta(days=HORIZON_DAYS)
    local = in_zone(zone or _known_zone(str(calendar.get("x-wr-timezone", ""))))
    events = list(calendar.walk("VEVENT"))
    repeating = {str(e.get("uid")) for e in events if e.get("rrule") and e.get("uid")}
    moved: dict[str, dict[dt.date, Any]] = {}  # uid -> the day it was to be -> its override
    for number, event in enumerate(events, start=1):
        uid = str(event.get("uid", ""))
        if event.get("recurrence-id") is None or uid not in repeating:
            continue
        try:
            moved.setdefault(uid, {})[_day(event.decoded("recurrence-id"), _zone(event, local))] = (
                event
            )
        except Exception as exc:  # noqa: BLE001 - a bad value in one event costs that event
            read.skipped.append(f"{_shown(number, event)}: cannot be read ({_reason(exc)})")
    for number, event in enumerate(events, start=1):
        uid = str(event.get("uid", ""))
        if event.get("recurrence-id") is not None and uid in repeating:
            continue  # an override: read with the event it changes
        try:
            days, cut = _days(event, horizon, local)
            for day in days:
                occurrence = moved.get(uid, {}).get(day, event)
                if occurrence is not event:
                    day = _day(occurrence.decoded("dtstart"), _zone(occurrence, local))
                _take(read, occurrence, day, mine)
        except Exception as exc:  # noqa: BLE001 - a bad value in one event costs that event
            read.skipped.append(f"{_shown(number, event)}: cannot be read ({_reason(exc)})")
            continue
        if cut:
            read.skipped.append(
                f"{_shown(number, event)}: repeats more than {MAX_OCCURRENCES} times; {cut}"
            )
    return read


def _take(read: CalendarRead, event: Any, day: dt.date, mine: Collection[str]) -> None:
    """One occurrence into `read`: a meeting, or counted as cancelled or declined."""
    if str(event.get("status", "")).upper() == "CANCELLED":
        read.cancelled += 1
        return
    people = []
    for attendee in _list(event.get("attendee")):
        email = str(attendee).removeprefix("mailto:").removeprefix("MAILTO:").strip()
        said = str(attendee.params.get("PARTSTAT", "")).upper()
        if email.lower() in mine:
            if said == DECLINED:
                read.declined += 1
                return
            continue
        if said != DECLINED:
            people.append((str(attendee.params.get("CN", "")), email))
    title = " ".join(str(event.get("summary", "")).split())
    read.meetings.append(Meeting(day, title, tuple(people)))


def _shown(number: int, event: Any) -> str:
    title = " ".join(str(event.get("summary", "")).split())
    return f"event {number}" + (f" ({title[:60]})" if title else "")


def _known_zone(name: str) -> str | None:
    """`name` when it is a time zone this machine knows (`America/Toronto`), else None."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return name if name and ZoneInfo(name) else None
    except (ValueError, ZoneInfoNotFoundError):
        return None


def _zone(event: Any, local: Local) -> Local:
    """The zone an event's days are counted in: its start's `TZID`, else mine."""
    start = event.get("dtstart")
    tzinfo = getattr(getattr(start, "dt", None), "tzinfo", None)
    if start is not None and "TZID" in start.params and tzinfo is not None:
        return lambda moment: moment.astimezone(tzinfo)
    return local


def _day(value: Any, zone: Local) -> dt.date:
    """The day of a DTSTART, EXDATE or RECURRENCE-ID value, in the event's zone."""
    if isinstance(value, dt.datetime):
        return (zone(value) if value.tzinfo is not None else value).date()
    if isinstance(value, dt.date):
        return value
    raise ValueError(f"{str(value)[:40]} is no date")


def _days(event: Any, horizon: dt.date, local: Local) -> tuple[list[dt.date], str]:
    """The days an event occurs on up to `horizon` but for its EXDATEs, and why the list was
    cut short, if it was."""
    from dateutil.rrule import rrulestr  # a dependency of icalendar
    from icalendar import vRecur

    start = event.decoded("dtstart", None)
    if start is None:
        return [], ""
    zone = _zone(event, local)
    first = _day(start, zone)
    if first < EARLIEST:
        raise ValueError(f"it starts in {first.year}")
    rules = _list(event.get("rrule"))
    if not rules:
        return [first], ""
    start_at = dt.datetime.combine(first, dt.time())
    left_out = {_day(when.dt, zone) for dates in _list(event.get("exdate")) for when in dates.dts}
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
                    return sorted(days.keys() - left_out), (
                        f"only the days up to {max(days)} were read"
                    )
                days[occurrence.date()] = None
    return sorted(days.keys() - left_out), ""


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


def _reason(exc: Exception) -> str:
    """An exception from a library as a few words for the user."""
    text = " ".join(str(exc).split())[:120]
    return text or type(exc).__name__


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
