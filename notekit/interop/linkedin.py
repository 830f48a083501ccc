"""LinkedIn's data export, as LinkedIn delivers it: a zip (`Basic_LinkedInDataExport_*.zip`,
`Complete_…zip`), its unzipped folder, or one of its CSV files. The one module that knows the
export's file names, columns and date forms.

`Connections.csv` starts with a `Notes:` preamble of any length (or none) before its header;
its columns may come in another order, and an older export has no `URL` column and dates such
as `"1/8/18, 6:14 PM"` where the current one writes `15 Mar 2024`.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple, TypeVar

from notekit.core.errors import SourceError
from notekit.interop.contacts import Contact
from notekit.interop.source import (
    MAX_MB,
    csv_records,
    decode,
    open_zip,
    read_file,
    read_member,
)

CONNECTIONS = "Connections.csv"
MESSAGES = "messages.csv"
READ = (CONNECTIONS, MESSAGES)
_NAME_COLUMNS = ("first name", "last name")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Export(NamedTuple):
    """The files of an export this module reads, as text, and the names of the others."""

    connections: str | None
    messages: str | None
    ignored: list[str]
    places: dict[str, str]  # file name -> where it was read, for messages about it


def read_export(path: Path, max_mb: int = MAX_MB, encoding: str | None = None) -> Export:
    """The export at `path`: a zip, a folder or one CSV file (named `messages.csv` or not: the
    connections). OSError when it cannot be read; SourceError when a zip is damaged, a file
    is too large, protected, not in its encoding, or there twice (which one to read?)."""
    if path.is_dir():
        files = [p for p in sorted(path.rglob("*")) if p.is_file()]
        chosen = _one_each((p.name, p.relative_to(path).as_posix(), p) for p in files)
        places = {name: str(file) for name, file in chosen.items()}
        found = {
            name: decode(read_file(file, max_mb), places[name], encoding)
            for name, file in chosen.items()
        }
        names = [p.name for p in files]
    elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        with open_zip(path) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            members = _one_each((Path(i.filename).name, i.filename, i) for i in infos)
            places = {name: f"{path}: {info.filename}" for name, info in members.items()}
            found = {
                name: decode(read_member(archive, info, max_mb), places[name], encoding)
                for name, info in members.items()
            }
            names = [Path(i.filename).name for i in infos]
    else:
        kind = MESSAGES if path.name.lower() == MESSAGES.lower() else CONNECTIONS
        places = {kind: str(path)}
        found = {kind: decode(read_file(path, max_mb), places[kind], encoding)}
        names = []
    ignored = sorted(name for name in names if name not in READ)
    return Export(found.get(CONNECTIONS), found.get(MESSAGES), ignored, places)


T = TypeVar("T")


def _one_each(files: Iterable[tuple[str, str, T]]) -> dict[str, T]:
    """Of (file name, where, file), the one file of each name this module reads; SourceError
    naming both places when an export holds one twice."""
    chosen: dict[str, tuple[str, T]] = {}
    for name, where, file in files:
        if name not in READ:
            continue
        if name in chosen:
            raise SourceError(
                f"{name} is there twice ({chosen[name][0]} and {where}): import the one you "
                "mean on its own"
            )
        chosen[name] = (where, file)
    return {name: file for name, (_, file) in chosen.items()}


class Message(NamedTuple):
    """One message of `messages.csv`: who wrote it to whom (name and profile URL), and when."""

    conversation: str
    sender: tuple[str, str]  # name, profile URL
    recipients: tuple[tuple[str, str], ...]
    day: dt.date
    content: str
    draft: bool


def messages(text: str, where: str) -> list[Message]:
    """The messages of a `messages.csv` text (read from `where`); SourceError when it has no
    such header. A row without a date is skipped."""
    columns, rows = csv_records(text, where)
    if not {"conversation id", "from", "date"} <= columns:
        raise SourceError(
            f"{where}: no `CONVERSATION ID,…,FROM,…,DATE` header: not LinkedIn's messages.csv"
        )
    found = []
    for cells in rows:
        try:
            day = dt.date.fromisoformat(cells.get("date", "")[:10])
        except ValueError:
            continue
        names = [n.strip() for n in cells.get("to", "").split(",")]
        urls = [u.strip() for u in cells.get("recipient profile urls", "").split(",")]
        names += [""] * (len(urls) - len(names))
        urls += [""] * (len(names) - len(urls))
        found.append(
            Message(
                cells.get("conversation id", ""),
                (cells.get("from", ""), cells.get("sender profile url", "")),
                tuple((n, u) for n, u in zip(names, urls, strict=True) if n or u),
                day,
                plain_text(cells.get("content", "")),
                cells.get("is message draft", "").lower() in ("yes", "true"),
            )
        )
    return found


def plain_text(content: str) -> str:
    """A message as LinkedIn exports it (`<p>Hi Alex,</p><p>it&#39;s…</p>`, or plain text) as
    plain text: tags gone, entities decoded, a paragraph or break a new line."""
    if "<" not in content and "&" not in content:
        return content
    from html.parser import HTMLParser

    parts: list[str] = []

    class Text(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag in ("p", "br", "div", "li"):
                parts.append("\n")

        def handle_data(self, data: str) -> None:
            parts.append(data)

    reader = Text(convert_charrefs=True)
    reader.feed(content)
    reader.close()
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n")).strip()


def owner(found: list[Message]) -> str | None:
    """The profile URL of the export's owner: the one participant of every conversation."""
    everyone: set[str] | None = None
    by_conversation: dict[str, set[str]] = {}
    for message in found:
        urls = {message.sender[1], *(url for _, url in message.recipients)} - {""}
        by_conversation.setdefault(message.conversation, set()).update(urls)
    for urls in by_conversation.values():
        everyone = urls if everyone is None else everyone & urls
    return next(iter(everyone)) if everyone and len(everyone) == 1 else None


def connections(text: str, where: str) -> list[Contact]:
    """Each connection of a `Connections.csv` text (read from `where`), whatever its preamble
    and column order (a row without a name as a contact without one, for the import to name).
    SourceError when the text has no such header."""
    lines = text.splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines) if _is_header(line)), None)
    if start is None:
        raise SourceError(
            f"{where}: no `First Name,Last Name,…` header: not LinkedIn's Connections.csv"
        )
    return list(_rows(lines[start:], where))


def _is_header(line: str) -> bool:
    cells = {cell.strip().lower() for cell in next(csv.reader([line]), [])}
    return all(name in cells for name in _NAME_COLUMNS)


def _rows(lines: list[str], where: str) -> Iterator[Contact]:
    _, rows = csv_records("".join(lines), where)
    for cells in rows:
        name = " ".join(part for part in (cells.get("first name"), cells.get("last name")) if part)
        if not any(cells.values()):
            continue  # an empty line
        email = cells.get("email address", "")
        yield Contact(
            name=name,
            emails=(email,) if _EMAIL.match(email) else (),  # `urn:li:member:…` is no email
            linkedin=cells.get("url") or None,
            company=cells.get("company") or None,
            role=cells.get("position") or None,
            since=connected_on(cells.get("connected on", "")),
            source="linkedin",
        )


_FORMS = ("%d %b %Y", "%d %B %Y", "%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%Y-%m-%d")


def connected_on(text: str) -> dt.date | None:
    """`15 Mar 2024`, or the older export's `1/8/18, 6:14 PM`; None for anything else."""
    text = " ".join(text.replace('"', "").split())
    for form in _FORMS:
        try:
            return dt.datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None
