"""Outreach and its answer (SPEC §4), for `due`'s nudges and for `stats`.

An *outreach* is a `to:` entry that does not itself answer a `from:` entry of the `reply_days`
before it. It is *answered* when a `from:` entry or a meeting follows within `reply_days` (the
same day counts), *unanswered* once that window has passed without one, *pending* while it is
open. Only days are known, so a `from:` on the day of a `to:` is read as its answer.

Where the thread is known (`email from (re 2026-11-01):`, written by `import mail`), it says
more than the days: their message in the thread answers my message of that day however late it
came, and my message that answers one of theirs (`to (re …)`) is no outreach however long I
took, and their message in the thread of one of mine answers no other message of mine
(a `to:` on the day they answered an older one started another thread).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from notekit.core.dates import add_days
from notekit.core.model import Touch

ANSWERED, UNANSWERED, PENDING = "answered", "unanswered", "pending"


@dataclass(frozen=True)
class Outreach:
    date: dt.date
    status: str  # answered, unanswered, pending
    answered_on: dt.date | None = None


def outreaches(touches: Sequence[Touch], reply_days: int, today: dt.date) -> list[Outreach]:
    """The person's outreaches up to today, oldest first, each with its status as of today
    (`touches` sorted by date)."""
    theirs = [t.date for t in touches if t.direction == "from"]
    answers = [t for t in touches if t.direction == "from" or t.meeting]
    answer_days = [t.date for t in answers]
    by_thread: dict[dt.date, dt.date] = {}  # my message's day -> their first answer in its thread
    for t in touches:
        if t.direction == "from" and t.reply_to is not None and t.date <= today:
            by_thread.setdefault(t.reply_to, t.date)
    found = []
    for touch in touches:
        if touch.direction != "to" or touch.date > today or touch.reply_to is not None:
            continue
        before = bisect.bisect_left(theirs, add_days(touch.date, -reply_days))
        if before < len(theirs) and theirs[before] < touch.date:
            continue  # my answer to their message, not an outreach
        in_window = _answer_within(answers, answer_days, touch.date, reply_days, today)
        window = add_days(touch.date, reply_days)
        threaded = by_thread.get(touch.date)
        if in_window is not None or threaded is not None:
            found.append(Outreach(touch.date, ANSWERED, min(d for d in (in_window, threaded) if d)))
        elif window < today:
            found.append(Outreach(touch.date, UNANSWERED))
        else:
            found.append(Outreach(touch.date, PENDING))
    return found


def _answer_within(
    answers: Sequence[Touch],
    days: Sequence[dt.date],
    sent: dt.date,
    reply_days: int,
    today: dt.date,
) -> dt.date | None:
    """The day of the first answer to my message of `sent` within `reply_days` (and not after
    today), skipping their messages that the thread gives to another of my messages."""
    last = min(add_days(sent, reply_days), today)
    for answer in answers[bisect.bisect_left(days, sent) :]:
        if answer.date > last:
            return None
        if answer.meeting or answer.reply_to in (None, sent):
            return answer.date
    return None


def unanswered_in_a_row(touches: Sequence[Touch], found: Sequence[Outreach]) -> int:
    """My latest outreaches left unanswered, with no word from them (or meeting) since the
    first of them; a pending one at the end does not break the row."""
    heard = max((t.date for t in touches if t.direction == "from" or t.meeting), default=None)
    row = 0
    for outreach in reversed(found):
        if outreach.status == PENDING and row == 0:
            continue
        if outreach.status != UNANSWERED or (heard is not None and heard >= outreach.date):
            break
        row += 1
    return row
