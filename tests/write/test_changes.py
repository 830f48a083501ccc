"""The text of a log entry (notekit.write.changes.log_entry), in each of its shapes."""

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
