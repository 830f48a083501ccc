"""Words: counted as every message and page says them, and compared as a user means them."""

from __future__ import annotations

import unicodedata


def counted(number: float, noun: str, plural: str | None = None) -> str:
    """`1 day`, `3 days`, `1.5 days`, `1 person`, `2 people`: the noun as is for one, else
    its `plural` (the noun with an `s` unless given)."""
    shown = f"{number:g}" if isinstance(number, float) else str(number)
    return f"{shown} {noun if number == 1 else plural or noun + 's'}"


def folded_words(text: str) -> list[str]:
    """The words of a text whatever its case, accents and punctuation: `Initech, S.A.` is
    `initech s a`, `Do not contact!` is `do not contact`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = (c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return "".join(kept).split()
