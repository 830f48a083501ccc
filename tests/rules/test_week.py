"""The week the report's front page and the weekly note share (notekit.rules.week), on vaults
held in memory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import MakeVault, Run
from notekit.rules.week import week_name, week_of
from notekit.store.memory import index_from_texts

TODAY = dt.date(2026, 11, 23)  # a Monday


def person(cadence: str = "", log: str = "", extra: str = "") -> str:
    front = f"cadence: {cadence}\n" if cadence else ""
    return f"---\n{front}{extra}---\n## Log\n{log}"


def test_due_promises_recent_and_overdue_of_one_week() -> None:
    index = index_from_texts(
        {
            "People/Ana.md": person("1m", "- 2026-10-01 call: old news\n"),  # overdue
            "People/Ben.md": person("1m", "- 2026-11-20 coffee: plans\n"),  # recent, not due
            "People/Cy.md": person("1y", "- 2026-01-01 email: hello\n"),  # due in 2027
            "Daily/2026-11-22.md": "Lunch with [[Cy]]\n"
            "- [ ] send [[Ana]] and [[Ben]] the deck 📅 2026-11-25\n",
        }
    )
    week = week_of(index, TODAY, index.interactions_of)
    assert [f.person.name for f in week.report.due] == ["Ana"]
    assert week.overdue == 1
    assert [(p.due, [x.name for x in p.people]) for p in week.promises] == [
        (dt.date(2026, 11, 25), ["Ana", "Ben"])
    ]
    assert [(p.name, i.date, i.source) for p, i in week.recent] == [
        ("Cy", dt.date(2026, 11, 22), "Daily/2026-11-22.md"),
        ("Ben", dt.date(2026, 11, 20), "People/Ben.md"),
    ]
    assert (week.name, week.end) == ("2026-W48", dt.date(2026, 11, 29))


def test_recent_stops_seven_days_back_and_at_today() -> None:
    log = (
        "- 2026-11-16 call: eight days ago\n- 2026-11-17 call: seven\n- 2026-11-24 call: tomorrow\n"
    )
    index = index_from_texts({"People/Ana.md": person("", log)})
    week = week_of(index, TODAY, index.interactions_of)
    assert [i.text for _, i in week.recent] == ["seven"]
    index = index_from_texts({"People/Ana.md": person("", "- 2026-11-23 call: today\n")})
    assert [i.text for _, i in week_of(index, TODAY, index.interactions_of).recent] == ["today"]


def test_due_by_the_week_s_last_day_and_overdue_only_once_past() -> None:
    """Monday 11-23: Sunday 11-29 is the week's last day, Monday 11-30 the next week's first; a
    follow-up date of today is due, not overdue."""
    index = index_from_texts(
        {
            "People/Sun.md": person(extra="next_contact: 2026-11-29\n"),
            "People/Mon.md": person(extra="next_contact: 2026-11-30\n"),
            "People/Now.md": person(extra="next_contact: 2026-11-23\n"),
            "People/Past.md": person(extra="next_contact: 2026-11-22\n"),
        }
    )
    week = week_of(index, TODAY, index.interactions_of)
    assert [f.person.name for f in week.report.due] == ["Past", "Now", "Sun"]
    assert week.overdue == 1


def test_people_not_followed_up_are_never_overdue() -> None:
    notes = {
        "People/Ana.md": person("1w", "- 2026-01-01 call: x\n", "status: archived\n"),
        "People/Ben.md": person("1w", "- 2026-01-01 call: x\n"),
    }
    index = index_from_texts(notes)
    week = week_of(index, TODAY, index.interactions_of)
    assert week.overdue == 1 and [f.person.name for f in week.report.due] == ["Ben"]


def test_a_config_in_memory_sets_the_default_cadence() -> None:
    notes = {"People/Ana.md": person("", "- 2026-10-01 call: x\n")}
    index = index_from_texts(notes)
    assert week_of(index, TODAY, index.interactions_of).report.due == []
    index = index_from_texts(notes, config='default_cadence = "1m"\n')
    assert [f.why() for f in week_of(index, TODAY, index.interactions_of).report.due] == [
        "cadence 1m, last contact 2026-10-01, 22 days overdue"
    ]


def test_week_names_follow_iso_weeks_across_the_year() -> None:
    assert week_name(dt.date(2026, 12, 31)) == "2026-W53"
    assert week_name(dt.date(2027, 1, 4)) == "2027-W01"


def test_one_week_everywhere_starting_on_the_configured_day(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """With weeks starting on Sunday, on Wednesday 2026-11-25 the plan, the weekly note and the
    week page all speak of Sunday 11-22 to Saturday 11-28."""
    vault = make_vault(
        {
            "notekit.toml": '[plan]\nweek_starts = "sunday"\n',
            "People/Ana.md": "---\ncadence: 1m\n---\n- 2026-10-01 call: hi\n",
        }
    )
    wednesday = "2026-11-25"
    found = run("plan", "--json", vault=vault, today=wednesday).json()
    assert (found["week"], found["start"]) == ("2026-W47", "2026-11-22")
    out = tmp_path / "site"
    assert run("report", "--note", "-o", str(out), vault=vault, today=wednesday).exit_code == 0
    note = (vault / "Reviews/2026-W47.md").read_text()
    assert "# Week 2026-W47 (2026-11-22 to 2026-11-28)" in note
    page = (out / "index.html").read_text()
    assert "<h1>Week 2026-W47 (2026-11-22 to 2026-11-28)</h1>" in page


def test_the_week_s_note_is_in_the_notes_folder_however_it_is_written() -> None:
    from notekit.read.config import parse_config
    from notekit.read.fields import KNOWN_FIELDS
    from notekit.rules.week import week_note_path

    for folder in ("Reviews", "Reviews/"):
        config = parse_config(f'[report]\nnotes_folder = "{folder}"\n', KNOWN_FIELDS)
        assert week_note_path(config, TODAY) == "Reviews/2026-W48.md", folder


def test_a_week_s_note_is_told_by_its_folder_and_its_name() -> None:
    from notekit.read.config import parse_config
    from notekit.read.fields import KNOWN_FIELDS
    from notekit.rules.week import is_week_note

    config = parse_config('[report]\nnotes_folder = "Journal/Reviews/"\n', KNOWN_FIELDS)
    assert is_week_note("Journal/Reviews/2026-W48.md", config)
    assert not is_week_note("Journal/Reviews/Ana.md", config)  # a note of its own there
    assert not is_week_note("Journal/2026-W48.md", config)  # a week's name elsewhere
    assert not is_week_note("Journal/Reviews/old/2026-W48.md", config)
