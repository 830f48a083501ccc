"""`notekit dedupe`: people who are likely one person written twice."""

from __future__ import annotations

import click

from notekit.commands.common import App, echo, emit_json, json_option
from notekit.core.words import counted


@click.command("dedupe")
@json_option
@click.pass_obj
def command(app: App, as_json: bool) -> None:
    """List likely duplicates: the same email or LinkedIn profile, the same name (case,
    accents, word order and honorifics aside), or names nearly alike; with the evidence.
    Nothing is changed.

    \b
    Example:
      notekit dedupe
    """
    from notekit.rules.dedupe import duplicates

    pairs = duplicates(app.summary())
    if as_json:
        emit_json(
            [
                {"first": p.first.path, "second": p.second.path, "evidence": p.evidence}
                for p in pairs
            ]
        )
        return
    if not pairs:
        click.echo("No likely duplicates.")
        return
    for pair in pairs:
        echo(f"{pair.first.path}  ~  {pair.second.path}: {'; '.join(pair.evidence)}")
    click.echo(f"\n{counted(len(pairs), 'pair')}.")
