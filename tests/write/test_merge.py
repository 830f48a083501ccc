"""`merge KEEP OTHER` as a user runs it: one note afterwards, no line of either lost, every
link to OTHER leading to KEEP, OTHER in the trash."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from note_strategies import notes

from conftest import FIXTURES, TODAY, MakeVault, Run, Tally, at_least_checked

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


def test_merge_leaves_one_note_and_no_link_to_the_other(run: Run, vault: Path) -> None:
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


def test_merge_loses_no_line_of_either_note(run: Run, vault: Path) -> None:
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


def test_keep_s_front_matter_is_read_again_only_after_an_edit(
    run: Run, make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two notes of one template, 300 keys alike: each of OTHER's keys is looked up in KEEP
    as it is, read once (it was read again for every key: minutes for a few thousand)."""
    import notekit.write.merge as merge_module

    keys = "".join(f"key{n}: value {n}\n" for n in range(300))
    vault = make_vault(
        {
            "People/Ana.md": f"---\n{keys}email: ana@x.org\n---\n",
            "People/Ana C.md": f"---\n{keys}role: Pilot\n---\n",
        }
    )
    reads: list[object] = []
    real = merge_module.full_front_matter

    def counted(note: object) -> dict:
        reads.append(note)
        return real(note)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_module, "full_front_matter", counted)
    result = run("merge", "People/Ana.md", "People/Ana C.md", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert len(reads) <= 4  # OTHER's, then KEEP's before and after its two edits (role, aliases)
    text = (vault / "People/Ana.md").read_text()
    assert text.startswith(f"---\n{keys}email: ana@x.org\nrole: Pilot\naliases: [Ana C]\n---\n")


def test_a_dry_run_writes_and_moves_nothing(run: Run, vault: Path) -> None:
    before = _texts(vault)
    result = run("merge", "Ana Costa", OTHER, "--dry-run", vault=vault)
    assert result.exit_code == 0
    assert "+- 2026-08-15 lunch: at the old place" in result.stdout
    assert '-attendees: ["[[Ana C.]]", "[[Bea]]"]' in result.stdout
    assert "not moved to .trash/Ana C..md" in result.stderr
    assert _texts(vault) == before


def test_merge_refuses_what_it_cannot_do_and_writes_nothing(run: Run, vault: Path) -> None:
    before = _texts(vault)
    same = run("merge", KEEP, "Ana Costa", vault=vault)
    assert same.exit_code == 2 and "one file" in same.stderr
    (vault / OTHER).write_text("---\nname: [broken\n---\n[[Bea]]\n")
    broken = run("merge", KEEP, OTHER, vault=vault)
    assert broken.exit_code == 2 and "cannot be parsed" in broken.stderr
    assert _texts(vault) == {**before, OTHER: "---\nname: [broken\n---\n[[Bea]]\n"}


def _merge_in_a_process(vault: Path, *args: str) -> subprocess.CompletedProcess:
    """merge as a user runs it, in a process of its own: a hang fails the test, not the run."""
    command = [sys.executable, "-m", "notekit", "--vault", str(vault), "--today", "2026-11-23"]
    return subprocess.run(
        [*command, "merge", *args], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.mark.parametrize("link", ["symbolic", "hard"])
@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_two_paths_of_one_file_are_refused_not_waited_on(
    vault: Path, link: str, dry_run: list[str]
) -> None:
    twin = vault / "People/Ana Twin.md"
    if link == "symbolic":
        twin.symlink_to("Ana Costa.md")
    else:
        os.link(vault / KEEP, twin)
    before = _texts(vault)
    result = _merge_in_a_process(vault, KEEP, "People/Ana Twin.md", *dry_run)
    assert result.returncode == 2, result.stderr
    assert "are one file" in result.stderr and "Traceback" not in result.stderr
    assert _texts(vault) == before


def test_a_linking_note_reached_by_two_paths_is_changed_once(vault: Path) -> None:
    (vault / "Meetings/sync again.md").symlink_to("sync.md")
    result = _merge_in_a_process(vault, KEEP, OTHER)
    assert result.returncode == 0, result.stderr
    sync = (vault / "Meetings/sync.md").read_text()
    assert "[[Ana Costa|A]]" in sync and "Ana C." not in sync
    assert (vault / "Meetings/sync again.md").is_symlink()


def test_a_trash_that_leads_out_of_the_vault_is_refused_before_any_write(
    run: Run, vault: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (vault / ".trash").symlink_to(outside)
    before = _texts(vault)
    result = run("merge", KEEP, OTHER, vault=vault)
    assert result.exit_code == 2 and "outside the vault" in result.stderr
    assert _texts(vault) == before and list(outside.iterdir()) == []


def test_years_stay_numbers_and_empty_sections_stay_behind(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Bo.md": "---\nname: Bo\n---\n## Log\n- 2026-02-01 call: yo\n",
            "People/Bo B.md": (
                "---\nhistory:\n  - org: Globex\n    from: 2018\n    to: '2020'\n---\n"
                "## Memories\n\n### Old\n\n## Interests\n- sailing\n"
            ),
        }
    )
    assert run("merge", "Bo", "Bo B", vault=vault).exit_code == 0
    merged = (vault / "People/Bo.md").read_text()
    assert "history: [{org: Globex, from: 2018, to: 2020}]" in merged
    assert "Memories" not in merged and "### Old" not in merged
    assert "## Interests\n- sailing" in merged


@pytest.mark.parametrize("keep_ends", ["- 2026-06-01 call: hi\n", "- 2026-06-01 call: hi\n\n"])
def test_what_is_left_of_the_other_note_comes_last_as_it_was_written(
    keep_ends: str, run: Run, make_vault: MakeVault
) -> None:
    """Under one heading after one blank line: its text with one blank line at most between
    lines, a code block as it is (a `#` line in it no heading), its empty sections left
    behind, and the fields that differed."""
    other = (
        "---\nname: Ana C.\ncompany: Initech\nrole: CTO\n---\n"
        "She plays chess.\n\n\n\nTwo kids.\n\n"
        "```bash\n# not a heading\n\n\nls\n```\n"
        "## Memories\n\n### Old\n\n## Log\n- 2026-07-01 call: later\n"
    )
    keep = "---\nname: Ana Costa\ncompany: Globex\n---\n## Log\n" + keep_ends
    vault = make_vault({"People/Ana Costa.md": keep, "People/Ana C.md": other})
    result = run("merge", "People/Ana Costa.md", "People/Ana C.md", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert (vault / "People/Ana Costa.md").read_text() == (
        "---\nname: Ana Costa\ncompany: Globex\naliases: [Ana C., Ana C]\n---\n## Log\n"
        "- 2026-06-01 call: hi\n- 2026-07-01 call: later\n\n"
        f"## From Ana C (merged {TODAY})\n\n"
        "She plays chess.\n\nTwo kids.\n\n"
        "```bash\n# not a heading\n\n\nls\n```\n\n"
        "Fields that differed:\n\n```yaml\ncompany: Initech\nrole: CTO\n```\n"
    )


def test_the_other_notes_log_in_any_form_and_its_job_under_other_keys(
    run: Run, make_vault: MakeVault
) -> None:
    """Entries with a linked day and tab-indented lines go into the log, dated items of a
    section after it do not; OTHER's role at its `employer` is no role at KEEP's company; an
    empty value of OTHER's is not written."""
    keep = "---\nname: Ana Costa\ncompany: Globex\n---\n## Log\n- 2026-06-01 call: hi\n"
    other = (
        "---\nemployer: Initech\ntitle: CTO\nlocation: ''\n---\n## Log\n"
        "- [[2026-07-01]] call: later\n\t- she moved\n"
        "## Ideas\n- 2026-08-01 start a podcast together\n"
    )
    vault = make_vault({"People/Ana Costa.md": keep, "People/Ana C.md": other})
    result = run("merge", "People/Ana Costa.md", "People/Ana C.md", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert (vault / "People/Ana Costa.md").read_text() == (
        "---\nname: Ana Costa\ncompany: Globex\naliases: [Ana C]\n---\n## Log\n"
        "- 2026-06-01 call: hi\n- [[2026-07-01]] call: later\n\t- she moved\n\n"
        f"## From Ana C (merged {TODAY})\n\n"
        "## Ideas\n- 2026-08-01 start a podcast together\n\n"
        "Fields that differed:\n\n```yaml\nemployer: Initech\ntitle: CTO\n```\n"
    )
    bare = make_vault(
        {"People/Bo.md": "---\nname: Bo\n---\n", "People/Bo B.md": "- 2026-07-01 call\n\n\n"}
    )
    assert run("merge", "Bo", "Bo B", vault=bare).exit_code == 0
    assert (bare / "People/Bo.md").read_text() == (  # no log to take it from: it still counts
        f"---\nname: Bo\naliases: [Bo B]\n---\n\n## From Bo B (merged {TODAY})\n\n"
        "- 2026-07-01 call\n"
    )
    assert run("show", "Bo", "--json", vault=bare).json()["last_contact"] == "2026-07-01"


def test_every_list_field_takes_the_items_it_lacks_and_a_role_at_the_same_company_comes_in(
    run: Run, make_vault: MakeVault
) -> None:
    keep = "---\nname: Ana Costa\ncompany: Globex\nprojects: [a book]\n---\n"
    other = "---\nemployer: Globex\ntitle: CTO\nprojects: a podcast\nmemories: [the train]\n---\n"
    vault = make_vault({"People/Ana Costa.md": keep, "People/Ana C.md": other})
    assert run("merge", "People/Ana Costa.md", "People/Ana C.md", vault=vault).exit_code == 0
    assert (vault / "People/Ana Costa.md").read_text() == (
        "---\nname: Ana Costa\ncompany: Globex\nprojects: [a book, a podcast]\ntitle: CTO\n"
        "memories: [the train]\naliases: [Ana C]\n---\n"
    )


def test_the_other_notes_lines_each_where_they_belong(
    run: Run, make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry right after a code block goes to the log, a dated line under another item
    stays under it, an entry's trailing blanks go, list items are not taken twice, the last
    key's every line is kept when it differs, a note in a subfolder goes to the trash by its
    own name, and each note changed is committed with what happened to it."""
    if shutil.which("git") is None:
        pytest.skip("git not installed")
    keep = (
        "---\nname: Ana Costa\ntags: [a, b]\nknows:\n  - Ben\n---\n## Log\n- 2026-06-01 call: hi\n"
    )
    other = (
        "---\ntags: [b, c]\nknows:\n  - Cy\n  - Dee\ncontext: |\n  met at PyCon\n  in 2019\n---\n"
        "## Log\n```\ncode\n```\n- 2026-07-01 call: after the code   \n"
        "- a thought\n  - 2026-07-02 call: under the thought\n"
    )
    keep_history = keep.replace("knows:", "context: Initech\nknows:")
    vault = make_vault(
        {
            "notekit.toml": "[git]\nautocommit = true\n",
            "People/Ana Costa.md": keep_history,
            "People/Old/Ana C.md": other,
            "People/Bea.md": "---\nname: Bea\n---\nmet [[Ana C]]\n",
        }
    )
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "t")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "t@example.com")
    git = ["git", "-C", str(vault)]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "start"]):
        subprocess.run([*git, *args], check=True)
    result = run("merge", "People/Ana Costa.md", "People/Old/Ana C.md", vault=vault)
    assert result.exit_code == 0, result.stderr
    text = (vault / "People/Ana Costa.md").read_text()
    assert "tags: [a, b, c]\n" in text and "  - Ben\n  - Cy\n  - Dee\n" in text
    assert "- 2026-06-01 call: hi\n- 2026-07-01 call: after the code\n\n## From" in text
    assert "- a thought\n  - 2026-07-02 call: under the thought\n" in text
    assert "```yaml\ncontext: |\n  met at PyCon\n  in 2019\n```\n" in text
    assert (vault / ".trash/Ana C.md").read_text() == other
    log = subprocess.run([*git, "log", "--format=%s"], capture_output=True, text=True).stdout
    assert log.splitlines()[:2] == [
        "merge: links to Ana C lead to Ana Costa",
        "merge: Ana C (People/Old/Ana C.md) into Ana Costa",
    ] or log.splitlines()[:2] == [
        "merge: Ana C (People/Old/Ana C.md) into Ana Costa",
        "merge: links to Ana C lead to Ana Costa",
    ]
    dry = make_vault({"People/Bo.md": "---\nname: Bo\n---\n", "People/Bo B.md": "x\n"})
    shown = run("merge", "Bo", "Bo B", "--dry-run", vault=dry)
    assert "(dry run: People/Bo B.md not moved to .trash/Bo B.md)" in shown.stderr


def test_an_empty_value_of_keeps_is_filled_and_a_list_against_a_value_differs(
    run: Run, make_vault: MakeVault
) -> None:
    keep = "---\nname: Ana Costa\ncompany: ''\nrole: ''\nteam: [core]\n---\n"
    other = "---\nemployer: Initech\ntitle: CTO\nteam: ops\n---\n"
    vault = make_vault({"People/Ana Costa.md": keep, "People/Ana C.md": other})
    assert run("merge", "People/Ana Costa.md", "People/Ana C.md", vault=vault).exit_code == 0
    assert (vault / "People/Ana Costa.md").read_text() == (
        "---\nname: Ana Costa\ncompany: 'Initech'\nrole: 'CTO'\nteam: [core]\naliases: [Ana C]\n"
        f"---\n\n## From Ana C (merged {TODAY})\n\n"
        "Fields that differed:\n\n```yaml\nteam: ops\n```\n"
    )


def test_a_second_trashed_note_of_the_same_name_is_kept_too(run: Run, vault: Path) -> None:
    (vault / ".trash").mkdir()
    (vault / ".trash/Ana C..md").write_text("an older one\n")
    assert run("merge", KEEP, OTHER, vault=vault).exit_code == 0
    assert (vault / ".trash/Ana C..md").read_text() == "an older one\n"
    assert (vault / ".trash/Ana C. 2.md").exists()


def _empty_heading(lines: list[str], n: int) -> bool:
    """Whether line n is a heading with nothing but blank lines and headings below it until a
    heading of its level or higher."""
    level = len(lines[n]) - len(lines[n].lstrip("#"))
    if not 1 <= level <= 6 or lines[n][level : level + 1] not in (" ", "\t"):
        return False
    for line in lines[n + 1 :]:
        depth = len(line) - len(line.lstrip("#"))
        if 1 <= depth <= level and line[depth : depth + 1] in (" ", "\t", ""):
            return True
        if line.strip() and not line.startswith("#"):
            return False
    return True


@at_least_checked(0.5)
@settings(max_examples=int(os.environ.get("NOTEKIT_EXAMPLES", "300")) // 3, deadline=None)
@given(notes(), notes())
@example(  # a block list whose key line holds a comment: once refused
    keep=b"---\nname: 0\ncompany: 0\na0000:  # \xc3\xbcn\xc3\xafcode\n  - 00\na: 0\n---",
    other=b"---\nname: 0\ncompany: 0\na0000: [0]\n---",
)
def test_a_merge_keeps_every_value_and_body_line_or_is_refused(
    tally: Tally, keep: bytes, other: bytes
) -> None:
    """KEEP's values stay (lists, and texts of several tags or addresses, may only grow), and
    every body line of both notes is in the merged note, but for OTHER's log headings and its
    empty sections; or the merge is refused (a value KEEP holds that a list of OTHER's cannot
    be added to), most of the time not."""
    from notekit.core.errors import EditError
    from notekit.read.fields import WORDS
    from notekit.read.front_matter import front_matter_end
    from notekit.store.facade import Store
    from notekit.write.edit import front_matter_values
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
        except EditError as exc:
            assert "nothing was written" in str(exc) or "can add to" in str(exc), exc
            tally.refuse()
            return
        merge.discard()
    tally.check()
    after = merge.keep.after.decode().removeprefix("\ufeff")
    old, _ = front_matter_values(keep)
    new, errors = front_matter_values(merge.keep.after)
    assert not errors
    for key, value in old.items():
        got = new[key]
        words = WORDS.get(summary.fields.field_of(key) or "")
        if isinstance(value, list):
            assert got[: len(value)] == value
        elif isinstance(value, str) and words is not None:  # a text of several items grows
            assert words(got)[: len(words(value))] == words(value)
        elif value not in (None, ""):
            assert got == value or (isinstance(got, list) and got[0] == value)
    lines = set(after.replace("\r\n", "\n").split("\n"))
    for data, skip in ((keep, ()), (other, ("## Log",))):
        text = data.decode().removeprefix("\ufeff").replace("\r\n", "\n").split("\n")
        end = front_matter_end(text)
        body = text[0 if end is None else end + 1 :]
        for n, line in enumerate(body):
            dropped = data is other and _empty_heading(body, n)
            assert line in lines or line.strip() in skip or not line.strip() or dropped, line


def test_links_lead_to_keep_by_its_path_when_another_note_has_its_name(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "---\nname: Ana Lima\n---\n",
            "Work/Ana.md": "---\nname: Ana Costa\ntype: person\n---\n",
            "People/Ana C.md": "---\nemail: ana@example.com\n---\n",
            "Daily/2026-11-02.md": "lunch with [[Ana C]]\n",
        }
    )
    assert run("merge", "Work/Ana.md", "Ana C", vault=vault).exit_code == 0
    assert (vault / "Daily/2026-11-02.md").read_text() == "lunch with [[Work/Ana]]\n"
    costa = run("show", "Ana Costa", "--json", vault=vault).json()
    assert "2026-11-02" in [i["date"] for i in costa["interactions"]]
    lima = run("show", "Ana Lima", "--json", vault=vault).json()
    assert "2026-11-02" not in [i["date"] for i in lima["interactions"]]
