"""`notekit import SOURCE PATH`: people and their history from the tools they already live in."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from notekit.commands.common import (
    App,
    dry_run_option,
    fail,
    parsed,
    show,
    write_change,
)
from notekit.interop import told
from notekit.interop.source import MAX_MB

T = TypeVar("T")
with_update = click.option(
    "--update", is_flag=True, help="Replace values that differ from the file's (lists only grow)."
)
with_dry_run = dry_run_option("what would change")
with_me_name = click.option(
    "--me",
    "my_names",
    multiple=True,
    metavar="NAME",
    help="My name as the chat writes it, beside [me] name of notekit.toml; may be repeated.",
)
with_since = click.option(
    "--since", metavar="DATE", help="Only messages on or after this day (YYYY-MM-DD)."
)


def for_new_notes(command: Callable[..., None]) -> Callable[..., None]:
    """--tag and --cadence, for what an import of contacts adds."""
    command = click.option(
        "--cadence",
        "new_cadence",
        metavar="CADENCE",
        help="A cadence of their own for the people this import adds (e.g. 1y).",
    )(command)
    return click.option(
        "--tag",
        "new_tags",
        multiple=True,
        metavar="TAG",
        help="A tag for the people this import adds; may be repeated.",
    )(command)


def _checked_cadence(cadence: str | None) -> str | None:
    from notekit.core.dates import parse_cadence

    parsed("--cadence", parse_cadence, cadence)
    return cadence


with_max_mb = click.option(
    "--max-mb",
    default=MAX_MB,
    show_default=True,
    type=click.IntRange(min=1),
    help="Refuse a file (or a file in a zip) larger than this many MiB.",
)


def with_limits(command: Callable[..., None]) -> Callable[..., None]:
    """--max-mb and --encoding, for every import that reads a text file."""
    command = click.option(
        "--encoding",
        metavar="NAME",
        help="The text encoding of the file when it is not UTF-8 (cp1252, latin-1, …).",
    )(command)
    return with_max_mb(command)


if TYPE_CHECKING:
    from notekit.interop.chats import ChatExport
    from notekit.interop.contacts import Contact
    from notekit.interop.conversations import Stranger
    from notekit.write.changes import Change


class _ByContent(click.Group):
    """`notekit import PATH`: a path where a source's name would be is imported as what its
    content shows, said on stderr before anything is read further."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0] not in self.commands and Path(args[0]).exists():
            from notekit.interop.detect import detect

            found = detect(Path(args[0]))
            if found is None:
                fail(
                    f"{args[0]}: not an export notekit knows (LinkedIn, Google Contacts, vCard, "
                    "iCalendar, mbox or Maildir, WhatsApp, Telegram); name the source: "
                    "notekit import SOURCE PATH"
                )
            source, why = found
            click.echo(f"Importing {args[0]} as {why}: notekit import {source}.", err=True)
            return source, self.commands[source], args
        return super().resolve_command(ctx, args)


@click.group("import", cls=_ByContent)
def command() -> None:
    """Bring people and their history into the vault: contacts (a new note for each new
    person, the empty fields of the people already there filled), and the messages and
    meetings that happened. Importing the same file again changes nothing. A PATH alone is
    imported as what it holds, which is said first.

    \b
    Examples:
      notekit import linkedin ~/Downloads/Basic_LinkedInDataExport_11-30-2026.zip --dry-run
      notekit import ~/Downloads/calendar.ics --dry-run
    """


@command.command("linkedin")
@click.argument("path", type=click.Path(exists=True))
@click.option("--no-text", is_flag=True, help="Log messages without their first line.")
@with_update
@with_dry_run
@with_limits
@for_new_notes
@click.pass_obj
def linkedin(
    app: App,
    path: str,
    no_text: bool,
    update: bool,
    dry_run: bool,
    max_mb: int,
    encoding: str | None,
    new_tags: tuple[str, ...],
    new_cadence: str | None,
) -> None:
    """Import a LinkedIn data export: the zip as LinkedIn sends it, its folder, or its
    Connections.csv or messages.csv.

    A connection is the person with the same email, else the same LinkedIn profile, else the
    same name when one person has it; a similar name or a shared one is listed for you to
    decide, and nothing is written for it. Each message with a person of the vault becomes a
    `linkedin to:` or `linkedin from:` entry in their log, one per person, day and direction;
    a conversation with several people is a `linkedin group with …:` entry for each who wrote
    that day, never an outreach.

    \b
    Example:
      notekit import linkedin ~/Downloads/Basic_LinkedInDataExport_11-30-2026.zip
    """
    from notekit.interop.imports import import_contacts, import_messages
    from notekit.interop.linkedin import (
        CONNECTIONS,
        MESSAGES,
        connections,
        messages,
        owner,
        read_export,
    )

    try:
        export = read_export(Path(path), max_mb, encoding)
        found = (
            connections(export.connections, export.places[CONNECTIONS])
            if export.connections
            else []
        )
        talk = messages(export.messages, export.places[MESSAGES]) if export.messages else []
    except OSError as exc:
        fail(f"{path}: cannot read the export ({exc})")
    if export.connections is None and export.messages is None:
        fail(f"{path}: neither Connections.csv nor messages.csv in this export")
    summary = app.summary(quiet=True)

    def hand_over(change: Change) -> None:
        write_change(app, change, dry_run, quiet=True, tell=False)

    with progress(found, "connections") as shown:
        outcome = import_contacts(
            summary,
            shown,
            app.today,
            hand_over,
            update,
            new_tags=new_tags,
            new_cadence=_checked_cadence(new_cadence),
        )
    lines = told.contacts(outcome, dry_run)
    if talk:
        me = summary.config.me_linkedin or owner(talk)
        said = import_messages(summary, talk, me, app.today, hand_over, not no_text, outcome)
        lines += told.messages(said, dry_run)
    if export.ignored:
        lines.append(f"Not read (other parts of the export): {', '.join(export.ignored)}")
    show(lines)


@command.command("vcard")
@click.argument("path", type=click.Path(exists=True))
@click.option("--photos", is_flag=True, help="Save each card's photo beside the person's note.")
@with_update
@with_dry_run
@with_limits
@for_new_notes
@click.pass_obj
def vcard(
    app: App,
    path: str,
    photos: bool,
    update: bool,
    dry_run: bool,
    max_mb: int,
    encoding: str | None,
    new_tags: tuple[str, ...],
    new_cadence: str | None,
) -> None:
    """Import the cards of a vCard file (2.1, 3.0 or 4.0), or of every .vcf in a folder.

    Name, emails, phone, organisation, title, birthday and a LinkedIn URL are read; a card
    that cannot be read is named with its reason, and the others are imported. Photos are
    left out unless `--photos`: then a photo held in the card (never one it links to) is saved
    as `NAME.jpg` beside the note of a person who has none, named in its `photo` field.

    \b
    Example:
      notekit import vcard ~/Downloads/contacts.vcf --dry-run
    """
    from notekit.interop.vcard import read_cards

    found, skipped = _read(path, lambda: read_cards(Path(path), photos, max_mb, encoding))
    lines = _import(app, found, update, dry_run, new_tags, new_cadence, photos)
    show([*lines, *(f"  {card.file}, card {card.card}: {card.reason}" for card in skipped)])


@command.command("google")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@with_update
@with_dry_run
@with_limits
@for_new_notes
@click.pass_obj
def google(
    app: App,
    file: str,
    update: bool,
    dry_run: bool,
    max_mb: int,
    encoding: str | None,
    new_tags: tuple[str, ...],
    new_cadence: str | None,
) -> None:
    """Import a Google Contacts export (Google CSV).

    Names, emails, phone, organisation, title, birthday, a LinkedIn website and the labels (as
    tags) are read; several values in one cell (` ::: `) are split.

    \b
    Example:
      notekit import google ~/Downloads/contacts.csv --dry-run
    """
    from notekit.interop.google import contacts
    from notekit.interop.source import decode, read_file

    found = _read(
        file, lambda: contacts(decode(read_file(Path(file), max_mb), file, encoding), file)
    )
    show(_import(app, found, update, dry_run, new_tags, new_cadence))


def _read(file: str, read: Callable[[], T]) -> T:
    """What `read` makes of an import file, or the reason it cannot, as notekit's error."""
    try:
        return read()
    except OSError as exc:
        fail(f"{file}: {exc.strerror}")


def _import(
    app: App,
    found: list[Contact],
    update: bool,
    dry_run: bool,
    new_tags: tuple[str, ...],
    new_cadence: str | None,
    photos: bool = False,
) -> list[str]:
    """Import contacts into the vault, each change written (or shown, with --dry-run): what
    was done, in words."""
    from notekit.interop.imports import import_contacts

    summary = app.summary(quiet=True)
    cadence = _checked_cadence(new_cadence)
    with progress(found, "contacts") as shown:
        outcome = import_contacts(
            summary,
            shown,
            app.today,
            lambda change: write_change(app, change, dry_run, quiet=True, tell=False),
            update,
            photos,
            new_tags,
            cadence,
        )
    return told.contacts(outcome, dry_run)


@command.command("ics")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--max-attendees",
    default=8,
    show_default=True,
    type=click.IntRange(min=1),
    help="Skip events with more attendees: not personal.",
)
@with_dry_run
@with_limits
@click.pass_obj
def ics(
    app: App, file: str, max_attendees: int, dry_run: bool, max_mb: int, encoding: str | None
) -> None:
    """Import a calendar (.ics): each past event that people of the vault attended becomes a
    dated entry in their log.

    Attendees are matched by email, else by exact name. The channel is the one the title
    names (`Coffee with Ana` is coffee), else meeting. A recurring event counts once per
    occurrence (its EXDATEs and RECURRENCE-ID overrides applied); future ones are listed as
    planned, not written. Cancelled events, events you declined (your addresses are
    `[me] emails` in notekit.toml) and attendees who declined are left out. An entry is dated
    on the event's own day: in its time zone, and for a UTC time in `[me] timezone`.

    \b
    Example:
      notekit import ics ~/Downloads/calendar.ics --dry-run
    """
    from notekit.interop.ical import read_meetings
    from notekit.interop.imports import import_meetings
    from notekit.interop.source import decode, read_file

    summary = app.summary(quiet=True)
    me = summary.config
    calendar = _read(
        file,
        lambda: read_meetings(
            decode(read_file(Path(file), max_mb), file, encoding),
            file,
            app.today,
            me.me_emails,
            me.me_timezone,
        ),
    )
    result = import_meetings(
        summary,
        calendar.meetings,
        app.today,
        lambda change: write_change(app, change, dry_run, quiet=True, tell=False),
        max_attendees,
    )
    show(told.meetings(result, calendar, max_attendees, bool(me.me_emails), dry_run))


@command.command("mail")
@click.argument("path", type=click.Path(exists=True))
@with_since
@click.option("--no-text", is_flag=True, help="Log messages without their subject.")
@click.option(
    "--me",
    "my_addresses",
    multiple=True,
    metavar="ADDRESS",
    help="An address of mine, beside [me] emails of notekit.toml; may be repeated.",
)
@click.option(
    "--suggest",
    is_flag=True,
    help="Write nothing: list the people without a note I write with often.",
)
@click.option(
    "--min",
    "at_least",
    default=3,
    show_default=True,
    type=click.IntRange(min=1),
    help="With --suggest: messages each way that make someone worth a note.",
)
@click.option("--add", is_flag=True, help="With --suggest: write a note for each of them.")
@with_dry_run
@click.pass_obj
def mail(
    app: App,
    path: str,
    since: str | None,
    no_text: bool,
    my_addresses: tuple[str, ...],
    suggest: bool,
    at_least: int,
    add: bool,
    dry_run: bool,
) -> None:
    """Import mail: an mbox file (Google Takeout, Thunderbird, an Apple Mail export folder)
    or a Maildir folder, read on this machine, one message at a time.

    A message of mine to one person of the vault is an `email to:` entry in their log, theirs
    to me `email from:`; one entry per person, day and direction, the subject as its text. A
    message with several other people is a group entry for whoever of the vault wrote it,
    never outreach. People are known by their `email` or `emails` fields, and mine by
    [me] emails in notekit.toml (or --me). Mailing lists, bulk mail, auto-replies, no-reply
    senders, calendar invitations (see `import ics`), spam, trash and drafts are left out and
    counted. Importing the same mailbox again changes nothing.

    \b
    Examples:
      notekit import mail "Takeout/Mail/All mail Including Spam and Trash.mbox"
      notekit import mail ~/Mail/work --since 2024-01-01 --dry-run
      notekit import mail ~/Mail/work --suggest --min 5
    """
    from notekit.core.dates import in_zone, parse_date
    from notekit.interop.conversations import read_conversations
    from notekit.interop.imports import Held, log_conversations
    from notekit.interop.mail import mailbox_kind, read_mail

    first = parsed("--since", parse_date, since)
    if add and not suggest:
        fail("--add writes notes for the people --suggest lists: give both")
    if mailbox_kind(Path(path)) is None:
        fail(f"{path}: neither an mbox file nor a folder holding a Maildir or an mbox")
    summary = app.summary(quiet=True)
    mine = {*summary.config.me_emails, *my_addresses}
    if not mine:
        fail(
            "whose mail is this? Say your addresses in notekit.toml: [me] emails = "
            '["you@example.com"], or give --me you@example.com'
        )
    held = Held(summary, "email")
    messages = read_mail(Path(path), in_zone(summary.config.me_timezone))
    with stream_progress(messages, "messages") as shown:
        read = read_conversations(summary, shown, mine, app.today, first, held, suggest)
    if suggest:
        found = read.suggested(at_least)
        show(told.suggested(found, at_least))
        if add:
            show(_add_strangers(app, found, dry_run))
        return
    logged, known = log_conversations(
        summary,
        read.entries,
        "email",
        app.today,
        lambda change: write_change(app, change, dry_run, quiet=True, tell=False),
        not no_text,
        held=held,
    )
    show(told.mail(read, logged, known, dry_run))


@command.command("whatsapp")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_since
@click.option("--no-text", is_flag=True, help="Log messages without their first line.")
@with_me_name
@click.option(
    "--date-order",
    type=click.Choice(["dmy", "mdy"]),
    help="Day/month/year or month/day/year, when no date of the chat tells (a day over 12).",
)
@with_dry_run
@with_limits
@click.pass_obj
def whatsapp(
    app: App,
    path: str,
    since: str | None,
    no_text: bool,
    my_names: tuple[str, ...],
    date_order: str | None,
    dry_run: bool,
    max_mb: int,
    encoding: str | None,
) -> None:
    """Import a WhatsApp chat: the text of "Export chat" (Android or iPhone), or the zip
    that holds it beside the media.

    In a chat with one person of the vault, my messages are `whatsapp to:` entries in their
    log and theirs `whatsapp from:`, one per day and direction, with the first line of the
    first message; in a group, each person of the vault who wrote that day gets a `whatsapp
    group with …:` entry. People are matched by name, alias or phone number. System lines,
    media and deleted messages are left out. I am [me] name in notekit.toml, or --me, or in
    a chat named after the other person, the one who is not them.

    \b
    Examples:
      notekit import whatsapp "WhatsApp Chat with Ana Costa.txt" --dry-run
      notekit import whatsapp "WhatsApp Chat - Reunion 2010.zip" --me "Sam Reyes"
    """
    from notekit.interop.chats import read_whatsapp

    export = _read(path, lambda: read_whatsapp(Path(path), date_order, max_mb, encoding))
    _import_chats(app, export, "whatsapp", my_names, since, no_text, dry_run)


@command.command("telegram")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@with_since
@click.option("--no-text", is_flag=True, help="Log messages without their first line.")
@with_me_name
@with_dry_run
@with_max_mb
@click.pass_obj
def telegram(
    app: App,
    path: str,
    since: str | None,
    no_text: bool,
    my_names: tuple[str, ...],
    dry_run: bool,
    max_mb: int,
) -> None:
    """Import Telegram Desktop's export (`result.json`, machine-readable JSON): one chat or
    every chat.

    Personal chats and private groups are read as `import whatsapp` reads a chat, with the
    `telegram` channel; chats with bots, channels and public groups are left out. A full
    export says which messages are mine; for one chat, I am [me] name or --me.

    \b
    Example:
      notekit import telegram "Telegram Desktop/DataExport_2026-11-30/result.json"
    """
    from notekit.interop.chats import read_telegram

    export = _read(path, lambda: read_telegram(Path(path), max_mb))
    _import_chats(app, export, "telegram", my_names, since, no_text, dry_run)


def _import_chats(
    app: App,
    export: ChatExport,
    channel: str,
    my_names: tuple[str, ...],
    since: str | None,
    no_text: bool,
    dry_run: bool,
) -> None:
    """Log what the chats of an export hold for the vault, and say what was done."""
    from notekit.core.dates import parse_date
    from notekit.interop.conversations import read_chats
    from notekit.interop.imports import log_conversations

    first = parsed("--since", parse_date, since)
    summary = app.summary(quiet=True)
    me = [*([summary.config.me_name] if summary.config.me_name else []), *my_names]
    read = read_chats(summary, export, me, app.today, first)
    logged, known = log_conversations(
        summary,
        read.entries,
        channel,
        app.today,
        lambda change: write_change(app, change, dry_run, quiet=True, tell=False),
        not no_text,
    )
    show(told.chats(read, logged, known, dry_run, export.order_guessed))


def _add_strangers(app: App, found: list[Stranger], dry_run: bool) -> list[str]:
    """A note for each person `--suggest` found (their address, `source: mail`, no cadence
    of their own); a name the vault holds already is left for the user."""
    from notekit.core.errors import EditError
    from notekit.core.names import natural_order
    from notekit.write.changes import plan_add

    summary = app.summary(quiet=True)
    lines: list[str] = []
    taken: list[str] = []
    for stranger in found:
        name = natural_order(stranger.name) or stranger.address  # `Costa, Ana`: Ana Costa
        fields: dict[str, str | list[str]] = {"email": stranger.address, "source": "mail"}
        try:
            change = plan_add(summary, name, app.today, fields, taken=taken)
        except EditError as exc:
            lines.append(f"  left for you: {name} <{stranger.address}>: {exc}")
            continue
        taken.append(change.rel)
        write_change(app, change, dry_run, quiet=True, tell=False)
        lines.append(f"  {'would add' if dry_run else 'added'}: {change.rel}")
    if found and not dry_run:
        lines.append("Import the mail again to log their history.")
    return lines


PROGRESS_FROM = 200  # records from which a terminal shows a progress bar


def progress(items: list[T], label: str) -> contextlib.AbstractContextManager[Iterable[T]]:
    """A progress bar over many records on a terminal (stderr); the records as they are
    otherwise."""
    if len(items) >= PROGRESS_FROM and sys.stderr.isatty():
        return click.progressbar(items, label=f"importing {label}", file=sys.stderr)
    return contextlib.nullcontext(items)


def stream_progress(
    items: Iterable[T], label: str
) -> contextlib.AbstractContextManager[Iterable[T]]:
    """A count of records read so far, on a terminal (stderr), for a stream of unknown length
    (a mailbox); the stream as it is otherwise."""
    if sys.stderr.isatty():
        return click.progressbar(items, label=f"importing {label}", file=sys.stderr, show_pos=True)
    return contextlib.nullcontext(items)
