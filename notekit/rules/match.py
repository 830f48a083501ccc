"""Finding people by what the user types: exact names first, then fuzzy (rapidfuzz).

Matching ignores accents, case and word order ("costa ana" finds "Ána Costa"). A lookup never
guesses: it picks a fuzzy match only when one candidate is clearly ahead of the rest.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from notekit.core.model import Person
from notekit.store.summary import Summary

FIND_THRESHOLD = 70.0
PICK_THRESHOLD = 80.0
CLEAR_LEAD = 8.0


# ASCII punctuation and controls as spaces: most names need nothing more than this and lower()
_ASCII_SPACES = {c: " " for c in range(128) if not chr(c).isalnum()}


def fold(text: str) -> str:
    """Lower-case, accents removed, punctuation as spaces, single-spaced."""
    if text.isascii():  # the same result, many times faster: NFKD leaves ASCII as it is
        return " ".join(text.lower().translate(_ASCII_SPACES).split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.split())


@dataclass(frozen=True)
class Match:
    person: Person
    score: float
    matched: str  # the name, alias or company that matched


def _keys(person: Person, with_company: bool) -> list[str]:
    keys = [person.name, person.stem, *person.aliases]
    if with_company:
        keys.extend(k for k in (person.company, person.role) if k)
        keys.extend(person.history)
    return keys


def search(index: Summary, query: str, with_company: bool = True) -> list[Match]:
    """People matching the query, best first."""
    wanted = fold(query)
    if not wanted:
        return []
    matches = []
    for person in index.people:
        keys = _keys(person, with_company)
        best = process.extractOne(
            wanted, [fold(k) for k in keys], scorer=_score, score_cutoff=FIND_THRESHOLD
        )
        if best:
            matches.append(Match(person, best[1], keys[best[2]]))
    matches.sort(key=lambda m: (-m.score, m.person.name.casefold()))
    return matches


def _score(query: str, key: str, **_: object) -> float:
    if query == key:
        return 100.0
    if query in key.split():  # a whole word: "costa" in "ana costa"
        return 90.0
    return max(fuzz.token_sort_ratio(query, key), fuzz.token_set_ratio(query, key) - 5)


def named(index: Summary, name: str) -> list[Person]:
    """People whose name, alias or file stem is `name`, ignoring case, then accents too."""
    exact = index.people_named(name)
    if exact:
        return exact
    folded = fold(name)
    return [p for p in index.people if folded in {fold(k) for k in _keys(p, False)}]


@dataclass(frozen=True)
class Lookup:
    person: Person | None
    candidates: list[Match]  # when person is None: what the user may have meant


def lookup(index: Summary, name: str) -> Lookup:
    """One person by name, alias or file stem; fuzzy only when one is clearly best."""
    exact = named(index, name)
    if len(exact) == 1:
        return Lookup(exact[0], [])
    if exact:
        return Lookup(None, [Match(p, 100.0, p.name) for p in exact])
    candidates = search(index, name, with_company=False)
    if (
        candidates
        and candidates[0].score >= PICK_THRESHOLD
        and (len(candidates) == 1 or candidates[0].score - candidates[1].score >= CLEAR_LEAD)
    ):
        return Lookup(candidates[0].person, [])
    return Lookup(None, candidates[:10])
