"""Reading chat exports (notekit.interop.chats): WhatsApp's text from both phones in both day
orders, in its zip or alone, and Telegram Desktop's JSON."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from notekit.core.errors import SourceError
from notekit.interop.chats import MONTH_FIRST, Said, read_telegram, read_whatsapp, whatsapp_chat

CHATS = FIXTURES / "chats"


def test_android_day_first_with_its_system_lines_media_and_lines_that_go_on() -> None:
    export = read_whatsapp(CHATS / "WhatsApp Chat with Ana Costa.txt")
    (chat,) = export.chats
    assert (chat.name, chat.group, chat.left_out, export.order_guessed) == (
        "Ana Costa",
        None,
        3,
        False,
    )
    assert chat.messages[2] == Said(dt.date(2026, 10, 14), "Ana Costa", "Yes! Thursday works.")
    assert [s.sender for s in chat.messages] == ["Sam", "Sam", "Ana Costa", "Ana Costa", "Sam"]


def test_iphone_month_first_in_its_zip_with_marks_and_a_twelve_hour_clock() -> None:
    (chat,) = read_whatsapp(CHATS / "WhatsApp Chat - Reunion 2010.zip").chats
    assert chat.name == "Reunion 2010"
    assert [(s.day.isoformat(), s.sender) for s in chat.messages] == [
        ("2026-10-05", "Cara Li"),
        ("2026-10-05", "Sam Reyes"),
        ("2026-10-05", "Zoe"),  # `~ Zoe`: someone not in the phone's contacts
        ("2026-10-05", "+351 912 345 678"),
        ("2026-10-13", "Cara Li"),
    ]
    assert chat.left_out == 3  # two system lines and a photo


def test_a_chat_whose_dates_cannot_tell_is_read_day_first_and_says_so() -> None:
    guessed = read_whatsapp(CHATS / "WhatsApp Chat with Ben Okafor.txt")
    assert guessed.order_guessed and guessed.chats[0].messages[0].day == dt.date(2026, 2, 1)
    told = read_whatsapp(CHATS / "WhatsApp Chat with Ben Okafor.txt", MONTH_FIRST)
    assert not told.order_guessed and told.chats[0].messages[0].day == dt.date(2026, 1, 2)


@pytest.mark.parametrize(
    "line, day",
    [
        ("2026-03-15, 14:23 - Ana: hi", dt.date(2026, 3, 15)),  # year first
        ("15.03.26, 14:23 - Ana: hi", dt.date(2026, 3, 15)),  # German dots
        ("[15/03/2026, 2:23:45 pm] Ana: hi", dt.date(2026, 3, 15)),
        ("\u200e[3/15/26, 2:23:45\u202fPM] Ana: hi", dt.date(2026, 3, 15)),
    ],
)
def test_each_stamp_phones_write(line: str, day: dt.date) -> None:
    (chat,) = whatsapp_chat(line, "chat.txt", "").chats
    assert chat.messages == [Said(day, "Ana", "hi")]


def test_what_is_no_chat_is_refused_with_its_name(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("just some notes\n")
    with pytest.raises(SourceError, match="notes.txt: no WhatsApp message"):
        read_whatsapp(text)
    with pytest.raises(SourceError, match="Ana Costa.txt: not JSON"):
        read_telegram(CHATS / "WhatsApp Chat with Ana Costa.txt")
    other = tmp_path / "result.json"
    other.write_text('{"name": "not telegram"}')
    with pytest.raises(SourceError, match="result.json: not a Telegram export"):
        read_telegram(other)


def test_telegram_reads_personal_chats_and_private_groups_only() -> None:
    export = read_telegram(CHATS / "result.json")
    assert [(c.name, c.group) for c in export.chats] == [
        ("Ana Costa", False),
        ("Alumni 2010", True),
    ]
    assert export.not_personal == 2  # a bot and a channel
    ana, alumni = export.chats
    assert ana.me == "Sam Reyes" and ana.left_out == 2  # a photo alone, a call
    assert ana.messages[1] == Said(dt.date(2026, 9, 2), "Ana Costa", "Thanks! Loved them")
    assert alumni.messages[0].text == "Hello all"  # its first line
    assert alumni.phones["Dev P."] == "+351912345678"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "type",
                    "messages",
                    "chats",
                    "list",
                    "name",
                    "date",
                    "from",
                    "from_id",
                    "text",
                    "personal_information",
                    "user_id",
                    "contacts",
                    "phone_number",
                    "first_name",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(document=json_values)
def test_any_json_is_read_or_refused_never_a_traceback(document: object) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "result.json"
        path.write_text(json.dumps(document))
        with contextlib.suppress(SourceError):
            read_telegram(path)


@settings(max_examples=150, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            [
                "12/10/2026, 09:15 - ",
                "[10/5/26, 7:01:12\u202fPM] ",
                "Ana: ",
                ": ",
                "\n",
                "\u200e",
                "<Media omitted>",
                "31/02/2026, 10:00 - ",
                "99/99/99, 1:00 - ",
                "x",
            ]
        )
    ).map("".join)
)
def test_any_chat_text_is_read_or_refused_never_a_traceback(text: str) -> None:
    with contextlib.suppress(SourceError):
        whatsapp_chat(text, "chat.txt", "")
