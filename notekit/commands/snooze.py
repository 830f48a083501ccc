"""`notekit snooze NAME DATE|DURATION`: set when to follow up next."""

from __future__ import annotations

import click

from notekit.commands.common import App, fail, parse_date_option, planned, write_change


@click.command("snooze")
@click.argument("name")
@click.argument("until", metavar="DATE|DURATION")
@click.option("--dry-run", is_flag=True, help="Print the diff and write nothing.")
@click.pass_obj
def command(app: App, name: str, until: str, dry_run: bool) -> None:
    """Set NAME's next-contact date to DATE, or to today + DURATION (`2w`, `3m`, `monthly`).

    Exactly one front-matter line changes (or is added): the note's own next-contact key, in
    its own spelling, else `next_contact`.

    \b
    Examples:
      notekit snooze "Grace Liu" 2026-12-15
      notekit snooze grace 2w --dry-run
    """
    from notekit.core.dates import ISO_PREFIX, add_cadence, parse_cadence
    from notekit.write.changes import plan_snooze

    person = app.person(name)
    if ISO_PREFIX.match(until.strip()):
        date = parse_date_option(until, "DATE")
    else:
        try:
            cadence = parse_cadence(until)
        except ValueError as exc:
            fail(f"{until!r} is neither a date (YYYY-MM-DD) nor a duration: {exc}")
        if cadence is None:
            fail("a date or a duration is needed")
        date = add_cadence(app.today, cadence)
    write_change(app, planned(lambda: plan_snooze(app.summary(), person, app.today, date)), dry_run)
