"""`notekit intro TARGET`: who could introduce me to a person or get me into an org."""

from __future__ import annotations

import click

from notekit.commands.common import App, emit_json, fail, json_option, show


@click.command("intro")
@click.argument("target")
@json_option
@click.pass_obj
def command(app: App, target: str, as_json: bool) -> None:
    """Who could introduce me to TARGET: a person of the vault, or an organisation (then the
    people there now, else those who were, and the people tied to them). Directly or through
    one more person, ranked by how fresh my own contact with the first person is and how strong
    the ties look; each path with its evidence (introduced_by, knows, a link between their
    notes, a meeting, daily note or group conversation together, years at one org, which weigh
    less the more people of the vault were there). When you know TARGET yourself (years at one
    org, or in touch in the last 18 months), that comes first: write directly.

    \b
    Examples:
      notekit intro "Laura Schmidt"
      notekit intro Globex
      notekit intro priya --json
    """
    from notekit.present import text, views
    from notekit.rules.match import lookup
    from notekit.rules.network import insiders, introducers, introducers_at

    summary = app.summary()
    found = lookup(summary, target)
    person = found.person
    inside = insiders(summary, target) if person is None else []
    if person is None and not inside and not found.candidates:
        fail(
            f"{target!r} is neither a person of your notes nor an org one of them is or was at "
            "(company or history)"
        )
    if inside:
        paths = introducers_at(summary, target, app.today)
        goal = inside[0][2]
    else:
        person = person or app.person(target)  # no such person: says who it might be
        paths = introducers(summary, person, app.today)
        goal = person.name
    if as_json:
        emit_json([views.introduction(p) for p in paths])
    else:
        show(text.intro_text(paths, goal))
