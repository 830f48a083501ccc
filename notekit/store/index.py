"""The vault read as a whole: notes, people, links resolved, interactions gathered (SPEC §2, §4).

Built once per command from the files (through the per-file cache); everything after this works
on the Index and never touches the disk again.
"""

from __future__ import annotations

import errno
import operator
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from notekit.core.model import ERROR, Interaction, ParsedNote, Person, Problem
from notekit.read.config import Config, load_config
from notekit.read.fields import KNOWN_FIELDS, FieldReader
from notekit.read.parse import MAX_NOTE_BYTES, parse_note
from notekit.read.vault import DailyNotes, NoteFile, discover
from notekit.store import parallel
from notekit.store.kept import NoteCache, Record, cache_dir, objects_kept

T = TypeVar("T")
_CHRONOLOGICAL = operator.itemgetter(0, 1, 2)  # Interaction: date, source, line
_DAY = operator.itemgetter(0)


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

    Built from paths and people alone, so that a vault summary (notekit.store.summary) resolves
    links exactly as the index does without holding any note."""

    def __init__(self, paths: Iterable[str], people: Iterable[Person]) -> None:
        self._by_stem: dict[str, list[str]] = {}
        self._by_name: dict[str, list[Person]] = {}
        self._person_at: dict[str, Person] = {}
        self._resolved: dict[str, LinkTarget] = {}
        for path in paths:
            stem = path.rsplit("/", 1)[-1][:-3].casefold()
            self._by_stem.setdefault(stem, []).append(path)
        for person in people:
            self._person_at[person.path] = person
            for name in {person.name.casefold(), *(a.casefold() for a in person.aliases)}:
                self._by_name.setdefault(name, []).append(person)

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


@dataclass
class Index:
    vault: Path
    config: Config
    notes: dict[str, ParsedNote]
    people: list[Person]  # sorted by name, case-insensitively
    problems: list[Problem]  # from reading files; `check` adds the vault-wide ones
    fields: FieldReader
    cache: NoteCache
    links: Resolver

    def person_at(self, path: str) -> Person | None:
        return self.links.person_at(path)

    def people_named(self, name: str) -> list[Person]:
        return self.links.people_named(name)

    def resolve(self, target: str) -> LinkTarget:
        return self.links.resolve(target)


Listing = tuple[Config, list[NoteFile], list[Problem]]


def list_vault(
    vault: Path, load: Callable[[Config], T], alongside: bool = True
) -> tuple[Listing, T]:
    """The config and the note files, with the problems met listing them; and what `load`
    makes of the config (what was kept from earlier runs), `alongside` on two cores: listing
    stats every note and loading unpickles what was kept of them, and neither needs the
    other. With nothing kept, a second process costs more than it saves."""
    config = load_config(vault, KNOWN_FIELDS)
    if not alongside:
        return (config, *discover(vault, config)), load(config)
    loaded, (files, problems) = parallel.both(lambda: load(config), lambda: discover(vault, config))
    return (config, files, problems), loaded


def build_index(vault: Path, cache: NoteCache | None = None) -> Index:
    """Read the vault; raises ConfigError for an unusable notekit.toml, nothing else.

    `cache` lets a long-running caller (watch) keep what was read in memory between builds;
    it is replaced by a fresh one when the config changed. The one used is `index.cache`.
    """

    def load(config: Config) -> NoteCache:
        if cache is not None and cache.key == config.fingerprint:
            return cache
        return NoteCache(cache_dir(vault), config.fingerprint)

    kept = cache is not None or NoteCache.kept_in(cache_dir(vault))
    with objects_kept():
        return _build(vault, *list_vault(vault, load, alongside=kept))


def _build(vault: Path, listing: Listing, cache: NoteCache) -> Index:
    config, files, problems = listing
    problems = list(problems)
    reader = FieldReader(config)
    notes: dict[str, ParsedNote] = {}
    people: list[Person] = []
    for file in files:
        record = cache.get(file)
        if record is None:
            record = read_record(vault, reader, file)
            cache.put(file, record)
        note, person, field_problems = record
        notes[file.path] = note
        problems.extend(note.problems)
        if person is not None:
            person.note = note  # a Person is kept without it (model.Person.__getstate__)
            person.interactions = []  # gathered anew below, from this build's notes
            people.append(person)
            problems.extend(field_problems)
    cache.keep_only(set(notes))
    cache.save()
    people.sort(key=lambda p: (p.name.casefold(), p.path))
    links = Resolver(notes, people)
    index = Index(vault, config, notes, people, problems, reader, cache, links)
    _gather_interactions(index, DailyNotes(vault, config))
    return index


def read_record(vault: Path, reader: FieldReader, file: NoteFile) -> Record:
    """Read and parse one note: the note without its raw front-matter, which every later step
    reads through the Person or `key_lines` (commands that edit a note read it afresh), and
    the Person its fields describe, with their problems."""
    note = _read(vault, file)
    person, problems = (
        reader.person(note) if note.readable and reader.is_person(note) else (None, [])
    )
    note.front_matter = {}
    return note, person, problems


def _read(vault: Path, file: NoteFile) -> ParsedNote:
    try:
        raw = _read_bytes(os.path.join(vault, file.path))
    except OSError as exc:
        note = ParsedNote(path=file.path, readable=False)
        note.problems.append(Problem(file.path, None, ERROR, f"cannot read: {exc.strerror}"))
        return note
    return parse_note(file.path, raw)


_READ_LIMIT = MAX_NOTE_BYTES + 1  # one byte more than parse_note keeps tells it to warn
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in must not block


def _read_bytes(path: str) -> bytes:
    """At most _READ_LIMIT bytes of a regular file, in reads sized by the file itself: a
    buffered `read(limit)` first sets aside the whole limit, which costs more than reading a
    note does."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        parts: list[bytes] = []
        total, expected = 0, info.st_size + 1  # asking one byte more finds a file that grew
        while total < _READ_LIMIT:
            chunk = os.read(fd, min(max(expected - total, 1 << 16), _READ_LIMIT - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


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


def mentioned(links: Resolver, found: list[tuple[str, T]]) -> Iterator[tuple[Person, T]]:
    """The people that a note's mentions (link target, what to record) resolve to, each once
    per note."""
    seen: set[str] = set()
    for target, what in found:
        person = links.resolve(target).person
        if person is not None and person.path not in seen:
            seen.add(person.path)
            yield person, what


def _gather_interactions(index: Index, daily: DailyNotes) -> None:
    for note in index.notes.values():
        owner = index.person_at(note.path)
        if owner is not None:
            owner.interactions.extend(note.entries)
            continue
        for person, interaction in mentioned(index.links, mentions(note, daily)):
            person.interactions.append(interaction)
    for person in index.people:
        # by day, note and line; a line is None only for a link in another note's front-matter,
        # which counts once per note and person, so it is never compared with a number
        person.interactions.sort(key=_CHRONOLOGICAL)
        person.contact_dates = tuple(map(_DAY, person.interactions))
