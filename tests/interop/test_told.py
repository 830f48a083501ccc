"""What an import says it did (notekit.interop.told): counts first, then what is left to the
user, in the tense of a dry run or of a write."""

from __future__ import annotations

import datetime as dt

from notekit.core.model import Person
from notekit.interop.contacts import Contact, Matched
from notekit.interop.ical import CalendarRead
from notekit.interop.imports import Calendar, Conversations, Outcome
from notekit.interop.told import contacts, meetings, messages


def test_contacts_lists_each_change_and_each_contact_left_for_the_user() -> None:
    ana = Person(path="People/Ana.md", name="Ana")
    outcome = Outcome(
        created=["Ben"],
        unchanged=["Cy"],
        replaced=[("Ana", "role", "Engineer", "Lead"), ("Ana", "phone", "", "+351 1")],
        moved=["Ana"],
        undecided=[
            (Contact("Ana C."), Matched(None, "possible", [ana])),
            (Contact("Ana", company="Globex", role="CTO"), Matched(None, "another role", [ana])),
        ],
        refused=[("Dee", "no name")],
    )
    assert contacts(outcome, dry_run=True) == [
        "1 person would be added, 0 updated, 1 unchanged.",
        "  Ana: role 'Engineer' -> 'Lead'",
        "  Ana: phone + '+351 1'",
        "  new role: Ana (their note says what changed; a chance to congratulate)",
        "  left for you: Ana C. may be Ana (People/Ana.md)",
        "  left for you: Ana (CTO at Globex) may be Ana (People/Ana.md), in another role",
        "  not imported: Dee: no name",
    ]
    assert contacts(Outcome(), dry_run=False)[0] == "0 people were added, 0 updated, 0 unchanged."


def test_messages_asks_whose_export_it_is_when_it_cannot_be_told() -> None:
    lines = messages(Conversations(logged=2, known=1, owner_unknown=True), dry_run=False)
    assert lines[0].startswith("Messages: whose export this is cannot be told")
    assert lines[1].startswith("2 log entries were added from messages, 1 was there;")


def test_meetings_asks_for_my_addresses_and_lists_what_is_planned_in_date_order() -> None:
    result = Calendar(
        logged=1,
        planned=[(dt.date(2026, 12, 9), "Ben", "Lunch"), (dt.date(2026, 12, 1), "Ana", "Call")],
    )
    lines = meetings(result, CalendarRead(skipped=["event 3 (x): no date"]), 8, False, False)
    assert lines == [
        "1 log entry was added, 0 were there; 0 events with more than 8 attendees and 0 "
        "with nobody of the vault left out.",
        'Your own addresses are not known: set [me] emails = ["you@example.com"] in '
        "notekit.toml, so that events you declined are left out.",
        "  planned: 2026-12-01 Ana: Call",
        "  planned: 2026-12-09 Ben: Lunch",
        "  skipped: event 3 (x): no date",
    ]
