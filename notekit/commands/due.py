"""`notekit due`: who to reconnect with now, and why; dated promises; birthdays."""

from __future__ import annotations

import click

from notekit.commands.common import (
    App,
    echo,
    emit_json,
    json_option,
    table,
    text_or_dash,
    within_option,
)
from notekit.core.dates import add_days
from notekit.present import views
from notekit.rules.due import describe_days, due_report, promises
from notekit.rules.moments import moment_text


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
        return
    if not summary.people:
        echo(views.no_people_hint(summary))
        return
    hint = views.no_cadence_hint(report)
    if not (
        report.due
        or report.tasks
        or report.moments
        or report.planned
        or report.nudges
        or report.waiting
    ):
        horizon = add_days(report.today, within)
        quiet = "" if hint else " Enjoy the quiet week."
        click.echo(f"Nobody is due by {horizon}.{quiet}")
    if report.waiting:
        click.echo("Waiting on you:")
        rows = [
            [w.person.name, views.waiting_text(w), text_or_dash(views.reach_via(w.person))]
            for w in report.waiting
        ]
        click.echo(table(["Name", "What", "Reach via"], rows))
        if report.due:
            click.echo("")
    if report.due:
        rows, styles = [], []
        for f in report.due:
            rows.append(
                [f.person.name, str(f.due), f.why(), text_or_dash(views.reach_via(f.person))]
            )
            overdue = f.overdue_days or 0
            styles.append(
                {"fg": "red"} if overdue > 0 else {"fg": "yellow"} if overdue == 0 else {}
            )
        click.echo(table(["Name", "Due", "Why", "Reach via"], rows, styles))
    if report.planned:
        click.echo("\nPlanned:")
        rows = [[f.person.name, str(f.planned), f.why()] for f in report.planned]
        click.echo(table(["Name", "Planned", "Why"], rows))
    if report.tasks:
        click.echo("\nPromises:")
        rows = [
            [
                ", ".join(person.name for person in promise.people),
                promise.due.isoformat(),
                describe_days((report.today - promise.due).days),
                views.plain(promise.text),
                f"{promise.source}:{promise.line}",
            ]
            for promise in promises(report.tasks)
        ]
        click.echo(table(["Name", "Due", "When", "Task", "Where"], rows))
    if report.moments:
        click.echo("\nMoments:")
        rows = [[m.person.name, m.date.isoformat(), moment_text(m)] for m in report.moments]
        click.echo(table(["Name", "Date", "What"], rows))
    if report.nudges:
        click.echo("\nNudges:")
        rows = [[n.person.name, n.date.isoformat(), n.why()] for n in report.nudges]
        click.echo(table(["Name", "Date", "What"], rows))
    if report.resting:
        click.echo("\nGiving it a rest (not listed as due):")
        for rest in report.resting:
            echo(f"  {rest.person.name}: {views.rest_text(rest)}")
    if hint:
        click.echo(f"\n{hint}")
