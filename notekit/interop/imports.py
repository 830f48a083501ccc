"""Bringing contacts into the vault: each one matched to a person (notekit.interop.contacts),
then either a new note from the person template or the empty fields of the matched note
filled. Each change is planned and handed over one at a time, so that a thousand contacts never
hold a thousand notes' locks; importing the same contacts again changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from notekit.core.errors import EditError
from notekit.core.model import Person
from notekit.interop.contacts import Contact, Matched, Matcher
from notekit.store.summary import Summary
from notekit.write.changes import Change, plan_add, plan_fill


@dataclass
class Outcome:
    """What an import did, or would do, with each contact."""

    created: list[str] = field(default_factory=list)  # names
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    undecided: list[tuple[Contact, Matched]] = field(default_factory=list)  # for the user
    refused: list[tuple[str, str]] = field(default_factory=list)  # name, why


def _fields(contact: Contact) -> dict[str, str]:
    values = {
        "company": contact.company,
        "role": contact.role,
        "email": contact.emails[0] if contact.emails else None,
        "linkedin": contact.linkedin,
    }
    return {name: value for name, value in values.items() if value}


def import_contacts(
    vault: Summary,
    contacts: Iterable[Contact],
    today: dt.date,
    hand_over: Callable[[Change], None],
) -> Outcome:
    """Plan a change for each contact and hand it over (to be written, or shown and dropped)."""
    matcher = Matcher(vault)
    outcome = Outcome()
    for contact in contacts:
        matched = matcher.match(contact)
        try:
            if matched.person is not None:
                change = plan_fill(
                    vault, matched.person, _fields(contact), f"import {contact.source}"
                )
                if change is None:
                    outcome.unchanged.append(contact.name)
                    continue
                hand_over(change)
                outcome.updated.append(contact.name)
            elif matched.how == "new":
                fields = {**_fields(contact), "source": contact.source}
                change = plan_add(vault, contact.name, today, dict(fields), numbered=True)
                hand_over(change)
                outcome.created.append(contact.name)
                matcher.add(_person(contact, change.rel))  # the same contact twice is one note
            else:
                outcome.undecided.append((contact, matched))
        except EditError as exc:
            outcome.refused.append((contact.name, str(exc)))
    return outcome


def _person(contact: Contact, path: str) -> Person:
    return Person(
        name=contact.name,
        path=path,
        emails=list(contact.emails),
        linkedin=contact.linkedin,
        company=contact.company,
        role=contact.role,
    )
