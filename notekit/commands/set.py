"""`notekit set [NAME...] [--where KEY=VALUE]... [--tag TAG] KEY=VALUE...`: front-matter
fields of one person or many, in one command."""

from __future__ import annotations

import click

from notekit.commands.common import App, dry_run_option, echo, fail, parsed, write_change
from notekit.core.words import counted


@click.command("set")
@click.argument("words", nargs=-1, required=True, metavar="[NAME]... KEY=VALUE...")
@click.option(
    "--where",
    "conditions",
    multiple=True,
    metavar="KEY=VALUE",
    help="Only people whose KEY is VALUE (or, for a list, holds it); may be repeated.",
)
@click.option("--tag", "tags", multiple=True, help="Only people with this tag; may be repeated.")
@dry_run_option("every diff")
@click.pass_obj
def command(
    app: App,
    words: tuple[str, ...],
    conditions: tuple[str, ...],
    tags: tuple[str, ...],
    dry_run: bool,
) -> None:
    """Set, clear or change front-matter fields on the people named, or on everyone --where
    and --tag select: `KEY=VALUE` sets a value, `KEY=` clears it, `KEY+=ITEM` adds an item to a
    list (tags, aliases, emails…) and `KEY-=ITEM` takes one out. Each note is changed as `log`
    changes it: only the lines of those fields, checked before it is written.

    \b
    Examples:
      notekit set "Ana Costa" cadence=2m tags+=mentor
      notekit set --where company=Initech cadence=1y --dry-run
      notekit set --tag classmate status=paused
    """
    from notekit.core.dates import parse_birthday, parse_cadence, parse_date
    from notekit.rules.match import where
    from notekit.write.changes import DATE_FIELDS, parse_assignment, plan_set

    assignments = [a for w in words if (a := parse_assignment(w)) is not None]
    names = [w for w in words if parse_assignment(w) is None]
    if not assignments:
        fail("nothing to set: give KEY=VALUE, KEY=, KEY+=ITEM or KEY-=ITEM")
    if not (names or conditions or tags):
        fail("name the people to change, or select them with --where or --tag")
    summary = app.summary()
    for each in assignments:
        field = summary.fields.field_of(each.key)
        if field == "cadence" and each.op == "=" and each.value:
            parsed(each.key, parse_cadence, each.value)
        elif field in DATE_FIELDS and each.value:
            parsed(each.key, parse_date, each.value)
        elif field == "birthday" and each.value:
            parsed(each.key, parse_birthday, each.value)
    people = [app.person(name) for name in names] if names else list(summary.people)
    for condition in conditions:
        key, equals, value = condition.partition("=")
        if not equals:
            fail(f"--where {condition!r}: give KEY=VALUE")
        try:
            people = where(people, summary.fields.field_of(key) or key.strip().lower(), value)
        except ValueError as exc:
            fail(str(exc))
    for tag in tags:
        people = where(people, "tags", tag.lstrip("#"))
    if not people:
        fail("nobody matches: nothing was changed")
    changed = 0
    for person in people:
        change = plan_set(summary, person, assignments)
        if change is not None:
            changed += write_change(app, change, dry_run, quiet=True, tell=False) or dry_run
    done = "would change" if dry_run else "changed"
    echo(f"{done} {changed} of {counted(len(people), 'note')}", err=dry_run)
