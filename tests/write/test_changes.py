"""The text of a log entry and the file of a new note (notekit.write.changes)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import MakeVault
from notekit.core.errors import EditError
from notekit.core.syntax import GROUP
from notekit.write.changes import log_entry

DAY = dt.date(2026, 11, 12)


def test_each_shape_of_an_entry() -> None:
    assert log_entry(DAY, "hi") == "2026-11-12 hi"
    assert log_entry(DAY, "hi", "Email") == "2026-11-12 email: hi"
    assert log_entry(DAY, "hi", "email", "to") == "2026-11-12 email to: hi"
    assert log_entry(DAY, "", "email", "from") == "2026-11-12 email from:"  # no text (--no-text)
    assert log_entry(DAY, "", "whatsapp", GROUP, "[[Ana]] and 2 others") == (
        "2026-11-12 whatsapp group with [[Ana]] and 2 others:"
    )


@pytest.mark.parametrize(("text", "channel"), [("  ", None), ("hi", "two words")])
def test_an_empty_entry_or_a_channel_of_two_words_is_refused(text, channel) -> None:
    with pytest.raises(EditError):
        log_entry(DAY, text, channel)


def test_a_taken_name_gets_the_next_number_cut_to_make_room(tmp_path) -> None:
    """`NAME 2.md` for a taken name; a name as long as a file name may be is cut (never
    ending in a dot or space) to make room for the number, one character at a time."""
    from notekit.write.changes import free_path

    long = "a" * 117 + ".bc"  # 120 characters: as long as a name may be
    taken = {"People/Ana.md", f"People/{long}.md"}
    assert free_path(tmp_path, "People", "Ana", taken=taken) == "People/Ana 2.md"
    assert free_path(tmp_path, "People", long, taken=taken) == f"People/{'a' * 117} 2.md"
    assert free_path(tmp_path, "People", "a" * 120, taken={f"People/{'a' * 120}.md"}) == (
        f"People/{'a' * 118} 2.md"
    )
    nine = {f"People/{'a' * 120}.md", *(f"People/{'a' * 118} {n}.md" for n in range(2, 10))}
    assert free_path(tmp_path, "People", "a" * 120, taken=nine) == f"People/{'a' * 117} 10.md"
    assert free_path(tmp_path, "People", "X" * 120, taken={f"People/{'X' * 120}.md"}) == (
        f"People/{'X' * 118} 2.md"
    )


def test_an_edit_is_checked_before_anything_is_written(make_vault: MakeVault) -> None:
    """`edit_note` hands the edit's intent to the check: an inline field that would not read
    the value set, and a key changed that the edit did not mean to, are refused with the
    note's name, the file as it was and its lock given back; so is a note whose front-matter
    cannot be parsed."""
    from notekit.store.facade import Store
    from notekit.write.changes import edit_note
    from notekit.write.edit import NoteText, set_inline

    note = "---\nemail: a@example.com\n---\nWorks at [company:: Initech] now.\n"
    vault = make_vault({"People/Ana.md": note, "People/Bo.md": "---\nemail: [b\n---\n"})
    index = Store(vault).summary()

    def bracket_in_value(text: NoteText, _snapshot: object) -> None:
        set_inline(text, 4, lambda key: key == "company", "Glo]bex")

    def email_changed(text: NoteText, _snapshot: object) -> None:
        text.lines[1] = "email: b@example.com"

    with pytest.raises(EditError, match="People/Ana.md: the inline field company:: would not"):
        edit_note(index, "People/Ana.md", bracket_in_value, "test")
    with pytest.raises(EditError, match="People/Ana.md: this edit would change 'email'"):
        edit_note(index, "People/Ana.md", email_changed, "test")
    with pytest.raises(EditError, match="People/Bo.md: the front-matter cannot be parsed"):
        edit_note(index, "People/Bo.md", email_changed, "test")
    assert (vault / "People/Ana.md").read_text("utf-8") == note
    change = edit_note(index, "People/Ana.md", lambda text, _: None, "test")  # not locked
    assert change.before is not None
    change.before.release()


def test_applying_a_change_clears_the_leftovers_of_killed_writes(make_vault: MakeVault) -> None:
    """A temporary file a killed write left (nobody holds its lock, not brand new) goes with
    the next write; a leftover named outside the vault is left alone, and the write is made."""
    import os
    import time

    from notekit.store.facade import Store
    from notekit.write.changes import apply, edit_note
    from notekit.write.edit import NoteText

    vault = make_vault({"People/Ana.md": "---\nemail: a@example.com\n---\n"})
    stale = vault / "People/.Ana.md.ab12cd34.tmp"
    stale.write_text("half a note", "utf-8")
    old = time.time() - 60
    os.utime(stale, (old, old))

    def add_line(text: NoteText, _snapshot: object) -> None:
        text.lines.append("- 2026-11-12 call: hi")

    change = edit_note(Store(vault).summary(), "People/Ana.md", add_line, "test")
    leftovers = ["../outside/.x.md.ab12cd34.tmp", "People/.Ana.md.ab12cd34.tmp"]
    assert apply(change, False, leftovers) is None
    assert not stale.exists()
    assert (vault / "People/Ana.md").read_text("utf-8").endswith("- 2026-11-12 call: hi")
