"""Plain values shared by every layer: what a note holds and what we know of a person.

Every value that comes from a file carries its vault-relative path and, where known, its line,
so that any later finding can point the user at the exact place (as beancount does).
The small values are NamedTuples: a cache of thousands of notes loads several times faster.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import NamedTuple

from notekit.core.syntax import DIRECTIONS, MEETINGS
from notekit.core.words import folded_words

ERROR = "error"
WARNING = "warning"


class Problem(NamedTuple):
    """Something wrong in a user file: reported, never raised."""

    path: str
    line: int | None
    severity: str
    message: str

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class Link(NamedTuple):
    """A `[[wikilink]]` as written, with where it sits."""

    target: str  # the part before `#` and `|`, stripped
    line: int  # 0 for a front-matter value without a known line
    in_open_task: bool = False
    in_quote: bool = False
    in_code: bool = False
    in_front_matter: bool = False
    context: str = ""  # the line it stands on, shortened, to show why it counts

    @property
    def counts_as_contact(self) -> bool:
        return not (self.in_open_task or self.in_quote or self.in_code)


class News(NamedTuple):
    """A job change an import logged (`- 2026-11-20 linkedin: now Staff at Globex`): news of
    the person, not a contact with them."""

    date: dt.date
    what: str  # after `now`
    line: int


class Task(NamedTuple):
    """A Markdown task (`- [ ] …`), with its due date when it carries one."""

    text: str
    line: int
    done: bool
    due: dt.date | None
    links: tuple[str, ...] = ()


@dataclass(slots=True)
class ParsedNote:
    """One Markdown file as read from disk, before anything vault-wide is known."""

    path: str  # relative to the vault, `/` separators
    digest: str = ""  # of the file's bytes: tells content changes apart, whatever the mtime
    # the values of the front-matter are read through the Person (`read.fields`), or afresh by
    # a command that edits the note (`read.parse.parse_with_front_matter`); its keys' lines:
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> line
    has_front_matter: bool = False
    front_matter_ok: bool = True  # False: present but (partly) unparseable
    body_start: int = 1  # line number of the first body line
    title: str | None = None  # first `# heading`
    date: dt.date | None = None  # front-matter `date`: a meeting note's day
    entries: list[Interaction] = field(default_factory=list)  # dated entries in the body
    news: list[News] = field(default_factory=list)  # job changes
    opportunities: list[Opportunity] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # inline `#tags`, without `#`
    front_tags: list[str] = field(default_factory=list)  # the front-matter's `tags`
    problems: list[Problem] = field(default_factory=list)
    inline_fields: list[tuple[str, str, int]] = field(default_factory=list)  # key, value, line
    readable: bool = True  # False: binary, unreadable or too large; nothing else is set

    @property
    def stem(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name[:-3] if name.lower().endswith(".md") else name


class Opportunity(NamedTuple):
    """An item of a person's `## Opportunities` (SPEC §4): `- 2026-10-02 referral (open): …`."""

    date: dt.date
    kind: str  # referral, job, intro, collaboration, mentorship, client, advice, other
    status: str  # open, won, lost; given: what I did for them
    text: str
    line: int


class Stint(NamedTuple):
    """A time at an org (SPEC §3 `history`): where, as what, from and to when."""

    org: str
    role: str | None
    start_year: int | None
    end_year: int | None  # None with a start: still there
    start: dt.date | None = None  # the day it began, when the history gives one


class Touch(NamedTuple):
    """What engagement counts of an interaction (SPEC §4): its day, its direction and whether
    it was a meeting. Interactions without either are contacts and nothing more."""

    date: dt.date
    direction: str | None  # "to", "from", or None
    meeting: bool
    reply_to: dt.date | None = None  # the day of the other side's message it answers, by thread


class Event(NamedTuple):
    """A note with a front-matter date that is not a daily note: a meeting held, or an event
    ahead (`KubeCon`), with its tags."""

    date: dt.date
    title: str
    tags: tuple[str, ...]


class Cadence(NamedTuple):
    """How often to be in touch: `count` of `unit` (d, w, m, y)."""

    count: int  # type: ignore[assignment]  # a field, as the unit's number, over tuple.count
    unit: str

    def __str__(self) -> str:
        return f"{self.count}{self.unit}"


class Interaction(NamedTuple):
    """One contact with a person, from whichever note recorded it: in the person's own note,
    each dated list item or heading (kind "entry") is one, straight from the parser."""

    date: dt.date
    source: str  # path of the note that records it
    line: int | None
    kind: str  # "entry" (own note), "daily" (daily note), "dated-note" (note with a date)
    channel: str | None = None
    text: str = ""
    # "to": my outreach, "from": their message, "group": a conversation of several (SPEC §4)
    direction: str | None = None
    # `email from (re 2026-11-01): …`: the day of the other side's message it answers, as the
    # thread told (never after its own day)
    reply_to: dt.date | None = None

    @property
    def meeting(self) -> bool:
        """A meeting: both ways, and an answer to an outreach (SPEC §4). A dated note that
        names the person (a meeting note) is one."""
        return self.kind == "dated-note" or self.channel in MEETINGS

    @property
    def engages(self) -> bool:
        """Whether engagement counts it (SPEC §4): it says who wrote, or it was a meeting."""
        return self.direction in DIRECTIONS or self.meeting

    def touch(self) -> Touch | None:
        """What engagement counts of it; None for a contact without direction or meeting."""
        if not self.engages:
            return None
        return Touch(self.date, self.direction, self.meeting, self.reply_to)


@dataclass(slots=True)
class Person:
    """A person note with its fields resolved through the aliases of SPEC §3: what the note
    itself says, nothing more (what other notes say of them is in the store's Summary)."""

    name: str
    path: str
    aliases: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    company: str | None = None
    role: str | None = None
    emails: list[str] = field(default_factory=list)
    phone: str | None = None
    location: str | None = None
    linkedin: str | None = None
    photo: str | None = None  # an image file beside the note
    channel: str | None = None
    context: str | None = None
    history: list[str] = field(default_factory=list)  # as text, for showing
    stints: tuple[Stint | None, ...] = ()  # each of those items read; None: it names no org
    met_on: dt.date | None = None  # the day we met, when how we met starts with one
    interests: list[str] = field(default_factory=list)
    projects: list[str] = field(default_factory=list)  # what they are working on
    memories: list[str] = field(default_factory=list)  # shared memories besides `## Memories`
    goals: list[str] = field(default_factory=list)
    introduced_by: list[str] = field(default_factory=list)
    knows: list[str] = field(default_factory=list)
    birthday: tuple[int | None, int, int] | None = None  # (year or None, month, day)
    status: str | None = None
    active: bool = True
    fm_last_contact: dt.date | None = None
    next_contact: dt.date | None = None
    fm_cadence: Cadence | None = None
    news: News | None = None  # the latest job change an import logged
    connected: dt.date | None = None  # the day we connected on LinkedIn: a fact, not a contact
    language: str | None = None  # of drafts to them, as the note writes it (`fr`, `French`)

    @property
    def stem(self) -> str:
        return self.path.rsplit("/", 1)[-1][:-3]

    @property
    def known_stints(self) -> tuple[Stint, ...]:
        """The items of the person's history that name an org."""
        return tuple(s for s in self.stints if s is not None)

    @property
    def followed_up(self) -> bool:
        """False when status or `active: false` takes the person out of follow-ups."""
        return self.active and (not self.status or not stops_follow_ups(self.status))

    @property
    def left_out_by(self) -> str | None:
        """What in the note takes them out of follow-ups, as a message says it (`status:
        deceased`, `active: false`); None when nothing does."""
        if self.followed_up:
            return None
        return f"status: {self.status}" if self.status else "active: false"

    @property
    def may_be_asked(self) -> bool:
        """False when their status says never to write to them (`deceased`, `do not
        contact`): no one suggests asking them for anything, an introduction included."""
        return not self.status or not not_to_contact(self.status)


# a status that says never to write to the person, not even to ask them for an introduction:
# by its first word, or by its first words
NOT_TO_CONTACT = frozenset({"deceased", "died", "dnc"})
NOT_TO_CONTACT_PHRASES = ("passed away", "do not contact", "don t contact")
# one that takes a person out of follow-ups (SPEC §3's three, and those above)
INACTIVE_STATUSES = frozenset({"archived", "paused", "inactive", *NOT_TO_CONTACT})
INACTIVE_PHRASES = (*NOT_TO_CONTACT_PHRASES, "on hold")


def _said(status: str, first_words: frozenset[str], phrases: tuple[str, ...]) -> bool:
    words = " ".join(folded_words(status))
    return words.split(" ", 1)[0] in first_words or any(
        f"{words} ".startswith(f"{phrase} ") for phrase in phrases
    )


@functools.lru_cache(maxsize=1024)
def stops_follow_ups(status: str) -> bool:
    """Whether a status takes the person out of follow-ups, whatever its case and punctuation:
    `Archived (2024)`, `Paused until March`, `Passed away`, `Do not contact!`."""
    return _said(status, INACTIVE_STATUSES, INACTIVE_PHRASES)


@functools.lru_cache(maxsize=1024)
def not_to_contact(status: str) -> bool:
    """Whether a status says never to write to them (`Deceased`, `Passed away`, `DNC`): not
    even to ask for an introduction, as an archived or paused person may still be asked."""
    return _said(status, NOT_TO_CONTACT, NOT_TO_CONTACT_PHRASES)


@dataclass(frozen=True)
class DatedTask:
    """An open task with a due date, for the person whose note holds it or whom it links to."""

    person: Person
    source: str  # the note that holds it
    line: int
    text: str
    due: dt.date


class Section(NamedTuple):
    """A part of a note under a heading: what `show` prints of the note itself."""

    heading: str
    line: int  # of the heading
    text: str  # the lines under it, up to the next heading, blank edges trimmed; a line an
    # HTML comment hides is blank, a comment within a line is left out
    start: int = 0  # the line of the text's first line


class NoteParts(NamedTuple):
    """What a person's note holds besides what is kept of it: its sections other than the log,
    and the line of each field it sets (where a draft's sentences come from)."""

    sections: list[Section]
    field_lines: dict[str, int]
