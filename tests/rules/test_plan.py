"""The week's plan on a fixture vault whose ranking is worked out by hand in its EXPECTED.txt:
each part of the score, the moment that brings in someone not due, the org cap, stability."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import FIXTURES, MakeVault, Run

VAULT = FIXTURES / "plan"
MONDAY, WEDNESDAY = "2026-11-23", "2026-11-25"


def _plan(run: Run, vault: Path, today: str) -> dict:
    result = run("plan", "--json", vault=vault, today=today)
    assert result.exit_code == 0, result.stderr
    return result.json()


def test_the_plan_ranks_as_worked_out_by_hand(run: Run) -> None:
    found = _plan(run, VAULT, MONDAY)
    assert (found["week"], found["start"], found["more_due"]) == ("2026-W48", MONDAY, 2)
    assert [(p["name"], p["score"]) for p in found["plan"]] == [
        ("Fay", 10.0),
        ("Ana", 7.86),
        ("Hal", 7.86),
        ("Ida", 7.86),
        ("Gus", 7.15),
        ("Dee", 6),
        ("Ben", 5.11),
        ("Eve", 4),
    ]
    why = {p["name"]: p["why"] for p in found["plan"]}
    assert why["Fay"] == ["due today (1y cadence)", "focus: job-search"]
    assert why["Ana"] == ["8 days past a 2w cadence"]  # outranks Ben's 8 days on a year
    assert why["Gus"] == ["11 days past a 1y cadence", "answered within 2 days last time"]
    assert why["Dee"] == ["birthday (36) on Wednesday"]  # not due: the moment brings her in
    assert why["Eve"] == ["no reply to your message of 2026-11-01"]
    assert "Jon" not in why  # a third from Globex: the org cap
    assert "Cy" not in why  # never contacted since an import weighs least


def test_the_plan_is_stable_through_the_week(run: Run, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(VAULT, vault)
    monday = [p["name"] for p in _plan(run, vault, MONDAY)["plan"]]
    assert [p["name"] for p in _plan(run, vault, WEDNESDAY)["plan"]] == monday
    assert (
        run(
            "log",
            "Ana",
            "caught up",
            "-c",
            "call",
            "--date",
            "2026-11-24",
            vault=vault,
            today=WEDNESDAY,
        ).exit_code
        == 0
    )
    after = _plan(run, vault, WEDNESDAY)["plan"]
    assert [p["name"] for p in after] == monday  # done, not replaced
    assert {p["name"]: p["done"] for p in after}["Ana"] == "2026-11-24"
    # a new week gives a new plan: Ana is no longer due
    assert "Ana" not in [p["name"] for p in _plan(run, vault, "2026-11-30")["plan"]]


def test_the_plan_in_words(run: Run) -> None:
    text = run("plan", "--size", "2", vault=VAULT, today=MONDAY).stdout
    assert text.startswith("Week 2026-W48 (2026-11-23 to 2026-11-29)\n")
    assert "1. [ ] Fay\n   why: due today (1y cadence); focus: job-search\n" in text
    assert "and 6 more are due by 2026-11-29" in text


def test_ticking_an_item_of_the_weekly_note_marks_it_done(run: Run, tmp_path: Path) -> None:
    import datetime as dt
    import os

    vault = tmp_path / "vault"
    shutil.copytree(VAULT, vault)
    assert (
        run("report", "--note", "-o", str(tmp_path / "site"), vault=vault, today=MONDAY).exit_code
        == 0
    )
    note = vault / "Reviews/2026-W48.md"
    text = note.read_text()
    assert "- [ ] [[Hal]]: 8 days past a 2w cadence" in text
    note.write_text(text.replace("- [ ] [[Hal]]", "- [x] [[Hal]]"))
    saved = dt.datetime(2026, 11, 24, 18, 0).timestamp()
    os.utime(note, (saved, saved))
    done = {p["name"]: p["done"] for p in _plan(run, vault, WEDNESDAY)["plan"]}
    assert done["Hal"] == "2026-11-24" and done["Ida"] is None


def test_a_follow_up_date_counts_at_most_four_weeks_late(run: Run, make_vault: MakeVault) -> None:
    """Worked by hand (docs/format.md): 6, and one more for each week late, up to 4; the week
    starts on Monday 2026-11-23."""
    vault = make_vault(
        {
            "People/Six.md": "---\nnext_contact: 2026-10-12\nemail: s@x.org\n---\n",  # 6 + 4
            "People/Three.md": "---\nnext_contact: 2026-11-02\nemail: t@x.org\n---\n",  # 6 + 3
            "People/Now.md": "---\nnext_contact: 2026-11-23\nemail: n@x.org\n---\n",  # 6
            # as late as Six, but no way to write: 6 + 4 - 4
            "People/Nowhere.md": "---\nnext_contact: 2026-10-12\n---\n",
        }
    )
    found = _plan(run, vault, MONDAY)
    assert [(p["name"], p["score"]) for p in found["plan"]] == [
        ("Six", 10),
        ("Three", 9),
        ("Now", 6),
        ("Nowhere", 6),
    ]
    assert found["plan"][3]["why"][-1] == "no way to write yet: add an email or a LinkedIn profile"


def test_a_reply_i_owe_ranks_high_and_late_promises_come_first(
    run: Run, make_vault: MakeVault
) -> None:
    """Monday 2026-11-23: Aisha's message of 10-13 is the latest thing between us, so she
    leads the plan (11 points, above Cy's cadence, 53 days late: 10) though her own cadence is
    not due, and Ben (8.5) stays out; on Wednesday Rosa asks for a
    review: the plan keeps its names and lists her under "waiting on you too". My promise to
    Ben was due on 11-20: it is listed, 3 days late on Monday, before the week's own."""
    vault = make_vault(
        {
            "notekit.toml": 'default_cadence = "1y"\n[plan]\nsize = 2\n',
            "People/Aisha.md": "- 2026-10-13 email from: Medora is hiring, interested?\n",
            "People/Ben.md": "---\ncadence: 1m\n---\n- 2026-10-01 call: hi\n"
            "- [ ] send Ben my notes 📅 2026-11-20\n- [ ] call Ben back 📅 2026-11-26\n",
            "People/Cy.md": "---\ncadence: 1m\n---\n- 2026-09-01 call: hi\n",
            "People/Rosa.md": "- 2026-11-01 call: hi\n",
        }
    )
    monday = _plan(run, vault, MONDAY)
    assert [p["name"] for p in monday["plan"]] == ["Aisha", "Cy"]
    assert monday["plan"][0]["why"][0] == (
        "waiting on you since 2026-10-13: 'Medora is hiring, interested?'"
    )
    assert [(p["text"][:14], p["overdue_days"]) for p in monday["promises"]] == [
        ("send Ben my no", 3),
        ("call Ben back ", -3),
    ]
    rosa = vault / "People/Rosa.md"
    rosa.write_text(rosa.read_text() + "- 2026-11-24 message from: could you review my work?\n")
    wednesday = _plan(run, vault, WEDNESDAY)
    assert [p["name"] for p in wednesday["plan"]] == ["Aisha", "Cy"]
    assert [(w["name"], w["since"]) for w in wednesday["waiting"]] == [("Rosa", "2026-11-24")]
    text = run("plan", vault=vault, today=WEDNESDAY).stdout
    assert "Waiting on you too:\n  Rosa: waiting on you since 2026-11-24" in text
    assert "  5 days late  Ben: send Ben my notes" in text


def test_the_new_year_lifts_one_person_and_one_past_employer_takes_two_slots(
    run: Run, make_vault: MakeVault
) -> None:
    """Week of Monday 2026-12-28, the new year on Friday: Ann, Bo and Cat, silent since
    spring, are each lifted by it (6); it counts for Ann only (the longest silent), so Bo and
    Cat fall out. Dan, Eli and Fay were at Initech with me and are all 20 days past a 1m
    cadence (about 8.2): two of them take slots, the third is left out by the org cap though
    each works somewhere else now."""
    initech = "history: [Initech (2014-2017)]\ncadence: 1m\n"
    vault = make_vault(
        {
            "notekit.toml": '[me]\nhistory = ["Initech (2014-2017)"]\n[plan]\nsize = 5\n',
            "People/Ann.md": "---\nemail: a@x.org\n---\n- 2026-03-01 call: hi\n",
            "People/Bo.md": "---\nemail: b@x.org\n---\n- 2026-04-01 call: hi\n",
            "People/Cat.md": "---\nemail: c@x.org\n---\n- 2026-05-01 call: hi\n",
            "People/Dan.md": f"---\nemail: d@x.org\ncompany: Acme\n{initech}---\n"
            "- 2026-10-08 call: hi\n",
            "People/Eli.md": f"---\nemail: e@x.org\ncompany: Bolt\n{initech}---\n"
            "- 2026-10-08 call: hi\n",
            "People/Fay.md": f"---\nemail: f@x.org\ncompany: Cog\n{initech}---\n"
            "- 2026-10-08 call: hi\n",
        }
    )
    found = _plan(run, vault, "2026-12-28")
    names = [p["name"] for p in found["plan"]]
    assert "Ann" in names and "Bo" not in names and "Cat" not in names
    assert sum(name in names for name in ("Dan", "Eli", "Fay")) == 2
    ann = next(p for p in found["plan"] if p["name"] == "Ann")
    assert ann["why"][0].startswith("new year — not in touch since 2026-03-01")


def test_a_snooze_puts_someone_off_and_brings_in_no_one(run: Run, make_vault: MakeVault) -> None:
    """Monday: Ana and Ben are the plan (size 2); Cy is third. On Tuesday Ana is snoozed to
    January: she stays in the week's plan, put off, and Cy does not take her place; `plan
    --more` offers Cy."""
    vault = make_vault(
        {
            "notekit.toml": "[plan]\nsize = 2\n",
            "People/Ana.md": "---\nemail: a@x.org\ncadence: 1m\n---\n- 2026-09-01 call: hi\n",
            "People/Ben.md": "---\nemail: b@x.org\ncadence: 1m\n---\n- 2026-09-15 call: hi\n",
            "People/Cy.md": "---\nemail: c@x.org\ncadence: 1m\n---\n- 2026-10-01 call: hi\n",
        }
    )
    assert [p["name"] for p in _plan(run, vault, MONDAY)["plan"]] == ["Ana", "Ben"]
    assert run("snooze", "Ana", "2027-01-10", vault=vault, today="2026-11-24").exit_code == 0
    later = _plan(run, vault, WEDNESDAY)
    assert [(p["name"], p["why"]) for p in later["plan"]][0] == ("Ana", ["put off to 2027-01-10"])
    assert [p["name"] for p in later["plan"]] == ["Ana", "Ben"]
    assert [p["name"] for p in later["next"]] == ["Cy"]  # `plan --more`, if I have time
    more = run("plan", "--more", vault=vault, today=WEDNESDAY).stdout
    assert "Next, if you have time:\n3. Cy\n   why: 22 days past a 1m cadence; you have met" in more
