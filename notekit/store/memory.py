"""A vault that exists only in memory, for tests of the rules: `{path: text}` in, Index out,
built exactly as from disk (same parser, fields, link resolution and gathering), with nothing
kept and nothing read but the texts given."""

from __future__ import annotations

from pathlib import Path

from notekit.read.config import Config, parse_config
from notekit.read.fields import KNOWN_FIELDS, FieldReader
from notekit.read.parse import parse_with_front_matter
from notekit.read.vault import DailyNotes, NoteFile
from notekit.store.derive import derive, facts_of
from notekit.store.index import Index, index_of
from notekit.store.reading import record_of

NOWHERE = Path("/nonexistent/notekit-vault")  # no settings can be read from it


def index_from_texts(notes: dict[str, str], config: str = "", vault: Path = NOWHERE) -> Index:
    """The index of a vault holding these notes (vault-relative paths ending in `.md`) and,
    when given, this `notekit.toml` text. Raises ConfigError for an unusable config."""
    settings = parse_config(config, KNOWN_FIELDS) if config else Config()
    reader = FieldReader(settings)
    records = {
        path: record_of(
            *parse_with_front_matter(path, notes[path].encode("utf-8"), settings.channels), reader
        )
        for path in sorted(notes)
    }
    daily = DailyNotes(vault, settings)
    files = [NoteFile(path, len(notes[path]), 0) for path in records]
    facts = {path: facts_of(record, daily, reader) for path, record in records.items()}
    summary = derive(vault, (settings, files, []), facts)
    return index_of(summary, {path: record[0] for path, record in records.items()}, daily)
