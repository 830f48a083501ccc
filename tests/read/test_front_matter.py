"""Where a note's front-matter starts and ends, and which reader reads it
(notekit.read.front_matter); what the two readers make of it is compared in test_yamlfm.py."""

from __future__ import annotations

import pytest

from notekit.read import yamlfm
from notekit.read.front_matter import front_matter_end, load_mapping, simple_mapping


@pytest.mark.parametrize(
    ("lines", "end"),
    [
        (["---", "a: 1", "---", "body"], 2),
        (["---  ", "a: 1", "...", "body"], 2),  # blanks after either line, YAML's `...`
        (["---\r", "a: 1", "--- \r"], 2),  # a CR left by a line cut at LF alone
        (["---", "a: |", "  ---", "---"], 3),  # an indented `---` is the value's text
        (["---", "a: 1"], None),  # never closed
        (["Hello", "---", "a: 1", "---"], None),  # a rule in the body, not front-matter
        ([" ---", "a: 1", "---"], None),
        ([], None),
    ],
)
def test_where_front_matter_ends(lines: list[str], end: int | None) -> None:
    assert front_matter_end(lines) == end


def test_simple_front_matter_never_needs_pyyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shapes most notes use are read line by line: the full loader is never called."""

    def refused(text: str, first_line: int) -> object:
        raise AssertionError("the full loader was called")

    monkeypatch.setattr(yamlfm, "full_mapping", refused)
    text = "name: Ana\ntags:\n  - a\n\n  - b\nemails: [a@x.org, b@x.org]\n"
    assert load_mapping(text, 2) == (
        {"name": "Ana", "tags": ["a", "b"], "emails": ["a@x.org", "b@x.org"]},
        {"name": 2, "tags": 3, "emails": 7},
        [],
    )


# the fast reader must read these itself, as the full loader does
READ_LINE_BY_LINE = {
    "a: b # c": {"a": "b"},
    "a: b  # c": {"a": "b"},
    "a: b c # d": {"a": "b c"},
    "a: b # c # d": {"a": "b"},
    "a: Box X # c": {"a": "Box X"},
    "a: 'x'  # c": {"a": "x"},
    "a: -5": {"a": "-5"},
    "name : Ana": {"name": "Ana"},
    "emails: [a, b]  # work and home": {"emails": ["a", "b"]},
    "tags: # the groups\n  - a\n  - b": {"tags": ["a", "b"]},
    "tags:\n  - a\n\n  - b": {"tags": ["a", "b"]},
    "name: Xavier": {"name": "Xavier"},
    "aliases: [Xi, Yu]": {"aliases": ["Xi", "Yu"]},
    "aliases: [\"{a}\", '[b']": {"aliases": ["{a}", "[b"]},
}
# the fast reader may leave these to the full loader, but never read them otherwise
TRAPS = [
    "a: b\t# note",
    "a: 'x' y",
    "a: 'x'y",
    "a: 'x' X",
    "a: 'x'# c",
    "a: [x] y",
    "a: [x:y]",
    "a: [x #y, z]",
    "a: [x, , y]",
    "a: [x{y]",
    "a: [x}]",
    "a: [x, y",
    "a: [x]# c",
    "a: [x, [y]]",
    "a: [{x: y}]",
    "a: ['x]y']",
    "a: b\u3000# c",
    "a: ? x",
    "a: : x",
    "a: - x",
    "a: -",
    "a: b: c",
    "a: b:",
    "a: b\n  c",
    "tags:\n  - a\n  b: c",
    "tags: ~\n  - a",
]


@pytest.mark.parametrize("text", list(READ_LINE_BY_LINE))
def test_the_fast_reader_reads_these_as_yaml_does(text: str) -> None:
    fast = simple_mapping(text + "\n", 2)
    assert fast is not None
    assert fast[0] == READ_LINE_BY_LINE[text] == yamlfm.full_mapping(text + "\n", 2)[0]


@pytest.mark.parametrize("text", TRAPS)
def test_the_fast_reader_never_reads_a_trap_otherwise_than_yaml(text: str) -> None:
    fast = simple_mapping(text + "\n", 2)
    assert fast is None or (*fast, []) == yamlfm.full_mapping(text + "\n", 2)
