"""What `add`, `log` and `snooze` change, planned as a Change before anything is written.

Planning reads the note fresh from disk (never from the cache) and builds the new bytes with
the surgical edits of `edit`; `apply` writes them atomically, or `diff` shows them for
`--dry-run`. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from notekit.core.model import ParsedNote, Person
from notekit.core.syntax import CHANNEL_WORD, GROUP, directed, lines_with_ends, one_line, tag_list
from notekit.read.fields import LIST_FIELDS, WORDS
from notekit.read.files import remove_stale_temp
from notekit.read.parse import parse_note, parse_with_front_matter
from notekit.read.yamlfm import flow_list, flow_scalar, flow_value
from notekit.rules.match import profile_key
from notekit.rules.orgs import org_matcher
from notekit.store.summary import Summary
from notekit.write.edit import (
    EditError,
    NoteText,
    Snapshot,
    append_item,
    append_log_entries,
    append_log_entry,
    create_new,
    open_note,
    remove_item,
    remove_value,
    set_inline,
    set_value,
    vault_path,
    verify_edit,
    write_atomic,
)
from notekit.write.gitvault import commit_file

MAX_STEM = 120
_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|#^\[\]]+')


@dataclass(frozen=True)
class Change:
    """New bytes for one note, and how to describe them."""

    vault: Path
    rel: str  # vault-relative, `/` separators
    before: Snapshot | None  # None: a new file
    after: bytes
    message: str  # one line, also the git commit message
    aside: str = ""  # what the user should know besides, said after the message

    def discard(self) -> None:
        """Drop the change unwritten, letting other writers of the note go on."""
        if self.before is not None:
            self.before.release()

    @property
    def path(self) -> Path:
        """The real file written: links followed, never outside the vault."""
        return vault_path(self.vault, self.rel)


def checked_channel(channel: str) -> str:
    """The channel as an entry writes it (lower case); EditError unless it is one word."""
    channel = channel.lower()
    if not CHANNEL_WORD.fullmatch(channel):
        raise EditError(f"a channel is one word (letters, digits, - or _), not {channel!r}")
    return channel


def log_entry(
    date: dt.date,
    text: str,
    channel: str | None = None,
    direction: str | None = None,
    members: str = "",
    reply_to: dt.date | None = None,
) -> str:
    """The text of a log entry after `- `: `DATE channel: text`, `DATE channel to: text`
    (SPEC §4; `from:` for their message to me, `from (re DAY):` for their answer by thread to
    mine of DAY), `DATE channel group with MEMBERS: text` (from `syntax.group_with`), or `DATE
    text`. EditError for an empty one or a channel that is not one word."""
    text = one_line(text)
    if not text and not direction:
        raise EditError("nothing to log: the text is empty")
    if channel is not None:
        channel = checked_channel(channel)
    if direction == GROUP:
        return f"{date.isoformat()} {channel} {GROUP} with {members}: {text}".rstrip()
    if direction:
        return f"{date.isoformat()} {channel} {directed(direction, reply_to)}: {text}".rstrip()
    if channel:
        return f"{date.isoformat()} {channel}: {text}"
    return f"{date.isoformat()} {text}"


def plan_log(
    index: Summary,
    person: Person,
    today: dt.date,
    text: str,
    date: dt.date | None = None,
    channel: str | None = None,
    keep_follow_up: bool = False,
    direction: str | None = None,
) -> Change:
    """A `- DATE channel: text` entry in the log section (see `plan_entries`)."""
    date = date or today
    entry = log_entry(date, text, channel, direction)
    summary = (
        f"{channel.lower()} with {person.name}" if channel else f"{person.name}: {_short(text)}"
    )
    return plan_entries(index, person, today, [(date, entry)], f"log: {summary}", keep_follow_up)


def plan_entries(
    index: Summary,
    person: Person,
    today: dt.date,
    entries: list[tuple[dt.date, str]],
    message: str,
    keep_follow_up: bool,
    planned: bytes | None = None,
) -> Change:
    """Entries (day, text from `log_entry`) in the log section, in one edit of the note; the
    front-matter last-contact field, when the note has one, moves forward to the latest of
    them (never back, never into the future); and a follow-up date on or after it is cleared,
    since that contact meets it (unless `keep_follow_up`; entries ahead are plans and meet
    nothing yet). `planned`: see `edit_note`."""
    past = [day for day, _ in entries if day <= today]
    latest = max(past) if past else None
    cleared: list[dt.date] = []

    def edit(note: NoteText, snapshot: Snapshot) -> None:
        # fields first, inline ones first of all: their line numbers are those read
        if latest is not None:
            parsed, values = parse_with_front_matter(snapshot.path.name, snapshot.data)
            written, _ = index.fields.person(parsed, values)
            last = written.fm_last_contact
            if last is None or last < latest:
                _set_field(note, parsed, index, "last_contact", latest.isoformat(), added=False)
            follow_up = written.next_contact
            if not keep_follow_up and follow_up is not None and follow_up >= latest:
                _set_field(note, parsed, index, "next_contact", None, added=False)
                cleared.append(follow_up)
        append_log_entries(note, [(day, entry, ()) for day, entry in entries])

    change = edit_note(index, person.path, edit, message, planned)
    if not cleared:
        return change
    aside = (
        f"the follow-up date {cleared[0]} is met by this contact, so it was cleared "
        "(--keep-follow-up keeps it)"
    )
    return dataclasses.replace(change, aside=aside)


def _outside(value: str | list[str]) -> str | list[str]:
    """A value from outside (an argument, an import) as notekit writes it: one line of text
    (`one_line`), or a list of such lines without the empty ones."""
    if isinstance(value, str):
        return one_line(value)
    return [text for text in map(one_line, value) if text]


GROWING = ("email", "tags", "aliases")  # lists an import adds to, never takes from


def plan_fill(
    index: Summary,
    person: Person,
    fields: dict[str, str | list[str]],
    message: str,
    update: bool = False,
) -> tuple[Change | None, list[tuple[str, str, str]]]:
    """Set the fields the note has no value for yet (company, role, email, linkedin, …), each
    where the note keeps it or as a new front-matter key; a list (emails, tags, aliases) gains
    the items it lacks, none taken away. With `update`, a value that differs is replaced too.
    The change (None when there is nothing to do) and what was replaced or added: field, old,
    new."""
    missing: list[str] = []
    replaced: list[tuple[str, str, str]] = []
    fields = {field: _outside(value) for field, value in fields.items()}

    def edit(note: NoteText, snapshot: Snapshot) -> None:
        written, _ = index.fields.person(
            *parse_with_front_matter(snapshot.path.name, snapshot.data)
        )
        for field, value in fields.items():
            find = field_finder(index, field)
            if not _has_value(written, field):
                set_value(note, field, flow_value(value), find)
                missing.append(field)
            elif field in GROWING:
                held = _held(written, field)
                for item in [value] if isinstance(value, str) else value:
                    if item.casefold() not in held:
                        append_item(note, field, flow_scalar(item), find, WORDS.get(field))
                        held.add(item.casefold())
                        replaced.append((field, "", item))
            elif update and isinstance(value, str) and _differs(written, field, value):
                set_value(note, field, flow_value(value), find)
                replaced.append((field, _shown(written, field), value))

    change = edit_note(index, person.path, edit, message)
    if not missing and not replaced:
        change.discard()
        return None, []
    said = [*missing, *dict.fromkeys(field for field, _, _ in replaced)]
    return dataclasses.replace(change, message=f"{message}: {', '.join(said)}"), replaced


def _shown(person: Person, field: str) -> str:
    """A field's value as the note gives it, in words."""
    value = getattr(person, field, None)
    if field == "birthday" and value:
        year, month, day = value
        return f"{year:04d}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"
    return "" if value is None else str(value)


def _differs(person: Person, field: str, value: str) -> bool:
    """Whether the note says something else than `value`: a birthday or a profile URL in
    another form, a phone number with other spacing, is the same."""
    from notekit.core.dates import parse_birthday

    old = getattr(person, field, None)
    if field == "birthday":  # a day of the calendar: the readers of contacts see to it
        return parse_birthday(value) != old
    if field == "linkedin":
        return profile_key(value) != profile_key(str(old))
    if field == "phone":
        digits = lambda text: "".join(c for c in text if c.isdigit() or c == "+")  # noqa: E731
        return digits(value) != digits(str(old))
    return str(old).casefold() != value.casefold()


def plan_new_role(
    index: Summary,
    person: Person,
    today: dt.date,
    company: str | None,
    role: str | None,
    source: str,
) -> Change:
    """A job change as news: the old company and role go into `history` (SPEC §3) as
    `{org, role, to}`, `to` being this year, the latest they can have been there; the new ones
    are set; and `- TODAY source: now Role at Company (was Role at Company)` (NEWS) goes into
    the log. A new company without a role clears the old role, which was held at the old
    one: nothing says it goes on. A company that names the note's org otherwise (`Globex
    S.A.`, an `[orgs]` alias) is no new one: the note's name of it stays."""

    def at(role_: str | None, company_: str | None) -> str:
        return f"{role_ or ''} at {company_}".lstrip() if company_ else role_ or ""

    company, role = (one_line(value) if value else None for value in (company, role))
    org = org_matcher(index.config)
    if company and person.company and org(company) == org(person.company):
        company = None  # the same org: its name stays as the note writes it (`Globex`)
    elsewhere = bool(company and person.company)
    kept_role = None if elsewhere else person.role

    was = at(person.role, person.company)
    now = at(role or kept_role, company or person.company)
    stint: dict[str, str | int] = {
        key: value
        for key, value in (("org", person.company), ("role", person.role))
        if value is not None
    }
    stint["to"] = today.year

    def edit(note: NoteText, snapshot: Snapshot) -> None:
        for field, value in (("company", company), ("role", role)):
            if value:
                set_value(note, field, flow_scalar(value), field_finder(index, field))
        if elsewhere and not role and person.role:
            parsed = parse_note(snapshot.path.name, snapshot.data)
            _set_field(note, parsed, index, "role", None, added=False)
        if was:
            append_item(note, "history", flow_value(stint), field_finder(index, "history"))
        entry = f"{today.isoformat()} {source}: now {now}" + (f" (was {was})" if was else "")
        append_log_entry(note, today, one_line(entry))

    return edit_note(index, person.path, edit, f"import {source}: {person.name} is now {now}")


def _has_value(person: Person, field: str) -> bool:
    value = person.emails if field == "email" else getattr(person, field, None)
    return bool(value)


@dataclass(frozen=True)
class Assignment:
    """One change `set` makes to a field: `key=value`, `key=` (cleared), `key+=item`,
    `key-=item`."""

    key: str  # as the user wrote it
    op: str  # "=", "+=", "-="
    value: str


_KEY = re.compile(r"[A-Za-z][\w -]*")  # with fullmatch, on the text before `=`
DATE_FIELDS = ("last_contact", "next_contact")


def parse_assignment(text: str) -> Assignment | None:
    """`key=value`, `key+=item`, `key-=item` as an Assignment; None for text that is none (a
    name)."""
    at = text.find("=")
    if at < 0:
        return None
    op = "=" if at == 0 or text[at - 1] not in "+-" else text[at - 1] + "="
    key = text[: at - len(op) + 1].strip()
    if not _KEY.fullmatch(key):
        return None
    return Assignment(key, op, one_line(text[at + 1 :]))


def _held(person: Person, field: str) -> set[str]:
    """The person's emails, tags or aliases (`GROWING`), as read, case aside."""
    items = {"email": person.emails, "tags": person.tags}.get(field, person.aliases)
    return {item.casefold() for item in items}


def _holds(index: Summary, note: NoteText, field: str, item: str) -> bool:
    """Whether the note, as it is now, holds `item` in that field already."""
    person, _ = index.fields.person(*parse_with_front_matter(note.name, note.encode()))
    return item.casefold() in _held(person, field)


def plan_set(index: Summary, person: Person, assignments: list[Assignment]) -> Change | None:
    """The assignments on one person's note, each through the edit its field needs: a value
    set where the note keeps it (its key's own spelling, or an inline field for a date), a
    cleared value's lines removed, an item added to or taken from a list. None when the note
    says so already."""
    said = ", ".join(f"{a.key}{a.op}{a.value}" for a in assignments)

    def edit(note: NoteText, snapshot: Snapshot) -> None:
        parsed, values = parse_with_front_matter(snapshot.path.name, snapshot.data)
        for each in assignments:
            field = index.fields.field_of(each.key)
            find = field_finder(index, field) if field else same_key(each.key)
            if each.op == "+=":
                if field not in GROWING or not _holds(index, note, field, each.value):
                    words = WORDS.get(field or "")
                    append_item(note, each.key, flow_scalar(each.value), find, words)
            elif each.op == "-=":
                remove_item(note, each.value, find, WORDS.get(field or ""))
            elif field in DATE_FIELDS:
                _set_field(note, parsed, index, field, each.value or None, added=True)
            elif not each.value:
                remove_value(note, find)
            elif field in LIST_FIELDS:
                items = [item.strip() for item in each.value.split(",") if item.strip()]
                written = index.fields.key_for(parsed, field)
                one = len(items) == 1 and isinstance(values.get(written or ""), str)
                value = flow_scalar(items[0]) if one else flow_list(items)  # its shape kept
                set_value(note, each.key, value, find)
            else:
                set_value(note, each.key, flow_scalar(each.value), find)

    change = edit_note(index, person.path, edit, f"set: {said} on {person.name}")
    if change.before is not None and change.after == change.before.data:
        change.discard()
        return None
    return change


def same_key(key: str) -> Callable[[str], bool]:
    """Tells whether a front-matter key, as written, is `key`, ignoring case."""
    return lambda written: written.casefold() == key.casefold()


def plan_snooze(index: Summary, person: Person, today: dt.date, until: dt.date) -> Change:
    """Set the next-contact field (keeping the key the note uses, else `next_contact`)."""
    if until <= today:
        raise EditError(f"{until.isoformat()} is not after today ({today.isoformat()})")
    message = f"snooze: {person.name} until {until.isoformat()}"

    def edit(note: NoteText, snapshot: Snapshot) -> None:
        parsed = parse_note(snapshot.path.name, snapshot.data)
        _set_field(note, parsed, index, "next_contact", until.isoformat(), added=True)

    return edit_note(index, person.path, edit, message)


def _set_field(
    note: NoteText,
    parsed: ParsedNote,
    index: Summary,
    field: str,
    value: str | None,
    added: bool,
) -> None:
    """Set a date field where the note keeps it: its front-matter key, else its inline field
    (`Next contact:: …`), else (when `added`) a new front-matter key. None removes the value:
    the front-matter line goes, an inline field is left empty."""
    find = field_finder(index, field)
    inline = index.fields.inline_line(parsed, field)
    if inline is not None:
        set_inline(note, inline, find, value or "")
    elif value is None:
        remove_value(note, find)
    elif added or index.fields.key_for(parsed, field) is not None:
        set_value(note, field, value, find)


def plan_add(
    index: Summary,
    name: str,
    today: dt.date,
    fields: dict[str, str | list[str]],
    numbered: bool = False,
    body: str | None = None,
    taken: Collection[str] = (),
) -> Change:
    """A new person note from the vault's template (or the built-in one) in the people folder.

    `fields` maps field names (company, role, email, tags, cadence, aliases, birthday, history,
    context, linkedin) to a text or a list of texts. `numbered`: when the file exists, the note
    is `NAME 2.md` (or the next free number) rather than refused. `body`: text from outside
    (an address book's note), added under `## Notes` at the end, each line as `one_line` has it.
    `taken`: paths of notes planned but not written yet (by a dry run), which count as there.
    """
    name = new_person_name(name)
    rel = next_note_path(index, name, taken)
    if not numbered and rel != (first := f"{_people_folder(index)}/{safe_stem(name)}.md"):
        raise EditError(f"{first} already exists")
    stem = rel.rsplit("/", 1)[-1][:-3]
    template = _template_text(index, name, today)
    note = NoteText(template.encode("utf-8"), rel)
    if stem != name:
        set_value(note, "name", flow_scalar(name), field_finder(index, "name"))
    for field, value in fields.items():
        value = _outside(value)
        if not value:
            continue
        if field == "tags":
            existing = _template_tags(index, note)
            value = list(dict.fromkeys([*existing, *value]))
        rendered = flow_list(value) if isinstance(value, list) else flow_scalar(value)
        set_value(note, field, rendered, field_finder(index, field))
    lines = [line for line in map(one_line, (body or "").splitlines()) if line]
    if lines:
        gap = [""] if note.last >= 0 and note.content(note.last).strip() else []
        note.insert(note.last + 1, [*gap, "## Notes", "", *lines])
    data = note.encode()
    if not parse_note(rel, data).front_matter_ok:
        raise EditError(f"the person template gives broken front-matter: {rel} not written")
    verify_edit(template.encode("utf-8"), data, note.intended, rel)
    return Change(index.vault, rel, None, data, f"add: {name}")


def new_person_name(name: str) -> str:
    """`name` as a new note gets it: one line, NFC. Refused without a letter or a digit, which
    its file name and a link to it need."""
    name = unicodedata.normalize("NFC", one_line(name))
    if not any(c.isalnum() for c in name):
        raise EditError(f"a name needs a letter or a digit, not {name!r}")
    return name


def next_note_path(index: Summary, name: str, taken: Collection[str] = ()) -> str:
    """Where a new note for `name` goes: `NAME.md` in the people folder, else `NAME 2.md` (or
    the next free number); `taken` as in `plan_add`."""
    name = unicodedata.normalize("NFC", one_line(name))
    return free_path(index.vault, _people_folder(index), name, taken=taken)


def free_path(
    vault: Path,
    folder: str,
    name: str,
    stem: Callable[[str], str] | None = None,
    taken: Collection[str] = (),
) -> str:
    """`folder/NAME.md` in the vault when no file (nor a path of `taken`) has that name, else
    `NAME 2.md` or the next free number; `stem` makes a name a file's (default `safe_stem`).
    The number is added after the name is made a file's, and a name too long for it is cut to
    make room: each number gives another path, so a free one is always found."""
    head = (stem or safe_stem)(name)
    rel = f"{folder}/{head}.md"
    number = 1
    while (vault / rel).exists() or rel in taken:
        number += 1
        suffix = f" {number}"
        while len((head + suffix).encode("utf-8")) > MAX_STEM and len(head) > 1:
            head = head[:-1].rstrip(". ") or head[:1]
        rel = f"{folder}/{head}{suffix}.md"
    return rel


def safe_stem(name: str) -> str:
    """A file name that keeps a name readable (`Zoë Ångström`, `O'Reilly, Liam`) but can never
    leave its folder or break a wikilink: no separators, `..`, control or link characters.
    `name` holds a letter or a digit (plan_add refuses others), so some of it always stays."""
    stem = _UNSAFE.sub(" ", unicodedata.normalize("NFC", name))
    stem = " ".join(stem.split()).strip(". ")
    while len(stem.encode("utf-8")) > MAX_STEM:
        stem = stem[:-1].rstrip(". ")
    return stem


def edit_note(
    index: Summary,
    rel: str,
    edit: Callable[[NoteText, Snapshot], None],
    message: str,
    planned: bytes | None = None,
) -> Change:
    """Read the note (taking its write lock, held until the change is written or dropped),
    edit its text, and check that the front-matter still says what it said but for the keys
    the edit set. `planned`: the text of a note a dry run would have created, edited instead."""
    path = vault_path(index.vault, rel)
    snapshot = Snapshot.read(path) if planned is None else Snapshot.planned(path, planned)
    try:
        note = open_note(snapshot.data, rel)
        edit(note, snapshot)
        after = note.encode()
        verify_edit(snapshot.data, after, note.intended, rel, note.inline)
    except BaseException:
        snapshot.release()
        raise
    return Change(index.vault, rel, snapshot, after, message)


def field_finder(index: Summary, field: str) -> Callable[[str], bool]:
    """Tells whether a front-matter key, as written, is this field (through its aliases)."""
    return lambda key: index.fields.field_of(key) == field


def _template_tags(index: Summary, note: NoteText) -> list[str]:
    parsed, values = parse_with_front_matter("template.md", note.encode())
    key = index.fields.key_for(parsed, "tags")
    return tag_list(values.get(key)) if key else []


def _people_folder(index: Summary) -> str:
    existing = {p.name.lower(): p.name for p in index.vault.iterdir() if p.is_dir()}
    for folder in index.config.person_folders:
        if folder.lower() in existing:
            return existing[folder.lower()]
    return index.config.person_folders[0] if index.config.person_folders else "People"


def _template_text(index: Summary, name: str, today: dt.date) -> str:
    candidates = [index.config.person_template] if index.config.person_template else []
    candidates.append("Templates/Person.md")
    for rel in candidates:
        path = (index.vault / rel).resolve()
        if path.is_file() and path.is_relative_to(index.vault.resolve()):
            try:
                text = path.read_text("utf-8")
            except UnicodeDecodeError as exc:
                line = path.read_bytes()[: exc.start].count(b"\n") + 1
                raise EditError(
                    f"{rel}:{line}: the person template is not UTF-8; save it as UTF-8 "
                    "(nothing was written)"
                ) from None
            break
    else:
        text = resources.files("notekit.write").joinpath("templates/person.md").read_text("utf-8")
    text = re.sub(r"\{\{\s*title\s*\}\}|<%\s*tp\.file\.title\s*%>", lambda _: name, text)
    return re.sub(r"\{\{\s*date(?::[^}]*|\s*)\}\}", lambda _: today.isoformat(), text)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def diff(change: Change) -> str:
    """The change as a unified diff, as `git diff` would show it (a new image: its size):
    lines cut at LF alone, and a last line without one marked so."""
    if change.before is None and not change.rel.endswith(".md"):
        return f"new file b/{change.rel} ({len(change.after):,} bytes)\n"
    before = change.before.data.decode("utf-8") if change.before else ""
    old, new = lines_with_ends(before), lines_with_ends(change.after.decode("utf-8"))
    source = f"a/{change.rel}" if change.before else "/dev/null"
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
        for line in difflib.unified_diff(old, new, source, f"b/{change.rel}")
    )


def apply(change: Change, autocommit: bool, leftovers: Sequence[str] = ()) -> str | None:
    """Write the change; commit it when asked. Returns a warning about git, or None.

    `leftovers` are vault-relative temporary files that earlier writes left when they were
    killed: the stale ones go first."""
    for rel in leftovers:
        with contextlib.suppress(EditError):  # one that lies outside the vault stays
            remove_stale_temp(vault_path(change.vault, rel))
    path = change.path
    if change.before is None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EditError(f"{path.parent}: cannot create the folder: {exc.strerror}") from None
        create_new(path, change.after)
    else:
        write_atomic(change.before, change.after)
    if autocommit:
        before = change.before.data if change.before else None
        problem = commit_file(change.vault, path, before, change.after, change.message)
        if problem:
            return f"written, but not committed: {problem}"
    return None
