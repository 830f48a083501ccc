"""`notekit check`: every problem in the notes, with file and line."""

from __future__ import annotations

import sys

import click

from notekit.commands.common import App, emit_json, json_option, visible
from notekit.core.errors import PROBLEMS
from notekit.core.model import ERROR
from notekit.core.words import counted
from notekit.present import views
from notekit.rules.check import check_vault


@click.command("check")
@json_option
@click.pass_obj
def command(app: App, as_json: bool) -> None:
    """Report broken YAML, bad dates and cadences, broken or ambiguous links to people, and
    people who share a name. Exits 1 when anything is found.

    \b
    Example:
      notekit check
    """
    from notekit.read.vault import attachments

    summary = app.summary(quiet=True)
    problems = check_vault(summary, app.today, attachments(app.vault))
    if as_json:
        emit_json([views.problem(p) for p in problems])
    else:
        for p in problems:
            colour = "red" if p.severity == ERROR else "yellow"
            where, what = visible(p.location()), visible(p.message)
            click.echo(f"{where}: " + click.style(p.severity, fg=colour) + f": {what}")
        found = counted(len(problems), "problem") if problems else "No problems"
        click.echo(
            f"{found} in {counted(len(summary.paths), 'note')} "
            f"({counted(len(summary.people), 'person', 'people')}).",
            err=bool(problems),
        )
    if problems:
        sys.exit(PROBLEMS)
