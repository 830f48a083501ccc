"""Mail as history (SPEC §4): each personal message between me and a person of the vault
becomes an `email to:` or `email from:` entry, one per person, day and direction; a message
among several people is a group entry for whoever wrote it, never outreach. People I wrote
with often who have no note are counted too, for `import mail --suggest`.

Who is who is told by address alone: mine are `[me] emails`, a person's are their `email` and
`emails` fields. A name in a header is what the sender's mail program shows, not evidence.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from notekit.core.model import Person
from notekit.core.syntax import GROUP, group_with
from notekit.interop.imports import Entries
from notekit.interop.mail import Mail, MailProblem, Read
from notekit.store.summary import Summary

SUBJECT = 80  # characters of a subject kept as an entry's text


@dataclass
class Stranger:
    """Someone I write with who has no note: for `--suggest`."""

    address: str
    name: str = ""
    wrote_to: int = 0  # my messages to them
    heard_from: int = 0  # theirs to me
    last: dt.date | None = None
    last_subject: str = ""

    def saw(self, mail: Mail, name: str) -> None:
        self.name = name or self.name
        if self.last is None or mail.day >= self.last:
            self.last, self.last_subject = mail.day, mail.subject


@dataclass
class MailRead:
    """What a mailbox holds for the vault, before anything is written."""

    entries: Entries = field(default_factory=dict)
    messages: int = 0
    left_out: Counter[str] = field(default_factory=Counter)  # by reason (mail.LEFT_OUT)
    strangers: int = 0  # personal messages with nobody of the vault
    not_mine: int = 0  # messages neither from me nor to me (a shared or forwarded box)
    mine_in_groups: int = 0  # my messages to several people: contact with no one
    earlier: int = 0  # before --since
    ahead: int = 0  # dated after today
    replies: int = 0  # messages that answer one of the other side's, by their thread
    problems: list[MailProblem] = field(default_factory=list)
    unknown: dict[str, Stranger] = field(default_factory=dict)  # by address

    def suggested(self, at_least: int) -> list[Stranger]:
        """The strangers I wrote to and heard from at least `at_least` times each way, the
        most recent first."""
        found = [
            s for s in self.unknown.values() if s.wrote_to >= at_least and s.heard_from >= at_least
        ]
        return sorted(found, key=lambda s: (s.last or dt.date.min, s.address), reverse=True)


class _Threads:
    """Which messages answer one of the other side's: by In-Reply-To and References, else by
    Gmail's thread id (the other side wrote in the thread on an earlier day). A mailbox is in
    no particular order, so answers are counted once all is read."""

    def __init__(self) -> None:
        self.side: dict[str, bool] = {}  # message id -> mine
        self.first: dict[tuple[str, bool], dt.date] = {}  # (thread, mine) -> its first day
        self.pending: list[tuple[bool, tuple[str, ...], str | None, dt.date]] = []

    def add(self, mail: Mail, mine: bool) -> None:
        if mail.message_id:
            self.side[mail.message_id] = mine
        if mail.thread:
            key = (mail.thread, mine)
            self.first[key] = min(self.first.get(key, mail.day), mail.day)
        if mail.replies_to or mail.thread:
            self.pending.append((mine, mail.replies_to, mail.thread, mail.day))

    def answers(self) -> int:
        count = 0
        for mine, ids, thread, day in self.pending:
            if ids:
                count += any(self.side.get(i) is (not mine) for i in ids)
            elif thread is not None:
                count += self.first.get((thread, not mine), day) < day
        return count


def read_conversations(
    vault: Summary,
    found: Iterable[Read],
    me: Iterable[str],
    today: dt.date,
    since: dt.date | None = None,
) -> MailRead:
    """The entries the messages make (SPEC §4), and what was left out and why. A message of
    mine to one person is `to:`, theirs to me `from:`; a message with more than one other
    person in From, To and Cc is a group entry for whoever of the vault wrote it, listing the
    others; a message that reached me only by Bcc counts for its sender alone, and the people
    I Bcc'd get nothing (a copy, not a conversation). A message not to me that others are in
    To or Cc of was written to them (an alias, a forward) and is left out."""
    mine = {address.strip().lower() for address in me}
    people = _by_address(vault)
    result = MailRead()
    threads = _Threads()
    for mail in found:
        if isinstance(mail, MailProblem):
            result.problems.append(mail)
            continue
        result.messages += 1
        if mail.left_out:
            result.left_out[mail.left_out] += 1
            continue
        if since is not None and mail.day < since:
            result.earlier += 1
            continue
        if mail.day > today:
            result.ahead += 1
            continue
        from_me = mail.sender in mine
        others = {a: n for a, n in mail.to if a not in mine and a != mail.sender}
        if not from_me and others and not any(a in mine for a, _ in mail.to):
            result.not_mine += 1  # written to others: a copy reached me (alias, forward, Bcc)
            continue
        threads.add(mail, from_me)
        if from_me:
            _mine(mail, others, people, result)
        else:
            _theirs(vault, mail, others, people, result)
    result.replies = threads.answers()
    return result


def _mine(mail: Mail, others: dict[str, str], people: dict[str, Person], out: MailRead) -> None:
    for address, name in others.items():
        if address not in people:
            out.unknown.setdefault(address, Stranger(address)).wrote_to += 1
            out.unknown[address].saw(mail, name)
    if len(others) > 1:
        out.mine_in_groups += 1
        return
    person = people.get(next(iter(others), ""))
    if person is None:
        out.strangers += 1
        return
    out.entries.setdefault((person.path, mail.day, "to"), (person, _text(mail), ""))


def _theirs(
    vault: Summary,
    mail: Mail,
    others: dict[str, str],
    people: dict[str, Person],
    out: MailRead,
) -> None:
    writer = people.get(mail.sender)
    if writer is None:
        out.strangers += 1
        out.unknown.setdefault(mail.sender, Stranger(mail.sender)).heard_from += 1
        out.unknown[mail.sender].saw(mail, mail.sender_name)
        return
    if others:  # several of us in the conversation: a group
        members = [people.get(a) for a in others]
        linked = {p.path: p for p in members if p is not None and p.path != writer.path}
        links = [vault.link_to(p) for p in linked.values()]
        with_ = group_with(links, sum(p is None for p in members))
        out.entries.setdefault((writer.path, mail.day, GROUP), (writer, _text(mail), with_))
        return
    out.entries.setdefault((writer.path, mail.day, "from"), (writer, _text(mail), ""))


def _text(mail: Mail) -> str:
    subject = mail.subject
    return subject if len(subject) <= SUBJECT else subject[: SUBJECT - 1].rstrip() + "…"


def _by_address(vault: Summary) -> dict[str, Person]:
    """Each address of the vault's people, lower case, and whose it is (the first note to
    give it, when two do)."""
    found: dict[str, Person] = {}
    for person in vault.people:
        for address in person.emails:
            found.setdefault(address.strip().lower(), person)
    return found
