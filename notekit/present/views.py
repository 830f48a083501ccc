"""The documented JSON shapes (docs/cli.md), built from domain values; shared by the CLI and
the report so that both always say the same thing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from notekit.core.model import DatedTask, Interaction, Opportunity, Person, Problem, Section
from notekit.core.syntax import directed, plain
from notekit.core.words import counted
from notekit.rules.due import (
    DueReport,
    FollowUp,
    Promise,
    Resting,
    Waiting,
    promises,
    waiting_text,
)
from notekit.rules.moments import Moment
from notekit.store.summary import Summary

if TYPE_CHECKING:  # imported by the commands that show them; `due` need not load them
    from notekit.rules.engagement import Reciprocity, Stats
    from notekit.rules.network import Path
    from notekit.rules.orgs import At
    from notekit.rules.plan import Plan


def no_cadence_hint(report: DueReport) -> str | None:
    """What to do when people have no cadence, so that notekit never says they are due."""
    if not report.no_cadence:
        return None
    some = "" if report.no_cadence == report.people else f" of {report.people}"
    noun = "person" if report.no_cadence == 1 and not some else "people"
    who = f"{report.no_cadence}{some} {noun} {'has' if report.no_cadence == 1 else 'have'}"
    return (
        f"{who} no cadence, so notekit never says they are due. Set one for everybody with "
        '`default_cadence = "6m"` in notekit.toml, for a group with a `[cadence.tags]` rule '
        '(`mentor = "1m"`), or for one person with `cadence: 3m` in their note.'
    )


def no_people_hint(vault: Summary) -> str:
    """Where notekit looked for people in a vault where it found none."""
    config = vault.config
    folders = ", ".join(f"{name}/" for name in config.person_folders) or "no folder"
    kind = config.person_types[0] if config.person_types else "person"
    tag = config.person_tags[0] if config.person_tags else "person"
    return (
        f"No people in {vault.vault}. A note is a person when it lies in a folder named "
        f"{folders} (at any depth), or has `type: {kind}` or a #{tag} tag. Start with "
        '`notekit add "Ana Costa"`, or `notekit init` to set up this folder.'
    )


def iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def birthday_text(person: Person) -> str | None:
    if person.birthday is None:
        return None
    year, month, day = person.birthday
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def person_summary(follow: FollowUp, heard: dt.date | None) -> dict[str, Any]:
    """One row of `people --json`; `heard`: `contact.last_heard`."""
    person = follow.person
    return {
        "name": person.name,
        "path": person.path,
        "aliases": person.aliases,
        "tags": person.tags,
        "company": person.company,
        "role": person.role,
        "last_contact": iso(follow.last_contact),
        "last_heard": iso(heard),
        "cadence": str(follow.cadence) if follow.cadence else None,
        "due": iso(follow.due),
        "planned": iso(follow.planned),
        "status": person.status,
        "followed_up": person.followed_up,
    }


def heard_text(heard: dt.date | None, last_contact: dt.date | None) -> str:
    """When I last heard from them, said only where it is not the last contact: a message of
    mine after it is still unanswered."""
    if heard == last_contact:
        return ""
    return f"{iso(heard) or 'never'} (your later message is still unanswered)"


def person_detail(
    follow: FollowUp,
    heard: dt.date | None,
    interactions: list[Interaction],
    tasks: list[DatedTask],
) -> dict[str, Any]:
    """`show --json`: the summary plus everything the note says about the person."""
    person = follow.person
    return {
        **person_summary(follow, heard),
        "reason": follow.reason,
        "why": follow.why(),
        "overdue_days": follow.overdue_days,
        "next_contact": iso(person.next_contact),
        "emails": person.emails,
        "phone": person.phone,
        "location": person.location,
        "linkedin": person.linkedin,
        "channel": person.channel,
        "reach_via": reach_via(person),
        "context": person.context,
        "history": person.history,
        "photo": person.photo,
        "news": {"date": iso(person.news.date), "what": person.news.what} if person.news else None,
        "interests": person.interests,
        "projects": person.projects,
        "memories": person.memories,
        "goals": person.goals,
        "introduced_by": person.introduced_by,
        "knows": person.knows,
        "birthday": birthday_text(person),
        "interactions": [interaction(i) for i in interactions],
        "tasks": [task(t) for t in tasks],
    }


_BY_PHONE = frozenset({"phone", "call", "sms", "text", "whatsapp", "signal", "telegram"})


def reach_via(person: Person) -> str | None:
    """How to reach the person, with the address itself: `email: ana@example.com`, the
    LinkedIn URL, the phone number; the channel alone when the note has no such address, and
    the first address there is when it names no channel."""
    channel = (person.channel or "").strip()
    key = channel.lower()
    if key in ("email", "e-mail", "mail") and person.emails:
        address = person.emails[0]
    elif key == "linkedin" and person.linkedin:
        address = person.linkedin
    elif key in _BY_PHONE and person.phone:
        address = person.phone
    elif not channel:
        return (person.emails[0] if person.emails else None) or person.phone or person.linkedin
    else:
        return channel
    return f"{channel}: {address}"


def section(item: Section) -> dict[str, Any]:
    return {"heading": item.heading, "line": item.line, "text": item.text}


def interaction(item: Interaction) -> dict[str, Any]:
    return {
        "date": iso(item.date),
        "source": item.source,
        "line": item.line,
        "kind": item.kind,
        "channel": item.channel,
        "direction": item.direction,
        "reply_to": iso(item.reply_to),
        "text": item.text,
    }


def follow_up_row(follow: FollowUp) -> dict[str, Any]:
    return {
        "name": follow.person.name,
        "path": follow.person.path,
        "due": iso(follow.due),
        "overdue_days": follow.overdue_days,
        "planned": iso(follow.planned),
        "reason": follow.reason,
        "why": follow.why(),
        "last_contact": iso(follow.last_contact),
        "cadence": str(follow.cadence) if follow.cadence else None,
    }


def task(item: DatedTask) -> dict[str, Any]:
    return {
        "name": item.person.name,
        "path": item.person.path,
        "source": item.source,
        "line": item.line,
        "text": item.text,
        "due": iso(item.due),
    }


def rest_text(item: Resting) -> str:
    return (
        f"give it a rest: {counted(item.unanswered, 'message')} in a row unanswered, the last on "
        f"{item.last}; due again once they write"
    )


def moment(item: Moment) -> dict[str, Any]:
    return {
        "name": item.person.name,
        "path": item.person.path,
        "kind": item.kind,
        "date": iso(item.date),
        "years": item.years,
        "what": item.what or None,
    }


def due_report(report: DueReport) -> dict[str, Any]:
    return {
        "today": iso(report.today),
        "within": report.within,
        "due": [follow_up_row(f) for f in report.due],
        "tasks": [dict(task(t), overdue_days=(report.today - t.due).days) for t in report.tasks],
        "moments": [moment(m) for m in report.moments],
        "planned": [follow_up_row(f) for f in report.planned],
        "nudges": [
            {
                "name": n.person.name,
                "path": n.person.path,
                "sent": iso(n.sent),
                "date": iso(n.date),
                "what": n.why(),
            }
            for n in report.nudges
        ],
        "resting": [
            {
                "name": r.person.name,
                "path": r.person.path,
                "unanswered": r.unanswered,
                "last_outreach": iso(r.last),
            }
            for r in report.resting
        ],
        "waiting": [waiting(w) for w in report.waiting],
        "people": report.people,
        "no_cadence": report.no_cadence,
    }


def waiting(item: Waiting) -> dict[str, Any]:
    return {
        "name": item.person.name,
        "path": item.person.path,
        "since": iso(item.since),
        "kind": "opportunity" if item.opportunity else "message",
        "text": item.text,
        "source": item.source,
        "what": waiting_text(item),
    }


def problem(item: Problem) -> dict[str, Any]:
    return {
        "path": item.path,
        "line": item.line,
        "severity": item.severity,
        "message": item.message,
    }


def stats(found: Stats) -> dict[str, Any]:
    """`stats --json`: the period's figures, goals and groups (docs/cli.md)."""
    total = found.total.as_dict()
    return {
        "since": iso(found.since),
        "until": iso(found.until),
        **{k: v for k, v in total.items()},
        "fading": found.fading,
        "opportunities": found.opportunities,
        "goals": [
            {
                "goal": g.goal,
                "target": g.target,
                "per": g.per,
                "periods": g.periods,
                "expected": g.expected,
                "actual": g.actual,
                "met": g.met,
            }
            for g in found.goals
        ],
        "person_goals": [
            {"goal": goal, "people": people, "contacted": contacted}
            for goal, people, contacted in found.person_goals
        ],
        "groups": [{"group": name, **tally.as_dict()} for name, tally in found.groups],
    }


def reciprocity(found: Reciprocity) -> dict[str, Any]:
    """The give and take of one relationship, for `show --json`."""
    return {
        "initiated": [{"date": iso(day), "by": who} for day, who in found.initiated],
        "answered": found.answered,
        "unanswered": found.unanswered,
        "pending": found.pending,
        "reply_rate": found.reply_rate,
        "median_reply_days": found.median_reply_days,
        "unanswered_in_a_row": found.unanswered_in_a_row,
        "given": [opportunity(o) for o in found.given],
        "received": [opportunity(o) for o in found.received],
    }


def reciprocity_text(found: Reciprocity) -> str:
    """One line: `you began 3 of the last 5 contacts, they 2; they answered 4 of 5 messages
    (80%), in 2 days at the median`."""
    parts = []
    if len(found.initiated) == 1:
        parts.append(f"{'you' if found.initiated[0][1] == 'me' else 'they'} began the last contact")
    elif found.initiated:
        mine = sum(who == "me" for _, who in found.initiated)
        parts.append(
            f"you began {mine} of the last {len(found.initiated)} contacts, "
            f"they {len(found.initiated) - mine}"
        )
    if found.reply_rate is not None:
        decided = found.answered + found.unanswered
        reply = f"they answered {found.answered} of {decided} messages ({found.reply_rate:.0%})"
        if found.median_reply_days is not None:
            days = found.median_reply_days
            reply += f", in {counted(days, 'day')} at the median"
        parts.append(reply)
    if found.unanswered_in_a_row:
        parts.append(f"{found.unanswered_in_a_row} unanswered in a row")
    if found.given or found.received:
        parts.append(f"you gave {len(found.given)}, received {len(found.received)}")
    return "; ".join(parts)


def opportunity(item: Opportunity) -> dict[str, Any]:
    return {
        "date": iso(item.date),
        "kind": item.kind,
        "status": item.status,
        "text": item.text,
        "line": item.line,
    }


def channel_text(item: Interaction) -> str:
    """How it happened, as `email to`, `email from (re 2026-11-01)`, `coffee`, or nothing."""
    how = directed(item.direction, item.reply_to) if item.direction else None
    return " ".join(filter(None, (item.channel, how)))


def interaction_line(item: Interaction) -> str:
    """One interaction on a line of its own: day, how, what, and where it is written."""
    how = channel_text(item)
    where = f"{item.source}:{item.line}" if item.line else item.source
    return f"{item.date}  {how + ': ' if how else ''}{plain(item.text)}  ({where})"


def context_line(person: Person, interactions: list[Interaction], today: dt.date) -> str:
    """How we know each other, and what we last talked about."""
    last = next((i for i in reversed(interactions) if i.date <= today and i.text), None)
    parts = [person.context or "", f"last: {plain(last.text)}" if last else ""]
    return " · ".join(p for p in parts if p)


def plan_report(found: Plan, contexts: dict[str, str], today: dt.date) -> dict[str, Any]:
    """`plan --json` (docs/cli.md); `contexts`: the line of context of each person picked."""
    return {
        "week": found.week,
        "start": iso(found.start),
        "plan": [
            {
                "name": pick.person.name,
                "path": pick.person.path,
                "score": pick.score,
                "why": pick.why,
                "channel": pick.person.channel,
                "address": reach_via(pick.person),
                "context": contexts.get(pick.person.path, ""),
                "done": iso(pick.done),
            }
            for pick in found.picks
        ],
        "promises": [promise(p, today) for p in promises(found.promises)],
        "more_due": found.more_due,
        "waiting": [waiting(w) for w in found.waiting],
        "next": [
            {
                "name": pick.person.name,
                "path": pick.person.path,
                "score": pick.score,
                "why": pick.why,
                "done": iso(pick.done),
            }
            for pick in found.next
        ],
    }


def promise(item: Promise, today: dt.date) -> dict[str, Any]:
    """A promise as the plan's JSON lists it: under the first person it names, as a task."""
    return {
        "name": item.people[0].name,
        "path": item.people[0].path,
        "source": item.source,
        "line": item.line,
        "text": item.text,
        "due": iso(item.due),
        "overdue_days": (today - item.due).days,
    }


def time_at(item: At) -> dict[str, Any]:
    """One time of a person at an org, for `people --at --json`."""
    return {
        "org": item.org,
        "role": item.role,
        "from": item.start,
        "to": item.end,
        "overlap": list(item.overlap) if item.overlap else None,
    }


def time_at_text(item: At) -> str:
    """`Staff Engineer, 2014–2017, overlapped 2015–2017`, or `now: CTO`."""
    if item.start is None and item.end is None:
        return f"now: {item.role}" if item.role else "now"
    years = f"{item.start}–{item.end or 'now'}" if item.start else f"until {item.end}"
    both = f", overlapped {item.overlap[0]}–{item.overlap[1]}" if item.overlap else ""
    return ", ".join(filter(None, (item.role, years))) + both


def introduction(item: Path) -> dict[str, Any]:
    """One way in, for `intro --json` (docs/cli.md)."""
    return {
        "via": item.via.name,
        "via_path": item.via.path,
        "then": item.then.name if item.then else None,
        "score": round(item.score, 2),
        "last_contact": iso(item.last_contact),
        "evidence": item.evidence,
        "direct": item.direct,
    }
