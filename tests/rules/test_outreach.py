"""Outreach and its answer (notekit.rules.outreach), on touches made by hand: each test says
by the days, or by the thread, which of my messages were answered, and the row of unanswered
ones that gives a person a rest."""

from __future__ import annotations

import datetime as dt

from notekit.core.model import Touch
from notekit.rules.outreach import ANSWERED, PENDING, UNANSWERED, outreaches, unanswered_in_a_row

TODAY = dt.date(2026, 11, 30)
REPLY_DAYS = 14


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(f"2026-{text}")


def to(when: str, re: str | None = None) -> Touch:
    return Touch(day(when), "to", False, day(re) if re else None)


def heard(when: str, re: str | None = None) -> Touch:
    return Touch(day(when), "from", False, day(re) if re else None)


def statuses(*touches: Touch) -> list[tuple[str, str, str | None]]:
    found = outreaches(sorted(touches), REPLY_DAYS, TODAY)
    return [
        (f"{o.date:%m-%d}", o.status, f"{o.answered_on:%m-%d}" if o.answered_on else None)
        for o in found
    ]


def test_an_answer_in_the_thread_counts_until_today_and_not_after() -> None:
    assert statuses(
        to("09-01"),
        heard("11-30", re="09-01"),  # today, late but in the thread
        to("10-01"),
        heard("12-01", re="10-01"),  # written ahead: a plan, no answer yet
    ) == [("09-01", ANSWERED, "11-30"), ("10-01", UNANSWERED, None)]


def test_only_their_messages_answer_in_a_thread() -> None:
    assert statuses(to("10-01"), to("10-30", re="10-01")) == [("10-01", UNANSWERED, None)]


def test_their_answer_in_one_thread_does_not_answer_my_new_message_that_day() -> None:
    assert statuses(to("10-01"), heard("10-20", re="10-01"), to("10-20")) == [
        ("10-01", ANSWERED, "10-20"),
        ("10-20", UNANSWERED, None),
    ]
    # without the thread, a message of theirs on the day of mine is read as its answer
    assert statuses(to("10-01"), heard("10-20"), to("10-20")) == [
        ("10-01", UNANSWERED, None),
        ("10-20", ANSWERED, "10-20"),
    ]


def test_a_meeting_answers_whatever_thread_it_names() -> None:
    meeting = Touch(day("10-20"), "from", True, day("10-01"))
    assert statuses(to("10-01"), meeting, to("10-20")) == [
        ("10-01", ANSWERED, "10-20"),
        ("10-20", ANSWERED, "10-20"),
    ]


def test_my_answer_to_them_is_no_outreach_and_the_next_one_is() -> None:
    assert statuses(heard("10-01"), to("10-02"), to("11-01")) == [("11-01", UNANSWERED, None)]


def test_by_the_days_alone_a_late_answer_answers_nothing() -> None:
    assert statuses(to("09-01"), heard("10-01")) == [("09-01", UNANSWERED, None)]


def test_a_row_of_unanswered_messages_ends_where_they_last_wrote() -> None:
    touches = sorted([to("08-01"), to("09-01"), heard("10-01"), to("10-20")])
    found = outreaches(touches, REPLY_DAYS, TODAY)
    assert [o.status for o in found] == [UNANSWERED, UNANSWERED, UNANSWERED]
    assert unanswered_in_a_row(touches, found) == 1  # their late message came after two


def test_a_pending_message_at_the_end_does_not_break_the_row() -> None:
    touches = sorted([to("09-01"), to("10-01"), to("11-25")])
    found = outreaches(touches, REPLY_DAYS, TODAY)
    assert [o.status for o in found] == [UNANSWERED, UNANSWERED, PENDING]
    assert unanswered_in_a_row(touches, found) == 2
