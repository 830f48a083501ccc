"""Front-matter read line by line where that is safe, else by PyYAML (notekit.read.yamlfm).

Most front-matter is a handful of `key: value` lines whose values are plain or simply quoted
scalars, or flow or block lists of them. For exactly that subset the result of the full loader
is known, and reading it line by line is many times faster than PyYAML's composer and
constructor (which run in Python even with libyaml). Anything outside the subset (nesting,
anchors, tags, escapes, multi-line scalars, odd characters) goes to the full loader, which is
only imported then; tests/read/test_yamlfm.py checks that both agree on everything the fast path
accepts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from notekit.read.yamlfm import Errors

DELIMITER = "---"
FrontMatter = dict[str, Any]  # a note's front-matter values, by key as written
_CLOSERS = ("---", "...")


def front_matter_end(lines: Sequence[str]) -> int | None:
    """Index of the line that closes a note's front-matter, or None when the note has none (or
    never closes it). Every reader and writer of notes finds the front-matter here: a line of
    `---` first, then the first `---` or `...` line. Trailing blanks and a CR are allowed."""
    if not lines or lines[0].rstrip() != DELIMITER:
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSERS:
            return index
    return None


def load_mapping(text: str, first_line: int) -> tuple[dict[str, Any], dict[str, int], Errors]:
    """Parse front-matter text that starts at `first_line` of its file.

    Returns the keys and values, the line of each key, and (line, message) errors.
    """
    fast = simple_mapping(text, first_line)
    if fast is not None:
        return fast[0], fast[1], []
    from notekit.read.yamlfm import full_mapping  # PyYAML, only for what the fast path leaves

    return full_mapping(text, first_line)


_FAST_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_ .\-]*):(?:[ ]+(.*))?$")  # key: blanks stripped
_BLOCK_ITEM = re.compile(r"^([ ]*)-(?:[ ]+(.*))?$")
_PLAIN_START = frozenset("[]{},#&*!|>'\"%@`")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_NOT_KEYS = frozenset(_BOOLS) | _NULLS | {"<<"}


def simple_mapping(text: str, first_line: int) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The front-matter read line by line when it stays in the simple subset, else None."""
    if not text.replace("\n", "").isprintable():  # a tab, a control character, odd spaces
        return None
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip() or line.startswith("#"):
            index += 1
            continue
        match = _FAST_KEY.match(line)
        if match is None:
            return None
        key = match.group(1).rstrip(" ")
        if key in _NOT_KEYS or key in data:
            return None
        raw = match.group(2) or ""
        key_lines[key] = first_line + index
        index += 1
        if not raw.strip() or raw.startswith("#"):  # nothing, or a comment: a block list may follow
            value, index = _block_list(lines, index)
        elif index < len(lines) and lines[index][:1] == " " and lines[index].strip():
            return None  # a value continued on the next line
        else:
            value = _scalar_or_flow(raw)
        if value is _UNSURE:
            return None
        data[key] = value
    return data, key_lines


_UNSURE = object()


def _block_list(lines: list[str], index: int) -> tuple[Any, int]:
    """Items of a block list starting at `index` (None when there is none)."""
    items: list[Any] = []
    indent: str | None = None
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        match = _BLOCK_ITEM.match(line)
        if not match:
            if line[:1] == " ":
                return _UNSURE, index  # something nested we do not read here
            break
        if indent is None:
            indent = match.group(1)
        elif match.group(1) != indent:
            return _UNSURE, index
        value = _scalar(match.group(2) or "")
        if value is _UNSURE:
            return _UNSURE, index
        items.append(value)
        index += 1
    return (items if items else None), index


def _scalar_or_flow(raw: str) -> Any:
    value = raw.rstrip(" ")
    if value.startswith("["):
        body, _, rest = value[1:].partition("]")
        if "]" not in value:  # a bracket inside is an item's, which `_scalar` declines
            return _UNSURE
        if rest.strip() and not (rest[:1] == " " and rest.lstrip(" ").startswith("#")):
            return _UNSURE  # text after the list, not a comment
        if not body.strip():
            return []
        items = [_scalar(part, in_flow=True) for part in body.split(",")]
        return _UNSURE if any(i is _UNSURE for i in items) else items
    return _scalar(value)


def _scalar(raw: str, in_flow: bool = False) -> Any:
    if in_flow and "#" in raw:
        return _UNSURE  # a comment inside a flow list swallows its end
    value = raw.strip(" ")
    if value[:1] in ("'", '"'):
        quote = value[0]
        end = value.find(quote, 1)
        if end < 0 or "\\" in value[:end] and quote == '"':
            return _UNSURE
        rest = value[end + 1 :].strip(" ")
        if rest and not (rest.startswith("#") and value[end + 1 : end + 2] == " "):
            return _UNSURE  # `''` escapes, text after the quote
        return value[1:end]
    if " #" in value:
        value = value.split(" #", 1)[0].rstrip(" ")
    if value in _NULLS:
        return None if not in_flow or value else _UNSURE
    if value in _BOOLS:
        return _BOOLS[value]
    if (
        value[0] in _PLAIN_START
        or value[0] in "?:"
        or value[:2] == "- "
        or value == "-"
        or ": " in value
        or value.endswith(":")
        or (in_flow and any(c in value for c in "[]{},:"))
    ):
        return _UNSURE
    return value
