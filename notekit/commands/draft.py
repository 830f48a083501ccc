"""`notekit draft NAME`: a reconnect message from what the note says."""

from __future__ import annotations

import click

from notekit.commands.common import App, draft_facts_of, echo, emit_json, fail, json_option
from notekit.rules.draft import CHANNELS


@click.command("draft")
@click.argument("name")
@click.option(
    "--channel",
    type=click.Choice(CHANNELS),
    help="What to write for (default: the note's channel, else the address it has).",
)
@click.option(
    "--goal",
    help="What you hope for: job-search, referral, mentorship, "
    "collaboration, learning (default: the person's first goal).",
)
@json_option
@click.pass_obj
def command(app: App, name: str, channel: str | None, goal: str | None, as_json: bool) -> None:
    """Draft a message to NAME: one shared memory, their current role or news, something to
    offer and open questions, all from their note (and `[me] name` to sign). Nothing is
    invented: when the note has too little, notekit says what to add. Email drafts have a
    subject line; LinkedIn and message drafts are short. The note's `language:` (else
    `[me] language`) picks English or French templates. Your own templates in
    `Templates/notekit/` (email.md, linkedin.md, message.md; `fr/` for French) replace
    notekit's.

    \b
    Examples:
      notekit draft "Ana Costa"
      notekit draft priya --channel linkedin --goal referral
      notekit draft tomas --json
    """
    from notekit.rules.draft import asked_language
    from notekit.site.drafts import USER_TEMPLATES, DraftTemplates, render_draft, sentences_of

    person = app.person(name)
    if not person.may_be_asked:
        fail(
            f"{person.path} says not to write to {person.name} (status: {person.status}): no draft"
        )
    templates = DraftTemplates.of(app.vault)
    facts = draft_facts_of(app, person, channel, goal, templates.written_in)
    if not facts.enough:
        fail(
            f"too little in {person.path} to write to {person.name} without inventing; add "
            + ", ".join(facts.missing),
            code=1,
        )
    draft = render_draft(facts, templates)
    if as_json:
        emit_json(
            {
                "name": person.name,
                "path": person.path,
                "channel": draft.channel,
                "subject": draft.subject,
                "body": draft.body,
                "memory_from": facts.sources.get("memory"),
                "reason": {
                    "kind": facts.reason.kind,
                    "date": facts.reason.date.isoformat() if facts.reason.date else None,
                    "text": facts.reason.text,
                    "source": facts.sources["reason"],
                },
                "sentences": [
                    {"text": sentence.text, "from": list(sentence.sources)}
                    for sentence in sentences_of(draft)
                ],
                "missing": draft.missing,
                "template": draft.template,
            }
        )
        return
    if draft.subject is not None:
        echo(f"Subject: {draft.subject}\n")
    echo(draft.body.rstrip("\n"))
    if draft.missing:
        echo(
            f"\nnotekit: to make it more personal, add to {person.path}: "
            + "; ".join(draft.missing),
            err=True,
        )
    if left_out := person.left_out_by:
        echo(f"notekit: {person.path} takes them out of follow-ups ({left_out})", err=True)
    asked = asked_language(person, app.summary().config)
    if asked != facts.language:
        echo(
            f"notekit: no draft templates in {asked!r}, so this one is in English; yours would "
            f"go in {USER_TEMPLATES}/{asked}/ (see docs/cli.md, draft)",
            err=True,
        )
