"""A person's decisions applied to one run: record pairs forced together or kept apart.

Decisions win over the matcher. `same` records are joined before any matcher link (and through a
matcher veto); `different` records become cannot-links, so no chain of matches joins them either.
A decision naming a record that is not in this run's inputs is a warning: inputs change.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pubdedup.cluster import ConstrainedUnionFind
from pubdedup.config import MatchConfig
from pubdedup.decisions import SAME, Decision, Decisions, RecordRef, base_name
from pubdedup.evidence import gather_evidence
from pubdedup.features import Features
from pubdedup.model import Problem, Record, Source
from pubdedup.normalize import match_text
from pubdedup.score import Comparison, Verdict

DECIDED_SAME = "decided-same"
DECIDED_DIFFERENT = "decided-different"

SourcePair = tuple[Source, Source]
Scored = tuple[int, int, Comparison]


@dataclass(slots=True)
class DecidedPairs:
    """The record pairs a person decided, and warnings about decisions that did not apply."""

    same: set[SourcePair] = field(default_factory=set)
    different: set[SourcePair] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def __contains__(self, pair: SourcePair) -> bool:
        key = ordered(*pair)
        return key in self.same or key in self.different


def ordered(a: Source, b: Source) -> SourcePair:
    """A pair in one canonical order, so (a, b) and (b, a) are one key."""
    return (a, b) if a.sort_key <= b.sort_key else (b, a)


class RecordFinder:
    """Finds the records a RecordRef names: by id, then index, then title or abstract start."""

    def __init__(self, records: Iterable[Record]):
        self.records = list(records)
        self.by_id: dict[tuple[str, str], list[Record]] = defaultdict(list)
        self.by_index: dict[tuple[str, int], Record] = {}
        for record in self.records:
            name = base_name(record.source.file)
            if record.source.id is not None:
                self.by_id[(name, record.source.id)].append(record)
            self.by_index[(name, record.source.index)] = record
        self._texts: list[tuple[str, str, str, Record]] | None = None

    def find(self, ref: RecordRef) -> list[Source]:
        """Sources of every record the reference names (none when it names no input record)."""
        file = base_name(ref.file) if ref.file else None
        if file and ref.id is not None and (file, ref.id) in self.by_id:
            return [r.source for r in self.by_id[(file, ref.id)]]
        at_index = self.by_index.get((file, ref.index)) if file and ref.index is not None else None
        # An index alone is trusted; with a title, the title must agree, else the page has gained
        # or lost entries since the decision was made and the title finds the record instead.
        if at_index and (not (ref.title or ref.abstract) or self._matches(at_index, ref)):
            return [at_index.source]
        return [r.source for r in self._by_text(ref, file)]

    def _by_text(self, ref: RecordRef, file: str | None) -> list[Record]:
        if not (ref.title or ref.abstract):
            return []
        if self._texts is None:  # normalised once, however many decisions look records up
            self._texts = [
                (base_name(r.source.file), match_text(r.title), match_text(r.abstract), r)
                for r in self.records
            ]
        title, start = match_text(ref.title), match_text(ref.abstract)
        if not (title or start):  # "!!!" normalises to nothing, which must not match everything
            return []
        return [
            record
            for name, record_title, record_abstract, record in self._texts
            if (file is None or name == file)
            and (record_title == title if title else record_abstract.startswith(start))
        ]

    def _matches(self, record: Record, ref: RecordRef) -> bool:
        title, start = match_text(ref.title), match_text(ref.abstract)
        if title:
            return match_text(record.title) == title
        return bool(start) and match_text(record.abstract).startswith(start)


def resolve_decisions(decisions: Decisions | None, records: Sequence[Record]) -> DecidedPairs:
    """The pairs of this run's records that the decisions settle."""
    decided = DecidedPairs()
    if decisions is None or not decisions.items:
        return decided
    finder = RecordFinder(records)
    same_groups: list[list[Source]] = []
    for decision in decisions.items:
        groups = _found_groups(decision, finder, decisions.path, decided.problems)
        if decision.verdict == SAME:
            same_groups.append([s for g in groups for s in g])
        else:
            for left, right in itertools.combinations(groups, 2):
                decided.different |= {ordered(a, b) for a in left for b in right if a != b}
    decided.same = _closure(same_groups)
    for a, b in sorted(decided.same & decided.different, key=_pair_order):
        decided.problems.append(_conflict(decisions.path, a, b))
    return decided


def _closure(groups: list[list[Source]]) -> set[SourcePair]:
    """Every pair of records joined by overlapping `same` groups.

    Same is transitive: with every pair inside a joined group decided, no veto can split it.
    """
    sources = sorted({s for g in groups for s in g}, key=lambda s: s.sort_key)
    position = {s: k for k, s in enumerate(sources)}
    joined = ConstrainedUnionFind(len(sources))
    for group in groups:
        for other in group[1:]:
            joined.union(position[group[0]], position[other])
    return {ordered(sources[i], sources[j]) for g in joined.groups() for i, j in _pairs(g)}


def _found_groups(
    decision: Decision, finder: RecordFinder, path: str, problems: list[Problem]
) -> list[list[Source]]:
    groups = []
    for ref in decision.records:
        found = finder.find(ref)
        if found:
            groups.append(found)
        else:
            problems.append(
                Problem(
                    path,
                    decision.line,
                    "decision-unknown-record",
                    f"decision {decision.number}: no input record matches {ref.describe()}; "
                    "left out",
                )
            )
    return groups


def _pairs(group: Sequence[int]) -> Iterable[tuple[int, int]]:
    return itertools.combinations(group, 2)


def _pair_order(pair: SourcePair) -> tuple:
    return (pair[0].sort_key, pair[1].sort_key)


def _conflict(path: str, a: Source, b: Source) -> Problem:
    return Problem(
        path,
        None,
        "decision-conflict",
        f"{a.file} #{a.index} and {b.file} #{b.index} are decided both same and different; "
        "kept apart",
    )


def with_decisions(
    decided: DecidedPairs | None,
    items: Sequence[Features],
    scored: list[Scored],
    config: MatchConfig,
) -> list[Scored]:
    """The matcher's scored pairs with every decided pair's verdict replaced by the person's."""
    if decided is None or not (decided.same or decided.different):
        return scored
    position = {item.record.source: k for k, item in enumerate(items)}
    matcher = {(min(i, j), max(i, j)): c for i, j, c in scored}

    def forced(pairs: set[SourcePair], verdict: Verdict, rule: str, score: float) -> list[Scored]:
        found = [(position[a], position[b]) for a, b in pairs if a in position and b in position]
        comparisons = []
        for i, j in sorted((min(p), max(p)) for p in found):
            evidence = _evidence(items[i], items[j], matcher.get((i, j)), config)
            comparisons.append((i, j, Comparison(verdict, rule, score, evidence)))
        return comparisons

    undecided = [
        (i, j, c)
        for i, j, c in scored
        if (items[i].record.source, items[j].record.source) not in decided
    ]
    same = forced(decided.same - decided.different, Verdict.MATCH, DECIDED_SAME, 1.0)
    different = forced(decided.different, Verdict.DISTINCT, DECIDED_DIFFERENT, 0.0)
    return same + different + undecided


def _evidence(
    a: Features, b: Features, matcher: Comparison | None, config: MatchConfig
) -> dict[str, float | int | str | None]:
    """A decided pair's field comparisons, and what the matcher would have said (to audit it)."""
    evidence = dict(matcher.evidence) if matcher else gather_evidence(a, b, config)
    if matcher:
        evidence |= {
            "matcher_verdict": matcher.verdict.value,
            "matcher_rule": matcher.rule,
            "matcher_score": round(matcher.score, 4),
        }
    return evidence


def match_order(scored: Scored) -> tuple[bool, float]:
    """Order matches are applied in: a person's `same` first, then the matcher's strongest."""
    return (scored[2].rule != DECIDED_SAME, -scored[2].score)
