"""Chat exports as an import reads them: WhatsApp's "Export chat" (the text of an Android or an
iPhone, alone or in the zip beside its media) and Telegram Desktop's `result.json` (one chat,
or every chat of a full export). Each becomes `Chat`s of dated messages with their senders'
names; system lines, media and deleted messages are left out.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from notekit.core.errors import SourceError
from notekit.interop.source import MAX_MB, decode, open_zip, read_file, read_member

DAY_FIRST, MONTH_FIRST = "dmy", "mdy"


@dataclass(frozen=True)
class Said:
    day: dt.date
    sender: str  # the name (or phone number) the export shows
    text: str  # its first line


@dataclass
class Chat:
    """One conversation of an export."""

    name: str  # the chat's own name: the other person's, or the group's; "" when not told
    group: bool | None  # None: the export does not say (WhatsApp): told from who wrote
    messages: list[Said] = field(default_factory=list)
    phones: dict[str, str] = field(default_factory=dict)  # name -> phone, where told
    left_out: int = 0  # system lines, media, deleted messages
    me: str | None = None  # my name as the export writes it, when it says (Telegram)


@dataclass
class ChatExport:
    chats: list[Chat]
    order_guessed: bool = False  # WhatsApp: no date told whether the day or the month is first
    not_personal: int = 0  # Telegram: chats with bots, channels, public groups, saved messages


# WhatsApp's time stamps: `[15/03/2024, 14:23:45] ` (iPhone) and `15/03/2024, 14:23 - `
# (Android); the year may come first or have two digits, the clock 12 hours (`2:23 PM`, with a
# narrow no-break space in newer phones) or 24; iPhone lines may start with a left-to-right mark
_CLOCK = r"(\d{1,2}):(\d{2})(?::\d{2})?(?:[ \u202f\u00a0]?([AaPp])\.?[ ]?[Mm]\.?)?"
_STAMP = rf"(\d{{1,4}})[./-](\d{{1,2}})[./-](\d{{1,4}}),?[ ]{_CLOCK}"
_WHATSAPP = re.compile(rf"^\u200e?(?:\[{_STAMP}\][ ]|{_STAMP}[ ]-[ ])(.*)$")
_NOT_SAID = re.compile(  # media, deleted messages and calls, as both phones write them
    r"^\u200e|<Media omitted>|^<attached: |(?:image|video|audio|sticker|GIF|document|Contact "
    r"card) omitted$|^This message was deleted$|^You deleted this message$|^null$"
)
_CHAT_NAME = re.compile(r"^WhatsApp Chat (?:with|-) (.+?)(?: \(\d+\))?$")


def read_whatsapp(
    path: Path, date_order: str | None = None, max_mb: int = MAX_MB, encoding: str | None = None
) -> ChatExport:
    """The chat of an export: its `.txt`, or the zip holding it (`_chat.txt` from an iPhone,
    `WhatsApp Chat with NAME.txt` from Android). `date_order`: DAY_FIRST or MONTH_FIRST when
    the user says; else told from the whole file (a first number over 12 is a day, a second
    one a day too), else day first, and the export says so. SourceError for a file that
    holds no WhatsApp message."""
    name = _chat_name(path.stem)
    if path.suffix.lower() == ".zip":
        with open_zip(path) as archive:
            texts = [i for i in archive.infolist() if i.filename.lower().endswith(".txt")]
            if len(texts) != 1:
                raise SourceError(
                    f"{path}: a WhatsApp export holds one .txt; this has {len(texts)}"
                )
            where = f"{path.name}: {texts[0].filename}"
            text = decode(read_member(archive, texts[0], max_mb), where, encoding)
            name = name or _chat_name(Path(texts[0].filename).stem)
    else:
        where = str(path)
        text = decode(read_file(path, max_mb), where, encoding)
    return whatsapp_chat(text, where, name, date_order)


def whatsapp_chat(text: str, where: str, name: str, date_order: str | None = None) -> ChatExport:
    """The messages of an exported WhatsApp chat (see `read_whatsapp`)."""
    stamped = [(m, line) for line in text.splitlines() if (m := _WHATSAPP.match(line))]
    if not stamped:
        raise SourceError(f"{where}: no WhatsApp message in it (`15/03/2024, 14:23 - Name: …`)")
    told = date_order or _date_order(m for m, _ in stamped)
    chat = Chat(name, None)
    for found, _ in stamped:
        groups = found.groups()
        first, second, third = groups[0:3] if groups[0] else groups[6:9]
        rest = groups[12]
        sender, colon, said = rest.partition(": ")
        try:
            day = _day(first, second, third, told or DAY_FIRST)
        except ValueError:
            chat.left_out += 1
            continue
        if not colon or _NOT_SAID.search(said.strip()):
            chat.left_out += 1  # a system line (`Ana created group "Reunion"`), media, deleted
            if colon and not chat.name and said.startswith("\u200e"):
                chat.name = sender.strip()  # an iPhone's first line: the chat's own name
            continue
        chat.messages.append(Said(day, sender.strip().lstrip("\u200e~\u202f "), said.strip()))
    return ChatExport([chat], order_guessed=told is None)


def _chat_name(stem: str) -> str:
    found = _CHAT_NAME.match(stem)
    return found.group(1).strip() if found else ""


def _date_order(stamps: Iterator[re.Match[str]]) -> str | None:
    """Day or month first, as the whole file shows: None when no date can tell."""
    for found in stamps:
        groups = found.groups()
        first, second, third = groups[0:3] if groups[0] else groups[6:9]
        if len(first) == 4:
            continue  # year first: month, then day
        if int(first) > 12:
            return DAY_FIRST
        if int(second) > 12:
            return MONTH_FIRST
    return None


@functools.lru_cache(maxsize=4096)  # a chat of years has a few thousand days
def _day(first: str, second: str, third: str, order: str) -> dt.date:
    if len(first) == 4:
        return dt.date(int(first), int(second), int(third))
    year = int(third) + (2000 if len(third) <= 2 else 0)
    if order == MONTH_FIRST:
        return dt.date(year, int(first), int(second))
    return dt.date(year, int(second), int(first))


TELEGRAM_CHATS = {"personal_chat": False, "private_group": True, "private_supergroup": True}


def read_telegram(path: Path, max_mb: int = MAX_MB) -> ChatExport:
    """Telegram Desktop's `result.json`: one chat, or every chat of a full export. Personal
    chats and private groups are read; bots, channels, public groups and saved messages are
    not conversations with a person. SourceError for JSON that is no Telegram export."""
    where = str(path)
    try:
        data = json.loads(decode(read_file(path, max_mb), where))
    except json.JSONDecodeError as exc:
        raise SourceError(f"{where}: not JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise SourceError(f"{where}: not a Telegram export (no chats, no messages)")
    if isinstance(data.get("messages"), list):
        listed = [data]
    elif isinstance(chats := data.get("chats"), dict) and isinstance(chats.get("list"), list):
        listed = chats["list"]
    else:
        raise SourceError(f"{where}: not a Telegram export (no chats, no messages)")
    me = data.get("personal_information")
    my_id = f"user{me['user_id']}" if isinstance(me, dict) and "user_id" in me else None
    phones = _telegram_phones(data)
    export = ChatExport([])
    for item in listed:
        kind = item.get("type") if isinstance(item, dict) else None
        if not isinstance(kind, str) or kind not in TELEGRAM_CHATS:
            export.not_personal += 1
            continue
        chat = Chat(str(item.get("name") or ""), TELEGRAM_CHATS[kind], phones=phones)
        messages = item.get("messages")
        for message in messages if isinstance(messages, list) else []:
            said = _telegram_message(message)
            if said is None:
                chat.left_out += 1
            elif my_id is not None and message.get("from_id") == my_id:
                chat.me = said.sender
                chat.messages.append(said)
            else:
                chat.messages.append(said)
        export.chats.append(chat)
    return export


def _telegram_message(message: object) -> Said | None:
    """A message with words in it; None for a service message, media alone, or one whose date
    or sender cannot be read."""
    if not isinstance(message, dict) or message.get("type") != "message":
        return None
    text = message.get("text")
    if isinstance(text, list):  # entities: plain strings and {"type": "bold", "text": …}
        text = "".join(
            p if isinstance(p, str) else str(p.get("text", "")) if isinstance(p, dict) else ""
            for p in text
        )
    first = str(text or "").strip().split("\n", 1)[0].strip()
    sender = message.get("from")
    try:
        day = dt.date.fromisoformat(str(message.get("date", ""))[:10])
    except ValueError:
        return None
    if not first or not isinstance(sender, str) or not sender.strip():
        return None
    return Said(day, sender.strip(), first)


def _telegram_phones(data: dict) -> dict[str, str]:
    """The phone of each contact a full export lists, by the name Telegram shows."""
    contacts = data.get("contacts")
    listed = contacts.get("list") if isinstance(contacts, dict) else None
    phones = {}
    for contact in listed if isinstance(listed, list) else []:
        if isinstance(contact, dict) and contact.get("phone_number"):
            name = f"{contact.get('first_name', '')} {contact.get('last_name', '')}".strip()
            phones[name] = str(contact["phone_number"])
    return phones
