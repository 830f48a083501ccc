"""The network page's picture: people as dots in one box per org, coloured by how fresh my
contact with them is, and the ties between them as lines. It is laid out by arithmetic alone
(boxes in columns, people in name order), so one vault always gives the same picture, and the
labels of a box never overlap: each has a row of its own."""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from notekit.core.history import is_org
from notekit.core.model import Person
from notekit.rules.network import COLLEAGUES, Graph, Tie
from notekit.rules.orgs import my_stints, org_matcher, overlap
from notekit.site.charts import freshness_of
from notekit.store.summary import Summary

SHOWN = 300  # people in the picture at most: the most tied first
EDGES = 600  # lines at most: the strongest first
LISTED = 50  # ties listed under the picture, years at one org aside
COLUMN = 250  # width of a box
GAP = 22
ROW = 22  # height of one person's row
HEAD = 34  # the box's title
MINE = 16  # the line under it with my years there
LABEL = 30  # characters of a name before it is cut
ELSEWHERE = "No org shared"


@dataclass(frozen=True)
class Node:
    name: str
    label: str  # the name, cut to fit its box
    href: str | None
    x: float
    y: float
    freshness: str  # fresh, fading, lost
    title: str  # on hover: name, work, last contact


@dataclass(frozen=True)
class Box:
    name: str
    mine: str | None  # my years there: "you were there 2014–2017"
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Line:
    path: str  # SVG path data
    strength: str  # strong, medium, weak
    title: str


@dataclass(frozen=True)
class Picture:
    width: float
    height: float
    boxes: list[Box]
    nodes: list[Node]
    lines: list[Line]
    shown: int
    total: int


def picture(
    vault: Summary,
    graph: Graph,
    heard: dict[str, dt.date | None],
    today: dt.date,
    page_of: Callable[[Person], str | None],
) -> Picture:
    """The whole picture, in SVG user units; `heard`: each person's `contact.last_heard`,
    which colours their dot."""
    people = _chosen(vault.people, graph, heard)
    key = org_matcher(vault.config)
    mine = my_stints(vault.config)
    orgs_of = {p.path: _orgs(p, key) for p in people}
    size = Counter(k for found in orgs_of.values() for k in dict(found))
    spelled: dict[str, str] = {}
    members: dict[str, list[Person]] = {}
    for person in people:
        found = orgs_of[person.path]
        for org_key, name in found:
            spelled.setdefault(org_key, name)
        shared = [k for k, _ in found if any(key(s.org) == k for s in mine)]
        met = [
            key(s.org) for s in person.known_stints if overlap(s, mine, key, today.year) is not None
        ]
        crowded = [k for k, _ in sorted(found, key=lambda item: -size[item[0]]) if size[k] > 1]
        home = (met or shared or crowded or [ELSEWHERE])[0]
        members.setdefault(home, []).append(person)
    mine_at = {}
    for stint in mine:
        if stint.start_year:
            years = f"{stint.start_year}–{stint.end_year or 'now'}"
            mine_at[key(stint.org)] = f"you were there {years}"
    order = sorted(
        members,
        key=lambda k: (k == ELSEWHERE, k not in mine_at, -len(members[k]), spelled.get(k, k)),
    )
    columns = 4 if len(people) > 12 else 3
    heights = [0.0] * columns
    boxes: list[Box] = []
    nodes: dict[str, Node] = {}
    home_of: dict[str, str] = {}
    for org in order:
        column = heights.index(min(heights))
        x, y = column * (COLUMN + GAP), heights[column]
        group = sorted(members[org], key=lambda p: p.name.casefold())
        head = HEAD + (MINE if org in mine_at else 0)
        height = head + ROW * len(group) + 8
        name = spelled.get(org, org)
        name = name if len(name) <= LABEL else name[: LABEL - 1] + "…"
        boxes.append(Box(name, mine_at.get(org), x, y, COLUMN, height))
        heights[column] += height + GAP
        for row, person in enumerate(group):
            last = heard.get(person.path)
            work = " at ".join(w for w in (person.role, person.company) if w)
            nodes[person.path] = Node(
                person.name,
                person.name if len(person.name) <= LABEL else person.name[: LABEL - 1] + "…",
                page_of(person),
                x + 16,
                y + head + ROW * row + ROW / 2,
                freshness_of(last, today),
                " · ".join(
                    t for t in (person.name, work, f"last heard {last}" if last else "") if t
                ),
            )
            home_of[person.path] = org
    lines = _lines(graph, nodes, home_of)
    width = columns * COLUMN + (columns - 1) * GAP
    return Picture(
        width, max(heights) - GAP, boxes, list(nodes.values()), lines, len(nodes), len(vault.people)
    )


def _chosen(people: list[Person], graph: Graph, heard: dict[str, dt.date | None]) -> list[Person]:
    """Everyone, or the SHOWN most tied (then the most recently heard from) in a large vault."""
    if len(people) <= SHOWN:
        return list(people)

    def rank(person: Person) -> tuple[int, int, str]:
        found = heard.get(person.path)
        last = found.toordinal() if found else 0
        return (-len(graph.get(person.path, ())), -last, person.path)

    return heapq.nsmallest(SHOWN, people, key=rank)


def _orgs(person: Person, key: Callable[[str], str]) -> list[tuple[str, str]]:
    """The person's orgs, now and before, as (key, name as written), each once."""
    found: dict[str, str] = {}
    for name in (person.company, *(s.org for s in person.known_stints)):
        if name and is_org(name):
            found.setdefault(key(name), name)
    return list(found.items())


def only_colleagues(tie: Tie) -> bool:
    """Whether all that ties two people is years at one org."""
    return all(e.startswith(COLLEAGUES) for e in tie.evidence)


def _lines(graph: Graph, nodes: dict[str, Node], home_of: dict[str, str]) -> list[Line]:
    """A line per tie between two people shown, strongest first; ties that are only years
    at the org of the box both sit in go without a line (the box says it)."""
    pairs = []
    for a, others in graph.items():
        for b, tie in others.items():
            if a < b and a in nodes and b in nodes:
                if home_of[a] == home_of[b] and only_colleagues(tie):
                    continue
                pairs.append((-tie.strength, nodes[a].name, nodes[b].name, a, b, tie))
    pairs.sort(key=lambda item: item[:3])
    lines = []
    for _, _, _, a, b, tie in pairs[:EDGES]:
        one, two = nodes[a], nodes[b]
        if one.x == two.x:  # one box, or one column: an arc in the left margin
            bend = one.x - min(14.0, 4 + abs(two.y - one.y) / 8)
            path = f"M{one.x} {one.y}C{bend:.1f} {one.y} {bend:.1f} {two.y} {two.x} {two.y}"
        else:
            middle = (one.x + two.x) / 2
            path = f"M{one.x} {one.y}C{middle:.1f} {one.y} {middle:.1f} {two.y} {two.x} {two.y}"
        strength = "strong" if tie.strength >= 3 else "medium" if tie.strength >= 2 else "weak"
        title = f"{one.name} — {two.name}: " + "; ".join(tie.evidence[:3])
        lines.append(Line(path, strength, title))
    return lines
