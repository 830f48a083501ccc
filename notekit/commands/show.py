"""`notekit show NAME`: what you know about someone, and where you stand."""

from __future__ import annotations

import click

from notekit.commands.common import App, emit_json, json_option, show
from notekit.present import views
from notekit.present.text import show_text
from notekit.rules.contact import last_heard
from notekit.rules.due import follow_up


@click.command("show")
@click.argument("name")
@json_option
@click.pass_obj
def command(app: App, name: str, as_json: bool) -> None:
    """Show one person: facts, how you know each other, due status, interactions, promises.

    NAME is a name, alias or file name; a small typo is forgiven when only one person fits.

    \b
    Examples:
      notekit show "Ana Costa"
      notekit show ana --json
    """
    from notekit.rules.engagement import reciprocity
    from notekit.rules.orgs import history_lines

    person = app.person(name)
    summary = app.summary()
    follow = follow_up(person, summary, app.today)
    tasks = [t for t in summary.tasks if t.person.path == person.path]
    interactions = app.store.interactions_of(person)
    sections = app.store.parts_of(person).sections
    give_and_take = reciprocity(person, summary, app.today)
    heard = last_heard(person, summary, app.today)
    if as_json:
        detail = views.person_detail(follow, heard, interactions, tasks)
        detail["sections"] = [views.section(s) for s in sections]
        detail["reciprocity"] = views.reciprocity(give_and_take)
        emit_json(detail)
        return
    history = history_lines(person, summary.config, app.today)
    show(show_text(person, follow, heard, history, give_and_take, sections, interactions, tasks))
