"""`notekit intro TARGET`: who could introduce me, directly or through one more person."""

from __future__ import annotations

import click

from notekit.commands.common import App, echo, emit_json


@click.command("intro")
@click.argument("target")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see docs/cli.md).")
@click.pass_obj
def command(app: App, target: str, as_json: bool) -> None:
    """Who could introduce me to TARGET (a person of the vault), directly or through one more
    person, ranked by how fresh my own contact with the first person is and how strong the
    ties look; each path with its evidence (introduced_by, knows, a link between their notes,
    a meeting or daily note together, years at one org).

    \b
    Examples:
      notekit intro "Laura Schmidt"
      notekit intro priya --json
    """
    from notekit.rules import views
    from notekit.rules.network import introducers

    person = app.person(target)
    paths = introducers(app.summary(), person, app.today)
    if as_json:
        emit_json(
            [
                {
                    "via": p.via.name,
                    "via_path": p.via.path,
                    "then": p.then.name if p.then else None,
                    "score": round(p.score, 2),
                    "last_contact": views.iso(p.last_contact),
                    "evidence": p.evidence,
                }
                for p in paths
            ]
        )
        return
    if not paths:
        click.echo(
            f"No path to {person.name}: nobody in your notes is tied to them (add `knows:` or "
            "`introduced_by:`, or note a meeting together)."
        )
        return
    for p in paths:
        route = (
            f"{p.via.name} → {p.then.name} → {person.name}"
            if p.then
            else (f"{p.via.name} → {person.name}")
        )
        last = f", last contact {p.last_contact}" if p.last_contact else ", never contacted"
        echo(f"{route}  (score {p.score:.1f}{last})")
        for item in p.evidence[:4]:
            echo(f"    {item}")
