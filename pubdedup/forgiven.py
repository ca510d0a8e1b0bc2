"""A typo forgiven once is forgiven for every copy: vetoes the cluster stage need not heed.

A record whose page range, year or volume was mistyped can still match a copy of its paper, when
the rest of its place agrees (one journal, volume and page range, or one identifier) and the
disagreement is waived for that pair. Copies with less to go on (no volume, no pages, or a
title alone) still veto it on the mistyped value, and any one of them keeps the record out of
its paper, which depends on which copies a bibliography happens to hold.

So a veto is lifted when each field it rests on was waived in a match of one of the two records
with a copy carrying the other's very value: that disagreement was judged a typo once already.
A veto resting on anything else (an identifier, a number in the title, a notice) stands, and so
does any veto not of the placement rules (a person's `different`, a version kept apart) and any
veto between two titles that differ.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet

from pubdedup.apply_decisions import DECIDED_DIFFERENT
from pubdedup.config import MatchConfig
from pubdedup.evidence import placement_evidence, title_similarity
from pubdedup.features import Features
from pubdedup.score import Comparison, Verdict
from pubdedup.versions import VERSION_VETOES
from pubdedup.vetoes import veto_of, years_apart

# The fields whose disagreement a match can waive, and the value each compares: of the pages,
# the first, as the matcher compares them (`247-266` and `247-261` are the same pages).
_FIELDS: dict[str, Callable[[Features], object]] = {
    "pages": lambda item: item.first_page,
    "volume": lambda item: item.volume,
    "year": lambda item: item.year,
}


def firm_vetoes(scored: Iterable[tuple[int, int, Comparison]]) -> set[tuple[int, int]]:
    """The vetoed pairs no waiver lifts, both ways round: a person's `different`, and a match
    kept apart as a version (`keep_versions`). (`lifted` judges every other veto by the
    matcher's own rules: those few are all it cannot tell from their evidence. A set of every
    veto would be millions of pairs at a million records.)"""
    firm: set[tuple[int, int]] = set()
    for i, j, c in scored:
        kept = c.verdict is Verdict.VERSION and c.rule not in VERSION_VETOES
        if kept or c.rule == DECIDED_DIFFERENT:
            firm.update(((i, j), (j, i)))
    return firm


def forgiving(
    items: Sequence[Features],
    matches: Iterable[tuple[int, int, Comparison]],
    config: MatchConfig,
    firm_of: Callable[[], AbstractSet[tuple[int, int]]] = frozenset,
) -> Callable[[int, int], bool]:
    """A test of a vetoed pair (i, j): True when every disagreement behind the veto was waived
    in a match of i or j with a copy bearing the other's value, and the pair is not one of the
    `firm_of()` vetoes (asked for only when some match waived something)."""
    waived = _waivers(items, matches, config)
    if not waived:
        return lambda i, j: False
    firm = firm_of()

    def lifted(i: int, j: int) -> bool:
        return (i, j) not in firm and _waived_veto(items, i, j, waived, config)

    return lifted


_Waivers = set[tuple[int, str, object]]  # (record, field, the value it was matched against)


def _waivers(
    items: Sequence[Features], matches: Iterable[tuple[int, int, Comparison]], config: MatchConfig
) -> _Waivers:
    """Each disagreement a match waived, for each of its two records with the other's value."""
    waived: _Waivers = set()
    for i, j, c in matches:
        for name in _disagreements(c.evidence, config):
            value = _FIELDS[name]
            waived.add((i, name, value(items[j])))
            waived.add((j, name, value(items[i])))
    return waived


def _waived_veto(
    items: Sequence[Features], i: int, j: int, waived: _Waivers, config: MatchConfig
) -> bool:
    """Two copies of one title vetoed only on disagreements each waived before."""
    a, b = items[i], items[j]
    if not _one_title(a, b, config):
        return False
    ev = placement_evidence(a, b)
    names = _disagreements(ev, config)
    if not names:
        return False
    for name in names:
        value = _FIELDS[name]
        if (i, name, value(b)) not in waived and (j, name, value(a)) not in waived:
            return False
    return veto_of(a, b, _without(ev, names), config) is None


def _one_title(a: Features, b: Features, config: MatchConfig) -> bool:
    """Two copies of one paper by their titles. A waiver tells a mistyped value, not another
    paper at the waived place: a citation of one paper with its neighbour's pages (`267-284`
    for `247-261`) matches that neighbour by placement, and must not bring both papers into
    one."""
    return bool(a.title and b.title) and title_similarity(a.title, b.title) >= config.title_close


def _disagreements(ev: dict, config: MatchConfig) -> list[str]:
    """The waivable fields two records disagree on, as their evidence shows it."""
    names = [name for name in ("pages", "volume") if ev.get(name) == "different"]
    return [*names, "year"] if years_apart(ev, config) else names


def _without(ev: dict, names: list[str]) -> dict:
    """The evidence as if those fields agreed."""
    ev = dict(ev)
    for name in names:
        if name == "year":
            ev["year_gap"] = 0
        else:
            ev[name] = None
    return ev
