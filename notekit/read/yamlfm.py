"""Front-matter YAML read so that one bad value never costs the user the other fields (for
what the line-by-line reader, notekit.read.front_matter, does not take).

This is the one module that imports PyYAML. The loader resolves only `null` and `true`/`false`
implicitly: dates, numbers and YAML 1.1 words stay the text the user wrote (`NO`, `10:30`,
`0123`, `2026-02-30`), and typed parsing happens later, per field, with a line to blame.
Each top-level value is built on its own, so a bad tag in one value loses only that key; a
syntax error falls back to reading each top-level key separately.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from notekit.core.syntax import lines_with_ends

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Errors = list[tuple[int, str]]  # (line, message)
MAX_NODES = 20_000  # beyond this, anchors/aliases are expanding into a "billion laughs"
MAX_DEPTH = 64  # lists in lists this deep are no front-matter, and would exhaust the stack
# what PyYAML's constructors raise for an explicit tag that does not fit its value, beside
# their own errors: `!!int abc`, `!!float x` (ValueError), `!!bool maybe` (KeyError),
# `!!timestamp soon` (AttributeError); the loader resolves no other tag by itself
_TAG_MISFITS = (ValueError, TypeError, KeyError, AttributeError)


class _TextLoader(_BASE_LOADER):  # type: ignore[misc, valid-type]
    yaml_implicit_resolvers: dict = {}


_TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
_TextLoader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


def full_mapping(text: str, first_line: int) -> tuple[dict[str, Any], dict[str, int], Errors]:
    """Parse front-matter text that starts at `first_line` of its file, whatever the text
    (see `notekit.read.front_matter.load_mapping`)."""
    data: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    errors: Errors = []
    try:
        _load_into(text, first_line, data, key_lines, errors)
    except RecursionError:  # a composer nesting deeper than the stack: no front-matter either
        data.clear()
        key_lines.clear()
        errors.append((first_line, f"front-matter is nested more than {MAX_DEPTH} levels deep"))
    except yaml.YAMLError as exc:
        line = _error_line(exc, text, first_line)
        message = _error_message(exc)
        context = getattr(exc, "context_mark", None)
        if context is not None and first_line + _line(text, context) != line:
            message += f" (it starts at line {first_line + _line(text, context)})"
        source = text.split("\n")[line - first_line]  # an error is never past the text's end
        if "\t" in source[: len(source) - len(source.lstrip())]:
            message += " (YAML does not allow tabs for indentation: use spaces)"
        errors.append((line, message))
        _salvage(text, first_line, data, key_lines)
    return data, key_lines, errors


def _load_into(
    text: str, first_line: int, data: dict[str, Any], key_lines: dict[str, int], errors: Errors
) -> None:
    loader = _TextLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return
        if not isinstance(root, yaml.MappingNode):
            errors.append((first_line, "front-matter is not a list of `key: value` lines"))
            return
        if "*" in text and _too_many_nodes(root):
            errors.append(
                (first_line, "front-matter expands to too many values (YAML alias bomb?)")
            )
            return
        loader.flatten_mapping(root)
        for key_node, value_node in root.value:
            line = first_line + _line(text, key_node.start_mark)
            if _too_deep(value_node):
                errors.append((line, f"value left out: nested more than {MAX_DEPTH} levels deep"))
                continue
            try:
                key = loader.construct_object(key_node, deep=True)
                value = loader.construct_object(value_node, deep=True)
            except (yaml.YAMLError, *_TAG_MISFITS) as exc:
                errors.append((line, f"value left out: {_error_message(exc)}"))
                continue
            if isinstance(key, (list, dict)):
                errors.append((line, "a key must be plain text"))
                continue
            key = "" if key is None else str(key)
            if key in data:
                errors.append((line, f"duplicate key {key!r}: the later value is used"))
            data[key] = value
            key_lines[key] = line
    finally:
        loader.dispose()


def _salvage(text: str, first_line: int, data: dict[str, Any], key_lines: dict[str, int]) -> None:
    """After a syntax error, keep every top-level key whose own lines still parse."""
    lines = lines_with_ends(text)
    starts = [
        i for i, line in enumerate(lines) if line[:1] not in ("", " ", "\t", "#", "-", "\n", "\r")
    ]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        chunk = "".join(lines[start:end])
        part: dict[str, Any] = {}
        part_lines: dict[str, int] = {}
        try:
            _load_into(chunk, first_line + start, part, part_lines, [])
        except yaml.YAMLError:
            continue
        for key, value in part.items():
            data.setdefault(key, value)
            key_lines.setdefault(key, part_lines[key])


def _too_deep(root: yaml.Node) -> bool:
    """Whether collections nest deeper than MAX_DEPTH (walked without recursion)."""
    stack: list[tuple[yaml.Node, int]] = [(root, 0)]
    walked: dict[int, int] = {}  # each node -> the deepest it was walked at
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if walked.get(id(node), -1) >= depth:  # an alias, walked already at least this deep
            continue
        walked[id(node)] = depth
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
    return False


def _too_many_nodes(root: yaml.Node) -> bool:
    """Count nodes as construction would expand them, stopping early at the limit."""
    budget = MAX_NODES
    stack = [root]
    while stack:
        node = stack.pop()
        budget -= 1
        if budget < 0:
            return True
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
    return False


def _error_line(exc: yaml.YAMLError, text: str, first_line: int) -> int:
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML refuses: where it is
        return first_line + text.count("\n", 0, exc.position)
    mark = getattr(exc, "problem_mark", None)  # a scanner's, parser's or composer's error has one
    return first_line + _line(text, mark) if mark is not None else first_line


def _line(text: str, mark: yaml.Mark) -> int:
    """The line of `text` a mark is on, counted from 0 at each LF as an editor counts: YAML's
    own count starts a line at U+2028 and U+0085 too."""
    return text.count("\n", 0, mark.index)


def _error_message(exc: BaseException) -> str:
    if isinstance(exc, (ValueError, TypeError)):
        return f"a `!!` tag its value does not fit ({exc})"
    if isinstance(exc, _TAG_MISFITS):  # their text says nothing to a user
        return "a `!!` tag its value does not fit"
    if isinstance(exc, yaml.MarkedYAMLError):
        parts = [p for p in (exc.context, exc.problem) if p]
        return f"invalid YAML: {'; '.join(parts) or 'syntax error'}"
    if isinstance(exc, yaml.reader.ReaderError):
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        return f"invalid YAML: {exc.reason} (U+{code:04X})"
    return str(exc) or exc.__class__.__name__


# a text that reads back as itself unquoted, in a block or a flow collection: a letter first,
# then letters, digits, spaces and a few marks, none of which YAML gives a meaning there
_PLAIN = re.compile(r"[^\W\d_](?:[\w .@'/+()-]*[\w.@'/+()-])?")
_WORDS = frozenset("y n yes no on off true false null".split())  # YAML reads these as values


def flow_scalar(value: str) -> str:
    """`value` as a YAML scalar that reads back as the same text, quoted only when needed; a
    date stays plain, as Obsidian writes one (the loader above keeps it as its text)."""
    if _PLAIN.fullmatch(value) and value.lower() not in _WORDS:
        return value  # most names, companies and roles: no YAML dump needed
    if _DATE.fullmatch(value):
        return value
    return _flow([value])[1:-1]


def flow_list(values: list[str]) -> str:
    """`[a, b]` that reads back as the same texts."""
    return _flow(values)


_DECIMAL = re.compile(r"0|[1-9][0-9]{0,17}")  # `from: 2018`: the loader keeps it as text
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _FlowDumper(yaml.SafeDumper):
    """Texts as the loader above gave them back: a whole number (a year) or a date it kept as
    text is written plain again, as the user wrote it, not quoted."""

    def represent_str(self, data: str) -> yaml.ScalarNode:
        if _DECIMAL.fullmatch(data):
            return self.represent_scalar("tag:yaml.org,2002:int", data)
        if _DATE.fullmatch(data):
            return self.represent_scalar("tag:yaml.org,2002:timestamp", data)
        return super().represent_str(data)


_FlowDumper.add_representer(str, _FlowDumper.represent_str)


def flow_value(value: object) -> str:
    """Any value the loader gives (texts, lists, mappings) as YAML on one line that reads back
    the same; a date and a whole number stay plain."""
    if isinstance(value, str):
        return value if _DECIMAL.fullmatch(value) else flow_scalar(value)
    return yaml.dump(
        value,
        Dumper=_FlowDumper,
        default_flow_style=True,
        allow_unicode=True,
        width=1_000_000,
        sort_keys=False,
    ).strip()


def _flow(values: list[str]) -> str:
    return yaml.safe_dump(
        values, default_flow_style=True, allow_unicode=True, width=1_000_000
    ).strip()
