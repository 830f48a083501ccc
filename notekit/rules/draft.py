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
from typing import NamedTuple

from notekit.core.history import is_org
from notekit.core.model import Interaction, NoteParts, Person, Section
from notekit.core.names import given_name
from notekit.core.syntax import LIST_ITEM, TASK_BOX, WIKILINK, one_line, plain
from notekit.read.config import Config
from notekit.rules.reason import FOLLOW_UP, NUDGE, RECONNECT, Reason, conversation, reason_for
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
MEMORY_HEADINGS = (
    "memories",
    "shared memories",
    "memory",
    "souvenirs",
    "souvenirs partagés",
    "souvenirs communs",
)
RECENT_ROLE_DAYS = 365  # a job change this recent is still news a draft congratulates on
_BREAK = re.compile(r":|;| — | – | - ")  # where a memory's first part ends
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
# after these `her` is `you` whatever follows: `helped her move`, `made her laugh`
_HER_DOES = frozenset(
    "help helped helps helping let lets letting make made makes making watch watched watching "
    "see saw seen seeing hear heard hearing get got getting".split()
)
# a memory that starts with one of these did it with no subject: we did (`Talked for hours
# about Dune` is "how we talked for hours about Dune")
_WE_DID = frozenset(
    "talked worked spent went met shared built wrote ran shipped launched hiked travelled "
    "traveled studied played cooked drove flew stayed won finished rebuilt started presented "
    "organised organized hosted hacked celebrated watched visited attended survived climbed "
    "sailed surfed camped laughed sang danced debugged coded fixed founded co-founded moved "
    "lived grabbed had".split()
)
# a memory that starts with one of these names something we had: `Road trip to Sintra` is
# "our road trip to Sintra"
_OURS = frozenset(
    "coffee coffees lunch lunches dinner dinners drinks road trip trips hike hikes walk walks "
    "run runs ride rides weekend weekends night nights summer hackathon offsite chat chats "
    "call calls talk talks".split()
)
_WITH_YOU = re.compile(r"\bwith you\b", re.IGNORECASE)
# a memory that starts with the person's verb and no subject: `Was my mentor` is "how you
# were my mentor"
_YOU_WERE = {"was": "were", "is": "are"}


_LANGUAGE_NAMES = {
    "en": frozenset({"en", "english", "anglais"}),
    "fr": frozenset({"fr", "french", "français", "francais"}),
}
# the person as the subject of a French memory: `Elle m'a appris…`, `où il a codé…`; any verb
# after it at the start, only an auxiliary within (`il faisait froid` is no one's)
_FR_SUBJECT = re.compile(
    r"\b(il|elle|iel)\s+((?:ne\s+|n')?(?:m'|me\s+|nous\s+|t'|te\s+|en\s+)?)(\w+)",
    re.IGNORECASE,
)
_FR_VERBS = {
    "a": "as",
    "avait": "avais",
    "est": "es",
    "était": "étais",
    "va": "vas",
    "allait": "allais",
    "peut": "peux",
    "veut": "veux",
    "fait": "fais",
}
_FR_AUXILIARIES = frozenset({"a", "avait", "est", "était", "va", "allait"})
_FR_IMPERSONAL = frozenset(
    {
        "pleut",
        "pleuvait",
        "faut",
        "fallait",
        "fait",
        "faisait",
        "neige",
        "neigeait",
        "semble",
        "semblait",
        "paraît",
        "paraissait",
        "y",
    }
)
_FR_POSSESSIVE = re.compile(r"\b(?:son|sa|ses)\b", re.IGNORECASE)
_FR_YOUR = {"son": "ton", "sa": "ta", "ses": "tes"}
_FR_SUBJECT_START = frozenset({"nous", "on", "il", "elle", "iel", "tu", "je", "j"})
_FR_LOWER_START = frozenset(
    {
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "des",
        "du",
        "notre",
        "nos",
        "ce",
        "cet",
        "cette",
        "ces",
        "ton",
        "ta",
        "tes",
        "quand",
        "pendant",
        "lors",
        "au",
        "aux",
        "en",
        "tout",
        "toute",
    }
)


@dataclass(frozen=True)
class Offer:
    """What I can give: an article on one of their interests, an intro, or help."""

    kind: str  # "article", "intro", "help"
    topic: str | None = None


class Ask(NamedTuple):
    """An open question to ask: about their new role (`news`), a `project`, their `role`, their
    `company` or an `interest`; and the note line it comes from."""

    kind: str
    topic: str | None
    source: str | None


class Promised(NamedTuple):
    """My promise, as the message that keeps it says it: what I send them (`my CV`, from `send
    Priya my CV`), else the task told with them as `you` (`call you back`)."""

    thing: str | None
    task: str


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
    asks: list[Ask]  # what to ask them, said by the templates in their language
    goal: str | None
    me_name: str | None
    today: dt.date
    language: str = "en"  # of the templates: `en`, `fr`, or a code the vault has templates for
    promised: Promised | None = None  # my promise the draft keeps, when that is the reason
    missing: list[str] = field(default_factory=list)
    # where each text a template may use comes from (`path:line`, or the file alone): keyed by
    # the template's name for it
    sources: dict[str, str | None] = field(default_factory=dict)

    @property
    def enough(self) -> bool:
        """Whether there is something true and specific to write about."""
        return self.reason.kind != RECONNECT or bool(self.memory or self.asks)

    @property
    def conversation(self) -> str | None:
        """The kind of our last conversation when the draft follows it up or names it (`coffee`,
        `call`, `meeting`, `exchange`), or for a nudge my message (`my email`, `my message`):
        the templates say it in their language."""
        if self.reason.kind not in (NUDGE, FOLLOW_UP, RECONNECT) or self.reason.date is None:
            return None
        if self.reason.kind == NUDGE:  # no conversation: my message, which had no answer
            return "my email" if self.reason.label == "email" else "my message"
        return conversation(self.reason.label)


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
    interactions: list[Interaction],
    vault: Summary,
    today: dt.date,
    channel: str | None = None,
    goal: str | None = None,
    written_in: Callable[[str, str], str] | None = None,
) -> DraftFacts:
    """The facts of a draft to `person`: `note` is their note's, `interactions` their note's
    entries and the mentions of them in daily and dated notes (what `reason_for` takes).
    `written_in`: the language a draft is written in, given the one the note asks for and the
    channel (the templates there are decide: `de` without German templates is `en`), so that
    its memory and promise are told in that language; None: the one the note asks for."""

    def at(name: str) -> str | None:
        line = note.field_lines.get(name)
        return f"{person.path}:{line}" if line else None

    channel = draft_channel(person, channel)
    language = asked_language(person, vault.config)
    language = written_in(language, channel) if written_in else language
    others = _other_names(vault, person)
    memory, source, told = _memory(person, note.sections, others, at, language)
    news = news_from = None
    if person.news and (today - person.news.date).days <= RECENT_ROLE_DAYS:
        news = one_line(person.news.what.split(" (was ")[0])
        news_from = f"{person.path}:{person.news.line}"
    interests = [plain(i) for i in person.interests]
    # where they work, as the draft may say it: `at Freelance` is no place to be
    company = person.company if person.company and is_org(person.company) else None
    projects = [plain(p) for p in person.projects]
    reason = reason_for(vault, person, interactions, today)
    moment_from = {  # the field a moment comes from: its line, not just the note
        "birthday": at("birthday"),
        "new role": news_from,
        "met": at("context"),
        "joined": at("history"),
    }.get(reason.label or "")
    asks = _asks(
        person,
        company,
        interests,
        projects,
        news,
        {
            "news": news_from,
            **{key: at(key) for key in ("projects", "role", "company", "interests")},
        },
    )
    asked = {ask.topic for ask in asks if ask.kind == "interest"}
    unasked = [interest for interest in interests if interest not in asked]
    # a draft that keeps a promised introduction offers no other beneath it
    introducing = reason.kind == "promise" and _INTRODUCING.match(plain(reason.text))
    offer = (
        Offer("article", unasked[0])
        if unasked
        else Offer("intro", company)
        if company and not introducing
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
        channel=channel,
        first_name=given_name(person.name),
        reason=reason,
        memory=memory,
        memory_short=_short(memory) if memory else None,
        news=news,
        role=person.role,
        company=company,
        offer=offer,
        asks=asks,
        goal=(goal or (person.goals[0] if person.goals else None)),
        me_name=vault.config.me_name,
        today=today,
        language=language,
        promised=_promised(reason.text, person, language) if reason.kind == "promise" else None,
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
    )


def _memory(
    person: Person,
    sections: list[Section],
    others: Callable[[str], bool],
    at: Callable[[str], str | None],
    language: str,
) -> tuple[str | None, str | None, bool]:
    """The first item under `## Memories` that names no one else of the vault, else the first
    such `memories` value, else how we know each other (`context`) when it is told as a clause
    (`we shipped the Interac integration together`, not `Initech QA`); with where it was found,
    and whether it is a memory the note tells (`context` only stands in for one)."""
    for part in sections:
        if part.heading.strip().lower() in MEMORY_HEADINGS:
            for number, line in enumerate(part.text.split("\n"), start=part.start):
                written = _item_text(line)
                text = plain(written).strip()
                if text and not _names_another(written, others):
                    return tell(text, language), f"{person.path}:{number}", True
    for memory in person.memories:
        if not _names_another(memory, others):
            return tell(plain(memory), language), at("memories") or person.path, True
    context = plain(person.context or "")
    first = context.split(" ", 1)[0].lower()
    told = first in _SUBJECT_START or first in _FR_SUBJECT_START  # `we shipped…`: a clause
    if told and not _names_another(person.context or "", others):
        return tell(context, language), at("context") or person.path, False
    return None, None, False


def _item_text(line: str) -> str:
    """What a list item says, past its marker and its task box; nothing for another line."""
    item = LIST_ITEM.match(line)
    if not item:
        return ""
    task = TASK_BOX.match(item.group(1))
    return task.group(2) if task else item.group(1)


def _other_names(vault: Summary, person: Person) -> Callable[[str], bool]:
    """Whether a folded name is one of the vault's other people's (a name, first name or
    alias) and not also the person's own: a memory that names one of them may be theirs to
    tell."""
    mine = {person.name.casefold(), *(a.casefold() for a in person.aliases)}
    mine |= {given_name(n) for n in mine if n.split()}
    names = vault.names

    def another(name: str) -> bool:
        return name not in mine and bool(names.get(name, frozenset()) - {person.path})

    return another


def _names_another(written: str, another: Callable[[str], bool]) -> bool:
    """Whether a note's text names another person as a capitalised word or words, or links to
    one (`[[Bo Chen|Bo]]`, whatever it shows)."""
    for link in WIKILINK.finditer(written):
        if another(link.group(1).strip().rsplit("/", 1)[-1].casefold()):
            return True
    text = plain(written)
    words = re.findall(r"[^\W\d_][\w'-]*", text)
    if any(another(w.casefold()) for w in words if w[0].isupper()):
        return True
    pairs = (f"{a} {b}".casefold() for a, b in zip(words, words[1:], strict=False))
    return any(another(pair) for pair in pairs)


def asked_language(person: Person, config: Config) -> str:
    """The language a draft to `person` is asked in: their note's `language`, else mine."""
    return language_code(person.language or config.me_language)


def language_code(value: str | None) -> str:
    """The language a note or `[me]` names, as the templates' folder is called: `fr`, `fr-CA`,
    `French` and `français` are `fr`; nothing is `en`; another is its first word in lower case
    (`de-AT` -> `de`, `Deutsch` -> `deutsch`), or `en` when that is not a word of letters."""
    word = (value or "").strip().casefold()
    if not word:
        return "en"
    for code, names in _LANGUAGE_NAMES.items():
        if word in names:
            return code
    code = re.split(r"[-_ ]", word, maxsplit=1)[0]
    return code if re.fullmatch(r"[^\W\d_]{2,20}", code) else "en"


def tell(text: str, language: str) -> str:
    """A memory told to the person, in the note's language: English and French memories are
    made to follow "I was thinking about" and "un souvenir :" (pronouns of the person made
    `you`, `tu`); any other language is used as written."""
    if language == "fr":
        return _clause_fr(text)
    if language == "en":
        return _clause(text)
    return _unpunctuated(text)


def _unpunctuated(text: str) -> str:
    """One line without its final stop or exclamation mark, nor the space French puts before
    one (`faux !`): the template ends the sentence."""
    return one_line(text).strip().rstrip(".!").rstrip()


def _clause_fr(text: str) -> str:
    """A French memory told to the person: `Elle m'a appris à grimper.` becomes `tu m'as
    appris à grimper`, `où il a codé` becomes `où tu as codé`, `son exposé` becomes `ton
    exposé`; its first letter lower-case when its first word is not a name. An impersonal `il`
    (`il pleuvait`, `il y a`) stays."""
    text = _unpunctuated(text)

    def to_you(found: re.Match[str]) -> str:
        pronoun, between, verb = found.group(1), found.group(2), found.group(3)
        lower = verb.lower()
        at_start = found.start() == 0
        if (pronoun.lower() == "il" and lower in _FR_IMPERSONAL) or (
            not at_start and lower not in _FR_AUXILIARIES
        ):
            return found.group(0)
        said = _FR_VERBS.get(lower) or (
            verb[:-1] + "s"
            if verb.endswith("t")
            else verb + "s"
            if verb.endswith(("e", "d", "a"))  # chante, prend, ira: chantes, prends, iras
            else verb
        )
        return f"{'Tu' if pronoun[0].isupper() else 'tu'} {between}{said}"

    text = _FR_SUBJECT.sub(to_you, text)
    text = _FR_POSSESSIVE.sub(lambda m: _FR_YOUR[m.group(0).lower()], text)
    first = re.split(r"[\s']", text, maxsplit=1)[0].lower()
    return text[:1].lower() + text[1:] if first in _FR_SUBJECT_START | _FR_LOWER_START else text


def _clause(text: str) -> str:
    """A memory as written, made to follow "I was thinking about" and told to the person:
    "She taught me to climb." becomes "how you taught me to climb", "The outage…" becomes "the
    outage…", "Teaching him dbt" becomes "teaching you dbt"."""
    text = _told_to_them(one_line(text).strip())
    if not re.search(r"\b\w\.\w\.$", text):  # `3 a.m.` keeps its dots
        text = _unpunctuated(text)
    first, _, rest = text.partition(" ")
    word = first.lower()
    if rest.split(" ", 1)[0].lower() in ("me", "us") and word not in _SUBJECT_START:
        return f"how you {word} {rest}"  # `Gave me the advice`: they did it
    if word in _SUBJECT_START:
        return f"how {first if first == 'I' else word}" + (" " + rest if rest else "")
    if rest and (word in _WE_DID or ("-" in word and word.endswith("ed"))):
        return f"how we {word} {rest}"  # `Pair-programmed the migration` too
    if rest and word == "both":
        return f"how we both {rest}"
    if rest and word in _YOU_WERE:
        return f"how you {_YOU_WERE[word]} {rest}"
    if rest and word in _OURS and first[1:].islower():
        ours = "" if _WITH_YOU.search(rest) else "our "  # `with you` says whose it was
        return f"{ours}{word} {rest}"
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
            before = match.string[max(0, match.start() - 20) : match.start()].split()
            does = bool(before) and before[-1].lower() in _HER_DOES
            said = "you" if does or not qualified or qualified in _NOT_QUALIFIED else "your"
        else:
            said = _TO_YOU[lower]
        if said == "you" and lower in ("she", "he", "they"):
            verb = after.strip().lower()
            after = after.replace(after.strip(), _AGREE.get(verb, after.strip())) if verb else after
        return (said.capitalize() if pronoun[0].isupper() else said) + after

    return _PRONOUN.sub(replace, text)


_INTRODUCING = re.compile(r"(?i)(?:introduce|intro|présenter|mettre en relation)\b")


def _promised(task: str, person: Person, language: str) -> Promised:
    """A promise of mine, as the message that keeps it says it: `send Priya my CV` and `send
    her my CV` (`envoyer mon CV à Priya`) are sending `my CV`; in English any other task is
    told with `you` for them (`call Ben back` -> `call you back`), in another language as
    written."""
    text = plain(task).rstrip(".")  # its due marker is dropped with the rest
    names = sorted({person.name, *person.aliases, given_name(person.name)}, key=len, reverse=True)
    if language == "fr":
        sent = re.match(r"(?i)(?:envoyer|partager|transmettre|faire suivre) (.+)", text)
        thing = sent.group(1) if sent else None
        for name in names:  # `à Priya` before or after what is sent
            to_them = f"à {name}"
            if thing and thing.lower().startswith(to_them.lower() + " "):
                thing = thing[len(to_them) + 1 :]
            if thing and thing.lower().endswith(" " + to_them.lower()):
                thing = thing[: -len(to_them) - 1]
        return Promised(thing, text)
    them = "|".join(re.escape(name) for name in names)
    told = re.sub(rf"\b(?:{them})\b", "you", text) if language == "en" else text
    sent = re.match(
        r"(?i)(?:send|share|forward|email|mail)\s+(?:to\s+)?(?:(?:you|her|him|them)\s+)?(.+)", told
    )
    return Promised(sent.group(1) if sent and language == "en" else None, told)


def _short(clause: str) -> str:
    """The memory up to its first colon, dash or semicolon: enough for a short message."""
    found = _BREAK.search(clause)
    cut = clause[: found.start()].rstrip() if found else clause
    return cut if len(cut) >= 12 else clause


def _asks(
    person: Person,
    company: str | None,
    interests: list[str],
    projects: list[str],
    news: str | None,
    where: dict[str, str | None],
) -> list[Ask]:
    """One or two open questions to ask (never yes/no), each with where it comes from (`where`:
    the line of the news and of each field): their work first, then an interest, the second
    one (the offer names the first); their only interest when there is nothing else to ask
    (the offer is another then)."""
    asked: list[Ask] = []
    if news:  # the role field may not say it yet
        asked.append(Ask("news", None, where["news"]))
    elif projects:
        asked.append(Ask("project", projects[0], where["projects"]))
    elif person.role:  # the company is named beside it already
        asked.append(Ask("role", person.role, where["role"]))
    elif company:
        asked.append(Ask("company", company, where["company"]))
    topic = (
        interests[1] if len(interests) > 1 else interests[0] if interests and not asked else None
    )
    if topic:
        asked.append(Ask("interest", topic, where["interests"]))
    return asked[:2]
