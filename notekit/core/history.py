"""Where a person worked or studied (SPEC §3 `history`), read from the forms users write:
`Initech (2014-2017)`, `Initech, Staff Engineer, 2014–2017`, or a mapping `{org: Initech, role:
Staff Engineer, from: 2014, to: 2017}` (`school`, `company`, `organization`, `organisation`
for `org`; `program` for `role`; years or dates)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from notekit.core.model import Stint
from notekit.core.words import folded_words

ORG_KEYS = ("org", "school", "company", "organization", "organisation")
# a time at the end of a text, in the forms people write and profile pages show: `2014-2017`,
# `(2008-2012)`, `2014–`, `2014 - present`, `2011-12`, `(since 2015)`, `until 2020`,
# `class of 2012`, `2015 to 2018`, `2018/19`, `Jan 2018 - Mar 2020 · 2 yrs 3 mos`,
# `03/2018-05/2020`, days `2014-06-02`
_MONTH = (  # a month's name or its abbreviation, never the start of another word (`Decathlon`)
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? "
)
_WHEN = rf"(?:{_MONTH}|\d\d?/)?\d{{4}}(?:-\d\d-\d\d)?"
_YEARS = re.compile(  # on a text of single spaces: each try is short, so a search is linear
    rf"[(,]? ?(?P<word>since |from |until |class of )?(?P<start>(?<![\d/]){_WHEN})"
    rf"(?: ?(?P<to>[-–—/]|to ) ?(?P<end>{_WHEN}|present|now|today|current|\d\d(?!\d))?)?"
    r"(?: ?· ?\d\d? (?:yrs?|mos?)(?: \d\d? mos?)?)? ?\)? ?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\d{4}")
# what stands between an item's org and its role (`Initech, Staff Engineer`, `Initech — Staff
# Engineer`, `Initech | Staff Engineer`): a comma first, else the first of these written
_BETWEEN = (",", " | ", " — ", " – ", " - ", " · ")
_AROUND = " ,(-–—|·"  # what is left of those, and of a bracket, before the years
SHORT_SPAN = 10  # years at most that an end written with two digits (`2011-12`) spans
_WHEN_ALONE = re.compile(_WHEN, re.IGNORECASE)
# what people and LinkedIn write where an org's name goes, naming none (as `org_key`s): nobody
# is "at" it, and two people who were there were not there together
NOT_AN_ORG = frozenset(
    {
        "",
        "freelance",
        "freelancer",
        "self employed",
        "independent",
        "retired",
        "unemployed",
        "between jobs",
        "open to work",
        "stealth",
        "stealth mode",
        "stealth startup",
        "confidential",
        "none",
        "na",
    }
)
_LEGAL = frozenset(  # as `org_key` has them: `S.A.` is `sa`, `GmbH & Co. KG` ends in `kg`
    "inc incorporated ltd limited llc llp plc gmbh kg ag se sa sas sarl bv nv corp corporation "
    "co company oy ab as aps spa srl sro ltda kk pty".split()
)


def read_history(value: Any) -> list[tuple[str, Stint | None]]:
    """Each item of a history value: its text to show (a string as written, a mapping as
    `Role at Org (2014–2017)`) and what it says, read (None when it names no org, `is_org`)."""
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        if item in (None, "") or isinstance(item, list):
            continue
        stint = _stint(item)
        text = _shown(item, stint) if isinstance(item, dict) else " ".join(str(item).split())
        if text:  # `Freelance (2019-2022)` is shown as written, and ties nobody to anybody
            found.append((text, stint if stint is None or is_org(stint.org) else None))
    return found


def is_org(name: str) -> bool:
    """Whether a company or history value names an org: `Self-employed`, `Freelance` or
    `Retired` do not (LinkedIn writes them where a company goes)."""
    return org_key(name) not in NOT_AN_ORG


def _shown(item: dict[Any, Any], stint: Stint | None) -> str:
    """A mapping as text: `Role at Org (2014–2017)`, `(since 2014)`, `(until 2026)`."""
    if stint is None:
        role = next((item[k] for k in item if str(k).lower() in ("role", "program")), "")
        return " ".join(str(role or "").split())
    start, end = stint.start_year, stint.end_year
    years = f"{start}–{end}" if start and end else f"since {start}" if start else ""
    years = years or (f"until {end}" if end else "")
    text = " at ".join(part for part in (stint.role, stint.org) if part)
    return f"{text} ({years})" if years else text


def unreadable(value: Any) -> list[str]:
    """The items of a history value that name no org, as written, for `check` to report."""
    items = value if isinstance(value, list) else [value]
    return [
        " ".join(str(item).split())[:60]
        for item in items
        if item not in (None, "") and _stint(item) is None
    ]


def _stint(item: Any) -> Stint | None:
    if isinstance(item, dict):
        known = {str(k).lower(): v for k, v in item.items() if v not in (None, "")}
        org = next((str(known[k]).strip() for k in ORG_KEYS if k in known), "")
        role = known.get("role") or known.get("program")
        start, start_day = _when(known.get("from"))
        end, _ = _when(known.get("to"))
        return (
            Stint(org, str(role).strip() if role else None, start, end, start_day) if org else None
        )
    if isinstance(item, list):
        return None  # a list within the list: no one item to read
    text = " ".join(str(item).split())
    years = _YEARS.search(text)
    start = end = None
    start_day = None
    if years:
        start, end, start_day = _span(years)
        text = text[: years.start()]
    text = text.strip(_AROUND)
    between = next((s for s in _BETWEEN if s in text), ",")  # the first kind written, in order
    parts = [p.strip() for p in text.split(between) if p.strip()]
    if not parts:
        return None
    return Stint(parts[0], ", ".join(parts[1:]) or None, start, end, start_day)


def _span(found: re.Match[str]) -> tuple[int | None, int | None, dt.date | None]:
    """The first year, the last (None: still there) and the first day of a time `_YEARS`
    found: a year alone is that year; `since` or a dash with nothing after has no end."""
    first = int(_YEAR.findall(found["start"])[0])
    word, closing = (found["word"] or "").strip().lower(), found["end"]
    if word in ("until", "class of"):  # `class of 2012`: left that year
        return None, first, None
    if closing is None:
        return first, None if word or found["to"] else first, _day(found["start"])
    if len(closing) == 2:  # `2011-12`, `1999-00`: the end in the start's century, or the next
        last = first - first % 100 + int(closing)
        last += 100 if last < first else 0
        # `2014-03` is March 2014: a span of years written so is never that long
        end: int | None = last if last - first <= SHORT_SPAN or int(closing) > 12 else first
    else:
        years = _YEAR.findall(closing)
        end = int(years[0]) if years else None  # present, now: still there
    return first, end, _day(found["start"])


def _when(value: Any) -> tuple[int | None, dt.date | None]:
    """A year, or a date (and its year), from a `from`/`to` value: `2014`, `2014-06-02`,
    `Jun 2014`, `06/2014`."""
    if isinstance(value, dt.date):
        return value.year, value
    text = str(value).strip() if value is not None else ""
    match = _WHEN_ALONE.match(text)
    if not match:
        return None, None
    return int(_YEAR.findall(match[0])[0]), _day(text)


_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def _day(text: str) -> dt.date | None:
    if len(text) < 10:
        return None
    match = _DAY.search(text)
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(0))
    except ValueError:
        return None


def _initials_joined(words: list[str]) -> list[str]:
    """Letters written one by one as one word: `S.A.`, `S A` and `SA` are `sa`, `J.P. Morgan`
    is `jp morgan`."""
    joined: list[str] = []
    run = ""
    for word in [*words, ""]:
        if len(word) == 1:
            run += word
            continue
        if run:
            joined.append(run)
            run = ""
        if word:
            joined.append(word)
    return joined


@functools.lru_cache(maxsize=4096)
def org_key(name: str) -> str:
    """An org's name whatever its case, accents and legal suffix: `Initech, Inc.` is
    `initech` (kept per name: a vault names few orgs, each many times)."""
    words = _initials_joined(folded_words(name))
    while len(words) > 1 and words[-1] in _LEGAL:
        words.pop()
    return " ".join(words)
