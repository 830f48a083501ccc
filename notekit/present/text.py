"""What a command prints, as values: paragraphs and tables, in order. A command asks a rule,
hands the result to one of these, and shows the blocks (`commands.common.show`); what the
words are and in which order they come is decided here, once, where it can be tested
without a terminal."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from notekit.core.dates import add_days
from notekit.core.syntax import plain
from notekit.core.words import counted
from notekit.present import views
from notekit.rules.due import DueReport, describe_days, promises
from notekit.rules.moments import moment_text

if TYPE_CHECKING:
    from notekit.core.model import DatedTask, Interaction, Person, Section
    from notekit.rules.due import FollowUp
    from notekit.rules.engagement import Reciprocity, Stats
    from notekit.rules.network import Path
    from notekit.rules.orgs import At

LATE = "late"  # a row's mark: shown in red
TODAY = "today"  # shown in yellow


class Title(NamedTuple):
    """A line whose first words stand out (bold on a terminal)."""

    bold: str
    rest: str = ""


class Table(NamedTuple):
    """Rows under headers; `marks` gives each row's mark (LATE, TODAY or "")."""

    headers: list[str]
    rows: list[list[str]]
    marks: list[str] | None = None


Block = str | Title | Table  # one or more lines of text, a title, or a table
RECENT = 10  # interactions `show` lists


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


def show_text(
    person: Person,
    follow: FollowUp,
    heard: dt.date | None,
    history: list[str],
    give_and_take: Reciprocity,
    sections: list[Section],
    interactions: list[Interaction],
    tasks: list[DatedTask],
) -> list[Block]:
    """`notekit show` as a person reads it: who they are and where we stand, the note's own
    sections, the last interactions, what is planned and what I promised."""
    work = " at ".join(x for x in (person.role, person.company) if x)
    facts = [
        ("", work),
        ("Also known as", ", ".join(person.aliases)),
        ("Tags", ", ".join(person.tags)),
        ("How we know each other", person.context or ""),
        ("History", "; ".join(history)),
        ("News", f"{person.news.date}: now {person.news.what}" if person.news else ""),
        ("Interests", ", ".join(person.interests)),
        ("Projects", ", ".join(person.projects)),
        ("Memories", "; ".join(person.memories)),
        ("Goals", ", ".join(person.goals)),
        ("Introduced by", ", ".join(person.introduced_by)),
        ("Knows", ", ".join(person.knows)),
        ("Email", ", ".join(person.emails)),
        ("Phone", person.phone or ""),
        ("Reach via", views.reach_via(person) or ""),
        ("Location", person.location or ""),
        ("LinkedIn", person.linkedin or ""),
        ("Birthday", views.birthday_text(person) or ""),
        ("Last contact", views.iso(follow.last_contact) or "never"),
        ("Last heard", views.heard_text(heard, follow.last_contact)),
        ("Follow-up", f"{follow.due} ({follow.why()})" if follow.due else follow.why()),
        ("Give and take", views.reciprocity_text(give_and_take)),
    ]
    out: list[Block] = [Title(person.name, f"  ({person.path})")]
    out += [f"  {label}: {value}" if label else f"  {value}" for label, value in facts if value]
    for part in sections:
        out.append(f"\n{part.heading}:")
        out += [f"  {line}".rstrip() for line in part.text.split("\n")]
    today = follow.today
    past = [i for i in interactions if i.date <= today]
    planned = [i for i in interactions if i.date > today]
    if past:
        out.append(f"\nLast interactions ({min(len(past), RECENT)} of {len(past)}):")
        out += [f"  {views.interaction_line(item)}" for item in reversed(past[-RECENT:])]
    if planned:
        out.append("\nPlanned:")
        out += [f"  {views.interaction_line(item)}" for item in planned]
    if tasks:
        out.append("\nOpen promises:")
        out += [f"  {task.due}  {plain(task.text)}  ({task.source}:{task.line})" for task in tasks]
    return out


def people_text(
    follows: list[FollowUp], org: str | None, times: dict[str, list[At]]
) -> list[Block]:
    """`notekit people` as a person reads it: a row each, or with `org` the times each was
    there (`times`, by path), and how many."""
    if not follows:
        return [
            "No people found. A note is a person when it lies in a People/ folder or has "
            "`type: person` or a #person tag (see docs/format.md)."
        ]
    if org is not None:
        lines = [
            [f.person.name, "; ".join(views.time_at_text(a) for a in times[f.person.path])]
            for f in follows
        ]
        return [
            Table(["Name", f"At {org}"], lines),
            f"\n{counted(len(follows), 'person', 'people')}",
        ]
    rows = [
        [
            f.person.name,
            or_dash(f.person.company),
            or_dash(f.person.role),
            or_dash(f.last_contact),
            or_dash(f.cadence),
            or_dash(f.due) if f.person.followed_up else (f.person.status or "inactive"),
        ]
        for f in follows
    ]
    headers = ["Name", "Company", "Role", "Last contact", "Cadence", "Due"]
    return [Table(headers, rows), f"\n{counted(len(follows), 'person', 'people')}"]


def intro_text(paths: list[Path], goal: str) -> list[Block]:
    """`notekit intro` as a person reads it: knowing them myself first, then each way in with
    how fresh my tie to the first person is and up to four pieces of evidence."""
    if not paths:
        return [
            f"No path to {goal}: nobody in your notes is tied to them (add `knows:` or "
            "`introduced_by:`, or note a meeting together)."
        ]
    out: list[Block] = []
    for p in paths:
        if p.direct:
            out.append(f"You know {goal} yourself:")
            out += [f"    {item}" for item in p.evidence]
            continue
        route = " → ".join(x.name for x in (p.via, p.then) if x) + f" → {goal}"
        last = f", last contact {p.last_contact}" if p.last_contact else ", never contacted"
        out.append(f"{route}  (score {p.score:.1f}{last})")
        out += [f"    {item}" for item in p.evidence[:4]]
    return out
