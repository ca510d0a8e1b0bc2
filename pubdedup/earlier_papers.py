"""Papers of an earlier output among the inputs, following a person's decisions about the
records they hold: without them a `same` decision would leave yesterday's papers beside today's
one, for good, since papers of one output are never joined again."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence

from pubdedup.cluster import ConstrainedUnionFind
from pubdedup.decision_records import carries, place
from pubdedup.decisions import ABSTRACT_WORDS, SAME, Decision, RecordRef, base_name
from pubdedup.model import Problem, Record, Source
from pubdedup.score import LISTED_SOURCE, Comparison

SourcePair = tuple[Source, Source]

Found = list[tuple[Decision, list[list[Source]]]]  # each decision with its groups of records


def same_groups(found: Found) -> list[list[Source]]:
    """The records of each `same` decision, as one group."""
    return [[s for g in groups for s in g] for d, groups in found if d.verdict == SAME]


def joined_parts(groups: list[list[Source]]) -> list[list[Source]]:
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


def with_earlier_papers(
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
    outputs = {r.source for r in records if r.merged}  # else an --into library's entry
    for paper, (a, b) in sorted(torn.items(), key=lambda item: item[0].sort_key):
        problems.append(_split_paper(path, paper, a, b, paper in outputs))

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
    for known in record_of:
        by_name[_held_name(known)].append(known)
        if known.id is None:
            by_name[(base_name(known.file), "file")].append(known)
    # A file alone names each of its records without an id: all of them tell which is held.
    unnamed: dict[tuple, list[Record]] = defaultdict(list)
    for record in records:
        name = (base_name(record.source.file), "file")
        if record.source.id is None and not record.merged and name in by_name:
            unnamed[name].append(record)
    holders: dict[Source, list[Source]] = defaultdict(list)
    for paper in records:
        for held in paper.held:
            candidates = by_name.get(_held_name(held), [])
            if held.id is None and held.index < 0:  # a file alone: the record is its title
                candidates = _alone(paper, candidates, record_of, unnamed[_held_name(held)])
            source = _named(held, candidates)
            if source is None or source not in record_of:
                continue
            if paper.source in holders.get(source, ()):
                continue
            if _still_held(record_of[source], paper):
                holders[source].append(paper.source)
    return holders


def _alone(
    paper: Record,
    decided: list[Source],
    record_of: dict[Source, Record],
    in_file: list[Record],
) -> list[Source]:
    """The records of a file an entry lists by its name alone that may be the one it holds:
    those whose title (or abstract start) the entry's still is, of all the file's records, as
    long as a decided one is among them. A record with neither text is held by none (the name
    names every record of the file), and the entry holds none of several (a conference paper
    and its journal version, one title twice on one page): a decision about one of them is not
    about the entry's paper."""
    if not any(_by_text(record_of[c], paper) for c in decided):
        return []
    return [r.source for r in in_file if _by_text(r, paper)]


def _by_text(record: Record, paper: Record) -> bool:
    return bool(record.title or record.abstract) and _still_held(record, paper)


def _still_held(record: Record, paper: Record) -> bool:
    """The record is still one the paper was built from: their titles agree, else their
    abstracts' starts. A text the paper lacks was not in it (merging keeps a title, an
    abstract); with no text on either side the name alone is trusted, as in a decision."""
    if bool(record.title) > bool(paper.title) or bool(record.abstract) > bool(paper.abstract):
        return False
    if record.title:
        return carries(record, RecordRef(title=paper.title))
    if record.abstract and paper.abstract:
        start = " ".join(paper.abstract.split()[:ABSTRACT_WORDS])
        return carries(record, RecordRef(abstract=start))
    return True


def _held_name(source: Source) -> tuple:
    """How a paper's `sources` name a record: base name and id, else base name and index; an
    `--into` entry's record without an id by base name alone (index -1)."""
    name = base_name(source.file)
    if source.id:
        return (name, "id", source.id)
    return (name, "file") if source.index < 0 else (name, "index", source.index)


def _named(held: Source, candidates: list[Source]) -> Source | None:
    """The one record (of those asked about) a paper's source names: the one of its name, else
    the one at its path (`p1/refs.bib`, `p2/refs.bib`)."""
    if len(candidates) > 1:
        candidates = [c for c in candidates if place(c.file) == place(held.file)]
    return candidates[0] if len(candidates) == 1 else None


def _torn(found: Found, holders: dict[Source, list[Source]]) -> dict[Source, SourcePair]:
    """The earlier papers holding two records the decisions put in different papers, each with
    one such pair."""
    part = {s: k for k, joined in enumerate(joined_parts(same_groups(found))) for s in joined}

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


def _split_paper(path: str, paper: Source, a: Source, b: Source, output: bool) -> Problem:
    """An earlier output's paper (`output`) or a library entry the decisions part."""
    what = "paper" if output else "entry"
    advice = (
        f"leave {base_name(paper.file)} out of one run to build their papers from their records"
        " alone"
        if output
        else "from now on it lists that record only, and the other has an entry of its own"
    )
    return Problem(
        path,
        None,
        SPLIT_EARLIER_PAPER,
        f"{paper.file} {what} {paper.id or f'#{paper.index}'} holds {a.file} #{a.index} and "
        f"{b.file} #{b.index}, decided different; one record here, it joins the paper the "
        f"matcher finds for it, with values from both: {advice}",
    )


def holding_pairs(
    records: Sequence[Record], named: list[tuple[int, int]] | None = None
) -> set[tuple[int, int]]:
    """Index pairs (paper, record): a paper of an earlier output and a record of this run it
    lists in its `sources` (by base name and id, else index, the title still agreeing), of
    those `named` (`named_pairs`).

    Such a link goes first: else a record matched as strongly by another earlier paper's
    record (a `different` decision withdrawn) may join that one, leaving its own paper holding
    none of its records, a copy of the paper for good, as one output's papers are never joined.
    """
    named = named_pairs(records) if named is None else named
    return {(min(k, j), max(k, j)) for k, j in named if _still_held(records[j], records[k])}


def named_pairs(records: Sequence[Record]) -> list[tuple[int, int]]:
    """Index pairs (paper, record): a paper of an earlier output, or an `--into` entry, and a
    record of this run its `sources` name (by base name and id, else index; an entry's file
    listed alone names none), whatever the record says today."""
    if not any(record.held for record in records):
        return []  # no earlier output or library among the inputs (a million records: seconds)
    index: dict[Source, int] = {}
    by_name: dict[tuple, list[Source]] = defaultdict(list)
    for k, record in enumerate(records):
        if not (record.merged or record.held):
            index[record.source] = k
            by_name[_held_name(record.source)].append(record.source)
    pairs = []
    for k, paper in enumerate(records):
        if not paper.held:
            continue
        for held in paper.held:
            source = _named(held, by_name.get(_held_name(held), []))
            if source is not None:
                pairs.append((k, index[source]))
    return pairs


def with_papers(named: list[tuple[int, int]]) -> dict[int, set[int]]:
    """Each record an earlier paper (or entry) names, and each such paper, with the papers
    it is in: two records with one in common were one paper to the run that wrote it."""
    together: dict[int, set[int]] = defaultdict(set)
    for paper, record in named:
        together[paper].add(paper)
        together[record].add(paper)
    return together


def vouched(
    named: list[tuple[int, int]], matched: Iterable[tuple[int, int]]
) -> set[tuple[int, int]]:
    """The pairs (in index order) of an earlier paper and a record it names (`named`) that
    another record it names matches today (`matched`).

    Such a record was in the paper when its run built it, and still is, by today's records: a
    veto against the paper is its merged values' (pages of another copy, the published year)
    against one of its own, which its run joined through the others. Heeded, it split the
    record off; the next run joined the two papers through the records, the one after split
    them again.
    """
    held: dict[int, set[int]] = defaultdict(set)
    for paper, record in named:
        held[paper].add(record)
    partners: dict[int, set[int]] = defaultdict(set)
    for i, j in matched:
        partners[i].add(j)
        partners[j].add(i)
    return {
        (min(paper, record), max(paper, record))
        for paper, record in named
        if (held[paper] - {record}) & partners[record]
    }


def following(records: Sequence[Record]) -> set[int]:
    """Indexes of the records that stand for others of this run: papers of earlier outputs
    listing them in their `sources`, `--into` entries in their `pubdedup-sources` (by name:
    base name and id, else index, else the file alone).

    Such a record follows the records it lists: two of them alike (two entries an earlier run
    wrote for one page's workshop and conference papers of one title, which read back as
    BibTeX with complete author lists score higher than the page's entries did) are no reason
    to join what their records keep apart; each run joined the two entries, the next split
    them again, under a new key.
    """
    if not any(record.held for record in records):
        return set()
    ids: set[tuple[str, str]] = set()
    indexes: set[tuple[str, int]] = set()
    for record in records:
        if not record.held:
            name = base_name(record.source.file)
            if record.source.id:
                ids.add((name, record.source.id))
            else:
                indexes.add((name, record.source.index))
    files = {name for name, _ in indexes}

    def present(held: Source) -> bool:
        name = base_name(held.file)
        if held.id:
            return (name, held.id) in ids
        return name in files if held.index < 0 else (name, held.index) in indexes

    return {k for k, record in enumerate(records) if any(map(present, record.held))}


def one_copy_each(
    scored: list[tuple[int, int, Comparison]],
    records: Sequence[Record],
    holding: set[tuple[int, int]],
) -> list[tuple[int, int, Comparison]]:
    """The scored pairs with each entry (or earlier paper) that lists a file alone the copy of
    one record of it, and each such record the copy of one entry: of a page's copies of one
    title (a column's `Editorial` twice in one year) each entry was the copy of both, and the
    next run merged the entries. They pair off in order (an earlier paper first with the record
    its `sources` name), as the run that wrote them added them."""
    copies = [
        (i, j) if records[i].held else (j, i)
        for i, j, c in scored
        if c.rule == LISTED_SOURCE
        and (records[i].source.id is None or records[j].source.id is None)
    ]
    if not copies:
        return scored
    taken: set[int] = set()
    kept = set()
    for entry, record in sorted(copies, key=lambda p: ((min(p), max(p)) not in holding, p)):
        if entry not in taken and record not in taken:
            taken.update((entry, record))
            kept.add((min(entry, record), max(entry, record)))
    dropped = {(min(p), max(p)) for p in copies} - kept
    return [s for s in scored if (s[0], s[1]) not in dropped]
