"""Vault-wide findings for `notekit check`, on top of what reading each file found."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

from notekit.core.model import ERROR, WARNING, Problem
from notekit.core.syntax import DAILY_NAME
from notekit.rules.match import closest_name
from notekit.rules.orgs import my_stints, org_matcher
from notekit.store.summary import Summary

_SEVERITY_ORDER = {ERROR: 0, WARNING: 1}


def check_vault(
    index: Summary, today: dt.date, attachment: Callable[[str], bool] = lambda _: False
) -> list[Problem]:
    """Every problem once, sorted by path and line. `attachment` tells whether a link target
    names a file of the vault that is no note (read.vault.attachments)."""
    problems = list(index.problems)
    problems.extend(_link_problems(index, attachment))
    problems.extend(_duplicate_names(index))
    problems.extend(_roles_read_as_orgs(index))
    problems.extend(_contacts_ahead(index, today))
    unique = {(p.path, p.line, p.severity, p.message): p for p in problems}
    return sorted(
        unique.values(),
        key=lambda p: (p.path, p.line or 0, _SEVERITY_ORDER.get(p.severity, 9), p.message),
    )


def _link_problems(index: Summary, attachment: Callable[[str], bool]) -> list[Problem]:
    """Ambiguous links anywhere; broken links where links name people: front-matter values,
    dated entries and tasks, and in daily and meeting notes any link close to a person's name
    (elsewhere, free prose may link to notes not written yet, as Obsidian allows). A broken link
    close to a name says which; a link to a file that is there (`[[banner.jpg]]`) is none."""
    problems = []
    closest = _closest(index)
    for path, links in index.note_links.items():
        for link in links:
            if DAILY_NAME.match(link.target):
                continue  # `[[2026-03-01]]` points at a daily note, written or not
            target = index.resolve(link.target)
            if target.ambiguous:
                names = ", ".join(p.path for p in target.candidates)
                message = f"[[{link.target}]] could mean several people: {names}"
                problems.append(Problem(path, link.line, WARNING, message))
            elif target.broken and (link.names_person or link.in_dated_note):
                if _is_file_name(link.target) and attachment(link.target):
                    continue
                near = closest(link.target)
                if near is None and not link.names_person:
                    continue  # in a daily note's prose, a link to a note not written yet
                hint = f" (did you mean [[{near}]]?)" if near else ""
                message = f"[[{link.target}]] links to no note or person{hint}"
                problems.append(Problem(path, link.line, WARNING, message))
    return problems


def _is_file_name(target: str) -> bool:
    """`banner.jpg`, `docs/cv.pdf`: a name with an extension that is not a note's."""
    stem, dot, extension = target.rpartition(".")
    return bool(stem and dot) and extension.isalnum() and extension.lower() != "md"


def _closest(index: Summary) -> Callable[[str], str | None]:
    """`match.closest_name`, made only when the first broken link asks for it (it folds every
    name of the vault), and asked once per target."""
    made: list[Callable[[str], str | None]] = []

    @functools.cache
    def closest(target: str) -> str | None:
        if not made:
            made.append(closest_name(index))
        return made[0](target)

    return closest


def _duplicate_names(index: Summary) -> list[Problem]:
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


def _contacts_ahead(index: Summary, today: dt.date) -> list[Problem]:
    """A `last_contact` after today (often a year mistyped) is no contact (SPEC §4: dates
    after today are plans): said, as the person otherwise reads as never contacted."""
    return [
        Problem(
            person.path,
            None,
            WARNING,
            f"last_contact: {person.fm_last_contact} is after today, so no contact yet "
            "(a day to get in touch is next_contact)",
        )
        for person in index.people
        if person.fm_last_contact is not None and person.fm_last_contact > today
    ]


def _roles_read_as_orgs(index: Summary) -> list[Problem]:
    """A history item written `Staff Engineer at Initech (2014-2017)` reads as the org "Staff
    Engineer at Initech", which ties the person to nobody: named when the words after its last
    ` at ` are an org the vault knows (someone's company or history, or mine) and the whole
    is not. An org's own name may hold ` at ` (`University of California at Berkeley`): then
    the vault knows no org of its end, and nothing is said."""
    key = org_matcher(index.config)
    stints = [*my_stints(index.config), *(s for p in index.people for s in p.known_stints)]
    known = {key(s.org) for s in stints if " at " not in s.org}
    known.update(key(p.company) for p in index.people if p.company)
    problems = []
    for person in index.people:
        for text, stint in zip(person.history, person.stints, strict=True):
            if stint is None or " at " not in stint.org or key(stint.org) in known:
                continue
            role, _, org = stint.org.rpartition(" at ")
            if key(org) not in known:
                continue
            rest = text[len(stint.org) :] if text.startswith(stint.org) else ""
            message = (
                f"history: {text!r} reads as the org {stint.org!r}; for a role at {org} write "
                f"{org + ', ' + role + rest!r}"
            )
            problems.append(Problem(person.path, None, WARNING, message))
    return problems
