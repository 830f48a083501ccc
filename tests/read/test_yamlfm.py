"""The front-matter fast path agrees with the full YAML loader on everything it accepts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, FIXTURES
from notekit.read.front_matter import front_matter_end, load_mapping, simple_mapping
from notekit.read.yamlfm import flow_value, full_mapping

EXAMPLES = int(os.environ.get("NOTEKIT_EXAMPLES", "300"))
# characters that matter to YAML, mixed with ordinary and non-ASCII text
tricky = st.text(alphabet=st.sampled_from(list("ab Z09-_.:#,'\"[]{}&*!|>%@`?~é日\\ ")), max_size=14)
plain = st.text(alphabet=st.sampled_from(list("abcXYZ019 .-_é日#:'")), min_size=1, max_size=10)
keys = st.one_of(
    plain.filter(lambda k: k[0].isalpha()),
    st.sampled_from(["name", "last contact", "next-contact", "a.b", "true", "null", "x", "Ü"]),
    tricky.filter(lambda k: "\n" not in k),
)
values = st.one_of(
    plain,
    st.builds(lambda items: "[" + ", ".join(items) + "]", st.lists(plain, max_size=4)),
    tricky,
    st.builds(lambda items: "[" + ", ".join(items) + "]", st.lists(tricky, max_size=4)),
    st.builds(lambda v: f"'{v}'", tricky),
    st.builds(lambda v: f'"{v}"', tricky),
    st.sampled_from(
        [
            "",
            "~",
            "null",
            "true",
            "False",
            "NO",
            "10:30",
            "0123",
            "2026-02-30",
            "x # note",
            "[a, b] # c",
            "'q' # c",
            "- a",
            "[a, [b]]",
            "&x y",
            "*x",
        ]
    ),
)


KINDS = st.sampled_from(["pair", "pair", "block", "comment", "blank", "odd"])
INDENTS = st.sampled_from(["", "  ", "    "])
ITEMS = st.one_of(plain, tricky)
ODD = st.sampled_from(["  nested: 1", "\tx: 1", "- item", "key", ":"])


@st.composite
def front_matters(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(KINDS)
        key = draw(keys)
        if kind == "pair":
            lines.append(
                f"{key}: {draw(values)}".rstrip()
                if draw(st.booleans())
                else f"{key}:{draw(values)}"
            )
        elif kind == "block":
            lines.append(f"{key}:")
            indent = draw(INDENTS)
            lines.extend(f"{indent}- {draw(ITEMS)}" for _ in range(draw(st.integers(0, 3))))
        elif kind == "comment":
            lines.append("# " + draw(tricky))
        elif kind == "blank":
            lines.append("")
        else:
            lines.append(draw(ODD))
    return "\n".join(lines)


@settings(max_examples=EXAMPLES * 5, deadline=None)
@given(front_matters())
def test_fast_path_agrees_with_the_full_loader(text: str) -> None:
    fast = simple_mapping(text, 2)
    if fast is None:
        return
    data, key_lines, errors = full_mapping(text, 2)
    assert errors == [], (text, fast)
    assert fast == (data, key_lines), text


def _front_matter_texts() -> list[tuple[str, str]]:
    found = []
    example = Path(__file__).parents[2] / "vault-example"
    for root in (FIXTURES, CORPUS / "frontmatter-edge", example):
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            text = path.read_bytes().decode("utf-8", errors="replace").removeprefix("\ufeff")
            lines = [line.rstrip("\r") for line in text.split("\n")]
            end = front_matter_end(lines)
            if end is not None:
                found.append((str(path), "\n".join(lines[1:end])))
    return found


REAL_FRONT_MATTER = _front_matter_texts()


@pytest.mark.parametrize(("source", "text"), REAL_FRONT_MATTER)
def test_every_real_front_matter_reads_the_same_either_way(source: str, text: str) -> None:
    fast = simple_mapping(text, 2)
    full = full_mapping(text, 2)
    assert load_mapping(text, 2) == full, source
    if fast is not None:  # the fast path took it: it must read exactly as PyYAML does
        assert (*fast, []) == full, source


def test_the_comparison_above_is_not_empty() -> None:
    """Most real front-matter takes the fast path, so the comparison above compares two
    readers, not the full one with itself."""
    taken = [source for source, text in REAL_FRONT_MATTER if simple_mapping(text, 2) is not None]
    assert len(taken) >= len(REAL_FRONT_MATTER) * 3 // 4


def test_the_fast_path_takes_the_common_shapes() -> None:
    text = (
        "name: Ana Costa\naliases: [Ana C., Nina]\ncompany: 'Globex, Inc.'\n# a comment\n"
        'role: "Staff Engineer"  # since 2024\nlast_contact: 2026-08-20\ncadence:\n'
        "tags:\n  - person\n  - initech\nactive: false\n"
    )
    found = simple_mapping(text, 2)
    assert found is not None
    data, key_lines = found
    assert data == {
        "name": "Ana Costa",
        "aliases": ["Ana C.", "Nina"],
        "company": "Globex, Inc.",
        "role": "Staff Engineer",
        "last_contact": "2026-08-20",
        "cadence": None,
        "tags": ["person", "initech"],
        "active": False,
    }
    assert key_lines["tags"] == 9 and key_lines["active"] == 12


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(
    st.one_of(
        tricky,
        # one line of text, as every value notekit writes is (`one_line`)
        st.text(st.characters(exclude_categories=["Cc", "Zl", "Zp"]), max_size=12),
        st.sampled_from(["Yes", "NO", "null", "Off", "y", "Ana (Bea)", "a.b@c.d", "x-", "Zoë"]),
    )
)
def test_a_scalar_written_reads_back_as_the_same_text(text: str) -> None:
    """In a block value and inside a flow list alike, whether it was quoted or not."""
    import yaml

    from notekit.read.yamlfm import flow_scalar

    written = flow_scalar(text)
    assert yaml.safe_load(f"k: {written}\n")["k"] == text
    assert yaml.safe_load(f"k: [{written}, x]\n")["k"] == [text, "x"]


def test_a_keys_line_is_the_line_an_editor_shows_it_on() -> None:
    """YAML starts a line at U+2028 and U+0085 too; an editor does not, and an edit must find
    each key on the line the editor shows (a syntax error's line as well)."""
    text = 'note: "a\u2028b\u0085c"\nemail: x@y.z\nlast_contact: 2026-01-01'
    data, lines, errors = full_mapping(text, first_line=2)
    assert (lines, errors) == ({"note": 2, "email": 3, "last_contact": 4}, [])
    assert data["email"] == "x@y.z"
    broken = 'note: "a\u2028b"\nemail: x@y.z\nbad: [\nname: Ana'
    data, lines, errors = full_mapping(broken, first_line=2)
    assert (data, lines) == (
        {"note": "a\u2028b", "email": "x@y.z", "name": "Ana"},
        {
            "note": 2,
            "email": 3,
            "name": 5,
        },
    )
    assert [line for line, _ in errors] == [5]


def test_a_value_nested_too_deep_is_left_out_and_the_rest_kept() -> None:
    """64 lists in lists are a value; 65 are left out, with their line, and the other keys
    stay (an alias inside them changes nothing)."""

    def read(depth: int, inner: str = "1") -> tuple[list[str], list[tuple[int, str]]]:
        data, _, errors = full_mapping(
            f"a: &one [1]\nx: {'[' * depth}{inner}{']' * depth}\nb: 2\n", 2
        )
        return list(data), errors

    assert read(64) == (["a", "x", "b"], [])
    left_out = (["a", "b"], [(3, "value left out: nested more than 64 levels deep")])
    assert read(65) == left_out
    assert read(70, "*one") == left_out
    # an alias met first near the top does not hide its anchor's depth further down
    deep = f"a: 1\nx: [{'[' * 60}&d [[[[[1]]]]]{']' * 60}, *d]\nb: 2\n"
    assert full_mapping(deep, 2)[2] == [(3, "value left out: nested more than 64 levels deep")]


@pytest.fixture
def without_libyaml(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The YAML reader as it is where PyYAML was built without libyaml: pure Python."""
    import importlib

    import yaml

    from notekit.read import yamlfm

    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    importlib.reload(yamlfm)
    try:
        yield
    finally:
        monkeypatch.undo()
        importlib.reload(yamlfm)


@pytest.mark.usefixtures("without_libyaml")
def test_without_libyaml_nesting_past_the_stack_is_a_problem_with_its_line() -> None:
    """libyaml stops at a thousand levels itself; PyYAML's own reader recurses until the stack
    runs out, and that costs the front-matter, said at its first line, never a traceback
    (libyaml would say "exceeded maximum nesting depth" at the value's line)."""
    from notekit.read import yamlfm

    deep = f"a: 1\nx: {'[' * 5000}{']' * 5000}\nb: 2\n"
    assert yamlfm.full_mapping(deep, 2) == (
        {},
        {},
        [(2, "front-matter is nested more than 64 levels deep")],
    )
    assert yamlfm.full_mapping("a: 1\nx: [[1]]\n", 2) == (
        {"a": "1", "x": [["1"]]},
        {"a": 2, "x": 3},
        [],
    )


def test_a_character_yaml_refuses_is_said_at_its_line_and_costs_only_its_key() -> None:
    """A control character pasted into a value (a terminal's colour code, a bell) is a YAML
    reader's error, which carries no line of its own: it is said at the line it is on."""
    assert full_mapping('a: 1\nb: "red \x1b[31m text"\nc: 3\n', 2) == (
        {"a": "1", "c": "3"},
        {"a": 2, "c": 4},
        [(3, "invalid YAML: control characters are not allowed (U+001B)")],
    )


def test_front_matter_that_is_not_keys_and_values() -> None:
    assert full_mapping("[1, 2]\n", 2) == (
        {},
        {},
        [(2, "front-matter is not a list of `key: value` lines")],
    )


def test_a_key_that_is_a_list_is_left_out_and_the_keys_after_it_kept() -> None:
    assert full_mapping("? [a, b]\n: 1\nc: 2\n", 2) == (
        {"c": "2"},
        {"c": 4},
        [(2, "a key must be plain text")],
    )


def test_an_empty_key_is_the_empty_text() -> None:
    assert full_mapping("~: x\nc: 2\n", 2) == ({"": "x", "c": "2"}, {"": 2, "c": 3}, [])


def test_a_key_written_twice_takes_the_later_value_and_says_so() -> None:
    assert full_mapping("a: 1\nb: 2\na: 3\n", 2) == (
        {"a": "3", "b": "2"},
        {"a": 4, "b": 3},
        [(4, "duplicate key 'a': the later value is used")],
    )


def test_a_tab_inside_a_value_is_not_called_indentation() -> None:
    """The hint about tabs is for a line that starts with one, not a tab further on."""
    data, _, errors = full_mapping("a: b: \tc\nd: 2\n", 2)
    assert (data, errors) == (
        {"d": "2"},
        [(2, "invalid YAML: mapping values are not allowed in this context")],
    )
    _, _, errors = full_mapping("a: 1\n\tb: 2\n", 2)
    assert errors[0][0] == 3
    assert errors[0][1].endswith("(YAML does not allow tabs for indentation: use spaces)")


def test_after_a_syntax_error_each_key_keeps_every_line_of_its_value() -> None:
    """Salvage cuts the text at each line that starts a key: the indented, commented, blank
    and `- ` lines under a key stay with it, and the key before the broken one is read."""
    text = (
        "tags:\n  - one\n# a comment\n  - two\n"
        "list:\n- x\n- y\n"
        "notes: |\n  first\n\n  second\n"
        "name: Ana\n"
        'bad: "unclosed\n'
    )
    data, lines, _ = full_mapping(text, 2)
    assert data == {
        "tags": ["one", "two"],
        "list": ["x", "y"],
        "notes": "first\n\nsecond\n",
        "name": "Ana",
    }
    assert lines == {"tags": 2, "list": 6, "notes": 9, "name": 13}


def test_mappings_in_mappings_count_their_depth_as_lists_do() -> None:
    def errors(depth: int) -> list[tuple[int, str]]:
        return full_mapping(f"a: 1\nx: {'{k: ' * depth}1{'}' * depth}\n", 2)[2]

    assert errors(64) == []
    assert errors(65) == [(3, "value left out: nested more than 64 levels deep")]


def test_aliases_may_expand_to_twenty_thousand_values_and_not_one_more() -> None:
    """Counted as construction would expand them: the mapping, each key, each value and what
    each alias stands for; a key built of aliases counts as much as a value."""
    items = ", ".join(["1"] * 99)
    aliases = ", ".join(["*x"] * 198)
    scalars = "".join(f"c{n}: 1\n" for n in range(48))
    exactly = f"a: &x [{items}]\nb: [{aliases}]\n{scalars}"  # 20,000 values
    assert full_mapping(exactly, 2)[2] == []
    bomb = [(2, "front-matter expands to too many values (YAML alias bomb?)")]
    assert full_mapping(exactly.replace("b: [", "b: [1, "), 2) == ({}, {}, bomb)
    in_a_key = f"a: &x [{items}]\n? [{aliases}, 1]\n: 1\n{scalars}"
    assert full_mapping(in_a_key, 2) == ({}, {}, bomb)


def test_a_value_written_back_on_one_line_keeps_its_order_years_and_dates_plain() -> None:
    """What `set`, `merge` and an import write of a value the loader gave: on one line, its
    keys in the user's order, a year and a date as the user wrote them (plain), accents as
    they are; and it reads back as the same value."""
    stint = {"org": "Zürich Re", "role": "Engineer", "from": "2018-03-01", "to": "2019"}
    assert flow_value(stint) == "{org: Zürich Re, role: Engineer, from: 2018-03-01, to: 2019}"
    assert flow_value("2018") == "2018"
    assert flow_value("2018-03-01") == "2018-03-01"
    assert flow_value("a: b") == "'a: b'"
    assert flow_value(["a: b", "2026-02-30"]) == "['a: b', 2026-02-30]"


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.recursive(
        st.one_of(tricky, st.sampled_from(["2018", "2018-03-01", "0123", "Zürich", "yes"])),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(plain, inner, max_size=3)
        ),
        max_leaves=8,
    )
)
def test_a_value_written_back_reads_back_the_same(value: object) -> None:
    assert full_mapping(f"k: {flow_value(value)}\n", 2)[0] == {"k": value}


def test_a_tag_its_value_does_not_fit_costs_only_that_key() -> None:
    assert full_mapping("a: !!int abc\nb: 1\n", 2) == (
        {"b": "1"},
        {"b": 3},
        [
            (
                2,
                "value left out: a `!!` tag its value does not fit "
                "(invalid literal for int() with base 10: 'abc')",
            )
        ],
    )


@pytest.mark.parametrize("value", ["!!bool maybe", "!!timestamp soon", "!!float x"])
def test_no_tag_its_value_does_not_fit_escapes_as_a_traceback(value: str) -> None:
    """PyYAML's own constructors fail on these with a KeyError, an AttributeError or a
    ValueError: the value is left out with its line, the other keys read."""
    data, lines, errors = full_mapping(f"a: 1\nmet: {value}\nb: 2\n", 2)
    assert (data, lines) == ({"a": "1", "b": "2"}, {"a": 2, "b": 4})
    assert [(line, message.split(" (")[0]) for line, message in errors] == [
        (3, "value left out: a `!!` tag its value does not fit")
    ]
