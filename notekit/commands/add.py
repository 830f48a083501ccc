"""`notekit add NAME`: a new person note from the vault's template."""

from __future__ import annotations

import click

from notekit.commands.common import App, fail, planned, write_change


@click.command("add")
@click.argument("name")
@click.option("--company", help="Where they work now.")
@click.option("--role", help="Their job title.")
@click.option("--email", multiple=True, help="An email address (repeat for more).")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for more).")
@click.option("--cadence", help="How often to be in touch: 6w, 3m, quarterly, …")
@click.option("--met", help="How you know each other (the `context` field).")
@click.option("--linkedin", help="Their LinkedIn profile URL.")
@click.option("--force", is_flag=True, help="Add even when a similar name exists.")
@click.option("--dry-run", is_flag=True, help="Print the new note and write nothing.")
@click.pass_obj
def command(
    app: App,
    name: str,
    company: str | None,
    role: str | None,
    email: tuple[str, ...],
    tags: tuple[str, ...],
    cadence: str | None,
    met: str | None,
    linkedin: str | None,
    force: bool,
    dry_run: bool,
) -> None:
    """Create a person note for NAME in the people folder.

    The note starts from the vault's person template (`[people] template` in notekit.toml,
    else Templates/Person.md, else a built-in one). The file name keeps the name readable but
    drops characters that cannot be in a file name or a wikilink.

    \b
    Examples:
      notekit add "Zoë Ångström" --company "Nordic Film Institute" --tag northfield
      notekit add "Liam O'Reilly" --met "Northfield High football team" --cadence 6m
    """
    from notekit.core.dates import parse_cadence
    from notekit.rules.match import named, search
    from notekit.write.changes import plan_add

    index = app.summary()
    existing = named(index, name)
    if existing:
        fail(f"{name!r} already exists: {existing[0].path}")
    close = [m for m in search(index, name, with_company=False) if m.score >= 85]
    if close and not force:
        names = ", ".join(f"{m.person.name} ({m.person.path})" for m in close[:3])
        fail(f"did you mean {names}? Use --force to add {name!r} anyway")
    if cadence:
        try:
            parse_cadence(cadence)
        except ValueError as exc:
            fail(f"--cadence: {exc}")
    fields: dict[str, str | list[str]] = {
        key: value
        for key, value in (
            ("company", company),
            ("role", role),
            ("email", list(email) if len(email) > 1 else (email[0] if email else None)),
            ("tags", [t.lstrip("#") for t in tags] or None),
            ("cadence", cadence),
            ("context", met),
            ("linkedin", linkedin),
        )
        if value
    }
    change = planned(lambda: plan_add(index, name, app.today, fields))
    write_change(app, change, dry_run)
