"""The week's overview as a Markdown note in the vault (`report --note`): `Reviews/2026-W48.md`.

The note records the week in git and reads in Obsidian, with `[[wikilinks]]` to people. It
carries a digest of what notekit wrote: a later run rewrites it only while the note is exactly
that, so a weekly note the user has edited is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from notekit.core.errors import EditError
from notekit.core.syntax import TASK_DUE, one_line
from notekit.present.views import channel_text, waiting_text
from notekit.read.parse import parse_with_front_matter
from notekit.rules.moments import moment_text
from notekit.rules.plan import week_plan
from notekit.rules.week import week_name, week_note_path, week_of, week_start
from notekit.store.index import Index
from notekit.write.changes import Change
from notekit.write.edit import Snapshot, vault_path

DIGEST_KEY = "notekit_digest"


def plan_weekly_note(index: Index, today: dt.date) -> Change | None:
    """The weekly note to write, or None when the vault already holds exactly it."""
    rel = week_note_path(index.config, today)
    body = _body(index, today)
    digest = _digest(body)
    week = week_name(week_start(today, index.config.week_starts))
    text = (
        f"---\ntype: weekly-review\nweek: {week}\ngenerated_by: notekit\n"
        f"{DIGEST_KEY}: {digest}\n---\n{body}"
    )
    path = vault_path(index.vault, rel)
    if not path.exists():
        return Change(index.vault, rel, None, text.encode("utf-8"), f"report: {rel}")
    snapshot = Snapshot.read(path)
    try:
        if snapshot.data == text.encode("utf-8"):
            snapshot.release()
            return None
        existing, values = parse_with_front_matter(rel, snapshot.data)
        lines = snapshot.data.decode("utf-8", errors="replace").split("\n")
        old_body = "\n".join(lines[existing.body_start - 1 :]) if existing.has_front_matter else ""
        if values.get(DIGEST_KEY) != _digest(old_body):
            raise EditError(
                f"{rel} was edited since notekit wrote it (or notekit did not write it): left "
                "alone. Rename or delete it to have it written again."
            )
    except BaseException:
        snapshot.release()
        raise
    return Change(index.vault, rel, snapshot, text.encode("utf-8"), f"report: {rel}")


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def _body(index: Index, today: dt.date) -> str:
    week = week_of(index, today, index.interactions_of)
    report = week.report

    out = [f"# Week {week.name} ({week.start.isoformat()} to {week.end.isoformat()})", ""]
    out += ["## This week's plan", ""]
    found = week_plan(index, today)
    for pick in found.picks:
        context = f" — {one_line(pick.person.context)}" if pick.person.context else ""
        done = f" (done {pick.done})" if pick.done else ""
        box = "x" if pick.done else " "
        line = f"{index.link_to(pick.person)}: {'; '.join(pick.why)}{context}{done}"
        out.append(f"- [{box}] {' '.join(TASK_DUE.sub('', line).split())}")  # no date: no promise
    if not found.picks:
        out.append("Nobody to plan for this week.")
    elif found.more_due:
        out += [
            "",
            f"And {found.more_due} more {'is' if found.more_due == 1 else 'are'} due this week: "
            "`notekit due`.",
        ]
    if found.waiting:
        out += ["", "## Waiting on you", ""]
        out += [f"- {index.link_to(w.person)}: {waiting_text(w)}" for w in found.waiting]
    out += ["", "## Promises", ""]
    for promise in week.promises:
        who = ", ".join(index.link_to(p) for p in promise.people)
        out.append(f"- {promise.due}: {who}: {' '.join(TASK_DUE.sub('', promise.text).split())}")
    if not week.promises:
        out.append("No dated promises this week.")
    out += ["", "## Moments", ""]
    for m in report.moments:
        out.append(f"- {m.date}: {index.link_to(m.person)}, {moment_text(m)}")
    if not report.moments:
        out.append("No birthdays or new roles this week.")
    if report.nudges:
        out += ["", "## Nudges", ""]
        out += [f"- {n.date}: {index.link_to(n.person)}, {n.why()}" for n in report.nudges]
    out += ["", "## Last 7 days", ""]
    recent = sorted(
        (
            (
                i.date,
                p.name.casefold(),
                index.link_to(p),
                channel_text(i),
                i.text,
            )
            for p, i in week.recent
        ),
        reverse=True,
    )
    for date, _, who, channel, text in recent:
        how = f" ({channel})" if channel else ""
        out.append(f"- {date}: {who}{how}: {text}" if text else f"- {date}: {who}{how}")
    if not recent:
        out.append("No interactions logged.")
    out += [
        "",
        "## Figures",
        "",
        f"- People: {len(index.people)}",
        f"- Overdue: {week.overdue}",
        "",
    ]
    return "\n".join(out)
