"""What a command prints, as values: paragraphs and tables, in order. A command asks a rule,
hands the result to one of these, and shows the blocks (`commands.common.show`); what the
words are and in which order they come is decided here, once, where it can be tested
without a terminal."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from notekit.core.dates import add_days
from notekit.core.syntax import plain
from notekit.present import views
from notekit.rules.due import DueReport, describe_days, promises
from notekit.rules.moments import moment_text

if TYPE_CHECKING:
    from notekit.rules.engagement import Stats

LATE = "late"  # a row's mark: shown in red
TODAY = "today"  # shown in yellow


class Table(NamedTuple):
    """Rows under headers; `marks` gives each row's mark (LATE, TODAY or "")."""

    headers: list[str]
    rows: list[list[str]]
    marks: list[str] | None = None


Block = str | Table  # one or more lines of text, or a table


def or_dash(value: object) -> str:
    return "-" if value in (None, "", []) else str(value)


def due_text(report: DueReport, within: int) -> list[Block]:
    """`notekit due` as a person reads it: who waits on me, who is due and why, what is
    planned, promised, coming up, unanswered, given a rest; and a hint when people lack a
    cadence."""
    out: list[Block] = []
    hint = views.no_cadence_hint(report)
    shown = (report.due, report.tasks, report.moments, report.planned, report.nudges)
    if not (any(shown) or report.waiting):
        quiet = "" if hint else " Enjoy the quiet week."
        out.append(f"Nobody is due by {add_days(report.today, within)}.{quiet}")
    if report.waiting:
        rows = [
            [w.person.name, views.waiting_text(w), or_dash(views.reach_via(w.person))]
            for w in report.waiting
        ]
        out += ["Waiting on you:", Table(["Name", "What", "Reach via"], rows)]
        if report.due:
            out.append("")
    if report.due:
        rows = [
            [f.person.name, str(f.due), f.why(), or_dash(views.reach_via(f.person))]
            for f in report.due
        ]
        marks = [_mark(f.overdue_days) for f in report.due]
        out.append(Table(["Name", "Due", "Why", "Reach via"], rows, marks))
    if report.planned:
        rows = [[f.person.name, str(f.planned), f.why()] for f in report.planned]
        out += ["\nPlanned:", Table(["Name", "Planned", "Why"], rows)]
    if report.tasks:
        rows = [
            [
                ", ".join(person.name for person in promise.people),
                promise.due.isoformat(),
                describe_days((report.today - promise.due).days),
                plain(promise.text),
                f"{promise.source}:{promise.line}",
            ]
            for promise in promises(report.tasks)
        ]
        out += ["\nPromises:", Table(["Name", "Due", "When", "Task", "Where"], rows)]
    if report.moments:
        rows = [[m.person.name, m.date.isoformat(), moment_text(m)] for m in report.moments]
        out += ["\nMoments:", Table(["Name", "Date", "What"], rows)]
    if report.nudges:
        rows = [[n.person.name, n.date.isoformat(), n.why()] for n in report.nudges]
        out += ["\nNudges:", Table(["Name", "Date", "What"], rows)]
    if report.resting:
        out.append("\nGiving it a rest (not listed as due):")
        out += [f"  {rest.person.name}: {views.rest_text(rest)}" for rest in report.resting]
    if hint:
        out.append(f"\n{hint}")
    return out


def _mark(overdue_days: int | None) -> str:
    overdue = overdue_days or 0
    return LATE if overdue > 0 else TODAY if overdue == 0 else ""


def stats_text(found: Stats, first: dt.date, last: dt.date, by: str | None) -> list[Block]:
    """`notekit stats` as a person reads it: the period's figures, the goals against what
    happened, people's goals, and the groups of `--by`."""
    total = found.total.as_dict()
    days = (last - first).days + 1
    rate = total["reply_rate"]
    answers = (
        f"answered {total['answered']}, unanswered {total['unanswered']}, pending "
        f"{total['pending']}" + (f"; reply rate {rate:.0%}" if isinstance(rate, float) else "")
    )
    contacted = (
        f"contacted; {total['reconnected']} after a long gap; {found.fading} fading now "
        "(past their cadence)"
    )
    chances = ", ".join(f"{status} {n}" for status, n in found.opportunities.items())
    rows = [
        ["Outreach", str(total["outreach"]), answers],
        ["Their messages", str(total["incoming"]), "from: entries"],
        ["Meetings", str(total["meetings"]), "coffee, lunch, calls, meeting notes…"],
        ["People", str(total["people_contacted"]), contacted],
        ["Opportunities", str(sum(found.opportunities.values())), chances],
    ]
    out: list[Block] = [f"From {first} to {last} ({days} days)\n"]
    out.append(Table(["", "Count", "What"], rows))
    if found.goals:
        out.append("\nGoals (notekit.toml):")
        for goal in found.goals:
            mark = "met" if goal.met else "not yet"
            out.append(
                f"  {goal.goal}: {goal.actual} of {goal.expected:g} expected "
                f"({goal.target} a {goal.per} over {goal.periods:g} {goal.per}s) — {mark}"
            )
    if found.person_goals:
        out.append("\nPeople's goals:")
        out += [f"  {held}: {n} of {of} contacted" for held, of, n in found.person_goals]
    if found.groups:
        rows = []
        for name, tally in found.groups:
            counts = tally.as_dict()
            share = counts["reply_rate"]
            rows.append(
                [
                    name,
                    str(counts["outreach"]),
                    "-" if share is None else f"{share:.0%}",
                    str(counts["incoming"]),
                    str(counts["meetings"]),
                    str(counts["people_contacted"]),
                ]
            )
        headers = [by.capitalize() if by else "", "Outreach", "Replies", "Theirs", "Meetings"]
        out += [f"\nBy {by}:", Table([*headers, "People"], rows)]
    return out
