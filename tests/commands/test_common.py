"""What every command shares: JSON written in pieces, byte for byte what `json.dumps` writes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from notekit.commands.common import json_chunks

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


def test_a_list_and_the_lists_of_a_dict_come_an_item_at_a_time() -> None:
    data = {"due": [{"name": "Ana"}, {"name": "Zoë"}], "within": 7}
    assert list(json_chunks(data)) == [
        "{",
        '"due": ',
        "[",
        '{"name": "Ana"}',
        ', {"name": "Zoë"}',
        "]",
        ', "within": ',
        "7",
        "}",
    ]
