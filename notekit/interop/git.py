"""git, the program, for a vault kept in a repository: the merge driver's set-up (which notes
it merges: `.gitattributes`; how it is run: the repository's own config) and git's three-way
merge of text, which the driver leaves the rest of a note's body to."""

from __future__ import annotations

import shlex
import sys
import tempfile
from pathlib import Path

from notekit.core.errors import GitError
from notekit.read.files import replace_atomic
from notekit.write.gitvault import run_git

ATTRIBUTE = "*.md merge=notekit"
DRIVER = "merge.notekit.driver"
NAME = "merge.notekit.name"


def root_of(vault: Path) -> Path:
    """The top folder of the repository the vault is in; GitError when it is in none."""
    found = run_git(["rev-parse", "--show-toplevel"], vault, check=False)
    if found.returncode != 0:
        raise GitError(f"{vault} is not in a git repository (git init, or clone it first)")
    return Path(found.stdout.decode().strip())


def driver_command() -> str:
    """How git runs the driver: this interpreter by its absolute path, so that a GUI (Obsidian
    Git, a desktop client) with another PATH finds it."""
    return f"{shlex.quote(sys.executable)} -m notekit git merge %O %A %B %P"


def setup_state(vault: Path) -> dict[str, bool]:
    """Whether each part of the set-up is there: the attribute, the driver."""
    root = root_of(vault)
    attributes = root / ".gitattributes"
    lines = attributes.read_text("utf-8").splitlines() if attributes.is_file() else []
    configured = run_git(["config", "--local", "--get", DRIVER], root, check=False)
    return {
        ".gitattributes": ATTRIBUTE in (line.strip() for line in lines),
        DRIVER: configured.returncode == 0
        and configured.stdout.decode().strip() == driver_command(),
    }


def setup(vault: Path) -> list[str]:
    """Set the driver up (idempotent): the attribute line added to `.gitattributes` (its
    other lines kept), the driver written into the repository's local config. What was done."""
    root = root_of(vault)
    state = setup_state(vault)
    done = []
    if not state[".gitattributes"]:
        attributes = root / ".gitattributes"
        old = attributes.read_bytes() if attributes.is_file() else b""
        joined = old if not old or old.endswith(b"\n") else old + b"\n"
        replace_atomic(attributes, joined + ATTRIBUTE.encode() + b"\n")
        done.append(f"added `{ATTRIBUTE}` to {attributes}")
    if not state[DRIVER]:
        run_git(["config", "--local", NAME, "notekit: person notes merged entry by entry"], root)
        run_git(["config", "--local", DRIVER, driver_command()], root)
        done.append(f"set {DRIVER} in {root / '.git' / 'config'}")
    return done


def merge_file(ours: bytes, base: bytes, theirs: bytes) -> tuple[bytes, int]:
    """git's own three-way merge of texts: the result (with markers where both sides changed
    the same lines) and how many such places there are."""
    with tempfile.TemporaryDirectory(prefix="notekit-merge-") as folder:
        paths = [Path(folder) / name for name in ("ours", "base", "theirs")]
        for path, data in zip(paths, (ours, base, theirs), strict=True):
            path.write_bytes(data)
        labels = ["-L", "ours", "-L", "base", "-L", "theirs"]
        found = run_git(["merge-file", "-p", *labels, *map(str, paths)], Path(folder), check=False)
    if found.returncode < 0 or found.returncode > 127:
        raise GitError(f"git merge-file failed: {found.stderr.decode(errors='replace').strip()}")
    return found.stdout, found.returncode


def conflicted_notes(vault: Path) -> dict[str, list[bytes]]:
    """The notes (`*.md`) a merge left conflicted in the repository of `vault`, each with its
    three versions from the index (base, ours, theirs; empty when a side has none), read in
    two git processes however many there are."""
    root = root_of(vault)
    listed = run_git(["ls-files", "-u", "-z"], root).stdout.split(b"\0")
    stages: dict[str, dict[int, str]] = {}
    for entry in filter(None, listed):
        info, _, path = entry.partition(b"\t")
        _, blob, stage = info.split()
        if path.endswith(b".md"):
            stages.setdefault(path.decode(), {})[int(stage)] = blob.decode()
    blobs = sorted({blob for found in stages.values() for blob in found.values()})
    data = _blobs(root, blobs)
    return {
        path: [data[found[stage]] if stage in found else b"" for stage in (1, 2, 3)]
        for path, found in sorted(stages.items())
    }


def _blobs(root: Path, names: list[str]) -> dict[str, bytes]:
    """The content of each blob, by one `git cat-file --batch`."""
    if not names:
        return {}
    names_in = "".join(f"{name}\n" for name in names).encode()
    found = run_git(["cat-file", "--batch"], root, stdin=names_in).stdout
    out, at = {}, 0
    for name in names:
        header_end = found.index(b"\n", at)
        size = int(found[at:header_end].split()[2])
        out[name] = found[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1  # the content, then a newline
    return out


def mark_resolved(vault: Path, paths: list[str]) -> None:
    """`git add` the notes a merge resolved."""
    if paths:
        run_git(["add", "--", *paths], root_of(vault))
