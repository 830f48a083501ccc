"""The static HTML report (SPEC §7): Jinja2 templates inside the package, no network at all.

Autoescaping is on for every value; the site depends only on the vault and `today`, so the same
input gives the same bytes, and a file is rewritten only when its content changed.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from notekit import views
from notekit.due import due_report, follow_up
from notekit.index import Index
from notekit.model import Interaction, Person

RECENT_DAYS = 7


def build_site(index: Index, today: dt.date, out_dir: Path) -> Path:
    """Write the site into `out_dir`; return the path of its index.html."""
    env = Environment(
        loader=PackageLoader("notekit", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["plain"] = views.plain
    report = due_report(index, today, within=7)
    follows = [follow_up(p, index.config, today) for p in index.people]
    followed = [f for f in follows if f.person.followed_up]
    recent = sorted(
        (
            (p, i)
            for p in index.people
            for i in p.interactions
            if today - dt.timedelta(days=RECENT_DAYS) < i.date <= today
        ),
        key=lambda pair: (pair[1].date, pair[0].name.casefold()),
        reverse=True,
    )
    figures = {
        "people": len(index.people),
        "contacted_30": _contacted_within(follows, today, 30),
        "contacted_90": _contacted_within(follows, today, 90),
        "overdue": sum(1 for f in followed if f.due and f.due < today),
    }
    page = env.get_template("index.html").render(
        title=index.config.report_title,
        today=today,
        report=report,
        follows=follows,
        recent=recent,
        figures=figures,
        context_of=context_line,
        problems=len(index.problems),
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_if_changed(out_dir / "index.html", page)
    style = resources.files("notekit").joinpath("templates/style.css").read_text("utf-8")
    _write_if_changed(out_dir / "style.css", style)
    return out_dir / "index.html"


def _contacted_within(follows: list, today: dt.date, days: int) -> int:
    since = today - dt.timedelta(days=days)
    return sum(1 for f in follows if f.last_contact and f.last_contact >= since)


def context_line(person: Person, today: dt.date) -> str:
    """How we know each other, and what we last talked about."""
    last: Interaction | None = next(
        (i for i in reversed(person.interactions) if i.date <= today and i.text), None
    )
    parts = [person.context or ""]
    if last:
        parts.append(f"last: {views.plain(last.text)}")
    return " · ".join(p for p in parts if p)


def _write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
