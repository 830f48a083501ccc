"""Which files are notes and which notes are people (SPEC §2), through `people --json`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import FIXTURES, MakeVault, Run, people_by_name
from notekit.read.config import parse_config
from notekit.read.fields import KNOWN_FIELDS
from notekit.read.vault import DailyNotes


def test_each_way_of_being_a_person(run: Run) -> None:
    people = people_by_name(run("people", "--json", vault=FIXTURES / "detection"))
    assert set(people) == {"Ana", "Ben", "Carl", "Dora", "Eve", "Finn", "Gus", "Hana"}
    # by folder (People, Persons, nested lower-case contacts), type, categories, tags, inline tag
    assert people["Carl"]["path"] == "Work/contacts/Carl.md"
    assert people["Hana"]["tags"] == ["Contact", "friend"]
    assert "type/person" in people["Gus"]["tags"]


def test_templates_dot_folders_and_ignored_globs_are_never_people(run: Run) -> None:
    result = run("people", "--json", vault=FIXTURES / "detection")
    paths = {row["path"] for row in result.json()}
    assert not any(p.startswith(("Templates/", "Meta/Tpl/", ".trash/", "Archive/")) for p in paths)
    assert "Notes/sub/TEMPLATES/Contact.md" not in paths


def test_people_are_sorted_by_name_case_insensitively(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/zed.md": "", "People/Amy.md": "", "People/bob.md": ""})
    assert [p["name"] for p in run("people", "--json", vault=vault).json()] == ["Amy", "bob", "zed"]


def test_configured_person_rules(run: Run, make_vault: MakeVault) -> None:
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
    run: Run, make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = make_vault({"notekit.toml": "", "People/Ana.md": "", "Notes/deep/x.md": ""})
    monkeypatch.chdir(vault / "Notes" / "deep")
    assert [p["name"] for p in run("people", "--json").json()] == ["Ana"]
    monkeypatch.chdir(vault.parent)
    monkeypatch.setenv("NOTEKIT_VAULT", str(vault))
    assert [p["name"] for p in run("people", "--json").json()] == ["Ana"]


def test_an_obsidian_vault_is_found_from_a_folder_of_it_and_its_templates_written_with_slashes(
    run: Run, make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No notekit.toml: `.obsidian/` says where the vault is, as it says where the templates
    are, a folder written `/Tpl/` as Obsidian's settings may write it."""
    vault = make_vault(
        {
            ".obsidian/templates.json": '{"folder": "/Tpl/"}',
            "Tpl/Contact.md": "---\ntags: [person]\n---\n",
            "People/Ana.md": "",
            "Notes/deep/x.md": "",
        }
    )
    monkeypatch.chdir(vault / "Notes" / "deep")
    assert [p["path"] for p in run("people", "--json").json()] == ["People/Ana.md"]


def test_the_templater_plugins_folder_holds_templates_and_odd_settings_are_no_settings(
    run: Run, make_vault: MakeVault
) -> None:
    """The Templater plugin names its templates folder in its own settings; settings that
    are not a JSON object (a list, broken JSON) name none, and cost nothing else."""
    template = "---\ntags: [person]\n---\n"
    vault = make_vault(
        {
            ".obsidian/plugins/templater-obsidian/data.json": '{"templates_folder": "Meta/Tpl"}',
            ".obsidian/templates.json": "[1, 2]",
            "Meta/Tpl/Person.md": template,
            "People/Ana.md": template,
        }
    )
    result = run("people", "--json", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert [p["path"] for p in result.json()] == ["People/Ana.md"]
    (vault / ".obsidian/plugins/templater-obsidian/data.json").write_text("{broken", "utf-8")
    result = run("people", "--json", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert sorted(p["path"] for p in result.json()) == ["Meta/Tpl/Person.md", "People/Ana.md"]


def test_a_folder_too_deep_to_read_is_said_not_skipped(run: Run, make_vault: MakeVault) -> None:
    """Folders nested past the longest path the system takes (4,096 bytes) cannot be read
    from the vault's root: the first of them is a problem with its path, not a silence."""
    import os

    vault = make_vault({"People/Ana.md": ""})
    folder = os.open(vault, os.O_RDONLY)
    for level in range(20):
        name = chr(ord("a") + level) * 250
        os.mkdir(name, dir_fd=folder)
        inner = os.open(name, os.O_RDONLY, dir_fd=folder)
        os.close(folder)
        folder = inner
    os.close(os.open("Bo.md", os.O_WRONLY | os.O_CREAT, dir_fd=folder))
    os.close(folder)
    result = run("check", "--json", vault=vault)
    found = [(p["path"].split("/")[-1][:1], p["message"]) for p in result.json()]
    assert ("q", "cannot read folder: File name too long") in found


def test_a_photo_beside_a_note_hides_no_note(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {"People/Ana.jpg": b"\xff\xd8\xff", "People/Ana.md": "", "People/Bo.md": "", "x.pdf": ""}
    )
    result = run("people", "--json", vault=vault)
    assert [p["path"] for p in result.json()] == ["People/Ana.md", "People/Bo.md"]


def test_folder_links_are_followed_once_and_loops_are_harmless(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault({"People/Ana.md": ""})
    (vault / "People" / "loop").symlink_to(vault / "People")
    (vault / "People" / "self.md").symlink_to(vault / "People" / "self.md")
    result = run("people", "--json", vault=vault)
    assert result.exit_code == 0
    assert [p["path"] for p in result.json()] == ["People/Ana.md"]
    assert "People/self.md" in result.stderr


def test_outside_any_vault_a_command_refuses_at_once(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder with thousands of files and no notekit.toml or .obsidian/ above it is not
    read: the command says how to name or start a vault."""
    folder = tmp_path / "downloads"
    for n in range(50):
        (folder / f"sub{n}").mkdir(parents=True)
        (folder / f"sub{n}" / "note.md").write_text("[[x]]")
    monkeypatch.chdir(folder)
    for command in (["due"], ["people"], ["add", "Kim Park"], ["check"]):
        result = run(*command, vault=None)
        assert result.exit_code == 2, command
        assert "no vault here" in result.stderr and "notekit init" in result.stderr
    assert not list(folder.rglob(".notekit"))


def test_init_sets_up_the_vault_named_with_the_vault_option(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("--vault", str(tmp_path / "crm"), "init", vault=None).exit_code == 0
    assert (tmp_path / "crm/notekit.toml").is_file() and not (tmp_path / "notekit.toml").exists()
    monkeypatch.chdir(tmp_path / "crm" / "People")
    assert run("people", vault=None).exit_code == 0  # found from a folder inside it


@pytest.mark.parametrize(
    ("folder", "fmt", "path", "day"),
    [
        ("Journal", "DD.MM.YYYY", "Journal/01.02.2026.md", dt.date(2026, 2, 1)),
        ("Journal", "DD.MM.YYYY", "People/01.02.2026.md", None),  # outside the folder
        ("Daily", "DD.MM.YYYY", "Notes/01.02.2026.md", None),  # one as long
        ("Journal", "MM-DD", "Journal/02-03.md", None),  # a day of no year
        ("Journal", "YYYY/MMMM/D", "Journal/2026/February/3.md", dt.date(2026, 2, 3)),
        ("Journal", "YY-MM-DD", "Journal/26-02-03.md", dt.date(2026, 2, 3)),
        ("Journal", "YYYY-MM", "Journal/2026-02.md", None),  # a month is no day
        ("Journal", "DD.MM.YYYY", "Journal/31.02.2026.md", None),  # no such day
        ("", "DD.MM.YYYY", "01.02.2026.md", dt.date(2026, 2, 1)),  # the vault's own folder
        ("", "DD.MM.YYYY", "Anywhere/01.02.2026.md", None),
        ("Journal", "DD.MM.YYYY", "Archive/2026/11/2026-11-01.md", dt.date(2026, 11, 1)),
        # text in brackets is written as it is, a bracket left open runs to the end
        (
            "Journal",
            "[Day ]DD.MM.YYYY[ notes]",
            "Journal/Day 01.02.2026 notes.md",
            dt.date(2026, 2, 1),
        ),
        ("Journal", "[Day ]DD.MM.YYYY[ notes]", "Journal/01.02.2026 notes.md", None),
        ("Journal", "YYYY-MM-DD [draft", "Journal/2026-02-01 draft.md", dt.date(2026, 2, 1)),
        ("Journal", "YYYY-MM-DD [draft", "Journal/2026-02-01 draf.md", None),
        ("Journal", "[Day]-DD.MM.YYYY", "Journal/Day-01.02.2026.md", dt.date(2026, 2, 1)),
        ("/Journal/", "DD.MM.YYYY", "Journal/01.02.2026.md", dt.date(2026, 2, 1)),  # slashes
        # a token written twice reads the day once
        ("Journal", "YYYY/MM/DD-DD", "Journal/2026/02/01-01.md", dt.date(2026, 2, 1)),
    ],
)
def test_a_daily_notes_day_from_its_folder_and_format(
    folder: str, fmt: str, path: str, day: dt.date | None, tmp_path: Path
) -> None:
    """`YYYY-MM-DD.md` is a day anywhere; another name is one only in the daily folder and
    in the daily format, and only when it names a whole day that exists."""
    config = parse_config(f'[daily_notes]\nfolder = "{folder}"\nformat = "{fmt}"\n', KNOWN_FIELDS)
    assert DailyNotes(tmp_path, config).date_of(path) == day


@pytest.mark.parametrize(
    "settings",
    ['{"folder": 5, "format": 7}', '{"folder": null, "format": ["DD"]}', "[1]", "{broken"],
)
def test_obsidians_daily_notes_settings_that_make_no_sense_leave_the_iso_names(
    settings: str, tmp_path: Path
) -> None:
    """A folder or a format that is not text in `.obsidian/daily-notes.json` (or settings that
    are no JSON object) is as if unset: only `YYYY-MM-DD.md` names a day."""
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / ".obsidian/daily-notes.json").write_text(settings, "utf-8")
    daily = DailyNotes(tmp_path, parse_config("", KNOWN_FIELDS))
    assert daily.date_of("Journal/2026-02-01.md") == dt.date(2026, 2, 1)
    assert daily.date_of("Journal/01.02.2026.md") is None
