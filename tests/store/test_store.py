"""The store's facade answers as the full index does, whichever way it takes: from the kept
summary, from the notes, or from a vault held in memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from notekit.store.facade import Store
from notekit.store.index import build_index
from notekit.store.memory import index_from_texts

EXAMPLE = Path(__file__).parents[2] / "vault-example"
VAULTS = [EXAMPLE, FIXTURES / "interactions", FIXTURES / "detection", FIXTURES / "bom-crlf"]


@pytest.mark.parametrize("vault", VAULTS, ids=lambda v: v.name)
@pytest.mark.parametrize("runs", [1, 2], ids=["cold", "warm"])
def test_interactions_from_the_summary_are_those_of_the_index(vault: Path, runs: int) -> None:
    for _ in range(runs - 1):
        Store(vault).summary()  # a run before this one keeps the summary
    index = build_index(vault)
    store = Store(vault)
    summary = store.summary()
    assert [p.path for p in summary.people] == [p.path for p in index.people]
    assert summary.contact_dates == index.contact_dates
    assert [(t.person.path, t.source, t.line) for t in summary.tasks] == [
        (t.person.path, t.source, t.line) for t in index.tasks
    ]
    people = {p.path: p for p in summary.people}
    assert people, "a vault with people"
    for path, person in people.items():
        assert store.interactions_of(person) == index.interactions_of(person), path


def test_interactions_with_nothing_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NOTEKIT_CACHE_DIR", "")
    index = build_index(FIXTURES / "interactions")
    store = Store(FIXTURES / "interactions")
    for person in store.summary().people:
        assert store.interactions_of(person) == index.interactions_of(person)


def test_after_the_index_the_summary_is_the_index() -> None:
    store = Store(EXAMPLE)
    index = store.index()
    assert store.summary() is index


def test_a_vault_in_memory_is_indexed_as_on_disk() -> None:
    texts = {
        str(p.relative_to(EXAMPLE)): p.read_text("utf-8")
        for p in EXAMPLE.rglob("*.md")
        if "Templates" not in p.parts
    }
    config = (EXAMPLE / "notekit.toml").read_text("utf-8")
    memory = index_from_texts(texts, config, vault=EXAMPLE)
    disk = build_index(EXAMPLE)
    assert sorted(memory.notes) == sorted(disk.notes)
    assert [p.path for p in memory.people] == [p.path for p in disk.people]
    assert [memory.interactions_of(p) for p in memory.people] == [
        disk.interactions_of(p) for p in disk.people
    ]
    assert sorted(memory.problems) == sorted(disk.problems)
