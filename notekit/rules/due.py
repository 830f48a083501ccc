"""Who is due and why (SPEC §4): last contact, cadence, follow-up date, promises, moments; and
who is waiting on me."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from notekit.core.dates import add_cadence, add_days
from notekit.core.model import (
    Cadence,
    DatedTask,
    Opportunity,
    Person,
)
from notekit.core.words import counted
from notekit.rules.contact import cadence_of, last_contact
from notekit.rules.moments import Moment, moments
from notekit.rules.outreach import UNANSWERED, outreaches, unanswered_in_a_row
from notekit.store.summary import Summary

NEXT_CONTACT = "next_contact"
CADENCE = "cadence"
NEVER_CONTACTED = "never_contacted"
PLANNED = "planned"
# how long their message, or an open opportunity with nothing since, waits on me: after that it
# is a reason to reconnect, no longer a reply owed
WAITING_DAYS = 90
STALE_OPPORTUNITY_DAYS = 365


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
            left_out = self.person.left_out_by
            return f"not followed up ({left_out})" if left_out else "no cadence or follow-up date"
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
        return f"{counted(overdue, 'day')} overdue"
    return f"due in {counted(-overdue, 'day')}"


@dataclass(frozen=True)
class Promise:
    """An open dated task, once for all the people it names."""

    due: dt.date
    people: list[Person]
    text: str
    source: str
    line: int


def promises(tasks: Iterable[DatedTask]) -> list[Promise]:
    """The tasks as promises: a task that names two people is one promise to both, in the
    order the tasks come."""
    found: dict[tuple[str, int], Promise] = {}
    for task in tasks:
        promise = found.setdefault(
            (task.source, task.line), Promise(task.due, [], task.text, task.source, task.line)
        )
        promise.people.append(task.person)
    return list(found.values())


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
    nudges: list[Nudge] = field(default_factory=list)
    resting: list[Resting] = field(default_factory=list)  # would be due, but given a rest
    waiting: list[Waiting] = field(default_factory=list)  # the next move is mine


@dataclass(frozen=True)
class Waiting:
    """They wrote last (SPEC §4: their latest message after my latest message or meeting, and
    nothing since), or an open opportunity of theirs has had no entry for `reply_days`: the
    next move is mine."""

    person: Person
    since: dt.date
    text: str  # what they wrote, or the opportunity
    source: str  # `path:line`
    opportunity: Opportunity | None = None


@dataclass(frozen=True)
class Nudge:
    """My latest message to them went unanswered: a gentle nudge, once, when its window closed
    (`[engagement] nudge`)."""

    person: Person
    sent: dt.date  # the outreach
    date: dt.date  # the first day past its reply window

    def why(self) -> str:
        return f"no reply to your message of {self.sent} — a gentle nudge?"


@dataclass(frozen=True)
class Resting:
    """Several messages in a row went unanswered (`[engagement] rest_after`): not due until they
    write back, whatever the cadence says."""

    person: Person
    unanswered: int  # in a row
    last: dt.date  # the latest of them


def follow_up(person: Person, vault: Summary, today: dt.date) -> FollowUp:
    dates = vault.contact_dates_of(person)
    return follow_up_from(person, dates, cadence_of(person, vault.config), today)


def follow_up_from(
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
    resting: list[Resting] = []
    no_cadence = 0
    rests, unanswered = unanswered_outreach(vault, followed, today)
    for p in followed:
        if follows is not None:
            found = follows[p.path]
            no_cadence += found.cadence is None
        else:
            cadence = cadence_of(p, config)
            no_cadence += cadence is None
            if not (p.next_contact or cadence):
                continue  # never due: spare the rest
            found = follow_up_from(p, vault.contact_dates_of(p), cadence, today)
        if found.due and found.due <= horizon and p.path in rests:
            resting.append(rests[p.path])
        elif found.due and found.due <= horizon:
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
    found_moments = moments(vault, followed, today, horizon)
    nudges = _nudges(vault, followed, today, horizon, unanswered) if config.nudge else []
    return DueReport(
        today,
        within,
        due,
        tasks,
        found_moments,
        len(followed),
        no_cadence,
        planned,
        nudges,
        resting,  # in the people's order, which is by name
        waiting_on_me(vault, people, today),
    )


def waiting_on_me(vault: Summary, people: Sequence[Person], today: dt.date) -> list[Waiting]:
    """Everyone waiting on me, the longest waiting first: their message (a `from:` entry that is
    their latest interaction, with no message of mine or meeting that day, at most WAITING_DAYS
    old), else their open opportunity with no interaction since, older than `reply_days` and
    at most STALE_OPPORTUNITY_DAYS."""
    found = []
    reply_days = vault.config.reply_days
    for person in people:
        said = vault.last_words.get(person.path)  # `from:` entries are in their note only
        chances = vault.opportunities.get(person.path)
        if not (said or chances) or not person.followed_up:
            continue
        dates = vault.contact_dates_of(person)
        last = dates[bisect.bisect_right(dates, today) - 1] if dates and dates[0] <= today else None
        if said and said.date == last and (today - said.date).days <= WAITING_DAYS:
            that_day = vault.touches_of(person, said.date, add_days(said.date, 1))
            if all(t.direction == "from" and not t.meeting for t in that_day):  # theirs alone
                found.append(Waiting(person, said.date, said.text, f"{person.path}:{said.line}"))
                continue
        for item in chances or ():
            age = (today - item.date).days
            stale = last is None or last <= item.date
            if item.status == "open" and stale and reply_days < age <= STALE_OPPORTUNITY_DAYS:
                source = f"{person.path}:{item.line}"
                found.append(Waiting(person, item.date, item.text, source, item))
                break
    return sorted(found, key=lambda w: (w.since, w.person.name.casefold()))


def waiting_text(item: Waiting, limit: int = 80) -> str:
    """`waiting on you since 2026-10-22: 'Medora is hiring…'`, or for an opportunity with
    nothing since: `open job since 2026-10-22, nothing since: '…'`."""
    text = item.text if len(item.text) <= limit else item.text[: limit - 1].rstrip() + "…"
    quote = f": '{text}'" if text else ""
    if item.opportunity is not None:
        return f"open {item.opportunity.kind} since {item.since}, nothing since{quote}"
    return f"waiting on you since {item.since}{quote}"


def unanswered_outreach(
    vault: Summary, people: Sequence[Person], today: dt.date
) -> tuple[dict[str, Resting], dict[str, dt.date]]:
    """The people given a rest (`rest_after` or more of my messages in a row unanswered), and,
    for the others whose latest outreach went unanswered with no contact since (an entry of
    any kind, or the front-matter last contact), its day. Only a person whose last touch is a
    message of mine can be either, and only the touches since the reply window before their
    last word (or meeting) decide it."""
    reply_days, after = vault.config.reply_days, vault.config.rest_after
    rests: dict[str, Resting] = {}
    latest: dict[str, dt.date] = {}
    for person in people:
        if not vault.wrote_last(person):
            continue
        heard = vault.last_answer(person)
        touches = vault.touches_of(person, add_days(heard, -reply_days) if heard else None)
        sent = outreaches(touches, reply_days, today)
        if not sent:
            continue
        row = unanswered_in_a_row(touches, sent)
        if after and row >= after:
            last = next(o.date for o in reversed(sent) if o.status == UNANSWERED)
            rests[person.path] = Resting(person, row, last)
        elif sent[-1].status == UNANSWERED:
            day = sent[-1].date
            if last_contact(person, vault.contact_dates_of(person), today) == day:
                latest[person.path] = day
    return rests, latest


def _nudges(
    vault: Summary,
    people: Sequence[Person],
    today: dt.date,
    horizon: dt.date,
    unanswered: dict[str, dt.date],
) -> list[Nudge]:
    """For each person whose latest outreach went unanswered (`unanswered_outreach`), a nudge
    on the day its window closed, shown until `reply_days` after that; none for a person given
    a rest."""
    reply_days = vault.config.reply_days
    found = []
    for person in people:
        latest = unanswered.get(person.path)
        if latest is None:
            continue
        day = add_days(latest, reply_days + 1)
        if add_days(today, -reply_days) <= day <= horizon:  # once: for a window, then let go
            found.append(Nudge(person, latest, day))
    return sorted(found, key=lambda n: (n.date, n.person.name.casefold()))
