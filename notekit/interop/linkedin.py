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
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from notekit.interop.contacts import Contact

CONNECTIONS = "Connections.csv"
_NAME_COLUMNS = ("first name", "last name")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Export(NamedTuple):
    """The files of an export this module reads, as text, and the names of the others."""

    connections: str | None
    ignored: list[str]


def read_export(path: Path) -> Export:
    """The export at `path`: a zip, a folder or one CSV file. OSError or zipfile.BadZipFile
    when it cannot be read."""
    if path.is_dir():
        files = {p.name: p for p in path.rglob("*") if p.is_file()}
        found = files.get(CONNECTIONS)
        text = found.read_bytes().decode("utf-8-sig", errors="replace") if found else None
        return Export(text, sorted(name for name in files if name != CONNECTIONS))
    if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):  # a broken zip: BadZipFile
        with zipfile.ZipFile(path) as archive:
            names = {Path(info.filename).name: info for info in archive.infolist()}
            names = {name: info for name, info in names.items() if not info.is_dir()}
            found_info = names.get(CONNECTIONS)
            text = (
                archive.read(found_info).decode("utf-8-sig", errors="replace")
                if found_info
                else None
            )
        return Export(text, sorted(name for name in names if name != CONNECTIONS))
    return Export(path.read_bytes().decode("utf-8-sig", errors="replace"), [])


def connections(text: str) -> list[Contact]:
    """Each connection of a `Connections.csv` text, whatever its preamble and column order;
    rows without a name are skipped. ValueError when the text has no such header."""
    lines = text.splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines) if _is_header(line)), None)
    if start is None:
        raise ValueError("no `First Name,Last Name,…` header: not LinkedIn's Connections.csv")
    return list(_rows(lines[start:]))


def _is_header(line: str) -> bool:
    cells = {cell.strip().lower() for cell in next(csv.reader([line]), [])}
    return all(name in cells for name in _NAME_COLUMNS)


def _rows(lines: list[str]) -> Iterator[Contact]:
    reader = csv.DictReader(io.StringIO("".join(lines)))
    for row in reader:
        cells = {(key or "").strip().lower(): (value or "").strip() for key, value in row.items()}
        name = " ".join(part for part in (cells.get("first name"), cells.get("last name")) if part)
        if not name:
            continue
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
