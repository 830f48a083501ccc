"""What every command shares: JSON written in pieces, byte for byte what `json.dumps` writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from notekit.commands.common import JSON_ITEMS, json_chunks

SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=5) | st.integers() | st.none(), inner, max_size=4)
    ),
    max_leaves=12,
)


@given(VALUES)
def test_json_in_pieces_is_the_text_json_dumps_writes(data: Any) -> None:
    assert "".join(json_chunks(data)) == json.dumps(data, ensure_ascii=False)


def test_a_list_and_the_lists_of_a_dict_come_a_few_items_at_a_time() -> None:
    data = {"due": [{"name": "Ana"}, {"name": "Zoë"}], "within": 7}
    assert list(json_chunks(data)) == [
        "{",
        '"due": ',
        "[",
        '{"name": "Ana"}, {"name": "Zoë"}',
        "]",
        ', "within": ',
        "7",
        "}",
    ]
    many = list(range(JSON_ITEMS * 2 + 1))
    pieces = list(json_chunks(many))
    assert len(pieces) == 5  # the brackets, and three pieces of at most JSON_ITEMS items
    assert pieces[2] == ", " + ", ".join(map(str, many[JSON_ITEMS : 2 * JSON_ITEMS]))
    assert "".join(pieces) == json.dumps(many)
