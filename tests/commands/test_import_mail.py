"""`notekit import mail` on the fixture mailboxes, as a user runs it: what it writes, what it
says it left out, what `stats` makes of it, and that a second run changes nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, MakeVault, Run, settle

MAIL = FIXTURES / "mail"


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    """The fixture vault, in a git repository with everything committed."""
    root = tmp_path / "vault"
    shutil.copytree(MAIL / "vault", root)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "notes"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
            cwd=root,
            check=True,
        )
    return root


def _git_status(vault: Path) -> str:
    return subprocess.run(
        ["git", "status", "--porcelain"], cwd=vault, capture_output=True, text=True, check=True
    ).stdout


def test_the_takeout_mbox_logs_what_happened_and_the_reply_rate_is_the_one_by_hand(
    run: Run, vault: Path
) -> None:
    result = run("import", "mail", str(MAIL / "takeout.mbox"), vault=vault)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "11 log entries were added, 0 were there; 32 messages read."
    assert lines[1] == (
        "Left out: 1 auto-reply, 1 bulk, 1 draft, 1 invitation, 1 mailing list, 1 no-reply, "
        "1 spam, 11 with nobody of the vault, 1 of mine to several people (contact with no "
        "one), 1 written to others (a copy reached me), 1 dated after today."
    )
    assert "Skipped 1 message that cannot be read:" in lines
    assert lines[-1].endswith("message 10: no date that can be read (Date: 'sometime last week')")
    cara = (vault / "People/Cara Li.md").read_text()
    assert "- 2026-10-08 email group with [[Ana Costa]] and 1 other: Reunion planning\n" in cara
    assert "- 2026-10-20 email to: Porto in the autumn?\n" in cara
    assert "- 2026-11-17 email from (re 2026-10-20): Olá from Porto\n" in cara  # by the thread
    ana = (vault / "People/Ana Costa.md").read_text()
    assert "- 2026-10-25 email to (re 2026-10-03): Re: Coffee in October?\n" in ana
    dev = (vault / "People/Dev Patel.md").read_text()
    assert "- 2026-10-10 email from: Café next week?\n" in dev
    assert "- 2026-11-02 email from (re 2026-11-01): Quick answer\n" in dev  # Gmail's thread id
    settle(vault)
    stats = run("stats", "--json", vault=vault).json()
    assert (stats["outreach"], stats["answered"], stats["unanswered"]) == (4, 3, 1)
    assert stats["reply_rate"] == 0.75  # tests/fixtures/mail/EXPECTED.md


@pytest.mark.parametrize("box", ["takeout.mbox", "maildir"])
def test_importing_a_mailbox_twice_leaves_git_status_clean(run: Run, vault: Path, box: str) -> None:
    assert run("import", "mail", str(MAIL / box), vault=vault).exit_code == 0
    subprocess.run(["git", "add", "-A"], cwd=vault, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "mail"],
        cwd=vault,
        check=True,
    )
    settle(vault)
    again = run("import", "mail", str(MAIL / box), vault=vault)
    assert again.stdout.startswith("0 log entries were added, ")
    assert _git_status(vault) == ""


def test_the_maildir_tree_of_offlineimap(run: Run, vault: Path) -> None:
    result = run("import", "mail", str(MAIL / "maildir"), vault=vault)
    assert result.stdout.splitlines()[:2] == [
        "3 log entries were added, 0 were there; 6 messages read.",
        "Left out: 1 draft, 1 spam, 1 trash.",
    ]
    assert "- 2026-11-08 email from: To your old address\n" in (
        (vault / "People/Dev Patel.md").read_text()
    )


def test_a_dry_run_shows_every_change_and_writes_nothing(run: Run, vault: Path) -> None:
    result = run("import", "mail", str(MAIL / "takeout.mbox"), "--dry-run", vault=vault)
    assert "+- 2026-10-25 email from: We are hiring" in result.stdout
    assert "11 log entries would be added" in result.stdout
    assert _git_status(vault) == ""


def test_suggest_lists_who_has_no_note_and_add_writes_their_notes(run: Run, vault: Path) -> None:
    box = str(MAIL / "takeout.mbox")
    listed = run("import", "mail", box, "--suggest", "--min", "2", vault=vault)
    rows = [line.split()[:3] for line in listed.stdout.splitlines()[1:3]]
    assert rows == [
        ["Elena", "Rossi", "elena@oldco.example"],
        ["Farid", "Haddad", "farid@example.com"],
    ]
    assert _git_status(vault) == ""  # --suggest alone writes nothing
    added = run("import", "mail", box, "--suggest", "--add", vault=vault)
    assert "  added: People/Elena Rossi.md" in added.stdout.splitlines()
    note = (vault / "People/Elena Rossi.md").read_text()
    assert "email: elena@oldco.example\n" in note and "source: mail\n" in note
    settle(vault)
    run("import", "mail", box, vault=vault)
    assert "- 2026-11-18 email from (re 2026-11-17): Re: Catching up 2\n" in (
        (vault / "People/Elena Rossi.md").read_text()
    )


def test_a_name_a_company_writes_family_first_makes_a_note_in_natural_order(
    run: Run, vault: Path, tmp_path: Path
) -> None:
    """Company mail says `"Nakamura, Kenji" <kenji@corp.example>`: his note is Kenji Nakamura's."""
    box = tmp_path / "corp.mbox"
    box.write_text(
        "From x Mon Nov 02 09:00:00 2026\n"
        'From: "Nakamura, Kenji" <kenji@corp.example>\nTo: sam@example.com\n'
        "Date: Mon, 2 Nov 2026 09:00:00 +0000\nSubject: Hello\nMessage-ID: <a1@corp>\n\nHi\n\n"
        "From x Tue Nov 03 09:00:00 2026\n"
        'From: sam@example.com\nTo: "Nakamura, Kenji" <kenji@corp.example>\n'
        "Date: Tue, 3 Nov 2026 09:00:00 +0000\nSubject: Re: Hello\nMessage-ID: <a2@corp>\n"
        "In-Reply-To: <a1@corp>\n\nHi back\n",
        encoding="utf-8",
    )
    added = run("import", "mail", str(box), "--suggest", "--add", "--min", "1", vault=vault)
    assert "  added: People/Kenji Nakamura.md" in added.stdout.splitlines(), added.stdout


def test_whose_mail_it_is_must_be_known(run: Run, make_vault: MakeVault) -> None:
    root = make_vault({"People/Ana.md": "---\nemail: ana@globex.com\n---\n"})
    refused = run("import", "mail", str(MAIL / "takeout.mbox"), vault=root)
    assert refused.exit_code != 0 and "[me] emails" in refused.stderr
    given = run("import", "mail", str(MAIL / "takeout.mbox"), "--me", "sam@example.com", vault=root)
    assert given.stdout.startswith("3 log entries were added")  # to her, her answer, mine
    not_a_box = run("import", "mail", str(MAIL / "EXPECTED.md"), vault=root)
    assert "neither an mbox file nor a folder" in not_a_box.stderr


def test_a_mailbox_shows_how_many_messages_were_read_on_a_terminal_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    import click

    from notekit.commands.import_ import stream_progress

    messages = iter(range(5))
    with stream_progress(messages, "messages") as shown:
        assert shown is messages  # not a terminal: the stream as it is
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with stream_progress(iter(range(5)), "messages") as shown:
        assert isinstance(shown, click._termui_impl.ProgressBar) and shown.show_pos
        assert list(shown) == [0, 1, 2, 3, 4]


def test_a_subject_cannot_tag_or_link_the_person(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault(
        {
            "People/Ana.md": "---\nemail: ana@globex.com\n---\n## Log\n",
            "People/Ben.md": "---\n---\n",
            "notekit.toml": '[me]\nemails = ["sam@example.com"]\n[cadence.tags]\nmentor = "1m"\n',
        }
    )
    box = vault.parent / "box.mbox"
    box.write_text(
        "From x Mon Nov 16 10:00:00 2026\nFrom: Ana <ana@globex.com>\nTo: sam@example.com\n"
        "Subject: Special #mentor offer for [[Ben]]\nDate: Mon, 16 Nov 2026 10:00:00 +0000\n\nhi\n"
    )
    assert run("import", "mail", str(box), vault=vault).exit_code == 0
    assert "- 2026-11-16 email from: Special \\#mentor offer for [\\[Ben]]\n" in (
        (vault / "People/Ana.md").read_text()
    )
    settle(vault)
    shown = run("show", "Ana", "--json", vault=vault).json()
    assert shown["tags"] == [] and shown["cadence"] is None
