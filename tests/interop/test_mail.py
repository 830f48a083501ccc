"""Reading mailboxes (notekit.interop.mail): the headers of each message, what they say about
whether it is personal, and a message that cannot be read named rather than raised."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from notekit.core.dates import in_zone
from notekit.interop import mail as mail_module
from notekit.interop.mail import (
    AUTO,
    BULK,
    DRAFT,
    LIST,
    NO_REPLY,
    SPAM,
    TRASH,
    Mail,
    MailProblem,
    Read,
    mailbox_kind,
    read_mail,
)

MAIL = FIXTURES / "mail"
LISBON = in_zone("Europe/Lisbon")


def _by_subject(found: list[Read]) -> dict[str, Mail]:
    return {m.subject: m for m in found if isinstance(m, Mail)}


def test_the_takeout_mbox_is_read_with_its_addresses_days_and_threads() -> None:
    found = list(read_mail(MAIL / "takeout.mbox", LISBON))
    assert len(found) == 33
    mails = _by_subject(found)
    reply = next(m for m in found if isinstance(m, Mail) and m.message_id == "a2@mail.example")
    assert (reply.sender, reply.day, reply.replies_to) == (
        "ana@globex.com",
        dt.date(2026, 10, 3),
        ("a1@mail.example",),
    )
    assert reply.thread == "101" and reply.left_out is None
    assert mails["Long time no see"].to == (("ben.okafor@gmail.com", "Ben Okafor"),)
    group = mails["Reunion planning"]
    assert [a for a, _ in group.to] == ["sam@example.com", "ana@globex.com", "zoe@example.com"]
    assert mails["Newsletter of the reunion"].bcc == ("dev@example.net",)
    latin = mails["Café next week?"]
    assert latin.sender_name == "Dév Patel"
    raw = mails["Olá from Porto"]  # raw Latin-1 bytes, 22:30 at -03:00: the 17th in Lisbon
    assert raw.day == dt.date(2026, 11, 17) and raw.replies_to == ("p1@mail.example",)
    mine = mails["Re: Coffee in October?"]  # my answer to hers, with both in References
    assert mine.replies_to == ("a2@mail.example", "a1@mail.example")
    assert mails["Quick answer"].replies_to == () and mails["Quick answer"].thread == "116"


def test_what_is_not_personal_is_said_and_why() -> None:
    mails = _by_subject(list(read_mail(MAIL / "takeout.mbox", LISBON)))
    assert {subject: m.left_out for subject, m in mails.items() if m.left_out} == {
        "[alumni] Reunion photos": LIST,
        "Automatic reply: Long time no see": AUTO,
        "You won!": SPAM,
        "Draft: thanks": DRAFT,
        "Ana Costa viewed your profile": NO_REPLY,
        "This week at Globex": BULK,
    }
    # a message of several parts is read whole only when asked: an attachment is no invitation
    invitation, attached = mails["Invitation: Lunch @ Tue 20 Oct 2026"], mails["Quick question"]
    assert invitation.invitation is not None and invitation.invitation()
    assert attached.invitation is not None and not attached.invitation()
    assert mails["Coffee in October?"].invitation is None  # one part: nothing to look into


def test_a_message_that_cannot_be_read_is_named_and_the_rest_are_read() -> None:
    found = list(read_mail(MAIL / "takeout.mbox", LISBON))
    problems = [m for m in found if isinstance(m, MailProblem)]
    assert problems == [
        MailProblem(
            f"{MAIL / 'takeout.mbox'}, message 10",
            "no date that can be read (Date: 'sometime last week')",
        )
    ]


def test_a_maildir_tree_as_offlineimap_writes_it() -> None:
    found = list(read_mail(MAIL / "maildir", LISBON))
    mails = _by_subject(found)
    assert len(found) == 6  # the hidden `.keep` files are no messages
    assert mails["Deleted but not expunged"].left_out == TRASH  # the T flag
    assert mails["Cheap watches"].left_out == SPAM  # the folder
    assert mails["Unsent"].left_out == DRAFT
    assert mails["Re: Dinner in November?"].left_out is None  # in new/, no flags yet
    assert mailbox_kind(MAIL / "maildir") == "maildir"
    assert mailbox_kind(MAIL / "takeout.mbox") == "mbox"
    assert mailbox_kind(MAIL / "EXPECTED.md") is None


def test_broken_headers_are_problems_never_exceptions(tmp_path: Path) -> None:
    box = tmp_path / "odd.mbox"
    box.write_bytes(
        b"From x Mon Nov 16 10:00:00 2026\n"
        b"To: sam@example.com\nSubject: no sender\nDate: Mon, 16 Nov 2026 10:00:00 +0000\n\nx\n\n"
        b"From x Mon Nov 16 10:00:00 2026\n"
        b"From: a@b.example\nTo: sam@example.com\nSubject: =?x-unknown?q?abc?=\n"
        b"Date: Mon, 16 Nov 2026 10:00:00 +0000\n\nx\n\n"
        b"From x Mon Nov 16 10:00:00 2026\n"
        b"From: a@b.example\nX-Long: " + b"y" * (300 << 10) + b"\n\nx\n\n"
        b"From x Mon Nov 16 10:00:00 2026\n"
        b"From: A <a@b.example>\nTo: sam@example.com\nDate: Mon, 16 Nov 2026 10:00:00\n\nok\n"
    )
    found = list(read_mail(box))
    reasons = [m.reason for m in found if isinstance(m, MailProblem)]
    assert reasons == [
        "no sender address (From)",
        "a header in an encoding that cannot be read (unknown encoding: x-unknown)",
        "headers over 256 KiB",
    ]
    last = found[-1]
    assert isinstance(last, Mail) and last.day == dt.date(2026, 11, 16)  # no zone: UTC


@pytest.mark.parametrize("chunk", [7, 64, 1000])
def test_an_mbox_read_in_small_chunks_gives_the_same_messages(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Messages and headers straddling the chunks an mbox is read in are read whole."""
    whole = list(read_mail(MAIL / "takeout.mbox", LISBON))
    monkeypatch.setattr(mail_module, "MBOX_CHUNK", chunk)
    assert list(read_mail(MAIL / "takeout.mbox", LISBON)) == whole


PIECES = [
    b"From ",
    b"From: ",
    b"To: ",
    b"Date: ",
    b"Subject: =?",
    b"?=",
    b"\n",
    b"\r\n",
    b"\n\n",
    b"<",
    b">",
    b"@",
    b",",
    b'"',
    b"=?utf-8?b?",
    b"=?x?q?",
    b"Content-Type: multipart/mixed",
    b"text/calendar",
    b"\xff\xfe",
    b"\x00",
    b" ",
    b"\t",
    b"Tue, 3 Nov 2026 10:00:00 -0800",
    b"Mon, 32 Foo 2026 25:61:00 +9999",
    b"a@b.c",
    b"X-Gmail-Labels: Spam",
    b"In-Reply-To: <x>",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map(b"".join))
def test_any_bytes_in_an_mbox_are_messages_or_named_problems(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        box = Path(folder) / "box.mbox"
        box.write_bytes(b"From x\n" + data)
        for found in read_mail(box):
            assert isinstance(found, (Mail, MailProblem))
            if isinstance(found, Mail) and found.invitation is not None:
                found.invitation()
