"""Jinja2, for the report's pages and for message drafts: the one module that imports it.

The report's templates are notekit's own. Draft templates may come from the vault
(`Templates/notekit/`), a folder that can be synced from anywhere, so they run sandboxed: a
template can shape text, never reach Python objects beyond the values it is given."""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

__all__ = ["Markup", "TemplateError", "TemplateSyntaxError", "page_environment", "text_environment"]


def page_environment(cache: Path | None) -> Environment:
    """The report's templates, every value escaped; compiled templates kept in `cache`."""
    return Environment(
        loader=PackageLoader("notekit.site", "templates"),
        bytecode_cache=FileSystemBytecodeCache(str(cache)) if cache else None,
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@functools.lru_cache(maxsize=8)
def text_environment(user_folder: Path | None) -> SandboxedEnvironment:
    """Plain-text templates: the user's folder first, then notekit's own (templates/draft).
    Kept per folder, templates compiled once; a template changed on disk is read again."""
    loaders: list[FileSystemLoader | PackageLoader] = []
    if user_folder is not None and user_folder.is_dir():
        loaders.append(FileSystemLoader(str(user_folder)))
    loaders.append(PackageLoader("notekit.site", "templates/draft"))
    return SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
