"""Shared history: who was at an org, when, and the years we overlapped (SPEC §3)."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, MakeVault, Run


def _vault(make_vault: MakeVault):
    return make_vault(
        {
            "notekit.toml": '[me]\nhistory = ["Initech (2014-2017)", '
            '{ school = "MIT", from = 2008, to = 2012 }, "Globex (2020-)"]\n\n'
            '[orgs]\n"Initech" = ["INTC", "Initech Labs"]\n',
            "People/Ana.md": "---\nhistory: [Initech (2015-2019)]\n---\n",
            "People/Ben.md": "---\nhistory: [INTC (2010-2013)]\n---\n",
            "People/Cy.md": "---\ncompany: Initech Labs, Inc.\nrole: CTO\n---\n",
            "People/Dee.md": "---\nhistory:\n  - {school: MIT, program: CS, from: 2010}\n---\n",
            "People/Eve.md": '---\nhistory: ["Globex, Staff Engineer, 2023–"]\n---\n',
        }
    )


def test_people_at_an_org_with_aliases_and_overlaps(run: Run, make_vault: MakeVault) -> None:
    vault = _vault(make_vault)
    found = run("people", "--at", "initech", "--json", vault=vault).json()
    at = {p["name"]: p["at"] for p in found}
    assert at == {
        "Ana": [
            {"org": "Initech", "role": None, "from": 2015, "to": 2019, "overlap": [2015, 2017]}
        ],
        "Ben": [{"org": "INTC", "role": None, "from": 2010, "to": 2013, "overlap": None}],
        "Cy": [
            {"org": "Initech Labs, Inc.", "role": "CTO", "from": None, "to": None, "overlap": None}
        ],
    }
    overlapping = run("people", "--at", "Initech", "--overlap", "--json", vault=vault).json()
    # Ben's years were apart from mine; Cy's, as CTO there now, are not known: listed
    assert [p["name"] for p in overlapping] == ["Ana", "Cy"]
    # a school, and an open end that runs to this year on both sides
    assert run("people", "--at", "mit", "--json", vault=vault).json()[0]["at"][0]["overlap"] == [
        2010,
        2012,
    ]
    eve = run("people", "--at", "Globex", "--json", vault=vault, today=TODAY).json()[0]
    assert eve["at"][0]["overlap"] == [2023, 2026]
    text = run("show", "Ana", vault=vault).stdout
    assert "History: Initech (2015-2019) — overlapped 2015–2017" in text
    assert run("people", "--overlap", vault=vault).exit_code == 2


def test_check_names_a_history_item_it_cannot_read(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "---\nname: Ana\nhistory:\n  - Initech (2014-2017)\n"
            "  - {role: CTO}\n---\n"
        }
    )
    result = run("check", vault=vault)
    assert (
        "People/Ana.md:3" in result.stdout
        and "cannot tell the org of \"{'role': 'CTO'}\"" in result.stdout
    )


def test_the_person_page_shows_the_overlap(run: Run, make_vault: MakeVault, tmp_path: Path) -> None:
    vault = _vault(make_vault)
    assert run("report", "-o", str(tmp_path / "site"), vault=vault).exit_code == 0
    page = (tmp_path / "site" / "people" / "ana.html").read_text()
    assert "Initech (2015-2019) — overlapped 2015–2017" in page


def test_each_history_item_shows_its_own_overlap(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "notekit.toml": '[me]\nhistory = ["Initech (2014-2017)"]\n',
            "People/Ana.md": "---\nhistory:\n  - Initech (2010-2011)\n  - {role: CTO}\n"
            "  - Initech (2015-2019)\n---\n",
        }
    )
    text = run("show", "Ana", vault=vault).stdout
    assert "History: Initech (2010-2011); CTO; Initech (2015-2019) — overlapped 2015–2017\n" in text


def test_a_single_year_is_an_overlap_of_one_year(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "notekit.toml": '[me]\nhistory = ["Initech (2012-2014)", "Globex (2016)"]\n',
            "People/Ana.md": "---\nhistory: [Initech (2012)]\n---\n",
            "People/Ben.md": "---\nhistory: [Initech (2014-2016)]\n---\n",
            "People/Cy.md": "---\nhistory: [Globex (2015-2016)]\n---\n",
            "People/Dee.md": "---\nhistory: [Globex (2017)]\n---\n",
        }
    )
    at = {
        p["name"]: p["at"][0]["overlap"]
        for org in ("Initech", "Globex")
        for p in run("people", "--at", org, "--json", vault=vault).json()
    }
    assert at == {"Ana": [2012, 2012], "Ben": [2014, 2014], "Cy": [2016, 2016], "Dee": None}


def test_freelance_and_self_employed_are_no_org(run: Run, make_vault: MakeVault) -> None:
    """LinkedIn writes `Self-employed` or `Freelance` where a company goes: shown as written,
    but nobody was there together with anybody (no tie, no overlap, no anniversary of joining
    it), a draft does not hope all is well "at Self-employed", and `check` is content."""
    vault = make_vault(
        {
            "notekit.toml": '[me]\nhistory = ["Freelance (2015-2018)"]\n',
            "People/Ana.md": "---\nemail: a@example.com\ncompany: Self-employed\n"
            "role: Product Designer\nhistory:\n  - {org: Freelance, from: 2016-11-25, to: 2019}\n"
            "---\n",
            "People/Bo.md": "---\ncompany: Freelance\nhistory: [Freelance (2016-2020)]\n---\n",
        }
    )
    assert "cannot tell the org" not in run("check", vault=vault).stdout
    assert "History: Freelance (2016–2019)\n" in run("show", "Ana", vault=vault).stdout
    # before: "you overlapped 2016–2018 at Freelance", "at Freelance together 2016–2019"
    assert run("intro", "Bo", "--json", vault=vault).json() == []
    # before: "10 years since they joined Freelance, where you were too"
    assert run("agenda", "--json", vault=vault, today="2026-11-23").json()["items"] == []
    draft = run("draft", "Ana", vault=vault, today="2026-11-23").stdout
    assert "Self-employed" not in draft
    assert "What are you most focused on in your role as Product Designer these days?" in draft
    assert "If there is anything I can help with, just say." in draft


def test_the_longest_overlap_of_two_stints_of_mine_the_first_of_equals(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """I was at Initech twice: a person is given the longer overlap with my two times there,
    the first when they are as long; a history item's role is kept; a company there now is
    listed beside a time there that ended, not beside one still open; the org's words in
    another order name it."""

    def overlaps(mine: str, theirs: str) -> list[int] | None:
        vault = tmp_path / str(len(list(tmp_path.iterdir())))  # a vault of its own each time
        (vault / "People").mkdir(parents=True)
        (vault / "notekit.toml").write_text(f"[me]\nhistory = [{mine}]\n")
        (vault / "People/Ana.md").write_text(f"---\nhistory: [{theirs}]\n---\n")
        found = run("people", "--at", "Initech", "--json", vault=vault).json()
        return found[0]["at"][0]["overlap"]

    assert overlaps('"Initech (2010-2014)", "Initech (2016-2017)"', "Initech (2011-2017)") == [
        2011,
        2014,
    ]
    assert overlaps('"Initech (2010-2011)", "Initech (2014-2019)"', "Initech (2010-2018)") == [
        2014,
        2018,
    ]
    assert overlaps('"Initech (2010-2012)", "Initech (2015-2017)"', "Initech (2011-2016)") == [
        2011,
        2012,
    ]
    vault = make_vault(
        {
            "People/Bo.md": "---\ncompany: Initech\nrole: CTO\nhistory:\n"
            "  - {org: Initech, role: Engineer, from: 2015, to: 2018}\n---\n",
            "People/Cy.md": "---\ncompany: Initech\nhistory: [Initech (2019-)]\n---\n",
            "People/Di.md": "---\ncompany: Brightwave Analytics\n---\n",
        }
    )
    at = {
        p["name"]: p["at"] for p in run("people", "--at", "Initech", "--json", vault=vault).json()
    }
    assert [(a["role"], a["from"], a["to"]) for a in at["Bo"]] == [
        ("Engineer", 2015, 2018),
        ("CTO", None, None),
    ]
    assert [(a["from"], a["to"]) for a in at["Cy"]] == [(2019, None)]
    reordered = run("people", "--at", "Analytics Brightwave", "--json", vault=vault).json()
    assert [p["name"] for p in reordered] == ["Di"]
