"""RIS exports (Zotero, EndNote, Web of Science, Scopus), read with rispy."""

from __future__ import annotations

import html
import re

import rispy

from pubdedup.bibedit import MONTH_MACROS
from pubdedup.identifiers import (
    arxiv_in_text,
    arxiv_in_volume,
    doi_in_links,
    is_database_record_link,
)
from pubdedup.keywords import joined_keywords, keyword_terms
from pubdedup.model import Problem, ReadResult, Record, Source
from pubdedup.readers.csv_record import real_abstract
from pubdedup.readers.people import listed_names
from pubdedup.venues import meeting_abstract, thesis_entry_type, without_part_number

_START = re.compile(r"^TY  - ", re.MULTILINE)
_END = re.compile(r"^ER  -", re.MULTILINE)
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d{2}|20\d{2})(?!\d)")
_TYPES = {
    "JOUR": "article",
    "JFULL": "article",
    "MGZN": "article",
    "CONF": "inproceedings",
    "CPAPER": "inproceedings",
    "BOOK": "book",
    "CHAP": "incollection",
    "RPRT": "techreport",
    "THES": "phdthesis",
    "ELEC": "misc",
    "UNPB": "unpublished",
    "GEN": "misc",
}


# rispy's names for the fields passed through to the output (model.PASSED_FIELDS).
_PASSED = (
    ("url", "urls"),
    ("publisher", "publisher"),
    ("address", "place_published"),
    ("editor", "secondary_authors"),  # A2: a book's editors
    ("edition", "edition"),
    ("keywords", "keywords"),
    ("language", "language"),
    ("note", "notes"),
)


def _passed(entry: dict, month: str | None) -> tuple[tuple[str, str], ...]:
    fields = [("month", month)] if month else []
    for name, key in _PASSED:
        value = entry.get(key)
        values = value if isinstance(value, list) else [value]
        if name == "url":  # one link, not a list of them; the paper's, not the database's
            values = [v for v in values if v and not is_database_record_link(str(v))][:1]
        # Decoded as `_first` decodes: a book's publisher is also its venue, and must agree.
        texts = [_plain(v) for v in values if v and str(v).strip()]
        text = joined_keywords([_keyword_terms(texts)]) if name == "keywords" else "; ".join(texts)
        if text:
            fields.append((name, text))
    # SN holds an ISSN (8 digits, `1234-567X`) for a journal, else an ISBN.
    number = _first(entry, "issn")
    if number:
        digits = re.sub(r"[^0-9Xx]", "", number)
        fields.append(("issn" if len(digits) == 8 else "isbn", number))
    return tuple(fields)


def _keyword_terms(lines: list[str]) -> list[str]:
    """The terms of a record's `KW` lines: one term a line (MeSH's `Neoplasms, Second Primary`
    one, with its comma), but a record's one line is a list, separated by semicolons or else
    commas (`KW  - sepsis, immunoglobulin`), as some exports write every term in one."""
    if len(lines) != 1:
        return lines
    return keyword_terms(lines[0], ";" if ";" in lines[0] else ",")


def looks_like_ris(text: str) -> bool:
    """True when text has an RIS record start (`TY  - JOUR`)."""
    return bool(_START.search(text[:100000]))


def _first(entry: dict, *names: str) -> str | None:
    for name in names:
        value = entry.get(name)
        if isinstance(value, list):
            value = value[0] if value else None
        if value and str(value).strip():
            return _plain(value)
    return None


def _plain(value: object) -> str:
    """A value with its HTML entities decoded (`&amp;`, `&gamma;`) and its spaces collapsed."""
    return " ".join(html.unescape(str(value)).split())


def _pages(entry: dict) -> str | None:
    start, end = _first(entry, "start_page"), _first(entry, "end_page")
    return f"{start}-{end}" if start and end else start  # as the other readers give a range


def _arxiv(entry: dict) -> str | None:
    """An arXiv id in a link, the journal or a note (`arXiv preprint arXiv:2010.11929`), as
    the BibTeX reader finds it, and so in a library made from this record, read again."""
    texts = [*entry.get("urls", []), _first(entry, "journal_name", "secondary_title")]
    found = arxiv_in_text(*texts, *entry.get("notes", []), _first(entry, "doi"))
    return found or arxiv_in_volume(_first(entry, "volume"))


def _doi_link(entry: dict) -> str | None:
    """A DOI given only as a link (Embase: `L2  - http://dx.doi.org/10.1016/…`)."""
    links = []
    for key in ("urls", "file_attachments2", "file_attachments1"):
        value = entry.get(key) or []
        links += value if isinstance(value, list) else [value]  # rispy: L1 and L2 are strings
    return doi_in_links(*(str(link) for link in links))


def _record(entry: dict, source: Source) -> Record:
    authors = [*entry.get("authors", []), *entry.get("first_authors", [])]
    found = _YEAR.search(_first(entry, "year", "publication_year", "date") or "")
    year = int(found.group(1)) if found else None
    return Record(
        source=source,
        title=_first(entry, "title", "primary_title", "translated_title"),
        # One name a line, read as a CSV's list is: MEDLINE's `AU  - Bunn PA Jr` is Bunn.
        authors=tuple(listed_names([_plain(a) for a in authors if a.strip()])),
        year=year,
        venue=without_part_number(_venue(entry)),
        abstract=real_abstract(_first(entry, "abstract", "notes_abstract")),
        doi=_first(entry, "doi") or _doi_link(entry),
        arxiv=_arxiv(entry),
        volume=_first(entry, "volume"),
        number=_first(entry, "number"),
        pages=_pages(entry),
        entry_type=thesis_entry_type(
            _TYPES.get(_first(entry, "type_of_reference") or "", "misc"),
            _first(entry, "type_of_work"),  # M3: `Master's thesis`
        ),
        meeting_abstract=_meeting_abstract(entry),
        extra=_passed(entry, _month(entry, year)),
        authors_complete=bool(authors),
    )


def _venue(entry: dict) -> str | None:
    """The journal's full title (`T2`, `JF`) over `JO`, which exports fill with its
    abbreviation (`J. Mach. Learn. Res.`): BibTeX's `journal` is the full title. Then the
    abbreviation `J2`, a book's publisher."""
    return _first(
        entry,
        "secondary_title",
        "alternate_title3",
        "journal_name",
        "alternate_title1",
        "publisher",
    )


# RIS's date, `YYYY/MM/DD/other` (`DA`, or a `PY` written as one): its month when it has one.
_RIS_DATE = re.compile(r"\s*(\d{4})[/-](\d{1,2})(?:[/-]|\s*$)")


def _month(entry: dict, year: int | None) -> str | None:
    """The month of the record's date (`DA  - 2022/06/15/`) as BibTeX's month macros are read
    (`Jun`); none of a date in another year than the record's (an issue online the year
    before its print)."""
    for name in ("date", "year", "publication_year"):
        date = _RIS_DATE.match(_first(entry, name) or "")
        if date and 1 <= int(date.group(2)) <= 12 and int(date.group(1)) == year:
            return MONTH_MACROS[int(date.group(2)) - 1].capitalize()
    return None


def _meeting_abstract(entry: dict) -> bool | None:
    """A meeting's abstract by the type of reference (`ABST`) or of work (Embase's `M3  -
    Conference Abstract`); the type of reference alone says nothing else (a `JOUR` may be one)."""
    if _first(entry, "type_of_reference") == "ABST":
        return True
    return meeting_abstract(_first(entry, "type_of_work"))


def read_ris(text: str, file: str) -> ReadResult:
    """Parse RIS text; id = the `ID` tag where present.

    Each record (from its `TY` line to the next) is parsed on its own, so a record without its
    `ER` end tag is reported, never swallowed by rispy, and every record keeps its own line.
    """
    result = ReadResult()
    text = text.lstrip("\ufeff")
    starts = [m.start() for m in _START.finditer(text)]
    if not starts:
        # Without this, zip(strict=True) below fails on the lone end offset (found by a property
        # test: a `.ris` file with no `TY  - ` line ended in a traceback).
        result.problems.append(Problem(file, None, "no-records", "no RIS record ('TY  - ') found"))
        return result
    line, counted = 1, 0  # lines counted up to each record's start, not from the top each time
    for begin, end in zip(starts, [*starts[1:], len(text)], strict=True):
        line += text.count("\n", counted, begin)
        chunk, counted = text[begin:end], begin
        if not _END.search(chunk):
            result.problems.append(
                Problem(file, line, "unterminated-record", "RIS record has no 'ER  -' end tag")
            )
            chunk += "\nER  - \n"
        try:
            entries = rispy.loads(chunk, skip_unknown_tags=True)
        except Exception as exc:  # rispy raises plain IOError/ValueError on malformed files
            result.problems.append(Problem(file, line, "bad-ris", f"RIS not parsed: {exc}"))
            continue
        for entry in entries:
            # `ID`, else `AN`, the database's accession number (Embase's, PubMed's PMID).
            record_id = _first(entry, "id") or _first(entry, "accession_number")
            source = Source(file, len(result.records), line, record_id, None)
            result.records.append(_record(entry, source))
    return result
