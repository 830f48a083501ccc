"""The calendar arithmetic and the words for days of core/dates: what `due --within`,
`snooze` and every cadence count on."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notekit.core.dates import (
    MAX_CADENCE_DAYS,
    add_cadence,
    add_days,
    parse_birthday,
    parse_cadence,
    parse_date,
    parse_days,
    parse_when,
)


def test_calendar_edges_of_the_date_helpers() -> None:
    import datetime as dt

    from notekit.core.dates import add_days, next_anniversary
    from notekit.core.model import Cadence

    assert add_days(dt.date(9999, 12, 30), 5) == dt.date.max
    assert add_days(dt.date(1, 1, 2), -5) == dt.date.min
    assert add_days(dt.date(2026, 1, 1), 0) == dt.date(2026, 1, 1)
    assert add_cadence(dt.date(9999, 1, 1), Cadence(2, "y")) == dt.date.max
    assert add_cadence(dt.date(2026, 1, 28), Cadence(1, "m")) == dt.date(2026, 2, 28)
    assert add_cadence(dt.date(2026, 1, 31), Cadence(1, "m")) == dt.date(2026, 2, 28)
    assert next_anniversary(11, 23, dt.date(2026, 11, 23)) == dt.date(2026, 11, 23)
    assert next_anniversary(11, 22, dt.date(2026, 11, 23)) == dt.date(2027, 11, 22)
    assert next_anniversary(2, 29, dt.date(2027, 3, 1)) == dt.date(2028, 2, 29)
    assert parse_cadence("100y") == Cadence(100, "y")
    assert parse_cadence("36600d") == Cadence(36600, "d")
    assert parse_cadence("1200m") == Cadence(1200, "m")
    for too_long in ("101y", "36601d", "1201m", "5229w"):
        with pytest.raises(ValueError, match="at most 100 years"):
            parse_cadence(too_long)


@pytest.mark.parametrize(
    "text", ["every", "every other", "once a", "zero months", "every other 2 weeks", "2x a year"]
)
def test_words_around_no_count_and_unit_are_no_cadence(text: str) -> None:
    with pytest.raises(ValueError, match="not a cadence"):
        parse_cadence(text)


TODAYS = st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31))


@given(today=TODAYS, weekday=st.integers(0, 6), short=st.booleans())
def test_a_weekday_is_the_next_one_never_today(today, weekday, short) -> None:
    name = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")[weekday]
    found = parse_when(name[:3] if short else name.upper(), today)
    assert found.weekday() == weekday and 1 <= (found - today).days <= 7


@given(today=TODAYS, day=st.dates(dt.date(2001, 1, 1), dt.date(2001, 12, 31)), first=st.booleans())
def test_a_day_of_a_month_is_the_next_one(today, day, first) -> None:
    month = day.strftime("%b")
    found = parse_when(f"{month} {day.day}" if first else f"{day.day} {day.strftime('%B')}", today)
    assert (found.month, found.day) == (day.month, day.day)
    assert 0 <= (found - today).days < 366


@given(today=TODAYS, count=st.integers(1, 30), unit=st.sampled_from("dwmy"))
def test_durations_mean_the_same_to_snooze_and_to_within(today, count, unit) -> None:
    assert parse_days(f"{count}{unit}", today) == (parse_when(f"{count}{unit}", today) - today).days
    assert parse_days(str(count), today) == count


def test_words_for_days_and_what_is_refused() -> None:
    monday = dt.date(2026, 11, 23)
    assert parse_when("tomorrow", monday) == dt.date(2026, 11, 24)
    assert parse_when("Next  Week", monday) == dt.date(2026, 11, 30)
    assert parse_when("next month", dt.date(2026, 1, 31)) == dt.date(2026, 2, 28)
    assert parse_when("2026-12-15", monday) == dt.date(2026, 12, 15)
    assert parse_when("in 2 weeks", monday) == dt.date(2026, 12, 7)
    assert parse_when("In a month", monday) == dt.date(2026, 12, 23)
    assert parse_when("in three days", monday) == dt.date(2026, 11, 26)
    for bad in ("soon", "feb 30", "2026-02-30", "fr", "13 smarch", "in a", "in", "in an hour"):
        with pytest.raises(ValueError):
            parse_when(bad, monday)


def test_the_edges_of_the_words_for_days() -> None:
    """Today, a leap day, and the last day within a hundred years; what is said of the rest."""
    monday = dt.date(2026, 11, 23)
    assert parse_when("Today", monday) == monday
    assert parse_when("feb 29", monday) == dt.date(2027, 2, 28)  # a day, in a common year too
    with pytest.raises(ValueError, match="no such day: 'Feb 30'"):
        parse_when("Feb 30", monday)
    last = monday + dt.timedelta(days=MAX_CADENCE_DAYS)
    assert parse_when(last.isoformat(), monday) == last
    with pytest.raises(ValueError, match="more than 100 years ahead"):
        parse_when((last + dt.timedelta(days=1)).isoformat(), monday)
    assert parse_days(str(MAX_CADENCE_DAYS), monday) == MAX_CADENCE_DAYS
    with pytest.raises(ValueError, match="more than 100 years"):
        parse_days(str(MAX_CADENCE_DAYS + 1), monday)
    with pytest.raises(ValueError, match="a number of days or a duration is needed"):
        parse_days(" ", monday)


def test_values_of_other_types_are_not_dates_and_do_not_crash() -> None:
    """YAML hands over numbers, lists and mappings where a date was meant: each is a problem
    to report (ValueError), never another exception."""
    assert parse_date("[[2026-06-01]]") == dt.date(2026, 6, 1)
    for value in (20261101, 3.5, {"on": 1}, [5], [dt.date(2026, 6, 1), 1], [dt.date(2026, 6, 1)]):
        with pytest.raises(ValueError, match="not a date"):
            parse_date(value)
    assert parse_birthday("") is None
    assert parse_birthday("  ") is None
    assert add_days(dt.date.max, 1) == dt.date.max
    assert add_days(dt.date.min, -1) == dt.date.min


@pytest.mark.parametrize(
    ("when", "today", "expected"),
    [
        ("1m", "2026-03-29", "2026-04-29"),
        ("1m", "2026-01-30", "2026-02-28"),
        ("1m", "2028-01-31", "2028-02-29"),
        ("2w", "2026-12-25", "2027-01-08"),
        ("1y", "2028-02-29", "2029-02-28"),
        ("quarterly", "2026-11-30", "2027-02-28"),
        ("10", "2026-12-30", "2027-01-09"),
    ],
)
def test_durations_worked_by_hand(when: str, today: str, expected: str) -> None:
    day = dt.date.fromisoformat(today)
    assert parse_when(when, day) == dt.date.fromisoformat(expected)
    assert parse_days(when, day) == (dt.date.fromisoformat(expected) - day).days


def test_a_birthday_that_is_no_date_names_both_forms_a_birthday_takes() -> None:
    assert parse_birthday("[[1990-03-15]]") == (1990, 3, 15)
    for written in ("March 3", "15/03/1990"):
        with pytest.raises(ValueError, match="or MM-DD without the year"):
            parse_birthday(written)
    with pytest.raises(ValueError, match="no such date: 1990-02-30"):
        parse_birthday("1990-02-30")
