"""Two pieces of one job on two cores: the same results as one after the other, whatever
happens in the child."""

from __future__ import annotations

import os

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


def test_without_forking_both_run_here(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    here = os.getpid()
    assert parallel.both(os.getpid, os.getpid) == (here, here)
