"""`notekit report`: the static HTML overview of the week, and optionally the week's note."""

from __future__ import annotations

import click

from notekit.commands.common import App, fail, site_option, write_change


@click.command("report")
@site_option
@click.option(
    "--note",
    "with_note",
    is_flag=True,
    help="Also write the week's overview as a note in the vault (Reviews/YYYY-Www.md).",
)
@click.pass_obj
def command(app: App, output: str | None, force: bool, with_note: bool) -> None:
    """Write the static HTML report and print the path of its index.html.

    The site opens from disk and needs no network. Only pages whose content changed are
    rewritten, and pages of people no longer in the vault are removed. A folder holding files
    notekit did not write is refused unless --force is given.

    \b
    Examples:
      notekit report -o site && xdg-open site/index.html
      notekit report --note        # also Reviews/2026-W48.md, with [[links]] to people
    """
    from notekit.site.report import build_site, write_failure

    index = app.index()
    out = app.site_dir(output)
    if with_note:
        from notekit.core.errors import EditError
        from notekit.write.weekly import plan_weekly_note

        try:
            change = plan_weekly_note(index, app.today)
        except EditError as exc:  # an edited weekly note stays as it is; the site still builds
            click.echo(f"notekit: warning: {exc}", err=True)
        else:
            if change is None:
                click.echo("weekly note unchanged", err=True)
            else:
                write_change(app, change, dry_run=False, quiet=True)
    try:
        result = build_site(index, app.today, out, force)
    except OSError as exc:
        fail(write_failure(exc, out))
    click.echo(result.index_html.resolve())
