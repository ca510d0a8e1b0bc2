"""Normalise stage: each record reduced once to the values the matcher compares."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, replace
from functools import lru_cache

from pubdedup.editions import edition_of
from pubdedup.identifiers import isbns_in, normalize_arxiv, normalize_doi
from pubdedup.leaked_names import rejoin_leaked_name
from pubdedup.model import Record, Source
from pubdedup.names import is_anonymous, is_group_name, name_key
from pubdedup.normalize import GREEK_NAMES, STOPWORDS, match_text, without_surrogates
from pubdedup.title_words import ALTERNATIVE_WORDS
from pubdedup.titles import clean_title, notice_kind
from pubdedup.venues import is_preprint_record

_EMPTY: frozenset = frozenset()  # shared by the many records without numbers, abstract, …
# Numbers and names of things that work as numbers: `2`, `v4`, roman numerals, words with a
# digit (`HIV-1`, `CD4`, `IPv6`, `2D`), letters standing alone (`vitamin D`, `T cell`, but `a`
# and `i` only after a word such as `part` or `type`).
_NUMBER = re.compile(r"^([ivx]+|[a-z]|[a-z]*\d[a-z0-9]*|cpp|csharp|fsharp)$")  # `C++`: `cpp`
_NUMBER_CUES = frozenset(
    "part pt vol volume chapter ch chap phase stage type book section sec no group class vitamin"
    " hepatitis influenza protein factor appendix series grade".split()
)
_CUE_SPELLING = {
    "pt": "part",
    "vol": "volume",
    "ch": "chapter",
    "chap": "chapter",
    "sec": "section",
}
# What a title with any of the above contains, for a quick answer on the many titles without:
# a digit, a word of one letter (not `a` or `i`) or `cpp`, or (searched in the title with a
# space either side) a roman numeral, `a` or `i` after a cue word, or a closing `i`. Each part
# is a scan in C; one pattern of all the alternatives tried each at every position.
_DIGIT = re.compile(r"\d")
_LETTER_WORDS = frozenset("bcdefghjklmnopqrstuvwxyz") | {"cpp", "csharp", "fsharp"}
_ROMAN_OR_CUED = re.compile(
    rf" (?:[ivx]{{2,}}|(?:{'|'.join(sorted(_NUMBER_CUES))}) [ai])(?= )|(?<=\S) i $"
)
_ROMAN = {"i": 1, "v": 5, "x": 10}
_LATIN_WORD = re.compile(r"[a-z]+")
_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")  # `4th` is `4`
# Latin letters that ASCII exports write for Greek ones (`The p operator` for `The ρ operator`).
_LOOK_ALIKES = {"a": "alpha", "b": "beta", "e": "epsilon", "k": "kappa", "p": "rho", "u": "mu",
                "v": "nu", "x": "chi", "t": "tau", "o": "omicron", "z": "zeta"}  # fmt: skip
# Greek letters name things too (`PPAR-α` / `PPAR-γ`, `IFN-alpha`): as characters or spelt out.
# A Greek letter's name is a whole run of Latin letters (`IL-1beta`, not `alphabet`).
_GREEK_NAME_SET = frozenset(GREEK_NAMES)
# re.I is what finds the symbol forms, by case folding: `ϕ` is `φ`, the micro sign `µ` is `μ`.
_GREEK_LETTER = re.compile(r"[\u0391-\u03a9\u03b1-\u03c9]", re.I)
# `433-444`, `433--444`, `433–444`, and a supplement's prefix: `S12-S14`, `S12-14` (not `5-S4`).
# The prefix is dropped, as from a lone page.
_PAGE_RANGE = re.compile(r"(?<![a-z\d])([a-z]{0,4})(\d+)\s*[-\u2010-\u2014\u2212]+\s*(?:\1)?(\d+)")
_FIRST_PAGE = re.compile(r"(\d+)")
_VOLUME = re.compile(r"^\s*(?:vol(?:ume)?\.?\s*)?(\d+)\s*(?:[(,.:;]|$)", re.I)
_NUMBER_LETTER = re.compile(r"\d([a-z])[^0-9a-z]*$")
_REPORT_TYPES = frozenset({"techreport", "report", "standard"})


# Not frozen, though never changed once made (`replace` makes a changed copy): a frozen
# dataclass sets each of its 25 fields through object.__setattr__ (2.8 us to make one, against
# 0.5 us), and one is made per record, in the parent and again in a worker.
@dataclass(slots=True)
class Features:
    """Comparison values of one record."""

    record: Record
    title: str  # match_text of the cleaned title, "" when none
    abstract: str  # match_text of the abstract, "" when none
    title_words: frozenset[str]  # content words of the title
    abstract_words: frozenset[str]
    numbers: frozenset[str]  # numbers and version marks in the title ("2", "v4", "iii")
    alternatives: frozenset[str]  # title words naming one of several (`mice`, `acute`, `with`)
    title_name: str | None  # a one-word name before the title's colon ("kubric", "mlpmixer")
    people: frozenset[tuple[str, str]]  # (surname, first initial) of authors and page owner
    surnames: frozenset[str]
    author_count: int
    corporate: bool  # an author is a group, not a person
    year: int | None
    doi: str | None
    arxiv: str | None
    first_page: str | None
    last_page: str | None  # None for a single page
    volume: str | None
    issue: str | None  # a journal issue's number (not a report's)
    report_number: str | None  # an RFC's or report's own number, which identifies it
    preprint: bool
    notice: str | None  # the kind of notice (erratum, reply, …): about a work, not the work
    # Records in one input with this same title, if they carry several years (a column's).
    title_count: int = 1
    # A record without a year: the one year its citation string put elsewhere, if any.
    year_cited: int | None = None
    # An entry an earlier `--into` run wrote: the records it was built from (`file:id`, its
    # `pubdedup-sources` field), empty for almost every record.
    listed_sources: frozenset[str] = _EMPTY
    # A whole book's or proceedings volume's ISBNs (as ISBN-13), empty for any other record.
    isbns: frozenset[str] = _EMPTY
    edition: str | None = None  # a book's edition as a number (`2`, `3.1`)


def title_numbers(title: str) -> frozenset[str]:
    """Numbers and marks of a normalised title, roman numerals as digits (`type II` = `type
    2`); "a" and "i" only after "part", "type", …"""
    words = title.split()
    if not _may_have_number(title, words):  # most titles: a few scans in C, not every word
        return _EMPTY
    marks = set()
    for i, word in enumerate(words):
        if not _NUMBER.match(word):
            continue
        before = _CUE_SPELLING.get(words[i - 1], words[i - 1]) if i > 0 else ""
        cued = before in _NUMBER_CUES
        closing_i = word == "i" and i == len(words) - 1 and i > 0  # `… spheres. I`, `War I`
        if word in ("a", "i") and not (cued or closing_i):
            continue  # the article, the pronoun
        if word.isalpha() and len(word) == 1 and not (cued or closing_i):  # a letter, maybe `χ`
            marks.add(_LOOK_ALIKES.get(word, word))
            continue
        number = _ORDINAL.sub(r"\1", _roman(word))
        if number.isdigit() and _names_a_number(before):
            number = before + number  # `IL 6` is `IL-6`, `type II` is `type-2`
        marks.add(number)
    return frozenset(marks)


def _may_have_number(title: str, words: list[str]) -> bool:
    return (
        _DIGIT.search(title) is not None
        or not _LETTER_WORDS.isdisjoint(words)
        or _ROMAN_OR_CUED.search(f" {title} ") is not None
    )


def _names_a_number(word: str) -> bool:
    """A word a number belongs to, `IL 6`, `type 2`, `COVID 19`: short, or a cue word."""
    return word.isalpha() and word not in STOPWORDS and (len(word) <= 5 or word in _NUMBER_CUES)


def _roman(word: str) -> str:
    """`iv` -> `4`; anything else (`hiv1`, `ix` read fine, `iiv` not a numeral) unchanged."""
    if not word or set(word) - _ROMAN.keys():
        return word
    values = [_ROMAN[c] for c in word]
    total = sum(-v if v < w else v for v, w in zip(values, values[1:] + [0], strict=True))
    return str(total) if total > 0 else word


def title_alternatives(title: str, raw: str | None) -> frozenset[str]:
    """The words of a normalised title that name one alternative of several, also inside a
    hyphenated compound (`Gram-positive`, `high-dose`, `two-dimensional`); a compound that is
    one itself (`non-linear`) is not also its parts."""
    words = ALTERNATIVE_WORDS.intersection(title.split())
    if raw and "-" in raw:
        parts = ALTERNATIVE_WORDS.intersection(_LATIN_WORD.findall(raw.lower()))
        words |= {p for p in parts if not any(p in w and p != w for w in words)}
    return frozenset(words) or _EMPTY


def greek_marks(title: str | None) -> frozenset[str]:
    """Greek letters in a title, by name: `PPAR-α agonists` -> {`alpha`}."""
    if not title:
        return _EMPTY
    names = _GREEK_NAME_SET.intersection(_LATIN_WORD.findall(title.lower()))
    letters = () if title.isascii() else _GREEK_LETTER.findall(title)
    if letters:
        names |= {match_text(letter) for letter in letters}
    return names or _EMPTY


def title_name(title: str | None) -> str | None:
    """The system or dataset name a title starts with (`Kubric: A scalable …` -> `kubric`)."""
    if not title or ":" not in title:
        return None
    words = match_text(title.split(":", 1)[0]).split()
    if len(words) != 1 or len(words[0]) < 3 or sum(ch.isalpha() for ch in words[0]) < 2:
        return None
    return words[0]


def _people(record: Record) -> tuple[list[tuple[str, str]], bool]:
    """(surname, first initial) of the authors and the page's owner, and whether an author is
    a group."""
    authors = list(map(_person, record.authors))
    people = [p for p, _ in authors if p[0]]
    if record.source.owner:
        owner = _person(record.source.owner)[0]
        if owner[0]:
            people.append(owner)
    return people, any(group for _, group in authors)


@lru_cache(maxsize=1 << 20)  # one shared tuple per name: a large input repeats names often
def _person(name: str) -> tuple[tuple[str, str], bool]:
    """A name's (surname, first initial), and whether it names a group, worked out once."""
    if is_anonymous(name):  # two unsigned works share no author
        return ("", ""), False
    key = name_key(name)
    return (key.surname, key.initials[:1]), is_group_name(name)


def _words(text: str) -> frozenset[str]:
    """Content words, each string shared with every other record that has it (memory)."""
    if not text:  # most records' abstract: no set to build
        return _EMPTY
    # Each distinct word interned once: an abstract repeats many.
    return frozenset(map(sys.intern, set(text.split()) - STOPWORDS)) or _EMPTY


def page_range(pages: str | None) -> tuple[str | None, str | None]:
    """First and last page (`pages 433-444,` -> 433, 444); a range is preferred to a lone
    number, which in a citation string may be the volume (`5 , 197-227`)."""
    text = (pages or "").lower()
    ranges = [(first, last) for _, first, last in _PAGE_RANGE.findall(text)]
    if ranges:
        # Several ranges (`230-5, 246-51, 233-8`), listed in any order: the article starts at
        # the lowest page.
        first, last = min(ranges, key=_page_order) if len(ranges) > 1 else ranges[0]
        return _strip_zeros(first), _strip_zeros(last)
    single = _FIRST_PAGE.search(text)
    return (_strip_zeros(single.group(1)), None) if single else (None, None)


def _page_order(page_range: tuple[str, str]) -> tuple[int, str]:
    digits = _strip_zeros(page_range[0])  # by length, then digits: no int() of any size
    return (len(digits), digits)


def _strip_zeros(digits: str) -> str:
    return digits.lstrip("0") or "0"


_LONE_NUMBER = re.compile(r"\s*(?!(?:1[5-9]|20)\d\d\b)\d{1,4}\s*[,.;:]?\s*$")  # not a year


def _volume(volume: str | None) -> str | None:
    match = _VOLUME.match(volume or "")
    return match.group(1).lstrip("0") or "0" if match else None


def _report_number(record: Record) -> str | None:
    kind = dict(record.extra).get("type", "").strip("{}").lower()
    if record.entry_type not in _REPORT_TYPES and kind not in ("rfc", "standard"):
        return None
    text = (record.number or "").lower()
    digits = re.sub(r"\D", "", text).lstrip("0")
    # A letter right after the last digits is part of the number: `1234A` is not `1234B`.
    letter = _NUMBER_LETTER.search(text)
    return (digits + letter.group(1) if digits and letter else digits) or None


_CITED_YEAR = re.compile(r"(?<![\w/.-])(1[89]\d\d|20\d\d)(?![\w/-])")
# The fields a citation string's year lands in; not a note or howpublished, which name other
# versions' years (`an earlier version appeared in … 1993`).
_YEAR_PLACES = ("address", "publisher")
# `(1993) 'Title'`, `1993. Title` (author-year style); not `1984 revisited`, `2001: A Space…`.
_LEADING_TITLE_YEAR = re.compile(r"^\W{0,2}(?:\((?:1[89]|20)\d\d\)[.,:]?|(?:1[89]|20)\d\d\.)\s")


def _year_in_citation(record: Record) -> int | None:
    """The year of a record without one, read from a field a citation string put it in
    (`san diego, ca, may 1993.`, `(1993) 'improving …'`), when only one year is there."""
    extra = dict(record.extra)
    texts = [record.venue or "", *(extra.get(k, "") for k in _YEAR_PLACES)]
    leading = _LEADING_TITLE_YEAR.match(record.title or "")  # not `Vision 2020: …`
    texts.append(leading.group(0) if leading else "")
    years = {int(y) for text in texts for y in _CITED_YEAR.findall(text)}
    return years.pop() if len(years) == 1 else None


def features_of(record: Record) -> Features:
    """Compute the comparison values of one record; of a citation split inside its last name
    (`… and Y.` / `Mansour (1996). Applying …`), as if split right (leaked_names.py)."""
    rejoined = rejoin_leaked_name(record.authors, record.title)
    if rejoined is None:  # nearly every record
        return _features_of(record)
    item = _features_of(replace(record, authors=rejoined.authors, title=rejoined.title))
    item.record = record  # the record as read: merged and written so
    if item.year_cited is None and record.year is None:
        item.year_cited = rejoined.year
    return item


def _features_of(record: Record) -> Features:
    title = match_text(clean_title(record.title))
    abstract = match_text(record.abstract)
    people, corporate = _people(record)
    first, last = page_range(record.pages)
    report_number = _report_number(record)
    volume, issue = _volume(record.volume), None if report_number else _volume(record.number)
    if issue is None and _venue_is_volume(record.venue):
        volume, issue = _volume(record.venue), volume
    return Features(
        record=record,
        title=title,
        abstract=abstract,
        title_words=_words(title),
        abstract_words=_words(abstract),
        numbers=title_numbers(title) | greek_marks(record.title) or _EMPTY,
        alternatives=title_alternatives(title, record.title),
        title_name=title_name(record.title),
        people=frozenset(people) or _EMPTY,
        surnames=frozenset(s for s, _ in people) or _EMPTY,
        author_count=len(record.authors),
        corporate=corporate,
        year=record.year,
        year_cited=None if record.year else _year_in_citation(record),
        doi=normalize_doi(record.doi),
        arxiv=normalize_arxiv(record.arxiv),
        first_page=first,
        last_page=last,
        volume=volume,
        issue=issue,
        report_number=report_number,
        preprint=is_preprint_record(record),
        notice=notice_kind(record.title, (volume, first)),
        listed_sources=listed_sources(record),
        isbns=book_isbns(record),
        edition=edition_of(record, title),
    )


# The types of a whole book, whose ISBN names it. A chapter or paper in one (`@incollection`,
# `@inproceedings`, a Scopus `Book chapter` row) carries its book's ISBN, shared by every
# other chapter, as a `crossref` lends it: no identifier of the paper.
_BOOK_TYPES = frozenset(
    ("book", "proceedings", "collection", "reference", "mvbook", "mvproceedings", "mvcollection")
)
_ISBN_FIELDS = frozenset(("isbn", "isbn-13", "isbn13", "isbn-10", "isbn10"))


def book_isbns(record: Record) -> frozenset[str]:
    """The ISBNs of a record of a whole book (`@book`, `@proceedings`), as ISBN-13."""
    if record.entry_type not in _BOOK_TYPES or not record.extra:
        return _EMPTY
    isbns = (isbns_in(value) for name, value in record.extra if name.lower() in _ISBN_FIELDS)
    return frozenset().union(*isbns) or _EMPTY


def _venue_is_volume(venue: str | None) -> bool:
    """A citation's fields shifted one right (`Machine Learning, 5(2)` split as title
    `… machine learning,`, venue `5,`, volume `2,`): a venue that is a number is the volume."""
    if not venue or len(venue) > 8:
        return False
    return _LONE_NUMBER.match(venue) is not None  # `5,`


SOURCES_FIELD = "pubdedup-sources"  # where `--into` lists an entry's records: `a.bib:x; b.csv:7`


def source_name(source: Source) -> str:
    """How an entry's `pubdedup-sources` names a record: `file:id` (file without directory),
    or the file alone for a record without an id; a name's bytes that are not UTF-8 as U+FFFD,
    as the library, written and read back in UTF-8, holds them."""
    name = "stdin" if source.file == "-" else without_surrogates(os.path.basename(source.file))
    return f"{name}:{source.id}" if source.id else name


def listed_sources(record: Record) -> frozenset[str]:
    """The names an entry of an earlier `--into` run lists in its `pubdedup-sources`, or a
    paper of an earlier JSON output in its `sources`: `file:id`, or the file alone for the
    records without ids (a page's), which names each of them (score.py tells which one)."""
    if record.merged:  # a DOI or pages corrected since must not leave a copy of the paper
        return frozenset(map(source_name, record.held)) or _EMPTY
    return listed_names(record)


def listed_names(record: Record) -> frozenset[str]:
    """Every name an entry's `pubdedup-sources` lists: `file:id`, or a file alone."""
    if not record.extra:
        return _EMPTY
    listed = dict(record.extra).get(SOURCES_FIELD)
    if not listed:
        return _EMPTY
    return frozenset(n for n in (n.strip() for n in listed.strip("{}").split(";")) if n)
