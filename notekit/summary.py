"""A vault summary: what `due` and `people` need, kept so that they answer at once when no
note changed since the last run.

The notes cache (cache.py) spares parsing, but a run still loads every note and builds the
index. Most runs of the everyday commands find nothing changed, so the people (without their
notes), their sorted contact dates, their open dated tasks and the vault's problems are kept
too, under a key made of every note's path, size and mtime, the config, the daily-notes
settings and the version. Any difference in the key means: build the index as usual.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

from notekit.cache import SETTLE_NS, cache_dir, read_blob, write_blob
from notekit.config import Config
from notekit.due import DatedTask, open_tasks
from notekit.index import Index, Listing, build_index, list_vault
from notekit.model import Person, Problem

FILE_NAME = "summary.pickle"


@dataclass
class Summary:
    config: Config
    people: list[Person]  # without their notes or interactions; contact_dates are kept
    tasks: list[DatedTask]
    problems: list[Problem]


def vault_summary(vault: Path) -> Summary:
    """The summary of the vault as it is now: kept, or made from a fresh index."""
    listing = list_vault(vault)
    key = _key(vault, listing)
    folder = cache_dir(vault)
    kept = read_blob(folder / FILE_NAME, key) if folder else None
    if isinstance(kept, Summary):
        return kept
    summary = summarize(build_index(vault, listing=listing))
    settled = all(time.time_ns() - f.mtime_ns >= SETTLE_NS for f in listing[1])
    if folder is not None and settled:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_blob(folder / FILE_NAME, key, summary)
        except OSError:
            pass  # a read-only cache folder only costs speed
    return summary


def summarize(index: Index) -> Summary:
    """The index's own people and tasks: when kept, a Person leaves its note and interactions
    behind (model.Person.__getstate__), so only what `due` and `people` need is stored."""
    return Summary(index.config, index.people, open_tasks(index), index.problems)


def _key(vault: Path, listing: Listing) -> str:
    config, files, problems = listing
    digest = hashlib.sha256(config.fingerprint.encode())
    for settings in (".obsidian/daily-notes.json", ".obsidian/templates.json"):
        try:
            digest.update((vault / settings).read_bytes())
        except OSError:
            digest.update(b"-")
    for file in files:
        digest.update(f"\0{file.path}\0{file.size}\0{file.mtime_ns}".encode())
    digest.update(repr(problems).encode())
    return "summary:" + digest.hexdigest()
