"""`notekit due`: who to reconnect with now, and why; dated promises; birthdays."""

from __future__ import annotations

import click

from notekit.commands.common import App, echo, emit_json, json_option, show, within_option
from notekit.present import views
from notekit.present.text import due_text
from notekit.rules.due import due_report


@click.command("due")
@within_option
@click.option("--tag", help="Only people with this tag.")
@json_option
@click.pass_obj
def command(app: App, within: int, tag: str | None, as_json: bool) -> None:
    """Who is due for a follow-up by today + WITHIN days, and why; who is waiting on you.

    A person is due from their follow-up date (next_contact), else from their cadence since the
    last contact. Dated open tasks in people's notes and birthdays in the window are listed too.
    First come the people waiting on you: their message is the latest thing between you, or
    their open opportunity has had no entry for `reply_days`.

    \b
    Examples:
      notekit due
      notekit due --within 30 --tag mentor
      notekit --today 2026-12-01 due --json
    """
    summary = app.summary()
    report = due_report(summary, app.today, within, tag)
    if as_json:
        emit_json(views.due_report(report))
    elif not summary.people:
        echo(views.no_people_hint(summary))
    else:
        show(due_text(report, within))
