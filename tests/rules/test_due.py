"""The due rule (SPEC §4) through `notekit due --json`: cadences, dates, status, window."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES, MakeVault, Run, due_by_name
from notekit.core.dates import parse_cadence
from notekit.rules.moments import moments_of


def _due(
    run: Run, make_vault: MakeVault, front_matter: str, today: str = "2026-11-23", *args: str
) -> dict:
    vault = make_vault({"People/Pat.md": f"---\n{front_matter}\n---\n"})
    return due_by_name(run("due", "--json", "--within", "3650", *args, vault=vault, today=today))


@pytest.mark.parametrize(
    ("cadence", "normal", "due"),
    [
        ("10d", "10d", "2026-01-11"),
        ("10", "10d", "2026-01-11"),
        ("6w", "6w", "2026-02-12"),
        ("3m", "3m", "2026-04-01"),
        ("1y", "1y", "2027-01-01"),
        ("daily", "1d", "2026-01-02"),
        ("weekly", "1w", "2026-01-08"),
        ("biweekly", "2w", "2026-01-15"),
        ("fortnightly", "2w", "2026-01-15"),
        ("monthly", "1m", "2026-02-01"),
        ("bimonthly", "2m", "2026-03-01"),
        ("quarterly", "3m", "2026-04-01"),
        ("semiannually", "6m", "2026-07-01"),
        ("biannually", "6m", "2026-07-01"),
        ("yearly", "1y", "2027-01-01"),
        ("Annually", "1y", "2027-01-01"),
        ("2 weeks", "2w", "2026-01-15"),
        ("every 2 weeks", "2w", "2026-01-15"),
        ("Every month", "1m", "2026-02-01"),
        ("annual", "1y", "2027-01-01"),
        ("twice a year", "6m", "2026-07-01"),
        ("six months", "6m", "2026-07-01"),
        ("every three weeks", "3w", "2026-01-22"),
        ("every other week", "2w", "2026-01-15"),
        ("Every Other Month", "2m", "2026-03-01"),
        ("once a year", "1y", "2027-01-01"),
        ("once a month", "1m", "2026-02-01"),
        ("twice a month", "2w", "2026-01-15"),
        ("every quarter", "3m", "2026-04-01"),
    ],
)
def test_every_cadence_form(run: Run, make_vault: MakeVault, cadence, normal, due) -> None:
    row = _due(run, make_vault, f"cadence: {cadence}\nlast_contact: 2026-01-01", "2026-01-01")
    assert (row["Pat"]["cadence"], row["Pat"]["due"]) == (normal, due)
    assert row["Pat"]["reason"] == "cadence"


@pytest.mark.parametrize(
    ("last", "cadence", "due"),
    [
        ("2026-01-31", "1m", "2026-02-28"),
        ("2024-01-31", "1m", "2024-02-29"),
        ("2026-03-31", "1m", "2026-04-30"),
        ("2024-02-29", "1y", "2025-02-28"),
        ("2026-08-31", "6m", "2027-02-28"),
        ("2026-10-31", "quarterly", "2027-01-31"),
    ],
)
def test_months_and_years_clamp_to_the_end_of_the_month(
    run: Run, make_vault: MakeVault, last, cadence, due
) -> None:
    row = _due(run, make_vault, f"cadence: {cadence}\nlast_contact: {last}", last)
    assert row["Pat"]["due"] == due


def test_unknown_cadence_is_a_check_problem_and_not_due(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Pat.md": "---\ncadence: sometimes\n---\n"})
    assert due_by_name(run("due", "--json", vault=vault)) == {}
    (problem,) = run("check", "--json", vault=vault).json()
    assert problem["line"] == 2 and "cadence" in problem["message"]


def test_never_contacted_with_a_cadence_is_due_today(run: Run, make_vault: MakeVault) -> None:
    row = _due(run, make_vault, "cadence: 3m")["Pat"]
    assert (row["due"], row["reason"], row["overdue_days"], row["last_contact"]) == (
        "2026-11-23",
        "never_contacted",
        0,
        None,
    )


def test_no_cadence_and_no_date_is_never_due(run: Run, make_vault: MakeVault) -> None:
    assert _due(run, make_vault, "last_contact: 2020-01-01") == {}


def test_next_contact_before_a_later_contact_is_spent(run: Run, make_vault: MakeVault) -> None:
    # asked to follow up on 11-01, and spoke on 11-10: the cadence applies again
    rows = _due(run, make_vault, "cadence: 1m\nnext_contact: 2026-11-01\nlast_contact: 2026-11-10")
    assert (rows["Pat"]["due"], rows["Pat"]["reason"]) == ("2026-12-10", "cadence")


def test_next_contact_after_the_last_contact_wins(run: Run, make_vault: MakeVault) -> None:
    rows = _due(run, make_vault, "cadence: 1y\nnext_contact: 2026-11-20\nlast_contact: 2026-11-10")
    assert (rows["Pat"]["due"], rows["Pat"]["reason"]) == ("2026-11-20", "next_contact")
    assert rows["Pat"]["overdue_days"] == 3


def test_next_contact_without_any_contact_or_cadence(run: Run, make_vault: MakeVault) -> None:
    rows = _due(run, make_vault, "next_contact: 2026-12-01")
    assert (rows["Pat"]["due"], rows["Pat"]["reason"]) == ("2026-12-01", "next_contact")
    assert rows["Pat"]["overdue_days"] == -8


@pytest.mark.parametrize(
    "taken_out",
    [
        "status: archived",
        "status: Paused",
        "status: inactive",
        "active: false",
        "active: no",
        "status: Archived (2024)",
        "status: paused until March",
        "status: deceased",
        "status: Passed away in 2025",
        "status: Do not contact!",
        "status: don't contact",
        "status: on hold",
    ],
)
def test_status_and_active_take_people_out(run: Run, make_vault: MakeVault, taken_out) -> None:
    assert _due(run, make_vault, f"cadence: 1m\n{taken_out}") == {}


@pytest.mark.parametrize(
    "status",
    [
        "active",
        "holding company board",
        "no contract yet",
        "contact again in May",
        "no contact info",
        "on holdings review",
    ],
)
def test_other_statuses_stay_in(run: Run, make_vault: MakeVault, status: str) -> None:
    assert "Pat" in _due(run, make_vault, f"cadence: 1m\nstatus: {status}\nactive: true")


def test_cadence_from_tag_rule_then_default(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "notekit.toml": """
                default_cadence = "1y"
                [cadence.tags]
                mentor = "1m"
                work = "3m"
            """,
            "People/Mentor.md": "---\ntags: [work, mentor]\nlast_contact: 2026-10-01\n---\n",
            "People/Nested.md": "---\ntags: [circle/work]\nlast_contact: 2026-10-01\n---\n",
            "People/Plain.md": "---\nlast_contact: 2026-10-01\n---\n",
            "People/Own.md": "---\ntags: [mentor]\ncadence: 2w\nlast_contact: 2026-10-01\n---\n",
        }
    )
    rows = due_by_name(run("due", "--json", "--within", "999", vault=vault))
    assert {name: row["cadence"] for name, row in rows.items()} == {
        "Mentor": "1m",
        "Nested": "3m",
        "Plain": "1y",
        "Own": "2w",
    }


def test_window_sorting_and_tag_filter(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Bea.md": "---\nnext_contact: 2026-11-25\ntags: [x]\n---\n",
            "People/Al.md": "---\nnext_contact: 2026-11-25\n---\n",
            "People/Cy.md": "---\nnext_contact: 2026-11-01\n---\n",
            "People/Di.md": "---\nnext_contact: 2026-12-01\n---\n",
            "People/Ed.md": "---\nnext_contact: 2026-11-30\n---\n",
            "People/Fy.md": "---\nnext_contact: 2026-11-30\ntags: [y, xy, x-ray]\n---\n",
            "People/Gu.md": "---\nnext_contact: 2026-11-30\ntags: [circle/X]\n---\n",
        }
    )
    result = run("due", "--json", vault=vault)
    assert [r["name"] for r in result.json()["due"]] == ["Cy", "Al", "Bea", "Ed", "Fy", "Gu"]
    assert [r["name"] for r in run("due", "--json", "-w", "0", vault=vault).json()["due"]] == ["Cy"]
    for wanted in ("X", "#x"):
        tagged = run("due", "--json", "--tag", wanted, vault=vault).json()["due"]
        assert [r["name"] for r in tagged] == ["Bea", "Gu"]


def test_due_json_shape(run: Run) -> None:
    result = run("due", "--json", vault=FIXTURES / "bom-crlf", today="2026-11-23")
    data = result.json()
    assert set(data) >= {"today", "due", "tasks", "moments"}
    assert data["today"] == "2026-11-23"
    for row in data["due"]:
        assert set(row) >= {
            "name",
            "path",
            "due",
            "overdue_days",
            "reason",
            "last_contact",
            "cadence",
        }


def test_bom_and_crlf_notes_read_like_any_other(run: Run) -> None:
    rows = due_by_name(run("due", "--json", vault=FIXTURES / "bom-crlf", today="2026-12-31"))
    assert rows["Ines Duarte"]["last_contact"] == "2026-10-30"
    assert rows["Ines Duarte"]["due"] == "2026-11-30"
    assert rows["Jo Park"]["last_contact"] == "2026-11-01"
    assert rows["Jo Park"]["due"] == "2026-11-15"


def test_dated_tasks_and_birthdays_in_the_window(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Pat.md": """
                ---
                birthday: 1990-11-25
                ---
                - [ ] send the article 📅 2026-11-24
                - [ ] overdue promise (due 2026-11-01)
                - [ ] later [due:: 2026-12-24]
                - [x] done already 📅 2026-11-24
            """,
            "People/Lee.md": "---\nbday: --12-31\n---\n",
            "Daily/2026-11-20.md": "- [ ] intro [[Pat]] to [[Lee]] 📅 2026-11-26\n",
        }
    )
    data = run("due", "--json", vault=vault).json()
    assert [(t["name"], t["due"], t["line"]) for t in data["tasks"]] == [
        ("Pat", "2026-11-01", 5),
        ("Pat", "2026-11-24", 4),
        ("Lee", "2026-11-26", 1),
        ("Pat", "2026-11-26", 1),
    ]
    assert data["tasks"][0]["overdue_days"] == 22
    assert [(m["name"], m["date"], m["years"]) for m in data["moments"]] == [
        ("Pat", "2026-11-25", 36)
    ]
    later = run("due", "--json", "--within", "40", vault=vault).json()
    assert [(m["name"], m["date"], m["years"]) for m in later["moments"]] == [
        ("Pat", "2026-11-25", 36),
        ("Lee", "2026-12-31", None),
    ]


def test_leap_day_birthday_in_a_common_year(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Leap.md": "---\nbirthday: 2000-02-29\n---\n"})
    data = run("due", "--json", vault=vault, today="2027-02-27").json()
    assert [(m["date"], m["years"]) for m in data["moments"]] == [("2027-02-28", 27)]


def test_human_output_explains_why(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Pat.md": "---\ncadence: 3m\nlast_contact: 2026-08-16\n---\n"})
    out = run("due", vault=vault).stdout
    assert "Pat" in out and "cadence 3m, last contact 2026-08-16, 7 days overdue" in out
    assert "\x1b[" not in out  # no colour when not on a terminal


def test_today_from_the_environment(
    run: Run, make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = make_vault({"People/Pat.md": "---\nnext_contact: 2026-06-01\n---\n"})
    monkeypatch.setenv("NOTEKIT_TODAY", "2026-05-30")
    data = run("due", "--json", vault=vault, today=None).json()
    assert data["today"] == "2026-05-30" and data["due"][0]["overdue_days"] == -2


@given(
    birthday=st.dates(dt.date(2000, 1, 1), dt.date(2000, 12, 31)),  # 2000: Feb 29 included
    today=st.dates(dt.date(2024, 1, 1), dt.date(2031, 12, 31)),
    within=st.integers(0, 400),
)
def test_the_quick_look_at_birthdays_never_drops_one(birthday, today, within) -> None:
    """`moments` looks at each birthday's month and day before working it out: every birthday
    moment of the person is among what it finds."""
    from notekit.rules.moments import moments
    from notekit.store.memory import index_from_texts

    vault = index_from_texts({"People/P.md": f"---\nbirthday: --{birthday:%m-%d}\n---\n"})
    person = vault.people[0]
    horizon = today + dt.timedelta(days=within)
    found = [m for m in moments(vault, [person], today, horizon) if m.kind == "birthday"]
    assert found == moments_of(person, today, horizon)


def test_a_follow_up_date_reached_by_a_contact_that_day_is_no_longer_pending(
    run: Run, make_vault: MakeVault
) -> None:
    """SPEC §4: next_contact counts while last_contact is *earlier* than it."""
    vault = make_vault(
        {
            "People/Same.md": "---\nnext_contact: 2026-11-20\nlast_contact: 2026-11-20\n"
            "cadence: 1m\n---\n",
            "People/Before.md": "---\nnext_contact: 2026-11-20\nlast_contact: 2026-11-19\n"
            "cadence: 1m\n---\n",
        }
    )
    rows = due_by_name(run("due", "--json", "--within", "60", vault=vault))
    assert rows["Same"]["due"] == "2026-12-20" and rows["Same"]["reason"] == "cadence"
    assert rows["Before"]["due"] == "2026-11-20" and rows["Before"]["reason"] == "next_contact"


def test_a_promise_and_a_birthday_on_the_last_day_of_the_window_are_shown(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(
        {
            "People/Pat.md": "---\nbirthday: 1990-11-30\n---\n- [ ] send the deck 📅 2026-11-30\n",
            "People/Sam.md": "---\nbirthday: --12-01\n---\n- [ ] call back 📅 2026-12-01\n",
        }
    )
    report = run("due", "--json", vault=vault).json()  # today 2026-11-23, within 7: to 11-30
    assert [(t["name"], t["due"]) for t in report["tasks"]] == [("Pat", "2026-11-30")]
    assert [(m["name"], m["date"]) for m in report["moments"]] == [("Pat", "2026-11-30")]


def test_days_are_told_in_words() -> None:
    from notekit.rules.due import describe_days

    assert [describe_days(n) for n in (0, 1, 2, -1, -2)] == [
        "due today",
        "1 day overdue",
        "2 days overdue",
        "due in 1 day",
        "due in 2 days",
    ]


def test_what_is_wrong_with_a_date_or_cadence_is_said(run: Run, make_vault: MakeVault) -> None:
    from notekit.core.dates import parse_birthday, parse_date

    with pytest.raises(ValueError, match=r"^not a date \(expected YYYY-MM-DD\): 'soon'$"):
        parse_date("soon")
    with pytest.raises(ValueError, match=r"^no such day of the year: '02-30'$"):
        parse_birthday("02-30")
    with pytest.raises(ValueError, match=r"^not a cadence: True$"):
        parse_cadence(True)
    vault = make_vault({"People/Pat.md": "---\ncadence: 1m\n---\n"})
    result = run("snooze", "Pat", "2026-11-01", vault=vault)
    assert result.exit_code == 2
    assert "2026-11-01 is not after today (2026-11-23)" in result.stderr


def test_people_without_a_cadence_are_counted_and_told_what_to_do(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "---\ncompany: Globex\n---\n",
            "People/Ben.md": "---\ncompany: Initech\n---\n",
            "People/Cy.md": "---\ncadence: 1m\n---\n- 2026-11-20 call: hi\n",
            "People/Old.md": "---\nstatus: archived\n---\n",
        }
    )
    text = run("due", vault=vault).stdout
    assert "Nobody is due by 2026-11-30." in text and "Enjoy" not in text
    assert "2 of 3 people have no cadence" in text
    assert 'default_cadence = "6m"' in text and "[cadence.tags]" in text and "cadence: 3m" in text
    data = run("due", "--json", vault=vault).json()
    assert (data["people"], data["no_cadence"]) == (3, 2)
    (vault / "notekit.toml").write_text('default_cadence = "6m"\n')
    text = run("due", vault=vault).stdout
    assert "no cadence" not in text and "Ana" in text  # never contacted: due today
    assert run("due", "--json", vault=vault).json()["no_cadence"] == 0


def test_a_vault_without_people_says_where_it_looked(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"Notes/Groceries.md": "- milk\n"})
    result = run("due", vault=vault)
    assert result.exit_code == 0
    assert "No people in" in result.stdout and "People/" in result.stdout
    assert "type: person" in result.stdout and "notekit init" in result.stdout
    assert "Enjoy" not in result.stdout


def test_a_promise_naming_two_people_is_listed_once(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "",
            "People/Ben.md": "",
            "Daily/2026-11-20.md": "- [ ] send [[Ana]] and [[Ben]] the deck 📅 2026-11-25\n",
        }
    )
    text = run("due", vault=vault).stdout
    assert text.count("send Ana and Ben the deck") == 1
    assert "Ana, Ben" in text
    assert len(run("due", "--json", vault=vault).json()["tasks"]) == 2  # one per person in JSON
    plan = run("plan", vault=vault, today="2026-11-23").stdout  # the plan says it alike
    assert plan.count("send Ana and Ben the deck") == 1 and "Ana, Ben: send" in plan
    assert len(run("plan", "--json", vault=vault, today="2026-11-23").json()["promises"]) == 1


def test_snooze_and_due_take_the_words_and_durations(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Grace.md": "---\ncadence: 1y\n---\n- 2026-11-01 call: hi\n"})
    assert run("snooze", "grace", "friday", vault=vault).exit_code == 0
    assert "next_contact: 2026-11-27\n" in (vault / "People/Grace.md").read_text()
    assert run("due", "--json", vault=vault).json()["due"][0]["due"] == "2026-11-27"
    assert run("snooze", "grace", "Dec 15", vault=vault).exit_code == 0
    assert run("due", "--json", vault=vault).json()["due"] == []
    within = run("due", "--within", "1m", "--json", vault=vault).json()
    assert within["within"] == 30 and within["due"][0]["due"] == "2026-12-15"


def test_a_plan_ahead_holds_off_what_would_be_due(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "---\ncadence: 1m\n---\n- 2026-09-01 call: last\n"
            "- 2026-12-02 lunch: booked\n",
            "People/Ben.md": "---\ncadence: 1m\n---\n- 2026-09-01 call: last\n",
            "People/Cy.md": "---\ncadence: 1y\n---\n- 2026-11-01 call: hi\n",
            "Daily/2026-11-25.md": "Coffee with [[Cy]] booked.\n",
        }
    )
    data = run("due", "--json", vault=vault).json()
    assert [f["name"] for f in data["due"]] == ["Ben"]
    assert [(f["name"], f["planned"], f["reason"]) for f in data["planned"]] == [
        ("Cy", "2026-11-25", "planned"),
        ("Ana", "2026-12-02", "planned"),
    ]
    assert data["planned"][1]["why"] == (
        "planned for 2026-12-02, due in 9 days, would be due 2026-10-01"
    )
    text = run("due", vault=vault).stdout
    assert "Planned:" in text and "planned for 2026-12-02" in text
    shown = run("show", "Ana", "--json", vault=vault).json()
    assert (shown["due"], shown["planned"], shown["reason"]) == (None, "2026-12-02", "planned")
    later = run("due", "--json", vault=vault, today="2026-12-03").json()
    assert [f["name"] for f in later["due"]] == ["Ben"]  # the lunch happened: a contact now
    assert later["planned"] == []


def test_a_monthly_cadence_from_the_end_of_a_month(run: Run, make_vault: MakeVault) -> None:
    """Worked by hand: a month after March 29 is April 29; after January 30, February 28 (2026
    is no leap year); after January 31, February 28 too; after August 31, September 30."""
    vault = make_vault(
        {
            f"People/{name}.md": f"---\ncadence: 1m\nlast_contact: {last}\n---\n"
            for name, last in [
                ("Mar", "2026-03-29"),
                ("Jan30", "2026-01-30"),
                ("Jan31", "2026-01-31"),
                ("Aug", "2026-08-31"),
            ]
        }
    )
    people = {p["name"]: p["due"] for p in run("people", "--json", vault=vault).json()}
    assert people == {
        "Mar": "2026-04-29",
        "Jan30": "2026-02-28",
        "Jan31": "2026-02-28",
        "Aug": "2026-09-30",
    }


def test_who_is_waiting_on_me(run: Run, make_vault: MakeVault) -> None:
    """Worked by hand, today 2026-11-23, reply_days 14: Aisha wrote on 10-13 and nothing came
    after; Rosa asked on 11-19; Tom and Ben are not waiting (my message is the latest, or came
    the same day); Old's message is past WAITING_DAYS; Kim's open referral of 10-01 has had no
    entry since; Lee's referral was given, and Jo's is only 5 days old."""
    vault = make_vault(
        {
            "People/Aisha.md": "## Log\n- 2026-09-01 call: caught up\n"
            "- 2026-10-13 email from: Medora is hiring a Head of Data, interested?\n"
            "## Opportunities\n- 2026-10-13 job (open): Head of Data at Medora\n",
            "People/Rosa.md": "- 2026-11-19 message from: could you review my portfolio?\n",
            "People/Tom.md": "- 2026-11-01 email from: hi\n- 2026-11-02 email to: hello\n",
            "People/Ben.md": "- 2026-11-10 email from: hi\n- 2026-11-10 email to: hello\n",
            "People/Old.md": "- 2026-01-10 email from: long ago\n",
            "People/Kim.md": "- 2026-10-01 call: she offered to refer me\n"
            "## Opportunities\n- 2026-10-01 referral (open): to the Globex data team\n",
            "People/Lee.md": "- 2026-10-01 call: hi\n"
            "## Opportunities\n- 2026-10-01 referral (given): I referred him\n",
            "People/Jo.md": "- 2026-11-18 call: hi\n"
            "## Opportunities\n- 2026-11-18 intro (open): to her CTO\n",
        }
    )
    found = run("due", "--json", vault=vault).json()["waiting"]
    assert [(w["name"], w["since"], w["kind"], w["source"]) for w in found] == [
        ("Kim", "2026-10-01", "opportunity", "People/Kim.md:3"),
        ("Aisha", "2026-10-13", "message", "People/Aisha.md:3"),
        ("Rosa", "2026-11-19", "message", "People/Rosa.md:1"),
    ]
    text = run("due", vault=vault).stdout
    assert text.startswith("Waiting on you:\n")
    assert "waiting on you since 2026-10-13: 'Medora is hiring a Head of Data, interested?'" in text
    assert "open referral since 2026-10-01, nothing since: 'to the Globex data team'" in text


def test_a_person_without_my_messages_does_not_end_the_search_for_rests(
    run: Run, make_vault: MakeVault
) -> None:
    """Aaron, first by name, has no message of mine; after him, Zed has three unanswered in a
    row (rest_after 3) and is given a rest, and Yan's one message of 11-01 is nudged."""
    vault = make_vault(
        {
            "People/Aaron.md": "---\ncadence: 1m\n---\n- 2026-06-01 call: hi\n",
            "People/Zed.md": "---\ncadence: 1m\n---\n- 2026-08-01 email to: one\n"
            "- 2026-09-01 email to: two\n- 2026-10-01 email to: three\n",
            "People/Yan.md": "---\ncadence: 1y\n---\n- 2026-11-01 email to: hi\n",
        }
    )
    due = run("due", "--json", vault=vault).json()
    assert [r["name"] for r in due["resting"]] == ["Zed"]
    assert [n["name"] for n in due["nudges"]] == ["Yan"]


def test_the_due_table_lines_up_wide_names_and_controls_made_visible(
    run: Run, make_vault: MakeVault
) -> None:
    """A CJK name takes two columns a character, a control character is shown as `\\x1b`: the
    dates below `Due` start in one column whatever the names."""
    import unicodedata

    vault = make_vault(
        {
            "People/山田太郎.md": "---\ncadence: 1m\nlast_contact: 2026-01-01\n---\n",
            "People/Eve.md": '---\nname: "Eve\\e[2J"\ncadence: 1m\nlast_contact: 2026-01-02\n---\n',
            "People/Ana.md": "---\ncadence: 1m\nlast_contact: 2026-01-03\n---\n",
        }
    )
    lines = run("due", vault=vault, today="2026-11-23").stdout.splitlines()
    rows = [line for line in lines if re.search(r"\d{4}-\d\d-\d\d", line)]

    def column(line: str) -> int:
        day = re.search(r"20\d\d-\d\d-\d\d", line)
        assert day is not None
        before = line[: day.start()]
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in before)

    assert len(rows) == 3 and "\x1b" not in "".join(rows)
    assert len({column(line) for line in rows}) == 1, rows


def test_what_falls_on_the_last_day_of_the_window_is_in_it(run: Run, make_vault: MakeVault) -> None:
    """Today 2026-11-23, a week's window: its last day is 11-30. Two people given a rest due that
    day are listed under their names' order, not their files'; a plan on that day, and a follow-up
    a later plan holds off from that day, are listed as planned; a plan and a follow-up both
    beyond it are not."""
    three_unanswered = (
        "- 2026-08-30 email to: one\n- 2026-09-30 email to: two\n- 2026-10-30 email to: three\n"
    )
    vault = make_vault(
        {
            "People/a.md": "---\nname: Zed Zane\ncadence: 1m\n---\n" + three_unanswered,
            "People/b.md": "---\nname: Abe Abbot\ncadence: 1m\n---\n" + three_unanswered,
            "People/Pia.md": "---\ncadence: 1y\n---\n- 2026-11-01 call: hi\n- 2026-11-30 lunch\n",
            "People/Hal.md": "---\ncadence: 1m\n---\n- 2026-10-30 call: hi\n- 2026-12-15 lunch\n",
            "People/Gus.md": "---\ncadence: 1y\n---\n- 2026-11-01 call: hi\n- 2026-12-15 lunch\n",
        }
    )
    due = run("due", "--json", vault=vault).json()
    assert [r["name"] for r in due["resting"]] == ["Abe Abbot", "Zed Zane"]
    assert [(p["name"], p["why"]) for p in due["planned"]] == [
        ("Pia", "planned for 2026-11-30, due in 7 days, would be due 2027-11-01"),
        ("Hal", "planned for 2026-12-15, due in 22 days, would be due 2026-11-30"),
    ]
    assert due["due"] == []


def test_a_tag_keeps_the_promises_of_the_people_who_have_it(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "---\ntags: [mentor]\n---\n- [ ] send the article 📅 2026-11-24\n",
            "People/Ben.md": "---\ntags: [work/acme]\n---\n- [ ] return the book 📅 2026-11-25\n",
        }
    )
    everyone = run("due", "--json", vault=vault).json()["tasks"]
    assert [t["name"] for t in everyone] == ["Ana", "Ben"]
    mentors = run("due", "--tag", "mentor", "--json", vault=vault).json()["tasks"]
    assert [(t["name"], t["due"]) for t in mentors] == [("Ana", "2026-11-24")]
    for tag in ("work/acme", "#acme", "Work"):  # a nested tag, whole or by any of its parts
        found = run("due", "--tag", tag, "--json", vault=vault).json()["tasks"]
        assert [t["name"] for t in found] == ["Ben"], tag


def test_nudges_are_off_when_the_config_says_so(run: Run, make_vault: MakeVault) -> None:
    note = "---\ncadence: 1y\n---\n- 2026-11-01 email to: hi\n"
    vault = make_vault({"People/Yan.md": note})
    assert [n["name"] for n in run("due", "--json", vault=vault).json()["nudges"]] == ["Yan"]
    (vault / "notekit.toml").write_text("[engagement]\nnudge = false\n")
    assert run("due", "--json", vault=vault).json()["nudges"] == []


def test_a_nudge_shows_from_its_day_to_reply_days_after_and_not_once_in_touch(
    run: Run, make_vault: MakeVault
) -> None:
    """reply_days 14: an outreach of 10-25 is nudged on 11-09 and shown up to today (11-23); one
    of 11-15 is still waiting for its answer. Ada, first by name, was in touch today after it
    (no message, no meeting): no nudge for her, and the others still get theirs. So was Di, by
    her front-matter's last contact; Eve's is the day of the message, as `log` leaves it."""
    vault = make_vault(
        {
            "People/Ada.md": "---\ncadence: 1y\n---\n- 2026-11-01 email to: hi\n"
            "- 2026-11-23 ran into her at the station\n",
            "People/Bo.md": "---\ncadence: 1y\n---\n- 2026-10-25 email to: hi\n",
            "People/Cy.md": "---\ncadence: 1y\n---\n- 2026-11-15 email to: hi\n",
            "People/Di.md": "---\ncadence: 1y\nlast_contact: 2026-11-20\n---\n"
            "- 2026-10-25 email to: hi\n",
            "People/Eve.md": "---\ncadence: 1y\nlast_contact: 2026-10-25\n---\n"
            "- 2026-10-25 email to: hi\n",
        }
    )
    nudges = run("due", "--json", vault=vault).json()["nudges"]
    assert [(n["name"], n["date"]) for n in nudges] == [("Bo", "2026-11-09"), ("Eve", "2026-11-09")]
    plan = run("plan", "--json", vault=vault).json()
    said = {p["name"]: " ".join(p["why"]) for p in plan["plan"]}
    assert "no reply to your message of 2026-10-25" in said["Bo"]
    assert "no reply" not in said.get("Di", "") and "no reply" not in said.get("Ada", "")


def test_what_show_says_of_each_kind_of_follow_up(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ivy.md": "---\nrole: CTO\n---\n- 2026-11-27 lunch\n",
            "People/Pia.md": "---\ncadence: 1y\n---\n- 2026-11-01 call: hi\n- 2026-11-27 lunch\n",
            "People/Max.md": "---\nrole: CTO\n---\n",
            "People/Old.md": "---\ncadence: 1m\nstatus: archived\n---\n- 2026-11-27 lunch\n",
            "People/Fay.md": "---\ncadence: 1m\nnext_contact: 2026-11-20\n---\n",
            "People/Neo.md": "---\ncadence: 1m\n---\n",
            "People/Off.md": "---\ncadence: 1m\nactive: false\n---\n",
        }
    )
    show = lambda name: run("show", name, "--json", vault=vault).json()  # noqa: E731
    said = {
        name: (show(name)["why"], show(name)["planned"], show(name)["cadence"])
        for name in ("Ivy", "Pia", "Max", "Old", "Fay", "Neo", "Off")
    }
    assert said == {
        "Ivy": ("planned for 2026-11-27, due in 4 days", "2026-11-27", None),  # nothing held off
        "Pia": (
            "planned for 2026-11-27, due in 4 days, would be due 2027-11-01",
            "2026-11-27",
            "1y",
        ),
        "Max": ("no cadence or follow-up date", None, None),
        "Old": ("not followed up (status: archived)", "2026-11-27", "1m"),
        "Fay": ("follow-up date 2026-11-20, 3 days overdue", None, "1m"),
        "Neo": ("cadence 1m, never contacted, due today", None, "1m"),
        "Off": ("not followed up (active: false)", None, "1m"),
    }


def test_my_answer_to_their_last_word_is_no_outreach_toward_a_rest(
    run: Run, make_vault: MakeVault
) -> None:
    """Zed wrote on 10-01; my message of 10-15 answers it (within reply_days), and only the two
    after it went out unanswered: not the three of a rest, a nudge for the latest. Aaron, first
    by name, has only a message of mine planned ahead, which ends nobody's search."""
    vault = make_vault(
        {
            "People/Aaron.md": "---\ncadence: 1y\n---\n- 2026-12-01 email to: see you soon\n",
            "People/Zed.md": "---\ncadence: 1y\n---\n- 2026-10-01 email from: news?\n"
            "- 2026-10-15 email to: all good\n- 2026-10-20 email to: one\n"
            "- 2026-10-25 email to: two\n",
        }
    )
    due = run("due", "--json", vault=vault).json()
    assert due["resting"] == []
    assert [(n["name"], n["sent"], n["date"]) for n in due["nudges"]] == [
        ("Zed", "2026-10-25", "2026-11-09")
    ]
