"""A reconnect message from its facts (rules/draft.py) and a template per channel: notekit's
own (site/templates/draft/), or the user's in the vault's `Templates/notekit/`, which wins."""

from __future__ import annotations

import bisect
import contextlib
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from notekit.core.errors import SiteError
from notekit.rules.draft import DraftFacts
from notekit.rules.reason import SLOW_REPLY_DAYS
from notekit.site.templating import (
    MAX_OUTPUT,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    TooLong,
    bounded,
    bytecode_folder,
    render_text,
    text_environment,
)

USER_TEMPLATES = "Templates/notekit"
_SUBJECT = re.compile(r"^subject:[ \t]*(.*)$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]{2,}")
_ABBREVIATION_END = re.compile(r"(\b\w\.\w\.)\.")
_GOALS = {
    "jobsearch": "job-search",
    "job": "job-search",
    "jobhunt": "job-search",
    "referral": "referral",
    "referrals": "referral",
    "mentorship": "mentorship",
    "mentor": "mentorship",
    "mentoring": "mentorship",
    "collaboration": "collaboration",
    "collab": "collaboration",
    "learning": "learning",
    "friendship": "friendship",
}


@dataclass(frozen=True)
class Sentence:
    """A sentence of a draft and the note lines its words come from: none for a sentence that
    is the template's own words."""

    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Draft:
    """A message ready to copy: its subject (email only), its text, and what the note lacks."""

    channel: str
    subject: str | None
    body: str
    missing: list[str]
    template: str  # where its template came from
    told: tuple[tuple[str, str], ...] = ()  # each text from the note it was given, and where


def mailto(address: str, draft: Draft | None = None) -> str:
    """A `mailto:` link to the address, opening the draft in a mail program when there is one
    (lines end in CRLF, as RFC 6068 asks); the address is encoded, so that no `?cc=` in a
    note can add to it."""
    link = f"mailto:{quote(address, safe='@')}"
    if draft is None:
        return link
    body = draft.body.replace("\n", "\r\n")
    return f"{link}?subject={quote(draft.subject or '')}&body={quote(body)}"


def goal_kind(goal: str | None) -> str | None:
    """A goal as the templates know it (SPEC §4 goals), or None for the user's own words."""
    if not goal:
        return None
    return _GOALS.get("".join(c for c in goal.lower() if c.isalpha()))


@dataclass(frozen=True)
class DraftTemplates:
    """The templates drafts of one vault are written from: its own folder, if any, before
    notekit's. Each looked up once for all the drafts of a report (the environment would look
    at its file again for every draft)."""

    folder: Path | None
    environment: Any
    _found: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, vault: Path) -> DraftTemplates:
        folder = _user_folder(vault)
        return cls(folder, text_environment(folder, bytecode_folder(vault)))

    def template(self, name: str) -> Any | None:  # noqa: ANN401 - a Jinja template
        """The template of that name, or None when there is none; TemplateError when it
        cannot be read."""
        if name not in self._found:
            try:
                self._found[name] = self.environment.get_template(name)
            except TemplateNotFound:
                self._found[name] = None
        return self._found[name]

    def written_in(self, language: str, channel: str) -> str:
        """The language a draft for `channel` is written in when its note asks for `language`:
        that one where there are templates for it (notekit's `fr`, the vault's own), else
        English."""
        if language == "en" or self.template(f"{language}/{channel}.md") is None:
            return "en"
        return language

    def origin(self, name: str) -> str:
        """Where a template is read from: the vault's folder, or notekit's own."""
        key = f"origin:{name}"
        if key not in self._found:
            mine = self.folder is not None and (self.folder / name).is_file()
            self._found[key] = f"{USER_TEMPLATES}/{name}" if mine else f"notekit's own {name}"
        return str(self._found[key])


def render_draft(facts: DraftFacts, templates: DraftTemplates) -> Draft:
    """The draft for the facts' channel, in their language when there are templates for it
    (else in English); a template that cannot be used is a SiteError that names its file and
    line."""
    limited = templates.folder is not None  # notekit's own templates cannot call for more
    name = f"{facts.channel}.md"
    values = _values(facts)
    try:
        language = templates.written_in(facts.language, facts.channel)
        prefix = f"{language}/" if language != "en" else ""
        name = f"{prefix}{name}"
        phrases, template = templates.template(f"{prefix}_phrases.md"), templates.template(name)
        if phrases is None:
            raise SiteError(
                f"{USER_TEMPLATES}/{prefix}_phrases.md is missing: a language's templates need "
                "the words of the reason and the questions (see docs/cli.md, draft)"
            )
        with bounded() if limited else contextlib.nullcontext():
            values.update(_phrased(facts, phrases.module))
        text = render_text(template, values, limited)
    except TemplateSyntaxError as exc:
        where = templates.origin(exc.name or name)
        raise SiteError(f"{where}:{exc.lineno}: {exc.message}") from exc
    except TooLong as exc:
        longest = max(_sourced_texts(facts, values), key=lambda told: len(told[0]), default=None)
        if limited or longest is None:
            raise SiteError(f"{templates.origin(name)}: {exc}") from exc
        raise SiteError(  # notekit's own template: the note's text is what is too long
            f"{longest[1]}: {len(longest[0]):,} characters, too long for a message "
            f"(a draft holds at most {MAX_OUTPUT:,}); no draft"
        ) from exc
    except TemplateError as exc:
        raise SiteError(f"{templates.origin(name)}: {exc}") from exc
    except RecursionError as exc:
        where = templates.origin(name)
        raise SiteError(f"{where}: a macro or include calls itself without end") from exc
    except UnicodeDecodeError as exc:
        raise SiteError(f"{templates.origin(name)}: not UTF-8 text ({exc.reason})") from exc
    source = templates.origin(name)
    subject, body = _tidy(text)
    return Draft(facts.channel, subject, body, facts.missing, source, _sourced_texts(facts, values))


def _values(facts: DraftFacts) -> dict[str, Any]:
    """What a draft template is given, before the phrases."""
    return dict(
        first_name=facts.first_name,
        name=facts.person.name,
        reason=facts.reason.kind,
        moment=facts.reason.label if facts.reason.kind == "moment" else None,
        years=facts.reason.years,
        # a reply owed for days: the draft says sorry for it
        reply_late=facts.reason.kind == "reply"
        and facts.reason.date is not None
        and (facts.today - facts.reason.date).days > SLOW_REPLY_DAYS,
        # the moment is still ahead: a birthday wished before the day is wished early
        moment_ahead=facts.reason.kind == "moment"
        and facts.reason.date is not None
        and facts.reason.date > facts.today,
        # the org they joined, the event ahead: what the moment's opening names
        moment_what=facts.reason.text if facts.reason.label in _NAMING_MOMENTS else None,
        memory=facts.memory,
        memory_short=facts.memory_short,
        news=facts.news,
        role=facts.role,
        company=facts.company,
        offer=facts.offer,
        goal=goal_kind(facts.goal),
        me_name=facts.me_name,
        channel=facts.channel,
        language=facts.language,
    )


def _phrased(facts: DraftFacts, phrases: Any) -> dict[str, Any]:
    """What the reason and the questions say, in the words of the language's `_phrases.md`:
    `your message in October`, `our coffee in November`, `here is my CV`, `offering the
    referral`, the questions. Their words are not quoted back: a note may hold my own summary
    of them."""
    reason, today = facts.reason, facts.today
    promised = facts.promised
    return dict(
        their_message=(
            _said(phrases.their_message(reason.date, today))
            if reason.kind == "reply" and reason.date
            else None
        ),
        last_talk=(
            _said(phrases.last_talk(facts.conversation, reason.date, today))
            if facts.conversation
            else None
        ),
        promise=_said(phrases.promise(promised.thing, promised.task)) if promised else None,
        their_offer=_said(phrases.thanks_for(reason.label)) if reason.kind == "offer" else None,
        questions=[_said(phrases.question(ask.kind, ask.topic)) for ask in facts.asks],
    )


def _said(text: object) -> str:
    return " ".join(str(text).split())


def sentences_of(draft: Draft) -> list[Sentence]:
    """The subject's and the body's sentences, each with the note lines its words come from."""
    return [
        *(_sentences(draft.subject, draft.told) if draft.subject else ()),
        *_sentences(draft.body, draft.told),
    ]


_FROM_REASON = ("their_message", "promise", "their_offer", "moment", "moment_what", "last_talk")
_NAMING_MOMENTS = ("joined", "event")
_FROM_FIELD = {"first_name": "name", "memory_short": "memory"}


def _sourced_texts(facts: DraftFacts, values: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """Each text the template was given with the note line it comes from."""
    found: list[tuple[str, str]] = []
    for key, value in values.items():
        where = facts.sources.get("reason" if key in _FROM_REASON else _FROM_FIELD.get(key, key))
        if isinstance(value, str) and where:
            found.append((value, where))
    if facts.offer.topic and facts.sources.get("offer"):
        found.append((facts.offer.topic, str(facts.sources["offer"])))
    for question, ask in zip(values["questions"], facts.asks, strict=True):
        if ask.source:
            found.append((question, ask.source))
    return tuple(found)


# a run of marks is taken from its start only: linear on a run of thousands
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+(?=\s|$)|\n")


def _sentences(text: str, told: tuple[tuple[str, str], ...]) -> list[Sentence]:
    """The text cut into sentences, each with the sources of the given texts found in it (not
    of a text found only within a longer one); a sentence never ends inside one of them
    (`until 3 a.m. and`). Sorted sweeps, not pairs of spans: a memory may name someone
    thousands of times."""
    spans: list[tuple[int, int, str]] = []
    for value, where in told:
        if len(value.strip()) < 2:
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(value.strip())}(?!\w)", re.IGNORECASE)
        spans.extend((m.start(), m.end(), where) for m in pattern.finditer(text))
    spans = _outermost(spans)
    found: list[Sentence] = []
    start, reach, opened = 0, 0, 0  # the furthest end of the spans opened before a mark
    for end in _SENTENCE_END.finditer(text):
        while opened < len(spans) and spans[opened][0] < end.end():
            reach = max(reach, spans[opened][1])
            opened += 1
        if reach > end.end():
            continue
        _add_sentence(found, text, start, end.end(), spans)
        start = end.end()
    _add_sentence(found, text, start, len(text), spans)
    return found


def _outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The spans that no other span holds (one found again at the same place is kept), by
    start: a name within a memory is the memory's."""
    spans.sort(key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int, str]] = []
    reach = -1  # the furthest end of the spans before this place
    for _, group in itertools.groupby(spans, key=lambda span: span[:2]):
        same = list(group)
        if same[0][1] > reach:
            kept.extend(same)
        reach = max(reach, same[0][1])
    return kept


def _add_sentence(
    found: list[Sentence], text: str, start: int, end: int, spans: list[tuple[int, int, str]]
) -> None:
    """The sentence from `start` to `end`, with the sources of the spans that begin in it: a
    sentence never ends inside a span, so no span begins before it and reaches into it."""
    sentence = text[start:end].strip()
    if not sentence:
        return
    first = bisect.bisect_left(spans, start, key=lambda span: span[0])
    last = bisect.bisect_left(spans, end, key=lambda span: span[0])
    inside = sorted((a, where) for a, _, where in spans[first:last])
    found.append(Sentence(sentence, tuple(dict.fromkeys(where for _, where in inside))))


def _user_folder(vault: Path) -> Path | None:
    """The vault's own draft templates, if any (English ones in the folder, others in a folder
    named by the language); a file there that leads out of the vault (a symbolic link) is
    refused rather than read."""
    folder = vault / USER_TEMPLATES
    if not folder.is_dir():
        return None
    root = vault.resolve()
    items = sorted(folder.iterdir())
    for item in items:
        inner = sorted(item.iterdir()) if item.is_dir() and not item.is_symlink() else []
        for found in (item, *inner):
            if not found.resolve().is_relative_to(root):
                where = found.relative_to(folder).as_posix()
                raise SiteError(f"{USER_TEMPLATES}/{where}: leads out of the vault; not read")
    return folder


def _tidy(text: str) -> tuple[str | None, str]:
    """The subject line taken out; spaces the template's joins left doubled made single, as
    are the full stops after an abbreviation (`a.m.`), blank lines at most one in a row."""
    text = _ABBREVIATION_END.sub(r"\1", text)  # `until 3 a.m.` + the template's `.`
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    subject = None
    first = next((i for i, line in enumerate(lines) if line), None)
    if first is not None and (match := _SUBJECT.match(lines[first])):
        subject = match.group(1).strip()
        lines = lines[first + 1 :]
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return subject, body + "\n"
