"""Two pieces of one job on two cores: the second runs in a forked child and is handed back
pickled through a pipe.

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
    if not can_fork():
        return first(), second()
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        status = 1
        try:
            os.close(read_end)
            payload = pickle.dumps(second(), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            status = 0
        finally:
            os._exit(status)  # never back into the caller's code, whatever happened
    os.close(write_end)
    try:
        result = first()
    finally:
        with os.fdopen(read_end, "rb") as handed:
            payload = handed.read()
        _, status = os.waitpid(child, 0)
    if status != 0:
        return result, second()
    return result, pickle.loads(payload)
