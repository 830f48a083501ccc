"""When I last heard from someone (notekit.rules.contact.last_heard), on vaults held in memory:
a message of mine still waiting for its answer does not count; anything else that day does."""

from __future__ import annotations

import datetime as dt

import pytest

from notekit.rules.contact import last_contact, last_heard
from notekit.store.memory import index_from_texts

TODAY = dt.date(2026, 3, 1)
JUNE = "- 2025-06-01 call: catch-up\n"


@pytest.mark.parametrize(
    ("log", "heard"),
    [
        ("- 2025-12-20 email to: happy holidays!\n", "2025-06-01"),  # unanswered: June
        ("- 2025-12-20 email to: hi\n- 2025-12-20 coffee: met anyway\n", "2025-12-20"),
        ("- 2025-12-20 coffee: met\n- 2025-12-20 email to: thanks\n", "2025-12-20"),
        ("- 2025-12-20 email from: hello\n- 2025-12-20 email to: hi\n", "2025-12-20"),
        ("- 2025-12-20 email to: hi\n- 2025-12-20 email from: hi back\n", "2025-12-20"),
        ("- 2026-02-25 email to: hi\n", "2025-06-01"),  # within its reply window: not yet
        ("- 2026-03-01 call: a quick call\n- 2026-03-01 email to: the notes\n", "2026-03-01"),
    ],
)
def test_my_message_that_is_still_unanswered_is_not_hearing_from_them(log, heard) -> None:
    index = index_from_texts({"People/Ana.md": "---\nname: Ana\n---\n" + JUNE + log})
    assert str(last_heard(index.people[0], index, TODAY)) == heard


def test_the_front_matter_s_last_contact_counts_unless_it_is_my_unanswered_message() -> None:
    """The front-matter says we were in touch in September, after June; my December message
    is unanswered: September. When it says December, the day of my message, it is that
    message: June."""

    def heard(written: str) -> str:
        note = f"---\nlast_contact: {written}\n---\n{JUNE}- 2025-12-20 email to: hi\n"
        index = index_from_texts({"People/Ana.md": note})
        person = index.people[0]
        assert last_contact(person, index.contact_dates_of(person), TODAY) == dt.date(2025, 12, 20)
        return str(last_heard(person, index, TODAY))

    assert heard("2025-09-01") == "2025-09-01"
    assert heard("2025-12-20") == "2025-06-01"
