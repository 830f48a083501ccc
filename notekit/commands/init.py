"""`notekit init [DIR]`: a config, a People folder and a person template, nothing overwritten."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import click

from notekit.commands.common import App, fail
from notekit.read.config import CONFIG_NAME, Config

CONFIG_TEXT = """\
# notekit settings. Every key is optional; see docs/format.md.

# How often to be in touch with people who have no cadence of their own (e.g. "3m", "6w").
# Without it, only people with a `cadence:` of their own or a tag rule below are ever due.
default_cadence = "6m"

# More words read as a channel after an entry's date (email, call, coffee, … are built in).
# channels = ["discord", "zoom"]

# Files and folders to leave out, as globs relative to this folder.
# ignore = ["Archive/**"]

[people]
# A note is a person when it lies in one of these folders (any depth)...
folders = PERSON_FOLDERS
# ...or its `type` is one of these, or a tag (or a tag segment) is one of these.
types = ["person", "contact", "crm-contact", "colleague", "classmate"]
tags = ["person", "people", "contact"]

[cadence.tags]
# The first rule whose tag a person has sets their cadence.
# mentor = "1m"
# recruiter = "6m"

[report]
title = "My people"
# Where `notekit report` writes the site, from the folder it runs in. Default: site/ there, or
# .notekit/site in the vault when it runs inside the vault (Obsidian and git skip it).
# output = "site"

[git]
# true: add, log and snooze commit just the file they changed.
autocommit = false

[me]
# How drafts are signed, and where you worked and studied: shared years show as "overlapped".
# name = "Sam"
# history = ["Initech (2014-2017)", { org = "MIT", from = 2008, to = 2012 }]
"""


@click.command("init")
@click.argument("folder", required=False, type=click.Path(file_okay=False))
@click.pass_obj
def command(app: App, folder: str | None) -> None:
    """Set up FOLDER (default: the --vault given, else here) as a notekit vault. Existing
    files are left alone.

    \b
    Example:
      notekit init ~/notes
    """
    from notekit.read.files import create_exclusive

    root = Path(folder or app.vault_option or ".")
    template = resources.files("notekit.write").joinpath("templates/person.md").read_text("utf-8")
    folders = Config().person_folders
    people = _people_folder(root, folders)
    plan = [
        (root / CONFIG_NAME, CONFIG_TEXT.replace("PERSON_FOLDERS", json.dumps(list(folders)))),
        (root / people, None),
        (root / "Templates" / "Person.md", template),
    ]
    for path, _ in plan:
        for link in (path, *(root / folder for folder in path.relative_to(root).parents)):
            if link.is_symlink() and not link.exists():
                fail(
                    f"{link} is a symbolic link to nothing; notekit init will not create its target"
                )
    try:
        for path, text in plan:
            shown = f"{path}/" if text is None else str(path)
            if path.exists():
                click.echo(f"kept     {shown}")
            elif text is None:
                path.mkdir(parents=True)
                click.echo(f"created  {shown}")
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                if create_exclusive(path, text.encode("utf-8")):
                    click.echo(f"created  {path}")
                else:
                    click.echo(f"kept     {path}")
    except OSError as exc:
        fail(f"{exc.filename or root}: {exc.strerror}")
    click.echo(
        "\nNext: add the people you want to keep in touch with, one note each:\n"
        '  notekit add "Ana Costa" --company Globex --met "the payments team at Initech"\n'
        f"(or write a note in {people}/ from Templates/Person.md), then run `notekit due`."
    )


def _people_folder(root: Path, folders: tuple[str, ...]) -> str:
    """The folder of person notes: one the vault has already (`Contacts`, in any case), where
    `add` will write too, else the first of the defaults."""
    try:
        present = {p.name.casefold(): p.name for p in root.iterdir() if p.is_dir()}
    except OSError:
        present = {}
    return next((present[f.casefold()] for f in folders if f.casefold() in present), folders[0])
