"""Which fields of the sources pass to the output as the sources give them, and which value.

PASSED_FIELDS (model.py) pass from every input, in their order. A BibTeX entry's other fields
(`fjournal`, `bibsource`, JabRef's `groups`, biblatex's `eventtitle`, …), and those an earlier
run's JSON output passed on, pass too, after them in alphabetical order: but for the fields
pubdedup writes itself, where a source's own would repeat or contradict what it resolved.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

from pubdedup.features import SOURCES_FIELD
from pubdedup.identifiers import is_database_record_link
from pubdedup.keywords import joined_keywords, keyword_list
from pubdedup.model import PASSED, PASSED_FIELDS, Record

# Written from what pubdedup compared and resolved; the reader has read the rest of what it
# resolves (a title's parts, a crossref's fields) into these.
COMPUTED = frozenset(
    (
        *("author", "title", "year", "abstract", "doi", "volume", "number", "pages"),
        # the venue, written under its entry type's field (series, organization, publisher pass)
        *("journal", "journaltitle", "booktitle", "howpublished", "institution", "school"),
        *("arxiv", "arxivid"),  # the arXiv id (and ARXIV_FIELDS, when they give one)
        # Fields naming the sources' entries, whose keys the output replaces: an entry's parent,
        # its aliases (`ids`: `--into` keeps a library's own), others it names (biber looks each
        # up and warns when no entry has that key).
        *("crossref", "ids", "xref", "xdata", "related", "entryset"),
        SOURCES_FIELD,  # `--into`'s provenance: each run writes it anew
    )
)
# Where and when one version appeared: a preprint's are not its published version's.
VERSION_FIELDS = frozenset(
    (
        *("month", "publisher", "address", "edition", "series", "organization", "isbn", "issn"),
        *("date", "day", "eventdate", "eventtitle", "eventtitleaddon", "venue", "pubstate"),
        *("version", "issue", "issuetitle", "maintitle", "part", "eid", "articleno", "numpages"),
        *("pagetotal", "fjournal", "shortjournal", "journalabr", "coden", "issn-l", "lccn"),
        # a database's record of one version's entry: DBLP's CoRR record is not its paper's
        *("biburl", "bibsource", "timestamp", "bibdate"),
    )
)


# biblatex's eprint fields: pubdedup writes them for an arXiv id; another archive's id
# (`eprinttype = {pubmed}`, `{hdl}`, `{jstor}`) passes as the source gives it.
ARXIV_FIELDS = frozenset(("eprint", "eprinttype", "archiveprefix"))


def passes(name: str, record: Record) -> bool:
    """Whether a field of a record's `extra` passes to the output."""
    if name in ARXIV_FIELDS:
        return record.bibtex_fields and not record.arxiv
    return name in PASSED or (record.bibtex_fields and _other_passes(name))


# A name BibTeX reads as one field's (`issn-l`, BibDesk's `bdsk-url-1`): a hand-edited JSON's
# `fields` may hold any text as a name (`my note`, `URL`), which would break the entry or
# repeat a field under another case.
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_:.+-]*")


@lru_cache(maxsize=4096)  # a few dozen names, asked for every field of every record
def _other_passes(name: str) -> bool:
    return name not in COMPUTED and _FIELD_NAME.fullmatch(name) is not None


def passed_fields(
    records: Sequence[Record], own: Sequence[Record], year: int | None
) -> tuple[tuple[str, str], ...]:
    """The passed fields the sources have, each with the value most of them give: most of the
    published version's copies (`own`) when they give one; else a preprint's, but for the
    fields that tell where and when a version appeared (its `publisher = {arXiv}`)."""
    given = _values(own, frozenset())
    if len(own) < len(records):
        published = set(map(id, own))
        preprints = [r for r in records if id(r) not in published]
        given |= _values(preprints, given.keys() | VERSION_FIELDS)
    if not given:  # most papers of a large CSV input: a quick answer
        return ()
    if any(r.arxiv for r in records):  # the paper's eprint is its arXiv id: one eprint field
        given = {name: values for name, values in given.items() if name not in ARXIV_FIELDS}
    chosen = {name: _chosen(name, given[name]) for name in in_field_order(given.keys())}
    for name, lead in COMPANIONS.items():
        if name in chosen:
            chosen[name] = _of_the_same_copy(records, name, lead, chosen.get(lead))
    return tuple(
        (name, value) for name, value in chosen.items() if value and _agrees(name, value, year)
    )


# A field that says something of another field's value, not of the paper: the day a URL was
# visited is that URL's. Chosen alone, DBLP's `url` (OpenReview) came with the `urldate` of
# Zotero's copy, which had visited arXiv.
COMPANIONS = {"urldate": "url"}


def _of_the_same_copy(
    records: Sequence[Record], name: str, lead: str, lead_value: str | None
) -> str | None:
    """The value of `name` most copies give beside the chosen value of `lead` (none without
    it): the value of the same copy as that."""
    if lead_value is None:
        return None
    extras = (dict(record.extra) for record in records)
    values = [extra[name] for extra in extras if name in extra and extra.get(lead) == lead_value]
    return most_common(values) if values else None


def _chosen(name: str, values: list[str]) -> str | None:
    """The value most copies give; of keywords, every copy's terms (a database's own terms
    beside an author's): their union, each term once, in the order the copies give them."""
    if name != "keywords" or len(set(values)) == 1:
        return most_common(values)
    return joined_keywords(keyword_list(value) for value in values)


def in_field_order(names: AbstractSet[str]) -> list[str]:
    """Passed fields in the order they are written: PASSED_FIELDS' own, then the others by name."""
    return [n for n in PASSED_FIELDS if n in names] + sorted(names - PASSED)


def _values(records: Sequence[Record], left_out: AbstractSet[str]) -> dict[str, list[str]]:
    """The values of each passed field the records give, but for the fields `left_out`."""
    given: dict[str, list[str]] = {}
    for record in records:
        for name, value in record.extra:
            if name not in left_out and _is_value(name, value) and passes(name, record):
                given.setdefault(name, []).append(value)
    return given


def _is_value(name: str, value: str) -> bool:
    """A value of spaces alone (`remark = { }`) is no value, as it is for the known fields,
    which the reader decodes to nothing; nor is a database's bookkeeping in a note, nor its
    page of its record as the paper's `url` (Scopus's `Link` column, its RIS's `UR`): styles
    print the url, and the reference pointed at a page only subscribers open."""
    if not value or value.isspace():
        return False
    if name == "url":
        return not is_database_record_link(value)
    return not (name == "note" and _DATABASE_NOTE.match(value))


# Scopus's bookkeeping in a record's note (RIS `N1  - Export Date: 2 May 2023; Cited By: 12`,
# its BibTeX's `note = {Cited by: 12; All Open Access}`, once `{cited By 12}`), with its
# correspondence address and reference list after it: styles print a note, so every reference
# read `Export Date: …; Cited By: 512`, and a daily export changed it.
_DATABASE_NOTE = re.compile(r"\s*(?:export date:|cited by:?\s*\d)", re.IGNORECASE)


def _agrees(name: str, value: str, year: int | None) -> bool:
    """biblatex's `date` passes when it is of the paper's year: biber takes the year from it
    (`Overwriting field 'year'`), and one of another version's year would change the paper's;
    and when biber reads it (`Invalid format '2011/03/15/online'`, and the date is ignored)."""
    if name != "date":
        return True
    date = _ISO_DATE.fullmatch(value.strip())
    return bool(year and date and date.group(1)[:4] == str(year))


# biblatex's dates (ISO 8601): `2020`, `2020-05`, `2020-05-03`, with a time, uncertain (`2020?`,
# `2020~`), or a range (`2020-05-01/2020-05-03`, open: `2020/`, `2020/..`).
_DATE = r"\d{4}(?:-\d\d(?:-\d\d(?:T[\d:.]+(?:Z|[+-]\d\d(?::?\d\d)?)?)?)?)?[?~%]?"
_ISO_DATE = re.compile(rf"({_DATE})(?:/(?:{_DATE}|\.\.)?)?")


def most_common(values: Sequence[str | None]) -> str | None:
    """The value most copies give; of as many, the last in sort order (any fixed choice)."""
    if len(values) == 1:  # most papers of a large input: one copy
        return values[0] or None
    present = [v for v in values if v]
    if len(present) <= 1:
        return present[0] if present else None
    votes = Counter(present)
    return max(present, key=lambda v: (votes[v], v))
