"""`notekit import whatsapp` and `notekit import telegram` on the fixture exports, as a user
runs them: the entries written, what is left out, and a second run that changes nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, Run, settle

CHATS = FIXTURES / "chats"
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "vault"
    shutil.copytree(FIXTURES / "mail" / "vault", root)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "notes"]):
        subprocess.run([*GIT, *args], cwd=root, check=True)
    return root


def _log(vault: Path, name: str) -> list[str]:
    text = (vault / "People" / f"{name}.md").read_text()
    return [
        line for line in text.splitlines() if line.startswith("- 2026-") and "coffee" not in line
    ]


def test_a_chat_with_one_person_is_to_and_from(run: Run, vault: Path) -> None:
    result = run("import", "whatsapp", str(CHATS / "WhatsApp Chat with Ana Costa.txt"), vault=vault)
    assert result.stdout.splitlines() == [
        "4 log entries were added, 0 were there; 5 messages in 1 chat read.",
        "Left out: 3 system lines, media and deleted messages.",
    ]
    assert _log(vault, "Ana Costa") == [
        "- 2026-10-12 whatsapp to: Hi Ana! Are you in Lisbon next week?",
        "- 2026-10-14 whatsapp from: Yes! Thursday works.",
        "- 2026-11-03 whatsapp from: How was the conference?",
        "- 2026-11-03 whatsapp to: Great, thanks: notes coming",
    ]


def test_a_chat_named_with_a_phone_book_label_is_the_person_without_it(
    run: Run, vault: Path, tmp_path: Path
) -> None:
    """Phones save names with a label: `Ana Costa (Globex)` is the vault's Ana Costa."""
    chat = tmp_path / "WhatsApp Chat with Ana Costa (Globex).txt"
    chat.write_text(
        "12/10/2026, 09:15 - Sam: Hi Ana! Lunch next week?\n"
        "14/10/2026, 18:02 - Ana Costa (Globex): Yes! Thursday works.\n",
        encoding="utf-8",
    )
    result = run("import", "whatsapp", str(chat), vault=vault)
    assert result.stdout.startswith("2 log entries were added"), result.stdout
    assert _log(vault, "Ana Costa") == [
        "- 2026-10-12 whatsapp to: Hi Ana! Lunch next week?",
        "- 2026-10-14 whatsapp from: Yes! Thursday works.",
    ]


def test_a_group_gives_each_who_wrote_an_entry_and_matches_a_phone_number(
    run: Run, vault: Path
) -> None:
    zipped = str(CHATS / "WhatsApp Chat - Reunion 2010.zip")
    result = run("import", "whatsapp", zipped, "--me", "Sam Reyes", vault=vault)
    assert "1 with nobody of the vault, 1 of mine to groups" in result.stdout
    assert _log(vault, "Cara Li") == [
        "- 2026-10-05 whatsapp group with [[Dev Patel]] and 1 other: Who is in for the 15th?",
        "- 2026-10-13 whatsapp group with [[Dev Patel]] and 1 other: Table booked for 8",
    ]
    assert _log(vault, "Dev Patel") == [
        "- 2026-10-05 whatsapp group with [[Cara Li]] and 1 other: I will bring the photos"
    ]
    settle(vault)
    stats = run("stats", "--json", vault=vault).json()
    assert stats["outreach"] == 0  # a group is never outreach


def test_the_day_order_that_cannot_be_told_is_said_and_can_be_given(run: Run, vault: Path) -> None:
    chat = str(CHATS / "WhatsApp Chat with Ben Okafor.txt")
    guessed = run("import", "whatsapp", chat, "--dry-run", vault=vault)
    assert "read as day/month/year" in guessed.stdout and "2026-02-01 whatsapp" in guessed.stdout
    told = run("import", "whatsapp", chat, "--date-order", "mdy", vault=vault)
    assert "read as" not in told.stdout
    assert (
        _log(vault, "Ben Okafor")[0] == "- 2026-01-02 whatsapp from: Happy new year, a month late!"
    )


def test_telegram_personal_chats_and_groups(run: Run, vault: Path) -> None:
    result = run("import", "telegram", str(CHATS / "result.json"), vault=vault)
    assert result.stdout.splitlines()[1] == (
        "Left out: 3 system lines, media and deleted messages, 1 of mine to groups (contact "
        "with no one), 2 chats with bots, channels or public groups."
    )
    assert _log(vault, "Ana Costa") == [
        "- 2026-09-01 telegram to: Ana, the slides from yesterday",
        "- 2026-09-02 telegram from: Thanks! Loved them",
        "- 2026-09-06 telegram group with [[Dev Patel]]: Reunion?",
    ]
    assert _log(vault, "Dev Patel") == ["- 2026-09-05 telegram group with [[Ana Costa]]: Hello all"]


@pytest.mark.parametrize(
    "source, path",
    [
        ("whatsapp", "WhatsApp Chat with Ana Costa.txt"),
        ("whatsapp", "WhatsApp Chat - Reunion 2010.zip"),
        ("telegram", "result.json"),
    ],
)
def test_importing_an_export_twice_leaves_git_status_clean(
    run: Run, vault: Path, source: str, path: str
) -> None:
    first = run("import", source, str(CHATS / path), "--me", "Sam Reyes", vault=vault)
    assert first.exit_code == 0 and not first.stdout.startswith("0 log entries")
    subprocess.run([*GIT, "commit", "-qam", "chat"], cwd=vault, check=True)
    settle(vault)
    again = run("import", source, str(CHATS / path), "--me", "Sam Reyes", vault=vault)
    assert again.stdout.startswith("0 log entries were added")
    status = subprocess.run(
        ["git", "status", "--porcelain"], cwd=vault, capture_output=True, text=True, check=True
    )
    assert status.stdout == ""


def test_a_chat_where_i_cannot_be_told_is_named(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "plain"
    (root / "People").mkdir(parents=True)
    (root / "People" / "Ana Costa.md").write_text("---\ntype: person\n---\n")
    chat = tmp_path / "WhatsApp Chat with Reunion.txt"
    chat.write_text("15/03/2026, 14:23 - Ana Costa: hi\n15/03/2026, 14:24 - Kim: hello\n")
    result = run("import", "whatsapp", str(chat), vault=root)
    assert "Reunion: which side is mine cannot be told" in result.stdout
