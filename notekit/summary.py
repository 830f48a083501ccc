"""A vault summary: what `due` and `people` need, kept so that they answer at once when no
note changed since the last run, and after an edit read only the notes that changed.

What each note adds to the picture is kept per file (`NoteFacts`: the person its fields
describe, the dates of its own entries, the people it mentions on a day, its open dated tasks,
its problems), in shards keyed on each file's size and mtime as the notes cache is (cache.py),
but much smaller: no note bodies, entries or lines of text. A person there also carries their
contact dates, derived from every note. What else is derived (the order of the people, the
tasks, the problems) is kept in one more file, with a key made of every file's path, size and
mtime and with the checksum of every shard it was derived with. When both hold, the kept
summary is the answer. Otherwise only new and changed notes are read, the summary is derived
again from the facts (which costs little next to reading notes), and only the shards that
changed are written. Reading many notes uses both cores where that pays.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from notekit import parallel
from notekit.cache import NoteCache, cache_dir, objects_kept, read_blob, write_blob
from notekit.config import Config
from notekit.due import DatedTask, dated_tasks
from notekit.fields import FieldReader
from notekit.index import Listing, Resolver, list_vault, mentioned, mentions, read_record
from notekit.model import Person, Problem, Task
from notekit.vault import DailyNotes, NoteFile

FILE_NAME = "summary.pickle"
PATCH_AT_MOST = 200  # changed notes to patch the kept summary with; more: derive it anew
PARALLEL_FROM = 2000  # notes to read before a second process pays for its start and hand-over


class NoteFacts(NamedTuple):
    """What one note adds to the vault summary."""

    person: Person | None  # without its note (model.Person.__getstate__)
    entry_dates: tuple[dt.date, ...]  # of a person note's own dated entries
    mentions: list[tuple[str, dt.date]]  # link target and day, of a daily or dated note
    tasks: list[Task]  # open and dated
    problems: list[Problem]


@dataclass
class Summary:
    config: Config
    people: list[Person]  # without their notes or interactions; contact_dates are set
    tasks: list[DatedTask]
    problems: list[Problem]


TaskRow = tuple[str, str, int, str, dt.date]  # a DatedTask with its person's path


@dataclass
class _Derived:
    """The summary without the people, who are kept in the facts."""

    files_key: str
    digests: tuple[bytes | None, ...]  # of the facts' shards it was derived from
    people: list[str]  # paths, in the summary's order
    tasks: list[TaskRow]
    problems: list[Problem]  # those of the listing first, then each note's in the files' order
    listed: int  # how many came from the listing


def vault_summary(vault: Path) -> Summary:
    """The summary of the vault as it is now; raises ConfigError for an unusable config."""
    folder = cache_dir(vault)

    def load(config: Config) -> tuple[NoteCache, object]:
        kept = NoteCache(folder, _stamp(vault, config), "facts")
        return kept, read_blob(folder / FILE_NAME, f"derived:{kept.key}") if folder else None

    with objects_kept():
        listing, (kept, derived) = list_vault(vault, load, NoteCache.kept_in(folder, "facts"))
        config, files, _ = listing
        files_key = _files_key(listing)
        consistent = isinstance(derived, _Derived) and derived.digests == kept.digests
        if consistent and derived.files_key == files_key:
            return _kept_summary(config, kept, derived)
        facts: dict[str, NoteFacts] = {}
        stale: list[NoteFile] = []
        for file in files:
            if (found := kept.get(file)) is not None:
                facts[file.path] = found
            else:
                stale.append(file)
        fresh = read_facts(vault, config, stale)
        patched = _patch(listing, kept, derived, fresh) if consistent else None
        now = time.time_ns()
        trusted = True  # every fresh fact was kept: a later run may rely on them
        for file, found in fresh.items():
            facts[file.path] = found
            trusted = kept.put(file, found, now) and trusted  # unless saved too recently
        summary, changed = patched or derive(listing, facts)
        for path in changed:
            kept.changed(path)
        if len(kept) != len(files):
            kept.keep_only({file.path for file in files})
        kept.save()
    if folder is not None and trusted and None not in kept.digests:
        derived = _Derived(
            files_key,
            kept.digests,
            [p.path for p in summary.people],
            [(t.person.path, t.source, t.line, t.text, t.due) for t in summary.tasks],
            summary.problems,
            len(listing[2]),
        )
        with contextlib.suppress(OSError):  # a read-only cache folder only costs speed
            write_blob(folder / FILE_NAME, f"derived:{kept.key}", derived)
    return summary


def _kept_summary(config: Config, kept: NoteCache, derived: _Derived) -> Summary:
    people = {path: kept.known(path).person for path in derived.people}
    tasks = [DatedTask(people[row[0]], *row[1:]) for row in derived.tasks]
    return Summary(config, list(people.values()), tasks, derived.problems)


def _patch(
    listing: Listing, kept: NoteCache, derived: _Derived, fresh: dict[NoteFile, NoteFacts]
) -> tuple[Summary, set[str]] | None:
    """The kept summary brought up to date with a few changed notes, as `derive` would make
    it; None when a change may move what links lead to (a note added or removed, a person's
    name or aliases changed): derive it all then."""
    config, files, listed_problems = listing
    if len(fresh) > PATCH_AT_MOST or len(kept) != len(files):
        return None
    old = {file.path: kept.known(file.path) for file in fresh}
    for file, new in fresh.items():
        if old[file.path] is None or _identity(old[file.path].person) != _identity(new.person):
            return None
    before = _kept_summary(config, kept, derived)
    people = {p.path: p for p in before.people}
    resolver: list[Resolver] = []  # made only when a changed note has links to follow

    def links() -> Resolver:
        if not resolver:
            resolver.append(Resolver((f.path for f in files), before.people))
        return resolver[0]

    counts: dict[str, Counter[dt.date]] = {}

    def count(path: str, dates: Iterable[dt.date], sign: int) -> None:
        counted = counts.setdefault(path, Counter(people[path].contact_dates))
        for date in dates:
            counted[date] += sign

    for file, new in fresh.items():
        was = old[file.path]
        if new.person is not None:
            count(file.path, was.entry_dates, -1)
            count(file.path, new.entry_dates, +1)
            new.person.contact_dates = people[file.path].contact_dates
            people[file.path] = new.person
        for facts, sign in ((was, -1), (new, +1)):
            if facts.mentions:
                for person, date in mentioned(links(), facts.mentions):
                    count(person.path, [date], sign)
    changed = set()
    for path, counted in counts.items():
        dates = tuple(sorted(counted.elements()))
        if dates != people[path].contact_dates:
            people[path].contact_dates = dates
            changed.add(path)
    tasks = [
        DatedTask(people[t.person.path], t.source, t.line, t.text, t.due)
        for t in before.tasks
        if t.source not in old
    ]
    if any(old[file.path].tasks or new.tasks for file, new in fresh.items()):
        for file, new in fresh.items():
            for t in dated_tasks(links(), file.path, new.tasks):
                tasks.append(DatedTask(people[t.person.path], t.source, t.line, t.text, t.due))
        position = {file.path: n for n, file in enumerate(files)}
        tasks.sort(key=lambda t: position[t.source])  # in the files' order, as `derive` has it
    problems = before.problems
    same_listing = derived.listed == len(listed_problems) and (
        problems[: derived.listed] == listed_problems
    )
    if not same_listing or any(old[f.path].problems or new.problems for f, new in fresh.items()):
        by_path = {file.path: new for file, new in fresh.items()}
        problems = list(listed_problems)
        for file in files:
            problems.extend((by_path.get(file.path) or kept.known(file.path)).problems)
    people_list = [people[p.path] for p in before.people]
    return Summary(config, people_list, tasks, problems), changed


def _identity(person: Person | None) -> tuple[str, list[str]] | None:
    """What links to a person are resolved by."""
    return None if person is None else (person.name, person.aliases)


def read_facts(vault: Path, config: Config, files: list[NoteFile]) -> dict[NoteFile, NoteFacts]:
    """Read and parse these notes; many of them on two cores, each every other note (folders
    differ in how much their notes hold)."""
    if len(files) < PARALLEL_FROM:
        return _facts_of(vault, config, files)
    mine, theirs = parallel.both(
        lambda: _facts_of(vault, config, files[::2]),
        lambda: _facts_of(vault, config, files[1::2]),
    )
    return mine | theirs


def _facts_of(vault: Path, config: Config, files: list[NoteFile]) -> dict[NoteFile, NoteFacts]:
    reader = FieldReader(config)
    daily = DailyNotes(vault, config)
    facts = {}
    for file in files:
        note, person, field_problems = read_record(vault, reader, file)
        facts[file] = NoteFacts(
            person,
            tuple(e.date for e in note.entries) if person else (),
            [] if person else [(t, i.date) for t, i in mentions(note, daily)],
            [t for t in note.tasks if not t.done and t.due is not None],
            note.problems + field_problems,
        )
    return facts


def derive(listing: Listing, facts: dict[str, NoteFacts]) -> tuple[Summary, set[str]]:
    """The summary from every note's facts, resolving links as the index does, and the paths
    of the people whose contact dates changed."""
    config, files, listed_problems = listing
    people = sorted(
        (f.person for f in facts.values() if f.person is not None),
        key=lambda p: (p.name.casefold(), p.path),
    )
    links = Resolver((f.path for f in files), people)
    dates: dict[str, list[dt.date]] = {p.path: list(facts[p.path].entry_dates) for p in people}
    tasks: list[DatedTask] = []
    problems = list(listed_problems)
    for file in files:
        note = facts[file.path]
        if note.mentions:
            for person, date in mentioned(links, note.mentions):
                dates[person.path].append(date)
        if note.tasks:
            tasks.extend(dated_tasks(links, file.path, note.tasks))
        problems.extend(note.problems)
    changed = set()
    for person in people:
        contact_dates = tuple(sorted(dates[person.path]))
        if contact_dates != person.contact_dates:
            person.contact_dates = contact_dates
            changed.add(person.path)
    return Summary(config, people, tasks, problems), changed


def _stamp(vault: Path, config: Config) -> str:
    """What the kept facts depend on besides the notes themselves."""
    digest = hashlib.sha256(config.fingerprint.encode())
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
