"""`who TOPIC`: the people a topic belongs with — their interests, role, company, history, how
we met, goals, tags, or a line of their note — ranked, with the matching text. Accents, case
and small typos do not count."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from notekit.core.model import Person
from notekit.rules.match import fold, topic_in
from notekit.store.summary import Summary

THRESHOLD = 85.0  # a field or a line this close to the topic is a match
NOTE_LESS = 10.0  # a line of the note weighs less than a field that says it


@dataclass(frozen=True)
class Found:
    person: Person
    score: float
    field: str  # interest, role, company, history, context, goal, tag; or note
    text: str  # the matching value or line, as written
    line: int | None  # of a note line


def _fields(person: Person) -> list[tuple[str, str]]:
    return [
        *(("interest", i) for i in person.interests),
        *(("role", r) for r in (person.role,) if r),
        *(("company", c) for c in (person.company,) if c),
        *(("history", h) for h in person.history),
        *(("context", c) for c in (person.context,) if c),
        *(("goal", g) for g in person.goals),
        *(("tag", t) for t in person.tags),
        *(("location", place) for place in (person.location,) if place),
    ]


def who(vault: Summary, topic: str, body: Callable[[Person], list[tuple[int, str]]]) -> list[Found]:
    """People for a topic, best first (each once, by their best match); `body` gives a
    person's note lines with their numbers."""
    wanted = fold(topic)
    if not wanted:
        return []
    best: dict[str, Found] = {}

    def offer(found: Found) -> None:
        held = best.get(found.person.path)
        if held is None or found.score > held.score:
            best[found.person.path] = found

    said: list[tuple[Person, str, str, int | None]] = []  # person, field, text, note line
    for person in vault.people:
        said.extend((person, field, text, None) for field, text in _fields(person))
        said.extend((person, "note", text.strip(), number) for number, text in body(person))
    for at, score in topic_in(wanted, [fold(text) for _, _, text, _ in said], THRESHOLD):
        person, field, text, line = said[at]
        offer(Found(person, score - NOTE_LESS if field == "note" else score, field, text, line))
    return sorted(best.values(), key=lambda f: (-f.score, f.person.name.casefold()))
