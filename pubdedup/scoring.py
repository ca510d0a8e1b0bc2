"""Scoring many candidate pairs: in slices, on every core when there are enough of them.

The parent scores every n-th slice of the pair list itself and forked workers the others: they
share the parent's features without copying or pickling them, and send back only the comparisons
that say something (a verdict other than NONE), as plain tuples. Slices are put together in pair
order, so the outcome is the same whether one process or several did the work.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence

from pubdedup.config import MatchConfig
from pubdedup.features import Features
from pubdedup.score import Comparison, Verdict, compare

# progress(stage, done, total): called as a long stage advances; `total` is 0 when unknown.
Progress = Callable[[str, int, int], None]
SLICE = 4000  # pairs per task: progress ticks, and each worker's answer stays small
PARALLEL_MIN_PAIRS = 60_000  # below this, forking costs more than it saves

Scored = tuple[int, int, Comparison]
_Raw = tuple[int, int, str, str, float, dict]

_shared: tuple[Sequence[Features], Sequence[tuple[int, int]], MatchConfig, bool] | None = None


def workers_for(pair_count: int) -> int:
    """How many processes to score with: one for small inputs or where fork is unavailable."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    usable = "fork" in multiprocessing.get_all_start_methods()
    return min(cores or 1, 4) if usable and pair_count >= PARALLEL_MIN_PAIRS else 1


def score_pairs(
    items: Sequence[Features],
    pairs: Sequence[tuple[int, int]],
    config: MatchConfig,
    progress: Progress | None = None,
    veto_evidence: bool = True,
) -> list[Scored]:
    """(i, j, comparison) for every pair whose verdict is not NONE, in the order of `pairs`.

    Without `veto_evidence`, DISTINCT comparisons (most of them, on a large input) carry no
    evidence: only the pair is needed to keep two records apart, and the evidence is memory.
    """
    slices = [(start, min(start + SLICE, len(pairs))) for start in range(0, len(pairs), SLICE)]
    workers = workers_for(len(pairs))

    def here(start: int, stop: int) -> list[Scored]:
        return _compare_slice(items, pairs[start:stop], config, veto_evidence)

    if workers == 1:
        return _collect(slices, here, iter(()), 1, progress)
    global _shared
    _shared = (items, pairs, config, veto_evidence)
    gc.freeze()  # keep the workers' garbage collector off the shared objects (copy-on-write)
    try:
        # The parent scores every `workers`-th slice itself, the forked workers the others.
        with multiprocessing.get_context("fork").Pool(workers - 1) as pool:
            answers = pool.imap(_score_slice, [s for k, s in enumerate(slices) if k % workers])
            return _collect(slices, here, answers, workers, progress)
    finally:
        _shared = None
        gc.unfreeze()


def _collect(slices, here, answers, workers: int, progress: Progress | None) -> list[Scored]:
    """Every slice's comparisons in order: computed `here`, or taken from the workers' answers."""
    scored: list[Scored] = []
    total = slices[-1][1] if slices else 0
    for k, (start, stop) in enumerate(slices):
        if k % workers == 0:
            scored += here(start, stop)
        else:
            answer = next(answers)
            scored += [(i, j, Comparison(Verdict(v), r, s, ev)) for i, j, v, r, s, ev in answer]
        if progress:
            progress("score", stop, total)
    return scored


def _compare_slice(
    items: Sequence[Features],
    pairs: Sequence[tuple[int, int]],
    config: MatchConfig,
    veto_evidence: bool = True,
) -> list[Scored]:
    """The comparisons of some pairs that say something (a verdict other than NONE)."""
    scored = []
    for i, j in pairs:
        c = compare(items[i], items[j], config, full_evidence=veto_evidence)
        if c.verdict is Verdict.DISTINCT and not veto_evidence:
            c = Comparison(c.verdict, c.rule, c.score, _NO_EVIDENCE)
        if c.verdict is not Verdict.NONE:
            scored.append((i, j, c))
    return scored


_NO_EVIDENCE: dict = {}  # shared by lean vetoes; never written to


def _score_slice(bounds: tuple[int, int]) -> list[_Raw]:
    """In a worker: `_compare_slice` of one slice of the shared pairs, as plain tuples."""
    assert _shared is not None
    items, pairs, config, veto_evidence = _shared
    scored = _compare_slice(items, pairs[bounds[0] : bounds[1]], config, veto_evidence)
    return [(i, j, c.verdict.value, c.rule, c.score, c.evidence) for i, j, c in scored]
