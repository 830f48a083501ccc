"""One Markdown note, bytes in, ParsedNote out: front-matter, dated entries, tasks, links, tags.

A line scanner rather than a Markdown parser: indexing must be fast, and everything it needs
(list items, headings, fences, quotes) is visible line by line. Nothing here raises for a bad
file; every finding becomes a Problem with the note's path and line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from typing import Any

from notekit.core.dates import parse_date
from notekit.core.model import (
    ERROR,
    WARNING,
    Interaction,
    Link,
    News,
    Opportunity,
    ParsedNote,
    Problem,
    Section,
    Task,
)
from notekit.core.syntax import (
    BRACKETED_FIELD,
    CHANNELS,
    CODE,
    DATED,
    DIRECTED,
    GROUP,
    GROUP_MARKER,
    HIDDEN,
    INLINE_FIELD,
    LIST_ITEM,
    LOG_HEADINGS,
    MARKERS,
    NEWS,
    NOT_DIGIT_WORD,
    OPPORTUNITY,
    OPPORTUNITY_HEADING,
    OPPORTUNITY_KINDS,
    OPPORTUNITY_STATUSES,
    STATUS_WORD,
    TAG,
    TASK_BOX,
    TASK_DUE,
    TEXT,
    WIKILINK,
    blank_code_spans,
    body_lines,
    conflict,
    heading,
    note_lines,
    tag_list,
    without_comments,
)
from notekit.read.front_matter import DELIMITER, FrontMatter, front_matter_end, load_mapping

MAX_NOTE_BYTES = 4 * 1024 * 1024  # larger notes are read up to here, with a warning

_SEPARATORS = " \t:-–—,.;"
_DATES: dict[str, dt.date] = {}  # one object per day: the cache then stores each day once


def digest_of(raw: bytes) -> str:
    """What tells one content of a file from another, whatever its mtime."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def parse_note(path: str, raw: bytes, channels: frozenset[str] = CHANNELS) -> ParsedNote:
    """Parse the bytes of the note at vault-relative `path`; `channels`: the words that name
    a channel after an entry's date (SPEC §4, and the config's own)."""
    return parse_with_front_matter(path, raw, channels)[0]


def parse_with_front_matter(
    path: str, raw: bytes, channels: frozenset[str] = CHANNELS
) -> tuple[ParsedNote, FrontMatter]:
    """As `parse_note`, and the front-matter's values (empty when it cannot be read): what
    the Person is made from (`read.fields`), and what an edit compares."""
    note = ParsedNote(path=path, digest=digest_of(raw))
    if b"\x00" in raw[:8192]:
        note.readable = False
        note.problems.append(Problem(path, None, ERROR, "binary file, not a Markdown note"))
        return note, {}
    if len(raw) > MAX_NOTE_BYTES:
        raw = raw[: raw.rfind(b"\n", 0, MAX_NOTE_BYTES) + 1 or MAX_NOTE_BYTES]
        note.problems.append(
            Problem(
                path,
                None,
                WARNING,
                f"note is larger than {MAX_NOTE_BYTES // (1024 * 1024)} MiB: only its beginning "
                "was read",
            )
        )
    text = _decode(path, raw, note.problems)
    lines = note_lines(text)
    if "\r" in text and "\n" not in text:  # classic Mac OS: read, never edited (write.edit)
        note.problems.append(Problem(path, None, WARNING, CR_ONLY))
    # two versions at once: neither is data (most notes hold no marker: one look at the text)
    if "<<<<<<<" in text and (markers := conflict(lines)) is not None:
        note.readable = False
        first, last = (index + 1 for index in markers)
        note.problems.append(Problem(path, first, ERROR, CONFLICT.format(first=first, last=last)))
        return note, {}
    if yaml_directive(lines[0]):
        note.problems.append(Problem(path, 1, WARNING, YAML_DIRECTIVE))
    body_start, front_matter = _read_front_matter(note, lines)
    _scan_body(note, lines, body_start, channels)
    return note, front_matter


CR_ONLY = (
    "lines end in a carriage return alone (classic Mac OS): notekit reads the note but will not "
    "edit it; save it with LF or CRLF line endings"
)
CONFLICT = (
    "a git merge left unresolved (conflict markers, lines {first}–{last}): notekit reads "
    "nothing of the note and will not edit it until both versions are made one"
)
YAML_DIRECTIVE = (
    "starts with a YAML directive (`%YAML …`): front-matter is read only when `---` is the first "
    "line, so this note has none and notekit will not edit it; remove the directive line"
)


def yaml_directive(first_line: str) -> bool:
    """Whether a note opens with a YAML directive (`%YAML 1.2`, `%TAG`): Obsidian and notekit
    then see no front-matter, and an edit must not add a second block above it."""
    return first_line.startswith(("%YAML", "%TAG"))


def _decode(path: str, raw: bytes, problems: list[Problem]) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.append(Problem(path, line, WARNING, "invalid UTF-8: unreadable bytes shown as �"))
        return raw.decode("utf-8-sig", errors="replace")


def _read_front_matter(note: ParsedNote, lines: list[str]) -> tuple[int, FrontMatter]:
    """What the note's front-matter says of it; the index of the first body line, and the
    front-matter's values."""
    end = front_matter_end(lines)
    if end is None:
        if not lines or lines[0].rstrip() != DELIMITER:
            return 0, {}
        note.front_matter_ok = False
        note.problems.append(
            Problem(note.path, 1, ERROR, "front-matter has no closing `---`: read as body text")
        )
        return 0, {}
    note.has_front_matter = True
    note.body_start = end + 2
    text = "\n".join(lines[1:end])
    data, key_lines, errors = load_mapping(text, first_line=2)
    note.key_lines = {sys.intern(key): line for key, line in key_lines.items()}
    for line, message in errors:
        note.problems.append(Problem(note.path, line, ERROR, message))
    note.front_matter_ok = not errors
    links = "[[" in text or "\\" in text  # a YAML escape could spell a link too
    for key, value in data.items():
        if links:
            for target in _front_matter_links(value):
                note.links.append(Link(target, key_lines.get(key, 2), in_front_matter=True))
        if key.lower() in ("tags", "tag") and not note.front_tags:
            note.front_tags = tag_list(value)
        if key.lower() == "date" and note.date is None:
            try:
                note.date = parse_date(value)
            except ValueError as exc:
                note.problems.append(
                    Problem(note.path, key_lines.get(key), WARNING, f"{key}: {exc}")
                )
    return end + 1, data


def _front_matter_links(value: Any) -> list[str]:
    if isinstance(value, str):
        return [m.group(1).strip() for m in WIKILINK.finditer(value)]
    if isinstance(value, list):
        return [target for item in value for target in _front_matter_links(item)]
    if isinstance(value, dict):
        return [target for item in value.values() for target in _front_matter_links(item)]
    return []


def _scan_body(note: ParsedNote, lines: list[str], start: int, channels: frozenset[str]) -> None:
    """One pass over the body, as `body_lines` sees it. Cheap tests on each line's first
    character decide which patterns can apply, so most lines never meet a regular
    expression."""
    opportunities: int | None = None  # the level of the `## Opportunities` heading, while in it
    for index, line, kind in body_lines(lines, start):
        if kind != TEXT:
            if kind == CODE and "[[" in line:
                _add_links(note, line, line, index + 1, in_code=True)
            continue
        if "<!--" in line:
            line = without_comments(line)  # what the line shows, its texts taken from here
        stripped = line.lstrip()
        if not stripped:
            continue
        number = index + 1
        first = stripped[0]
        visible = blank_code_spans(line) if "`" in line else line  # as long, and what is code
        if first == ">":
            _add_links(note, visible, line, number, in_quote=True)
            continue
        if "::" in visible:
            _add_inline_fields(note, visible, line, number)
        if "#" in visible:
            note.tags.extend(
                sys.intern(tag)
                for m in TAG.finditer(visible)
                if NOT_DIGIT_WORD.search(tag := m.group(1))
            )
            found = heading(line) if first == "#" else None  # a code span cannot make one
            if found:
                level, content = found
                if level == 1 and note.title is None:
                    note.title = content
                if opportunities is not None and level <= opportunities:
                    opportunities = None
                if content.strip().lower() == OPPORTUNITY_HEADING:
                    opportunities = level
                _add_entry(note, content, number, channels)
                _add_links(note, visible, line, number)
                continue
        open_task = False
        item = LIST_ITEM.match(visible) if first in "-*+0123456789" else None
        if item:
            content = line[item.start(1) :]
            task = TASK_BOX.match(content) if content[:1] == "[" else None
            if task:
                open_task = task.group(1) == " "
                _add_task(note, task.group(2), number, done=not open_task)
                if not open_task:
                    _add_entry(note, task.group(2), number, channels)
            else:
                in_section = opportunities is not None and not line[:1].isspace()
                _add_entry(note, content, number, channels, in_section)
        _add_links(note, visible, line, number, in_open_task=open_task)


def _add_inline_fields(note: ParsedNote, visible: str, line: str, number: int) -> None:
    """Dataview's inline fields of one line: the whole line, or bracketed ones within it
    (found outside code, in `visible`; read from `line`, which is as long)."""
    whole = INLINE_FIELD.match(visible)
    if whole and not BRACKETED_FIELD.search(visible):
        note.inline_fields.append((_text(line, whole, 2), _text(line, whole, 3), number))
        return
    for found in BRACKETED_FIELD.finditer(visible):
        note.inline_fields.append((_text(line, found, 1), _text(line, found, 2), number))


def _text(line: str, match: re.Match[str], group: int) -> str:
    """What `line` holds where a group of a match in its blanked copy is, blanks trimmed."""
    return line[match.start(group) : match.end(group)].strip()


def _add_links(note: ParsedNote, visible: str, line: str, number: int, **where: bool) -> None:
    """The links of `visible`, outside code; their context is the whole `line`."""
    if "[[" not in visible:
        return
    context = ""
    for match in WIKILINK.finditer(visible):
        target = match.group(1).strip()
        if target:
            context = context or _shorten(MARKERS.sub("", line))
            note.links.append(Link(target, number, context=context, **where))


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _link_targets(text: str) -> tuple[str, ...]:
    return tuple(m.group(1).strip() for m in WIKILINK.finditer(text) if m.group(1).strip())


def _add_entry(
    note: ParsedNote,
    content: str,
    number: int,
    channels: frozenset[str],
    in_opportunities: bool = False,
) -> None:
    content = content.strip()
    if content[:1] not in "0123456789[*" or not content:
        return
    match = DATED.match(content)
    if not match:
        return
    written = match.group(1) or match.group(2)
    date = _day(written)
    if date is None:
        try:
            parse_date(written)  # for the message
        except ValueError as exc:
            note.problems.append(Problem(note.path, number, WARNING, f"dated entry: {exc}"))
        return
    rest = match.group(3)
    if ": now " in rest and (news := NEWS.fullmatch(rest.strip(_SEPARATORS))):
        note.news.append(News(date, news.group(2), number))
        return
    if in_opportunities:
        _add_opportunity(note, date, rest, number)
        return
    channel, text, direction, answered = _split_channel(rest, channels)
    reply_to = _day(answered) if answered else None
    if answered and (reply_to is None or reply_to > date):
        why = "no such day" if reply_to is None else "a day after the entry's own"
        note.problems.append(Problem(note.path, number, WARNING, f"(re {answered}): {why}"))
        reply_to = None
    note.entries.append(
        Interaction(
            date, note.path, number, "entry", _shared(channel), text, _shared(direction), reply_to
        )
    )


def _shared(word: str | None) -> str | None:
    """One string for each channel and direction, however many entries say it, as for the
    front-matter's keys and the tags: at 50,000 people, copies of these words held 50 MB."""
    return None if word is None else sys.intern(word)


def _add_opportunity(note: ParsedNote, date: dt.date, rest: str, number: int) -> None:
    """`referral (open): referred me for …` after the date; a kind notekit does not know is
    `other` with the whole text, a status it does not know is reported and read as open."""
    rest = rest.strip(_SEPARATORS)
    found = OPPORTUNITY.fullmatch(rest)
    if found is None or found.group(1).lower() not in OPPORTUNITY_KINDS:
        note.opportunities.append(Opportunity(date, "other", "open", rest, number))
        return
    kind, written, text = found.groups()
    written = (written or "").strip()  # `won!`, `won, in May`: the status is the first word
    word = STATUS_WORD.match(written)
    status = word[0].lower() if word else written or "open"
    if status not in OPPORTUNITY_STATUSES:
        note.problems.append(
            Problem(
                note.path,
                number,
                WARNING,
                f"opportunity status {written!r}: one of {', '.join(OPPORTUNITY_STATUSES)}",
            )
        )
        status = "open"
    note.opportunities.append(Opportunity(date, kind.lower(), status, text.strip(), number))


def _split_channel(
    rest: str, channels: frozenset[str]
) -> tuple[str | None, str, str | None, str | None]:
    """The channel, the text, the direction (`to`, `from`, `group`) and the day answered by
    thread as written (`from (re DATE):`) of what follows an entry's date."""
    rest = rest.lstrip(_SEPARATORS)
    word, _, after = rest.partition(" ")
    candidate = word.rstrip(_SEPARATORS).lower()
    if candidate not in channels:
        return None, rest.strip(), None, None
    if word.endswith(":"):  # `coffee: talked about …` — the text is what follows
        return candidate, after.strip(), None, None
    if directed := DIRECTED.match(after):  # `email to: …`, `email from (re 2026-11-01): …`
        text = after[directed.end() :].strip()
        return candidate, text, directed.group(1).lower(), directed.group(2)
    if GROUP_MARKER.match(after):  # `linkedin group with [[Ana]], [[Ben]]: …`: links, then text
        return candidate, after.partition(":")[2].strip(), GROUP, None
    return candidate, rest.strip(), None, None  # `Lunch at Joe's` reads best whole


def _day(written: str) -> dt.date | None:
    """A date as an entry writes it, from the parse's table of them; None when no such day."""
    try:
        return _DATES.get(written) or _DATES.setdefault(written, dt.date.fromisoformat(written))
    except ValueError:
        return None


def _add_task(note: ParsedNote, text: str, number: int, done: bool) -> None:
    due: dt.date | None = None
    match = TASK_DUE.search(text)
    if match:
        try:
            due = parse_date(next(g for g in match.groups() if g))
        except ValueError as exc:
            note.problems.append(Problem(note.path, number, WARNING, f"task due date: {exc}"))
    note.tasks.append(Task(text.strip(), number, done, due, _link_targets(text)))


def sections(raw: bytes) -> list[Section]:
    """The note's sections other than its log (and what the log holds), each up to the next
    heading outside code; sections with nothing under them are left out."""
    lines = note_lines(raw.decode("utf-8", errors="replace").removeprefix("\ufeff"))
    start = (front_matter_end(lines) or -1) + 1
    found: list[tuple[str, int, list[str]]] = []
    log_level: int | None = None  # inside a log section of this level
    for index, line, kind in body_lines(lines, start):
        if kind == HIDDEN:
            line = ""  # what an HTML comment hides is no part of what the note says
        elif kind == TEXT and "<!--" in line:
            line = without_comments(line)
        if kind == TEXT and (title := heading(line)) is not None:
            level, name = title
            if log_level is not None and level > log_level:
                continue  # a heading within the log is part of it
            log_level = level if name.lower() in LOG_HEADINGS else None
            if log_level is None:
                found.append((name, index + 1, []))
            continue
        if found and log_level is None:
            found[-1][2].append(line)
    result = []
    for name, number, body in found:
        content = "\n".join(body).strip("\n")
        if content.strip():
            leading = next(n for n, line in enumerate(body) if line)  # the blank lines trimmed
            result.append(Section(name, number, content, number + 1 + leading))
    return result
