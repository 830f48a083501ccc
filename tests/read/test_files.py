"""The atomic writer and its locks: leftovers of killed writes, owners, modes."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MakeVault, Run
from notekit.read.files import is_temp_name, read_regular, remove_stale_temp, replace_atomic

NOTE = "---\ncadence: 1m\n---\n"


def _leftover(folder: Path, name: str = ".Pat.md.k3j9x_2a.tmp", age: float = 60) -> Path:
    path = folder / name
    path.write_bytes(b"half a note")
    past = time.time() - age
    os.utime(path, (past, past))
    return path


def test_check_mentions_a_leftover_and_the_next_write_removes_it(
    run: Run, make_vault: MakeVault
) -> None:
    vault = make_vault({"People/Pat.md": NOTE})
    leftover = _leftover(vault / "People")
    result = run("check", "--json", vault=vault)
    assert result.exit_code == 1
    assert [p["path"] for p in result.json()] == ["People/.Pat.md.k3j9x_2a.tmp"]
    assert "did not finish" in result.json()[0]["message"]
    assert result.json()[0]["severity"] == "warning"
    assert run("due", vault=vault).exit_code == 0
    assert leftover.exists()  # read commands never delete
    assert run("log", "Pat", "call", vault=vault).exit_code == 0
    assert not leftover.exists()
    assert run("check", vault=vault).exit_code == 0


def test_a_temporary_file_in_use_is_not_removed(make_vault: MakeVault) -> None:
    vault = make_vault({"People/Pat.md": NOTE})
    busy = _leftover(vault / "People")
    with open(busy, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        assert not remove_stale_temp(busy)
    young = _leftover(vault / "People", ".Pat.md.aaaaaaaa.tmp", age=0)
    assert not remove_stale_temp(young)
    assert busy.exists() and young.exists()
    assert remove_stale_temp(busy) and not busy.exists()


def test_only_notekit_temporary_names_are_recognised() -> None:
    assert is_temp_name(".Ana Costa.md.93j7mu_8.tmp")
    for name in (".Ana.md.tmp", "Ana.md.93j7mu_8.tmp", ".Ana.md.93J7MU_8.tmp", ".x.swp"):
        assert not is_temp_name(name)


def test_a_killed_write_leaves_a_file_the_next_write_removes(
    run: Run, make_vault: MakeVault, tmp_path: Path
) -> None:
    """A writer killed between writing its temporary file and the rename (SIGKILL)."""
    vault = make_vault({"People/Pat.md": NOTE})
    script = (
        "import os, sys, pathlib\n"
        "import notekit.read.files as f\n"
        "os.replace = lambda *a: os.kill(os.getpid(), 9)\n"
        "f.replace_atomic(pathlib.Path(sys.argv[1]), b'x' * 100000)\n"
    )
    killed = subprocess.run([sys.executable, "-c", script, str(vault / "People/Pat.md")])
    assert killed.returncode == -signal.SIGKILL
    temps = [p for p in (vault / "People").iterdir() if is_temp_name(p.name)]
    assert len(temps) == 1
    past = time.time() - 60
    os.utime(temps[0], (past, past))
    assert run("log", "Pat", "call", vault=vault).exit_code == 0
    assert sorted(p.name for p in (vault / "People").iterdir()) == ["Pat.md"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_write_by_root_keeps_the_owner_and_group(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"People/Pat.md": NOTE})
    path = vault / "People/Pat.md"
    os.chown(path, 1234, 1234)
    os.chmod(path, 0o640)
    assert run("log", "Pat", "call", vault=vault).exit_code == 0
    info = path.stat()
    assert (info.st_uid, info.st_gid, info.st_mode & 0o777) == (1234, 1234, 0o640)


def test_replace_atomic_gives_up_when_told_the_file_changed(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_bytes(b"old")
    assert not replace_atomic(path, b"new", still_valid=lambda: False)
    assert path.read_bytes() == b"old" and os.listdir(tmp_path) == ["n.md"]


@pytest.mark.parametrize(
    "stem",
    [
        "P" + "a" * 248,  # 252 bytes with `.md`: the longest names most systems allow
        "é" * 126,  # 255 bytes, cut for the temporary file's name inside a character
    ],
)
def test_a_note_with_a_long_name_can_be_written(run: Run, make_vault: MakeVault, stem: str) -> None:
    vault = make_vault({f"People/{stem}.md": NOTE})
    result = run("log", stem, "call", vault=vault)
    assert result.exit_code == 0, result.stderr
    assert "- 2026-11-23 call" in (vault / f"People/{stem}.md").read_text()
    assert os.listdir(vault / "People") == [f"{stem}.md"]


def test_a_new_note_gets_the_mode_a_new_file_gets(run: Run, make_vault: MakeVault) -> None:
    vault = make_vault({"notekit.toml": ""})
    mask = os.umask(0o027)
    try:
        assert run("add", "Ana Costa", vault=vault).exit_code == 0
    finally:
        os.umask(mask)
    assert (vault / "People/Ana Costa.md").stat().st_mode & 0o7777 == 0o640


@pytest.mark.parametrize(
    ("error", "says"), [(28, "No space left on device"), (30, "Read-only file system")]
)
def test_a_full_or_read_only_disk_is_a_message_and_leaves_the_note(
    run: Run, make_vault: MakeVault, monkeypatch: pytest.MonkeyPatch, error, says
) -> None:
    vault = make_vault({"People/Pat.md": NOTE})

    def refuse(fd: int) -> None:
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(os, "fsync", refuse)
    for args in (["log", "Pat", "call"], ["snooze", "Pat", "2w"], ["add", "Kim Park"]):
        result = run(*args, vault=vault)
        assert result.exit_code == 2, args
        assert says in result.stderr and "Traceback" not in result.stderr
    assert (vault / "People/Pat.md").read_text() == NOTE
    assert os.listdir(vault / "People") == ["Pat.md"]
    result = run("report", "-o", str(vault.parent / "site"), vault=vault)
    assert result.exit_code == 2 and says in result.stderr


def test_only_a_real_file_of_notekit_is_a_leftover(tmp_path: Path) -> None:
    """A link or a folder that happens to bear a temporary file's name is not notekit's."""
    target = _leftover(tmp_path, "target.md")
    link = tmp_path / ".Pat.md.aaaaaaaa.tmp"
    link.symlink_to(target)
    folder = tmp_path / ".Pat.md.bbbbbbbb.tmp"
    folder.mkdir()
    past = time.time() - 60
    os.utime(folder, (past, past))
    os.utime(link, (past, past), follow_symlinks=False)
    assert not remove_stale_temp(link) and not remove_stale_temp(folder)
    assert link.is_symlink() and folder.is_dir() and target.exists()
    assert not remove_stale_temp(tmp_path / ".gone.md.cccccccc.tmp")


def test_a_note_swapped_for_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    from notekit.core.errors import EditError
    from notekit.write.edit import Snapshot

    fifo = tmp_path / "Pat.md"
    os.mkfifo(fifo)
    with pytest.raises(EditError, match="not a regular file"):
        Snapshot.read(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        read_regular(fifo)  # as any other file notekit reads: a setting, a page of its site
    with pytest.raises(OSError, match="not a regular file"):
        read_regular(tmp_path)
    (tmp_path / "plain.md").write_bytes(b"text")
    assert read_regular(tmp_path / "plain.md") == b"text"


def test_a_file_locked_twice_by_one_thread_is_refused_and_another_thread_waits(
    tmp_path: Path,
) -> None:
    import errno
    import threading

    from notekit.read.files import locked_open, unlock

    note = tmp_path / "n.md"
    note.write_text("x")
    (tmp_path / "link.md").symlink_to(note)
    held = locked_open(note)
    with pytest.raises(OSError) as refused:
        locked_open(tmp_path / "link.md")  # the same file by another path
    assert refused.value.errno == errno.EDEADLK
    assert "holds that file already" in str(refused.value)  # what the refusal will say
    got: list[int] = []
    waiter = threading.Thread(target=lambda: got.append(locked_open(note)))
    waiter.start()
    waiter.join(0.2)
    assert waiter.is_alive() and not got  # another thread waits for the lock
    unlock(held)
    waiter.join(10)
    assert got
    unlock(got[0])
    unlock(locked_open(note))  # let go, the file can be locked again


def test_a_file_removed_while_a_writer_waits_for_it_is_not_handed_over(tmp_path: Path) -> None:
    """The writer that waited finds the path gone once the lock is its own: it is told so,
    rather than given the removed file to read and write back."""
    import threading

    from notekit.read.files import locked_open, unlock

    note = tmp_path / "n.md"
    note.write_text("x")
    held = locked_open(note)
    outcome: list[BaseException | int] = []

    def wait() -> None:
        try:
            outcome.append(locked_open(note))
        except OSError as exc:
            outcome.append(exc)

    waiter = threading.Thread(target=wait)
    waiter.start()
    waiter.join(0.2)
    assert waiter.is_alive()
    note.unlink()
    unlock(held)
    waiter.join(10)
    assert len(outcome) == 1 and isinstance(outcome[0], FileNotFoundError), outcome
