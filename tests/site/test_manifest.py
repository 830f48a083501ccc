"""The site's manifest: after an edit, only the pages a changed note feeds are worked out again,
and the site is the one a fresh build makes, byte for byte, manifest included; and the same of
the builds of one process (`watch`), which carry the ties from one to the next."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import TODAY, MakeVault, Run, build_report, site_files
from notekit.site import report
from notekit.site.manifest import MANIFEST, Inputs, Manifest, manifest_pieces, read_manifest
from notekit.store.index import index_kept_in
from notekit.store.kept_summary import InMemory

VAULT = {
    "People/Ana.md": "---\nhistory: [Globex (2018-2022)]\nknows: [Cy]\ncadence: 3m\n---\n"
    "## Log\n- 2026-10-01 email to: hello\n",
    "People/Ben.md": "---\nhistory: [Globex (2019-2020)]\ncadence: 1m\n---\n## Log\n",
    "People/Cy.md": "---\nhistory: [Initech (2010-2012)]\n---\nLikes sailing.\n",
    "People/Dee.md": "---\ncadence: 6m\n---\n## Log\n- 2026-11-26 call: later\n",
    "People/Eve.md": "---\nhistory: [Globex (2024-2025)]\ncadence: 1y\n---\n"
    "## Log\n- 2026-11-25 call: later\n",
    "People/Fay.md": "---\ncadence: 1y\n---\nTied to no one, until Dee says she knows her.\n",
    "Daily/2026-11-20.md": "coffee with [[Ana]] and [[Ben]]\n",
    "Meetings/Kickoff.md": "---\ndate: 2026-11-02\n---\nwith [[Cy]]\n",
    # a daily note once the settings say so: Eve and Dee lunched together, before their calls
    "Journal/21.11.2026.md": "lunch with [[Eve]] and [[Dee]]\n",
}


def _append(path: str, text: str) -> Callable[[Path], None]:
    def edit(vault: Path) -> None:
        with (vault / path).open("a") as note:
            note.write(text)

    return edit


def _replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(vault: Path) -> None:
        note = vault / path
        text = note.read_text()
        assert old in text
        note.write_text(text.replace(old, new))

    return edit


def _write(path: str, text: str) -> Callable[[Path], None]:
    def edit(vault: Path) -> None:
        (vault / path).parent.mkdir(exist_ok=True)
        (vault / path).write_text(text)

    return edit


def _touch(path: str) -> Callable[[Path], None]:
    def edit(vault: Path) -> None:
        os.utime(vault / path, (1_700_000_000, 1_700_000_000))

    return edit


EDITS = [
    _append("People/Ben.md", "- 2026-11-21 call from: hi\n"),
    _append("Daily/2026-11-20.md", "and later [[Dee]]\n"),
    _replace("Daily/2026-11-20.md", "[[Ana]] and ", ""),
    _replace("People/Cy.md", "Initech (2010-2012)", "Globex (2019-2021)"),
    _append("People/Dee.md", "Met through [[Cy]].\n"),
    _replace("People/Dee.md", "Met through [[Cy]].\n", "Met at a fair.\n"),
    _replace("People/Ana.md", "knows: [Cy]\n", ""),
    _append("People/Ben.md", "- 2026-11-22 lunch with [[Cy]] and [[Dee]]\n"),
    _append("Meetings/Kickoff.md", "- [ ] send notes to [[Dee]] 📅 2026-12-05\n"),
    _touch("People/Eve.md"),
    _append("People/Ana.md", "\nShe moved to Lisbon.\n"),
    _replace("People/Eve.md", "(2024-2025)", "(2020-2021)"),  # now at Globex with Ana and Ben
    _write(".obsidian/daily-notes.json", '{"folder": "Journal", "format": "DD.MM.YYYY"}'),
    _replace("People/Dee.md", "cadence: 6m\n", "cadence: 6m\naliases: [Dede]\n"),
    _replace("People/Dee.md", "aliases: [Dede]\n", "aliases: [Dede]\nknows: [Fay]\n"),
]


@pytest.fixture
def worked_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The people whose page's notes part a build works out, in every build of the test."""
    found: list[str] = []
    real = report._Site._notes_part

    def counting(site, person):  # noqa: ANN001, ANN202
        found.append(person.path)
        return real(site, person)

    monkeypatch.setattr(report._Site, "_notes_part", counting)
    return found


def test_after_each_edit_the_site_is_the_one_a_fresh_build_makes(
    run: Run, make_vault: MakeVault, tmp_path: Path, worked_out: list[str]
) -> None:
    vault = make_vault(VAULT)
    out = tmp_path / "site"
    build_report(run, vault, out)
    for n, edit in enumerate(EDITS):
        edit(vault)
        build_report(run, vault, out)
        fresh = tmp_path / f"fresh-{n}"
        build_report(run, vault, fresh)
        assert site_files(out) == site_files(fresh), n


def test_an_edit_works_out_again_only_the_pages_it_feeds(
    run: Run, make_vault: MakeVault, tmp_path: Path, worked_out: list[str]
) -> None:
    vault = make_vault(VAULT)
    out = tmp_path / "site"
    build_report(run, vault, out)
    assert len(worked_out) == 6  # a first build: every page
    worked_out.clear()
    build_report(run, vault, out)
    assert worked_out == []  # nothing changed
    EDITS[0](vault)  # Ben logs a call: his page, and Ana's, tied to him at Globex and coffee
    build_report(run, vault, out)
    assert sorted(worked_out) == ["People/Ana.md", "People/Ben.md"]
    worked_out.clear()
    _touch("People/Eve.md")(vault)  # a new mtime, the same bytes
    build_report(run, vault, out)
    assert worked_out == []
    _replace("People/Cy.md", "Initech", "Globex")(vault)  # Globex has one more: every page
    build_report(run, vault, out)
    assert len(worked_out) == 6


_TEXT = st.text(max_size=12)  # quotes, backslashes, controls and any letter among them
_INPUTS = st.builds(
    Inputs,
    _TEXT,
    st.lists(st.tuples(_TEXT, _TEXT)),
    st.dictionaries(_TEXT, st.tuples(_TEXT, st.lists(st.integers(0, 10**6)))),
)


@given(
    version=_TEXT,
    pages=st.dictionaries(_TEXT, _TEXT),
    files=st.dictionaries(_TEXT, _TEXT),
    inputs=st.none() | _INPUTS,
)
def test_the_manifest_written_in_pieces_is_the_whole_one_as_json(
    version: str, pages: dict[str, str], files: dict[str, str], inputs: Inputs | None
) -> None:
    """The manifest is written a part at a time, never held whole: the parts are the JSON of
    the whole, keys sorted, and it reads back as what was written."""
    manifest = Manifest(pages, files, inputs)
    whole = {"version": version, "pages": pages, "files": files}
    if inputs is not None:
        whole["inputs"] = {"base": inputs.base, "notes": inputs.notes, "pages": inputs.pages}
    text = "".join(manifest_pieces(version, manifest))
    assert text == json.dumps(whole, sort_keys=True, separators=(",", ":")) + "\n"
    assert json.loads(text)["pages"] == pages


def test_a_manifest_of_another_shape_makes_every_page_anew(
    run: Run, make_vault: MakeVault, tmp_path: Path, worked_out: list[str]
) -> None:
    vault = make_vault(VAULT)
    out = tmp_path / "site"
    build_report(run, vault, out)
    inputs = read_manifest(out).inputs
    assert inputs is not None
    good = json.loads((out / MANIFEST).read_text())["inputs"]
    forged = [
        {**good, "notes": [["People/Ana.md", 3]]},
        {**good, "pages": {"people/ana.html": ["x", [len(good["notes"])]]}},
        {**good, "pages": {"people/ana.html": ["x", [True]]}},
        {**good, "pages": {"people/ana.html": ["x"]}},
        {**good, "base": None},
        [],
    ]
    for shape in forged:
        assert Inputs.of_json(shape) is None
    assert Inputs.of_json(good) == inputs
    text = (out / MANIFEST).read_text()
    (out / MANIFEST).write_text(text.replace('"inputs":{', '"inputs":{"base":7,"x":{'))
    worked_out.clear()
    EDITS[0](vault)
    build_report(run, vault, out)
    assert len(worked_out) == 6


class _Watching:
    """Builds in one process, as `watch` makes them: the notes kept in memory, and what each
    build carries to the next."""

    def __init__(self, vault: Path, out: Path) -> None:
        self.vault, self.out = vault, out
        self.kept: InMemory | None = None
        self.carried = report.Carried()

    def build(self) -> None:
        index, self.kept = index_kept_in(self.vault, self.kept)
        report.build_site(index, dt.date.fromisoformat(TODAY), self.out, carried=self.carried)


@pytest.fixture
def graphs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the builds of the test worked out the ties between people."""
    found: list[int] = []
    real = report.ties

    def counting(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        found.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(report, "ties", counting)
    return found


def test_builds_of_one_process_make_the_site_a_fresh_build_makes(
    run: Run, make_vault: MakeVault, tmp_path: Path, graphs: list[int]
) -> None:
    vault = make_vault(VAULT)
    watching = _Watching(vault, tmp_path / "site")
    watching.build()
    for n, edit in enumerate(EDITS):
        edit(vault)
        watching.build()
        fresh = tmp_path / f"fresh-{n}"
        build_report(run, vault, fresh)
        assert site_files(watching.out) == site_files(fresh), n


def test_builds_of_one_process_work_out_the_ties_again_only_when_an_edit_may_change_them(
    make_vault: MakeVault, tmp_path: Path, graphs: list[int]
) -> None:
    vault = make_vault(VAULT)
    watching = _Watching(vault, tmp_path / "site")
    watching.build()
    assert len(graphs) == 1
    EDITS[0](vault)  # Ben logs a call: no tie changes
    _append("People/Ana.md", "\nShe moved to Lisbon.\n")(vault)
    watching.build()
    assert len(graphs) == 1
    network = (watching.out / "network.html").read_text()
    for edit, why in [
        (EDITS[1], "a daily note names one more"),
        (EDITS[4], "a person's note links another"),
        (EDITS[3], "a history puts one more at Globex"),
        (
            _replace("People/Dee.md", "cadence: 6m\n", "cadence: 6m\nknows: [Fay]\n"),
            "Dee knows Fay",
        ),
        (_replace("People/Cy.md", "---\nhistory", "---\nname: Cy Young\nhistory"), "a new name"),
    ]:
        edit(vault)
        watching.build()
        assert len(graphs) == 2, why
        assert (watching.out / "network.html").read_text() != network, why
        network = (watching.out / "network.html").read_text()
        graphs.clear()
        graphs.append(1)


def test_builds_of_one_process_read_the_manifest_again_only_after_another_build(
    run: Run, make_vault: MakeVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[Path] = []
    real = report.read_manifest

    def counting(out: Path) -> Manifest:
        reads.append(out)
        return real(out)

    monkeypatch.setattr(report, "read_manifest", counting)
    vault = make_vault(VAULT)
    watching = _Watching(vault, tmp_path / "site")
    watching.build()
    EDITS[0](vault)
    watching.build()
    assert len(reads) == 1  # the second build took the manifest the first wrote
    EDITS[1](vault)
    build_report(run, vault, watching.out)  # another build of the folder
    EDITS[2](vault)
    watching.build()
    assert len(reads) == 3  # the other build's, then this one's
    fresh = tmp_path / "fresh"
    build_report(run, vault, fresh)
    assert site_files(watching.out) == site_files(fresh)
