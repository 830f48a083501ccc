"""`notekit import PATH`: each export told by its content (notekit.interop.detect), and the
choice said before the import runs."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, Run
from notekit.interop.detect import detect


@pytest.mark.parametrize(
    "path, source",
    [
        ("mail/takeout.mbox", "mail"),
        ("mail/maildir", "mail"),
        ("chats/WhatsApp Chat with Ana Costa.txt", "whatsapp"),
        ("chats/WhatsApp Chat - Reunion 2010.zip", "whatsapp"),
        ("chats/result.json", "telegram"),
        ("google.csv", "google"),
        ("linkedin", "linkedin"),
        ("linkedin/messages.csv", "linkedin"),
        ("linkedin/legacy.csv", "linkedin"),
        ("calendar.ics", "ics"),
        ("google-calendar.ics", "ics"),
        ("vcard", "vcard"),
        ("vcard/v21-quoted-printable.vcf", "vcard"),
    ],
)
def test_each_fixture_export_is_told_by_its_content(path: str, source: str) -> None:
    found = detect(FIXTURES / path)
    assert found is not None and found[0] == source


def test_a_name_is_no_evidence(tmp_path: Path) -> None:
    misnamed = tmp_path / "calendar.ics"
    shutil.copy(FIXTURES / "google.csv", misnamed)
    assert detect(misnamed) == ("google", "a Google Contacts CSV (First Name, …, Labels)")
    notes = tmp_path / "WhatsApp Chat with Ana.txt"
    notes.write_text("shopping list\nmilk\n")
    assert detect(notes) is None
    empty = tmp_path / "export.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.md", "nothing here")
    assert detect(empty) is None


def test_import_of_a_path_says_what_it_chose_then_imports(run: Run, tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    shutil.copytree(FIXTURES / "mail" / "vault", vault)
    chat = FIXTURES / "chats" / "WhatsApp Chat with Ana Costa.txt"
    result = run("import", str(chat), "--dry-run", vault=vault)
    assert result.stderr.startswith(
        f"Importing {chat} as a WhatsApp chat (lines start with a date and a time): "
        "notekit import whatsapp.\n"
    )
    assert "4 log entries would be added" in result.stdout
    unknown = run("import", str(FIXTURES / "mail" / "EXPECTED.md"), vault=vault)
    assert unknown.exit_code != 0
    assert "not an export notekit knows" in unknown.stderr
