"""git, the program, run one way; and the optional integration that commits just the change
a command made (`[git] autocommit`).

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
from collections.abc import Mapping, Sequence
from pathlib import Path

from notekit.core.errors import GitError

GIT_SECONDS = 60  # a git that runs longer waits on something (a lock, a prompt): it failed


def run_git(
    args: Sequence[str],
    cwd: Path,
    stdin: bytes | None = None,
    env: Mapping[str, str] | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[bytes]:
    """git with `args` in `cwd`, found on PATH; GitError, never a hang or a traceback, when it
    is missing, cannot be started or runs longer than GIT_SECONDS, and (with `check`) when it
    fails: then in its own words, after the name of its command."""
    program = shutil.which("git")
    if program is None:
        raise GitError("git is not installed (or not on PATH)")
    try:
        done = subprocess.run(
            [program, *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=GIT_SECONDS,
            env={**os.environ, **(env or {})},
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} did not finish within {GIT_SECONDS} s") from None
    except OSError as exc:
        raise GitError(f"git cannot be run: {exc.strerror or exc}") from None
    if check and done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip()
        raise GitError(f"git {args[0]}: {said}" if said else f"git {args[0]} failed")
    return done


def commit_file(
    vault: Path, path: Path, before: bytes | None, after: bytes, message: str
) -> str | None:
    """Commit `after` as the content of `path` (a file in the vault), if the note held no
    uncommitted edits (`before`: what notekit read; None for a new note). Returns why not, or
    None when committed."""

    def text(*args: str, env: Mapping[str, str] | None = None) -> str:
        return run_git(args, vault, env=env).stdout.decode(errors="replace").strip()

    try:
        found = run_git(["rev-parse", "--show-toplevel"], vault, check=False)
        if found.returncode != 0:
            return "the vault is not in a git repository"
        top = Path(found.stdout.decode(errors="replace").strip())
        rel = path.resolve().relative_to(top.resolve()).as_posix()
        head = run_git(["rev-parse", "--verify", "--quiet", "HEAD"], vault, check=False)
        parent = head.stdout.decode().strip() if head.returncode == 0 else ""  # none: no commit yet
        known = run_git(["cat-file", "blob", f"{parent}:{rel}"], vault, check=False)
        committed = known.stdout if parent and known.returncode == 0 else None  # None: a new note
        if before is not None and committed != before:
            return (
                f"{rel} had changes of yours that are not committed; commit them and notekit's "
                "together with git"
            )
        blob = run_git(["hash-object", "-w", "--stdin"], vault, stdin=after).stdout.decode().strip()
        mode = "100755" if os.access(path, os.X_OK) else "100644"
        entry = f"{mode},{blob},{rel}"
        with tempfile.TemporaryDirectory() as folder:
            index = {"GIT_INDEX_FILE": str(Path(folder) / "index")}
            if parent:
                text("read-tree", parent, env=index)
            text("update-index", "--add", "--cacheinfo", entry, env=index)
            tree = text("write-tree", env=index)
        parents = ["-p", parent] if parent else []
        commit = text("commit-tree", tree, *parents, "-m", message)
        text("update-ref", "-m", f"notekit: {message}", "HEAD", commit, parent)  # "": none yet
        text("update-index", "--add", "--cacheinfo", entry)  # the user's index agrees with HEAD
    except GitError as exc:
        return str(exc)
    return None
