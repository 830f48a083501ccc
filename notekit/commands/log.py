"""`notekit log NAME TEXT`: record an interaction in the person's note."""

from __future__ import annotations

import click

from notekit.commands.common import (
    App,
    dry_run_option,
    echo,
    parse_date_option,
    write_change,
)
from notekit.core.syntax import CHANNELS


@click.command("log")
@click.argument("name")
@click.argument("text")
@click.option(
    "--date", "-d", "when", metavar="YYYY-MM-DD", help="When it happened (default: today)."
)
@click.option(
    "--channel",
    "-c",
    metavar="WORD",
    help=f"How: {', '.join(sorted(CHANNELS))}, or a word of your own (see `channels` in "
    "docs/format.md).",
)
@click.option(
    "--to",
    "direction",
    flag_value="to",
    help="My outreach: writes `channel to:` (the channel defaults to message).",
)
@click.option(
    "--from",
    "direction",
    flag_value="from",
    help="Their message to me: writes `channel from:`.",
)
@click.option(
    "--keep-follow-up",
    is_flag=True,
    help="Keep the note's follow-up date, which this contact would otherwise clear.",
)
@dry_run_option("the diff")
@click.pass_obj
def command(
    app: App,
    name: str,
    text: str,
    when: str | None,
    channel: str | None,
    direction: str | None,
    keep_follow_up: bool,
    dry_run: bool,
) -> None:
    """Add `- DATE channel: TEXT` to NAME's log section.

    The entry goes into the note's `## Log` (or `## Interactions`, `## Timeline`) section, in
    the order the section already uses; a `## Log` section is added at the end when there is
    none. A last-contact field in the front-matter moves forward to DATE if the note has one.
    Nothing else in the note changes.

    With --to (my outreach) or --from (their message), the entry says who wrote:
    `- DATE email to: TEXT`. That is what `stats`, the nudges of `due` and the reply rate count.

    \b
    Examples:
      notekit log "Ana Costa" "talked about her move to Globex" --channel coffee
      notekit log ana "sent the intro to Sam" -c email --date 2026-11-20 --dry-run
      notekit log ana "asked how the new team is going" -c linkedin --to
      notekit log ana "she answered, wants coffee" -c linkedin --from
    """
    from notekit.write.changes import plan_log

    person = app.person(name)
    date = parse_date_option(when, "--date") if when else None
    change = plan_log(
        app.summary(),
        person,
        app.today,
        text,
        date=date,
        channel=channel or ("message" if direction else None),
        keep_follow_up=keep_follow_up,
        direction=direction,
    )
    write_change(app, change, dry_run)
    known = app.summary(quiet=True).config.channels
    if channel and channel.lower() not in known:
        echo(
            f"notekit: note: {channel.lower()!r} is not a channel notekit reads, so the entry "
            f'counts as a contact without one; add `channels = ["{channel.lower()}"]` to '
            "notekit.toml to read it as a channel.",
            err=True,
        )
