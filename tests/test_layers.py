"""The layers of docs/architecture.md, read from the code: every import of a notekit module
(at the top or inside a function) goes down the layers or stays in its own, and no modules
import each other in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import notekit

PACKAGE = Path(notekit.__file__).parent
LAYERS = {  # lower numbers sit lower; write and site are side by side
    "core": 0,
    "read": 1,
    "store": 2,
    "rules": 3,
    "present": 3.5,  # what the rules conclude, as JSON and sentences, for write and site too
    "write": 4,
    "site": 4,
    "interop": 5,  # an import writes notes through write/
    "commands": 6,
    "cli": 7,
    "__main__": 8,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports() -> dict[str, set[str]]:
    """Each notekit module -> the notekit modules it imports."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    found: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                base = node.module
                for alias in node.names:
                    candidate = f"{base}.{alias.name}"
                    targets.add(candidate if candidate in modules else base)
            elif isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
        found[name] = {t for t in targets if t in modules and t != name}
    return found


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_every_module_sits_in_a_layer() -> None:
    outside = [m for m in imports() if m != "notekit" and layer(m) not in LAYERS]
    assert outside == []


def test_imports_go_down_the_layers() -> None:
    wrong = []
    for module, targets in imports().items():
        here = layer(module)
        for target in targets:
            there = layer(target)
            if here is None or there is None or here == there:
                continue  # the package root holds the version only
            if LAYERS[there] >= LAYERS[here]:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_no_import_cycle() -> None:
    graph = imports()
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if target.startswith(module + "."):
                continue  # a package importing its own modules is no cycle
            if state.get(target) == 1:
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_the_walk_sees_imports() -> None:
    """The checks above would pass on nothing at all: the walk must find the known edges."""
    graph = imports()
    assert "notekit.core.model" in graph["notekit.read.parse"]
    assert "notekit.store.summary" in graph["notekit.rules.due"]
    assert "notekit.read.yamlfm" in graph["notekit.read.front_matter"]  # a lazy import


def test_the_tests_use_only_public_names() -> None:
    """A test asks what a module offers, never its private helpers: an `_name` may change
    without notice, and a behaviour worth testing is reachable through a public one."""
    private = []
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("notekit"):
                private += [f"{path.name}: {a.name}" for a in node.names if a.name[0] == "_"]
    assert private == []


STORE = "notekit.store."


def test_the_rules_read_no_file() -> None:
    """The rules conclude from what the store gives them: no module of rules/ opens, stats or
    lists a file, and the one name they take from the store is the domain `Summary`: how it
    is read, packed and kept is none of theirs."""
    io_calls = {"open", "read_text", "read_bytes", "stat", "is_file", "exists", "iterdir", "glob"}
    found = []
    for path in sorted((PACKAGE / "rules").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                if name in io_calls:
                    found.append(f"{path.name}:{node.lineno}: {name}()")
            elif isinstance(node, ast.Import) and any(a.name == "os" for a in node.names):
                found.append(f"{path.name}:{node.lineno}: import os")
            elif isinstance(node, ast.Import) and any(a.name.startswith(STORE) for a in node.names):
                found.append(f"{path.name}:{node.lineno}: import of the store")
            elif isinstance(node, ast.ImportFrom) and f"{node.module}.".startswith(STORE):
                taken = [(node.module, a.name) for a in node.names]
                found += [f"{path.name}: {m}.{n}" for m, n in taken if n != "Summary"]
                found += [f"{path.name}: {m}" for m, _ in taken if m != "notekit.store.summary"]
    assert found == []
