"""The vault read as a whole: every note, besides what the summary holds (SPEC §2, §4).

Built once per command from the kept state of each note (notekit.store.kept) and the files that
changed; everything after this works on the Index and never touches the disk again. An Index is
a Summary (notekit.store.summary) with the notes themselves and each person's interactions, so
that whatever takes a Summary takes an Index too.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notekit.core.model import (
    Interaction,
    ParsedNote,
    Person,
    Problem,
)
from notekit.read.config import Config
from notekit.read.fields import FieldReader
from notekit.read.vault import DailyNotes, NoteFile
from notekit.store import parallel
from notekit.store.derive import last_word_of
from notekit.store.kept import NoteCache, cache_dir, objects_kept
from notekit.store.links import (
    CHRONOLOGICAL,
    DatedTask,
    Resolver,
    dated_tasks,
    event_of,
    mentioned,
    mentions,
    note_links,
    touches_of,
)
from notekit.store.reading import PARALLEL_FROM, Listing, Record, list_vault, read_record
from notekit.store.summary import Summary

_DAY = operator.itemgetter(0)


@dataclass
class Index(Summary):
    notes: dict[str, ParsedNote]
    interactions: dict[str, list[Interaction]]  # by person path, chronological

    def note_of(self, person: Person) -> ParsedNote:
        return self.notes[person.path]

    def interactions_of(self, person: Person) -> list[Interaction]:
        return self.interactions[person.path]

    @functools.cached_property
    def open_tasks(self) -> list[DatedTask]:
        """Open dated tasks in people's notes, and in other notes where they link to a person;
        in the files' order."""
        return [
            found
            for note in self.notes.values()
            for found in dated_tasks(self.links, note.path, note.tasks)
        ]


class _LazyTouches(dict[str, tuple[int, ...]]):
    """The index's packed touches, each person's worked out when first asked for: a person
    page needs its person's alone, and the week page asks for everyone's once each. As the
    summary's, it holds only people with touches."""

    def __init__(self, interactions: dict[str, list[Interaction]]) -> None:
        super().__init__()
        self._unpacked = dict(interactions)  # those not yet packed

    def _pack(self, key: str) -> None:
        them = self._unpacked.pop(key, None)
        if them is not None and (found := touches_of({key: them}).get(key)):
            super().__setitem__(key, found)

    def _fill(self) -> None:
        for key in list(self._unpacked):
            self._pack(key)

    def get(self, key: str, default: Any = None) -> Any:  # noqa: ANN401 - as dict.get
        self._pack(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> tuple[int, ...]:
        self._pack(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self._pack(key)
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        self._fill()
        return super().__iter__()

    def __len__(self) -> int:
        self._fill()
        return super().__len__()


def build_index(vault: Path) -> Index:
    """Read the vault; raises ConfigError for an unusable notekit.toml, nothing else."""
    return index_kept_in(vault, None)[0]


def index_kept_in(vault: Path, cache: NoteCache | None) -> tuple[Index, NoteCache]:
    """The index, and what was read kept in memory, for a long-running caller (watch) to hand
    back next time: only what changed is read then. A cache of another config is replaced by
    a fresh one."""

    def load(config: Config) -> NoteCache:
        if cache is not None and cache.key == config.fingerprint:
            return cache
        return NoteCache(cache_dir(vault), config.fingerprint).load_all()

    kept = cache is not None or NoteCache.kept_in(cache_dir(vault))
    with objects_kept():
        listing, used = list_vault(vault, load, alongside=kept)
        return _build(vault, listing, used), used


def _build(vault: Path, listing: Listing, cache: NoteCache) -> Index:
    config, files, problems = listing
    kept = {file.path: record for file in files if (record := cache.get(file)) is not None}
    stale = [file for file in files if file.path not in kept]
    fresh = _read_records(vault, FieldReader(config), stale, cache)
    for file in stale:
        cache.put(file, fresh[file.path])
    records = [kept.get(file.path) or fresh[file.path] for file in files]
    index = assemble(vault, config, records, problems)
    cache.keep_only(set(index.notes))
    cache.save()
    return index


def _read_records(
    vault: Path, reader: FieldReader, files: list[NoteFile], cache: NoteCache
) -> dict[str, Record]:
    """The records of these notes, read from disk; thousands of them (a first build) half in a
    second process, which hands its records back (`due`'s summary does the same with facts)."""

    def read(part: list[NoteFile]) -> dict[str, Record]:
        return {file.path: read_record(vault, reader, file, cache) for file in part}

    if len(files) < PARALLEL_FROM or not parallel.can_fork():
        return read(files)
    mine, theirs = parallel.both(lambda: read(files[::2]), lambda: read(files[1::2]))
    return {**mine, **theirs}


def assemble(vault: Path, config: Config, records: list[Record], listed: list[Problem]) -> Index:
    """The index of these notes' records, in the files' order (`listed`: the problems met
    listing them): people sorted, links resolved, interactions gathered."""
    problems = list(listed)
    notes: dict[str, ParsedNote] = {}
    people: list[Person] = []
    for note, person, field_problems in records:
        notes[note.path] = note
        problems.extend(note.problems)
        if person is not None:
            people.append(person)
            problems.extend(field_problems)
    people.sort(key=lambda p: (p.name.casefold(), p.path))
    links = Resolver(notes, people)
    persons = {person.path for person in people}
    daily = DailyNotes(vault, config)
    interactions, sources = _gather_interactions(notes, links, people, daily)
    contact_dates = {path: tuple(map(_DAY, found)) for path, found in interactions.items()}
    reader = FieldReader(config)
    linked = {
        path: found for path, note in notes.items() if (found := note_links(note, reader, daily))
    }
    index = Index(
        vault,
        config,
        people,
        list(notes),
        contact_dates,
        [],
        problems,
        sources,
        linked,
        _LazyTouches(interactions),
        {p.path: tuple(chances) for p in people if (chances := notes[p.path].opportunities)},
        {
            path: event
            for path, note in notes.items()
            if note.date is not None and (event := event_of(note, daily)) and path not in persons
        },
        {p.path: said for p in people if (said := last_word_of(notes[p.path]))},
        notes=notes,
        interactions=interactions,
    )
    index.links = links
    index.tasks = index.open_tasks
    return index


def _gather_interactions(
    notes: dict[str, ParsedNote], links: Resolver, people: list[Person], daily: DailyNotes
) -> tuple[dict[str, list[Interaction]], dict[str, list[str]]]:
    """Each person's interactions, and the daily and dated notes that mention each."""
    found: dict[str, list[Interaction]] = {person.path: [] for person in people}
    sources: dict[str, list[str]] = {}
    for note in notes.values():
        if note.path in found:
            found[note.path].extend(note.entries)
            continue
        for person, interaction in mentioned(links, mentions(note, daily)):
            found[person.path].append(interaction)
            sources.setdefault(person.path, []).append(note.path)
    for interactions in found.values():
        interactions.sort(key=CHRONOLOGICAL)
    return found, sources
