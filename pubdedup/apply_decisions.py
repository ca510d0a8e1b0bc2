"""A person's decisions applied to one run: record pairs forced together or kept apart.

Decisions win over the matcher. `same` records are joined before any matcher link (and through a
matcher veto); `different` records become cannot-links, so no chain of matches joins them either.
A decision naming a record that is not in this run's inputs is a warning: inputs change.
A paper of an earlier output among the inputs follows the decisions about the records it holds.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pubdedup.config import MatchConfig
from pubdedup.decision_records import AMBIGUOUS_RECORD, Lookup, RecordFinder
from pubdedup.decisions import (
    SAME,
    Decision,
    Decisions,
    RecordRef,
)
from pubdedup.earlier_papers import joined_parts, same_groups, with_earlier_papers
from pubdedup.evidence import gather_evidence
from pubdedup.features import Features
from pubdedup.model import Problem, Record, Source
from pubdedup.score import Comparison, Verdict

DECIDED_SAME = "decided-same"
DECIDED_DIFFERENT = "decided-different"

SHOWN_DECISIONS = 5  # the `same` decisions a conflict's warning names
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


def resolve_decisions(decisions: Decisions | None, records: Sequence[Record]) -> DecidedPairs:
    """The pairs of this run's records that the decisions settle."""
    decided = DecidedPairs()
    if decisions is None or not decisions.items:
        return decided
    finder = RecordFinder(records, decisions.path)
    found = [
        (decision, _found_groups(decision, finder, decisions.path, decided.problems))
        for decision in decisions.items
    ]
    found = with_earlier_papers(found, records, decisions.path, decided.problems)
    parted_by: dict[SourcePair, Decision] = {}  # each pair decided different: the first saying so
    for decision, groups in found:
        if decision.verdict != SAME:
            for left, right in itertools.combinations(groups, 2):
                for pair in {ordered(a, b) for a in left for b in right if a != b}:
                    parted_by.setdefault(pair, decision)
    decided.different = set(parted_by)
    joined = joined_parts(same_groups(found))
    decided.same = {ordered(*pair) for part in joined for pair in itertools.combinations(part, 2)}
    part_of = {source: set(part) for part in joined for source in part}
    for a, b in sorted(decided.same & decided.different, key=_pair_order):
        joining = [
            d.number
            for d, groups in found
            if d.verdict == SAME and any(s in part_of[a] for g in groups for s in g)
        ]
        decided.problems.append(_conflict(decisions.path, parted_by[(a, b)], joining, a, b))
    return decided


def _found_groups(
    decision: Decision, finder: RecordFinder, path: str, problems: list[Problem]
) -> list[list[Source]]:
    found_by_ref = [finder.find(ref) for ref in decision.records]
    if _overlap([found.sources for found in found_by_ref]):
        # Two references on one record: an id's look-alike title took one of them (a CSV
        # renumbered: id 2 now holds id 1's `A survey of …`, alike to `A survey on …`). Exact
        # titles decide where they find a record.
        exact = [finder.find(ref, exactly=True) for ref in decision.records]
        found_by_ref = [e if e.sources else f for e, f in zip(exact, found_by_ref, strict=True)]
        found_by_ref = _named_where_named(decision.records, found_by_ref)
    found_by_ref = [
        _one_by_title(r, f) for r, f in zip(decision.records, found_by_ref, strict=True)
    ]
    groups = []
    for found in found_by_ref:
        if found.sources:
            groups.append(list(found.sources))
        else:
            problem = Problem(
                path, decision.line, found.kind, f"decision {decision.number}: {found.why}"
            )
            if problem not in problems:  # two records named alike: one warning says it
                problems.append(problem)
    return groups


def _named_where_named(refs: Sequence[RecordRef], found: list[Lookup]) -> list[Lookup]:
    """Each record two references find in the reference that names it by id (or index) only.

    A reference whose id is gone (a key renamed by the export) finds its record by title, and
    so every record of that title: a conference paper and its journal version, or its preprint,
    that another reference of the decision names by its id. Left in both, a `different` would
    part that record from its own earlier paper (entry), leaving a copy of it for good.
    """
    named = {s for ref, f in zip(refs, found, strict=True) for s in f.sources if _names(ref, s)}
    return [
        replace(f, sources=kept)
        if f.sources and (kept := tuple(s for s in f.sources if _names(ref, s) or s not in named))
        else f
        for ref, f in zip(refs, found, strict=True)
    ]


def _one_by_title(ref: RecordRef, found: Lookup) -> Lookup:
    """A reference whose id (or index) names another record now, found by its title alone,
    names none when that title is several records' of one input (columns such as `Chair's
    Message`, a renumbered CSV): which one was meant is lost, and joining (or parting) them all
    would decide about papers no one looked at."""
    if not found.by_title:
        return found
    per_file = Counter(source.file for source in found.sources)
    file, count = per_file.most_common(1)[0]
    if count < 2:
        return found
    named = "id" if ref.id is not None else "index"
    why = (
        f"{ref.describe()}: its {named} no longer names that title, which "
        f"names {count} records in {file}; left out"
    )
    return Lookup(kind=AMBIGUOUS_RECORD, why=why)


def _names(ref: RecordRef, source: Source) -> bool:
    """Whether the reference names the record by its id, or by its index where it has no id."""
    if ref.id is not None:
        return source.id == ref.id
    return ref.index is not None and source.id is None and source.index == ref.index


def _overlap(groups: list[tuple[Source, ...]]) -> bool:
    seen: set[Source] = set()
    for group in groups:
        if seen & set(group):
            return True
        seen |= set(group)
    return False


def _pair_order(pair: SourcePair) -> tuple:
    return (pair[0].sort_key, pair[1].sort_key)


def _conflict(path: str, parted: Decision, joining: list[int], a: Source, b: Source) -> Problem:
    """Two records decided `different` (by `parted`) and `same` (by the `joining` decisions,
    through a chain of them perhaps), at the line of the `different` one."""
    shown = ", ".join(map(str, joining[:SHOWN_DECISIONS]))
    shown += ", ..." if len(joining) > SHOWN_DECISIONS else ""
    return Problem(
        path,
        parted.line,
        "decision-conflict",
        f"decision {parted.number}: {_label(a)} and {_label(b)} are decided different here and "
        f"the same by decision{'s' if len(joining) > 1 else ''} {shown}; kept apart",
    )


def _label(source: Source) -> str:
    """A record as a decision names it: its id in its file, else its index."""
    named = f"id {source.id}" if source.id is not None else f"#{source.index}"
    return f"{source.file} {named}"


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
