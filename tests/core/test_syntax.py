"""The note syntax defined once (notekit.core.syntax): here, what a merge git left unresolved
looks like, as every reader (and later the merge driver) sees it."""

from __future__ import annotations

import datetime as dt

from notekit.core.syntax import (
    blank_code_spans,
    body_lines,
    conflict,
    directed,
    email_list,
    group_with,
    heading,
    html_comment,
    lines_with_ends,
    note_lines,
    one_line,
    plain,
    tag_list,
    wikilink,
    without_comments,
)


def test_the_markers_git_writes_around_both_sides_are_a_conflict() -> None:
    lines = ["---", "<<<<<<< HEAD", "company: Globex", "=======", "company: Initech", ">>>>>>> b"]
    assert conflict(lines) == (1, 5)
    assert conflict(["<<<<<<<", "a", "|||||||", "base", "=======", "b", ">>>>>>>"]) == (0, 6)


def test_a_conflict_after_a_code_block_is_found_from_its_first_marker() -> None:
    lines = ["```", "x", "```", "<<<<<<< HEAD", "<<<<<<< again", "=======", ">>>>>>> b"]
    assert conflict(lines) == (3, 6)


def test_what_only_looks_like_markers_is_none() -> None:
    assert conflict(["Setext heading", "======="]) is None  # a heading's underline
    assert conflict(["<<<<<<< HEAD", "mine", "======="]) is None  # never closed
    assert conflict(["```", "<<<<<<< HEAD", "=======", ">>>>>>> b", "```"]) is None  # an example
    assert conflict(["<<<<<<<< eight", ">>>>>>>> eight"]) is None
    assert conflict([">>>>>>> b", "<<<<<<< HEAD"]) is None  # closed before it opened


def test_text_from_outside_is_written_inert() -> None:
    from notekit.core.syntax import TAG, WIKILINK, inert

    text = inert("Special #mentor offer for [[Ben]] and ![[photo.png]]; C# stays, #2026 too")
    assert text == (
        "Special \\#mentor offer for [\\[Ben]] and ![\\[photo.png]]; C# stays, \\#2026 too"
    )
    assert TAG.findall(text) == [] and WIKILINK.findall(text) == []


def test_what_inert_escaped_reads_as_it_was_sent() -> None:
    from notekit.core.syntax import inert, plain

    sent = "Special #mentor offer for [[Ben]]"
    assert plain(inert(sent)) == sent
    assert plain("met [[Ben Okafor|Ben]] at [[PyCon]]") == "met Ben at PyCon"
    assert plain("the `asyncio` move, `` a ` tick `` and `left open") == (
        "the asyncio move, a ` tick and `left open"
    )


def test_the_words_a_group_entry_names_its_members_with() -> None:
    assert group_with(["[[Ana]]"], 0) == "[[Ana]]"
    assert group_with(["[[Ana]]", "[[Ben]]", "[[Cy]]"], 0) == "[[Ana]], [[Ben]] and [[Cy]]"
    assert group_with(["[[Ana]]", "[[Ben]]"], 1) == "[[Ana]], [[Ben]] and 1 other"
    assert group_with([], 3) == "3 others"


def test_a_link_shows_a_name_its_brackets_and_bars_cannot_break() -> None:
    assert wikilink("Ana Costa", "Ana Costa") == "[[Ana Costa]]"
    assert wikilink("ana", "Ana [Work] | Lisbon") == "[[ana|Ana (Work) / Lisbon]]"


def test_an_empty_comment_hides_nothing_after_it() -> None:
    assert html_comment("<!---->", False) == (False, False)
    assert html_comment("text <!-- open", False) == (True, True)
    assert html_comment("still -->", True) == (True, False)


def test_a_line_shows_what_its_comments_leave() -> None:
    assert without_comments("met <!-- where? --> at PyCon") == "met  at PyCon"
    assert without_comments("<!-- a --> b <!-- c --> d") == " b  d"
    assert without_comments("<!---->x") == "x"  # the shortest comment
    assert without_comments("<!-->x-->y") == "y"  # `-->` counts only after `<!--`
    assert without_comments("a `<!-- code -->` b") == "a `<!-- code -->` b"
    assert without_comments("a <!-- left open") == "a <!-- left open"  # body_lines hides it
    assert without_comments("no comment") == "no comment"


def test_a_notes_lines_are_those_an_editor_numbers() -> None:
    assert note_lines("a\nb\n") == ["a", "b", ""]
    assert note_lines("a\r\nb\r\n") == ["a", "b", ""]
    assert note_lines("a\rb\r") == ["a", "b", ""]  # classic Mac OS
    assert note_lines("a\r\nb\rc\n") == ["a", "b\rc", ""]  # a lone CR in a LF note is text
    assert note_lines("a\u2028b\x0cc\x85d\x0be\n") == ["a\u2028b\x0cc\x85d\x0be", ""]
    assert note_lines("") == [""]


def test_text_from_outside_is_one_line_no_comment_can_open_or_close() -> None:
    assert one_line("a <!-- b --> c\nd") == "a <! -- b -- > c d"
    assert one_line("--- not a front-matter line") == "\\--- not a front-matter line"
    assert one_line("a --- b") == "a --- b"


def test_small_pieces_of_what_notekit_writes_and_reads() -> None:
    assert directed("to", None) == "to"
    assert directed("from", dt.date(2026, 1, 2)) == "from (re 2026-01-02)"
    assert group_with(["[[Ana]]"], 1) == "[[Ana]] and 1 other"
    assert lines_with_ends("a\nb\n") == ["a\n", "b\n"]
    assert lines_with_ends("a\nb") == ["a\n", "b"]
    assert heading("## Memories ##") == (2, "Memories")
    assert heading("## Box X") == (2, "Box X")
    assert tag_list(["#work/acme", None, ["nested"], {"a": 1}, "Xmas", "  "]) == [
        "work/acme",
        "Xmas",
    ]
    assert tag_list("#a, b c") == ["a", "b", "c"]
    assert (
        plain("send [[Ana Costa|Ana]] the deck 📅 2026-11-25 \\#later")
        == "send Ana the deck #later"
    )


def test_a_text_of_several_addresses_is_read_as_each() -> None:
    """What users write in `email:`: a list, or one text of several, however separated; an
    address among other words is the address; a text without one gives none (`check` says
    so)."""
    assert email_list("a@x.org, b@y.org") == ["a@x.org", "b@y.org"]
    assert email_list("a@x.org;b@y.org  c@z.org") == ["a@x.org", "b@y.org", "c@z.org"]
    assert email_list("Ana Costa <ana@x.org>") == ["ana@x.org"]
    assert email_list(["mailto:ana@x.org", None, {"a": 1}, "  ", "not yet"]) == ["ana@x.org"]
    assert email_list(None) == [] and email_list("") == []


def test_a_fence_indented_up_to_three_spaces_opens_a_code_block() -> None:
    lines = ["text", "   ```", "## not a heading", "   ```", "    ```", "## a heading"]
    assert [kind for _, _, kind in body_lines(lines)] == [
        "text",
        "fence",
        "code",
        "fence",
        "text",
        "text",
    ]


def test_code_spans_of_each_length_are_blanked_and_an_unclosed_run_is_text() -> None:
    assert blank_code_spans("a `b` c ``d` e`` f") == "a " + " " * 3 + " c " + " " * 8 + " f"
    assert blank_code_spans("``` x `") == "``` x `"
    assert blank_code_spans("``` `a` and `b`") == "``` " + " " * 3 + " and " + " " * 3
    assert blank_code_spans("`a` `b` x") == " " * 8 + "x"
    assert blank_code_spans("``a`` ` b `` c``") == "      ` b " + " " * 6
    assert blank_code_spans("`a``b` c") == " " * 7 + "c"  # a run of two closes no span of one
