"""Matching thresholds and weights: one object, defaults documented, echoed into the JSON output."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class MatchConfig:
    """Every number the matcher uses. Similarities are in [0, 1] (rapidfuzz score / 100)."""

    # Abstracts: normalised Indel similarity of the two texts.
    abstract_match: float = 0.85  # at or above: the same paper
    abstract_maybe: float = 0.65  # between this and abstract_match: listed for review
    min_abstract_chars: int = 80  # shorter "abstracts" are not used as evidence
    # A cut-off abstract is compared with the same-length start of the other one.
    truncated_min_chars: int = 120
    # Titles: normalised similarity (the better of character and word-order-free ratio).
    title_match: float = 0.93
    title_maybe: float = 0.80
    short_title_words: int = 3  # titles this short need more evidence
    # A title-only record against an abstract-only record: share of title words in the abstract.
    # It is a match only when the name the title starts with ("Kubric: …") is in the abstract too.
    title_in_abstract_match: float = 0.75
    title_in_abstract_maybe: float = 0.8
    # Two years further apart than this are different works (unless an identifier agrees).
    max_year_gap: int = 1
    # Title-based pairs add up evidence points (levels of title similarity, then the weights
    # below); at title_points_match or more they are one paper, from title_points_maybe a maybe.
    title_points_match: float = 6.0
    title_points_maybe: float = 3.5
    # Title similarity levels and their points: ≥ title_exact, ≥ title_match, ≥ title_close,
    # else (≥ title_maybe) the last.
    title_exact: float = 0.97
    title_close: float = 0.88
    weight_title_exact: float = 6.0
    weight_title_match: float = 4.5
    weight_title_close: float = 3.0
    weight_title_maybe: float = 1.5
    weight_authors_all: float = 2.0  # every author of the shorter complete list is shared
    weight_authors_many: float = 1.0  # … and three or more of them
    weight_authors_half: float = 1.0  # half of them; on partial lists (pages) any shared author
    weight_authors_none: float = -4.0  # two complete author lists with no one in common
    weight_year_same: float = 1.0
    weight_year_apart: float = -1.0  # one year apart, both published (not preprints)
    weight_venue_same: float = 1.0
    weight_venue_different: float = -4.0  # both published, in different venues
    weight_pages_same: float = 2.0
    weight_volume_same: float = 1.0
    weight_number_same: float = 3.0  # the same report / RFC number (venue then not compared)
    weight_abstracts_differ: float = -2.0
    weight_substituted_word: float = -2.0  # each title has a word the other lacks
    weight_short_title: float = -2.0  # titles of short_title_words content words or fewer
    weight_recurring_title: float = -3.0  # a title recurring within one input (columns)
    recurring_title_count: int = 3
    # … only for titles of this many content words or fewer: a column's title is generic
    # ("Book review column", "Recent advances in clinical practice"); a long title recurring
    # in one input is copies of one paper.
    recurring_title_words: int = 4
    # Versions of one work (preprint and published paper, conference and journal version,
    # abstract and article, erratum and article) share the title and half of the authors. A
    # preprint is merged into its published paper unless keep_versions, which keeps it apart;
    # the other versions are always kept apart, linked as `related` papers.
    keep_versions: bool = False
    version_title: float = 0.93  # title similarity of two versions (an erratum's marker off)
    version_year_gap: int = 6  # versions further apart than this are other works
    version_score: float = 0.5  # their link's strength: joined after every real match
    # Candidate generation: records are filed under pairs of their rarest words.
    title_key_words: int = 3  # rarest title words whose pairs are keys
    abstract_key_words: int = 6  # rarest abstract words whose pairs are keys
    abstract_opening_words: int = 8  # the abstract's first content words, together, are a key
    title_opening_words: int = 4  # the title's first content words, together, are a key
    title_key_letters: int = 20  # a title's content words joined without spaces are a key when
    # that string has at least this many letters (a word split or joined at a line break keeps it)
    cross_key_words: int = 4  # rare words pairing title-only with abstract-only records
    single_word_max: int = 30  # … when at most this many records have the word
    rare_word_max: int = 5  # a title word this rare is a key by itself
    max_block_size: int = 500  # larger blocks are too common to say anything; skipped
    # A block larger than this (a key that grows common in a large input) compares each record
    # with its `block_window` neighbours in title order (and title-end order), so pairs grow
    # linearly, not with the square of the block. Copies of one paper sort next to each other,
    # and a run of many look-alike titles is compared all with all (of copies alike in every
    # field, only the first: neighbours.py).
    # At 1M records, blocks of 6-20 gave 3M of 5.1M pairs and 13% of them were copies.
    full_block_size: int = 5
    block_window: int = 3

    def to_dict(self) -> dict[str, Any]:
        """The config as plain data, as written into the JSON output."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> MatchConfig:
        """Build a config from plain data; unknown keys and wrong values are errors (ValueError),
        missing keys default."""
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object of settings")
        known = {f.name: str(f.type) for f in fields(cls)}  # already text: annotations postponed
        unknown = set(data) - set(known)
        if unknown:
            raise ValueError(f"unknown config keys: {', '.join(sorted(unknown))}")
        for name, value in sorted(data.items()):
            _check_value(name, known[name], value)
        return replace(cls(), **data)


# Settings compared with a similarity in [0, 1]; other numbers are counts, points or weights.
_SIMILARITIES = frozenset(
    (
        "abstract_match",
        "abstract_maybe",
        "title_match",
        "title_maybe",
        "title_in_abstract_match",
        "title_in_abstract_maybe",
        "title_exact",
        "title_close",
        "version_title",
        "version_score",
    )
)


def _check_value(name: str, kind: str, value: Any) -> None:
    """Refuse a value the matcher would choke on, or silently misread, with a clear message."""
    if kind == "bool":
        ok, expected = isinstance(value, bool), "true or false"
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        expected = "a whole number >= 0"
    elif name in _SIMILARITIES:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
        expected = "a number from 0 to 1"
    else:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        expected = "a number"
    if not ok:
        raise ValueError(f"{name} must be {expected}, not {json.dumps(value)}")
