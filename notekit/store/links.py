"""What `[[links]]` and names lead to, resolved over the whole vault as Obsidian resolves them;
and what other notes say of a person through them: contacts on a day, open dated tasks."""

from __future__ import annotations

import functools
import operator
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from notekit.core.model import DatedTask, Event, Interaction, ParsedNote, Person, Task
from notekit.core.syntax import GROUP
from notekit.read.fields import FieldReader
from notekit.read.vault import DailyNotes

T = TypeVar("T")
# Interactions by day, note and line; a line is None only for a link in another note's
# front-matter, which counts once per note and person, so it is never compared with a number
CHRONOLOGICAL = operator.itemgetter(0, 1, 2)  # Interaction: date, source, line


@dataclass(frozen=True)
class LinkTarget:
    """What a `[[link]]` points at: a person, some other note, several people, or nothing."""

    person: Person | None = None
    note: str | None = None
    candidates: list[Person] = field(default_factory=list)

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1

    @property
    def broken(self) -> bool:
        return self.note is None and not self.candidates


class Resolver:
    """Who or what a name or link target means, over the vault's note paths and people.

    Built from paths and people alone, so that a vault summary (notekit.store.derive)
    resolves links exactly as the index does without holding any note."""

    def __init__(self, paths: Collection[str], people: Iterable[Person]) -> None:
        self._paths = paths
        self._person_at: dict[str, Person] = {person.path: person for person in people}
        self._resolved: dict[str, LinkTarget] = {}

    @functools.cached_property
    def _by_stem(self) -> dict[str, list[str]]:
        """Note paths by file name, folded: built when a name is first looked up, as a command
        that only finds people by path never needs it."""
        found: dict[str, list[str]] = {}
        for path in self._paths:
            found.setdefault(path.rsplit("/", 1)[-1][:-3].casefold(), []).append(path)
        return found

    @functools.cached_property
    def _by_name(self) -> dict[str, list[Person]]:
        found: dict[str, list[Person]] = {}
        for person in self._person_at.values():
            for name in {person.name.casefold(), *(a.casefold() for a in person.aliases)}:
                found.setdefault(name, []).append(person)
        return found

    def person_at(self, path: str) -> Person | None:
        return self._person_at.get(path)

    def people_named(self, name: str) -> list[Person]:
        """People whose name, alias or file stem is `name`, ignoring case."""
        key = name.strip().casefold()
        found = {p.path: p for p in self._by_name.get(key, [])}
        for path in self._by_stem.get(key, []):
            if path in self._person_at:
                found.setdefault(path, self._person_at[path])
        return list(found.values())

    def target_of(self, path: str) -> str:
        """The shortest link target that leads to the note at `path` (one being written counts
        too): its file name when nothing else answers to it, else its path without `.md`."""
        stem = path.rsplit("/", 1)[-1][:-3]
        paths = self._by_stem.get(stem.casefold(), [])
        alone = paths == [path] or (not paths and stem.casefold() not in self._by_name)
        return stem if alone else path[:-3]

    def resolve(self, target: str) -> LinkTarget:
        """Resolve a link target as Obsidian does: file path or stem first, then aliases.
        Each target is resolved once: the same names come back from every note, and the
        index, the checks and the report each follow every link."""
        found = self._resolved.get(target)
        if found is None:
            found = self._resolved[target] = self._resolve(target)
        return found

    def _resolve(self, target: str) -> LinkTarget:
        key = target.strip().casefold()
        if key.endswith(".md"):
            key = key[:-3]
        stem = key.rsplit("/", 1)[-1]
        paths = self._by_stem.get(stem, [])
        if "/" in key:  # `[[folder/Stem]]`: the notes of that stem whose path ends so
            paths = [
                p for p in paths if (bare := p[:-3].casefold()) == key or bare.endswith("/" + key)
            ]
        if len(paths) == 1:
            return LinkTarget(person=self._person_at.get(paths[0]), note=paths[0])
        people = [self._person_at[p] for p in paths if p in self._person_at]
        if not paths:
            people = self._by_name.get(key, [])
        if len(people) == 1:
            return LinkTarget(person=people[0], note=people[0].path, candidates=people)
        return LinkTarget(candidates=people, note=paths[0] if paths and not people else None)


def dated_tasks(links: Resolver, source: str, tasks: Iterable[Task]) -> list[DatedTask]:
    """The open dated tasks of one note, each for the person whose note it is, else for every
    person it links to."""
    owner = links.person_at(source)
    found = []
    for task in tasks:
        if task.done or task.due is None:
            continue
        if owner is not None:
            people = [owner]
        else:
            people = [p for t in task.links if (p := links.resolve(t).person) is not None]
        for person in {p.path: p for p in people}.values():
            found.append(DatedTask(person, source, task.line, task.text, task.due))
    return found


def mentions(note: ParsedNote, daily: DailyNotes) -> list[tuple[str, Interaction]]:
    """The contacts a note other than a person's records (SPEC §4): for a daily note or a note
    with a date, each link that counts, as (link target, interaction on that day)."""
    if not note.readable:
        return []
    date, kind = daily.date_of(note.path), "daily"
    if date is None:
        date, kind = note.date, "dated-note"
    if date is None:
        return []
    return [
        (
            link.target,
            Interaction(
                date,
                note.path,
                link.line or None,
                kind,
                None,
                note.title or note.stem if link.in_front_matter else link.context,
            ),
        )
        for link in note.links
        if link.counts_as_contact
    ]


def event_of(note: ParsedNote, daily: DailyNotes) -> Event | None:
    """A note with a front-matter date that is not a daily note, as an event: a meeting held,
    or one ahead that people will both be at."""
    if note.date is None or not note.readable or daily.date_of(note.path) is not None:
        return None
    return Event(
        note.date, note.title or note.stem, tuple(dict.fromkeys(note.front_tags + note.tags))
    )


def mentioned(links: Resolver, found: list[tuple[str, T]]) -> Iterator[tuple[Person, T]]:
    """The people that a note's mentions (link target, what to record) resolve to, each once
    per note."""
    seen: set[str] = set()
    for target, what in found:
        person = links.resolve(target).person
        if person is not None and person.path not in seen:
            seen.add(person.path)
            yield person, what


def interactions_from(
    person: Person, note: ParsedNote, mentioning: Iterable[Iterable[tuple[Person, Interaction]]]
) -> list[Interaction]:
    """A person's interactions, oldest first: the dated entries of their `note`, and what the
    notes that mention them say of them on their day (each note's mentions as `mentioned`
    resolves them)."""
    found = list(note.entries)
    for said in mentioning:
        found.extend(interaction for p, interaction in said if p.path == person.path)
    found.sort(key=CHRONOLOGICAL)
    return found


class NoteLink(NamedTuple):
    """A link of a note that may point at a person, as the vault-wide checks need it."""

    target: str
    line: int | None
    names_person: bool  # in a front-matter value, a dated entry or a task: it should resolve
    in_dated_note: bool  # of a daily or meeting note, where links are mostly to people
    in_group: bool = False  # on a group entry (`linkedin group with [[…]]`): the members
    in_meeting: bool = False  # on a meeting entry of a person's note: who else was there


def note_links(note: ParsedNote, reader: FieldReader, daily: DailyNotes) -> tuple[NoteLink, ...]:
    """The links of a note that may point at a person: not those in code, nor the note's
    `categories: [[People]]`, which names a category."""
    if not note.links:
        return ()
    people_lines = {e.line for e in note.entries} | {t.line for t in note.tasks}
    group_lines = {e.line for e in note.entries if e.direction == GROUP}
    meeting_lines = {e.line for e in note.entries if e.meeting and e.direction != GROUP}
    category_line = None
    if any(link.in_front_matter for link in note.links):
        category_key = reader.key_for(note, "categories")
        category_line = note.key_lines.get(category_key) if category_key else None
    dated = note.date is not None or daily.date_of(note.path) is not None
    return tuple(
        NoteLink(
            link.target,
            link.line or None,
            link.in_front_matter or link.line in people_lines,
            dated,
            link.line in group_lines,
            link.line in meeting_lines,
        )
        for link in note.links
        if not link.in_code and not (link.in_front_matter and link.line == category_line)
    )
