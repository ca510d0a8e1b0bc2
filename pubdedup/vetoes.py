"""Vetoes: the rules that keep look-alikes apart, before any evidence for a match is weighed.

Two records that share a title may still be two works: another identifier, report number,
page range, volume, issue of a column, year, number or alternative in the title, kind of
document (a meeting's abstract and the article), or a notice and the work it is about. Each
rule names itself (`different-pages`); those that separate publications rather than works give
way to a version (versions.py), and the cluster stage lifts those resting only on a typo
already forgiven (forgiven.py).
"""

from __future__ import annotations

from pubdedup.config import MatchConfig
from pubdedup.evidence import (
    abstract_evidence,
    mistyped_range,
    page_span,
    same_given_year,
    same_page_range,
)
from pubdedup.features import Features
from pubdedup.identifiers import doi_prefix
from pubdedup.title_words import contrasting_words, numbers_conflict, sequel
from pubdedup.venues import same_venue


def veto_of(a: Features, b: Features, ev: dict, config: MatchConfig) -> str | None:
    """The rule keeping look-alikes apart, if any: other identifier, number, pages, volume, years.

    `ev` holds the placement evidence; an abstract similarity computed here is added to it.
    """
    if a.record.merged and b.record.merged and a.record.source.file == b.record.source.file:
        # Two papers of one earlier output were judged different works then. Joining them now
        # would make a second run change the first one's papers (found by a property test).
        return SAME_EARLIER_OUTPUT
    return values_veto(a, b, ev, config)


SAME_EARLIER_OUTPUT = "same-earlier-output"


def values_veto(a: Features, b: Features, ev: dict, config: MatchConfig) -> str | None:
    """The veto the two records' values give, wherever they come from."""
    if ev["doi"] == "different" and doi_prefix(a.doi or "") == doi_prefix(b.doi or ""):
        return "different-doi"
    if ev["arxiv"] == "different":
        return "different-arxiv"
    if ev["doi"] == "same" or (ev["arxiv"] == "same" and (a.preprint or b.preprint)):
        return None
    # One arXiv id on two published records: the preprint's, cited by each of its published
    # versions (a conference paper and its journal extension), so their places still count.
    return _kind_or_place_veto(a, b, ev, config) or _title_veto(a, b, ev)


def _kind_or_place_veto(a: Features, b: Features, ev: dict, config: MatchConfig) -> str | None:
    """Another report number, edition, kind of document, page range, volume, issue of a column
    or year."""
    if ev["number"] == "different":
        return "different-report-number"
    if a.edition and b.edition and a.edition != b.edition:
        return "different-edition"
    if _abstract_and_article(a, b):
        return "abstract-and-article"
    if _thesis_and_paper(a, b):
        return "thesis-and-paper"
    if ev["pages"] == "different" and not _paginated_twice(a, b, ev, config):
        return "different-pages"
    if ev["volume"] == "different":
        return "different-volume"
    if _column_ofother_issues(a, b, ev, config):
        return "different-issue"
    if years_apart(ev, config) and not _one_page_range(a, b, ev):  # else the year is mistyped
        ev["abstract"] = abstract_evidence(a, b, config)
        if ev["abstract"] is None or ev["abstract"] < config.abstract_match:
            return "years-apart"
    return None


def _title_veto(a: Features, b: Features, ev: dict) -> str | None:
    """Titles alike but for a number or an alternative they name, or a notice and its work."""
    numbered = numbers_conflict(a.numbers, b.numbers) or sequel(a.title, b.title)
    if numbered and not (_one_page_range(a, b, ev) or _same_but_spaces(a, b)):
        return "different-numbers-in-title"
    if contrasting_words(a.alternatives, b.alternatives) and not _one_page_range(a, b, ev):
        return "contrasting-words-in-title"
    if a.notice != b.notice:
        return "notice"
    return None


def _abstract_and_article(a: Features, b: Features) -> bool:
    """A meeting's abstract and another kind of document, as the databases type them (Embase's
    `Conference Abstract`, Web of Science's `Meeting Abstract`): the abstract and the article it
    became share title, people, often the year and the journal (the abstract in a supplement),
    and an article ahead of print has no pages to tell them apart. Untyped records say nothing."""
    x, y = a.record.meeting_abstract, b.record.meeting_abstract
    return x is not None and y is not None and x != y


_THESES = frozenset({"phdthesis", "mastersthesis", "thesis"})
_PAPERS = frozenset({"article", "inproceedings", "conference", "incollection"})


def _thesis_and_paper(a: Features, b: Features) -> bool:
    """A thesis and a paper, as their inputs type them: a thesis may share its title with the
    paper of its chapter, by its author and their advisers, a year apart (a master's thesis
    and a workshop's paper, `Effective … Local Search Algorithms for Bi-Objective Permutation
    Flowshop Scheduling`). A report or a book may be the thesis itself, and an untyped record
    says nothing."""
    x, y = a.record.entry_type, b.record.entry_type
    if not x or not y or x == y:  # most pairs (the score stage asks of every one)
        return False
    kinds = {x.lower(), y.lower()}
    return bool(kinds & _THESES) and bool(kinds & _PAPERS)


def _paginated_twice(a: Features, b: Features, ev: dict, config: MatchConfig) -> bool:
    """One paper whose two page ranges both place it: CVPR's papers carry the CVF open-access
    pages and IEEE Xplore's (`12104-12113` / `12094-12103`), as many pages each; or a range was
    mistyped (`267-284` for `247-261`) in one volume. With the same title of three words or
    more, no column's and seen at most twice, the same complete list of two people or more, the
    same year and venue, two different works would differ in one of them. (In one volume, a
    page or two may be the paper's erratum or rejoinder, and the next range its second part:
    `mistyped_range` waives neither.)"""
    if a.title != b.title or len(a.title_words) < 3:
        return False  # (the string comparison first: most vetoed pairs stop there)
    one_volume = ev["volume"] == "same" and mistyped_range(a, b)
    if not (one_volume or _as_many_pages(a, b)):
        return False
    if not a.title_words.isdisjoint(COLUMN_WORDS):
        return False
    if recurring(a, config) or not same_given_year(a, b):
        return False
    complete = a.record.authors_complete and b.record.authors_complete
    team = complete and len(a.people) >= 2 and a.people == b.people
    return team and bool(same_venue(a.record.venue, b.record.venue))


def years_apart(ev: dict, config: MatchConfig) -> bool:
    """Years further apart than `max_year_gap`, as the evidence gives them (none given: no)."""
    gap = ev.get("year_gap")
    return gap is not None and gap > config.max_year_gap


def _as_many_pages(a: Features, b: Features) -> bool:
    spans = [page_span(x) for x in (a, b)]
    return spans[0] is not None and spans[0] == spans[1]


def _column_ofother_issues(a: Features, b: Features, ev: dict, config: MatchConfig) -> bool:
    """A short title (`Editorial`, `Book reviews`) in two issues of one volume: a column, one
    piece per issue. (For longer titles the issue is no evidence: databases fill it in
    unreliably, and an article's other issue is its erratum, a notice.)"""
    short = min(len(a.title_words), len(b.title_words)) <= config.short_title_words
    return other_issues(a, b) and short and ev["volume"] == "same" and ev["pages"] != "same"


def other_issues(a: Features, b: Features) -> bool:
    return a.issue is not None and b.issue is not None and a.issue != b.issue


def _one_page_range(a: Features, b: Features, ev: dict) -> bool:
    """One volume and one page range: one article, however its title is written."""
    return same_page_range(a, b) and ev["volume"] == "same"


def _same_but_spaces(a: Features, b: Features) -> bool:
    """`SQL 3` / `SQL3`: the numbers differ only in how the title spaces them."""
    return a.title.replace(" ", "") == b.title.replace(" ", "")


# Words of the titles journals give their recurring items: an editorial board's `Editorial`
# in every issue is many works by one team, however alike.
COLUMN_WORDS = frozenset(
    "editorial editorials editor editors preface foreword introduction erratum errata"
    " corrigendum corrigenda correction corrections letter letters reply replies rejoinder"
    " response comment comments commentary correspondence news announcement announcements"
    " contents index obituary obituaries memoriam review reviews reviewers acknowledgement"
    " acknowledgements acknowledgment acknowledgments report reports proceedings abstracts"
    " program programme calendar highlights message president notes note issue volume update"
    " quiz month".split()
)


def recurring(item: Features, config: MatchConfig) -> bool:
    """A short, generic title seen several times in one input (a column, an editorial)."""
    generic = len(item.title_words) <= config.recurring_title_words
    return generic and item.title_count >= config.recurring_title_count
