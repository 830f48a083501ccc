"""A contact coming from another tool, and the person of the vault it is, on evidence only:
the same email, the same LinkedIn profile, else the same name when exactly one person has it
and nothing says they differ (another profile, other emails, another employer). A namesake the
evidence tells apart is a new person; a merely similar name is only ever a possible match, for
the user to decide."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from notekit.core.history import is_org
from notekit.core.model import Person
from notekit.rules.match import KeyTable, fold, key_table, name_keys, profile_key, search
from notekit.rules.orgs import org_matcher
from notekit.store.summary import Summary

SIMILAR = 88.0  # a name this close to a person's is shown as a possible match


class Contact(NamedTuple):
    """What an import knows of one person."""

    name: str
    emails: tuple[str, ...] = ()
    linkedin: str | None = None
    company: str | None = None
    role: str | None = None
    since: dt.date | None = None  # when the contact began (LinkedIn: connected on)
    source: str = ""  # linkedin, google, vcard
    phone: str | None = None
    birthday: str | None = None  # `1988-11-27`, or `11-27` without the year; a real day
    tags: tuple[str, ...] = ()
    photo: tuple[str, bytes] | None = None  # file extension (`jpg`) and the image
    aliases: tuple[str, ...] = ()  # other names (a vCard's NICKNAME)
    note: str | None = None  # free text for a new note's body (a vCard's NOTE, Google's Notes)


@dataclass
class Matched:
    """The person a contact is, or why there is none: `people` holds the candidates when the
    name is shared (`ambiguous`) or only similar (`possible`)."""

    person: Person | None
    how: str  # email, linkedin, name; or new, ambiguous, possible, another role
    people: list[Person] = field(default_factory=list)


def _another(
    person: Person, contact: Contact, profile: str | None, org: Callable[[str], str]
) -> bool:
    """Whether a person of the same name is shown to be someone else: another LinkedIn
    profile, emails and none in common, or another employer, where both say one (`org`: an
    org's key: `Globex S.A.` is `Globex`)."""
    theirs = profile_key(person.linkedin)
    if profile and theirs and profile != theirs:
        return True
    mine = {e.strip().lower() for e in contact.emails}
    if mine and person.emails and not mine & {e.strip().lower() for e in person.emails}:
        return True
    at, theirs_at = _employer(contact.company), _employer(person.company)
    return bool(at and theirs_at and org(at) != org(theirs_at))


def _employer(company: str | None) -> str | None:
    """The org a company value names: none for `Freelance`, `Self-employed`, `Retired`."""
    return company if company and is_org(company) else None


def _another_role(person: Person, contact: Contact, org: Callable[[str], str]) -> bool:
    """Whether the contact names the note's employer (or the note names none) with another
    role than the note's. A role without an employer says nothing of a job."""
    if not (contact.company and contact.role and person.role):
        return False
    if (at := _employer(person.company)) and org(contact.company) != org(at):
        return False
    return fold(contact.role) != fold(person.role)


class Matcher:
    """Matches contacts against the people of a vault, and against those an import adds. Its
    tables lead to paths, and each path to the person as the import has made them so far."""

    def __init__(self, vault: Summary) -> None:
        self._vault = vault
        self._org = org_matcher(vault.config)
        self._table: KeyTable | None = None  # the vault's names, for similar ones: when needed
        self._people: dict[str, Person] = {}
        self._emails: dict[str, str] = {}
        self._profiles: dict[str, str] = {}
        self._names: dict[str, list[str]] = {}
        for person in vault.people:
            self.add(person)

    def learn(self, person: Person, contact: Contact) -> Person:
        """The person as their note will be once the import filled it from the contact (its
        emails and profile, a company or role the note lacked), matched as such from then on:
        a later card of the same name with other emails is someone else."""
        known = {e.strip().lower() for e in person.emails}
        filled = dataclasses.replace(
            person,
            emails=[*person.emails, *(e for e in contact.emails if e.strip().lower() not in known)],
            linkedin=person.linkedin or contact.linkedin,
            company=person.company or contact.company,
            role=person.role or contact.role,
        )
        self.add(filled)  # its new emails and profile; its names are there already
        return filled

    def add(self, person: Person) -> None:
        """The person, matched from now on by their emails, profile and names (a person added
        again is replaced, their new emails and profile added)."""
        path = person.path
        self._people[path] = person
        for email in person.emails:
            self._emails.setdefault(email.strip().lower(), path)
        if key := profile_key(person.linkedin):
            self._profiles.setdefault(key, path)
        for name in {key for n in (person.name, *person.aliases) for key in name_keys(n)}:
            if path not in (paths := self._names.setdefault(name, [])):
                paths.append(path)

    def match(self, contact: Contact) -> Matched:
        for email in contact.emails:
            if path := self._emails.get(email.strip().lower()):
                return Matched(self._people[path], "email")
        if (key := profile_key(contact.linkedin)) and (path := self._profiles.get(key)):
            return Matched(self._people[path], "linkedin")
        # the name as given (`Sam (Initech)`), else without its labels (`Helen Brooks (Uni)`)
        paths = next((found for k in name_keys(contact.name) if (found := self._names.get(k))), [])
        named = [self._people[path] for path in paths]
        same = [person for person in named if not _another(person, contact, key, self._org)]
        if len(same) == 1:
            if _another_role(same[0], contact, self._org):  # a new role, or a namesake
                return Matched(None, "another role", same)
            return Matched(same[0], "name")
        if same:
            return Matched(None, "ambiguous", same)
        if named:  # namesakes only: the evidence says another person
            return Matched(None, "new", named)
        if self._table is None:
            self._table = key_table(self._vault, with_company=False)
        near = search(self._vault, contact.name, False, SIMILAR, self._table, near=True)
        similar = [m.person for m in near]
        return Matched(None, "possible" if similar else "new", similar[:3])
