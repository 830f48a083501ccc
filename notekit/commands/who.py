"""`notekit who TOPIC`: who a topic belongs with."""

from __future__ import annotations

import click

from notekit.commands.common import App, emit_json, json_option, table


@click.command("who")
@click.argument("topic")
@json_option
@click.pass_obj
def command(app: App, topic: str, as_json: bool) -> None:
    """People a TOPIC belongs with: their interests, role, company, history, how you met,
    goals, tags or a line of their note mention it; best first, each with the matching text.
    Case, accents and small typos do not count.

    \b
    Examples:
      notekit who fintech
      notekit who "rust" --json
    """
    from notekit.present import views
    from notekit.rules.who import who

    found = who(app.summary(), topic)
    if as_json:
        emit_json(
            [
                {
                    "name": f.person.name,
                    "path": f.person.path,
                    "score": round(f.score, 1),
                    "field": f.field,
                    "line": f.line,
                    "text": f.text,
                }
                for f in found
            ]
        )
        return
    if not found:
        click.echo(f"Nobody's note mentions {topic!r}.")
        return
    rows = [
        [
            f.person.name,
            f"{f.field}:{f.line}" if f.line else f.field,
            views.plain(f.text)[:90],
        ]
        for f in found
    ]
    click.echo(table(["Name", "Where", "What"], rows))
