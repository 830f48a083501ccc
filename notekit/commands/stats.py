"""`notekit stats`: is reconnecting working? Outreach and replies, meetings, goals, results."""

from __future__ import annotations

import click

from notekit.commands.common import App, emit_json, fail, json_option, parse_date_option, show
from notekit.core.dates import add_days

DEFAULT_DAYS = 90  # the period when --since is not given


@click.command("stats")
@click.option("--since", metavar="YYYY-MM-DD", help="First day counted (default: 90 days back).")
@click.option("--until", metavar="YYYY-MM-DD", help="Last day counted (default: today).")
@click.option(
    "--by",
    type=click.Choice(["month", "goal", "tag", "company"]),
    help="Also count each month, goal, tag or company apart.",
)
@json_option
@click.pass_obj
def command(app: App, since: str | None, until: str | None, by: str | None, as_json: bool) -> None:
    """How reconnecting goes: my outreach and the answers it got, their messages, meetings,
    people contacted and reconnected with, those fading, opportunities, and the goals of
    notekit.toml against what happened.

    An outreach is a `to:` entry that answers no `from:` entry of the days before it; it is
    answered when a `from:` entry or a meeting follows within `[engagement] reply_days`
    (default 14). See docs/format.md.

    \b
    Examples:
      notekit stats
      notekit stats --since 2026-01-01 --by month
      notekit stats --by tag --json
    """
    from notekit.present import views
    from notekit.present.text import stats_text
    from notekit.rules.engagement import stats

    last = parse_date_option(until, "--until") if until else app.today
    first = parse_date_option(since, "--since") if since else add_days(last, 1 - DEFAULT_DAYS)
    if first > last:
        fail(f"--since {first} is after --until {last}")
    found = stats(app.summary(), app.today, first, last, by)
    if as_json:
        emit_json(views.stats(found))
        return
    show(stats_text(found, first, last, by))
