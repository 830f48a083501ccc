"""`notekit add NAME`: a new person note from the vault's template."""

from __future__ import annotations

import click

from notekit.commands.common import App, dry_run_option, fail, parsed, write_change


@click.command("add")
@click.argument("name")
@click.option("--company", help="Where they work now.")
@click.option("--role", help="Their job title.")
@click.option("--email", multiple=True, help="An email address (repeat for more).")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for more).")
@click.option("--cadence", help="How often to be in touch: 6w, 3m, quarterly, …")
@click.option(
    "--alias", "aliases", multiple=True, help="Another name they go by (repeat for more)."
)
@click.option("--birthday", help="YYYY-MM-DD, or MM-DD without the year.")
@click.option(
    "--history",
    multiple=True,
    help="What you shared, e.g. `Initech (2014-2017)` (repeat for more).",
)
@click.option("--met", help="How you know each other (the `context` field).")
@click.option("--linkedin", help="Their LinkedIn profile URL.")
@click.option(
    "--force",
    is_flag=True,
    help="Add even when the same or a similar name exists (a second note, its file numbered).",
)
@dry_run_option("the new note")
@click.pass_obj
def command(
    app: App,
    name: str,
    company: str | None,
    role: str | None,
    email: tuple[str, ...],
    tags: tuple[str, ...],
    cadence: str | None,
    aliases: tuple[str, ...],
    birthday: str | None,
    history: tuple[str, ...],
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
    from notekit.core.dates import parse_birthday, parse_cadence
    from notekit.read.config import CONFIG_NAME
    from notekit.rules.match import named, search
    from notekit.write.changes import new_person_name, plan_add

    new_person_name(name)  # refused before anything is read
    index = app.summary()
    if not (
        index.people or (app.vault / CONFIG_NAME).is_file() or (app.vault / ".obsidian").is_dir()
    ):
        fail(
            f"{app.vault} is no vault yet (no {CONFIG_NAME}, no .obsidian/, no people): run "
            "`notekit init` there first, or give the vault with --vault"
        )
    existing = named(index, name)
    if existing and not force:
        fail(f"{name!r} already exists: {existing[0].path}. Use --force to add a second one")
    close = [m for m in search(index, name, with_company=False) if m.score >= 85]
    if close and not force:
        names = ", ".join(f"{m.person.name} ({m.person.path})" for m in close[:3])
        fail(f"did you mean {names}? Use --force to add {name!r} anyway")
    for option, value, parse in (
        ("--cadence", cadence, parse_cadence),
        ("--birthday", birthday, parse_birthday),
    ):
        parsed(option, parse, value)
    fields: dict[str, str | list[str]] = {
        key: value
        for key, value in (
            ("company", company),
            ("role", role),
            ("email", list(email) if len(email) > 1 else (email[0] if email else None)),
            ("tags", [t.lstrip("#") for t in tags] or None),
            ("cadence", cadence),
            ("aliases", list(aliases) or None),
            ("birthday", birthday),
            ("history", list(history) or None),
            ("context", met),
            ("linkedin", linkedin),
        )
        if value
    }
    change = plan_add(index, name, app.today, fields, numbered=force)
    write_change(app, change, dry_run)
