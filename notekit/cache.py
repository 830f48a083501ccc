"""Read notes kept between runs, keyed on path, size and modification time.

A record is what reading one file gives: the parsed note and, for a person, the Person its
fields describe (which depends on the config, so the cache is keyed on the config too), with
the problems found in those fields.

The cache lives in the user's cache folder, never in the vault, so git and Obsidian do not see
it and read commands leave the vault untouched. It is split into shards by path, so that one
edited note rewrites one small shard, not the whole cache. Each shard carries a checksum: a
truncated, corrupt or foreign shard is ignored and its notes are read again, never trusted.
Writes are atomic, so two runs at once cost at most some re-reading.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

from notekit import __version__
from notekit.model import ParsedNote, Person, Problem
from notekit.vault import NoteFile

Record = tuple[ParsedNote, Person | None, list[Problem]]
Entry = tuple[int, int, Record]  # size, mtime_ns, record

SHARDS = 32
_MAGIC = b"notekit-cache 9\n"
SETTLE_NS = 2_000_000_000  # a file changed this recently may change again within its mtime tick


def cache_dir(vault: Path) -> Path | None:
    """Where the cache of a vault lives; None when caching is switched off."""
    base = os.environ.get("NOTEKIT_CACHE_DIR")
    if base == "":
        return None
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        base = str(Path(xdg) / "notekit")
    digest = hashlib.sha256(str(vault.resolve()).encode()).hexdigest()[:20]
    return Path(base) / digest


def _shard_of(path: str) -> int:
    return zlib.crc32(path.encode("utf-8")) % SHARDS


class NoteCache:
    def __init__(self, folder: Path | None, key: str) -> None:
        self._folder = folder
        self.key = key
        self._stamp = f"notes:{key}"
        self._shards: list[dict[str, Entry]] = [self._load(n) for n in range(SHARDS)]
        self._dirty: set[int] = set()

    def get(self, file: NoteFile) -> Record | None:
        entry = self._shards[_shard_of(file.path)].get(file.path)
        if entry and entry[0] == file.size and entry[1] == file.mtime_ns:
            return entry[2]
        return None

    def put(self, file: NoteFile, record: Record) -> None:
        if time.time_ns() - file.mtime_ns < SETTLE_NS:
            return
        shard = _shard_of(file.path)
        self._shards[shard][file.path] = (file.size, file.mtime_ns, record)
        self._dirty.add(shard)

    def keep_only(self, paths: set[str]) -> None:
        """Forget notes that are gone from the vault."""
        for number, shard in enumerate(self._shards):
            gone = shard.keys() - paths
            for path in gone:
                del shard[path]
            if gone:
                self._dirty.add(number)

    def save(self) -> None:
        if not self._dirty or self._folder is None:
            return
        try:
            self._folder.mkdir(parents=True, exist_ok=True)
            for number in sorted(self._dirty):
                self._write(number)
        except OSError:
            return  # a read-only cache folder only costs speed
        self._dirty.clear()

    def _write(self, number: int) -> None:
        assert self._folder is not None
        write_blob(self._folder / f"shard-{number:02d}.pickle", self._stamp, self._shards[number])

    def _load(self, number: int) -> dict[str, Entry]:
        if self._folder is None:
            return {}
        entries = read_blob(self._folder / f"shard-{number:02d}.pickle", self._stamp)
        return entries if isinstance(entries, dict) else {}


@contextlib.contextmanager
def objects_kept() -> Iterator[None]:
    """For building or loading many small objects that all stay alive: the cyclic GC would
    walk them again and again for nothing. Off meanwhile; afterwards they are frozen out of its
    sight (a long-running caller unfreezes before the next build, so old ones can go)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def write_blob(path: Path, stamp: str, value: object) -> None:
    """Pickle `value` under a checksum, atomically; `stamp` tells what it is."""
    label = f"{__version__}:{stamp}".encode()
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    header = _MAGIC + len(label).to_bytes(4, "big") + label
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(header + hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
    except OSError:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def read_blob(path: Path, stamp: str) -> object | None:
    """What `write_blob` wrote with this stamp, or None: missing, damaged or something else.
    The stamp is compared before anything is unpickled."""
    label = f"{__version__}:{stamp}".encode()
    header = _MAGIC + len(label).to_bytes(4, "big") + label
    try:
        with open(path, "rb") as handle:
            if handle.read(len(header)) != header:
                return None
            data = handle.read()
    except OSError:
        return None
    digest, payload = data[:32], data[32:]
    if hashlib.sha256(payload).digest() != digest:
        return None
    try:
        with objects_kept():
            return pickle.loads(payload)
    except Exception:  # noqa: BLE001 - any damage means: read the notes again
        return None
