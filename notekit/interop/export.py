"""The people of the vault out to other tools: CSV for a spreadsheet, JSON for scripts, vCard
for an address book. Each export is text, the same for the same vault and day, so that two
exports diff cleanly; importing a vCard export back changes nothing."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from notekit.core.model import Person
from notekit.interop.vcard import write_cards
from notekit.present import views
from notekit.rules.contact import last_heard
from notekit.rules.due import follow_up
from notekit.store.index import Index
from notekit.store.summary import Summary

CSV_COLUMNS = (
    "name",
    "path",
    "aliases",
    "emails",
    "phone",
    "company",
    "role",
    "location",
    "linkedin",
    "channel",
    "tags",
    "birthday",
    "cadence",
    "last_contact",
    "next_contact",
    "due",
    "status",
    "context",
    "history",
    "interests",
    "goals",
)
LIST_SEPARATOR = "; "


# a cell a spreadsheet would take for a formula (OWASP's list); values come from notes and from
# imports, so `=HYPERLINK(…)` or `@SUM(…)` in a company name must stay text
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def to_csv(vault: Summary, today: Any, raw: bool = False) -> str:
    """One row per person, the columns of CSV_COLUMNS, lists joined by `; `; with a BOM, so
    that a spreadsheet opens it as UTF-8. A cell that starts like a formula gets a leading
    `'`, which spreadsheets show as text and do not run, unless `raw`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for person in vault.people:
        follow = follow_up(person, vault, today)
        row = _row(person, views.person_detail(follow, last_heard(person, vault, today), [], []))
        writer.writerow(
            cell if raw else as_text_cell(cell) for cell in (row[c] for c in CSV_COLUMNS)
        )
    return "\ufeff" + out.getvalue()


def as_text_cell(value: str) -> str:
    """A cell a spreadsheet shows as the text it is, never runs as a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _row(person: Person, detail: dict[str, Any]) -> dict[str, str]:
    row = {}
    for column in CSV_COLUMNS:
        value = detail.get(column)
        if isinstance(value, list):
            value = LIST_SEPARATOR.join(str(v) for v in value)
        row[column] = "" if value is None else str(value)
    return row


def to_json(index: Index, today: Any) -> str:
    """Everyone as `show --json` gives them: facts, follow-up, interactions and promises."""
    people = [
        views.person_detail(
            follow_up(person, index, today),
            last_heard(person, index, today),
            index.interactions_of(person),
            [t for t in index.tasks if t.person.path == person.path],
        )
        for person in index.people
    ]
    return json.dumps(people, ensure_ascii=False, indent=2) + "\n"


def to_vcard(vault: Summary) -> str:
    """A vCard 3.0 card per person (notekit.interop.vcard)."""
    return write_cards(vault.people)
