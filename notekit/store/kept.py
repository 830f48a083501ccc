"""The one state kept per note between runs: what reading it gave, keyed on path, size and
modification time.

A record is what reading one file gives: the parsed note and, for a person, the Person its
fields describe (which depends on the config, so the records are keyed on the config too), with
the problems found in those fields. Every command that reads
notes reads them through here, so a note is parsed once whichever command reads it first;
what is derived from all the notes at once (the summary) is kept beside, in one more blob.

The kept state lives in the user's cache folder, never in the vault, so git and Obsidian do
not see it and read commands leave the vault untouched. It is split into shards by path, each
loaded only when a note of it is asked for, so that one edited note costs one small shard.
Each shard carries a checksum: a truncated, corrupt or foreign shard is ignored and its notes
are read again, never trusted. Writes are atomic, so two runs at once cost at most some
re-reading.
"""

from __future__ import annotations

import contextlib
import copyreg
import gc
import hashlib
import operator
import os
import pickle
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from notekit import __version__
from notekit.core import model
from notekit.core.model import ParsedNote, Person, Problem
from notekit.read.files import open_regular, replace_atomic
from notekit.read.vault import NoteFile
from notekit.store import parallel

Record = tuple[ParsedNote, Person | None, list[Problem]]
Entry = tuple[int, int, Record]  # size, mtime_ns, what was read

SHARDS = 32


# the small records, pickled as plain tuples: unpickled by `tuple.__new__`, in C (a NamedTuple's
# own `__new__` is a Python call, and a cache of ten thousand notes holds tens of thousands)
SMALL_RECORDS = (
    model.Problem,
    model.Link,
    model.Task,
    model.News,
    model.Cadence,
    model.Interaction,
    model.Opportunity,
    model.Touch,
    model.Event,
)
# pickled as the values of their fields, in order: the default pickles each object's state
# with every field name, and the kept state holds one per note and person
RECORDS = (model.ParsedNote, model.Person)
_VALUES = {kind: operator.attrgetter(*kind.__slots__) for kind in RECORDS}


def _as_tuple(value: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple.__new__, (type(value), tuple(value))


def _as_values(value: Any) -> tuple[Any, ...]:  # noqa: ANN401 - a ParsedNote or a Person
    return type(value), _VALUES[type(value)](value)


for _small in SMALL_RECORDS:
    copyreg.pickle(_small, _as_tuple)
for _record in RECORDS:
    copyreg.pickle(_record, _as_values)


def _shape() -> bytes:
    """The fields of what is kept, in order: records pickle by position, so a kept state of
    another shape, even within one version, is never read."""
    import dataclasses

    names = [
        f"{kind.__name__}:{','.join(f.name for f in dataclasses.fields(kind))}" for kind in RECORDS
    ]
    names += [f"{kind.__name__}:{','.join(kind._fields)}" for kind in SMALL_RECORDS]
    return hashlib.sha256(";".join(names).encode()).hexdigest()[:16].encode()


_MAGIC = b"notekit-cache 35 " + _shape() + b"\n"
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


def shard_of(path: str) -> int:
    """The shard that keeps `path`."""
    return zlib.crc32(path.encode("utf-8")) % SHARDS


class NoteCache:
    """The record of each note, valid while the file's size and mtime and the `key` (what else
    a record depends on: the config) stay the same. Shards are loaded when first needed."""

    def __init__(self, folder: Path | None, key: str, name: str = "notes") -> None:
        self._folder = folder
        self.key = key
        self._stamp = f"{name}:{key}"
        self._name = name
        self._dirty: set[int] = set()
        self._shards: list[dict[str, Entry] | None] = [None] * SHARDS

    @staticmethod
    def kept_in(folder: Path | None, name: str = "notes") -> bool:
        """Whether `folder` may keep something under `name`: every save leaves all shards, so
        one look at the first tells."""
        return folder is not None and _shard_path(folder, name, 0).exists()

    def load_all(self) -> NoteCache:
        """Load every shard now (for a caller that will ask for every note)."""
        for number in range(SHARDS):
            self._shard(number)
        return self

    def get(self, file: NoteFile) -> Record | None:
        """The record of `file` as it is now (same size and mtime), else None."""
        entry = self._shard(shard_of(file.path)).get(file.path)
        if entry and entry[0] == file.size and entry[1] == file.mtime_ns:
            return entry[2]
        return None

    def entry(self, path: str) -> Entry | None:
        """What is kept for `path` with the size and mtime it was read at, whatever its file
        is now."""
        return self._shard(shard_of(path)).get(path)

    def put(self, file: NoteFile, record: Record, now: int | None = None) -> bool:
        """Keep `record` for `file`, unless the file changed too recently to be trusted (as of
        `now`, in ns); whether it was kept."""
        if (now or time.time_ns()) - file.mtime_ns < SETTLE_NS:
            return False
        shard = shard_of(file.path)
        self._shard(shard)[file.path] = (file.size, file.mtime_ns, record)
        self._dirty.add(shard)
        return True

    def keep_only(self, paths: set[str]) -> None:
        """Forget notes that are gone from the vault, in the shards loaded (a shard not loaded
        is cleaned the next time a command loads it: what it holds of a gone note is only
        ever returned for a file of the very same path, size and mtime)."""
        for number, shard in enumerate(self._shards):
            if shard is None:
                continue
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
        parallel.both(lambda: self._save(dirty[::2]), lambda: self._save(dirty[1::2]))
        self._dirty.clear()

    @staticmethod
    def halves(files: list[NoteFile]) -> tuple[list[NoteFile], list[NoteFile]]:
        """The files split by the parity of their shard: two processes can each read one half
        and write its shards (`save_half`) without touching the other's."""
        halves: tuple[list[NoteFile], list[NoteFile]] = ([], [])
        for file in files:
            halves[shard_of(file.path) % 2].append(file)
        return halves

    def save_half(self, half: int) -> None:
        """Write the changed shards of one half (0: even numbers, 1: odd) in this process."""
        self._save([n for n in sorted(self._dirty) if n % 2 == half])

    def forget_half(self, half: int) -> None:
        """Drop what this process holds of one half's shards, which another process wrote:
        they are loaded from disk again if asked for."""
        for number in range(half, SHARDS, 2):
            self._shards[number] = None
            self._dirty.discard(number)

    def _save(self, numbers: list[int]) -> None:
        if numbers and self._folder is not None:
            with contextlib.suppress(OSError):  # a read-only cache folder only costs speed
                self._folder.mkdir(parents=True, exist_ok=True)
                for number in numbers:
                    write_blob(self._path(number), self._stamp, self._shard(number))
        self._dirty.difference_update(numbers)

    def _path(self, number: int) -> Path:
        assert self._folder is not None
        return _shard_path(self._folder, self._name, number)

    def _shard(self, number: int) -> dict[str, Entry]:
        shard = self._shards[number]
        if shard is None:
            shard = self._shards[number] = self._load(number)
        return shard

    def _load(self, number: int) -> dict[str, Entry]:
        if self._folder is None:
            return {}
        entries = read_blob(self._path(number), self._stamp)
        return entries if isinstance(entries, dict) else {}


@contextlib.contextmanager
def objects_kept() -> Iterator[None]:
    """For building or loading many small objects that all stay alive: the cyclic GC would
    walk them again and again for nothing. Off meanwhile; afterwards they are frozen out of its
    sight (a long-running caller unfreezes before the next build, so old ones can go). Within
    another such block, the GC stays off until the outer one ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def write_blob(path: Path, stamp: str, *values: object) -> None:
    """Pickle `values` one after the other, then their checksum, atomically; `stamp` tells
    what it is. Each value is pickled apart, as it is made, straight to the file: a pickle
    remembers every object it wrote until it ends, and the summary of a large vault, pickled
    at once, would hold tens of megabytes of that at a command's peak."""
    label = f"{__version__}:{stamp}".encode()

    def write(handle: BinaryIO) -> None:
        handle.write(_MAGIC + len(label).to_bytes(4, "big") + label)
        summed = _Summed(handle)
        for value in (len(values), *values):
            pickle.dump(value, summed, protocol=pickle.HIGHEST_PROTOCOL)
        handle.write(summed.sum.digest())

    # a blob that did not reach the disk fails its checksum: it costs a read of the notes
    replace_atomic(path, write, durable=False)


class _Summed:
    """A file that sums what is written through it (`pickle.dump` writes frame by frame)."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.sum = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.sum.update(data)
        return self.handle.write(data)


def read_blob(path: Path, stamp: str, count: int = 1) -> Any:  # noqa: ANN401 - what was kept
    """What `write_blob` wrote with this stamp: its value, or the tuple of its `count` values;
    None when it is missing, damaged, of another count or something else. The stamp is
    compared before anything is unpickled."""
    label = f"{__version__}:{stamp}".encode()
    header = _MAGIC + len(label).to_bytes(4, "big") + label
    try:
        with open_regular(path) as handle:
            if handle.read(len(header)) != header or not _summed_right(handle):
                return None
            handle.seek(len(header))  # unpickled from the file: its bytes are never held whole
            with objects_kept():
                if pickle.load(handle) != count:
                    return None
                values = tuple(pickle.load(handle) for _ in range(count))
    except Exception:  # noqa: BLE001 - unreadable, or any damage: read the notes again
        return None
    return values[0] if count == 1 else values


def _summed_right(handle: BinaryIO) -> bool:
    """Whether what follows in the file is sound: its last 32 bytes are the checksum of the
    rest (`write_blob`), read a block at a time."""
    left = os.fstat(handle.fileno()).st_size - handle.tell() - 32
    if left < 0:
        return False
    summed = hashlib.sha256()
    while left > 0:
        block = handle.read(min(left, 1 << 20))
        if not block:
            return False
        summed.update(block)
        left -= len(block)
    return handle.read(32) == summed.digest()


T = TypeVar("T")


def kept_or_made(
    vault: Path, name: str, inputs: object, make: Callable[[], T]
) -> tuple[T, Callable[[], None]]:
    """What `make()` gave in an earlier run from inputs equal to `inputs`, else `make()`, kept
    for the next run: for a value that costs more to work out than what it is made from costs
    to load and compare (the ties between people, which most edits leave as they were). The
    inputs are compared, never hashed: equal inputs, equal value. A new value is written by a
    second process (pickling the ties of a linked vault takes most of a second): call the
    function returned with it before the command ends."""
    folder = cache_dir(vault)
    path = folder / f"{name}.pickle" if folder is not None else None
    found = read_blob(path, name, 2) if path is not None else None
    if found is not None and found[0] == inputs:
        return found[1], parallel.nothing_left
    made = make()
    if path is None:
        return made, parallel.nothing_left

    def keep() -> None:
        with contextlib.suppress(OSError):  # a read-only cache folder only costs speed
            path.parent.mkdir(parents=True, exist_ok=True)
            write_blob(path, name, inputs, made)

    return made, parallel.background(keep)


PLAN_FILE = "plan.pickle"


def remembered_picks(vault: Path, key: str) -> list[str] | None:
    """The paths of the people a week's plan picked when it was first worked out (`key`
    names the week and what the plan depends on), or None."""
    folder = cache_dir(vault)
    found = read_blob(folder / PLAN_FILE, f"plan:{key}") if folder else None
    if isinstance(found, list) and all(isinstance(path, str) for path in found):
        return found
    return None


def remember_picks(vault: Path, key: str, paths: list[str]) -> None:
    """Keep a week's picks, so that every day of the week gives the same people."""
    folder = cache_dir(vault)
    if folder is None:
        return
    with contextlib.suppress(OSError):  # a read-only cache folder only costs stability
        folder.mkdir(parents=True, exist_ok=True)
        write_blob(folder / PLAN_FILE, f"plan:{key}", list(paths))
