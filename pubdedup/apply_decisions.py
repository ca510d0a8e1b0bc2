"""A person's decisions applied to one run: record pairs forced together or kept apart.

Decisions win over the matcher. `same` records are joined before any matcher link (and through a
matcher veto); `different` records become cannot-links, so no chain of matches joins them either.
A decision naming a record that is not in this run's inputs is a warning: inputs change.
A paper of an earlier output among the inputs follows the decisions about the records it holds.
"""

from __future__ import annotations

import itertools
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pubdedup.cluster import ConstrainedUnionFind
from pubdedup.config import MatchConfig
from pubdedup.decisions import (
    ABSTRACT_WORDS,
    SAME,
    Decision,
    Decisions,
    RecordRef,
    base_name,
    decisions_dir,
    relative_path,
)
from pubdedup.evidence import gather_evidence, title_similarity
from pubdedup.features import Features, title_numbers
from pubdedup.model import Problem, Record, Source
from pubdedup.normalize import match_text
from pubdedup.score import Comparison, Verdict
from pubdedup.title_words import numbers_conflict

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


_SAME_TITLE = MatchConfig().title_match
UNKNOWN_RECORD = "decision-unknown-record"
AMBIGUOUS_RECORD = "decision-ambiguous-record"
CHANGED_RECORD = "decision-changed-record"
SHOWN_INPUTS = 3  # inputs an ambiguous reference's warning names


@dataclass(frozen=True, slots=True)
class Lookup:
    """What a reference names in this run: its records' sources, or why none (a problem kind)."""

    sources: tuple[Source, ...] = ()
    kind: str = UNKNOWN_RECORD
    why: str = ""


class RecordFinder:
    """Finds the records a RecordRef names.

    Its `file` is matched by base name (inputs move); when several inputs have that name, its
    directories choose: the input at that path from the decisions file, else those sharing the
    most trailing directories with it. In each such input a record is found by id, else by index,
    and must still carry the reference's title (or abstract start), else the title finds it (a
    renumbered CSV, a page that gained entries). A reference naming records in several inputs is
    ambiguous, and one whose id now names another paper has changed: both name none.
    """

    def __init__(self, records: Iterable[Record], decisions_path: str):
        self.records = list(records)
        self.decisions_path = decisions_path
        self.base = decisions_dir(decisions_path)  # where the paths in it start
        self.inputs: dict[str, list[str]] = defaultdict(list)  # base name -> input files
        self.by_id: dict[tuple[str, str], list[Record]] = defaultdict(list)
        self.by_index: dict[tuple[str, int], Record] = {}
        for record in self.records:
            file = record.source.file
            if file not in self.inputs[base_name(file)]:
                self.inputs[base_name(file)].append(file)
            if record.source.id is not None:
                self.by_id[(file, record.source.id)].append(record)
            self.by_index[(file, record.source.index)] = record
        self._texts: list[tuple[str, str, str, Record]] | None = None

    def find(self, ref: RecordRef, *, exactly: bool = False) -> Lookup:
        """The sources of every record the reference names, or why it names none."""
        if not ref.file:  # a title alone names every record that has it
            return Lookup(tuple(r.source for r in self._by_text(ref, None)))
        found: dict[str, list[Record]] = {}
        by_title: set[str] = set()  # inputs where only the title found the record
        changed: list[Record] = []
        for file in self._files(ref.file):
            records, now, named = self._in_file(ref, file, exactly)
            if records:
                found[file] = records
                if not named:
                    by_title.add(file)
            changed += now
        if len(found) > len(by_title) > 0:  # the id (or index) named it: that input wins
            found = {file: records for file, records in found.items() if file not in by_title}
        places = {_place(file) for file in found}
        if len(places) > 1:
            return Lookup(kind=AMBIGUOUS_RECORD, why=self._ambiguous(ref, sorted(found)))
        if found:
            return Lookup(tuple(r.source for records in found.values() for r in records))
        if changed:
            record = changed[0]
            now = repr(_shortened(record.title or record.abstract or "untitled"))
            why = f"{ref.describe()} is now {now} in {record.source.file}; left out"
            return Lookup(kind=CHANGED_RECORD, why=why)
        return Lookup(why=f"no input record matches {ref.describe()}; left out")

    def _files(self, file: str) -> list[str]:
        """The inputs a reference's file can be: its name's, those its directories fit best."""
        inputs = self.inputs.get(base_name(file), [])
        parts = re.split(r"[\\/]", file)
        if len(inputs) < 2 or len(parts) < 2:  # a base name alone: every input of that name
            return inputs
        target = os.path.normpath(os.path.join(self.base, file.replace("\\", "/")))

        def fit(candidate: str) -> tuple[bool, int]:
            place = _place(candidate)
            return (place == target, _shared_tail(parts, re.split(r"[\\/]", place)))

        best = max(map(fit, inputs))
        return [candidate for candidate in inputs if fit(candidate) == best]

    def _in_file(
        self, ref: RecordRef, file: str, exactly: bool = False
    ) -> tuple[list[Record], list[Record], bool]:
        """The records the reference names in one input, else those its id now names instead;
        and whether its id or index named them (not its title alone). `exactly`: the id's
        record only with the very title."""
        by_id = self.by_id.get((file, ref.id), []) if ref.id is not None else []
        named = by_id
        if not named and ref.index is not None and (file, ref.index) in self.by_index:
            named = [self.by_index[(file, ref.index)]]
        if not (ref.title or ref.abstract):  # an id or index alone is trusted
            return named, [], True
        # The id's record with the title, or with it a little changed (a typo fixed since);
        # not with another part's number (`Part II`: a CSV of ids 1..N renumbered).
        alike = [r for r in named if _carries(r, ref, exactly)]
        if alike:
            return alike, [], True
        # The id or index now names another paper (or none): the title finds the record instead,
        # since a page gains entries (indexes shift) and a CSV of ids 1..N is renumbered.
        found = self._by_text(ref, file)
        return found, ([] if found else by_id), False

    def _ambiguous(self, ref: RecordRef, files: list[str]) -> str:
        shown = ", ".join(files[:SHOWN_INPUTS]) + (", ..." if len(files) > SHOWN_INPUTS else "")
        example = relative_path(files[0], self.decisions_path)
        return (
            f"{ref.describe()} is in {len(files)} inputs ({shown}); left out: "
            f'name the file with its directory, as in file = "{example}"'
        )

    def _by_text(self, ref: RecordRef, file: str | None) -> list[Record]:
        if not (ref.title or ref.abstract):
            return []
        if self._texts is None:  # normalised once, however many decisions look records up
            self._texts = [
                (r.source.file, match_text(r.title), match_text(r.abstract), r)
                for r in self.records
            ]
        title, start = match_text(ref.title), match_text(ref.abstract)
        if not (title or start):  # "!!!" normalises to nothing, which must not match everything
            return []
        return [
            record
            for input_file, record_title, record_abstract, record in self._texts
            if (file is None or input_file == file)
            and (record_title == title if title else record_abstract.startswith(start))
        ]


def _carries(record: Record, ref: RecordRef, exactly: bool = False) -> bool:
    """The record carries the reference's title (or its abstract's start), perhaps with a typo
    fixed since: as alike as the matcher's title_match asks, with no other number in it (`Part
    I` is not `Part II`)."""
    title, start = match_text(ref.title), match_text(ref.abstract)
    if title:
        now = match_text(record.title)
        if now == title or exactly:
            return now == title
        conflict = numbers_conflict(title_numbers(now), title_numbers(title))
        return not conflict and title_similarity(now, title) >= _SAME_TITLE
    return bool(start) and match_text(record.abstract).startswith(start)


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
    found = _with_earlier_papers(found, records, decisions.path, decided.problems)
    for decision, groups in found:
        if decision.verdict != SAME:
            for left, right in itertools.combinations(groups, 2):
                decided.different |= {ordered(a, b) for a in left for b in right if a != b}
    joined = _joined(_same_groups(found))
    decided.same = {ordered(*pair) for part in joined for pair in itertools.combinations(part, 2)}
    for a, b in sorted(decided.same & decided.different, key=_pair_order):
        decided.problems.append(_conflict(decisions.path, a, b))
    return decided


Found = list[tuple[Decision, list[list[Source]]]]  # each decision with its groups of records


def _same_groups(found: Found) -> list[list[Source]]:
    """The records of each `same` decision, as one group."""
    return [[s for g in groups for s in g] for d, groups in found if d.verdict == SAME]


def _joined(groups: list[list[Source]]) -> list[list[Source]]:
    """The records of overlapping `same` groups joined into one part each.

    Same is transitive: with every pair inside a joined part decided, no veto can split it.
    """
    sources = sorted({s for g in groups for s in g}, key=lambda s: s.sort_key)
    position = {s: k for k, s in enumerate(sources)}
    joined = ConstrainedUnionFind(len(sources))
    for group in groups:
        for other in group[1:]:
            joined.union(position[group[0]], position[other])
    return [[sources[k] for k in part] for part in joined.groups()]


SPLIT_EARLIER_PAPER = "decision-splits-earlier-paper"


def _with_earlier_papers(
    found: Found, records: Sequence[Record], path: str, problems: list[Problem]
) -> Found:
    """The decided groups, each with the papers of earlier outputs that hold its records.

    Such a paper is one record here, built from records a person now decides about: left out,
    it would stay a paper of its own beside theirs, and for good, since papers of one output
    are never joined again. One that holds records the decisions put in different papers
    cannot follow them all: it is left to the matcher, with a warning.
    """
    holders = _holders(records, {s for _, groups in found for g in groups for s in g})
    if not holders:  # no earlier output among the inputs, or none holds a decided record
        return found
    torn = _torn(found, holders)
    for paper, (a, b) in sorted(torn.items(), key=lambda item: item[0].sort_key):
        problems.append(_split_paper(path, paper, a, b))

    def following(group: list[Source]) -> list[Source]:
        papers = [p for s in group for p in holders.get(s, ()) if p not in torn]
        return list(dict.fromkeys([*group, *papers]))

    return [(decision, [following(g) for g in groups]) for decision, groups in found]


def _holders(records: Sequence[Record], decided: set[Source]) -> dict[Source, list[Source]]:
    """For each decided record, the earlier outputs' papers that list it in their `sources`.

    A paper names its records as its run saw them: by base name and id (else index), the title
    (or abstract start) still agreeing, as a decision's reference names a record (an id reused
    for another paper since names another record). Only records of other formats are named
    so: an earlier output's key names another paper in each output.
    """
    record_of = {r.source: r for r in records if r.source in decided and not r.merged}
    by_name: dict[tuple, list[Source]] = defaultdict(list)
    for source in record_of:
        by_name[_held_name(source)].append(source)
    holders: dict[Source, list[Source]] = defaultdict(list)
    for paper in records:
        for held in paper.held:
            source = _named(held, by_name.get(_held_name(held), []))
            if source is None or paper.source in holders.get(source, ()):
                continue
            if _still_held(record_of[source], paper):
                holders[source].append(paper.source)
    return holders


def _still_held(record: Record, paper: Record) -> bool:
    """The record is still one the paper was built from: their titles agree, else their
    abstracts' starts. A text the paper lacks was not in it (merging keeps a title, an
    abstract); with no text on either side the name alone is trusted, as in a decision."""
    if bool(record.title) > bool(paper.title) or bool(record.abstract) > bool(paper.abstract):
        return False
    if record.title:
        return _carries(record, RecordRef(title=paper.title))
    if record.abstract and paper.abstract:
        start = " ".join(paper.abstract.split()[:ABSTRACT_WORDS])
        return _carries(record, RecordRef(abstract=start))
    return True


def _held_name(source: Source) -> tuple:
    """How a paper's `sources` name a record: base name and id, else base name and index."""
    name = base_name(source.file)
    return (name, "id", source.id) if source.id else (name, "index", source.index)


def _named(held: Source, candidates: list[Source]) -> Source | None:
    """The one decided record a paper's source names: the one of its name, else the one at
    its path (`p1/refs.bib`, `p2/refs.bib`)."""
    if len(candidates) > 1:
        candidates = [c for c in candidates if _place(c.file) == _place(held.file)]
    return candidates[0] if len(candidates) == 1 else None


def _torn(found: Found, holders: dict[Source, list[Source]]) -> dict[Source, SourcePair]:
    """The earlier papers holding two records the decisions put in different papers, each with
    one such pair."""
    part = {s: k for k, joined in enumerate(_joined(_same_groups(found))) for s in joined}

    def parts(a: Source, b: Source) -> frozenset:
        return frozenset((part.get(a, a), part.get(b, b)))  # a record in no part is its own

    apart = {
        parts(a, b)
        for decision, groups in found
        if decision.verdict != SAME
        for left, right in itertools.combinations(groups, 2)
        for a in left
        for b in right
        if a != b
    }
    held: dict[Source, list[Source]] = defaultdict(list)  # earlier paper -> its decided records
    for record, papers in sorted(holders.items(), key=lambda item: item[0].sort_key):
        for paper in papers:
            held[paper].append(record)
    torn = {}
    for paper, records in held.items():
        pairs = (pair for pair in itertools.combinations(records, 2) if parts(*pair) in apart)
        pair = next(pairs, None)
        if pair is not None:
            torn[paper] = pair
    return torn


def _split_paper(path: str, paper: Source, a: Source, b: Source) -> Problem:
    return Problem(
        path,
        None,
        SPLIT_EARLIER_PAPER,
        f"{paper.file} paper {paper.id or f'#{paper.index}'} holds {a.file} #{a.index} and "
        f"{b.file} #{b.index}, decided different; one record here, it joins the paper the "
        f"matcher finds for it, with values from both: leave {base_name(paper.file)} out "
        "of one run to build their papers from their records alone",
    )


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


def _overlap(groups: list[tuple[Source, ...]]) -> bool:
    seen: set[Source] = set()
    for group in groups:
        if seen & set(group):
            return True
        seen |= set(group)
    return False


def _place(file: str) -> str:
    """Where an input is, so that one file given by two paths is one input."""
    return file if file == "-" else os.path.abspath(file)


def _shared_tail(parts: list[str], other: list[str]) -> int:
    """How many trailing path components two paths share."""
    shared = 0
    while shared < min(len(parts), len(other)) and parts[-1 - shared] == other[-1 - shared]:
        shared += 1
    return shared


def _shortened(text: str) -> str:
    return text if len(text) <= 50 else text[:47] + "..."


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
