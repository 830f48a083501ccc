"""Good times to write (notekit.rules.moments), on vaults held in memory: where each kind of
moment starts and stops."""

from __future__ import annotations

import datetime as dt

from notekit.rules.moments import MET, NEW_ROLE, moment_text, moments
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


def test_a_new_role_is_a_moment_from_its_day_for_fourteen_days() -> None:
    def news(day: str) -> dict[str, str]:
        line = f"- {day} linkedin: now Staff Engineer at Globex (was Engineer)\n"
        return {"People/Ana.md": f"---\nname: Ana\n---\n{line}"}

    assert found(news("2026-11-23")) == [("Ana", NEW_ROLE, dt.date(2026, 11, 23), None)]
    assert found(news("2026-11-10")) == [("Ana", NEW_ROLE, dt.date(2026, 11, 10), None)]
    assert found(news("2026-11-09")) == []  # fourteen days back: told already, or too late
    assert found(news("2026-11-24")) == []  # an entry dated ahead is no news yet
