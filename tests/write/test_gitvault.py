"""Committing what notekit wrote (`[git] autocommit`), and git run one way
(notekit.write.gitvault): through the commands a user runs, in a repository of the test's own."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TODAY, Run


@pytest.fixture
def vault(ana_vault: Path) -> Path:
    return ana_vault


Git = Callable[..., str]


@pytest.fixture
def git(vault: Path, monkeypatch: pytest.MonkeyPatch) -> Git:
    """The vault in a repository of its own, with every file committed and notekit's commits
    on: git run in it, its output."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    (vault / "notekit.toml").write_text("[git]\nautocommit = true\n")
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "t")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "t@example.com")

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(vault), *args], check=True, capture_output=True, text=True
        ).stdout

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "start")
    return git


def test_autocommit_commits_just_the_changed_file(run: Run, vault: Path, git: Git) -> None:
    (vault / "People/Ana Lima.md").write_text("edited by the user, not committed\n")
    result = run("log", "Ana Costa", "coffee chat", "-c", "coffee", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert git("log", "-1", "--format=%s") == "log: coffee with Ana Costa\n"
    assert git("show", "--name-only", "--format=", "HEAD") == "People/Ana Costa.md\n"
    assert "People/Ana Lima.md" in git("status", "--porcelain")
    assert "Ana Costa" not in git("status", "--porcelain")  # the index agrees with the commit

    # the user's own unsaved edit to the note is never swept into notekit's commit
    ana = vault / "People/Ana Costa.md"
    ana.write_text(ana.read_text() + "my private draft, not for a commit yet\n")
    git("add", "People/Ana Lima.md")  # and what the user staged stays staged, uncommitted
    result = run("log", "Ana Costa", "second", vault=vault)
    assert result.exit_code == 0
    assert "not committed" in result.stderr and "changes of yours" in result.stderr
    assert git("log", "-1", "--format=%s") == "log: coffee with Ana Costa\n"
    assert "my private draft" not in git("show", "HEAD:People/Ana Costa.md")
    assert git("diff", "--cached", "--name-only") == "People/Ana Lima.md\n"
    git("commit", "-qam", "mine")
    assert run("snooze", "Ana Costa", "2w", vault=vault).exit_code == 0
    assert git("log", "-1", "--format=%s").startswith("snooze: Ana Costa")
    assert git("status", "--porcelain") == ""


def test_each_commit_says_what_was_written(run: Run, vault: Path, git: Git, tmp_path: Path) -> None:
    def subject(*args: str) -> str:
        result = run(*args, vault=vault)
        assert result.exit_code == 0, result.stderr
        return git("log", "-1", "--format=%s").strip()

    assert subject("add", "Ben Okafor", "--email", "ben@example.com") == "add: Ben Okafor"
    assert subject("set", "Ben Okafor", "role=CTO", "tags+=alumni") == (
        "set: role=CTO, tags+=alumni on Ben Okafor"
    )
    card = tmp_path / "ben.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Okafor\r\nEMAIL:ben@example.com\r\n"
        "EMAIL:ben@work.example\r\nEMAIL:BEN@work.example\r\nTEL:+44 20 7946 0000\r\n"
        "END:VCARD\r\n"
    )
    assert subject("import", "vcard", str(card)) == "import vcard: phone, email"
    assert git("status", "--porcelain") == ""
    sixty = "a long catch-up about the reorg, her move to Lisbon, and the"  # 60 characters
    assert subject("log", "Ben Okafor", sixty) == f"log: Ben Okafor: {sixty}"
    assert subject("log", "Ben Okafor", sixty + " new team") == f"log: Ben Okafor: {sixty[:59]}…"
    text = (vault / "People/Ben Okafor.md").read_text()
    assert "email: [ben@example.com, ben@work.example]\n" in text  # an address in one case


def test_autocommit_leaves_what_the_user_staged_staged_and_out_of_its_commit(
    run: Run, vault: Path, git: Git
) -> None:
    (vault / "People/Ana Lima.md").write_text("staged by the user\n")
    git("add", "People/Ana Lima.md")
    assert run("log", "Ana Costa", "coffee", vault=vault).exit_code == 0
    assert git("show", "--name-only", "--format=", "HEAD") == "People/Ana Costa.md\n"
    assert git("diff", "--cached", "--name-only") == "People/Ana Lima.md\n"


def test_autocommit_keeps_the_mode_git_has_for_the_note(run: Run, vault: Path, git: Git) -> None:
    (vault / "People/Ana Costa.md").chmod(0o755)  # as a note copied from a FAT drive may be
    git("commit", "-qam", "executable")
    assert run("log", "Ana Costa", "coffee", vault=vault).exit_code == 0
    assert git("log", "-1", "--format=%s") == "log: Ana Costa: coffee\n"
    assert git("ls-tree", "HEAD", "People/Ana Costa.md").startswith("100755 blob ")


def test_autocommit_makes_the_first_commit_of_a_new_repository(
    run: Run, vault: Path, git: Git
) -> None:
    shutil.rmtree(vault / ".git")
    git("init", "-q")
    result = run("add", "Ben Okafor", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert git("log", "--format=%s") == "add: Ben Okafor\n"
    assert git("show", "--name-only", "--format=", "HEAD") == "People/Ben Okafor.md\n"
    result = run("log", "Ana Costa", "coffee", vault=vault)  # a note git has never had
    assert (
        "written, but not committed: People/Ana Costa.md had changes of yours that are not "
        "committed; commit them and notekit's together with git" in result.stderr
    )


def test_autocommit_says_why_it_could_not_commit(
    run: Run, vault: Path, git: Git, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    branch = git("symbolic-ref", "--short", "HEAD").strip()
    lock = vault / ".git" / "refs" / "heads" / f"{branch}.lock"
    lock.write_text("")  # another git at work on the branch
    result = run("log", "Ana Costa", "coffee", vault=vault)
    assert result.exit_code == 0  # the note is written all the same
    assert "written, but not committed:" in result.stderr and f"{branch}.lock" in result.stderr
    lock.unlink()
    shutil.rmtree(vault / ".git")
    result = run("log", "Ana Costa", "tea", vault=vault)
    assert "written, but not committed: the vault is not in a git repository" in result.stderr
    monkeypatch.setenv("PATH", str(tmp_path / "nothing here"))
    result = run("log", "Ana Costa", "cake", vault=vault)
    assert "written, but not committed: git is not installed" in result.stderr
    assert (vault / "People/Ana Costa.md").read_text().count(f"- {TODAY} ") == 3


@pytest.mark.parametrize(
    ("program", "says"),
    [
        (b"#!/bin/sh\nexec sleep 30\n", "git rev-parse did not finish within 1 s"),
        (b"\x7fELF broken", "git cannot be run: Exec format error"),
    ],
)
def test_a_git_that_hangs_or_cannot_run_is_said_not_waited_for(
    run: Run,
    vault: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    program: bytes,
    says: str,
) -> None:
    from notekit.write import gitvault

    (vault / "notekit.toml").write_text("[git]\nautocommit = true\n")
    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_bytes(program)
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(gitvault, "GIT_SECONDS", 1)
    result = run("log", "Ana Costa", "coffee", vault=vault)
    assert result.exit_code == 0
    assert f"written, but not committed: {says}" in result.stderr
    result = run("git", "setup", vault=vault)
    assert result.exit_code == 2 and says in result.stderr
