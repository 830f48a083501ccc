"""What an import reads, as an attacker or an unlucky user hands it over: files too large, a
zip that unpacks to gigabytes or is protected by a password, an export in Windows' encoding,
a calendar built to make recurrence expansion run forever, a card with a huge photo. Each is
refused or cut short with a message that names the file and says what to do; none leaves a
traceback, and nothing is written because of it."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, MakeVault, Run

LINKEDIN = FIXTURES / "linkedin"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _notes(vault: Path) -> dict[str, bytes]:
    return {p.relative_to(vault).as_posix(): p.read_bytes() for p in vault.rglob("*.md")}


@pytest.fixture
def vault(make_vault: MakeVault) -> Path:
    return make_vault({"People/Ana Costa.md": "---\nemail: ana@example.com\n---\n"})


def _in_a_process(vault: Path, *args: str) -> subprocess.CompletedProcess:
    """notekit as a user runs it, in a process of its own: a hang fails the test (timeout), and
    the process's own peak memory is printed last on stderr."""
    code = (
        "import sys\n"
        "from notekit.cli import cli\n"
        "try:\n"
        "    cli(sys.argv[1:], prog_name='notekit')\n"
        "    code = 0\n"
        "except SystemExit as exc:\n"
        "    code = exc.code if isinstance(exc.code, int) else 1\n"
        "peak = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
        "print('peak', int(peak.split()[1]) // 1024, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    command = [sys.executable, "-c", code, "--vault", str(vault), "--today", "2026-11-23", *args]
    env = {**os.environ, "NOTEKIT_CACHE_DIR": str(vault.parent / "cache")}
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)


def _peak_mb(result: subprocess.CompletedProcess) -> int:
    return int(result.stderr.strip().splitlines()[-1].split()[1])


SMALL = {
    "linkedin": ("Connections.csv", HEADER + "Ana,Costa,,,Globex,Engineer,15 Mar 2024\n"),
    "vcard": ("small.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Costa\nEND:VCARD\n"),
    "ics": ("small.ics", "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\nEND:VCALENDAR\n"),
}


def _grown_mb(vault: Path, result: subprocess.CompletedProcess, kind: str) -> int:
    """How much more memory the import took than the same import of a small file: what the
    file itself cost, whatever the interpreter and its libraries take on this machine."""
    name, text = SMALL[kind]
    small = vault.parent / name
    small.write_text(text)
    baseline = _in_a_process(vault, "import", kind, str(small), "--dry-run")
    assert baseline.returncode == 0, baseline.stderr
    return _peak_mb(result) - _peak_mb(baseline)


def test_a_zip_member_larger_than_the_limit_is_refused_before_it_is_unpacked(
    vault: Path, tmp_path: Path
) -> None:
    """A zip of a few kilobytes whose Connections.csv unpacks to 64 MiB, against a limit of
    16 MiB: refused, named, and the flag to raise it told, without unpacking it whole."""
    export = tmp_path / "export.zip"
    row = b"Ana,Costa,,ana@example.com,Globex,Engineer,15 Mar 2024\n"
    with (
        zipfile.ZipFile(export, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("Connections.csv", "w") as member,
    ):
        member.write(HEADER.encode())
        for _ in range(64 * 1024 * 1024 // len(row)):
            member.write(row)
    assert export.stat().st_size < 1024 * 1024
    before = _notes(vault)
    result = _in_a_process(vault, "import", "linkedin", str(export), "--max-mb", "16")
    assert result.returncode == 2, result.stderr
    assert "export.zip: Connections.csv holds" in result.stderr
    assert "over the 16 MiB an import reads" in result.stderr and "--max-mb" in result.stderr
    assert "Traceback" not in result.stderr
    assert _grown_mb(vault, result, "linkedin") < 16 + 40  # never much more than the limit
    assert _notes(vault) == before


def test_a_file_larger_than_the_limit_is_refused_from_its_size(
    run: Run, vault: Path, tmp_path: Path
) -> None:
    big = tmp_path / "contacts.csv"
    big.write_bytes(b"x" * (2 * 1024 * 1024 + 1))
    for kind in ("google", "linkedin", "vcard", "ics"):
        result = run("import", kind, str(big), "--max-mb", "2", vault=vault)
        assert result.exit_code == 2, (kind, result.stdout)
        assert f"{big} holds 2 MiB, over the 2 MiB an import reads" in result.stderr, kind


@pytest.mark.parametrize("quoted_over", [0, 2])  # a cell on one line, or on three
def test_a_csv_cell_too_large_to_read_is_named_by_the_line_its_row_starts_on(
    run: Run, vault: Path, tmp_path: Path, quoted_over: int
) -> None:
    cell = '"' + "x\n" * quoted_over + "n" * 200_000 + '"'
    export = tmp_path / "contacts.csv"
    export.write_text(f"First Name,Last Name,Notes\nBen,Okafor,\nAna,Costa,{cell}\n")
    before = _notes(vault)
    result = run("import", "google", str(export), vault=vault)
    assert result.exit_code == 2
    assert f"{export}: line 3: not CSV (field larger than field limit" in result.stderr
    assert _notes(vault) == before


def test_a_password_protected_zip_is_refused_with_what_to_do(
    run: Run, vault: Path, tmp_path: Path
) -> None:
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("Connections.csv", HEADER + "Ana,Costa,,,,,\n")
    data = bytearray(export.read_bytes())  # set the "encrypted" bit, as a zip tool does
    for signature, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        data[data.index(signature) + at] |= 0x1
    export.write_bytes(bytes(data))
    result = run("import", "linkedin", str(export), vault=vault)
    assert result.exit_code == 2
    assert "Connections.csv is protected by a password" in result.stderr
    assert "import the folder" in result.stderr


def test_an_export_in_windows_encoding_is_named_and_read_when_told(
    run: Run, vault: Path, tmp_path: Path
) -> None:
    export = tmp_path / "Connections.csv"
    export.write_bytes((HEADER + "José,Müller,,,Initech,Engineer,15 Mar 2024\n").encode("cp1252"))
    before = _notes(vault)
    refused = run("import", "linkedin", str(export), vault=vault)
    assert refused.exit_code == 2
    assert f"{export}, line 2: not UTF-8 (byte 0xe9)" in refused.stderr
    assert "--encoding cp1252" in refused.stderr
    assert _notes(vault) == before
    told = run("import", "linkedin", str(export), "--encoding", "cp1252", vault=vault)
    assert told.exit_code == 0, told.stderr
    assert "company: Initech" in (vault / "People/José Müller.md").read_text("utf-8")
    unknown = run("import", "linkedin", str(export), "--encoding", "klingon", vault=vault)
    assert unknown.exit_code == 2 and "no encoding" in unknown.stderr


def test_an_export_with_two_connection_files_says_so(run: Run, vault: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("Connections.csv", HEADER + "Ana,Costa,,,,,\n")
        archive.writestr("old/Connections.csv", HEADER + "Ben,Okafor,,,,,\n")
    result = run("import", "linkedin", str(export), vault=vault)
    assert result.exit_code == 2
    assert "Connections.csv is there twice (Connections.csv and old/Connections.csv)" in (
        result.stderr
    )


def test_a_huge_photo_is_left_out_without_being_decoded(vault: Path, tmp_path: Path) -> None:
    """A 24 MiB photo in a card: once decoded by vobject it took about 150 times its size; the
    card is imported without it, and memory stays near the file's size."""
    photo = base64.b64encode(b"\xff\xd8\xff" + os.urandom(18 * 1024 * 1024)).decode()
    folded = "\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    card = tmp_path / "big.vcf"
    card.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Big Photo\nEMAIL:big@example.com\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\nEND:VCARD\n"
    )
    result = _in_a_process(vault, "import", "vcard", "--photos", str(card))
    assert result.returncode == 0, result.stderr
    assert "1 person was added" in result.stdout
    assert "card 1: photo over 5 MiB left out" in result.stdout
    assert _grown_mb(vault, result, "vcard") < 24 * 8  # a few times the file, not 150
    assert "photo" not in (vault / "People/Big Photo.md").read_text()


CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//EN
BEGIN:VEVENT
UID:every-minute
DTSTART:20260101T090000Z
SUMMARY:Every minute forever
RRULE:FREQ=MINUTELY
ATTENDEE;CN=Ana Costa:mailto:ana@example.com
END:VEVENT
BEGIN:VEVENT
UID:every-second
DTSTART:20260101T090000Z
SUMMARY:Every second
RRULE:FREQ=SECONDLY;COUNT=99999999999
ATTENDEE;CN=Ana Costa:mailto:ana@example.com
END:VEVENT
BEGIN:VEVENT
UID:never
DTSTART:20260101T090000Z
SUMMARY:Never happens
RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30
ATTENDEE;CN=Ana Costa:mailto:ana@example.com
END:VEVENT
BEGIN:VEVENT
UID:bad-month
DTSTART:20261301
SUMMARY:Thirteenth month
ATTENDEE;CN=Ana Costa:mailto:ana@example.com
END:VEVENT
BEGIN:VEVENT
UID:ancient
DTSTART:00010101
SUMMARY:Year one
ATTENDEE;CN=Ana Costa:mailto:ana@example.com
END:VEVENT
BEGIN:VEVENT
UID:fine
DTSTART:20261102T100000Z
SUMMARY:Coffee with Ana
ATTENDEE;CN=Ana Costa:mailto:ana@example.com
END:VEVENT
END:VCALENDAR
"""


def test_a_calendar_built_to_run_forever_is_read_in_bounded_work(
    vault: Path, tmp_path: Path
) -> None:
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(CALENDAR.replace("\n", "\r\n"))
    result = _in_a_process(vault, "import", "ics", str(calendar))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    out = result.stdout
    assert "event 1 (Every minute forever): repeats more than 3000 times" in out
    assert "event 2 (Every second): cannot be read (RRULE:FREQ=SECONDLY" in out
    assert "event 4 (Thirteenth month): cannot be read" in out
    assert "event 5 (Year one): cannot be read (it starts in 1)" in out
    assert _grown_mb(vault, result, "ics") < 64
    ana = (vault / "People/Ana Costa.md").read_text()
    assert "- 2026-11-02 coffee: Coffee with Ana" in ana
    assert "Never happens" not in ana


def test_a_follow_up_at_the_end_of_time_is_refused_and_exported_without_overflow(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault({"People/Ana.md": "---\ncadence: 1m\n---\n"})
    far = run("snooze", "Ana", "9999-12-31", vault=vault)
    assert far.exit_code == 2 and "more than 100 years ahead" in far.stderr
    (vault / "People/Ana.md").write_text("---\nnext_contact: 9999-12-31\n---\n")
    exported = run("export", "ics", vault=vault)
    assert exported.exit_code == 0, exported.stderr
    assert "BEGIN:VCALENDAR" in exported.stdout


def test_a_person_template_that_is_not_utf8_is_named(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"notekit.toml": "", "Templates/Person.md": ""})
    (vault / "Templates/Person.md").write_bytes(b"---\ntype: person\n---\n# {{title}} caf\xe9\n")
    result = run("add", "Kim Park", vault=vault)
    assert result.exit_code == 2
    assert "Templates/Person.md:4: the person template is not UTF-8" in result.stderr
    assert not (vault / "People/Kim Park.md").exists()


def test_every_one_byte_damage_to_a_zip_is_a_message(tmp_path: Path) -> None:
    """Each byte of a small export flipped in turn: the export reads, or is refused with a
    message; never an exception the command does not turn into one (EOFError, zlib.error)."""
    from notekit.core.errors import SourceError
    from notekit.interop.linkedin import connections, messages, read_export

    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "Connections.csv", HEADER + "Ana,Costa,,,Globex,Engineer,15 Mar 2024\n" * 20
        )
        archive.writestr("messages.csv", "CONVERSATION ID,FROM,DATE\nc1,Ana,2026-01-01\n")
    data = whole.read_bytes()
    damaged = tmp_path / "damaged.zip"
    refused = 0
    for at in range(len(data)):
        damaged.write_bytes(data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :])
        try:
            export = read_export(damaged)
            connections(export.connections or HEADER, "Connections.csv")
            messages(export.messages or "CONVERSATION ID,FROM,DATE\n", "messages.csv")
        except (SourceError, OSError):
            refused += 1
    assert 0 < refused < len(data)
