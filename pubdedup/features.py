"""Normalise stage: each record reduced once to the values the matcher compares."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pubdedup.identifiers import normalize_arxiv, normalize_doi
from pubdedup.model import Record
from pubdedup.names import name_key
from pubdedup.normalize import STOPWORDS, match_text
from pubdedup.venues import is_preprint

_NUMBER = re.compile(r"^(\d+|v\d+|[ivx]+)$")
_NUMBER_CUES = frozenset("part vol volume chapter phase stage type book section no".split())
# Title decorations that are not part of the title: "[Erratum appears in …]", "[Review] [108 refs]",
# a trailing citation "(New England Journal of Medicine (2009) 360 (542-544))", a leading "(1989)".
_BRACKETS = re.compile(r"\[[^\]]*\]?")
_PAREN = r"(?:[^()]|\([^()]*\))*"  # text with at most one level of nested parentheses
_TRAILING_PARENS = re.compile(rf"\s*\({_PAREN}\)\s*$")  # "(Journal (2009) 360 (542-544))"
_TRAILING_SENTENCE = re.compile(r"\.{1,3}\s+\S[^.]*\.?\s*(19|20)\d{2}\b.*\d.*$")  # "... N Engl J"
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_LEADING_YEAR = re.compile(r"^.{0,40}?\((19|20)\d{2}\)[,.:]?\s+")
_FIRST_PAGE = re.compile(r"(\d+)")
_VOLUME = re.compile(r"^\s*(\d+)\s*(\(|$)")
_REPORT_TYPES = frozenset({"techreport", "report", "standard"})


@dataclass(frozen=True, slots=True)
class Features:
    """Comparison values of one record."""

    record: Record
    title: str  # match_text of the cleaned title, "" when none
    abstract: str  # match_text of the abstract, "" when none
    title_words: frozenset[str]  # content words of the title
    abstract_words: frozenset[str]
    numbers: frozenset[str]  # numbers and version marks in the title ("2", "v4", "iii")
    title_name: str | None  # a one-word name before the title's colon ("kubric", "mlpmixer")
    people: frozenset[tuple[str, str]]  # (surname, first initial) of authors and page owner
    surnames: frozenset[str]
    author_count: int
    year: int | None
    doi: str | None
    arxiv: str | None
    first_page: str | None
    volume: str | None
    report_number: str | None  # an RFC's or report's own number, which identifies it
    preprint: bool
    title_count: int = 1  # records in the input with this same title (recurring columns)


def clean_title(title: str | None) -> str:
    """A title without bracketed notes, appended citations and leaked leading years."""
    if not title:
        return ""
    unbracketed = _BRACKETS.sub(" ", title)
    if len(unbracketed.split()) < 3:  # "[Translated title]": MEDLINE brackets a translation
        unbracketed = title.replace("[", " ").replace("]", " ")
    text = _LEADING_YEAR.sub("", unbracketed)
    head = _TRAILING_SENTENCE.sub("", text)
    parens = _TRAILING_PARENS.search(head)
    if parens and _YEAR.search(parens.group(0)):
        head = head[: parens.start()]
    # Keep the cut only when it leaves a title of some words: a year may belong to the title.
    return head if len(head.split()) >= 3 else text


def title_numbers(title: str) -> frozenset[str]:
    """Numbers and version marks of a normalised title; "i" only after "part", "vol", …"""
    words = title.split()
    return frozenset(
        w
        for i, w in enumerate(words)
        if _NUMBER.match(w) and (w != "i" or (i > 0 and words[i - 1] in _NUMBER_CUES))
    )


def title_name(title: str | None) -> str | None:
    """The system or dataset name a title starts with (`Kubric: A scalable …` -> `kubric`)."""
    if not title or ":" not in title:
        return None
    words = match_text(title.split(":", 1)[0]).split()
    if len(words) != 1 or len(words[0]) < 3 or sum(ch.isalpha() for ch in words[0]) < 2:
        return None
    return words[0]


def _people(record: Record) -> list[tuple[str, str]]:
    names = list(record.authors)
    if record.source.owner:
        names.append(record.source.owner)
    keys = (name_key(n) for n in names)
    return [(k.surname, k.initials[:1]) for k in keys if k.surname]


def _first_page(pages: str | None) -> str | None:
    match = _FIRST_PAGE.search((pages or "").lower())
    return match.group(1).lstrip("0") or "0" if match else None


def _volume(volume: str | None) -> str | None:
    match = _VOLUME.match(volume or "")
    return match.group(1).lstrip("0") or "0" if match else None


def _report_number(record: Record) -> str | None:
    kind = dict(record.extra).get("type", "").strip("{}").lower()
    if record.entry_type not in _REPORT_TYPES and kind not in ("rfc", "standard"):
        return None
    digits = re.sub(r"\D", "", record.number or "")
    return digits.lstrip("0") or None


def features_of(record: Record) -> Features:
    """Compute the comparison values of one record."""
    title = match_text(clean_title(record.title))
    abstract = match_text(record.abstract)
    people = _people(record)
    return Features(
        record=record,
        title=title,
        abstract=abstract,
        title_words=frozenset(w for w in title.split() if w not in STOPWORDS),
        abstract_words=frozenset(w for w in abstract.split() if w not in STOPWORDS),
        numbers=title_numbers(title),
        title_name=title_name(record.title),
        people=frozenset(people),
        surnames=frozenset(s for s, _ in people),
        author_count=len(record.authors),
        year=record.year,
        doi=normalize_doi(record.doi),
        arxiv=normalize_arxiv(record.arxiv),
        first_page=_first_page(record.pages),
        volume=_volume(record.volume),
        report_number=_report_number(record),
        preprint=is_preprint(record.venue),
    )
