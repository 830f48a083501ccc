"""Property tests: a write changes only the lines it means to, whatever the note looks like.

Notes are generated with arbitrary front-matter (keys, comments, quoting, flow and block lists,
unicode, empty values), arbitrary bodies, LF or CRLF, with or without a BOM and a final newline.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from note_strategies import NEWLINES, READER, SETTINGS, dates, keys, notes, value_lines, words

from conftest import Tally, at_least_checked
from notekit.core.errors import EditError
from notekit.core.syntax import tag_list
from notekit.read.parse import parse_note, parse_with_front_matter
from notekit.write.edit import (
    BOM,
    OPPORTUNITIES,
    NoteText,
    append_item,
    append_log_entries,
    append_log_entry,
    open_note,
    remove_item,
    remove_value,
    set_inline,
    set_value,
    verify_edit,
)


def _field_predicate(field: str):
    return lambda key: READER.field_of(key) == field


def _values(data: bytes) -> dict:
    return parse_with_front_matter("n.md", data)[1]


Words = Callable[[Any], list[str]] | None  # how a field reads a text as items (tags)


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8").removeprefix(BOM).split("\n")


def _inserted(old: list[str], new: list[str]) -> list[str] | None:
    """The lines `new` adds to `old`, when `old` is `new` with lines taken out (else None).
    Matched in order, as a subsequence: a diff may pair repeated lines (`## Log` four times)
    so as to show a line removed and another added where only one was added."""
    added, matched = [], 0
    for line in new:
        if matched < len(old) and old[matched] == line:
            matched += 1
        else:
            added.append(line)
    return added if matched == len(old) else None


def _is_last_contact(line: str) -> bool:
    """A top-level key of the last contact: not an item of a list, nor a nested key."""
    key, colon, _ = line.partition(":")
    top = colon and not line[:1].isspace() and not line.startswith("-")
    return bool(top) and READER.field_of(key.strip("'\" ")) == "last_contact"


def _without(lines: list[str], leave: Callable[[str], bool]) -> tuple[list[str], list[str]]:
    """The lines but those `leave` picks, and those."""
    return [x for x in lines if not leave(x)], [x for x in lines if leave(x)]


def _last_contact_apart(lines: list[str]) -> tuple[list[str], list[str]]:
    """The lines but the front matter's last-contact lines, and those (a body line such as
    `LASTSEEN` is no field, whatever its words)."""
    end = lines.index("---", 1) if lines[:1] == ["---"] and "---" in lines[1:] else 0
    head, apart = _without(lines[:end], _is_last_contact)
    return head + lines[end:], apart


def _keeps_the_envelope(before: bytes, after: bytes) -> None:
    assert after.startswith(BOM.encode()) == before.startswith(BOM.encode())
    assert after.endswith(b"\n") == before.endswith(b"\n")
    if b"\r\n" in before:
        assert after.count(b"\r\n") == after.count(b"\n")
    else:
        assert b"\r" not in after.replace(b"\r\n", b"") or b"\r" in before


@SETTINGS
@given(notes(), dates)
def test_snooze_changes_exactly_one_front_matter_line_or_adds_one(data: bytes, date) -> None:
    text = open_note(data, "n.md")  # every generated note is one notekit must edit
    set_value(text, "next_contact", date.isoformat(), _field_predicate("next_contact"))
    after = text.encode()
    old, new = _lines(data), _lines(after)
    _keeps_the_envelope(data, after)
    ops = [
        op
        for op in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
        if op[0] != "equal"
    ]
    assert len(ops) <= 1  # none when the note already said that date
    for tag, i1, i2, j1, j2 in ops:
        assert (tag, i2 - i1, j2 - j1) in {("replace", 1, 1), ("insert", 0, 1)}
        end = text.front_matter_end()
        assert end is not None and j1 < end  # inside the front-matter
    person, _ = READER.person(*parse_with_front_matter("n.md", after))
    assert person.next_contact == date
    before_values = _values(data)
    after_values = _values(after)
    changed = {
        k
        for k in before_values.keys() | after_values.keys()
        if before_values.get(k) != after_values.get(k)
    }
    assert all(READER.field_of(k) == "next_contact" for k in changed)


@SETTINGS
@given(notes())
def test_removing_a_field_takes_only_its_lines(data: bytes) -> None:
    text = open_note(data, "n.md")
    removed = remove_value(text, _field_predicate("next_contact"))
    after = text.encode()
    _keeps_the_envelope(data, after)
    old, new = _lines(data), _lines(after)
    if removed is None:
        assert after == data
        assert not any(READER.field_of(k) == "next_contact" for k in _values(data))
        return
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    ops = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert all(tag == "delete" for tag, *_ in ops)  # lines go, none is added or rewritten
    before_values, after_values = _values(data), _values(after)
    assert removed in before_values and removed not in after_values
    assert {k: v for k, v in before_values.items() if k != removed} == after_values
    verify_edit(data, after, text.intended, "n.md")  # the check agrees


@SETTINGS
@given(notes(), dates, words, st.booleans())
@example(b"---\nname: 0\n---\n## Log\n## Log\n## Log\n## Log", dt.date(2000, 1, 1), "0", True)
@example(b"---\nname: 0\n---\nLASTSEEN", dt.date(2000, 1, 1), "0", True)
@example(b"---\nname:\n  - LASTCONTACT\n---", dt.date(2000, 1, 1), "0", True)
def test_log_only_adds_lines_and_moves_last_contact(data: bytes, date, entry, move) -> None:
    text = open_note(data, "n.md")
    line = f"{date.isoformat()} call: {entry}"
    append_log_entry(text, date, line)
    if move:
        set_value(text, "last_contact", date.isoformat(), _field_predicate("last_contact"))
    after = text.encode()
    _keeps_the_envelope(data, after)
    old = [s.removesuffix("\r") for s in _lines(data)]
    new = [s.removesuffix("\r") for s in _lines(after)]
    if move:  # the last-contact line may be changed in place or added: set apart
        old, moved = _last_contact_apart(old)
        new, moved_to = _last_contact_apart(new)
        assert len(moved_to) == max(len(moved), 1)
        assert any(date.isoformat() in line for line in moved_to)
    added = _inserted(old, new)
    assert added is not None  # no line of the note was removed or rewritten
    assert f"- {line}" in added
    closing = {"```", "-->"}  # a code block or comment open at the end is closed before it
    assert set(added) <= {f"- {line}", "## Log", ""} | closing
    entries = [e for e in parse_note("n.md", after).entries if e.text == f"{entry}"]
    assert any(e.date == date for e in entries)


@SETTINGS
@given(notes(), st.lists(st.tuples(dates, words), min_size=1, max_size=6))
@example(b"text\n<!-- left open\n", [(dt.date(2026, 1, 2), "a"), (dt.date(2026, 1, 1), "b")])
def test_many_entries_at_once_land_where_one_by_one_would(data: bytes, entries) -> None:
    """An import's entries are placed in one pass; the note must read as if each had been
    logged on its own, and every one is read back."""
    one_by_one, at_once = open_note(data, "n.md"), open_note(data, "n.md")
    for date, word in entries:
        append_log_entry(one_by_one, date, f"{date} call: {word}")
    append_log_entries(at_once, [(date, f"{date} call: {word}", ()) for date, word in entries])
    assert at_once.encode() == one_by_one.encode()
    read = [(e.date, e.text) for e in parse_note("n.md", at_once.encode()).entries]
    assert all((date, word) in read for date, word in entries)


def test_many_entries_at_once_keep_each_list_in_its_order() -> None:
    """Newest first, entries of one place come newest first too; an opportunity goes to the
    opportunities, not to the log before them."""
    newest_first = NoteText(b"## Log\n- 2026-03-01 c\n- 2026-01-01 a\n", "n.md")
    days = ["2026-02-01", "2026-02-02", "2026-04-01", "2025-01-01"]
    append_log_entries(newest_first, [(dt.date.fromisoformat(d), f"{d} x", ()) for d in days])
    assert newest_first.encode().decode().split("\n")[1:] == [
        "- 2026-04-01 x",
        "- 2026-03-01 c",
        "- 2026-02-02 x",
        "- 2026-02-01 x",
        "- 2026-01-01 a",
        "- 2025-01-01 x",
        "",
    ]
    both = NoteText(b"## Log\n- 2026-01-01 a\n\n## Opportunities\n- 2026-01-01 o\n", "n.md")
    entries = [(dt.date(2026, 2, 1), "2026-02-01 p", ()), (dt.date(2026, 2, 2), "2026-02-02 q", ())]
    append_log_entries(both, entries, OPPORTUNITIES)
    assert both.encode().endswith(b"- 2026-01-01 o\n- 2026-02-01 p\n- 2026-02-02 q\n")


def test_many_entries_cost_in_proportion_to_their_number() -> None:
    """Counted, not timed: the lines read to place 8n entries are about 8 times those for n."""
    from notekit.write import edit

    def lines_read(n: int) -> int:
        note = open_note(b"---\nname: A\n---\n## Log\n- 2000-01-01 call: first\n", "n.md")
        entries = [(dt.date(2001, 1, 1) + dt.timedelta(days=k), "x", ()) for k in range(n)]
        calls = 0
        real = edit.NoteText.content

        def counted(self, index):  # noqa: ANN001
            nonlocal calls
            calls += 1
            return real(self, index)

        edit.NoteText.content = counted  # type: ignore[method-assign]
        try:
            append_log_entries(note, [(d, f"{d} call: {text}", more) for d, text, more in entries])
        finally:
            edit.NoteText.content = real  # type: ignore[method-assign]
        return calls

    assert lines_read(800) < 12 * lines_read(100)


@SETTINGS
@given(notes(with_front_matter=False), dates)
def test_a_note_without_front_matter_gets_one_block(data: bytes, date) -> None:
    text = NoteText(data, "n.md")
    set_value(text, "next_contact", date.isoformat(), _field_predicate("next_contact"))
    after = text.encode()
    assert after.startswith(BOM.encode()) == data.startswith(BOM.encode())
    new = [line.removesuffix("\r") for line in _lines(after)]
    assert new[:3] == ["---", f"next_contact: {date.isoformat()}", "---"]
    assert _lines(after)[3:] == _lines(data)
    assert READER.person(*parse_with_front_matter("n.md", after))[0].next_contact == date


def test_log_keeps_the_sections_order() -> None:
    newest_first = b"## Log\n- 2026-03-01 b\n- 2026-01-01 a\n## Other\n"
    text = NoteText(newest_first, "n.md")
    append_log_entry(text, dt.date(2026, 2, 1), "2026-02-01 mid")
    assert text.encode() == b"## Log\n- 2026-03-01 b\n- 2026-02-01 mid\n- 2026-01-01 a\n## Other\n"
    oldest_first = b"# T\r\n## Timeline\r\n- 2026-01-01 a\r\n- 2026-03-01 b\r\n\r\nafter"
    text = NoteText(oldest_first, "n.md")
    append_log_entry(text, dt.date(2026, 4, 1), "2026-04-01 new")
    assert text.encode() == (
        b"# T\r\n## Timeline\r\n- 2026-01-01 a\r\n- 2026-03-01 b\r\n- 2026-04-01 new\r\n\r\nafter"
    )


def test_log_adds_a_section_and_keeps_a_missing_final_newline() -> None:
    text = NoteText(b"---\na: 1\n---\nbody", "n.md")
    append_log_entry(text, dt.date(2026, 1, 1), "2026-01-01 x")
    assert text.encode() == b"---\na: 1\n---\nbody\n\n## Log\n- 2026-01-01 x"


def test_quoting_and_comments_of_the_replaced_value_are_kept() -> None:
    text = NoteText(b"---\nNext Contact: '2026-01-01'  # when to ping\n---\n", "n.md")
    set_value(text, "next_contact", "2026-02-02", _field_predicate("next_contact"))
    assert text.encode() == b"---\nNext Contact: '2026-02-02'  # when to ping\n---\n"


def test_broken_front_matter_is_refused() -> None:
    for data in (b"---\nname: [broken\n---\n", b"---\nname: x\n", b"\x00binary"):
        try:
            open_note(data, "n.md")
        except EditError as exc:
            assert "n.md" in str(exc)
        else:
            raise AssertionError(f"edited {data!r}")


TRAPS = st.sampled_from(["next_contact: 2030-01-01", "last_contact: 2030-01-01", "x"])
HARD_KINDS = st.sampled_from(
    ["anchor", "alias", "quoted", "block", "folded", "flow", "mapping", "plain_multi"]
)


@st.composite
def hard_value_lines(draw: st.DrawFn, key: str, indent: str) -> list[str]:
    """Shapes a line-by-line edit could damage: anchors and aliases, multi-line scalars and
    flow collections whose inner lines look like keys, nested mappings."""
    trap = draw(TRAPS)
    kind = draw(HARD_KINDS)
    date = draw(dates).isoformat()
    if kind == "anchor":
        return [f"{indent}{key}: &d {date}"]
    if kind == "alias":
        return [f"{indent}{key}: *d"]
    if kind == "quoted":
        return [f'{indent}{key}: "first', f"{trap}", '  end"']
    if kind == "block":
        return [f"{indent}{key}: |", f"{indent}  {trap}", f"{indent}  more"]
    if kind == "folded":
        return [f"{indent}{key}: >-", f"{indent}  {trap}"]
    if kind == "flow":
        return [f"{indent}{key}: [a,", f"{trap},", f"{indent}  b]"]
    if kind == "mapping":
        return [f"{indent}{key}:", f"{indent}  {trap}"]
    return [f"{indent}{key}: one", f"{indent}  {trap}"]


HARD_INDENTS = st.sampled_from(["", "", "  "])
HARD_KEYS = st.lists(keys, min_size=1, max_size=6, unique_by=lambda k: k.lower())


@st.composite
def hard_notes(draw: st.DrawFn) -> bytes:
    indent = draw(HARD_INDENTS)
    chosen = draw(HARD_KEYS)
    front: list[str] = []
    for key in chosen:
        if draw(st.booleans()):
            front.extend(draw(hard_value_lines(key, indent)))
        else:
            front.extend(f"{indent}{line}" for line in draw(value_lines(key)))
    newline = draw(NEWLINES)
    return newline.join(["---", *front, "---", "## Log", "- 2026-01-01 call: hi", ""]).encode()


def _full(data: bytes) -> tuple[dict, list]:
    from notekit.write.edit import front_matter_values

    return front_matter_values(data)


@at_least_checked(0.5)
@SETTINGS
@given(hard_notes(), dates, st.sampled_from(["next_contact", "last_contact"]), st.booleans())
def test_an_edit_either_keeps_every_other_value_or_is_refused(
    tally: Tally, data, date, field, log
) -> None:
    from notekit.write.edit import verify_edit

    before, errors = _full(data)
    try:
        text = open_note(data, "n.md")
    except EditError:
        tally.refuse()
        return
    if log:
        append_log_entry(text, date, f"{date.isoformat()} call: x")
    set_value(text, field, date.isoformat(), _field_predicate(field))
    after = text.encode()
    try:
        verify_edit(data, after, text.intended, "n.md")
    except EditError as exc:
        assert "nothing was written" in str(exc)
        tally.refuse()
        return
    tally.check()
    values, new_errors = _full(after)
    assert new_errors == [] or errors
    changed = {k for k in before.keys() | values.keys() if before.get(k) != values.get(k)}
    assert changed <= set(text.intended)
    person, _ = READER.person(*parse_with_front_matter("n.md", after))
    assert getattr(person, "next_contact" if field == "next_contact" else "fm_last_contact") == date


items = st.one_of(
    words.map(lambda w: f"'{w}'"),
    st.builds(lambda w, y: f"{{org: '{w}', role: x, to: {y}}}", words, st.integers(1990, 2030)),
)


def _list_edited(
    tally: Tally, data: bytes, draw: st.DataObject, edit: Callable[[NoteText, str], None]
) -> tuple[dict, str, bytes] | None:
    """Open the note, pick one of its keys (or `history`), `edit(text, key)` and check the
    edit: the values before, the key and the note after; None when the note or the edit is
    refused (tallied), with a message that names the file."""
    try:
        text = open_note(data, "n.md")
    except EditError:
        tally.refuse()
        return None
    before, _ = _full(data)
    key = draw.draw(st.sampled_from([*before, "history"]))
    try:
        edit(text, key)
        after = text.encode()
        verify_edit(data, after, text.intended, "n.md")
    except EditError as exc:
        assert "n.md" in str(exc)
        tally.refuse()
        return None
    return before, key, after


def _others_as_before(before: dict, after: bytes, key: str) -> dict:
    """The values of the note after, once every key but `key` is known to read as before."""
    values, _ = _full(after)
    assert {k: v for k, v in values.items() if k != key} == {
        k: v for k, v in before.items() if k != key
    }
    return values


@at_least_checked(0.5)
@SETTINGS
@given(st.one_of(notes(), hard_notes()), items, st.data())
def test_an_item_is_added_at_the_end_of_a_list_or_refused(tally: Tally, data, item, draw) -> None:
    """Every other key reads as before, the list reads as before plus the item, and no line of
    the note is lost: lines are only added, or the key's own line rewritten."""
    edited = _list_edited(
        tally, data, draw, lambda text, key: append_item(text, key, item, key.__eq__)
    )
    if edited is None:
        return
    tally.check()
    before, key, after = edited
    values = _others_as_before(before, after, key)
    added = _full(f"---\nk: [{item}]\n---\n".encode())[0]["k"]
    old = before.get(key)
    assert values[key] == (old if isinstance(old, list) else [old] if old else []) + added
    gone = [
        line
        for line in difflib.ndiff(_lines(data), _lines(after))
        if line.startswith("- ") and not line[2:].lstrip(" \ufeff").startswith(key)
    ]
    assert gone == []
    _keeps_the_envelope(data, after)


def test_a_block_list_keeps_its_items_and_comments() -> None:
    data = (
        b"---\nhistory:\n  - {org: MIT, from: 2008, to: 2012}\n  # the first job\n"
        b"  - Initech\n\nname: A\n---\n"
    )
    text = open_note(data, "n.md")
    append_item(text, "history", "{org: Globex, to: 2026}", lambda k: k == "history")
    verify_edit(data, text.encode(), text.intended, "n.md")
    assert text.encode() == data.replace(b"Initech\n", b"Initech\n  - {org: Globex, to: 2026}\n")


@at_least_checked(0.3)
@SETTINGS
@given(st.one_of(notes(), hard_notes()), st.data())
def test_an_item_is_taken_out_of_a_list_or_refused(tally: Tally, data, draw) -> None:
    """The list reads as before without the item, every other key as before, and only the
    item's own lines go (or the key's line is written again); a value that does not hold the
    item leaves the note as it was, byte for byte."""
    taken: list[str] = []

    def take(text: NoteText, key: str) -> None:
        old = _full(data)[0].get(key)
        held = old if isinstance(old, list) else [old] if old not in (None, "") else []
        taken.append(draw.draw(st.sampled_from([str(v) for v in held] + ["absent item"])))
        remove_item(text, taken[0], key.__eq__)

    edited = _list_edited(tally, data, draw, take)
    if edited is None:
        return
    before, key, after = edited
    if taken[0] == "absent item":
        assert after == data
        return
    tally.check()
    values = _others_as_before(before, after, key)
    old = before.get(key)
    held = old if isinstance(old, list) else [old]
    assert values[key] == [v for v in held if str(v).casefold() != taken[0].casefold()]
    new = [line for line in difflib.ndiff(_lines(data), _lines(after)) if line.startswith("+ ")]
    assert all(line[2:].lstrip(" \ufeff").startswith(key) for line in new)
    _keeps_the_envelope(data, after)


@pytest.mark.parametrize(
    ("line", "after"),
    [
        ("Next contact:: 2026-01-01", "Next contact:: 2026-02-01"),
        ("Next contact::2026-01-01", "Next contact:: 2026-02-01"),  # a whole line's field
        ("**Next contact::** [[2026-01-01]] ", "**Next contact::** [[2026-02-01]] "),
        ("met [next contact::2026-01-01] ok", "met [next contact::2026-02-01] ok"),
        ("[status:: x] (next contact:: 2026-01-01)", "[status:: x] (next contact:: 2026-02-01)"),
        ("Status:: see [next contact:: 2026-01-01]", "Status:: see [next contact:: 2026-02-01]"),
        ("Next contact:: 2026-01-01\r", "Next contact:: 2026-02-01\r"),  # CRLF
    ],
)
def test_how_an_inline_field_is_set(line: str, after: str) -> None:
    text = NoteText(f"# Pat\n{line}\nmore\n".encode(), "n.md")
    set_inline(text, 2, lambda key: key.casefold() == "next contact", "2026-02-01")
    assert text.encode() == f"# Pat\n{after}\nmore\n".encode()
    with pytest.raises(EditError, match=r"n\.md: line 3 holds no such field"):
        set_inline(text, 3, lambda key: key.casefold() == "next contact", "2026-02-01")


@pytest.mark.parametrize(
    ("before", "item", "words", "after"),
    [
        ("tags:\n", "new", None, "tags: [new]\n"),
        ("tags: ''  # none yet\n", "new", None, "tags: [new]  # none yet\n"),
        ("tags: Friend\n", "new", None, "tags: [Friend, new]\n"),  # a single text: a list
        ("tags: []\n", "new", None, "tags: [new]\n"),
        ("tags: [ ]\n", "new", None, "tags: [new]\n"),
        ("tags: [a, b ]  # kept\n", "new", None, "tags: [a, b, new]  # kept\n"),
        ("tags:\n  - a\n", "new", None, "tags:\n  - a\n  - new\n"),
        ("name: A\n", "new", None, "name: A\ntags: [new]\n"),  # no such key: one is added
        # with the field's way of reading a text as items (tags: docs/format.md)
        ("tags: person, initech\n", "new", tag_list, "tags: person, initech, new\n"),
        ("tags: person initech  # mine\n", "new", tag_list, "tags: person initech new  # mine\n"),
        ("tags: 'person, initech'\n", "new", tag_list, "tags: 'person, initech, new'\n"),
        ('tags: "Friend"\n', "new", tag_list, "tags: [Friend, new]\n"),  # one: a list of two
        ("tags: person, initech\n", "'a b'", tag_list, "tags: [person, initech, a b]\n"),
        ("tags: [a]\n", "new", tag_list, "tags: [a, new]\n"),  # a list is a list
    ],
)
def test_how_an_item_is_added(before: str, item: str, words: Words, after: str) -> None:
    """An item after the others, as they are written; with `words`, a text of several items
    gets one more, not the whole text made one item of a list."""
    data = f"---\n{before}---\n".encode()
    text = open_note(data, "n.md")
    append_item(text, "tags", item, lambda k: k == "tags", words)
    verify_edit(data, text.encode(), text.intended, "n.md")
    assert text.encode() == f"---\n{after}---\n".encode()


tag_words = st.lists(st.from_regex(r"[a-zA-Z0-9_][\w/-]{0,8}", fullmatch=True), min_size=1)


@SETTINGS
@given(
    tag_words,
    st.sampled_from([", ", " ", ",", ",  "]),
    st.sampled_from(["", "'", '"']),
    st.one_of(st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True), words),
    st.booleans(),
)
def test_tags_written_as_words_gain_or_lose_a_word_and_nothing_else(
    tags: list[str], separator: str, quote: str, word: str, take: bool
) -> None:
    """Whatever the separator and quotes, the tags read as before with the word added (last)
    or taken out, and no other line changes."""
    written = f"{quote}{separator.join(tags)}{quote}"
    data = f"---\nname: A\ntags: {written}\nrole: B\n---\nbody\n".encode()
    if tag_list(_full(data)[0]["tags"]) != tags:
        return  # a text YAML reads as something else (a number, a date): not a text of words
    text = open_note(data, "n.md")
    if take:
        word = tags[0]
        remove_item(text, word, lambda k: k == "tags", tag_list)
        expected = [t for t in tags if t.casefold() != word.casefold()]
    else:
        from notekit.read.yamlfm import flow_scalar

        append_item(text, "tags", flow_scalar(word), lambda k: k == "tags", tag_list)
        expected = [*tags, word]  # a word of several becomes one tag of a list of them
    after = text.encode()
    verify_edit(data, after, text.intended, "n.md")
    assert tag_list(_full(after)[0]["tags"]) == expected
    assert _lines(after)[:2] == _lines(data)[:2] and _lines(after)[3:] == _lines(data)[3:]


@pytest.mark.parametrize(
    "before",
    [
        "tags: [a,\n  b]\n",  # a flow list over two lines
        "tags: |\n  a\n",  # a block of text
        "tags: {a: 1}\n",  # a mapping
        "tags: a\n  b\n",  # a text over two lines
        "tags: !!seq [a, b]\n",  # a list with its type written
    ],
)
def test_an_item_is_not_added_to_a_value_written_another_way(before: str) -> None:
    text = open_note(f"---\n{before}---\n".encode(), "n.md")
    with pytest.raises(EditError, match=r"n\.md: tags is not a list notekit can add to"):
        append_item(text, "tags", "new", lambda k: k == "tags")


@pytest.mark.parametrize(
    ("before", "item", "words", "after"),
    [
        ("tags: Friend\n", "friend", None, "tags: []\n"),  # a single text that is the item
        ("tags: [a,  'b' , c]  # kept\n", "b", None, "tags: [a, c]  # kept\n"),
        ("tags:\n  - a\n  # a comment\n  - b\n", "b", None, "tags:\n  - a\n  # a comment\n"),
        ("tags: [a,  b]\n", "c", None, None),  # no such item: not even the spacing changes
        ("tags: ''\n", "", None, None),  # an empty value holds no item, not even an empty one
        ("tags:\n", "None", None, None),
        # with the field's way of reading a text as items (tags)
        ("tags: person, Initech, design\n", "initech", tag_list, "tags: person, design\n"),
        ("tags: 'person initech'  # mine\n", "person", tag_list, "tags: 'initech'  # mine\n"),
        ("tags: initech\n", "initech", tag_list, "tags: []\n"),
        ("tags: person, initech\n", "init", tag_list, None),  # a word whole or not at all
    ],
)
def test_how_an_item_is_taken_out(before: str, item: str, words: Words, after: str | None) -> None:
    data = f"---\n{before}name: A\n---\n".encode()
    text = open_note(data, "n.md")
    remove_item(text, item, lambda k: k == "tags", words)
    verify_edit(data, text.encode(), text.intended, "n.md")
    assert text.encode() == (data if after is None else f"---\n{after}name: A\n---\n".encode())


@pytest.mark.parametrize(
    "before",
    [
        "tags: [a,\n  b]\n",  # a flow list over two lines
        "tags: &mine [a, b]\nknows: *mine\n",  # an anchor others name
        "others: &mine [a, b]\ntags: *mine\n",  # the list of another key
    ],
)
def test_an_item_is_not_taken_out_of_a_list_written_another_way(before: str) -> None:
    text = open_note(f"---\n{before}---\n".encode(), "n.md")
    with pytest.raises(EditError, match=r"n\.md: tags is not a list notekit can take from"):
        remove_item(text, "b", lambda k: k == "tags")


LOG_CASES = [  # (note, date of the new entry, the note after)
    (  # never between an entry and its indented lines
        b"## Log\n- 2026-01-01 a\n  - detail\n\ntext\n",
        "2026-02-01",
        b"## Log\n- 2026-01-01 a\n  - detail\n- 2026-02-01 new\n\ntext\n",
    ),
    (b"", "2026-02-01", b"## Log\n- 2026-02-01 new\n"),
    (  # a comment left open would hide the section: closed first
        b"text\n<!-- draft\n",
        "2026-02-01",
        b"text\n<!-- draft\n-->\n\n## Log\n- 2026-02-01 new\n",
    ),
    (
        b"text\n<!-- draft\nmore\n",
        "2026-02-01",
        b"text\n<!-- draft\nmore\n-->\n\n## Log\n- 2026-02-01 new\n",
    ),
    (b"text\n```", "2026-02-01", b"text\n```\n```\n\n## Log\n- 2026-02-01 new"),  # so is a block
    (b"--> <!-- draft\n", "2026-02-01", b"--> <!-- draft\n-->\n\n## Log\n- 2026-02-01 new\n"),
    (b"text", "2026-02-01", b"text\n\n## Log\n- 2026-02-01 new"),
    (b"\n", "2026-02-01", b"\n## Log\n- 2026-02-01 new\n"),
    (  # newest first: before the first entry not later than the new one, equal dates too
        b"## Log\n- 2026-03-01 c\n- 2026-02-01 b\n- 2026-01-01 a\n",
        "2026-02-01",
        b"## Log\n- 2026-03-01 c\n- 2026-02-01 new\n- 2026-02-01 b\n- 2026-01-01 a\n",
    ),
    (
        b"## Log\n- 2026-03-01 c\n- 2026-02-01 b\n- 2026-01-01 a\n",
        "2025-01-01",
        b"## Log\n- 2026-03-01 c\n- 2026-02-01 b\n- 2026-01-01 a\n- 2025-01-01 new\n",
    ),
    (  # oldest first: after entries of the same day, before later ones
        b"## Log\n- 2026-01-01 a\n- 2026-02-01 b\n\n## Next\n",
        "2026-02-01",
        b"## Log\n- 2026-01-01 a\n- 2026-02-01 b\n- 2026-02-01 new\n\n## Next\n",
    ),
    (
        b"## Log\n- 2026-01-01 a\n- 2026-02-01 b\n\n## Next\n",
        "2025-01-01",
        b"## Log\n- 2025-01-01 new\n- 2026-01-01 a\n- 2026-02-01 b\n\n## Next\n",
    ),
    (  # a YAML comment in the front-matter is no heading
        b"---\n## Log\nk: v\n---\n# T\n",
        "2026-02-01",
        b"---\n## Log\nk: v\n---\n# T\n\n## Log\n- 2026-02-01 new\n",
    ),
    (  # entries in a code block do not count
        b"## Log\n```\n- 2026-05-01 in code\n```\n- 2026-01-01 a\n- 2026-03-01 c\n",
        "2026-02-01",
        b"## Log\n```\n- 2026-05-01 in code\n```\n- 2026-01-01 a\n- 2026-02-01 new\n"
        b"- 2026-03-01 c\n",
    ),
    (  # a deeper heading stays inside the section; one of the same level ends it
        b"# T\n## Log\n### Sub\n- 2026-01-01 a\n## Other\n- 2026-09-09 z\n",
        "2026-02-01",
        b"# T\n## Log\n### Sub\n- 2026-01-01 a\n- 2026-02-01 new\n## Other\n- 2026-09-09 z\n",
    ),
    (  # a comment closed on its line, then one left open: the first `## Log` is hidden
        b"<!-- a --> <!-- b\n## Log\n-->\n## Log\n- 2026-01-01 a\n",
        "2026-02-01",
        b"<!-- a --> <!-- b\n## Log\n-->\n## Log\n- 2026-01-01 a\n- 2026-02-01 new\n",
    ),
    (  # an impossible date and a nested item are no entries to order by
        b"## Log\n- 2026-02-30 bad\n- 2026-01-01 a\n  - 2026-09-09 nested\n- 2026-03-01 c\n",
        "2026-02-01",
        b"## Log\n- 2026-02-30 bad\n- 2026-01-01 a\n  - 2026-09-09 nested\n- 2026-02-01 new\n"
        b"- 2026-03-01 c\n",
    ),
    (
        b"## Log\n- 2026-02-30 bad\n- 2026-01-01 a\n  - 2026-09-09 nested\n- 2026-03-01 c\n",
        "2025-01-01",
        b"## Log\n- 2026-02-30 bad\n- 2025-01-01 new\n- 2026-01-01 a\n  - 2026-09-09 nested\n"
        b"- 2026-03-01 c\n",
    ),
    (  # a section without dated entries: after its last line of text, past a closed fence
        b"## Log\nsome words\n```\ncode\n```\n\n## Next\n",
        "2026-02-01",
        b"## Log\nsome words\n```\ncode\n```\n- 2026-02-01 new\n\n## Next\n",
    ),
    (  # days written as links, one with the words shown
        b"## Log\n- [[2026-03-01]] c\n- [[2026-01-01|Jan 1]] a\n",
        "2026-02-15",
        b"## Log\n- [[2026-03-01]] c\n- 2026-02-15 new\n- [[2026-01-01|Jan 1]] a\n",
    ),
    (  # an entry a comment hides does not tell the order
        b"## Log\n- 2026-01-01 a\n<!--\n- 2026-12-31 hidden\n-->\n- 2026-02-01 b\n",
        "2026-02-15",
        b"## Log\n- 2026-01-01 a\n<!--\n- 2026-12-31 hidden\n-->\n- 2026-02-01 b\n"
        b"- 2026-02-15 new\n",
    ),
    (  # nor does one indented by a single space: it belongs to the entry above
        b"## Log\n- 2026-01-01 a\n - 2026-12-01 sub\n- 2026-02-01 b\n",
        "2026-02-15",
        b"## Log\n- 2026-01-01 a\n - 2026-12-01 sub\n- 2026-02-01 b\n- 2026-02-15 new\n",
    ),
    (  # a line indented by a tab, the note's last, stays with its entry
        b"## Log\n- 2026-01-01 a\n\t- detail",
        "2026-02-15",
        b"## Log\n- 2026-01-01 a\n\t- detail\n- 2026-02-15 new",
    ),
]


@pytest.mark.parametrize(("note", "date", "after"), LOG_CASES)
def test_where_a_log_entry_goes(note: bytes, date: str, after: bytes) -> None:
    text = NoteText(note, "n.md")
    append_log_entry(text, dt.date.fromisoformat(date), f"{date} new")
    assert text.encode() == after


SET_CASES = [  # (front-matter lines, the lines after setting next_contact to 2026-12-24)
    ("next_contact: 2026-01-01   # ping", "next_contact: 2026-12-24   # ping"),
    ("next_contact: 2026-01-01 #tag-like", "next_contact: 2026-12-24 #tag-like"),
    ("next_contact:    2026-01-01", "next_contact:    2026-12-24"),
    ('next_contact: "2026-01-01" # q', 'next_contact: "2026-12-24" # q'),
    ('next_contact: "2026-01-01 #x" # q', 'next_contact: "2026-12-24" # q'),  # `#` in quotes
    ("next_contact: 2026-01-01   ", "next_contact: 2026-12-24   "),  # the blanks after stay
    ("next_contact:\n- 2026-01-01\n-\nb: 1", "next_contact: 2026-12-24\nb: 1"),  # an empty item
    (  # a blank line among a list's items is the user's; the items go
        "next_contact:\n  - 2026-01-01\n\n  - 2026-02-01\nb: 1",
        "next_contact: 2026-12-24\n\nb: 1",
    ),
    ("next_contact: [2026-01-01]", "next_contact: 2026-12-24"),
    (
        "next_contact:\n  - 2026-01-01\n  # kept\n  - 2026-02-01\nb: 1",
        "next_contact: 2026-12-24\n  # kept\nb: 1",
    ),
    ("next_contact:\n- 2026-01-01\n\nb: 1", "next_contact: 2026-12-24\n\nb: 1"),
    (
        "  a: 1\n  next_contact: 2026-01-01\n  b:\n    - x",
        "  a: 1\n  next_contact: 2026-12-24\n  b:\n    - x",
    ),
    ("a: x\nnext_contact: 2026-01-01", "a: x\nnext_contact: 2026-12-24"),
    ("next_contact:   # when to ping", "next_contact: 2026-12-24   # when to ping"),
    ("next_contact: # soon\n  - 2026-01-01", "next_contact: 2026-12-24 # soon"),
]


@pytest.mark.parametrize(("before", "after"), SET_CASES)
def test_how_a_value_is_replaced(before: str, after: str) -> None:
    text = NoteText(f"---\n{before}\n---\nbody\n".encode(), "n.md")
    set_value(text, "next_contact", "2026-12-24", _field_predicate("next_contact"))
    assert text.encode() == f"---\n{after}\n---\nbody\n".encode()


@pytest.mark.parametrize("value", ["'a'", '"b"'])
def test_a_value_given_in_quotes_is_not_quoted_again(value: str) -> None:
    text = NoteText(b"---\nrole: 'x'\n---\n", "n.md")
    set_value(text, "role", value, lambda key: key == "role")
    assert text.encode() == f"---\nrole: {value}\n---\n".encode()


def test_the_check_of_an_edit_names_what_it_refuses() -> None:
    """An edit that breaks the front-matter (with its line in the note), one that changes a
    key it does not mean to, and one after which an inline field does not read its value."""
    before = b"---\na: 1\nb: 2\n---\nNext:: 2026-01-01\n"
    with pytest.raises(EditError, match=r"n.md: .* does not parse \(line 4: .*starts at line 3"):
        verify_edit(before, b"---\na: 1\nb: [2\n---\n", {"b": "[2"}, "n.md")
    with pytest.raises(EditError, match="n.md: this edit would change 'b', which it does not"):
        verify_edit(before, b"---\na: 5\nb: 3\n---\n", {"a": "5"}, "n.md")
    verify_edit(before, b"---\na: 5\nb: 2\n---\n", {"a": "5"}, "n.md")
    inline = {"Next": "2026-02-01"}
    with pytest.raises(
        EditError, match="n.md: the inline field Next:: would not read '2026-02-01'"
    ):
        verify_edit(before, before, {}, "n.md", inline)
    verify_edit(before, before.replace(b"01-01", b"02-01"), {}, "n.md", inline)


def test_a_snapshot_tells_a_file_gone_and_lets_its_lock_go_once(tmp_path: Path) -> None:
    from notekit.write.edit import Snapshot

    note = tmp_path / "n.md"
    note.write_text("x")
    snapshot = Snapshot.read(note)
    assert not snapshot.changed()
    note.unlink()
    assert snapshot.changed()  # gone is changed
    snapshot.release()
    assert snapshot.lock is None
    snapshot.release()  # again: nothing to let go, no other file's descriptor closed


def test_a_note_is_moved_aside_only_as_it_was_read_and_never_over_a_file(tmp_path: Path) -> None:
    from notekit.core.errors import ConflictError
    from notekit.write.edit import Snapshot, move_aside

    note, aside = tmp_path / "n.md", tmp_path / ".trash/n.md"
    note.write_text("x")
    snapshot = Snapshot.read(note)
    note.write_text("y")
    with pytest.raises(ConflictError, match="n.md changed while notekit was working with it"):
        move_aside(snapshot, aside)
    aside.parent.mkdir()
    aside.write_text("another")
    with pytest.raises(EditError, match=r"n.md: cannot move it to .*trash/n.md: File exists"):
        move_aside(Snapshot.read(note), aside)
    assert (note.read_text(), aside.read_text()) == ("y", "another")
    move_aside(Snapshot.read(note), tmp_path / ".trash/n 2.md")
    assert not note.exists() and (tmp_path / ".trash/n 2.md").read_text() == "y"


def test_refusals_name_the_file_and_the_reason(tmp_path: Path) -> None:
    from notekit.write.edit import Snapshot, create_new

    existing = tmp_path / "n.md"
    existing.write_text("x")
    with pytest.raises(EditError, match="n.md already exists; nothing was written"):
        create_new(existing, b"y")
    with pytest.raises(EditError, match="gone.md: cannot read: No such file"):
        Snapshot.read(tmp_path / "gone.md")
    with pytest.raises(EditError, match="n.md: not valid UTF-8"):
        NoteText(b"\xff\xfe", "n.md")
    unparsable = r"n.md: the front-matter cannot be parsed \(line 2: invalid YAML"
    with pytest.raises(EditError, match=unparsable):
        open_note(b"---\na: [b\n---\n", "n.md")
