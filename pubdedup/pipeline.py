"""The whole job in one place: normalise, candidates, score, cluster, merge, keys."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter

from pubdedup import collector, forked
from pubdedup.apply_decisions import (
    DECIDED_DIFFERENT,
    DECIDED_SAME,
    DecidedPairs,
    resolve_decisions,
    with_decisions,
)
from pubdedup.candidates import candidate_pairs
from pubdedup.config import MatchConfig
from pubdedup.decisions import Decisions
from pubdedup.earlier_links import earlier_pairs
from pubdedup.earlier_papers import following, holding_pairs, named_pairs, one_copy_each
from pubdedup.features import Features, features_of
from pubdedup.grouping import Context, Grouping, Scored, group_records, links_within, maybe_links
from pubdedup.keys import assign_keys
from pubdedup.merge import in_merge_order, merge_records
from pubdedup.model import Link, Paper, Problem, Record, Related, Source
from pubdedup.readers import ParsedInput
from pubdedup.score import Comparison, Verdict, compare, list_of
from pubdedup.scoring import Progress, score_pairs
from pubdedup.versions import is_preprint_version


@dataclass(slots=True)
class Result:
    """Everything a writer or a summary needs."""

    papers: list[Paper]
    maybe: list[Link]
    problems: list[Problem]
    inputs: list[ParsedInput] = field(default_factory=list)
    config: MatchConfig = field(default_factory=MatchConfig)
    stats: dict[str, int] = field(default_factory=dict)  # records, candidate_pairs, scored_pairs
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds, in stage order

    @property
    def record_count(self) -> int:
        """How many input records went in (each is in exactly one paper)."""
        return sum(len(p.records) for p in self.papers)

    def paper_of(self) -> dict[Source, int]:
        """Each record's paper, by its source: the paper's index in `papers`."""
        return {r.source: n for n, p in enumerate(self.papers) for r in p.records}

    def maybe_questions(self) -> int:
        """How many pairs of papers the maybe pairs of records are between: what `review`
        asks at most (two copies of one paper against a third record are two pairs, one
        question)."""
        paper_of = self.paper_of()
        return len({frozenset((paper_of[m.a], paper_of[m.b])) for m in self.maybe})


def run(
    inputs: Sequence[ParsedInput],
    config: MatchConfig | None = None,
    decisions: Decisions | None = None,
    progress: Progress | None = None,
) -> Result:
    """Deduplicate the records of all inputs into papers, a person's decisions first.

    `progress(stage, done, total)`, if given, is called as the long stages advance.
    """
    config = config or MatchConfig()
    records = [r for parsed in inputs for r in parsed.records]
    decided = resolve_decisions(decisions, records)
    problems = [p for parsed in inputs for p in parsed.problems] + decided.problems
    problems.sort(key=_problem_order)
    stats: dict[str, int] = {}
    timings: dict[str, float] = {}
    with collector.paused():
        papers, maybe = deduplicate(
            records, config, decided, progress=progress, stats=stats, timings=timings
        )
    return Result(papers, maybe, problems, list(inputs), config, stats, timings)


def deduplicate(
    records: Sequence[Record],
    config: MatchConfig,
    decided: DecidedPairs | None = None,
    *,
    progress: Progress | None = None,
    stats: dict[str, int] | None = None,
    timings: dict[str, float] | None = None,
) -> tuple[list[Paper], list[Link]]:
    """Papers (sorted by key) and the maybe links left for review; decided pairs as decided.

    `stats`, if given, receives the counts of records, candidate pairs and scored pairs;
    `timings` each stage's seconds (normalise, candidates, score, cluster, merge).
    """
    lap = Stopwatch(timings)
    # Sorting by provenance first makes every later step independent of input order.
    records = sorted(records, key=lambda r: r.source.sort_key)
    followers = following(records)
    items = with_title_counts(_features(records, progress), followers)
    lap("normalise")
    if progress:
        progress("candidates", 0, 0)
    named = named_pairs(records)
    holding = holding_pairs(records, named)
    context = Context(records, items, config, decided, followers, named, holding)
    pairs = candidate_pairs(items, config, followers, holding | earlier_pairs(records))
    lap("candidates")
    # A person's decision about a vetoed pair keeps the veto's evidence; else none is needed.
    has_decisions = decided is not None and bool(decided.same or decided.different)
    found = score_pairs(items, pairs, config, progress, veto_evidence=has_decisions)
    lap("score")
    if stats is not None:
        stats.update(records=len(records), candidate_pairs=len(pairs), scored_pairs=len(found))
    del pairs
    scored = _heeded(context, found.said)
    grouping = group_records(context, scored, found.vetoed)
    del found
    links = links_within(grouping)
    maybe = maybe_links(grouping, scored)
    lap("cluster")
    papers = _papers(grouping, scored, links, progress)
    maybe.sort(key=lambda m: (-m.score, m.a.sort_key, m.b.sort_key))
    lap("merge")
    return papers, maybe


def _heeded(context: Context, said: list[Scored]) -> list[Scored]:
    """The scored pairs as this run heeds them: a person's decisions, versions kept apart with
    `keep_versions`, and records standing for others (earlier papers, library entries) joined
    through the records they list only, one copy each."""
    items, followers = context.items, context.followers
    scored = with_decisions(context.decided, items, said, context.config)
    if context.config.keep_versions:
        scored = [(i, j, kept_version(items[i], items[j], c)) for i, j, c in scored]
    if len(followers) > 1:
        scored = [s for s in scored if not _between_followers(s, followers)]
    if followers:
        scored = one_copy_each(scored, context.records, context.holding)
    return scored


def _papers(
    grouping: Grouping,
    scored: list[Scored],
    links: dict[int, list[Link]],
    progress: Progress | None,
) -> list[Paper]:
    """One merged paper per group, keyed and sorted by key, with the typos forgiven in it and
    the papers it is another version of, or a person keeps apart from it."""
    context, group_of = grouping.context, grouping.group_of
    papers = _merge(context.records, grouping.groups, links, progress)
    for i, j in sorted((min(pair), max(pair)) for pair in grouping.forgiven):
        if group_of[i] == group_of[j]:
            forgiven = forgiven_link(context.items[i], context.items[j], context.config)
            papers[group_of[i]].forgiven.append(forgiven)
    assign_keys(papers)
    for i, j, c in _apart_first_by_records(scored, context.records, group_of):
        if c.verdict is Verdict.VERSION:
            relate(papers[group_of[i]], papers[group_of[j]], grouping.link(i, j, c))
        elif c.rule == DECIDED_DIFFERENT:
            relate(papers[group_of[i]], papers[group_of[j]], grouping.link(i, j, c), parted=True)
    papers.sort(key=lambda p: p.key)
    return papers


def _apart_first_by_records(
    scored: list[Scored], records: Sequence[Record], group_of: dict[int, int]
) -> list[Scored]:
    """The pairs between two papers that are versions or a person parted, a link between
    records of this run before one between two earlier papers standing for them: that is the
    evidence shown, one link per pair of papers."""
    apart = [
        s
        for s in scored
        if group_of[s[0]] != group_of[s[1]]
        and (s[2].verdict is Verdict.VERSION or s[2].rule == DECIDED_DIFFERENT)
    ]
    return sorted(apart, key=lambda s: records[s[0]].merged and records[s[1]].merged)


def _between_followers(scored: tuple[int, int, Comparison], followers: set[int]) -> bool:
    """A match or maybe between two records that follow records of this run (a person's
    `same` aside)."""
    i, j, c = scored
    close = c.verdict in (Verdict.MATCH, Verdict.MAYBE) and c.rule != DECIDED_SAME
    return close and i in followers and j in followers


class Stopwatch:
    """Adds the seconds since the last lap to `timings[stage]` (a no-op without `timings`)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now


def kept_version(a: Features, b: Features, c: Comparison) -> Comparison:
    """A preprint and its published paper, matched, as versions kept apart (`keep_versions`)."""
    if c.verdict is Verdict.MATCH and is_preprint_version(a, b):
        return replace(c, verdict=Verdict.VERSION)
    return c


def forgiven_link(a: Features, b: Features, config: MatchConfig) -> Link:
    """Two records of one paper whose veto was lifted (a typo forgiven), with the veto's rule
    and full evidence: what `explain` shows of a paper beside its links."""
    c = compare(a, b, config)
    evidence = {**c.evidence, "veto": c.rule}
    return Link(a.record.source, b.record.source, 0.0, "typo-forgiven", evidence, None)


def relate(a: Paper, b: Paper, link: Link, *, parted: bool = False) -> None:
    """Record that two papers are versions of one work (kept apart by `keep_versions`), or with
    `parted` that a person's decision keeps them apart: one link per pair of papers."""
    of_a, of_b = (a.parted, b.parted) if parted else (a.related, b.related)
    if all(r.key != b.key for r in of_a):
        of_a.append(Related(b.key, link))
        of_b.append(Related(a.key, link))


FEATURE_SLICE = 5000  # records per task: progress ticks, and a worker's answer stays small
_VALUES = [f.name for f in fields(Features)][1:]  # a Features without its record, in order
_values_of = attrgetter(*_VALUES)  # a Features' values as a tuple, in C


def _features(records: Sequence[Record], progress: Progress | None) -> list[Features]:
    """The features of every record, on every core for a large input, in record order."""
    n = len(records)
    slices = forked.slices(n, FEATURE_SLICE)

    def here(bounds: tuple[int, int]) -> list[Features]:
        return list(map(features_of, records[bounds[0] : bounds[1]]))

    def received(bounds: tuple[int, int], answer: list[tuple]) -> list[Features]:
        # A worker sends the values only: the parent's own records are attached again.
        return [Features(records[k], *v) for k, v in zip(range(*bounds), answer, strict=True)]

    workers = forked.workers_for(n, forked.PARALLEL_MIN_RECORDS)
    parts = forked.interleaved(slices, here, _remote_features, records, workers, received)
    return _joined(slices, parts, "normalise", progress)


def _remote_features(bounds: tuple[int, int]) -> list[tuple]:
    """In a worker: the features of a slice of the shared records, as tuples of values."""
    records = forked.shared()
    return list(map(_values_of, map(features_of, records[bounds[0] : bounds[1]])))


MERGE_SLICE = 5000  # groups per task: progress ticks, and a worker's answer stays small


def _merge(
    records: Sequence[Record],
    groups: list[list[int]],
    links: dict[int, list[Link]],
    progress: Progress | None,
) -> list[Paper]:
    """One paper per group of records, on every core for many groups, in group order."""
    slices = forked.slices(len(groups), MERGE_SLICE)

    def here(bounds: tuple[int, int]) -> list[Paper]:
        return [_paper(records, groups, links, n) for n in range(*bounds)]

    def received(bounds: tuple[int, int], answer: list[Paper]) -> list[Paper]:
        # A worker sends its papers without their records and links: the parent's own are
        # attached again, in the order the paper keeps them.
        for n, paper in zip(range(*bounds), answer, strict=True):
            paper.records, paper.links = in_merge_order(
                (records[k] for k in groups[n]), links.get(n, ())
            )
        return answer

    workers = forked.workers_for(len(groups), forked.PARALLEL_MIN_RECORDS)
    shared = (records, groups, links)
    parts = forked.interleaved(slices, here, _remote_merge, shared, workers, received)
    return _joined(slices, parts, "merge", progress)


def _paper(
    records: Sequence[Record], groups: list[list[int]], links: dict[int, list[Link]], n: int
) -> Paper:
    return merge_records([records[k] for k in groups[n]], links.get(n, ()))


def _remote_merge(bounds: tuple[int, int]) -> list[Paper]:
    """In a worker: the papers of a slice of the shared groups, without records and links."""
    records, groups, links = forked.shared()
    papers = [_paper(records, groups, links, n) for n in range(*bounds)]
    for paper in papers:
        paper.records, paper.links = [], []
    return papers


def _joined(
    slices: list[tuple[int, int]], parts: Iterator[list], stage: str, progress: Progress | None
) -> list:
    """The slices' results as one list, in order, progress told as each slice comes in."""
    total = slices[-1][1] if slices else 0
    joined: list = []
    for (_, stop), part in zip(slices, parts, strict=True):
        joined += part
        if progress:
            progress(stage, stop, total)
    return joined


def with_title_counts(
    items: list[Features], followers: AbstractSet[int] = frozenset()
) -> list[Features]:
    """Features knowing how often their title recurs within one input as a column does.

    Counted per input (per page, of pages piped in one: `list_of`): copies of one paper in
    several inputs are what we look for, but one
    bibliography listing a title three times in several years lists three works (`Editor's
    notes`, `Assigned Numbers`). Copies that all carry one year are one work cited again and
    again (a citation list, a bibliography never deduplicated), and do not count; copies with
    no year at all may be either, and count. Nor do `followers` (entries of an `--into`
    library, papers of earlier outputs, standing for records of this run), whose records
    count in their own inputs: a library's third entry of a short title (a copy pasted in)
    made the title a column's, its entries lost their page's records, which were added again
    as new entries, one more copy each run.
    """
    counted = [item for k, item in enumerate(items) if item.title and k not in followers]
    copies = Counter((list_of(item), item.title) for item in counted)
    years: dict[tuple, set[int]] = defaultdict(set)  # of repeated titles only
    for item in counted:
        where = (list_of(item), item.title)
        if item.title and copies[where] > 1 and item.record.year is not None:
            years[where].add(item.record.year)
    recurring = Counter[str]()
    for (inputs, title), count in copies.items():
        if count > 1 and len(years.get((inputs, title), ())) != 1:
            recurring[title] = max(recurring[title], count)
    return [
        replace(item, title_count=recurring[item.title]) if recurring[item.title] > 1 else item
        for item in items
    ]


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.kind, problem.message)
