"""People who are likely one person written twice: the same email, the same LinkedIn profile,
the same name (case, accents, word order and honorifics aside), or names nearly alike. Only
listed, with the evidence; `merge` is for the user to run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from notekit.core.model import Person
from notekit.rules.match import close_to, name_key, profile_key
from notekit.store.summary import Summary

SIMILAR_NAMES = 90.0  # token-sort ratio of two names, folded, from which they are listed


@dataclass
class Pair:
    first: Person
    second: Person
    evidence: list[str] = field(default_factory=list)


def duplicates(vault: Summary) -> list[Pair]:
    """Likely duplicates, each pair once, in the order of the people; the evidence in words."""
    pairs: dict[tuple[str, str], Pair] = {}

    def note(group: Iterable[Person], why: str) -> None:
        for first, second in combinations(group, 2):
            key = (first.path, second.path)
            pair = pairs.setdefault(key, Pair(first, second))
            if why not in pair.evidence:
                pair.evidence.append(why)

    by: dict[str, dict[str, list[Person]]] = {"email": {}, "linkedin": {}, "name": {}}
    for person in vault.people:
        for email in person.emails:
            by["email"].setdefault(email.strip().lower(), []).append(person)
        if key := profile_key(person.linkedin):
            by["linkedin"].setdefault(key, []).append(person)
        by["name"].setdefault(name_key(person.name), []).append(person)
    for kind, groups in by.items():
        for value, people in groups.items():
            if len(people) > 1:
                what = {"email": "same email", "linkedin": "same LinkedIn profile"}.get(kind)
                note(people, f"{what} {value}" if what else "same name")
    # nearly alike: compared within a block of the same first letters, not all pairs
    blocks: dict[str, list[tuple[str, Person]]] = {}
    for person in vault.people:
        key = name_key(person.name)
        blocks.setdefault(key[:2], []).append((key, person))
    for block in blocks.values():
        keys = [key for key, _ in block]
        for at, (key, first) in enumerate(block):
            for where, score in close_to(key, keys[at + 1 :], SIMILAR_NAMES):
                if keys[at + 1 + where] != key:
                    note([first, block[at + 1 + where][1]], f"similar names ({score:.0f}%)")
    order = {person.path: n for n, person in enumerate(vault.people)}
    return sorted(pairs.values(), key=lambda p: (order[p.first.path], order[p.second.path]))
