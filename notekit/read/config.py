"""`notekit.toml` at the vault root: every key optional, every unknown key a clear error.

Each key is declared once, as a field of `Config` made by `setting`: where it sits in the file,
its default, the check that turns the file's value into the field's, and one line of doc
(docs/format.md's example is tested against these). Nothing else lists the keys."""

from __future__ import annotations

import dataclasses
import hashlib
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from notekit.core.dates import parse_cadence
from notekit.core.errors import ConfigError
from notekit.core.model import Cadence
from notekit.core.syntax import CHANNEL_WORD, CHANNELS
from notekit.read.files import read_regular

CONFIG_NAME = "notekit.toml"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# vault goals (SPEC §4) and the period each target is for
GOALS = {"reconnect_per_month": "month", "meetings_per_month": "month", "outreach_per_week": "week"}

Check = Callable[[Any, frozenset[str]], Any]  # the file's value, the known fields -> the field's
WHOLE = ""  # the key of a setting that is a whole table (`[orgs]`, `[goals]`, `[fields]`)


def setting(section: str, key: str, check: Check, doc: str, default: Any = None) -> Any:
    """A field of Config read from `[section] key` (section "" for the top level; key WHOLE
    for the whole table), through `check`, which raises ValueError with what is wrong."""
    metadata = {"section": section, "key": key, "check": check, "doc": doc}
    if isinstance(default, dict):
        return dataclasses.field(default_factory=lambda: dict(default), metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


# the checks: each turns a value of the file into a field's value, or raises ValueError


def _text(value: Any, known: frozenset[str] = frozenset()) -> str | None:
    if not isinstance(value, str):
        raise ValueError("must be a string")
    return value


def _text_or_none(value: Any, known: frozenset[str]) -> str | None:
    """A string; an empty one is as if it were not set."""
    return _text(value) or None


def _words(value: Any, known: frozenset[str] = frozenset()) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise ValueError("must be a list of strings")
    return tuple(value)


def _lower_words(value: Any, known: frozenset[str]) -> tuple[str, ...]:
    return tuple(word.lower() for word in _words(value))


def _inside(value: Any, known: frozenset[str] = frozenset()) -> str:
    """A folder or file notekit may write to: relative, and inside the vault."""
    text = _text(value) or ""
    parts = PurePosixPath(text.replace("\\", "/")).parts
    if not parts or text.startswith(("/", "~")) or ":" in text or ".." in parts:
        raise ValueError(f'{text!r}: must be a path inside the vault, like "People"')
    return text


def _folders(value: Any, known: frozenset[str]) -> tuple[str, ...]:
    return tuple(_inside(folder) for folder in _words(value))


def _cadence(value: Any, known: frozenset[str]) -> Cadence | None:
    return parse_cadence(value)


def _cadence_tags(value: Any, known: frozenset[str]) -> tuple[tuple[str, Cadence], ...]:
    if not isinstance(value, dict):
        raise ValueError("must be a table of tag = cadence")
    found = []
    for tag, cadence in value.items():
        try:
            parsed = parse_cadence(cadence)
        except ValueError as exc:
            raise ValueError(f"{tag}: {exc}") from None
        if parsed is not None:
            found.append((tag.lower().lstrip("#"), parsed))
    return tuple(found)


def _channels(value: Any, known: frozenset[str]) -> frozenset[str]:
    words = _words(value)
    for word in words:
        if not CHANNEL_WORD.fullmatch(word):
            raise ValueError(f"{word!r} is not one word (letters, digits, - or _)")
    return CHANNELS | {word.lower() for word in words}


def _count(least: int) -> Check:
    def check(value: Any, known: frozenset[str]) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            raise ValueError(f"must be a whole number, {least} or more")
        return value

    return check


def _flag(value: Any, known: frozenset[str]) -> bool:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return value


def _weekday(value: Any, known: frozenset[str]) -> str:
    day = str(value).lower()
    if day not in WEEKDAYS:
        raise ValueError(f"{day!r}: one of {', '.join(WEEKDAYS)}")
    return day


def _goals(value: Any, known: frozenset[str]) -> tuple[tuple[str, int], ...]:
    table = _table(value, "goal = target", set(GOALS))
    return tuple((goal, _count(1)(target, known)) for goal, target in table.items())


def _orgs(value: Any, known: frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    table = _table(value, 'name = ["alias", …]', None)
    return tuple((name, _words(aliases)) for name, aliases in table.items())


def _field_aliases(value: Any, known: frozenset[str]) -> dict[str, tuple[str, ...]]:
    table = _table(value, 'field = ["key", …]', None)
    for name in table:
        if name not in known:
            raise ValueError(f"unknown field {name!r} (known: {', '.join(sorted(known))})")
    return {name: _words(keys) for name, keys in table.items()}


def _history(value: Any, known: frozenset[str]) -> tuple[Any, ...]:
    if not isinstance(value, list) or not all(isinstance(i, (str, dict)) for i in value):
        raise ValueError("must be a list of texts or tables (see docs/format.md)")
    return tuple(value)


def _emails(value: Any, known: frozenset[str]) -> tuple[str, ...]:
    return tuple(email.strip().lower() for email in _words(value) if email.strip())


def _zone(value: Any, known: frozenset[str]) -> str | None:
    """An IANA time zone name (`Europe/Lisbon`), checked against the system's zones."""
    name = _text(value)
    if not name:
        return None
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{name!r}: no such time zone (e.g. Europe/Lisbon)") from None
    return name


def _table(value: Any, shape: str, allowed: set[str] | None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"must be a table of {shape}")
    for key in value:
        if allowed is not None and key not in allowed:
            raise ValueError(f"unknown key {key!r} (known: {', '.join(sorted(allowed))})")
    return value


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    person_folders: tuple[str, ...] = setting(
        "people",
        "folders",
        _folders,
        "where person notes live; new people go into the first",
        ("People", "Persons", "Contacts"),
    )
    person_template: str | None = setting(
        "people", "template", _inside, "the note `add` starts from (default: Templates/Person.md)"
    )
    person_types: tuple[str, ...] = setting(
        "people",
        "types",
        _lower_words,
        "a note whose `type` is one of these is a person",
        ("person", "contact", "crm-contact", "colleague", "classmate"),
    )
    person_tags: tuple[str, ...] = setting(
        "people",
        "tags",
        _lower_words,
        "a note with one of these tags is a person",
        ("person", "people", "contact"),
    )
    person_categories: tuple[str, ...] = setting(
        "people",
        "categories",
        _lower_words,
        "a note in one of these categories is a person",
        ("people",),
    )
    field_aliases: dict[str, tuple[str, ...]] = setting(
        "fields", WHOLE, _field_aliases, 'more keys for a field: `company = ["firm"]`', {}
    )
    default_cadence: Cadence | None = setting(
        "", "default_cadence", _cadence, "the cadence of a note without one"
    )
    cadence_tags: tuple[tuple[str, Cadence], ...] = setting(
        "cadence", "tags", _cadence_tags, 'a cadence per tag: `[cadence.tags] mentor = "1m"`', ()
    )
    ignore: tuple[str, ...] = setting("", "ignore", _words, "folders and globs left out", ())
    daily_folder: str | None = setting(  # only read: may lie anywhere
        "daily_notes", "folder", _text, "where daily notes live (default: Obsidian's setting)"
    )
    daily_format: str | None = setting(
        "daily_notes", "format", _text, "their names, in moment.js tokens (`YYYY-MM-DD`)"
    )
    report_title: str = setting("report", "title", _text_or_none, "the report's title", "notekit")
    report_output: str | None = setting(  # relative to the current folder
        "report",
        "output",
        _text_or_none,
        "where `report` writes (default: site/, or .notekit/site inside the vault)",
    )
    report_notes_folder: str = setting(
        "report", "notes_folder", _inside, "where `report --note` writes the week's note", "Reviews"
    )
    git_autocommit: bool = setting(
        "git", "autocommit", _flag, "commit each change notekit writes", False
    )
    channels: frozenset[str] = setting(
        "", "channels", _channels, "more words read as a channel after an entry's date", CHANNELS
    )
    reply_days: int = setting(
        "engagement", "reply_days", _count(1), "how long an outreach waits for its answer", 14
    )
    rest_after: int = setting(
        "engagement",
        "rest_after",
        _count(0),
        "unanswered outreaches in a row before a person is given a rest; 0: never",
        3,
    )
    nudge: bool = setting(
        "engagement", "nudge", _flag, "an unanswered outreach shows in `due` as a nudge", True
    )
    goals: tuple[tuple[str, int], ...] = setting(
        "goals", WHOLE, _goals, "targets: reconnect_per_month, meetings_per_month, …", ()
    )
    plan_size: int = setting("plan", "size", _count(1), "people in the week's plan", 5)
    plan_focus: tuple[str, ...] = setting(
        "plan", "focus", _words, "goals, tags or orgs the plan favours", ()
    )
    week_starts: str = setting(
        "plan", "week_starts", _weekday, "the day a week starts, for every week", "monday"
    )
    orgs: tuple[tuple[str, tuple[str, ...]], ...] = setting(
        "orgs", WHOLE, _orgs, 'other names of one org: `"Initech" = ["INTC"]`', ()
    )
    me_name: str | None = setting("me", "name", _text_or_none, "how drafts are signed")
    me_linkedin: str | None = setting(
        "me", "linkedin", _text_or_none, "whose LinkedIn export it is"
    )
    me_history: tuple[Any, ...] = setting(
        "me", "history", _history, "where you worked or studied, as a person's `history`", ()
    )
    me_emails: tuple[str, ...] = setting(
        "me", "emails", _emails, "your addresses: your side of calendars and mail", ()
    )
    me_timezone: str | None = setting(
        "me", "timezone", _zone, "the day of a UTC time (default: the calendar's, the machine's)"
    )
    me_language: str | None = setting(
        "me", "language", _text_or_none, "of drafts to a note without `language` (default: en)"
    )
    fingerprint: str = ""  # changes whenever the file's content does


def settings() -> Iterator[dataclasses.Field[Any]]:
    """The fields of Config that the file sets, in order."""
    return (f for f in dataclasses.fields(Config) if "section" in f.metadata)


def load_config(vault: Path, known_fields: frozenset[str]) -> Config:
    """Read `notekit.toml` in the vault; defaults when there is none."""
    path = vault / CONFIG_NAME
    if not path.is_file():
        return Config()
    raw = read_regular(path)
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    return _build(path, data, known_fields, hashlib.sha256(raw).hexdigest())


def parse_config(text: str, known_fields: frozenset[str]) -> Config:
    """A config from the text of a `notekit.toml` (for a vault that is not on disk)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{CONFIG_NAME}: {exc}") from None
    return _build(Path(CONFIG_NAME), data, known_fields, hashlib.sha256(text.encode()).hexdigest())


def _build(path: Path, data: dict[str, Any], known_fields: frozenset[str], digest: str) -> Config:
    """The config the file's data says, each value through its setting's check; an unknown
    key or a bad value is a ConfigError that names the file and the key."""
    declared: dict[str, set[str]] = {"": set()}
    for item in settings():
        section, key = item.metadata["section"], item.metadata["key"]
        declared[""].add(section or key)
        if section and key != WHOLE:
            declared.setdefault(section, set()).add(key)
    for section, allowed in declared.items():
        table = data if not section else data.get(section, {})
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [{section}] must be a table")
        for key in table:
            if key not in allowed:
                where = f"in [{section}] " if section else ""
                known = ", ".join(sorted(allowed))
                raise ConfigError(f"{path}: unknown key {key!r} {where}(known: {known})")
    values: dict[str, Any] = {}
    for item in settings():
        section, key = item.metadata["section"], item.metadata["key"]
        table = data.get(section, {}) if section else data
        if key == WHOLE:
            present, value = section in data, table
        else:
            present, value = key in table, table.get(key)
        if not present:
            continue
        try:
            values[item.name] = item.metadata["check"](value, known_fields)
        except ValueError as exc:
            name = f"[{section}] {key}".rstrip() if section else key
            raise ConfigError(f"{path}: {name}: {exc}") from None
        if values[item.name] is None and item.default is not dataclasses.MISSING:
            values[item.name] = item.default
    return Config(path=path, fingerprint=digest, **values)
