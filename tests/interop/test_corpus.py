"""Front-matter edge cases from other parsers' test suites (../shared/corpus, when present)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import CORPUS, Run

EDGE = CORPUS / "frontmatter-edge"
pytestmark = pytest.mark.skipif(not EDGE.is_dir(), reason="shared corpus not present")


@pytest.fixture(scope="module")
def corpus_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every corpus file as a person note (`.md`), so each one goes through the whole path."""
    vault = tmp_path_factory.mktemp("corpus")
    for source in sorted(p for p in EDGE.rglob("*") if p.is_file()):
        rel = source.relative_to(EDGE)
        name = "__".join(rel.parts).replace(".", "_") + ".md"
        (vault / "People").mkdir(exist_ok=True)
        shutil.copyfile(source, vault / "People" / name)
    return vault


def test_people_and_check_survive_every_corpus_file(run: Run, corpus_vault) -> None:
    files = sorted(p.name for p in (corpus_vault / "People").iterdir())
    people = run("people", "--json", vault=corpus_vault)
    assert people.exit_code == 0
    assert sorted(p["path"].split("/")[-1] for p in people.json()) == sorted(
        f for f in files if (corpus_vault / "People" / f).read_bytes()[:8192].count(b"\0") == 0
    )
    check = run("check", "--json", vault=corpus_vault)
    problems = check.json()
    assert check.exit_code == (1 if problems else 0)
    for problem in problems:
        assert problem["path"] in {f"People/{f}" for f in files}
        assert problem["line"] is None or problem["line"] >= 1
    seen = [(p["path"], p["line"], p["message"]) for p in problems]
    assert len(seen) == len(set(seen)), "a problem was reported twice"


def test_known_broken_corpus_files_are_reported(run: Run, corpus_vault) -> None:
    check = run("check", "--json", vault=corpus_vault)
    assert check.exit_code == 1
    problems = check.json()
    flagged = {p["path"] for p in problems if p["severity"] == "error"}
    # obsidiantools' invalid front-matter fixture must be among the errors when present
    expected = [
        f"People/{name}"
        for name in ("obsidiantools__tests__general__invalid-frontmatter_1_md.md",)
        if (corpus_vault / "People" / name).exists()
    ]
    assert set(expected) <= flagged
    assert flagged, "the corpus holds broken front-matter; none was reported"
