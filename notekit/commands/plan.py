"""`notekit plan`: this week's few people, chosen for good reasons."""

from __future__ import annotations

import click

from notekit.commands.common import App, echo, emit_json, json_option
from notekit.core.words import counted


@click.command("plan")
@click.option("--size", type=click.IntRange(min=1), help="People in the plan ([plan] size, 5).")
@click.option("--more", is_flag=True, help="Also the next people, if you have time this week.")
@json_option
@click.pass_obj
def command(app: App, size: int | None, more: bool, as_json: bool) -> None:
    """This week's plan: a few people chosen by a score (a reply you owe them, overdue for
    their cadence, a moment this week, a message left unanswered, the focus of notekit.toml,
    warmth), each with why, how to reach them and a line of context; then whoever else is
    waiting on you, and your dated promises due by the week's end, the late ones first. Every
    day of a week gives the same plan; people contacted since are marked done. `due` lists
    everyone.

    \b
    Examples:
      notekit plan
      notekit plan --size 8 --json
      notekit plan --more
    """
    from notekit.present import views
    from notekit.rules.due import promises
    from notekit.rules.plan import week_plan

    summary = app.summary()
    found = week_plan(summary, app.today, size)
    contexts = {
        pick.person.path: views.context_line(
            pick.person, app.store.interactions_of(pick.person), app.today
        )
        for pick in found.picks
    }
    if as_json:
        emit_json(views.plan_report(found, contexts, app.today))
        return
    click.echo(f"Week {found.week} ({found.start} to {found.end})")
    if not found.picks:
        click.echo("\nNobody to plan for this week.")
    for n, pick in enumerate(found.picks, start=1):
        mark = f"done {pick.done}" if pick.done else " " * 4
        click.echo()
        echo(
            f"{n}. [{'x' if pick.done else ' '}] {pick.person.name}"
            + (f"  ({mark})" if pick.done else "")
        )
        echo(f"   why: {'; '.join(pick.why)}")
        if address := views.reach_via(pick.person):
            echo(f"   reach: {address}")
        if context := contexts[pick.person.path]:
            echo(f"   context: {context}")
    if more:
        click.echo("\nNext, if you have time:" if found.next else "\nNobody else this week.")
        for n, pick in enumerate(found.next, start=len(found.picks) + 1):
            done = f"  (done {pick.done})" if pick.done else ""
            echo(f"{n}. {pick.person.name}{done}\n   why: {'; '.join(pick.why)}")
    if found.waiting:
        click.echo("\nWaiting on you too:")
        for owed in found.waiting:
            echo(f"  {owed.person.name}: {views.waiting_text(owed)}")
    kept = promises(found.promises)
    if kept:
        click.echo("\nPromises this week:")
        for promise in kept:
            late = (app.today - promise.due).days
            when = f"{counted(late, 'day')} late" if late > 0 else str(promise.due)
            names = ", ".join(person.name for person in promise.people)
            echo(f"  {when}  {names}: {views.plain(promise.text)}")
    if found.more_due:
        are = "is" if found.more_due == 1 else "are"
        click.echo(f"\nand {found.more_due} more {are} due by {found.end}: notekit due --within 7")
