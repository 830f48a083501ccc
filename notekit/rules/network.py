"""Who knows whom, and who could introduce me: ties between people with their evidence, from
what the notes say — `introduced_by` and `knows`, a person's note linking another's, two people
in one meeting or daily note, in one meeting a person's note logs or one group conversation,
and years at one org together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Set
from dataclasses import dataclass, field

from notekit.core.model import Person, Stint
from notekit.rules.contact import last_contact
from notekit.rules.orgs import my_stints, names_org, org_matcher, overlap
from notekit.store.summary import Summary

COLLEAGUES = "at "  # how the evidence of years at one org starts
SMALL_ORG = 5  # people of the vault at one org up to which years there together weigh in full
LARGE_ORG = 50  # people of the vault at one org from which years there say nothing of two
CROWD = 8  # more people than this in one meeting or conversation say little of any two
WEIGHTS = {"introduced": 3.0, "knows": 3.0, "link": 2.0, "together": 1.0, "colleagues": 1.5}


@dataclass
class Tie:
    """What ties two people, each piece of evidence with where it was found."""

    strength: float = 0.0
    evidence: list[str] = field(default_factory=list)


Graph = dict[str, dict[str, Tie]]  # person path -> person path -> tie
MANY = 16  # pieces of evidence of one tie past which they are looked up in a set


def ties(vault: Summary, today: dt.date, around: Set[str] | None = None) -> Graph:
    """Every tie the notes show, both ways, with its evidence; only those of the people at
    the paths `around`, when given (what `intro` needs of one person, without the cost of
    everyone's)."""
    graph: Graph = {}
    many: dict[int, set[str]] = {}  # the evidence of a tie with much of it, looked up at once

    def wanted(a: str, b: str) -> bool:
        return a != b and (around is None or a in around or b in around)

    def new_evidence(tie: Tie, evidence: str) -> bool:
        """Whether the tie lacks this evidence: a note that names someone on thousands of its
        lines gives a tie as many pieces, which a list is searched through one by one."""
        if len(tie.evidence) < MANY:
            return evidence not in tie.evidence
        known = many.get(id(tie))
        if known is None:
            known = many[id(tie)] = set(tie.evidence)
        if evidence in known:
            return False
        known.add(evidence)
        return True

    def add(a: str, b: str, kind: str, evidence: str, share: float = 1.0) -> None:
        if not wanted(a, b):
            return
        row = graph.get(a)
        if row is None:
            row = graph[a] = {}
        tie = row.get(b)
        if tie is None:  # one Tie, seen from both sides
            tie = row[b] = Tie()
            back = graph.get(b)
            if back is None:
                back = graph[b] = {}
            back[a] = tie
        if new_evidence(tie, evidence):
            tie.strength += WEIGHTS[kind] * share
            tie.evidence.append(evidence)

    resolve = vault.links.resolve  # asked once per link of the vault

    for person in vault.people:
        named = set()  # the fields' own links are not links besides
        for kind, names, says in (
            ("introduced", person.introduced_by, "was introduced by"),
            ("knows", person.knows, "knows"),
        ):
            for name in names:
                other = resolve(name).person
                if other is not None and wanted(person.path, other.path):
                    said = f"{person.name} {says} {other.name} ({person.path})"
                    add(person.path, other.path, kind, said)
                    named.add(other.path)
        groups: dict[int | None, set[str]] = {}
        met: dict[int | None, set[str]] = {}  # who else was at a meeting the note logs
        for link in vault.note_links.get(person.path, ()):
            other = resolve(link.target).person
            if other is not None and link.in_group:
                groups.setdefault(link.line, {person.path}).add(other.path)
                continue
            if other is not None and link.in_meeting:
                met.setdefault(link.line, set()).add(other.path)
            if (
                other is not None
                and not link.in_dated_note
                and other.path not in named
                and wanted(person.path, other.path)
            ):
                where = f"{person.path}:{link.line}" if link.line else person.path
                add(
                    person.path,
                    other.path,
                    "link",
                    f"{person.name}'s note links {other.name} ({where})",
                )
        for line, group in groups.items():
            if around is None or not around.isdisjoint(group):
                said = f"in one group conversation ({person.path}:{line})"
                _all_together(add, sorted(group), said)
        for line, others in met.items():  # the note's own person is linked to each already
            if len(others) < CROWD and (around is None or not around.isdisjoint(others)):
                _all_together(add, sorted(others), f"in one meeting ({person.path}:{line})")
    together: dict[str, list[str]] = {}
    for path, sources in vault.mentioned_in.items():
        for source in sources:
            together.setdefault(source, []).append(path)
    for source, present in together.items():
        if around is None or not around.isdisjoint(present):
            _all_together(add, present, f"together in {source}")
    key = org_matcher(vault.config)
    by_org: dict[str, list[tuple[str, Stint]]] = {}
    for person in vault.people:
        for stint in person.known_stints:
            by_org.setdefault(key(stint.org), []).append((person.path, stint))
    for members in by_org.values():
        if len(members) > LARGE_ORG:
            continue  # a large org says little about two people
        share = min(1.0, SMALL_ORG / len(members))  # the bigger the org, the weaker the tie
        for a, sa in members:
            for b, sb in members:
                if a < b and wanted(a, b) and (both := overlap(sa, (sb,), key, today.year)):
                    said = f"{COLLEAGUES}{sa.org} together {years_text(*both)}"
                    add(a, b, "colleagues", said, share)
    return graph


def tie_inputs(vault: Summary, today: dt.date) -> tuple[object, ...]:
    """All that `ties` reads of the vault and the day: where two are equal, so are the graphs.
    Compared, not hashed: a long-running caller (`watch`) keeps the graph of one build for the
    next when an edit changed no tie, as most edits do (a logged call, a memory)."""
    return (
        vault.config.fingerprint,
        today.year,
        vault.paths,  # with the people, what each name resolves to
        [(p.path, p.name, p.aliases, p.introduced_by, p.knows, p.stints) for p in vault.people],
        [vault.note_links.get(p.path) for p in vault.people],
        vault.mentioned_in,
    )


def _all_together(add: Callable[[str, str, str, str], None], present: list[str], said: str) -> None:
    """A tie between each two of the people present, unless they are a crowd."""
    if len(present) <= CROWD:
        for n, a in enumerate(present):
            for b in present[n + 1 :]:
                add(a, b, "together", said)


@dataclass(frozen=True)
class Path:
    """Me → via (→ then) → target, with how fresh my tie to `via` is and the evidence."""

    via: Person
    then: Person | None
    score: float
    last_contact: dt.date | None
    evidence: list[str]
    direct: bool = False  # `via` is the target: I know them myself, no one need introduce me


def years_text(start: int | None, end: int | None) -> str:
    """`2014–2017`, `2016` when it starts and ends in one year, `2014` with no end known."""
    if start and end and start != end:
        return f"{start}–{end}"
    return str(start or end or "")


INSIDE = 3.0  # what being at the org counts for, as much as knowing someone there


def introducers(vault: Summary, target: Person, today: dt.date, limit: int = 10) -> list[Path]:
    """Who could introduce me to `target`: people tied to them, and people tied to those,
    ranked by how fresh my own contact with the first is and how strong the ties look. First,
    when I know the target myself (years at one org with them, or in touch within 18 months),
    that: write directly. A path through someone to a person I am in touch with myself is
    left out: I can ask that person."""
    people = {p.path: p for p in vault.people if p.may_be_asked}
    direct = {
        path: tie
        for path, tie in ties(vault, today, {target.path}).get(target.path, {}).items()
        if path in people
    }
    graph = ties(vault, today, direct.keys())
    found: list[Path] = []
    for path, tie in direct.items():
        warmth, last = _warmth(vault, people[path], today)
        found.append(Path(people[path], None, tie.strength + warmth, last, tie.evidence))
    for middle, tie in direct.items():
        if _warmth(vault, people[middle], today)[0] > 0:
            continue  # in touch with them myself: no one need take me to them
        for path, first in graph.get(middle, {}).items():
            if path in (target.path, middle) or path in direct or path not in people:
                continue
            warmth, last = _warmth(vault, people[path], today)
            score = min(first.strength, tie.strength) / 2 + warmth
            found.append(
                Path(people[path], people[middle], score, last, first.evidence + tie.evidence)
            )
    mine = _known_myself(vault, target, today)
    return ([mine] if mine else []) + _best(found, limit)


def _known_myself(vault: Summary, target: Person, today: dt.date) -> Path | None:
    """The target as a path of its own when I know them: the years we overlapped at one org
    (`[me] history`), and my own last contact when it is fresh."""
    key = org_matcher(vault.config)
    mine = my_stints(vault.config)
    said = []
    for stint in target.known_stints:
        if (both := overlap(stint, mine, key, today.year)) is not None:
            said.append(f"you overlapped {years_text(*both)} at {stint.org}: write directly")
    warmth, last = _warmth(vault, target, today)
    if warmth > 0:
        said.append(f"you were in touch on {last}: write directly")
    return Path(target, None, warmth, last, said, direct=True) if said else None


def insiders(vault: Summary, org: str) -> list[tuple[Person, str, str]]:
    """The people at `org` now (its `[orgs]` aliases count), else those who were, each with
    what says so and the org's name as their note writes it."""
    key = org_matcher(vault.config)
    wanted = key(org)
    now = [
        (p, f"{p.name} is at {p.company} now", p.company)
        for p in vault.people
        if p.company and names_org(wanted, key(p.company))
    ]
    if now:
        return now
    before = []
    for person in vault.people:
        stint = next((s for s in person.known_stints if names_org(wanted, key(s.org))), None)
        if stint is not None:
            years = years_text(stint.start_year, stint.end_year)
            said = f"{person.name} was at {stint.org}{' ' + years if years else ''}"
            before.append((person, said, stint.org))
    return before


def introducers_at(vault: Summary, org: str, today: dt.date, limit: int = 10) -> list[Path]:
    """Who could get me into `org`: the people there (now, else before), and the people tied
    to them, each once by their best path, ranked as `introducers` ranks. As there, a path
    through someone there whom I am in touch with myself is left out: I can ask them."""
    inside = [found for found in insiders(vault, org) if found[0].may_be_asked]
    graph = ties(vault, today, {person.path for person, _, _ in inside})
    people = {p.path: p for p in vault.people if p.may_be_asked}
    found: list[Path] = []
    cold = []  # the people there I am not in touch with: others may take me to them
    for person, why, _ in inside:
        warmth, last = _warmth(vault, person, today)
        found.append(Path(person, None, INSIDE + warmth, last, [why]))
        if warmth == 0:
            cold.append((person, why))
    there = {p.path for p, _, _ in inside}
    for person, why in cold:
        for path, tie in graph.get(person.path, {}).items():
            if path in there or path not in people:
                continue
            warmth, last = _warmth(vault, people[path], today)
            score = min(tie.strength, INSIDE) / 2 + warmth
            found.append(Path(people[path], person, score, last, [*tie.evidence, why]))
    return _best(found, limit)


def _warmth(vault: Summary, person: Person, today: dt.date) -> tuple[float, dt.date | None]:
    """How fresh my own contact with the person is: 3 today, nothing after 18 months."""
    last = last_contact(person, vault.contact_dates_of(person), today)
    if last is None:
        return 0.0, None
    return max(0.0, 3.0 - (today - last).days / 180), last


def _best(found: list[Path], limit: int) -> list[Path]:
    """Each first person once, by their best path; best first."""
    found.sort(key=lambda p: (-p.score, p.via.name.casefold()))
    seen: set[str] = set()
    best = []
    for path in found:
        if path.via.path not in seen:
            seen.add(path.via.path)
            best.append(path)
    return best[:limit]
