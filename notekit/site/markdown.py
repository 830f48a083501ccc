"""Note bodies as safe HTML for the report: markdown-it with raw HTML off, `[[wikilinks]]` to
person pages, no `javascript:` (or any non-web) links, and no images, so that a page never
loads anything from anywhere. The one module that imports markdown-it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html import escape

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

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
    md.core.ruler.after("inline", "task_lists", _task_lists)
    md.validateLink = lambda url: bool(_SAFE_SCHEME.match(url.strip()))  # type: ignore[method-assign]
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.add_render_rule("wikilink", _render_wikilink)
    md.add_render_rule("image", _render_image)
    return lambda text: md.render(text, {"resolve": resolve})


# a list item's text that starts with a box, as GitHub reads one (its blank may be any)
_TASK = re.compile(r"\[[ xX]][ \t\n\v\f\r]+")
_BOX = '<input class="task-list-item-checkbox"{} disabled="disabled" type="checkbox">'
_BOXES = {"[ ] ": _BOX.format(""), "[x] ": _BOX.format(' checked="checked"')}


def _task_lists(state: StateCore) -> None:
    """`- [ ] item` shown as a box, ticked for `[x]`, as GitHub and mdit-py-plugins' task
    lists show it (the same HTML). That plugin finds each item's list by walking back over
    every token before it: a note of thousands of tasks took minutes. The lists open around
    each token are kept here as they come."""
    tokens = state.tokens
    lists: list[Token] = []
    for at, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif (
            token.type == "inline"
            and at >= 2
            and tokens[at - 1].type == "paragraph_open"
            and tokens[at - 2].type == "list_item_open"
            and token.children
            and _TASK.match(token.content)
        ):
            box = Token("html_inline", "", 0)
            box.content = _BOXES.get(token.content[:4].replace("X", "x"), "")
            token.children[0].content = token.children[0].content[3:]
            token.children.insert(0, box)
            token.content = token.content[3:]
            tokens[at - 2].attrSet("class", "task-list-item")
            lists[-1].attrSet("class", "contains-task-list")


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
