"""The facts every rule starts from (SPEC §4): a person's last contact and cadence, and when I
last heard from them."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Sequence

from notekit.core.model import Cadence, Person
from notekit.read.config import Config
from notekit.rules.outreach import ANSWERED, outreaches
from notekit.store.summary import Summary


def last_contact(person: Person, dates: Sequence[dt.date], today: dt.date) -> dt.date | None:
    """The latest of the front-matter date and every interaction on or before today (`dates`:
    of every interaction, sorted)."""
    before = bisect.bisect_right(dates, today)
    latest = dates[before - 1] if before else None
    written = person.fm_last_contact
    if written and written <= today and (latest is None or written > latest):
        return written
    return latest


def last_heard(person: Person, vault: Summary, today: dt.date) -> dt.date | None:
    """The latest interaction on or before today that is not a message of mine still waiting
    for its answer (SPEC §4): how fresh the tie is. A day of such a message counts only when
    they wrote or we met that day too. The cadence counts every interaction (`last_contact`)."""
    dates = vault.contact_dates_of(person)
    last = last_contact(person, dates, today)
    if last is None or not vault.sent_on(person, last):
        return last
    touches = vault.touches_of(person)
    waiting = {
        o.date for o in outreaches(touches, vault.config.reply_days, today) if o.status != ANSWERED
    } - {t.date for t in touches if t.direction == "from" or t.meeting}
    before = dates[: bisect.bisect_right(dates, today)]
    written = [person.fm_last_contact] if person.fm_last_contact else []
    heard = [day for day in [*before, *written] if day <= today and day not in waiting]
    return max(heard, default=None)


def cadence_of(person: Person, config: Config) -> Cadence | None:
    """The person's own cadence, else that of the first `[cadence.tags]` rule one of their
    tags (or a segment of a nested tag) matches, else the default."""
    if person.fm_cadence:
        return person.fm_cadence
    if config.cadence_tags and person.tags:
        ranks = _tag_ranks(config.cadence_tags)
        found = None
        for tag in person.tags:
            lowered = tag.lower()
            for segment in lowered.split("/") + [lowered] if "/" in lowered else (lowered,):
                rank = ranks.get(segment)
                if rank is not None and (found is None or rank < found):
                    found = rank
        if found is not None:
            return found[1]
    return config.default_cadence


@functools.lru_cache(maxsize=8)
def _tag_ranks(rules: tuple[tuple[str, Cadence], ...]) -> dict[str, tuple[int, Cadence]]:
    """Each tag of the rules with its rule's position: the first rule wins."""
    ranks: dict[str, tuple[int, Cadence]] = {}
    for position, (tag, cadence) in enumerate(rules):
        ranks.setdefault(tag, (position, cadence))
    return ranks
