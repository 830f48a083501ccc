"""Surgical edits to a user's note (SPEC §6), and the one way notekit writes a file.

Every edit works on the file's own lines and touches only the lines it means to: other
front-matter lines, their order, quoting, comments and indentation, the body, LF or CRLF, a BOM
and the presence or absence of a final newline all stay byte for byte. A whole-document YAML
round trip (ruamel.yaml included) cannot promise that, so the front-matter is only *read* as
YAML — to refuse broken notes and to know what a key holds — and edited as text.

A note is read under its lock (notekit.read.files), held until the new version is renamed over it,
so notekit's own writers take turns; the planned text is checked with the full YAML loader
(`verify_edit`) before anything is written; and the write re-reads the file right before the
rename, so a save by another program in between is never overwritten.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import os
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notekit.core.errors import ConflictError, EditError
from notekit.core.syntax import (
    BRACKETED_FIELD,
    CODE,
    DATED,
    FENCE,
    FENCE_LINE,
    HIDDEN,
    INLINE_FIELD,
    ISO_DATE,
    LINKED_DATE,
    LIST_ITEM,
    LOG_HEADINGS,
    OPPORTUNITY_HEADING,
    TEXT,
    body_lines,
    heading,
    html_comment,
)
from notekit.read.files import (
    create_exclusive,
    locked_open,
    read_regular,
    replace_atomic,
    unlock,
)
from notekit.read.front_matter import front_matter_end, load_mapping
from notekit.read.parse import CR_ONLY, YAML_DIRECTIVE, parse_note, yaml_directive

BOM = "\ufeff"
_KEY_LINE = re.compile(
    r"""^[ ]*(?:(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)')[ \t]*|(?P<plain>[^\s#'"\-?:][^:]*)):(?=\s|$)"""
)
_QUOTED = re.compile(r"""^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*')""")
_COMMENT = re.compile(r"(?<!\s)\s+#")  # only the first blank of a run starts a try: linear
_BLANK_OR_COMMENT = re.compile(r"^(?:\s*|\s+#.*)$")


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read, with the lock that keeps other notekit writers of it waiting
    until this one has written or given up (`release`)."""

    path: Path
    data: bytes
    mode: int
    owner: tuple[int, int]
    lock: int | None = field(default=None, compare=False, repr=False)

    @classmethod
    def read(cls, path: Path) -> Snapshot:
        try:
            fd = locked_open(path)
        except OSError as exc:
            raise EditError(f"{path}: cannot read: {exc.strerror}") from None
        try:
            info = os.fstat(fd)
            data = _read_all(fd)
        except OSError as exc:
            os.close(fd)
            raise EditError(f"{path}: cannot read: {exc.strerror}") from None
        return cls(path, data, info.st_mode, (info.st_uid, info.st_gid), fd)

    @classmethod
    def planned(cls, path: Path, data: bytes) -> Snapshot:
        """A note a dry run plans to create, as if it had been read: changes to it can be
        shown, never written (the file is not there, so it has changed)."""
        return cls(path, data, 0o644, (os.getuid(), os.getgid()))

    def changed(self) -> bool:
        """Whether the file no longer holds what was read: its content is compared whole,
        since an editor may save the same number of bytes and put the mtime back."""
        try:
            return read_regular(self.path) != self.data
        except OSError:
            return True

    def release(self) -> None:
        if self.lock is not None:
            unlock(self.lock)
            object.__setattr__(self, "lock", None)


def vault_path(vault: Path, rel: str) -> Path:
    """The real file that vault-relative `rel` names, links resolved; refused when it lies
    outside the vault (a folder or file link leading out, `..`)."""
    root = vault.resolve()
    real = (root / rel).resolve()
    if not real.is_relative_to(root) or real == root:
        raise EditError(
            f"{rel} leads outside the vault (through a symbolic link or `..`); notekit writes "
            "only inside the vault"
        )
    return real


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


class NoteText:
    """A note's text split into lines that remember their own endings."""

    def __init__(self, data: bytes, name: str) -> None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise EditError(f"{name}: not valid UTF-8; notekit will not edit it") from None
        self.bom = text.startswith(BOM)
        text = text[1:] if self.bom else text
        if "\r" in text and "\n" not in text:
            raise EditError(f"{name}: {CR_ONLY}")
        if yaml_directive(text):
            raise EditError(f"{name}: {YAML_DIRECTIVE}")
        self.lines = text.split("\n")  # the last item is what follows the final newline
        self.newline = "\r\n" if self.lines[0].endswith("\r") and len(self.lines) > 1 else "\n"
        self.name = name
        # keys set, with their YAML (or the value it must read as); None: removed
        self.intended: dict[str, str | Loaded | None] = {}
        self.inline: dict[str, str] = {}  # inline fields set: key as written -> value written

    def encode(self) -> bytes:
        return ((BOM if self.bom else "") + "\n".join(self.lines)).encode("utf-8")

    def content(self, index: int) -> str:
        """Line `index` without its carriage return."""
        line = self.lines[index]
        return line[:-1] if line.endswith("\r") else line

    @property
    def last(self) -> int:
        """Index of the last line holding text (the final newline's empty tail excluded)."""
        return (
            len(self.lines) - 2
            if self.lines[-1] == "" and len(self.lines) > 1
            else len(self.lines) - 1
        )

    def insert(self, index: int, new_lines: list[str]) -> None:
        """Insert whole lines before line `index` (which may be one past the last line)."""
        ending = "\r" if self.newline == "\r\n" else ""
        if index > self.last:  # after the last line: it may have no newline of its own
            tail_has_newline = self.lines[-1] == "" and len(self.lines) > 1
            if tail_has_newline:
                self.lines[-1:-1] = [line + ending for line in new_lines]
            else:
                self.lines[-1] += ending
                self.lines.extend(line + ending for line in new_lines)
                self.lines[-1] = self.lines[-1][: len(self.lines[-1]) - len(ending)]
            return
        self.lines[index:index] = [line + ending for line in new_lines]

    def front_matter_text(self) -> str | None:
        """The front-matter between the `---` lines, each line ending in `\n` (line 1 of it is
        the file's line 2); None when the note has none."""
        end = self.front_matter_end()
        if end is None:
            return None
        return "".join(self.content(i) + "\n" for i in range(1, end))

    def front_matter_end(self) -> int | None:
        """Index of the closing `---`, or None when the note has no front-matter."""
        return front_matter_end(self.lines)


@dataclass(frozen=True)
class Loaded:
    """The value a key must read as after an edit, when no one YAML text says it."""

    value: Any


def verify_edit(
    before: bytes,
    after: bytes,
    intended: dict[str, str | Loaded | None],
    name: str,
    inline: dict[str, str] | None = None,
) -> None:
    """Refuse an edit whose front-matter no longer parses as YAML, or where any key other than
    the ones meant to change reads differently (an anchor lost, a line of a multi-line value
    rewritten). The intended keys must read as the values written."""
    old, old_errors = front_matter_values(before)
    new, new_errors = front_matter_values(after)
    if new_errors and not old_errors:
        line, message = new_errors[0]
        raise EditError(
            f"{name}: this edit would leave front-matter that does not parse (line {line}: "
            f"{message}); nothing was written. Edit the note by hand, or simplify its "
            "front-matter."
        )
    expected = {
        key: _MISSING
        if value is None
        else value.value
        if isinstance(value, Loaded)
        else front_matter_values(f"---\nk: {value}\n---\n".encode())[0].get("k")
        for key, value in intended.items()
    }
    for key in old.keys() | new.keys():
        want = expected[key] if key in expected else old.get(key, _MISSING)
        if new.get(key, _MISSING) != want:
            raise EditError(
                f"{name}: this edit would change {key!r}, which it does not mean to (the "
                "front-matter has a shape notekit cannot edit line by line: an anchor, or a "
                "value over several lines); nothing was written. Edit the note by hand."
            )
    if inline:
        found = {(key, value) for key, value, _ in parse_note(name, after).inline_fields}
        for key, value in inline.items():
            if (key, value) not in found:
                raise EditError(
                    f"{name}: the inline field {key}:: would not read {value!r} after this "
                    "edit; nothing was written. Edit the note by hand."
                )


_MISSING = object()


def front_matter_values(data: bytes) -> tuple[dict[str, Any], list[tuple[int, str]]]:
    """The front-matter of a note's bytes as the full YAML loader reads it, and its errors:
    what the check that an edit changed nothing else compares."""
    body = NoteText(data, "").front_matter_text()
    if body is None:
        return {}, []
    from notekit.read.yamlfm import full_mapping  # PyYAML: only when something is written

    data_, _, errors = full_mapping(body, first_line=2)
    return data_, errors


def full_front_matter(text: NoteText) -> dict[str, Any]:
    """The note's front-matter as the full YAML loader reads it (texts kept as written)."""
    return front_matter_values(text.encode())[0]


def open_note(data: bytes, name: str) -> NoteText:
    """The note's text, refusing notes whose front-matter cannot be parsed."""
    note = parse_note(name, data)
    if not note.readable or not note.front_matter_ok:
        reasons = "; ".join(f"line {p.line}: {p.message}" for p in note.problems if p.line)
        raise EditError(
            f"{name}: the front-matter cannot be parsed ({reasons or 'unreadable'}); fix it "
            "first, notekit will not rewrite it"
        )
    return NoteText(data, name)


def top_level_keys(text: NoteText) -> dict[str, int]:
    """Each top-level front-matter key as written -> its line index, as YAML reads the
    front-matter (a line inside a multi-line string or flow list is no key)."""
    body = text.front_matter_text()
    if body is None:
        return {}
    _, key_lines, _ = load_mapping(body, first_line=1)
    return {key: line for key, line in key_lines.items() if _KEY_LINE.match(text.content(line))}


def _indent(text: NoteText) -> str:
    """The indentation of the front-matter's keys (YAML allows a mapping to be indented)."""
    for index in top_level_keys(text).values():
        line = text.content(index)
        return line[: len(line) - len(line.lstrip(" "))]
    return ""


def set_value(text: NoteText, key: str, value: str, find: Callable[[str], bool]) -> None:
    """Set a front-matter value. `find` tells whether an existing key is this field; the first
    such key keeps its spelling and its quoting. Otherwise `key: value` is added as the last
    front-matter line (a front-matter block is added when the note has none).

    `value` is YAML as it should appear: a plain date, or the result of `flow_scalar` or
    `flow_list`. The key is recorded in `text.intended`, which `verify_edit` checks. A plain
    date replacing a date written as Obsidian links one (`"[[2026-06-01]]"`) takes that form.
    """
    for written, index in top_level_keys(text).items():
        if find(written):
            text.intended[written] = _replace_value(text, index, value)
            return
    end = text.front_matter_end()
    if end is None:
        text.insert(0, ["---", f"{key}: {value}", "---"])
    else:
        text.insert(end, [f"{_indent(text)}{key}: {value}"])
    text.intended[key] = value


def append_item(
    text: NoteText,
    key: str,
    item: str,
    find: Callable[[str], bool],
    words: Callable[[Any], list[str]] | None = None,
) -> None:
    """Add one item (`item`: its YAML in flow style) at the end of
    a front-matter list, the items before it left as written: a block list gets a `- item`
    line, a one-line flow list the item before its `]`, an empty value or a missing key
    `[item]`, a single text becomes a list of it and the item; with `words`, how the field
    reads a single text as items (`read.fields.WORDS`: tags, emails), one that holds several
    gets the item as one more (`_add_word`). EditError for a value of another shape (a flow
    list over several lines, a mapping)."""
    for written, index in top_level_keys(text).items():
        if not find(written):
            continue
        from notekit.read.yamlfm import flow_scalar

        old = front_matter_values(text.encode())[0].get(written)
        line = text.content(index)
        _, now, _ = _split_value(line[_KEY_LINE.match(line).end() :])  # type: ignore[union-attr]
        alone = _value_lines(text, index) == [] and now[:1] not in ("|", ">")
        value = _loaded(f"[{item}]")[0]
        after: Any = [*(old if isinstance(old, list) else [old] if old else []), value]
        if old is None or old == "":
            _replace_value(text, index, f"[{item}]")
        elif isinstance(old, str) and alone and words and len(words(old)) > 1:
            after = _add_word(text, index, old, now, str(value), words)
        elif isinstance(old, str) and alone:
            _replace_value(text, index, f"[{flow_scalar(old)}, {item}]")
        elif isinstance(old, list) and alone and now.startswith("[") and now.endswith("]"):
            inner = now[1:-1].rstrip()
            _replace_value(text, index, f"[{inner}, {item}]" if inner.strip() else f"[{item}]")
        elif isinstance(old, list) and not now:
            _add_block_item(text, index, item)
        else:
            raise EditError(f"{text.name}: {written} is not a list notekit can add to")
        text.intended[written] = Loaded(after)
        return
    set_value(text, key, f"[{item}]", find)


def _loaded(value: str) -> Any:  # noqa: ANN401 - whatever the YAML says
    """What a front-matter value written as `value` reads as."""
    return front_matter_values(f"---\nk: {value}\n---\n".encode())[0].get("k")


def _separator(text: str) -> str:
    """What a text of several items puts between two: `; `, `, ` or a blank, as it does."""
    return next((f"{mark} " for mark in ";," if mark in text), " ")


def _add_word(
    text: NoteText, index: int, old: str, now: str, word: str, words: Callable[[Any], list[str]]
) -> Any:  # noqa: ANN401 - what the YAML reads
    """Add `word` to the value on line `index`, written `now` and read as `old`: a text of
    several items (`person, initech`, as `words` reads it), which gets it last, after the
    separator it uses and within its quotes; what it then reads as. A word the text cannot
    hold as one (a blank or a comma in it) makes the value the flow list of the items."""
    from notekit.read.yamlfm import flow_value

    quote = now[0] if now[:1] in ("'", '"') and now[-1:] == now[:1] and len(now) > 1 else ""
    body = now[len(quote) : len(now) - len(quote)].rstrip()
    added = f"{_separator(old)}{word}"
    grown = f"{quote}{body}{added}{quote}"
    if words(word) == [word] and _loaded(grown) == old.rstrip() + added:
        _replace_value(text, index, grown)
        return old.rstrip() + added
    items = [*words(old), word]
    _replace_value(text, index, flow_value(items))
    return items


def _value_lines(text: NoteText, index: int) -> list[int]:
    """The lines after the key on line `index` that hold its value (not blanks, comments)."""
    indent = len(text.content(index)) - len(text.content(index).lstrip(" "))
    found = []
    end = index + 1
    while end <= text.last and _continues(text.content(end), indent):
        if _holds_value(text.content(end)):
            found.append(end)
        end += 1
    return found


def remove_item(
    text: NoteText,
    value: str,
    find: Callable[[str], bool],
    words: Callable[[Any], list[str]] | None = None,
) -> None:
    """Take the items that read as `value` (ignoring case) out of a front-matter list: a block
    list loses their `- item` lines (with the lines they go on over), a one-line flow list is
    written again without them, a single text that is the item leaves the list empty; with
    `words` (as for `append_item`), a single text of several items is written again without
    the item, with its separator and quotes. Nothing changes when no such item is there.
    EditError for a value of another shape."""
    for written, index in top_level_keys(text).items():
        if not find(written):
            continue
        old = front_matter_values(text.encode())[0].get(written)
        split = words if isinstance(old, str) else None  # how a text reads as items
        if split is not None:
            items = split(old)
        else:
            items = old if isinstance(old, list) else [old] if old not in (None, "") else []
        kept: Any = [item for item in items if str(item).casefold() != value.casefold()]
        if len(kept) == len(items):
            return
        line = text.content(index)
        _, now, _ = _split_value(line[_KEY_LINE.match(line).end() :])  # type: ignore[union-attr]
        lines = _value_lines(text, index)
        if isinstance(old, list) and not now and lines:
            for at in reversed(lines):
                item = text.content(at).strip()
                if item.startswith("-") and _item_reads(item[1:], value):
                    del text.lines[at]
        elif lines == [] and now[:1] not in ("|", ">", "&", "*"):
            from notekit.read.yamlfm import flow_value

            if split and kept:
                joined = _separator(str(old)).join(kept)
                if now[:1] in ("'", '"') or _loaded(joined) == joined:
                    kept = joined  # as it was written: a text of words (requoted as it was)
            _replace_value(text, index, kept if isinstance(kept, str) else flow_value(kept))
        else:
            raise EditError(f"{text.name}: {written} is not a list notekit can take from")
        text.intended[written] = Loaded(kept)
        return


def _item_reads(text: str, value: str) -> bool:
    """Whether a block list item's text (after its dash) reads as `value`, ignoring case."""
    loaded = front_matter_values(f"---\nk:\n  - {text.strip()}\n---\n".encode())[0].get("k")
    return (
        isinstance(loaded, list)
        and len(loaded) == 1
        and str(loaded[0]).casefold() == (value.casefold())
    )


def _add_block_item(text: NoteText, index: int, item: str) -> None:
    """A `- item` line after the last line of the block list whose key is on line `index`,
    indented as its first item."""
    lines = _value_lines(text, index)
    first = text.content(lines[0])
    dash = first[: len(first) - len(first.lstrip(" "))]
    text.insert(lines[-1] + 1, [f"{dash}- {item}"])


def remove_value(text: NoteText, find: Callable[[str], bool]) -> str | None:
    """Remove the first front-matter key `find` says is the field, with its value's lines (the
    user's comments and blank lines among them stay); the key as written, or None when the
    note has none. Recorded in `text.intended` as removed, which `verify_edit` checks."""
    for written, index in top_level_keys(text).items():
        if find(written):
            line = text.content(index)
            indent = len(line) - len(line.lstrip(" "))
            end = index + 1
            while end <= text.last and _continues(text.content(end), indent):
                end += 1
            kept = [line for line in text.lines[index + 1 : end] if not _holds_value(line)]
            text.lines[index:end] = kept
            text.intended[written] = None
            return written
    return None


def set_inline(text: NoteText, number: int, find: Callable[[str], bool], value: str) -> None:
    """Set the value of the Dataview inline field on line `number` (`Last contact:: …`,
    `[next contact:: …]`) that `find` says is the field, in place: the key, its bold and
    brackets, and a date's `[[…]]` form stay as written. Recorded in `text.inline`, which
    `verify_edit` checks."""
    index = number - 1
    line = text.content(index)
    whole = INLINE_FIELD.match(line)
    if whole and not BRACKETED_FIELD.search(line):
        spans = [(whole.start(3), whole.end(3), whole.group(2))]
    else:
        spans = [(m.start(2), m.end(2), m.group(1)) for m in BRACKETED_FIELD.finditer(line)]
    for start, end, key in spans:
        if not find(key.strip()):
            continue
        old = line[start:end]
        bare = old.strip()
        lead = old[: len(old) - len(old.lstrip())] or (" " if whole else "")
        trail = old[len(old.rstrip()) :]
        if value and ISO_DATE.fullmatch(value) and LINKED_DATE.fullmatch(bare):
            value = f"[[{value}]]"
        new = f"{lead}{value}{trail}" if value else trail
        ending = "\r" if text.lines[index].endswith("\r") else ""
        text.lines[index] = f"{line[:start]}{new}{line[end:]}{ending}"
        text.inline[key.strip()] = value
        return
    raise EditError(f"{text.name}: line {number} holds no such field")


def _replace_value(text: NoteText, index: int, value: str) -> str:
    """Replace the value of the key on line `index`; the value written."""
    line = text.content(index)
    key = _KEY_LINE.match(line)
    assert key is not None, "set_value found this line as a key"
    colon = key.end()
    gap, old, rest = _split_value(line[colon:])
    gap = gap or " "
    quote = old[0] if old[:1] in ("'", '"') and old[-1:] == old[:1] and len(old) > 1 else ""
    if ISO_DATE.fullmatch(value) and LINKED_DATE.fullmatch(old[len(quote) : len(old) - len(quote)]):
        quote = quote or '"'  # `[[…]]` bare is a list in YAML
        value = f"{quote}[[{value}]]{quote}"
    elif old[:1] in ("'", '"') and value[:1] not in ("'", '"', "["):
        value = _requote(value, old[0])
    indent = len(line) - len(line.lstrip(" "))
    end = index + 1
    while end <= text.last and _continues(text.content(end), indent):
        end += 1
    # the old value's own lines (a block list, a scalar continued) go with it; blank lines and
    # comments among or after them are the user's and stay
    text.lines[index + 1 : end] = [
        line for line in text.lines[index + 1 : end] if not _holds_value(line)
    ]
    ending = "\r" if text.lines[index].endswith("\r") else ""
    text.lines[index] = f"{line[:colon]}{gap}{value}{rest}{ending}"
    return value


def _split_value(after: str) -> tuple[str, str, str]:
    """What follows a key's colon: (blanks before the value, the value, blanks and comment)."""
    text = after.lstrip()
    if text.startswith("#"):  # no value, a comment: a new value goes before it
        return " ", "", after
    gap = after[: len(after) - len(text)]
    quoted = _QUOTED.match(text)
    if quoted and _BLANK_OR_COMMENT.match(text[quoted.end() :]):
        return gap, quoted.group(0), text[quoted.end() :]
    comment = _COMMENT.search(text)
    value = text[: comment.start()] if comment else text.rstrip()
    return gap, value, text[len(value) :]


def _continues(line: str, indent: int) -> bool:
    """Could belong to the value of a key indented by `indent`: more indented, blank, or a
    block-list item at the key's own indentation."""
    own = len(line) - len(line.lstrip(" \t"))
    if not line.strip():
        return True
    return own > indent or (own == indent and (line[own:].startswith("- ") or line[own:] == "-"))


def _holds_value(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _requote(value: str, quote: str) -> str:
    if quote == "'":
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class DatedList:
    """A section of dated list items: the headings that name it (any level, any case) and the
    one a new section gets."""

    headings: tuple[str, ...]
    title: str


LOG = DatedList(LOG_HEADINGS, "## Log")
OPPORTUNITIES = DatedList((OPPORTUNITY_HEADING,), "## Opportunities")


def append_log_entry(
    text: NoteText, date: dt.date, entry: str, more: Sequence[str] = (), kind: DatedList = LOG
) -> None:
    """Add `- entry` (and the lines `more` under it, such as indented notes of the entry) to
    the note's log section (or another `kind` of dated list), in the order its entries already
    follow (newest first or last), never between an entry and its indented lines; add a
    `## Log` section at the end when there is none."""
    lines = [f"- {entry}", *more]
    section, left_open = log_section(text, kind)
    if text.lines == [""]:  # an empty note: the section is all there is
        text.insert(0, [kind.title, *lines])
        return
    if section is None:
        new = ["", kind.title, *lines]
        if text.last < 0 or not text.content(text.last).strip():
            new = new[1:]
        if left_open:  # a code block or a comment open to the end would swallow the section
            new = [left_open, *new]
        text.insert(text.last + 1, new)
        return
    dated, last_text = section_contents(text, *section)
    if not dated:
        text.insert(last_text + 1, lines)
        return
    after_last = item_end(text, dated[-1][0])
    newest_first = dated[0][1] > dated[-1][1]
    if newest_first:
        position = next((i for i, d in dated if d <= date), after_last)
    else:
        later = [i for i, d in dated if d > date]
        position = later[0] if later else after_last
    text.insert(position, lines)


def append_log_entries(
    text: NoteText, entries: Sequence[tuple[dt.date, str, Sequence[str]]], kind: DatedList = LOG
) -> None:
    """`append_log_entry` for each of many entries (day, entry, lines under it), with the log
    read once: where each goes is found by bisection, so that an import of thousands of
    entries costs in proportion to them, not to their square."""
    if not entries:
        return
    append_log_entry(text, *entries[0], kind)  # makes the section when the note has none
    section, _ = log_section(text, kind)
    assert section is not None  # what the note left open was closed before a section it made
    dated, _ = section_contents(text, *section)
    after_last = item_end(text, dated[-1][0])
    newest_first = dated[0][1] > dated[-1][1]
    # the rule of append_log_entry (newest first: before the first item on or before the day;
    # else before the first item after it) as bisection over running bounds of the days
    if newest_first:
        bounds = [-day.toordinal() for day in itertools.accumulate((d for _, d in dated), min)]
        place = lambda day: bisect.bisect_left(bounds, -day.toordinal())  # noqa: E731
    else:
        bounds = [day.toordinal() for day in itertools.accumulate((d for _, d in dated), max)]
        place = lambda day: bisect.bisect_right(bounds, day.toordinal())  # noqa: E731
    at: dict[int, list[tuple[dt.date, int, list[str]]]] = {}
    for number, (day, entry, more) in enumerate(entries[1:]):
        found = place(day)
        line = dated[found][0] if found < len(dated) else after_last
        at.setdefault(line, []).append((day, number, [f"- {entry}", *more]))
    for line in sorted(at, reverse=True):  # from the end, so that each index still holds
        group = sorted(at[line], key=lambda item: item[:2], reverse=newest_first)
        text.insert(line, [row for *_, lines in group for row in lines])


def item_end(text: NoteText, index: int) -> int:
    """The line after the list item on line `index` and its indented lines."""
    end = index + 1
    while end <= text.last and text.content(end)[:1] in (" ", "\t") and text.content(end).strip():
        end += 1
    return end


def section_contents(text: NoteText, start: int, end: int) -> tuple[list[tuple[int, dt.date]], int]:
    """The section's top-level dated list items, and its last line of text outside code."""
    dated: list[tuple[int, dt.date]] = []
    last_text = start
    lines = [text.content(index) for index in range(end)]
    in_code = False
    for index, line, kind in body_lines(lines, start + 1, end):
        if kind == FENCE_LINE:
            last_text = index if in_code else last_text  # a block ends with its closing fence
            in_code = not in_code
        if kind in (FENCE_LINE, CODE):
            continue
        if line.strip():
            last_text = index
        item = LIST_ITEM.match(line) if kind == TEXT else None
        if item and not line[:1].isspace():
            found = DATED.match(item.group(1).strip())
            if found:
                try:
                    dated.append((index, dt.date.fromisoformat(found.group(1) or found.group(2))))
                except ValueError:
                    continue  # an impossible date: not an entry to order by
    return dated, last_text


def log_section(text: NoteText, kind: DatedList = LOG) -> tuple[tuple[int, int] | None, str | None]:
    """(heading index, index after the section) of the first log heading (or `kind`'s)
    outside code and comments, and the line that closes what the note leaves open at its end:
    the fence of a code block, or an HTML comment's `-->`."""
    start = (text.front_matter_end() or -1) + 1
    found: tuple[int, int] | None = None
    lines = [text.content(index) for index in range(text.last + 1)]
    fence = None  # of a code block open at the end
    comment = False  # open at the end
    for index, line, what in body_lines(lines, start):
        comment = what == HIDDEN and html_comment(line, comment)[1]
        if what == FENCE_LINE:
            fence = opening.group(1) if fence is None and (opening := FENCE.match(line)) else None
        title = heading(line) if what == TEXT else None
        if not title:
            continue
        level = title[0]
        if found is not None and level <= found[1]:
            return (found[0], index), None
        if found is None and title[1].lower() in kind.headings:
            found = (index, level)
    return ((found[0], text.last + 1) if found else None), fence or ("-->" if comment else None)


def write_atomic(snapshot: Snapshot, data: bytes) -> None:
    """Replace the file with `data` unless it changed since `snapshot` was read; the file keeps
    its mode, and its owner and group where the process may set them."""
    try:
        written = replace_atomic(
            snapshot.path,
            data,
            mode=stat.S_IMODE(snapshot.mode),
            owner=snapshot.owner,
            still_valid=lambda: not snapshot.changed(),
        )
    except OSError as exc:
        raise EditError(f"{snapshot.path}: cannot write: {exc.strerror}") from None
    finally:
        snapshot.release()
    if not written:
        raise ConflictError(
            f"{snapshot.path.name} changed while notekit was editing it (another program saved "
            "it); nothing was written. Run the command again."
        )


def move_aside(snapshot: Snapshot, target: Path) -> None:
    """Move the file read to `target`, a new file (never one that exists), unless it changed
    since it was read; the lock is let go either way."""
    try:
        if snapshot.changed():
            raise ConflictError(
                f"{snapshot.path.name} changed while notekit was working with it; it was not "
                "moved. Run the command again."
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(snapshot.path, target)  # refuses to replace a file, unlike a rename
        os.unlink(snapshot.path)
    except OSError as exc:
        raise EditError(f"{snapshot.path}: cannot move it to {target}: {exc.strerror}") from None
    finally:
        snapshot.release()


def create_new(path: Path, data: bytes) -> None:
    """Write a new file atomically; never replaces one that exists."""
    try:
        created = create_exclusive(path, data)
    except OSError as exc:
        raise EditError(f"{path}: cannot write: {exc.strerror}") from None
    if not created:
        raise EditError(f"{path.name} already exists; nothing was written")
