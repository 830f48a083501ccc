"""Read notes kept between runs, keyed on path, size and modification time.

A record is what reading one file gives: the parsed note and, for a person, the Person its
fields describe (which depends on the config, so the cache is keyed on the config too), with
the problems found in those fields.

The cache lives in the user's cache folder, never in the vault, so git and Obsidian do not see
it and read commands leave the vault untouched. It is one file with a checksum: a truncated,
corrupt or foreign file is ignored and rebuilt, never trusted. Writes are atomic, so two runs at
once cost at most a rebuild.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import time
from pathlib import Path

from notekit import __version__
from notekit.model import ParsedNote, Person, Problem
from notekit.vault import NoteFile

Record = tuple[ParsedNote, Person | None, list[Problem]]

_MAGIC = b"notekit-cache 5\n"
_SETTLE_NS = 2_000_000_000  # a file changed this recently may change again within its mtime tick


def cache_file(vault: Path) -> Path | None:
    """Where the cache of a vault lives; None when caching is switched off."""
    base = os.environ.get("NOTEKIT_CACHE_DIR")
    if base == "":
        return None
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        base = str(Path(xdg) / "notekit")
    digest = hashlib.sha256(str(vault.resolve()).encode()).hexdigest()[:20]
    return Path(base) / f"{digest}.pickle"


class NoteCache:
    def __init__(self, path: Path | None, key: str) -> None:
        self._path = path
        self.key = key
        self._stamp = f"{__version__}:{key}"
        self._entries: dict[str, tuple[int, int, Record]] = self._load()
        self._dirty = False

    def get(self, file: NoteFile) -> Record | None:
        entry = self._entries.get(file.path)
        if entry and entry[0] == file.size and entry[1] == file.mtime_ns:
            return entry[2]
        return None

    def put(self, file: NoteFile, record: Record) -> None:
        if time.time_ns() - file.mtime_ns < _SETTLE_NS:
            return
        self._entries[file.path] = (file.size, file.mtime_ns, record)
        self._dirty = True

    def keep_only(self, paths: set[str]) -> None:
        """Forget notes that are gone from the vault."""
        gone = self._entries.keys() - paths
        for path in gone:
            del self._entries[path]
        self._dirty = self._dirty or bool(gone)

    def save(self) -> None:
        if not self._dirty or self._path is None:
            return
        payload = pickle.dumps((self._stamp, self._entries), protocol=pickle.HIGHEST_PROTOCOL)
        data = _MAGIC + hashlib.sha256(payload).digest() + payload
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self._path.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, self._path)
        except OSError:
            return  # a read-only cache folder only costs speed
        self._dirty = False

    def _load(self) -> dict[str, tuple[int, int, Record]]:
        if self._path is None:
            return {}
        try:
            data = self._path.read_bytes()
        except OSError:
            return {}
        header = len(_MAGIC) + 32
        if (
            not data.startswith(_MAGIC)
            or hashlib.sha256(data[header:]).digest() != data[len(_MAGIC) : header]
        ):
            return {}
        try:
            key, entries = pickle.loads(data[header:])
        except Exception:  # noqa: BLE001 - any damage means: rebuild
            return {}
        if key != self._stamp or not isinstance(entries, dict):
            return {}
        return entries
