"""The survivors of a `make mutate` run, as docs/testing.md lists them: read from mutmut's own
files under `mutants/` (no test runs), each survivor sorted by what its mutation changed.

    .venv/bin/python tests/mutation_report.py > /tmp/survivors.md

A survivor whose mutation changed only a text constant (a message, usually: tests check a
message's key words, not its every letter) is listed apart from those that changed the logic;
those are the ones to read first, with `mutmut show NAME`.
"""

from __future__ import annotations

import ast
import json
import re
from collections import defaultdict
from pathlib import Path

MUTANTS = Path(__file__).resolve().parents[1] / "mutants"
NAME = re.compile(r"^(?P<function>.+)__mutmut_(?P<number>\d+|orig)$")


def _functions(source: Path) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    """The mutated module's functions by name: `x_f__mutmut_orig` and its mutants."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    return {
        node.name: node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and "__mutmut_" in node.name
    }


class _Blank(ast.NodeTransformer):
    """Every text constant made the same, so that two functions compare equal when only their
    texts differ."""

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        return ast.Constant("") if isinstance(node.value, str) else node


def _shape(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """The function as a tree with its name and texts left out."""
    copy = ast.parse(ast.unparse(node)).body[0]
    assert isinstance(copy, ast.FunctionDef | ast.AsyncFunctionDef)
    copy.name = ""
    return ast.dump(_Blank().visit(copy))


def survivors() -> tuple[dict[str, int], dict[str, dict[str, list[int]]]]:
    """The counts of mutants by outcome, and the survivors by kind ("text", "logic") and
    `module.function`."""
    counts: dict[str, int] = defaultdict(int)
    found: dict[str, dict[str, list[int]]] = {"text": defaultdict(list), "logic": defaultdict(list)}
    for meta in sorted(MUTANTS.rglob("*.py.meta")):
        outcomes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        functions = _functions(meta.with_suffix(""))
        module = meta.relative_to(MUTANTS).with_suffix("").with_suffix("").as_posix()
        for key, code in outcomes.items():
            counts[{None: "not run", 0: "survived", 1: "killed"}.get(code, "timed out")] += 1
            if code != 0:
                continue
            match = NAME.match(key.rsplit(".", 1)[-1])
            if match is None:
                continue
            function, number = match.group("function"), int(match.group("number"))
            mutant = functions.get(f"{function}__mutmut_{number}")
            original = functions.get(f"{function}__mutmut_orig")
            same_shape = mutant and original and _shape(mutant) == _shape(original)
            where = f"{module.replace('/', '.').removeprefix('notekit.')}.{_readable(function)}"
            found["text" if same_shape else "logic"][where].append(number)
    return counts, found


def _readable(function: str) -> str:
    """`x_follow_up` as `follow_up`, `xǁFollowUpǁwhy` as `FollowUp.why`."""
    return function.removeprefix("x_").removeprefix("xǁ").replace("ǁ", ".")


def main() -> None:
    counts, found = survivors()
    total = sum(counts.values())
    print(
        f"{total:,} mutants: {counts['killed']:,} killed, {counts['timed out']:,} timed out, "
        f"{counts['survived']:,} survived, {counts['not run']:,} not run."
    )
    titles = {
        "text": "only a text constant changed (a message, a label)",
        "logic": "the logic changed: a test to write, or an equivalent mutant",
    }
    for kind in ("logic", "text"):
        listed = found[kind]
        print(f"\n### {titles[kind]} ({sum(map(len, listed.values()))})\n")
        for where in sorted(listed, key=lambda w: (-len(listed[w]), w)):
            numbers = ", ".join(str(n) for n in sorted(listed[where]))
            print(f"- `{where}`: {numbers}")


if __name__ == "__main__":
    main()
