"""`notekit check` and bad input (SPEC §8): every problem once, with path and line; exit 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, MakeVault, Run


def _problems(run: Run, vault: Path) -> list[tuple[str, int | None, str]]:
    result = run("check", "--json", vault=vault)
    assert result.exit_code == (1 if result.json() else 0)
    return [(p["path"], p["line"], p["message"]) for p in result.json()]


def test_a_clean_vault_passes(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Pat.md": "---\ncadence: 1m\n---\n- 2026-01-01 call [[Pat]]\n"})
    result = run("check", vault=vault)
    assert result.exit_code == 0
    assert "No problems in 1 note (1 person)." in result.stdout
    assert run("check", "--json", vault=vault).json() == []


def test_broken_and_ambiguous_links_and_duplicate_names(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ana Costa.md": "---\naliases: [Ana]\n---\n",
            "People/Ana Lima.md": "---\naliases: [Ana]\n---\n",
            "Work/Ana Costa.md": "---\ntype: person\n---\n",
            "Meetings/M.md": """
                ---
                date: 2026-01-01
                attendees: ["[[Nobody Here]]"]
                ---
                - 2026-01-01 lunch with [[Ana]] and [[Ghost]]
                Prose may link to [[a note not written yet]].
            """,
        }
    )
    problems = _problems(run, vault)
    messages = [m for _, _, m in problems]
    assert ("Meetings/M.md", 3, "[[Nobody Here]] links to no note or person") in problems
    assert ("Meetings/M.md", 5, "[[Ghost]] links to no note or person") in problems
    assert any(p[:2] == ("Meetings/M.md", 5) and "several people" in p[2] for p in problems)
    assert not any("not written yet" in m for m in messages)
    assert any(p[0] == "Work/Ana Costa.md" and "same name" in p[2] for p in problems)


def test_every_kind_of_bad_file_is_reported_once_and_the_rest_is_read(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(
        {
            "People/Good.md": "---\ncadence: 1m\n---\n",
            "People/Yaml.md": "---\nname: [unclosed\ncadence: 1m\n---\n",
            "People/Tab.md": "---\ntags:\n\t- person\n---\n",
            "People/Binary.md": b"\x00\x01\x02binary",
            "People/Latin1.md": b"---\nname: Jos\xe9\n---\n",
            "People/Empty.md": "",
            "People/Open.md": "---\nname: Never closed\n",
            "People/Date.md": "---\nlast_contact: 2026-02-30\n---\n",
            "People/Entry.md": "- 2026-13-01 call: bad month\n",
        }
    )
    result = run("check", "--json", vault=vault)
    assert result.exit_code == 1
    problems = result.json()
    by_path: dict[str, list] = {}
    for p in problems:
        by_path.setdefault(p["path"], []).append(p)
    assert set(by_path) == {
        "People/Yaml.md",
        "People/Tab.md",
        "People/Binary.md",
        "People/Latin1.md",
        "People/Open.md",
        "People/Date.md",
        "People/Entry.md",
    }
    assert all(len(found) == 1 for found in by_path.values()), by_path
    assert by_path["People/Date.md"][0]["line"] == 2
    assert by_path["People/Entry.md"][0]["line"] == 1
    assert by_path["People/Tab.md"][0]["line"] == 3
    due = run("due", "--json", vault=vault)
    assert due.exit_code == 0
    assert "Good" in {r["name"] for r in due.json()["due"]}
    assert "People/Binary.md" in due.stderr  # read commands tell about errors too


def test_a_last_contact_after_today_is_said_not_silently_no_contact(
    run: Run, make_vault: MakeVault
) -> None:
    """`last_contact: 2027-03-01` on 2026-11-23 (a year mistyped) is no contact: `due` says
    never contacted, and `check` says why; today's own date is a contact."""
    vault = make_vault(
        {
            "People/Ben.md": "---\ncadence: 1m\nlast_contact: 2027-03-01\n---\n",
            "People/Cy.md": "---\ncadence: 1m\nlast_contact: 2026-11-23\n---\n",
        }
    )
    check = run("check", "--json", vault=vault)
    assert [(p["path"], p["message"]) for p in check.json()] == [
        (
            "People/Ben.md",
            "last_contact: 2027-03-01 is after today, so no contact yet "
            "(a day to get in touch is next_contact)",
        )
    ]
    (due,) = run("due", "--json", vault=vault).json()["due"]
    assert (due["name"], due["reason"]) == ("Ben", "never_contacted")


def test_read_commands_never_write(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {"People/Pat.md": "---\nname: [broken\n---\n", "People/Sam.md": "---\ncadence: 1m\n---\n"}
    )
    before = {p: p.read_bytes() for p in vault.rglob("*") if p.is_file()}
    mtimes = {p: p.stat().st_mtime_ns for p in before}
    for args in (["people"], ["due"], ["check"], ["show", "Sam"], ["find", "sam"]):
        assert run(*args, vault=vault).exit_code == (1 if args == ["check"] else 0), args
    after = {p: p.read_bytes() for p in vault.rglob("*") if p.is_file()}
    assert after == before
    assert {p: p.stat().st_mtime_ns for p in before} == mtimes


def test_links_to_daily_notes_are_not_broken_people(run: Run) -> None:
    result = run("check", vault=FIXTURES / "interactions")
    assert result.exit_code == 0, result.stdout


def test_human_output_names_file_and_line(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Pat.md": "---\nname: Pat\ncadence: often\n---\n"})
    result = run("check", vault=vault)
    assert result.exit_code == 1
    assert result.stdout.startswith("People/Pat.md:3: warning: cadence: not a cadence: 'often'")
    assert "1 problem in 1 note (1 person)." in result.stderr


@pytest.mark.parametrize(
    ("notes", "told"),
    [
        ({"People/Ana.md": "---\ncadence: often\n---\n"}, "notekit: 1 problem in notes: run"),
        (
            {"People/Ana.md": "---\ncadence: often\n---\n", "People/Bad.md": "---\nx: [\n---\n"},
            "notekit: 1 more problem in notes: run",
        ),
    ],
    ids=["none shown", "after errors"],
)
def test_lesser_problems_are_counted_as_more_only_after_some_were_shown(
    run: Run, make_vault: MakeVault, notes, told
) -> None:
    result = run("due", vault=make_vault(notes))
    assert told in result.stderr


def test_a_broken_link_close_to_a_name_says_which(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Priya Nair.md": "---\naliases: [Pri]\n---\n",
            "Daily/2026-11-20.md": "Lunch with [[Priya Nar]]; read [[Some Book]].\n",
            "Meetings/Kickoff.md": "---\ndate: 2026-11-02\n---\n[[priya nair ]], [[Pryia Nair]]\n",
            "Notes/Ideas.md": "Ask [[Priya Nar]] about [[Rust]].\n",
            "People/Ben.md": "- 2026-11-01 call: intro to [[Priya Nairr]]\n",
        }
    )
    found = {(p["path"], p["message"]) for p in run("check", "--json", vault=vault).json()}
    assert found == {
        (
            "Daily/2026-11-20.md",
            "[[Priya Nar]] links to no note or person (did you mean [[Priya Nair]]?)",
        ),
        (
            "Meetings/Kickoff.md",
            "[[Pryia Nair]] links to no note or person (did you mean [[Priya Nair]]?)",
        ),
        (
            "People/Ben.md",
            "[[Priya Nairr]] links to no note or person (did you mean [[Priya Nair]]?)",
        ),
    }  # a book not written yet, and prose outside daily and meeting notes, are no problem


def test_a_link_to_an_attachment_that_is_there_is_no_broken_link(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(
        {
            "People/Ana.md": '---\nbanner: "[[banner.jpg]]"\ncv: "[[docs/cv.pdf]]"\n'
            'map: "[[gone.png]]"\nslide: "[[/docs/deck.PDF]]"\nold: "[[trashed.png]]"\n'
            'plan: "[[img/map.pdf]]"\n---\n',
            "Attachments/banner.jpg": b"\xff\xd8\xff",
            "docs/cv.pdf": b"%PDF-1.4",
            "docs/deck.pdf": b"%PDF-1.4",  # a path from the vault's root, in any case
            ".trash/trashed.png": b"\x89PNG",  # a dot folder is not the vault's
            "Attachments/img/map.pdf": b"%PDF-1.4",  # by the end of its path
        }
    )
    problems = {p["message"] for p in run("check", "--json", vault=vault).json()}
    assert problems == {
        "[[gone.png]] links to no note or person",
        "[[trashed.png]] links to no note or person",
    }


def test_problems_are_listed_by_file_then_line_each_with_its_severity(
    run: Run, make_vault: MakeVault
) -> None:
    """The whole list, in its order: a problem of the whole file first, then by line, then by
    message; a link to a daily note or to a file of the vault is none, and neither ends the
    search of the links after it."""
    vault = make_vault(
        {
            "People/Ana Costa.md": "---\naliases: [Ana]\n---\n",
            "People/Ana Lima.md": "---\naliases: [Ana]\n---\n",
            "People/Old/Ana Costa.md": "- 2026-13-01 call: bad month\n",
            "People/Date.md": '---\nlast_contact: "[[Nobody]]"\n---\n',
            "Meetings/M.md": "---\ndate: 2026-01-01\nattendees: "
            '["[[2026-01-01]]", "[[Ghost]]", "[[cv.v2.pdf]]", "[[LICENSE]]", "[[.env]]"]\n'
            "---\n- 2026-01-01 lunch with [[Ana]]\n",
            "Daily/2026-01-02.md": "see [[a note not written yet]] then [[Ana Cotsa]]\n",
            "files/cv.v2.pdf": "%PDF",
            "LICENSE": "MIT",  # a file of the vault, but not one a link names: no extension
            ".env": "X=1",  # nor a hidden one
        }
    )
    result = run("check", "--json", vault=vault)
    assert result.exit_code == 1
    nowhere = "links to no note or person"
    assert [tuple(p.values()) for p in result.json()] == [
        (
            "Daily/2026-01-02.md",
            1,
            "warning",
            f"[[Ana Cotsa]] {nowhere} (did you mean [[Ana Costa]]?)",
        ),
        ("Meetings/M.md", 3, "warning", f"[[.env]] {nowhere}"),
        ("Meetings/M.md", 3, "warning", f"[[Ghost]] {nowhere}"),
        ("Meetings/M.md", 3, "warning", f"[[LICENSE]] {nowhere}"),
        (
            "Meetings/M.md",
            5,
            "warning",
            "[[Ana]] could mean several people: People/Ana Costa.md, People/Ana Lima.md",
        ),
        ("People/Date.md", 2, "warning", f"[[Nobody]] {nowhere}"),
        (
            "People/Date.md",
            2,
            "warning",
            "last_contact: not a date (expected YYYY-MM-DD): '[[Nobody]]'",
        ),
        (
            "People/Old/Ana Costa.md",
            None,
            "warning",
            "same name as People/Ana Costa.md: links and commands cannot tell them apart "
            "(add a distinguishing name or alias)",
        ),
        (
            "People/Old/Ana Costa.md",
            1,
            "warning",
            "dated entry: no such date: 2026-13-01 (month must be in 1..12)",
        ),
    ]


def test_a_role_at_a_known_org_written_as_one_org_is_named(run: Run, make_vault: MakeVault) -> None:
    """`Staff Engineer at Initech (2014-2017)` reads as the org "Staff Engineer at Initech",
    which ties Ana to nobody; Initech is an org of the vault (Ben's company), so check says how
    to write it. `University of California at Berkeley` names no org the vault knows, and `Cafe
    at the Park` is one by its whole name (Di's company): nothing."""
    vault = make_vault(
        {
            "People/Ana.md": "---\nhistory: [Staff Engineer at Initech (2014-2017), "
            "University of California at Berkeley (2008-2012)]\n---\n",
            "People/Ben.md": "---\ncompany: Initech Inc.\n---\n",
            "People/Cy.md": "---\nhistory: [Cafe at the Park (2019)]\n---\n",
            "People/Di.md": "---\ncompany: Cafe at the Park\nhistory: [The Park (2018)]\n---\n",
        }
    )
    result = run("check", vault=vault)
    assert result.stdout.splitlines()[0] == (
        "People/Ana.md: warning: history: 'Staff Engineer at Initech (2014-2017)' reads as the "
        "org 'Staff Engineer at Initech'; for a role at Initech write "
        "'Initech, Staff Engineer (2014-2017)'"
    )
    assert "Berkeley" not in result.stdout
    assert "Cafe" not in result.stdout  # an org of the vault by that whole name: no role there
