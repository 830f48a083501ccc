"""`notekit find QUERY`: people by name, alias, company or role, forgiving typos."""

from __future__ import annotations

import click

from notekit.commands.common import App, emit_json, json_option, table
from notekit.present.text import or_dash
from notekit.rules.match import search


@click.command("find")
@click.argument("query")
@json_option
@click.pass_obj
def command(app: App, query: str, as_json: bool) -> None:
    """Find people by name, alias, company, role, history, tags, how you met, interests or
    goals matching QUERY; each result says which field matched.

    Matching ignores case, accents and word order, and forgives small typos.

    \b
    Examples:
      notekit find globex
      notekit find "jose peres"
    """
    matches = search(app.summary(), query)
    if as_json:
        emit_json(
            [
                {
                    "name": m.person.name,
                    "path": m.person.path,
                    "matched": m.matched,
                    "field": m.field,
                    "score": round(m.score, 1),
                    "company": m.person.company,
                    "role": m.person.role,
                }
                for m in matches
            ]
        )
        return
    if not matches:
        click.echo(f"Nobody matches {query!r}.")
        return
    rows = [
        [m.person.name, f"{m.field}: {m.matched}", or_dash(m.person.company), m.person.path]
        for m in matches
    ]
    click.echo(table(["Name", "Matched", "Company", "Note"], rows))
