"""The note parser against golden JSON: one fixture note, one expected value.

After a deliberate change, `make golden` rewrites the golden files (tests/update_golden.py);
review the diff. The suite itself only ever compares.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from notekit.core.model import ERROR, WARNING, ParsedNote, Problem, Section
from notekit.read.parse import (
    CONFLICT,
    CR_ONLY,
    MAX_NOTE_BYTES,
    YAML_DIRECTIVE,
    parse_note,
    parse_with_front_matter,
    sections,
)

GOLDEN = Path(__file__).parents[1] / "fixtures" / "parse"


def as_json(value: object) -> object:
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {k: as_json(v) for k, v in value._asdict().items()}
    if dataclasses.is_dataclass(value):
        return {f.name: as_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [as_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("name", sorted(p.stem for p in GOLDEN.glob("*.md")))
def test_parser_matches_golden(name: str) -> None:
    assert golden_of(name) == json.loads((GOLDEN / f"{name}.json").read_text("utf-8"))


def golden_of(name: str) -> object:
    """What the parser makes of the fixture note `name`, as its golden file holds it."""
    note, values = parse_with_front_matter(f"{name}.md", (GOLDEN / f"{name}.md").read_bytes())
    parsed = as_json(note)
    assert isinstance(parsed, dict)
    parsed.pop("digest")  # checked below; golden files stay readable
    return {"front_matter": as_json(values), **parsed}


def test_yaml_traps_keep_the_text_the_user_wrote() -> None:
    note, fm = parse_with_front_matter("traps.md", (GOLDEN / "traps.md").read_bytes())
    assert fm["answer"] == "NO"
    assert fm["meeting_time"] == "10:30"
    assert fm["zip"] == "0123"
    assert fm["phone"] == "+351 912 345 678"
    assert fm["last_contact"] == "2026-02-30"  # kept as text; the field reader reports it
    assert fm["flag"] is True and fm["empty"] is None
    assert "unsafe" not in fm  # a hostile tag loses only its own key
    assert fm["name"] == "Ana Costa"
    assert [p.line for p in note.problems] == [9]


def test_a_syntax_error_keeps_the_other_keys() -> None:
    note, values = parse_with_front_matter("broken.md", (GOLDEN / "broken.md").read_bytes())
    assert values["name"] == "Broken"
    assert values["role"] == "Engineer"
    assert len(note.problems) == 1 and note.problems[0].severity == "error"
    assert not note.front_matter_ok


def test_tabs_are_reported_with_a_hint() -> None:
    note, values = parse_with_front_matter("tabs.md", (GOLDEN / "tabs.md").read_bytes())
    (problem,) = note.problems
    assert problem.line == 4 and "tabs" in problem.message
    assert values["name"] == "Tabby" and values["cadence"] == "1m"


def test_alias_bomb_is_refused_quickly() -> None:
    note, values = parse_with_front_matter("bomb.md", (GOLDEN / "alias-bomb.md").read_bytes())
    assert "alias bomb" in note.problems[0].message
    assert values == {}


def test_bom_crlf_and_no_final_newline() -> None:
    raw = b"\xef\xbb\xbf---\r\nname: A\r\n---\r\n- 2026-01-02 call: hi [[B]]"
    note, values = parse_with_front_matter("a.md", raw)
    assert values == {"name": "A"}
    assert note.body_start == 4
    assert [(e.date.isoformat(), e.line, e.channel, e.text) for e in note.entries] == [
        ("2026-01-02", 4, "call", "hi [[B]]")
    ]
    assert note.problems == []


def test_binary_and_invalid_utf8() -> None:
    binary = parse_note("x.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    assert not binary.readable and "binary" in binary.problems[0].message
    bad, values = parse_with_front_matter("y.md", b"---\nname: Jos\xe9\n---\nline two\n")
    assert bad.readable and values["name"] == "Jos\ufffd"
    assert bad.problems[0].line == 2 and "UTF-8" in bad.problems[0].message


def test_a_huge_note_is_read_up_to_the_limit() -> None:
    raw = b"---\nname: Big\n---\n" + b"- 2026-01-01 call: x\n" * (MAX_NOTE_BYTES // 20 + 10)
    note, values = parse_with_front_matter("big.md", raw)
    assert values == {"name": "Big"}
    assert any("larger than" in p.message for p in note.problems)


def test_digest_follows_content_only() -> None:
    assert parse_note("a.md", b"x").digest == parse_note("b.md", b"x").digest
    assert parse_note("a.md", b"x").digest != parse_note("a.md", b"y").digest


def test_the_words_many_notes_say_are_held_once() -> None:
    """A channel, a direction, a front-matter key and a tag are each one string, however
    many notes say them (a vault of 50,000 people held 50 MB of copies)."""
    text = "---\nname: {}\ntags: [alumni]\n---\n- 2026-01-0{} call to: hello #paris\n"
    one, two = (parse_note(f"{n}.md", text.format(n, n).encode()) for n in (1, 2))
    first, second = one.entries[0], two.entries[0]
    assert (first.channel, first.direction) == ("call", "to")
    assert first.channel is second.channel and first.direction is second.direction
    assert [*one.key_lines][0] is [*two.key_lines][0]
    assert one.front_tags[0] is two.front_tags[0] and one.tags[0] is two.tags[0]


def test_group_entries_and_what_only_looks_like_one() -> None:
    note = parse_note(
        "a.md",
        b"- 2026-11-12 linkedin group with [[Ben]] and 2 others: I'm in: see you\n"
        b"- 2026-11-13 WhatsApp Group: photos\n"
        b"- 2026-11-14 linkedin group with [[Ben]]\n"
        b"- 2026-11-15 linkedin group chat about the reunion\n"
        b"- 2026-11-16 coffee: group with Ben\n",
    )
    assert [(e.channel, e.direction, e.text) for e in note.entries] == [
        ("linkedin", "group", "I'm in: see you"),
        ("whatsapp", "group", "photos"),
        ("linkedin", "group", ""),
        ("linkedin", None, "linkedin group chat about the reunion"),
        ("coffee", None, "group with Ben"),
    ]
    assert [link.target for link in note.links] == ["Ben", "Ben"]


def test_opportunities_as_people_write_them() -> None:
    """Separators after the date, any case; what is no known kind is `other` and open, its
    text whole; a status is the first word in the brackets (`won!`, `won, signed in May`), and
    an unknown one is reported and read as open."""
    note = parse_note(
        "a.md",
        "## Opportunities\n"
        "- 2026-10-01: Referral (WON): for the Acme role\n"
        "- 2026-10-02 — collaboration: a talk together\n"
        "- 2026-10-03 gig (won): playing at her wedding\n"
        "- 2026-10-04 intro (Maybe): to her manager\n"
        "- 2026-10-05 referral (won!): the staff role\n"
        "- 2026-10-06 job ( lost ): the Berlin one\n"
        "- 2026-10-07 client (won, signed in May): the audit\n"
        "- 2026-10-08 advice (in progress): pricing\n"
        "- 2026-10-09 job (?): the Lisbon one\n".encode(),
    )
    assert [(o.kind, o.status, o.text, o.line) for o in note.opportunities] == [
        ("referral", "won", "for the Acme role", 2),
        ("collaboration", "open", "a talk together", 3),
        ("other", "open", "gig (won): playing at her wedding", 4),
        ("intro", "open", "to her manager", 5),
        ("referral", "won", "the staff role", 6),
        ("job", "lost", "the Berlin one", 7),
        ("client", "won", "the audit", 8),
        ("advice", "open", "pricing", 9),
        ("job", "open", "the Lisbon one", 10),
    ]
    assert [(p.line, p.message) for p in note.problems] == [
        (5, "opportunity status 'Maybe': one of open, won, lost, given"),
        (9, "opportunity status 'in progress': one of open, won, lost, given"),
        (10, "opportunity status '?': one of open, won, lost, given"),
    ]


def test_links_anywhere_in_the_front_matter_and_a_long_lines_context_cut() -> None:
    line = "- met at the conference with [[Ben]] " + "and talked for hours " * 10
    note = parse_note(
        "a.md",
        f"---\nname: Pat\nmet:\n  where: Lisbon\n  with: '[[Ana]]'\n---\n{line}\n".encode(),
    )
    assert [(link.target, link.line, link.in_front_matter) for link in note.links] == [
        ("Ana", 3, True),  # the line of its key
        ("Ben", 7, False),
    ]
    escaped = parse_note("a.md", b'---\nwith: "\\x5B\\x5BAna]]"\n---\n')  # YAML spells it
    assert [(link.target, link.line) for link in escaped.links] == [("Ana", 2)]
    assert note.links[1].context == line.removeprefix("- ")[:159] + "…"  # 160 characters
    just = "x" * (160 - len("[[Ben]] ")) + " [[Ben]]"
    assert parse_note("a.md", just.encode()).links[0].context == just  # not one too many


def test_what_follows_an_entrys_date_and_a_tasks_bad_due_date() -> None:
    note = parse_note(
        "a.md",
        "- 2026-01-01: call: hi\n"
        "- 2026-01-02 — coffee with Ana\n"
        "- [ ] ask about the role 📅 2026-02-30\n"
        "- [x] 2026-01-03, email to: sent it\n"
        "- 2026-01-04 email from (re 2026-01-04): the same day's answer\n"
        "- 2026-01-05 — linkedin: now CTO at Acme\n"
        ":: alone, or then std::vector, is no field\n".encode(),
    )
    assert [(e.date.day, e.channel, e.direction, e.text) for e in note.entries] == [
        (1, "call", None, "hi"),
        (2, "coffee", None, "coffee with Ana"),
        (3, "email", "to", "sent it"),
        (4, "email", "from", "the same day's answer"),
    ]
    assert note.entries[-1].reply_to == dt.date(2026, 1, 4)
    assert note.news == [(dt.date(2026, 1, 5), "CTO at Acme", 6)]
    assert note.inline_fields == []
    assert parse_note("a.md", b"- 2026-01-01 zoom: hi", frozenset({"zoom"})).entries[0].channel == (
        "zoom"
    )
    assert [(t.line, t.done, t.due) for t in note.tasks] == [(3, False, None), (4, True, None)]
    assert note.problems == [
        Problem(
            "a.md",
            3,
            WARNING,
            "task due date: no such date: 2026-02-30 (day is out of range for month)",
        )
    ]


def test_sections_skip_the_front_matter_after_a_bom() -> None:
    raw = "\ufeff---\n# filled in by the template\nname: A\n---\n## Memories\nthe trip\n"
    assert sections(raw.encode()) == [Section("Memories", 5, "the trip", 6)]


def test_sections_are_what_the_note_says_under_each_heading_but_the_log() -> None:
    """Text before the first heading is no section; a log section (in any case), with the
    headings below it, is none either; a comment is a blank line; blank edges are trimmed,
    nothing else (a Markdown hard break, an indented first line); lines keep their ends."""
    raw = (
        "---\nname: A\n# filled in by the template\n---\n"
        "what comes before any heading\n"
        "## Memories <!-- one a line -->\r\n"
        "<!-- from the template: what we lived through together -->\r\n"
        "    the night train, indented\r\n"
        "X marks the spot  \r\n"
        "<!-- a comment\r\n"
        "over two lines -->\r\n"
        "and Twitter is now X\r\n"
        "```\r\n"
        "<!-- kept: code -->\r\n"
        "```\r\n"
        "## LOG\n"
        "- 2026-01-01 call: hi\n"
        "### The call\n"
        "notes of the call\n"
        "## Interests\n"
        "climbing, caf\xe9s\n"
        "## Empty\n"
        "\n"
        "   \n"
        "# Timeline\n"
        "- 2026-02-01 call\n"
        "## Under the timeline, so in it\n"
        "more notes\n"
    ).encode("latin-1")
    assert sections(raw) == [
        Section(
            "Memories",
            6,
            "    the night train, indented\nX marks the spot  \n\n\nand Twitter is now X\n"
            "```\n<!-- kept: code -->\n```",
            8,
        ),
        Section("Interests", 20, "climbing, caf\ufffds", 21),
    ]
    no_front_matter = b"intro\n## Memories\nthe trip\n## To come"  # and no final newline
    assert sections(no_front_matter) == [Section("Memories", 2, "the trip", 3)]


def test_texts_keep_their_code_and_lose_their_comments() -> None:
    """What a note says is what a preview shows: code spans are kept in the texts read (an
    entry, a task, a heading, a field's value), but nothing in them is a link, a tag or a
    field; a comment within a line is no part of it at all."""
    note = parse_note(
        "a.md",
        "# The `asyncio` move <!-- working title -->\n"
        "- 2026-10-01 call: the `asyncio` migration, `#123` and `[[Gus]]` <!-- ask [[Ana]] -->\n"
        "- [ ] send the `pytest` plugin 📅 2026-11-25 <!-- #later -->\n"
        "editor:: `vim` <!-- [[Ben]] -->\n"
        "<!-- company:: Acme --> with [[Cy]] #met\n".encode(),
    )
    assert note.title == "The `asyncio` move"
    assert [e.text for e in note.entries] == ["the `asyncio` migration, `#123` and `[[Gus]]`"]
    assert [t.text for t in note.tasks] == ["send the `pytest` plugin 📅 2026-11-25"]
    assert note.inline_fields == [("editor", "`vim`", 4)]
    assert [(link.target, link.line, link.context) for link in note.links] == [
        ("Cy", 5, "with [[Cy]] #met")
    ]
    assert note.tags == ["met"]


def test_a_note_read_in_part_or_not_at_all_says_so() -> None:
    def read(raw: bytes) -> tuple[ParsedNote, dict[str, object]]:
        return parse_with_front_matter("a.md", raw)

    binary, values = read(b"---\nname: A\n---\n\x00")
    assert (binary.readable, values, binary.entries) == (False, {}, [])
    assert binary.problems == [Problem("a.md", None, ERROR, "binary file, not a Markdown note")]
    late_zero = b"- 2026-01-01 call: hi\n" + b"x" * 8170 + b"\x00"  # past the part looked at
    assert len(late_zero) == 8193 and read(late_zero)[0].readable is True
    cr_only, values = read(b"---\rname: A\r---\r- 2026-01-01 call: hi\r")
    assert values == {"name": "A"} and [(e.line, e.text) for e in cr_only.entries] == [(4, "hi")]
    assert cr_only.problems == [Problem("a.md", None, WARNING, CR_ONLY)]
    crlf, values = read(
        b"---\r\nname: A\r\n---\r\n- 2026-01-01 call: hi\r\n- 2026-01-02 call\r\n"
        b"met [[Ben]]\r\n#\r\n"
    )
    assert values == {"name": "A"} and crlf.problems == [] and crlf.title is None
    assert [(e.line, e.channel, e.text) for e in crlf.entries] == [
        (4, "call", "hi"),
        (5, "call", "call"),
    ]
    assert [link.context for link in crlf.links] == ["met [[Ben]]"]
    for first in (b"%YAML 1.2", b"%TAG ! tag:example.com,2026:"):
        directive, values = read(first + b"\n---\nname: A\n---\n")
        assert values == {}
        assert directive.problems == [Problem("a.md", 1, WARNING, YAML_DIRECTIVE)]
    conflicted, _ = read(b"<<<<<<< HEAD\na\n=======\nb\n>>>>>>> theirs\n")
    assert conflicted.readable is False
    assert conflicted.problems == [
        Problem("a.md", 1, ERROR, CONFLICT.format(first=1, last=5)),
    ]
    bom_and_bad_byte, values = read(b"\xef\xbb\xbf---\nname: Jos\xe9\n---\n")
    assert values == {"name": "Jos\ufffd"}
    assert bom_and_bad_byte.problems == [
        Problem("a.md", 2, WARNING, "invalid UTF-8: unreadable bytes shown as \ufffd")
    ]


def test_a_huge_note_is_read_up_to_its_last_whole_line_within_the_limit() -> None:
    head = b"---\nname: Big\n---\n"
    entry = b"- 2026-01-01 call: x\n"
    whole = (MAX_NOTE_BYTES - len(head)) // len(entry)
    just = head + entry * whole
    just += b"y" * (MAX_NOTE_BYTES - len(just))  # exactly the limit: read whole
    assert len(just) == MAX_NOTE_BYTES
    assert parse_note("big.md", just).problems == []
    note = parse_note("big.md", head + entry * (whole + 5))
    assert len(note.entries) == whole and note.entries[-1].text == "x"
    too_large = Problem(
        "big.md", None, WARNING, "note is larger than 4 MiB: only its beginning was read"
    )
    assert note.problems == [too_large]
    accents = "é".encode() * 10 + b"\n"  # a cut after the line, not inside its next
    accents = head + accents * (MAX_NOTE_BYTES // len(accents) + 2)
    assert parse_note("big.md", accents).problems == [too_large]


def test_what_the_front_matter_says_of_the_note_itself() -> None:
    note = parse_note("a.md", b"---\nname: A\nTag: [x, y]\ntags: z\nDate: 2026-11-10\n---\n")
    assert (note.front_tags, note.date) == (["x", "y"], dt.date(2026, 11, 10))
    bad = parse_note("a.md", b"---\nname: A\ndate: soon\n---\n")
    assert bad.date is None
    assert bad.problems == [
        Problem("a.md", 3, WARNING, "date: not a date (expected YYYY-MM-DD): 'soon'")
    ]
    unclosed = parse_note("a.md", b"---  \nname: A\n")
    assert unclosed.problems == [
        Problem("a.md", 1, ERROR, "front-matter has no closing `---`: read as body text")
    ]


def test_what_a_comment_over_lines_hides_and_an_indented_opportunity() -> None:
    note = parse_note(
        "a.md",
        b"<!--\nask [[Ana]] about #later\n-->\n## Opportunities\n"
        b"- 2026-10-01 referral: the Acme role\n"
        b" - 2026-10-02 call: an indented item is an entry\n",
    )
    assert (note.links, note.tags) == ([], [])
    assert [(o.line, o.kind) for o in note.opportunities] == [(5, "referral")]
    assert [(e.line, e.channel) for e in note.entries] == [(6, "call")]


def test_one_walk_of_the_body_for_readers_and_writers() -> None:
    """What each line is: a heading inside a code block or an HTML comment is none, and a
    fence inside a comment opens nothing."""
    from notekit.core.syntax import CODE, FENCE_LINE, HIDDEN, TEXT, body_lines

    lines = [
        "## Log",  # 0
        "```",  # 1
        "## not a heading",  # 2
        "```",  # 3
        "<!-- a comment",  # 4
        "```",  # 5: inside the comment, no fence
        "## Memories -->",  # 6: still hidden
        "- 2026-01-01 call: hi",  # 7
        "text <!-- inline --> more",  # 8: a comment within a line hides nothing of it
    ]
    kinds = [kind for _, _, kind in body_lines(lines)]
    assert kinds == [TEXT, FENCE_LINE, CODE, FENCE_LINE, HIDDEN, HIDDEN, HIDDEN, TEXT, TEXT]
    assert [i for i, _, _ in body_lines(lines, 2, 5)] == [2, 3, 4]


def test_a_merge_left_unresolved_is_a_problem_and_no_data() -> None:
    raw = (
        b"---\ntype: person\n<<<<<<< HEAD\ncompany: Globex\n=======\ncompany: Initech\n"
        b">>>>>>> phone\n---\n- 2026-11-01 call: both sides\n"
    )
    note, values = parse_with_front_matter("People/Ana.md", raw)
    assert not note.readable and note.entries == [] and values == {}
    (problem,) = note.problems
    assert (problem.line, problem.severity) == (3, "error")
    assert problem.message.startswith("a git merge left unresolved (conflict markers, lines 3–7)")
