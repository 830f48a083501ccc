"""The note syntax defined once (notekit.core.syntax): here, what a merge git left unresolved
looks like, as every reader (and later the merge driver) sees it."""

from __future__ import annotations

from notekit.core.syntax import conflict


def test_the_markers_git_writes_around_both_sides_are_a_conflict() -> None:
    lines = ["---", "<<<<<<< HEAD", "company: Globex", "=======", "company: Initech", ">>>>>>> b"]
    assert conflict(lines) == (1, 5)
    assert conflict(["<<<<<<<", "a", "|||||||", "base", "=======", "b", ">>>>>>>"]) == (0, 6)


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
