"""The whole job in one place: normalise, candidates, score, cluster, merge, keys."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pubdedup.candidates import candidate_pairs
from pubdedup.cluster import cluster
from pubdedup.config import MatchConfig
from pubdedup.features import Features, features_of
from pubdedup.keys import assign_keys
from pubdedup.merge import merge_records
from pubdedup.model import Link, Paper, Problem, Record
from pubdedup.readers import ParsedInput
from pubdedup.score import Comparison, Verdict, compare


@dataclass(slots=True)
class Result:
    """Everything a writer or a summary needs."""

    papers: list[Paper]
    maybe: list[Link]
    problems: list[Problem]
    inputs: list[ParsedInput] = field(default_factory=list)
    config: MatchConfig = field(default_factory=MatchConfig)

    @property
    def record_count(self) -> int:
        """How many input records went in (each is in exactly one paper)."""
        return sum(len(p.records) for p in self.papers)


def run(inputs: Sequence[ParsedInput], config: MatchConfig | None = None) -> Result:
    """Deduplicate the records of all inputs into papers."""
    config = config or MatchConfig()
    records = [r for parsed in inputs for r in parsed.records]
    problems = sorted((p for parsed in inputs for p in parsed.problems), key=_problem_order)
    papers, maybe = deduplicate(records, config)
    return Result(papers, maybe, problems, list(inputs), config)


def deduplicate(records: Sequence[Record], config: MatchConfig) -> tuple[list[Paper], list[Link]]:
    """Papers (sorted by key) and the maybe links left for review."""
    # Sorting by provenance first makes every later step independent of input order.
    records = sorted(records, key=lambda r: r.source.sort_key)
    items = with_title_counts([features_of(r) for r in records])
    scored: list[tuple[int, int, Comparison]] = []
    for i, j in candidate_pairs(items, config):
        comparison = compare(items[i], items[j], config)
        if comparison.verdict is not Verdict.NONE:
            scored.append((i, j, comparison))
    matches = sorted(
        (s for s in scored if s[2].verdict is Verdict.MATCH), key=lambda s: -s[2].score
    )
    vetoes = [(i, j) for i, j, c in scored if c.verdict is Verdict.DISTINCT]
    groups, refused = cluster(len(records), [(i, j) for i, j, _ in matches], vetoes)
    group_of = {k: g for g, members in enumerate(groups) for k in members}

    def link(i: int, j: int, c: Comparison) -> Link:
        return Link(records[i].source, records[j].source, c.score, c.rule, c.evidence)

    links: dict[int, list[Link]] = {}
    for i, j, c in matches:
        if group_of[i] == group_of[j]:
            links.setdefault(group_of[i], []).append(link(i, j, c))
    maybe = [
        link(i, j, c)
        for i, j, c in scored
        if c.verdict is Verdict.MAYBE and group_of[i] != group_of[j]
    ]
    refused_set = set(refused)
    maybe += [
        link(i, j, Comparison(Verdict.MAYBE, "refused-by-veto", c.score, c.evidence))
        for i, j, c in matches
        if (i, j) in refused_set
    ]
    papers = [
        merge_records([records[k] for k in g], links.get(n, ())) for n, g in enumerate(groups)
    ]
    assign_keys(papers)
    papers.sort(key=lambda p: p.key)
    maybe.sort(key=lambda m: (-m.score, m.a.sort_key, m.b.sort_key))
    return papers, maybe


def with_title_counts(items: list[Features]) -> list[Features]:
    """Features knowing how often their title recurs within one input (columns, editorials).

    Counted per input: copies of one paper in several inputs are what we look for, but one
    bibliography listing a title three times lists three works.
    """
    per_input = Counter((item.record.source.file, item.title) for item in items if item.title)
    recurring = Counter[str]()
    for (_, title), count in per_input.items():
        recurring[title] = max(recurring[title], count)
    return [
        replace(item, title_count=recurring[item.title]) if recurring[item.title] > 1 else item
        for item in items
    ]


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.kind, problem.message)
