"""The `notekit` command: global options, and each command imported only when it runs."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import sys
from typing import Any

import click

from notekit import __version__

COMMANDS = {
    "people": "notekit.commands.people",
    "show": "notekit.commands.show",
    "find": "notekit.commands.find",
    "due": "notekit.commands.due",
    "check": "notekit.commands.check",
    "init": "notekit.commands.init",
    "import": "notekit.commands.import_",
    "export": "notekit.commands.export",
    "dedupe": "notekit.commands.dedupe",
    "merge": "notekit.commands.merge",
    "stats": "notekit.commands.stats",
    "agenda": "notekit.commands.agenda",
    "plan": "notekit.commands.plan",
    "who": "notekit.commands.who",
    "intro": "notekit.commands.intro",
    "draft": "notekit.commands.draft",
    "review": "notekit.commands.review",
    "opportunities": "notekit.commands.opportunities",
    "report": "notekit.commands.report",
    "add": "notekit.commands.add",
    "log": "notekit.commands.log",
    "snooze": "notekit.commands.snooze",
    "set": "notekit.commands.set",
    "watch": "notekit.commands.watch",
    "git": "notekit.commands.git",
}


TODAY_RANGE = (dt.date(1900, 1, 1), dt.date(9899, 12, 31))


class LazyGroup(click.Group):
    """Imports a command's module only when that command is asked for, so `notekit due`
    never pays for Jinja2 or markdown-it."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a Refusal from any layer below becomes `notekit: error: …` on
        stderr and its exit status, here and nowhere else."""
        from notekit.core.errors import Refusal

        try:
            return super().invoke(ctx)
        except Refusal as exc:
            from notekit.commands.common import echo

            echo(f"notekit: error: {exc}", err=True)
            ctx.exit(exc.code)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command: click.Command = importlib.import_module(module).command
        inner = list(command.commands.values()) if isinstance(command, click.Group) else []
        for each in (command, *inner):  # `notekit import linkedin X --vault V` too
            if not any(param.name in OPTIONS_AFTER_COMMAND for param in each.params):
                each.params.extend(_options_after())
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with its whole summary, wrapped, rather than cut at the line's end."""
        rows = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(
                [(name, cmd.get_short_help_str(limit=1_000)) for name, cmd in rows if cmd]
            )


OPTIONS_AFTER_COMMAND = ("vault_after", "today_after")


def _options_after() -> list[click.Option]:
    """`--vault` and `--today` after the command too (`notekit due --vault ~/notes`), as people
    type them; there they win over the same option before the command."""
    return [
        click.Option(
            ["--vault", "vault_after"],
            type=click.Path(file_okay=False),
            expose_value=False,
            callback=_vault_after,
            help="The vault folder (as before the command).",
        ),
        click.Option(
            ["--today", "today_after"],
            metavar="YYYY-MM-DD",
            expose_value=False,
            callback=_today_after,
            help="Take this date as today (as before the command).",
        ),
    ]


def _vault_after(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.obj.vault_option = value


def _today_after(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        ctx.obj.today = _parse_today(ctx, param, value)
        ctx.obj.today_fixed = True


def _parse_today(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date:
    if not value:
        return dt.date.today()
    try:
        today = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from None
    if not TODAY_RANGE[0] <= today <= TODAY_RANGE[1]:
        raise click.BadParameter(
            f"{today} is out of range ({TODAY_RANGE[0]} to {TODAY_RANGE[1]}: a century of "
            "follow-ups must fit in the calendar)"
        )
    return today


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--vault",
    type=click.Path(file_okay=False),
    help="The vault folder (default: $NOTEKIT_VAULT, else the nearest folder above with "
    "notekit.toml or .obsidian/, else the current folder).",
)
@click.option(
    "--today",
    envvar="NOTEKIT_TODAY",
    callback=_parse_today,
    metavar="YYYY-MM-DD",
    help="Take this date as today (also $NOTEKIT_TODAY).",
)
@click.version_option(__version__, prog_name="notekit")
@click.pass_context
def cli(ctx: click.Context, vault: str | None, today: dt.date) -> None:
    """A plain-text personal CRM over a folder of Markdown notes.

    \b
    Examples:
      notekit due                      who to reconnect with this week, and why
      notekit show "Ana Costa"         what you know about someone
      notekit --vault ~/notes check    problems in the notes, with file and line
    """
    from notekit.commands.common import App

    fixed = ctx.get_parameter_source("today") != click.core.ParameterSource.DEFAULT
    ctx.obj = App(vault_option=vault, today=today, cwd=os.getcwd(), today_fixed=fixed)


def main() -> None:
    """Run a command, then leave without tearing down what it built: freeing an index's
    hundreds of thousands of objects one by one takes a tenth of a second and more, for memory
    the system takes back at once. Output is flushed first; nothing else waits for exit."""
    try:
        cli(prog_name="notekit")
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if not isinstance(code, int):
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`notekit due | head`) or stream
            code = code or 1
    os._exit(code)
