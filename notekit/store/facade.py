"""The one way up to the vault for everything above the store: `Store(vault)`.

Each command asks for what it needs and gets it from the state kept between runs:
`summary()` (people, contact dates, open dated tasks, problems: what `due`, `people`, `find`,
`log`, `snooze`, `add` and `check` need), `interactions_of(person)` (what `show` lists, read
from the few notes that record them), or `index()` (every note, for the report, the weekly
note and `watch`). Whatever is built once is reused: after `index()`, `summary()` is that index.
"""

from __future__ import annotations

from pathlib import Path

from notekit.core.model import Interaction, NoteParts, Person
from notekit.read.config import Config, load_config
from notekit.read.fields import KNOWN_FIELDS
from notekit.read.vault import DailyNotes
from notekit.store.index import Index, build_index
from notekit.store.kept_summary import vault_summary
from notekit.store.links import interactions_from, mentioned, mentions
from notekit.store.reading import read_note, read_parts
from notekit.store.summary import Summary


class Store:
    """The vault's kept state; each part is read at most once per command. Raises ConfigError
    (notekit.core.errors) for an unusable notekit.toml, nothing else."""

    def __init__(self, vault: Path) -> None:
        self.vault = vault
        self._summary: Summary | None = None
        self._index: Index | None = None

    def config(self) -> Config:
        """The vault's config, without reading any note when nothing else was asked for."""
        if self._index is not None or self._summary is not None:
            return self.summary().config
        return load_config(self.vault, KNOWN_FIELDS)

    def summary(self) -> Summary:
        if self._index is not None:
            return self._index
        if self._summary is None:
            self._summary = vault_summary(self.vault)
        return self._summary

    def index(self) -> Index:
        if self._index is None:
            self._index = build_index(self.vault)
        return self._index

    def parts_of(self, person: Person) -> NoteParts:
        """The parts of the person's note under its own headings (the log aside) and the line
        of each field it sets, as on disk now."""
        return read_parts(self.vault, person.path, self.summary().fields)

    def interactions_of(self, person: Person) -> list[Interaction]:
        """The person's interactions, oldest first, exactly as the index gathers them: the
        dated entries of their note and the mentions in daily and dated notes that resolve to
        them. Only those notes are read."""
        if self._index is not None:
            return self._index.interactions_of(person)
        summary = self.summary()
        channels = summary.config.channels
        daily = DailyNotes(self.vault, summary.config)
        said = (
            mentioned(summary.links, mentions(read_note(self.vault, path, channels), daily))
            for path in dict.fromkeys(summary.mentioned_in.get(person.path, ()))
        )
        return interactions_from(person, read_note(self.vault, person.path, channels), said)
