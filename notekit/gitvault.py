"""Optional git integration: commit just the file a command changed (`[git] autocommit`)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def commit_file(vault: Path, rel: str, message: str) -> str | None:
    """Commit only `rel` with `message`; return why not, or None when committed."""
    git = shutil.which("git")
    if git is None:
        return "git is not installed"

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [git, "-C", str(vault), *args], capture_output=True, text=True, timeout=60
        )

    if run("rev-parse", "--is-inside-work-tree").returncode != 0:
        return "the vault is not in a git repository"
    added = run("add", "--", rel)
    if added.returncode != 0:
        return added.stderr.strip() or "git add failed"
    done = run("commit", "--quiet", "--only", "-m", message, "--", rel)
    if done.returncode != 0:
        return done.stderr.strip() or done.stdout.strip() or "git commit failed"
    return None
