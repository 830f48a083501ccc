"""`notekit.toml` at the vault root: every key optional, every unknown key a clear error."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from notekit.core.dates import parse_cadence
from notekit.core.errors import ConfigError
from notekit.core.model import Cadence
from notekit.core.syntax import CHANNEL_WORD, CHANNELS

CONFIG_NAME = "notekit.toml"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# vault goals (SPEC §4) and the period each target is for
GOALS = {"reconnect_per_month": "month", "meetings_per_month": "month", "outreach_per_week": "week"}


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    person_folders: tuple[str, ...] = ("People", "Persons", "Contacts")  # new people: the first
    person_template: str | None = None  # relative to the vault
    person_types: tuple[str, ...] = ("person", "contact", "crm-contact", "colleague", "classmate")
    person_tags: tuple[str, ...] = ("person", "people", "contact")
    person_categories: tuple[str, ...] = ("people",)
    field_aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    default_cadence: Cadence | None = None
    cadence_tags: tuple[tuple[str, Cadence], ...] = ()
    ignore: tuple[str, ...] = ()
    daily_folder: str | None = None
    daily_format: str | None = None
    report_title: str = "notekit"
    report_output: str | None = None  # relative to the current folder; None: not set
    report_notes_folder: str = "Reviews"  # where `report --note` writes the week's note
    git_autocommit: bool = False
    channels: frozenset[str] = CHANNELS  # words read as a channel after an entry's date
    reply_days: int = 14  # [engagement]: how long an outreach waits for its answer
    rest_after: int = 3  # unanswered outreaches in a row before a person is given a rest; 0: never
    nudge: bool = True  # an outreach left unanswered shows in `due` as a gentle nudge
    goals: tuple[tuple[str, int], ...] = ()  # [goals]: (goal, target), in the config's order
    plan_size: int = 5  # [plan] size: people in the week's plan
    plan_focus: tuple[str, ...] = ()  # [plan] focus: goals, tags or orgs to favour
    week_starts: str = "monday"  # [plan] week_starts
    orgs: tuple[tuple[str, tuple[str, ...]], ...] = ()  # [orgs]: name = [aliases]
    me_name: str | None = None  # [me] name: how drafts are signed
    me_linkedin: str | None = None  # [me] linkedin: the user's own profile URL
    me_history: tuple[Any, ...] = ()  # [me] history: where the user worked or studied (SPEC §3)
    me_emails: tuple[str, ...] = ()  # [me] emails: my addresses (lower-case), in calendars and mail
    me_timezone: str | None = None  # [me] timezone: the day of a UTC time; else the machine's
    me_language: str | None = None  # [me] language: of drafts to a note without `language`
    fingerprint: str = ""  # changes whenever the file's content does


_SECTIONS: dict[str, set[str]] = {
    "": {
        "default_cadence",
        "channels",
        "ignore",
        "people",
        "fields",
        "cadence",
        "report",
        "daily_notes",
        "git",
        "me",
        "engagement",
        "goals",
        "plan",
        "orgs",
    },
    "plan": {"size", "focus", "week_starts"},
    "engagement": {"reply_days", "rest_after", "nudge"},
    "goals": set(GOALS),
    "me": {"name", "linkedin", "history", "emails", "timezone", "language"},
    "people": {"folders", "types", "tags", "categories", "template"},
    "git": {"autocommit"},
    "cadence": {"tags"},
    "report": {"title", "output", "notes_folder"},
    "daily_notes": {"folder", "format"},
}


def load_config(vault: Path, known_fields: frozenset[str]) -> Config:
    """Read `notekit.toml` in the vault; defaults when there is none."""
    path = vault / CONFIG_NAME
    if not path.is_file():
        return Config()
    raw = path.read_bytes()
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
    def fail(message: str) -> ConfigError:
        return ConfigError(f"{path}: {message}")

    for section, allowed in _SECTIONS.items():
        table = data if not section else data.get(section, {})
        if not isinstance(table, dict):
            raise fail(f"[{section}] must be a table")
        for key in table:
            if key not in allowed:
                where = f"in [{section}] " if section else ""
                raise fail(f"unknown key {key!r} {where}(known: {', '.join(sorted(allowed))})")

    def words(table: dict[str, Any], key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = table.get(key, default)
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise fail(f"{key!r} must be a list of strings")
        return tuple(value)

    def cadence(value: Any, key: str) -> Cadence | None:
        try:
            return parse_cadence(value)
        except ValueError as exc:
            raise fail(f"{key}: {exc}") from None

    def text(table: dict[str, Any], key: str, default: str | None) -> str | None:
        value = table.get(key, default)
        if value is not None and not isinstance(value, str):
            raise fail(f"{key!r} must be a string")
        return value

    def inside(value: str | None, key: str) -> str | None:
        """A folder or file notekit may write to: relative, and inside the vault."""
        if value is None:
            return None
        parts = PurePosixPath(value.replace("\\", "/")).parts
        if not parts or value.startswith(("/", "~")) or ":" in value or ".." in parts:
            raise fail(f'{key} = {value!r}: must be a path inside the vault, like "People"')
        return value

    def folders(table: dict[str, Any], key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        values = words(table, key, default)
        for value in values:
            inside(value, key)
        return values

    people = data.get("people", {})
    defaults = Config()
    aliases: dict[str, tuple[str, ...]] = {}
    for name in data.get("fields", {}):
        if name not in known_fields:
            raise fail(
                f"unknown field {name!r} in [fields] (known: {', '.join(sorted(known_fields))})"
            )
        aliases[name] = words(data["fields"], name, ())
    tag_rules = data.get("cadence", {}).get("tags", {})
    if not isinstance(tag_rules, dict):
        raise fail("[cadence.tags] must be a table of tag = cadence")
    report = data.get("report", {})
    daily = data.get("daily_notes", {})
    engagement = data.get("engagement", {})
    orgs = data.get("orgs", {})
    if not isinstance(orgs, dict):
        raise fail('[orgs] must be a table of name = ["alias", …]')
    plan = data.get("plan", {})
    week_starts = str(plan.get("week_starts", "monday")).lower()
    if week_starts not in WEEKDAYS:
        raise fail(f"[plan] week_starts = {week_starts!r}: one of {', '.join(WEEKDAYS)}")
    goals = data.get("goals", {})
    me = data.get("me", {})
    history = me.get("history", [])
    if not isinstance(history, list) or not all(isinstance(i, (str, dict)) for i in history):
        raise fail("[me] history must be a list of texts or tables (see docs/format.md)")
    return Config(
        path=path,
        person_folders=folders(people, "folders", defaults.person_folders),
        person_template=inside(text(people, "template", None), "template"),
        person_types=tuple(t.lower() for t in words(people, "types", defaults.person_types)),
        person_tags=tuple(t.lower() for t in words(people, "tags", defaults.person_tags)),
        person_categories=tuple(
            c.lower() for c in words(people, "categories", defaults.person_categories)
        ),
        field_aliases=aliases,
        default_cadence=cadence(data.get("default_cadence"), "default_cadence"),
        cadence_tags=tuple(
            (tag.lower().lstrip("#"), c)
            for tag, value in tag_rules.items()
            if (c := cadence(value, f"[cadence.tags] {tag}")) is not None
        ),
        ignore=words(data, "ignore", ()),
        daily_folder=text(daily, "folder", None),  # only read: may lie anywhere
        daily_format=text(daily, "format", None),
        report_title=text(report, "title", defaults.report_title) or defaults.report_title,
        report_output=text(report, "output", None) or None,
        report_notes_folder=inside(
            text(report, "notes_folder", defaults.report_notes_folder), "notes_folder"
        )
        or defaults.report_notes_folder,
        git_autocommit=_flag(data.get("git", {}), "autocommit", fail),
        channels=CHANNELS | {_channel(word, fail) for word in words(data, "channels", ())},
        reply_days=_count(engagement, "reply_days", 14, 1, fail),
        rest_after=_count(engagement, "rest_after", 3, 0, fail),
        nudge=_flag(engagement, "nudge", fail, default=True),
        goals=tuple((goal, _count(goals, goal, 0, 1, fail)) for goal in goals),
        plan_size=_count(plan, "size", 5, 1, fail),
        plan_focus=words(plan, "focus", ()),
        week_starts=week_starts,
        orgs=tuple((name, words(orgs, name, ())) for name in orgs),
        me_name=text(me, "name", None) or None,
        me_linkedin=text(me, "linkedin", None) or None,
        me_history=tuple(history),
        me_emails=tuple(e.strip().lower() for e in words(me, "emails", ()) if e.strip()),
        me_timezone=_zone(text(me, "timezone", None), fail),
        me_language=text(me, "language", None) or None,
        fingerprint=digest,
    )


def _zone(name: str | None, fail: Any) -> str | None:
    """An IANA time zone name (`Europe/Lisbon`), checked against the system's zones."""
    if not name:
        return None
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise fail(f"[me] timezone = {name!r}: no such time zone (e.g. Europe/Lisbon)") from None
    return name


def _channel(word: str, fail: Any) -> str:
    if not CHANNEL_WORD.fullmatch(word):
        raise fail(f"channels: {word!r} is not one word (letters, digits, - or _)")
    return word.lower()


def _count(table: dict[str, Any], key: str, default: int, least: int, fail: Any) -> int:
    value = table.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < least:
        raise fail(f"{key!r} must be a whole number, {least} or more")
    return value


def _flag(table: dict[str, Any], key: str, fail: Any, default: bool = False) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise fail(f"{key!r} must be true or false")
    return value
