"""Front-matter keys to fields (SPEC §3): key normalisation, aliases, person detection.

The raw front-matter stays as the user wrote it; this module only reads it, through the alias
table, into the typed values of a Person, reporting each bad value with its line.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from notekit.core.dates import parse_birthday, parse_cadence, parse_date
from notekit.core.history import read_history, unreadable
from notekit.core.model import WARNING, ParsedNote, Person, Problem
from notekit.core.syntax import WIKILINK, email_list, tag_list
from notekit.read.config import Config
from notekit.read.front_matter import FrontMatter

BUILTIN_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "fn"),
    "aliases": ("aliases", "alias"),
    "last_contact": (
        "lastcontact",
        "lastcontacted",
        "lastcontactedon",
        "datelastspoken",
        "lastchat",
        "lastinteraction",
        "lastspoken",
        "lastseen",
        "prmlastcontacted",
    ),
    "cadence": (
        "cadence",
        "frequency",
        "contactfrequency",
        "keepintouch",
        "stayintouchfrequency",
        "prmcadence",
    ),
    "next_contact": (
        "nextcontact",
        "nextfollowup",
        "followupon",
        "followupdate",
        "reconnecton",
        "prmsnoozeuntil",
    ),
    "company": ("company", "org", "organization", "employer"),
    "role": ("role", "title", "position", "jobtitle"),
    "email": ("email", "emails", "mail"),
    "birthday": ("birthday", "bday", "birthdate", "prmbirthday"),
    "status": ("status",),
    "active": ("active",),
    "tags": ("tags", "tag"),
    "type": ("type",),
    "categories": ("categories", "category"),
    "phone": ("phone", "phones", "mobile", "tel", "telephone"),
    "location": ("location", "city", "basedin"),
    "linkedin": ("linkedin", "linkedinurl"),
    "connected": ("connected", "connectedon"),  # the day we connected on LinkedIn: no contact
    "photo": ("photo", "avatar", "picture"),
    "channel": ("channel", "preferredchannel", "contactvia"),
    "context": ("context", "howwemet", "met", "howweknoweachother", "relationship"),
    "history": ("history", "workedtogether", "studiedtogether"),
    "interests": ("interests", "interest", "hobbies"),
    "projects": ("projects", "project", "workingon"),
    "memories": ("memories", "memory", "sharedmemories"),
    "goals": ("goals", "goal"),
    "introduced_by": ("introducedby", "referredby"),
    "knows": ("knows", "connections"),
    "language": ("language", "lang", "locale", "preferredlanguage"),
}
KNOWN_FIELDS = frozenset(BUILTIN_ALIASES)
# the fields a Person holds as lists: `set` splits a value at its commas, `merge` takes the
# other note's items a note lacks
LIST_FIELDS = frozenset(
    {"aliases", "tags", "email", "history", "interests", "projects", "memories", "goals"}
    | {"introduced_by", "knows"}
)

# the list fields whose single text holds several items already (`tags: person, initech`,
# `email: a@x.org, b@y.org`), and how it is read: a writer adds to it and takes from it as such
WORDS: dict[str, Callable[[Any], list[str]]] = {"tags": tag_list, "email": email_list}

_FALSE_WORDS = frozenset({"false", "no", "off", "0", "n"})


@functools.lru_cache(maxsize=4096)
def normalise_key(key: str) -> str:
    """`Last Contact`, `last-contact`, `lastContact` and `last_contact` are one key."""
    return "".join(c for c in key.lower() if c.isalnum())


class FieldReader:
    """Reads fields from a note's front-matter through the built-in and configured aliases."""

    def __init__(self, config: Config) -> None:
        self._lookup: dict[str, str] = {}
        for name, keys in BUILTIN_ALIASES.items():
            for key in (*config.field_aliases.get(name, ()), *keys):
                self._lookup.setdefault(normalise_key(key), name)
        self._config = config
        self.channels = config.channels

    def field_of(self, key: str) -> str | None:
        """The field a front-matter key stands for, if any."""
        return self._lookup.get(normalise_key(key))

    def raw(self, note: ParsedNote, front_matter: FrontMatter) -> dict[str, tuple[str, Any, int]]:
        """Field name -> (key as written, value, line): from the front-matter, where the first
        key wins, else from Dataview inline fields in the body (`Last contact:: 2026-11-01`),
        where several lines of one field make a list."""
        found: dict[str, tuple[str, Any, int]] = {}
        for key, value in front_matter.items():
            name = self._lookup.get(normalise_key(key))
            if name and name not in found:
                found[name] = (key, value, note.key_lines.get(key, 1))
        for key, value, line in note.inline_fields:
            name = self._lookup.get(normalise_key(key))
            if not name:
                continue
            if name not in found:
                found[name] = (key, value, line)
            elif found[name][2] >= note.body_start:  # inline already: one more item
                first_key, values, first_line = found[name]
                items = values if isinstance(values, list) else [values]
                found[name] = (first_key, [*items, value], first_line)
        return found

    def lines(self, note: ParsedNote) -> dict[str, int]:
        """Field name -> the line it is set on, as `raw` finds it (the front-matter's first key,
        else the first inline field); from the note's key lines alone."""
        found: dict[str, int] = {}
        for key, line in note.key_lines.items():
            name = self._lookup.get(normalise_key(key))
            if name and name not in found:
                found[name] = line
        for key, _, line in note.inline_fields:
            name = self._lookup.get(normalise_key(key))
            if name and name not in found:
                found[name] = line
        return found

    def inline_overridden(self, note: ParsedNote) -> list[Problem]:
        """A warning for each inline field that the front-matter also sets (it wins)."""
        problems = []
        for key, _, line in note.inline_fields:
            name = self._lookup.get(normalise_key(key))
            written = self.key_for(note, name) if name else None
            if written is not None:
                problems.append(
                    Problem(
                        note.path,
                        line,
                        WARNING,
                        f"{key}:: is set in the front-matter too ({written}, line "
                        f"{note.key_lines[written]}); the front-matter's value is used",
                    )
                )
        return problems

    def inline_line(self, note: ParsedNote, field_name: str) -> int | None:
        """The line of the first inline field for `field_name`, when the front-matter has no
        key for it (where an edit of that field goes)."""
        if self.key_for(note, field_name) is not None:
            return None
        for key, _, line in note.inline_fields:
            if self._lookup.get(normalise_key(key)) == field_name:
                return line
        return None

    def key_for(self, note: ParsedNote, field_name: str) -> str | None:
        """The key this note already uses for a field, spelled as the user spelled it."""
        return next((k for k in note.key_lines if self.field_of(k) == field_name), None)

    def is_person(self, note: ParsedNote, front_matter: FrontMatter) -> bool:
        config = self._config
        folders = note.path.lower().split("/")[:-1]
        if any(folder.lower() in folders for folder in config.person_folders):
            return True
        raw = self.raw(note, front_matter)
        types = {t.lower() for t in _texts(_value(raw, "type"))}
        if types & set(config.person_types):
            return True
        categories = {_unlink(c).lower() for c in _texts(_value(raw, "categories"))}
        if categories & set(config.person_categories):
            return True
        tags = [*tag_list(_value(raw, "tags")), *note.tags]
        return any(
            segment in config.person_tags for tag in tags for segment in tag.lower().split("/")
        )

    def person(self, note: ParsedNote, front_matter: FrontMatter) -> tuple[Person, list[Problem]]:
        """Build the Person a note describes, with a problem for each unusable value."""
        raw = self.raw(note, front_matter)
        problems: list[Problem] = self.inline_overridden(note) if note.inline_fields else []

        def typed(name: str, parse: Callable[[Any], Any]) -> Any:
            if name not in raw:
                return None
            key, value, line = raw[name]
            try:
                return parse(value)
            except ValueError as exc:
                problems.append(Problem(note.path, line, WARNING, f"{key}: {exc}"))
                return None

        def text(name: str) -> str | None:
            values = _texts(_value(raw, name))
            return values[0] if values else None

        def texts(name: str) -> list[str]:
            return _texts(_value(raw, name))

        emails: list[str] = []
        if "email" in raw:
            key, value, line = raw["email"]
            for said in _texts(value):
                found = email_list(said)
                if not found:
                    problems.append(
                        Problem(note.path, line, WARNING, f"{key}: not an email address: {said!r}")
                    )
                emails.extend(found)
        history = read_history(raw["history"][1]) if "history" in raw else []
        if "history" in raw:
            key, value, line = raw["history"]
            problems.extend(
                Problem(note.path, line, WARNING, f"{key}: cannot tell the org of {item!r}")
                for item in unreadable(value)
            )
            problems.extend(  # `Initech (2017-2014)`: its years the wrong way round
                Problem(note.path, line, WARNING, f"{key}: {shown!r} ends before it starts")
                for shown, stint in history
                if stint and stint.start_year and stint.end_year
                if stint.end_year < stint.start_year
            )
        person = Person(
            name=text("name") or note.stem,
            path=note.path,
            aliases=texts("aliases"),
            tags=_dedupe([*tag_list(_value(raw, "tags")), *note.tags]),
            company=text("company"),
            role=text("role"),
            emails=emails,
            phone=text("phone"),
            location=text("location"),
            linkedin=text("linkedin"),
            photo=text("photo"),
            channel=text("channel"),
            context=text("context"),
            history=[text for text, _ in history],
            stints=tuple(stint for _, stint in history),
            met_on=_leading_date(text("context")),
            interests=texts("interests"),
            projects=texts("projects"),
            memories=texts("memories"),
            goals=texts("goals"),
            introduced_by=[_unlink(v) for v in texts("introduced_by")],
            knows=[_unlink(v) for v in texts("knows")],
            status=text("status"),
            active=_is_true(raw["active"][1]) if "active" in raw else True,
            birthday=typed("birthday", parse_birthday),
            fm_last_contact=typed("last_contact", parse_date),
            next_contact=typed("next_contact", parse_date),
            fm_cadence=typed("cadence", parse_cadence),
            news=max(note.news) if note.news else None,
            connected=typed("connected", parse_date),
            language=text("language"),
        )
        return person, problems


def _value(raw: dict[str, tuple[str, Any, int]], name: str) -> Any:  # noqa: ANN401 - as YAML
    """The value of a field as `FieldReader.raw` found it; None when the note has none."""
    found = raw.get(name)
    return None if found is None else found[1]


def _leading_date(text: str | None) -> dt.date | None:
    """The date how we met starts with (`2015-06-01, PyCon Berlin`), if it starts with one."""
    if not text or not text[:4].isdigit():
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _texts(value: Any) -> list[str]:
    """Scalar or list of scalars as non-empty strings, as the user wrote them."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if item is None or isinstance(item, (list, dict)):
            continue
        text = ("true" if item else "false") if isinstance(item, bool) else str(item).strip()
        if text:
            out.append(text)
    return out


def _unlink(text: str) -> str:
    match = WIKILINK.fullmatch(text.strip())
    return match.group(1).strip() if match else text.strip()


def _is_true(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() not in _FALSE_WORDS


def _dedupe(tags: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for tag in tags:
        if tag.lower() not in seen:
            seen.add(tag.lower())
            out.append(tag)
    return out
