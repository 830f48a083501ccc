"""`merge KEEP OTHER`: two notes about one person made one.

KEEP takes what OTHER knew without losing what it says itself: the front-matter values it has
no value for, the items of lists it lacks, OTHER's names as aliases, OTHER's dated log entries
in date order, and the rest of OTHER's body (with the fields whose values differ) under a
heading at the end. Every link that led to OTHER is made to lead to KEEP, its `#heading` and
`|shown` text kept, and OTHER goes to the vault's `.trash/` folder, as Obsidian does with a
deleted note. Everything is planned, checked and shown before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notekit.core.errors import EditError
from notekit.core.model import Person
from notekit.core.syntax import (
    DATED,
    LIST_ITEM,
    LOG_HEADINGS,
    TEXT,
    WIKILINK,
    body_lines,
    heading,
)
from notekit.read.fields import LIST_FIELDS, WORDS
from notekit.read.parse import parse_with_front_matter
from notekit.read.yamlfm import flow_value
from notekit.store.summary import Summary
from notekit.write.changes import Change, edit_note, field_finder, free_path, same_key
from notekit.write.edit import (
    Loaded,
    NoteText,
    Snapshot,
    append_item,
    append_log_entry,
    full_front_matter,
    open_note,
    set_value,
    top_level_keys,
    vault_path,
)

TRASH = ".trash"


@dataclass
class Merge:
    """The planned merge: KEEP's new text, the notes whose links change, OTHER to move."""

    keep: Change
    links: list[Change]
    other: Snapshot  # OTHER as read, its lock held until it is moved
    other_rel: str
    trash: str  # where OTHER goes, vault-relative
    trash_file: Path  # the same place on disk, checked to lie inside the vault

    def discard(self) -> None:
        for change in (self.keep, *self.links):
            change.discard()
        self.other.release()


def plan_merge(index: Summary, keep: Person, other: Person, today: dt.date) -> Merge:
    """Plan the merge of OTHER into KEEP; EditError when either note cannot be edited."""
    keep_file, other_file = (vault_path(index.vault, p.path) for p in (keep, other))
    if keep.path == other.path or _identity(keep_file) == _identity(other_file):
        raise EditError(
            f"{keep.path} and {other.path} are one file (a link leads from one to the other); "
            "nothing to merge"
        )
    trash = _trash_path(index, other.path)
    trash_file = vault_path(index.vault, trash)  # refused here, before anything is written
    snapshot = Snapshot.read(other_file)
    changes: list[Change] = []
    try:
        other_text = open_note(snapshot.data, other.path)
        relink = _relinker(index, keep, other)
        keep_change = edit_note(
            index,
            keep.path,
            lambda note, _: _take_in(index, note, other, other_text, relink, today),
            f"merge: {other.name} ({other.path}) into {keep.name}",
        )
        changes.append(keep_change)
        for path in _linking(index, other, keep, {_identity(keep_file), _identity(other_file)}):
            changes.append(
                edit_note(
                    index,
                    path,
                    lambda note, _: _relink_note(note, relink),
                    f"merge: links to {other.name} lead to {keep.name}",
                )
            )
    except BaseException:
        for change in changes:
            change.discard()
        snapshot.release()
        raise
    return Merge(keep_change, changes[1:], snapshot, other.path, trash, trash_file)


Relink = Callable[[str], str]


def _relinker(index: Summary, keep: Person, other: Person) -> Relink:
    """A function that makes each wikilink of a text that leads to OTHER lead to KEEP, by its
    file name (its path when the name is not enough), `#heading` and `|shown` text kept."""
    target = index.links.target_of(keep.path)

    def replace(match: re.Match[str]) -> str:
        if index.resolve(match.group(1)).person != other:
            return match.group(0)
        whole, start = match.group(0), match.start(1) - match.start(0)
        return whole[:start] + target + whole[start + len(match.group(1)) :]

    return lambda text: WIKILINK.sub(replace, text) if "[[" in text else text


def _linking(index: Summary, other: Person, keep: Person, seen: set[tuple[int, int]]) -> list[str]:
    """The notes, KEEP and OTHER aside, with a link that leads to OTHER; a file reached by two
    paths (a link to a note) once, and never when it is KEEP or OTHER (`seen`)."""
    found = []
    for path, links in index.note_links.items():
        if path in (other.path, keep.path):
            continue
        if not any(index.resolve(link.target).person == other for link in links):
            continue
        identity = _identity(vault_path(index.vault, path))
        if identity not in seen:
            seen.add(identity)
            found.append(path)
    return found


def _identity(path: Path) -> tuple[int, int]:
    """What makes two paths one file (a symbolic or hard link): its device and inode."""
    try:
        info = path.stat()
    except OSError as exc:
        raise EditError(f"{path}: cannot read: {exc.strerror}") from None
    return info.st_dev, info.st_ino


def _relink_note(note: NoteText, relink: Relink) -> None:
    """Every link to OTHER in the note made a link to KEEP; the front-matter values that hold
    one must read as before with the links changed, and nothing else."""
    end = note.front_matter_end()
    old = full_front_matter(note) if end is not None else {}
    for index in range(len(note.lines)):
        line = note.lines[index]
        note.lines[index] = relink(line)
    for key, value in old.items():
        new = _relinked(value, relink)
        if new != value:
            note.intended[key] = Loaded(new)


def _relinked(value: Any, relink: Relink) -> Any:
    if isinstance(value, str):
        return relink(value)
    if isinstance(value, list):
        return [_relinked(item, relink) for item in value]
    if isinstance(value, dict):
        return {key: _relinked(item, relink) for key, item in value.items()}
    return value


def _take_in(
    index: Summary,
    note: NoteText,
    other: Person,
    other_text: NoteText,
    relink: Relink,
    today: dt.date,
) -> None:
    """Into KEEP's text: OTHER's fields, names, log entries and the rest of its body."""
    _relink_note(note, relink)
    differed = _take_fields(index, note, other_text, relink)
    _take_names(index, note, other)
    rest = _without_empty_sections(_take_entries(note, other_text, relink))
    if differed:
        rest += ["", "Fields that differed:", "", "```yaml", *differed, "```"]
    # one blank line at most between lines, none first and none last; a code block as it is
    kinds = [kind for _, _, kind in body_lines(rest)]
    rest = [
        line
        for n, line in enumerate(rest)
        if line.strip() or kinds[n] != TEXT or (n and rest[n - 1].strip())
    ]
    while rest and not rest[-1].strip():
        rest.pop()
    if rest:
        gap = [""] if note.last >= 0 and note.content(note.last).strip() else []
        note.insert(note.last + 1, [*gap, f"## From {other.stem} (merged {today})", "", *rest])


def _without_empty_sections(lines: list[str]) -> list[str]:
    """The lines but for headings whose section holds nothing but blank lines and empty
    sections of its own (an empty `## Memories` of OTHER's is no news to KEEP); a `#` line
    inside a code block is no heading."""
    levels: list[int | None] = []  # per line: its heading's level, if it is a heading
    for _, line, kind in body_lines(lines):
        title = heading(line) if kind == TEXT else None
        levels.append(title[0] if title else None)
    kept: list[str] = []
    # read from the end: text_below[k] says whether text lies between here and the next
    # heading of level k or higher below
    text_below = [False] * 7
    for line, level in zip(reversed(lines), reversed(levels), strict=True):
        if level is None:
            kept.append(line)
            if line.strip():
                text_below = [True] * 7
            continue
        if text_below[level]:
            kept.append(line)
            text_below[:level] = [True] * level
        text_below[level:] = [False] * (7 - level)
    return kept[::-1]


def _take_fields(index: Summary, note: NoteText, other_text: NoteText, relink: Relink) -> list[str]:
    """OTHER's front-matter values that KEEP has none for, and the list items it lacks; the
    lines of OTHER's keys whose values differ from KEEP's, to be kept in the body."""
    theirs = full_front_matter(other_text) if other_text.front_matter_end() is not None else {}
    lines = _key_lines(other_text)
    differed: list[str] = []

    read: list[Any] = []  # KEEP's lines as last read, its values, and each field's key

    def current(field: str | None, key: str) -> Any:  # noqa: ANN401 - as the YAML says
        """KEEP's value of the field (of the key, for a key no field is), as the note is now:
        read again only once an edit changed it."""
        if not read or read[0] != note.lines:
            mine = full_front_matter(note) if note.front_matter_end() is not None else {}
            written: dict[str, str] = {}
            for each in top_level_keys(note):  # the first key of a field is its value's
                if (its := index.fields.field_of(each)) is not None:
                    written.setdefault(f"field:{its}", each)
                written.setdefault(f"key:{each.casefold()}", each)
            read[:] = [list(note.lines), mine, written]
        _, mine, written = read
        found = written.get(f"field:{field}" if field else f"key:{key.casefold()}")
        return mine.get(found) if found else None

    companies = [current("company", "company")] + [
        value for key, value in theirs.items() if index.fields.field_of(key) == "company"
    ]
    elsewhere = len(companies) > 1 and companies[0] not in (None, "", companies[1])
    for key, value in theirs.items():
        field = index.fields.field_of(key)
        if field in ("name", "aliases") or value in (None, "", []):
            continue  # the names become aliases
        value = _relinked(value, relink)
        find = field_finder(index, field) if field else same_key(key)
        have = current(field, key)
        if field == "role" and elsewhere:  # their role at another company than KEEP's
            differed.extend(relink(line) for line in lines.get(key, []))
        elif have in (None, "", []):
            set_value(note, key, flow_value(value), find)
        elif field in WORDS:  # a text of several on either side (`person, initech`)
            words = WORDS[field]
            held_words = {word.casefold() for word in words(have)}
            for word in words(value):
                if word.casefold() not in held_words:
                    append_item(note, key, flow_value(word), find, words)
                    held_words.add(word.casefold())
        elif field in LIST_FIELDS or (isinstance(have, list) and isinstance(value, list)):
            held = have if isinstance(have, list) else [have]
            for item in value if isinstance(value, list) else [value]:
                if item not in held:
                    append_item(note, key, flow_value(item), find)
                    held = [*held, item]
        elif have != value:
            differed.extend(relink(line) for line in lines.get(key, []))
    return differed


def _key_lines(note: NoteText) -> dict[str, list[str]]:
    """Each top-level front-matter key with the lines of its value, as written."""
    end = note.front_matter_end()
    keys = sorted(top_level_keys(note).items(), key=lambda item: item[1])
    found = {}
    for n, (key, start) in enumerate(keys):
        stop = keys[n + 1][1] if n + 1 < len(keys) else end
        found[key] = [note.content(i) for i in range(start, stop or start + 1)]
    return found


def _take_names(index: Summary, note: NoteText, other: Person) -> None:
    """OTHER's name, file name and aliases, as aliases of KEEP when KEEP is not called so."""
    keep, _ = index.fields.person(*parse_with_front_matter("keep.md", note.encode()))
    known = {name.casefold() for name in (keep.name, keep.stem, *keep.aliases)}
    find = field_finder(index, "aliases")
    for name in (other.name, other.stem, *other.aliases):
        if name.casefold() not in known:
            append_item(note, "aliases", flow_value(name), find)
            known.add(name.casefold())


def _take_entries(note: NoteText, other_text: NoteText, relink: Relink) -> list[str]:
    """OTHER's dated log entries (each with its indented lines) into KEEP's log in date order,
    but for those KEEP holds already; OTHER's other body lines (its log heading aside) are
    returned, in their order."""
    held = {note.content(i).strip() for i in range(len(note.lines))}
    start = (other_text.front_matter_end() or -1) + 1
    body = [relink(other_text.content(i)) for i in range(start, other_text.last + 1)]
    rest: list[str] = []
    log_level = None  # the level of the log heading while in its section
    kinds = [kind for _, _, kind in body_lines(body)]
    n = 0
    while n < len(body):
        line = body[n]
        n += 1
        if kinds[n - 1] != TEXT:
            rest.append(line)
            continue
        if title := heading(line):
            if log_level is not None and title[0] <= log_level:
                log_level = None
            if log_level is None and title[1].lower() in LOG_HEADINGS:
                log_level = title[0]
                continue
        item = LIST_ITEM.match(line) if log_level is not None and line[:1] not in " \t" else None
        dated = DATED.match(item.group(1).strip()) if item else None
        day = _day(dated.group(1) or dated.group(2)) if dated else None
        if item is None or day is None:
            rest.append(line)
            continue
        more = []
        while n < len(body) and body[n][:1] in (" ", "\t") and body[n].strip():
            more.append(body[n])
            n += 1
        if line.strip() not in held or more:
            append_log_entry(note, day, item.group(1).rstrip(), more)
    return rest


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _trash_path(index: Summary, rel: str) -> str:
    """A free place for the note in the vault's `.trash/` folder."""
    return free_path(index.vault, TRASH, rel.rsplit("/", 1)[-1][:-3], stem=str)  # as it was
