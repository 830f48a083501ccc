"""A vault summary: what `due` and `people` need, kept so that they answer at once when no
note changed since the last run, and after an edit read only the notes that changed.

What each note adds to the picture is kept per file (`NoteFacts`: the person its fields
describe, the dates of its own entries, the people it mentions on a day, its open dated tasks,
its problems), in shards keyed on each file's size and mtime as the notes cache is (cache.py),
but much smaller: no note bodies, entries or lines of text. What is derived from every note
(each person's contact dates, the order of the people, the tasks, the problems) is kept in one
more file, with a key made of every file's path, size and mtime and with the checksum of every
shard it was derived with. When both hold, the kept summary is the answer. Otherwise only new
and changed notes are read, the summary is patched or derived again from the facts (which
costs little next to reading notes), and only the shards that changed are written. Reading
many notes uses both cores where that pays.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from notekit.core.model import Person, Problem, Task
from notekit.read.config import Config
from notekit.read.fields import FieldReader
from notekit.read.vault import DailyNotes, NoteFile
from notekit.store import parallel
from notekit.store.kept import NoteCache, cache_dir, objects_kept, read_blob, write_blob
from notekit.store.links import DatedTask, LinkTarget, Resolver, dated_tasks, mentioned, mentions
from notekit.store.reading import Listing, list_vault, read_record

FILE_NAME = "summary.pickle"
PATCH_AT_MOST = 200  # changed notes to patch the kept summary with; more: derive it anew
PARALLEL_FROM = 2000  # notes to read before a second process pays for its start and hand-over


class NoteFacts(NamedTuple):
    """What one note adds to the vault summary."""

    person: Person | None
    entry_dates: tuple[dt.date, ...]  # of a person note's own dated entries
    mentions: list[tuple[str, dt.date]]  # link target and day, of a daily or dated note
    tasks: list[Task]  # open and dated
    problems: list[Problem]


FactsByFile = dict[NoteFile, NoteFacts]


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
    # what each note adds, by path (None for a note the summary was not made with)
    facts_of: Callable[[str], NoteFacts | None] = field(
        default_factory=lambda: _unknown, init=False, repr=False
    )

    @functools.cached_property
    def fields(self) -> FieldReader:
        return FieldReader(self.config)

    @functools.cached_property
    def links(self) -> Resolver:
        return Resolver(self.paths, self.people)

    def person_at(self, path: str) -> Person | None:
        return self.links.person_at(path)

    def people_named(self, name: str) -> list[Person]:
        return self.links.people_named(name)

    def resolve(self, target: str) -> LinkTarget:
        return self.links.resolve(target)

    def contact_dates_of(self, person: Person) -> tuple[dt.date, ...]:
        return self.contact_dates.get(person.path, ())

    def mention_sources(self, person: Person) -> list[str]:
        """The daily and dated notes that mention `person` on their day, in the files' order."""
        sources = []
        for path in self.paths:
            facts = self.facts_of(path)
            if facts is None or not facts.mentions:
                continue
            if any(p is person for p, _ in mentioned(self.links, facts.mentions)):
                sources.append(path)
        return sources


def _unknown(path: str) -> None:
    return None


TaskRow = tuple[str, str, int, str, dt.date]  # a DatedTask with its person's path


@dataclass
class _Derived:
    """The summary without the people, who are kept in the facts."""

    files_key: str
    digests: tuple[bytes | None, ...]  # of the facts' shards it was derived from
    people: list[str]  # paths, in the summary's order
    contact_dates: list[tuple[dt.date, ...]]  # of each of them
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
        if not isinstance(derived, _Derived) or derived.digests != kept.digests:
            derived = None  # made from other facts than those kept: of no use
        if derived is not None and derived.files_key == files_key:
            summary = _kept_summary(vault, config, listing, kept, derived)
            summary.facts_of = kept.known
            return summary
        facts: dict[str, NoteFacts] = {}
        stale: list[NoteFile] = []
        for file in files:
            if (found := kept.get(file)) is not None:
                facts[file.path] = found
            else:
                stale.append(file)
        was = {file.path: kept.known(file.path) for file in stale}
        fresh, trusted = read_facts(vault, config, stale, kept)
        patched = None if derived is None else _patch(vault, listing, kept, derived, was, fresh)
        for file, found in fresh.items():
            facts[file.path] = found
        summary = patched or derive(vault, listing, facts)
        summary.facts_of = facts.get
        if len(kept) != len(files):
            kept.keep_only({file.path for file in files})
        kept.save()
    if folder is not None and trusted and None not in kept.digests:
        derived = _Derived(
            files_key,
            kept.digests,
            [p.path for p in summary.people],
            [summary.contact_dates[p.path] for p in summary.people],
            [(t.person.path, t.source, t.line, t.text, t.due) for t in summary.tasks],
            summary.problems,
            len(listing[2]),
        )
        with contextlib.suppress(OSError):  # a read-only cache folder only costs speed
            write_blob(folder / FILE_NAME, f"derived:{kept.key}", derived)
    return summary


def _kept_summary(
    vault: Path, config: Config, listing: Listing, kept: NoteCache, derived: _Derived
) -> Summary:
    people = {path: kept.known(path).person for path in derived.people}
    dates = dict(zip(people, derived.contact_dates, strict=True))
    tasks = [DatedTask(people[row[0]], *row[1:]) for row in derived.tasks]
    paths = [file.path for file in listing[1]]
    return Summary(vault, config, list(people.values()), paths, dates, tasks, derived.problems)


def _patch(
    vault: Path,
    listing: Listing,
    kept: NoteCache,
    derived: _Derived,
    old: dict[str, NoteFacts | None],
    fresh: FactsByFile,
) -> Summary | None:
    """The kept summary brought up to date with a few changed notes (`old`: what was kept
    for them), as `derive` would make it; None when a change may move what links lead to (a
    note added or removed, a person's name or aliases changed): derive it all then."""
    config, files, listed_problems = listing
    if len(fresh) > PATCH_AT_MOST or len(kept) != len(files):
        return None
    olds: dict[str, NoteFacts] = {}
    for file, new in fresh.items():
        was = old[file.path]
        if was is None or _identity(was.person) != _identity(new.person):
            return None
        olds[file.path] = was
    before = _kept_summary(vault, config, listing, kept, derived)
    people = {p.path: p for p in before.people}
    resolver: list[Resolver] = []  # made only when a changed note has links to follow

    def links() -> Resolver:
        if not resolver:
            resolver.append(Resolver((f.path for f in files), before.people))
        return resolver[0]

    counts: dict[str, Counter[dt.date]] = {}

    def count(path: str, dates: Iterable[dt.date], sign: int) -> None:
        counted = counts.setdefault(path, Counter(before.contact_dates[path]))
        for date in dates:
            counted[date] += sign

    for file, new in fresh.items():
        was = olds[file.path]
        if new.person is not None:
            count(file.path, was.entry_dates, -1)
            count(file.path, new.entry_dates, +1)
            people[file.path] = new.person
        for facts, sign in ((was, -1), (new, +1)):
            if facts.mentions:
                for person, date in mentioned(links(), facts.mentions):
                    count(person.path, [date], sign)
    dates = before.contact_dates
    for path, counted in counts.items():
        dates[path] = tuple(sorted(counted.elements()))
    tasks = [
        DatedTask(people[t.person.path], t.source, t.line, t.text, t.due)
        for t in before.tasks
        if t.source not in old
    ]
    if any(olds[file.path].tasks or new.tasks for file, new in fresh.items()):
        for file, new in fresh.items():
            for t in dated_tasks(links(), file.path, new.tasks):
                tasks.append(DatedTask(people[t.person.path], t.source, t.line, t.text, t.due))
        position = {file.path: n for n, file in enumerate(files)}
        tasks.sort(key=lambda t: position[t.source])  # in the files' order, as `derive` has it
    problems = before.problems
    same_listing = derived.listed == len(listed_problems) and (
        problems[: derived.listed] == listed_problems
    )
    if not same_listing or any(olds[f.path].problems or new.problems for f, new in fresh.items()):
        by_path = {file.path: new for file, new in fresh.items()}
        problems = list(listed_problems)
        for file in files:
            problems.extend((by_path.get(file.path) or kept.known(file.path)).problems)
    people_list = [people[p.path] for p in before.people]
    return Summary(vault, config, people_list, before.paths, dates, tasks, problems)


def _identity(person: Person | None) -> tuple[str, list[str]] | None:
    """What links to a person are resolved by."""
    return None if person is None else (person.name, person.aliases)


def read_facts(
    vault: Path, config: Config, files: list[NoteFile], kept: NoteCache
) -> tuple[FactsByFile, bool]:
    """Read and parse these notes and keep their facts; and whether every one was kept (not
    one changed in the last seconds), so that a later run may rely on them.

    Many notes are read on two cores, each process the notes of every other shard, and each
    writes the shards it read: they are its own new objects (a forked child that walks its
    parent's pays for every page it touches), and this process takes the other's from disk
    rather than from a second pickle of the same facts."""
    now = time.time_ns()
    if len(files) < PARALLEL_FROM or not parallel.can_fork():  # one process: read them all
        fresh = _facts_of(vault, config, files)
        return fresh, _keep(kept, fresh, now)
    mine, theirs = kept.halves(files)

    def read_half(half: int, files: list[NoteFile]) -> tuple[FactsByFile, bool, dict[int, bytes]]:
        fresh = _facts_of(vault, config, files)
        trusted = _keep(kept, fresh, now)
        return fresh, trusted, kept.save_half(half)

    def read_theirs() -> tuple[FactsByFile, bool, dict[int, bytes]]:
        fresh, trusted, written = read_half(1, theirs)
        return {f: x for f, x in fresh.items() if not kept.is_saved(f)}, trusted, written

    (fresh, trusted, _), (handed, handed_trusted, written) = parallel.both(
        lambda: read_half(0, mine), read_theirs
    )
    kept.adopt(written)
    lost = []  # a run at the same time wrote one of their shards over
    for file in theirs:
        found = handed.get(file) or kept.get(file)
        if found is None:
            lost.append(file)
        else:
            fresh[file] = found
    again = _facts_of(vault, config, lost)
    return fresh | again, trusted and handed_trusted and _keep(kept, again, now)


def _keep(kept: NoteCache, fresh: FactsByFile, now: int) -> bool:
    """Keep these facts; whether every one was (see `NoteCache.put`)."""
    return all([kept.put(file, found, now) for file, found in fresh.items()])


def _facts_of(vault: Path, config: Config, files: list[NoteFile]) -> FactsByFile:
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


def derive(vault: Path, listing: Listing, facts: dict[str, NoteFacts]) -> Summary:
    """The summary from every note's facts, resolving links as the index does."""
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
    same_day: dict[dt.date, dt.date] = {}  # one object per day: the derived part pickles each once
    contact_dates = {
        path: tuple(sorted(map(same_day.setdefault, found, found))) for path, found in dates.items()
    }
    paths = [file.path for file in files]
    return Summary(vault, config, people, paths, contact_dates, tasks, problems)


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
