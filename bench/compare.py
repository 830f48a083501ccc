"""Record what every command prints on a vault, and compare two such records byte for byte.

    python bench/compare.py record VAULT OUT_DIR [--today YYYY-MM-DD] [--code CHECKOUT]
    python bench/compare.py diff BEFORE_DIR AFTER_DIR

A refactoring must not change what a user sees: record on the code before (a checkout of it,
`git worktree add /tmp/before HEAD~3`, given as --code), record on the code after, and diff.
Each command runs twice, without a cache and then from the kept state, and both outputs are
recorded (they must agree with each other too). The commands that write run
with `--dry-run`, so the vault is never touched; `report` is not recorded (its pages carry the
time they were built).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def _people(vault: Path, count: int) -> list[str]:
    """A few person note stems, spread over the vault: names to show, log and snooze."""
    stems = sorted(p.stem for p in vault.rglob("*.md") if "People" in p.parts)
    step = max(1, len(stems) // count)
    return stems[::step][:count]


def commands(vault: Path) -> dict[str, list[str]]:
    """Name -> arguments of every command recorded on `vault`."""
    names = _people(vault, 5)
    first = names[0].split()[0]
    found: dict[str, list[str]] = {
        "due": ["due", "--json"],
        "due-within": ["due", "--within", "30", "--json"],
        "people": ["people", "--json"],
        "people-due": ["people", "--due", "--json"],
        "check": ["check", "--json"],
        "check-text": ["check"],
        "find-first": ["find", first, "--json"],
        "find-typo": ["find", first[:-1] + "x", "--json"],
        "find-company": ["find", "globex", "--json"],
        "show-unknown": ["show", "Nobody At All"],
    }
    for n, name in enumerate(names):
        found[f"show-{n}"] = ["show", name, "--json"]
        found[f"show-text-{n}"] = ["show", name]
        found[f"log-{n}"] = ["log", name, "caught up", "-c", "call", "--dry-run"]
        found[f"snooze-{n}"] = ["snooze", name, "2w", "--dry-run"]
    found["add"] = ["add", "Zed Newcomer", "--company", "Initech", "--dry-run"]
    return found


def record(vault: Path, out: Path, today: str, code: Path) -> None:
    """Run every command on `vault` with the notekit of the checkout `code`."""
    vault = vault.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="notekit-compare-") as tmp:
        cache = Path(tmp) / "cache"
        env = {
            **os.environ,
            "NOTEKIT_CACHE_DIR": str(cache),
            "COLUMNS": "120",
            "PYTHONPATH": str(code),
        }
        for run in ("cold", "warm"):
            for name, args in commands(vault).items():
                if run == "cold":
                    shutil.rmtree(cache, ignore_errors=True)
                done = subprocess.run(
                    [sys.executable, "-m", "notekit", "--vault", str(vault), "--today", today]
                    + args,
                    capture_output=True,
                    env=env,
                    cwd=code,  # `python -m` looks in the working folder first
                )
                text = done.stdout + b"\n--- stderr\n" + done.stderr
                text += f"\n--- exit {done.returncode}\n".encode()
                (out / f"{name}.{run}.txt").write_bytes(text)


def diff(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    differ = []
    for name in names:
        old, new = before / name, after / name
        if not old.exists() or not new.exists() or old.read_bytes() != new.read_bytes():
            differ.append(name)
    for cold in sorted(after.glob("*.cold.txt")):
        warm = cold.with_name(cold.name.replace(".cold.", ".warm."))
        if warm.exists() and warm.read_bytes() != cold.read_bytes():
            differ.append(f"{cold.name} (cold and warm differ)")
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(names)} outputs compared, {len(differ)} differ")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="action", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("vault", type=Path)
    rec.add_argument("out", type=Path)
    rec.add_argument("--today", default="2026-11-23")
    rec.add_argument("--code", type=Path, default=Path(__file__).resolve().parents[1])
    cmp = sub.add_parser("diff")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.action == "record":
        record(args.vault, args.out, args.today, args.code.resolve())
    else:
        sys.exit(diff(args.before, args.after))


if __name__ == "__main__":
    main()
