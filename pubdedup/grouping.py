"""Cluster stage, as the pipeline runs it: matches applied in the order that decides ties,
vetoes heeded (unless a typo is forgiven), then the links that explain each paper and the maybe
pairs left for a person. `cluster.py` is the constrained union-find this stage drives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

from pubdedup.apply_decisions import DECIDED_DIFFERENT, DECIDED_SAME, DecidedPairs, match_order
from pubdedup.cluster import cluster
from pubdedup.config import MatchConfig
from pubdedup.earlier_links import EARLIER_MAYBE, left_maybe_before
from pubdedup.earlier_papers import vouched, with_papers
from pubdedup.features import Features
from pubdedup.forgiven import firm_vetoes, forgiving
from pubdedup.model import Link, Record
from pubdedup.score import Comparison, Verdict, earlier_maybe
from pubdedup.thresholds import threshold_of

Scored = tuple[int, int, Comparison]
Pair = tuple[int, int]


@dataclass(frozen=True)
class Context:
    """What the stages after normalise share: the records (in provenance order), their
    features, the settings, a person's decisions, and the records standing for others of this
    run (`followers`: earlier outputs' papers, `--into` entries) with the pairs that tie them to
    the records they list (`named`) or hold today (`holding`)."""

    records: Sequence[Record]
    items: Sequence[Features]
    config: MatchConfig
    decided: DecidedPairs | None
    followers: set[int]
    named: list[Pair]
    holding: set[Pair]


@dataclass(frozen=True)
class Grouping:
    """Which paper (group) each record is in, and the pairs that put it there."""

    context: Context
    groups: list[list[int]]
    group_of: dict[int, int]
    matches: list[Scored]  # in the order they were applied
    refused: set[Pair]  # matches a veto refused
    forgiven: list[Pair]  # vetoed pairs joined all the same (a typo forgiven)

    def link(self, i: int, j: int, c: Comparison, rule: str | None = None) -> Link:
        """The link between records i and j that comparison c made, with its threshold."""
        records, config = self.context.records, self.context.config
        threshold = threshold_of(c.rule, c.score, c.evidence, config)
        a, b = records[i].source, records[j].source
        return Link(a, b, c.score, rule or c.rule, c.evidence, threshold)

    def papers_of(self, i: int, j: int) -> Pair:
        """The papers (groups) of two records, in one order."""
        a, b = self.group_of[i], self.group_of[j]
        return (a, b) if a <= b else (b, a)


def group_records(context: Context, scored: list[Scored], vetoed: Iterable[Pair]) -> Grouping:
    """The records grouped into papers by their matches, never across a veto (`vetoed`: pairs
    scoring kept without evidence) but one a typo explains."""
    records, named, decided = context.records, context.named, context.decided
    matches = sorted((s for s in scored if s[2].verdict is Verdict.MATCH), key=_order(context))
    # Other versions of one work are other publications: never joined, related instead.
    apart = (Verdict.DISTINCT, Verdict.VERSION)
    vetoes: Iterable[Pair]
    vetoes = chain(((i, j) for i, j, c in scored if c.verdict in apart), vetoed)
    if named:  # an earlier paper's merged values do not part it from its own records
        kept = vouched(named, ((i, j) for i, j, _ in matches))
        decided_apart = {(i, j) for i, j, c in scored if c.rule == DECIDED_DIFFERENT}
        vetoes = (v for v in vetoes if v not in kept or v in decided_apart)
    lifted = forgiving(context.items, matches, context.config, lambda: firm_vetoes(scored))
    forgiven: list[Pair] = []
    # Papers of one earlier output were judged different works by its run: never joined, even
    # through records that were never compared with both (a large block compares neighbours),
    # but by a person's `same` about their records.
    joined = {s for pair in decided.same for s in pair} if decided else set()
    outputs = {k: r.source.file for k, r in enumerate(records) if r.merged}
    outputs = {k: file for k, file in outputs.items() if records[k].source not in joined}
    groups, refused = cluster(
        len(records), [(i, j) for i, j, _ in matches], vetoes, lifted, forgiven, outputs
    )
    group_of = {k: g for g, members in enumerate(groups) for k in members}
    return Grouping(context, groups, group_of, matches, set(refused), forgiven)


def _order(context: Context) -> Callable[[Scored], tuple]:
    """The order matches are applied in: a person's `same` first, then an earlier output's
    paper and the records it lists, then the links among the records one earlier paper lists
    (its run joined them: a stronger link to one of them, made by the paper's merged values,
    took it elsewhere first), then the matcher's strongest."""
    if not context.named:
        return match_order
    together = with_papers(context.named)
    holding = context.holding

    def order(s: Scored) -> tuple:
        decided, strength = match_order(s)
        yesterday = not together.get(s[0], _NO_ONE).isdisjoint(together.get(s[1], _NO_ONE))
        return (decided, (s[0], s[1]) not in holding, not yesterday, strength)

    return order


_NO_ONE: frozenset[int] = frozenset()


def links_within(grouping: Grouping) -> dict[int, list[Link]]:
    """Each paper's links: the matches between its own records."""
    group_of = grouping.group_of
    links: dict[int, list[Link]] = {}
    for i, j, c in grouping.matches:
        if group_of[i] == group_of[j]:
            links.setdefault(group_of[i], []).append(grouping.link(i, j, c))
    return links


def maybe_links(grouping: Grouping, scored: list[Scored]) -> list[Link]:
    """The pairs left for a person: maybes between two papers, and matches a veto refused,
    but none between papers a decision or a version already settles.

    Papers a person's `different` keeps apart: a pair between them is settled, as review
    settles it in the session of the answer (one of them another copy of a decided record).
    So is a match refused between papers that are versions of one work: a preprint joined its
    conference paper, and matches the journal version no less (one arXiv id)."""
    parted: set[Pair] = set()
    versions: set[Pair] = set()
    for i, j, c in scored:
        if c.verdict is Verdict.VERSION:
            versions.add(grouping.papers_of(i, j))
        elif c.rule == DECIDED_DIFFERENT:
            parted.add(grouping.papers_of(i, j))
    group_of = grouping.group_of
    between = [
        (i, j, c)
        for i, j, c in chain(scored, _maybe_beside_versions(grouping, scored))
        if c.verdict is Verdict.MAYBE
        and group_of[i] != group_of[j]
        and grouping.papers_of(i, j) not in parted
    ]
    settled = parted | versions
    refused = [
        (i, j, c)
        for i, j, c in grouping.matches
        if (i, j) in grouping.refused
        and c.rule != DECIDED_SAME  # a conflict, warned about already
        and grouping.papers_of(i, j) not in settled
    ]
    # An earlier run's maybe pair stands for its records' pair: given again, they ask it, as a
    # maybe or as a match refused (one of them the copy of a record of the other's paper).
    asked = {grouping.papers_of(i, j) for i, j, c in between if c.rule != EARLIER_MAYBE}
    asked.update(grouping.papers_of(i, j) for i, j, _ in refused)
    maybe = [
        grouping.link(i, j, c)
        for i, j, c in between
        if c.rule != EARLIER_MAYBE or grouping.papers_of(i, j) not in asked
    ]
    return maybe + [grouping.link(i, j, c, "refused-by-veto") for i, j, c in refused]


def _maybe_beside_versions(grouping: Grouping, scored: list[Scored]) -> list[Scored]:
    """An earlier output's maybe pairs between two of its papers it linked as versions too
    (a record of one a maybe to one of the other, two others versions): read back, the pair
    is compared as versions, and the question was lost. A person's `same` answers it (kept
    apart all the same by `keep_versions`, as their records are)."""
    records = grouping.context.records
    return [
        (i, j, earlier_maybe(c.evidence, *said))
        for i, j, c in scored
        if c.verdict is Verdict.VERSION
        and c.rule != DECIDED_SAME
        and (said := left_maybe_before(records[i], records[j]))
    ]
