"""The text of a log entry and the file of a new note (notekit.write.changes)."""

from __future__ import annotations

import datetime as dt

import pytest

from notekit.core.errors import EditError
from notekit.core.syntax import GROUP
from notekit.write.changes import log_entry

DAY = dt.date(2026, 11, 12)


def test_each_shape_of_an_entry() -> None:
    assert log_entry(DAY, "hi") == "2026-11-12 hi"
    assert log_entry(DAY, "hi", "Email") == "2026-11-12 email: hi"
    assert log_entry(DAY, "hi", "email", "to") == "2026-11-12 email to: hi"
    assert log_entry(DAY, "", "email", "from") == "2026-11-12 email from:"  # no text (--no-text)
    assert log_entry(DAY, "", "whatsapp", GROUP, "[[Ana]] and 2 others") == (
        "2026-11-12 whatsapp group with [[Ana]] and 2 others:"
    )


@pytest.mark.parametrize(("text", "channel"), [("  ", None), ("hi", "two words")])
def test_an_empty_entry_or_a_channel_of_two_words_is_refused(text, channel) -> None:
    with pytest.raises(EditError):
        log_entry(DAY, text, channel)


def test_a_taken_name_gets_the_next_number_cut_to_make_room(tmp_path) -> None:
    """`NAME 2.md` for a taken name; a name as long as a file name may be is cut (never
    ending in a dot or space) to make room for the number, one character at a time."""
    from notekit.write.changes import free_path

    long = "a" * 117 + ".bc"  # 120 characters: as long as a name may be
    taken = {"People/Ana.md", f"People/{long}.md"}
    assert free_path(tmp_path, "People", "Ana", taken=taken) == "People/Ana 2.md"
    assert free_path(tmp_path, "People", long, taken=taken) == f"People/{'a' * 117} 2.md"
    assert free_path(tmp_path, "People", "a" * 120, taken={f"People/{'a' * 120}.md"}) == (
        f"People/{'a' * 118} 2.md"
    )
    nine = {f"People/{'a' * 120}.md", *(f"People/{'a' * 118} {n}.md" for n in range(2, 10))}
    assert free_path(tmp_path, "People", "a" * 120, taken=nine) == f"People/{'a' * 117} 10.md"
    assert free_path(tmp_path, "People", "X" * 120, taken={f"People/{'X' * 120}.md"}) == (
        f"People/{'X' * 118} 2.md"
    )
