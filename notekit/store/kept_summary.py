"""The vault summary kept between runs: answered at once when no note changed since the last
run, and after an edit by reading only the notes that changed.

What is derived from every note (notekit.store.derive) is kept in one more blob beside the
notes' records (notekit.store.kept), with the size and mtime of every file it was derived from
and a key made of the config and the daily-notes settings. When every file is as it was, the
kept summary is the answer and no shard is loaded. Otherwise only new and changed notes are
read, and their old facts are replaced by their new ones (`apply`), or the summary is derived
again from every note's facts when a link may lead elsewhere (a note added or removed, a
person renamed). Reading many notes uses both cores where that pays.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import pickle
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from notekit.core.model import DatedTask, Event, Opportunity, Person, Problem
from notekit.read.config import Config
from notekit.read.fields import FieldReader
from notekit.read.files import read_regular
from notekit.read.parse import digest_of
from notekit.read.vault import DailyNotes, NoteFile
from notekit.store import parallel
from notekit.store.derive import NoteFacts, apply, derive, facts_of, identity
from notekit.store.kept import (
    SETTLE_NS,
    SHARDS,
    NoteCache,
    Record,
    cache_dir,
    objects_kept,
    read_blob,
    shard_of,
    write_blob,
)
from notekit.store.links import NoteLink
from notekit.store.reading import PARALLEL_FROM, Listing, list_vault, read_bytes, read_record
from notekit.store.summary import LastWord, Summary

FILE_NAME = "summary.pickle"
PATCH_AT_MOST = 200  # changed notes to patch the kept summary with; more: derive it anew


TaskRow = tuple[str, str, int, str, dt.date]  # a DatedTask with its person's path
LinkRow = tuple[str, int | None, bool, bool, bool, bool]  # a NoteLink's fields
Stamp = tuple[int, int]  # a file's size and mtime_ns


@dataclass
class _Derived:
    """The summary as kept, with what it was derived from."""

    files_key: str
    stamps: dict[str, Stamp]  # of every note it was derived from
    people: list[str]  # paths, in the summary's order
    people_parts: list[bytes]  # the Persons, by shard, each pickled apart (`_pickled`)
    contact_dates: list[tuple[dt.date, ...]]  # of each of them
    tasks: list[TaskRow]
    problems: list[Problem]  # those of the listing first, then each note's in the files' order
    listed: int  # how many came from the listing
    mentioned_in: dict[str, list[str]]
    touches: dict[str, tuple[int, ...]]
    opportunities: dict[str, tuple[Opportunity, ...]]
    events: dict[str, Event]
    last_words: dict[str, LastWord]
    digests: dict[str, str]  # of every note's bytes it was derived from


# and after them, the links of each note, as plain tuples (`_link_rows`)
_FIELDS = tuple(field.name for field in dataclasses.fields(_Derived))


def vault_summary(vault: Path) -> Summary:
    """The summary of the vault as it is now; raises ConfigError for an unusable config."""
    return read_vault(vault).summary


class VaultRead(NamedTuple):
    """The summary, with what it was read from: the note files, what is kept of each note
    (`kept`) and the records read from disk on the way that were too new to be kept."""

    summary: Summary
    files: list[NoteFile]
    kept: NoteCache
    unsettled: dict[str, Record]


@dataclass
class InMemory:
    """What a long-running caller (`watch`) keeps of the vault from one read to the next, so
    that a read after an edit loads nothing from disk: each note's kept record, and the
    summary as derived (taken while a read uses it, given back when the read is done). The
    summary is written to the cache folder, for the commands run beside, when the caller
    says (`flush`): after what it read the vault for is done."""

    notes: NoteCache | None = None
    derived: _Kept | None = None
    unwritten: Callable[[], None] | None = None

    def flush(self) -> None:
        """Write the summary of the last read to the cache folder, if it is not there yet."""
        write, self.unwritten = self.unwritten, None
        if write is not None:
            write()


def read_vault(vault: Path, memory: InMemory | None = None, every_note: bool = False) -> VaultRead:
    """The summary of the vault as it is now, kept for the next run; raises ConfigError for an
    unusable config. `memory`: what a long-running caller keeps between reads (each part used
    when it is of this config), brought up to date here, the summary written when it flushes
    it; `every_note`: each note's kept record is loaded too, while the vault is listed, for a
    caller that will ask for every note."""
    folder = cache_dir(vault)
    caches: list[NoteCache] = []
    cache = memory.notes if memory is not None else None
    remembered = memory.derived if memory is not None else None
    if memory is not None:
        memory.derived = None  # a read that fails half-way leaves nothing half-changed

    def note_cache(config: Config) -> NoteCache:
        if not caches:
            reuse = cache is not None and cache.key == config.fingerprint
            caches.append(
                cache if cache is not None and reuse else NoteCache(folder, config.fingerprint)
            )
        return caches[0]

    def load(config: Config) -> _Kept | None:
        records = note_cache(config).load_all() if every_note else None
        stamp = _derived_stamp(vault, config)
        if remembered is not None and remembered.stamp == stamp:
            return _copied(remembered)
        if folder is None:
            return None
        found = read_blob(folder / FILE_NAME, stamp, len(_FIELDS) + 1)
        derived = _Derived(*found[:-1]) if found is not None else None
        if derived is None or len(derived.people_parts) != SHARDS:
            return None  # of another make: derived again
        return _unpickled(stamp, derived, found[-1], records)

    alongside = (
        remembered is None
        and folder is not None
        and ((folder / FILE_NAME).exists() or (every_note and NoteCache.kept_in(folder)))
    )
    unsettled: dict[str, Record] = {}
    with objects_kept():
        listing, loaded = list_vault(vault, load, alongside)
        config, files, _ = listing
        kept = note_cache(config)
        if memory is not None:
            memory.notes = kept
        files_key = _files_key(listing)
        if loaded is not None and loaded.derived.files_key == files_key:
            if memory is not None:
                memory.derived = loaded
            return VaultRead(_kept_summary(vault, listing, loaded), files, kept, unsettled)
        reader = FieldReader(config)
        daily = DailyNotes(vault, config)

        def to_facts(record: Record) -> NoteFacts:
            return facts_of(record, daily, reader)

        patched = _patched(vault, listing, loaded, kept, to_facts, unsettled) if loaded else None
        finish = parallel.nothing_left
        if patched is not None:
            summary, trusted, parts, digests = patched
        else:
            facts, trusted, parts, finish = _all_facts(vault, listing, kept, to_facts, unsettled)
            summary = derive(vault, listing, facts)
            digests = {path: found.digest for path, found in facts.items()}
            del facts  # what the summary does not hold of them is freed before it is kept
            kept.keep_only({file.path for file in files})
        kept.save()
    if trusted and (folder is not None or memory is not None):
        stamp = _derived_stamp(vault, config)
        derived = _derived_of(listing, files_key, summary, parts, digests)
        links = summary.note_links
        write = None if folder is None else functools.partial(_keep, folder, stamp, derived, links)
        if memory is not None:
            people = {person.path: person for person in summary.people}
            memory.derived = _Kept(stamp, derived, people, links)
            memory.unwritten = write
        elif write is not None:
            write()
    finish()  # the second process may still be writing its shards
    return VaultRead(summary, files, kept, unsettled)


Parts = list[bytes | None]  # pickled people of each shard; None: to be pickled from the summary


class _Kept(NamedTuple):
    """The summary as kept: the derived part, with what it was kept for (`_derived_stamp`),
    its people and each note's links (kept as plain tuples beside it, `_link_rows`)."""

    stamp: str
    derived: _Derived
    people: dict[str, Person]  # by path
    note_links: dict[str, tuple[NoteLink, ...]]


def _pickled(people: Iterable[Person], shards: Iterable[int]) -> dict[int, bytes]:
    """The people of these shards, each shard's pickled apart from the rest of the derived
    part: each process that reads half of the notes pickles the people of its half, at the
    same time as the other, and after an edit only the edited person's shard is pickled again."""
    by_shard: dict[int, dict[str, Person]] = {number: {} for number in shards}
    for person in people:
        by_shard[shard_of(person.path)][person.path] = person
    return {n: pickle.dumps(found, pickle.HIGHEST_PROTOCOL) for n, found in by_shard.items()}


def _unpickled(
    stamp: str,
    derived: _Derived,
    link_rows: dict[str, tuple[LinkRow, ...]],
    records: NoteCache | None,
) -> _Kept:
    """Done while the vault is listed: the people take the most time to load. With every
    note's record loaded (`records`), each person is the one of their note's record, kept of
    the very file the summary was derived from: the same Person, read once, not held twice (a
    hundred megabytes at 50,000 people). Only the shards of those without one are unpickled."""
    people: dict[str, Person] = {}
    shards: Iterable[int] = range(len(derived.people_parts))
    if records is not None:
        missing: set[int] = set()
        for path in derived.people:
            entry = records.entry(path)
            if entry is not None and entry[2][1] is not None and entry[:2] == derived.stamps[path]:
                people[path] = entry[2][1]
            else:
                missing.add(shard_of(path))
        shards = sorted(missing)
    for number in shards:
        people.update(pickle.loads(derived.people_parts[number]))
    return _Kept(stamp, derived, people, _note_links(link_rows))


def _link_rows(
    note_links: dict[str, tuple[NoteLink, ...]],
) -> dict[str, tuple[LinkRow, ...]]:
    """The links of every note as plain tuples, which pickle and unpickle in C: a NamedTuple
    pickles through a Python call each, and a vault of linked notes has a hundred thousand
    (a quarter of a second to write them, against a twentieth)."""
    return {path: tuple((*link,) for link in links) for path, links in note_links.items()}


def _note_links(rows: dict[str, tuple[LinkRow, ...]]) -> dict[str, tuple[NoteLink, ...]]:
    """`_link_rows` undone: each row made a NoteLink again by `tuple.__new__`, in C. The rows
    are taken out of `rows` as they are made links, so the two are never held whole at once."""
    new = tuple.__new__
    return {path: tuple([new(NoteLink, row) for row in rows.pop(path)]) for path in list(rows)}


def _copied(kept: _Kept) -> _Kept:
    """What a long-running caller kept, with tables of its own: `apply` changes a summary's in
    place, and neither what is kept nor a summary handed out before may change with it."""
    derived = dataclasses.replace(
        kept.derived,
        mentioned_in=dict(kept.derived.mentioned_in),
        touches=dict(kept.derived.touches),
        opportunities=dict(kept.derived.opportunities),
        events=dict(kept.derived.events),
        last_words=dict(kept.derived.last_words),
    )
    return kept._replace(derived=derived, note_links=dict(kept.note_links))


def _kept_summary(vault: Path, listing: Listing, loaded: _Kept) -> Summary:
    _, derived, kept, note_links = loaded
    people = {path: kept[path] for path in derived.people}
    dates = dict(zip(people, derived.contact_dates, strict=True))
    tasks = [DatedTask(people[row[0]], *row[1:]) for row in derived.tasks]
    return Summary(
        vault,
        listing[0],
        list(people.values()),
        listing[1],
        dates,
        tasks,
        derived.problems,
        derived.mentioned_in,
        note_links,
        derived.touches,
        derived.opportunities,
        derived.events,
        derived.last_words,
    )


def _derived_of(
    listing: Listing, files_key: str, summary: Summary, parts: Parts, digests: dict[str, str]
) -> _Derived:
    """The summary as it is kept, with what it was derived from."""
    missing = {number for number, part in enumerate(parts) if part is None}
    people = (p for p in summary.people if shard_of(p.path) in missing) if missing else ()
    pickled = _pickled(people, missing)
    return _Derived(
        files_key,
        {file.path: (file.size, file.mtime_ns) for file in listing[1]},
        [p.path for p in summary.people],
        [part if part is not None else pickled[n] for n, part in enumerate(parts)],
        [summary.contact_dates[p.path] for p in summary.people],
        [(t.person.path, t.source, t.line, t.text, t.due) for t in summary.tasks],
        summary.problems,
        len(listing[2]),
        summary.mentioned_in,
        summary.touches,
        summary.opportunities,
        summary.events,
        summary.last_words,
        digests,
    )


def _keep(
    folder: Path, stamp: str, derived: _Derived, note_links: dict[str, tuple[NoteLink, ...]]
) -> None:
    fields = (getattr(derived, name) for name in _FIELDS)
    with contextlib.suppress(OSError):  # a read-only cache folder only costs speed
        folder.mkdir(parents=True, exist_ok=True)
        # field by field: the pickle of each forgets its objects before the next
        write_blob(folder / FILE_NAME, stamp, *fields, _link_rows(note_links))


def _patched(
    vault: Path,
    listing: Listing,
    loaded: _Kept,
    kept: NoteCache,
    to_facts: Callable[[Record], NoteFacts],
    unsettled: dict[str, Record],
) -> tuple[Summary, bool, Parts, dict[str, str]] | None:
    """The kept summary brought up to date with a few changed notes, exactly as `derive` would
    make it, whether every note read was kept, the people's parts still good and the notes'
    digests; None when a change may move what links lead to (a note added or removed, a
    person's name or aliases changed), or when what was kept of a changed note is not what the
    summary was derived from: derive it all then. A note whose mtime alone changed (a
    checkout, a copy, a sync) is not changed: its bytes are the ones the summary knows."""
    derived = loaded.derived
    _, files, _ = listing
    if len(files) != len(derived.stamps):
        return None
    touched = [file for file in files if derived.stamps.get(file.path) != file[1:]]
    if any(file.path not in derived.stamps for file in touched):
        return None
    changed, settled = _content_changed(vault, touched, derived)
    if len(changed) > PATCH_AT_MOST:
        return None
    if not changed:
        restamped = apply(_kept_summary(vault, listing, loaded), derived.listed, listing, {}, {})
        parts: Parts = list(derived.people_parts)
        return restamped, settled, parts, derived.digests
    old: dict[str, NoteFacts] = {}
    for file in changed:
        entry = kept.entry(file.path)  # what the summary was derived from, whatever its mtime
        if entry is None or entry[2][0].digest != derived.digests.get(file.path):
            return None
        old[file.path] = to_facts(entry[2])
    fresh, trusted = _read(vault, listing[0], changed, kept, unsettled)
    new = {path: to_facts(record) for path, record in fresh.items()}
    digests = {**derived.digests, **{path: facts.digest for path, facts in new.items()}}
    for path, facts in new.items():
        if identity(old[path].person) != identity(facts.person):
            return None
    parts = list(derived.people_parts)
    for path, facts in new.items():
        if facts.person is not None:
            parts[shard_of(path)] = None  # a person changed: their shard's are pickled again
    summary = apply(_kept_summary(vault, listing, loaded), derived.listed, listing, old, new)
    return summary, trusted and settled, parts, digests


def _content_changed(
    vault: Path, touched: list[NoteFile], derived: _Derived
) -> tuple[list[NoteFile], bool]:
    """Of the notes whose size or mtime changed, those whose bytes changed too; and whether
    every one whose bytes are the same was saved long enough ago to be trusted with its new
    mtime. A note that cannot be read counts as changed: reading it will say why."""
    now = time.time_ns()
    changed = []
    settled = True
    for file in touched:
        if file.size != derived.stamps[file.path][0]:
            changed.append(file)
            continue
        try:
            raw = read_bytes(vault, file.path)
        except OSError:
            changed.append(file)
            continue
        if digest_of(raw) != derived.digests.get(file.path):
            changed.append(file)
        elif now - file.mtime_ns < SETTLE_NS:
            settled = False
    return changed, settled


def _all_facts(
    vault: Path,
    listing: Listing,
    kept: NoteCache,
    to_facts: Callable[[Record], NoteFacts],
    unsettled: dict[str, Record],
) -> tuple[dict[str, NoteFacts], bool, Parts, Callable[[], None]]:
    """Every note's facts, from what was kept and else from the file; whether every note read
    was kept; the people pickled by half when that was done on the way; and what to call
    before returning (a second process may still be writing what it read)."""
    config, files, _ = listing
    records: dict[str, Record] = {}
    stale = []
    for file in files:
        if (record := kept.get(file)) is not None:
            records[file.path] = record
        else:
            stale.append(file)
    if len(stale) < PARALLEL_FROM or not parallel.can_fork():
        fresh, trusted = _read(vault, config, stale, kept, unsettled)
        records.update(fresh)
        facts = {file.path: to_facts(records[file.path]) for file in files}
        return facts, trusted, [None] * SHARDS, parallel.nothing_left
    return _read_on_two_cores(vault, config, files, records, kept, to_facts, unsettled)


def _read_on_two_cores(
    vault: Path,
    config: Config,
    files: list[NoteFile],
    records: dict[str, Record],
    kept: NoteCache,
    to_facts: Callable[[Record], NoteFacts],
    unsettled: dict[str, Record],
) -> tuple[dict[str, NoteFacts], bool, Parts, Callable[[], None]]:
    """Many notes read on two cores, each process the notes of every other shard, and each
    writes the shards it read and pickles the people of its half: they are its own new objects
    (a forked child that walks its parent's pays for every page it touches). The child hands
    back its facts with the people pickled once, as they are kept, and then writes its shards
    while this process derives the summary; this process takes the child's records from disk
    only if a later step asks for them."""
    halves = kept.halves(files)

    def read_half(half: int) -> tuple[dict[str, NoteFacts], dict[int, bytes], bool]:
        stale = [file for file in halves[half] if file.path not in records]
        fresh, trusted = _read(vault, config, stale, kept, unsettled)  # the child's: its own
        facts = {
            file.path: to_facts(records.get(file.path) or fresh[file.path]) for file in halves[half]
        }
        people = (f.person for f in facts.values() if f.person is not None)
        return facts, _pickled(people, range(half, SHARDS, 2)), trusted

    def read_mine() -> tuple[dict[str, NoteFacts], dict[int, bytes], bool, Callable[[], None]]:
        facts, people, trusted = read_half(0)
        written = parallel.background(lambda: kept.save_half(0))
        kept.forget_half(0)  # written by a child of this process, from the same records
        return facts, people, trusted, written

    def read_theirs() -> tuple[dict[str, NoteFacts], dict[int, bytes], bool]:
        facts, people, trusted = read_half(1)
        return {path: f._replace(person=None) for path, f in facts.items()}, people, trusted

    (facts, mine, trusted, written), (handed, theirs, handed_trusted), finish = parallel.both_then(
        read_mine, read_theirs, lambda: kept.save_half(1)
    )
    kept.forget_half(1)  # written by the child that read them
    persons: dict[str, Person] = {}
    for part in theirs.values():
        persons.update(pickle.loads(part))
    for path, found in handed.items():
        facts[path] = found._replace(person=persons.get(path))

    def both_written() -> None:
        written()
        finish()

    parts = {**mine, **theirs}
    return facts, trusted and handed_trusted, [parts[n] for n in range(SHARDS)], both_written


def _read(
    vault: Path,
    config: Config,
    files: list[NoteFile],
    kept: NoteCache,
    unsettled: dict[str, Record],
) -> tuple[dict[str, Record], bool]:
    """Read and parse these notes and keep their records; and whether every one was kept (not
    one changed in the last seconds, which go to `unsettled`), so that a later run may rely on
    them."""
    now = time.time_ns()
    reader = FieldReader(config)
    records = {}
    trusted = True
    for file in files:
        record = kept.get(file)  # read by another command since the summary was kept
        if record is None:
            record = read_record(vault, reader, file, kept)
            if not kept.put(file, record, now):
                unsettled[file.path] = record
                trusted = False
        records[file.path] = record
    return records, trusted


def _derived_stamp(vault: Path, config: Config) -> str:
    """What the derived part depends on besides the notes themselves: the config, the Obsidian
    settings that say which notes are daily notes and templates, and its own shape (a kept
    summary of another shape is of no use, even within one version)."""
    shape = ",".join((*_FIELDS, "link_rows"))
    digest = hashlib.sha256(f"{shape}\0{config.fingerprint}".encode())
    for settings in (".obsidian/daily-notes.json", ".obsidian/templates.json"):
        try:
            digest.update(read_regular(vault / settings))
        except OSError:
            digest.update(b"-")
    return "summary:" + digest.hexdigest()


def _files_key(listing: Listing) -> str:
    _, files, problems = listing
    digest = hashlib.sha256()
    for file in files:
        digest.update(f"\0{file.path}\0{file.size}\0{file.mtime_ns}".encode())
    digest.update(repr(problems).encode())
    return digest.hexdigest()
