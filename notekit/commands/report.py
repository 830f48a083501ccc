"""`notekit report`: the static HTML overview of the week."""

from __future__ import annotations

from pathlib import Path

import click

from notekit.commands.common import App


@click.command("report")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    help="Folder to write the site into (default: the config's [report] output, else site/).",
)
@click.pass_obj
def command(app: App, output: str | None) -> None:
    """Write the static HTML report and print the path of its index.html.

    The site opens from disk and needs no network.

    \b
    Example:
      notekit report -o site && xdg-open site/index.html
    """
    from notekit.report import build_site

    index = app.index()
    out = Path(output) if output else Path(app.cwd) / index.config.report_output
    click.echo(build_site(index, app.today, out).resolve())
