"""What an earlier output's run said between two of its papers, given as inputs again: that
they are versions of one work (its `related`), or a maybe pair it left for a person (its
`maybe`). Its papers are never joined again but by a person's `same` (vetoes.py), so these are
the pairs whose link each run writes again, compared whatever their words (a large block
compares only neighbours)."""

from __future__ import annotations

from collections.abc import Sequence

from pubdedup.model import Record

EARLIER_MAYBE = "earlier-maybe"  # the rule of such a maybe pair, asked again


def linked_before(a: Record, b: Record) -> bool:
    """Two papers of one earlier output that its run linked as versions (its `related`)."""
    return (b.source.id is not None and b.source.id in a.related) or (
        a.source.id is not None and a.source.id in b.related
    )


def left_maybe_before(a: Record, b: Record) -> tuple[str, float] | None:
    """The rule and score of the maybe pair an earlier run left between two of its papers'
    records, if it left one (its strongest). Two outputs often hold papers of one key: only
    the other's key in the same output names it."""
    if b.source.id is None or not a.left_maybe or a.source.file != b.source.file:
        return None
    said = [(score, rule) for key, rule, score in a.left_maybe if key == b.source.id]
    if not said:
        return None
    score, rule = max(said)
    return rule, score


def earlier_pairs(records: Sequence[Record]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of the papers of one earlier output its run linked as versions or
    left a maybe pair between."""
    if not any(record.related or record.left_maybe for record in records):  # nearly every run
        return set()
    index = {(r.source.file, r.source.id): k for k, r in enumerate(records) if r.merged}
    pairs = set()
    for k, record in enumerate(records):
        for key in (*record.related, *(key for key, _, _ in record.left_maybe)):
            j = index.get((record.source.file, key))
            if j is not None and j != k:
                pairs.add((min(j, k), max(j, k)))
    return pairs
