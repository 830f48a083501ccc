"""`notekit agenda`: the days ahead, day by day."""

from __future__ import annotations

import click

from notekit.commands.common import App, echo, emit_json, fail, json_option


@click.command("agenda")
@click.option(
    "--days", default=14, show_default=True, type=int, help="How many days ahead, today included."
)
@json_option
@click.pass_obj
def command(app: App, days: int, as_json: bool) -> None:
    """The next DAYS days, day by day: follow-ups due, dated promises, nudges for messages left
    unanswered, and moments (birthdays, anniversaries, a new role, events ahead). What is
    overdue stands on today.

    \b
    Examples:
      notekit agenda
      notekit agenda --days 30 --json
    """
    from notekit.present import views
    from notekit.rules.agenda import agenda

    if not 1 <= days <= 3660:
        fail("--days: from 1 to 3660")
    items = agenda(app.summary(), app.today, days - 1)
    if as_json:
        emit_json(
            {
                "today": views.iso(app.today),
                "days": days,
                "items": [
                    {
                        "date": views.iso(i.date),
                        "kind": i.kind,
                        "name": i.person.name,
                        "path": i.person.path,
                        "text": i.text,
                        "since": views.iso(i.since),
                    }
                    for i in items
                ],
            }
        )
        return
    if not items:
        click.echo(f"Nothing in the next {days} days.")
        return
    day = None
    for item in items:
        if item.date != day:
            day = item.date
            label = "today" if day == app.today else f"{day:%A}"
            click.echo(f"\n{day.isoformat()} ({label})")
        late = f" (since {item.since})" if item.since < item.date else ""
        echo(f"  {item.kind:<8} {item.person.name}: {item.text}{late}")
