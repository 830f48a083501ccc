"""Keep the report current while the user edits notes: watchdog, debounced rebuilds.

Editors save in many ways — in place, through a temporary file renamed over the note (vim,
many others), with swap and backup files beside it — so events are reduced to "something
relevant changed", bursts are debounced, and each rebuild re-reads the vault through the
in-memory cache: only notes whose size or mtime changed are parsed again, and only pages whose
content changed are written. The one module that imports watchdog.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from notekit.core.errors import ConfigError, SiteError
from notekit.read.config import CONFIG_NAME
from notekit.site.report import Carried, build_site, write_failure
from notekit.store.index import index_kept_in
from notekit.store.kept_summary import InMemory

IDLE_S = 0.2  # how long to sleep at most between two looks for changes and for the folder
_EDITOR_DEBRIS = ("~", ".swp", ".swx", ".swo", ".tmp", ".bak", ".crswap")


class _Changes(FileSystemEventHandler):
    """Collects the vault-relative paths of relevant changes."""

    def __init__(self, vault: Path, ignored: list[Path]) -> None:
        self.vault = vault.resolve()
        self.ignored = [p.resolve() for p in ignored]
        self.lock = threading.Lock()
        self.paths: set[str] = set()
        self.last = 0.0
        self.wake = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed", "closed_no_write"):
            return
        if event.is_directory and event.event_type == "modified":
            return  # the events of the files inside tell what changed
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            rel = self._relevant(raw, event.is_directory)
            if rel is not None:
                with self.lock:
                    self.paths.add(rel)
                    self.last = time.monotonic()
                self.wake.set()

    def _relevant(self, raw: str | bytes, is_directory: bool) -> str | None:
        if not raw:
            return None
        path = Path(raw.decode() if isinstance(raw, bytes) else raw)
        try:
            rel = path.resolve().relative_to(self.vault)
        except ValueError:
            return None
        if any(path.resolve().is_relative_to(p) for p in self.ignored):
            return None
        parts = rel.parts
        if not parts or any(part.startswith(".") for part in parts):
            return None
        name = parts[-1]
        if name.endswith(_EDITOR_DEBRIS) or (name.startswith("#") and name.endswith("#")):
            return None
        if is_directory or name.lower().endswith(".md") or rel.as_posix() == CONFIG_NAME:
            return rel.as_posix()
        return None

    def take(self, debounce: float) -> tuple[set[str], float]:
        """The changes once the vault has been quiet for `debounce` seconds (else none), and
        how long to sleep before asking again, unless another change wakes the caller."""
        with self.lock:
            self.wake.clear()
            if not self.paths:
                return set(), IDLE_S
            quiet = time.monotonic() - self.last
            if quiet < debounce:
                return set(), debounce - quiet
            paths, self.paths = self.paths, set()
            return paths, 0.0


VAULT_CHECK_S = 1.0  # how often to look whether the vault folder itself was replaced


def _identity(folder: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


class _Stoppable(Protocol):
    """An observer as `run` handles it: watchdog's, or `_Idle`."""

    def stop(self) -> None: ...

    def join(self, timeout: float | None = None) -> None: ...


class _Idle:
    """Stands for the observer while there is no folder to observe."""

    def stop(self) -> None:
        pass

    def join(self, timeout: float | None = None) -> None:
        pass


class Watcher:
    """Builds the site once, then again after each debounced burst of changes."""

    def __init__(
        self,
        vault: Path,
        out: Path,
        today: Callable[[], dt.date],
        say: Callable[[str], None],
        debounce: float = 0.3,
        poll: bool = False,
        force: bool = False,
    ) -> None:
        self.vault, self.out, self.today, self.say = vault, out, today, say
        self.debounce = debounce
        self.poll = poll
        self.force = force
        self.stop_event = threading.Event()
        self.changes = _Changes(vault, [out])
        self.kept: InMemory | None = None  # kept between builds: only changes are read
        self.carried = Carried()  # what a build leaves for the next

    def rebuild(self, reason: str) -> None:
        started = time.perf_counter()
        gc.unfreeze()  # the previous index may now be collected
        try:
            index, self.kept = index_kept_in(self.vault, self.kept)
        except ConfigError as exc:
            self.say(f"notekit: error: {exc} (the site was left as it was)")
            return
        try:
            result = build_site(index, self.today(), self.out, self.force, self.carried)
        except (SiteError, OSError) as exc:
            why = write_failure(exc, self.out) if isinstance(exc, OSError) else str(exc)
            self.say(f"notekit: error: {why} (the site was left as it was)")
            return
        finally:
            self.kept.flush()  # for the commands run beside: once the pages are written
        seconds = time.perf_counter() - started
        removed = f", {len(result.removed)} removed" if result.removed else ""
        problems = f", {len(index.problems)} problems" if index.problems else ""
        self.say(
            f"{time.strftime('%H:%M:%S')} {reason}: {len(result.written)} written{removed}"
            f"{problems} in {seconds:.2f} s"
        )

    def _observer(self) -> BaseObserver:
        observer: BaseObserver
        if self.poll:
            observer = PollingObserver(timeout=1)
            observer.schedule(self.changes, str(self.vault), recursive=True)
            observer.start()
            return observer
        observer = Observer()
        try:
            observer.schedule(self.changes, str(self.vault), recursive=True)
            observer.start()
            return observer
        except OSError as exc:  # inotify watch or instance limits
            self.say(f"notekit: cannot watch with inotify ({exc}); polling every second instead")
            self.poll = True
            return self._observer()

    def run(self) -> None:
        """Watch until `stop()` or Ctrl-C."""
        observer: _Stoppable = self._observer()  # first: no edit made during the build is lost
        watched = _identity(self.vault)
        self.rebuild("built")
        how = "polling" if self.poll else "watching"
        self.say(f"{how} {self.vault} — site in {self.out} (Ctrl-C to stop)")
        checked = time.monotonic()
        sleep = IDLE_S
        try:
            while not self.stop_event.is_set():
                self.changes.wake.wait(timeout=min(sleep, IDLE_S))
                paths, sleep = self.changes.take(self.debounce)
                if paths:
                    shown = ", ".join(sorted(paths)[:3]) + (" …" if len(paths) > 3 else "")
                    self.rebuild(f"{shown} changed")
                if time.monotonic() - checked >= VAULT_CHECK_S:
                    checked = time.monotonic()
                    now = _identity(self.vault)
                    if now == watched:
                        continue
                    # the folder was deleted, moved or replaced: its events no longer come
                    observer.stop()
                    observer.join(timeout=5)
                    if now is None:
                        if watched is not None:
                            self.say(f"notekit: {self.vault} is gone; waiting for it to return")
                        watched = None
                        observer = _Idle()
                        continue
                    watched = now
                    observer = self._observer()
                    self.rebuild("the vault folder was replaced")
        except KeyboardInterrupt:
            pass
        finally:
            observer.stop()
            observer.join(timeout=5)
            self.say("stopped")

    def stop(self) -> None:
        self.stop_event.set()
        self.changes.wake.set()
