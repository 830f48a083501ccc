"""`notekit git setup|merge`: person notes that git merges the way a person would."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from notekit.core.words import counted

if TYPE_CHECKING:  # git runs `merge` once for each file: it loads no more than it needs
    from notekit.commands.common import App


@click.group("git")
def command() -> None:
    """A vault in git, edited on several devices: `setup` makes git merge person notes with
    notekit (two devices that log the same person merge without a conflict); `merge` is what
    git then runs.

    \b
    Examples:
      notekit git setup
      notekit git setup --check
    """


@command.command("setup")
@click.option(
    "--check", "only_check", is_flag=True, help="Say whether it is set up; change nothing."
)
@click.pass_obj
def setup(app: App, only_check: bool) -> None:
    """Make git merge the vault's notes with notekit: `*.md merge=notekit` in the repository's
    .gitattributes (its other lines kept), and the driver in the repository's own config,
    run by this Python's absolute path so that GUIs find it. Running it again changes nothing.

    \b
    Example:
      notekit git setup && git add .gitattributes && git commit -m "notekit merges notes"
    """
    from notekit.commands.common import echo, show
    from notekit.interop.git import setup as set_up
    from notekit.interop.git import setup_state

    if only_check:
        state = setup_state(app.vault)
        show([f"{'yes' if ok else 'no '}  {part}" for part, ok in state.items()])
        if not all(state.values()):
            echo("Not set up: run `notekit git setup`.")
            raise SystemExit(1)
        return
    done = set_up(app.vault)
    show(done or ["Already set up: nothing to do."])


@command.command("resolve")
@click.pass_obj
def resolve(app: App) -> None:
    """Merge, in one run, every note a `git merge` or `git pull` left conflicted, as the
    merge driver would: for a merge of many notes (git runs a driver once per file, each a
    process of its own), or a clone where the driver is not set up. Each note merged cleanly
    is written and `git add`-ed; the others keep git's markers on the lines in conflict only.
    Then commit as git says.

    \b
    Example:
      git -c merge.notekit.driver=false pull && notekit git resolve && git commit --no-edit
    """
    from notekit.commands.common import show
    from notekit.interop.git import conflicted_notes, mark_resolved, merge_file, root_of
    from notekit.read.files import replace_atomic
    from notekit.write.merge3 import merge_note

    root = root_of(app.vault)
    clean, marked = [], []
    for path, (base, ours, theirs) in conflicted_notes(app.vault).items():
        merged = merge_note(base, ours, theirs, path, merge_file)
        if merged is None:
            marked.append(f"  left as git merged it (cannot be read): {path}")
            continue
        replace_atomic(root / path, merged.data)
        (
            marked.append(f"  conflict left to resolve: {path}")
            if merged.conflicts
            else clean.append(path)
        )
    mark_resolved(app.vault, clean)
    show([f"{counted(len(clean), 'note')} merged and added.", *marked])
    if marked:
        raise SystemExit(1)


@command.command("merge")
@click.argument("base", type=click.Path(exists=True, dir_okay=False))
@click.argument("ours", type=click.Path(exists=True, dir_okay=False))
@click.argument("theirs", type=click.Path(exists=True, dir_okay=False))
@click.argument("path")
def merge(base: str, ours: str, theirs: str, path: str) -> None:
    """git's merge driver for notes (%O %A %B %P): OURS is rewritten with the merge. Log
    entries of both sides are kept, each once; front-matter is merged key by key (the later
    last_contact, list fields united); a value changed two ways gets git's markers around
    that one line. The rest is git's own text merge. Exit 0 when clean, 1 with markers.
    """
    from notekit.interop.git import merge_file
    from notekit.read.files import replace_atomic
    from notekit.write.merge3 import merge_note

    versions = [Path(p).read_bytes() for p in (base, ours, theirs)]
    merged = merge_note(versions[0], versions[1], versions[2], path, merge_file)
    if merged is None:  # a side notekit cannot read: git's text merge, as without the driver
        data, conflicts = merge_file(versions[1], versions[0], versions[2])
    else:
        data, conflicts = merged.data, merged.conflicts
    replace_atomic(Path(ours), data)
    raise SystemExit(1 if conflicts else 0)
