"""What an import did, in the words a command prints after it: the counts first, then each
thing left for the user to decide. Values, so that the words are tested without a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from notekit.interop.ical import CalendarRead
    from notekit.interop.imports import Calendar, Conversations, Outcome


def verb(dry_run: bool) -> str:
    return "would be" if dry_run else "were"


def contacts(outcome: Outcome, dry_run: bool) -> list[str]:
    """An import of contacts: how many added, updated, unchanged; each replaced value, each
    new role, each contact left for the user and each refused."""
    lines = [
        f"{len(outcome.created)} people {verb(dry_run)} added, {len(outcome.updated)} updated, "
        f"{len(outcome.unchanged)} unchanged."
    ]
    lines += [
        f"  {name}: {field} {old!r} -> {new!r}" if old else f"  {name}: {field} + {new!r}"
        for name, field, old, new in outcome.replaced
    ]
    lines += [
        f"  new role: {name} (their note says what changed; a chance to congratulate)"
        for name in outcome.moved
    ]
    for contact, matched in outcome.undecided:
        names = ", ".join(f"{p.name} ({p.path})" for p in matched.people)
        if matched.how == "another role":
            job = f"{contact.role} at {contact.company}"
            lines.append(f"  left for you: {contact.name} ({job}) may be {names}, in another role")
        else:
            kind = "shares a name with" if matched.how == "ambiguous" else "may be"
            lines.append(f"  left for you: {contact.name} {kind} {names}")
    lines += [f"  not imported: {name}: {why}" for name, why in outcome.refused]
    return lines


def messages(said: Conversations, dry_run: bool) -> list[str]:
    """An import of LinkedIn messages: entries added and known, and what was left out."""
    lines = []
    if said.owner_unknown:
        lines.append(
            "Messages: whose export this is cannot be told (no one is in every "
            'conversation); say it in notekit.toml: [me] linkedin = "<your profile URL>".'
        )
    lines.append(
        f"{said.logged} log entries {verb(dry_run)} added from messages, {said.known} were "
        f"there; {said.strangers} messages with nobody of the vault, {said.drafts} drafts, "
        f"{said.ahead} dated after today and {said.mine_in_groups} of my messages to groups "
        "(contact with no one) left out."
    )
    return lines


def meetings(
    result: Calendar, calendar: CalendarRead, max_attendees: int, me_known: bool, dry_run: bool
) -> list[str]:
    """An import of a calendar: entries added and known, events left out and why, and the
    planned meetings (listed, not written)."""
    lines = [
        f"{result.logged} log entries {verb(dry_run)} added, {result.known} were there; "
        f"{result.crowded} events with more than {max_attendees} attendees and "
        f"{result.nobody} with nobody of the vault left out."
    ]
    if calendar.cancelled or calendar.declined:
        lines.append(
            f"{calendar.cancelled} cancelled and {calendar.declined} declined occurrences left out."
        )
    if not me_known:
        lines.append(
            'Your own addresses are not known: set [me] emails = ["you@example.com"] in '
            "notekit.toml, so that events you declined are left out."
        )
    lines += [f"  planned: {day} {name}: {title}" for day, name, title in sorted(result.planned)]
    lines += [f"  skipped: {why}" for why in calendar.skipped]
    return lines
