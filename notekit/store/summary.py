"""The vault summary: what most commands know of the vault without reading its notes.

A rule asks it in the terms of the note format (the people, each one's contact dates and
touches since a day, their opportunities, the notes that mention them, the open dated tasks)
and never learns how it is kept: how it is derived from the notes is notekit.store.derive, how
it is kept between runs notekit.store.kept_summary.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, TypeVar

from notekit.core.model import DatedTask, Event, Opportunity, Person, Problem, Touch
from notekit.core.names import given_name
from notekit.core.syntax import wikilink
from notekit.read.config import Config
from notekit.read.fields import FieldReader
from notekit.read.vault import NoteFile
from notekit.store.kept import remember_picks, remembered_picks
from notekit.store.links import LinkTarget, NoteLink, Resolver
from notekit.store.packed import answers, between, sent, unpack_touch
from notekit.store.reading import BodyLines, kept_by_note, read_line, ticked_links

T = TypeVar("T")


class LastWord(NamedTuple):
    """A person note's latest `from:` entry (the first of its day): what they last wrote to me,
    and where, so that "waiting on you" can quote it without reading the note."""

    date: dt.date
    line: int
    text: str


@dataclass
class Summary:
    """What every command knows of the vault without its notes: the people, the days each was
    in touch (from every note), the open dated tasks and the problems found reading files."""

    vault: Path
    config: Config
    people: list[Person]  # sorted by name, case-insensitively
    files: list[NoteFile]  # every note as listed (path, size, mtime), in the files' order
    contact_dates: dict[str, tuple[dt.date, ...]]  # by person path, sorted
    tasks: list[DatedTask]  # in the files' order
    problems: list[Problem]  # from reading files; `check` adds the vault-wide ones
    mentioned_in: dict[str, list[str]]  # person path -> daily and dated notes that mention them
    note_links: dict[str, tuple[NoteLink, ...]]  # note path -> links that may point at a person
    touches: dict[str, tuple[int, ...]]  # person path -> directed entries and meetings, packed
    opportunities: dict[str, tuple[Opportunity, ...]]  # person path -> their opportunities
    events: dict[str, Event]  # note path -> the note's date, title and tags
    last_words: dict[str, LastWord]  # person path -> their latest message in their note

    def touches_of(
        self, person: Person, since: dt.date | None = None, before: dt.date | None = None
    ) -> tuple[Touch, ...]:
        """The person's directed entries and meetings, by day: from `since` on, before
        `before`."""
        return tuple(map(unpack_touch, between(self.touches.get(person.path, ()), since, before)))

    def sent_on(self, person: Person, day: dt.date) -> bool:
        """Whether I wrote to them (`to:`) that day."""
        found = between(self.touches.get(person.path, ()), day, day + dt.timedelta(days=1))
        return any(map(sent, found))

    def wrote_last(self, person: Person) -> bool:
        """Whether the latest of their touches is my message (`to:`)."""
        packed = self.touches.get(person.path, ())
        return bool(packed) and sent(packed[-1])

    def last_answer(self, person: Person) -> dt.date | None:
        """The day of their latest message to me (`from:`) or of our latest meeting."""
        packed = self.touches.get(person.path, ())
        found = next((value for value in reversed(packed) if answers(value)), None)
        return None if found is None else unpack_touch(found).date

    @functools.cached_property
    def paths(self) -> list[str]:
        """Of every note, in the files' order."""
        return [file.path for file in self.files]

    @functools.cached_property
    def fields(self) -> FieldReader:
        return FieldReader(self.config)

    @functools.cached_property
    def names(self) -> dict[str, frozenset[str]]:
        """Each person's name, aliases and first name (of three letters or more), folded ->
        the paths of the people who have it: whom a text may be naming."""
        found: dict[str, set[str]] = {}
        for person in self.people:
            for name in (person.name, *person.aliases):
                found.setdefault(name.casefold(), set()).add(person.path)
                first = given_name(name)
                if len(first) > 2:
                    found.setdefault(first.casefold(), set()).add(person.path)
        return {name: frozenset(paths) for name, paths in found.items()}

    @functools.cached_property
    def links(self) -> Resolver:
        return Resolver(self.paths, self.people)

    def ticked_links(self, path: str) -> tuple[dt.date, list[str]]:
        """The day the note at `path` was last saved and the links of its done tasks (none
        when it is not there): what a week's note says was done."""
        return ticked_links(self.vault, path, self.config.channels)

    def by_note(
        self, name: str, version: int, make: Callable[[Person, BodyLines], T]
    ) -> dict[str, T]:
        """`make(person, their note's body lines)` for every person, by path: kept between
        runs as `name` (a word; `version` says how `make` works) with the config, and worked
        out again only for the notes that changed: a rule over every note's lines costs
        little the second time."""
        people = {person.path: person for person in self.people}
        stamp = f"{version}:{self.config.fingerprint}"
        files = [file for file in self.files if file.path in people]
        return kept_by_note(self.vault, name, stamp, files, lambda p, ls: make(people[p], ls))

    def line_of(self, person: Person, number: int) -> str:
        """Line `number` of the person's note as it is now ("" when there is no such line)."""
        return read_line(self.vault, person.path, number)

    def picked(self, key: str) -> list[str] | None:
        """The paths of the people a week's plan (`key`) picked first, when it was asked for."""
        return remembered_picks(self.vault, key)

    def keep_picked(self, key: str, paths: list[str]) -> None:
        remember_picks(self.vault, key, paths)

    def person_at(self, path: str) -> Person | None:
        return self.links.person_at(path)

    def people_named(self, name: str) -> list[Person]:
        return self.links.people_named(name)

    def resolve(self, target: str) -> LinkTarget:
        return self.links.resolve(target)

    def link_to(self, person: Person) -> str:
        """A wikilink that leads to the person's note, with their name shown."""
        return wikilink(self.links.target_of(person.path), person.name)

    def events_between(self, after: dt.date, until: dt.date) -> dict[str, Event]:
        """The events after `after`, up to `until`, by note path (in the files' order)."""
        days, ordered = self._events_by_date
        found = ordered[bisect.bisect_right(days, after) : bisect.bisect_right(days, until)]
        return {path: self.events[path] for _, path in sorted(found)}

    @functools.cached_property
    def _events_by_date(self) -> tuple[list[dt.date], list[tuple[int, str]]]:
        """The events' days in order, and for each its place among the notes and its path: a
        person page asks for the week's events of its person alone, among thousands."""
        place = {path: n for n, path in enumerate(self.events)}
        ordered = sorted(self.events.items(), key=lambda item: item[1].date)
        return [e.date for _, e in ordered], [(place[path], path) for path, _ in ordered]

    def contact_dates_of(self, person: Person) -> tuple[dt.date, ...]:
        return self.contact_dates.get(person.path, ())

    def tasks_of(self, person: Person) -> list[DatedTask]:
        """The open dated tasks that name the person, in the files' order."""
        return self._tasks_by_person.get(person.path, [])

    @functools.cached_property
    def _tasks_by_person(self) -> dict[str, list[DatedTask]]:
        found: dict[str, list[DatedTask]] = {}
        for task in self.tasks:
            found.setdefault(task.person.path, []).append(task)
        return found
