"""Each source of interactions (SPEC §4), and what does not count, via `show`/`people --json`."""

from __future__ import annotations

from conftest import FIXTURES, MakeVault, Run, people_by_name

VAULT = FIXTURES / "interactions"


def _show(run: Run, name: str) -> dict:
    result = run("show", name, "--json", vault=VAULT)
    assert result.exit_code == 0, result.stderr
    return result.json()


def test_own_note_list_items_headings_daily_links_and_done_tasks(run: Run) -> None:
    ana = _show(run, "Ana Costa")
    assert [(i["date"], i["line"], i["channel"]) for i in ana["interactions"]] == [
        ("2026-01-10", 7, "coffee"),
        ("2026-02-01", 8, "lunch"),
        ("2026-03-01", 9, "call"),
        ("2026-03-05", 10, None),
        ("2026-12-24", 12, "dinner"),
    ]
    assert ana["last_contact"] == "2026-03-05"  # 2026-12-24 is a plan, not a contact


def test_daily_note_in_any_folder_case_insensitive_link(run: Run) -> None:
    ben = _show(run, "Ben Berg")
    assert [(i["date"], i["source"], i["kind"]) for i in ben["interactions"]] == [
        ("2026-04-01", "Elsewhere/2026-04-01.md", "daily")
    ]
    assert "Ran into [[ben berg]]" in ben["interactions"][0]["text"]


def test_daily_note_named_with_the_obsidian_format(run: Run) -> None:
    assert _show(run, "Cleo")["last_contact"] == "2026-04-20"


def test_dated_note_linking_in_body_and_in_front_matter(run: Run) -> None:
    dan = _show(run, "Dan")["interactions"]
    assert [(i["date"], i["kind"], i["line"]) for i in dan] == [("2026-05-01", "dated-note", 5)]
    eli = _show(run, "Eli")["interactions"]
    assert [(i["date"], i["source"], i["text"]) for i in eli] == [
        ("2026-05-02", "Meetings/Standup.md", "Standup")
    ]


def test_heading_path_and_alias_links_resolve(run: Run) -> None:
    assert [i["date"] for i in _show(run, "Fay")["interactions"]] == ["2026-05-03", "2026-05-04"]
    assert _show(run, "Gil")["last_contact"] == "2026-05-05"


def test_open_tasks_quotes_and_code_do_not_count(run: Run) -> None:
    hal = _show(run, "Hal")
    assert hal["interactions"] == [] and hal["last_contact"] is None


def test_future_dates_are_plans_not_contacts(run: Run) -> None:
    ivy = _show(run, "Ivy")
    assert [i["date"] for i in ivy["interactions"]] == ["2026-12-01", "2027-01-01"]
    assert ivy["last_contact"] is None
    later = people_by_name(run("people", "--json", vault=VAULT, today="2027-01-02"))
    assert later["Ivy"]["last_contact"] == "2027-01-01"


def test_front_matter_last_contact_and_interactions_take_the_latest(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(
        {
            "People/Pat.md": "---\nlast_contact: 2026-10-01\n---\n- 2026-09-01 call\n",
            "People/Sam.md": "---\nlast_contact: 2026-08-01\n---\n- 2026-09-01 call\n",
            "People/Kim.md": "---\nlast_contact: 2027-01-01\n---\n",
        }
    )
    people = people_by_name(run("people", "--json", vault=vault))
    assert people["Pat"]["last_contact"] == "2026-10-01"
    assert people["Sam"]["last_contact"] == "2026-09-01"
    assert people["Kim"]["last_contact"] is None  # a last contact in the future is not one yet


def test_a_persons_own_dated_front_matter_is_not_a_contact_with_others(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(
        {
            "People/Pat.md": "---\ndate: 2026-01-01\nknows: '[[Sam]]'\n---\n",
            "People/Sam.md": "",
        }
    )
    assert people_by_name(run("people", "--json", vault=vault))["Sam"]["last_contact"] is None


def test_a_two_digit_year_in_the_daily_note_format_is_this_century(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(
        {
            ".obsidian/daily-notes.json": '{"folder": "Journal", "format": "DD.MM.YY"}',
            "Journal/20.04.26.md": "coffee with [[Pat]]\n",
            "People/Pat.md": "---\ncadence: 1y\n---\n",
        }
    )
    pat = run("show", "Pat", "--json", vault=vault).json()
    assert [(i["date"], i["source"]) for i in pat["interactions"]] == [
        ("2026-04-20", "Journal/20.04.26.md")
    ]
    assert pat["last_contact"] == "2026-04-20"


def test_entries_and_links_inside_an_html_comment_do_not_count(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(
        {
            "People/Pat.md": "---\ncadence: 1y\n---\n<!-- how to log:\n- 2026-01-01 call: example\n"
            "-->\n<!-- one line --> visible\n- 2026-02-01 coffee: real\n",
            "Daily/2026-03-01.md": "<!--\nlunch with [[Pat]]\n-->\n",
            "Daily/2026-03-02.md": "<!-- a note --> lunch with [[Pat]]\n",
        }
    )
    pat = run("show", "Pat", "--json", vault=vault).json()
    assert [(i["date"], i["source"]) for i in pat["interactions"]] == [
        ("2026-02-01", "People/Pat.md"),
        ("2026-03-02", "Daily/2026-03-02.md"),
    ]
