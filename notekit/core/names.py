"""A person's name in parts, from the name as the note writes it: the given name a message
greets them by (`Dr. Helen Brooks` is Helen, not "Dr."), and the parts an address book keeps
(a vCard's N: prefix, given, additional, family, suffix).

A closed list of honorifics and suffixes, and the particles that begin a family name, rather
than a name parser: nameparser reads more shapes, but costs 50 ms to import and 0.2 ms a
name, and the report greets everyone (docs/format.md, "Names" under "Fields")."""

from __future__ import annotations

import re
from typing import NamedTuple

# written before a name, never what a message calls someone (compared without case or dot)
TITLES = frozenset(
    "dr doctor prof professor mr mrs ms mx miss sir dame rev reverend fr "
    "mme mlle herr frau dott dottssa dra sra srta".split()
)
# written after a name, alone or after a comma: a generation, which tells a father from his
# son, and a degree or credential, which tells no one apart (`Ana Costa, PhD` is Ana Costa)
GENERATIONS = frozenset("jr sr ii iii iv".split())
CREDENTIALS = frozenset("phd dphil md mba msc bsc meng jd llm esq cfa cpa pmp dds cissp".split())
SUFFIXES = GENERATIONS | CREDENTIALS
# a label in brackets, as phone books add them (`Helen Brooks (Uni)`, `Tom [surf]`): no part of
# the name
LABEL = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# where a family name begins when it has more than one word (`van Beethoven`, `da Silva`)
PARTICLES = frozenset(
    "van von de da di du del della der den des le la dos das do ter ten bin ibn al el".split()
)


class NameParts(NamedTuple):
    prefix: str  # "Dr."
    given: str  # "Helen"
    additional: str  # middle names
    family: str  # "Brooks", "van Beethoven"
    suffix: str  # "Jr."


def generation(suffix: str) -> str:
    """The words of a name's suffix that say its generation (`Jr.` of `Jr., PhD`)."""
    return " ".join(word for word in suffix.split() if _bare(word) in GENERATIONS)


def _bare(word: str) -> str:
    """A word as the lists above hold it: `Ph.D.,` is `phd`."""
    return word.replace(".", "").strip(",").casefold()


def name_parts(name: str) -> NameParts:
    """The parts of a name: honorifics before it and suffixes after it set apart, `Family,
    Given` read as such (one word, or particles and a word, before the comma), else what
    follows a comma left out (`Ana Costa, Globex`), the first word given, the family name its
    last word or from its first particle on, the words between additional. A title and one
    word is a family name (`Mr Bean`); a name of titles alone is a given name. A label in
    brackets is left out (`Helen Brooks (Uni)`), unless it is all there is."""
    words = (LABEL.sub(" ", name).strip() or name).replace(",", ", ").split()
    if not words:
        return NameParts("", "", "", "", "")
    end = len(words)  # the suffixes are the words from here on, found from the end
    while end > 1 and _bare(words[end - 1]) in SUFFIXES:
        end -= 1
    suffix = [word.rstrip(",") for word in words[end:]]
    words = words[:end]
    commas = [n for n, word in enumerate(words) if word.endswith(",")]
    words = [word.rstrip(",") for word in words]
    family_from = None
    if commas:
        before = words[: commas[0] + 1]
        after = words[commas[0] + 1 : commas[1] + 1 if len(commas) > 1 else len(words)]
        if after and all(_bare(word) in PARTICLES for word in before[:-1]):  # `Brooks, Helen`
            words, family_from = [*after, *before], len(after)
        else:  # `Ana Costa, Globex`: what follows is no part of the name
            words = before
    start = 0  # the titles are the words before this one
    while start < len(words) - 1 and _bare(words[start]) in TITLES:
        start += 1
    prefix, words = words[:start], words[start:]
    family_from = None if family_from is None else family_from - start
    if prefix and len(words) == 1:
        return NameParts(" ".join(prefix), "", "", words[0], " ".join(suffix))
    if family_from is None:
        family_from = next(
            (n for n in range(1, len(words)) if _bare(words[n]) in PARTICLES),
            max(len(words) - 1, 1),
        )
    return NameParts(
        " ".join(prefix),
        words[0],
        " ".join(words[1:family_from]),
        " ".join(words[family_from:]),
        " ".join(suffix),
    )


def natural_order(name: str) -> str:
    """The name as it is said: `Costa, Ana`, as company mail and address books write it, is
    `Ana Costa`, and `Brooks, Dr. Helen` is `Dr. Helen Brooks`; any other name as written."""
    head, comma, rest = name.partition(",")
    parts = name_parts(name) if comma and rest.strip() else None
    if parts is None or " ".join(head.split()) != parts.family:
        return " ".join(name.split())
    return " ".join(part for part in parts if part)


# what makes a name more than words in order: a comma, or a label in brackets (which opens)
_NOT_PLAIN = re.compile(r"[,(\[]")


def given_name(name: str) -> str:
    """What a message calls them: their given name, else the name as written (`Mr Bean`).
    A name of plain words that does not begin with a title is not read in parts: its first
    word is the given name (most names are such, and everyone's is asked for at once, to
    tell whom a memory names)."""
    first = name.split(maxsplit=1)[:1]
    if first and _bare(first[0]) not in TITLES and not _NOT_PLAIN.search(name):
        return first[0]
    return name_parts(name).given or " ".join(name.split())
