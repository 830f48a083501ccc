"""Read notes kept between runs, keyed on path, size and modification time.

A record is what reading one file gives: the parsed note and, for a person, the Person its
fields describe (which depends on the config, so the cache is keyed on the config too), with
the problems found in those fields. The vault summary (summary.py) keeps its own, smaller
value per file the same way, under another name.

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
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from notekit import __version__
from notekit.core.model import ParsedNote, Person, Problem
from notekit.read.files import replace_atomic
from notekit.read.vault import NoteFile
from notekit.store import parallel

Record = tuple[ParsedNote, Person | None, list[Problem]]
Entry = tuple[int, int, Any]  # size, mtime_ns, what was read (a Record for the notes cache)

SHARDS = 32
_MAGIC = b"notekit-cache 13\n"
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


def _shard_path(folder: Path, name: str, number: int) -> Path:
    return folder / f"{name}-{number:02d}.pickle"


def _shard_of(path: str) -> int:
    return zlib.crc32(path.encode("utf-8")) % SHARDS


class NoteCache:
    """What was read of each file, valid while the file's size and mtime and the `key` (what
    else the value depends on) stay the same; `name` tells apart what is kept."""

    def __init__(self, folder: Path | None, key: str, name: str = "notes") -> None:
        self._folder = folder
        self.key = key
        self._name = name
        self._stamp = f"{name}:{key}"
        self._digests: list[bytes | None] = [None] * SHARDS  # of each shard as on disk
        self._dirty: set[int] = set()
        self._shards: list[dict[str, Entry]] = [self._load(n) for n in range(SHARDS)]

    @staticmethod
    def kept_in(folder: Path | None, name: str = "notes") -> bool:
        """Whether `folder` may keep something under `name`: every save leaves all shards, so
        one look at the first tells."""
        return folder is not None and _shard_path(folder, name, 0).exists()

    @property
    def digests(self) -> tuple[bytes | None, ...]:
        """Name the content of every shard as last read or written: what was derived from
        this cache can be kept under them and trusted only while they hold."""
        return tuple(self._digests)

    def get(self, file: NoteFile) -> Any:
        entry = self._shards[_shard_of(file.path)].get(file.path)
        if entry and entry[0] == file.size and entry[1] == file.mtime_ns:
            return entry[2]
        return None

    def __len__(self) -> int:
        return sum(len(shard) for shard in self._shards)

    def known(self, path: str) -> Any:
        """What is kept for `path`, whatever its file is now (see `digests`)."""
        entry = self._shards[_shard_of(path)].get(path)
        return entry[2] if entry else None

    def put(self, file: NoteFile, record: Any, now: int | None = None) -> bool:
        """Keep `record` for `file`, unless the file changed too recently to be trusted (as of
        `now`, in ns); whether it was kept."""
        if (now or time.time_ns()) - file.mtime_ns < SETTLE_NS:
            return False
        shard = _shard_of(file.path)
        self._shards[shard][file.path] = (file.size, file.mtime_ns, record)
        self._dirty.add(shard)
        return True

    def keep_only(self, paths: set[str]) -> None:
        """Forget notes that are gone from the vault."""
        for number, shard in enumerate(self._shards):
            gone = shard.keys() - paths
            for path in gone:
                del shard[path]
            if gone:
                self._dirty.add(number)

    def save(self) -> None:
        """Write the shards that changed; many of them on two cores (notekit.store.parallel)."""
        dirty = sorted(self._dirty)
        if len(dirty) < SHARDS // 2 or self._folder is None:
            self._save(dirty)
            return
        mine, theirs = parallel.both(
            lambda: self._save(dirty[::2]), lambda: self._save(dirty[1::2])
        )
        self._saved(dirty, mine | theirs)

    @staticmethod
    def halves(files: list[NoteFile]) -> tuple[list[NoteFile], list[NoteFile]]:
        """The files split by the parity of their shard: two processes can each read one half
        and write its shards (`save_half`) without touching the other's."""
        halves: tuple[list[NoteFile], list[NoteFile]] = ([], [])
        for file in files:
            halves[_shard_of(file.path) % 2].append(file)
        return halves

    def save_half(self, half: int) -> dict[int, bytes]:
        """Write the changed shards of one half (0: even numbers, 1: odd) in this process;
        the checksums of those written, for `adopt` in another."""
        return self._save([n for n in sorted(self._dirty) if n % 2 == half])

    def adopt(self, written: dict[int, bytes]) -> None:
        """Take the shards another process wrote (`save_half`) from disk. A shard that holds
        something else by now (a run at the same time wrote it) keeps what this one had."""
        for number, digest in written.items():
            entries, found = read_checked(self._path(number), self._stamp)
            if found == digest and isinstance(entries, dict):
                self._shards[number] = entries
                self._saved([number], written)

    def is_saved(self, file: NoteFile) -> bool:
        """Whether what is kept for `file` is on disk as it is now."""
        return self.get(file) is not None and _shard_of(file.path) not in self._dirty

    def _save(self, numbers: list[int]) -> dict[int, bytes]:
        written = {}
        if numbers and self._folder is not None:
            with contextlib.suppress(OSError):  # a read-only cache folder only costs speed
                self._folder.mkdir(parents=True, exist_ok=True)
                written = self._write(numbers)
        self._saved(numbers, written)
        return written

    def _saved(self, numbers: list[int], written: dict[int, bytes]) -> None:
        """Shards not written no longer match any checksum (see `digests`)."""
        for number in numbers:
            self._digests[number] = written.get(number)
            if number in written:
                self._dirty.discard(number)

    def _write(self, numbers: list[int]) -> dict[int, bytes]:
        return {n: write_blob(self._path(n), self._stamp, self._shards[n]) for n in numbers}

    def _path(self, number: int) -> Path:
        assert self._folder is not None
        return _shard_path(self._folder, self._name, number)

    def _load(self, number: int) -> dict[str, Entry]:
        if self._folder is None:
            return {}
        entries, digest = read_checked(self._path(number), self._stamp)
        if not isinstance(entries, dict):
            self._dirty.add(number)  # written at the next save, even empty: see `digests`
            return {}
        self._digests[number] = digest
        return entries


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


def write_blob(path: Path, stamp: str, value: object) -> bytes:
    """Pickle `value` under a checksum, atomically; `stamp` tells what it is. Returns the
    checksum, which names this very content."""
    label = f"{__version__}:{stamp}".encode()
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    header = _MAGIC + len(label).to_bytes(4, "big") + label
    digest = hashlib.sha256(payload).digest()
    replace_atomic(path, header + digest + payload)
    return digest


def read_blob(path: Path, stamp: str) -> object | None:
    """What `write_blob` wrote with this stamp, or None: missing, damaged or something else."""
    return read_checked(path, stamp)[0]


def read_checked(path: Path, stamp: str) -> tuple[object | None, bytes | None]:
    """`read_blob`, with the checksum of what was read. The stamp is compared before anything
    is unpickled."""
    label = f"{__version__}:{stamp}".encode()
    header = _MAGIC + len(label).to_bytes(4, "big") + label
    try:
        with open(path, "rb") as handle:
            if handle.read(len(header)) != header:
                return None, None
            data = handle.read()
    except OSError:
        return None, None
    digest, payload = data[:32], data[32:]
    if hashlib.sha256(payload).digest() != digest:
        return None, None
    try:
        with objects_kept():
            return pickle.loads(payload), digest
    except Exception:  # noqa: BLE001 - any damage means: read the notes again
        return None, None
