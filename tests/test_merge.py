"""`merge KEEP OTHER` as a user runs it: one note afterwards, no line of either lost, every
link to OTHER leading to KEEP, OTHER in the trash."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from test_edit import notes

from conftest import FIXTURES

KEEP, OTHER = "People/Ana Costa.md", "People/Ana C..md"
LINKING = ("People/Bea.md", "Daily/2026-11-02.md", "Meetings/sync.md")


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    shutil.copytree(FIXTURES / "merge", root)
    return root


def _texts(vault: Path) -> dict[str, str]:
    return {
        p.relative_to(vault).as_posix(): p.read_bytes().decode()
        for p in sorted(vault.rglob("*.md"))
    }


def test_merge_leaves_one_note_and_no_link_to_the_other(run, vault: Path) -> None:
    before = _texts(vault)
    result = run("merge", "Ana Costa", OTHER, vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "links to Ana C. now lead to Ana Costa in 3 more notes" in result.stdout
    assert not (vault / OTHER).exists()
    assert (vault / ".trash/Ana C..md").read_bytes().decode() == before[OTHER]
    after = _texts(vault)
    for path, text in after.items():
        if not path.startswith(".trash/"):
            assert not re.search(r"\[\[(People/)?Ana C\.[]|#]", text), path
    assert "No problems" in run("check", vault=vault).stdout  # no link left broken
    # the links keep their heading and shown text
    assert "[[Ana Costa]] and [[Ana Costa|Ana]] at lunch" in after["Daily/2026-11-02.md"]
    assert "With [[Ana Costa|A]], see [[Ana Costa#Notes]]." in after["Meetings/sync.md"]
    assert 'attendees: ["[[Ana Costa]]", "[[Bea]]"]' in after["Meetings/sync.md"]
    assert "Knows [[Ana Costa]] from MIT." in after["People/Bea.md"]


def test_merge_loses_no_line_of_either_note(run, vault: Path) -> None:
    before = _texts(vault)
    assert run("merge", KEEP, OTHER, vault=vault).exit_code == 0
    merged = (vault / KEEP).read_text()
    lines = set(merged.splitlines())
    relinked = lambda line: line.replace("[[Ana C.", "[[Ana Costa")  # noqa: E731
    for line in before[KEEP].splitlines():
        assert relinked(line) in lines or line.startswith(("email:", "tags:")), line
    body = before[OTHER].replace("\r\n", "\n").split("---\n", 2)[2]
    for line in body.splitlines():
        assert relinked(line) in lines, line
    ana = run("show", "Ana Costa", "--json", vault=vault).json()
    assert ana["emails"] == ["ana@example.com", "ana.c@old.example"]
    assert ana["aliases"] == ["Ana C.", "Ana"]
    assert ana["tags"] == ["colleague", "classmate"]
    assert ana["phone"] == "+1 555"
    assert ana["history"] == ["MIT (2008–2012)"]
    # KEEP's own values win; OTHER's role was at the company KEEP does not say: both kept aside
    assert (ana["company"], ana["role"]) == ("Globex", None)
    assert "```yaml\ncompany: Initech\nrole: Engineer\n```" in merged
    # OTHER's entries in KEEP's log, newest first as KEEP writes it, the same one once
    log = merged.split("## Log\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert log == [
        "- 2026-10-01 coffee: talked about Globex",
        "- 2026-08-15 lunch: at the old place",
        "  - she wants an intro to [[Bea]]",
        "- 2026-06-01 call: first call",
        "- 2025-12-01 email to: sent the talk",
    ]
    assert "## From Ana C. (merged 2026-11-23)\n\n# Ana C.\n\nLikes climbing." in merged
    days = [i["date"] for i in ana["interactions"]]
    assert "2026-11-02" in days and "2026-11-10" in days  # the other note's mentions now count


def test_a_dry_run_writes_and_moves_nothing(run, vault: Path) -> None:
    before = _texts(vault)
    result = run("merge", "Ana Costa", OTHER, "--dry-run", vault=vault)
    assert result.exit_code == 0
    assert "+- 2026-08-15 lunch: at the old place" in result.stdout
    assert '-attendees: ["[[Ana C.]]", "[[Bea]]"]' in result.stdout
    assert "not moved to .trash/Ana C..md" in result.stderr
    assert _texts(vault) == before


def test_merge_refuses_what_it_cannot_do_and_writes_nothing(run, vault: Path) -> None:
    before = _texts(vault)
    same = run("merge", KEEP, "Ana Costa", vault=vault)
    assert same.exit_code == 2 and "same note" in same.stderr
    (vault / OTHER).write_text("---\nname: [broken\n---\n[[Bea]]\n")
    broken = run("merge", KEEP, OTHER, vault=vault)
    assert broken.exit_code == 2 and "cannot be parsed" in broken.stderr
    assert _texts(vault) == {**before, OTHER: "---\nname: [broken\n---\n[[Bea]]\n"}


def test_a_second_trashed_note_of_the_same_name_is_kept_too(run, vault: Path) -> None:
    (vault / ".trash").mkdir()
    (vault / ".trash/Ana C..md").write_text("an older one\n")
    assert run("merge", KEEP, OTHER, vault=vault).exit_code == 0
    assert (vault / ".trash/Ana C..md").read_text() == "an older one\n"
    assert (vault / ".trash/Ana C. 2.md").exists()


@settings(max_examples=int(os.environ.get("NOTEKIT_EXAMPLES", "300")) // 3, deadline=None)
@given(notes(), notes())
def test_a_merge_keeps_every_value_and_body_line_or_is_refused(keep: bytes, other: bytes) -> None:
    """KEEP's values stay (lists may only grow), and every body line of both notes is in the
    merged note, but for OTHER's log headings."""
    from notekit.core.errors import EditError
    from notekit.read.front_matter import front_matter_end
    from notekit.store.facade import Store
    from notekit.write.edit import _front_matter
    from notekit.write.merge import plan_merge

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "People").mkdir()
        (root / KEEP).write_bytes(keep)
        (root / OTHER).write_bytes(other)
        summary = Store(root).summary()
        people = {p.path: p for p in summary.people}
        try:
            merge = plan_merge(summary, people[KEEP], people[OTHER], dt.date(2026, 11, 23))
        except EditError:
            return
        merge.discard()
    after = merge.keep.after.decode().removeprefix("\ufeff")
    old, _ = _front_matter(keep)
    new, errors = _front_matter(merge.keep.after)
    assert not errors
    for key, value in old.items():
        got = new[key]
        if isinstance(value, list):
            assert got[: len(value)] == value
        elif value not in (None, ""):
            assert got == value or (isinstance(got, list) and got[0] == value)
    lines = set(after.replace("\r\n", "\n").split("\n"))
    for data, skip in ((keep, ()), (other, ("## Log",))):
        text = data.decode().removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
        end = front_matter_end(text)
        for line in text[0 if end is None else end + 1 :]:
            assert line in lines or line.strip() in skip or not line.strip(), line
