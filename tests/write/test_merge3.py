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


SMALL = (
    "---\ntype: person\ncompany: Globex  # since 2024\ntags: [a, b]\n---\n\n"
    "## Log\n\n- 2026-06-01 call: hi\n"
)


def test_a_value_one_side_changed_added_or_removed_is_taken() -> None:
    ours = SMALL + "- 2026-11-01 call: ours\n"
    theirs = SMALL.replace("Globex", "Initech").replace("type: person\n", "")
    theirs = theirs.replace("tags: [a, b]\n", "tags: [a, b]\nrole: CTO\n")
    text, conflicts = merged(SMALL, ours, theirs)
    assert conflicts == 0
    assert text == (
        "---\ncompany: Initech  # since 2024\ntags: [a, b]\nrole: CTO\n---\n\n## Log\n\n"
        "- 2026-06-01 call: hi\n- 2026-11-01 call: ours\n"
    )
    assert merged(SMALL, theirs, ours) == (text, 0)  # whichever side is ours


def test_lists_take_both_sides_additions_and_removals() -> None:
    ours = SMALL.replace("tags: [a, b]", "tags: [a, b, c]")
    theirs = SMALL.replace("tags: [a, b]", "tags: [a]")
    assert merged(SMALL, ours, theirs) == (SMALL.replace("tags: [a, b]", "tags: [a, c]"), 0)
    scalar = SMALL.replace("tags: [a, b]", "tags: d")  # a list on one side only: a conflict
    text, conflicts = merged(SMALL, ours, scalar)
    assert conflicts == 1
    assert "<<<<<<< ours\ntags: [a, b, c]\n=======\ntags: d\n>>>>>>> theirs\n---\n" in text


def test_the_later_day_of_a_contact_or_follow_up_wins_and_a_cleared_one_conflicts() -> None:
    base = SMALL.replace("tags: [a, b]\n", "tags: [a, b]\nnext_contact: 2026-12-01\n")
    ours, theirs = (base.replace("2026-12-01", day) for day in ("2026-12-10", "2026-12-20"))
    assert merged(base, ours, theirs) == (theirs, 0)
    assert merged(base, theirs, ours) == (theirs, 0)
    same_day = base.replace("2026-12-01", "2026-12-10 09:00")
    assert merged(base, same_day, ours) == (same_day, 0)  # not later: ours as written
    cleared = base.replace("next_contact: 2026-12-01", "next_contact:")
    text, conflicts = merged(base, cleared, ours)
    assert conflicts == 1
    assert (
        "<<<<<<< ours\nnext_contact:\n=======\nnext_contact: 2026-12-10\n>>>>>>> theirs\n" in text
    )


def test_conflicts_are_counted_and_a_value_removed_on_one_side_conflicts_with_a_change() -> None:
    ours = SMALL.replace("Globex  # since 2024", "Hooli").replace("person", "friend")
    theirs = SMALL.replace("Globex  # since 2024", "Initech").replace("person", "colleague")
    assert merged(SMALL, ours, theirs)[1] == 2
    removed = SMALL.replace("company: Globex  # since 2024\n", "")
    changed = SMALL.replace("Globex  # since 2024", "Initech")
    text, conflicts = merged(SMALL, removed, changed)
    assert conflicts == 1
    assert text.startswith(
        "---\ntype: person\ntags: [a, b]\n<<<<<<< ours\n=======\ncompany: Initech\n"
        ">>>>>>> theirs\n---\n"
    )
    text, conflicts = merged(SMALL, changed, removed)
    assert conflicts == 1
    assert text.startswith(
        "---\ntype: person\n<<<<<<< ours\ncompany: Initech\n=======\n>>>>>>> theirs\n"
        "tags: [a, b]\n---\n"
    )
    crlf = [v.replace("\n", "\r\n") for v in (SMALL, removed, changed)]
    assert merged(*crlf)[0] == merged(SMALL, removed, changed)[0].replace("\n", "\r\n")


def test_a_conflict_holds_every_line_of_a_value_over_several() -> None:
    base = SMALL.replace("tags: [a, b]\n---", "tags:\n  - a\n  - b\n---")
    ours = base.replace("tags:\n  - a\n  - b\n", "tags: x\n")
    theirs = base.replace("  - b\n", "  - c\n")
    text, conflicts = merged(base, ours, theirs)
    assert conflicts == 1
    assert "<<<<<<< ours\ntags: x\n=======\ntags:\n  - a\n  - c\n>>>>>>> theirs\n---\n" in text


def test_entries_they_removed_added_or_wrote_with_a_star_and_lines_under_them() -> None:
    base = SMALL + "- 2026-07-01 call: a mistake\n"
    theirs = SMALL + "* 2026-08-01 call: with a star\n  - she moved\n  - new number\n"
    ours = base + "- 2026-09-01 call: ours\n"
    text, conflicts = merged(base, ours, theirs)
    assert conflicts == 0
    assert text == SMALL + (
        "- 2026-08-01 call: with a star\n  - she moved\n  - new number\n- 2026-09-01 call: ours\n"
    )


def test_an_edit_on_one_side_and_a_new_entry_of_that_day_on_the_other_are_no_conflict() -> None:
    theirs = SMALL.replace("call: hi", "call: hi, she is at Initech")
    ours = SMALL + "- 2026-06-01 email to: the notes\n"
    text, conflicts = merged(SMALL, ours, theirs)
    assert conflicts == 0  # each once, in the day's order of arrival
    assert text.endswith(
        "- 2026-06-01 email to: the notes\n- 2026-06-01 call: hi, she is at Initech\n"
    )
    gone = SMALL.replace("- 2026-06-01 call: hi\n", "")
    assert merged(SMALL, theirs, gone) == (theirs, 0)  # edited here, removed there: kept


def test_the_rest_is_merged_as_text_only_when_both_sides_changed_it() -> None:
    calls: list[bytes] = []

    def text_merge(ours: bytes, base: bytes, theirs: bytes) -> tuple[bytes, int]:
        calls.append(ours)
        return merge_file(ours, base, theirs)

    def merge(base: str, ours: str, theirs: str) -> tuple[str, int]:
        found = merge_note(base.encode(), ours.encode(), theirs.encode(), "Ana.md", text_merge)
        assert found is not None
        return found.data.decode(), found.conflicts

    prose = SMALL.replace("## Log", "Likes hiking.\n\n## Log")
    assert merge(SMALL, prose, SMALL) == (prose, 0)
    assert merge(SMALL, SMALL, prose) == (prose, 0)
    assert merge(SMALL, prose, prose) == (prose, 0)
    assert calls == []
    other = SMALL.replace("## Log", "Two kids.\n\n## Log")
    text, conflicts = merge(SMALL, prose, other)
    assert len(calls) == 1 and conflicts == 1 and "Likes hiking." in text and "Two kids." in text


def test_the_first_entry_of_a_list_the_other_side_has_not_started() -> None:
    empty = "---\ntype: person\n---\n\n## Opportunities\n\n## Log\n"
    theirs = empty.replace("## Opportunities\n", "## Opportunities\n- 2026-05-01 job: Globex\n")
    theirs += "- 2026-06-01 call: hi\n"
    assert merged(empty, empty, theirs) == (theirs, 0)
    bare = "\ufeff---\ntype: person\n---\nMet at PyCon."  # a BOM, no log, no final newline
    with_log = bare + "\n\n## Log\n\n- 2026-06-01 call: hi\n"
    mine = bare.replace("type: person", "type: friend")
    assert merged(bare, mine, with_log) == (with_log.replace("person", "friend"), 0)
    assert merged(bare, with_log, mine) == (with_log.replace("person", "friend"), 0)


def test_a_note_without_a_log_or_a_final_newline_keeps_its_last_line() -> None:
    bare = "---\ntype: person\ncompany: Globex\n---\nMet at PyCon."
    ours = bare.replace("person", "friend")
    theirs = bare.replace("Globex", "Initech")
    assert merged(bare, ours, theirs) == (
        "---\ntype: friend\ncompany: Initech\n---\nMet at PyCon.",
        0,
    )


def test_an_empty_list_right_above_another_heading_takes_its_first_item() -> None:
    base = "---\ntype: person\n---\n## Opportunities\n## Log\n- 2026-06-01 call: hi\n"
    theirs = base.replace("## Opportunities\n", "## Opportunities\n- 2026-11-01 job: Globex\n")
    ours = base + "- 2026-11-02 call: ours\n"
    assert merged(base, ours, theirs) == (theirs + "- 2026-11-02 call: ours\n", 0)


def test_each_entry_edited_two_ways_is_a_conflict_of_its_own() -> None:
    base = SMALL + "- 2026-07-01 call: two\n"
    ours = base.replace("call: hi", "call: hi there").replace("call: two", "call: two of us")
    theirs = base.replace("call: hi", "call: hi again").replace("call: two", "call: two days")
    text, conflicts = merged(base, ours, theirs)
    assert conflicts == 2
    assert text.endswith(
        "<<<<<<< ours\n- 2026-06-01 call: hi there\n=======\n- 2026-06-01 call: hi again\n"
        ">>>>>>> theirs\n<<<<<<< ours\n- 2026-07-01 call: two of us\n=======\n"
        "- 2026-07-01 call: two days\n>>>>>>> theirs\n"
    )


def test_a_log_we_removed_comes_back_with_the_entries_they_added() -> None:
    ours = SMALL.replace("## Log\n\n- 2026-06-01 call: hi\n", "")
    theirs = SMALL + "- 2026-11-01 call: new\n"
    assert merged(SMALL, ours, theirs) == (ours + "## Log\n- 2026-11-01 call: new\n", 0)


def test_keys_of_every_kind_after_one_another() -> None:
    base = SMALL.replace("tags: [a, b]\n", "next_contact: 2026-12-01\nteam: core\n")
    ours = base.replace("2026-12-01", "2026-12-10").replace("core", "web") + ""
    ours = ours.replace("team: web\n", "team: web\nlikes: [tea]\n")
    theirs = base.replace("2026-12-01", "2026-12-05").replace("type: person", "type: friend")
    theirs = theirs.replace("team: core\n", "team: ops\nlikes: [chess]\nrole: CTO\n")
    text, conflicts = merged(base, ours, theirs)
    assert conflicts == 1  # the team, a key notekit does not know, changed two ways
    assert text.startswith(
        "---\ntype: friend\ncompany: Globex  # since 2024\nnext_contact: 2026-12-10\n"
        "<<<<<<< ours\nteam: web\n=======\nteam: ops\n>>>>>>> theirs\nlikes: [tea, chess]\n"
        "role: CTO\n---\n"
    )


def test_crlf_stays_through_conflicts_and_a_last_line_without_newline() -> None:
    base = SMALL + "- 2026-07-01 call: two\n"
    ours = base.replace("call: hi", "call: hi there").replace("call: two", "call: two of us")
    theirs = base.replace("call: hi", "call: hi again").replace("call: two", "call: two days")
    lf = merged(base, ours, theirs)
    crlf = merged(*(v.replace("\n", "\r\n") for v in (base, ours, theirs)))
    assert crlf == (lf[0].replace("\n", "\r\n"), 2)
    bare = "---\r\ntype: person\r\ncompany: Globex\r\n---\r\nMet at PyCon.\r\nTwo kids."
    mine, their = bare.replace("person", "friend"), bare.replace("Globex", "Initech")
    assert merged(bare, mine, their) == (
        "---\r\ntype: friend\r\ncompany: Initech\r\n---\r\nMet at PyCon.\r\nTwo kids.",
        0,
    )


def test_notes_without_front_matter_merge_their_entries() -> None:
    base = "## Log\n\n- 2026-06-01 call: hi\n"
    text, conflicts = merged(base, base + "- 2026-11-01 call: ours\n", base + "- 2026-10-01 x\n")
    assert (text, conflicts) == (base + "- 2026-10-01 x\n- 2026-11-01 call: ours\n", 0)
