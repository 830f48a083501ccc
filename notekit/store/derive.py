"""The summary from the notes' facts, by one algorithm: a note's facts are added to a summary
or taken from it. Deriving the summary anew adds every note's facts to an empty one; after a
few edits, the changed notes' old facts are taken away and their new facts added.

What one note adds (`NoteFacts`: the person its fields describe, the dates of its own entries,
the people it mentions on a day, its open dated tasks, its links that may point at a person,
its problems) comes from its kept record, never kept apart: a new fact a feature needs is
added in `NoteFacts`, `facts_of` and `apply`, and in nothing else.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

from notekit.core.model import (
    DatedTask,
    Event,
    Opportunity,
    ParsedNote,
    Person,
    Problem,
    Task,
    Touch,
)
from notekit.read.fields import FieldReader
from notekit.read.vault import DailyNotes
from notekit.store.kept import Record
from notekit.store.links import (
    NoteLink,
    Resolver,
    dated_tasks,
    event_of,
    mentioned,
    mentions,
    note_links,
)
from notekit.store.packed import pack_touch
from notekit.store.reading import Listing
from notekit.store.summary import LastWord, Summary

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
    digest: str  # of the file's bytes these facts come from


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
        note.digest,
    )


def identity(person: Person | None) -> tuple[str, list[str]] | None:
    """What links to a person are resolved by: a change of it may move where links lead."""
    return None if person is None else (person.name, person.aliases)


def derive(vault: Path, listing: Listing, facts: dict[str, NoteFacts]) -> Summary:
    """The summary of every note's `facts`: `apply` to an empty summary."""
    config, files, _ = listing
    people = sorted(
        (f.person for f in facts.values() if f.person is not None),
        key=lambda p: (p.name.casefold(), p.path),
    )
    empty = Summary(
        vault,
        config,
        people,
        files,
        {p.path: () for p in people},
        [],
        [],
        {},
        {},
        {},
        {},
        {},
        {},
    )
    empty.links = Resolver(empty.paths, people)
    return apply(empty, 0, listing, {}, facts)


def apply(
    before: Summary,
    listed_before: int,
    listing: Listing,
    old: dict[str, NoteFacts],
    new: dict[str, NoteFacts],
) -> Summary:
    """`before` (changed in place; its first `listed_before` problems are the listing's) with
    the facts `old` of some notes taken away and their facts `new` added. The names and
    aliases of its people stay as they were: links resolve as they did."""
    _, files, listed_problems = listing
    changed = {path: facts.person for path, facts in new.items() if facts.person is not None}

    def person(found: Person) -> Person:
        return changed.get(found.path, found)

    @functools.cache
    def position() -> dict[str, int]:
        return {file.path: n for n, file in enumerate(files)}

    nothing = NoteFacts(None, (), [], [], [], (), (), (), None, None, "")
    dates: dict[str, list[dt.date]] = {}
    touches: dict[str, list[int]] = {}
    sources: dict[str, list[str]] = {}  # of the people whose list changed
    unordered: set[int] = set()  # the dicts no longer in the files' order (of their keys)

    def count(found: dict[str, list[Any]], kept: dict[str, Any], path: str) -> list[Any]:
        return found.setdefault(path, list(kept.get(path, ())))

    def add(found: list[Any], values: Iterable[Any], sign: int) -> None:
        for value in values:
            if sign > 0:
                found.append(value)
            else:
                found.remove(value)

    def put(found: dict[str, Any], path: str, value: Any) -> None:
        if _put(found, path, value, position):
            unordered.add(id(found))

    for path in (file.path for file in files if file.path in new):
        facts, was = new[path], old.get(path, nothing)
        if facts.person is not None:
            add(count(dates, before.contact_dates, path), was.entry_dates, -1)
            add(count(dates, before.contact_dates, path), facts.entry_dates, +1)
            add(count(touches, before.touches, path), map(pack_touch, was.touches), -1)
            add(count(touches, before.touches, path), map(pack_touch, facts.touches), +1)
            put(before.opportunities, path, facts.opportunities)
            put(before.last_words, path, facts.last_word)
        put(before.events, path, facts.event)
        put(before.note_links, path, facts.links)
        for said, sign in ((was, -1), (facts, +1)):
            for mentioned_person, touch in mentioned(before.links, said.mentions):
                target = mentioned_person.path
                add(count(dates, before.contact_dates, target), [touch.date], sign)
                if touch.meeting:
                    add(count(touches, before.touches, target), [pack_touch(touch)], sign)
                add(count(sources, before.mentioned_in, target), [path], sign)
    same_day: dict[dt.date, dt.date] = {}  # one object per day: the kept summary has each once
    # each list let go of as it is kept (`pop`): at 50,000 people, 5 MB less at the peak
    for path in list(dates):
        days = dates.pop(path)
        before.contact_dates[path] = tuple(sorted(map(same_day.setdefault, days, days)))
    for path in list(touches):
        _put(before.touches, path, tuple(sorted(touches.pop(path))), position)
    for path, notes in sources.items():
        notes.sort(key=position().__getitem__)
        put(before.mentioned_in, path, notes)
    kept: tuple[dict[str, Any], ...] = (
        before.opportunities,
        before.last_words,
        before.events,
        before.note_links,
        before.mentioned_in,
    )
    for by_path in kept:  # in the files' order, whichever way they were made
        if id(by_path) in unordered:
            ordered = sorted(by_path.items(), key=lambda item: position()[item[0]])
            by_path.clear()
            by_path.update(ordered)
    return Summary(
        before.vault,
        before.config,
        [person(p) for p in before.people],
        files,
        before.contact_dates,
        _tasks(before, new, old, person, position),
        _problems(before, listed_before, listing, old, new),
        before.mentioned_in,
        before.note_links,
        before.touches,
        before.opportunities,
        before.events,
        before.last_words,
    )


def _put(
    found: dict[str, Any], path: str, value: Any, position: Callable[[], dict[str, int]]
) -> bool:
    """Keep a note's value, or none when it has none; whether a value kept anew broke the
    files' order of `found`."""
    if not value:
        found.pop(path, None)
        return False
    if path in found:
        found[path] = value
        return False
    last = next(reversed(found), None)
    found[path] = value
    return last is not None and position()[last] > position()[path]


def _tasks(
    before: Summary,
    new: dict[str, NoteFacts],
    old: dict[str, NoteFacts],
    person: Callable[[Person], Person],
    position: Callable[[], dict[str, int]],
) -> list[DatedTask]:
    """The open dated tasks, those of the changed notes replaced, in the files' order."""
    tasks = [
        DatedTask(person(t.person), t.source, t.line, t.text, t.due)
        for t in before.tasks
        if t.source not in new
    ]
    if any(path in old and old[path].tasks or facts.tasks for path, facts in new.items()):
        for path, facts in new.items():
            for t in dated_tasks(before.links, path, facts.tasks):
                tasks.append(DatedTask(person(t.person), t.source, t.line, t.text, t.due))
        tasks.sort(key=lambda t: position()[t.source])
    return tasks


def _problems(
    before: Summary,
    listed_before: int,
    listing: Listing,
    old: dict[str, NoteFacts],
    new: dict[str, NoteFacts],
) -> list[Problem]:
    """The listing's problems, then each note's in the files' order, those of the changed
    notes replaced."""
    _, files, listed = listing
    same_listing = before.problems[:listed_before] == listed and listed_before == len(listed)
    if same_listing and not any(
        path in old and old[path].problems or facts.problems for path, facts in new.items()
    ):
        return before.problems
    by_path: dict[str, list[Problem]] = {}
    for problem in before.problems[listed_before:]:
        by_path.setdefault(problem.path, []).append(problem)
    problems = list(listed)
    for file in files:
        found = new[file.path].problems if file.path in new else by_path.get(file.path, [])
        problems.extend(found)
    return problems
