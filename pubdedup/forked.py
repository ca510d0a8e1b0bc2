"""Slices of one job shared out to forked worker processes, results put back in order.

The parent computes every n-th slice itself and forked workers the others. Workers see the
parent's data without copying or pickling it (fork shares memory until it is written), and
send back only their results, which the parent puts together in slice order: the outcome is the
same whether one process or several did the work.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from multiprocessing.pool import Pool
from typing import Any, TypeVar

from pubdedup.files import signals_deferred

Slice = TypeVar("Slice")
Result = TypeVar("Result")

_shared: Any = None  # what `remote` reads in a worker: set before the fork
_sharing = False  # a job is shared out right now (in the parent, or inherited by a worker)
_abandoned: Any = None  # set when the parent gives up on the job: workers skip what is left

# Below this many records, forking workers costs more than it saves (per-record stages).
PARALLEL_MIN_RECORDS = 40_000


def workers_for(amount: int, minimum: int) -> int:
    """How many processes to use: one below `minimum` (forking costs more than it saves),
    where fork is unavailable, or for a job within a job already shared out (a worker may not
    fork, and the parent's cores are taken); else one per core (at most 4)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    usable = "fork" in multiprocessing.get_all_start_methods()
    nested = _sharing or multiprocessing.parent_process() is not None
    return min(cores or 1, 4) if usable and not nested and amount >= minimum else 1


def slices(total: int, size: int) -> list[tuple[int, int]]:
    """(start, stop) bounds cutting `total` items into slices of `size` (the last one shorter)."""
    return [(start, min(start + size, total)) for start in range(0, total, size)]


def shared() -> Any:
    """In a worker: the data the parent shared before forking."""
    return _shared


def interleaved(
    slices: Sequence[Slice],
    here: Callable[[Slice], Result],
    remote: Callable[[Slice], Any],
    data: Any,
    workers: int,
    received: Callable[[Slice, Any], Result] | None = None,
) -> Iterator[Result]:
    """Each slice's result, in slice order.

    Every `workers`-th slice is computed `here`; the others by `remote` (a module-level function
    reading `shared()`, which returns `data`) in forked workers, whose answers become results
    through `received(slice, answer)` in the parent (or are results as they are).
    """
    if workers <= 1:
        yield from map(here, slices)
        return
    global _shared, _sharing, _abandoned
    _shared, _sharing = data, True
    _abandoned = multiprocessing.get_context("fork").Event()
    gc.freeze()  # keep the workers' garbage collector off the shared objects (copy-on-write)
    pool, finished = _pool(workers - 1), False
    try:
        theirs = [s for k, s in enumerate(slices) if k % workers]
        answers = pool.imap(partial(_unless_abandoned, remote), theirs)
        for k, piece in enumerate(slices):
            if k % workers == 0:
                yield here(piece)
            else:
                answer = next(answers)
                yield received(piece, answer) if received else answer
        finished = True
    finally:
        _let_workers_finish(pool, abandoned=not finished)
        _shared, _sharing, _abandoned = None, False, None
        gc.unfreeze()


def _unless_abandoned(remote: Callable[[Slice], Any], piece: Slice) -> Any:
    """In a worker: the slice's answer, or nothing once the parent has given up on the job."""
    return None if _abandoned.is_set() else remote(piece)


def _let_workers_finish(pool: Pool, abandoned: bool) -> None:
    """The workers told there is no more work, and waited for: each ends its slice, skips the
    others when the job is `abandoned` (an input error, Ctrl-C), and exits. Never killed: Pool's
    terminate() sends SIGTERM, and a worker that dies while it writes its answer keeps the
    answer queue's lock for good, so that the pool's own shutdown then waits forever (a run
    with an unreadable input hung, found by the test suite)."""
    if abandoned:
        _abandoned.set()
    pool.close()
    pool.join()


def _pool(processes: int) -> Pool:
    """Forked workers that leave Ctrl-C and SIGTERM to the parent.

    A worker would otherwise run the parent's handlers: on Ctrl-C (sent to the whole process
    group) it ignores SIGTERM on its way out, and the SIGTERM with which the parent ends the
    pool then prints a traceback of Python's (`Signal 15 ignored due to race condition`).
    The signals are held while forking, so that none reaches a worker before it has let go
    of them.
    """
    with signals_deferred():
        return multiprocessing.get_context("fork").Pool(processes, _leave_signals_to_the_parent)


def _leave_signals_to_the_parent() -> None:
    """In a new worker: ignore Ctrl-C (the parent ends the pool) and die of SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
