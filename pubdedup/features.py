"""Normalise stage: each record reduced once to the values the matcher compares."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pubdedup.identifiers import normalize_arxiv, normalize_doi
from pubdedup.model import Record
from pubdedup.names import NameKey, name_key
from pubdedup.normalize import STOPWORDS, match_text

_NUMBER = re.compile(r"^(\d+|v\d+|[ivx]+)$")


@dataclass(frozen=True, slots=True)
class Features:
    """Comparison values of one record."""

    record: Record
    title: str  # match_text of the title, "" when none
    abstract: str  # match_text of the abstract, "" when none
    title_words: frozenset[str]  # content words of the title
    abstract_words: frozenset[str]
    numbers: frozenset[str]  # numbers and version marks in the title ("2", "v4", "iii")
    title_name: str | None  # a one-word name before the title's colon ("kubric", "mlpmixer")
    people: tuple[NameKey, ...]  # listed authors and the page owner
    year: int | None
    doi: str | None
    arxiv: str | None

    @property
    def key(self) -> tuple[str, int]:
        """The record's stable identity (file, index)."""
        return self.record.source.sort_key


def _people(record: Record) -> tuple[NameKey, ...]:
    names = list(record.authors)
    if record.source.owner:
        names.append(record.source.owner)
    return tuple(k for k in (name_key(n) for n in names) if k.surname)


def title_name(title: str | None) -> str | None:
    """The system or dataset name a title starts with (`Kubric: A scalable …` -> `kubric`)."""
    if not title or ":" not in title:
        return None
    words = match_text(title.split(":", 1)[0]).split()
    if len(words) != 1 or len(words[0]) < 3 or sum(ch.isalpha() for ch in words[0]) < 2:
        return None
    return words[0]


def features_of(record: Record) -> Features:
    """Compute the comparison values of one record."""
    title = match_text(record.title)
    abstract = match_text(record.abstract)
    title_words = [w for w in title.split() if w not in STOPWORDS]
    return Features(
        record=record,
        title=title,
        abstract=abstract,
        title_words=frozenset(title_words),
        abstract_words=frozenset(w for w in abstract.split() if w not in STOPWORDS),
        numbers=frozenset(w for w in title.split() if _NUMBER.match(w) and w != "i"),
        title_name=title_name(record.title),
        people=_people(record),
        year=record.year,
        doi=normalize_doi(record.doi),
        arxiv=normalize_arxiv(record.arxiv),
    )
