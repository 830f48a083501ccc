"""Bringing contacts into the vault: each one matched to a person (notekit.interop.contacts),
then either a new note from the person template or the empty fields of the matched note
filled. Each change is planned and handed over one at a time, so that a thousand contacts never
hold a thousand notes' locks; importing the same contacts again changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from notekit.core.errors import EditError
from notekit.core.model import Person
from notekit.core.names import natural_order
from notekit.core.syntax import GROUP, MEETINGS, group_with, inert, one_line
from notekit.core.words import counted
from notekit.interop.contacts import Contact, Matched, Matcher
from notekit.interop.ical import Meeting
from notekit.interop.linkedin import Message
from notekit.rules.match import fold, profile_key
from notekit.rules.orgs import org_matcher
from notekit.store.reading import read_note
from notekit.store.summary import Summary
from notekit.write.changes import (
    Change,
    log_entry,
    next_note_path,
    plan_add,
    plan_entries,
    plan_fill,
    plan_new_role,
)


@dataclass
class Outcome:
    """What an import did, or would do, with each contact."""

    created: list[str] = field(default_factory=list)  # names
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    undecided: list[tuple[Contact, Matched]] = field(default_factory=list)  # for the user
    refused: list[tuple[str, str]] = field(default_factory=list)  # name, why
    added: list[Person] = field(default_factory=list)  # the people of new notes
    new_notes: dict[str, bytes] = field(default_factory=dict)  # their paths and planned text
    moved: list[str] = field(default_factory=list)  # names of people with a new job
    replaced: list[tuple[str, str, str, str]] = field(default_factory=list)  # name, field, old, new


def _fields(contact: Contact) -> dict[str, str | list[str]]:
    emails = contact.emails
    values: dict[str, str | list[str] | None] = {
        "company": contact.company,
        "role": contact.role,
        "email": list(emails) if len(emails) > 1 else (emails[0] if emails else None),
        "linkedin": contact.linkedin,
        "phone": contact.phone,
        "birthday": contact.birthday,
        "tags": list(contact.tags) or None,
        "aliases": list(contact.aliases) or None,
        "connected": contact.since.isoformat() if contact.since else None,
    }
    return {name: value for name, value in values.items() if value}


PASSES = 5  # over the contacts left undecided, at most


def import_contacts(
    vault: Summary,
    contacts: Iterable[Contact],
    today: dt.date,
    hand_over: Callable[[Change], object],
    update: bool = False,
    photos: bool = False,
    new_tags: tuple[str, ...] = (),
    new_cadence: str | None = None,
) -> Outcome:
    """Plan a change for each contact and hand it over (to be written, or shown and dropped).
    `new_tags` and `new_cadence` go on the notes the import adds (`import --tag --cadence`).
    `update`: values that differ from the note's are replaced. Lists (emails, tags, aliases)
    gain the items they lack either way; nothing is taken from them.
    `photos`: a contact's photo is saved beside the note of a person who has none."""
    matcher = Matcher(vault)
    outcome = Outcome()
    org = org_matcher(vault.config)

    def take(contact: Contact) -> Matched | None:
        """Plan and hand over what the contact changes; the match when it is left undecided."""
        matched = matcher.match(contact)
        try:
            if matched.person is not None:
                person = matched.person
                moved = matched.how in ("email", "linkedin") and _moved(person, contact, org)
                if moved:
                    hand_over(
                        plan_new_role(
                            vault, person, today, contact.company, contact.role, contact.source
                        )
                    )
                    outcome.moved.append(contact.name)
                photo = _photo(vault, contact, person.path) if photos and not person.photo else None
                fields = _fields(contact) | ({"photo": photo.path.name} if photo else {})
                if not (moved or update or _same_job(person, contact, org)):
                    fields = {k: v for k, v in fields.items() if k not in ("company", "role")}
                    contact = contact._replace(company=None, role=None)
                matcher.learn(person, contact)
                change, replaced = plan_fill(
                    vault, person, fields, f"import {contact.source}", update
                )
                if change is not None:
                    hand_over(change)
                if photo is not None:
                    hand_over(photo)
                outcome.replaced.extend((contact.name, *what) for what in replaced)
                if moved or change is not None:
                    outcome.updated.append(contact.name)
                else:
                    outcome.unchanged.append(contact.name)
            elif matched.how == "new":
                fields = {**_fields(contact), "source": contact.source}
                if new_tags:
                    fields["tags"] = list(dict.fromkeys([*contact.tags, *new_tags]))
                if new_cadence:
                    fields["cadence"] = new_cadence
                named = natural_order(contact.name)  # `Costa, Ana` is Ana Costa's note
                rel = next_note_path(vault, named, outcome.new_notes)
                photo = _photo(vault, contact, rel) if photos else None
                if photo is not None:
                    fields["photo"] = photo.path.name
                change = plan_add(
                    vault,
                    named,
                    today,
                    dict(fields),
                    numbered=True,
                    body=contact.note,
                    taken=outcome.new_notes,
                )
                hand_over(change)
                if photo is not None:
                    hand_over(photo)
                outcome.created.append(contact.name)
                outcome.added.append(_person(contact, change.rel))
                outcome.new_notes[change.rel] = change.after
                matcher.add(outcome.added[-1])  # the same contact twice is one note
            else:
                return matched
        except EditError as exc:
            outcome.refused.append((contact.name, str(exc)))
        return None

    undecided: list[Contact] = []
    for contact in contacts:
        if not contact.name.strip():
            known = ", ".join([*contact.emails, *filter(None, (contact.linkedin, contact.company))])
            outcome.refused.append(
                (f"a {contact.source} contact ({known or 'nothing else'})", "no name")
            )
        elif take(contact) is not None:
            undecided.append(contact)
    # what later contacts filled in may decide earlier ones, as it would in a second import:
    # those are taken now, so that a second import of the same file changes nothing (a chain
    # longer than PASSES, each deciding the one before, is left to the next import)
    for _ in range(PASSES):
        still = [contact for contact in undecided if take(contact) is not None]
        if len(still) == len(undecided):
            break
        undecided = still
    outcome.undecided = [(contact, matcher.match(contact)) for contact in undecided]
    return outcome


def _photo(vault: Summary, contact: Contact, note: str) -> Change | None:
    """The contact's photo as a new file beside the note (`Ana Costa.jpg`); None when there is
    none, or a file of that name is there already."""
    if contact.photo is None:
        return None
    extension, data = contact.photo
    rel = f"{note[:-3]}.{extension}"
    if (vault.vault / rel).exists():
        return None
    return Change(vault.vault, rel, None, data, f"import {contact.source}: photo of {contact.name}")


def _moved(person: Person, contact: Contact, org: Callable[[str], str]) -> bool:
    """Whether the contact shows the person at another employer, or in another role at the
    same one, than the note says (a later export of the same connections): news, not a
    conflict. Asked only of a match on evidence (an email, a profile): a name alike says
    nothing of a job. A role without an employer says nothing of a job either. `org`: an org's
    key (`org_matcher`): `Globex S.A.` is the note's `Globex`."""
    if not (contact.company and person.company):
        return False
    if org(contact.company) != org(person.company):
        return True
    return bool(contact.role and person.role and fold(contact.role) != fold(person.role))


def _same_job(person: Person, contact: Contact, org: Callable[[str], str]) -> bool:
    """Whether the note's company and role agree with the contact's where both say one: only
    then does one fill the other's gaps. A note's role `Engineer` with no company, beside a
    contact's `Staff Engineer at Globex`, gets no company: a second import would read that as
    a new role at Globex."""
    return all(
        not (new and old) or same(new) == same(old)
        for new, old, same in (
            (contact.company, person.company, org),
            (contact.role, person.role, fold),
        )
    )


def _person(contact: Contact, path: str) -> Person:
    return Person(
        name=natural_order(contact.name),
        path=path,
        emails=list(contact.emails),
        linkedin=contact.linkedin,
        company=contact.company,
        role=contact.role,
    )


@dataclass
class Conversations:
    """What an import of messages did, or would do."""

    logged: int = 0  # entries
    known: int = 0  # entries the notes had already
    strangers: int = 0  # messages with nobody of the vault
    drafts: int = 0
    mine_in_groups: int = 0  # my messages to several people at once: contact with no one
    ahead: int = 0  # dated after today
    owner_unknown: bool = False


def import_messages(
    vault: Summary,
    found: Iterable[Message],
    me: str | None,
    today: dt.date,
    hand_over: Callable[[Change], object],
    with_text: bool = True,
    also: Outcome | None = None,
) -> Conversations:
    """A `linkedin to:` or `linkedin from:` entry (SPEC §4) per person of the vault, day and
    direction, with the first line of the first such message; `me` is the owner's profile URL.
    A conversation with more than one other person is a group: a `linkedin group with …:`
    entry for each who wrote in it that day, linking the other members, and nothing for my own
    messages there. `also`: what an import of contacts in the same run did, whose new notes
    (written, or planned by a dry run) take entries too. Entries a note holds already are not
    written again."""
    found = list(found)
    result = Conversations(owner_unknown=me is None)
    planned = also.new_notes if also else {}
    me = profile_key(me)
    matcher = Matcher(vault)
    for person in also.added if also else ():
        matcher.add(person)
    known: dict[tuple[str, str], Person | None] = {}

    def person_of(name: str, url: str) -> Person | None:
        if (name, url) not in known:
            known[name, url] = matcher.match(Contact(name, linkedin=url or None)).person
        return known[name, url]

    groups = _groups(found, me)
    entries: Entries = {}
    for message in found:
        if message.draft:
            result.drafts += 1
            continue
        if me is None:
            continue
        if message.day > today:
            result.ahead += 1
            continue
        mine = profile_key(message.sender[1]) == me
        text = _first_line(message.content)
        if (group := groups.get(message.conversation)) is not None:
            writer = None if mine else person_of(*message.sender)
            result.mine_in_groups += mine
            result.strangers += not mine and writer is None
            if writer is not None:
                others = [person_of(*m) for m in group if _key(*m) != _key(*message.sender)]
                linked = {p.path: p for p in others if p and p.path != writer.path}
                links = [vault.link_to(p) for p in linked.values()]
                with_ = group_with(links, sum(p is None for p in others))
                entries.setdefault((writer.path, message.day, GROUP), NewEntry(writer, text, with_))
            continue
        matched = False
        for name, url in message.recipients if mine else (message.sender,):
            if profile_key(url) == me or (who := person_of(name, url)) is None:
                continue
            matched = True
            entries.setdefault(
                (who.path, message.day, "to" if mine else "from"), NewEntry(who, text)
            )
        result.strangers += not matched
    result.logged, result.known = log_conversations(
        vault, entries, "linkedin", today, hand_over, with_text, planned
    )
    return result


class NewEntry(NamedTuple):
    """What one entry of an import of conversations says: whose note it goes in, the text of
    the day's first message, for a group the members (`group_with`), and the day of the
    other side's message it answers where the thread tells (`from (re DATE):`)."""

    person: Person
    text: str
    members: str = ""
    reply_to: dt.date | None = None


EntryKey = tuple[str, dt.date, str]  # an entry's note, day and direction (`to`, `from`, `group`)
Entries = dict[EntryKey, NewEntry]  # what an import of conversations found


class Held:
    """The days and directions (`to`, `from`, `group`) of each note's entries on one channel:
    what an import of conversations must not write again. Each note is read once, when first
    asked about."""

    def __init__(self, vault: Summary, channel: str) -> None:
        self.vault, self.channel = vault, channel
        self._found: dict[str, set[tuple[dt.date, str]]] = {}

    def __call__(self, path: str) -> set[tuple[dt.date, str]]:
        if path not in self._found:
            self._found[path] = _directed(self.vault, path, self.channel)
        return self._found[path]


def log_conversations(
    vault: Summary,
    entries: Entries,
    channel: str,
    today: dt.date,
    hand_over: Callable[[Change], object],
    with_text: bool = True,
    planned: dict[str, bytes] | None = None,
    held: Held | None = None,
) -> tuple[int, int]:
    """Each entry that the person's note does not hold yet (a `channel` entry of that day and
    direction), written in one edit of each note; how many were written and how many were
    there already. `planned`: new notes a dry run of this import planned, by path. `held`:
    the notes' entries as the import read them already. A follow-up date stays: an export
    cannot say whether the user set it before its messages or after them."""
    by_person: dict[str, tuple[Person, list[tuple[dt.date, str]]]] = {}
    held = held or Held(vault, channel)
    known = logged = 0
    for (path, day, direction), found in entries.items():
        if (day, direction) in held(path):
            known += 1
            continue
        text = inert(found.text) if with_text else ""
        entry = log_entry(day, text, channel, direction, found.members, found.reply_to)
        by_person.setdefault(path, (found.person, []))[1].append((day, entry))
    for person, lines in by_person.values():  # one edit of each note, whatever its entries
        new = None if (vault.vault / person.path).exists() else (planned or {}).get(person.path)
        summary = f"import {channel}: {counted(len(lines), 'message')}"
        try:
            change = plan_entries(
                vault, person, today, lines, summary, keep_follow_up=True, planned=new
            )
        except (EditError, OSError):
            continue
        hand_over(change)
        logged += len(lines)
    return logged, known


def _key(name: str, url: str) -> str:
    """Who a participant of one conversation is: their name (an older export gives some
    messages' recipients without a profile), else their profile."""
    return fold(name) or profile_key(url) or ""


def _groups(found: list[Message], me: str | None) -> dict[str, list[tuple[str, str]]]:
    """The conversations with more than one other participant, each with its members other
    than me (name, profile URL), as they first appear."""
    members: dict[str, dict[str, tuple[str, str]]] = {}
    mine: set[str] = set()  # my own name, as the messages write it
    for message in found:
        for name, url in (message.sender, *message.recipients):
            if me and profile_key(url) == me:
                mine.add(_key(name, ""))
            else:
                members.setdefault(message.conversation, {}).setdefault(
                    _key(name, url), (name, url)
                )
    for them in members.values():
        for key in mine & them.keys():
            del them[key]
    return {
        conversation: list(them.values()) for conversation, them in members.items() if len(them) > 1
    }


def _first_line(content: str, limit: int = 80) -> str:
    line = one_line(content.strip().split("\n", 1)[0])
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _directed(vault: Summary, path: str, channel: str) -> set[tuple[dt.date, str]]:
    """The days and directions (`to`, `from`, `group`) of the note's entries on `channel`."""
    if not (vault.vault / path).is_file():
        return set()
    note = read_note(vault.vault, path, vault.config.channels)
    return {
        (entry.date, entry.direction)
        for entry in note.entries
        if entry.channel == channel and entry.direction
    }


@dataclass
class Calendar:
    """What an import of a calendar did, or would do."""

    logged: int = 0  # entries
    known: int = 0  # entries the notes had already
    planned: list[tuple[dt.date, str, str]] = field(default_factory=list)  # day, who, title
    crowded: int = 0  # events with too many attendees to be personal
    nobody: int = 0  # events with nobody of the vault


def import_meetings(
    vault: Summary,
    meetings: Iterable[Meeting],
    today: dt.date,
    hand_over: Callable[[Change], object],
    max_attendees: int = 8,
) -> Calendar:
    """A dated meeting entry for each person of the vault who attended each past occurrence
    (by email, else by exact name); the channel is the kind of meeting the title names
    (`Coffee with Ana`: coffee), else `meeting`: a calendar holds meetings, so `Email
    marketing sync` is a meeting, not an email. Future occurrences are listed as planned,
    not written; follow-up dates stay, as in `log_conversations`."""
    result = Calendar()
    matcher = Matcher(vault)
    by_person: dict[str, tuple[Person, dict[tuple[dt.date, str, str], str]]] = {}
    for meeting in meetings:
        if len(meeting.attendees) > max_attendees:
            result.crowded += 1
            continue
        people = {}
        for name, email in meeting.attendees:
            contact = Contact(name or email, emails=(email,) if "@" in email else ())
            if (person := matcher.match(contact).person) is not None:
                people[person.path] = person
        if not people:
            result.nobody += 1
            continue
        words = fold(meeting.title).split()
        channel = next((word for word in words if word in MEETINGS), "meeting")
        for person in people.values():
            if meeting.day > today:
                result.planned.append((meeting.day, person.name, meeting.title))
            else:
                text = inert(one_line(meeting.title or "meeting"))
                entry = log_entry(meeting.day, text, channel)
                by_person.setdefault(person.path, (person, {}))[1][meeting.day, channel, text] = (
                    entry
                )
    for person, wanted in by_person.values():  # one edit of each note, whatever its meetings
        held = _entries(vault, person.path)
        new = [(key[0], entry) for key, entry in wanted.items() if key not in held]
        result.known += len(wanted) - len(new)
        if new:
            summary = f"import ics: {counted(len(new), 'meeting')}"
            hand_over(plan_entries(vault, person, today, new, summary, keep_follow_up=True))
            result.logged += len(new)
    return result


def _entries(vault: Summary, path: str) -> set[tuple[dt.date, str | None, str]]:
    """The day, channel and text of each dated entry of a note: what a meeting's entry is
    told apart by."""
    note = read_note(vault.vault, path, vault.config.channels)
    return {(entry.date, entry.channel, entry.text) for entry in note.entries}
