"""What every command shares: the vault and index, errors, JSON and aligned tables."""

from __future__ import annotations

import datetime as dt
import functools
import json
import shlex
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from notekit.core.errors import USAGE, Refusal
from notekit.core.model import ERROR, Person, Problem
from notekit.core.syntax import one_line
from notekit.read.vault import find_vault, leftovers
from notekit.store.facade import Store
from notekit.store.index import Index

if TYPE_CHECKING:
    from notekit.present.text import Block
    from notekit.read.config import Config
    from notekit.rules.draft import DraftFacts
    from notekit.store.summary import Summary
    from notekit.write.changes import Change

V = TypeVar("V", bound="Summary")  # a Summary or an Index
T = TypeVar("T")
S = TypeVar("S")
DEFAULT_SITE = "site"


def site_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`-o DIR` and `--force`, shared by the commands that write the site."""
    command = click.option(
        "--force",
        is_flag=True,
        help="Write into a folder that holds other files (notekit's files there are replaced).",
    )(command)
    return click.option(
        "-o",
        "--output",
        type=click.Path(file_okay=False),
        help="Folder of the site (default: the config's [report] output, else site/).",
    )(command)


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/cli.md).")


def dry_run_option(shown: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """`--dry-run`, shared by the commands that write: `shown` is what it prints instead."""
    return click.option("--dry-run", is_flag=True, help=f"Print {shown} and write nothing.")


def within_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--within DAYS`, shared by the commands that list who is due: the command is given the
    number of days."""

    def days(ctx: click.Context, param: click.Parameter, value: str) -> int:
        from notekit.core.dates import parse_days

        return parsed("--within", lambda text: parse_days(text, ctx.obj.today), value)

    return click.option(
        "--within",
        "-w",
        default="7",
        show_default=True,
        metavar="DAYS",
        callback=days,
        help="Include what falls due within this many days from today, or a duration such as "
        "2w or 1m (at most 100 years).",
    )(command)


# C0 and C1 controls and the bidirectional overrides: shown as escapes, never sent raw to a
# terminal (a name could otherwise move the cursor, retitle the window or reverse the text)
_HIDDEN = {
    code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    for code in (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def visible(text: str) -> str:
    """Text from notes as it may be shown on a terminal: control characters made visible."""
    return text.translate(_HIDDEN)


def echo(text: str, err: bool = False) -> None:
    """One or more lines of notekit's own, each line's content made visible."""
    click.echo("\n".join(visible(line) for line in text.split("\n")), err=err)


def fail(message: str, code: int = USAGE) -> NoReturn:
    """Refuse to go on: the command line says `notekit: error: MESSAGE` and exits with
    `code`."""
    raise Refusal(message, code)


def parsed(what: str, parse: Callable[[S], T], value: S) -> T:
    """`value` as `parse` reads it (a date, a cadence…); a refusal naming `what` (the option
    or key it was given as) when it cannot: the parsers of core/ say ValueError, since a bad
    value in a note is a problem to report, not a reason to stop."""
    try:
        return parse(value)
    except ValueError as exc:
        fail(f"{what}: {exc}")


@dataclass
class App:
    vault_option: str | None
    today: dt.date
    cwd: str
    today_fixed: bool = False  # True when --today or $NOTEKIT_TODAY set it
    _asked: bool = field(default=False, repr=False)  # for the vault: its problems were told

    @functools.cached_property
    def vault(self) -> Path:
        vault = find_vault(self.vault_option, Path(self.cwd))
        if vault is None:
            fail(
                f"no vault here: neither {self.cwd} nor a folder above it holds notekit.toml or "
                ".obsidian/. Name one with --vault PATH (or $NOTEKIT_VAULT), or start one here "
                "with `notekit init`"
            )
        if not vault.is_dir():
            fail(f"{vault}: no such folder")
        return vault

    @functools.cached_property
    def store(self) -> Store:
        return Store(self.vault)

    def index(self, quiet: bool = False) -> Index:
        """Every note of the vault; problems in files are told on stderr unless `quiet`."""
        return self._ask(self.store.index, quiet)

    def summary(self, quiet: bool = False) -> Summary:
        """What most commands need, kept from the last run when no note changed; problems
        in files are told on stderr unless `quiet`."""
        return self._ask(self.store.summary, quiet)

    def _ask_config(self) -> Config:
        return self.store.config()

    def _ask(self, read: Callable[[], V], quiet: bool) -> V:
        """What `read` gives (a ConfigError for an unusable config). The first time the vault
        is asked for decides: its problems are told then, unless quiet (a command that reports
        problems itself asks quietly first)."""
        found = read()
        if not self._asked:
            self._asked = True
            if not quiet:
                report_problems(found.problems)
        return found

    def site_dir(self, output: str | None) -> Path:
        """Where the report goes: `-o`, else the config's [report] output (from here), else
        `site/` here, unless here is inside the vault: then `.notekit/site` in the vault, a
        dot folder that Obsidian and notekit do not read and git is told to ignore. The root,
        the home folder, the vault and a file are refused (exit 2)."""
        from notekit.site.report import check_output, hidden_site

        chosen = output or self._ask_config().report_output
        out = Path(self.cwd) / (chosen or DEFAULT_SITE)  # an absolute path stays as it is
        try:
            if not chosen and out.resolve().is_relative_to(self.vault.resolve()):
                out = hidden_site(self.vault)
                echo(f"notekit: the report goes to {out} (Obsidian and git skip it)", err=True)
            check_output(out, self.vault)
        except OSError as exc:
            fail(f"{out}: {exc.strerror}")
        return out

    def person(self, name: str) -> Person:
        """The one person `name` (or the path of their note) means, or exit 2 listing the
        candidates."""
        from notekit.rules.match import fold, lookup

        at = self.summary().person_at(name.replace("\\", "/").removeprefix("./"))
        if at is not None:
            return at
        found = lookup(self.summary(), name)
        if found.person:
            return found.person
        for problem in self.summary().problems:  # their note may be there, and unreadable
            stem = problem.path.rpartition("/")[2].removesuffix(".md")
            if problem.severity == ERROR and fold(stem) == fold(name):
                fail(f"{problem.path} cannot be read: {problem.message}")
        add = f"To add them: notekit add {shlex.quote(one_line(name))}"
        if found.candidates:
            lines = "\n".join(f"  {m.person.name}  ({m.person.path})" for m in found.candidates)
            if len(found.candidates) == 1:
                fail(f"no person is called {name!r}; did you mean:\n{lines}\n{add}")
            fail(f"{name!r} could mean several people; say which:\n{lines}")
        if found.nearest:
            lines = "\n".join(f"  {m.person.name}  ({m.person.path})" for m in found.nearest)
            fail(f"no person matches {name!r}; the closest names:\n{lines}\n{add}")
        fail(f"no person matches {name!r}. {add}")


def draft_facts_of(
    app: App,
    person: Person,
    channel: str | None = None,
    goal: str | None = None,
    written_in: Callable[[str, str], str] | None = None,
) -> DraftFacts:
    """What a draft to `person` can say: their note's sections, its entries and the notes
    that mention them, read now, in the language `written_in` gives (the templates there
    are)."""
    from notekit.rules.draft import draft_facts

    return draft_facts(
        person,
        app.store.parts_of(person),
        app.store.interactions_of(person),
        app.summary(),
        app.today,
        channel,
        goal,
        written_in,
    )


def report_problems(problems: list[Problem]) -> None:
    """Errors one per line; warnings as a count pointing at `notekit check`."""
    errors = [p for p in problems if p.severity == ERROR]
    for problem in errors:
        echo(f"notekit: warning: {problem.location()}: {problem.message}", err=True)
    warnings = len(problems) - len(errors)
    if warnings:
        more = " more" if errors else ""
        click.echo(
            f"notekit: {warnings}{more} problem{'s' if warnings != 1 else ''} in notes: "
            "run `notekit check` to see them",
            err=True,
        )


def emit_json(data: Any) -> None:
    """Indented on a terminal; compact (and much faster for big vaults) for scripts, and
    written a list item at a time, so that the text of a large vault's answer is never held
    whole beside the answer."""
    if sys.stdout.isatty():
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    out = sys.stdout
    for chunk in json_chunks(data):
        out.write(chunk)
    out.write("\n")
    out.flush()


JSON_ITEMS = 256  # list items written at once: few calls of the encoder, and little held


def json_chunks(data: Any) -> Iterator[str]:
    """`json.dumps(data, ensure_ascii=False)` in pieces: a list, and each list that is a
    value of a dict, `JSON_ITEMS` items at a time."""
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    if isinstance(data, list):
        yield "["
        for start in range(0, len(data), JSON_ITEMS):
            items = dumps(data[start : start + JSON_ITEMS])[1:-1]  # as `[a, b]` has them
            yield f", {items}" if start else items
        yield "]"
    elif isinstance(data, dict) and all(type(key) is str for key in data):
        yield "{"
        for n, (key, value) in enumerate(data.items()):
            yield f"{', ' if n else ''}{dumps(key)}: "
            if isinstance(value, list):
                yield from json_chunks(value)
            else:
                yield dumps(value)
        yield "}"
    else:
        yield dumps(data)


def _width(text: str) -> int:
    """Columns the text takes on a terminal: two for a wide character (CJK). Each distinct
    character is looked up once: a table of thousands of rows has few of them."""
    if text.isascii():
        return len(text)
    wide = (c for c in set(text) if not c.isascii() and unicodedata.east_asian_width(c) in "WF")
    return len(text) + sum(text.count(c) for c in wide)


def show(blocks: Sequence[Block]) -> None:
    """What a command prints (notekit.present.text), on the terminal: each table aligned, each
    row in its mark's colour, every line's content made visible."""
    from notekit.present.text import LATE, TODAY, Table, Title

    mark_styles: dict[str, dict[str, Any]] = {LATE: {"fg": "red"}, TODAY: {"fg": "yellow"}}
    for block in blocks:
        if isinstance(block, Table):
            styles = [mark_styles.get(mark, {}) for mark in block.marks or []]
            click.echo(table(block.headers, block.rows, styles or None))
        elif isinstance(block, Title):
            click.echo(click.style(visible(block.bold), bold=True) + visible(block.rest))
        else:
            echo(block)


def table(headers: list[str], rows: list[list[str]], styles: list[dict] | None = None) -> str:
    """An aligned plain-text table, each cell as a terminal shows it (controls made visible);
    `styles` gives click.style arguments per row."""
    shown = [[(cell, _width(cell)) for cell in map(visible, row)] for row in [headers, *rows]]
    widths = [max(width for _, width in column) for column in zip(*shown, strict=True)]

    def line(cells: list[tuple[str, int]]) -> str:
        padded = [c + " " * (w - cw) for (c, cw), w in zip(cells, widths, strict=True)]
        return "  ".join(padded).rstrip()

    out = [click.style(line(shown[0]), bold=True)]
    for n, row in enumerate(shown[1:]):
        text = line(row)
        out.append(click.style(text, **styles[n]) if styles and styles[n] else text)
    return "\n".join(out)


def write_change(
    app: App,
    change: Change,
    dry_run: bool,
    quiet: bool = False,
    tell: bool = True,
    keep_going: bool = False,
) -> bool:
    """Show the diff (`--dry-run`) or write the change, telling the user what happened
    (on stderr when `quiet`, so that stdout stays free for the command's own output; not at
    all unless `tell`, for a command that sums up many changes itself). A refusal ends the
    command, unless `keep_going`: then it is told and False returned."""
    from notekit.core.errors import EditError
    from notekit.write.changes import apply, diff

    if dry_run:
        change.discard()
        click.echo(diff(change), nl=False)
        click.echo(f"(dry run: {change.rel} not written)", err=True)
        return False
    try:
        summary = app.summary(quiet=True)
        warning = apply(change, summary.config.git_autocommit, leftovers(summary.problems))
    except EditError as exc:
        if not keep_going:
            raise
        echo(f"notekit: not written: {exc}", err=True)
        return False
    if tell:
        echo(f"{change.message}  ({change.rel})", err=quiet)
        if change.aside:
            echo(f"notekit: {change.aside}", err=True)
    if warning:
        echo(f"notekit: warning: {warning}", err=True)
    return True


def parse_date_option(value: str, what: str) -> dt.date:
    from notekit.core.dates import parse_date

    date = parsed(what, parse_date, value)
    if date is None:
        fail(f"{what}: a date is needed")
    return date
