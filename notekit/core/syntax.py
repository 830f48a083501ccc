"""The note format in one place: every pattern notekit reads in (or writes into) a note's
text, and the small functions that apply them line by line (SPEC §3, §4). Readers, writers and
the report all take them from here, so a note means the same thing to each of them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from notekit.core.words import counted

CHANNELS = frozenset(
    [
        "email",
        "linkedin",
        "call",
        "phone",
        "video",
        "coffee",
        "lunch",
        "dinner",
        "meeting",
        "message",
        "text",
        "conference",
        "event",
        "social",
        "whatsapp",
        "signal",
        "slack",
        "telegram",
        "sms",
        "letter",
    ]
)

# channels that are meetings (SPEC §4): both ways, and an answer to an outreach
MEETINGS = frozenset(
    ["coffee", "lunch", "dinner", "call", "phone", "video", "meeting", "conference", "event"]
)
DIRECTIONS = ("to", "from")  # after the channel word: my outreach, their message to me
# a conversation with several people, after the channel word: `linkedin group with [[Ana Costa]],
# [[Ben Ode]] and 2 others: text`, in the note of each who wrote that day (SPEC §4). Contact with
# them and a tie between the members linked, never outreach nor an answer
GROUP = "group"
GROUP_MARKER = re.compile(r"group(?::| with )", re.IGNORECASE)  # with match(), after the channel
OPPORTUNITY_HEADING = "opportunities"  # a person's section of opportunities, in any case
OPPORTUNITY_KINDS = frozenset(
    ["referral", "job", "intro", "collaboration", "mentorship", "client", "advice", "other"]
)
# `given`: what I did for them (an intro, a referral), the other half of reciprocity
OPPORTUNITY_STATUSES = ("open", "won", "lost", "given")
# after an opportunity's date: `referral (open): referred me for …`; groups kind, what the
# brackets hold (`won!`, `won, in May`: its first word is the status), text; a word is taken
# from its start only, so that a search stays linear on a long word
OPPORTUNITY = re.compile(r"(?<![\w-])([A-Za-z][\w-]*)[ \t]*(?:\(([^()]*)\)[ \t]*)?:[ \t]*(.*)")
STATUS_WORD = re.compile(r"[A-Za-z]+")  # with match: a status, of what the brackets hold
CHANNEL_WORD = re.compile(r"[^\W_][\w-]*")  # with fullmatch: what may name a channel
DATE = r"\d{4}-\d{2}-\d{2}"
# a direction after the channel word, with the day of the other side's message it answers in
# their thread where that is known: `email from (re 2026-11-01): Re: coffee?` answers my message
# of that day, however late; `email to (re 2026-10-10): …` is my answer, not an outreach
DIRECTED = re.compile(rf"(to|from)(?:[ \t]+\(re[ \t]+({DATE})\))?:", re.IGNORECASE)
LOG_HEADINGS = ("log", "interactions", "timeline")  # a person's log section, in any case
ISO_DATE = re.compile(DATE)  # with fullmatch: a value that is a date and nothing else
LINKED_DATE = re.compile(rf"\[\[({DATE})(?:\|[^\]\n]*)?\]\]")  # Obsidian's date: `[[2026-06-01]]`
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# what git writes around the two sides of a conflict it cannot merge (`<<<<<<< HEAD`, then
# `=======`, then `>>>>>>> theirs`); a lone `=======` is a Markdown heading's underline
CONFLICT_START = re.compile(r"<{7}(?: |$)")
CONFLICT_END = re.compile(r">{7}(?: |$)")
HEADING = re.compile(r"^ {0,3}(#{1,6})(?=\s)(.*)$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
TASK_BOX = re.compile(r"^\[(.)\](?:\s+|$)(.*)$")
# a job change an import noticed, written after the date: `linkedin: now Staff at Globex (was
# Engineer at Initech)`; news of the person, not a contact with them
NEWS = re.compile(r"(linkedin|google|vcard): now (\S.*)")
DATED = re.compile(rf"^(?:\*\*)?(?:\[\[({DATE})(?:\|[^\]]*)?\]\]|({DATE}))(?:\*\*)?(.*)$")
TASK_DUE = re.compile(rf"(?:📅\s*({DATE})|\(due:?\s*({DATE})\)|\[due::\s*({DATE})\])")
# `[[target#heading|shown]]`, `![[embed]]`: groups target, `#heading`, shown text
WIKILINK = re.compile(r"!?\[\[([^\[\]|#\n]*)(#[^\[\]|\n]*)?(?:\|([^\[\]\n]*))?\]\]")
DAILY_NAME = re.compile(rf"^{DATE}$")  # `[[2026-03-01]]` names a daily note, written or not
# Dataview inline fields: `Key:: value` as a line (a list item, or a bold key, may hold it) and
# `[key:: value]` or `(key:: value)` within one; groups: the key, then the value (unstripped)
INLINE_FIELD = re.compile(
    r"^[ \t]*(?:[-*+][ \t]+)?(\*\*|__)?([A-Za-z][\w \-]{0,60}?)::(?:\1)?(.*)$"
)
# the value stops at the next bracket of either kind, so that a line of many unclosed openers is
# scanned once, not once per opener
BRACKETED_FIELD = re.compile(r"[\[(]([A-Za-z][\w \-]{0,60}?)::([^\[\]()\n]*)[\])]")
BACKTICKS = re.compile(r"`+")
TAG = re.compile(r"(?:^|(?<=\s))#([\w\-/]+)")
_TAG_START = re.compile(r"(?:^|(?<=\s))#(?=[\w\-/])")  # where TAG would find a tag
NOT_DIGIT_WORD = re.compile(r"[^\W\d]")  # a tag needs one: `#2026` is no tag
MARKERS = re.compile(r"^\s*(?:>\s*)*(?:#{1,6}\s+|(?:[-*+]|\d+[.)])\s+)?")  # quote, heading, list


# Every pattern here runs on text users (or imports) wrote, line by line: each is linear in the
# line's length (no nested or adjacent quantifiers that can split the same text two ways), and
# tests/read/test_parse.py feeds them lines built to make a backtracking engine stall.


# control characters (C0, C1, line and paragraph separators) become spaces; the invisible ones
# that reorder or hide text (bidirectional overrides and isolates, zero-width space, a BOM)
# are dropped
_OUTSIDE_TEXT = {
    **{code: " " for code in (*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029)},
    **{code: None for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200B, 0xFEFF)},
}


def one_line(text: str) -> str:
    """Text from outside (a command's argument, an import) as it may be written into one line
    of a note: line breaks and other control characters become spaces, so a value can never
    start a line (a task, a heading) of its own, and invisible reordering characters go;
    `<!--` and `-->` are broken apart and a leading `---` escaped, so that what notekit writes
    it always reads back as written."""
    text = " ".join(text.translate(_OUTSIDE_TEXT).split())
    text = text.replace("<!--", "<! --").replace("-->", "-- >")
    return "\\" + text if text.startswith("---") else text


def inert(text: str) -> str:
    """Text from outside (a message, an event's title) as an import writes it into a note: it
    may not act as the note's syntax, so a `#tag` would tag the person and a `[[link]]` tie
    them to someone. Each is escaped as Markdown shows it: `\\#tag`, `[\\[link]]`."""
    return _TAG_START.sub(r"\\#", text.replace("[[", "[\\["))


def wikilink(target: str, name: str) -> str:
    """`[[target]]`, or `[[target|name]]` when the note's file name is not the name shown;
    both made safe to stand in one line and inside the brackets."""
    target, name = one_line(target), one_line(name)
    shown = name.replace("[", "(").replace("]", ")").replace("|", "/")
    return f"[[{target}]]" if target == name else f"[[{target}|{shown}]]"


def directed(direction: str, reply_to: dt.date | None) -> str:
    """What follows the channel word of a directed entry, before the colon (`DIRECTED`)."""
    return f"{direction} (re {reply_to.isoformat()})" if reply_to else direction


def group_with(links: list[str], others: int) -> str:
    """What follows `group with ` in a group entry: the members with a note, as links, then how
    many others were there (`[[Ana Costa]], [[Ben Ode]] and 2 others`)."""
    rest = [counted(others, "other")] if others else []
    named = links + rest
    return ", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else "".join(named)


def note_lines(text: str) -> list[str]:
    """A note's lines as an editor numbers them: cut at each LF, a CRLF's CR dropped, and at
    each CR in a text without LF (classic Mac OS); never at the other breaks `splitlines`
    knows (a form feed, U+2028), where no editor starts a line."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text.split("\r")
    if "\r" in text:
        return [line[:-1] if line.endswith("\r") else line for line in lines]
    return lines


def lines_with_ends(text: str) -> list[str]:
    """`text` cut after each LF, each piece keeping it (the last may have none): lines as git
    and editors cut them, never at a form feed or U+2028 as `str.splitlines` does."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def html_comment(line: str, inside: bool) -> tuple[bool, bool]:
    """Whether `line` is hidden in an HTML comment (`<!-- … -->` over several lines), and
    whether a comment is still open after it; `inside`: whether one was open before it."""
    if inside:
        return True, "-->" not in line
    opened = line.rfind("<!--")
    if opened >= 0 and "-->" not in line[opened + 4 :]:
        return True, True
    return False, False


TEXT, FENCE_LINE, CODE, HIDDEN = "text", "fence", "code", "hidden"  # what a body line is


def body_lines(
    lines: Sequence[str], start: int = 0, end: int | None = None
) -> Iterator[tuple[int, str, str]]:
    """Each of `lines[start:end]` with its index and what it is, as every reader and writer of
    notes sees it: TEXT; FENCE_LINE, a line that opens or closes a code block; CODE, inside
    one; HIDDEN, inside an HTML comment (`<!-- … -->`, over lines or not; outside code only).
    A heading, a list item or a task counts only on a TEXT line."""
    fence: str | None = None
    in_comment = False
    for index in range(start, len(lines) if end is None else end):
        line = lines[index]
        if fence is not None:
            if closes_fence(line, fence):
                fence = None
                yield index, line, FENCE_LINE
            else:
                yield index, line, CODE
            continue
        if in_comment or "<!--" in line:
            hidden, in_comment = html_comment(line, in_comment)
            if hidden:
                yield index, line, HIDDEN
                continue
        opening = FENCE.match(line) if line[:4].lstrip()[:1] in ("`", "~") else None
        if opening:
            fence = opening.group(1)
            yield index, line, FENCE_LINE
            continue
        yield index, line, TEXT


def conflict(lines: Sequence[str]) -> tuple[int, int] | None:
    """The indexes of the first `<<<<<<<` line and the `>>>>>>>` line that closes it, when
    the lines hold a merge git left unresolved (outside code blocks: a note may show one in
    an example); None otherwise."""
    opened: int | None = None
    for index, line, kind in body_lines(lines):
        if kind != TEXT:
            continue
        if CONFLICT_START.match(line):
            opened = index if opened is None else opened
        elif opened is not None and CONFLICT_END.match(line):
            return opened, index
    return None


def closes_fence(line: str, fence: str) -> bool:
    """Whether `line` closes a code block opened by `fence` (as many of its character or more,
    and nothing else)."""
    stripped = line.strip()
    return set(stripped) == {fence[0]} and len(stripped) >= len(fence)


def heading(line: str) -> tuple[int, str] | None:
    """An ATX heading's level and text (closing `#`s dropped), or None."""
    match = HEADING.match(line)
    if match is None:
        return None
    return len(match.group(1)), match.group(2).strip().rstrip("#").rstrip()


def code_spans(line: str) -> list[tuple[int, int, int]]:
    """Each inline code span of the line (`…`, ``…``): where it starts and ends, and how many
    backticks open it. A run of n backticks closes only a span opened by a run of exactly n
    (CommonMark); found by bisecting the runs of each length, never by backtracking."""
    runs = [(m.start(), m.end()) for m in BACKTICKS.finditer(line)]
    by_length: dict[int, list[int]] = {}
    for number, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(number)
    spans = []
    done = 0  # the line is read up to here
    number = 0
    while number < len(runs):
        start, end = runs[number]
        same = by_length[end - start]
        after = bisect.bisect_right(same, number)
        if start < done or after == len(same):
            number += 1
            continue
        closing = same[after]
        done = runs[closing][1]
        spans.append((start, done, end - start))
        number = closing + 1
    return spans


def blank_code_spans(line: str) -> str:
    """The line with each inline code span blanked out, its length kept: what is in code is
    neither a tag nor a link."""
    out: list[str] = []
    done = 0  # the line is copied up to here
    for start, end, _ in code_spans(line):
        out += [line[done:start], " " * (end - start)]
        done = end
    return "".join(out) + line[done:] if out else line


def without_comments(line: str) -> str:
    """The line without the HTML comments that open and close within it, as a preview shows
    it (`met <!-- where? --> at PyCon`: `met  at PyCon`); one inside a code span is code, and
    stays. A comment over several lines is `body_lines`' HIDDEN."""
    visible = blank_code_spans(line) if "`" in line else line
    kept: list[str] = []
    done = 0  # the line is kept up to here
    while (opened := visible.find("<!--", done)) >= 0:
        closed = visible.find("-->", opened + 4)
        if closed < 0:
            break
        kept.append(line[done:opened])
        done = closed + 3
    return "".join(kept) + line[done:]


def tag_list(value: Any) -> list[str]:
    """Tags from a list, or from a string of words split on commas and spaces; no `#`."""
    if value is None:
        return []
    items = value if isinstance(value, list) else re.split(r"[,\s]+", str(value))
    tags = []
    for item in items:
        if item is None or isinstance(item, (list, dict)):
            continue
        tag = str(item).strip().lstrip("#").strip()
        if tag:
            tags.append(sys.intern(tag))  # a few words, said by many notes: held once
    return tags


# an address within a text: `ana@x.org` of `Ana <ana@x.org>, mailto:ben@y.org; cy@z.org`;
# looked for from the start of each run of what an address may hold: linear on a long run
_IN_ADDRESS = r"[^\s,;<>()\[\]\"']"
_ADDRESS = re.compile(
    rf"(?<!{_IN_ADDRESS})(?:mailto:)?({_IN_ADDRESS}+@{_IN_ADDRESS}+)", re.IGNORECASE
)


def email_list(value: Any) -> list[str]:
    """Addresses from a list, or from a text that holds several (`a@x.org, b@y.org`), each
    item read for the addresses it holds: one that holds none (`not yet`) gives none."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    found: list[str] = []
    for item in items:
        if item is not None and not isinstance(item, (list, dict)):
            found.extend(_ADDRESS.findall(str(item)))
    return found


def plain(text: str) -> str:
    """Note text for reading: `[[Stem|shown]]` reads as `shown`, `[[Stem]]` as `Stem`, a
    task's due marker (shown beside it as a date) is dropped, a code span is its code without
    the backticks, and what `inert` escaped reads as written (`\\#tag` as `#tag`), as Markdown
    shows it."""
    text = WIKILINK.sub(lambda m: (m.group(3) or m.group(1)).strip(), TASK_DUE.sub("", text))
    if "`" in text:  # a code span shows its code, not its backticks
        shown, done = [], 0
        for start, end, ticks in code_spans(text):
            shown += [text[done:start], text[start + ticks : end - ticks].strip()]
            done = end
        text = "".join(shown) + text[done:]
    return " ".join(text.replace("\\#", "#").replace("[\\[", "[[").split())
