"""Sorted neighbourhood: the pairs of a large block, each record with its neighbours in title
order, so that a block's pairs grow linearly with its size (candidates.py files the blocks)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields as dataclass_fields
from operator import attrgetter

from pubdedup.features import Features
from pubdedup.model import Record


def neighbours(items: Sequence[Features], members: list[int], window: int) -> list[int]:
    """Pairs (as i * n + j) of a large block's records each within `window` places of the other
    in title order, and again in the order of the titles' ends (a citation string's title may
    start with a leaked word): the sorted-neighbourhood method, which keeps look-alike titles
    together at a cost linear in the block's size.

    The window stretches over every following record whose title starts (or, in the second
    order, ends) with the same letters, as adaptive sorted neighbourhood does over a run of
    duplicates: a paper cited fifty times is a run of fifty look-alikes, compared all with all
    (of copies alike in every field, only the first: see `_signature`).
    Equal titles (each `Assigned Numbers`) are ordered by what places a publication.

    Each block is sorted on its own: one global title order for all blocks, tried, took twice
    as long at a million records (a large block there holds a dozen records on average).
    """
    n = len(items)
    codes: list[int] = []
    signature = {k: _signature(items[k]) for k in members}
    first_alike = _first_alike(members, signature)  # alike copies sort together

    def order(k: int, reverse: bool) -> tuple:
        return (*_neighbour_order(items[k], k, reverse)[:-1], first_alike[signature[k]], k)

    for reverse in (False, True):
        ordered = sorted(members, key=lambda k: order(k, reverse))
        heads = [_head(items[k].title, reverse) for k in ordered]
        _add_window_pairs(codes, ordered, heads, signature, window, n)
    return codes


def _first_alike(members: list[int], signature: dict[int, tuple]) -> dict[tuple, int]:
    """Each signature's first record."""
    first: dict[tuple, int] = {}
    for k in members:
        first.setdefault(signature[k], k)
    return first


def _add_window_pairs(
    codes: list[int],
    ordered: list[int],
    heads: list[str],
    signature: dict[int, tuple],
    window: int,
    n: int,
) -> None:
    """Add the pairs (as i * n + j) of each record and those within `window` places after it,
    or to the end of its run of titles with the same head."""
    for place, i in enumerate(ordered):
        stop = place + 1 + window
        # The first of copies alike in every field speaks for them all: it is compared with
        # the whole run, each other copy with its neighbours, so three hundred copies of one
        # record cost a few pairs each, not three hundred. Copies that differ at all (`1-10`
        # / `1--10`) are compared all with all: a block of 500 is 125k pairs at most.
        first_copy = place == 0 or signature[i] != signature[ordered[place - 1]]
        while first_copy and heads[place] and stop < len(ordered) and heads[stop] == heads[place]:
            stop += 1
        codes += [i * n + j if i < j else j * n + i for j in ordered[place + 1 : stop]]


RUN_LETTERS = 16  # titles starting (ending) with this many same letters make a run


def _signature(item: Features) -> tuple:
    """What makes two records of a run the same record to the matcher: every field, the input
    file (two records of one file are compared differently) and its page owner (an author);
    not the position, line or id. Anything less and the first could speak for a copy it
    differs from: a DOI, an erratum's notice, an abstract's end, a last page."""
    record = item.record
    return (_record_fields(record), record.source.file, record.source.owner)


# Every field but the source, as a tuple (attrgetter of several names: one call in C).
_record_fields = attrgetter(*(f.name for f in dataclass_fields(Record) if f.name != "source"))


def _head(title: str, reverse: bool) -> str:
    letters = title.replace(" ", "")
    if len(letters) < RUN_LETTERS:
        return ""  # a short title: too little to say two copies alike
    return letters[-RUN_LETTERS:] if reverse else letters[:RUN_LETTERS]


def _neighbour_order(item: Features, index: int, reverse: bool) -> tuple:
    return (
        item.title[::-1] if reverse else item.title,
        item.year or 0,
        item.report_number or "",
        item.volume or "",
        item.first_page or "",
        item.abstract[:80],
        index,
    )
