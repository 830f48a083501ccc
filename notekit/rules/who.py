"""`who TOPIC`: the people a topic belongs with — their interests, role, company, history, how
we met, goals, tags, or a line of their note — ranked, with the matching text. Accents, case
and small typos do not count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from notekit.core.model import Person
from notekit.core.syntax import without_comments
from notekit.rules.match import at_a_word, fold, formed_topic_in, word_forms
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


SAID_VERSION = 5  # of what `said` keeps of each note: a new way of forming words is a new one
NOTE = "note"  # the field of a line of the note itself


class Said(NamedTuple):
    """What one person's fields and note lines say, as `who` searches them: one value per
    person, the forms of all its texts in one string (a vault of 50,000 people keeps 50,000
    strings, not a million)."""

    fields: tuple[str, ...]  # interest, role, … of each field
    texts: tuple[str, ...]  # each field's text as written
    lines: tuple[int, ...]  # the number of each note line
    formed: str  # the fields' texts, then the note lines, folded, each word in its plain
    # form, one per line of this string


def said(person: Person, lines: list[tuple[int, str]]) -> Said:
    """What a person's fields and note lines say, each in the form `who` compares."""
    fields = _fields(person)
    texts = [text for _, text in fields] + [text for _, text in lines]
    return Said(
        tuple(field for field, _ in fields),
        tuple(text for _, text in fields),
        tuple(number for number, _ in lines),
        "\n".join(word_forms(fold(text)) for text in texts),
    )


def who(vault: Summary, topic: str) -> list[Found]:
    """People for a topic, best first (each once, by their best match), from what their
    fields and note lines say (kept by note: only changed notes are read and folded again).
    Each person's texts are scored at once, then each text of those who may match: a text
    that holds the topic is part of the whole, which holds it too."""
    wanted = word_forms(fold(topic))
    if not wanted:
        return []
    by_path = vault.by_note("who", SAID_VERSION, said)
    kept = [by_path[person.path] for person in vault.people]
    found = []
    for owner, _ in formed_topic_in(wanted, [k.formed for k in kept], THRESHOLD):
        person, mine = vault.people[owner], kept[owner]
        best: tuple[float, int] | None = None
        texts = mine.formed.split("\n")
        for item, _ in formed_topic_in(wanted, texts, THRESHOLD):
            score = at_a_word(wanted, texts[item])
            if score < THRESHOLD:
                continue  # there only inside a word: `rust` in `trust`
            score -= NOTE_LESS if item >= len(mine.fields) else 0
            if best is None or score > best[0]:  # equals: the first, as the scores come
                best = (score, item)
        if best is None:
            continue
        score, item = best
        if item < len(mine.fields):
            found.append(Found(person, score, mine.fields[item], mine.texts[item], None))
        else:
            line = mine.lines[item - len(mine.fields)]
            text = without_comments(vault.line_of(person, line)).strip()
            found.append(Found(person, score, NOTE, text, line))
    return sorted(found, key=lambda f: (-f.score, f.person.name.casefold()))
