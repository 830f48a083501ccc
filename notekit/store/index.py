"""The vault read as a whole: every note, besides what the summary holds (SPEC §2, §4).

An Index is the vault's Summary (kept between runs and brought up to date by
notekit.store.kept_summary, derived by the one algorithm of notekit.store.derive) with the notes
themselves, from the kept record of each note and the files that changed; everything after
this works on the Index and never touches the disk again. Whatever takes a Summary takes an
Index too.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from dataclasses import dataclass
from pathlib import Path

from notekit.core.model import Interaction, ParsedNote, Person
from notekit.read.vault import DailyNotes
from notekit.store.kept import objects_kept
from notekit.store.kept_summary import InMemory, read_vault
from notekit.store.links import interactions_from, mentioned, mentions
from notekit.store.reading import read_record
from notekit.store.summary import Summary


@dataclass
class Index(Summary):
    """A summary with the notes themselves; each person's interactions are gathered when first
    asked for (a person page needs its person's alone)."""

    notes: dict[str, ParsedNote]
    daily: DailyNotes

    def note_of(self, person: Person) -> ParsedNote:
        return self.notes[person.path]

    def interactions_of(self, person: Person) -> list[Interaction]:
        """The person's interactions, oldest first (notekit.store.links.interactions_from)."""
        found = self._interactions.get(person.path)
        if found is None:
            sources = dict.fromkeys(self.mentioned_in.get(person.path, ()))
            said = (self._mentioned(path) for path in sources)
            found = self._interactions[person.path] = interactions_from(
                person, self.notes[person.path], said
            )
        return found

    @functools.cached_property
    def _interactions(self) -> dict[str, list[Interaction]]:
        return {}

    @functools.cached_property
    def _mentions(self) -> dict[str, list[tuple[Person, Interaction]]]:
        return {}

    def _mentioned(self, path: str) -> list[tuple[Person, Interaction]]:
        """Whom the note at `path` mentions on its day, and how: worked out once per note."""
        found = self._mentions.get(path)
        if found is None:
            said = mentions(self.notes[path], self.daily)
            found = self._mentions[path] = list(mentioned(self.links, said))
        return found


def index_of(summary: Summary, notes: dict[str, ParsedNote], daily: DailyNotes) -> Index:
    """The index of a vault: its summary, and its notes (by path, in the files' order)."""
    fields = {field.name: getattr(summary, field.name) for field in dataclasses.fields(Summary)}
    index = Index(**fields, notes=notes, daily=daily)
    index.links = summary.links
    return index


def build_index(vault: Path) -> Index:
    """Read the vault; raises ConfigError for an unusable notekit.toml, nothing else."""
    return index_kept_in(vault, None)[0]


def index_kept_in(vault: Path, memory: InMemory | None) -> tuple[Index, InMemory]:
    """The index, and what was read kept in memory, for a long-running caller (watch) to hand
    back next time: only what changed is read then. What is kept of another config is
    replaced. The summary is the kept one, brought up to date (notekit.store.kept_summary);
    the notes are their kept records, and those too new to be kept. A caller that hands
    `memory` flushes it once done with the index (`InMemory.flush`)."""
    one_off = memory is None
    memory = memory if memory is not None else InMemory()
    summary, files, kept, unsettled = read_vault(vault, memory, every_note=True)
    if one_off:
        memory.flush()
    now = time.time_ns()
    notes: dict[str, ParsedNote] = {}
    with objects_kept():
        for file in files:
            record = unsettled.get(file.path) or kept.get(file)
            if record is None:  # read by a second process, too new for it to keep: read again
                record = read_record(vault, summary.fields, file, kept)
                kept.put(file, record, now)
            notes[file.path] = record[0]
        kept.save()
    return index_of(summary, notes, DailyNotes(vault, summary.config)), memory
