"""vCard files (2.1, 3.0, 4.0) as contacts, and people as vCard 3.0 cards; the one module
that imports vobject.

A file may hold many cards; lines may be folded, values quoted-printable, and the text in a
charset other than UTF-8 (`CHARSET=Shift_JIS` on a line of a 2.1 card). A card that cannot be
read is a problem with its file and reason, and the others are read all the same.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

from notekit.core.dates import parse_birthday
from notekit.core.model import Person
from notekit.core.names import name_parts
from notekit.interop.contacts import Contact
from notekit.interop.source import MAX_MB, read_file
from notekit.interop.source import decode as source_decode
from notekit.present.views import birthday_text

SUFFIXES = (".vcf", ".vcard")
_CHARSET = re.compile(r"CHARSET=([A-Za-z0-9_\-]+)", re.IGNORECASE)
# with a group prefix (`item1.`); a prefix begins a word, so a search is linear too
_PHOTO = re.compile(r"(?<![\w-])(?:[\w-]+\.)?PHOTO[;:]", re.IGNORECASE)


class Skipped(NamedTuple):
    """A card not imported, or imported without a part of it, and why."""

    file: str
    card: int  # its place in the file, from 1
    reason: str


def files_of(path: Path) -> list[Path]:
    """The vCard files at `path`: the file itself, or those of a folder (any depth)."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
    return [path]


def decode(data: bytes) -> str:
    """The text of a vCard file: UTF-8 (a BOM aside), else the charset its lines name."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    as_bytes = data.decode("latin-1")  # one character per byte: where the charset is named
    for name in dict.fromkeys(m.group(1) for m in _CHARSET.finditer(as_bytes)):
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("latin-1")  # every byte is something: the name stays readable enough


def read_cards(
    path: Path, photos: bool = False, max_mb: int = MAX_MB, encoding: str | None = None
) -> tuple[list[Contact], list[Skipped]]:
    """Every card of the file or folder at `path`, as contacts; and the cards left out, or
    read without their photo. Photos are read only with `photos`, and only when their encoded
    text is small enough to hold at most MAX_PHOTO bytes: a larger one is never decoded."""
    import vobject  # only when a vCard is read

    contacts: list[Contact] = []
    skipped: list[Skipped] = []
    for file in files_of(path):
        data = read_file(file, max_mb)
        text = (source_decode(data, str(file), encoding) if encoding else decode(data)).replace(
            "\r\n", "\n"
        )
        for number, (raw, closed) in enumerate(cards(text), start=1):
            where = (str(file), number)
            if not closed:
                skipped.append(Skipped(*where, "not closed (no END:VCARD): read to the next card"))
            raw, too_large = _photos_kept(raw, photos)
            if too_large:
                skipped.append(Skipped(*where, f"photo over {MAX_PHOTO >> 20} MiB left out"))
            try:
                card, dropped = _read_card(vobject, _soft_breaks_joined(raw))
                kind = _text(next(iter(_values(card, "kind")), "")).lower()
                contact = _contact(card) if kind in ("", "individual") else None
            except Exception as exc:  # noqa: BLE001 - vobject raises many kinds on bad input
                skipped.append(Skipped(*where, f"cannot be read ({exc})"))
                continue
            skipped.extend(Skipped(*where, f"unreadable property left out: {d}") for d in dropped)
            if kind not in ("", "individual"):
                skipped.append(Skipped(*where, f"not a person (KIND:{kind})"))
            elif contact is None:
                skipped.append(Skipped(*where, "no name"))
            else:
                contacts.append(contact)
    return contacts, skipped


MAX_DROPPED = 20  # properties one card may lose before it is given up as unreadable
_FAILED_LINE = re.compile(r"Failed to parse line: (.*)$", re.S)


def _read_card(vobject: Any, text: str) -> tuple[Any, list[str]]:
    """The card vobject reads from `text`, each property it cannot parse left out (the card
    is not lost for one bad line: a photo that is no base64, `NOTE;CHARSET=x;:`); and those
    left out."""
    lines = [line for line in text.split("\n") if not line.upper().startswith("PROFILE:")]
    dropped: list[str] = []
    while True:
        try:
            return vobject.readOne(_DATA_URI_COMMA.sub(r"\1\\,", "\n".join(lines))), dropped
        except vobject.base.ParseError as exc:
            bad = _FAILED_LINE.search(str(exc))
            at = _line_of(lines, bad.group(1).strip()) if bad else None
            failure: Exception = exc
        except Exception as exc:  # a value vobject decodes as it reads (base64): the photo's
            at = next((n for n, line in enumerate(lines) if _PHOTO.match(line)), None)
            failure = exc
        if at is None or len(dropped) == MAX_DROPPED:
            raise failure
        end = at + 1
        while end < len(lines) and lines[end][:1] in (" ", "\t"):
            end += 1  # its folded lines go with it
        dropped.append(" ".join(lines[at].split())[:60])
        del lines[at:end]


def _line_of(lines: list[str], text: str) -> int | None:
    """Where the line vobject could not parse is, BEGIN and END aside."""
    for at, line in enumerate(lines):
        if line.strip() == text and line.strip().upper() not in ("BEGIN:VCARD", "END:VCARD"):
            return at
    return None


_QUOTED_PRINTABLE = re.compile(r"^[^:]*;(?:ENCODING=)?QUOTED-PRINTABLE[;:]", re.IGNORECASE)


def _soft_breaks_joined(text: str) -> str:
    """A quoted-printable value that goes on over several lines, each ended by `=` (a soft
    line break: vCard 2.1 as Outlook and Android write it), on one line again."""
    lines = text.split("\n")
    out: list[str] = []
    joining = False
    for line in lines:
        if joining:
            out[-1] = out[-1][:-1] + line.lstrip(" \t")
        else:
            out.append(line)
        joining = (joining or bool(_QUOTED_PRINTABLE.match(line))) and out[-1].endswith("=")
    return "\n".join(out)


def _photos_kept(card: str, photos: bool) -> tuple[str, bool]:
    """The card's text without its PHOTO properties (each its line and the folded or
    indented lines of its data) unless `photos`, and without one whose encoded text is too
    long for MAX_PHOTO bytes; and whether one was dropped for its size."""
    if "PHOTO" not in card.upper():
        return card, False
    kept: list[str] = []
    photo: list[str] | None = None  # the lines of the photo being read
    too_large = False

    def close() -> None:
        nonlocal too_large
        if photo is None:
            return
        if sum(len(line) for line in photo) > MAX_PHOTO * 4 // 3 + 4096:
            too_large = True
        elif photos:
            kept.extend(photo)

    for line in card.split("\n"):
        if photo is not None and (line[:1] in (" ", "\t") or not line.strip()):
            photo.append(line)
            continue
        close()
        photo = [line] if _PHOTO.match(line) else None
        if photo is None:
            kept.append(line)
    close()
    return "\n".join(kept), too_large


def cards(text: str) -> list[tuple[str, bool]]:
    """The text of each card of a file, and whether the file closes it. A card within a card
    (an AGENT) stays in its own; any other BEGIN:VCARD before a card's END starts the next
    card, the one before it read as far as it goes."""
    found: list[tuple[str, bool]] = []
    lines: list[str] = []
    depth = 0
    for line in text.split("\n"):
        word = line.strip().upper()
        if word == "BEGIN:VCARD":
            nested = depth and lines and lines[-1].strip().upper().startswith("AGENT")
            if depth and not nested:
                found.append(("\n".join([*lines, "END:VCARD"]) + "\n", False))
                lines, depth = [], 0
            depth += 1
        if depth:
            lines.append(line)
        if word == "END:VCARD" and depth:
            depth -= 1
            if not depth:
                found.append(("\n".join(lines) + "\n", True))
                lines = []
    if depth:
        found.append(("\n".join([*lines, *["END:VCARD"] * depth]) + "\n", False))
    return found


def _values(card: Any, name: str) -> list[Any]:
    return [line.value for line in card.contents.get(name, [])]


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = " ".join(str(v) for v in value if v)
    return " ".join(str(value).split())


def _contact(card: Any) -> Contact | None:
    name = next((_text(v) for v in _values(card, "fn") if _text(v)), "")
    if not name:
        name = next((_text(v) for v in _values(card, "n") if _text(v)), "")
    if not name:
        return None
    urls = [_text(v) for v in _values(card, "url")]
    orgs = [_text(v[0] if isinstance(v, list) and v else v) for v in _values(card, "org")]
    org = next((o for o in orgs if o), None)  # the organisation, without its units
    first = lambda name: next((t for v in _values(card, name) if (t := _text(v))), None)  # noqa: E731
    nicknames = [n.strip() for v in _values(card, "nickname") for n in _text(v).split(",")]
    return Contact(
        name=name,
        emails=tuple(dict.fromkeys(e for v in _values(card, "email") if (e := address(_text(v))))),
        linkedin=next((u for u in urls if "linkedin.com/" in u.lower()), None),
        company=org,
        role=first("title") or first("role"),
        phone=next((t for v in _values(card, "tel") if (t := _text(v).removeprefix("tel:"))), None),
        birthday=next((b for v in _values(card, "bday") if (b := birthday(_text(v)))), None),
        source="vcard",
        tags=tuple(
            dict.fromkeys(
                t.strip().lower().replace(" ", "-")
                for v in _values(card, "categories")
                for t in (v if isinstance(v, list) else str(v).split(","))
                if t.strip()
            )
        ),
        photo=next((p for v in _values(card, "photo") if (p := photo(v))), None),
        aliases=tuple(n for n in dict.fromkeys(nicknames) if n and n != name),
        note="\n".join(str(v).strip() for v in _values(card, "note") if str(v).strip()) or None,
    )


def address(text: str) -> str | None:
    """The email address of an EMAIL value, without a display name (`Ana <ana@x.org>`) or a
    `mailto:`; None when it holds none."""
    from email.utils import parseaddr

    found = parseaddr(text.removeprefix("mailto:").removeprefix("MAILTO:"))[1].strip()
    return found if "@" in found else None


# vCard 4.0 writes `PHOTO:data:image/png;base64,…` with a bare comma, which a 3.0 reader
# takes for a list separator: escaped before the card is read
_DATA_URI_COMMA = re.compile(r"(?im)^(PHOTO[^:\n]*:data:[^,\n]*),")
_IMAGES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"GIF8", "gif"))
MAX_PHOTO = 5 * 1024 * 1024


def photo(value: Any) -> tuple[str, bytes] | None:
    """A card's photo as its file extension and bytes: the image itself (`ENCODING=b`) or a
    `data:` URI. A link to an image elsewhere is never fetched (notekit works offline), and
    bytes that are no PNG, JPEG or GIF are left out."""
    data = value if isinstance(value, bytes) else None
    if isinstance(value, str) and value.startswith("data:") and ";base64," in value[:64]:
        import base64
        import binascii

        try:
            data = base64.b64decode(value.split(",", 1)[1], validate=False)
        except (binascii.Error, ValueError):
            return None
    if data is None or len(data) > MAX_PHOTO:
        return None
    return next(((ext, data) for magic, ext in _IMAGES if data.startswith(magic)), None)


_BDAY = re.compile(r"^(\d{4}|--)-?(\d{2})-?(\d{2})")


NO_YEAR = ("--", "1604", "0000")  # vCard 4.0's `--`; Apple's 1604 and others' 0000 stand for none


def birthday(text: str) -> str | None:
    """`1988-11-27`, `19881127`, `--1127`, `--11-27` as notekit writes a birthday:
    `1988-11-27` or `11-27` without the year (also for the years 1604 and 0000, which address
    books write for "no year"); None for anything else, including a day no calendar has
    (`19900230`), which `check` would report in the note."""
    match = _BDAY.match(text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    found = f"{month}-{day}" if year in NO_YEAR else f"{year}-{month}-{day}"
    try:
        parse_birthday(found)
    except ValueError:
        return None
    return found


def write_cards(people: list[Person]) -> str:
    """A vCard 3.0 card per person: name, emails, phone, organisation, title, birthday and the
    LinkedIn URL; nothing that depends on where the note lies, so that a vault built from the
    export exports the same cards."""
    import vobject  # only when a vCard is written

    cards = []
    for person in people:
        card = vobject.vCard()
        card.add("fn").value = person.name
        parts = name_parts(person.name)
        card.add("n").value = vobject.vcard.Name(
            family=parts.family,
            given=parts.given,
            additional=parts.additional,
            prefix=parts.prefix,
            suffix=parts.suffix,
        )
        for email in person.emails:
            card.add("email").value = email
        if person.phone:
            card.add("tel").value = person.phone
        if person.company:
            card.add("org").value = [person.company]
        if person.role:
            card.add("title").value = person.role
        if birthday := birthday_text(person):
            card.add("bday").value = birthday.replace("-", "") if birthday[0] != "-" else birthday
        if person.linkedin:
            card.add("url").value = person.linkedin
        cards.append(card.serialize())
    return "".join(cards)
