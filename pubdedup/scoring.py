"""Scoring many candidate pairs: in slices, on every core when there are enough of them.

Forked workers (forked.py) share the parent's features without copying or pickling them, and
send back only the comparisons that say something (a verdict other than NONE), as plain tuples.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pubdedup import forked
from pubdedup.config import MatchConfig
from pubdedup.features import Features
from pubdedup.score import Comparison, Verdict, compare

# progress(stage, done, total): called as a long stage advances; `total` is 0 when unknown.
Progress = Callable[[str, int, int], None]
SLICE = 4000  # pairs per task: progress ticks, and each worker's answer stays small
PARALLEL_MIN_PAIRS = 60_000  # below this, forking costs more than it saves

Scored = tuple[int, int, Comparison]
_Raw = tuple[int, int, str, str, float, dict]


def workers_for(pair_count: int) -> int:
    """How many processes to score with: one for small inputs or where fork is unavailable."""
    return forked.workers_for(pair_count, PARALLEL_MIN_PAIRS)


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
    slices = forked.slices(len(pairs), SLICE)

    def here(bounds: tuple[int, int]) -> list[Scored]:
        return _compare_slice(items, pairs[bounds[0] : bounds[1]], config, veto_evidence)

    shared = (items, pairs, config, veto_evidence)
    workers = workers_for(len(pairs))
    results = forked.interleaved(slices, here, _score_slice, shared, workers, _received)
    scored: list[Scored] = []
    for (_, stop), part in zip(slices, results, strict=True):
        scored += part
        if progress:
            progress("score", stop, len(pairs))
    return scored


def _received(_bounds: tuple[int, int], answer: list[_Raw]) -> list[Scored]:
    return [(i, j, Comparison(Verdict(v), r, s, ev)) for i, j, v, r, s, ev in answer]


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
    items, pairs, config, veto_evidence = forked.shared()
    scored = _compare_slice(items, pairs[bounds[0] : bounds[1]], config, veto_evidence)
    return [(i, j, c.verdict.value, c.rule, c.score, c.evidence) for i, j, c in scored]
