"""Scoring many candidate pairs: in slices, on every core when there are enough of them.

Forked workers (forked.py) share the parent's features without copying or pickling them, and
send back only the comparisons that say something (a verdict other than NONE), as plain tuples.
On a large input most of those are vetoes (two different works that share rare words, in
different years): without a person's decisions to explain, a veto is sent and kept as one number.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pubdedup import forked
from pubdedup.candidates import Pairs
from pubdedup.config import MatchConfig
from pubdedup.features import Features
from pubdedup.score import Comparison, Verdict, compare

# progress(stage, done, total): called as a long stage advances; `total` is 0 when unknown.
Progress = Callable[[str, int, int], None]
SLICE = 4000  # pairs per task: progress ticks, and each worker's answer stays small
PARALLEL_MIN_PAIRS = 60_000  # below this, forking costs more than it saves

Scored = tuple[int, int, Comparison]
_Raw = tuple[int, int, str, str, float, dict]


@dataclass(slots=True)
class ScoredPairs:
    """What scoring found, in the order of the candidate pairs."""

    said: list[Scored]  # comparisons whose verdict is not NONE (vetoes too, with evidence)
    vetoed: Pairs  # vetoes kept without evidence or rule: only the pair keeps records apart

    def __len__(self) -> int:
        return len(self.said) + len(self.vetoed)


def workers_for(pair_count: int) -> int:
    """How many processes to score with: one for small inputs or where fork is unavailable."""
    return forked.workers_for(pair_count, PARALLEL_MIN_PAIRS)


def score_pairs(
    items: Sequence[Features],
    pairs: Sequence[tuple[int, int]],
    config: MatchConfig,
    progress: Progress | None = None,
    veto_evidence: bool = True,
) -> ScoredPairs:
    """(i, j, comparison) for every pair whose verdict is not NONE, in the order of `pairs`.

    Without `veto_evidence`, DISTINCT pairs (most of them, on a large input) go to `vetoed`
    instead: only the pair is needed to keep two records apart, and a comparison each is memory
    and time (millions of them at a million records).
    """
    slices = forked.slices(len(pairs), SLICE)
    n = len(items)

    def here(bounds: tuple[int, int]) -> tuple[list[Scored], array]:
        return _compare_slice(items, pairs[bounds[0] : bounds[1]], config, veto_evidence)

    shared = (items, pairs, config, veto_evidence)
    workers = workers_for(len(pairs))
    results = forked.interleaved(slices, here, _score_slice, shared, workers, _received)
    said: list[Scored] = []
    vetoed = array("q")
    for (_, stop), (part, codes) in zip(slices, results, strict=True):
        said += part
        vetoed += codes
        if progress:
            progress("score", stop, len(pairs))
    return ScoredPairs(said, Pairs(vetoed, n))


def _received(
    _bounds: tuple[int, int], answer: tuple[list[_Raw], array]
) -> tuple[list[Scored], array]:
    raw, vetoed = answer
    return [(i, j, Comparison(Verdict(v), r, s, ev)) for i, j, v, r, s, ev in raw], vetoed


def _compare_slice(
    items: Sequence[Features],
    pairs: Sequence[tuple[int, int]],
    config: MatchConfig,
    veto_evidence: bool = True,
) -> tuple[list[Scored], array]:
    """The comparisons of some pairs that say something (a verdict other than NONE), and,
    without `veto_evidence`, the vetoed pairs apart as codes i * n + j."""
    n = len(items)
    scored = []
    vetoed = array("q")
    for i, j in pairs:
        c = compare(items[i], items[j], config, full_evidence=veto_evidence)
        if c.verdict is Verdict.NONE:
            continue
        if c.verdict is Verdict.DISTINCT and not veto_evidence:
            vetoed.append(i * n + j)
        else:
            scored.append((i, j, c))
    return scored, vetoed


def _score_slice(bounds: tuple[int, int]) -> tuple[list[_Raw], array]:
    """In a worker: `_compare_slice` of one slice of the shared pairs, as plain tuples."""
    items, pairs, config, veto_evidence = forked.shared()
    scored, vetoed = _compare_slice(items, pairs[bounds[0] : bounds[1]], config, veto_evidence)
    return [(i, j, c.verdict.value, c.rule, c.score, c.evidence) for i, j, c in scored], vetoed
