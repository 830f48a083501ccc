"""Mail as history (notekit.interop.conversations): who each message is with, in which
direction, and what is counted instead of written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from notekit.interop.chats import Chat, ChatExport, Said
from notekit.interop.conversations import read_chats, read_conversations
from notekit.interop.mail import INVITATION, LIST, Mail, MailProblem
from notekit.store.memory import index_from_texts

ME = "sam@example.com"
TODAY = dt.date(2026, 11, 23)
VAULT = index_from_texts(
    {
        "People/Ana.md": "---\nemail: Ana@Globex.com\n---\n",
        "People/Ben.md": "---\nemails: [ben@initech.com, ben@home.example]\n---\n",
        "People/Cy.md": "---\nemail: cy@example.org\n---\n",
    }
)


def mail(
    sender: str,
    to: tuple[str, ...],
    day: int = 2,
    subject: str = "hello",
    **more: object,
) -> Mail:
    fields: dict = {
        "where": "box, message 1",
        "day": dt.date(2026, 11, day),
        "sender": sender,
        "sender_name": "",
        "to": tuple((address, "") for address in to),
        "bcc": (),
        "subject": subject,
        "message_id": None,
        "replies_to": (),
        "thread": None,
        "left_out": None,
    }
    return Mail(**{**fields, **more})


def entries(*found: Mail | MailProblem) -> dict[tuple[str, str], str]:
    read = read_conversations(VAULT, found, [ME], TODAY)
    return {
        (path, f"{day:%d} {direction}"): f"{new.text}|{new.members}"
        + (f"|re {new.reply_to:%d}" if new.reply_to else "")
        for (path, day, direction), new in read.entries.items()
    }


def test_one_to_one_is_to_or_from_once_per_person_day_and_direction() -> None:
    assert entries(
        mail(ME, ("ana@globex.com",), subject="first"),
        mail(ME, ("ana@globex.com",), subject="second, same day"),
        mail("ana@globex.com", (ME,), subject="answer"),
        mail("ben@home.example", (ME,), day=3),  # any of their addresses
    ) == {
        ("People/Ana.md", "02 to"): "first|",
        ("People/Ana.md", "02 from"): "answer|",
        ("People/Ben.md", "03 from"): "hello|",
    }


def test_several_people_make_a_group_for_whoever_of_the_vault_wrote() -> None:
    found = entries(
        mail("cy@example.org", (ME, "ana@globex.com", "zoe@example.com")),
        mail(ME, ("cy@example.org", "ana@globex.com")),  # mine to several: no one's
    )
    assert found == {("People/Cy.md", "02 group"): "hello|[[Ana]] and 1 other"}


def test_a_bcc_counts_for_the_sender_alone() -> None:
    read = read_conversations(
        VAULT,
        [
            mail(ME, (ME,), bcc=("ana@globex.com", "ben@initech.com")),  # my Bcc: a copy
            mail("ben@initech.com", ()),  # to me by Bcc: from Ben
            mail("ana@globex.com", ("team@globex.com",)),  # to others: a copy reached me
        ],
        [ME],
        TODAY,
    )
    assert list(read.entries) == [("People/Ben.md", dt.date(2026, 11, 2), "from")]
    assert (read.strangers, read.not_mine) == (1, 1)


def test_what_is_left_out_is_counted_by_reason_and_by_date() -> None:
    problem = MailProblem("box, message 9", "no date")
    read = read_conversations(
        VAULT,
        [
            mail("ana@globex.com", (ME,), left_out=LIST),
            mail("ana@globex.com", (ME,), day=1),
            mail("ana@globex.com", (ME,), day=30),
            problem,
        ],
        [ME],
        TODAY,
        since=dt.date(2026, 11, 2),
    )
    assert read.left_out == {LIST: 1}
    assert (read.earlier, read.ahead, read.messages, read.problems) == (1, 1, 3, [problem])
    assert not read.entries


def test_answers_are_known_by_their_ids_or_else_by_the_gmail_thread() -> None:
    read = read_conversations(
        VAULT,
        [
            mail("ana@globex.com", (ME,), day=5, replies_to=("m1",)),  # before what it answers
            mail(ME, ("ana@globex.com",), day=1, message_id="m1"),
            mail(ME, ("ben@initech.com",), day=1, thread="t"),
            mail("ben@initech.com", (ME,), day=9, thread="t"),  # a later day of the thread
            mail("cy@example.org", (ME,), day=9, thread="u"),  # a thread of theirs alone
        ],
        [ME],
        TODAY,
    )
    assert read.replies == 2


def test_an_entry_that_answers_by_its_thread_names_the_day_it_answers() -> None:
    assert entries(
        mail(ME, ("ana@globex.com",), day=1, message_id="m1"),
        mail("ana@globex.com", (ME,), day=20, replies_to=("m0", "m1")),  # late, in the thread
        mail("cy@example.org", (ME,), day=3, message_id="c1"),
        mail(ME, ("cy@example.org",), day=22, replies_to=("c1",)),  # my late answer
        mail(ME, ("ben@initech.com",), day=4, thread="t"),
        mail("ben@initech.com", (ME,), day=9, thread="t"),  # Gmail's thread, a later day
        mail("ben@initech.com", (ME,), day=4, thread="t", subject="same day"),  # who knows
    ) == {
        ("People/Ana.md", "01 to"): "hello|",
        ("People/Ana.md", "20 from"): "hello||re 01",
        ("People/Cy.md", "03 from"): "hello|",
        ("People/Cy.md", "22 to"): "hello||re 03",
        ("People/Ben.md", "04 to"): "hello|",
        ("People/Ben.md", "09 from"): "hello||re 04",
        ("People/Ben.md", "04 from"): "same day|",
    }


def test_an_answer_in_a_thread_with_someone_else_answers_nothing_of_theirs() -> None:
    assert entries(
        mail(ME, ("ana@globex.com",), day=1, message_id="m1"),  # to Ana
        mail("ben@initech.com", (ME,), day=5, replies_to=("m1",)),  # Ben answers it
        mail(ME, ("ana@globex.com", "ben@initech.com"), day=6, message_id="g1"),  # a group
        mail("ben@initech.com", (ME,), day=7, replies_to=("g1",)),
    ) == {
        ("People/Ana.md", "01 to"): "hello|",
        ("People/Ben.md", "05 from"): "hello|",
        ("People/Ben.md", "07 from"): "hello|",
    }


def test_strangers_written_with_often_both_ways_are_suggested_latest_first() -> None:
    found = [
        *(mail(ME, ("eli@old.example",), day=d) for d in (1, 2, 3)),
        *(mail("eli@old.example", (ME,), day=d, sender_name="Eli Roe") for d in (4, 5, 6)),
        *(mail(ME, ("fay@old.example",), day=d, subject=f"s{d}") for d in (7, 8, 9)),
        *(mail("fay@old.example", (ME,), day=d, subject=f"r{d}") for d in (10, 11, 12)),
        *(mail("gus@old.example", (ME,), day=d) for d in (1, 2, 3, 4)),  # never answered
    ]
    read = read_conversations(VAULT, found, [ME], TODAY)
    suggested = read.suggested(3)
    assert [(s.address, s.name, s.wrote_to, s.heard_from) for s in suggested] == [
        ("fay@old.example", "", 3, 3),
        ("eli@old.example", "Eli Roe", 3, 3),
    ]
    assert (suggested[0].last, suggested[0].last_subject) == (dt.date(2026, 11, 12), "r12")
    assert [s.address for s in read.suggested(4)] == []


def _said(day: int, sender: str, text: str = "hi") -> Said:
    return Said(dt.date(2026, 11, day), sender, text)


def test_in_a_chat_named_after_the_other_person_i_am_the_one_who_is_not_them() -> None:
    chat = Chat("Ana", None, [_said(1, "Sam"), _said(2, "Ana"), _said(3, "Sam")])
    read = read_chats(VAULT, ChatExport([chat]), [], TODAY)
    assert [(p, d.day, direction) for p, d, direction in read.entries] == [
        ("People/Ana.md", 1, "to"),
        ("People/Ana.md", 2, "from"),
        ("People/Ana.md", 3, "to"),
    ]


def test_a_chat_named_otherwise_with_one_other_writer_is_a_group() -> None:
    chat = Chat("Reunion", None, [_said(1, "Sam"), _said(2, "Ana")])
    read = read_chats(VAULT, ChatExport([chat]), ["Sam"], TODAY)
    assert list(read.entries) == [("People/Ana.md", dt.date(2026, 11, 2), "group")]
    assert read.mine_in_groups == 1


def test_a_name_shared_or_unknown_is_no_one() -> None:
    vault = index_from_texts(
        {
            "People/Ana A.md": "---\naliases: [Ana]\n---\n",
            "People/Ana B.md": "---\naliases: [Ana]\n---\n",
        }
    )
    chat = Chat("Ana", None, [_said(1, "Sam"), _said(2, "Ana")])
    read = read_chats(vault, ChatExport([chat]), ["Sam"], TODAY)
    assert not read.entries and read.strangers == 2


def test_an_invitation_is_looked_for_only_where_it_would_make_a_new_entry() -> None:
    asked: list[str] = []

    def invitation(subject: str) -> Callable[[], bool]:
        def look() -> bool:
            asked.append(subject)
            return True

        return look

    found = [
        mail("ana@globex.com", (ME,), subject="known day", invitation=invitation("known day")),
        mail("ana@globex.com", (ME,), day=3, subject="new day", invitation=invitation("new day")),
        mail("eli@old.example", (ME,), subject="stranger", invitation=invitation("stranger")),
    ]

    def held(path: str) -> set[tuple[dt.date, str]]:
        return {(dt.date(2026, 11, 2), "from")} if path == "People/Ana.md" else set()

    read = read_conversations(VAULT, found, [ME], TODAY, held=held)
    assert asked == ["new day"]  # the day the note holds is not looked into, nor a stranger
    assert list(read.entries) == [("People/Ana.md", dt.date(2026, 11, 2), "from")]
    assert read.left_out == {INVITATION: 1}
    suggesting = read_conversations(VAULT, found[2:], [ME], TODAY, strangers=True)
    assert asked[-1] == "stranger" and not suggesting.unknown
