"""`notekit import SOURCE PATH`: people and their history from the tools they already live in."""

from __future__ import annotations

from pathlib import Path

import click

from notekit.commands.common import App, echo, fail, write_change


@click.group("import")
def command() -> None:
    """Bring contacts into the vault: a new note for each new person, the empty fields of the
    people already there filled. Importing the same file again changes nothing.

    \b
    Examples:
      notekit import linkedin ~/Downloads/Basic_LinkedInDataExport_11-30-2026.zip --dry-run
      notekit import linkedin Connections.csv
    """


@command.command("linkedin")
@click.argument("path", type=click.Path(exists=True))
@click.option("--dry-run", is_flag=True, help="Print what would change and write nothing.")
@click.pass_obj
def linkedin(app: App, path: str, dry_run: bool) -> None:
    """Import the connections of a LinkedIn data export: the zip as LinkedIn sends it, its
    folder, or its Connections.csv.

    A connection is the person with the same email, else the same LinkedIn profile, else the
    same name when one person has it; a similar name or a shared one is listed for you to
    decide, and nothing is written for it.

    \b
    Example:
      notekit import linkedin ~/Downloads/Basic_LinkedInDataExport_11-30-2026.zip
    """
    import zipfile

    from notekit.interop.imports import import_contacts
    from notekit.interop.linkedin import CONNECTIONS, connections, read_export

    try:
        export = read_export(Path(path))
    except (OSError, zipfile.BadZipFile) as exc:
        fail(f"{path}: cannot read the export ({exc})")
    if export.connections is None:
        fail(f"{path}: no {CONNECTIONS} in this export")
    try:
        found = connections(export.connections)
    except ValueError as exc:
        fail(f"{path}: {exc}")
    summary = app.summary(quiet=True)
    outcome = import_contacts(
        summary,
        found,
        app.today,
        lambda change: write_change(app, change, dry_run, quiet=True),
    )
    done = "would be" if dry_run else "were"
    click.echo(
        f"{len(outcome.created)} people {done} added, {len(outcome.updated)} updated, "
        f"{len(outcome.unchanged)} unchanged."
    )
    for contact, matched in outcome.undecided:
        names = ", ".join(f"{p.name} ({p.path})" for p in matched.people)
        kind = "shares a name with" if matched.how == "ambiguous" else "may be"
        echo(f"  left for you: {contact.name} {kind} {names}")
    for name, why in outcome.refused:
        echo(f"  not imported: {name}: {why}")
    if export.ignored:
        echo(f"Not read (other parts of the export): {', '.join(export.ignored)}")
