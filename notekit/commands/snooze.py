"""`notekit snooze NAME DATE|DURATION`: set when to follow up next."""

from __future__ import annotations

import click

from notekit.commands.common import App, dry_run_option, parsed, write_change


@click.command("snooze")
@click.argument("name")
@click.argument("until", metavar="WHEN")
@dry_run_option("the diff")
@click.pass_obj
def command(app: App, name: str, until: str, dry_run: bool) -> None:
    """Set NAME's next-contact date to WHEN: a date, or today + a duration (`2w`, `3m`,
    `monthly`), or `tomorrow`, `next week`, `next month`, a weekday, `Dec 15`.

    Exactly one front-matter line changes (or is added): the note's own next-contact key, in
    its own spelling, else `next_contact`.

    \b
    Examples:
      notekit snooze "Grace Liu" 2026-12-15
      notekit snooze grace 2w --dry-run
      notekit snooze grace friday
    """
    from notekit.core.dates import parse_when
    from notekit.write.changes import plan_snooze

    person = app.person(name)
    date = parsed("until", lambda text: parse_when(text, app.today), until)
    write_change(app, plan_snooze(app.summary(), person, app.today, date), dry_run)
