"""Every importer, fed files built to be almost right: the shapes real exports have (headers,
preambles, folded lines, quoted-printable, recurrence rules, zips), filled with hostile or
broken values, and now and then plain noise. Whatever the file, `import … --dry-run` ends in
its summary or in a message (exit 0 or 2), never in a traceback, and writes nothing.

`make fuzz` runs 10,000 files per importer, each within 2 seconds of CPU time; the suite runs
a few."""

from __future__ import annotations

import io
import os
import time
import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import MakeVault
from notekit.cli import cli

EXAMPLES = int(os.environ.get("NOTEKIT_FUZZ_EXAMPLES", "25"))
MOST_SECONDS = 2.0  # of CPU time for one file: more is a hang
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # wall-clock time is the machine's; the CPU time of each file is checked
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

# text as exports hold it, and as an attacker would write it
text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "Ana",
            "Costa",
            "José Müller",
            "",
            " ",
            "=cmd|' /C calc'!A0",
            "<!-- x",
            "---",
            "a\nb",
            "\x1b[2J",
            "\u202e",
            "[[Ana]]",
            "#tag",
            "ana@example.com",
            "Ana <ana@example.com>",
            "https://www.linkedin.com/in/ana",
            "urn:li:member:1",
            "x" * 5000,
        ]
    ),
)
dates = st.one_of(
    st.dates().map(lambda d: d.strftime("%d %b %Y")),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("%m/%d/%y, %I:%M %p")),
    st.dates().map(lambda d: d.strftime("%Y-%m-%d %H:%M:%S UTC")),
    st.sampled_from(["", "yesterday", "2026-02-30", "99 Foo 2026", "0000-00-00", "9999-12-31"]),
)


@pytest.fixture
def vault(make_vault: MakeVault) -> Path:
    return make_vault(
        {
            "notekit.toml": '[me]\nlinkedin = "https://www.linkedin.com/in/me"\n',
            "People/Ana Costa.md": "---\nemail: ana@example.com\ncompany: Globex\n---\n"
            "## Log\n- 2026-01-01 call: hi\n",
            "People/José Müller.md": "---\nlinkedin: https://www.linkedin.com/in/jose\n---\n",
            "People/Sam Lee.md": "---\ncadence: 1m\n---\n",
        }
    )


def _import(vault: Path, kind: str, path: Path, *options: str) -> None:
    """The import as a user runs it (dry run): a summary or a message, never a traceback."""
    before = {p: p.read_bytes() for p in vault.rglob("*") if p.is_file()}
    started = time.process_time()
    result = CliRunner().invoke(
        cli,
        ["--vault", str(vault), "--today", "2026-11-23", "import", kind, str(path), "--dry-run"]
        + list(options),
        catch_exceptions=True,
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert time.process_time() - started < MOST_SECONDS, "a hang"
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        assert "notekit: error:" in result.stderr
    assert {p: p.read_bytes() for p in vault.rglob("*") if p.is_file()} == before


def _csv_line(cells: list[str]) -> str:
    import csv

    out = io.StringIO()
    csv.writer(out).writerow(cells)
    return out.getvalue()


CONNECTION_COLUMNS = [
    "First Name",
    "Last Name",
    "URL",
    "Email Address",
    "Company",
    "Position",
    "Connected On",
]


@st.composite
def connections_csv(draw: st.DrawFn) -> str:
    columns = draw(st.permutations(CONNECTION_COLUMNS))
    columns = columns[: draw(st.integers(0, len(columns)))] if draw(st.booleans()) else columns
    preamble = draw(st.lists(st.sampled_from(["Notes:", '"When exporting…"', "", "a,b"])))
    rows = draw(
        st.lists(
            st.lists(st.one_of(text, dates), min_size=len(columns), max_size=len(columns) + 1),
            max_size=8,
        )
    )
    return "".join([*(f"{line}\n" for line in preamble), _csv_line(columns)]) + "".join(
        _csv_line(row) for row in rows
    )


MESSAGE_COLUMNS = [
    "CONVERSATION ID",
    "CONVERSATION TITLE",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "SUBJECT",
    "CONTENT",
    "FOLDER",
]
PROFILES = st.sampled_from(
    [
        "https://www.linkedin.com/in/me",
        "https://www.linkedin.com/in/ana",
        "https://www.linkedin.com/in/jose",
        "",
        "not a url",
    ]
)


@st.composite
def messages_csv(draw: st.DrawFn) -> str:
    columns = draw(st.permutations(MESSAGE_COLUMNS))
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        values = {
            "CONVERSATION ID": draw(st.sampled_from(["c1", "c2", ""])),
            "CONVERSATION TITLE": draw(text),
            "FROM": draw(st.sampled_from(["Me", "Ana Costa", "José Müller", ""])),
            "SENDER PROFILE URL": draw(PROFILES),
            "TO": draw(st.sampled_from(["Me", "Ana Costa", "Ana Costa,José Müller", ""])),
            "RECIPIENT PROFILE URLS": ",".join(draw(st.lists(PROFILES, max_size=3))),
            "DATE": draw(dates),
            "SUBJECT": draw(text),
            "CONTENT": draw(st.one_of(text, st.just("<p>Hi Alex,</p> &#39;"))),
            "FOLDER": draw(st.sampled_from(["INBOX", "DRAFT", "", "SENT"])),
        }
        rows.append([values[c] for c in columns])
    return _csv_line(columns) + "".join(_csv_line(row) for row in rows)


@st.composite
def linkedin_export(draw: st.DrawFn, folder: Path) -> Path:
    kind = draw(st.sampled_from(["connections", "messages", "zip", "noise"]))
    if kind == "noise":
        path = folder / "Connections.csv"
        path.write_bytes(draw(st.binary(max_size=300)))
        return path
    if kind != "zip":
        path = folder / ("Connections.csv" if kind == "connections" else "messages.csv")
        data = draw(connections_csv() if kind == "connections" else messages_csv())
        path.write_bytes(data.encode(draw(st.sampled_from(["utf-8", "utf-8-sig"]))))
        return path
    path = folder / "export.zip"
    members = draw(  # a name twice is as an attacker would have it
        st.lists(
            st.sampled_from(
                ["Connections.csv", "messages.csv", "a/Connections.csv", "Profile.csv", "x/"]
            ),
            max_size=4,
        )
    )
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w") as archive:
        warnings.simplefilter("ignore")  # zipfile's own word on a name written twice
        for name in members:
            if name.endswith("/"):
                archive.writestr(name, "")
                continue
            content = draw(messages_csv() if name == "messages.csv" else connections_csv())
            archive.writestr(name, content)
    if draw(st.booleans()):  # a damaged archive
        damaged = bytearray(path.read_bytes())
        at = draw(st.integers(0, max(len(damaged) - 1, 0)))
        if damaged:
            damaged[at] ^= draw(st.integers(1, 255))
        path.write_bytes(bytes(damaged))
    return path


@FUZZ
@given(data=st.data())
def test_linkedin_exports(vault: Path, tmp_path: Path, data: st.DataObject) -> None:
    _import(vault, "linkedin", data.draw(linkedin_export(tmp_path)))


VCARD_LINES = st.one_of(
    st.builds(lambda v: f"FN:{v}", text),
    st.builds(lambda v: f"N:{v};{v};;;", text),
    st.builds(lambda v: f"EMAIL;TYPE=INTERNET:{v}", text),
    st.builds(lambda v: f"item1.EMAIL:{v}", text),
    st.builds(lambda v: f"TEL;TYPE=CELL:{v}", text),
    st.builds(lambda v: f"TEL;VALUE=uri:tel:{v}", text),
    st.builds(lambda v: f"ORG:{v};Unit", text),
    st.builds(lambda v: f"TITLE:{v}", text),
    st.builds(lambda v: f"ROLE:{v}", text),
    st.builds(lambda v: f"NOTE;CHARSET=windows-1251;:{v}", text),
    st.builds(lambda v: f"BDAY:{v}", st.one_of(dates, st.just("--1127"), st.just("16040101"))),
    st.builds(lambda v: f"URL:{v}", text),
    st.builds(lambda v: f"X-SOCIALPROFILE;type=linkedin:{v}", text),
    st.builds(
        lambda v: f"PHOTO;ENCODING=b;TYPE=JPEG:{v}",
        st.one_of(st.just("/9j/4AAQSkZJRg=="), st.text(max_size=60)),
    ),
    st.just("PHOTO:data:image/png;base64,iVBORw0KGgo="),
    st.just("FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Jos=C3=A9 M=\n=C3=BCller"),
    st.just(" folded continuation"),
    st.just("KIND:org"),
    st.just("PROFILE:VCard"),
    st.just("BEGIN:VCARD"),
    st.just("END:VCARD"),
    st.just("AGENT:BEGIN:VCARD\\nFN:Inner\\nEND:VCARD"),
    text,
)


@st.composite
def vcard_file(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))
    cards = []
    for _ in range(draw(st.integers(0, 4))):
        version = draw(st.sampled_from(["2.1", "3.0", "4.0", "9"]))
        lines = draw(st.lists(VCARD_LINES, max_size=8))
        end = ["END:VCARD"] if draw(st.integers(0, 5)) else []
        cards.append("\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, *end]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1"]))
    return newline.join(cards).encode(encoding, errors="replace")


@FUZZ
@given(data=vcard_file(), photos=st.booleans())
def test_vcard_files(vault: Path, tmp_path: Path, data: bytes, photos: bool) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_bytes(data)
    _import(vault, "vcard", path, *(["--photos"] if photos else []))


GOOGLE_COLUMNS = [
    "Name",
    "Given Name",
    "Family Name",
    "First Name",
    "Last Name",
    "Nickname",
    "Birthday",
    "Notes",
    "Labels",
    "Group Membership",
    "E-mail 1 - Value",
    "E-mail 2 - Value",
    "Phone 1 - Value",
    "Organization 1 - Name",
    "Organization 1 - Title",
    "Organization Name",
    "Organization Title",
    "Website 1 - Value",
]


@st.composite
def google_csv(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))
    columns = draw(st.lists(st.sampled_from(GOOGLE_COLUMNS), unique=True, max_size=12))
    cell = st.one_of(
        text, dates, st.lists(text, max_size=3).map(" ::: ".join), st.just("* myContacts")
    )
    rows = draw(st.lists(st.lists(cell, min_size=len(columns), max_size=len(columns))))
    content = _csv_line(columns) + "".join(_csv_line(row) for row in rows)
    return content.encode("utf-8-sig")


@FUZZ
@given(data=google_csv())
@example(data=b"\r\xc2\x80")  # once a csv.Error traceback
@example(data=b"First Name,Last Name\rAna,Costa\r")  # lines that end in CR alone
def test_google_csv_files(vault: Path, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(data)
    _import(vault, "google", path)


RULE_PARTS = st.lists(
    st.sampled_from(
        [
            "FREQ=SECONDLY",
            "FREQ=MINUTELY",
            "FREQ=HOURLY",
            "FREQ=DAILY",
            "FREQ=WEEKLY",
            "FREQ=MONTHLY",
            "FREQ=YEARLY",
            "FREQ=NEVER",
            "COUNT=5",
            "COUNT=99999999999",
            "COUNT=-1",
            "UNTIL=20261231T000000Z",
            "UNTIL=20200101",
            "UNTIL=garbage",
            "INTERVAL=2",
            "INTERVAL=0",
            "BYDAY=MO,WE",
            "BYDAY=-1FR",
            "BYMONTH=2",
            "BYMONTH=13",
            "BYMONTHDAY=30",
            "BYMONTHDAY=-31",
            "BYYEARDAY=366",
            "BYWEEKNO=53",
            "BYSETPOS=-1",
            "BYHOUR=25",
            "WKST=SU",
        ]
    ),
    max_size=5,
).map(";".join)
START = st.one_of(
    st.datetimes().map(lambda d: d.strftime("%Y%m%dT%H%M%SZ")),
    st.dates().map(lambda d: d.strftime("%Y%m%d")),
    st.sampled_from(["20261301", "20260230", "00000101", "garbage", "", "99991231T235959Z"]),
)
EVENT_LINES = st.one_of(
    st.builds(lambda v: f"DTSTART:{v}", START),
    st.builds(lambda v: f"DTSTART;VALUE=DATE:{v}", START),
    st.builds(lambda v: f"DTSTART;TZID=America/Toronto:{v}", START),
    st.builds(lambda v: f"DTSTART;TZID=Nowhere/Else:{v}", START),
    st.builds(lambda v: f"DTEND:{v}", START),
    st.builds(lambda v: f"RRULE:{v}", RULE_PARTS),
    st.builds(lambda v: f"EXDATE:{v}", START),
    st.builds(lambda v: f"RECURRENCE-ID:{v}", START),
    st.builds(lambda v: f"SUMMARY:{v}", text),
    st.builds(
        lambda cn, mail, state: f"ATTENDEE;CN={cn};PARTSTAT={state}:mailto:{mail}",
        st.sampled_from(["Ana Costa", "José Müller", "", '"Sam, Lee"']),
        st.sampled_from(["ana@example.com", "x@y", "", "sam@example.com"]),
        st.sampled_from(["ACCEPTED", "DECLINED", "NEEDS-ACTION", "?"]),
    ),
    st.sampled_from(["STATUS:CANCELLED", "STATUS:CONFIRMED", "UID:1", "BEGIN:VALARM", "x"]),
)


@st.composite
def calendar_file(draw: st.DrawFn) -> bytes:
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))
    events = []
    for _ in range(draw(st.integers(0, 5))):
        lines = draw(st.lists(EVENT_LINES, max_size=8))
        events.append("\n".join(["BEGIN:VEVENT", *lines, "END:VEVENT"]))
    close = ["END:VCALENDAR"] if draw(st.integers(0, 9)) else []
    body = "\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fuzz//EN", *events, *close])
    return body.replace("\n", draw(st.sampled_from(["\n", "\r\n"]))).encode("utf-8")


@FUZZ
@given(data=calendar_file())
def test_calendar_files(vault: Path, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "calendar.ics"
    path.write_bytes(data)
    _import(vault, "ics", path)
