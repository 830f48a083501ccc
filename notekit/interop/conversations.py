"""Mail and chats as history (SPEC §4): each message between me and a person of the vault
becomes a `to:` or `from:` entry, one per person, day and direction; a conversation among
several people is a group entry for whoever of the vault wrote in it, never outreach.

In mail, who is who is told by address alone: mine are `[me] emails`, a person's their `email`
and `emails` fields (a name in a header is what the sender's mail program shows, not evidence).
People I wrote with often who have no note are counted too, for `import mail --suggest`. In a
chat export only names (and phone numbers) are known: they are matched as an import of contacts
matches names, and a name that matches no one, or several, is left out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from notekit.core.model import Person
from notekit.core.syntax import GROUP, group_with
from notekit.interop.chats import Chat, ChatExport
from notekit.interop.contacts import Contact, Matcher
from notekit.interop.imports import Entries, EntryKey, NewEntry
from notekit.interop.mail import INVITATION, Mail, MailProblem, Read
from notekit.rules.match import name_key
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
class _Read:
    """What every import of conversations finds before it writes: the entries, and the
    messages it read and left out."""

    entries: Entries = field(default_factory=dict)
    messages: int = 0
    strangers: int = 0  # personal messages with nobody of the vault
    mine_in_groups: int = 0  # my messages to several people: contact with no one
    earlier: int = 0  # before --since
    ahead: int = 0  # dated after today

    def within(self, day: dt.date, since: dt.date | None, today: dt.date) -> bool:
        """Whether a message of `day` is imported: from `since` on, up to today (the others
        counted)."""
        if since is not None and day < since:
            self.earlier += 1
            return False
        if day > today:
            self.ahead += 1
            return False
        return True


@dataclass
class MailRead(_Read):
    """What a mailbox holds for the vault, before anything is written."""

    left_out: Counter[str] = field(default_factory=Counter)  # by reason (mail.LEFT_OUT)
    not_mine: int = 0  # messages neither from me nor to me (a shared or forwarded box)
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
    no particular order, so answers are worked out once all is read."""

    def __init__(self) -> None:
        # message id -> mine, its day, and the note of the one other person it was between
        self.sent: dict[str, tuple[bool, dt.date, str | None]] = {}
        # (thread, mine, the one other person's note or None for anyone) -> its first day
        self.first: dict[tuple[str, bool, str | None], dt.date] = {}
        self.pending: list[tuple[bool, tuple[str, ...], str | None, dt.date, EntryKey | None]] = []

    def add(self, mail: Mail, mine: bool, entry: EntryKey | None) -> None:
        """A message read, with the entry it makes for one person (None for none, or a group)."""
        person = entry[0] if entry else None
        if mail.message_id:
            self.sent[mail.message_id] = (mine, mail.day, person)
        for key in {(mail.thread, mine, None), (mail.thread, mine, person)} if mail.thread else ():
            self.first[key] = min(self.first.get(key, mail.day), mail.day)
        if mail.replies_to or mail.thread:
            self.pending.append((mine, mail.replies_to, mail.thread, mail.day, entry))

    def answered(self) -> tuple[int, dict[EntryKey, dt.date]]:
        """How many messages answer one of the other side's; and for each entry between me and
        one person that does, the day of the earliest message of the other side it answers."""
        count, days = 0, dict[EntryKey, dt.date]()
        for mine, ids, thread, day, entry in self.pending:
            person = entry[0] if entry else None
            if ids:
                found = [
                    self.sent[i] for i in ids if i in self.sent and self.sent[i][0] is not mine
                ]
                count += bool(found)
                answered = [d for _, d, whose in found if person and whose == person and d <= day]
            else:
                count += self.first.get((thread or "", not mine, None), day) < day
                first = self.first.get((thread or "", not mine, person), day)
                answered = [first] if person and first < day else []
            if entry and answered:
                days[entry] = min(days.get(entry, day), *answered)
        return count, days


Held = Callable[[str], set[tuple[dt.date, str]]]  # a note's (day, direction) of the channel


def read_conversations(
    vault: Summary,
    found: Iterable[Read],
    me: Iterable[str],
    today: dt.date,
    since: dt.date | None = None,
    held: Held | None = None,
    strangers: bool = False,
) -> MailRead:
    """The entries the messages make (SPEC §4), and what was left out and why. A message of
    mine to one person is `to:`, theirs to me `from:`; a message with more than one other
    person in From, To and Cc is a group entry for whoever of the vault wrote it, listing the
    others; a message that reached me only by Bcc counts for its sender alone, and the people
    I Bcc'd get nothing (a copy, not a conversation). A message not to me that others are in
    To or Cc of was written to them (an alias, a forward) and is left out.

    A message of several parts is read whole to see whether it is a calendar invitation only
    when it would make an entry the note does not hold (`held`), or with `strangers` when it
    would count for someone without a note."""
    reading = _Reading(vault, {address.strip().lower() for address in me}, held, strangers)
    result, threads = reading.out, _Threads()
    for mail in found:
        if isinstance(mail, MailProblem):
            result.problems.append(mail)
            continue
        result.messages += 1
        if mail.left_out:
            result.left_out[mail.left_out] += 1
            continue
        if not result.within(mail.day, since, today):
            continue
        from_me = mail.sender in reading.mine
        others = {a: n for a, n in mail.to if a not in reading.mine and a != mail.sender}
        if not from_me and others and not any(a in reading.mine for a, _ in mail.to):
            result.not_mine += 1  # written to others: a copy reached me (alias, forward, Bcc)
            continue
        entry = reading.mine_to(mail, others) if from_me else reading.theirs(mail, others)
        threads.add(mail, from_me, entry)
    result.replies, answered = threads.answered()
    for key, day in answered.items():
        result.entries[key] = result.entries[key]._replace(reply_to=day)
    return result


class _Reading:
    """One mailbox's messages on their way to entries."""

    def __init__(self, vault: Summary, mine: set[str], held: Held | None, strangers: bool):
        self.vault, self.mine, self.held, self.strangers = vault, mine, held, strangers
        self.people = _by_address(vault)
        self.out = MailRead()

    def mine_to(self, mail: Mail, others: dict[str, str]) -> EntryKey | None:
        """Counts my message, and gives the key of its entry when it is to one person."""
        unknown = [(a, n) for a, n in others.items() if a not in self.people]
        if unknown and not self._invitation(mail, self.strangers):
            for address, name in unknown:
                self.out.unknown.setdefault(address, Stranger(address)).wrote_to += 1
                self.out.unknown[address].saw(mail, name)
        if len(others) > 1:
            self.out.mine_in_groups += 1
            return None
        person = self.people.get(next(iter(others), ""))
        if person is None:
            self.out.strangers += 1
            return None
        return self._add(mail, person, "to")

    def theirs(self, mail: Mail, others: dict[str, str]) -> EntryKey | None:
        """Counts their message, and gives the key of its entry when it is to me alone."""
        writer = self.people.get(mail.sender)
        if writer is None:
            self.out.strangers += 1
            if not self._invitation(mail, self.strangers):
                stranger = self.out.unknown.setdefault(mail.sender, Stranger(mail.sender))
                stranger.heard_from += 1
                stranger.saw(mail, mail.sender_name)
            return None
        if not others:
            return self._add(mail, writer, "from")
        members = [self.people.get(a) for a in others]  # several of us: a group
        linked = {p.path: p for p in members if p is not None and p.path != writer.path}
        links = [self.vault.link_to(p) for p in linked.values()]
        self._add(mail, writer, GROUP, group_with(links, sum(p is None for p in members)))
        return None

    def _add(
        self, mail: Mail, person: Person, direction: str, members: str = ""
    ) -> EntryKey | None:
        """The entry of the person's day and direction, unless there is one: the first
        message's, and not an invitation's. Its key, unless the message is an invitation."""
        key = (person.path, mail.day, direction)
        if key in self.out.entries:
            return key
        new = self.held is None or (mail.day, direction) not in self.held(person.path)
        if self._invitation(mail, new):
            return None
        self.out.entries[key] = NewEntry(person, _short(mail.subject), members)
        return key

    def _invitation(self, mail: Mail, look: bool) -> bool:
        """Whether the message is a calendar invitation, when it is worth looking (counted)."""
        if look and mail.invitation is not None and mail.invitation():
            self.out.left_out[INVITATION] += 1
            return True
        return False


def _short(text: str) -> str:
    """A subject or a message's first line, as an entry's text: at most SUBJECT characters."""
    return text if len(text) <= SUBJECT else text[: SUBJECT - 1].rstrip() + "…"


def _by_address(vault: Summary) -> dict[str, Person]:
    """Each address of the vault's people, lower case, and whose it is (the first note to
    give it, when two do)."""
    found: dict[str, Person] = {}
    for person in vault.people:
        for address in person.emails:
            found.setdefault(address.strip().lower(), person)
    return found


@dataclass
class ChatRead(_Read):
    """What a chat export holds for the vault, before anything is written."""

    chats: int = 0
    left_out: int = 0  # system lines, media, deleted messages
    whose_unknown: list[str] = field(default_factory=list)  # chats where I cannot be told
    not_personal: int = 0  # chats that are no conversation with a person


PHONE_DIGITS = 9  # the last digits of a number that tell it, whether written with +44 or 0


def read_chats(
    vault: Summary,
    export: ChatExport,
    me: Iterable[str],
    today: dt.date,
    since: dt.date | None = None,
) -> ChatRead:
    """The entries the chats make (SPEC §4). In a chat with one other person, my messages are
    `to:` and theirs `from:`; in a group, each person of the vault who wrote that day gets a
    group entry listing the other members, and my messages are contact with no one. I am
    the name the export gives as mine, else one of `me`, else in a chat named after the
    other person the one who is not them."""
    mine = {name_key(name) for name in me if name.strip()}
    result = ChatRead(not_personal=export.not_personal)
    matcher = Matcher(vault)
    phones = _by_phone(vault)

    def person_of(name: str, chat: Chat) -> Person | None:
        digits = _digits(chat.phones.get(name, name))
        if len(digits) >= PHONE_DIGITS and (found := phones.get(digits[-PHONE_DIGITS:])):
            return found
        matched = matcher.match(Contact(name))
        return matched.person if matched.how == "name" else None

    for chat in export.chats:
        result.chats += 1
        result.left_out += chat.left_out
        keys = {sender: name_key(sender) for sender in {s.sender for s in chat.messages}}
        senders = list(dict.fromkeys(said.sender for said in chat.messages))
        me_here = _me_in(chat, senders, mine)
        if me_here is None:
            result.whose_unknown.append(chat.name or f"chat {result.chats}")
            continue
        others = [s for s in senders if keys[s] != me_here]
        group = chat.group if chat.group is not None else _looks_like_a_group(chat, others)
        party = None if group else person_of(others[0] if others else chat.name, chat)
        people = {name: person_of(name, chat) for name in others} if group else {}
        for said in chat.messages:
            result.messages += 1
            if not result.within(said.day, since, today):
                continue
            from_me = keys[said.sender] == me_here
            text = _short(said.text)
            if not group:
                if party is None:
                    result.strangers += 1
                    continue
                direction = "to" if from_me else "from"
                result.entries.setdefault((party.path, said.day, direction), NewEntry(party, text))
            elif from_me:
                result.mine_in_groups += 1
            elif (writer := people.get(said.sender)) is None:
                result.strangers += 1
            else:
                members = [p for name, p in people.items() if name != said.sender]
                linked = {p.path: p for p in members if p is not None and p.path != writer.path}
                links = [vault.link_to(p) for p in linked.values()]
                with_ = group_with(links, sum(p is None for p in members))
                result.entries.setdefault(
                    (writer.path, said.day, GROUP), NewEntry(writer, text, with_)
                )
    return result


def _me_in(chat: Chat, senders: list[str], mine: set[str]) -> str | None:
    """Which sender of the chat is me (as a name key), or None when it cannot be told."""
    if chat.me:
        return name_key(chat.me)
    for sender in senders:
        if name_key(sender) in mine:
            return name_key(sender)
    if chat.name and chat.group is not True:
        named = name_key(chat.name)
        rest = [s for s in senders if name_key(s) != named]
        if len(rest) == 1 and len(senders) == 2:  # the one who is not the other person
            return name_key(rest[0])
    return min(mine) if mine else None  # with my names known: I did not write here


def _looks_like_a_group(chat: Chat, others: list[str]) -> bool:
    """A WhatsApp chat is a group when more than one other person wrote in it, or when its
    name is not that of the one who did (a group where only one other spoke)."""
    if len(others) > 1:
        return True
    return bool(others and chat.name and name_key(chat.name) != name_key(others[0]))


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _by_phone(vault: Summary) -> dict[str, Person]:
    """Each phone number of the vault's people, by its last digits."""
    found: dict[str, Person] = {}
    for person in vault.people:
        digits = _digits(person.phone or "")
        if len(digits) >= PHONE_DIGITS:
            found.setdefault(digits[-PHONE_DIGITS:], person)
    return found
