"""The numbers behind the report's two small charts; the templates draw them as inline SVG."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from notekit.core.words import counted
from notekit.rules.due import FollowUp

WEEKS = 26
FRESH_DAYS = 90  # contacted within three months
FADING_DAYS = 365  # within a year; older, or never: lost


@dataclass(frozen=True)
class Bar:
    label: str  # what a reader sees on hover and in print
    value: int
    x: float
    y: float
    width: float
    height: float
    tick: str | None = None  # a month name under the first week of each month


def weekly_interactions(
    dates: list[dt.date], today: dt.date, width: float = 520, height: float = 90
) -> list[Bar]:
    """Interactions per ISO week (Monday to Sunday) for the last 26 weeks, this one included."""
    this_monday = today - dt.timedelta(days=today.weekday())
    first = this_monday - dt.timedelta(weeks=WEEKS - 1)
    counts = [0] * WEEKS
    for date in dates:
        if first <= date <= today:
            counts[(date - first).days // 7] += 1
    top = max(counts) or 1
    step = width / WEEKS
    bars = []
    for n, count in enumerate(counts):
        monday = first + dt.timedelta(weeks=n)
        bar_height = height * count / top
        new_month = n == 0 or monday.month != (monday - dt.timedelta(weeks=1)).month
        bars.append(
            Bar(
                label=f"week of {monday.isoformat()}: {counted(count, 'interaction')}",
                value=count,
                x=round(n * step + 1, 1),
                y=round(height - bar_height, 1),
                width=round(step - 2, 1),
                height=round(bar_height, 1),
                tick=monday.strftime("%b") if new_month else None,
            )
        )
    return bars


def freshness_of(heard: dt.date | None, today: dt.date) -> str:
    """fresh (≤ 90 days), fading (≤ a year) or lost (older, or never)."""
    days = (today - heard).days if heard else None
    if days is not None and days <= FRESH_DAYS:
        return "fresh"
    return "fading" if days is not None and days <= FADING_DAYS else "lost"


def freshness(
    follows: list[FollowUp], heard: dict[str, dt.date | None], today: dt.date, width: float = 520
) -> list[Bar]:
    """People by time since I last heard from them (`contact.last_heard`): fresh, fading, lost
    (or never)."""
    counts = {"fresh": 0, "fading": 0, "lost": 0}
    for follow in follows:
        if follow.person.followed_up:
            counts[freshness_of(heard.get(follow.person.path), today)] += 1
    total = sum(counts.values()) or 1
    bars, x = [], 0.0
    labels = {
        "fresh": f"fresh (≤ {FRESH_DAYS} days)",
        "fading": f"fading ({FRESH_DAYS + 1}–{FADING_DAYS} days)",
        "lost": "lost (over a year, or never)",
    }
    for name, count in counts.items():
        bar_width = width * count / total
        bars.append(Bar(labels[name], count, round(x, 1), 0, round(bar_width, 1), 24, name))
        x += bar_width
    return bars


MONTHS = 6
SERIES = ("outreach", "answered", "meetings")  # the bars of each month, in this order


def monthly_engagement(
    months: list[tuple[str, dict[str, Any]]], width: float = 520, height: float = 90
) -> list[Bar]:
    """For each month (`YYYY-MM`, its counts as `stats` gives them): my outreach, the answers
    it got and the meetings, side by side; `tick` names the series, for its colour."""
    top = max((c[s] for _, c in months for s in SERIES), default=0) or 1
    slot = width / max(len(months), 1)
    bar_width = (slot - 8) / len(SERIES)
    bars = []
    for n, (month, counts) in enumerate(months):
        for k, series in enumerate(SERIES):
            value = counts[series]
            bar_height = height * value / top
            bars.append(
                Bar(
                    label=f"{month}: {value} {series}",
                    value=value,
                    x=round(n * slot + 4 + k * bar_width, 1),
                    y=round(height - bar_height, 1),
                    width=round(bar_width - 1, 1),
                    height=round(bar_height, 1),
                    tick=series,
                )
            )
    return bars
