"""The vault summary: `due` and `people` answer from it while nothing changed, read only the
notes that changed otherwise, and always agree with a run that has no cache at all."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import notekit.store.index
from conftest import MakeVault, Run, settle
from notekit.store import kept_summary
from notekit.store.kept import SHARDS, NoteCache, write_blob
from notekit.store.summary import Summary

PAT = "---\ncadence: 1m\n---\n"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the notes read to make a summary or an index, in every test run."""
    read: list[str] = []
    real = kept_summary.read_record

    def counting(vault: Path, reader, file, kept=None):  # noqa: ANN001, ANN202
        read.append(file.path)
        return real(vault, reader, file, kept)

    monkeypatch.setattr(kept_summary, "read_record", counting)
    monkeypatch.setattr(notekit.store.index, "read_record", counting)
    return read


@pytest.fixture
def vault(make_vault: MakeVault) -> Path:
    vault = make_vault(
        {
            "People/Pat.md": PAT,
            "People/Sam.md": "---\ncadence: 2w\n---\n- [ ] call 📅 2026-11-24\n",
            "Journal/23.10.2026.md": "coffee with [[Pat]]",
            "Meetings/Kickoff.md": "---\ndate: 2026-11-02\n---\nwith [[Sammy]]\n"
            "- [ ] send notes to [[Pat]] 📅 2026-11-25\n",
            "Notes/Bad.md": "---\nname: [broken\n---\n",
        }
    )
    settle(vault)
    return vault


def _answers(run: Run, vault: Path) -> tuple[str, str, str, str, str]:
    due = run("due", "--json", "--within", "99", vault=vault)
    people = run("people", "--json", vault=vault)
    stats = run("stats", "--since", "2026-01-01", "--json", vault=vault)
    agenda = run("agenda", "--days", "60", "--json", vault=vault)
    return due.stdout, people.stdout, due.stderr, stats.stdout, agenda.stdout


def _counted_derive(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that gets an item each time the summary is derived anew."""
    derived: list[int] = []
    real = kept_summary.derive

    def counted(*args: Any) -> Summary:  # noqa: ANN401 - as derive's
        derived.append(1)
        return real(*args)

    monkeypatch.setattr(kept_summary, "derive", counted)
    return derived


def _uncached(
    run: Run, vault: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, str, str, str, str]:
    with monkeypatch.context() as m:
        m.setenv("NOTEKIT_CACHE_DIR", "")
        return _answers(run, vault)


def test_a_second_run_reads_no_note(run: Run, vault: Path, reads: list[str]) -> None:
    first = run("due", "--json", vault=vault)
    assert len(reads) == 5
    second = run("due", "--json", vault=vault)
    people = run("people", "--json", vault=vault)
    assert len(reads) == 5
    assert second.stdout == first.stdout and second.stderr == first.stderr
    assert "Notes/Bad.md" in second.stderr  # problems are told from the summary too
    assert {p["name"] for p in people.json()} == {"Pat", "Sam"}
    assert second.json()["tasks"][0]["name"] == "Sam"


def test_a_read_kept_in_memory_leaves_the_summary_for_the_next_command_once_flushed(
    run: Run, vault: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`watch` writes the summary after the pages it read the vault for: a command run
    beside then answers from it, deriving nothing and reading no note."""
    memory = kept_summary.InMemory()
    notekit.store.index.index_kept_in(vault, memory)
    EDITS["log an entry"](vault)
    settle(vault)
    notekit.store.index.index_kept_in(vault, memory)
    memory.flush()
    reads.clear()
    derived = _counted_derive(monkeypatch)
    due = run("due", "--json", vault=vault)
    assert (reads, derived) == ([], [])
    with monkeypatch.context() as uncached:
        uncached.setenv("NOTEKIT_CACHE_DIR", "")
        assert due.stdout == run("due", "--json", vault=vault).stdout


EDITS: dict[str, Callable[[Path], object]] = {
    "log an entry": lambda v: (v / "People/Pat.md").write_text(PAT + "- 2026-11-20 call: new\n"),
    "log an outreach and an answer": lambda v: (v / "People/Pat.md").write_text(
        PAT + "- 2026-11-01 email to: hi\n- 2026-11-03 email from: hello\n"
    ),
    "add an opportunity": lambda v: (v / "People/Sam.md").write_text(
        "---\ncadence: 2w\n---\n## Opportunities\n- 2026-11-02 referral (won): the job\n"
    ),
    "plan an event with a tag": lambda v: (v / "Meetings/Kickoff.md").write_text(
        "---\ndate: 2026-12-02\ntags: [team]\n---\nwith [[Sammy]]\n"
    ),
    "give an alias a daily note uses": lambda v: (v / "People/Sam.md").write_text(
        "---\ncadence: 2w\naliases: [Sammy]\n---\n"
    ),
    "add a person a note already links": lambda v: (v / "People/Sammy.md").write_text(
        "---\ncadence: 1w\n---\n"
    ),
    "delete a person": lambda v: (v / "People/Pat.md").unlink(),
    "add a daily note": lambda v: (v / "Journal/2026-11-21.md").write_text("lunch: [[Sam]]"),
    "break a person's front-matter": lambda v: (v / "People/Sam.md").write_text(
        "---\ncadence: [2w\n---\n"
    ),
    "mend the broken note": lambda v: (v / "Notes/Bad.md").write_text("fine now"),
    "change a person's cadence": lambda v: (v / "People/Pat.md").write_text(
        "---\ncadence: 1w\n---\n"
    ),
    "mention someone in a meeting note": lambda v: (v / "Meetings/Kickoff.md").write_text(
        "---\ndate: 2026-11-02\n---\nwith [[Sam]], then [[Sam]] again\n"
    ),
    "add a promise to a meeting note": lambda v: (v / "Meetings/Kickoff.md").write_text(
        "---\ndate: 2026-11-02\n---\nwith [[Sammy]]\n- [ ] intro [[Sam]] to [[Pat]] 📅 2026-11-20\n"
    ),
    "keep a promise": lambda v: (v / "People/Sam.md").write_text(
        "---\ncadence: 2w\n---\n- [x] call 📅 2026-11-24\n"
    ),
    "turn a note into a person": lambda v: (v / "Notes/Bad.md").write_text(
        "---\ntype: person\n---\n"
    ),
}


# edits that leave every link leading where it did: the kept summary is patched, not derived
PATCHED = {
    "log an entry",
    "log an outreach and an answer",
    "add an opportunity",
    "plan an event with a tag",
    "break a person's front-matter",
    "mend the broken note",
    "change a person's cadence",
    "mention someone in a meeting note",
    "add a promise to a meeting note",
    "keep a promise",
}


@pytest.mark.parametrize("name", EDITS)
def test_after_an_edit_only_that_note_is_read_and_the_answer_is_a_fresh_one(
    run: Run, vault: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch, name
) -> None:
    before = _answers(run, vault)
    reads.clear()
    derived = _counted_derive(monkeypatch)
    EDITS[name](vault)
    settle(vault)
    after = _answers(run, vault)
    assert after != before
    assert len(reads) <= 1
    assert bool(derived) == (name not in PATCHED)
    assert after == _uncached(run, vault, monkeypatch)


@pytest.mark.parametrize(
    ("change", "read_again"),
    [
        (lambda v: (v / "notekit.toml").write_text('[people]\nfolders = ["Notes"]\n'), 5),
        (
            lambda v: (
                (v / ".obsidian").mkdir()
                or (v / ".obsidian/daily-notes.json").write_text(
                    '{"folder": "Journal", "format": "DD.MM.YYYY"}'
                )
            ),
            0,  # which notes are daily notes is decided after reading: the records still hold
        ),
    ],
    ids=["config", "daily-notes settings"],
)
def test_a_settings_change_derives_the_summary_again(
    run: Run, vault: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch, change, read_again
) -> None:
    before = _answers(run, vault)
    reads.clear()
    change(vault)
    settle(vault)
    after = _answers(run, vault)
    assert len(reads) == read_again
    assert after != before
    assert after == _uncached(run, vault, monkeypatch)
    # as `watch` reads it, with what it kept in memory from before the change
    settings = {
        path: path.read_bytes() for path in [*vault.rglob("*.toml"), *vault.rglob("*.json")]
    }
    for path in settings:
        path.unlink()
    settle(vault)
    memory = kept_summary.InMemory()
    kept_summary.read_vault(vault, memory)
    for path, data in settings.items():
        path.write_bytes(data)
    settle(vault)
    watched = kept_summary.read_vault(vault, memory).summary
    monkeypatch.setenv("NOTEKIT_CACHE_DIR", "")
    assert watched == kept_summary.vault_summary(vault)


def test_a_note_saved_this_instant_is_read_again_next_time(
    run: Run, vault: Path, reads: list[str]
) -> None:
    run("due", "--json", vault=vault)
    (vault / "People/Pat.md").write_text(PAT + "- 2026-11-20 call: new\n")  # mtime: now
    reads.clear()
    first = run("due", "--json", vault=vault).stdout
    second = run("due", "--json", vault=vault).stdout
    assert reads == ["People/Pat.md", "People/Pat.md"]
    assert first == second


def test_with_every_note_loaded_each_person_is_held_once(vault: Path) -> None:
    """An index loads every note's record, which holds its person: the summary's people are
    those very ones, not a second copy unpickled beside them."""
    kept_summary.vault_summary(vault)  # the summary is kept
    read = kept_summary.read_vault(vault, every_note=True)
    records = {file.path: read.kept.get(file) for file in read.files}
    assert read.summary.people
    for person in read.summary.people:
        record = records[person.path]
        assert record is not None and record[1] is person


def test_a_person_kept_of_another_version_of_the_note_is_not_taken(
    vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record kept of another version of Pat's note (another size) says another name: the
    summary, derived from the version on disk, keeps its own Pat."""
    kept_summary.vault_summary(vault)
    read = kept_summary.read_vault(vault, every_note=True)
    pat = next(file for file in read.files if file.path == "People/Pat.md")
    note, person, problems = read.kept.get(pat) or pytest.fail("Pat's record is kept")
    assert person is not None
    stale = dataclasses.replace(person, name="Someone Else")
    read.kept.put(pat._replace(size=pat.size + 1), (note, stale, problems), now=time.time_ns())
    read.kept.save()
    people = kept_summary.read_vault(vault, every_note=True).summary.people
    monkeypatch.setenv("NOTEKIT_CACHE_DIR", "")
    assert people == kept_summary.vault_summary(vault).people
    assert "Someone Else" not in {p.name for p in people}


def test_two_processes_read_as_one(run: Run, vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = _uncached(run, vault, monkeypatch)
    monkeypatch.setattr(kept_summary, "PARALLEL_FROM", 2)
    assert _uncached(run, vault, monkeypatch) == serial


def test_an_index_read_on_two_cores_is_the_one_read_on_one_and_is_kept(
    vault: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first report reads every note for its index, half in a second process: the same
    index, and what it read is kept for the next one."""
    import os

    from notekit.store.index import build_index

    serial = build_index(vault)
    monkeypatch.setenv("NOTEKIT_CACHE_DIR", str(vault.parent / "two-cores"))
    monkeypatch.setattr(kept_summary, "PARALLEL_FROM", 2)
    forks: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        forks.append(1)
        return real_fork()

    monkeypatch.setattr(os, "fork", fork)
    reads.clear()
    halves = build_index(vault)
    assert forks and 0 < len(reads) < len(serial.notes)  # the other half read in the child
    assert (halves.notes, halves.people) == (serial.notes, serial.people)
    assert [halves.interactions_of(p) for p in halves.people] == [
        serial.interactions_of(p) for p in serial.people
    ]
    reads.clear()
    assert build_index(vault).notes == serial.notes
    assert reads == []  # every record came back from the second process and was kept


def test_what_a_second_process_writes_is_kept(
    run: Run, vault: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many notes read on two cores: the next runs answer from what was kept without reading
    a note."""
    expected = _uncached(run, vault, monkeypatch)
    monkeypatch.setattr(kept_summary, "PARALLEL_FROM", 2)
    assert _answers(run, vault) == expected
    reads.clear()
    derived = _counted_derive(monkeypatch)
    assert _answers(run, vault) == expected
    assert reads == derived == []


@pytest.mark.parametrize("cached", [True, False])
def test_a_failing_second_process_costs_only_time(
    run: Run, vault: Path, monkeypatch: pytest.MonkeyPatch, cached
) -> None:
    serial = _uncached(run, vault, monkeypatch)
    monkeypatch.setattr(kept_summary, "PARALLEL_FROM", 2)
    real = kept_summary._read
    parent = os.getpid()

    def failing_in_the_child(*args):  # noqa: ANN002, ANN202
        if os.getpid() != parent:
            raise RuntimeError("the child dies")
        return real(*args)

    monkeypatch.setattr(kept_summary, "_read", failing_in_the_child)
    assert (_answers(run, vault) if cached else _uncached(run, vault, monkeypatch)) == serial


def test_shards_written_over_by_another_run_cost_only_their_notes(
    run: Run, vault: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """After the second process wrote its shards, a run at the same time writes them empty:
    the summary was kept all the same, and the next command that needs those notes' records
    reads them again."""
    expected = _uncached(run, vault, monkeypatch)
    monkeypatch.setattr(kept_summary, "PARALLEL_FROM", 2)
    real = NoteCache.save_half

    def after_another_run(kept: NoteCache, half: int) -> None:
        real(kept, half)
        for number in range(half, SHARDS, 2):
            write_blob(kept._path(number), kept._stamp, {})

    monkeypatch.setattr(NoteCache, "save_half", after_another_run)
    assert _answers(run, vault) == expected
    monkeypatch.setattr(NoteCache, "save_half", real)
    reads.clear()
    assert _answers(run, vault) == expected
    assert reads == []  # the summary itself was kept
    site = str(tmp_path / "site")
    assert run("report", "-o", site, vault=vault).exit_code == 0  # the index reads them again
    assert reads  # those of the shards written over
    reads.clear()
    assert run("report", "-o", site, vault=vault).exit_code == 0
    assert reads == []


def test_an_unwritable_cache_folder_on_two_cores(
    run: Run, vault: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    expected = _uncached(run, vault, monkeypatch)
    monkeypatch.setattr(kept_summary, "PARALLEL_FROM", 2)
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    monkeypatch.setenv("NOTEKIT_CACHE_DIR", str(blocker / "cache"))
    assert _answers(run, vault) == expected


# what each note may say: the property test below writes any mix of these lines
_LINES: dict[str, tuple[str, list[str]]] = {
    "People/Pat.md": (
        PAT,
        [
            "- 2026-11-20 call: new",
            "- 2026-11-01 email to: hi",
            "- 2026-11-03 email from: hello",
            "- 2026-13-01 call: a day that is not one",
            "- [ ] send the CV 📅 2026-11-24",
            "## Opportunities\n- 2026-11-02 referral (open): the job",
        ],
    ),
    "People/Sam.md": (
        "---\ncadence: 2w\naliases: [Sammy]\n---\n",
        ["- 2026-10-10 coffee", "- 2026-11-05 message from: ping", "- [ ] call 📅 2026-11-24"],
    ),
    "Journal/2026-11-21.md": (
        "",
        ["lunch with [[Sam]]", "coffee with [[Pat]]", "- [ ] intro [[Sammy]] 📅 2026-11-22"],
    ),
    "Meetings/Kickoff.md": (
        "---\ndate: 2026-11-02\ntags: [team]\n---\n",
        ["with [[Sammy]]", "and [[Pat]]", "- [ ] send notes to [[Pat]] 📅 2026-11-25"],
    ),
    "Notes/Other.md": (
        "",
        ["---\ndate: 2026-12-20\n---", "---\nname: [broken\n---", "see [[Nobody]]"],
    ),
}

_CONTENTS = st.fixed_dictionaries(
    {path: st.lists(st.sampled_from(lines), max_size=4) for path, (_, lines) in _LINES.items()}
)


def _write(vault: Path, chosen: dict[str, list[str]]) -> None:
    for path, lines in chosen.items():
        (vault / path).parent.mkdir(parents=True, exist_ok=True)
        (vault / path).write_text(_LINES[path][0] + "".join(line + "\n" for line in lines))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=_CONTENTS, edits=st.lists(_CONTENTS, min_size=1, max_size=3))
def test_a_patched_summary_is_the_summary_derived_anew(
    tmp_path_factory: pytest.TempPathFactory, first: dict, edits: list[dict]
) -> None:
    """Whatever the notes say and however they change (no one renamed), the kept summary
    patched with the changed notes equals, order included, the one derived from every note."""
    vault = tmp_path_factory.mktemp("vault")
    cache = str(tmp_path_factory.mktemp("cache"))
    _write(vault, first)
    settle(vault)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NOTEKIT_CACHE_DIR", cache)
        kept_summary.vault_summary(vault)
        derived = _counted_derive(patch)
        for edit in edits:
            _write(vault, edit)
            settle(vault)
            patch.setenv("NOTEKIT_CACHE_DIR", cache)
            patched = kept_summary.vault_summary(vault)
            assert not derived
            patch.setenv("NOTEKIT_CACHE_DIR", "")
            anew = kept_summary.vault_summary(vault)
            derived.clear()
            assert patched == anew
            for name in ("note_links", "events", "opportunities", "last_words", "mentioned_in"):
                assert list(getattr(patched, name)) == list(getattr(anew, name)), name


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=_CONTENTS, edits=st.lists(_CONTENTS, min_size=1, max_size=3))
def test_a_summary_kept_in_memory_is_patched_as_the_kept_one_and_leaves_earlier_ones_alone(
    tmp_path_factory: pytest.TempPathFactory, first: dict, edits: list[dict]
) -> None:
    """As `watch` reads the vault again and again in one process: after the first read
    nothing is loaded from disk, each answer is the one derived anew, and a summary handed
    out before an edit still says what the vault said then."""
    vault = tmp_path_factory.mktemp("vault")
    cache = str(tmp_path_factory.mktemp("cache"))
    _write(vault, first)
    settle(vault)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NOTEKIT_CACHE_DIR", "")
        then = kept_summary.vault_summary(vault)
        patch.setenv("NOTEKIT_CACHE_DIR", cache)
        memory = kept_summary.InMemory()
        earlier = kept_summary.read_vault(vault, memory).summary
        loads: list[Path] = []
        real = kept_summary.read_blob

        def counted(path: Path, *args: Any) -> Any:  # noqa: ANN401 - as read_blob's
            loads.append(path)
            return real(path, *args)

        patch.setattr(kept_summary, "read_blob", counted)
        derived = _counted_derive(patch)
        for edit in edits:
            _write(vault, edit)
            settle(vault)
            patch.setenv("NOTEKIT_CACHE_DIR", cache)
            patched = kept_summary.read_vault(vault, memory).summary
            assert not derived
            assert not loads
            patch.setenv("NOTEKIT_CACHE_DIR", "")
            anew = kept_summary.vault_summary(vault)
            derived.clear()
            assert patched == anew
        assert earlier == then


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chosen=_CONTENTS)
def test_an_index_gives_each_person_the_touches_of_the_summary(
    tmp_path_factory: pytest.TempPathFactory, chosen: dict
) -> None:
    """The index packs a person's touches when first asked (a page asks for one person's):
    asked one by one, then as a whole, they are the summary's."""
    vault = tmp_path_factory.mktemp("vault")
    _write(vault, chosen)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NOTEKIT_CACHE_DIR", "")
        summary = kept_summary.vault_summary(vault)
        index = notekit.store.index.build_index(vault)
    for person in index.people:
        assert index.touches_of(person) == summary.touches_of(person)
        assert index.wrote_last(person) == summary.wrote_last(person)
    assert dict(index.touches) == summary.touches
    assert {p.path: index.touches_of(p) for p in index.people} == {
        p.path: summary.touches_of(p) for p in summary.people
    }


def test_a_checkout_that_changed_every_mtime_reads_no_record_and_derives_nothing(
    run: Run, vault: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A checkout, a copy or a sync gives every note a new mtime and the same bytes: the kept
    summary still holds, each note's bytes compared with what it was derived from; the run
    after that is an ordinary warm one. One note of the same size with other bytes is
    patched in alone."""
    before = _answers(run, vault)
    moment = time.time() - 100
    for path in vault.rglob("*.md"):
        os.utime(path, (moment, moment))
    reads.clear()
    derived = _counted_derive(monkeypatch)
    assert _answers(run, vault) == before
    assert reads == [] and derived == []
    moment -= 50
    for path in vault.rglob("*.md"):
        os.utime(path, (moment, moment))
    pat = vault / "People/Pat.md"
    pat.write_text(PAT.replace("1m", "2m"))  # the same size, other bytes
    os.utime(pat, (moment, moment))
    after = _answers(run, vault)
    assert reads == ["People/Pat.md"] and derived == []
    assert after != before and after == _uncached(run, vault, monkeypatch)


@given(
    st.lists(st.integers(1, 28), min_size=0, max_size=12),
    st.integers(0, 29),
    st.integers(0, 29),
)
def test_the_events_between_two_days_are_those_a_look_at_every_event_finds(
    days: list[int], after: int, until: int
) -> None:
    import datetime as dt

    from notekit.store.memory import index_from_texts

    notes = {
        f"Meetings/m{n}.md": f"---\ndate: 2026-11-{day:02d}\n---\n" for n, day in enumerate(days)
    }
    index = index_from_texts(notes)
    start, end = (
        dt.date(2026, 11, 1) + dt.timedelta(after),
        dt.date(2026, 11, 1) + dt.timedelta(until),
    )
    expected = {path: e for path, e in index.events.items() if start < e.date <= end}
    found = index.events_between(start, end)
    assert list(found.items()) == list(expected.items())  # the same, in the files' order


def test_the_last_answer_is_their_latest_message_or_meeting_and_mine_are_not() -> None:
    import datetime as dt

    from notekit.store.memory import index_from_texts

    index = index_from_texts(
        {
            "People/Ana.md": "## Log\n- 2026-10-01 email to: hi\n- 2026-10-05 email from: yo\n"
            "- 2026-10-20 coffee: at last\n- 2026-11-01 email to: thanks\n",
            "People/Ben.md": "## Log\n- 2026-10-01 email from: hello\n- 2026-11-01 email to: hi\n",
            "People/Cy.md": "## Log\n- 2026-10-01 email to: anyone?\n",
        }
    )
    ana, ben, cy = index.people
    assert index.last_answer(ana) == dt.date(2026, 10, 20)  # the coffee, a meeting
    assert index.last_answer(ben) == dt.date(2026, 10, 1)
    assert index.last_answer(cy) is None
    assert (index.wrote_last(ana), index.wrote_last(cy)) == (True, True)
