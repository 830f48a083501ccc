"""A touch packed into one int (notekit.store.packed) reads back as it was, and the ints sort
as the touches do: by day, then direction (none, `from`, `to`) and meeting."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from notekit.core.model import Touch
from notekit.store.packed import between, pack_touch, unpack_touch

DAYS = st.dates(dt.date(1600, 1, 1), dt.date(2200, 1, 1))
FARTHEST = (1 << 17) - 2  # days back to a message answered that a packed touch can hold
BACKS = st.none() | st.integers(0, 40_000) | st.integers(FARTHEST - 2, FARTHEST + 2)
TOUCHES = st.builds(
    lambda day, direction, meeting, back: Touch(
        day, direction, meeting, None if back is None else day - dt.timedelta(days=back)
    ),
    DAYS,
    st.sampled_from([None, "to", "from"]),
    st.booleans(),
    BACKS,
)


@given(TOUCHES)
def test_a_packed_touch_reads_back_as_it_was(touch: Touch) -> None:
    """Farther back than 358 years the day answered is dropped, never spilled into the rest."""
    back = None if touch.reply_to is None else (touch.date - touch.reply_to).days
    kept = touch if back is None or back <= FARTHEST else touch._replace(reply_to=None)
    assert unpack_touch(pack_touch(touch)) == kept


@given(st.lists(TOUCHES, max_size=30), DAYS, DAYS)
def test_packed_touches_sort_and_cut_by_day(
    touches: list[Touch], since: dt.date, before: dt.date
) -> None:
    packed = sorted(map(pack_touch, touches))
    order = [(t.date, t.direction or "", t.meeting) for t in map(unpack_touch, packed)]
    assert order == sorted((t.date, t.direction or "", t.meeting) for t in touches)
    cut = [unpack_touch(v).date for v in between(packed, since, before)]
    assert cut == sorted(t.date for t in touches if since <= t.date < before)
