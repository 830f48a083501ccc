"""Good times to write (SPEC §4 "moments"): birthdays, a new role, the anniversary of meeting
or of joining an org we shared, the new year for people long out of touch, and events ahead
that the person will be at too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from notekit.core.dates import add_days, next_anniversary
from notekit.core.model import Person
from notekit.core.words import counted
from notekit.rules.contact import last_heard
from notekit.rules.orgs import my_stints, org_matcher
from notekit.store.summary import Summary

BIRTHDAY = "birthday"  # kinds of moments
NEW_ROLE = "new role"
MET = "met"  # the anniversary of the day we met
JOINED = "joined"  # the anniversary of their joining an org we shared
NEW_YEAR = "new year"  # a January word for people out of touch for long
EVENT = "event"  # a dated note ahead that names them or holds one of their tags
NEW_ROLE_MOMENT_DAYS = 14  # how long a new role stays a moment: a congratulation is timely
NEW_YEAR_DAYS = 14  # the first days of January carry the new-year moment
NEW_YEAR_SILENCE = 183  # days without contact that make a new-year word welcome
NEW_YEAR_MAX = 10  # the longest silent first: a few good reasons, not a wall


@dataclass(frozen=True)
class Moment:
    person: Person
    kind: str  # BIRTHDAY, NEW_ROLE, MET, JOINED, NEW_YEAR or EVENT
    date: dt.date
    years: int | None  # the age reached, or the years since, when known
    what: str = ""  # a new role `Staff Engineer at Globex (was …)`, the org, the event's title


def moments(
    vault: Summary, people: Sequence[Person], today: dt.date, horizon: dt.date
) -> list[Moment]:
    """Every moment of these people from today to the horizon (a new role and the new year
    from a few days back), by date then name."""
    days = _month_days(today, horizon)
    found: list[Moment] = []
    key = org_matcher(vault.config)
    mine = {key(s.org) for s in my_stints(vault.config)}
    for person in people:
        if person.birthday and _may_fall(person.birthday, days):
            found.extend(moments_of(person, today, horizon))
        if person.news and (news := news_of(person, today)) is not None:
            found.append(news)
        if person.met_on:
            found.extend(_anniversary(person, MET, person.met_on, today, horizon, ""))
        for stint in person.known_stints:
            if stint.start and key(stint.org) in mine:
                found.extend(_anniversary(person, JOINED, stint.start, today, horizon, stint.org))
    found.extend(_new_year(vault, people, today, horizon))
    found.extend(_events(vault, people, today, horizon))
    return sorted(found, key=lambda m: (m.date, m.person.name.casefold(), m.kind))


def _anniversary(
    person: Person, kind: str, day: dt.date, today: dt.date, horizon: dt.date, what: str
) -> list[Moment]:
    date = next_anniversary(day.month, day.day, today)
    years = date.year - day.year
    return [Moment(person, kind, date, years, what)] if date <= horizon and years > 0 else []


def _new_year(
    vault: Summary, people: Sequence[Person], today: dt.date, horizon: dt.date
) -> list[Moment]:
    """On the first days of January, the people followed up I last heard from more than six
    months before (`contact.last_heard`: my unanswered messages do not count): a new-year word
    is welcome."""
    day = dt.date(horizon.year, 1, 1)
    if not add_days(today, -NEW_YEAR_DAYS) < day <= horizon:
        return []
    silent = []
    for person in people:
        if not person.followed_up:
            continue
        last = last_heard(person, vault, day)
        if last is not None and (day - last).days > NEW_YEAR_SILENCE:
            silent.append((last, person))
    silent.sort(key=lambda item: (item[0], item[1].name.casefold()))
    return [
        Moment(person, NEW_YEAR, day, None, f"not in touch since {last}")
        for last, person in silent[:NEW_YEAR_MAX]
    ]


def _events(
    vault: Summary, people: Sequence[Person], today: dt.date, horizon: dt.date
) -> list[Moment]:
    """Dated notes ahead that link a person, or hold one of their tags: you will both be
    there."""
    ahead = vault.events_between(today, horizon)
    if not ahead:
        return []
    found = []
    tagged = {tag.lower(): path for path, e in ahead.items() for tag in e.tags}
    for person in people:
        paths = {p for p in vault.mentioned_in.get(person.path, ()) if p in ahead}
        paths.update(tagged[t.lower()] for t in person.tags if t.lower() in tagged)
        for path in sorted(paths):
            event = ahead[path]
            found.append(Moment(person, EVENT, event.date, None, event.title))
    return found


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
    age = date.year - year if year else None
    # a year of birth after this birthday's own (a typo, `2030-11-25`) tells no age
    return [Moment(person, BIRTHDAY, date, age if age and age > 0 else None)]


def news_of(person: Person, today: dt.date) -> Moment | None:
    """A new role an import logged in the last NEW_ROLE_MOMENT_DAYS days: a reason to write."""
    if person.news is None or not 0 <= (today - person.news.date).days < NEW_ROLE_MOMENT_DAYS:
        return None
    return Moment(person, NEW_ROLE, person.news.date, None, person.news.what)


def moment_text(item: Moment, when: str = "") -> str:
    """What a moment is, in a few words: `birthday (40)`, `new role — congratulate: now …`;
    `when` (`on Friday`) goes where it reads right: "8 years on Thursday since you met", not
    "8 years since you met on Thursday"."""
    years = counted(item.years, "year") if item.years else ""
    at = f" {when}" if when else ""
    if item.kind == NEW_ROLE:
        return f"{item.kind}{at} — congratulate: now {item.what}"
    if item.kind == MET:
        return f"{years}{at} since you met"
    if item.kind == JOINED:
        return f"{years}{at} since they joined {item.what}, where you were too"
    if item.kind == NEW_YEAR:
        return f"new year{at} — {item.what}"
    if item.kind == EVENT:
        return f"{item.what}{at} — you will both be there"
    return item.kind + (f" ({item.years})" if item.years else "") + at
