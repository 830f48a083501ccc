"""Shared helpers: run the CLI as a user would, on fixture vaults or vaults written inline."""

from __future__ import annotations

import json
import os
import textwrap
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from notekit.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
TODAY = "2026-11-23"


def pytest_configure(config: pytest.Config) -> None:
    """A suite that could write its own expected values would compare them with themselves."""
    if os.environ.get("NOTEKIT_UPDATE_GOLDEN"):
        raise pytest.UsageError(
            "NOTEKIT_UPDATE_GOLDEN is set: the suite only compares; rewrite golden files with "
            "`make golden`"
        )


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test gets its own cache folder and no vault or date from the environment."""
    monkeypatch.setenv("NOTEKIT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("NOTEKIT_VAULT", raising=False)
    monkeypatch.delenv("NOTEKIT_TODAY", raising=False)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:  # noqa: ANN401 - whatever the command printed
        return json.loads(self.stdout)


def run_cli(*args: str, vault: Path | None = None, today: str | None = TODAY) -> Result:
    """Run `notekit [--vault V] [--today T] ARGS` in-process and capture what a user sees."""
    argv: list[str] = []
    if vault is not None:
        argv += ["--vault", str(vault)]
    if today is not None:
        argv += ["--today", today]
    result = CliRunner().invoke(cli, [*argv, *args], catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def settle(vault: Path) -> None:
    """Date the files written in the last seconds ten seconds back, as if saved before: a note
    saved this very second is never trusted to the cache."""
    for path in [*vault.rglob("*.md"), *vault.rglob("*.json"), *vault.rglob("*.toml")]:
        stamp = path.stat().st_mtime_ns
        if time.time_ns() - stamp < 5 * 10**9:
            os.utime(path, ns=(stamp - 10**10, stamp - 10**10))


Run = Callable[..., Result]  # the `run` fixture: run_cli
MakeVault = Callable[[Mapping[str, str | bytes]], Path]  # the `make_vault` fixture


@pytest.fixture
def run() -> Run:
    return run_cli


@pytest.fixture
def make_vault(tmp_path: Path) -> MakeVault:
    """Write a vault from {relative path: text}; text is dedented, bytes are written as-is."""

    def make(files: Mapping[str, str | bytes]) -> Path:
        root = tmp_path / "vault"
        root.mkdir(exist_ok=True)
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return root

    return make


# a person note with what a write must keep: a comment, a quoted date with a comment after it
ANA = """\
---
name: Ana Costa
aliases: [Ana C.]
# keep this comment
cadence: 3m
last_contacted: "2026-08-01"   # quoted on purpose
tags: [person]
---
# Ana

## Log
- 2026-08-01 coffee: the first one
"""


@pytest.fixture
def ana_vault(make_vault: MakeVault) -> Path:
    """The vault the write commands are tried on: Ana Costa (`ANA`), Ana Lima, whose name
    begins the same, and Grace Liu, whose follow-up date is written `Follow Up On`."""
    return make_vault(
        {
            "People/Ana Costa.md": ANA,
            "People/Ana Lima.md": "---\ncadence: 1m\n---\nNo log yet.\n",
            "People/Grace Liu.md": "---\nFollow Up On: 2026-11-24\ncadence: 1y\n---\n",
        }
    )


def build_report(run: Run, vault: Path, out: Path, *args: str) -> Path:
    """`notekit report -o OUT ARGS` on the vault, which must succeed: the index.html it names."""
    result = run("report", "-o", str(out), *args, vault=vault)
    assert result.exit_code == 0, result.stderr
    return Path(result.stdout.strip())


def site_files(root: Path) -> dict[str, bytes]:
    """Every file of a site folder and its bytes, manifest included."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def due_by_name(result: Result) -> dict[str, dict]:
    assert result.exit_code == 0, result.stderr
    return {row["name"]: row for row in result.json()["due"]}


def people_by_name(result: Result) -> dict[str, dict]:
    assert result.exit_code == 0, result.stderr
    return {row["name"]: row for row in result.json()}


class Tally:
    """What a property test's examples came to: a test that may refuse an example must still
    check enough of them, or it would pass if the code refused everything."""

    def __init__(self) -> None:
        self.checked = 0
        self.refused = 0

    def refuse(self) -> None:
        self.refused += 1

    def check(self) -> None:
        self.checked += 1


def at_least_checked(share: float) -> Callable[[Callable[[Tally], None]], Callable[[], None]]:
    """Run a hypothesis test (given a `Tally` as its first argument) and fail when fewer than
    `share` of its examples were checked rather than refused."""

    def wrap(test: Callable[[Tally], None]) -> Callable[[], None]:
        def run() -> None:
            tally = Tally()
            test(tally)
            tried = tally.checked + tally.refused
            assert tried and tally.checked >= share * tried, (tally.checked, tally.refused)

        run.__name__ = test.__name__
        run.__doc__ = test.__doc__
        return run

    return wrap
