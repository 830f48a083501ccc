"""`notekit watch` as a user runs it: edits in place, atomic saves, deletions, Ctrl-C."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MakeVault

PERSON = "---\ncadence: 1m\n---\n# {name}\n\n## Log\n- 2026-11-01 call: {text}\n"


def _wait_for(check, what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"not seen within {timeout} s: {what}")


def _start(vault: Path, site: Path, *options: str) -> subprocess.Popen:
    env = {**os.environ, "NOTEKIT_TODAY": "2026-11-23", "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "notekit", "--vault", str(vault), "watch", "-o", str(site)]
    return subprocess.Popen(
        [*command, *options], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )


def _stop(process: subprocess.Popen, how: int = signal.SIGINT) -> str:
    """Ctrl-C (or another signal), as a user stops it; what it printed. A watcher that does
    not stop within a minute is killed, so that no test leaves one running, and fails."""
    process.send_signal(how)
    try:
        return process.communicate(timeout=60)[0]
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise


def _page_has(path: Path, text: str):
    return lambda: path.exists() and text in path.read_text("utf-8", errors="replace")


def test_watch_follows_edits_renames_and_deletions(make_vault: MakeVault, tmp_path: Path) -> None:
    vault = make_vault(
        {
            "People/Ana.md": PERSON.format(name="Ana", text="first words"),
            "People/Ben.md": PERSON.format(name="Ben", text="hello"),
        }
    )
    site = tmp_path / "site"
    process = _start(vault, site, "--debounce", "0.2")
    try:
        ana, ben = site / "people" / "ana.html", site / "people" / "ben.html"
        _wait_for(_page_has(ana, "first words"), "the first build")
        with open(vault / "People/Ana.md", "a", encoding="utf-8") as handle:  # in place
            handle.write("- 2026-11-20 coffee: edited in place\n")
        _wait_for(_page_has(ana, "edited in place"), "an in-place edit")

        tmp = vault / "People" / ".Ben.md.swp"  # as vim does: write aside, rename over
        tmp.write_text(PERSON.format(name="Ben", text="saved atomically"), "utf-8")
        os.replace(tmp, vault / "People/Ben.md")
        _wait_for(_page_has(ben, "saved atomically"), "an atomic save")

        (vault / "People/\x1b]0;owned\x07\u202e.md").write_text("# x\n", "utf-8")
        (vault / "People/Bad.md").write_text("---\nname: [broken\n---\n", "utf-8")
        _wait_for(_page_has(site / "problems.html", "People/Bad.md"), "a broken note")

        (vault / "People/Ana.md").unlink()
        _wait_for(lambda: not ana.exists(), "a deletion")
    finally:
        output = _stop(process)
    assert process.returncode == 0, output
    lines = output.splitlines()
    assert lines[0].endswith(" s") and " built: " in lines[0]
    assert any("People/Ana.md changed" in line for line in lines)
    assert lines[-1] == "stopped"
    assert "Traceback" not in output
    assert "\x1b" not in output and "\u202e" not in output  # a file name never drives the terminal
    assert "People/\\x1b]0;owned\\x07\\u202e.md" in output


def test_watch_polls_when_asked(make_vault: MakeVault, tmp_path: Path) -> None:
    vault = make_vault({"People/Ana.md": PERSON.format(name="Ana", text="one")})
    site = tmp_path / "site"
    process = _start(vault, site, "--poll", "--debounce", "0.1")
    try:
        page = site / "people" / "ana.html"
        _wait_for(_page_has(page, "one"), "the first build")
        time.sleep(1.1)  # a new mtime second for the poller
        (vault / "People/Ana.md").write_text(PERSON.format(name="Ana", text="two"), "utf-8")
        _wait_for(_page_has(page, "two"), "a polled change")
    finally:
        output = _stop(process, signal.SIGTERM)
    assert process.returncode == 0 and "polling" in output and output.endswith("stopped\n")


def test_watch_sleeps_while_it_waits_for_the_vault_to_be_quiet(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    """A change waits out the debounce asleep: it does not spin a core for seconds (a watcher
    in this process, whose CPU time the process's counts)."""
    import threading

    from notekit.site.watch import Watcher

    vault = make_vault({"People/Ana.md": PERSON.format(name="Ana", text="one")})
    page = tmp_path / "site" / "people" / "ana.html"
    said: list[str] = []
    # a debounce well past the 2.5 s measured, however slowly a busy machine gets there
    watcher = Watcher(vault, tmp_path / "site", lambda: dt.date(2026, 11, 23), said.append, 8)
    running = threading.Thread(target=watcher.run)
    running.start()
    try:
        _wait_for(lambda: any(line.startswith("watching") for line in said), "the first build")
        (vault / "People/Ana.md").write_text(PERSON.format(name="Ana", text="words after"))
        time.sleep(0.5)  # the change seen, its debounce begun
        before = time.process_time()
        time.sleep(2)
        spent = time.process_time() - before
        assert "words after" not in page.read_text("utf-8")  # still waiting
        _wait_for(_page_has(page, "words after"), "the change, once quiet")
    finally:
        watcher.stop()
        running.join(timeout=60)
    assert not running.is_alive()
    assert spent < 0.5, f"{spent:.2f} s of CPU in 2 s of waiting"


def test_watch_rearms_when_the_vault_folder_is_replaced(
    make_vault: MakeVault, tmp_path: Path
) -> None:
    import shutil

    for mode in ([], ["--poll"]):
        vault = make_vault({"People/Ana.md": PERSON.format(name="Ana", text="before")})
        site = tmp_path / f"site{len(mode)}"
        process = _start(vault, site, "--debounce", "0.1", *mode)
        try:
            ana = site / "people" / "ana.html"
            _wait_for(_page_has(ana, "before"), "the first build")
            moved = tmp_path / "moved-away"
            vault.rename(moved)  # moved away, then a new folder put in its place
            time.sleep(1.5)
            shutil.copytree(moved, vault)
            shutil.rmtree(moved)
            (vault / "People/Ana.md").write_text(PERSON.format(name="Ana", text="after"))
            _wait_for(_page_has(ana, "after"), f"a rebuild of the new folder {mode}")
            (vault / "People/Ana.md").write_text(PERSON.format(name="Ana", text="again"))
            _wait_for(_page_has(ana, "again"), f"an edit in the new folder {mode}")
        finally:
            output = _stop(process)
        assert process.returncode == 0, output
        # seen gone, or (on a busy machine, after it was already back) seen replaced
        assert ("is gone" in output or "was replaced" in output) and "Traceback" not in output
        shutil.rmtree(vault)


def test_watch_survives_a_write_that_fails_and_keeps_going(
    make_vault: MakeVault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk (or a permission refused) while writing the site: said, nothing half
    written is left, and the next rebuild writes the site."""
    import errno

    import notekit.read.files as files
    from notekit.site.watch import Watcher

    vault = make_vault({"People/Ana.md": "---\ncadence: 1m\n---\n"})
    out = tmp_path / "site"
    said: list[str] = []
    watcher = Watcher(vault, out, lambda: dt.date(2026, 11, 23), said.append)
    real = files.os.replace

    def full_disk(src, dst):  # noqa: ANN001, ANN202
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full_disk)
    watcher.rebuild("start")
    assert "No space left on device" in said[-1] and "left as it was" in said[-1]
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    monkeypatch.setattr(files.os, "replace", real)
    watcher.rebuild("People/Ana.md changed")
    assert "written" in said[-1] and (out / "people/ana.html").is_file()
