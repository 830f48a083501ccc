"""The week's plan on a fixture vault whose ranking is worked out by hand in its EXPECTED.txt:
each part of the score, the moment that brings in someone not due, the org cap, stability."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, MakeVault, Run, build_report

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
    first = _plan(run, vault, MONDAY)["plan"]  # picked now, and kept for the week
    monday = [p["name"] for p in first]
    scores = [(p["name"], p["score"]) for p in first]
    assert [(p["name"], p["score"]) for p in _plan(run, vault, WEDNESDAY)["plan"]] == scores
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
    assert "\nand 1 more is due by 2026-11-29: notekit due --within 7" in text  # Ben
    saturday = run("plan", vault=vault, today="2026-11-21").stdout  # the week before: a day late
    assert "  1 day late  Ben: send Ben my notes" in saturday


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
    assert ann["why"][0].startswith("new year on Friday — not in touch since 2026-03-01")


def test_the_context_of_a_pick_ends_with_the_last_contact_wherever_it_was_written(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """Ana's last contact is a lunch in a daily note: `plan` and the week page say so alike."""
    vault = make_vault(
        {
            "People/Ana.md": "---\ncontext: Initech payments team\ncadence: 1m\n---\n## Log\n"
            "- 2026-06-10 call: her move to Globex\n",
            "Daily/2026-10-20.md": "- Lunch with [[Ana]]; she is hiring two seniors\n",
        }
    )
    (ana,) = _plan(run, vault, "2026-11-23")["plan"]
    said = "Initech payments team · last: Lunch with Ana; she is hiring two seniors"
    assert ana["context"] == said
    index = build_report(run, vault, tmp_path / "site").read_text("utf-8")
    assert said in html.unescape(index)


def test_the_anniversary_of_meeting_says_we_met_once(run: Run, make_vault: MakeVault) -> None:
    """Jo's anniversary is Thursday and we had coffee: "you have met" would say it twice, and
    is left out of the words, not of the points."""
    vault = make_vault(
        {
            "People/Jo.md": "---\nhow_we_met: 2018-11-26 at Globex\nemail: jo@x.org\n---\n"
            "- 2026-01-10 coffee: hi\n",
            "People/Al.md": "---\nemail: al@x.org\ncadence: 1m\n---\n- 2026-01-10 coffee: hi\n",
        }
    )
    picks = {p["name"]: p for p in _plan(run, vault, "2026-11-23")["plan"]}
    assert picks["Jo"]["why"] == ["8 years on Thursday since you met"]
    assert picks["Jo"]["score"] == 7  # the moment's 6, and 1 for having met
    assert "you have met" in picks["Al"]["why"]  # no anniversary: the words stay


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
    assert [(p["name"], p["why"], p["score"]) for p in later["plan"]][0] == (
        "Ana",
        ["put off to 2027-01-10"],
        0,
    )
    assert [p["name"] for p in later["plan"]] == ["Ana", "Ben"]
    assert [p["name"] for p in later["next"]] == ["Cy"]  # `plan --more`, if I have time
    more = run("plan", "--more", vault=vault, today=WEDNESDAY).stdout
    assert "Next, if you have time:\n3. Cy\n   why: 22 days past a 1m cadence; you have met" in more


def _people(**lines: str) -> dict[str, str]:
    """A note per person: an address, then the given front-matter and log lines."""
    return {
        f"People/{name}.md": f"---\nemail: {name.lower()}@x.org\n{text}"
        for name, text in lines.items()
    }


def test_each_reason_in_words_and_points(run: Run, make_vault: MakeVault) -> None:
    """Monday 2026-11-23, the week to Sunday 11-29 (docs/format.md, "The week's plan")."""
    vault = make_vault(
        {
            "notekit.toml": "[plan]\nsize = 10\n",
            **_people(
                Late="next_contact: 2026-11-20\n---\n",  # 6 + 3/7 of a week
                Today="next_contact: 2026-11-23\n---\n",
                Yesterday="next_contact: 2026-11-22\n---\n",  # one day: "1 day ago"
                Lapsed="cadence: 1m\n---\n- 2026-10-22 email: hi\n",  # 5 + 5 x 1/31
                Sunday="next_contact: 2026-11-29\n---\n",  # the week's last day is in it
                Thursday="cadence: 1m\n---\n- 2026-10-26 email: hi\n",  # due in the week: 3
                Never="cadence: 1m\n---\n",  # never contacted since added: 2
                Next="next_contact: 2026-11-30\n---\n",  # next week: not in this one
                Role="---\n- 2026-11-20 linkedin: now Staff at Globex\n",  # before Monday
                Monday="birthday: 1990-11-23\n---\n",
            ),
        }
    )
    found = {p["name"]: (p["score"], p["why"]) for p in _plan(run, vault, MONDAY)["plan"]}
    assert found == {
        "Late": (6.43, ["follow-up date 2026-11-20, 3 days ago"]),
        "Today": (6, ["follow-up date 2026-11-23, today"]),
        "Yesterday": (6.14, ["follow-up date 2026-11-22, 1 day ago"]),
        "Lapsed": (5.16, ["1 day past a 1m cadence"]),
        "Sunday": (6, ["follow-up date 2026-11-29"]),
        "Thursday": (3, ["due on Thursday (1m cadence)"]),
        "Never": (2, ["never contacted since added"]),
        "Role": (6, ["new role this week — congratulate: now Staff at Globex"]),
        "Monday": (6, ["birthday (36) on Monday"]),
    }


def test_a_rest_a_gone_note_and_the_org_cap_each_leave_the_rest_of_the_plan(
    run: Run, make_vault: MakeVault
) -> None:
    """Abe is given a rest (three messages in a row unanswered); the others are all 1m past
    due, so they rank by name. Cat is a third from Globex: the cap skips her, and Dov, after
    her, takes the slot. On Wednesday Bea's note is gone: Ann and Dov stay, and Cat, the second
    from Globex now, fills the slot Bea left."""
    late = "cadence: 1m\n---\n- 2026-09-01 call: hi\n"
    globex = "company: Globex\n" + late
    unanswered = "".join(f"- 2026-{m}-01 email to: hello?\n" for m in ("08", "09", "10"))
    vault = make_vault(
        {
            "notekit.toml": "[plan]\nsize = 3\n",
            **_people(
                Abe="cadence: 1m\n---\n" + unanswered,
                Ann=globex,
                Bea=globex,
                Cat=globex,
                Dov="company: Initech\n" + late,
                Eda="company: Umbrella\n" + late,
            ),
        }
    )
    assert [p["name"] for p in _plan(run, vault, MONDAY)["plan"]] == ["Ann", "Bea", "Dov"]
    (vault / "People/Bea.md").unlink()
    assert [p["name"] for p in _plan(run, vault, WEDNESDAY)["plan"]] == ["Ann", "Dov", "Cat"]


@pytest.mark.parametrize("out", ["status: Deceased", "status: archived", "active: false"])
def test_a_pick_taken_out_of_follow_ups_during_the_week_leaves_the_plan(
    run: Run, make_vault: MakeVault, out: str
) -> None:
    """Monday's plan holds Ann, Bea and Dov; on Wednesday Bea's note says she died (or is
    archived): she is no longer in the plan, with no draft and no link to write to her, and
    her slot goes to the next, as when a note is gone."""
    late = "cadence: 1m\n---\n- 2026-09-01 call: hi\n"
    vault = make_vault(
        {"notekit.toml": "[plan]\nsize = 3\n", **_people(Ann=late, Bea=late, Cat=late, Dov=late)}
    )
    assert [p["name"] for p in _plan(run, vault, MONDAY)["plan"]] == ["Ann", "Bea", "Cat"]
    bea = vault / "People/Bea.md"
    bea.write_text(bea.read_text().replace("cadence: 1m\n", f"cadence: 1m\n{out}\n"))
    assert [p["name"] for p in _plan(run, vault, WEDNESDAY)["plan"]] == ["Ann", "Cat", "Dov"]


def test_the_week_s_picks_hold_their_org_slots(run: Run, make_vault: MakeVault) -> None:
    """Ann and Bea of Globex and Dov are Monday's plan; Dov's note is gone on Wednesday: his
    slot goes to Eda, not to Cat, a third from Globex."""
    late = "cadence: 1m\n---\n- 2026-09-01 call: hi\n"
    globex = "company: Globex\n" + late
    vault = make_vault(
        {
            "notekit.toml": "[plan]\nsize = 3\n",
            **_people(
                Ann=globex, Bea=globex, Cat=globex, Dov=late, Eda="company: Umbrella\n" + late
            ),
        }
    )
    assert [p["name"] for p in _plan(run, vault, MONDAY)["plan"]] == ["Ann", "Bea", "Dov"]
    (vault / "People/Dov.md").unlink()
    assert [p["name"] for p in _plan(run, vault, WEDNESDAY)["plan"]] == ["Ann", "Bea", "Eda"]


def test_a_contact_this_week_keeps_the_why_of_monday_and_says_when(
    run: Run, make_vault: MakeVault
) -> None:
    """Ben, due on Monday, was called on Tuesday: still in the plan for Monday's reason, done.
    Ana, snoozed to January and called on Tuesday too: put off, done all the same. Cy has
    nothing left to do this week once his own follow-up date is past."""
    vault = make_vault(
        {
            "notekit.toml": "[plan]\nsize = 3\n",
            **_people(
                Ana="cadence: 1m\n---\n- 2026-09-01 call: hi\n",
                Ben="cadence: 1m\n---\n- 2026-09-15 call: hi\n",
                Cy="next_contact: 2026-11-20\n---\n",
            ),
        }
    )
    assert [p["name"] for p in _plan(run, vault, MONDAY)["plan"]] == ["Ana", "Ben", "Cy"]
    for name in ("Ana", "Ben"):
        note = vault / f"People/{name}.md"
        note.write_text(note.read_text() + "- 2026-11-24 call: caught up\n")
    ana = vault / "People/Ana.md"
    ana.write_text(ana.read_text().replace("cadence: 1m", "cadence: 1m\nnext_contact: 2027-01-10"))
    cy = vault / "People/Cy.md"
    cy.write_text(cy.read_text().replace("next_contact: 2026-11-20\n", ""))
    found = {p["name"]: (p["why"], p["done"]) for p in _plan(run, vault, WEDNESDAY)["plan"]}
    assert found == {
        "Ana": (["put off to 2027-01-10"], "2026-11-24"),
        "Ben": (["39 days past a 1m cadence", "you have met"], "2026-11-24"),
        "Cy": (["nothing left to do this week"], None),
    }


def test_a_pick_whose_message_came_since_is_waiting_on_me_not_done(
    run: Run, make_vault: MakeVault
) -> None:
    """Monday's plan holds Ana, Ben, Cy and Dee. By Wednesday Ana wrote to me and I have not
    answered: not done, and the reply I owe comes first in why, with no "never contacted"
    left. Ben wrote and I answered: done. I wrote to Cy and he answered: waiting on me again.
    Dee, snoozed since, then wrote: only the reply is left to do."""
    vault = make_vault(
        {
            "notekit.toml": "[plan]\nsize = 4\n",
            **_people(
                Ana="cadence: 1m\n---\n",
                Ben="cadence: 1m\n---\n- 2026-09-15 call: hi\n",
                Cy="cadence: 1m\n---\n- 2026-09-10 call: hi\n",
                Dee="cadence: 1m\n---\n- 2026-09-05 call: hi\n",
            ),
        }
    )
    monday = {p["name"]: p["why"] for p in _plan(run, vault, MONDAY)["plan"]}
    assert monday["Ana"] == ["never contacted since added"]
    entries = {
        "Ana": "- 2026-11-24 email from: could you refer me to Globex?\n",
        "Ben": "- 2026-11-24 email from: coffee soon?\n- 2026-11-24 email to: yes, Friday\n",
        "Cy": "- 2026-11-23 email to: how are you?\n- 2026-11-24 email from: good, and you?\n",
        "Dee": "- 2026-11-24 linkedin from: congrats on the launch\n",
    }
    for name, added in entries.items():
        note = vault / f"People/{name}.md"
        note.write_text(note.read_text() + added)
    dee = vault / "People/Dee.md"
    dee.write_text(dee.read_text().replace("cadence: 1m", "cadence: 1m\nnext_contact: 2027-01-10"))
    found = {p["name"]: (p["why"], p["done"]) for p in _plan(run, vault, WEDNESDAY)["plan"]}
    assert found == {
        "Ana": (["waiting on you since 2026-11-24: 'could you refer me to Globex?'"], None),
        "Ben": (monday["Ben"], "2026-11-24"),
        "Cy": (["waiting on you since 2026-11-24: 'good, and you?'", *monday["Cy"]], None),
        "Dee": (["waiting on you since 2026-11-24: 'congrats on the launch'"], None),
    }
    words = run("plan", vault=vault, today=WEDNESDAY).stdout
    assert ". [ ] Ana\n   why: waiting on you since 2026-11-24: 'could you refer me to" in words
    assert "Waiting on you too" not in words  # they are in the plan, said once


def test_a_message_of_the_day_before_the_week_is_a_reply_owed_in_it(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(_people(Ada="---\n- 2026-11-22 email from: are you free next week?\n"))
    (ada,) = _plan(run, vault, MONDAY)["plan"]
    assert ada["why"] == ["waiting on you since 2026-11-22: 'are you free next week?'"]


def test_warmth_is_the_share_of_my_messages_they_answered(run: Run, make_vault: MakeVault) -> None:
    """Both last in touch on 2025-07-20, a 1y cadence: 126 days late, 5 + 5 × 126/365. Ann
    answered one of my two messages, the same day: 2 × 1/2; Bo both, the second in a day."""
    newsletter = "- 2025-07-20 email: a newsletter\n"
    vault = make_vault(
        {
            "notekit.toml": 'default_cadence = "1y"\n',
            **_people(
                Ann="---\n- 2025-06-01 email to: a\n- 2025-06-01 email from: b\n"
                "- 2025-07-01 email to: c\n" + newsletter,
                Bo="---\n- 2025-06-01 email to: a\n- 2025-06-03 email from: b\n"
                "- 2025-07-01 email to: c\n- 2025-07-02 email from: d\n" + newsletter,
            ),
        }
    )
    found = {p["name"]: (p["score"], p["why"]) for p in _plan(run, vault, MONDAY)["plan"]}
    assert found == {
        "Bo": (8.73, ["126 days past a 1y cadence", "answered within 1 day last time"]),
        "Ann": (7.73, ["126 days past a 1y cadence", "answered the same day last time"]),
    }


def test_the_focus_names_a_company_and_a_pending_message_is_not_yet_unanswered(
    run: Run, make_vault: MakeVault
) -> None:
    """Ann is 126 days past a 1y cadence (6.73) and at Globex, the focus: 5 more. Bo's
    follow-up date is today (6); he answered my message of June the next day, and my message
    of Friday is still within its window: his reply rate is one of one (2)."""
    vault = make_vault(
        {
            "notekit.toml": 'default_cadence = "1y"\n[plan]\nfocus = ["Globex"]\n',
            **_people(
                Ann="company: Globex\n---\n- 2025-07-20 email: a newsletter\n",
                Bo="next_contact: 2026-11-23\n---\n- 2025-06-01 email to: a\n"
                "- 2025-06-02 email from: b\n- 2026-11-20 email to: c\n",
            ),
        }
    )
    found = {p["name"]: (p["score"], p["why"]) for p in _plan(run, vault, MONDAY)["plan"]}
    assert found == {
        "Ann": (11.73, ["126 days past a 1y cadence", "focus: Globex"]),
        "Bo": (8, ["follow-up date 2026-11-23, today", "answered within 1 day last time"]),
    }


def test_a_plan_first_asked_for_midweek_knows_who_is_done(run: Run, make_vault: MakeVault) -> None:
    """Asked for the first time on Wednesday: Ana, called on Tuesday, is in it as the week
    began, done; Ben, next, with his score, done today; my promise due on Sunday, the week's
    last day, is one of the week's."""
    vault = make_vault(
        {
            "notekit.toml": "[plan]\nsize = 1\n",
            **_people(
                Ana="cadence: 1m\n---\n- 2026-09-01 email: hi\n- 2026-11-24 email: caught up\n"
                "- [ ] send Ana the deck 📅 2026-11-29\n",
                Ben="cadence: 1m\n---\n- 2026-10-01 email: hi\n- 2026-11-25 email: hello\n",
            ),
        }
    )
    found = _plan(run, vault, WEDNESDAY)
    assert [(p["name"], p["done"], p["score"]) for p in found["plan"]] == [
        ("Ana", "2026-11-24", 10)
    ]
    assert [(p["name"], p["done"], p["score"]) for p in found["next"]] == [
        ("Ben", "2026-11-25", 8.55)
    ]
    assert [p["text"] for p in found["promises"]] == ["send Ana the deck 📅 2026-11-29"]


def test_the_focus_lifts_the_org_cap(run: Run, make_vault: MakeVault) -> None:
    """Three from Globex, the focus, all take slots before Dov."""
    globex = "company: Globex\ncadence: 1m\n---\n- 2026-09-01 email: hi\n"
    vault = make_vault(
        {
            "notekit.toml": '[plan]\nsize = 3\nfocus = ["Globex"]\n',
            **_people(
                Ann=globex, Bea=globex, Cat=globex, Dov="cadence: 1m\n---\n- 2026-09-02 email: hi\n"
            ),
        }
    )
    assert [p["name"] for p in _plan(run, vault, MONDAY)["plan"]] == ["Ann", "Bea", "Cat"]


def test_the_new_year_goes_to_the_one_it_lifts_highest(run: Run, make_vault: MakeVault) -> None:
    """The week of the new year: Zoe, silent since May 2025 and due, is lifted by it; Ann,
    silent since March but not due, is not, and Bo, silent since February, keeps his birthday
    without it."""
    vault = make_vault(
        {
            "notekit.toml": "[plan]\nsize = 3\n",
            **_people(
                Ann="---\n- 2026-03-01 email: hi\n",
                Bo="birthday: 1990-12-29\n---\n- 2026-02-01 email: hi\n",
                Zoe="cadence: 1y\n---\n- 2025-05-01 email: hi\n",
            ),
        }
    )
    found = {p["name"]: (p["score"], p["why"]) for p in _plan(run, vault, "2026-12-28")["plan"]}
    assert list(found) == ["Zoe", "Bo"]
    assert found["Zoe"][1][1].startswith("new year on Friday — not in touch since 2025-05-01")
    assert found["Bo"] == (6, ["birthday (36) on Tuesday"])
