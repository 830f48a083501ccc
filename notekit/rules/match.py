"""Finding people by what the user types: exact names first, then fuzzy (rapidfuzz).

Matching ignores accents, case and word order ("costa ana" finds "Ána Costa"). A lookup never
guesses: it picks a fuzzy match only when one candidate is clearly ahead of the rest.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from notekit.core.model import Person
from notekit.core.names import LABEL, generation, name_parts
from notekit.store.summary import Summary

FIND_THRESHOLD = 70.0
PICK_THRESHOLD = 80.0
CLEAR_LEAD = 8.0
NEAR_THRESHOLD = 50.0  # names shown as the closest when nobody matches


# ASCII punctuation and controls as spaces: most names need nothing more than this and lower()
_ASCII_SPACES = {c: " " for c in range(128) if not chr(c).isalnum()}


def fold(text: str) -> str:
    """Lower-case, accents removed, punctuation as spaces, single-spaced."""
    if text.isascii():  # the same result, many times faster: NFKD leaves ASCII as it is
        return " ".join(text.lower().translate(_ASCII_SPACES).split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.split())


def profile_key(url: str | None) -> str | None:
    """A LinkedIn profile URL as one key whatever its form: scheme, `www.`, a trailing slash
    and case do not count."""
    if not url:
        return None
    key = url.strip().lower().split("?", 1)[0].rstrip("/")
    for prefix in ("https://", "http://"):
        key = key.removeprefix(prefix)
    return key.removeprefix("www.") or None


def name_key(name: str) -> str:
    """A name whatever its case, accents, word order, honorifics and degrees: `Peres, Tomás`
    is `tomas peres`, `Dr. Helen Brooks` and `Helen Brooks, PhD` are `brooks helen`. A
    generation stays (`Jr.` is not `Sr.`), and so does a label in brackets: `Sam (Initech)`
    is not `Sam (school)`."""
    parts = name_parts(name)
    labels = " ".join(LABEL.findall(name))
    named = [parts.given, parts.additional, parts.family, generation(parts.suffix), labels]
    return " ".join(sorted(fold(" ".join(named)).split()))


def name_keys(name: str) -> list[str]:
    """The name's key, then its key without its labels when it has any: `Helen Brooks (Uni)`,
    as a phone book names her, is also `Helen Brooks`."""
    return list(dict.fromkeys([name_key(name), name_key(LABEL.sub(" ", name))]))


def close_to(key: str, keys: list[str], threshold: float) -> list[tuple[int, float]]:
    """(position, score) of the folded `keys` whose token-sort ratio to the folded `key` is
    `threshold` or more, scored in C."""
    found = process.extract(
        key, keys, scorer=fuzz.token_sort_ratio, score_cutoff=threshold, limit=None
    )
    return [(at, score) for _, score, at in found]


def formed_topic_in(wanted: str, formed: list[str], threshold: float) -> list[tuple[int, float]]:
    """(position, score) of the `formed` keys that may hold the query `wanted`, both folded
    and in their plain word forms (`word_forms(fold(text))`: `engineering` and `engineers` are
    `engineer`), scored by the partial ratio (100 where it stands in the key, else the key's
    closest part: a typo costs a little), `threshold` or more; a key shorter than the query
    holds nothing. All keys are scored in one call, in C; `at_a_word` then tells a word from
    a part of one."""
    found = process.extract(
        wanted, formed, scorer=fuzz.partial_ratio, score_cutoff=threshold, limit=None
    )
    return [(at, value) for _, value, at in found if len(formed[at]) >= len(wanted)]


SHORT = 3  # letters: a query this short is only ever a whole word (`go` is not in `good`)


def at_a_word(wanted: str, formed: str) -> float:
    """How well the query stands in a text (both as `formed_topic_in` takes them) where one of
    its words begins: the best ratio of the query with as many letters from each word's
    start. A typo costs a little, but the query inside a word is no match (`rust` is not in
    `trust`), and a query of `SHORT` letters or fewer must be a word of the text."""
    if len(wanted) <= SHORT:
        return 100.0 if f" {wanted} " in f" {formed} " else 0.0
    if f" {wanted}" in f" {formed}":  # as written, where a word begins: most matches
        return 100.0
    best, start = 0.0, 0
    while start >= 0:
        best = max(best, fuzz.ratio(wanted, formed[start : start + len(wanted)]))
        found = formed.find(" ", start)
        start = found + 1 if found >= 0 else -1
    return best


def closest(query: str, texts: list[str], cutoff: float = 70.0) -> str | None:
    """The text most like `query` (folded, a typo or a missing word aside), or None."""
    if not texts:
        return None
    found = process.extractOne(
        fold(query), [fold(t) for t in texts], scorer=fuzz.WRatio, score_cutoff=cutoff
    )
    return texts[found[2]] if found else None


_ENDINGS = (("ing", 6), ("ers", 5), ("ed", 5), ("s", 4))  # ending, shortest word


def word_forms(folded: str) -> str:
    """Each word of a folded text without the ending of its plural, its -ing or -ed form:
    `data engineering` and `data engineers` are both `data engineer`. Crude on purpose: it is
    applied alike to what is asked and what is searched."""
    return " ".join(map(_plain_word, folded.split()))


@functools.lru_cache(maxsize=1 << 16)
def _plain_word(word: str) -> str:
    for ending, shortest in _ENDINGS:
        if len(word) >= shortest and word.endswith(ending) and not word.endswith("ss"):
            return word[: -len(ending)] + ("er" if ending == "ers" else "")
    return word


@dataclass(frozen=True)
class Match:
    person: Person
    score: float
    matched: str  # the text that matched: a name, an alias, a company, a tag, …
    field: str = "name"  # which: name, file, alias, company, role, history, tag, context, …


def _keys(person: Person, with_company: bool) -> list[tuple[str, str]]:
    """(field, text) of everything a person can be found by: names only, or everything."""
    keys = [("name", person.name), ("file", person.stem), *(("alias", a) for a in person.aliases)]
    if with_company:
        keys.extend(
            (field, k) for field, k in (("company", person.company), ("role", person.role)) if k
        )
        keys.extend(("history", k) for k in person.history)
        keys.extend(("tag", k) for k in person.tags)
        keys.extend(("location", k) for k in (person.location,) if k)
        keys.extend(("context", k) for k in (person.context,) if k)
        keys.extend(("interest", k) for k in person.interests)
        keys.extend(("goal", k) for k in person.goals)
    return keys


START = 2  # letters of a word that a similar name must share, where the vault is large


@dataclass(frozen=True)
class KeyTable:
    """Everything the people of a vault can be found by, each distinct text folded once: built
    once for many searches (an import looks for a similar name for each new contact)."""

    people: list[Person]
    shown: list[str]  # each distinct text, as written
    keys: list[str]  # folded
    holders: list[list[tuple[int, str, int]]]  # of each text: (person, field, order) holding it
    by_word: dict[str, list[int]]  # a word of a folded text -> the texts holding it
    by_start: dict[str, list[int]]  # the first two letters of a word -> the texts holding it

    def near(self, query: str) -> dict[int, str]:
        """The folded texts that share the start of a word with the folded `query`: where a
        name nearly alike is looked for among thousands (a typo in the first two letters of
        every word is not forgiven there)."""
        places = {at for word in query.split() for at in self.by_start.get(word[:START], ())}
        return {at: self.keys[at] for at in sorted(places)}


def key_table(index: Summary, with_company: bool) -> KeyTable:
    texts: dict[str, int] = {}  # each distinct text -> its place
    holders: list[list[tuple[int, str, int]]] = []
    order = 0
    for number, person in enumerate(index.people):
        for field, key in _keys(person, with_company):
            place = texts.setdefault(key, len(texts))
            if place == len(holders):
                holders.append([])
            holders[place].append((number, field, order))
            order += 1
    shown = list(texts)
    keys = [fold(t) for t in shown]
    by_word: dict[str, list[int]] = {}
    by_start: dict[str, list[int]] = {}
    for place, key in enumerate(keys):
        for word in dict.fromkeys(key.split()):
            by_word.setdefault(word, []).append(place)
        for start in dict.fromkeys(word[:START] for word in key.split()):
            by_start.setdefault(start, []).append(place)
    return KeyTable(index.people, shown, keys, holders, by_word, by_start)


def search(
    index: Summary,
    query: str,
    with_company: bool = True,
    threshold: float = FIND_THRESHOLD,
    table: KeyTable | None = None,
    near: bool = False,
) -> list[Match]:
    """People matching the query, best first. A key scores 100 when it is the query, 90 when
    the query is one of its words, else the better of the token-sort ratio and the token-set
    ratio less 5; each person is matched by their best key (the first of equals) when it scores
    `threshold` or more. Each distinct text of the vault (a tag or a company is shared by many
    people) is folded once, and scored in one call per ratio, in C. `table`: the vault's keys
    (`key_table` with the same `with_company`), when many searches share them. `near`: only
    the texts that share the start of a word with the query are scored (`KeyTable.near`), so
    that a search costs what those few do, not the whole vault."""
    wanted = fold(query)
    if not wanted:
        return []
    table = table or key_table(index, with_company)
    choices = table.near(wanted) if near else dict(enumerate(table.keys))
    scores: dict[int, float] = {}
    for scorer, less in ((fuzz.token_sort_ratio, 0), (fuzz.token_set_ratio, 5)):
        found = process.extract(
            wanted, choices, scorer=scorer, limit=None, score_cutoff=threshold + less
        )
        for _, score, at in found:
            scores[at] = max(scores.get(at, 0.0), score - less)
    if " " not in wanted:  # a whole word: "costa" in "ana costa" (a key that is the query
        for at in table.by_word.get(wanted, ()):  # itself scores 100 by either ratio)
            scores[at] = 100.0 if table.keys[at] == wanted else 90.0
    best: dict[int, tuple[float, int, int, str]] = {}  # person -> score, -order, text, field
    for at, score in scores.items():
        if score < threshold:
            continue
        for owner, field, order in table.holders[at]:
            mine = (score, -order, at, field)
            if owner not in best or mine[:2] > best[owner][:2]:
                best[owner] = mine
    matches = [
        Match(table.people[owner], score, table.shown[at], field)
        for owner, (score, _, at, field) in sorted(best.items())  # equals keep the vault's order
    ]
    matches.sort(key=lambda m: (-m.score, m.person.name.casefold()))
    return matches


def named(index: Summary, name: str) -> list[Person]:
    """People whose name, alias or file stem is `name`, ignoring case, then accents too."""
    exact = index.people_named(name)
    if exact:
        return exact
    folded = fold(name)
    return [p for p in index.people if folded in {fold(k) for _, k in _keys(p, False)}]


def closest_name(index: Summary) -> Callable[[str], str | None]:
    """A function from a link target that resolves to nothing to the name or alias it is most
    likely a typo of (`[[Priya Nar]]` → `Priya Nair`), or None when none is close. The names
    are folded once, for all the links to look at."""
    names: list[str] = []
    for person in index.people:
        names.extend(text for _, text in _keys(person, with_company=False))
    folded = [fold(name) for name in names]

    def closest(target: str) -> str | None:
        best = process.extractOne(
            fold(target), folded, scorer=fuzz.token_sort_ratio, score_cutoff=PICK_THRESHOLD
        )
        return names[best[2]] if best else None

    return closest


@dataclass(frozen=True)
class Lookup:
    person: Person | None
    candidates: list[Match]  # when person is None: who the name could mean
    nearest: list[Match]  # when nobody could be meant: the closest names there are


def lookup(index: Summary, name: str) -> Lookup:
    """One person by name, alias or file stem; else fuzzily, forgiving typos as `find` does,
    when one person scores high and clearly ahead. Never a guess: a weak match is offered, not
    taken (a `log` in the wrong person's note costs more than a question)."""
    exact = named(index, name)
    if len(exact) == 1:
        return Lookup(exact[0], [], [])
    if exact:
        return Lookup(None, [Match(p, 100.0, p.name) for p in exact], [])
    candidates = search(index, name, with_company=False)
    if (
        candidates
        and candidates[0].score >= PICK_THRESHOLD
        and (len(candidates) == 1 or candidates[0].score - candidates[1].score >= CLEAR_LEAD)
    ):
        return Lookup(candidates[0].person, [], [])
    if candidates:
        return Lookup(None, candidates[:10], [])
    return Lookup(None, [], search(index, name, with_company=False, threshold=NEAR_THRESHOLD)[:3])


# a field of the note as `set --where` compares it: the Person's value of that field
_WHERE_VALUES = {
    "email": lambda p: p.emails,
    "tags": lambda p: p.tags,
    "aliases": lambda p: p.aliases,
    "history": lambda p: p.history,
    "interests": lambda p: p.interests,
    "goals": lambda p: p.goals,
    "cadence": lambda p: str(p.fm_cadence) if p.fm_cadence else None,
    "name": lambda p: p.name,
}


def where(people: list[Person], field: str, value: str) -> list[Person]:
    """The people whose `field` (a field name of SPEC §3, or another of the Person's: company,
    role, status, channel, location, context) is `value`, or, for a list, holds it; case,
    accents and spacing aside. ValueError for a field notekit does not know."""
    read = _WHERE_VALUES.get(field)
    if read is None:
        if field not in ("company", "role", "status", "channel", "location", "context"):
            raise ValueError(f"--where takes a field notekit knows, not {field!r}")
        read = lambda p: getattr(p, field)  # noqa: E731
    wanted = fold(value)
    found = []
    for person in people:
        held = read(person)
        values = held if isinstance(held, list) else [held]
        if any(fold(str(v)) == wanted for v in values if v is not None):
            found.append(person)
    return found
