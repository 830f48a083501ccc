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
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesParser, HeaderParser
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
_MULTIPART = re.compile(rb"^content-type:\s*multipart/", re.IGNORECASE | re.MULTILINE)
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


@dataclass(frozen=True)
class MailProblem:
    where: str
    reason: str


Read = Mail | MailProblem


@dataclass(frozen=True)
class _Stored:
    """One message in its mailbox: how to open it, and what its folder and flags say."""

    where: str
    open: Callable[[], BinaryIO]
    folder_says: str | None  # spam, trash, draft: from the folder or a Maildir flag


def read_mail(
    path: Path,
    zone: Local | None = None,
    look_inside: Callable[[Mail], bool] = lambda mail: False,
) -> Iterator[Read]:
    """Each message of the mbox file or the folder at `path` (every mbox and Maildir under it),
    in mailbox order. `zone` gives the day of a time (default: the day the header says).
    `look_inside(mail)`: whether a message of several parts is worth reading whole to see
    whether it holds a calendar invitation (a message nobody of the vault is in is not)."""
    for stored in _messages(path):
        try:
            with stored.open() as handle:
                headers = _headers(handle)
        except OSError as exc:
            yield MailProblem(stored.where, f"cannot be read ({exc.strerror or exc})")
            continue
        if headers is None:
            yield MailProblem(stored.where, f"headers over {MAX_HEADER >> 10} KiB")
            continue
        found = _mail(stored, headers, zone)
        if (
            isinstance(found, Mail)
            and found.left_out is None
            and _may_hold_parts(headers)
            and look_inside(found)
            and _is_invitation(stored)
        ):
            found = replace(found, left_out=INVITATION)
        yield found


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


def _messages(path: Path) -> Iterator[_Stored]:
    for kind, box in _boxes(path):
        if kind == "maildir":
            yield from _maildir(box, _folder_says(box.name))
        else:  # an Apple Mail export names the folder, not its `mbox`
            yield from _mbox(box, _folder_says((box.parent if box.name == "mbox" else box).stem))


def _mbox(path: Path, says: str | None) -> Iterator[_Stored]:
    import mailbox

    box = mailbox.mbox(path, create=False)
    try:
        for number, key in enumerate(box.iterkeys(), 1):
            yield _Stored(f"{path}, message {number}", _opener(box, key), says)
    finally:
        box.close()


def _opener(box: object, key: str) -> Callable[[], BinaryIO]:
    return lambda: box.get_file(key)  # type: ignore[attr-defined]


def _file_opener(file: Path) -> Callable[[], BinaryIO]:
    return lambda: file.open("rb")


def _maildir(folder: Path, says: str | None) -> Iterator[_Stored]:
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
            yield _Stored(str(file), _file_opener(file), says or flagged)


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


def _mail(stored: _Stored, header_bytes: bytes, zone: Local | None) -> Read:
    headers = HeaderParser(policy=compat32).parsestr(_text(header_bytes))
    where = stored.where
    senders = getaddresses([str(v) for v in headers.get_all("From", [])])
    if not senders or "@" not in senders[0][1]:
        return MailProblem(where, "no sender address (From)")
    try:
        moment = parsedate_to_datetime(str(headers.get("Date", "")))
    except (TypeError, ValueError, IndexError):
        return MailProblem(where, f"no date that can be read (Date: {headers.get('Date')!r})")
    try:
        name, sender = _decoded(senders[0][0]), senders[0][1].strip().lower()
        to = tuple(
            (address.strip().lower(), _decoded(shown))
            for shown, address in getaddresses(
                [str(v) for key in ("To", "Cc") for v in headers.get_all(key, [])]
            )
            if "@" in address
        )
        subject = _decoded(str(headers.get("Subject", "")))
    except (LookupError, UnicodeError) as exc:
        return MailProblem(where, f"a header in an encoding that cannot be read ({exc})")
    bcc = tuple(
        address.strip().lower()
        for _, address in getaddresses([str(v) for v in headers.get_all("Bcc", [])])
        if "@" in address
    )
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)  # `-0000`: the time is UTC, its zone unknown
    ids = " ".join(str(headers.get(key, "")) for key in ("In-Reply-To", "References"))
    own_id = _MESSAGE_ID.search(str(headers.get("Message-ID", "")))
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
        thread=str(headers["X-GM-THRID"]).strip() if headers.get("X-GM-THRID") else None,
        left_out=_not_personal(headers, sender, subject) or stored.folder_says,
    )


def _not_personal(headers: Message, sender: str, subject: str) -> str | None:
    """Why the headers say a message is not one person writing to another, or None."""
    labels = {
        label.strip().casefold() for label in str(headers.get("X-Gmail-Labels", "")).split(",")
    }
    for label in sorted(labels & _LABELS.keys()):
        return _LABELS[label]
    if headers.get("X-Mozilla-Draft-Info"):
        return DRAFT
    if headers.get("List-Id") or headers.get("List-Unsubscribe") or headers.get("List-Post"):
        return LIST
    precedence = str(headers.get("Precedence", "")).strip().casefold()
    if precedence in ("bulk", "list", "junk"):
        return BULK
    submitted = str(headers.get("Auto-Submitted", "no")).strip().casefold()
    if (
        not submitted.startswith("no")
        or precedence == "auto_reply"
        or headers.get("X-Autoreply")
        or headers.get("X-Autorespond")
        or _AWAY.match(subject)
    ):
        return AUTO
    if _NO_REPLY.fullmatch(sender.partition("@")[0]):
        return NO_REPLY
    if str(headers.get("Content-Type", "")).strip().casefold().startswith("text/calendar"):
        return INVITATION
    return None


def _may_hold_parts(headers: bytes) -> bool:
    return _MULTIPART.search(headers) is not None


def _is_invitation(stored: _Stored) -> bool:
    """Whether the message holds a calendar part (an invitation, an answer to one): those come
    in through `import ics`. Read whole, up to MAX_LOOKED_INTO bytes."""
    try:
        with stored.open() as handle:
            data = handle.read(MAX_LOOKED_INTO)
    except OSError:
        return False
    if not _CALENDAR_PART.search(data):
        return False
    message = BytesParser(policy=compat32).parsebytes(data)
    return any(part.get_content_type() == "text/calendar" for part in message.walk())
