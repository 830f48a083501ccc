"""`notekit opportunities`: what came of reconnecting, and what I gave."""

from __future__ import annotations

import click

from notekit.commands.common import App, emit_json, json_option, table

STATUSES = ("open", "won", "lost", "given")


@click.command("opportunities")
@click.option("--status", type=click.Choice(STATUSES), help="Only those of this status.")
@click.option("--kind", metavar="KIND", help="Only those of this kind (referral, job, intro…).")
@json_option
@click.pass_obj
def command(app: App, status: str | None, kind: str | None, as_json: bool) -> None:
    """Every opportunity in people's `## Opportunities` sections, newest first, with the
    contact that came just before it: `- 2026-10-02 referral (won): referred me for the staff
    role at Globex`. Kinds: referral, job, intro, collaboration, mentorship, client, advice,
    other; status: open (the default), won, lost, or given (what I did for them).

    \b
    Examples:
      notekit opportunities
      notekit opportunities --status open --kind referral --json
    """
    from notekit.present import views

    summary = app.summary()
    rows = []
    for person in summary.people:
        chances = summary.opportunities.get(person.path, ())
        chosen = [
            c
            for c in chances
            if (status is None or c.status == status) and (kind is None or c.kind == kind.lower())
        ]
        if not chosen:
            continue
        interactions = app.store.interactions_of(person)
        for chance in chosen:
            before = [i for i in interactions if i.date <= chance.date]
            rows.append((chance, person, before[-1] if before else None))
    rows.sort(key=lambda row: (row[0].date, row[1].name.casefold()), reverse=True)
    if as_json:
        emit_json(
            [
                {
                    **views.opportunity(chance),
                    "name": person.name,
                    "path": person.path,
                    "before": views.interaction(before) if before else None,
                }
                for chance, person, before in rows
            ]
        )
        return
    if not rows:
        click.echo("No opportunities yet: list them under `## Opportunities` in a person's note.")
        return
    lines = [
        [
            chance.date.isoformat(),
            person.name,
            f"{chance.kind} ({chance.status})",
            views.plain(chance.text),
            f"{before.date} {before.channel or ''}".rstrip() if before else "-",
        ]
        for chance, person, before in rows
    ]
    click.echo(table(["Date", "Name", "What", "Text", "Contact before"], lines))
