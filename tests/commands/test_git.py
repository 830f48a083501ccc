"""`notekit git setup` and the merge driver with real git: two clones of a vault log the same
person, change `last_contact` and `tags`, and pull each other."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import Run

NOTE = """---
type: person
company: Globex   # since 2024
tags: [person, globex]
cadence: 3m
last_contact: 2026-06-01
---

# Ana Costa

## Log

- 2026-06-01 coffee: caught up
"""


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    who = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    return subprocess.run(["git", *who, *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def clones(tmp_path: Path, run: Run) -> tuple[Path, Path]:
    """A laptop and a phone, each a clone of one vault, each set up."""
    git(tmp_path, "init", "-q", "--bare", "-b", "main", "origin.git")
    laptop = tmp_path / "laptop"
    git(tmp_path, "clone", "-q", "origin.git", "laptop")
    (laptop / "People").mkdir()
    (laptop / "People" / "Ana Costa.md").write_text(NOTE)
    assert run("git", "setup", vault=laptop).exit_code == 0
    git(laptop, "add", "-A")
    git(laptop, "commit", "-qm", "vault")
    git(laptop, "push", "-q", "origin", "HEAD:main")
    git(tmp_path, "clone", "-q", "-b", "main", "origin.git", "phone")
    phone = tmp_path / "phone"
    assert run("git", "setup", vault=phone).exit_code == 0
    return laptop, phone


def edit(path: Path, old: str, new: str, append: str = "") -> None:
    path.write_text(path.read_text().replace(old, new) + append)


def test_setup_is_idempotent_keeps_other_attributes_and_can_be_checked(
    run: Run, tmp_path: Path
) -> None:
    git(tmp_path, "init", "-q", "vault")
    vault = tmp_path / "vault"
    (vault / ".gitattributes").write_text("*.png binary")  # no final newline
    assert run("git", "setup", "--check", vault=vault).exit_code == 1
    first = run("git", "setup", vault=vault)
    assert "added `*.md merge=notekit`" in first.stdout
    assert run("git", "setup", vault=vault).stdout == "Already set up: nothing to do.\n"
    assert (vault / ".gitattributes").read_text() == "*.png binary\n*.md merge=notekit\n"
    assert run("git", "setup", "--check", vault=vault).exit_code == 0
    driver = git(vault, "config", "--local", "--get", "merge.notekit.driver").stdout
    assert driver.strip().endswith("-m notekit git merge %O %A %B %P")
    outside = run("git", "setup", vault=tmp_path)
    assert outside.exit_code != 0 and "not in a git repository" in outside.stderr


def test_two_devices_log_one_person_and_pull_each_other_cleanly(
    run: Run, clones: tuple[Path, Path]
) -> None:
    laptop, phone = clones
    on_phone = phone / "People" / "Ana Costa.md"
    edit(on_phone, "globex]", "globex, lisbon]", "- 2026-11-20 call: moving to Lisbon\n")
    edit(on_phone, "last_contact: 2026-06-01", "last_contact: 2026-11-20")
    git(phone, "commit", "-qam", "phone")
    git(phone, "push", "-q", "origin", "HEAD:main")
    on_laptop = laptop / "People" / "Ana Costa.md"
    edit(on_laptop, "[person, globex]", "[person, mentor, globex]", "- 2026-11-22 coffee: ref\n")
    edit(on_laptop, "last_contact: 2026-06-01", "last_contact: 2026-11-22")
    git(laptop, "commit", "-qam", "laptop")
    pulled = git(laptop, "pull", "--no-rebase", "-q", "origin", "main")
    assert pulled.returncode == 0, pulled.stderr
    text = on_laptop.read_text()
    assert "tags: [person, mentor, globex, lisbon]\n" in text
    assert "last_contact: 2026-11-22\n" in text
    assert text.endswith(
        "- 2026-06-01 coffee: caught up\n- 2026-11-20 call: moving to Lisbon\n"
        "- 2026-11-22 coffee: ref\n"
    )
    git(laptop, "push", "-q", "origin", "HEAD:main")
    assert git(phone, "pull", "--no-rebase", "-q", "origin", "main").returncode == 0
    assert on_phone.read_text() == text


def test_a_true_conflict_marks_that_line_only_and_check_reports_it(
    run: Run, clones: tuple[Path, Path]
) -> None:
    laptop, phone = clones
    edit(phone / "People" / "Ana Costa.md", "Globex   # since 2024", "Initech")
    git(phone, "commit", "-qam", "phone")
    git(phone, "push", "-q", "origin", "HEAD:main")
    on_laptop = laptop / "People" / "Ana Costa.md"
    edit(on_laptop, "Globex   # since 2024", "Hooli", "- 2026-11-23 email to: hi\n")
    git(laptop, "commit", "-qam", "laptop")
    assert git(laptop, "pull", "--no-rebase", "-q", "origin", "main").returncode != 0
    text = on_laptop.read_text()
    assert "<<<<<<< ours\ncompany: Hooli\n=======\ncompany: Initech\n>>>>>>> theirs\n" in text
    assert text.count("<<<<<<<") == 1 and "- 2026-11-23 email to: hi\n" in text
    check = run("check", vault=laptop)
    assert "People/Ana Costa.md:3: error: a git merge left unresolved" in check.stdout


def test_a_side_notekit_cannot_read_is_merged_as_git_would(run: Run, tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / name for name in ("base.md", "ours.md", "theirs.md"))
    base.write_text(NOTE)
    ours.write_text(NOTE.replace("tags: [person, globex]", "tags: [person, globex"))  # broken
    theirs.write_text(NOTE + "- 2026-11-20 call: moving\n")
    merged = run("git", "merge", str(base), str(ours), str(theirs), "People/Ana Costa.md")
    assert merged.exit_code == 0  # git's text merge: no line both sides changed
    text = ours.read_text()
    assert "tags: [person, globex\n" in text and text.endswith("- 2026-11-20 call: moving\n")


def test_resolve_merges_every_note_a_merge_without_the_driver_left_conflicted(
    run: Run, tmp_path: Path
) -> None:
    git(tmp_path, "init", "-q", "-b", "main", "vault")
    vault = tmp_path / "vault"
    (vault / "People").mkdir()
    for name in ("Ana Costa", "Ben Okafor"):
        (vault / "People" / f"{name}.md").write_text(NOTE.replace("Ana Costa", name))
    git(vault, "add", "-A")
    git(vault, "commit", "-qm", "vault")
    git(vault, "checkout", "-q", "-b", "phone")
    edit(vault / "People" / "Ana Costa.md", "globex]", "globex, lisbon]", "- 2026-11-20 call: y\n")
    edit(vault / "People" / "Ben Okafor.md", "Globex   # since 2024", "Initech")
    git(vault, "commit", "-qam", "phone")
    git(vault, "checkout", "-q", "main")
    edit(vault / "People" / "Ana Costa.md", "[person, globex]", "[person, mentor, globex]")
    edit(vault / "People" / "Ana Costa.md", "", "", "- 2026-11-22 coffee: x\n")
    edit(vault / "People" / "Ben Okafor.md", "Globex   # since 2024", "Hooli")
    git(vault, "commit", "-qam", "laptop")
    assert git(vault, "merge", "-q", "phone").returncode != 0  # git's own merge: conflicts
    resolved = run("git", "resolve", vault=vault)
    assert resolved.exit_code == 1
    assert resolved.stdout == (
        "1 note merged and added.\n  conflict left to resolve: People/Ben Okafor.md\n"
    )
    ana = (vault / "People" / "Ana Costa.md").read_text()
    assert "tags: [person, mentor, globex, lisbon]\n" in ana and "<<<<<<<" not in ana
    assert ana.endswith("- 2026-11-20 call: y\n- 2026-11-22 coffee: x\n")
    status = git(vault, "status", "--porcelain").stdout.splitlines()
    assert status == ['M  "People/Ana Costa.md"', 'UU "People/Ben Okafor.md"']
    ben = (vault / "People" / "Ben Okafor.md").read_text()
    assert "<<<<<<< ours\ncompany: Hooli\n=======\ncompany: Initech\n>>>>>>> theirs\n" in ben
