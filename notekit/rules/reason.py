"""Why write to someone now: one reason per person and day, taken from what happened, in this
order (docs/format.md, "The reason to write"):

1. a reply I owe: their message is the latest thing between us (`due.waiting_on_me`);
2. an open item between us: my promise to them (a dated open task, the most overdue first),
   else their open opportunity (an offer to refer me, a job they told me of);
3. a moment within the week: a birthday, a new role, an anniversary, an event we both attend;
4. a nudge: my latest message went unanswered and nothing has happened between us since, as
   `due` nudges (not once they are given a rest), when it is recent (within their cadence; six
   months without one);
5. a follow-up of our last conversation, when it is recent in the same way;
6. a reconnect after a long silence, or when we were never in touch.

A conversation followed up or named is one we had: a message of mine still waiting for its
answer, or that never had one, is no conversation.

Drafts open with it; nothing here is invented: every reason carries the note line it rests on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from notekit.core.dates import add_cadence, add_days
from notekit.core.model import Interaction, Person
from notekit.core.syntax import MEETINGS
from notekit.rules.contact import cadence_of
from notekit.rules.due import unanswered_outreach, waiting_on_me
from notekit.rules.moments import moments
from notekit.rules.outreach import ANSWERED, outreaches
from notekit.store.summary import Summary

REPLY, PROMISE, OFFER, MOMENT, NUDGE, FOLLOW_UP, RECONNECT = (
    "reply",
    "promise",
    "offer",
    "moment",
    "nudge",
    "follow-up",
    "reconnect",
)
MOMENT_DAYS = 7  # a moment this far ahead is a reason now
RECENT_WITHOUT_CADENCE = 6  # months: a conversation this recent is followed up, not reconnected
SLOW_REPLY_DAYS = 3  # a reply owed for longer is late: the draft says sorry for it


@dataclass(frozen=True)
class Reason:
    """The reason to write: its kind, the day it dates from, what it is about (their message,
    my promise, their offer, the moment, our last conversation) and where the note says so."""

    kind: str
    date: dt.date | None
    text: str
    source: str | None  # `path:line`
    # the channel of the conversation followed up, the opportunity's kind, the moment's kind
    label: str | None = None
    years: int | None = None  # of the moment


def reason_for(
    vault: Summary, person: Person, interactions: list[Interaction], today: dt.date
) -> Reason:
    """The reason to write to `person` today; `interactions`: their note's entries and the
    daily and dated notes that mention them, oldest first. A mention is a conversation as the
    contact it is (SPEC §4): a dated note's is a meeting, a daily note's of no known kind;
    a dated entry of their note without a channel is none."""
    for waiting in waiting_on_me(vault, [person], today):
        if waiting.opportunity is None:
            return Reason(REPLY, waiting.since, waiting.text, waiting.source)
    promises = sorted(
        (t for t in vault.tasks_of(person) if t.due <= add_days(today, 7)),
        key=lambda t: (t.due, t.source, t.line),
    )
    if promises:
        first = promises[0]
        return Reason(PROMISE, first.due, first.text, f"{first.source}:{first.line}")
    offers = [o for o in vault.opportunities.get(person.path, ()) if o.status == "open"]
    if offers:
        latest = max(offers, key=lambda o: o.date)
        return Reason(OFFER, latest.date, latest.text, f"{person.path}:{latest.line}", latest.kind)
    ahead = moments(vault, [person], today, add_days(today, MOMENT_DAYS))
    if ahead:
        first_moment = ahead[0]
        return Reason(
            MOMENT,
            first_moment.date,
            first_moment.what,
            person.path,
            first_moment.kind,
            first_moment.years,
        )
    cadence = cadence_of(person, vault.config)

    def recent(day: dt.date) -> bool:
        if cadence:
            return add_cadence(day, cadence) >= today
        return (today - day).days <= RECENT_WITHOUT_CADENCE * 31

    no_answer = _unanswered(vault, person, today)
    past = [e for e in interactions if e.date <= today and (e.channel or e.kind != "entry")]
    talks = [e for e in past if not (e.direction == "to" and e.date in no_answer)]
    _, nudged = unanswered_outreach(vault, [person], today)  # as `due` nudges, a rest aside
    day = nudged.get(person.path)
    mine = [e for e in past if e.direction == "to" and e.date == day]
    if day is not None and mine and recent(day):
        said = max(mine, key=_latest)
        return Reason(NUDGE, said.date, said.text, _where(said), said.channel)
    if talks:
        talk = max(talks, key=_latest)
        kind = FOLLOW_UP if recent(talk.date) else RECONNECT
        label = talk.channel or ("meeting" if talk.meeting else None)
        return Reason(kind, talk.date, talk.text, _where(talk), label)
    return Reason(RECONNECT, None, "", None)


def _latest(entry: Interaction) -> tuple[dt.date, bool, int]:
    """Latest first; on one day, what says what kind of conversation it was (a channel, a
    meeting note) before a mention that does not."""
    return entry.date, bool(entry.channel or entry.meeting), entry.line or 0


def _where(entry: Interaction) -> str:
    return f"{entry.source}:{entry.line}" if entry.line else entry.source


def _unanswered(vault: Summary, person: Person, today: dt.date) -> dict[dt.date, str]:
    """The days of my messages to the person still without an answer, each with its status
    (unanswered, or pending while the reply window is open)."""
    found = outreaches(vault.touches_of(person), vault.config.reply_days, today)
    return {o.date: o.status for o in found if o.status != ANSWERED}


def conversation(channel: str | None) -> str:
    """The kind of a past conversation of this channel, as the draft templates name it:
    `coffee`, `lunch`, `dinner`, `call`, `meeting`, else `exchange` (of messages)."""
    if channel in ("coffee", "lunch", "dinner"):
        return channel
    if channel in ("call", "phone", "video"):
        return "call"
    if channel in MEETINGS:
        return "meeting"
    return "exchange"
