"""`notekit review`: the week's reconnections in one sitting, one key per person."""

from __future__ import annotations

from pathlib import Path

import click

from notekit.commands.common import (
    App,
    draft_facts_of,
    echo,
    visible,
    within_option,
    write_change,
)
from notekit.core.model import Person

ACTIONS = {"l": "log", "s": "snooze", "k": "skip", "e": "edit", "q": "quit"}
PROMPT = "[l]og  [s]nooze  s[k]ip  [e]dit  [q]uit"


@click.command("review")
@within_option
@click.option("--tag", help="Only people with this tag.")
@click.pass_obj
def command(app: App, within: int, tag: str | None) -> None:
    """Walk through the week's reconnections one by one: first this week's plan, then whoever
    is waiting on a reply from you, the nudges, your overdue promises, then the rest of who is
    due. For each: why now, the last two entries of their log and a draft that starts from
    that reason, then one key: l to log what you sent (asks the channel and a line, writes
    `channel to: line`, then asks when to follow up next), s to snooze (asks a date or a
    duration), k (or Enter) to skip, e to open the note in $EDITOR, q to quit. Each write is
    the one `log` or `snooze` makes, and nothing else in the note changes.

    \b
    Examples:
      notekit review
      notekit review --within 2w --tag initech
    """
    queue = _queue(app, within, tag)
    if not queue:
        click.echo("Nobody is due: nothing to review this week.")
        return
    done: dict[str, int] = dict.fromkeys(ACTIONS.values(), 0)
    for number, (person, why) in enumerate(queue, start=1):
        click.echo(
            "\n"
            + click.style(f"[{number}/{len(queue)}] {visible(person.name)}", bold=True)
            + f" — {visible(why)}"
        )
        _show(app, person)
        action = _act(app, person)
        done[action] += 1
        if action == "quit":
            break
    left = len(queue) - sum(done[a] for a in ("log", "snooze", "skip"))
    parts = [f"{done['log']} logged", f"{done['snooze']} snoozed", f"{done['skip']} skipped"]
    if left:
        parts.append(f"{left} left for later")
    click.echo("\nReview done: " + ", ".join(parts) + ".")


def _queue(app: App, days: int, tag: str | None) -> list[tuple[Person, str]]:
    """Who to review, each once, in order: the plan's open picks, people waiting on me, the
    nudges, my overdue promises, the rest of who is due; each with why, in words."""
    from notekit.present import views
    from notekit.rules.due import describe_days, due_report, has_tag
    from notekit.rules.plan import week_plan

    summary = app.summary()
    report = due_report(summary, app.today, days, tag)
    week = week_plan(summary, app.today)
    found: dict[str, tuple[Person, str]] = {}

    def offer(person: Person, why: str) -> None:
        if tag is None or has_tag(person, tag):
            found.setdefault(person.path, (person, why))

    for pick in week.picks:
        if not pick.done:
            offer(pick.person, "; ".join(pick.why))
    for owed in report.waiting:
        offer(owed.person, views.waiting_text(owed))
    for nudge in report.nudges:
        offer(nudge.person, nudge.why())
    for task in report.tasks:
        if task.due <= app.today:
            late = describe_days((app.today - task.due).days)
            offer(task.person, f"your promise: {views.plain(task.text)} ({late})")
    for follow in report.due:
        offer(follow.person, follow.why())
    return list(found.values())


def _show(app: App, person: Person) -> None:
    """The person's last two entries and a draft (or what to add to have one)."""
    from notekit.core.errors import SiteError
    from notekit.present import views
    from notekit.site.drafts import DraftTemplates, render_draft

    entries = [i for i in app.store.interactions_of(person) if i.date <= app.today]
    for item in reversed(entries[-2:]):
        echo(f"  {views.interaction_line(item)}")
    if not entries:
        click.echo("  (nothing logged yet)")
    templates = DraftTemplates.of(app.vault)
    facts = draft_facts_of(app, person, written_in=templates.written_in)
    if not facts.enough:
        echo(f"  No draft: add to {person.path} " + ", ".join(facts.missing))
        return
    try:
        draft = render_draft(facts, templates)
    except SiteError as exc:
        echo(f"  No draft: {exc}")
        return
    click.echo(f"  Draft ({draft.channel}):")
    if draft.subject is not None:
        echo(f"    Subject: {draft.subject}")
    for line in draft.body.rstrip("\n").split("\n"):
        echo(f"    {line}".rstrip())
    if draft.missing:
        echo(f"  To make it more personal, add to {person.path}: " + "; ".join(draft.missing))


def _act(app: App, person: Person) -> str:
    """Ask for one action and carry it out; after an edit, ask again."""
    while True:
        key = click.prompt(
            PROMPT, type=click.Choice(list(ACTIONS)), default="k", show_choices=False
        )
        action = ACTIONS[key]
        if action == "edit":
            try:
                click.edit(filename=str(Path(app.vault) / person.path))
            except click.ClickException as exc:  # no editor to be found, or it failed
                echo(f"notekit: {exc.format_message()} (set $EDITOR)", err=True)
            continue
        if action == "log" and not _log(app, person):
            continue
        if action == "snooze" and not _snooze(app, person):
            continue
        return action


def _log(app: App, person: Person) -> bool:
    """Log what was sent, then ask when to follow up next (Enter: the cadence decides)."""
    from notekit.core.errors import EditError
    from notekit.rules.draft import draft_channel
    from notekit.write.changes import checked_channel, plan_log

    def one_word(value: str) -> str:  # asked again at once, before the text is typed
        try:
            return checked_channel(value)
        except EditError as exc:
            raise click.BadParameter(str(exc)) from None

    known = app.summary().config.channels
    channel = person.channel if (person.channel or "").lower() in known else None
    channel = click.prompt(
        "Channel", default=channel or draft_channel(person, None), value_proc=one_word
    )
    text = click.prompt("What you sent (one line)")
    try:
        change = plan_log(app.summary(), person, app.today, text, channel=channel, direction="to")
    except EditError as exc:
        echo(f"notekit: not written: {exc}", err=True)
        return False
    if not write_change(app, change, dry_run=False, keep_going=True):
        return False
    _snooze(app, person, "Next follow-up (a date or a duration; Enter: the cadence decides)", "")
    return True


def _snooze(
    app: App,
    person: Person,
    question: str = "Until (a date, or a duration such as 2w)",
    default: str = "2w",
) -> bool:
    """Ask a date and set it as the follow-up date; an empty answer sets nothing."""
    from notekit.core.dates import parse_when
    from notekit.core.errors import EditError
    from notekit.write.changes import plan_snooze

    when = click.prompt(question, default=default, show_default=bool(default)).strip()
    if not when:
        return False
    try:
        change = plan_snooze(app.summary(), person, app.today, parse_when(when, app.today))
    except (ValueError, EditError) as exc:
        echo(f"notekit: not written: {exc}", err=True)
        return False
    return write_change(app, change, dry_run=False, keep_going=True)
