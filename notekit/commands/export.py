"""`notekit export FORMAT`: the people of the vault for a spreadsheet, a script or an address
book."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from notekit.commands.common import App, fail

FORMATS = ("csv", "json", "vcard", "ics")


@click.command("export")
@click.argument("format_name", metavar="FORMAT", type=click.Choice(FORMATS))
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout)."
)
@click.option("--todo", is_flag=True, help="ics: follow-ups as tasks (VTODO), not events.")
@click.option(
    "--raw",
    is_flag=True,
    help="csv: write cells that start with = + - @ as they are (a spreadsheet may run them).",
)
@click.pass_obj
def command(app: App, format_name: str, output: str | None, todo: bool, raw: bool) -> None:
    """Export everyone as FORMAT: csv, json, vcard or ics.

    `csv`: one row per person, UTF-8 with a BOM for spreadsheets; a cell that starts with
    `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so that a spreadsheet
    shows it as text and never runs it as a formula (`--raw` leaves it as it is). `json`: as
    `show --json`, interactions included. `vcard`: 3.0; importing it back changes nothing.
    `ics`: follow-ups as all-day events (tasks with --todo), birthdays as yearly events.

    \b
    Examples:
      notekit export csv -o people.csv
      notekit export vcard > people.vcf
      notekit export ics -o follow-ups.ics
    """
    from notekit.interop.export import to_csv, to_json, to_vcard

    if format_name == "json":
        text = to_json(app.index(), app.today)
    elif format_name == "csv":
        text = to_csv(app.summary(), app.today, raw)
    elif format_name == "vcard":
        text = to_vcard(app.summary())
    else:
        from notekit.interop.ical import write_calendar

        text = write_calendar(app.summary(), app.today, todo).decode("utf-8")
    if output is None:
        sys.stdout.write(text)
        return
    from notekit.read.files import replace_atomic

    path = Path(output)
    if path.suffix.lower() == ".md" and path.resolve().is_relative_to(app.vault.resolve()):
        fail(f"{output}: a note of the vault; an export never writes over a note")
    try:
        replace_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        fail(f"{output}: {exc.strerror}")
    click.echo(f"{len(text.encode('utf-8'))} bytes written to {output}", err=True)
