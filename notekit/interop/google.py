"""Google Contacts' CSV export ("Google CSV"), as contacts.

Names in `First Name`, `Middle Name`, `Last Name` (the older export: `Name`, `Given Name`,
`Family Name`); several values in one cell separated by ` ::: `; labels (`Labels`, formerly
`Group Membership`) as tags, without Google's own `* myContacts` and `* starred`; birthdays with
a year or without one (`--03-14`); a BOM.
"""

from __future__ import annotations

from notekit.core.errors import SourceError
from notekit.interop.contacts import Contact
from notekit.interop.source import csv_records
from notekit.interop.vcard import birthday

SEPARATOR = " ::: "
_OWN_LABELS = frozenset({"* mycontacts", "* starred", "* friends", "* family", "* coworkers"})


def _many(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(SEPARATOR) if part.strip()]


def _first(cells: dict[str, str], *columns: str) -> str | None:
    return next((cells[c] for c in columns if cells.get(c)), None)


def _all(cells: dict[str, str], kind: str) -> list[str]:
    """Every value of the `KIND N - Value` columns (`E-mail 1 - Value`, `Phone 2 - Value`)."""
    return [
        part
        for column, cell in cells.items()
        if column.startswith(kind) and column.endswith("- value")
        for part in _many(cell)
    ]


def contacts(text: str, where: str) -> list[Contact]:
    """Each contact of a Google CSV text (read from `where`); SourceError when it has no such
    header."""
    columns, rows = csv_records(text.removeprefix("\ufeff"), where)
    if not ({"first name", "last name"} <= columns or {"given name", "family name"} <= columns):
        raise SourceError(f"{where}: no `First Name,…,Last Name` header: not a Google Contacts CSV")
    found = []
    for cells in rows:
        parts = ("first name", "middle name", "last name", "given name", "family name")
        name = " ".join(cells[c] for c in parts if cells.get(c)) or _first(cells, "name") or ""
        if not any(cells.values()):
            continue  # an empty line
        sites = _all(cells, "website")
        labels = _many(_first(cells, "labels", "group membership") or "")
        phones = _all(cells, "phone")
        found.append(
            Contact(
                name=name,
                emails=tuple(dict.fromkeys(e for e in _all(cells, "e-mail") if "@" in e)),
                linkedin=next((s for s in sites if "linkedin.com/" in s.lower()), None),
                company=_first(cells, "organization name", "organization 1 - name"),
                role=_first(cells, "organization title", "organization 1 - title"),
                phone=phones[0] if phones else None,
                birthday=birthday(cells.get("birthday", "")),
                tags=tuple(
                    label.lower().replace(" ", "-")
                    for label in labels
                    if label.lower() not in _OWN_LABELS
                ),
                source="google",
                aliases=tuple(a for a in _many(_first(cells, "nickname") or "") if a != name),
                note=cells.get("notes") or None,
            )
        )
    return found
