"""`add`, `log` and `snooze` as a user runs them: the diff, the refusals, the conflicts."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from subprocess import PIPE

import pytest

from conftest import ANA, TODAY, MakeVault, Run, due_by_name, people_by_name
from notekit.core.errors import ConflictError
from notekit.write.edit import Snapshot, write_atomic


@pytest.fixture
def vault(ana_vault: Path) -> Path:
    return ana_vault


def _bytes(vault: Path) -> dict[str, bytes]:
    return {str(p.relative_to(vault)): p.read_bytes() for p in vault.rglob("*") if p.is_file()}


def test_log_appends_in_order_and_moves_last_contact(run: Run, vault: Path) -> None:
    result = run("log", "Ana Costa", "talked about Globex", "-c", "coffee", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "log: coffee with Ana Costa  (People/Ana Costa.md)\n"
    text = (vault / "People/Ana Costa.md").read_text()
    assert text == ANA.replace('"2026-08-01"   #', '"2026-11-23"   #') + (
        "- 2026-11-23 coffee: talked about Globex\n"
    )
    row = due_by_name(run("due", "--json", "--within", "999", vault=vault))["Ana Costa"]
    assert (row["last_contact"], row["due"]) == ("2026-11-23", "2027-02-23")


def test_log_never_moves_last_contact_back_or_adds_the_field(run: Run, vault: Path) -> None:
    run("log", "Ana C.", "an older lunch", "--date", "2026-07-01", "-c", "lunch", vault=vault)
    text = (vault / "People/Ana Costa.md").read_text()
    assert 'last_contacted: "2026-08-01"' in text
    # one entry reads oldest first: the older lunch goes before it
    assert text.index("- 2026-07-01 lunch: an older lunch") < text.index("- 2026-08-01")
    run("log", "Ana Lima", "first message", vault=vault)
    assert (vault / "People/Ana Lima.md").read_text() == (
        "---\ncadence: 1m\n---\nNo log yet.\n\n## Log\n- 2026-11-23 first message\n"
    )
    row = due_by_name(run("due", "--json", "--within", "999", vault=vault))["Ana Lima"]
    assert row["last_contact"] == "2026-11-23"


def test_snooze_changes_one_line_and_due_follows(run: Run, vault: Path) -> None:
    before = (vault / "People/Grace Liu.md").read_text()
    result = run("snooze", "grace", "2w", vault=vault)
    assert result.exit_code == 0, result.stderr
    after = (vault / "People/Grace Liu.md").read_text()
    assert after == before.replace("Follow Up On: 2026-11-24", "Follow Up On: 2026-12-07")
    row = due_by_name(run("due", "--json", "--within", "30", vault=vault))["Grace Liu"]
    assert (row["due"], row["reason"]) == ("2026-12-07", "next_contact")
    run("snooze", "Ana Lima", "2026-12-25", vault=vault)
    assert (
        (vault / "People/Ana Lima.md")
        .read_text()
        .startswith("---\ncadence: 1m\nnext_contact: 2026-12-25\n---\n")
    )


@pytest.mark.parametrize("until", ["2026-11-23", "2026-01-01", "soon", "2026-02-30"])
def test_snooze_refuses_bad_or_past_dates(run: Run, vault: Path, until) -> None:
    before = _bytes(vault)
    result = run("snooze", "Grace Liu", until, vault=vault)
    assert result.exit_code == 2 and result.stderr.startswith("notekit: error:")
    if until[:4] == "2026" and until != "2026-02-30":  # a real day, not after today
        assert f"{until} is not after today (2026-11-23)" in result.stderr
    assert _bytes(vault) == before


def test_dry_run_prints_the_diff_and_writes_nothing(run: Run, vault: Path) -> None:
    before = _bytes(vault)
    result = run("log", "Ana Costa", "plan", "--dry-run", vault=vault)
    assert result.exit_code == 0
    assert "+- 2026-11-23 plan" in result.stdout
    assert '-last_contacted: "2026-08-01"' in result.stdout
    assert result.stdout.startswith("--- a/People/Ana Costa.md\n+++ b/People/Ana Costa.md\n")
    snooze = run("snooze", "Grace Liu", "2027-01-01", "--dry-run", vault=vault)
    assert "+Follow Up On: 2027-01-01" in snooze.stdout
    add = run("add", "Kim Park", "--company", "Initech", "--dry-run", vault=vault)
    assert add.stdout.startswith("--- /dev/null\n+++ b/People/Kim Park.md\n@@ -0,0 +1,")
    assert "+company: Initech" in add.stdout
    assert _bytes(vault) == before


@pytest.mark.parametrize(
    "note",
    [
        b"---\nlast_contact: 2026-10-01\n---\n## Log\n- 2026-10-01 call: hi",  # no final LF
        b"---\r\nlast_contact: 2026-10-01\r\n---\r\n## Log\r\n- 2026-10-01 call: hi\r\n",
        "\ufeff---\nname: Bo\n---\nsee\u2028this\x0cpage\n## Log\n".encode(),
    ],
    ids=["no final newline", "CRLF", "BOM and breaks no editor makes"],
)
def test_a_dry_runs_diff_is_the_change_git_would_apply(
    note: bytes, run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """The diff a dry run prints, applied by `git apply` to the note as it was, makes the
    note the command then writes, byte for byte."""
    vault = make_vault({"People/Bo.md": note})
    command = [sys.executable, "-m", "notekit", "--vault", str(vault), "--today", TODAY, "log"]
    shown = subprocess.run([*command, "Bo", "coffee: talked", "--dry-run"], capture_output=True)
    assert shown.returncode == 0, shown.stderr  # its bytes: CliRunner would make CRLF LF
    copy = tmp_path / "copy"
    (copy / "People").mkdir(parents=True)
    (copy / "People/Bo.md").write_bytes(note)
    applied = subprocess.run(
        ["git", "apply", "--whitespace=nowarn", "-"],
        input=shown.stdout,
        cwd=copy,
        capture_output=True,
    )
    assert applied.returncode == 0, applied.stderr
    assert run("log", "Bo", "coffee: talked", vault=vault).exit_code == 0
    assert (copy / "People/Bo.md").read_bytes() == (vault / "People/Bo.md").read_bytes()


def test_log_finds_the_last_contact_after_a_value_holding_a_line_separator(
    run: Run, make_vault: MakeVault
) -> None:
    """A U+2028 pasted into a value starts no line in an editor, nor in the edit."""
    note = '---\nnote: "met\u2028again"\nlast_contact: 2026-01-01\n---\n## Log\n'
    vault = make_vault({"People/Bo.md": note})
    result = run("log", "Bo", "coffee: talked", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert (vault / "People/Bo.md").read_text("utf-8") == note.replace(
        "2026-01-01", TODAY
    ) + f"- {TODAY} coffee: talked\n"


def test_ambiguous_or_unknown_name_writes_nothing(run: Run, vault: Path) -> None:
    before = _bytes(vault)
    result = run("log", "Ana", "hello", vault=vault)
    assert result.exit_code == 2
    assert "Ana Costa" in result.stderr and "Ana Lima" in result.stderr
    assert run("log", "Nobody At All", "hello", vault=vault).exit_code == 2
    assert _bytes(vault) == before


def test_a_file_changed_while_editing_is_left_alone(
    run: Run, vault: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = vault / "People/Ana Costa.md"
    real_read = vars(Snapshot)["read"].__func__  # the classmethod's function

    def read_then_someone_saves(cls, target: Path) -> Snapshot:
        snapshot = real_read(cls, target)
        with open(target, "a", encoding="utf-8") as handle:
            handle.write("- 2026-11-22 call: typed in Obsidian meanwhile\n")
        return snapshot

    monkeypatch.setattr(Snapshot, "read", classmethod(read_then_someone_saves))
    result = run("log", "Ana Costa", "mine", vault=vault)
    assert result.exit_code == 1
    assert "changed while notekit was editing it" in result.stderr
    assert "nothing was written" in result.stderr
    assert path.read_text() == ANA + "- 2026-11-22 call: typed in Obsidian meanwhile\n"
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "Ana Costa.md",
        "Ana Lima.md",
        "Grace Liu.md",
    ]


def test_write_atomic_rechecks_right_before_the_rename(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_bytes(b"old\n")
    snapshot = Snapshot.read(path)
    path.write_bytes(b"new!\n")
    with pytest.raises(ConflictError):
        write_atomic(snapshot, b"mine\n")
    assert path.read_bytes() == b"new!\n"
    assert [p.name for p in tmp_path.iterdir()] == ["n.md"]


def test_mode_bom_and_crlf_survive_a_write(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {"People/Jo.md": b"\xef\xbb\xbf---\r\ncadence: 2w\r\nlastSeen: 2026-01-01\r\n---\r\nhi"}
    )
    path = vault / "People/Jo.md"
    os.chmod(path, 0o640)
    assert run("log", "Jo", "call back", "-c", "call", vault=vault).exit_code == 0
    assert path.read_bytes() == (
        b"\xef\xbb\xbf---\r\ncadence: 2w\r\nlastSeen: 2026-11-23\r\n---\r\nhi\r\n\r\n"
        b"## Log\r\n- 2026-11-23 call: call back"
    )
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize(
    "content",
    [
        "---\nname: [broken\n---\n",
        "---\nname: Never closed\n",
        "---\nname: x\nwhen: !!python/object:os.system 'x'\n---\n",
    ],
)
def test_unparseable_front_matter_is_never_rewritten(
    run: Run, make_vault: MakeVault, content
) -> None:
    vault = make_vault({"People/Broken.md": content})
    before = _bytes(vault)
    for args in (["log", "Broken", "hi"], ["snooze", "Broken", "2w"]):
        result = run(*args, vault=vault)
        assert result.exit_code == 2, result.stdout
        assert "cannot be parsed" in result.stderr or "no person" in result.stderr
    assert _bytes(vault) == before


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("Zoë Ångström", "Zoë Ångström.md"),
        ("O'Reilly, Liam", "O'Reilly, Liam.md"),
        ("AC/DC Fan", "AC DC Fan.md"),
        ("../../etc/passwd", "etc passwd.md"),
        ("Tab\tand\x07bell [[link]] #tag", "Tab and bell link tag.md"),
        ("Eve\u202egnp.exe\u200b Doe", "Evegnp.exe Doe.md"),
    ],
)
def test_add_makes_safe_readable_file_names(run: Run, vault: Path, name, file) -> None:
    result = run("add", name, "--force", vault=vault)
    assert result.exit_code == 0, result.stderr
    path = vault / "People" / file
    assert path.is_file()
    people = people_by_name(run("people", "--json", vault=vault))
    expected = " ".join(name.replace("\x07", " ").replace("\u202e", "").split())
    expected = expected.replace("\u200b", "")
    assert people[expected]["path"] == f"People/{file}"


def test_add_fills_the_vault_template_and_refuses_duplicates(run: Run, vault: Path) -> None:
    (vault / "Templates").mkdir()
    (vault / "Templates/Person.md").write_text(
        "---\ntype: person\ncompany:\ntags: [person]\ncreated: {{date}}\n---\n# {{title}}\n"
    )
    result = run(
        "add",
        "Kim Park",
        "--company",
        "Initech",
        "--tag",
        "work",
        "--cadence",
        "quarterly",
        "--met",
        "Initech: same team",
        vault=vault,
    )
    assert result.exit_code == 0, result.stderr
    assert (vault / "People/Kim Park.md").read_text() == (
        "---\ntype: person\ncompany: Initech\ntags: [person, work]\ncreated: 2026-11-23\n"
        "cadence: quarterly\ncontext: 'Initech: same team'\n---\n# Kim Park\n"
    )
    again = run("add", "kim park", vault=vault)
    assert again.exit_code == 2 and "already exists" in again.stderr
    close = run("add", "Kim Parks", vault=vault)
    assert close.exit_code == 2 and "did you mean Kim Park" in close.stderr
    assert run("add", "Kim Parks", "--force", vault=vault).exit_code == 0


def test_add_rejects_a_bad_cadence(run: Run, vault: Path) -> None:
    result = run("add", "New Person", "--cadence", "often", vault=vault)
    assert result.exit_code == 2 and "--cadence" in result.stderr


def test_parallel_writes_to_one_note_lose_nothing(make_vault: MakeVault, tmp_path: Path) -> None:
    """Four processes each `log` 25 entries to one note as fast as they can, all at once:
    every entry is in the file, none lost (notekit's own writers wait for each other), and no
    run ends in a conflict."""
    vault = make_vault({"People/Pat.md": "---\ncadence: 1m\nlast_contact: 2026-01-01\n---\n"})
    env = {**os.environ, "NOTEKIT_CACHE_DIR": str(tmp_path / "cache"), "NOTEKIT_TODAY": TODAY}
    writer = (
        "import sys\n"
        "from notekit.cli import cli\n"
        "for n in range(25):\n"
        f"    cli(['--vault', {str(vault)!r}, 'log', 'Pat', f'{{sys.argv[1]}} {{n}}'],\n"
        "        standalone_mode=False)\n"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", writer, f"writer {w}"], env=env, stderr=PIPE)
        for w in range(4)
    ]
    for process in runs:
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err  # waiting for the lock, not a conflict
    written = (vault / "People/Pat.md").read_text()
    expected = [f"- {TODAY} writer {w} {n}\n" for w in range(4) for n in range(25)]
    assert [line for line in expected if line not in written] == []
    assert written.count(f"\n- {TODAY} writer ") == 100


def _front_matter_values(path: Path) -> dict:
    from notekit.write.edit import front_matter_values

    values, errors = front_matter_values(path.read_bytes())
    assert errors == []
    return values


def test_an_edit_that_would_break_an_anchor_is_refused(run: Run, make_vault: MakeVault) -> None:
    note = "---\nlast_contact: &d 2026-01-01\nfirst_met: *d\ncadence: 1m\n---\n"
    vault = make_vault({"People/Pat.md": note})
    result = run("log", "Pat", "coffee again", vault=vault)
    assert result.exit_code == 2
    assert "nothing was written" in result.stderr and "People/Pat.md" in result.stderr
    assert (vault / "People/Pat.md").read_text() == note


@pytest.mark.parametrize(
    "other",
    [
        'about: "she said\nnext_contact: 2020-01-01\n  and left"\n',
        "topics: [queues,\nnext_contact: 2020-01-01,\n  rust]\n",
        "about: |\n  next_contact: 2020-01-01\n",
    ],
)
def test_snooze_leaves_lines_inside_other_values_alone(
    run: Run, make_vault: MakeVault, other
) -> None:
    vault = make_vault({"People/Pat.md": f"---\ncadence: 1m\n{other}---\n"})
    before = _front_matter_values(vault / "People/Pat.md")
    result = run("snooze", "Pat", "2026-12-24", vault=vault)
    assert result.exit_code == 0, result.stderr
    after = _front_matter_values(vault / "People/Pat.md")
    assert after == {**before, "next_contact": "2026-12-24"}


def test_log_on_indented_front_matter_keeps_it_valid(run: Run, make_vault: MakeVault) -> None:
    note = "---\n  cadence: 1m\n  last_contact: 2026-01-01\n  tags: [person]\n---\n"
    vault = make_vault({"Pat.md": note})
    assert run("log", "Pat", "call", vault=vault).exit_code == 0
    text = (vault / "Pat.md").read_text()
    assert text.startswith(
        "---\n  cadence: 1m\n  last_contact: 2026-11-23\n  tags: [person]\n---\n"
    )
    assert _front_matter_values(vault / "Pat.md")["last_contact"] == "2026-11-23"
    assert run("snooze", "Pat", "2026-12-24", vault=vault).exit_code == 0
    assert "\n  next_contact: 2026-12-24\n---\n" in (vault / "Pat.md").read_text()


def test_writes_never_follow_links_out_of_the_vault(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    (outside / "People").mkdir(parents=True)
    (outside / "People/Pat.md").write_text("---\ncadence: 1m\n---\n")
    (outside / "Reviews").mkdir()
    vault = make_vault({"notekit.toml": "", "Work/Ana.md": "---\ntype: person\n---\n"})
    (vault / "Friends").symlink_to(outside / "People", target_is_directory=True)
    (vault / "Reviews").symlink_to(outside / "Reviews", target_is_directory=True)
    (vault / "notekit.toml").write_text('[people]\nfolders = ["Friends"]\n')
    before = (outside / "People/Pat.md").read_text()
    result = run("log", "Pat", "call", vault=vault)
    assert result.exit_code == 2 and "outside the vault" in result.stderr
    assert run("snooze", "Pat", "2w", vault=vault).exit_code == 2
    assert (outside / "People/Pat.md").read_text() == before
    assert run("add", "Kim Park", vault=vault).exit_code == 2
    assert os.listdir(outside / "People") == ["Pat.md"]
    result = run("report", "--note", "-o", str(tmp_path / "site"), vault=vault)
    assert "outside the vault" in result.stderr
    assert os.listdir(outside / "Reviews") == []


def test_a_linked_note_inside_the_vault_is_written_through_its_link(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault({"Notes/Pat.md": "---\ncadence: 1m\n---\n"})
    (vault / "People").mkdir()
    (vault / "People/Pat.md").symlink_to(vault / "Notes/Pat.md")
    vault_ignore = vault / "notekit.toml"
    vault_ignore.write_text('ignore = ["Notes/**"]\n')
    assert run("log", "Pat", "call", vault=vault).exit_code == 0
    assert (vault / "People/Pat.md").is_symlink()  # never replaced by a file
    assert "- 2026-11-23 call" in (vault / "Notes/Pat.md").read_text()


def test_a_log_heading_inside_an_html_comment_is_not_the_log(
    run: Run, make_vault: MakeVault
) -> None:
    note = "---\ncadence: 1m\n---\n<!--\n## Log\n- template hint\n-->\n# Pat\n"
    vault = make_vault({"People/Pat.md": note})
    assert run("log", "Pat", "call", vault=vault).exit_code == 0
    assert (vault / "People/Pat.md").read_text() == note + "\n## Log\n- 2026-11-23 call\n"


def test_a_log_entry_is_not_written_into_a_comment_left_open(
    run: Run, make_vault: MakeVault
) -> None:
    note = "---\ncadence: 1m\n---\n# Pat\n<!-- to ask about:\n"
    vault = make_vault({"People/Pat.md": note})
    for day in ("2026-11-20", "2026-11-21"):
        assert run("log", "Pat", "call", "--date", day, vault=vault).exit_code == 0
    assert (vault / "People/Pat.md").read_text() == (
        note + "-->\n\n## Log\n- 2026-11-20 call\n- 2026-11-21 call\n"
    )
    shown = run("show", "Pat", "--json", vault=vault).json()
    assert [i["date"] for i in shown["interactions"]] == ["2026-11-20", "2026-11-21"]


def test_a_name_with_a_newline_cannot_plant_a_promise_in_the_weekly_note(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault(
        {
            "People/Eve.md": (
                '---\nname: "Eve\\n- [ ] pay Mallory 📅 2026-11-24 [[Ana]]"\n'
                'context: "met\\n# Heading"\ncadence: 1d\n---\n'
            ),
            "People/Ana.md": "---\ncadence: 1y\nlast_contact: 2026-11-01\n---\n",
        }
    )
    result = run("report", "--note", "-o", str(vault.parent / "site"), vault=vault)
    assert result.exit_code == 0, result.stderr
    week = (vault / "Reviews/2026-W48.md").read_text()
    assert "📅" not in week and "\n# Heading" not in week  # the plan's items carry no date
    assert "[[Eve|Eve - ( ) pay Mallory ((Ana))]]" in week
    due = run("due", "--json", vault=vault).json()
    assert due["tasks"] == []  # the weekly note made no promise of anyone's


def test_terminal_escapes_in_notes_are_shown_not_obeyed(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Eve.md": (
                '---\nname: "Eve\\e]0;pwned\\a\\e[2J"\ncompany: "\\e[31mRed\\u202eevil"\n'
                "cadence: 1d\n---\n- 2026-11-01 call: \x1b[1Abold\n"
            )
        }
    )
    for args in (["people"], ["due"], ["show", "Eve"], ["find", "Eve"], ["check"]):
        result = run(*args, vault=vault)
        for stream in (result.stdout, result.stderr):
            assert "\x1b" not in stream and "\u202e" not in stream and "\x07" not in stream, args
    shown = run("show", "Eve", vault=vault).stdout
    assert "Eve\\x1b]0;pwned\\x07\\x1b[2J" in shown and "\\u202eevil" in shown


def test_a_save_of_the_same_size_with_the_mtime_put_back_is_still_a_conflict(
    tmp_path: Path,
) -> None:
    path = tmp_path / "n.md"
    path.write_bytes(b"---\ncadence: 1m\n---\n")
    info = path.stat()
    snapshot = Snapshot.read(path)
    path.write_bytes(b"---\ncadence: 2m\n---\n")  # same size, another content
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    with pytest.raises(ConflictError):
        write_atomic(snapshot, b"mine\n")
    assert path.read_bytes() == b"---\ncadence: 2m\n---\n"


def test_log_says_what_it_wrote_and_refuses_what_it_cannot(run: Run, make_vault: MakeVault) -> None:
    from notekit.core.errors import EditError
    from notekit.store.index import build_index
    from notekit.write.changes import plan_log

    vault = make_vault({"People/Pat.md": "---\ncadence: 1m\n---\n"})
    result = run("log", "Pat", "talked shop", vault=vault)
    assert result.stdout == "log: Pat: talked shop  (People/Pat.md)\n"
    empty = run("log", "Pat", " \n ", vault=vault)
    assert empty.exit_code == 2 and "nothing to log: the text is empty" in empty.stderr
    index = build_index(vault)
    with pytest.raises(EditError, match="a channel is one word"):
        plan_log(index, index.people[0], dt.date(2026, 11, 23), "x", channel="by fax")


def test_a_key_that_an_edit_would_drop_or_add_is_refused() -> None:
    from notekit.core.errors import EditError
    from notekit.write.edit import verify_edit

    with pytest.raises(EditError, match="would change 'x'"):
        verify_edit(b"---\nx:\na: 1\n---\n", b"---\na: 1\n---\n", {}, "n.md")
    with pytest.raises(EditError, match="would change 'y'"):
        verify_edit(b"---\na: 1\n---\n", b"---\na: 1\ny:\n---\n", {}, "n.md")
    verify_edit(b"---\na: 1\n---\n", b"---\na: 2\n---\n", {"a": "2"}, "n.md")


def test_a_writer_waiting_for_the_lock_reads_what_the_first_one_wrote(tmp_path: Path) -> None:
    import threading

    path = tmp_path / "n.md"
    path.write_bytes(b"first\n")
    first = Snapshot.read(path)
    seen: list[bytes] = []
    waiting = threading.Thread(target=lambda: seen.append(Snapshot.read(path).data))
    waiting.start()
    waiting.join(timeout=0.3)
    assert waiting.is_alive()  # it waits for the lock
    write_atomic(first, b"first\nsecond\n")  # renames a new file over the path, then releases
    waiting.join(timeout=5)
    assert seen == [b"first\nsecond\n"]


def test_add_finds_its_folder_and_template_from_the_config(run: Run, make_vault: MakeVault) -> None:
    from notekit.write.changes import safe_stem

    vault = make_vault(
        {
            "notekit.toml": '[people]\nfolders = ["Contacts", "People"]\ntemplate = "T/P.md"\n',
            "people/Old.md": "---\ncadence: 1m\n---\n",
            "T/P.md": "---\ntype: contact\ntags: [crm]\n---\n# {{title}}\n",
        }
    )
    result = run("add", "Kim Park", "--email", "k@x.org", "--email", "kim@y.org", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert (vault / "people/Kim Park.md").read_text() == (
        "---\ntype: contact\ntags: [crm]\nemail: [k@x.org, kim@y.org]\n---\n# Kim Park\n"
    )
    (vault / "notekit.toml").write_text('[people]\nfolders = ["Friends"]\n')
    assert run("add", "Lea", "--tag", "x", vault=vault).exit_code == 0
    assert (vault / "Friends/Lea.md").is_file()
    (vault / "notekit.toml").write_text("[people]\nfolders = []\n")
    assert run("add", "Mo", "--force", vault=vault).exit_code == 0
    assert (vault / "People/Mo.md").is_file()
    assert safe_stem("a" * 120) == "a" * 120
    assert safe_stem("a" * 118 + " .bc") == "a" * 118
    assert safe_stem(" .Zoë. ") == "Zoë"
    assert safe_stem("a" * 121) == "a" * 120  # one character at a time
    assert safe_stem("Malcolm X.") == "Malcolm X"
    assert safe_stem("X" * 125) == "X" * 120


def test_add_refuses_a_taken_file_name_and_a_broken_template(
    run: Run, make_vault: MakeVault
) -> None:
    from notekit.core.errors import EditError
    from notekit.store.index import build_index
    from notekit.write.changes import plan_add

    vault = make_vault({"People/Kim Park.md": "---\nname: K. P.\n---\n"})
    with pytest.raises(EditError, match="^People/Kim Park.md already exists$"):
        plan_add(build_index(vault), "Kim/Park", dt.date(2026, 11, 23), {})
    (vault / "Templates").mkdir()
    (vault / "Templates/Person.md").write_text("---\ntags: [person\n---\n")
    broken = run("add", "Lea", vault=vault)
    assert broken.exit_code == 2
    assert "the person template gives broken front-matter: People/Lea.md not written" in (
        broken.stderr
    )


@pytest.mark.parametrize(
    ("written", "after_log", "after_snooze"),
    [
        ('"[[2026-06-01]]"', '"[[2026-11-23]]"', '"[[2026-12-07]]"'),
        ("'[[2026-06-01|June 1]]'", "'[[2026-11-23]]'", "'[[2026-12-07]]'"),
        ("[[2026-06-01]]", '"[[2026-11-23]]"', '"[[2026-12-07]]"'),  # bare: a list to YAML
    ],
)
def test_obsidian_date_properties_are_dates_and_keep_their_form(
    run: Run, make_vault: MakeVault, written, after_log, after_snooze
) -> None:
    note = f"---\ncadence: 3m\nlast_contact: {written}\nnext_contact: {written}\n---\n## Log\n"
    vault = make_vault({"People/Ana.md": note})
    assert run("check", vault=vault).exit_code == 0  # a date, not a problem
    shown = run("show", "ana", "--json", vault=vault).json()
    assert shown["last_contact"] == "2026-06-01"
    assert run("log", "ana", "caught up", vault=vault).exit_code == 0
    assert f"last_contact: {after_log}\n" in (vault / "People/Ana.md").read_text()
    assert run("snooze", "ana", "2w", vault=vault).exit_code == 0
    text = (vault / "People/Ana.md").read_text()
    assert f"next_contact: {after_snooze}\n" in text
    assert run("show", "ana", "--json", vault=vault).json()["next_contact"] == "2026-12-07"


def test_log_takes_any_channel_word_and_the_config_adds_channels(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault({"People/Pat.md": "---\ncadence: 1m\n---\n## Log\n"})
    assert run("log", "Pat", "voice note", "-c", "WhatsApp", vault=vault).exit_code == 0
    unknown = run(
        "log", "Pat", "on the server", "-c", "discord", "--date", "2026-11-20", vault=vault
    )
    assert unknown.exit_code == 0 and 'channels = ["discord"]' in unknown.stderr
    text = (vault / "People/Pat.md").read_text()
    assert "- 2026-11-23 whatsapp: voice note\n" in text
    assert "- 2026-11-20 discord: on the server\n" in text
    shown = run("show", "Pat", "--json", vault=vault).json()["interactions"]
    assert [(i["channel"], i["text"]) for i in shown] == [
        (None, "discord: on the server"),
        ("whatsapp", "voice note"),
    ]
    (vault / "notekit.toml").write_text('channels = ["Discord"]\n')
    shown = run("show", "Pat", "--json", vault=vault).json()["interactions"]
    assert [(i["channel"], i["text"]) for i in shown][0] == ("discord", "on the server")
    again = run("log", "Pat", "again", "-c", "discord", vault=vault)
    assert again.exit_code == 0 and "not a channel" not in again.stderr
    bad = run("log", "Pat", "x", "-c", "by fax", vault=vault)
    assert bad.exit_code == 2 and "one word" in bad.stderr


@pytest.mark.parametrize("name", ["", "  ", "..", "#!?", "[[]]"])
def test_add_refuses_a_name_without_a_letter_or_digit(run: Run, vault: Path, name) -> None:
    before = _bytes(vault)
    result = run("add", name, vault=vault)
    assert result.exit_code == 2 and "a letter or a digit" in result.stderr
    assert _bytes(vault) == before


def test_add_follows_the_vaults_folder_and_template(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """A people folder two levels down that does not exist yet, a template with a `name:` of
    its own and a blank last line: the name goes into its `name:` only when the file name
    cannot hold it, and an address book's note follows the template's blank line."""
    vault = make_vault(
        {
            "notekit.toml": '[people]\nfolders = ["Areas/People"]\n',
            "Templates/Person.md": "---\nname:\ntags: [person]\n---\n# {{title}}\n\n",
        }
    )
    for name in ("Ana Costa", "AC/DC Fan"):
        result = run("add", name, vault=vault)
        assert result.exit_code == 0, result.stderr
    folder = vault / "Areas/People"
    assert (
        folder / "Ana Costa.md"
    ).read_text() == "---\nname:\ntags: [person]\n---\n# Ana Costa\n\n"
    assert (folder / "AC DC Fan.md").read_text() == (
        "---\nname: AC/DC Fan\ntags: [person]\n---\n# AC/DC Fan\n\n"
    )
    card = tmp_path / "cy.vcf"
    card.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Young\r\nNOTE:Met at the fair\r\nEND:VCARD\r\n"
    )
    assert run("import", "vcard", str(card), vault=vault).exit_code == 0
    assert (
        (folder / "Cy Young.md")
        .read_text()
        .endswith("---\n# Cy Young\n\n## Notes\n\nMet at the fair\n")
    )


def test_add_leaves_out_a_blank_value_and_writes_the_next(run: Run, vault: Path) -> None:
    result = run("add", "Ben Okafor", "--company", " ", "--role", "CTO", vault=vault)
    assert result.exit_code == 0, result.stderr
    person = run("show", "Ben Okafor", "--json", vault=vault).json()
    assert (person["company"], person["role"]) == (None, "CTO")


def test_add_says_when_the_people_folder_cannot_be_made(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"notekit.toml": "", "People": "a file where the folder would go\n"})
    result = run("add", "Ana Costa", vault=vault)
    assert result.exit_code == 2 and "People: cannot create the folder" in result.stderr
    assert sorted(p.name for p in vault.iterdir()) == ["People", "notekit.toml"]


def test_add_outside_a_vault_asks_for_one(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "just a folder"
    folder.mkdir()
    result = run("add", "Ana Costa", vault=folder)
    assert result.exit_code == 2 and "notekit init" in result.stderr and "--vault" in result.stderr
    assert list(folder.iterdir()) == []
    (folder / ".obsidian").mkdir()
    assert run("add", "Ana Costa", vault=folder).exit_code == 0
    assert (folder / "People/Ana Costa.md").is_file()


def test_add_force_adds_a_second_person_of_the_same_name(run: Run, vault: Path) -> None:
    assert run("add", "Sam Lee", vault=vault).exit_code == 0
    again = run("add", "Sam Lee", vault=vault)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run("add", "Sam Lee", "--force", vault=vault).exit_code == 0
    second = (vault / "People/Sam Lee 2.md").read_text()
    assert "name: Sam Lee\n" in second
    assert run("add", "Sam Lee", "--force", vault=vault).exit_code == 0
    assert (vault / "People/Sam Lee 3.md").is_file()


def test_add_takes_aliases_birthday_history_and_cadence(run: Run, vault: Path) -> None:
    result = run(
        "add",
        "Priya Nair",
        "--alias",
        "Pri",
        "--alias",
        "P. Nair",
        "--birthday",
        "1990-04-02",
        "--history",
        "Initech (2014-2017)",
        "--cadence",
        "2m",
        vault=vault,
    )
    assert result.exit_code == 0, result.stderr
    shown = run("show", "Pri", "--json", vault=vault).json()
    assert shown["aliases"] == ["Pri", "P. Nair"] and shown["history"] == ["Initech (2014-2017)"]
    assert shown["birthday"] == "1990-04-02" and shown["cadence"] == "2m"
    bad = run("add", "Someone Else", "--birthday", "04/02", vault=vault)
    assert bad.exit_code == 2 and "--birthday" in bad.stderr


def test_log_clears_a_follow_up_date_it_meets(run: Run, make_vault: MakeVault) -> None:
    note = (
        "---\ncadence: 3m\nfollow_up_on: 2026-11-30  # ask about the move\nrole: CTO\n---\n## Log\n"
    )
    vault = make_vault({"People/Ana.md": note})
    path = vault / "People/Ana.md"
    planned = run("log", "ana", "lunch booked", "-d", "2026-12-05", vault=vault)
    assert planned.exit_code == 0 and "follow_up_on" in path.read_text()  # a plan meets nothing
    kept = run("log", "ana", "quick hello", "--keep-follow-up", vault=vault)
    assert kept.exit_code == 0 and "follow_up_on: 2026-11-30" in path.read_text()
    result = run("log", "ana", "caught up", "-c", "call", vault=vault)
    assert result.exit_code == 0
    assert "follow-up date 2026-11-30 is met by this contact" in result.stderr
    text = path.read_text()
    assert "follow_up_on" not in text and "role: CTO\n" in text and "cadence: 3m\n" in text
    assert run("show", "ana", "--json", vault=vault).json()["next_contact"] is None


def test_log_on_the_day_of_the_last_contact_leaves_its_line(
    run: Run, make_vault: MakeVault
) -> None:
    note = "---\nlast_contact: 2026-08-01 10:00  # the time I wrote\n---\n"
    vault = make_vault({"People/Ana.md": note})
    result = run("log", "ana", "hello again", "-d", "2026-08-01", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert (vault / "People/Ana.md").read_text() == note + "\n## Log\n- 2026-08-01 hello again\n"


def test_log_keeps_every_byte_of_a_note_larger_than_one_read(
    run: Run, make_vault: MakeVault
) -> None:
    """A note of 1.5 MiB is read in more than one piece; the pieces join as they were."""
    body = "".join(f"- 2025-01-01 line {n:07d} of a long log\n" for n in range(40_000))
    note = "---\ncadence: 1m\n---\n## Log\n" + body
    assert len(note) > 1.5 * 2**20
    vault = make_vault({"People/Ana.md": note})
    assert run("log", "ana", "hello", vault=vault).exit_code == 0
    assert (vault / "People/Ana.md").read_text() == note + f"- {TODAY} hello\n"


def test_a_follow_up_date_on_the_day_of_the_contact_is_met(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Ana.md": f"---\nnext_contact: {TODAY}\n---\n"})
    result = run("log", "ana", "hello", vault=vault)
    assert result.exit_code == 0 and f"follow-up date {TODAY} is met" in result.stderr
    assert "next_contact" not in (vault / "People/Ana.md").read_text()


def test_log_leaves_a_follow_up_date_already_spent(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Ana.md": "---\nnext_contact: 2026-11-01\n---\n"})
    result = run("log", "ana", "hello", vault=vault)
    assert result.exit_code == 0 and "met by this contact" not in result.stderr
    assert "next_contact: 2026-11-01\n" in (vault / "People/Ana.md").read_text()


@pytest.mark.parametrize(
    ("line", "after_log", "after_snooze"),
    [
        ("Next contact:: 2026-11-30", "Next contact::", "Next contact:: 2026-12-07"),
        (
            "**Next contact::** [[2026-11-30]]",
            "**Next contact::**",
            "**Next contact::** [[2026-12-07]]",
        ),
        (
            "Call her back [next contact:: 2026-11-30] soon",
            "Call her back [next contact::] soon",
            "Call her back [next contact:: 2026-12-07] soon",
        ),
    ],
)
def test_log_and_snooze_edit_inline_fields_in_place(
    run: Run, make_vault: MakeVault, line, after_log, after_snooze
) -> None:
    note = (
        f"# Ana\nLast contact:: 2026-10-01\n{line}\ncadence:: 3m\n\n## Log\n- 2026-10-01 call: hi\n"
    )
    vault = make_vault({"People/Ana.md": note})
    path = vault / "People/Ana.md"
    assert run("snooze", "ana", "2w", vault=vault).exit_code == 0
    text = path.read_text()
    assert f"\n{after_snooze}\n" in text and not text.startswith("---")  # no front-matter added
    assert run("log", "ana", "caught up", vault=vault).exit_code == 0
    text = path.read_text()
    assert "Last contact:: 2026-11-23\n" in text and f"\n{after_log}\n" in text
    assert text.endswith("- 2026-10-01 call: hi\n- 2026-11-23 caught up\n")
    shown = run("show", "ana", "--json", vault=vault).json()
    assert (shown["last_contact"], shown["next_contact"]) == ("2026-11-23", None)


def test_a_log_entry_cannot_hide_the_entries_after_it(run: Run, vault: Path) -> None:
    """Text that would open an HTML comment is written so that it does not: every later entry
    still counts."""
    first = run(
        "log", "Ana Costa", "she wrote <!-- in her reply", "--date", "2026-11-01", vault=vault
    )
    assert first.exit_code == 0, first.stderr
    second = run("log", "Ana Costa", "and --> this", "--date", "2026-11-20", vault=vault)
    assert second.exit_code == 0, second.stderr
    text = (vault / "People/Ana Costa.md").read_text()
    assert "- 2026-11-01 she wrote <! -- in her reply" in text
    assert "- 2026-11-20 and -- > this" in text
    ana = run("show", "Ana Costa", "--json", vault=vault).json()
    assert ana["last_contact"] == "2026-11-20"
    assert {"2026-11-20", "2026-11-01"} <= {i["date"] for i in ana["interactions"]}


def test_a_value_with_a_line_break_is_written_on_one_line(run: Run, vault: Path) -> None:
    result = run(
        "add",
        "Kim Park",
        "--company",
        "Initech\nsecret: yes",
        "--tag",
        "a\r\nb",
        "--met",
        "at\n---\nthe fair",
        vault=vault,
    )
    assert result.exit_code == 0, result.stderr
    text = (vault / "People/Kim Park.md").read_text()
    assert "company: 'Initech secret: yes'" in text
    assert "secret" not in text.replace("company: 'Initech secret: yes'", "")
    assert text.count("---\n") == 2
    kim = run("show", "Kim Park", "--json", vault=vault).json()
    assert kim["company"] == "Initech secret: yes" and "a b" in kim["tags"]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"---\rname: Cr\rcadence: 1m\r---\r## Log\r- 2026-01-01 call: hi\r", "carriage return"),
        (b"%YAML 1.2\n---\nname: Ya\ncadence: 1m\n---\n- 2026-01-01 call: hi\n", "%YAML"),
    ],
)
def test_a_note_notekit_cannot_edit_safely_is_read_and_never_written(
    run: Run, make_vault: MakeVault, content, says
) -> None:
    vault = make_vault({"People/N.md": content})
    problems = run("check", "--json", vault=vault).json()
    assert [p["path"] for p in problems if says in p["message"]] == ["People/N.md"]
    assert run("people", "--json", vault=vault).json()[0]["last_contact"] == "2026-01-01"
    for args in (["snooze", "N", "2w"], ["log", "N", "hi"]):
        result = run(*args, vault=vault)
        assert result.exit_code == 2 and says in result.stderr
    assert (vault / "People/N.md").read_bytes() == content
