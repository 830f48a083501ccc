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
# from the highest bits: the day's ordinal, the direction (2 bits), meeting (1), and the days
# back to the message it answers by thread plus one, 0 for none (17 bits: 358 years); so the
# ints sort by day, then as the tuples (day, direction, meeting) would
_BACK_BITS = 17
_MEETING = 1 << _BACK_BITS
_DIRECTION_SHIFT = _BACK_BITS + 1
_DAY_SHIFT = _DIRECTION_SHIFT + 2


def pack_touch(touch: Touch | Interaction) -> int:
    """A touch as one int (day, direction, meeting, the day it answers): a tenth of the bytes
    of a tuple."""
    back = 0 if touch.reply_to is None else (touch.date - touch.reply_to).days + 1
    if not 0 < back < 1 << _BACK_BITS:
        back = 0
    return (
        touch.date.toordinal() << _DAY_SHIFT
        | _CODE_OF[touch.direction] << _DIRECTION_SHIFT
        | (_MEETING if touch.meeting else 0)
        | back
    )


def unpack_touch(value: int) -> Touch:
    day = _day(value >> _DAY_SHIFT)
    back = value & (_MEETING - 1)
    reply_to = _day(day.toordinal() - back + 1) if back else None
    return Touch(day, _direction(value), bool(value & _MEETING), reply_to)


def _direction(value: int) -> str | None:
    return _DIRECTION_CODES[(value >> _DIRECTION_SHIFT) & 3]


def sent(value: int) -> bool:
    """Whether a packed touch is a message of mine (`to:`)."""
    return _direction(value) == "to"


def answers(value: int) -> bool:
    """Whether a packed touch is their message (`from:`) or a meeting."""
    return _direction(value) == "from" or bool(value & _MEETING)


def between(packed: Sequence[int], since: dt.date | None, before: dt.date | None) -> Sequence[int]:
    """The packed touches from `since` on and before `before` (either open)."""
    low = bisect.bisect_left(packed, since.toordinal() << _DAY_SHIFT) if since else 0
    high = bisect.bisect_left(packed, before.toordinal() << _DAY_SHIFT) if before else len(packed)
    return packed[low:high]


def _day(ordinal: int) -> dt.date:
    found = _DAYS.get(ordinal)
    if found is None:
        found = _DAYS[ordinal] = dt.date.fromordinal(ordinal)
    return found
