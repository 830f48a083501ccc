"""Vault-wide findings for `notekit check`, on top of what reading each file found."""

from __future__ import annotations

from notekit.core.model import ERROR, WARNING, Problem
from notekit.core.syntax import DAILY_NAME
from notekit.store.index import Index

_SEVERITY_ORDER = {ERROR: 0, WARNING: 1}


def check_vault(index: Index) -> list[Problem]:
    """Every problem once, sorted by path and line."""
    problems = list(index.problems)
    problems.extend(_link_problems(index))
    problems.extend(_duplicate_names(index))
    unique = {(p.path, p.line, p.severity, p.message): p for p in problems}
    return sorted(
        unique.values(),
        key=lambda p: (p.path, p.line or 0, _SEVERITY_ORDER.get(p.severity, 9), p.message),
    )


def _link_problems(index: Index) -> list[Problem]:
    """Ambiguous links anywhere; broken links where links name people: front-matter values,
    dated entries and tasks (free prose may link to notes not written yet, as Obsidian allows)."""
    problems = []
    for note in index.notes.values():
        people_lines = {e.line for e in note.entries} | {t.line for t in note.tasks}
        category_line = None
        if any(link.in_front_matter for link in note.links):
            category_key = index.fields.key_for(note, "categories")
            category_line = note.key_lines.get(category_key) if category_key else None
        for link in note.links:
            if link.in_code or (link.in_front_matter and link.line == category_line):
                continue  # `categories: [[People]]` names a category, not a person
            if DAILY_NAME.match(link.target):
                continue  # `[[2026-03-01]]` points at a daily note, written or not
            target = index.resolve(link.target)
            if target.ambiguous:
                names = ", ".join(p.path for p in target.candidates)
                problems.append(
                    Problem(
                        note.path,
                        link.line or None,
                        WARNING,
                        f"[[{link.target}]] could mean several people: {names}",
                    )
                )
            elif target.broken and (link.in_front_matter or link.line in people_lines):
                problems.append(
                    Problem(
                        note.path,
                        link.line or None,
                        WARNING,
                        f"[[{link.target}]] links to no note or person",
                    )
                )
    return problems


def _duplicate_names(index: Index) -> list[Problem]:
    by_name: dict[str, list[str]] = {}
    for person in index.people:
        by_name.setdefault(person.name.casefold(), []).append(person.path)
    problems = []
    for paths in by_name.values():
        for path in paths[1:]:
            first = paths[0]
            problems.append(
                Problem(
                    path,
                    None,
                    WARNING,
                    f"same name as {first}: links and commands cannot "
                    "tell them apart (add a distinguishing name or alias)",
                )
            )
    return problems
