"""`notekit people`: everyone in the vault, with when you last spoke and when you are due."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from notekit.commands.common import App, echo, emit_json, fail, json_option, show
from notekit.present import views
from notekit.present.text import people_text
from notekit.rules.contact import last_heard
from notekit.rules.due import follow_up, has_tag

if TYPE_CHECKING:
    from notekit.rules.orgs import At
    from notekit.store.summary import Summary


@click.command("people")
@click.option("--tag", help="Only people with this tag (a nested tag's segment counts too).")
@click.option("--at", "org", metavar="ORG", help="Only people who were at ORG, now or before.")
@click.option("--overlap", is_flag=True, help="With --at: only those there when I was too.")
@json_option
@click.pass_obj
def command(app: App, tag: str | None, org: str | None, overlap: bool, as_json: bool) -> None:
    """List every person, sorted by name. --at lists those who were at an organisation or
    school, now (company) or before (history), with their years there and the years we
    overlapped ([me] history in notekit.toml).

    \b
    Examples:
      notekit people --tag initech
      notekit people --at Initech --overlap
    """
    from notekit.rules.orgs import times_at

    summary = app.summary()
    people = [p for p in summary.people if tag is None or has_tag(p, tag)]
    times = {}
    if org is not None:
        times = {
            p.path: found for p in people if (found := times_at(p, org, summary.config, app.today))
        }
        if overlap:  # known years apart are left out; unknown ones are listed, and said so
            times = {path: t for path, t in times.items() if any(_may_overlap(a) for a in t)}
        people = [p for p in people if p.path in times]
        if not people and not as_json:
            echo(_nobody_at(summary, org))
            return
    elif overlap:
        fail("--overlap goes with --at ORG")
    follows = [follow_up(p, summary, app.today) for p in people]
    if as_json:
        listed = [
            views.person_summary(f, last_heard(f.person, summary, app.today)) for f in follows
        ]
        if org is not None:
            for row, follow in zip(listed, follows, strict=True):
                row["at"] = [views.time_at(a) for a in times[follow.person.path]]
        emit_json(listed)
        return
    show(people_text(follows, org, times))


def _may_overlap(at: At) -> bool:
    """Whether a time at an org overlapped mine, or may have: its years are not known."""
    return at.overlap is not None or at.start is None


def _nobody_at(summary: Summary, org: str) -> str:
    """`Nobody at X in your notes.`, with the org of the notes most like it, if any."""
    from notekit.rules.match import closest

    orgs = sorted(
        {p.company for p in summary.people if p.company}
        | {s.org for p in summary.people for s in p.known_stints}
    )
    near = closest(org, orgs)
    return f"Nobody at {org} in your notes." + (f" Did you mean {near}?" if near else "")
