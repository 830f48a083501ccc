"""Optional git integration: commit just the change a command made (`[git] autocommit`).

The commit holds exactly the bytes notekit wrote, built in a temporary index: nothing the user
staged, and no edit saved to the note after notekit's. When the note already had edits of the
user's that were not committed, nothing is committed (they would be mixed into notekit's
commit) and the command says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class _GitFailed(Exception):
    pass


def commit_file(
    vault: Path, path: Path, before: bytes | None, after: bytes, message: str
) -> str | None:
    """Commit `after` as the content of `path` (a file in the vault), if the note held no
    uncommitted edits (`before`: what notekit read; None for a new note). Returns why not, or
    None when committed."""
    git = shutil.which("git")
    if git is None:
        return "git is not installed"

    def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> bytes:
        done = subprocess.run(
            [git, "-C", str(vault), *args],
            input=stdin,
            capture_output=True,
            timeout=60,
            env={**os.environ, **(env or {})},
        )
        if done.returncode != 0:
            raise _GitFailed(done.stderr.decode(errors="replace").strip() or f"git {args[0]}")
        return done.stdout

    def text(*args: str, env: dict[str, str] | None = None) -> str:
        return run(*args, env=env).decode(errors="replace").strip()

    try:
        top = Path(text("rev-parse", "--show-toplevel"))
    except _GitFailed:
        return "the vault is not in a git repository"
    rel = path.resolve().relative_to(top.resolve()).as_posix()
    try:
        head = text("rev-parse", "--verify", "--quiet", "HEAD")
    except _GitFailed:
        head = ""  # a repository without commits yet
    try:
        committed: bytes | None = run("cat-file", "blob", f"{head}:{rel}") if head else None
    except _GitFailed:
        committed = None  # a note git does not know yet
    if before is not None and committed != before:
        return (
            f"{rel} had changes of yours that are not committed; commit them and notekit's "
            "together with git"
        )
    try:
        blob = run("hash-object", "-w", "--stdin", stdin=after).decode().strip()
        mode = "100755" if os.access(path, os.X_OK) else "100644"
        entry = f"{mode},{blob},{rel}"
        with tempfile.TemporaryDirectory() as folder:
            index = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
            if head:
                run("read-tree", head, env=index)
            run("update-index", "--add", "--cacheinfo", entry, env=index)
            tree = text("write-tree", env=index)
        parents = ["-p", head] if head else []
        commit = text("commit-tree", tree, *parents, "-m", message)
        run("update-ref", "-m", f"notekit: {message}", "HEAD", commit, *([head] if head else []))
        run("update-index", "--add", "--cacheinfo", entry)  # the user's index agrees with HEAD
    except _GitFailed as exc:
        return str(exc)
    return None
