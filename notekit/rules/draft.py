"""What a reconnect message can say, taken only from the person's note and `[me]`: one shared
memory, where they are now, something to offer and open questions. The words around these facts
are the templates' (site/drafts.py); nothing here is invented, and what the note lacks is
named so that the user can add it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from notekit.core.model import Interaction, Person
from notekit.core.syntax import one_line
from notekit.read.config import Config
from notekit.read.parse import Section
from notekit.rules.views import plain

CHANNELS = ("email", "linkedin", "message")
# the channels a note may name, by the kind of draft that fits them
_DRAFT_FOR = {
    "email": "email",
    "e-mail": "email",
    "mail": "email",
    "linkedin": "linkedin",
    **dict.fromkeys(
        ("message", "text", "sms", "whatsapp", "signal", "telegram", "slack", "phone"), "message"
    ),
}
MEMORY_HEADINGS = ("memories", "shared memories", "memory")
NEWS_DAYS = 365  # a job change this recent is worth congratulating
_BREAK = re.compile(r":|;| — | – | - ")  # where a memory's first part ends
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[.\]\s+)?(.+)$")
_SUBJECT_START = frozenset({"we", "she", "he", "they", "you", "i"})
_LOWER_START = frozenset({"the", "a", "an", "our", "that", "this", "those", "these", "my"})
# third person to second, inside a memory told as "how you …"
_TO_YOU = {"she": "you", "he": "you", "they": "you", "her": "your", "his": "your", "him": "you"}
_TO_YOU_WORD = re.compile(r"\b(" + "|".join(_TO_YOU) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Offer:
    """What I can give: an article on one of their interests, an intro, or help."""

    kind: str  # "article", "intro", "help"
    topic: str | None = None


@dataclass(frozen=True)
class DraftFacts:
    """Everything a draft template may use; every text comes from the note or the config."""

    person: Person
    channel: str
    first_name: str
    memory: str | None  # a clause: "the 2016 outage…", "how you taught me to climb…"
    memory_short: str | None  # its first part, for short channels
    memory_from: str | None  # the note's line it comes from: "People/Ana.md:17"
    news: str | None  # a recent job change: "Staff Engineer at Globex"
    role: str | None
    company: str | None
    offer: Offer
    questions: list[str]
    goal: str | None
    me_name: str | None
    missing: list[str] = field(default_factory=list)

    @property
    def enough(self) -> bool:
        """Whether there is something true and specific to write about."""
        return bool(self.memory or self.questions)


def draft_channel(person: Person, asked: str | None) -> str:
    """The channel to draft for: the one asked, else the note's own, else the address there is."""
    if asked:
        return asked
    kind = _DRAFT_FOR.get((person.channel or "").strip().lower())
    if kind and (kind != "email" or person.emails):
        return kind
    if person.emails:
        return "email"
    return "linkedin" if person.linkedin else "message"


def draft_facts(
    person: Person,
    sections: list[Section],
    entries: list[Interaction],
    config: Config,
    today: dt.date,
    channel: str | None = None,
    goal: str | None = None,
) -> DraftFacts:
    """The facts of a draft to `person`: `sections` and `entries` are their note's own."""
    memory, source, told = _memory(person, sections, entries, today)
    news = None
    if person.news and (today - person.news[0]).days <= NEWS_DAYS:
        news = one_line(person.news[1].split(" (was ")[0])
    interests = [plain(i) for i in person.interests]
    projects = [plain(p) for p in person.projects]
    offer = (
        Offer("article", interests[0])
        if interests
        else Offer("intro", person.company)
        if person.company
        else Offer("help")
    )
    missing = []
    if not told:
        missing.append("a shared memory (a line under `## Memories`)")
    if not interests:
        missing.append("their interests (`interests:`)")
    if not (person.role or person.company):
        missing.append("their current role (`role:` and `company:`)")
    return DraftFacts(
        person=person,
        channel=draft_channel(person, channel),
        first_name=_first_name(person.name),
        memory=memory,
        memory_short=_short(memory) if memory else None,
        memory_from=source,
        news=news,
        role=person.role,
        company=person.company,
        offer=offer,
        questions=_questions(person, interests, projects, news),
        goal=(goal or (person.goals[0] if person.goals else None)),
        me_name=config.me_name,
        missing=missing,
    )


def _memory(
    person: Person, sections: list[Section], entries: list[Interaction], today: dt.date
) -> tuple[str | None, str | None, bool]:
    """The first item under `## Memories`, else the first `memories` value, else the earliest
    logged interaction (as "our coffee back in 2019"); with where it was found, and whether
    it is a memory the note tells (the earliest entry is only a stand-in)."""
    for part in sections:
        if part.heading.strip().lower() in MEMORY_HEADINGS:
            for offset, line in enumerate(part.text.split("\n"), start=1):
                if (item := _ITEM.match(line)) and plain(item.group(1)).strip():
                    where = f"{person.path}:{part.line + offset}"
                    return _clause(plain(item.group(1))), where, True
    if person.memories:
        return _clause(plain(person.memories[0])), person.path, True
    past = [e for e in entries if e.date <= today]
    if past:
        first = min(past, key=lambda e: e.date)
        what = first.channel or "conversation"
        when = (
            "earlier this year" if first.date.year == today.year else f"back in {first.date.year}"
        )
        where = f"{first.source}:{first.line}" if first.line else first.source
        return f"our {what} {when}", where, False
    return None, None, False


def _clause(text: str) -> str:
    """A memory as written, made to follow "I was thinking about": "She taught me to climb."
    becomes "how you taught me to climb", "The outage…" becomes "the outage…"."""
    text = one_line(text).strip().rstrip(".!")
    first, _, rest = text.partition(" ")
    word = first.lower()
    if word in _SUBJECT_START:
        if word in _TO_YOU:
            text = _TO_YOU_WORD.sub(lambda m: _TO_YOU[m.group(1).lower()], text)
        else:
            text = word + (" " + rest if rest else "") if first != "I" else text
        return f"how {text}"
    if word in _LOWER_START:
        return word + (" " + rest if rest else "")
    return text


def _short(clause: str) -> str:
    """The memory up to its first colon, dash or semicolon: enough for a short message."""
    found = _BREAK.search(clause)
    cut = clause[: found.start()].rstrip() if found else clause
    return cut if len(cut) >= 12 else clause


def _questions(
    person: Person, interests: list[str], projects: list[str], news: str | None
) -> list[str]:
    """One or two open questions (never yes/no): their work first, then an interest that the
    offer does not already name."""
    asked: list[str] = []
    role, company = person.role, person.company
    if news:  # the role field may not say it yet
        asked.append("How is the new role treating you, and what are you most focused on?")
    elif projects:
        asked.append(f"How is {projects[0]} coming along, and what has surprised you so far?")
    elif role:  # the company is named beside it already
        asked.append(f"What are you most focused on as {role} these days?")
    elif company:
        asked.append(f"What are you working on at {company} these days?")
    topic = interests[1] if len(interests) > 1 else interests[0] if interests else None
    if topic:
        asked.append(f"What has been keeping you busy with {topic} lately?")
    return asked[:2]


def _first_name(name: str) -> str:
    """What to call them: the first word of the name as the note gives it."""
    return name.split()[0] if name.split() else name
