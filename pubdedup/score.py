"""Score stage: compare two records and decide match, maybe, distinct (a veto) or no link.

The decision is an ordered list of rules, like a comparison's levels in splink: vetoes first (two
different works that look alike), then identifiers, abstracts and titles. Every comparison keeps
its evidence (field similarities) so that a merge can be explained.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from rapidfuzz import fuzz

from pubdedup.config import MatchConfig
from pubdedup.features import Features
from pubdedup.identifiers import doi_prefix
from pubdedup.names import same_person
from pubdedup.normalize import content_words, split_hyphens


class Verdict(str, Enum):
    """The outcome of comparing two records."""

    MATCH = "match"  # the same paper
    MAYBE = "maybe"  # close, but not enough: listed for a person to review
    DISTINCT = "distinct"  # a veto: different works, never to be joined, even transitively
    NONE = "none"  # nothing in common worth reporting


@dataclass(frozen=True, slots=True)
class Comparison:
    """A verdict, the rule that decided it, its score and the evidence behind it."""

    verdict: Verdict
    rule: str
    score: float
    evidence: dict[str, float | int | str | None] = field(default_factory=dict)


def text_similarity(a: str, b: str) -> float:
    """Normalised Indel similarity of two normalised texts, in [0, 1]."""
    return fuzz.ratio(a, b) / 100.0


def title_similarity(a: str, b: str) -> float:
    """Title similarity that forgives reordered words."""
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100.0


def abstract_similarity(a: Features, b: Features, config: MatchConfig) -> float | None:
    """Similarity of two abstracts; a cut-off one is compared with the other's start."""
    if min(len(a.abstract), len(b.abstract)) < config.min_abstract_chars:
        return None
    full = text_similarity(a.abstract, b.abstract)
    if not (a.record.truncated or b.record.truncated):
        return full
    short, long = sorted((a.abstract, b.abstract), key=len)
    if len(short) < config.truncated_min_chars:
        return full
    return max(full, text_similarity(short, long[: len(short)]))


def shared_people(a: Features, b: Features) -> int:
    """How many people the two author lists (page owners included) have in common."""
    return sum(1 for p in a.people if any(same_person(p, q) for q in b.people))


def title_in_abstract(titled: Features, other: Features) -> float:
    """Share of a title's content words that occur in the other record's abstract.

    Counted with hyphenated words joined (`MLP-Mixer` = `mlpmixer`) and split (`mlp`, `mixer`),
    keeping the better, since a title and an abstract often hyphenate a term differently.
    """
    if not titled.title_words or not other.abstract_words:
        return 0.0
    joined = len(titled.title_words & other.abstract_words) / len(titled.title_words)
    title_parts = set(content_words(split_hyphens(titled.record.title)))
    abstract_parts = set(content_words(split_hyphens(other.record.abstract)))
    split = len(title_parts & abstract_parts) / len(title_parts) if title_parts else 0.0
    return max(joined, split)


def gather_evidence(a: Features, b: Features, config: MatchConfig) -> dict:
    """Field-by-field similarities of two records; None where a field is missing on either."""
    both_titled = bool(a.title and b.title)
    return {
        "title": round(title_similarity(a.title, b.title), 4) if both_titled else None,
        "abstract": _round(abstract_similarity(a, b, config)),
        "authors": shared_people(a, b) if a.people and b.people else None,
        "year_gap": abs(a.year - b.year) if a.year and b.year else None,
        "doi": _same(a.doi, b.doi),
        "arxiv": _same(a.arxiv, b.arxiv),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _same(x: str | None, y: str | None) -> str | None:
    if not x or not y:
        return None
    return "same" if x == y else "different"


def compare(a: Features, b: Features, config: MatchConfig) -> Comparison:
    """Decide whether two records are the same paper."""
    ev = gather_evidence(a, b, config)
    for rule in (_veto, _identifiers, _abstracts, _titles, _title_vs_abstract):
        result = rule(a, b, ev, config)
        if result is not None:
            return result
    return Comparison(Verdict.NONE, "no-evidence", 0.0, ev)


def _veto(a: Features, b: Features, ev: dict, config: MatchConfig) -> Comparison | None:
    if ev["doi"] == "different" and doi_prefix(a.doi or "") == doi_prefix(b.doi or ""):
        return Comparison(Verdict.DISTINCT, "different-doi", 0.0, ev)
    if ev["arxiv"] == "different":
        return Comparison(Verdict.DISTINCT, "different-arxiv", 0.0, ev)
    if "same" in (ev["doi"], ev["arxiv"]):
        return None
    same_abstract = ev["abstract"] is not None and ev["abstract"] >= config.abstract_match
    if ev["year_gap"] is not None and ev["year_gap"] > config.max_year_gap and not same_abstract:
        return Comparison(Verdict.DISTINCT, "years-apart", 0.0, ev)
    if a.title and b.title and a.numbers != b.numbers:
        return Comparison(Verdict.DISTINCT, "different-numbers-in-title", 0.0, ev)
    return None


def _identifiers(a: Features, b: Features, ev: dict, config: MatchConfig) -> Comparison | None:
    if "same" not in (ev["doi"], ev["arxiv"]):
        return None
    # A DOI shared by the chapters of one book is not proof: the titles must not disagree.
    if ev["title"] is not None and ev["title"] < config.title_maybe:
        return Comparison(Verdict.MAYBE, "same-identifier-different-title", ev["title"], ev)
    rule = "same-doi" if ev["doi"] == "same" else "same-arxiv"
    return Comparison(Verdict.MATCH, rule, 1.0, ev)


def _abstracts(a: Features, b: Features, ev: dict, config: MatchConfig) -> Comparison | None:
    sim = ev["abstract"]
    if sim is None:
        return None
    if sim >= config.abstract_match:
        return Comparison(Verdict.MATCH, "abstract", sim, ev)
    if sim >= config.abstract_maybe:
        return Comparison(Verdict.MAYBE, "abstract", sim, ev)
    return None


def _titles(a: Features, b: Features, ev: dict, config: MatchConfig) -> Comparison | None:
    sim = ev["title"]
    if sim is None or sim < config.title_maybe:
        return None
    if sim < config.title_match:
        return Comparison(Verdict.MAYBE, "title", sim, ev)
    if ev["abstract"] is not None and ev["abstract"] < config.abstract_maybe:
        return Comparison(Verdict.MAYBE, "title-but-abstracts-differ", sim, ev)
    short = min(len(a.title_words), len(b.title_words)) <= config.short_title_words
    corroborated = bool(ev["authors"]) or ev["year_gap"] == 0
    if short and not corroborated:
        return Comparison(Verdict.MAYBE, "short-title-uncorroborated", sim, ev)
    return Comparison(Verdict.MATCH, "title", sim, ev)


def _title_vs_abstract(
    a: Features, b: Features, ev: dict, config: MatchConfig
) -> Comparison | None:
    """One record has only a title, the other only an abstract (different pages).

    Title words found in an abstract are weak evidence (related papers share them), so this is a
    match only when the name the title starts with (`Kubric: …`) is in the abstract as well.
    """
    if a.title and not a.abstract and b.abstract and not b.title:
        titled, other = a, b
    elif b.title and not b.abstract and a.abstract and not a.title:
        titled, other = b, a
    else:
        return None
    if titled.record.source.file == other.record.source.file:
        return None  # one page does not list a paper twice
    cover = round(title_in_abstract(titled, other), 4)
    named = titled.title_name is not None and titled.title_name in other.abstract_words
    if named and cover >= config.title_in_abstract_match:
        return Comparison(Verdict.MATCH, "title-name-in-abstract", cover, ev)
    if cover >= config.title_in_abstract_maybe:
        return Comparison(Verdict.MAYBE, "title-in-abstract", cover, ev)
    return None
