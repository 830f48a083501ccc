"""Jinja2, for the report's pages and for message drafts: the one module that imports it.

The report's templates are notekit's own. Draft templates may come from the vault
(`Templates/notekit/`), a folder that can be synced from anywhere, so they run sandboxed: a
template can shape text, never reach Python objects beyond the values it is given; and within
limits (`render_text`): so many steps and seconds, so much output, numbers and texts of a
bounded size, and a bounded amount of memory, so that a template can never hang a command or
exhaust the machine."""

from __future__ import annotations

import contextlib
import functools
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    select_autoescape,
)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from notekit.store.kept import cache_dir

__all__ = [
    "Markup",
    "bounded",
    "bytecode_folder",
    "TemplateError",
    "TemplateNotFound",
    "TemplateSyntaxError",
    "page_environment",
    "render_text",
    "text_environment",
]

MAX_STEPS = 2_000_000  # lines of template code one rendering may run
MAX_SECONDS = 2.0
MAX_OUTPUT = 100_000  # characters: a message, not a book
MAX_VALUE = 100_000  # the length of a text or list an expression may make
MAX_BITS = 10_000  # the size of a number an expression may make
MEMORY_HEADROOM = 1 << 30  # bytes a rendering may take beyond what the process holds
_WIDTH = re.compile(r"\d{6,}")  # a field width of a million or more in a format


class TemplateLimit(TemplateError):
    """A template went past one of the limits above; the message says which."""


class TooLong(TemplateLimit):
    """What a template wrote went past MAX_OUTPUT: with notekit's own templates, only a text
    of the note can make it so."""


class _PageEnvironment(Environment):
    """What the pages show comes mostly as plain dicts (notekit.present.views), read in the
    templates as `item.line`: for a dict, its item is looked up first, where Jinja tries an
    attribute first and fails (a third of the time a person page's template took). Only a
    method could be an attribute of a dict, and the report's templates call none."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict:
            found = obj.get(attribute, _NOT_THERE)
            if found is not _NOT_THERE:
                return found
        return super().getattr(obj, attribute)


_NOT_THERE = object()


def page_environment(cache: Path | None) -> Environment:
    """The report's templates, every value escaped; compiled templates kept in `cache`."""
    return _PageEnvironment(
        loader=PackageLoader("notekit.site", "templates"),
        bytecode_cache=FileSystemBytecodeCache(str(cache)) if cache else None,
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def bytecode_folder(vault: Path) -> Path | None:
    """Where compiled templates are kept, beside the notes cache: compiling them costs more
    than a rebuild after one edit renders, or than a draft."""
    folder = cache_dir(vault)
    if folder is None:
        return None
    try:
        (folder / "templates").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder / "templates"


@functools.lru_cache(maxsize=8)
def text_environment(user_folder: Path | None, cache: Path | None) -> SandboxedEnvironment:
    """Plain-text templates: the user's folder first, then notekit's own (templates/draft),
    compiled ones kept in `cache`. Kept per folder, templates compiled once; a template
    changed on disk is read again."""
    loaders: list[FileSystemLoader | PackageLoader] = []
    if user_folder is not None and user_folder.is_dir():
        loaders.append(FileSystemLoader(str(user_folder)))
    loaders.append(PackageLoader("notekit.site", "templates/draft"))
    environment = _BoundedSandbox(
        loader=ChoiceLoader(loaders),
        bytecode_cache=FileSystemBytecodeCache(str(cache)) if cache else None,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    environment.filters["mid_sentence"] = mid_sentence
    return environment


def mid_sentence(text: str) -> str:
    """A sentence made to follow a comma (`Hi Ana, it's…`): its first letter lower-case,
    unless its first word is `I` (`I've`, `I'd`…)."""
    first = text.split(" ", 1)[0]
    if not text or first == "I" or first.startswith("I'"):
        return text
    return text[:1].lower() + text[1:]


class _BoundedSandbox(SandboxedEnvironment):
    """The sandbox, with the operators that can make a huge value from a small expression
    (`'x' * 10**10`, `10 ** 10 ** 8`, `'%999999999d' % 1`) checked before they run."""

    intercepted_binops = frozenset(["*", "**", "%"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for value, times in ((left, right), (right, left)):
                sized = isinstance(value, (str, list, tuple)) and isinstance(times, int)
                if sized and len(value) * times > MAX_VALUE:
                    raise TemplateLimit(f"a text or list longer than {MAX_VALUE:,}")
        elif operator == "**":
            whole = isinstance(left, int) and isinstance(right, int) and right > 0
            if whole and max(left.bit_length(), 1) * right > MAX_BITS:
                raise TemplateLimit(f"a number of more than {MAX_BITS:,} bits")
        elif operator == "%" and isinstance(left, str) and _WIDTH.search(left):
            raise TemplateLimit("a field width of a million or more")
        return super().call_binop(context, operator, left, right)


def render_text(template: Any, values: dict[str, Any], limited: bool = True) -> str:
    """A sandboxed template rendered within the limits above (`limited`: notekit's own
    templates, which cannot call for more, are rendered without them); TemplateLimit past
    one."""
    parts: list[str] = []
    size = 0
    with bounded() if limited else contextlib.nullcontext():
        for part in template.generate(**values):
            size += len(part)
            if size > MAX_OUTPUT:
                raise TooLong(f"it writes more than {MAX_OUTPUT:,} characters")
            parts.append(part)
    return "".join(parts)


@contextlib.contextmanager
def bounded() -> Iterator[None]:
    """Within this block, templates run within the limits above (their time counted in this
    thread's CPU time, which a busy machine does not stretch): rendering one, or calling the
    macros of one from Python. TemplateLimit past one."""
    started = time.thread_time()
    steps = 0

    def trace(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal steps
        steps += 1
        if steps % 10_000 == 0:
            if steps > MAX_STEPS:
                raise TemplateLimit(f"it runs more than {MAX_STEPS:,} steps")
            if time.thread_time() - started > MAX_SECONDS:
                raise TemplateLimit(f"it runs longer than {MAX_SECONDS:g} s")
        return trace

    before = sys.gettrace()
    try:
        with _memory_bounded():
            sys.settrace(trace)
            try:
                yield
            finally:
                sys.settrace(before)
    except MemoryError:
        raise TemplateLimit("it needs more memory than a message can") from None


@contextlib.contextmanager
def _memory_bounded() -> Iterator[None]:
    """Within this block the process may take at most MEMORY_HEADROOM more memory: past it an
    allocation fails with MemoryError instead of swapping the machine to a halt. Where the
    system cannot say or set this (not Linux), nothing is bounded."""
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as status:
            size = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize"))
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        bound = size + MEMORY_HEADROOM
        if hard != resource.RLIM_INFINITY:
            bound = min(bound, hard)
        resource.setrlimit(resource.RLIMIT_AS, (bound, hard))
    except (ImportError, OSError, StopIteration, ValueError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
