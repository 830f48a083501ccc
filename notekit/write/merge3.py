"""Two versions of a person note made one, against the version both started from, as a person
would merge them (a git merge driver: `notekit git merge`). Log entries are a set that both
sides add to: the union of what each added, in the log's own order, never a conflict. The
front-matter is merged key by key on the values: the later of two `last_contact` dates, the
additions and removals of both sides to a list, and a scalar changed two ways is a conflict of
that key's lines alone. What is left (the rest of the body) is merged as text by the caller's
`text_merge` (git's own). Only ours is edited, with the minimal edits `log` makes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from notekit.core.dates import parse_date
from notekit.core.errors import EditError
from notekit.read.fields import BUILTIN_ALIASES, normalise_key
from notekit.read.parse import parse_with_front_matter
from notekit.read.yamlfm import flow_value
from notekit.write.edit import (
    LOG,
    OPPORTUNITIES,
    DatedList,
    NoteText,
    append_log_entries,
    item_end,
    log_section,
    remove_value,
    section_contents,
    set_value,
    top_level_keys,
)

TextMerge = Callable[[bytes, bytes, bytes], tuple[bytes, int]]  # ours, base, theirs -> merged
LATER_WINS = ("last_contact", "next_contact")  # both changed: the later day
_MISSING = object()
OURS_MARK, BETWEEN, THEIRS_MARK = "<<<<<<< ours", "=======", ">>>>>>> theirs"
DATED_LISTS = (LOG, OPPORTUNITIES)  # sections whose items both sides add to


@dataclass(frozen=True)
class Merged:
    data: bytes
    conflicts: int  # places left with conflict markers; 0 when the merge is clean


def merge_note(
    base: bytes, ours: bytes, theirs: bytes, name: str, text_merge: TextMerge
) -> Merged | None:
    """The merged note; None when a version's front-matter cannot be parsed (the caller then
    merges the files as text)."""
    read = [found for data in (base, ours, theirs) if (found := _read(data, name)) is not None]
    if len(read) < 3:
        return None
    texts = [text for text, _ in read]
    values = [found for _, found in read]
    result = NoteText(ours, name)
    conflicts = _merge_front_matter(result, texts[2], *values)
    base_text, ours_text, theirs_text = texts
    clashes = {
        kind: _merge_items(result, base_text, ours_text, theirs_text, kind) for kind in DATED_LISTS
    }
    # the rest as text: each version with the merged front-matter, and the items of each
    # dated list folded into one line that the merged items take the place of afterwards
    run = uuid.uuid4().hex
    tokens = {kind: f"notekit-merge-{run}: {kind.title}" for kind in DATED_LISTS}
    entries = {tokens[kind]: _entry_lines(result, clashes[kind], kind) for kind in DATED_LISTS}
    # ours as it was (its items and front-matter are folded away all the same), but for a
    # list's section that we removed and their items brought back; a section new to both
    # base and ours is theirs, and their text brings it as they wrote it
    brought_back = any(
        _has_list(result, kind) and _has_list(base_text, kind) and not _has_list(ours_text, kind)
        for kind in DATED_LISTS
    )
    folded = [
        _folded(text, result, tokens).encode()
        for text in (base_text, result if brought_back else ours_text, theirs_text)
    ]
    if folded[2] == folded[0] or folded[1] == folded[2]:  # the rest changed on one side at
        rest, text_conflicts = folded[1], 0  # most: a three-way merge is that side
    elif folded[1] == folded[0]:
        rest, text_conflicts = folded[2], 0
    else:
        rest, text_conflicts = text_merge(folded[1], folded[0], folded[2])
    conflicts += sum(map(len, clashes.values())) + text_conflicts
    return Merged(_unfolded(rest, entries, result.newline), conflicts)


def _has_list(text: NoteText, kind: DatedList) -> bool:
    return log_section(text, kind)[0] is not None


def _read(data: bytes, name: str) -> tuple[NoteText, dict[str, Any]] | None:
    """A version's text and front-matter values; None when notekit would not edit it (its
    front-matter cannot be parsed, conflict markers, not UTF-8)."""
    note, values = parse_with_front_matter(name, data)
    if not note.readable or not note.front_matter_ok:
        return None
    try:
        return NoteText(data, name), values
    except EditError:
        return None


def _field(key: str) -> str | None:
    """The built-in field a front-matter key spells, if any."""
    squashed = normalise_key(key)
    return next((f for f, spellings in BUILTIN_ALIASES.items() if squashed in spellings), None)


def _merge_front_matter(
    result: NoteText,
    theirs: NoteText,
    base: dict[str, Any],
    ours: dict[str, Any],
    their: dict[str, Any],
) -> int:
    """Edit `result` (ours) into the merged front-matter; the number of keys in conflict."""
    conflicts = 0
    for key in [*ours, *(k for k in their if k not in ours)]:
        was, mine, new = base.get(key, _MISSING), ours.get(key, _MISSING), their.get(key, _MISSING)
        if mine == new or new == was:
            continue  # the same on both sides, or changed by us alone: ours as written
        if mine == was:  # changed by them alone
            _set(result, key, new)
            continue
        if isinstance(mine, list) and isinstance(new, list):
            gone = [x for x in (was if isinstance(was, list) else []) if x not in new]
            union = [x for x in mine if x not in gone] + [x for x in new if x not in mine]
            _set(result, key, [x for x in union if x not in gone])
            continue
        if _field(key) in LATER_WINS and (later := _later(mine, new)) is not None:
            if later is new:
                _set(result, key, new)
            continue
        _conflict(result, theirs, key)
        conflicts += 1
    return conflicts


def _later(one: Any, other: Any) -> Any:  # noqa: ANN401 - front-matter values as YAML has them
    """The value of the later day, or None when either is no date."""
    try:
        first, second = parse_date(one), parse_date(other)
    except ValueError:
        return None
    if first is None or second is None:
        return None
    return other if second > first else one


def _set(result: NoteText, key: str, value: Any) -> None:  # noqa: ANN401
    if value is _MISSING:
        remove_value(result, lambda written: written == key)
    else:
        set_value(result, key, flow_value(value), lambda written: written == key)


def _conflict(result: NoteText, theirs: NoteText, key: str) -> None:
    """Git's markers around the key's lines, ours then theirs: a conflict of one field."""
    mine, their = _key_lines(result, key), _key_lines(theirs, key)
    ending = "\r" if result.newline == "\r\n" else ""
    their_lines = [theirs.content(i) + ending for i in range(*their)] if their else []
    block = [OURS_MARK + ending]
    block += result.lines[mine[0] : mine[1]] if mine else []
    block += [BETWEEN + ending, *their_lines, THEIRS_MARK + ending]
    if mine:
        result.lines[mine[0] : mine[1]] = block
    else:
        end = result.front_matter_end()
        at = end if end is not None else 0
        result.lines[at:at] = block


def _key_lines(text: NoteText, key: str) -> tuple[int, int] | None:
    """The lines of a top-level key and its value, up to the next key or the closing `---`."""
    keys = top_level_keys(text)
    if key not in keys:
        return None
    start = keys[key]
    end = text.front_matter_end() or start + 1
    following = [index for index in keys.values() if index > start]
    return start, min([*following, end])


Clashes = dict[tuple[str, ...], tuple[str, ...]]  # an item as we edited it -> as they did


def _merge_items(
    result: NoteText, base: NoteText, ours: NoteText, theirs: NoteText, kind: DatedList
) -> Clashes:
    """Theirs' new items of a dated list (the log, opportunities) added to ours in the list's
    order, and the items they removed (and we kept as they were) removed. An item both sides
    edited, each its own way (the base's item of that day gone from both, one new item of
    that day on each side), is a conflict of that item alone (kept in ours as we have it;
    `_entry_lines` puts git's markers around it and theirs)."""
    base_items, our_items, their_items = (_items(t, kind) for t in (base, ours, theirs))
    before = {item for _, item in base_items}
    mine = {item for _, item in our_items}
    their = {item for _, item in their_items}
    removed = (before & mine) - their
    ours_new = [(day, item) for day, item in our_items if item not in before]
    theirs_new = [(day, item) for day, item in their_items if item not in before | mine]
    clashes: Clashes = {}
    for day in sorted({day for day, item in base_items if item not in mine | their}):
        one = [item for d, item in ours_new if d == day]
        other = [item for d, item in theirs_new if d == day]
        if len(one) == 1 and len(other) == 1:
            clashes[one[0]] = other[0]
    for start, end in reversed(_entry_ranges(result, kind)):
        if tuple(result.content(i) for i in range(start, end)) in removed:
            del result.lines[start:end]
    taken = set(clashes.values())
    added = [
        (day, item[0].removeprefix("- ").removeprefix("* "), list(item[1:]))
        for day, item in theirs_new
        if item not in taken
    ]
    append_log_entries(result, added, kind)
    return clashes


def _items(text: NoteText, kind: DatedList) -> list[tuple[dt.date, tuple[str, ...]]]:
    """The dated items of the note's list of `kind`, in order: each day with the item's lines
    (its first, then those under it), without line endings."""
    section, _ = log_section(text, kind)
    if section is None:
        return []
    dated, _ = section_contents(text, *section)
    return [
        (day, tuple(text.content(i) for i in range(index, item_end(text, index))))
        for index, day in dated
    ]


def _entry_ranges(text: NoteText, kind: DatedList) -> list[tuple[int, int]]:
    """Where each dated item of the list is, with the lines under it."""
    section, _ = log_section(text, kind)
    if section is None:
        return []
    dated, _ = section_contents(text, *section)
    return [(index, item_end(text, index)) for index, _ in dated]


def _entry_lines(text: NoteText, clashes: Clashes, kind: DatedList) -> list[str]:
    """The lines of the list's dated items, in order, as written (line endings included); an
    item in `clashes` between git's markers, with theirs."""
    ending = "\r" if text.newline == "\r\n" else ""
    lines: list[str] = []
    for start, end in _entry_ranges(text, kind):
        item = tuple(text.content(i) for i in range(start, end))
        if item in clashes:
            block = [OURS_MARK, *item, BETWEEN, *clashes[item], THEIRS_MARK]
            lines += [line + ending for line in block]
        else:
            lines += text.lines[start:end]
    return lines


def _folded(version: NoteText, result: NoteText, tokens: dict[DatedList, str]) -> str:
    """`version` as text with `result`'s front-matter and line endings, the items of each
    dated list taken out and one line, its token, where the first of them was (after the
    list's heading when it has none, at the end when it has no such list)."""
    ending = "\r" if result.newline == "\r\n" else ""
    lines = [version.content(i) + ending for i in range(len(version.lines))]
    lines[-1] = lines[-1].removesuffix(ending)
    gone: set[int] = set()
    places: dict[int, list[str]] = {}
    for kind, token in tokens.items():
        ranges = _entry_ranges(version, kind)
        section, _ = log_section(version, kind)
        at = ranges[0][0] if ranges else section[0] + 1 if section else version.last + 1
        while not ranges and section and at < section[1] and not version.content(at).strip():
            at += 1  # an empty list's items would come after the blank lines under its heading
        gone.update(i for start, end in ranges for i in range(start, end))
        places.setdefault(at, []).append(token + ending)
    out: list[str] = []
    for index, line in enumerate(lines):
        out += places.pop(index, [])
        if index not in gone:
            out.append(line)
    for rest in places.values():  # after a last line with no newline of its own
        out[-1] += ending
        out += rest
    own_end, result_end = version.front_matter_end(), result.front_matter_end()
    head = result.lines[: result_end + 1] if result_end is not None else []
    out[: own_end + 1 if own_end is not None else 0] = head
    return ("\ufeff" if result.bom else "") + "\n".join(out)


def _unfolded(merged: bytes, entries: dict[str, list[str]], newline: str) -> bytes:
    """The text merge with each dated list's merged items where its token is (once: a
    conflict that repeats a token keeps the items at its first place); a note that ended
    without a newline still does (`_folded` gave its last line one, for a token after it)."""
    lines = merged.decode("utf-8").split("\n")
    for token, items in entries.items():
        places = [i for i, line in enumerate(lines) if line.rstrip("\r") == token]
        for index in reversed(places[1:]):
            del lines[index]
        if places:
            lines[places[0] : places[0] + 1] = items
    text = "\n".join(lines)
    return (text.removesuffix("\r") if newline == "\r\n" else text).encode("utf-8")
