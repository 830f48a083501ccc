"""docs/cli.md keeps up with `--help`: every command and every option is documented."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import click
import pytest

from notekit.cli import COMMANDS, OPTIONS_AFTER_COMMAND, cli

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _sections() -> dict[str, str]:
    text = DOCS.read_text("utf-8")
    parts = re.split(r"^## (\w+)\s*$", text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_option_of_every_command_is_documented(name: str) -> None:
    section = _sections().get(name)
    assert section is not None, f"docs/cli.md has no '## {name}' section"
    command: click.Command = importlib.import_module(COMMANDS[name]).command
    for param in command.params:
        if param.name in OPTIONS_AFTER_COMMAND:
            continue  # `--vault` and `--today` after any command: documented once, at the top
        if isinstance(param, click.Option):
            assert any(flag in section for flag in param.opts), (name, param.opts)
        else:
            assert (param.metavar or param.name.upper()) in section, (name, param.name)


def test_global_options_are_documented() -> None:
    text = DOCS.read_text("utf-8")
    for param in cli.params:
        assert any(flag in text for flag in param.opts), param.opts
