"""Merge stage: one Paper from the records judged to be the same publication.

Each field comes from the most complete source: the title most copies agree on (then the longest),
the longest complete abstract, a published venue over a preprint server; of copies alike but for
case and accents, the one that keeps them (spellings.py). Authors are the union:
listed authors in order, then page owners, one entry per person however it is written
(author_lists.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace

from pubdedup.author_lists import authors_cut, merge_authors
from pubdedup.decisions import base_name
from pubdedup.identifiers import shown_arxiv, shown_doi
from pubdedup.model import UNTITLED, Link, Paper, Record, Source
from pubdedup.normalize import match_text
from pubdedup.passed import in_field_order, most_common, passed_fields
from pubdedup.spellings import best_twin
from pubdedup.titles import without_medline_notes
from pubdedup.venues import entry_type_for, is_preprint, is_preprint_record

INFERRED_TITLE_WORDS = 12
_ENTRY_TYPE = re.compile(r"[a-z]+")


def merge_records(records: Sequence[Record], links: Sequence[Link] = ()) -> Paper:
    """Merge the records of one paper (in any order) into a Paper with an empty key.

    A paper of an earlier JSON output merged with records it was built from gives way to them:
    their values today win over its copy of yesterday's (a DOI corrected since), and its own
    fill only what they leave empty (what a source no longer given said).
    """
    records, links = in_merge_order(records, links)
    today = _without_renewed(records)
    paper = _merged(today, records, links)
    if len(today) < len(records):
        paper = _filled(paper, _merged(records, records, links), _typed(today))
    return paper


def in_merge_order(
    records: Iterable[Record], links: Iterable[Link]
) -> tuple[list[Record], list[Link]]:
    """A paper's records and links in the order its paper keeps them (by their sources)."""
    return (
        sorted(records, key=lambda r: r.source.sort_key),
        sorted(links, key=lambda k: (k.a.sort_key, k.b.sort_key)),
    )


def _merged(voters: list[Record], records: list[Record], links: Sequence[Link]) -> Paper:
    """The paper of `records`, each value chosen among those of `voters`; the authors of all."""
    abstract, truncated = _abstract(voters)
    venue = _venue(voters)
    # A published paper's own title, DOI, volume, pages and publisher: never its preprint's
    # (a title it had before it was renamed, arXiv's DOI, DBLP's CoRR `volume =
    # {abs/2010.11929}`, `publisher = {arXiv}`); the arXiv id stays.
    own = _published(voters, venue) or voters
    title = _title(voters, own)
    year = _year(voters)
    return Paper(
        key="",
        entry_type=_entry_type(own, venue),
        title=title or infer_title(abstract),
        title_inferred=title is None,
        authors=merge_authors(records),
        authors_cut=authors_cut(records),
        year=year,
        venue=venue,
        abstract=abstract,
        doi=_in_any_case([shown_doi(r.doi) for r in own]),
        arxiv=most_common([shown_arxiv(r.arxiv) for r in voters]),
        records=records,  # sorted() made this list
        links=list(links),
        truncated=truncated,
        volume=most_common([r.volume for r in own]),
        number=most_common([r.number for r in own]),
        pages=most_common([r.pages for r in own]),
        fields=passed_fields(voters, own, year),
        protected=tuple(sorted({p for r in records for p in r.protected})),
        braced_names=tuple(sorted({n for r in records for n in r.braced_names})),
        meeting_abstract=_meeting_abstract(voters),
    )


def _in_any_case(dois: list[str | None]) -> str | None:
    """The DOI most copies give, counting spellings that differ in case as one (a DOI is
    case-insensitive: `10.1000/ABC`, `10.1000/abc`), written as most of those copies write it."""
    present = [d for d in dois if d]
    if len(set(present)) <= 1:  # most papers: one DOI, or none
        return present[0] if present else None
    votes = Counter(d.casefold() for d in present)
    chosen = max(votes, key=lambda d: (votes[d], d))
    return most_common([d for d in present if d.casefold() == chosen])


def _without_renewed(records: list[Record]) -> list[Record]:
    """The records but the papers of earlier outputs that hold one of them (by file name and
    id, else index): those records speak for themselves today. All of them when such a paper
    is the published version and today's records are its preprint's copies only."""
    if len(records) == 1 or not any(r.merged for r in records):  # most papers: a quick answer
        return records
    names = {_name(r.source) for r in records if not r.merged}
    today = [r for r in records if not (r.merged and names.intersection(map(_name, r.held)))]
    if len(today) == len(records) or not today:
        return records
    if is_preprint(_venue(today) or "") and not is_preprint(_venue(records) or ""):
        return records
    return today


def _name(source: Source) -> tuple[str, str | int]:
    return (base_name(source.file), source.id if source.id else source.index)


_FILLED = ("year", "venue", "doi", "arxiv", "volume", "number", "pages", "meeting_abstract")


def _filled(paper: Paper, earlier: Paper, typed: bool) -> Paper:
    """`paper` with what it lacks taken from `earlier` (the same records, earlier papers'
    values counted too); its entry type too, when no record of its own gives one."""
    values: dict = {k: getattr(earlier, k) for k in _FILLED if getattr(paper, k) is None}
    if paper.abstract is None:
        values.update(abstract=earlier.abstract, truncated=earlier.truncated)
    if paper.title_inferred:
        values.update(title=earlier.title, title_inferred=earlier.title_inferred)
    if not typed:
        values["entry_type"] = earlier.entry_type
    given, others = dict(paper.fields), dict(earlier.fields)
    fields = ((k, given.get(k) or others.get(k)) for k in in_field_order(given.keys() | others))
    values["fields"] = tuple((k, v) for k, v in fields if v)
    return replace(paper, **values)


def _typed(records: Sequence[Record]) -> bool:
    """Some record gives an entry type (a word), rather than leaving it to the venue."""
    return any(_ENTRY_TYPE.fullmatch((r.entry_type or "").lower()) for r in records)


def _meeting_abstract(records: Sequence[Record]) -> bool | None:
    """What the typed sources agree on: a meeting's abstract, another kind, or None when none
    is typed or they disagree (joined only by a person's decision)."""
    said = {r.meeting_abstract for r in records} - {None}
    return said.pop() if len(said) == 1 else None


def _title(records: Sequence[Record], own: Sequence[Record] = ()) -> str | None:
    """The title most copies agree on, of those the published copies (`own`) carry if they
    carry one (a preprint may have been renamed since: `Fixing Weight Decay Regularization in
    Adam` is `Decoupled Weight Decay Regularization`); of its spellings, one with its capitals
    (Google Scholar lower-cases titles: `mlp-mixer: an all-mlp …`), the most of them
    (`MLP-Mixer` over `Mlp-mixer`), then the longest; without MEDLINE's notes (`[Review] [42
    refs]`), which made Ovid's copy the longest."""
    titles = [without_medline_notes(r.title) for r in records if r.title]
    if len(titles) <= 1:  # most papers of a large input: one copy, nothing to vote on
        return titles[0] if titles else None
    if len(set(titles)) == 1:  # copies written alike
        return titles[0]
    normalised = {t: match_text(t) for t in titles}
    published = (
        {match_text(without_medline_notes(r.title)) for r in own if r.title}
        if own is not records
        else set()
    )
    if published:
        titles = [t for t in titles if normalised[t] in published] or titles
    votes = Counter(normalised[t] for t in titles)
    most = max(votes.values())
    spellings = sorted({t for t in titles if votes[normalised[t]] == most})
    if len(spellings) == 1:  # copies written alike: no capitals to count
        return spellings[0]
    best = max(spellings, key=_title_rank)
    # Of its twins (Web of Science's `UBER SCHRODINGER …` for `Über Schrödinger …`), the one
    # that keeps its accents.
    return best_twin(best, spellings, _title_rank)


def _title_rank(title: str) -> tuple[bool, int, int, str]:
    return (*_capitals(title), len(title), title)


def _capitals(title: str) -> tuple[bool, int]:
    """Whether a title keeps its case (neither all lower case nor mostly capitals, as `EFFECT
    OF pH ON …` is), and how many capitals it has."""
    capitals = sum(map(str.isupper, title))  # in C: a large input compares many spellings
    cased = 0 < capitals <= sum(map(str.isalpha, title)) // 2
    return cased, capitals if cased else 0


def _abstract(records: Sequence[Record]) -> tuple[str | None, bool]:
    complete = [_without_copyright(r.abstract) for r in records if r.abstract and not r.truncated]
    if complete:
        return max(complete, key=lambda a: (len(a), a)), False
    cut = [r.abstract for r in records if r.abstract]
    return (max(cut, key=lambda a: (len(a), a)), True) if cut else (None, False)


# The publisher's notices Scopus, Web of Science and PubMed end an abstract with (`© 2022
# IEEE.`, `Copyright © 2020 Elsevier Inc. All rights reserved.`, `(C) 2003 …`, `(C)Copyright
# 1994 by …`, `Crown Copyright (C) 2010 …`): a sentence that starts with the sign (or `(C)` and
# a year) runs to the end, a licence line after it too. A list's item `(c)` without a year, or
# a sign inside a sentence, is text.
_SIGN = r"(?:©|\([Cc]\)\s*(?=\d{4}|(?i:copyright)))"
_WORD = r"(?i:(?:crown\s+)?copyright:?)"
_NOTICE = re.compile(
    rf"(?<=[.!?)\]])\s+\(?(?:(?:{_WORD}\s*)?{_SIGN}|(?P<word>{_WORD}\s+(?=\d{{4}}\b)))"
)
_NOTICE_CHARS = 300  # how far from the end a notice may start


def _without_copyright(abstract: str) -> str:
    """An abstract without the copyright notices a database ended it with: being the longest
    copy, it won over a clean one and was written into every output and library. Each is cut
    in turn (a publisher's `… All rights reserved.`, then `© 2019 The Authors.`)."""
    while (start := _notice_start(abstract)) is not None:
        abstract = abstract[:start]
    return abstract


def _notice_start(abstract: str) -> int | None:
    """Where the first notice in the abstract's last characters starts, if one does."""
    for notice in _NOTICE.finditer(abstract, max(0, len(abstract) - _NOTICE_CHARS)):
        if not notice.group("word") or _held(abstract[notice.end() :]):
            return notice.start()
    return None


# `Copyright` and a year without the sign starts a notice only when a holder, or notice
# wording, follows to the end: `Copyright 2010 John Wiley & Sons, Ltd.`, `Copyright 2004 by The
# American College of …`; `Copyright 2019 reforms changed the law …` (on copyright law) is text.
_YEAR = re.compile(r"\d{4}[.,]?\s*")
_SENTENCE_END = re.compile(r"(?<=\.)\s+")
_NOTICE_WORDING = re.compile(
    r"©|\(c\)|rights reserved|licen[cs]e|creative commons|open[- ]access|published by"
    r"|public domain|permission",
    re.IGNORECASE,
)
_HOLDER_SMALL_WORDS = frozenset(
    "by of the and for on behalf in at de la le du der und et al al. authors author(s)".split()
)


def _held(rest: str) -> bool:
    """Whether the text after `Copyright` is a year and a notice: each of its sentences a
    holder's name or notice wording (`All rights reserved.`, a licence)."""
    year = _YEAR.match(rest)
    sentences = _SENTENCE_END.split(rest[year.end() :].strip()) if year else []
    return any(sentences) and all(_is_holder(s) or _NOTICE_WORDING.search(s) for s in sentences)


def _is_holder(sentence: str) -> bool:
    """A name, as a holder is written: words with capitals (`John Wiley & Sons, Ltd.`) and
    the small words between them (`The American College of Veterinary Surgeons`)."""
    words = sentence.replace(",", " ").split()
    return bool(words) and all(
        w[0].isupper() or w[0].isdigit() or w[0] in "&(" or w.lower() in _HOLDER_SMALL_WORDS
        for w in words
    )


def _venue(records: Sequence[Record]) -> str | None:
    venues = [r.venue for r in records if r.venue]
    if not venues:
        return None
    best = max(venues, key=_venue_rank)
    # Of its twins, the one with its case and accents: the longest won, and Web of Science's
    # `JOURNAL OF MACHINE LEARNING RESEARCH` is as long as the journal's own name (longer, for
    # a `STRASSE` of `Straße`).
    return best_twin(best, venues, _venue_rank)


def _venue_rank(venue: str) -> tuple[bool, int, str]:
    return (not is_preprint(venue), len(venue), venue)


def _year(records: Sequence[Record]) -> int | None:
    """The year of the published version when there is one, else the most common year."""
    published = [r.year for r in records if r.year and r.venue and not is_preprint(r.venue)]
    years = published or [r.year for r in records if r.year]
    if len(years) <= 1:
        return years[0] if years else None
    votes = Counter(years)
    return max(years, key=lambda y: (votes[y], y))


def _published(records: Sequence[Record], venue: str | None) -> list[Record]:
    """The copies of the published version, when the paper has one (its venue is no preprint
    server's); else none."""
    if not venue or is_preprint(venue) or len(records) == 1:
        return []
    return [r for r in records if not is_preprint_record(r)]


def _entry_type(records: Sequence[Record], venue: str | None) -> str:
    # Only a word is a BibTeX entry type: a CSV's `Journal Article` (or a JSON's `:`) was written
    # as `@journal article{…`, which BibTeX readers skip without a word (found by a property test).
    # The published version's type (`records` are its copies when it has some): a preprint's
    # `@misc` gives way to its `@inproceedings`.
    types = [t for r in records if _ENTRY_TYPE.fullmatch(t := (r.entry_type or "").lower())]
    if venue and is_preprint(venue):  # a preprint's copies: `@misc` (arXiv's) as any other
        return most_common(types) or entry_type_for(venue)
    # Of the copies giving the paper's venue, when one gives a type: a copy without one
    # (Zotero's `@misc` of a page, a bare `@misc` pasted in) says nothing of where the paper
    # appeared, and its type made a Nature Methods article `@misc` with `howpublished =
    # {Nature Methods}`. `@misc` is any type's stand-in: it counts where no copy gives another.
    placed = [r for r in records if r.venue and r.venue == venue] if venue else []
    for copies in (placed, records):
        kinds = [t for r in copies if (t := (r.entry_type or "").lower()) in types and t != "misc"]
        if kinds:
            return most_common(kinds) or "misc"
    return "misc" if types else entry_type_for(venue)


def infer_title(abstract: str | None) -> str:
    """A clearly marked stand-in title from the first words of the abstract."""
    if not abstract:
        return UNTITLED
    first_sentence = abstract.split(". ")[0]
    words = first_sentence.split()
    text = " ".join(words[:INFERRED_TITLE_WORDS]).rstrip(".,;:")
    if len(words) > INFERRED_TITLE_WORDS:
        text += " ..."
    return f"{UNTITLED} {text}"
