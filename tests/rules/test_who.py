"""`who TOPIC`: people a topic belongs with, typo-tolerant, with the matching text."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from conftest import MakeVault, Run, settle

EXAMPLE = Path(__file__).resolve().parents[2] / "vault-example"


def test_who_finds_fields_and_note_lines_with_a_typo(run: Run, make_vault: MakeVault) -> None:
    found = run("who", "sourdogh", "--json", vault=EXAMPLE).json()  # a typo
    assert (found[0]["name"], found[0]["field"], found[0]["text"]) == (
        "Ana Costa",
        "interest",
        "sourdough",
    )
    vault = make_vault(
        {
            "People/Bea.md": "---\ninterests: [Fintech]\n---\n",
            "People/Cy.md": "---\nrole: Engineer\n---\n## Notes\n- moved to a fintech startup\n",
            "People/Dee.md": "---\nrole: Designer\n---\n",
        }
    )
    found = run("who", "fíntech", "--json", vault=vault).json()  # accents do not count
    assert [(f["name"], f["field"], f["line"]) for f in found] == [
        ("Bea", "interest", None),
        ("Cy", "note", 5),
    ]
    assert "Nobody's note mentions 'knitting'" in run("who", "knitting", vault=vault).stdout


def test_a_topic_is_a_word_or_the_start_of_one_never_the_inside(
    run: Run, make_vault: MakeVault
) -> None:
    """`rust` is not in `I trust her`, nor `go` in `a good talk`; `Rustacean` starts with it;
    a typo at a word's start still counts, and a topic of three letters is a whole word."""
    vault = make_vault(
        {
            "People/Ana.md": "---\nrole: Manager\n---\n## Log\n"
            "- 2026-01-01 call: I trust her judgement; a good talk, frustrated\n",
            "People/Ben.md": "---\ninterests: [Rust, Go]\n---\n",
            "People/Cy.md": "---\nrole: Rustacean\n---\n## Notes\n- wants to learn kubernets\n",
        }
    )

    def who(topic: str) -> list[tuple[str, str]]:
        return [(f["name"], f["field"]) for f in run("who", topic, "--json", vault=vault).json()]

    assert who("rust") == [("Ben", "interest"), ("Cy", "role")]
    assert who("go") == [("Ben", "interest")]
    assert who("kubernetes") == [("Cy", "note")]  # a letter missing
    assert who("trust") == [("Ana", "note")]


def test_orgs_by_their_words_word_forms_and_places(run: Run, make_vault: MakeVault) -> None:
    """`people --at Brightwave` finds Brightwave Analytics; a typo is answered with the org
    most like it; `who` takes engineering for engineer and looks at where people live; `find`
    too; `--overlap` lists people whose years there are not known rather than dropping them."""
    vault = make_vault(
        {
            "notekit.toml": '[me]\nhistory = ["Brightwave Analytics (2015-2018)"]\n',
            "People/Ana.md": "---\ncompany: Brightwave Analytics\nrole: Data Engineer\n---\n",
            "People/Ben.md": "---\nhistory: [Brightwave Analytics (2016-2017)]\n"
            "location: Lisbon\n---\n",
            "People/Cy.md": "---\nhistory: [Brightwave Analytics (2020-2021)]\n---\n",
        }
    )
    at = run("people", "--at", "Brightwave", "--json", vault=vault).json()
    assert [p["name"] for p in at] == ["Ana", "Ben", "Cy"]
    overlap = run("people", "--at", "brightwave", "--overlap", "--json", vault=vault).json()
    assert [p["name"] for p in overlap] == ["Ana", "Ben"]  # Ana's years: not known; Cy: after
    typo = run("people", "--at", "Brigthwave Analitics", vault=vault).stdout
    assert (
        typo == "Nobody at Brigthwave Analitics in your notes. Did you mean Brightwave Analytics?\n"
    )
    found = run("who", "data engineering", "--json", vault=vault).json()
    assert [(f["name"], f["field"]) for f in found] == [("Ana", "role")]
    assert [f["name"] for f in run("who", "lisbon", "--json", vault=vault).json()] == ["Ben"]
    assert "Ben" in run("find", "Lisbon", vault=vault).stdout


def test_what_each_note_says_is_kept_and_only_a_changed_note_read_again(
    run: Run, make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second `who` folds no note's lines again, and reads only the note whose line it
    shows; after an edit, that note's alone is folded again; and the answer is the one a run
    with nothing kept gives."""
    import notekit.store.reading
    import notekit.store.summary

    vault = make_vault(
        {
            "People/Bea.md": "---\ninterests: [Fintech]\n---\n",
            "People/Cy.md": "---\nrole: Engineer\n---\n## Notes\n- moved to a fintech startup\n",
            "People/Dee.md": "---\nrole: Designer\n---\n- 2026-11-01 coffee: payments\n",
        }
    )
    settle(vault)
    read: list[str] = []
    real_body, real_line = notekit.store.reading.read_body, notekit.store.reading.read_line

    def counting(root: Path, path: str) -> list[tuple[int, str]]:
        read.append(path)
        return real_body(root, path)

    def one_line(root: Path, path: str, number: int) -> str:
        read.append(path)
        return real_line(root, path, number)

    monkeypatch.setattr(notekit.store.reading, "read_body", counting)  # what is kept
    monkeypatch.setattr(notekit.store.summary, "read_line", one_line)  # a line shown
    first = run("who", "fintech", "--json", vault=vault).json()
    assert sorted(read) == ["People/Bea.md", "People/Cy.md", "People/Cy.md", "People/Dee.md"]
    read.clear()
    stats: list[str] = []
    real_stat = os.stat

    def stat(path: str | os.PathLike[str], *args: Any, **kwargs: Any) -> os.stat_result:
        stats.append(os.fspath(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    assert run("who", "fintech", "--json", vault=vault).json() == first
    assert read == ["People/Cy.md"]
    # each note's size and mtime are the listing's: no note is looked at a second time
    assert [path for path in stats if path.endswith(".md")] == []
    monkeypatch.setattr(os, "stat", real_stat)
    (vault / "People/Dee.md").write_text("---\nrole: Designer\n---\n- she left for fintech\n")
    settle(vault)
    read.clear()
    after = run("who", "fintech", "--json", vault=vault).json()
    assert [f["name"] for f in after] == ["Bea", "Cy", "Dee"]
    assert sorted(read) == ["People/Cy.md", "People/Dee.md", "People/Dee.md"]
    monkeypatch.setenv("NOTEKIT_CACHE_DIR", "")
    assert run("who", "fintech", "--json", vault=vault).json() == after


def test_who_counts_lines_as_editors_do_and_reads_no_comment(
    run: Run, make_vault: MakeVault
) -> None:
    """A U+2028 or a form feed starts no line in an editor, so none here; what a comment
    hides is neither matched nor shown."""
    vault = make_vault(
        {
            "People/Bo.md": "---\nrole: CTO\n---\na line\u2028with a break and a \x0c\r\n"
            "- works on payments at Acme <!-- ask about the payments team -->\r\n"
            "<!-- a payments lead -->\r\n",
            "People/Cy.md": "---\nrole: CTO\n---\n<!--\nknows payments\n-->\n",
        }
    )
    found = run("who", "payments", "--json", vault=vault).json()
    assert [(f["name"], f["line"], f["text"]) for f in found] == [
        ("Bo", 5, "- works on payments at Acme")
    ]
    assert run("who", "lead", "--json", vault=vault).json() == []


def test_each_field_by_its_name_a_field_before_a_line_and_the_first_of_equals(
    run: Run, make_vault: MakeVault
) -> None:
    """A field that says the topic scores 100, a line of the note 10 less; of a person's equal
    matches the first field is named (company before context and tags). A person whose texts
    hold the words only across two fields is no match (Al's location alone is far from them),
    and the search goes on past them."""
    vault = make_vault(
        {
            "People/Al.md": "---\ninterests: [rust]\nlocation: Berlin Kreuzberg\n---\n",
            # a typo: as close to "rust berlin" as Al's two fields together, and after them
            "People/Bo.md": "---\nrole: Engineer\n---\n## Notes\n- the rust berlim meetup\n",
            "People/Ca.md": "---\ncompany: Rust Labs\ncontext: rust conference\n"
            "tags: [rust]\n---\n",
            "People/Co.md": "---\ncontext: the rust conference\n---\n",
            "People/Go.md": "---\ngoals: [rust]\n---\n",
            "People/Hi.md": "---\nhistory: [Rust Foundation (2019-2022)]\n---\n",
            "People/Lo.md": "---\nlocation: Rust\n---\n",
            "People/Ta.md": "---\ntags: [rust]\n---\n",
        }
    )

    def who(topic: str) -> list[tuple[str, str, float]]:
        found = run("who", topic, "--json", vault=vault)
        assert found.exit_code == 0, found.stderr
        return [(f["name"], f["field"], f["score"]) for f in found.json()]

    assert who("rust") == [
        ("Al", "interest", 100.0),
        ("Ca", "company", 100.0),
        ("Co", "context", 100.0),
        ("Go", "goal", 100.0),
        ("Hi", "history", 100.0),
        ("Lo", "location", 100.0),
        ("Ta", "tag", 100.0),
        ("Bo", "note", 90.0),
    ]
    assert who("rust berlin") == [("Bo", "note", 80.9)]


def test_a_note_deleted_after_the_listing_is_no_error(make_vault: MakeVault) -> None:
    """A note that goes between the listing and the reading of its lines (an editor's save, a
    sync) has no lines to search: its person is still found by their fields, and nothing
    fails."""
    from notekit.rules.who import who
    from notekit.store.kept_summary import vault_summary

    vault = make_vault(
        {
            "People/Bea.md": "---\ninterests: [Fintech]\n---\n- 2026-11-01 call: fintech\n",
            "People/Cy.md": "---\nrole: Engineer\n---\n- moved to a fintech startup\n",
        }
    )
    summary = vault_summary(vault)
    (vault / "People/Bea.md").unlink()
    found = who(summary, "fintech")
    assert [(f.person.name, f.field) for f in found] == [("Bea", "interest"), ("Cy", "note")]
