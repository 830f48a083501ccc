"""The vault summary: `due` and `people` answer from it only while nothing changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import notekit.summary

PAT = "---\ncadence: 1m\n---\n"


def _age(vault: Path) -> None:
    for path in [*vault.rglob("*.md"), *vault.rglob("*.json")]:
        stamp = path.stat().st_mtime_ns - 10**10
        os.utime(path, ns=(stamp, stamp))


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    counted: list[int] = []
    real = notekit.summary.build_index

    def counting(*args, **kwargs):  # noqa: ANN002, ANN003
        counted.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(notekit.summary, "build_index", counting)
    return counted


@pytest.fixture
def vault(make_vault) -> Path:
    vault = make_vault(
        {
            "People/Pat.md": PAT,
            "People/Sam.md": "---\ncadence: 2w\n---\n- [ ] call 📅 2026-11-24\n",
            "Journal/23.10.2026.md": "coffee with [[Pat]]",
            "Notes/Bad.md": "---\nname: [broken\n---\n",
        }
    )
    _age(vault)
    return vault


def test_a_second_run_answers_from_the_summary(run, vault, builds) -> None:
    first = run("due", "--json", vault=vault)
    assert len(builds) == 1
    second = run("due", "--json", vault=vault)
    people = run("people", "--json", vault=vault)
    assert len(builds) == 1
    assert second.stdout == first.stdout and second.stderr == first.stderr
    assert "Notes/Bad.md" in second.stderr  # problems are told from the summary too
    assert {p["name"] for p in people.json()} == {"Pat", "Sam"}
    assert second.json()["tasks"][0]["name"] == "Sam"


@pytest.mark.parametrize(
    "change",
    [
        lambda v: (v / "People/Pat.md").write_text(PAT + "- 2026-11-20 call: new\n"),
        lambda v: (v / "notekit.toml").write_text('[people]\nfolders = ["Notes"]\n'),
        lambda v: (
            (v / ".obsidian").mkdir()
            or (v / ".obsidian/daily-notes.json").write_text(
                '{"folder": "Journal", "format": "DD.MM.YYYY"}'
            )
        ),
        lambda v: (v / "People/Pat.md").unlink(),
    ],
)
def test_any_change_rebuilds(run, vault, builds, change) -> None:
    before = run("due", "--json", "--within", "99", vault=vault).stdout
    change(vault)
    _age(vault)
    after = run("due", "--json", "--within", "99", vault=vault).stdout
    assert len(builds) == 2
    assert after != before
