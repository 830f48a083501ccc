"""Listing the vault and reading one note from disk: what the index and the summary both
start from."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from notekit.core.model import ERROR, NoteParts, ParsedNote, Problem
from notekit.core.syntax import CODE, TEXT, body_lines, note_lines, without_comments
from notekit.read.config import Config, load_config
from notekit.read.fields import KNOWN_FIELDS, FieldReader
from notekit.read.files import regular_fd
from notekit.read.front_matter import FrontMatter, front_matter_end
from notekit.read.parse import (
    MAX_NOTE_BYTES,
    digest_of,
    parse_note,
    parse_with_front_matter,
    sections,
)
from notekit.read.vault import NoteFile, discover
from notekit.store import parallel
from notekit.store.kept import SETTLE_NS, NoteCache, Record, cache_dir, read_blob, write_blob

T = TypeVar("T")

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
    loaded, (rows, problems) = parallel.both(lambda: load(config), lambda: _rows(vault, config))
    new = tuple.__new__
    return (config, [new(NoteFile, row) for row in rows], problems), loaded


def _rows(vault: Path, config: Config) -> tuple[list[tuple[str, int, int]], list[Problem]]:
    """The listing as the second process hands it back: each note file a plain tuple, which
    pickles in C (a NamedTuple pickles through a Python call each: at 12,000 notes, 30 ms of
    the time a warm command waits for the listing, against 6 ms)."""
    files, problems = discover(vault, config)
    return [(*file,) for file in files], problems


PARALLEL_FROM = 2000  # notes to read before a second process pays for its start and hand-over


def read_record(
    vault: Path, reader: FieldReader, file: NoteFile, kept: NoteCache | None = None
) -> Record:
    """Read and parse one note: the note, and the Person its fields describe, with their
    problems. A file whose mtime alone changed (a checkout, a copy, a sync) is not parsed
    again: its content is the one `kept` holds."""
    try:
        raw = _read_bytes(os.path.join(vault, file.path))
    except OSError as exc:
        return record_of(_unreadable(file.path, exc), {}, reader)
    entry = kept.entry(file.path) if kept is not None else None
    if entry is not None and entry[0] == len(raw) and entry[2][0].digest == digest_of(raw):
        return entry[2]
    return record_of(*parse_with_front_matter(file.path, raw, reader.channels), reader)


def record_of(note: ParsedNote, front_matter: FrontMatter, reader: FieldReader) -> Record:
    """The kept state of a parsed note: the note, and the Person its fields (`front_matter`
    and its inline fields) describe, with their problems."""
    if not note.readable or not reader.is_person(note, front_matter):
        return note, None, []
    person, problems = reader.person(note, front_matter)
    return note, person, problems


def _read(vault: Path, file: NoteFile, channels: frozenset[str]) -> ParsedNote:
    try:
        raw = _read_bytes(os.path.join(vault, file.path))
    except OSError as exc:
        return _unreadable(file.path, exc)
    return parse_note(file.path, raw, channels)


def _unreadable(path: str, exc: OSError) -> ParsedNote:
    note = ParsedNote(path=path, readable=False)
    note.problems.append(Problem(path, None, ERROR, f"cannot read: {exc.strerror}"))
    return note


_READ_LIMIT = MAX_NOTE_BYTES + 1  # one byte more than parse_note keeps tells it to warn


def read_bytes(vault: Path, path: str) -> bytes:
    """The bytes of the note at `path` (within the size limit notes are read with)."""
    return _read_bytes(os.path.join(vault, path))


def _read_bytes(path: str) -> bytes:
    """At most _READ_LIMIT bytes of a regular file, in reads sized by the file itself: a
    buffered `read(limit)` first sets aside the whole limit, which costs more than reading a
    note does."""
    fd, info = regular_fd(path)  # a FIFO swapped in is refused, not waited on
    try:
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


def read_parts(vault: Path, path: str, reader: FieldReader) -> NoteParts:
    """The sections and field lines of one note as it is on disk now (none when it cannot be
    read), from one read of the file."""
    try:
        raw = _read_bytes(os.path.join(vault, path))
    except OSError:
        return NoteParts([], {})
    return note_parts(raw, parse_note(path, raw, reader.channels), reader)


def note_parts(raw: bytes, note: ParsedNote, reader: FieldReader) -> NoteParts:
    """The parts of a note already parsed (`note`) from its bytes (`raw`)."""
    return NoteParts(sections(raw), reader.lines(note))


def read_body(vault: Path, path: str) -> list[tuple[int, str]]:
    """The lines of one note's body with their numbers, as they show (none when it cannot be
    read): what a comment hides is left out."""
    try:
        text = _read_bytes(os.path.join(vault, path)).decode("utf-8", errors="replace")
    except OSError:
        return []
    lines = note_lines(text.removeprefix("\ufeff"))
    end = front_matter_end(lines)
    start = 0 if end is None else end + 1
    found = []
    for n, line, kind in body_lines(lines, start):
        if kind == TEXT and "<!--" in line:
            line = without_comments(line)
        if kind in (TEXT, CODE) and line.strip():  # not what a comment hides
            found.append((n + 1, line))
    return found


def read_line(vault: Path, path: str, number: int) -> str:
    """Line `number` of one note, counted as `read_body` counts them ("" when there is none):
    one line shown costs no walk of the body."""
    try:
        text = _read_bytes(os.path.join(vault, path)).decode("utf-8", errors="replace")
    except OSError:
        return ""
    lines = note_lines(text.removeprefix("\ufeff"))
    return lines[number - 1] if 0 < number <= len(lines) else ""


def ticked_links(vault: Path, path: str, channels: frozenset[str]) -> tuple[dt.date, list[str]]:
    """The day a note was last saved and the link targets of its done tasks (`- [x] [[Ana]]`);
    none for a note that is not there."""
    try:
        saved = dt.date.fromtimestamp(os.stat(os.path.join(vault, path)).st_mtime)
    except OSError:
        return dt.date.min, []
    note = read_note(vault, path, channels)
    return saved, [target for task in note.tasks if task.done for target in task.links]


def read_note(vault: Path, path: str, channels: frozenset[str]) -> ParsedNote:
    """One note as it is on disk now, for a command that needs a few notes, not the vault."""
    return _read(vault, NoteFile(path, 0, 0), channels)


BodyLines = list[tuple[int, str]]  # a note's body lines with their numbers (`read_body`)


def kept_by_note(
    vault: Path, name: str, stamp: str, files: list[NoteFile], make: Callable[[str, BodyLines], T]
) -> dict[str, T]:
    """`make(path, body lines)` for each of these notes, kept between runs by the note's size
    and mtime as listed, in one file per `name` (a word) and valid while `stamp` (what `make`
    computes and from what) is the same: a command that needs something of every note's lines
    reads and works out only the notes that changed."""
    if not name.isidentifier():
        raise ValueError(f"{name!r}: a kept value's name is a word")
    folder = cache_dir(vault)
    blob = folder / f"by-note-{name}.pickle" if folder is not None else None
    key = f"by-note:{name}:{stamp}"
    held = read_blob(blob, key) if blob is not None else None
    kept: dict[str, tuple[tuple[int, int], T]] = held if isinstance(held, dict) else {}
    now = time.time_ns()
    found: dict[str, T] = {}
    fresh: dict[str, tuple[tuple[int, int], T]] = {}
    for path, size, mtime_ns in files:
        sized = (size, mtime_ns)
        before = kept.get(path)
        if before is not None and before[0] == sized:
            found[path] = before[1]
            fresh[path] = before
            continue
        found[path] = make(path, read_body(vault, path))
        if now - mtime_ns >= SETTLE_NS:  # else it may change again within its tick
            fresh[path] = (sized, found[path])
    if blob is not None and fresh != kept:
        with contextlib.suppress(OSError):  # a read-only cache folder only costs speed
            blob.parent.mkdir(parents=True, exist_ok=True)
            write_blob(blob, key, fresh)
    return found
