"""Outreach and replies, reciprocity, goals, opportunities, moments and the agenda, on a
fixture vault whose every figure is worked out by hand in its EXPECTED.txt."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, MakeVault, Run

VAULT = FIXTURES / "engagement"
TODAY = "2026-11-30"


def test_stats_counts_what_was_worked_out_by_hand(run: Run) -> None:
    found = run("stats", "--since", "2026-09-01", "--json", vault=VAULT, today=TODAY).json()
    assert {k: found[k] for k in ("since", "until")} == {
        "since": "2026-09-01",
        "until": "2026-11-30",
    }
    assert {
        k: found[k]
        for k in (
            "outreach",
            "answered",
            "unanswered",
            "pending",
            "reply_rate",
            "meetings",
            "incoming",
            "people_contacted",
            "reconnected",
            "fading",
        )
    } == {
        "outreach": 6,
        "answered": 2,
        "unanswered": 3,
        "pending": 1,
        "reply_rate": 0.4,
        "meetings": 4,
        "incoming": 4,
        "people_contacted": 7,
        "reconnected": 1,
        "fading": 2,
    }
    assert found["opportunities"] == {"open": 1, "won": 1, "lost": 0, "given": 1}
    goals = {g["goal"]: (g["expected"], g["actual"], g["met"]) for g in found["goals"]}
    assert goals == {
        "reconnect_per_month": (3.0, 1, False),
        "meetings_per_month": (6.0, 4, False),
        "outreach_per_week": (13.0, 6, False),
    }
    assert found["person_goals"] == [
        {"goal": "job-search", "people": 1, "contacted": 1},
        {"goal": "mentorship", "people": 1, "contacted": 1},
    ]
    assert found["groups"] == []


def test_stats_by_month_and_in_words(run: Run) -> None:
    by_month = run(
        "stats", "--since", "2026-09-01", "--by", "month", "--json", vault=VAULT, today=TODAY
    ).json()
    assert [(g["group"], g["outreach"]) for g in by_month["groups"]] == [
        ("2026-09", 3),
        ("2026-10", 1),
        ("2026-11", 2),
    ]
    text = run("stats", "--since", "2026-09-01", vault=VAULT, today=TODAY).stdout
    assert "answered 2, unanswered 3, pending 1; reply rate 40%" in text
    assert "outreach_per_week: 6 of 13 expected" in text
    wrong = run("stats", "--since", "2026-12-01", vault=VAULT, today=TODAY)
    assert wrong.exit_code == 2 and "after --until" in wrong.stderr


def test_reciprocity_per_person(run: Run) -> None:
    chloe = run("show", "Chloé", "--json", vault=VAULT, today=TODAY).json()["reciprocity"]
    assert chloe["initiated"] == [
        {"date": "2026-09-01", "by": "me"},
        {"date": "2026-09-08", "by": "me"},
    ]
    assert (chloe["answered"], chloe["reply_rate"], chloe["median_reply_days"]) == (2, 1.0, 7.5)
    ben = run("show", "Ben", "--json", vault=VAULT, today=TODAY).json()["reciprocity"]
    assert ben["initiated"] == [{"date": "2026-10-02", "by": "them"}]
    gus = run("show", "Gus", vault=VAULT, today=TODAY).stdout
    assert "Give and take: you gave 1, received 0" in gus
    dana = run("show", "Dana", "--json", vault=VAULT, today=TODAY).json()["reciprocity"]
    assert dana["unanswered_in_a_row"] == 3


def test_due_nudges_once_and_gives_it_a_rest(run: Run) -> None:
    due = run("due", "--json", vault=VAULT, today=TODAY).json()
    assert [f["name"] for f in due["due"]] == ["Lea"]
    assert due["nudges"] == [
        {
            "name": "Eli",
            "path": "People/Eli.md",
            "sent": "2026-11-10",
            "date": "2026-11-25",
            "what": "no reply to your message of 2026-11-10 — a gentle nudge?",
        }
    ]
    assert due["resting"] == [
        {"name": "Dana", "path": "People/Dana.md", "unanswered": 3, "last_outreach": "2026-09-01"}
    ]
    # once: two weeks after its day Eli's nudge is let go; Ana's message of 11-25 is due one
    later = run("due", "--json", vault=VAULT, today="2026-12-10").json()
    assert [(n["name"], n["date"]) for n in later["nudges"]] == [("Ana", "2026-12-10")]


@pytest.mark.parametrize(
    ("today", "wanted"),
    [
        (TODAY, [("Hana", "met", "2026-12-05", 7)]),
        ("2027-02-25", [("Fay", "birthday", "2027-02-28", 35)]),  # 29 February, common year
        ("2026-12-28", [("Kai", "new year", "2027-01-01", None)]),
    ],
)
def test_moments_of_every_kind(run: Run, today, wanted) -> None:
    moments = run("due", "--json", vault=VAULT, today=today).json()["moments"]
    assert [(m["name"], m["kind"], m["date"], m["years"]) for m in moments] == wanted


def test_the_agenda_day_by_day(run: Run) -> None:
    found = run("agenda", "--json", vault=VAULT, today=TODAY).json()
    assert [(i["date"], i["kind"], i["name"]) for i in found["items"]] == [
        ("2026-11-30", "due", "Lea"),
        ("2026-11-30", "nudge", "Eli"),
        ("2026-12-03", "promise", "Gus"),
        ("2026-12-05", "moment", "Hana"),
        ("2026-12-08", "moment", "Hana"),
        ("2026-12-08", "moment", "Jo"),
        ("2026-12-10", "moment", "Ivo"),
    ]
    assert [i["text"] for i in found["items"]] == [
        "cadence 1m, last contact 2026-10-28, 2 days overdue",
        "no reply to your message of 2026-11-10 — a gentle nudge?",
        "send Gus the slides",  # the task's text, without its due date
        "7 years since you met",
        "KubeCon — you will both be there",
        "KubeCon — you will both be there",
        "8 years since they joined Initech, Inc., where you were too",
    ]
    text = run("agenda", vault=VAULT, today=TODAY).stdout
    assert "2026-11-30 (today)\n  due      Lea:" in text


def test_opportunities_with_the_contact_before(run: Run) -> None:
    found = run("opportunities", "--json", vault=VAULT, today=TODAY).json()
    assert [(o["name"], o["kind"], o["status"]) for o in found] == [
        ("Ana", "job", "open"),
        ("Gus", "intro", "given"),
        ("Fay", "referral", "won"),
    ]
    assert found[2]["before"]["date"] == "2026-10-15"
    won = run("opportunities", "--status", "won", "--json", vault=VAULT, today=TODAY).json()
    assert [o["name"] for o in won] == ["Fay"]


def test_log_writes_the_direction(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Ana.md": "## Log\n"})
    assert run("log", "Ana", "how are you?", "-c", "email", "--to", vault=vault).exit_code == 0
    assert run("log", "Ana", "fine, coffee?", "--from", vault=vault).exit_code == 0
    text = (vault / "People/Ana.md").read_text()
    assert "- 2026-11-23 email to: how are you?\n" in text
    assert "- 2026-11-23 message from: fine, coffee?\n" in text
    found = run("stats", "--json", vault=vault).json()
    assert (found["outreach"], found["answered"], found["incoming"]) == (1, 1, 1)


def test_the_reply_window_at_its_edges(run: Run, make_vault: MakeVault) -> None:
    """Worked by hand, reply_days 14, today 2026-11-30: an answer on the 14th day counts, one
    on the 15th does not; a window that ends today is still open; a `from:` on the day of a
    `to:` answers it; a pending outreach is left out of the reply rate (2 of 3)."""
    vault = make_vault(
        {
            "People/Exact.md": "- 2026-10-01 email to: hi\n- 2026-10-15 email from: yes\n",
            "People/Late.md": "- 2026-10-01 email to: hi\n- 2026-10-16 email from: late\n",
            "People/Today.md": "- 2026-11-16 email to: hi\n",
            "People/Same.md": "- 2026-10-20 email to: hi\n- 2026-10-20 email from: yo\n",
        }
    )
    found = run("stats", "--since", "2026-09-01", "--json", vault=vault, today=TODAY).json()
    assert {k: found[k] for k in ("outreach", "answered", "unanswered", "pending")} == {
        "outreach": 4,
        "answered": 2,  # Exact and Same
        "unanswered": 1,  # Late
        "pending": 1,  # Today
    }
    assert found["reply_rate"] == pytest.approx(2 / 3, abs=0.01)


def test_a_met_anniversary_on_the_last_day_of_the_window(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "---\nmet: 2020-12-07\ncadence: 1y\nlast_contact: 2026-06-01\n---\n",
            "People/Ben.md": "---\nmet: 2020-12-08\ncadence: 1y\nlast_contact: 2026-06-01\n---\n",
        }
    )
    moments = run("due", "--within", "7", "--json", vault=vault, today=TODAY).json()["moments"]
    assert [(m["name"], m["date"]) for m in moments if m["kind"] == "met"] == [
        ("Ana", "2026-12-07")  # today + 7: in; Ben's, a day later, is not
    ]


def test_a_group_entry_is_contact_never_outreach_nor_an_answer(
    run: Run, make_vault: MakeVault
) -> None:
    """By hand, today 2026-11-23: Ana's group entries move her last contact, but they are not
    my outreach (stats count none, Ben is given no rest) and her group message on 11-12 does
    not answer my own message of 11-05 to her: that one is unanswered. No nudge either: we
    have been in touch since, in the group."""
    vault = make_vault(
        {
            "People/Ana.md": "## Log\n- 2026-11-05 email to: coffee soon?\n"
            "- 2026-11-12 linkedin group with [[Ben]] and 2 others: I'm in\n"
            "- 2026-11-20 whatsapp group: see you all\n",
            "People/Ben.md": "## Log\n- 2026-11-01 linkedin group with [[Ana]]: first\n"
            "- 2026-11-02 linkedin group with [[Ana]]: second\n"
            "- 2026-11-03 linkedin group with [[Ana]]: third\n",
        }
    )
    ana = run("show", "Ana", "--json", vault=vault).json()
    assert ana["last_contact"] == "2026-11-20"
    assert [(i["channel"], i["direction"], i["text"]) for i in ana["interactions"]] == [
        ("email", "to", "coffee soon?"),
        ("linkedin", "group", "I'm in"),
        ("whatsapp", "group", "see you all"),
    ]
    found = run("stats", "--since", "2026-10-01", "--json", vault=vault).json()
    assert (found["outreach"], found["answered"], found["incoming"]) == (1, 0, 0)
    assert found["unanswered"] == 1
    due = run("due", "--json", vault=vault).json()
    assert due["resting"] == []  # Ben's three group entries are not three unanswered messages
    assert due["nudges"] == []


def test_the_thread_says_more_than_the_days(run: Run, make_vault: MakeVault) -> None:
    """By hand, reply_days 14, today 2026-11-30: Ana's answer in the thread came 28 days later,
    yet it answers my outreach (the days alone say unanswered); my answer to Ben 22 days after
    his message is no outreach (the days alone make it one, unanswered). So 1 outreach, 1
    answered, from the kept summary as from a cold read."""
    vault = make_vault(
        {
            "People/Ana.md": "## Log\n- 2026-10-20 email to: Porto?\n"
            "- 2026-11-17 email from (re 2026-10-20): Olá from Porto\n",
            "People/Ben.md": "## Log\n- 2026-10-03 email from: hiring?\n"
            "- 2026-10-25 email to (re 2026-10-03): sorry, late: yes!\n",
        }
    )
    for _ in ("cold", "warm"):
        found = run("stats", "--since", "2026-09-01", "--json", vault=vault, today=TODAY).json()
        counted = ("outreach", "answered", "unanswered", "incoming", "reply_rate")
        assert {k: found[k] for k in counted} == {
            "outreach": 1,
            "answered": 1,
            "unanswered": 0,
            "incoming": 2,
            "reply_rate": 1.0,
        }
    ana = run("show", "Ana", "--json", vault=vault, today=TODAY).json()
    assert [(i["direction"], i["text"]) for i in ana["interactions"]] == [
        ("to", "Porto?"),
        ("from", "Olá from Porto"),
    ]


def test_stats_by_goal_tag_and_company(run: Run, make_vault: MakeVault) -> None:
    """A person counts in each of their goals and tags once, whatever its case; one without
    any counts under "(no goal)", "(no tag)", "(no company)". The groups come by how many people
    were contacted, then by name. An org is one group whatever its legal form (Di's `Globex
    S.A.` is Ana's `Globex`), named as the vault first writes it."""
    vault = make_vault(
        {
            "People/Ana.md": "---\ngoals: [Job-Search, job-search, mentorship]\n"
            "tags: [Friend, friend, ex-globex]\ncompany: Globex\n---\n"
            "- 2026-11-10 email to: hello\n",
            "People/Bo.md": "---\ngoals: [mentorship]\ntags: [friend]\ncompany: Initech\n---\n"
            "- 2026-11-12 call: caught up\n",
            "People/Cy.md": "---\nname: Cy\n---\n- 2026-11-14 coffee: long overdue\n",
            "People/Di.md": "---\ngoals: [zen]\ncompany: Globex S.A.\n---\n",
        }
    )

    def groups(by: str) -> list[tuple[str, int, int]]:
        found = run("stats", "--since", "2026-11-01", "--by", by, "--json", vault=vault)
        assert found.exit_code == 0, found.stderr
        return [(g["group"], g["people_contacted"], g["outreach"]) for g in found.json()["groups"]]

    assert groups("goal") == [
        ("mentorship", 2, 1),
        ("(no goal)", 1, 0),
        ("job-search", 1, 1),
        ("zen", 0, 0),
    ]
    assert groups("tag") == [("friend", 2, 1), ("(no tag)", 1, 0), ("ex-globex", 1, 1)]
    assert groups("company") == [("(no company)", 1, 0), ("Globex", 1, 1), ("Initech", 1, 0)]


def test_stats_reconnected_counts_from_the_entry_before(run: Run, make_vault: MakeVault) -> None:
    """A contact after more than six months (no cadence) is a reconnection, counted from the
    interaction before it, even when the front-matter's last contact is that very day."""
    vault = make_vault(
        {
            "People/Ana.md": "---\nlast_contact: 2026-11-10\n---\n"
            "- 2026-01-05 call: new year\n- 2026-11-10 call: back in touch\n",
            "People/Bo.md": "---\nname: Bo\n---\n"
            "- 2026-09-01 call: summer\n- 2026-11-12 call: again\n",
        }
    )
    found = run("stats", "--since", "2026-11-01", "--json", vault=vault).json()
    assert (found["people_contacted"], found["reconnected"]) == (2, 1)


def test_stats_until_a_past_day_waits_for_the_answers_that_came_after_it(
    run: Run, make_vault: MakeVault
) -> None:
    """My message on the period's last day was answered on the last day of its reply window
    (14 days), after the period: answered, as it was."""
    vault = make_vault(
        {
            "People/Ana.md": "---\nname: Ana\n---\n"
            "- 2026-10-31 email to: an idea\n- 2026-11-14 email from: yes, let's\n",
        }
    )
    found = run(
        "stats", "--since", "2026-10-01", "--until", "2026-10-31", "--json", vault=vault
    ).json()
    assert {k: found[k] for k in ("outreach", "answered", "unanswered", "incoming")} == {
        "outreach": 1,
        "answered": 1,
        "unanswered": 0,
        "incoming": 0,
    }


BOUNDS = {
    "notekit.toml": "[goals]\nmeetings_per_month = 2\noutreach_per_week = 1\n",
    # cadence 1m: back in touch after two months is a reconnection, though not after six
    "People/Ana.md": "---\ncadence: 1m\n---\n## Log\n"
    "- 2026-09-01 call: summer\n- 2026-11-01 coffee: back in touch\n"
    "## Opportunities\n- 2026-11-01 referral (won): referred me to Globex\n"
    "- 2026-11-30 job (won): told me of a role\n",
    "People/Bo.md": "---\nname: Bo\n---\n## Log\n"
    "- 2026-04-01 call: spring\n- 2026-11-02 email from: long time!\n"
    "## Opportunities\n- 2026-11-03 intro (lost): met their CTO, nothing came of it\n"
    "- 2026-10-31 referral (open): the day before the period\n",
    # last contact 2026-10-30 with cadence 1m: due on 11-30, today, so not yet fading
    "People/Cy.md": "---\ncadence: 1m\nlast_contact: 2026-10-30\n---\n",
    "People/Di.md": "---\ncadence: 1m\nlast_contact: 2026-10-29\n---\n",  # fading
}


def test_stats_counts_the_period_s_first_and_last_days(run: Run, make_vault: MakeVault) -> None:
    """November 2026, as of its last day: a meeting, a message and an opportunity on the first
    day count, an opportunity on the last day too; one of the day before does not. Two people
    reconnected (Ana after two months against her monthly cadence)."""
    vault = make_vault(BOUNDS)
    found = run("stats", "--since", "2026-11-01", "--json", vault=vault, today="2026-11-30").json()
    assert {k: found[k] for k in ("meetings", "incoming", "reconnected", "fading")} == {
        "meetings": 1,
        "incoming": 1,
        "reconnected": 2,
        "fading": 1,
    }
    assert found["opportunities"] == {"open": 0, "won": 2, "lost": 1, "given": 0}
    # 30 days: 30 / 7 = 4.29 weeks, 30 / 30.4375 = 0.99 months
    assert [(g["goal"], g["per"], g["periods"], g["expected"]) for g in found["goals"]] == [
        ("meetings_per_month", "month", 0.99, 2.0),
        ("outreach_per_week", "week", 4.29, 4.3),
    ]


def test_stats_of_one_day_and_of_days_ahead(run: Run, make_vault: MakeVault) -> None:
    """A period of today alone is one day long; a period still ahead holds no day at all."""
    vault = make_vault(BOUNDS)

    def periods(since: str, until: str) -> list[float]:
        found = run("stats", "--since", since, "--until", until, "--json", vault=vault)
        assert found.exit_code == 0, found.stderr
        return [g["periods"] for g in found.json()["goals"]]

    assert periods("2026-11-23", "2026-11-23") == [0.03, 0.14]
    assert periods("2026-11-25", "2026-11-30") == [0.0, 0.0]


def test_reciprocity_who_began_the_latest_five_and_the_rate_to_three_places(
    run: Run, make_vault: MakeVault
) -> None:
    """Ana wrote first on 06-01 (nothing of mine within its reply window) and today; her
    answer on 07-01, the day of my message, answers it. Of six contacts begun, the latest five
    are listed. Bo answered one of my three decided messages; the fourth is still pending."""
    vault = make_vault(
        {
            "People/Ana.md": "---\nname: Ana\n---\n- 2026-01-05 email to: happy new year\n"
            "- 2026-06-01 email from: long time!\n- 2026-07-01 email to: lunch?\n"
            "- 2026-07-01 email from: yes!\n- 2026-08-01 email to: the article\n"
            "- 2026-09-01 email to: the talk\n- 2026-11-30 message from: around?\n",
            "People/Bo.md": "---\nname: Bo\n---\n- 2026-10-01 email to: a question\n"
            "- 2026-10-02 email from: an answer\n- 2026-10-20 email to: another\n"
            "- 2026-11-05 email to: and another\n- 2026-11-25 email to: news?\n",
        }
    )

    def reciprocity(name: str) -> dict:
        result = run("show", name, "--json", vault=vault, today="2026-11-30")
        assert result.exit_code == 0, result.stderr
        return result.json()["reciprocity"]

    ana, bo = reciprocity("Ana"), reciprocity("Bo")
    assert [(i["date"], i["by"]) for i in ana["initiated"]] == [
        ("2026-06-01", "them"),
        ("2026-07-01", "me"),
        ("2026-08-01", "me"),
        ("2026-09-01", "me"),
        ("2026-11-30", "them"),
    ]
    assert {k: bo[k] for k in ("answered", "unanswered", "pending", "reply_rate")} == {
        "answered": 1,
        "unanswered": 2,
        "pending": 1,
        "reply_rate": 0.333,
    }
