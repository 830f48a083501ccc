"""The plain values every layer shares (notekit.core.model): what they say of themselves."""

from __future__ import annotations

import datetime as dt

import pytest

from notekit.core.model import Interaction, Problem, Touch, not_to_contact, stops_follow_ups

DAY = dt.date(2026, 11, 2)


def test_a_problem_points_at_its_line_or_at_its_file() -> None:
    assert Problem("People/Ana.md", 3, "error", "x").location() == "People/Ana.md:3"
    assert Problem("People/Ana.md", None, "error", "x").location() == "People/Ana.md"


@pytest.mark.parametrize(
    ("kind", "channel", "direction", "touch"),
    [
        ("entry", "email", "to", Touch(DAY, "to", False, None)),
        ("entry", "email", "from", Touch(DAY, "from", False, dt.date(2026, 11, 1))),
        ("entry", "call", None, Touch(DAY, None, True, None)),  # a meeting, whoever called
        ("dated-note", None, None, Touch(DAY, None, True, None)),  # a meeting note naming them
        ("entry", "email", None, None),  # a contact, and no more: engagement does not count it
        ("daily", None, "group", None),
    ],
)
def test_what_engagement_counts_of_an_interaction(
    kind: str, channel: str | None, direction: str | None, touch: Touch | None
) -> None:
    reply_to = dt.date(2026, 11, 1) if direction == "from" else None
    met = Interaction(DAY, "People/Ana.md", 4, kind, channel, "", direction, reply_to)
    assert met.touch() == touch


@pytest.mark.parametrize(
    ("status", "out_of_follow_ups", "never_asked"),
    [
        ("Deceased (2025)", True, True),
        ("died", True, True),
        ("Passed away in May", True, True),
        ("Do not contact!", True, True),
        ("don't contact", True, True),
        ("DNC", True, True),
        ("Archived (2024)", True, False),  # may still introduce me
        ("paused until March", True, False),
        ("on hold", True, False),
        ("active", False, False),
        ("dnce", False, False),  # a word that only begins like one
        ("passed", False, False),
    ],
)
def test_what_a_status_stops(status: str, out_of_follow_ups: bool, never_asked: bool) -> None:
    assert (stops_follow_ups(status), not_to_contact(status)) == (out_of_follow_ups, never_asked)
