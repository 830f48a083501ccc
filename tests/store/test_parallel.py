"""Two pieces of one job on two cores: the same results as one after the other, whatever
happens in the child."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from notekit.store import parallel

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="forking is not used here")


@needs_fork
def test_the_second_piece_runs_in_another_process_and_comes_back() -> None:
    here = os.getpid()
    mine, theirs = parallel.both(lambda: ("first", os.getpid()), lambda: ("second", os.getpid()))
    assert mine == ("first", here)
    assert theirs[0] == "second" and theirs[1] != here


@needs_fork
def test_a_failing_child_is_redone_here() -> None:
    here = os.getpid()

    def second() -> str:
        if os.getpid() != here:
            raise RuntimeError("the child dies")
        return "redone"

    assert parallel.both(lambda: 1, second) == (1, "redone")


@needs_fork
def test_a_failure_here_still_reaps_the_child() -> None:
    def first() -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        parallel.both(first, lambda: "x" * 1_000_000)  # more than a pipe holds
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind


def test_without_forking_both_run_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    here = os.getpid()
    assert parallel.both(os.getpid, os.getpid) == (here, here)


@needs_fork
def test_the_child_goes_on_after_handing_back(tmp_path: Path) -> None:
    """`then` runs in the child after `second` came back, and the finisher waits for it."""
    mark = tmp_path / "then"
    mine, theirs, finish = parallel.both_then(
        lambda: 1, lambda: 2, lambda: mark.write_text(str(os.getpid()))
    )
    assert (mine, theirs) == (1, 2)
    finish()
    assert int(mark.read_text()) != os.getpid()


@pytest.mark.parametrize("forking", [True, False])
def test_without_a_child_then_runs_here_before_returning(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, forking
) -> None:
    here = os.getpid()
    if forking:
        if not parallel.can_fork():
            pytest.skip("forking is not used here")

        def second() -> int:
            if os.getpid() != here:
                raise RuntimeError("the child dies")
            return 2
    else:
        monkeypatch.setattr(parallel, "can_fork", lambda: False)

        def second() -> int:
            return 2

    ran: list[int] = []
    mine, theirs, finish = parallel.both_then(lambda: 1, second, lambda: ran.append(os.getpid()))
    assert (mine, theirs, ran) == (1, 2, [here])
    finish()
    assert ran == [here]
