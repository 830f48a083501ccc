"""`notekit show NAME`: what you know about someone, and where you stand."""

from __future__ import annotations

import click

from notekit.commands.common import App, echo, emit_json, json_option, visible
from notekit.present import views
from notekit.rules.contact import last_heard
from notekit.rules.due import follow_up

RECENT = 10


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
    click.echo(click.style(visible(person.name), bold=True) + f"  ({visible(person.path)})")
    work = " at ".join(x for x in (person.role, person.company) if x)
    facts = [
        ("", work),
        ("Also known as", ", ".join(person.aliases)),
        ("Tags", ", ".join(person.tags)),
        ("How we know each other", person.context or ""),
        ("History", "; ".join(history_lines(person, summary.config, app.today))),
        ("News", f"{person.news[0]}: now {person.news[1]}" if person.news else ""),
        ("Interests", ", ".join(person.interests)),
        ("Projects", ", ".join(person.projects)),
        ("Memories", "; ".join(person.memories)),
        ("Goals", ", ".join(person.goals)),
        ("Introduced by", ", ".join(person.introduced_by)),
        ("Knows", ", ".join(person.knows)),
        ("Email", ", ".join(person.emails)),
        ("Phone", person.phone or ""),
        ("Reach via", views.reach_via(person) or ""),
        ("Location", person.location or ""),
        ("LinkedIn", person.linkedin or ""),
        ("Birthday", views.birthday_text(person) or ""),
        ("Last contact", views.iso(follow.last_contact) or "never"),
        ("Last heard", views.heard_text(heard, follow.last_contact)),
        ("Follow-up", f"{follow.due} ({follow.why()})" if follow.due else follow.why()),
        ("Give and take", views.reciprocity_text(give_and_take)),
    ]
    for label, value in facts:
        if value:
            echo(f"  {label}: {value}" if label else f"  {value}")
    for part in sections:
        click.echo(f"\n{visible(part.heading)}:")
        for line in part.text.split("\n"):
            echo(f"  {line}".rstrip())
    past = [i for i in interactions if i.date <= app.today]
    planned = [i for i in interactions if i.date > app.today]
    if past:
        click.echo(f"\nLast interactions ({min(len(past), RECENT)} of {len(past)}):")
        for item in reversed(past[-RECENT:]):
            echo(f"  {views.interaction_line(item)}")
    if planned:
        click.echo("\nPlanned:")
        for item in planned:
            echo(f"  {views.interaction_line(item)}")
    if tasks:
        click.echo("\nOpen promises:")
        for task in tasks:
            echo(f"  {task.due}  {views.plain(task.text)}  ({task.source}:{task.line})")
