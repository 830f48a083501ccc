"""The week, as the plan, the report's front page and the weekly note all show it: one week,
starting on `[plan] week_starts` (default Monday), named by the ISO week of its first day; who
is due by its end, the promises, birthdays, the interactions of the last days and a few
figures."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from notekit.core.model import Interaction, Person
from notekit.read.config import WEEKDAYS, Config
from notekit.rules.due import DueReport, FollowUp, Promise, due_report, follow_up, promises
from notekit.store.summary import Summary

DAYS = 7  # the week ahead (due) and the days behind (recent interactions)


@dataclass(frozen=True)
class Week:
    start: dt.date  # its first day
    report: DueReport  # due by the week's end, with its tasks and birthdays
    promises: list[Promise]
    recent: list[tuple[Person, Interaction]]  # of the last DAYS days, newest first
    overdue: int  # people followed up whose date has passed

    @property
    def name(self) -> str:
        return week_name(self.start)

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=DAYS - 1)


def week_start(today: dt.date, starts: str) -> dt.date:
    """The first day of the week `today` is in, weeks starting on `starts` (`monday`…)."""
    return today - dt.timedelta(days=(today.weekday() - WEEKDAYS.index(starts)) % 7)


def week_name(start: dt.date) -> str:
    """A week by the ISO week of its first day, `2026-W48`."""
    year, week, _ = start.isocalendar()
    return f"{year}-W{week:02d}"


_WEEK_NAME = re.compile(r"\d{4}-W\d{2}")


def is_week_note(path: str, config: Config) -> bool:
    """Whether `path` is where `report --note` writes a week's note (a review, not a note
    about anyone)."""
    folder, _, name = path.rpartition("/")
    return folder == config.report_notes_folder.strip("/") and bool(
        _WEEK_NAME.fullmatch(name.removesuffix(".md"))
    )


def week_note_path(config: Config, day: dt.date) -> str:
    """Where `report --note` writes the note of the week `day` is in."""
    name = week_name(week_start(day, config.week_starts))
    return f"{config.report_notes_folder.strip('/')}/{name}.md"


def ticked_in_week_note(vault: Summary, days: list[dt.date]) -> dict[str, dt.date]:
    """The people of the ticked items (`- [x] [[Ana Costa]] …`) of the week notes of these
    days, with the day the note was last saved: done, as far as the plan is concerned."""
    found: dict[str, dt.date] = {}
    for rel in dict.fromkeys(week_note_path(vault.config, day) for day in days):
        saved, targets = vault.ticked_links(rel)
        for target in targets:
            if (person := vault.resolve(target).person) is not None:
                found.setdefault(person.path, saved)
    return found


def week_of(
    index: Summary,
    today: dt.date,
    interactions_of: Callable[[Person], list[Interaction]],
    follows: dict[str, FollowUp] | None = None,
) -> Week:
    """The week `today` is in, its last seven days told from each person's interactions (an
    index's); `follows`, by person path, when the caller has them already."""
    if follows is None:
        follows = {p.path: follow_up(p, index, today) for p in index.people}
    start = week_start(today, index.config.week_starts)
    end = start + dt.timedelta(days=DAYS - 1)
    report = due_report(index, today, within=(end - today).days, follows=follows)
    since = today - dt.timedelta(days=DAYS)
    recent = sorted(
        (
            (p, i)
            for p in index.people
            if _any_between(index.contact_dates_of(p), since, today)
            for i in interactions_of(p)
            if since < i.date <= today
        ),
        key=lambda pair: (pair[1].date, pair[0].name.casefold()),
        reverse=True,
    )
    overdue = sum(1 for f in follows.values() if f.due and f.due < today)
    return Week(start, report, promises(report.tasks), recent, overdue)


def _any_between(dates: tuple[dt.date, ...], after: dt.date, until: dt.date) -> bool:
    """Whether sorted `dates` hold one in (after, until]."""
    position = bisect.bisect_right(dates, after)
    return position < len(dates) and dates[position] <= until
