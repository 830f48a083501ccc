"""`notekit people`: everyone in the vault, with when you last spoke and when you are due."""

from __future__ import annotations

import click

from notekit.commands.common import App, emit_json, table, text_or_dash
from notekit.rules import views
from notekit.rules.due import follow_up, has_tag


@click.command("people")
@click.option("--tag", help="Only people with this tag (a nested tag's segment counts too).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/cli.md).")
@click.pass_obj
def command(app: App, tag: str | None, as_json: bool) -> None:
    """List every person, sorted by name.

    \b
    Example:
      notekit people --tag initech
    """
    summary = app.summary()
    follows = [
        follow_up(p, summary, app.today) for p in summary.people if tag is None or has_tag(p, tag)
    ]
    if as_json:
        emit_json([views.person_summary(f) for f in follows])
        return
    if not follows:
        click.echo(
            "No people found. A note is a person when it lies in a People/ folder or has "
            "`type: person` or a #person tag (see docs/format.md)."
        )
        return
    rows = [
        [
            f.person.name,
            text_or_dash(f.person.company),
            text_or_dash(f.person.role),
            text_or_dash(f.last_contact),
            text_or_dash(f.cadence),
            text_or_dash(f.due) if f.person.followed_up else (f.person.status or "inactive"),
        ]
        for f in follows
    ]
    click.echo(table(["Name", "Company", "Role", "Last contact", "Cadence", "Due"], rows))
    click.echo(f"\n{len(follows)} people")
