"""Which files are notes and which notes are people (SPEC §2), through `people --json`."""

from __future__ import annotations

from conftest import FIXTURES, people_by_name


def test_each_way_of_being_a_person(run) -> None:
    people = people_by_name(run("people", "--json", vault=FIXTURES / "detection"))
    assert set(people) == {"Ana", "Ben", "Carl", "Dora", "Eve", "Finn", "Gus", "Hana"}
    # by folder (People, Persons, nested lower-case contacts), type, categories, tags, inline tag
    assert people["Carl"]["path"] == "Work/contacts/Carl.md"
    assert people["Hana"]["tags"] == ["Contact", "friend"]
    assert "type/person" in people["Gus"]["tags"]


def test_templates_dot_folders_and_ignored_globs_are_never_people(run) -> None:
    result = run("people", "--json", vault=FIXTURES / "detection")
    paths = {row["path"] for row in result.json()}
    assert not any(p.startswith(("Templates/", "Meta/Tpl/", ".trash/", "Archive/")) for p in paths)
    assert "Notes/sub/TEMPLATES/Contact.md" not in paths


def test_people_are_sorted_by_name_case_insensitively(run, make_vault) -> None:
    vault = make_vault({"People/zed.md": "", "People/Amy.md": "", "People/bob.md": ""})
    assert [p["name"] for p in run("people", "--json", vault=vault).json()] == ["Amy", "bob", "zed"]


def test_configured_person_rules(run, make_vault) -> None:
    vault = make_vault(
        {
            "notekit.toml": """
                [people]
                folders = ["Crew"]
                types = ["friend"]
                tags = ["pal"]
            """,
            "Crew/A.md": "",
            "Notes/B.md": "---\ntype: Friend\n---\n",
            "Notes/C.md": "#pal",
            "People/D.md": "not a person any more: People is no longer a person folder",
        }
    )
    assert set(people_by_name(run("people", "--json", vault=vault))) == {"A", "B", "C"}


def test_vault_found_from_the_environment_and_from_a_parent_folder(
    run, make_vault, monkeypatch
) -> None:
    vault = make_vault({"notekit.toml": "", "People/Ana.md": "", "Notes/deep/x.md": ""})
    monkeypatch.chdir(vault / "Notes" / "deep")
    assert [p["name"] for p in run("people", "--json").json()] == ["Ana"]
    monkeypatch.chdir(vault.parent)
    monkeypatch.setenv("NOTEKIT_VAULT", str(vault))
    assert [p["name"] for p in run("people", "--json").json()] == ["Ana"]


def test_folder_links_are_followed_once_and_loops_are_harmless(run, make_vault) -> None:
    vault = make_vault({"People/Ana.md": ""})
    (vault / "People" / "loop").symlink_to(vault / "People")
    (vault / "People" / "self.md").symlink_to(vault / "People" / "self.md")
    result = run("people", "--json", vault=vault)
    assert result.exit_code == 0
    assert [p["path"] for p in result.json()] == ["People/Ana.md"]
    assert "People/self.md" in result.stderr
