"""The vault summary: what most commands need, answered at once when no note changed since
the last run, and after an edit by reading only the notes that changed.

What each note adds to the picture (`NoteFacts`: the person its fields describe, the dates of
its own entries, the people it mentions on a day, its open dated tasks, its links that may
point at a person, its problems) comes from the note's kept record (notekit.store.kept), the
same record every command reads. What is derived from every note (the people in order, each
one's contact dates, the notes that mention each, the tasks, the links, the problems) is kept
in one more blob, with the size and mtime of every file
it was derived from and a key made of the config and the daily-notes settings. When every
file is as it was, the kept summary is the answer and no shard is loaded. Otherwise only new
and changed notes are read, and the summary is patched from the facts of those notes alone,
or derived again from every note's facts when a link may lead elsewhere (a note added or
removed, a person renamed). Reading many notes uses both cores where that pays.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import hashlib
import pickle
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from notekit.core.model import (
    Event,
    Opportunity,
    ParsedNote,
    Person,
    Problem,
    Task,
    Touch,
)
from notekit.core.syntax import wikilink
from notekit.read.config import Config
from notekit.read.fields import FieldReader
from notekit.read.vault import DailyNotes, NoteFile
from notekit.store import parallel
from notekit.store.kept import (
    SHARDS,
    NoteCache,
    Record,
    cache_dir,
    objects_kept,
    read_blob,
    shard_of,
    write_blob,
)
from notekit.store.links import (
    DatedTask,
    LinkTarget,
    NoteLink,
    Resolver,
    dated_tasks,
    event_of,
    mentioned,
    mentions,
    note_links,
)
from notekit.store.packed import answers, between, pack_touch, sent, unpack_touch
from notekit.store.reading import Listing, list_vault, read_record, ticked_links

FILE_NAME = "summary.pickle"
PATCH_AT_MOST = 200  # changed notes to patch the kept summary with; more: derive it anew
PARALLEL_FROM = 2000  # notes to read before a second process pays for its start and hand-over


@dataclass
class Summary:
    """What every command knows of the vault without its notes: the people, the days each was
    in touch (from every note), the open dated tasks and the problems found reading files."""

    vault: Path
    config: Config
    people: list[Person]  # sorted by name, case-insensitively
    paths: list[str]  # of every note, in the files' order
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
                first = name.split()[0] if name.split() else ""
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

    def person_at(self, path: str) -> Person | None:
        return self.links.person_at(path)

    def people_named(self, name: str) -> list[Person]:
        return self.links.people_named(name)

    def resolve(self, target: str) -> LinkTarget:
        return self.links.resolve(target)

    def link_to(self, person: Person) -> str:
        """A wikilink that leads to the person's note, with their name shown."""
        return wikilink(self.links.target_of(person.path), person.name)

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


class LastWord(NamedTuple):
    """A person note's latest `from:` entry (the first of its day): what they last wrote to me,
    and where, so that "waiting on you" can quote it without reading the note."""

    date: dt.date
    line: int
    text: str


LAST_WORD_CHARS = 200  # of its text, kept


def last_word_of(note: ParsedNote) -> LastWord | None:
    theirs = [e for e in note.entries if e.direction == "from" and e.line is not None]
    if not theirs:
        return None
    latest = max(e.date for e in theirs)
    first = min((e for e in theirs if e.date == latest), key=lambda e: e.line or 0)
    return LastWord(latest, first.line or 0, first.text[:LAST_WORD_CHARS])


class NoteFacts(NamedTuple):
    """What one note adds to the summary, taken from its record."""

    person: Person | None
    entry_dates: tuple[dt.date, ...]  # of a person note's own dated entries
    mentions: list[tuple[str, Touch]]  # link target and day (a meeting: of a dated note)
    tasks: list[Task]  # open and dated
    problems: list[Problem]
    links: tuple[NoteLink, ...]
    touches: tuple[Touch, ...]  # of a person note's entries with a direction or a meeting
    opportunities: tuple[Opportunity, ...]  # of a person note
    event: Event | None  # of a note with a front-matter date that is not a daily note
    last_word: LastWord | None  # of a person note


def facts_of(record: Record, daily: DailyNotes, reader: FieldReader) -> NoteFacts:
    note, person, field_problems = record
    return NoteFacts(
        person,
        tuple(e.date for e in note.entries) if person else (),
        [] if person else [(t, Touch(i.date, None, i.meeting)) for t, i in mentions(note, daily)],
        [t for t in note.tasks if not t.done and t.due is not None],
        note.problems + field_problems,
        note_links(note, reader, daily),
        tuple(found for e in note.entries if (found := e.touch())) if person else (),
        tuple(note.opportunities) if person else (),
        None if person else event_of(note, daily),
        last_word_of(note) if person else None,
    )


TaskRow = tuple[str, str, int, str, dt.date]  # a DatedTask with its person's path
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
    note_links: dict[str, tuple[NoteLink, ...]]
    touches: dict[str, tuple[int, ...]]
    opportunities: dict[str, tuple[Opportunity, ...]]
    events: dict[str, Event]
    last_words: dict[str, LastWord]


def vault_summary(vault: Path) -> Summary:
    """The summary of the vault as it is now; raises ConfigError for an unusable config."""
    folder = cache_dir(vault)

    def load(config: Config) -> _Kept | None:
        found = read_blob(folder / FILE_NAME, _derived_stamp(vault, config)) if folder else None
        if not isinstance(found, _Derived) or len(found.people_parts) != SHARDS:
            return None  # of another make: derived again
        return _unpickled(found)

    alongside = folder is not None and (folder / FILE_NAME).exists()
    with objects_kept():
        listing, derived = list_vault(vault, load, alongside)
        config, files, _ = listing
        files_key = _files_key(listing)
        if derived is not None and derived[0].files_key == files_key:
            return _kept_summary(vault, listing, derived)
        kept = NoteCache(folder, config.fingerprint)
        reader = FieldReader(config)
        daily = DailyNotes(vault, config)

        def to_facts(record: Record) -> NoteFacts:
            return facts_of(record, daily, reader)

        patched = _patched(vault, listing, derived, kept, to_facts) if derived else None
        finish = parallel.nothing_left
        if patched is not None:
            summary, trusted, parts = patched
        else:
            facts, trusted, parts, finish = _all_facts(vault, listing, kept, to_facts)
            summary = derive(vault, listing, facts)
            kept.keep_only({file.path for file in files})
        kept.save()
    if folder is not None and trusted:
        _keep(folder, _derived_stamp(vault, config), listing, files_key, summary, parts)
    finish()  # the second process may still be writing its shards
    return summary


Parts = list[bytes | None]  # pickled people of each shard; None: to be pickled from the summary
_Kept = tuple[_Derived, dict[str, Person]]  # the derived part, and its people by path


def _pickled(people: Iterable[Person], shards: Iterable[int]) -> dict[int, bytes]:
    """The people of these shards, each shard's pickled apart from the rest of the derived
    part: each process that reads half of the notes pickles the people of its half, at the
    same time as the other, and after an edit only the edited person's shard is pickled again."""
    by_shard: dict[int, dict[str, Person]] = {number: {} for number in shards}
    for person in people:
        by_shard[shard_of(person.path)][person.path] = person
    return {n: pickle.dumps(found, pickle.HIGHEST_PROTOCOL) for n, found in by_shard.items()}


def _unpickled(derived: _Derived) -> _Kept:
    """Done while the vault is listed: the people take the most time to load."""
    people: dict[str, Person] = {}
    for part in derived.people_parts:
        people.update(pickle.loads(part))
    return derived, people


def _kept_summary(vault: Path, listing: Listing, loaded: _Kept) -> Summary:
    derived, kept = loaded
    people = {path: kept[path] for path in derived.people}
    dates = dict(zip(people, derived.contact_dates, strict=True))
    tasks = [DatedTask(people[row[0]], *row[1:]) for row in derived.tasks]
    paths = [file.path for file in listing[1]]
    return Summary(
        vault,
        listing[0],
        list(people.values()),
        paths,
        dates,
        tasks,
        derived.problems,
        derived.mentioned_in,
        derived.note_links,
        derived.touches,
        derived.opportunities,
        derived.events,
        derived.last_words,
    )


def _keep(
    folder: Path, stamp: str, listing: Listing, files_key: str, summary: Summary, parts: Parts
) -> None:
    missing = {number for number, part in enumerate(parts) if part is None}
    people = (p for p in summary.people if shard_of(p.path) in missing) if missing else ()
    pickled = _pickled(people, missing)
    people_parts = [part if part is not None else pickled[n] for n, part in enumerate(parts)]
    derived = _Derived(
        files_key,
        {file.path: (file.size, file.mtime_ns) for file in listing[1]},
        [p.path for p in summary.people],
        people_parts,
        [summary.contact_dates[p.path] for p in summary.people],
        [(t.person.path, t.source, t.line, t.text, t.due) for t in summary.tasks],
        summary.problems,
        len(listing[2]),
        summary.mentioned_in,
        summary.note_links,
        summary.touches,
        summary.opportunities,
        summary.events,
        summary.last_words,
    )
    with contextlib.suppress(OSError):  # a read-only cache folder only costs speed
        folder.mkdir(parents=True, exist_ok=True)
        write_blob(folder / FILE_NAME, stamp, derived)


def _patched(
    vault: Path,
    listing: Listing,
    loaded: _Kept,
    kept: NoteCache,
    to_facts: Callable[[Record], NoteFacts],
) -> tuple[Summary, bool, Parts] | None:
    """The kept summary brought up to date with a few changed notes, exactly as `derive` would
    make it, whether every note read was kept, and the people's parts still good; None when a
    change may move what links lead to (a note added or removed, a person's name or aliases
    changed), or when what was kept of a changed note is not what the summary was derived from:
    derive it all then."""
    derived = loaded[0]
    _, files, _ = listing
    if len(files) != len(derived.stamps):
        return None
    changed = [file for file in files if derived.stamps.get(file.path) != file[1:]]
    if len(changed) > PATCH_AT_MOST or any(file.path not in derived.stamps for file in changed):
        return None
    old: dict[str, NoteFacts] = {}
    for file in changed:
        entry = kept.entry(file.path)
        if entry is None or entry[:2] != derived.stamps[file.path]:
            return None
        old[file.path] = to_facts(entry[2])
    fresh, trusted = _read(vault, listing[0], changed, kept)
    new = {path: to_facts(record) for path, record in fresh.items()}
    for path, facts in new.items():
        if _identity(old[path].person) != _identity(facts.person):
            return None
    parts: Parts = list(derived.people_parts)
    for path, facts in new.items():
        if facts.person is not None:
            parts[shard_of(path)] = None  # a person changed: their shard's are pickled again
    summary = _patch(_kept_summary(vault, listing, loaded), listing, derived, old, new)
    return summary, trusted, parts


def _patch(
    before: Summary,
    listing: Listing,
    derived: _Derived,
    old: dict[str, NoteFacts],
    new: dict[str, NoteFacts],
) -> Summary:
    """`before` (just loaded, and changed in place) with the changed notes' facts `old`
    replaced by `new`."""
    _, files, listed_problems = listing
    changed = {path: facts.person for path, facts in new.items() if facts.person is not None}

    def person(found: Person) -> Person:
        return changed.get(found.path, found)

    @functools.cache
    def position() -> dict[str, int]:
        return {file.path: n for n, file in enumerate(files)}

    counts: dict[str, Counter[dt.date]] = {}
    touch_counts: dict[str, Counter[int]] = {}
    sources = before.mentioned_in

    def count(path: str, dates: Iterable[dt.date], sign: int) -> None:
        counted = counts.setdefault(path, Counter(before.contact_dates[path]))
        for date in dates:
            counted[date] += sign

    def count_touches(path: str, found: Iterable[Touch], sign: int) -> None:
        counted = touch_counts.setdefault(path, Counter(before.touches.get(path, ())))
        for touch in found:
            counted[pack_touch(touch)] += sign

    for path, facts in new.items():
        was = old[path]
        if facts.person is not None:
            count(path, was.entry_dates, -1)
            count(path, facts.entry_dates, +1)
            count_touches(path, was.touches, -1)
            count_touches(path, facts.touches, +1)
            _put(before.opportunities, path, facts.opportunities)
            _put(before.last_words, path, facts.last_word)
        _put(before.events, path, facts.event)
        for found, sign in ((was, -1), (facts, +1)):
            for mentioned_person, touch in mentioned(before.links, found.mentions):
                count(mentioned_person.path, [touch.date], sign)
                if touch.meeting:
                    count_touches(mentioned_person.path, [touch], sign)
        for mentioned_person, _ in mentioned(before.links, was.mentions):
            sources[mentioned_person.path].remove(path)
        for mentioned_person, _ in mentioned(before.links, facts.mentions):
            sources.setdefault(mentioned_person.path, []).append(path)
            sources[mentioned_person.path].sort(key=position().__getitem__)
        if facts.links:
            before.note_links[path] = facts.links
        else:
            before.note_links.pop(path, None)
    for path, counted in counts.items():
        before.contact_dates[path] = tuple(sorted(counted.elements()))
    for path, touched in touch_counts.items():
        _put(before.touches, path, tuple(sorted(touched.elements())))
    for path in [path for path, found in sources.items() if not found]:
        del sources[path]
    tasks = [
        DatedTask(person(t.person), t.source, t.line, t.text, t.due)
        for t in before.tasks
        if t.source not in new
    ]
    if any(old[path].tasks or facts.tasks for path, facts in new.items()):
        for path, facts in new.items():
            for t in dated_tasks(before.links, path, facts.tasks):
                tasks.append(DatedTask(person(t.person), t.source, t.line, t.text, t.due))
        tasks.sort(key=lambda t: position()[t.source])  # in the files' order, as `derive` has it
    problems = before.problems
    same_listing = derived.listed == len(listed_problems) and (
        problems[: derived.listed] == listed_problems
    )
    if not same_listing or any(old[p].problems or f.problems for p, f in new.items()):
        problems = _problems(listing, derived, old, new)
    return Summary(
        before.vault,
        before.config,
        [person(p) for p in before.people],
        before.paths,
        before.contact_dates,
        tasks,
        problems,
        sources,
        before.note_links,
        before.touches,
        before.opportunities,
        before.events,
        before.last_words,
    )


def _put(found: dict[str, Any], path: str, value: Any) -> None:
    """Keep a note's value, or none when it has none."""
    if value:
        found[path] = value
    else:
        found.pop(path, None)


def _problems(
    listing: Listing, derived: _Derived, old: dict[str, NoteFacts], new: dict[str, NoteFacts]
) -> list[Problem]:
    """The kept problems with those of the changed notes replaced, in the files' order."""
    _, files, listed_problems = listing
    by_path: dict[str, list[Problem]] = {}
    for problem in derived.problems[derived.listed :]:
        by_path.setdefault(problem.path, []).append(problem)
    problems = list(listed_problems)
    for file in files:
        if file.path in new:
            problems.extend(new[file.path].problems)
        else:
            problems.extend(by_path.get(file.path, []))
    return problems


def _identity(person: Person | None) -> tuple[str, list[str]] | None:
    """What links to a person are resolved by."""
    return None if person is None else (person.name, person.aliases)


def _all_facts(
    vault: Path, listing: Listing, kept: NoteCache, to_facts: Callable[[Record], NoteFacts]
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
        fresh, trusted = _read(vault, config, stale, kept)
        records.update(fresh)
        facts = {file.path: to_facts(records[file.path]) for file in files}
        return facts, trusted, [None] * SHARDS, parallel.nothing_left
    return _read_on_two_cores(vault, config, files, records, kept, to_facts)


def _read_on_two_cores(
    vault: Path,
    config: Config,
    files: list[NoteFile],
    records: dict[str, Record],
    kept: NoteCache,
    to_facts: Callable[[Record], NoteFacts],
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
        fresh, trusted = _read(vault, config, stale, kept)
        facts = {
            file.path: to_facts(records.get(file.path) or fresh[file.path]) for file in halves[half]
        }
        people = (f.person for f in facts.values() if f.person is not None)
        return facts, _pickled(people, range(half, SHARDS, 2)), trusted

    def read_mine() -> tuple[dict[str, NoteFacts], dict[int, bytes], bool, Callable[[], None]]:
        facts, people, trusted = read_half(0)
        return facts, people, trusted, parallel.background(lambda: kept.save_half(0))

    def read_theirs() -> tuple[dict[str, NoteFacts], dict[int, bytes], bool]:
        facts, people, trusted = read_half(1)
        return {path: f._replace(person=None) for path, f in facts.items()}, people, trusted

    (facts, mine, trusted, written), (handed, theirs, handed_trusted), finish = parallel.both_then(
        read_mine, read_theirs, lambda: kept.save_half(1)
    )
    kept.forget_half(0)  # written by a child of this process, from the same records
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
    vault: Path, config: Config, files: list[NoteFile], kept: NoteCache
) -> tuple[dict[str, Record], bool]:
    """Read and parse these notes and keep their records; and whether every one was kept (not
    one changed in the last seconds), so that a later run may rely on them."""
    now = time.time_ns()
    reader = FieldReader(config)
    records = {}
    trusted = True
    for file in files:
        record = kept.get(file)  # read by another command since the summary was kept
        if record is None:
            record = read_record(vault, reader, file, kept)
            trusted = kept.put(file, record, now) and trusted
        records[file.path] = record
    return records, trusted


def derive(vault: Path, listing: Listing, facts: dict[str, NoteFacts]) -> Summary:
    """The summary from every note's facts, resolving links as the index does."""
    config, files, listed_problems = listing
    people = sorted(
        (f.person for f in facts.values() if f.person is not None),
        key=lambda p: (p.name.casefold(), p.path),
    )
    links = Resolver([f.path for f in files], people)
    dates: dict[str, list[dt.date]] = {p.path: list(facts[p.path].entry_dates) for p in people}
    touches: dict[str, list[Touch]] = {p.path: list(facts[p.path].touches) for p in people}
    sources: dict[str, list[str]] = {}
    tasks: list[DatedTask] = []
    problems = list(listed_problems)
    for file in files:
        note = facts[file.path]
        if note.mentions:
            for person, touch in mentioned(links, note.mentions):
                dates[person.path].append(touch.date)
                if touch.meeting:
                    touches[person.path].append(touch)
                sources.setdefault(person.path, []).append(file.path)
        if note.tasks:
            tasks.extend(dated_tasks(links, file.path, note.tasks))
        problems.extend(note.problems)
    same_day: dict[dt.date, dt.date] = {}  # one object per day: the derived part pickles each once
    contact_dates = {
        path: tuple(sorted(map(same_day.setdefault, found, found))) for path, found in dates.items()
    }
    paths = [file.path for file in files]
    linked = {file.path: facts[file.path].links for file in files if facts[file.path].links}
    summary = Summary(
        vault,
        config,
        people,
        paths,
        contact_dates,
        tasks,
        problems,
        sources,
        linked,
        {path: tuple(sorted(map(pack_touch, found))) for path, found in touches.items() if found},
        {p.path: found for p in people if (found := facts[p.path].opportunities)},
        {file.path: event for file in files if (event := facts[file.path].event)},
        {p.path: said for p in people if (said := facts[p.path].last_word)},
    )
    summary.links = links
    return summary


def _derived_stamp(vault: Path, config: Config) -> str:
    """What the derived part depends on besides the notes themselves: the config, the Obsidian
    settings that say which notes are daily notes and templates, and its own shape (a kept
    summary of another shape is of no use, even within one version)."""
    shape = ",".join(f.name for f in dataclasses.fields(_Derived))
    digest = hashlib.sha256(f"{shape}\0{config.fingerprint}".encode())
    for settings in (".obsidian/daily-notes.json", ".obsidian/templates.json"):
        try:
            digest.update((vault / settings).read_bytes())
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
