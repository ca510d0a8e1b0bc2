"""Versions of one work: the same title by the same people, published more than once.

A preprint and its published paper, a conference paper and its journal version, a conference
abstract and the article, an erratum and the article it corrects: each is a publication of its
own (other year, venue, pages), so the vetoes keep them apart, yet they report one work. They are
recognised here. The pipeline merges a preprint into its published paper unless the config says
`keep_versions`; other versions stay apart, linked as `related` papers.
"""

from __future__ import annotations

from pubdedup.config import MatchConfig
from pubdedup.evidence import authors_evidence, title_similarity
from pubdedup.features import Features
from pubdedup.normalize import match_text
from pubdedup.titles import strip_notice

# Vetoes that separate publications, not works: they give way when title and authors agree.
VERSION_VETOES = frozenset(
    {
        "years-apart",
        "different-pages",
        "different-volume",
        "notice",
        "abstract-and-article",
        "thesis-and-paper",
        "different-edition",
    }
)


def is_version(a: Features, b: Features, ev: dict, config: MatchConfig) -> bool:
    """Whether two records, judged different publications, are versions of one work."""
    if ev["year_gap"] is not None and ev["year_gap"] > config.version_year_gap:
        return False
    if _notice_title_similarity(a, b) < config.version_title:
        return False
    shared = ev["authors"] if "authors" in ev else authors_evidence(a, b)  # placement only
    return same_people(a, b, shared)


def is_preprint_version(a: Features, b: Features) -> bool:
    """A preprint and a published copy of one paper (matched on other evidence)."""
    published = b if a.preprint else a
    return a.preprint != b.preprint and bool(published.record.venue)


def _notice_title_similarity(a: Features, b: Features) -> float:
    """Title similarity with an erratum's or reply's marker taken off."""
    if not a.title or not b.title:
        return 0.0
    return title_similarity(_plain(a), _plain(b))


def _plain(item: Features) -> str:
    return match_text(strip_notice(item.record.title)) if item.notice else item.title


def same_people(a: Features, b: Features, shared: int | None) -> bool:
    """At least one author in common, and half of the shorter list; a notice (signed by one or
    two of the authors) needs one."""
    if not shared:
        return False
    if a.notice or b.notice:
        return True
    return shared * 2 >= min(len(a.people), len(b.people))
