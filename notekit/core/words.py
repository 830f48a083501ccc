"""Counts in words, as every message and page says them."""

from __future__ import annotations


def counted(number: float, noun: str) -> str:
    """`1 day`, `3 days`, `1.5 days`: the noun takes an `s` for any number but one."""
    shown = f"{number:g}" if isinstance(number, float) else str(number)
    return f"{shown} {noun}{'' if number == 1 else 's'}"
