"""Which export a file or folder is, told by what it holds (never by its name alone), for
`notekit import PATH`: the source to import it as, and the evidence, which the command says
before importing."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from notekit.interop.mail import mailbox_kind

LOOK = 64 << 10  # bytes of a file read to tell what it is
_WHATSAPP_LINE = re.compile(
    r"^\u200e?\[?\d{1,4}[./-]\d{1,2}[./-]\d{1,4},? \d{1,2}:\d{2}", re.MULTILINE
)
_TELEGRAM = re.compile(r'"(?:chats|messages|personal_information)"[ \t\r\n]*:')
_LINKEDIN_FILES = {"connections.csv", "messages.csv"}


def detect(path: Path) -> tuple[str, str] | None:
    """(source, why) for what `path` holds: linkedin, google, vcard, ics, mail, whatsapp or
    telegram; None when it is none of them."""
    if path.is_dir():
        return _folder(path)
    if zipfile.is_zipfile(path):
        return _zip(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(LOOK)
    except OSError:
        return None
    if head.startswith(b"From ") and mailbox_kind(path) == "mbox":
        return "mail", "an mbox mailbox (its first line is `From …`)"
    text = head.decode("utf-8-sig", errors="replace")
    return _text(text, path.suffix.lower())


def _text(text: str, suffix: str) -> tuple[str, str] | None:
    start = text.lstrip()[:200].upper()
    if start.startswith("BEGIN:VCALENDAR"):
        return "ics", "a calendar (BEGIN:VCALENDAR)"
    if start.startswith("BEGIN:VCARD"):
        return "vcard", "address cards (BEGIN:VCARD)"
    if start.startswith("{"):
        return _telegram(text)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.startswith("First Name,") and ("Labels" in first or "Group Membership" in first):
        return "google", "a Google Contacts CSV (First Name, …, Labels)"
    if first.startswith("Name,Given Name,"):
        return "google", "a Google Contacts CSV of the older export (Name, Given Name, …)"
    if first.startswith("CONVERSATION ID,") or "First Name,Last Name," in text[:4096]:
        return "linkedin", "LinkedIn's Connections.csv or messages.csv (their header)"
    if _WHATSAPP_LINE.search(text):
        return "whatsapp", "a WhatsApp chat (lines start with a date and a time)"
    return None


def _telegram(text: str) -> tuple[str, str] | None:
    """JSON that starts as Telegram Desktop's result.json does: a full export names its
    `chats`, one chat its `type` and `messages` (only the start of the file is read)."""
    if _TELEGRAM.search(text) and ('"chats"' in text or '"type"' in text):
        return "telegram", "Telegram Desktop's JSON export (chats, messages)"
    return None


def _zip(path: Path) -> tuple[str, str] | None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [Path(n).name.lower() for n in archive.namelist()]
            texts = [n for n in archive.namelist() if n.lower().endswith(".txt")]
            if _LINKEDIN_FILES & set(names):
                return "linkedin", "a LinkedIn data export (Connections.csv, messages.csv)"
            if len(texts) == 1:
                with archive.open(texts[0]) as member:
                    head = member.read(LOOK).decode("utf-8-sig", errors="replace")
                if _WHATSAPP_LINE.search(head):
                    return "whatsapp", f"a WhatsApp chat with its media ({texts[0]})"
    except (zipfile.BadZipFile, OSError):
        return None
    return None


def _folder(path: Path) -> tuple[str, str] | None:
    names = {p.name.lower() for p in path.rglob("*") if p.is_file()}
    if _LINKEDIN_FILES & names:
        return "linkedin", "a LinkedIn data export (Connections.csv, messages.csv)"
    if (kind := mailbox_kind(path)) is not None:
        return "mail", f"a folder of mailboxes ({kind})"
    if any(name.endswith(".vcf") for name in names):
        return "vcard", "a folder of address cards (.vcf)"
    return None
