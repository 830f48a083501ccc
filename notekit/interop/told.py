"""What an import did, in the words a command prints after it: the counts first, then each
thing left for the user to decide. Values, so that the words are tested without a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from notekit.core.words import counted
from notekit.present.text import Block, Table

if TYPE_CHECKING:
    from notekit.interop.conversations import ChatRead, MailRead, Stranger
    from notekit.interop.ical import CalendarRead
    from notekit.interop.imports import Calendar, Conversations, Outcome


def verb(dry_run: bool, count: int) -> str:
    """What was done to `count` of something: `was`, `were`, or `would be` in a dry run."""
    return "would be" if dry_run else "was" if count == 1 else "were"


def _entries(logged: int, known: int, dry_run: bool, source: str = "") -> str:
    """`3 log entries were added, 1 was there` (`source`: ` from messages`)."""
    return (
        f"{counted(logged, 'log entry', 'log entries')} {verb(dry_run, logged)} added{source}, "
        f"{known} {verb(False, known)} there"
    )


def contacts(outcome: Outcome, dry_run: bool) -> list[str]:
    """An import of contacts: how many added, updated, unchanged; each replaced value, each
    new role, each contact left for the user and each refused."""
    lines = [
        f"{counted(len(outcome.created), 'person', 'people')} "
        f"{verb(dry_run, len(outcome.created))} added, {len(outcome.updated)} updated, "
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
        f"{_entries(said.logged, said.known, dry_run, ' from messages')}; "
        f"{counted(said.strangers, 'message')} with nobody of the vault, "
        f"{counted(said.drafts, 'draft')}, "
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
        f"{_entries(result.logged, result.known, dry_run)}; "
        f"{counted(result.crowded, 'event')} with more than {max_attendees} attendees and "
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


PROBLEMS_SHOWN = 20  # messages that cannot be read, named one by one; the rest counted


def mail(read: MailRead, logged: int, known: int, dry_run: bool) -> list[str]:
    """An import of mail: entries added and known, from how many messages; what was left out
    and why, by reason; the answers known by their thread; the messages that cannot be read."""
    lines = [f"{_entries(logged, known, dry_run)}; {counted(read.messages, 'message')} read."]
    lines += _left_out(
        *((count, why) for why, count in sorted(read.left_out.items())),
        (read.strangers, "with nobody of the vault"),
        (read.mine_in_groups, "of mine to several people (contact with no one)"),
        (read.not_mine, "written to others (a copy reached me)"),
        (read.earlier, "before --since"),
        (read.ahead, "dated after today"),
    )
    if read.replies:
        lines.append(
            f"{counted(read.replies, 'message')} "
            f"{'answers' if read.replies == 1 else 'answer'} one of the other side's (known by "
            "their thread)."
        )
    if read.problems:
        lines.append(f"Skipped {counted(len(read.problems), 'message')} that cannot be read:")
        lines += [f"  {p.where}: {p.reason}" for p in read.problems[:PROBLEMS_SHOWN]]
        if len(read.problems) > PROBLEMS_SHOWN:
            lines.append(f"  and {len(read.problems) - PROBLEMS_SHOWN} more")
    return lines


def suggested(found: list[Stranger], at_least: int) -> list[Block]:
    """`import mail --suggest`: the people I write with who have no note, most recent first."""
    if not found:
        return [f"Nobody without a note wrote with you at least {at_least} times each way."]
    rows = [
        [s.name or "-", s.address, str(s.wrote_to), str(s.heard_from), str(s.last), s.last_subject]
        for s in found
    ]
    return [
        Table(["Name", "Address", "To", "From", "Last", "Last subject"], rows),
        f"\n{counted(len(found), 'person', 'people')} without a note; `--add` writes a note "
        "for each.",
    ]


def chats(read: ChatRead, logged: int, known: int, dry_run: bool, order_guessed: bool) -> list[str]:
    """An import of chats: entries added and known, from how many chats and messages; what was
    left out; chats where I could not be told; a date order that had to be guessed."""
    lines = [
        f"{_entries(logged, known, dry_run)}; "
        f"{counted(read.messages, 'message')} in {counted(read.chats, 'chat')} read."
    ]
    lines += _left_out(
        (read.left_out, "system lines, media and deleted messages"),
        (read.strangers, "with nobody of the vault"),
        (read.mine_in_groups, "of mine to groups (contact with no one)"),
        (read.earlier, "before --since"),
        (read.ahead, "dated after today"),
        (read.not_personal, "chats with bots, channels or public groups"),
    )
    for name in read.whose_unknown:
        lines.append(
            f"  {name}: which side is mine cannot be told; say your name as the chat writes "
            'it: [me] name = "…" in notekit.toml, or --me NAME'
        )
    if order_guessed:
        lines.append(
            "No date in the chat tells the day from the month: read as day/month/year "
            "(--date-order mdy if the phone writes month/day/year)."
        )
    return lines


def _left_out(*counts: tuple[int, str]) -> list[str]:
    """`Left out: 2 spam, 1 draft.`, of the counts that are not nought; nothing when all are."""
    said = [f"{count} {what}" for count, what in counts if count]
    return ["Left out: " + ", ".join(said) + "."] if said else []
