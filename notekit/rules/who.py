"""`who TOPIC`: the people a topic belongs with — their interests, role, company, history, how
we met, goals, tags, or a line of their note — ranked, with the matching text. Accents, case
and small typos do not count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from notekit.core.model import Person
from notekit.rules.match import fold, formed_topic_in, word_forms
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


SAID_VERSION = 2  # of what `said` keeps of each note: a new way of forming words is a new one


class Said(NamedTuple):
    """One thing a person's note says, as `who` searches it."""

    field: str  # interest, role, …; or note
    text: str  # as written, a note line without its edges' blanks
    line: int | None  # of a note line
    formed: str  # folded, each word in its plain form


def said(person: Person, lines: list[tuple[int, str]]) -> list[Said]:
    """What a person's fields and note lines say, each in the form `who` compares."""
    found = [Said(field, text, None, word_forms(fold(text))) for field, text in _fields(person)]
    found += [Said("note", text.strip(), n, word_forms(fold(text))) for n, text in lines]
    return found


def who(vault: Summary, topic: str) -> list[Found]:
    """People for a topic, best first (each once, by their best match), from what their
    fields and note lines say (kept by note: only changed notes are read and folded again)."""
    wanted = word_forms(fold(topic))
    if not wanted:
        return []
    by_path = vault.by_note("who", SAID_VERSION, said)
    everything = [(person, item) for person in vault.people for item in by_path[person.path]]
    best: dict[str, tuple[float, Person, Said]] = {}
    for at, score in formed_topic_in(wanted, [item.formed for _, item in everything], THRESHOLD):
        person, item = everything[at]
        score = score - NOTE_LESS if item.field == "note" else score
        held = best.get(person.path)
        if held is None or score > held[0]:
            best[person.path] = (score, person, item)
    found = [Found(p, score, item.field, item.text, item.line) for score, p, item in best.values()]
    return sorted(found, key=lambda f: (-f.score, f.person.name.casefold()))
