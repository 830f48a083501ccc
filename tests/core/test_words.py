"""Counts in words (notekit.core.words)."""

from __future__ import annotations

import pytest

from notekit.core.words import counted


@pytest.mark.parametrize(
    ("number", "noun", "said"),
    [
        (1, "day", "1 day"),
        (0, "day", "0 days"),
        (2, "year", "2 years"),
        (-1, "day", "-1 days"),
        (1.0, "day", "1 day"),
        (3.0, "day", "3 days"),
        (1.5, "day", "1.5 days"),
        (1234567, "note", "1234567 notes"),  # a whole number as it is, however large
    ],
)
def test_a_noun_takes_an_s_for_any_number_but_one(number, noun, said) -> None:
    assert counted(number, noun) == said
