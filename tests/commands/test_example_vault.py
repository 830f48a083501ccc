"""The sample vault tells a believable week on the day it was written for."""

from __future__ import annotations

from pathlib import Path

from conftest import Run, due_by_name

EXAMPLE = Path(__file__).resolve().parents[2] / "vault-example"
WRITTEN_FOR = "2026-11-23"


def test_example_has_about_thirty_people_and_no_problems(run: Run) -> None:
    people = run("people", "--json", vault=EXAMPLE, today=WRITTEN_FOR).json()
    assert 25 <= len(people) <= 35
    check = run("check", vault=EXAMPLE, today=WRITTEN_FOR)
    assert check.exit_code == 0, check.stdout


def test_example_week(run: Run) -> None:
    result = run("due", "--json", vault=EXAMPLE, today=WRITTEN_FOR)
    due = due_by_name(result)
    assert 6 <= len(due) <= 15
    assert due["Ana Costa"]["overdue_days"] == 3
    assert due["Grace Liu"]["reason"] == "next_contact"
    assert "Farid Haddad" not in due and "Nadia Karimi" not in due  # archived, paused
    data = result.json()
    assert {m["name"] for m in data["moments"]} == {"Ana Costa", "Jonas Berg", "Uma Patel"}
    assert [n["name"] for n in data["nudges"]] == ["Laura Schmidt"]
    assert {t["name"] for t in data["tasks"]} == {"Laura Schmidt", "Sam Whitfield"}
    assert [w["name"] for w in data["waiting"]] == ["Rosa Alvarez"]  # her message of 11-19


def test_example_shows_each_reason_to_write(run: Run) -> None:
    """One person for each frame a draft opens with (docs/format.md, "The reason to write")."""
    expected = {
        "Rosa Alvarez": "reply",
        "Laura Schmidt": "promise",
        "Priya Nair": "offer",
        "Ana Costa": "moment",
        "Dmitri Volkov": "follow-up",
        "Farid Haddad": "reconnect",
    }
    for name, kind in expected.items():
        draft = run("draft", name, "--json", vault=EXAMPLE, today=WRITTEN_FOR).json()
        assert draft["reason"]["kind"] == kind, name


def test_example_shows_whether_reconnecting_works(run: Run) -> None:
    found = run("stats", "--json", vault=EXAMPLE, today=WRITTEN_FOR).json()
    assert (found["outreach"], found["answered"], found["unanswered"]) == (2, 1, 1)
    assert found["opportunities"]["won"] == 1 and found["opportunities"]["given"] == 1
    assert [g["goal"] for g in found["goals"]] == [
        "reconnect_per_month",
        "meetings_per_month",
        "outreach_per_week",
    ]
    agenda = run("agenda", "--json", vault=EXAMPLE, today=WRITTEN_FOR).json()["items"]
    assert ("2026-11-26", "moment", "Jonas Berg") in [
        (i["date"], i["kind"], i["name"]) for i in agenda
    ]
