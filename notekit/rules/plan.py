"""The week's plan: a few people chosen for good reasons, not everyone overdue (docs/format.md,
"The week's plan"). `due` stays the full query.

The plan is worked out as the week began (`[plan] week_starts`), from what was known then, so
every day of a week gives the same names; a person contacted since shows as done, with the day,
unless their message came last: a reply owed is not done.
Each candidate (due by the week's end, or with a moment or a nudge in it) gets a score:

- due: a follow-up date, 6 points and one more for each week it is late (up to 4); a cadence,
  5 points and up to 5 more as the lateness reaches the cadence's own length (8 days late on a
  2-week cadence weighs more than 8 days on a year); due later in the week, 3; never contacted
  since added, 2;
- a moment in the week (birthday, anniversary, new role, event): 6;
- waiting on me (their message is the latest thing between us, or their open opportunity has
  had nothing since; `due.waiting_on_me`): 11, above anything due, as a reply owed comes first;
- a nudge (my message unanswered): 4;
- focus (`[plan] focus`: a goal, tag, company or org of their history): 5;
- warmth: 2 times their reply rate, and 1 when we have met (a meeting entry or note).

The highest scores are taken, at most two from one company unless the focus names it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from notekit.core.dates import add_cadence, add_days
from notekit.core.history import is_org, org_key
from notekit.core.model import DatedTask, Person
from notekit.core.words import counted
from notekit.read.config import Config
from notekit.rules.contact import cadence_of
from notekit.rules.due import (
    CADENCE,
    NEVER_CONTACTED,
    NEXT_CONTACT,
    Waiting,
    follow_up_from,
    unanswered_outreach,
    waiting_on_me,
    waiting_text,
)
from notekit.rules.moments import NEW_YEAR, moment_text, moments
from notekit.rules.orgs import my_stints, org_matcher
from notekit.rules.outreach import ANSWERED, PENDING, outreaches
from notekit.rules.week import ticked_in_week_note, week_name, week_start
from notekit.store.summary import Summary

PER_ORG = 2  # at most this many people from one company, unless the focus names it
NEVER_TEXT = "never contacted since added"


@dataclass(frozen=True)
class Pick:
    person: Person
    score: float
    why: list[str]  # in plain words, the weightiest first
    done: dt.date | None  # the first contact since the week began


@dataclass(frozen=True)
class Plan:
    week: str  # `2026-W48`, of the week's first day
    start: dt.date
    end: dt.date
    picks: list[Pick]
    promises: list[DatedTask]  # open dated tasks due by the week's end, the late ones first
    more_due: int  # people due by the week's end who are not in the plan
    waiting: list[Waiting]  # waiting on me today, and not in the plan: a reply owed since
    next: list[Pick]  # the best candidates after the picks, as many again: `plan --more`


def week_plan(vault: Summary, today: dt.date, size: int | None = None) -> Plan:
    """The plan of the week `today` is in, its people as they were picked the first time it
    was asked for this week (kept beside the cache), so that a snooze or an edit during the
    week puts someone off rather than bringing in someone new."""
    size = vault.config.plan_size if size is None else size
    start = week_start(today, vault.config.week_starts)
    key = f"{week_name(start)}:{size}:{vault.config.fingerprint}"
    remembered = vault.picked(key)
    found = plan(vault, today, size, remembered)
    if remembered is None or len(found.picks) > len(remembered):  # first, or a slot filled
        vault.keep_picked(key, [pick.person.path for pick in found.picks])
    return found


def plan(vault: Summary, today: dt.date, size: int, picked: list[str] | None = None) -> Plan:
    """The plan of the week `today` is in; items ticked in that week's note count as done.
    `picked`: the people the week's plan holds already (`week_plan`), in order: they stay,
    one who is no longer a candidate said to be put off; only slots left free are filled."""
    config = vault.config
    start = week_start(today, config.week_starts)
    end = add_days(start, 6)
    focus = {org_key(word): word for word in config.plan_focus}  # folded -> as written
    followed = [p for p in vault.people if p.followed_up]
    moments_of: dict[str, list[str]] = {}
    new_year: set[str] = set()  # the people the new year brings in: one slot at most
    for moment in moments(vault, followed, start, end):
        when = "this week" if moment.date < start else f"on {moment.date:%A}"
        moments_of.setdefault(moment.person.path, []).append(moment_text(moment, when))
        if moment.kind == NEW_YEAR:
            new_year.add(moment.person.path)
    resting, unanswered = unanswered_outreach(vault, followed, start)
    waiting = {w.person.path: w for w in waiting_on_me(vault, followed, add_days(start, -1))}
    ticked = ticked_in_week_note(vault, [start, today])
    found: list[tuple[float, str, Person, list[tuple[float, str]]]] = []
    due_by_end: set[str] = set()
    for person in followed:
        if person.path in resting:
            continue
        dates = vault.contact_dates_of(person)
        before, ahead = bisect.bisect_left(dates, start), bisect.bisect_right(dates, today)
        # as the week began: without this week's contacts so far, plans ahead included
        known = [*dates[:before], *dates[ahead:]] if before < ahead else dates
        cadence = cadence_of(person, config)
        follow = follow_up_from(person, known, cadence, start)
        scored: list[tuple[float, str]] = []
        if follow.due is not None and follow.due <= end:
            due_by_end.add(person.path)
            late = (start - follow.due).days
            if follow.reason == NEXT_CONTACT:
                weeks = min(max(late, 0) / 7, 4)
                scored.append((6 + weeks, _late_text(f"follow-up date {follow.due}", late)))
            elif follow.reason == CADENCE and follow.last_contact and cadence:
                length = (add_cadence(follow.last_contact, cadence) - follow.last_contact).days
                if late >= 0:
                    share = min(late / max(length, 1), 1)
                    text = (
                        f"{counted(late, 'day')} past a {cadence} cadence"
                        if late
                        else f"due today ({cadence} cadence)"
                    )
                    scored.append((5 + 5 * share, text))
                else:
                    scored.append((3, f"due on {follow.due:%A} ({cadence} cadence)"))
            elif follow.reason == NEVER_CONTACTED:
                scored.append((2, NEVER_TEXT))
        if (owed := waiting.get(person.path)) is not None:
            scored.append((11, waiting_text(owed)))
        for text in moments_of.get(person.path, []):
            scored.append((6, text))
        if person.path in unanswered:  # its window closed before the week began
            scored.append((4, f"no reply to your message of {unanswered[person.path]}"))
        if not scored:
            continue
        if matched := _focus(person, focus):
            scored.append((5, f"focus: {matched}"))
        if not (person.emails or person.linkedin or person.phone):
            scored.append((UNREACHABLE, "no way to write yet: add an email or a LinkedIn profile"))
        found.append((sum(p for p, _ in scored), person.name.casefold(), person, scored))
    candidates = _warmed(vault, _one_new_year(found, new_year), start, size)
    owed_now = {w.person.path: w for w in waiting_on_me(vault, followed, today)}

    def done(person: Person) -> dt.date | None:
        """The first contact since the week began, unless it left them waiting on my reply
        (their message came last); or the day the week's note ticked them."""
        contacted = None if person.path in owed_now else _done(vault, person, start, today)
        return contacted or ticked.get(person.path)

    def why_now(person: Person, why: list[str], candidate: bool = True) -> list[str]:
        """Why, as the week began; with the reply I owe them first when their message came
        since (then they are no longer "never contacted"; one no longer a `candidate`, put
        off since, is only waiting on it)."""
        if (now := owed_now.get(person.path)) is None or person.path in waiting:
            return why
        if not candidate:
            return [waiting_text(now)]
        return [waiting_text(now), *(w for w in why if w != NEVER_TEXT)]  # they wrote since

    picks: list[Pick] = []
    if picked is not None:
        scored_now = {c[2].path: c for c in candidates}
        for path in picked:
            if (kept := vault.person_at(path)) is None or not kept.followed_up:
                continue  # its note is gone, or says not to write (a status, `active: false`)
            if path in scored_now:
                total, _, _, why = scored_now[path]
                picks.append(Pick(kept, total, why_now(kept, why), done(kept)))
            else:
                why = why_now(kept, [_put_off(kept, end)], candidate=False)
                picks.append(Pick(kept, 0.0, why, done(kept)))
    per_org: dict[str, int] = {}
    orgs_of = _relationship_orgs(config)
    for pick in picks:
        for org in orgs_of(pick.person):
            per_org[org] = per_org.get(org, 0) + 1
    taken = {pick.person.path for pick in picks}
    for total, _, person, why in candidates:  # the slots left free, if any
        if len(picks) >= size:
            break
        if person.path in taken:
            continue
        orgs = orgs_of(person)
        if any(per_org.get(org, 0) >= PER_ORG and not _focus_names(org, focus) for org in orgs):
            continue
        for org in orgs:
            per_org[org] = per_org.get(org, 0) + 1
        picks.append(Pick(person, total, why_now(person, why), done(person)))
    promises = sorted((t for t in vault.tasks if t.due <= end), key=lambda t: t.due)
    chosen = {p.person.path for p in picks}
    more = len(due_by_end - chosen)
    also = [w for w in owed_now.values() if w.person.path not in chosen]
    after = [
        Pick(person, total, why_now(person, why), done(person))
        for total, _, person, why in candidates
        if person.path not in chosen
    ][:size]
    return Plan(week_name(start), start, end, picks, promises, more, also, after)


def _put_off(person: Person, end: dt.date) -> str:
    """Why someone the week's plan picked is no longer a candidate: a later follow-up date (a
    snooze), or nothing left to do this week."""
    if person.next_contact is not None and person.next_contact > end:
        return f"put off to {person.next_contact}"
    return "nothing left to do this week"


WARMTH_MOST = 3  # the most warmth adds: 2 for answering every time, 1 for having met
HAVE_MET = "you have met"  # warmth: a meeting entry or meeting note with them
UNREACHABLE = -4  # no address at all: nothing to send a draft to


def _one_new_year(
    found: list[tuple[float, str, Person, list[tuple[float, str]]]], new_year: set[str]
) -> list[tuple[float, str, Person, list[tuple[float, str]]]]:
    """The candidates with the new-year moment counted for one of them only, the one it
    lifts highest: a new-year word to several old colleagues is not several good reasons."""
    lifted = sorted((c for c in found if c[2].path in new_year), key=lambda c: (-c[0], c[1]))
    kept = []
    for candidate in found:
        total, name, person, scored = candidate
        if person.path in new_year and lifted and candidate is not lifted[0]:
            scored = [(p, w) for p, w in scored if not w.startswith(NEW_YEAR)]
            if not any(points > 0 for points, _ in scored):
                continue
            total = sum(p for p, _ in scored)
        kept.append((total, name, person, scored))
    return kept


def _relationship_orgs(config: Config) -> Callable[[Person], set[str]]:
    """The orgs a person takes a plan slot of: their company now, and the orgs of my own
    history they were at too (where we know each other from)."""
    key = org_matcher(config)
    mine = {key(s.org) for s in my_stints(config)}

    def orgs(person: Person) -> set[str]:
        found = {key(person.company)} if person.company and is_org(person.company) else set()
        return found | {key(s.org) for s in person.known_stints if key(s.org) in mine}

    return orgs


def _warmed(
    vault: Summary,
    found: list[tuple[float, str, Person, list[tuple[float, str]]]],
    start: dt.date,
    size: int,
) -> list[tuple[float, str, Person, list[str]]]:
    """The candidates with their warmth added, best first. Warmth is weighed only for those
    whose score without it is within its reach of the best few: no other can climb past them
    (room is left for the org cap to skip some)."""
    found.sort(key=lambda c: (-c[0], c[1]))
    reach = found[min(len(found), size * 4) - 1][0] - WARMTH_MOST if found else 0
    scored = []
    for base, name, person, parts in found:
        if base >= reach:
            parts = [*parts, *_warmth(vault, person, start)]
        parts.sort(key=lambda item: -item[0])
        words = [w for _, w in parts]
        if any(w.endswith(" since you met") for w in words):  # the anniversary says it already
            words = [w for w in words if w != HAVE_MET]
        scored.append((round(sum(p for p, _ in parts), 2), name, person, words))
    scored.sort(key=lambda c: (-c[0], c[1]))
    return scored


def _late_text(head: str, late: int) -> str:
    if late > 0:
        return f"{head}, {counted(late, 'day')} ago"
    return f"{head}, today" if late == 0 else head


def _focus(person: Person, focus: dict[str, str]) -> str | None:
    """The first focus word (as written) that the person's goals, tags, company or history
    hold."""
    if not focus:
        return None
    held = [
        *person.goals,
        *person.tags,
        *([person.company] if person.company else []),
        *(s.org for s in person.known_stints),
    ]
    keys = {org_key(item) for item in held}
    return next((shown for word, shown in focus.items() if word in keys), None)


def _focus_names(org: str, focus: dict[str, str]) -> bool:
    return org in focus


def _warmth(vault: Summary, person: Person, start: dt.date) -> list[tuple[float, str]]:
    """People who answered before, and whom I have met, rank above those who never did."""
    touches = [t for t in vault.touches_of(person) if t.date < start]
    if not touches:
        return []
    found = outreaches(touches, vault.config.reply_days, add_days(start, -1))
    answered = [o for o in found if o.status == ANSWERED and o.answered_on]
    decided = [o for o in found if o.status != PENDING]
    scored = []
    if decided and answered:
        last = answered[-1]
        days = (last.answered_on - last.date).days if last.answered_on else 0
        within = f"within {counted(days, 'day')}" if days else "the same day"
        scored.append((2 * len(answered) / len(decided), f"answered {within} last time"))
    if any(t.meeting for t in touches):
        scored.append((1, HAVE_MET))
    return scored


def _done(vault: Summary, person: Person, start: dt.date, today: dt.date) -> dt.date | None:
    dates = vault.contact_dates_of(person)
    at = bisect.bisect_left(dates, start)
    return dates[at] if at < len(dates) and dates[at] <= today else None
