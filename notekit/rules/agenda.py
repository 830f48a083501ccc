"""The days ahead in one list: follow-ups due, dated promises, nudges and moments, day by day.
What is overdue (a follow-up, a promise, a nudge) and a moment of the last few days (a new
role) stand on today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from notekit.core.model import Person
from notekit.core.syntax import plain
from notekit.rules.due import due_report
from notekit.rules.moments import moment_text
from notekit.store.summary import Summary

KINDS = ("due", "promise", "nudge", "moment")  # the order of a day's items


@dataclass(frozen=True)
class Item:
    date: dt.date  # the day it stands on
    kind: str  # due, promise, nudge, moment
    person: Person
    text: str
    since: dt.date  # the day it fell due or happened (before `date` when overdue)


def agenda(vault: Summary, today: dt.date, days: int) -> list[Item]:
    """Everything of the next `days` days, by day, then kind (KINDS), then name."""
    report = due_report(vault, today, days)
    items = [Item(max(f.due, today), "due", f.person, f.why(), f.due) for f in report.due if f.due]
    items += [
        Item(max(t.due, today), "promise", t.person, plain(t.text), t.due) for t in report.tasks
    ]
    items += [Item(max(n.date, today), "nudge", n.person, n.why(), n.date) for n in report.nudges]
    items += [
        Item(max(m.date, today), "moment", m.person, moment_text(m), m.date) for m in report.moments
    ]
    items.sort(key=lambda i: (i.date, KINDS.index(i.kind), i.person.name.casefold(), i.since))
    return items
