"""Three versions of a person note made one (notekit.write.merge3), with git's own text merge
for the rest: entries of both sides kept, front-matter merged key by key, a value changed two
ways a conflict of its own lines."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from notekit.interop.git import merge_file
from notekit.write.merge3 import merge_note

BASE = """---
type: person
company: Globex   # since 2024
tags: [person, globex]
last_contact: 2026-06-01
---

# Ana Costa

Met at PyCon.

## Log

- 2026-06-01 coffee: caught up
"""


def merged(base: str, ours: str, theirs: str) -> tuple[str, int]:
    found = merge_note(base.encode(), ours.encode(), theirs.encode(), "Ana.md", merge_file)
    assert found is not None
    return found.data.decode(), found.conflicts


def test_both_sides_entries_the_later_contact_and_the_union_of_tags() -> None:
    ours = (
        BASE.replace("[person, globex]", "[person, mentor, globex]").replace(
            "2026-06-01\n---", "2026-11-22\n---"
        )
        + "- 2026-11-22 coffee: the referral\n"
    )
    theirs = (
        BASE.replace("[person, globex]", "[person, globex, lisbon]").replace(
            "2026-06-01\n---", "2026-11-20\n---"
        )
        + "- 2026-11-20 call: moving to Lisbon\n"
    )
    text, conflicts = merged(BASE, ours, theirs)
    assert conflicts == 0
    assert "tags: [person, mentor, globex, lisbon]\n" in text
    assert "last_contact: 2026-11-22\n" in text
    assert "company: Globex   # since 2024\n" in text  # the comment kept
    assert text.endswith(
        "- 2026-06-01 coffee: caught up\n- 2026-11-20 call: moving to Lisbon\n"
        "- 2026-11-22 coffee: the referral\n"
    )


def test_a_value_changed_two_ways_is_a_conflict_of_its_line_alone() -> None:
    ours = BASE.replace("Globex   # since 2024", "Hooli") + "- 2026-11-23 email to: hi\n"
    theirs = BASE.replace("Globex   # since 2024", "Initech") + "Likes hiking.\n"
    text, conflicts = merged(BASE, ours, theirs)
    assert conflicts == 1
    assert (
        "type: person\n<<<<<<< ours\ncompany: Hooli\n=======\ncompany: Initech\n>>>>>>> theirs\n"
        in text
    )
    assert "- 2026-11-23 email to: hi\n" in text and "Likes hiking.\n" in text


def test_an_entry_one_side_removed_is_gone_and_crlf_stays() -> None:
    base = BASE + "- 2026-07-01 call: a mistake\n"
    ours = base.replace("- 2026-07-01 call: a mistake\n", "")
    theirs = base + "- 2026-08-01 call: right\n"
    text, conflicts = merged(base, ours, theirs)
    assert conflicts == 0 and "a mistake" not in text and "- 2026-08-01 call: right\n" in text
    crlf = merged(*(v.replace("\n", "\r\n") for v in (base, ours, theirs)))[0]
    assert crlf == text.replace("\n", "\r\n")


def test_a_side_that_cannot_be_parsed_is_left_to_the_text_merge() -> None:
    broken = BASE.replace("tags: [person, globex]", "tags: [person, globex")
    assert merge_note(BASE.encode(), broken.encode(), BASE.encode(), "Ana.md", merge_file) is None


def _entries(days: list[int], word: str) -> list[str]:
    return [f"- {dt.date(2026, 1, 1) + dt.timedelta(days=d)} call: {word} {d}\n" for d in days]


days = st.lists(st.integers(0, 300), unique=True, max_size=6)


prose = st.lists(st.sampled_from(["Likes hiking.", "Two kids.", "Moved to Porto."]), max_size=2)


@settings(max_examples=40, deadline=None)
@given(common=days, mine=days, their=days, my_prose=prose, their_prose=prose)
def test_the_merge_keeps_every_added_line_and_is_symmetric(
    common: list[int],
    mine: list[int],
    their: list[int],
    my_prose: list[str],
    their_prose: list[str],
) -> None:
    base = BASE + "".join(_entries(sorted(common), "both"))

    def side(days: list[int], word: str, lines: list[str]) -> str:
        told = "".join(f"{line}\n" for line in lines)
        return base.replace("Met at PyCon.\n", f"Met at PyCon.\n{told}") + "".join(
            _entries(days, word)
        )

    ours, theirs = side(mine, "ours", my_prose), side(their, "theirs", their_prose)
    one, conflicts = merged(base, ours, theirs)
    other, _ = merged(base, theirs, ours)
    if my_prose == their_prose or not my_prose or not their_prose:
        assert conflicts == 0  # log entries never conflict; prose only where both wrote
    items = {line for line in one.splitlines(keepends=True) if line.startswith("- ")}
    assert items == {line for line in other.splitlines(keepends=True) if line.startswith("- ")}
    for line in (*_entries(mine, "ours"), *_entries(their, "theirs"), *_entries(common, "both")):
        assert line in items
    for line in (*my_prose, *their_prose):
        assert f"{line}\n" in one


def test_an_entry_edited_on_one_side_takes_the_edit_and_two_ways_is_a_conflict_of_its_own() -> None:
    edited = BASE.replace("caught up", "caught up on Lisbon")
    assert merged(BASE, BASE + "- 2026-11-01 call: x\n", edited)[0].endswith(
        "- 2026-06-01 coffee: caught up on Lisbon\n- 2026-11-01 call: x\n"
    )
    other = BASE.replace("caught up", "caught up, she is at Globex")
    text, conflicts = merged(BASE, edited + "- 2026-11-01 call: x\n", other)
    assert conflicts == 1
    assert text.endswith(
        "## Log\n\n<<<<<<< ours\n- 2026-06-01 coffee: caught up on Lisbon\n=======\n"
        "- 2026-06-01 coffee: caught up, she is at Globex\n>>>>>>> theirs\n"
        "- 2026-11-01 call: x\n"
    )


def test_opportunities_of_both_sides_are_kept_too() -> None:
    base = BASE.replace(
        "## Log", "## Opportunities\n\n- 2026-05-01 referral (open): Globex\n\n## Log"
    )
    ours = base.replace("(open): Globex", "(won): Globex")
    theirs = base.replace(
        "- 2026-05-01 referral (open): Globex\n",
        "- 2026-05-01 referral (open): Globex\n- 2026-11-02 intro (open): to Ben\n",
    )
    text, conflicts = merged(base, ours, theirs)
    assert conflicts == 0
    both = "- 2026-05-01 referral (won): Globex\n- 2026-11-02 intro (open): to Ben\n"
    assert f"## Opportunities\n\n{both}\n## Log" in text
