"""The one way notekit replaces a file, the one way it opens a file to read it, and the locks
that keep its writers one at a time.

A file is replaced by writing a temporary file in the same folder (a dot file that editors,
git's `status` after notekit's next run, and notekit itself leave alone) and renaming it over
the target: a reader sees the old file or the new one, never half of either. The temporary file
is locked while it lives, so a later run can tell a leftover of a killed write (unlocked) from
a write in progress, and remove only the former.

Locks are `flock` locks on the files themselves: nothing appears in the user's folder. A lock on
a note is held from reading it to renaming the new version over it; since the rename gives the
path a new inode, whoever waited re-opens the path after taking the lock (`locked_open`).

A file is read only if it is a regular file (`regular_fd`): a FIFO found where a note, a setting
or a page of the site should be would make the read wait forever for a writer.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # not on Windows: locks become no-ops there
    fcntl = None  # type: ignore[assignment]

_TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp$")
MAX_TEMP_STEM = 255 - len(".") - len(".12345678.tmp")  # bytes of the target's name kept
TEMP_GRACE_S = 5.0  # a temporary file younger than this may be between creation and its lock


def is_temp_name(name: str) -> bool:
    """Whether a file name is one of notekit's temporary files."""
    return name.endswith(".tmp") and _TEMP_NAME.match(name) is not None


def _lock(fd: int, blocking: bool = True) -> bool:
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


# the files this process holds locked, by (device, inode), with the thread holding each: a
# thread that asks again for a file it holds (one note reached by two paths, a link and its
# target) would wait for itself forever, so it is refused instead
_held: dict[tuple[int, int], int] = {}
_held_guard = threading.Lock()


def open_regular(path: Path) -> io.BufferedReader:
    """`path` open for reading; OSError (EINVAL) unless it is a regular file: a FIFO or a
    device found in a file's place (a note, a setting, a page of the site) is neither waited
    on nor read."""
    return os.fdopen(regular_fd(path)[0], "rb")


def read_regular(path: Path) -> bytes:
    """The bytes of `path`, a regular file (`open_regular`)."""
    with open_regular(path) as handle:
        return handle.read()


def regular_fd(path: str | os.PathLike[str]) -> tuple[int, os.stat_result]:
    """A read-only descriptor of `path`, and what `fstat` says of it (`open_regular`)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", os.fspath(path))
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def locked_open(path: Path) -> int:
    """An open descriptor of `path`, holding its exclusive lock (let go with `unlock`). Waits
    while another notekit process or thread holds it; returns the file as it is after that
    writer's rename. OSError(EDEADLK) when this thread holds the file already, EINVAL when it
    is no regular file."""
    while True:
        fd, info = regular_fd(path)
        try:
            key = (info.st_dev, info.st_ino)
            with _held_guard:
                if _held.get(key) == threading.get_ident():
                    raise OSError(errno.EDEADLK, "this command holds that file already")
            _lock(fd)
            if _same_file(fd, path):
                with _held_guard:
                    _held[key] = threading.get_ident()
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the path was replaced while we waited: lock the new file


def unlock(fd: int) -> None:
    """Let go of a descriptor `locked_open` gave, and its lock."""
    with contextlib.suppress(OSError):
        info = os.fstat(fd)
        with _held_guard:
            _held.pop((info.st_dev, info.st_ino), None)
    with contextlib.suppress(OSError):
        os.close(fd)


def _same_file(fd: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the exclusive lock of a folder: one writer of that folder at a time."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        _lock(fd)
        yield
    finally:
        os.close(fd)


Writer = Callable[[BinaryIO], object]  # writes a file's content to the open file


def replace_atomic(
    path: Path,
    data: bytes | Writer,
    mode: int | None = None,
    owner: tuple[int, int] | None = None,
    still_valid: Callable[[], bool] | None = None,
    durable: bool = True,
) -> bool:
    """Replace (or create) `path` with `data` through a temporary file and a rename. `data`
    may be a function that writes the content to the open file: what is large need not be
    held in memory whole.

    The new file gets `mode` (default: what a new file gets) and, where the process may,
    `owner` (uid, gid). `still_valid` is called right before the rename; when it returns False
    nothing is written and the result is False. `durable=False` leaves the data to reach the
    disk when the system flushes it (no fsync): for files that are made again from the notes,
    whose loss in a crash costs only time.
    """
    fd, tmp = _temp_beside(path)
    try:
        _fill(fd, data, mode, durable)
        if owner is not None:
            _keep_owner(fd, owner)
        if still_valid is not None and not still_valid():
            return False
        os.replace(tmp, path)
        tmp = ""
        return True
    finally:
        os.close(fd)
        if tmp:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def flush_to_disk() -> None:
    """Wait until what was written without fsync is on disk (`replace_atomic(durable=False)`):
    once, before a file that vouches for them is written."""
    if hasattr(os, "sync"):
        os.sync()


def create_exclusive(path: Path, data: bytes) -> bool:
    """Create `path` holding `data`, atomically; False (and nothing written) when it exists."""
    fd, tmp = _temp_beside(path)
    try:
        _fill(fd, data, None, durable=True)
        try:
            os.link(tmp, path)  # fails if the file appeared meanwhile
        except FileExistsError:
            return False
        return True
    finally:
        os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _temp_beside(path: Path) -> tuple[int, str]:
    """A locked temporary file in the target's folder."""
    import tempfile  # only for writing: a warm run writes nothing

    name = path.name.encode()[:MAX_TEMP_STEM].decode(errors="ignore")  # within NAME_MAX
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}.", suffix=".tmp")
    _lock(fd)
    return fd, tmp


def _fill(fd: int, data: bytes | Writer, mode: int | None, durable: bool) -> None:
    """Write `data` to the temporary file (on disk when `durable`), with `mode` (default: a
    new file's)."""
    with os.fdopen(fd, "wb", closefd=False) as handle:
        if isinstance(data, bytes):
            handle.write(data)
        else:
            data(handle)
        handle.flush()
        if durable:
            os.fsync(fd)
    os.fchmod(fd, 0o666 & ~_umask() if mode is None else mode)


def _keep_owner(fd: int, owner: tuple[int, int]) -> None:
    info = os.fstat(fd)
    if (info.st_uid, info.st_gid) == owner:
        return
    with contextlib.suppress(PermissionError):  # only root may give a file away
        os.fchown(fd, *owner)
        return
    with contextlib.suppress(PermissionError):  # a member of the group may keep the group
        os.fchown(fd, -1, owner[1])


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def stale_temp(path: Path) -> bool:
    """Whether `path` is a temporary file of a notekit write that was killed: nobody holds its
    lock and it is not brand new."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or time.time() - info.st_mtime < TEMP_GRACE_S:
            return False
        return _lock(fd, blocking=False)
    finally:
        os.close(fd)


def remove_stale_temp(path: Path) -> bool:
    """Remove `path` when it is a stale notekit temporary file; whether it was removed."""
    if not is_temp_name(path.name) or not stale_temp(path):
        return False
    try:
        os.unlink(path)
    except OSError as exc:
        if exc.errno != errno.ENOENT:
            return False
    return True
