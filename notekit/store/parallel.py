"""Two pieces of one job on two cores: the second runs in a forked child and is handed back
pickled through a pipe (`both`); the child may go on with a last step, such as writing what it
read, while this process uses what it handed back (`both_then`); or a child only writes
(`background`). Each returns only once, or gives a function that waits until, every child is
done: no command leaves while a child of it still writes.

Only where forking is safe and pays: on Linux, with two cores or more, from a process that
runs no other thread (a fork copies only the calling thread, and a lock another thread held
would stay locked in the child; `watch` has its observer's threads). Anywhere else, and when
the child fails for any reason, both pieces simply run here, one after the other.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")


def can_fork() -> bool:
    return sys.platform == "linux" and (os.cpu_count() or 1) >= 2 and threading.active_count() == 1


def both(first: Callable[[], A], second: Callable[[], B]) -> tuple[A, B]:
    """`(first(), second())`, the two at once when `can_fork()`."""
    result, handed, finish = both_then(first, second, nothing_left)
    finish()
    return result, handed


def both_then(
    first: Callable[[], A], second: Callable[[], B], then: Callable[[], object]
) -> tuple[A, B, Callable[[], None]]:
    """As `both`, and a function to call once the results are used. The child runs `then`
    after it has handed back `second()`, while this process goes on with the results; the
    function waits for the child. When there was no child, `then` runs here before this
    returns. A child that fails in `then` costs only what `then` was for."""
    if not can_fork():
        result, handed = first(), second()
        then()
        return result, handed, nothing_left
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        status = 1
        try:
            os.close(read_end)
            payload = pickle.dumps(second(), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            then()
            status = 0
        finally:
            os._exit(status)  # never back into the caller's code, whatever happened
    os.close(write_end)
    with os.fdopen(read_end, "rb") as handed_back:
        try:
            result = first()
        finally:
            payload = handed_back.read()  # until the child closes its end: `second` is done
            if sys.exc_info()[0] is not None:
                os.waitpid(child, 0)  # `first` failed: leave no child behind
    try:
        return result, pickle.loads(payload), lambda: _reap(child)
    except Exception:  # noqa: BLE001 - the child failed before it handed anything back
        os.waitpid(child, 0)
        handed = second()
        then()
        return result, handed, nothing_left


def background(job: Callable[[], object]) -> Callable[[], None]:
    """Run `job` in a forked child while this process goes on; returns the function that waits
    for it. Where forking is not used, `job` runs here at once. A child that fails costs only
    what `job` was for."""
    if not can_fork():
        job()
        return nothing_left
    child = os.fork()
    if child == 0:
        status = 1
        try:
            job()
            status = 0
        finally:
            os._exit(status)
    return lambda: _reap(child)


def nothing_left() -> None:
    """The finisher when there is nothing to wait for."""
    return None


def _reap(child: int) -> None:
    os.waitpid(child, 0)
