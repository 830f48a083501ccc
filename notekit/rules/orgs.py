"""Where people were, and when we were there together (SPEC §3 `history`, `[me]`, `[orgs]`):
orgs compared without case, accents or legal suffix, and through the config's aliases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from notekit.core.history import org_key, read_history
from notekit.core.model import Person, Stint
from notekit.read.config import Config


@dataclass(frozen=True)
class At:
    """A time of a person at an org: from their history, or their current company."""

    org: str
    role: str | None
    start: int | None
    end: int | None  # None: still there (or not known, when `start` is None too)
    overlap: tuple[int, int] | None  # the years we were both there


def org_matcher(config: Config) -> Callable[[str], str]:
    """An org's key, its `[orgs]` aliases leading to the name they stand for."""
    aliases = {org_key(alias): org_key(name) for name, found in config.orgs for alias in found}
    aliases.update({org_key(name): org_key(name) for name, _ in config.orgs})
    return lambda name: aliases.get(org_key(name), org_key(name))


def names_org(asked: str, key: str) -> bool:
    """Whether an org asked for by its key (`brightwave`) names the org of `key` (`brightwave
    analytics`): the same, or every word of it a word of the org's name."""
    return asked == key or (bool(asked) and set(asked.split()) <= set(key.split()))


def my_stints(config: Config) -> tuple[Stint, ...]:
    return tuple(stint for _, stint in read_history(list(config.me_history)) if stint)


def overlap(
    stint: Stint, mine: tuple[Stint, ...], key: Callable[[str], str], year: int
) -> tuple[int, int] | None:
    """The years both `stint` and one of my own at the same org cover (an open end is this
    year); None when they do not meet or a start is not known."""
    if stint.start_year is None:
        return None
    best = None
    for own in mine:
        if own.start_year is None or key(own.org) != key(stint.org):
            continue
        start = max(stint.start_year, own.start_year)
        end = min(stint.end_year or year, own.end_year or year)
        if start <= end and (best is None or end - start > best[1] - best[0]):
            best = (start, end)
    return best


def times_at(person: Person, org: str, config: Config, today: dt.date) -> list[At]:
    """The person's times at `org`: each history item there, and their current company."""
    key = org_matcher(config)
    wanted = key(org)
    mine = my_stints(config)
    found = [
        At(s.org, s.role, s.start_year, s.end_year, overlap(s, mine, key, today.year))
        for s in person.known_stints
        if names_org(wanted, key(s.org))
    ]
    if (
        person.company
        and names_org(wanted, key(person.company))
        and not any(a.end is None and a.start for a in found)
    ):
        found.append(At(person.company, person.role, None, None, None))
    return found


def history_lines(person: Person, config: Config, today: dt.date) -> list[str]:
    """The person's history as written, each with the years we overlapped, if we did."""
    key = org_matcher(config)
    mine = my_stints(config)
    lines = []
    for text, stint in zip(person.history, person.stints, strict=True):
        both = overlap(stint, mine, key, today.year) if stint else None
        lines.append(f"{text} — overlapped {both[0]}–{both[1]}" if both else text)
    return lines
