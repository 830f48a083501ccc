"""The command line as a shell sees it: entry points, exit codes, error format, init."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, MakeVault, Run

REPO = Path(__file__).resolve().parents[2]


def _shell(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NOTEKIT_TODAY": "2026-11-23"}
    return subprocess.run(
        [sys.executable, "-m", "notekit", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=60,
    )


def test_python_dash_m_runs_a_listing_command() -> None:
    result = _shell("--vault", str(FIXTURES / "bom-crlf"), "people")
    assert result.returncode == 0, result.stderr
    assert "Ines Duarte" in result.stdout and "Jo Park" in result.stdout


def test_due_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from notekit.cli import cli\n"
        "cli(['--vault', %r, 'due'], standalone_mode=False)\n"
        "print(sorted(m for m in ('jinja2','markdown_it','rapidfuzz','frontmatter') "
        "if m in sys.modules))"
    ).replace("%r", repr(str(FIXTURES / "bom-crlf")))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--today", "2026-02-30", "due"], "is not a date"),
        (["--vault", "/no/such/folder", "due"], "no such folder"),
        (["due", "--today", "2026-02-30"], "is not a date"),
        (["due", "--vault", "/no/such/folder"], "no such folder"),
        (["due", "--within", "-1"], "-1"),
        (["frobnicate"], "No such command"),
    ],
)
def test_bad_usage_exits_2(run: Run, args, message) -> None:
    result = _shell(*args)
    assert result.returncode == 2
    assert message in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--vault", str(FIXTURES / "bom-crlf"), "--today", "2026-01-05", "due", "--json"],
        ["due", "--vault", str(FIXTURES / "bom-crlf"), "--today", "2026-01-05", "--json"],
        [
            "--vault",
            "/elsewhere",
            "due",
            "--json",
            "--vault",
            str(FIXTURES / "bom-crlf"),
            "--today",
            "2026-01-05",
        ],
    ],
    ids=["before", "after", "after wins"],
)
def test_global_options_work_before_and_after_the_command(args) -> None:
    result = _shell(*args)
    assert result.returncode == 0, result.stderr
    assert '"today": "2026-01-05"' in result.stdout


def test_the_command_list_shows_each_summary_whole() -> None:
    from notekit.cli import COMMANDS, cli

    listing = _shell("--help").stdout
    flat = " ".join(listing.split())
    for name in COMMANDS:
        command = cli.get_command(None, name)  # type: ignore[arg-type]
        assert command is not None
        summary = command.get_short_help_str(limit=1_000)
        assert " ".join(summary.split()) in flat, name
        assert "..." not in summary


def test_every_command_has_help_with_an_example(run: Run) -> None:
    from notekit.cli import COMMANDS

    for name in COMMANDS:
        result = run(name, "--help", vault=None, today=None)
        assert result.exit_code == 0
        assert "Example" in result.stdout, name
    assert "Example" in _shell("due", "--help").stdout  # and as a user runs it


def test_init_creates_a_vault_and_keeps_existing_files(tmp_path: Path) -> None:
    (tmp_path / "notekit.toml").write_text("# mine\n")
    result = _shell("init", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "notekit.toml").read_text() == "# mine\n"
    assert (tmp_path / "People").is_dir()
    template = (tmp_path / "Templates" / "Person.md").read_text()
    assert template.startswith("---\n") and "cadence:" in template
    fresh = tmp_path / "fresh"
    created = _shell("init", str(fresh))
    assert created.returncode == 0 and "notekit add" in created.stdout
    assert '\ndefault_cadence = "6m"\n' in (fresh / "notekit.toml").read_text()  # a setting
    (fresh / "People" / "Ana.md").write_text("---\ncadence: 1m\n---\n")
    # the generated config is valid, and the template is not read as a person
    people = _shell("--vault", str(fresh), "people", "--json")
    assert people.returncode == 0, people.stderr
    assert '"Ana"' in people.stdout and "Person" not in people.stdout


def test_init_keeps_the_people_folder_a_vault_has(run: Run, tmp_path: Path) -> None:
    """An Obsidian vault with its people in `contacts/`: no empty People/ beside it, and the
    people `add` makes go where the others are."""
    (tmp_path / "contacts").mkdir()
    (tmp_path / "contacts" / "Jane Doe.md").write_text("---\ncompany: Acme\n---\n")
    result = run("init", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "kept     " in result.stdout and "contacts/" in result.stdout
    assert "write a note in contacts/" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Templates", "contacts", "notekit.toml"]
    assert run("add", "Ana Costa", vault=tmp_path).exit_code == 0
    assert (tmp_path / "contacts" / "Ana Costa.md").is_file()
    assert [p["name"] for p in run("people", "--json", vault=tmp_path).json()] == [
        "Ana Costa",
        "Jane Doe",
    ]


def test_init_never_creates_what_a_dangling_link_points_to(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    folder = tmp_path / "vault"
    folder.mkdir()
    (folder / "notekit.toml").symlink_to(target / "notekit.toml")
    (folder / "People").symlink_to(target / "People")
    result = run("init", str(folder), vault=None, today=None)
    assert result.exit_code == 2
    assert "symbolic link" in result.stderr
    assert not target.exists()


def test_global_options_after_a_subcommand(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    (vault / "People").mkdir(parents=True)
    connections = FIXTURES / "linkedin" / "Connections.csv"
    result = _shell("import", "linkedin", str(connections), "--dry-run", "--vault", str(vault))
    assert result.returncode == 0, result.stderr
    assert "4 people would be added" in result.stdout


def test_a_note_git_could_not_merge_is_a_problem_and_never_written(
    run: Run, make_vault: MakeVault
) -> None:
    conflicted = (
        "---\ncadence: 1m\n<<<<<<< HEAD\ncompany: Globex\n=======\ncompany: Initech\n"
        ">>>>>>> laptop\n---\n- 2026-06-01 call: x\n"
    )
    vault = make_vault(
        {
            "People/Ana Costa.md": conflicted,
            "People/Ben.md": "---\ncadence: 1m\n---\n- 2026-06-01 call: x\n",
        }
    )
    check = run("check", vault=vault)
    assert check.exit_code == 1
    assert check.stdout.startswith(
        "People/Ana Costa.md:3: error: a git merge left unresolved (conflict markers, lines 3–7)"
    )
    due = run("due", "--json", vault=vault).json()
    assert [row["name"] for row in due["due"]] == ["Ben"]
    refused = run("log", "Ana Costa", "called", vault=vault)
    assert refused.exit_code == 2
    assert "People/Ana Costa.md cannot be read: a git merge left unresolved" in refused.stderr
    assert (vault / "People/Ana Costa.md").read_text() == conflicted
