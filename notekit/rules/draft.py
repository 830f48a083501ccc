"""What a reconnect message can say, taken only from the person's note and `[me]`: the reason to
write now (rules/reason.py), one shared memory told to them, where they are now, something to
offer and open questions. The words around these facts are the templates' (site/drafts.py);
nothing here is invented, and what the note lacks is named so that the user can add it.

A memory is told to the person (`he played piano` becomes `you played piano`); a memory that
names another person of the vault is never used (it may be theirs to tell), nor is anything
outside the memories and `context`; a channel or a date alone is never a memory."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from notekit.core.model import Interaction, Person
from notekit.core.syntax import TASK_DUE, one_line
from notekit.read.parse import Section
from notekit.rules.reason import FOLLOW_UP, RECONNECT, Reason, conversation, reason_for
from notekit.rules.views import plain
from notekit.store.reading import NoteParts
from notekit.store.summary import Summary

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
_LOWER_START = frozenset(
    {"the", "a", "an", "our", "your", "that", "this", "those", "these", "my", "when", "all"}
)
# the person's pronouns, told to them: `he played` -> `you played`, `his talk` -> `your talk`;
# `her` is `your` before a word it qualifies, else `you` (`taught her`, `with her.`)
_TO_YOU = {
    "she": "you",
    "he": "you",
    "they": "you",
    "him": "you",
    "his": "your",
    "their": "your",
    "theirs": "yours",
    "hers": "yours",
    "himself": "yourself",
    "herself": "yourself",
    "themselves": "yourself",
}
_PRONOUN = re.compile(
    r"\b(" + "|".join([*_TO_YOU, "her"]) + r")\b(\s+[\"'‘“(]?\w+)?", re.IGNORECASE
)
# the verb after a subject made `you`: `you was` -> `you were`
_AGREE = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't"}
_NOT_QUALIFIED = frozenset(
    {"to", "and", "or", "at", "for", "with", "in", "on", "about", "from", "of", "that", "when"}
)


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
    reason: Reason
    memory: str | None  # a clause: "the 2016 outage…", "how you taught me to climb…"
    memory_short: str | None  # its first part, for short channels
    news: str | None  # a recent job change: "Staff Engineer at Globex"
    role: str | None
    company: str | None
    offer: Offer
    questions: list[str]
    goal: str | None
    me_name: str | None
    today: dt.date
    missing: list[str] = field(default_factory=list)
    # where each text a template may use comes from (`path:line`, or the file alone): keyed by
    # the template's name for it; the questions' in their order
    sources: dict[str, str | None] = field(default_factory=dict)
    question_sources: tuple[str | None, ...] = ()

    @property
    def enough(self) -> bool:
        """Whether there is something true and specific to write about."""
        return self.reason.kind != RECONNECT or bool(self.memory or self.questions)

    @property
    def their_message(self) -> str | None:
        """The message of theirs I owe a reply, as a draft names it: `your message in October`.
        Its words are not quoted back: a note may hold my own summary of it."""
        if self.reason.kind != "reply" or self.reason.date is None:
            return None
        return f"your message {_when(self.reason.date, self.today)}"

    @property
    def last_talk(self) -> str | None:
        """The last conversation, as a draft names it: `our coffee in November`."""
        if self.reason.kind not in (FOLLOW_UP, RECONNECT) or self.reason.date is None:
            return None
        return f"{conversation(self.reason.label)} {_when(self.reason.date, self.today)}"

    @property
    def promise(self) -> str | None:
        """My promise to them, told to them: `send Priya my CV` -> `here is my CV`."""
        if self.reason.kind != "promise":
            return None
        return _delivered(self.reason.text, self.person)


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
    note: NoteParts,
    entries: list[Interaction],
    vault: Summary,
    today: dt.date,
    channel: str | None = None,
    goal: str | None = None,
) -> DraftFacts:
    """The facts of a draft to `person`: `note` and `entries` are their note's own."""

    def at(name: str) -> str | None:
        line = note.field_lines.get(name)
        return f"{person.path}:{line}" if line else None

    others = _other_names(vault, person)
    memory, source, told = _memory(person, note.sections, others, at)
    news = news_from = None
    if person.news and (today - person.news[0]).days <= NEWS_DAYS:
        news = one_line(person.news[1].split(" (was ")[0])
        news_from = _entry_of(entries, person.news[0], person.news[1])
    interests = [plain(i) for i in person.interests]
    projects = [plain(p) for p in person.projects]
    offer = (
        Offer("article", interests[0])
        if interests
        else Offer("intro", person.company)
        if person.company
        else Offer("help")
    )
    reason = reason_for(vault, person, entries, today)
    moment_from = {"birthday": at("birthday"), "new role": news_from}.get(reason.label or "")
    questions = _questions(
        person,
        interests,
        projects,
        news,
        {
            "news": news_from,
            **{key: at(key) for key in ("projects", "role", "company", "interests")},
        },
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
        reason=reason,
        memory=memory,
        memory_short=_short(memory) if memory else None,
        news=news,
        role=person.role,
        company=person.company,
        offer=offer,
        questions=[text for text, _ in questions],
        goal=(goal or (person.goals[0] if person.goals else None)),
        me_name=vault.config.me_name,
        today=today,
        missing=missing,
        sources={
            "name": at("name") or person.path,
            "reason": (moment_from or reason.source) if reason.kind == "moment" else reason.source,
            "memory": source,
            "news": news_from,
            "role": at("role"),
            "company": at("company"),
            "offer": at("interests") if offer.kind == "article" else at("company"),
            "me_name": "notekit.toml" if vault.config.me_name else None,
        },
        question_sources=tuple(where for _, where in questions),
    )


def _memory(
    person: Person,
    sections: list[Section],
    others: frozenset[str],
    at: Callable[[str], str | None],
) -> tuple[str | None, str | None, bool]:
    """The first item under `## Memories` that names no one else of the vault, else the first
    such `memories` value, else how we know each other (`context`) when it is told as a clause
    (`we shipped the Interac integration together`, not `Initech QA`); with where it was found,
    and whether it is a memory the note tells (`context` only stands in for one)."""
    for part in sections:
        if part.heading.strip().lower() in MEMORY_HEADINGS:
            for offset, line in enumerate(part.text.split("\n"), start=1):
                item = _ITEM.match(line)
                text = plain(item.group(1)).strip() if item else ""
                if text and not _names_another(text, others):
                    return _clause(text), f"{person.path}:{part.line + offset}", True
    for memory in person.memories:
        if not _names_another(plain(memory), others):
            return _clause(plain(memory)), at("memories") or person.path, True
    context = plain(person.context or "")
    told = context.split(" ", 1)[0].lower() in _SUBJECT_START  # `we shipped…`: a clause
    if told and not _names_another(context, others):
        return _clause(context), at("context") or person.path, False
    return None, None, False


def _entry_of(entries: list[Interaction], day: dt.date, text: str) -> str | None:
    """Where the note logs what happened that day in these words (a job change an import
    logged)."""
    for entry in entries:
        if entry.date == day and entry.line and text in entry.text:
            return f"{entry.source}:{entry.line}"
    return None


def _other_names(vault: Summary, person: Person) -> frozenset[str]:
    """The names, first names and aliases of the vault's other people, folded: a memory that
    names one of them may be theirs to tell."""
    found: set[str] = set()
    for other in vault.people:
        if other.path == person.path:
            continue
        for name in (other.name, *other.aliases):
            found.add(name.casefold())
            if len(first := name.split()[0] if name.split() else "") > 2:
                found.add(first.casefold())
    mine = {person.name.casefold(), *(a.casefold() for a in person.aliases)}
    mine |= {n.split()[0] for n in mine if n.split()}
    return frozenset(found - mine)


def _names_another(text: str, others: frozenset[str]) -> bool:
    """Whether `text` names one of `others` as a capitalised word or words, or links to one."""
    if "[[" in text:
        return True
    words = re.findall(r"[^\W\d_][\w'-]*", text)
    capitalised = [w for w in words if w[0].isupper()]
    if any(w.casefold() in others for w in capitalised):
        return True
    pairs = (f"{a} {b}".casefold() for a, b in zip(words, words[1:], strict=False))
    return any(pair in others for pair in pairs)


def _clause(text: str) -> str:
    """A memory as written, made to follow "I was thinking about" and told to the person:
    "She taught me to climb." becomes "how you taught me to climb", "The outage…" becomes "the
    outage…", "Teaching him dbt" becomes "teaching you dbt"."""
    text = _told_to_them(one_line(text).strip())
    if not re.search(r"\b\w\.\w\.$", text):  # `3 a.m.` keeps its dots
        text = text.rstrip(".!")
    first, _, rest = text.partition(" ")
    word = first.lower()
    if rest.split(" ", 1)[0].lower() in ("me", "us") and word not in _SUBJECT_START:
        return f"how you {word} {rest}"  # `Gave me the advice`: they did it
    if word in _SUBJECT_START:
        return f"how {first if first == 'I' else word}" + (" " + rest if rest else "")
    if word in _LOWER_START or (word.endswith("ing") and len(word) > 4 and first[1:].islower()):
        return word + (" " + rest if rest else "")
    return text


def _told_to_them(text: str) -> str:
    """The person's pronouns made `you` and `your`, and the verb after a subject made to
    agree."""

    def replace(match: re.Match[str]) -> str:
        pronoun, after = match.group(1), match.group(2) or ""
        lower = pronoun.lower()
        if lower == "her":
            qualified = after.strip().lstrip("\"'‘“(").lower()
            said = "you" if not qualified or qualified in _NOT_QUALIFIED else "your"
        else:
            said = _TO_YOU[lower]
        if said == "you" and lower in ("she", "he", "they"):
            verb = after.strip().lower()
            after = after.replace(after.strip(), _AGREE.get(verb, after.strip())) if verb else after
        return (said.capitalize() if pronoun[0].isupper() else said) + after

    return _PRONOUN.sub(replace, text)


def _when(day: dt.date, today: dt.date) -> str:
    """`in November` this year, `back in 2021` before."""
    return f"in {day:%B}" if day.year == today.year else f"back in {day.year}"


def _delivered(task: str, person: Person) -> str:
    """A promise of mine, as the message that keeps it says it: `send Priya my CV` -> `here is
    my CV`; any other task told with `you` for them (`call Ben back` -> `call you back`)."""
    text = " ".join(TASK_DUE.sub("", plain(task)).split()).rstrip(".")
    names = sorted({person.name, *person.aliases, _first_name(person.name)}, key=len, reverse=True)
    for name in names:
        text = re.sub(rf"\b{re.escape(name)}\b", "you", text)
    sent = re.match(r"(?i)(?:send|share|forward|email|mail)\s+(?:to\s+)?(?:you\s+)?(.+)", text)
    if sent:
        return f"here is {sent.group(1)}"
    return f"I wanted to {text[:1].lower()}{text[1:]}"


def _short(clause: str) -> str:
    """The memory up to its first colon, dash or semicolon: enough for a short message."""
    found = _BREAK.search(clause)
    cut = clause[: found.start()].rstrip() if found else clause
    return cut if len(cut) >= 12 else clause


def _questions(
    person: Person,
    interests: list[str],
    projects: list[str],
    news: str | None,
    where: dict[str, str | None],
) -> list[tuple[str, str | None]]:
    """One or two open questions (never yes/no), each with where it comes from (`where`: the
    line of the news and of each field): their work first, then an interest that the offer
    does not already name."""
    asked: list[tuple[str, str | None]] = []
    role, company = person.role, person.company
    if news:  # the role field may not say it yet
        asked.append(
            ("How is the new role treating you, and what are you most focused on?", where["news"])
        )
    elif projects:
        asked.append(
            (
                f"How is {projects[0]} coming along, and what has surprised you so far?",
                where["projects"],
            )
        )
    elif role:  # the company is named beside it already
        asked.append((f"What are you most focused on as {role} these days?", where["role"]))
    elif company:
        asked.append((f"What are you working on at {company} these days?", where["company"]))
    topic = interests[1] if len(interests) > 1 else interests[0] if interests else None
    if topic:
        asked.append((f"What has been keeping you busy with {topic} lately?", where["interests"]))
    return asked[:2]


def _first_name(name: str) -> str:
    """What to call them: the first word of the name as the note gives it."""
    return name.split()[0] if name.split() else name
