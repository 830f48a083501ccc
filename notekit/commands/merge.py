"""`notekit merge KEEP OTHER`: two notes about one person made one."""

from __future__ import annotations

import click

from notekit.commands.common import (
    App,
    dry_run_option,
    echo,
    fail,
    write_change,
)
from notekit.core.errors import PROBLEMS
from notekit.core.words import counted


@click.command("merge")
@click.argument("keep")
@click.argument("other")
@dry_run_option("every diff")
@click.pass_obj
def command(app: App, keep: str, other: str, dry_run: bool) -> None:
    """Merge OTHER into KEEP: one note about one person.

    KEEP gets the front-matter values it has none for and the list items it lacks (emails,
    tags, history…); its own values are never replaced, and OTHER's values that differ are
    kept in the body. OTHER's names become aliases, its dated log entries go into KEEP's log
    in date order, and the rest of its body goes under a `## From OTHER` heading at the end.
    Every link to OTHER in the vault is made a link to KEEP (`#heading` and `|shown` text
    kept), and OTHER moves to the vault's `.trash/` folder. KEEP and OTHER are names or
    paths of notes, as `dedupe` lists them.

    \b
    Examples:
      notekit dedupe
      notekit merge "People/Ana Costa.md" "People/Ana Costa 2.md" --dry-run
    """
    from notekit.core.errors import ConflictError, EditError
    from notekit.write.changes import apply
    from notekit.write.edit import move_aside
    from notekit.write.merge import plan_merge

    kept, gone = app.person(keep), app.person(other)
    summary = app.summary()
    merge = plan_merge(summary, kept, gone, app.today)
    changes = [merge.keep, *merge.links]
    if dry_run:
        for change in changes:
            write_change(app, change, dry_run=True)
        merge.other.release()
        echo(f"(dry run: {merge.other_rel} not moved to {merge.trash})", err=True)
        return
    written = 0
    warnings = []
    try:
        for change in changes:
            warnings.append(apply(change, summary.config.git_autocommit))
            written += 1
        move_aside(merge.other, merge.trash_file)
    except (ConflictError, EditError) as exc:
        merge.discard()
        done = (
            f"{written} of {counted(len(changes), 'note')} {'was' if written == 1 else 'were'} "
            "written before this; "
            if written
            else ""
        )
        fail(f"{exc}\n{done}{merge.other_rel} was not moved", PROBLEMS)
    echo(f"merged {gone.name} ({gone.path}) into {kept.name} ({kept.path})")
    if merge.links:
        echo(
            f"links to {gone.name} now lead to {kept.name} in "
            f"{counted(len(merge.links), 'more note')}"
        )
    echo(f"{gone.path} moved to {merge.trash}")
    for warning in filter(None, warnings):
        echo(f"notekit: warning: {warning}", err=True)
