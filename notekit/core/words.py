"""Counts in words, as every message and page says them."""

from __future__ import annotations


def counted(number: float, noun: str, plural: str | None = None) -> str:
    """`1 day`, `3 days`, `1.5 days`, `1 person`, `2 people`: the noun as is for one, else
    its `plural` (the noun with an `s` unless given)."""
    shown = f"{number:g}" if isinstance(number, float) else str(number)
    return f"{shown} {noun if number == 1 else plural or noun + 's'}"
