"""`notekit stats`: is reconnecting working? Outreach and replies, meetings, goals, results."""

from __future__ import annotations

import click

from notekit.commands.common import (
    App,
    echo,
    emit_json,
    fail,
    json_option,
    parse_date_option,
    table,
)
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
    from notekit.rules.engagement import stats

    last = parse_date_option(until, "--until") if until else app.today
    first = parse_date_option(since, "--since") if since else add_days(last, 1 - DEFAULT_DAYS)
    if first > last:
        fail(f"--since {first} is after --until {last}")
    found = stats(app.summary(), app.today, first, last, by)
    if as_json:
        emit_json(views.stats(found))
        return
    total = found.total.as_dict()
    days = (last - first).days + 1
    click.echo(f"From {first} to {last} ({days} days)\n")
    rate = total["reply_rate"]
    rows = [
        [
            "Outreach",
            str(total["outreach"]),
            f"answered {total['answered']}, unanswered {total['unanswered']}, pending "
            f"{total['pending']}" + (f"; reply rate {rate:.0%}" if isinstance(rate, float) else ""),
        ],
        ["Their messages", str(total["incoming"]), "from: entries"],
        ["Meetings", str(total["meetings"]), "coffee, lunch, calls, meeting notes…"],
        [
            "People",
            str(total["people_contacted"]),
            f"contacted; {total['reconnected']} after a long gap; {found.fading} fading now "
            "(past their cadence)",
        ],
        [
            "Opportunities",
            str(sum(found.opportunities.values())),
            ", ".join(f"{status} {n}" for status, n in found.opportunities.items()),
        ],
    ]
    click.echo(table(["", "Count", "What"], rows))
    if found.goals:
        click.echo("\nGoals (notekit.toml):")
        for goal in found.goals:
            mark = "met" if goal.met else "not yet"
            echo(
                f"  {goal.goal}: {goal.actual} of {goal.expected:g} expected "
                f"({goal.target} a {goal.per} over {goal.periods:g} {goal.per}s) — {mark}"
            )
    if found.person_goals:
        click.echo("\nPeople's goals:")
        for held, people, contacted in found.person_goals:
            echo(f"  {held}: {contacted} of {people} contacted")
    if found.groups:
        click.echo(f"\nBy {by}:")
        rows = []
        for name, tally in found.groups:
            counts = tally.as_dict()
            share = counts["reply_rate"]
            rows.append(
                [
                    name,
                    str(counts["outreach"]),
                    "-" if share is None else f"{share:.0%}",
                    str(counts["incoming"]),
                    str(counts["meetings"]),
                    str(counts["people_contacted"]),
                ]
            )
        headers = [by.capitalize() if by else "", "Outreach", "Replies", "Theirs", "Meetings"]
        click.echo(table([*headers, "People"], rows))
