"""A touch as one int, as the kept summary holds it: day, direction and meeting packed so that
ten thousand people's touches load at once and sort by day. Only the store packs and unpacks;
the rules ask the Summary's named queries (`touches_of`, `sent_on`, `wrote_last`,
`last_answer`)."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

from notekit.core.model import Interaction, Touch

_DIRECTION_CODES = (None, "from", "to")
_CODE_OF = {direction: code for code, direction in enumerate(_DIRECTION_CODES)}
_DAYS: dict[int, dt.date] = {}


def pack_touch(touch: Touch | Interaction) -> int:
    """A touch as one int (day, direction, meeting): a tenth of the bytes of a tuple."""
    return touch.date.toordinal() << 3 | _CODE_OF[touch.direction] << 1 | touch.meeting


def unpack_touch(value: int) -> Touch:
    return Touch(_day(value >> 3), _DIRECTION_CODES[(value >> 1) & 3], bool(value & 1))


def sent(value: int) -> bool:
    """Whether a packed touch is my outreach (`to:`)."""
    return (value >> 1) & 3 == 2


def answers(value: int) -> bool:
    """Whether a packed touch is their message (`from:`) or a meeting."""
    return (value >> 1) & 3 == 1 or bool(value & 1)


def between(packed: Sequence[int], since: dt.date | None, before: dt.date | None) -> Sequence[int]:
    """The packed touches from `since` on and before `before` (either open)."""
    low = bisect.bisect_left(packed, since.toordinal() << 3) if since else 0
    high = bisect.bisect_left(packed, before.toordinal() << 3) if before else len(packed)
    return packed[low:high]


def _day(ordinal: int) -> dt.date:
    found = _DAYS.get(ordinal)
    if found is None:
        found = _DAYS[ordinal] = dt.date.fromordinal(ordinal)
    return found
