"""`notekit watch`: rebuild the report whenever a note changes."""

from __future__ import annotations

import datetime as dt
import signal

import click

from notekit.commands.common import App, echo, site_option


@click.command("watch")
@site_option
@click.option("--poll", is_flag=True, help="Poll the folder every second instead of inotify.")
@click.option(
    "--debounce",
    default=0.3,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds of quiet to wait after a change before rebuilding.",
)
@click.pass_obj
def command(app: App, output: str | None, force: bool, poll: bool, debounce: float) -> None:
    """Build the report, then rebuild it each time notes change, until Ctrl-C.

    Only notes that changed are read again and only pages whose content changed are written;
    a note with broken YAML shows up on problems.html and watching goes on.

    \b
    Example:
      notekit watch -o site
    """
    from notekit.site.watch import Watcher

    out = app.site_dir(output)

    def today() -> dt.date:  # a watch left running overnight moves on to the next day
        return app.today if app.today_fixed else dt.date.today()

    watcher = Watcher(
        app.vault,
        out,
        today,
        echo,
        debounce=debounce,
        poll=poll,
        force=force,
    )
    for stop_signal in (signal.SIGINT, signal.SIGTERM):  # also when started with SIGINT ignored
        signal.signal(stop_signal, lambda *_: watcher.stop())
    watcher.run()
