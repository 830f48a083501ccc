"""Note bodies as safe HTML for the report: markdown-it with raw HTML off, `[[wikilinks]]` to
person pages, no `javascript:` (or any non-web) links, and no images, so that a page never
loads anything from anywhere. The one module that imports markdown-it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.tasklists import tasklists_plugin

from notekit.core.syntax import WIKILINK

# web, mail and Obsidian links, anchors and relative paths; never another scheme, and never a
# scheme-relative `//host/x` (or `\\host`), which from a page on disk reaches out to a host
_SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|obsidian:|#|(?![/\\]{2})[^:]*$)", re.IGNORECASE)

# target text -> href of its page, or None when it is not a person with a page
LinkResolver = Callable[[str], str | None]


def make_renderer(resolve: LinkResolver) -> Callable[[str], str]:
    """A function from Markdown text to HTML, with wikilinks resolved by `resolve`."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table").enable("strikethrough")
    md.use(tasklists_plugin)
    md.validateLink = lambda url: bool(_SAFE_SCHEME.match(url.strip()))  # type: ignore[method-assign]
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.add_render_rule("wikilink", _render_wikilink)
    md.add_render_rule("image", _render_image)
    return lambda text: md.render(text, {"resolve": resolve})


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos) and not state.src.startswith("![[", state.pos):
        return False
    match = WIKILINK.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.meta = {
            "target": match.group(1).strip(),
            "shown": (match.group(3) or match.group(1) + (match.group(2) or "")).strip(),
        }
    state.pos = match.end()
    return True


def _render_wikilink(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    meta = tokens[idx].meta
    href = env["resolve"](meta["target"])
    shown = escape(meta["shown"])
    if href is None:
        return f'<span class="wikilink">{shown}</span>'
    return f'<a class="wikilink" href="{escape(href)}">{shown}</a>'


def _render_image(
    self: object, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    alt = escape(tokens[idx].content or "image")
    return f'<span class="image">[{alt}]</span>'
