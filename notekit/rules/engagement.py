"""Is reconnecting working (SPEC §4): outreach and its answers (notekit.rules.outreach), who
reaches out first, what came of it, and the vault's goals."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from notekit.core.dates import add_cadence, add_days
from notekit.core.model import Cadence, Opportunity, Person
from notekit.read.config import GOALS
from notekit.rules.contact import cadence_of, last_contact
from notekit.rules.orgs import org_matcher
from notekit.rules.outreach import (
    ANSWERED,
    PENDING,
    UNANSWERED,
    outreaches,
    unanswered_in_a_row,
)
from notekit.store.summary import Summary

SILENCE = Cadence(6, "m")  # a gap this long is a reconnection for someone without a cadence
STATUSES = ("open", "won", "lost", "given")


@dataclass(frozen=True)
class Reciprocity:
    """The give and take of one relationship."""

    initiated: list[tuple[dt.date, str]]  # the latest contacts begun, oldest first: me or them
    answered: int
    unanswered: int
    pending: int
    reply_rate: float | None
    median_reply_days: float | None
    unanswered_in_a_row: int
    given: list[Opportunity]  # what I did for them
    received: list[Opportunity]  # what came from them: referrals, jobs, intros…


def reciprocity(person: Person, vault: Summary, today: dt.date, latest: int = 5) -> Reciprocity:
    touches = vault.touches_of(person)
    reply_days = vault.config.reply_days
    found = outreaches(touches, reply_days, today)
    begun = [(o.date, "me") for o in found]
    sent = [t.date for t in touches if t.direction == "to"]
    for touch in touches:  # their messages that answer nothing of mine are theirs to begin
        if touch.direction != "from" or touch.date > today:
            continue
        before = bisect.bisect_left(sent, add_days(touch.date, -reply_days))
        if not (before < len(sent) and sent[before] <= touch.date):
            begun.append((touch.date, "them"))
    begun.sort()  # by day; on one day, me first
    counts = {s: sum(o.status == s for o in found) for s in (ANSWERED, UNANSWERED, PENDING)}
    import statistics  # only where a median is taken

    delays = [(o.answered_on - o.date).days for o in found if o.answered_on is not None]
    opportunities = vault.opportunities.get(person.path, ())
    return Reciprocity(
        begun[-latest:],
        counts[ANSWERED],
        counts[UNANSWERED],
        counts[PENDING],
        rate(counts[ANSWERED], counts[UNANSWERED]),
        statistics.median(delays) if delays else None,
        unanswered_in_a_row(touches, found),
        [o for o in opportunities if o.status == "given"],
        [o for o in opportunities if o.status != "given"],
    )


def rate(answered: int, unanswered: int) -> float | None:
    """answered / (answered + unanswered); None before any outreach was decided."""
    decided = answered + unanswered
    return round(answered / decided, 3) if decided else None


@dataclass
class Tally:
    """What happened in a period, for the whole vault or one group of it."""

    outreach: int = 0
    answered: int = 0
    unanswered: int = 0
    pending: int = 0
    meetings: int = 0
    incoming: int = 0
    contacted: set[str] = field(default_factory=set)  # person paths
    reconnected: set[str] = field(default_factory=set)

    def as_dict(self) -> dict[str, Any]:
        return {
            "outreach": self.outreach,
            "answered": self.answered,
            "unanswered": self.unanswered,
            "pending": self.pending,
            "reply_rate": rate(self.answered, self.unanswered),
            "meetings": self.meetings,
            "incoming": self.incoming,
            "people_contacted": len(self.contacted),
            "reconnected": len(self.reconnected),
        }


@dataclass(frozen=True)
class GoalProgress:
    goal: str
    target: int  # per period
    per: str  # month or week
    periods: float  # how many of them the span holds
    actual: int

    @property
    def expected(self) -> float:
        return round(self.target * self.periods, 1)

    @property
    def met(self) -> bool:
        return self.actual >= self.expected


@dataclass(frozen=True)
class Stats:
    since: dt.date
    until: dt.date
    total: Tally
    fading: int
    opportunities: dict[str, int]  # by status
    goals: list[GoalProgress]
    person_goals: list[tuple[str, int, int]]  # goal, people with it, of them contacted
    groups: list[tuple[str, Tally]]  # by month, goal, tag or company, in order


def stats(
    vault: Summary, today: dt.date, since: dt.date, until: dt.date, by: str | None = None
) -> Stats:
    """The figures of `notekit stats` for the days from `since` to `until`, as of `today`."""
    total = Tally()
    groups: dict[str, Tally] = {}
    opportunities = dict.fromkeys(STATUSES, 0)
    fading = 0
    goals_held: dict[str, list[str]] = {}
    last_day = min(until, today)

    months: dict[int, list[Tally]] = {}  # with --by month: the tallies of each month
    org = org_matcher(vault.config)
    named: dict[str, str] = {}  # with --by company: each org's key -> its name as first written
    reply_days = vault.config.reply_days
    # the touches that can decide an outreach of the period: from a reply window before it
    # to one after it
    low, high = add_days(since, -reply_days), add_days(last_day, reply_days + 1)

    def of_month(day: dt.date) -> list[Tally]:
        found = months.get(day.year * 12 + day.month)
        if found is None:
            tally = groups.setdefault(f"{day.year:04d}-{day.month:02d}", Tally())
            found = months[day.year * 12 + day.month] = [total, tally]
        return found

    tallies_on: Callable[[dt.date], list[Tally]]
    for person in vault.people:
        if by == "month":
            tallies_on = of_month
        else:
            keys = _group_keys(person, by, lambda company: named.setdefault(org(company), company))
            tallies = [total, *(groups.setdefault(k, Tally()) for k in keys)]
            tallies_on = _always(tallies)

        touches = vault.touches_of(person, low, high)
        if touches:
            for outreach in outreaches(touches, reply_days, today):
                if since <= outreach.date <= last_day:
                    for tally in tallies_on(outreach.date):
                        tally.outreach += 1
                        setattr(tally, outreach.status, getattr(tally, outreach.status) + 1)
            for touch in touches:
                if since <= touch.date <= last_day:
                    for tally in tallies_on(touch.date):
                        tally.meetings += touch.meeting
                        tally.incoming += touch.direction == "from"
        dates = vault.contact_dates_of(person)
        cadence = cadence_of(person, vault.config)
        first = bisect.bisect_left(dates, since)
        for day in dates[first : bisect.bisect_right(dates, last_day, first)]:
            for tally in tallies_on(day):
                tally.contacted.add(person.path)
            if _reconnects(person, dates, day, cadence):
                for tally in tallies_on(day):
                    tally.reconnected.add(person.path)
        for chance in vault.opportunities.get(person.path, ()):
            if since <= chance.date <= last_day:
                opportunities[chance.status] = opportunities.get(chance.status, 0) + 1
        if person.followed_up and cadence is not None:
            last = last_contact(person, dates, today)
            fading += last is not None and add_cadence(last, cadence) < today
        for goal in dict.fromkeys(g.lower() for g in person.goals):
            goals_held.setdefault(goal, []).append(person.path)
    days = (last_day - since).days + 1 if last_day >= since else 0
    progress = [
        GoalProgress(
            goal,
            target,
            GOALS[goal],
            round(days / (7 if GOALS[goal] == "week" else 30.4375), 2),
            _goal_actual(goal, total),
        )
        for goal, target in vault.config.goals
    ]
    person_goals = [
        (goal, len(paths), sum(path in total.contacted for path in paths))
        for goal, paths in sorted(goals_held.items())
    ]
    ordered = (
        sorted(groups.items())
        if by == "month"
        else sorted(groups.items(), key=lambda item: (-len(item[1].contacted), item[0].casefold()))
    )
    return Stats(since, until, total, fading, opportunities, progress, person_goals, ordered)


def _always(tallies: list[Tally]) -> Callable[[dt.date], list[Tally]]:
    return lambda _day: tallies


def _goal_actual(goal: str, total: Tally) -> int:
    if goal == "reconnect_per_month":
        return len(total.reconnected)
    if goal == "meetings_per_month":
        return total.meetings
    return total.outreach


def _group_keys(person: Person, by: str | None, org_named: Callable[[str], str]) -> list[str]:
    """The groups a person counts in: each goal and tag once, whatever its case; their org,
    by the name `org_named` gives it (one org, one group, whatever its legal form)."""
    if by == "goal":
        return list(dict.fromkeys(g.lower() for g in person.goals)) or ["(no goal)"]
    if by == "tag":
        return list(dict.fromkeys(t.lower() for t in person.tags)) or ["(no tag)"]
    if by == "company":
        return [org_named(person.company) if person.company else "(no company)"]
    return []


def _reconnects(
    person: Person, dates: Sequence[dt.date], day: dt.date, cadence: Cadence | None
) -> bool:
    """A contact on `day` after a gap longer than the person's cadence (six months without
    one), counted from the contact before it: an earlier interaction or the front-matter's
    last contact. A first contact with nothing before it is no reconnection."""
    at = bisect.bisect_left(dates, day)
    earlier = [d for d in (dates[at - 1] if at else None, person.fm_last_contact) if d and d < day]
    if not earlier:
        return False
    return add_cadence(max(earlier), cadence or SILENCE) < day
