"""Who is due and why (SPEC §4): last contact, cadence, follow-up date, promises, moments."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from notekit.core.dates import add_cadence, add_days, next_anniversary
from notekit.core.model import Cadence, Person
from notekit.read.config import Config
from notekit.store.links import DatedTask
from notekit.store.summary import Summary

NEXT_CONTACT = "next_contact"
CADENCE = "cadence"
NEVER_CONTACTED = "never_contacted"
PLANNED = "planned"
BIRTHDAY = "birthday"  # kinds of moments
NEW_ROLE = "new role"
NEWS_DAYS = 14  # how long a new role stays a moment: a congratulation is timely


class FollowUp(NamedTuple):
    """A person's follow-up state on a given day (one per person on every run: a NamedTuple
    is the cheapest immutable value to make)."""

    person: Person
    last_contact: dt.date | None
    cadence: Cadence | None
    due: dt.date | None  # None: not due at all (or a plan is ahead)
    reason: str | None  # NEXT_CONTACT, CADENCE, NEVER_CONTACTED or PLANNED
    today: dt.date
    planned: dt.date | None = None  # the next contact after today, when one is written
    held: dt.date | None = None  # when PLANNED: the day it would be due without the plan

    @property
    def overdue_days(self) -> int | None:
        return self._days(self.due) if self.due else None

    def _days(self, date: dt.date) -> int:
        return (self.today - date).days

    def why(self) -> str:
        """The reason in words: `cadence 3m, last contact 2026-08-15, 7 days overdue`."""
        if self.reason == PLANNED and self.planned is not None:
            held = f", would be due {self.held}" if self.held else ""
            return f"planned for {self.planned}, {describe_days(self._days(self.planned))}{held}"
        if self.due is None:
            return "no cadence or follow-up date" if self.person.followed_up else "not followed up"
        if self.reason == NEXT_CONTACT:
            head = f"follow-up date {self.due.isoformat()}"
        elif self.reason == NEVER_CONTACTED:
            head = f"cadence {self.cadence}, never contacted"
        else:
            head = f"cadence {self.cadence}, last contact {self.last_contact}"
        return f"{head}, {describe_days(self.overdue_days or 0)}"


def describe_days(overdue: int) -> str:
    if overdue == 0:
        return "due today"
    if overdue > 0:
        return f"{overdue} day{'s' if overdue != 1 else ''} overdue"
    return f"due in {-overdue} day{'s' if overdue != -1 else ''}"


@dataclass(frozen=True)
class Moment:
    person: Person
    kind: str  # BIRTHDAY or NEW_ROLE
    date: dt.date
    years: int | None  # the age reached, when the year is known
    what: str = ""  # of a new role: `Staff Engineer at Globex (was …)`


@dataclass(frozen=True)
class DueReport:
    today: dt.date
    within: int
    due: list[FollowUp]
    tasks: list[DatedTask]
    moments: list[Moment]
    people: int  # followed up (of the tag, when one was asked for)
    no_cadence: int  # of them, how many have no cadence at all: never due unless a date says so
    planned: list[FollowUp]  # not due: a plan is ahead, in the window or holding off a due day


def last_contact(person: Person, dates: Sequence[dt.date], today: dt.date) -> dt.date | None:
    """The latest of the front-matter date and every interaction on or before today (`dates`:
    of every interaction, sorted)."""
    before = bisect.bisect_right(dates, today)
    latest = dates[before - 1] if before else None
    written = person.fm_last_contact
    if written and written <= today and (latest is None or written > latest):
        return written
    return latest


def cadence_of(person: Person, config: Config) -> Cadence | None:
    """The person's own cadence, else that of the first `[cadence.tags]` rule one of their
    tags (or a segment of a nested tag) matches, else the default."""
    if person.fm_cadence:
        return person.fm_cadence
    if config.cadence_tags and person.tags:
        ranks = _tag_ranks(config.cadence_tags)
        found = None
        for tag in person.tags:
            lowered = tag.lower()
            for segment in lowered.split("/") + [lowered] if "/" in lowered else (lowered,):
                rank = ranks.get(segment)
                if rank is not None and (found is None or rank < found):
                    found = rank
        if found is not None:
            return found[1]
    return config.default_cadence


@functools.lru_cache(maxsize=8)
def _tag_ranks(rules: tuple[tuple[str, Cadence], ...]) -> dict[str, tuple[int, Cadence]]:
    """Each tag of the rules with its rule's position: the first rule wins."""
    ranks: dict[str, tuple[int, Cadence]] = {}
    for position, (tag, cadence) in enumerate(rules):
        ranks.setdefault(tag, (position, cadence))
    return ranks


def follow_up(person: Person, vault: Summary, today: dt.date) -> FollowUp:
    dates = vault.contact_dates_of(person)
    return _follow_up(person, dates, cadence_of(person, vault.config), today)


def _follow_up(
    person: Person, dates: Sequence[dt.date], cadence: Cadence | None, today: dt.date
) -> FollowUp:
    last = last_contact(person, dates, today)
    due, reason = None, None
    if person.followed_up:
        if person.next_contact and (last is None or last < person.next_contact):
            due, reason = person.next_contact, NEXT_CONTACT
        elif cadence:
            due = add_cadence(last, cadence) if last else today
            reason = CADENCE if last else NEVER_CONTACTED
    ahead = bisect.bisect_right(dates, today)
    planned = dates[ahead] if ahead < len(dates) else None
    if planned is not None and person.followed_up:  # a plan ahead: nothing is due till then
        return FollowUp(person, last, cadence, None, PLANNED, today, planned, due)
    return FollowUp(person, last, cadence, due, reason, today, planned)


def has_tag(person: Person, tag: str) -> bool:
    wanted = tag.lower().lstrip("#")
    return any(t.lower() == wanted or wanted in t.lower().split("/") for t in person.tags)


def due_report(
    vault: Summary,
    today: dt.date,
    within: int = 7,
    tag: str | None = None,
    follows: dict[str, FollowUp] | None = None,
) -> DueReport:
    """Everything due by `today + within` days, sorted by date then name, from the people and
    their open dated tasks (of an Index or a Summary). `follows`, by person path, saves
    computing them again when the caller has them already."""
    people, tasks, config = vault.people, vault.tasks, vault.config
    horizon = add_days(today, within)
    wanted = None
    if tag is not None:
        people = [p for p in people if has_tag(p, tag)]
        wanted = {p.path for p in people}
    followed = [p for p in people if p.followed_up]
    follow_ups = []
    planned: list[FollowUp] = []  # plans in the window, or holding off what would be due in it
    no_cadence = 0
    for p in followed:
        if follows is not None:
            found = follows[p.path]
            no_cadence += found.cadence is None
        else:
            cadence = cadence_of(p, config)
            no_cadence += cadence is None
            if not (p.next_contact or cadence):
                continue  # never due: spare the rest
            found = _follow_up(p, vault.contact_dates_of(p), cadence, today)
        if found.due and found.due <= horizon:
            follow_ups.append(found)
        elif found.planned and (found.planned <= horizon or (found.held and found.held <= horizon)):
            planned.append(found)
    due = sorted(
        follow_ups,
        key=lambda f: (f.due, f.person.name.casefold()),
    )
    planned.sort(key=lambda f: (f.planned, f.person.name.casefold()))
    tasks = sorted(
        (t for t in tasks if t.due <= horizon and (wanted is None or t.person.path in wanted)),
        key=lambda t: (t.due, t.person.name.casefold(), t.line),
    )
    days = _month_days(today, horizon)
    moments = sorted(
        [
            *(
                m
                for p in followed
                if p.birthday and _may_fall(p.birthday, days)
                for m in moments_of(p, today, horizon)
            ),
            *(m for p in followed if p.news and (m := news_of(p, today)) is not None),
        ],
        key=lambda m: (m.date, m.person.name.casefold()),
    )
    return DueReport(today, within, due, tasks, moments, len(followed), no_cadence, planned)


def _month_days(start: dt.date, end: dt.date) -> set[tuple[int, int]] | None:
    """The (month, day) pairs from start to end; None for a year or more (every day)."""
    span = (end - start).days
    if span >= 365:
        return None
    return {((d := start + dt.timedelta(days=n)).month, d.day) for n in range(span + 1)}


def _may_fall(birthday: tuple[int | None, int, int], days: set[tuple[int, int]] | None) -> bool:
    """A cheap first look before `moments_of`: Feb 29 is kept on Feb 28 in common years."""
    _, month, day = birthday
    return days is None or (month, day) in days or ((month, day) == (2, 29) and (2, 28) in days)


def moments_of(person: Person, start: dt.date, end: dt.date) -> list[Moment]:
    if person.birthday is None:
        return []
    year, month, day = person.birthday
    date = next_anniversary(month, day, start)
    if date > end:
        return []
    return [Moment(person, BIRTHDAY, date, date.year - year if year else None)]


def news_of(person: Person, today: dt.date) -> Moment | None:
    """A new role an import logged in the last NEWS_DAYS days: a reason to write."""
    if person.news is None or not 0 <= (today - person.news[0]).days < NEWS_DAYS:
        return None
    return Moment(person, NEW_ROLE, person.news[0], None, person.news[1])
