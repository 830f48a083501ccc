"""Good times to write (notekit.rules.moments), on vaults held in memory: where each kind of
moment starts and stops."""

from __future__ import annotations

import datetime as dt

from notekit.rules.moments import MET, NEW_ROLE, NEW_YEAR, moment_text, moments
from notekit.store.memory import index_from_texts

TODAY = dt.date(2026, 11, 23)


def found(notes: dict[str, str], today: dt.date = TODAY, days: int = 7) -> list[tuple]:
    index = index_from_texts(notes)
    ahead = moments(index, index.people, today, today + dt.timedelta(days=days))
    return [(m.person.name, m.kind, m.date, m.years) for m in ahead]


def test_the_day_we_met_comes_back_from_its_first_year_on() -> None:
    """Met a year ago tomorrow: one year; met today or later this week: not yet a moment."""
    notes = {
        "People/Ana.md": "---\nhow_we_met: 2025-11-24 at a meetup\n---\n",
        "People/Bo.md": "---\nhow_we_met: 2026-11-23 at the conference\n---\n",
        "People/Cy.md": "---\nhow_we_met: 2026-11-25 at a dinner\n---\n",
        "People/Di.md": "---\nhow_we_met: 2016-11-30 at school\n---\n",
    }
    assert found(notes) == [
        ("Ana", MET, dt.date(2026, 11, 24), 1),
        ("Di", MET, dt.date(2026, 11, 30), 10),
    ]
    index = index_from_texts(notes)
    texts = [moment_text(m) for m in moments(index, index.people, TODAY, dt.date(2026, 12, 3))]
    assert texts == ["1 year since you met", "10 years since you met"]


def test_a_birthday_tells_the_age_only_from_a_year_of_birth_before_it() -> None:
    """A year of birth after the birthday (a typo) or in its own year tells no age: never
    `birthday (-4)` or `birthday (0)`."""
    from notekit.rules.moments import BIRTHDAY

    notes = {
        "People/Ana.md": "---\nbirthday: 1988-11-25\n---\n",
        "People/Bo.md": "---\nbirthday: 2030-11-25\n---\n",
        "People/Cy.md": "---\nbirthday: 2026-11-25\n---\n",
        "People/Di.md": "---\nbirthday: 11-25\n---\n",
    }
    on = dt.date(2026, 11, 25)
    assert found(notes) == [
        ("Ana", BIRTHDAY, on, 38),
        ("Bo", BIRTHDAY, on, None),
        ("Cy", BIRTHDAY, on, None),
        ("Di", BIRTHDAY, on, None),
    ]
    index = index_from_texts(notes)
    texts = [moment_text(m) for m in moments(index, index.people, TODAY, TODAY + dt.timedelta(7))]
    assert texts == ["birthday (38)", "birthday", "birthday", "birthday"]


def test_the_day_of_a_moment_goes_where_it_reads_right() -> None:
    """ "8 years since you met on Thursday" would say they met on Thursday."""
    index = index_from_texts(
        {
            "People/Ana.md": "---\nhow_we_met: 2018-11-26 at Globex\nbirthday: 1988-11-27\n---\n",
            "People/Bo.md": "---\nname: Bo\n---\n- 2026-11-20 linkedin: now Staff at Globex\n",
        }
    )
    texts = {
        (m.person.name, m.kind): moment_text(m, f"on {m.date:%A}")
        for m in moments(index, index.people, TODAY, dt.date(2026, 11, 29))
    }
    assert texts == {
        ("Ana", MET): "8 years on Thursday since you met",
        ("Ana", "birthday"): "birthday (38) on Friday",
        ("Bo", NEW_ROLE): "new role on Friday — congratulate: now Staff at Globex",
    }


def test_a_new_role_is_a_moment_from_its_day_for_fourteen_days() -> None:
    def news(day: str) -> dict[str, str]:
        line = f"- {day} linkedin: now Staff Engineer at Globex (was Engineer)\n"
        return {"People/Ana.md": f"---\nname: Ana\n---\n{line}"}

    assert found(news("2026-11-23")) == [("Ana", NEW_ROLE, dt.date(2026, 11, 23), None)]
    assert found(news("2026-11-10")) == [("Ana", NEW_ROLE, dt.date(2026, 11, 10), None)]
    assert found(news("2026-11-09")) == []  # fourteen days back: told already, or too late
    assert found(news("2026-11-24")) == []  # an entry dated ahead is no news yet


NEW_YEAR_VAULT = {
    "People/Al.md": "---\nstatus: inactive\n---\n- 2025-01-01 call: long ago\n",  # not followed
    "People/Bo.md": "---\nname: Bo\n---\n- 2026-07-01 call: summer\n",  # 184 days: silent
    "People/Cy.md": "---\nname: Cy\n---\n- 2026-07-02 call: summer\n",  # 183 days: not yet
}


def test_the_new_year_is_for_those_silent_more_than_six_months() -> None:
    """On January 1st, Bo (last heard 184 days before) gets a new-year word; Cy (183) does
    not, nor Al, who is not followed up, and who comes first."""
    assert found(NEW_YEAR_VAULT, dt.date(2027, 1, 1), 0) == [
        ("Bo", NEW_YEAR, dt.date(2027, 1, 1), None)
    ]


def test_the_new_year_from_a_week_that_reaches_it_to_its_fourteenth_day() -> None:
    bo = [("Bo", NEW_YEAR, dt.date(2027, 1, 1), None)]
    assert found(NEW_YEAR_VAULT, dt.date(2026, 12, 25), 7) == bo  # the horizon is January 1st
    assert found(NEW_YEAR_VAULT, dt.date(2026, 12, 24), 7) == []
    assert found(NEW_YEAR_VAULT, dt.date(2027, 1, 14), 7) == bo
    assert found(NEW_YEAR_VAULT, dt.date(2027, 1, 15), 7) == []
