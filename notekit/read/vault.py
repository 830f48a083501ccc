"""Where the vault is and which of its files are notes (SPEC §2), daily-note naming included."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import re
import stat
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path
from typing import NamedTuple

from notekit.core.model import ERROR, WARNING, Problem
from notekit.read.config import CONFIG_NAME, Config
from notekit.read.files import is_temp_name, read_regular

LEFTOVER = (
    "a temporary file of a notekit write that did not finish (or is under way): the next "
    "notekit write removes it once it is stale; it is safe to delete"
)


NOT_A_FILE = "not a regular file (a FIFO, a socket or a device): skipped, never read"


class NoteFile(NamedTuple):
    path: str  # relative to the vault, `/` separators
    size: int
    mtime_ns: int


def find_vault(explicit: str | None, cwd: Path) -> Path | None:
    """`--vault`, else `$NOTEKIT_VAULT`, else the nearest folder from the working directory up
    that holds notekit.toml or .obsidian/ (as git looks for .git); None when there is none, so
    that a command run elsewhere refuses at once rather than read whatever folder it is in."""
    chosen = explicit or os.environ.get("NOTEKIT_VAULT")
    if chosen:
        return Path(chosen).expanduser().resolve()
    here = cwd.resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file() or (folder / ".obsidian").is_dir():
            return folder
    return None


def discover(vault: Path, config: Config) -> tuple[list[NoteFile], list[Problem]]:
    """Every note file of the vault, sorted by path, following folder links once each."""
    templates = {t.strip("/").lower() for t in _obsidian_templates_folders(vault)}
    files: list[NoteFile] = []
    problems: list[Problem] = []
    seen_dirs: set[tuple[int, int]] = set()
    ignore = config.ignore

    def walk(folder: Path, rel: str) -> None:
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen_dirs:
                return  # a link back to a folder already read: a loop, or a second route
            seen_dirs.add((info.st_dev, info.st_ino))
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(rel or ".", None, ERROR, f"cannot read folder: {exc.strerror}"))
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                if is_temp_name(name):
                    problems.append(
                        Problem(f"{rel}/{name}" if rel else name, None, WARNING, LEFTOVER)
                    )
                continue
            child = f"{rel}/{name}" if rel else name
            if ignore and _ignored(child, ignore):
                continue
            note = name.lower().endswith(".md")
            status: os.stat_result | None
            try:
                if not note and not entry.is_dir():  # an attachment: no stat needed
                    continue
                status = entry.stat()  # follows links; a loop raises ELOOP
            except OSError as exc:
                if note:
                    problems.append(Problem(child, None, ERROR, f"cannot read: {exc.strerror}"))
                    continue
                status = None  # a folder that cannot be read (a path too long): the walk says why
            if status is None or stat.S_ISDIR(status.st_mode):
                if name.lower() != "templates" and child.lower() not in templates:
                    walk(Path(entry.path), child)
            elif note and stat.S_ISREG(status.st_mode):
                files.append(NoteFile(child, status.st_size, status.st_mtime_ns))
            elif note:
                problems.append(Problem(child, None, WARNING, NOT_A_FILE))

    walk(vault, "")
    return files, problems


def attachments(vault: Path) -> Callable[[str], bool]:
    """Whether a link target names a file of the vault that is no note (`[[banner.jpg]]`,
    `[[img/map.pdf]]`), by its name anywhere or by the end of its path, as Obsidian resolves
    it. The vault is walked once, when first asked (dot folders skipped)."""
    found: list[tuple[set[str], set[str]]] = []

    def exists(target: str) -> bool:
        if not found:
            names: set[str] = set()
            paths: set[str] = set()
            for folder, dirs, files in os.walk(vault):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                rel = Path(folder).relative_to(vault).as_posix()
                for name in files:
                    if not name.lower().endswith(".md"):
                        names.add(name.lower())
                        paths.add(f"{rel}/{name}".lower().removeprefix("./"))
            found.append((names, paths))
        names, paths = found[0]
        wanted = target.strip().lower().lstrip("/")
        return wanted in names or wanted in paths or any(p.endswith("/" + wanted) for p in paths)

    return exists


def leftovers(problems: list[Problem]) -> list[str]:
    """The temporary files of unfinished notekit writes that a listing found."""
    return [p.path for p in problems if p.message == LEFTOVER]


def _ignored(rel: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch(rel, p) or fnmatch(rel, p.rstrip("/") + "/*") for p in patterns)


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(read_regular(path).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _obsidian_templates_folders(vault: Path) -> list[str]:
    core = _read_json(vault / ".obsidian" / "templates.json").get("folder")
    templater = _read_json(
        vault / ".obsidian" / "plugins" / "templater-obsidian" / "data.json"
    ).get("templates_folder")
    return [f for f in (core, templater) if isinstance(f, str) and f.strip("/")]


class DailyNotes:
    """Tells a daily note's date from its path: `YYYY-MM-DD.md` anywhere, plus the folder and
    moment.js format of Obsidian's daily-notes settings or the config's [daily_notes]."""

    _ISO_STEM = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")

    def __init__(self, vault: Path, config: Config) -> None:
        settings = _read_json(vault / ".obsidian" / "daily-notes.json")
        folder = config.daily_folder if config.daily_folder is not None else settings.get("folder")
        fmt = config.daily_format or settings.get("format") or "YYYY-MM-DD"
        self._folder = (folder or "").strip("/") if isinstance(folder, str) else ""
        self._pattern = _moment_regex(fmt if isinstance(fmt, str) else "YYYY-MM-DD")

    @property
    def settings(self) -> tuple[str, str | None]:
        """What tells a daily note apart: its folder and the pattern of its name."""
        return self._folder, None if self._pattern is None else self._pattern.pattern

    def date_of(self, path: str) -> dt.date | None:
        stem = path.rsplit("/", 1)[-1][:-3]
        match = self._ISO_STEM.match(stem)
        if match:
            return _safe_date(*(int(g) for g in match.groups()))
        prefix = f"{self._folder}/" if self._folder else ""
        if self._pattern is None or not path.startswith(prefix):
            return None
        match = self._pattern.match(path[len(prefix) : -3])
        if not match:
            return None
        parts = match.groupdict()
        year = int(parts["Y"]) if parts.get("Y") else None
        if year is not None and year < 100:
            year += 2000
        month = (
            int(parts["M"]) if parts.get("M") else _MONTHS.get((parts.get("MN") or "")[:3].lower())
        )
        day = int(parts["D"]) if parts.get("D") else None
        if year is None or month is None or day is None:
            return None
        return _safe_date(year, month, day)


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MOMENT_TOKENS = [
    ("YYYY", r"(?P<Y>\d{4})"),
    ("YY", r"(?P<Y>\d{2})"),
    ("MMMM", r"(?P<MN>[A-Za-z]+)"),
    ("MMM", r"(?P<MN>[A-Za-z]{3})"),
    ("MM", r"(?P<M>\d{2})"),
    ("M", r"(?P<M>\d{1,2})"),
    ("DDDD", r"\d{3}"),
    ("DD", r"(?P<D>\d{2})"),
    ("Do", r"(?P<D>\d{1,2})(?:st|nd|rd|th)"),
    ("D", r"(?P<D>\d{1,2})"),
    ("dddd", r"[A-Za-z]+"),
    ("ddd", r"[A-Za-z]{3}"),
    ("dd", r"[A-Za-z]{2}"),
    ("d", r"\d"),
    ("ww", r"\d{2}"),
    ("w", r"\d{1,2}"),
    ("gggg", r"\d{4}"),
]


def _moment_regex(fmt: str) -> re.Pattern[str] | None:
    """A regex for file paths written with a moment.js date format, or None if unusable."""
    out, i, used = [], 0, set()
    while i < len(fmt):
        if fmt[i] == "[":
            end = fmt.find("]", i)
            end = len(fmt) if end < 0 else end
            out.append(re.escape(fmt[i + 1 : end]))
            i = end + 1
            continue
        for token, regex in _MOMENT_TOKENS:
            if fmt.startswith(token, i):
                group = re.search(r"\?P<(\w+)>", regex)
                if group and group.group(1) in used:
                    regex = re.sub(r"\?P<\w+>", "?:", regex)
                elif group:
                    used.add(group.group(1))
                out.append(regex)
                i += len(token)
                break
        else:
            out.append(re.escape(fmt[i]))
            i += 1
    try:
        return re.compile("^" + "".join(out) + "$", re.IGNORECASE)
    except re.error:
        return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
