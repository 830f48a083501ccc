"""Mailboxes as an import reads them: an mbox file (Google Takeout, Thunderbird, the `mbox` of
an Apple Mail export folder) or a Maildir folder (Thunderbird, offlineimap, mbsync), with the
standard library's `mailbox` and `email`. Streamed: one message's headers at a time, never a
whole mailbox (nor a whole message, unless asked whether it is an invitation) in memory.

Each message becomes a `Mail` of addresses, day, subject and thread, or a `MailProblem` that
names it and says why it was skipped. Whether a message is personal is decided here from its
headers alone (mailing lists, bulk, auto-replies, no-reply senders, spam, trash, drafts, chats)
and said as `Mail.left_out`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.header import decode_header, make_header
from email.parser import BytesParser
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO

from notekit.core.dates import Local

MAX_HEADER = 256 << 10  # bytes of one message's headers; more is no mail a person wrote
MAX_LOOKED_INTO = 32 << 20  # bytes of a message read whole to see whether it is an invitation

# why a message is not a conversation with a person (`Mail.left_out`)
LIST, BULK, AUTO, NO_REPLY, INVITATION = (
    "mailing list",
    "bulk",
    "auto-reply",
    "no-reply",
    "invitation",
)
SPAM, TRASH, DRAFT, CHAT = "spam", "trash", "draft", "chat"
LEFT_OUT = (LIST, BULK, AUTO, NO_REPLY, INVITATION, SPAM, TRASH, DRAFT, CHAT)

# Gmail's labels (X-Gmail-Labels in a Takeout mbox) and the folder names of mail programs
_LABELS = {"spam": SPAM, "junk": SPAM, "trash": TRASH, "bin": TRASH, "drafts": DRAFT}
_LABELS |= {"deleted": TRASH, "deleted items": TRASH, "deleted messages": TRASH, "chat": CHAT}
_LABELS |= {"junk e-mail": SPAM, "junk email": SPAM, "draft": DRAFT}
_NO_REPLY = re.compile(
    r"(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?|notifications?)(?:[+._-].*)?",
    re.IGNORECASE,
)
# what Outlook, Gmail and others put before the subject of an answer sent while away
_AWAY = re.compile(
    r"(?:automatic reply|auto-?reply|auto:|out of (?:the )?office|abwesenheitsnotiz)", re.I
)
_CALENDAR_PART = re.compile(rb"content-type:\s*text/calendar", re.IGNORECASE)
READ = (  # the headers an import reads; the others (Received, DKIM…) are most of the bytes
    "from to cc bcc subject date message-id in-reply-to references x-gm-thrid x-gmail-labels "
    "list-id list-unsubscribe list-post precedence auto-submitted x-autoreply x-autorespond "
    "x-mozilla-draft-info content-type"
).split()
# one of them at a line's start: its name, and its value with the lines folded into it
_READ_LINE = re.compile(
    rb"^(" + b"|".join(re.escape(name.encode()) for name in READ) + rb")[ \t]*:"
    rb"(.*(?:\r?\n[ \t].*)*)",
    re.IGNORECASE | re.MULTILINE,
)
_EMPTY_LINE = re.compile(rb"\n\r?\n")  # where a message's header block ends
_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")


@dataclass(frozen=True)
class Mail:
    """One message, as a conversation sees it. Addresses are lower case."""

    where: str  # `file, message N`: what a problem or a dry run names
    day: dt.date
    sender: str
    sender_name: str
    to: tuple[tuple[str, str], ...]  # (address, name) of To and Cc, in order
    bcc: tuple[str, ...]
    subject: str
    message_id: str | None
    replies_to: tuple[str, ...]  # In-Reply-To, then References: the messages it answers
    thread: str | None  # Gmail's thread id, where the mailbox has it
    left_out: str | None  # one of LEFT_OUT, or None for a personal message
    # for a message of several parts: whether it holds a calendar invitation (reads it whole)
    invitation: Callable[[], bool] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class MailProblem:
    where: str
    reason: str


Read = Mail | MailProblem


@dataclass(frozen=True)
class _Stored:
    """One message in its mailbox: its header block (None when over MAX_HEADER), how to read
    it whole, and what its folder and flags say."""

    where: str
    headers: bytes | None
    whole: Callable[[], bytes]  # at most MAX_LOOKED_INTO bytes of the message
    folder_says: str | None  # spam, trash, draft: from the folder or a Maildir flag


def read_mail(path: Path, zone: Local | None = None) -> Iterator[Read]:
    """Each message of the mbox file or the folder at `path` (every mbox and Maildir under it),
    in mailbox order. `zone` gives the day of a time (default: the day the header says).
    Whether a message of several parts holds a calendar invitation is told when asked
    (`Mail.invitation`): it is read whole then."""
    for stored in _messages(path):
        if isinstance(stored, MailProblem):
            yield stored
            continue
        if stored.headers is None:
            yield MailProblem(stored.where, f"headers over {MAX_HEADER >> 10} KiB")
            continue
        yield _mail(stored, stored.headers, zone)


def mailbox_kind(path: Path) -> str | None:
    """`mbox` or `maildir` when the path is one (a folder: when it holds one), else None."""
    return next((kind for kind, _ in _boxes(path)), None)


def _boxes(path: Path) -> Iterator[tuple[str, Path]]:
    """The mailboxes at `path`, found by their shape and never read: an mbox file (its first
    bytes are `From `), or under a folder each Maildir (a folder with `cur` and `new`) and each
    mbox (named `mbox` as in an Apple Mail export, or `*.mbox`)."""
    if path.is_file():
        if _starts_as_mbox(path):
            yield "mbox", path
        return
    for folder, dirs, files in os.walk(path):
        dirs.sort()
        here = Path(folder)
        if {"cur", "new"} <= set(dirs):
            yield "maildir", here
            dirs[:] = [d for d in dirs if d not in ("cur", "new", "tmp")]
        for name in sorted(files):
            if (name == "mbox" or name.endswith(".mbox")) and _starts_as_mbox(here / name):
                yield "mbox", here / name


def _starts_as_mbox(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(5) == b"From "
    except OSError:
        return False


def _messages(path: Path) -> Iterator[_Stored | MailProblem]:
    for kind, box in _boxes(path):
        if kind == "maildir":
            yield from _maildir(box, _folder_says(box.name))
        else:  # an Apple Mail export names the folder, not its `mbox`
            yield from _mbox(box, _folder_says((box.parent if box.name == "mbox" else box).stem))


MBOX_CHUNK = 4 << 20  # bytes of an mbox read at a time


def _mbox(path: Path, says: str | None) -> Iterator[_Stored]:
    """The messages of an mbox file, in one pass over it. A message starts at a line that
    starts with `From ` (a body's own such lines are written `>From `, as mailbox.mbox reads
    them too); its header block is what lies between that line and the first empty one.
    Read here in large chunks rather than with mailbox.mbox, which reads a file line by line
    twice (once to find the messages, once for each) and takes minutes for a gigabyte."""
    with open(path, "rb") as handle:
        buffer, base, i = handle.read(MBOX_CHUNK), 0, 0
        ended = len(buffer) < MBOX_CHUNK
        number = 0
        if not buffer.startswith(b"From "):
            return
        while True:
            # the header block: after the `From ` line, up to the first empty line
            while True:
                line_end = buffer.find(b"\n", i, i + MAX_HEADER)
                end = _blank_line(buffer, line_end) if line_end >= 0 else -1
                if end >= 0 or ended or len(buffer) - i > 2 * MAX_HEADER:
                    break
                chunk = handle.read(MBOX_CHUNK)
                ended = len(chunk) < MBOX_CHUNK
                buffer, base, i = buffer[i:] + chunk, base + i, 0
            number += 1
            start = line_end + 1 if line_end >= 0 else len(buffer)
            stop = end if end >= 0 else len(buffer)
            headers = buffer[start:stop] if stop - start <= MAX_HEADER else None
            where, begins = f"{path}, message {number}", base + i
            # the next message: the next line that starts with `From `
            search = stop if end >= 0 else start
            while (found := buffer.find(b"\nFrom ", search)) < 0 and not ended:
                keep = max(search, len(buffer) - 6)  # `\nFrom` may straddle two chunks
                chunk = handle.read(MBOX_CHUNK)
                ended = len(chunk) < MBOX_CHUNK
                buffer, base, i, search = buffer[keep:] + chunk, base + keep, 0, 0
            finish = base + found + 1 if found >= 0 else base + len(buffer)
            yield _Stored(where, headers, _mbox_whole(path, begins, finish), says)
            if found < 0:
                return
            i = found + 1


def _blank_line(buffer: bytes, line_end: int) -> int:
    """Where the first empty line after the line ending at `line_end` starts, within
    MAX_HEADER bytes of it; -1 when there is none so near."""
    found = _EMPTY_LINE.search(buffer, line_end, line_end + MAX_HEADER + 3)
    return found.start() + 1 if found else -1


def _mbox_whole(path: Path, begins: int, ends: int) -> Callable[[], bytes]:
    def whole() -> bytes:
        with open(path, "rb") as handle:
            handle.seek(begins)
            return handle.read(min(ends - begins, MAX_LOOKED_INTO))

    return whole


def _maildir(folder: Path, says: str | None) -> Iterator[_Stored | MailProblem]:
    """The messages of a Maildir (`new`, then `cur`, each by name); a message's flags after
    `:2,` say whether it is a draft (D) or trashed (T)."""
    for part in ("new", "cur"):
        try:
            names = sorted(
                e.name
                for e in os.scandir(folder / part)
                if e.is_file() and not e.name.startswith(".")  # hidden: not a message
            )
        except OSError:
            continue
        for name in names:
            flags = name.rpartition(":2,")[2] if ":2," in name else ""
            flagged = DRAFT if "D" in flags else TRASH if "T" in flags else None
            file = folder / part / name
            try:
                with open(file, "rb") as handle:
                    headers = _headers(handle)
            except OSError as exc:
                yield MailProblem(str(file), f"cannot be read ({exc.strerror or exc})")
                continue
            yield _Stored(str(file), headers, _file_whole(file), says or flagged)


def _file_whole(file: Path) -> Callable[[], bytes]:
    def whole() -> bytes:
        with open(file, "rb") as handle:
            return handle.read(MAX_LOOKED_INTO)

    return whole


def _folder_says(name: str) -> str | None:
    """Spam, trash or draft, when a folder's name says so (`Junk`, `.Trash`, `[Gmail].Spam`,
    `Deleted Items`)."""
    last = re.split(r"[./]", name.strip("."))[-1].strip().casefold()
    return _LABELS.get(last)


def _headers(handle: BinaryIO) -> bytes | None:
    """The header block of a message: its lines up to the first empty one (an mbox's `From `
    line is not among them); None when there are more than MAX_HEADER bytes of them."""
    lines = []
    size = 0
    for line in handle:
        if line in (b"\n", b"\r\n"):
            break
        size += len(line)
        if size > MAX_HEADER:
            return None
        lines.append(line)
    return b"".join(lines)


def _text(data: bytes) -> str:
    """Header bytes as text: UTF-8 (as RFC 6532 allows), else Latin-1 as older mailers wrote."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _decoded(value: str) -> str:
    """A header's words in their encodings (`=?ISO-8859-1?Q?Jos=E9?=`); LookupError or
    UnicodeDecodeError for a charset unknown or not holding those bytes."""
    if "=?" not in value:
        return " ".join(value.split())
    return " ".join(str(make_header(decode_header(value))).split())


Fields = dict[str, tuple[str, ...]]  # a header block: each name in lower case, its values


def _fields(header_bytes: bytes) -> Fields:
    """The headers an import reads (READ), each name in lower case with its values, folded
    lines joined (RFC 5322). Picked from the block by one pattern rather than parsed whole by
    email.parser, whose MIME machinery costs more than all the rest of a large mailbox's
    import; their values are then read by email.utils and email.header."""
    found: dict[str, list[str]] = {}
    for name, value in _READ_LINE.findall(header_bytes):
        found.setdefault(name.decode().lower(), []).append(" ".join(_text(value).split()))
    return {name: tuple(values) for name, values in found.items()}


def _one(headers: Fields, name: str, default: str = "") -> str:
    return headers.get(name, (default,))[0]


def _mail(stored: _Stored, header_bytes: bytes, zone: Local | None) -> Read:
    headers = _fields(header_bytes)
    where = stored.where
    try:
        senders = _people(headers.get("from", ()))
        if not senders:
            return MailProblem(where, "no sender address (From)")
        to = _people(headers.get("to", ()) + headers.get("cc", ()))
        bcc = tuple(address for address, _ in _people(headers.get("bcc", ())))
        subject = _decoded(_one(headers, "subject"))
    except (LookupError, UnicodeError) as exc:
        return MailProblem(where, f"a header in an encoding that cannot be read ({exc})")
    try:
        moment = parsedate_to_datetime(_one(headers, "date"))
    except (TypeError, ValueError, IndexError):
        return MailProblem(where, f"no date that can be read (Date: {_one(headers, 'date')!r})")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)  # `-0000`: the time is UTC, its zone unknown
    ids = f"{_one(headers, 'in-reply-to')} {_one(headers, 'references')}"
    own_id = _MESSAGE_ID.search(_one(headers, "message-id"))
    sender, name = senders[0]
    left_out = _not_personal(headers, sender, subject) or stored.folder_says
    parts = _one(headers, "content-type").casefold().startswith("multipart/")
    return Mail(
        where=where,
        day=(zone(moment) if zone else moment).date(),
        sender=sender,
        sender_name=name,
        to=to,
        bcc=bcc,
        subject=subject,
        message_id=own_id.group(1) if own_id else None,
        replies_to=tuple(dict.fromkeys(_MESSAGE_ID.findall(ids))),
        thread=_one(headers, "x-gm-thrid") or None,
        left_out=left_out,
        invitation=functools.partial(_is_invitation, stored) if parts and not left_out else None,
    )


@functools.lru_cache(maxsize=1 << 14)
def _people(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(address, name) of each address the header values hold, the address lower case and
    the name in its encoding. Kept for the values seen last: a mailbox names the same people
    in thousands of messages."""
    return tuple(
        (address.strip().lower(), _decoded(shown))
        for shown, address in getaddresses(list(values))
        if "@" in address
    )


def _not_personal(headers: Fields, sender: str, subject: str) -> str | None:
    """Why the headers say a message is not one person writing to another, or None."""
    labels = {label.strip().casefold() for label in _one(headers, "x-gmail-labels").split(",")}
    for label in sorted(labels & _LABELS.keys()):
        return _LABELS[label]
    if "x-mozilla-draft-info" in headers:
        return DRAFT
    if headers.keys() & {"list-id", "list-unsubscribe", "list-post"}:
        return LIST
    precedence = _one(headers, "precedence").casefold()
    if precedence in ("bulk", "list", "junk"):
        return BULK
    if (
        not _one(headers, "auto-submitted", "no").casefold().startswith("no")
        or precedence == "auto_reply"
        or headers.keys() & {"x-autoreply", "x-autorespond"}
        or _AWAY.match(subject)
    ):
        return AUTO
    if _NO_REPLY.fullmatch(sender.partition("@")[0]):
        return NO_REPLY
    if _one(headers, "content-type").casefold().startswith("text/calendar"):
        return INVITATION
    return None


def _is_invitation(stored: _Stored) -> bool:
    """Whether the message holds a calendar part (an invitation, an answer to one): those come
    in through `import ics`. Read whole, up to MAX_LOOKED_INTO bytes."""
    try:
        data = stored.whole()
    except OSError:
        return False
    if not any(word in data for word in (b"calendar", b"CALENDAR", b"Calendar")):
        return False  # most messages, told at the speed of a byte search
    if not _CALENDAR_PART.search(data):
        return False
    message = BytesParser(policy=compat32).parsebytes(data)
    return any(part.get_content_type() == "text/calendar" for part in message.walk())
