"""`review`: the week's due people one by one, each write the one `log` or `snooze` makes."""

from __future__ import annotations

import difflib
import stat
from pathlib import Path

from click.testing import CliRunner

from conftest import TODAY, MakeVault
from notekit.cli import cli

NOTES = {
    "notekit.toml": 'default_cadence = "3m"\n',
    "People/Ana Costa.md": """\
        ---
        company: Globex
        role: Staff Engineer
        email: ana@example.com
        last_contact: 2026-05-02
        interests: [Rust]
        ---
        # Ana Costa

        ## Memories
        - The 2016 outage: pizza at 3 a.m.

        ## Log
        - 2026-05-02 email: her Rust talk
        - 2026-04-01 coffee: her new team
        """,
    "People/Ben Okafor.md": """\
        ---
        company: Initech
        cadence: 2m
        ---
        # Ben Okafor

        ## Log
        - 2026-06-10 call: the reorg
        """,
    "People/Cy Dale.md": "---\ncadence: 1m\nlast_contact: 2026-09-01\n---\n# Cy Dale\n",
}


def review(vault: Path, keys: str, **env: str) -> tuple[str, dict[str, list[str]]]:
    """Run `review` with these answers; what it printed, and the lines each note changed."""
    before = {p: p.read_text(encoding="utf-8") for p in vault.rglob("*.md")}
    result = CliRunner().invoke(
        cli, ["--vault", str(vault), "--today", TODAY, "review"], input=keys, env=env
    )
    assert result.exit_code == 0, result.output
    changed = {}
    for path, text in before.items():
        after = path.read_text(encoding="utf-8")
        if after != text:
            diff = difflib.unified_diff(text.splitlines(), after.splitlines(), n=0, lineterm="")
            changed[path.stem] = [
                line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")
            ]
    return result.output, changed


def test_log_snooze_skip_change_only_their_lines(make_vault: MakeVault) -> None:
    vault = make_vault(NOTES)
    output, changed = review(vault, "l\nemail\nsent the outage photo\n\ns\n2w\nk\n")
    assert "[1/3] Ana Costa — 113 days past a 3m cadence; you have met" in output  # the plan's
    assert "2026-05-02  email: her Rust talk" in output  # the last two entries
    assert "2026-04-01  coffee: her new team" in output
    assert "Subject: Thinking of the 2016 outage" in output  # the draft
    assert "What are you most focused on in your role as Staff Engineer these days?" in output
    assert "[2/3] Ben Okafor" in output and "[3/3] Cy Dale" in output
    assert "No draft: add to People/Cy Dale.md a shared memory" in output
    assert "To make it more personal, add to People/Ben Okafor.md: a shared memory" in output
    assert changed == {
        "Ana Costa": [
            "-last_contact: 2026-05-02",
            "+last_contact: 2026-11-23",
            "+- 2026-11-23 email to: sent the outage photo",
        ],
        "Ben Okafor": ["+next_contact: 2026-12-07"],
    }
    assert "Review done: 1 logged, 1 snoozed, 1 skipped." in output


def test_quit_stops_and_writes_nothing_more(make_vault: MakeVault) -> None:
    vault = make_vault(NOTES)
    output, changed = review(vault, "k\nq\n")
    assert changed == {}
    assert "[3/3]" not in output
    assert "Review done: 0 logged, 0 snoozed, 1 skipped, 2 left for later." in output


def test_a_bad_duration_asks_again_and_edit_opens_the_editor(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault(NOTES)
    editor = tmp_path / "editor"
    editor.write_text('#!/bin/sh\nprintf -- "- 2026-11-20 call: from the editor\\n" >> "$1"\n')
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    output, changed = review(vault, "s\nsomeday\ne\nk\nq\n", EDITOR=str(editor))
    assert "not written" in output and "someday" in output
    assert changed == {"Ana Costa": ["+- 2026-11-20 call: from the editor"]}


def test_a_channel_of_several_words_is_asked_again_before_the_text(make_vault: MakeVault) -> None:
    """Said at once, not once the text is typed, which a refused channel used to throw away."""
    vault = make_vault(NOTES)
    output, changed = review(vault, "l\nsent the photo\nEmail\nsent the outage photo\n\nq\n")
    assert "Error: a channel is one word (letters, digits, - or _), not 'sent the photo'" in output
    assert "not written" not in output
    assert changed["Ana Costa"][-1] == "+- 2026-11-23 email to: sent the outage photo"


def test_nobody_due(make_vault: MakeVault) -> None:
    vault = make_vault({"People/Zed.md": "---\ncadence: 1y\nlast_contact: 2026-11-01\n---\n"})
    output, changed = review(vault, "")
    assert output == "Nobody is due: nothing to review this week.\n"
    assert changed == {}


def test_a_log_after_an_edit_keeps_what_the_editor_wrote(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault(NOTES)
    editor = tmp_path / "editor"  # the note changes after the review read the vault
    editor.write_text('#!/bin/sh\nprintf -- "more\\n" >> "$1"\n')
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    output, changed = review(vault, "e\nl\nemail\nhello\n\nq\n", EDITOR=str(editor))
    assert "+more" in changed["Ana Costa"]
    assert "+- 2026-11-23 email to: hello" in changed["Ana Costa"]
    assert "logged" in output and "not written" not in output


def test_edit_without_an_editor_says_so_and_asks_again(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    vault = make_vault(NOTES)
    output, changed = review(vault, "e\nq\n", EDITOR=str(tmp_path / "no-such-editor"))
    assert "set $EDITOR" in output
    assert changed == {}
    assert "0 skipped, 3 left for later" in output


def test_the_plan_comes_first_then_replies_owed_nudges_and_promises(make_vault: MakeVault) -> None:
    """Dee is waiting on my reply (the plan takes her second, above Ben and Cy); Eve waits
    on a promise of mine, though she is not due: she is reviewed after the plan, with why.
    After a log, the next follow-up date asked is set."""
    notes = {
        **NOTES,
        "People/Dee.md": "---\nemail: dee@example.com\ncadence: 1y\n---\n"
        "- 2026-11-20 email from: can you look at my draft?\n",
        "People/Eve.md": "---\nemail: eve@example.com\ncadence: 1y\n---\n"
        "- 2026-10-01 call: hi\n- [ ] send Eve the slides 📅 2026-11-20\n",
    }
    vault = make_vault(notes)
    output, changed = review(vault, "k\nl\nemail\nsent my notes\n2026-12-15\nk\nk\nk\n")
    order = [line.split("] ", 1)[1] for line in output.split("\n") if line[1:2].isdigit()]
    assert [line.split(" — ")[0] for line in order] == [
        "Ana Costa",
        "Dee",
        "Ben Okafor",
        "Cy Dale",
        "Eve",
    ]
    assert order[1] == "Dee — waiting on you since 2026-11-20: 'can you look at my draft?'"
    assert order[4] == "Eve — your promise: send Eve the slides (3 days overdue)"
    assert "Thank you for your message on Friday." in output  # Dee's draft answers her, in time
    assert {"+- 2026-11-23 email to: sent my notes", "+next_contact: 2026-12-15"} <= set(
        changed["Dee"]
    )


def test_a_message_logged_in_review_meets_the_follow_up_date(make_vault: MakeVault) -> None:
    """The follow-up date this week that made Di due is met by the message sent today: it
    goes, as with `log` (no new one asked for is given)."""
    vault = make_vault(
        {"People/Di.md": "---\nemail: di@example.com\nnext_contact: 2026-11-27\n---\n# Di\n"}
    )
    _, changed = review(vault, "l\nemail\nthe notes\n\n")
    assert changed == {
        "Di": ["-next_contact: 2026-11-27", "+", "+## Log", "+- 2026-11-23 email to: the notes"]
    }
