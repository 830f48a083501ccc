"""The per-file cache: reused when files are unchanged, never trusted when damaged."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import MakeVault, Run, settle
from notekit.read import parse
from notekit.store.facade import Store
from notekit.store.kept import cache_dir

NOTE = "---\ncadence: 1m\nlast_contact: 2026-10-01\n---\n"


@pytest.fixture
def counted_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    for name in ("parse_note", "parse_with_front_matter"):  # the store's two ways in
        real = getattr(parse, name)

        def counting(path: str, raw: bytes, channels: frozenset[str], real: Any = real) -> Any:
            parsed.append(path)
            return real(path, raw, channels)

        monkeypatch.setattr(f"notekit.store.reading.{name}", counting)
    return parsed


def _age(vault: Path, *only: str) -> None:
    """Make files look older than the cache's settle time, as files of a real vault are."""
    for path in [vault / p for p in only] or vault.rglob("*.md"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10**10))


def test_second_run_parses_nothing_and_an_edit_only_that_file(
    run: Run, make_vault: MakeVault, counted_parses: list[str]
) -> None:
    vault = make_vault({"People/Pat.md": NOTE, "People/Sam.md": NOTE})
    _age(vault)
    run("due", "--json", vault=vault)
    assert sorted(counted_parses) == ["People/Pat.md", "People/Sam.md"]
    counted_parses.clear()
    assert run("due", "--json", vault=vault).json()["due"][0]["last_contact"] == "2026-10-01"
    assert counted_parses == []
    (vault / "People/Pat.md").write_text(NOTE.replace("2026-10-01", "2026-11-01"))
    _age(vault, "People/Pat.md")
    rows = {r["name"]: r for r in run("people", "--json", vault=vault).json()}
    assert counted_parses == ["People/Pat.md"]
    assert rows["Pat"]["last_contact"] == "2026-11-01"


def test_a_file_whose_mtime_alone_changed_is_not_parsed_again(
    run: Run, make_vault: MakeVault, counted_parses: list[str]
) -> None:
    """A checkout, a copy or a sync gives every file a new mtime: what each holds is compared
    with what was kept, and only a file whose content changed (here Sam's, of the same size)
    is parsed again, for `due` and for the report's index alike."""
    vault = make_vault({"People/Pat.md": NOTE, "People/Sam.md": NOTE})
    _age(vault)
    run("due", "--json", vault=vault)
    counted_parses.clear()
    for path in vault.rglob("*.md"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10**9))
    (vault / "People/Sam.md").write_text(NOTE.replace("2026-10-01", "2026-10-02"))
    _age(vault, "People/Sam.md")
    due = {r["name"]: r for r in run("due", "--json", vault=vault).json()["due"]}
    assert counted_parses == ["People/Sam.md"]
    assert due["Sam"]["last_contact"] == "2026-10-02" and due["Pat"]["last_contact"] == "2026-10-01"
    counted_parses.clear()
    for path in vault.rglob("*.md"):
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10**9))
    assert run("report", "-o", str(vault.parent / "site"), vault=vault).exit_code == 0
    assert counted_parses == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data[:40] + b"garbage" + data[47:],
        lambda data: b"",
        # a header as written (magic, label length, label), then a wrong checksum and garbage
        lambda data: data[: 20 + int.from_bytes(data[16:20], "big")] + b"\x00" * 32 + b"junk",
    ],
)
def test_a_damaged_cache_is_rebuilt(
    run: Run, make_vault: MakeVault, counted_parses: list[str], damage
) -> None:
    vault = make_vault({"People/Pat.md": NOTE, "People/Sam.md": NOTE})
    _age(vault)
    run("people", "--json", vault=vault)
    folder = cache_dir(vault)
    assert folder is not None
    shards = sorted(folder.glob("*.pickle"))  # the note shards and the summary
    assert shards
    for shard in shards:
        shard.write_bytes(damage(shard.read_bytes()))
    counted_parses.clear()
    result = run("people", "--json", vault=vault)
    assert [p["last_contact"] for p in result.json()] == ["2026-10-01", "2026-10-01"]
    assert sorted(counted_parses) == ["People/Pat.md", "People/Sam.md"]


def test_two_runs_at_once_leave_a_usable_cache(make_vault: MakeVault) -> None:
    import subprocess
    import sys

    vault = make_vault({f"People/P{n}.md": NOTE for n in range(40)})
    _age(vault)
    command = [sys.executable, "-m", "notekit", "--vault", str(vault), "people", "--json"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE) for _ in range(4)]
    outputs = [r.communicate(timeout=60)[0] for r in runs]
    assert all(r.returncode == 0 for r in runs) and len(set(outputs)) == 1
    again = subprocess.run(command, capture_output=True, check=True)
    assert again.stdout == outputs[0]


def test_a_new_config_invalidates_the_cache(
    run: Run, make_vault: MakeVault, counted_parses: list[str]
) -> None:
    vault = make_vault({"People/Pat.md": NOTE})
    _age(vault)
    run("people", vault=vault)
    (vault / "notekit.toml").write_text('default_cadence = "1y"\n')
    counted_parses.clear()
    run("people", vault=vault)
    assert counted_parses == ["People/Pat.md"]


def test_the_cache_lives_outside_the_vault(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Pat.md": NOTE})
    run("people", vault=vault)
    assert sorted(p.name for p in vault.rglob("*")) == ["Pat.md", "People"]


def test_an_unwritable_cache_folder_only_costs_speed(
    run: Run, make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    monkeypatch.setenv("NOTEKIT_CACHE_DIR", str(blocker / "cache"))
    vault = make_vault({"People/Pat.md": NOTE})
    _age(vault)
    result = run("people", "--json", vault=vault)
    assert result.exit_code == 0 and result.json()[0]["name"] == "Pat"


def test_a_damaged_shard_costs_only_its_notes(
    run: Run, make_vault: MakeVault, counted_parses: list[str], tmp_path: Path
) -> None:
    vault = make_vault({f"People/P{n}.md": NOTE for n in range(40)})
    _age(vault)
    before = run("people", "--json", vault=vault).stdout
    site = str(tmp_path / "site")
    assert run("report", "-o", site, vault=vault).exit_code == 0
    folder = cache_dir(vault)
    assert folder is not None
    damaged = sorted(folder.glob("notes-*.pickle"))[0]
    damaged.write_bytes(damaged.read_bytes()[:-10])
    counted_parses.clear()
    assert run("people", "--json", vault=vault).stdout == before
    assert counted_parses == []  # the summary is kept apart from the shards
    assert run("report", "-o", site, vault=vault).exit_code == 0  # the index reads every note
    assert 0 < len(counted_parses) < 40  # the notes of that one shard, read again
    counted_parses.clear()
    assert run("report", "-o", site, vault=vault).exit_code == 0
    assert counted_parses == []


def test_a_blob_cut_short_or_changed_anywhere_is_not_read(tmp_path: Path) -> None:
    """A blob is the pickle then its checksum, written as it is made: cut at any length, or
    with any byte changed, it reads as nothing (the notes are read again), never as a value."""
    from notekit.store.kept import read_blob, write_blob

    value = {"people": [f"People/P{n}.md" for n in range(2000)], "n": 1}
    path = tmp_path / "blob.pickle"
    write_blob(path, "test:1", value)
    whole = path.read_bytes()
    assert read_blob(path, "test:1") == value
    assert read_blob(path, "test:2") is None  # another stamp
    for cut in (0, 10, len(whole) // 2, len(whole) - 33, len(whole) - 32, len(whole) - 1):
        path.write_bytes(whole[:cut])
        assert read_blob(path, "test:1") is None, cut
    for place in (len(whole) // 2, len(whole) - 1):
        changed = bytearray(whole)
        changed[place] ^= 1
        path.write_bytes(bytes(changed))
        assert read_blob(path, "test:1") is None, place
    write_blob(path, "test:1", value, [1, 2], "three")  # values pickled one by one
    assert read_blob(path, "test:1", 3) == (value, [1, 2], "three")
    assert read_blob(path, "test:1") is None  # another count: not what was asked for
    assert read_blob(path, "test:1", 4) is None
    large = [str(n) * 300 for n in range(10_000)]  # checked a block at a time, as it is read
    write_blob(path, "test:1", large)
    assert read_blob(path, "test:1") == large
    whole = path.read_bytes()
    changed = bytearray(whole)
    changed[len(whole) // 3] ^= 1
    path.write_bytes(bytes(changed))
    assert read_blob(path, "test:1") is None


def test_what_was_kept_loads_with_the_collector_off(make_vault: MakeVault) -> None:
    """Loading the kept summary makes thousands of objects that all stay: the cyclic GC,
    were it on meanwhile (a block of the load nested in another turned it back on), would
    walk them again and again for nothing."""
    vault = make_vault({f"People/Person {n}.md": NOTE + "- 2026-10-02 call\n" for n in range(300)})
    settle(vault)
    Store(vault).summary()  # kept for the next run
    started: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(count)
    try:
        people = Store(vault).summary().people
    finally:
        gc.callbacks.remove(count)
    assert len(people) == 300
    assert started == []


def test_a_value_kept_between_runs_is_made_again_when_its_inputs_differ(
    make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    from notekit.store.kept import kept_or_made

    vault = make_vault({"People/Ana.md": NOTE})
    made: list[str] = []

    def make(value: str) -> Callable[[], dict[str, str]]:
        def making() -> dict[str, str]:
            made.append(value)
            return {"made from": value}

        return making

    def kept(name: str, inputs: object, value: str) -> dict[str, str]:
        found, written = kept_or_made(vault, name, inputs, make(value))
        written()  # by a second process: done before the next run reads it
        return found

    assert kept("test", ("a", [1]), "a") == {"made from": "a"}
    assert kept("test", ("a", [1]), "again") == {"made from": "a"}
    assert kept("test", ("a", [2]), "b") == {"made from": "b"}
    assert kept("other", ("a", [2]), "c") == {"made from": "c"}
    assert made == ["a", "b", "c"]
    folder = cache_dir(vault)
    assert folder is not None
    (folder / "test.pickle").write_bytes(b"something else")
    assert kept("test", ("a", [2]), "d") == {"made from": "d"}
    monkeypatch.setenv("NOTEKIT_CACHE_DIR", "")  # no cache: made each time
    assert kept("test", ("a", [2]), "e") == {"made from": "e"}
    assert made == ["a", "b", "c", "d", "e"]
