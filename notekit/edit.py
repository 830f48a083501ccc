"""Surgical edits to a user's note (SPEC §6), and the one way notekit writes a file.

Every edit works on the file's own lines and touches only the lines it means to: other
front-matter lines, their order, quoting, comments and indentation, the body, LF or CRLF, a BOM
and the presence or absence of a final newline all stay byte for byte. A whole-document YAML
round trip (ruamel.yaml included) cannot promise that, so the front-matter is only *read* as
YAML — to refuse broken notes and to know what a key holds — and edited as text.

Writes are atomic (a temporary file in the same folder, then a rename, keeping the file's mode)
and re-check, right before the rename, that the file is still what was read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from notekit.parse import DATED, FENCE, HEADING, LIST_ITEM, parse_note

BOM = "\ufeff"
LOG_HEADINGS = ("log", "interactions", "timeline")
_KEY_LINE = re.compile(
    r"""^(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<plain>[^\s#'"\-?:][^:]*?))\s*:(?=\s|$)"""
)
_VALUE = re.compile(
    r"""^(?P<gap>\s*)(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|.*?)(?P<rest>\s+#.*|\s*)$"""
)


class EditError(Exception):
    """The note cannot be edited safely; nothing was written. The message says why."""


class ConflictError(EditError):
    """The file changed between reading and writing; nothing was written."""


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: its bytes and what tells a later change apart."""

    path: Path
    data: bytes
    size: int
    mtime_ns: int
    mode: int
    digest: str

    @classmethod
    def read(cls, path: Path) -> Snapshot:
        try:
            with open(path, "rb") as handle:
                info = os.fstat(handle.fileno())
                data = handle.read()
        except OSError as exc:
            raise EditError(f"{path}: cannot read: {exc.strerror}") from None
        return cls(path, data, info.st_size, info.st_mtime_ns, info.st_mode, _digest(data))

    def changed(self) -> bool:
        try:
            info = os.stat(self.path)
            if (info.st_size, info.st_mtime_ns) != (self.size, self.mtime_ns):
                return True
            return _digest(Path(self.path).read_bytes()) != self.digest
        except OSError:
            return True


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class NoteText:
    """A note's text split into lines that remember their own endings."""

    def __init__(self, data: bytes, name: str) -> None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise EditError(f"{name}: not valid UTF-8; notekit will not edit it") from None
        self.bom = text.startswith(BOM)
        text = text[1:] if self.bom else text
        self.lines = text.split("\n")  # the last item is what follows the final newline
        self.newline = "\r\n" if self.lines[0].endswith("\r") and len(self.lines) > 1 else "\n"
        self.name = name

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

    def front_matter_end(self) -> int | None:
        """Index of the closing `---`, or None when the note has no front-matter."""
        if not self.lines or self.content(0).rstrip() != "---":
            return None
        for index in range(1, len(self.lines)):
            if self.content(index).rstrip() in ("---", "..."):
                return index
        return None


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
    """Each front-matter key as written -> its line index."""
    end = text.front_matter_end()
    keys: dict[str, int] = {}
    for index in range(1, end or 0):
        match = _KEY_LINE.match(text.content(index))
        if match:
            key = match.group("dq") or match.group("sq") or match.group("plain")
            keys.setdefault(key.strip(), index)
    return keys


def set_value(text: NoteText, key: str, value: str, find: Callable[[str], bool]) -> None:
    """Set a front-matter value. `find` tells whether an existing key is this field; the first
    such key keeps its spelling and its quoting. Otherwise `key: value` is added as the last
    front-matter line (a front-matter block is added when the note has none).

    `value` is YAML as it should appear: a plain date, or the result of `flow_scalar` or
    `flow_list`.
    """
    for written, index in top_level_keys(text).items():
        if find(written):
            _replace_value(text, index, value)
            return
    end = text.front_matter_end()
    if end is None:
        text.insert(0, ["---", f"{key}: {value}", "---"])
    else:
        text.insert(end, [f"{key}: {value}"])


def _replace_value(text: NoteText, index: int, value: str) -> None:
    line = text.content(index)
    colon = _KEY_LINE.match(line).end()
    match = _VALUE.match(line[colon:])
    gap, old, rest = match.group("gap") or " ", match.group("value"), match.group("rest")
    if old[:1] in ("'", '"') and value[:1] not in ("'", '"', "["):
        value = _requote(value, old[0])
    end = index + 1
    while end <= text.last and _continues(text.content(end)):
        end += 1
    # the old value's own lines (a block list, a scalar continued) go with it; blank lines and
    # comments among or after them are the user's and stay
    text.lines[index + 1 : end] = [
        line for line in text.lines[index + 1 : end] if not _holds_value(line)
    ]
    ending = "\r" if text.lines[index].endswith("\r") else ""
    text.lines[index] = f"{line[:colon]}{gap}{value}{rest}{ending}"


def _continues(line: str) -> bool:
    """Could belong to the value above: indented, blank, or a block-list item."""
    return line.startswith((" ", "\t", "- ")) or line in ("-", "")


def _holds_value(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _requote(value: str, quote: str) -> str:
    if quote == "'":
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def append_log_entry(text: NoteText, date: dt.date, entry: str) -> None:
    """Add `- entry` to the note's log section, in the order its entries already follow
    (newest first or last); add a `## Log` section at the end when there is none."""
    section, open_fence = _log_section(text)
    if section is None:
        new = ["", "## Log", f"- {entry}"]
        if text.last < 0 or not text.content(text.last).strip():
            new = new[1:]
        if open_fence:  # a code block left open to the end would swallow the new section
            new = [open_fence, *new]
        text.insert(text.last + 1, new)
        return
    dated, last_text = _section_contents(text, *section)
    line = f"- {entry}"
    if not dated:
        text.insert(last_text + 1, [line])
        return
    newest_first = dated[0][1] > dated[-1][1]
    if newest_first:
        position = next((i for i, d in dated if d <= date), dated[-1][0] + 1)
    else:
        later = [i for i, d in dated if d > date]
        position = later[0] if later else dated[-1][0] + 1
    text.insert(position, [line])


def _section_contents(
    text: NoteText, start: int, end: int
) -> tuple[list[tuple[int, dt.date]], int]:
    """The section's top-level dated list items, and its last line of text outside code."""
    dated: list[tuple[int, dt.date]] = []
    last_text = start
    fence = None
    for index in range(start + 1, end):
        line = text.content(index)
        if fence:
            if _closes(line, fence):
                fence, last_text = None, index
            continue
        opening = FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        if line.strip():
            last_text = index
        item = LIST_ITEM.match(line)
        if item and not line[:1].isspace():
            found = DATED.match(item.group(1).strip())
            if found:
                try:
                    dated.append((index, dt.date.fromisoformat(found.group(1) or found.group(2))))
                except ValueError:
                    continue  # an impossible date: not an entry to order by
    return dated, last_text


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return set(stripped) == {fence[0]} and len(stripped) >= len(fence)


def _log_section(text: NoteText) -> tuple[tuple[int, int] | None, str | None]:
    """(heading index, index after the section) of the first log heading outside code, and
    the fence of a code block still open at the end of the note."""
    start = (text.front_matter_end() or -1) + 1
    fence = None
    found: tuple[int, int] | None = None
    for index in range(start, text.last + 1):
        line = text.content(index)
        if fence:
            if _closes(line, fence):
                fence = None
            continue
        opening = FENCE.match(line)
        if opening:
            fence = opening.group(1)
            continue
        heading = HEADING.match(line)
        if not heading:
            continue
        level = len(heading.group(1))
        if found is not None and level <= found[1]:
            return (found[0], index), None
        if found is None and heading.group(2).strip().lower() in LOG_HEADINGS:
            found = (index, level)
    return ((found[0], text.last + 1) if found else None), fence


def write_atomic(snapshot: Snapshot, data: bytes) -> None:
    """Replace the file with `data` unless it changed since `snapshot` was read."""
    path = snapshot.path
    tmp = _written_beside(path, data, stat.S_IMODE(snapshot.mode))
    try:
        if snapshot.changed():
            raise ConflictError(
                f"{path.name} changed while notekit was editing it (another program saved it); "
                "nothing was written. Run the command again."
            )
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def create_new(path: Path, data: bytes) -> None:
    """Write a new file atomically; never replaces one that exists."""
    tmp = _written_beside(path, data, 0o666 & ~_umask())
    try:
        os.link(tmp, path)  # fails if the file appeared meanwhile
    except FileExistsError:
        raise EditError(f"{path.name} already exists; nothing was written") from None
    finally:
        os.unlink(tmp)


def _written_beside(path: Path, data: bytes, mode: int) -> str:
    """A temporary file in the target's folder (a dot file: editors, git and notekit skip it),
    holding `data` on disk with `mode`."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
