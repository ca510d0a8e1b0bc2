"""One CSV row as a record: the fields its cells give, and the conventions of the exports
that write them (Zotero's item types, PubMed's `Citation` column, Scopus's page columns, arXiv
ids in a venue or link)."""

from __future__ import annotations

import re

from pubdedup.identifiers import arxiv_in_text, arxiv_in_volume
from pubdedup.keywords import joined_keywords, keyword_terms
from pubdedup.model import Record, Source
from pubdedup.names import name_key, same_person
from pubdedup.normalize import PAGE_RANGE_DASH
from pubdedup.readers.people import author_list
from pubdedup.venues import meeting_abstract, thesis_entry_type, without_part_number

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d{2}|20\d{2})(?!\d)")

_ARXIV_PLACES = ("venue", "url", "note", "doi")
# Zotero's item types (its `Item Type` column) as BibTeX's entry types; a type of no BibTeX
# name (`webpage`, `presentation`) is left to the venue.
_ZOTERO_TYPES = {
    "journalarticle": "article",
    "magazinearticle": "article",
    "newspaperarticle": "article",
    "conferencepaper": "inproceedings",
    "booksection": "incollection",
    "thesis": "phdthesis",
    "report": "techreport",
    "manuscript": "unpublished",
    "preprint": "misc",
    "webpage": "",
    "blogpost": "",
    "presentation": "",
    "document": "",
    # EndNote's reference types (its `Reference Type` column)
    "journal article": "article",
    "electronic article": "article",
    "conference proceedings": "inproceedings",
    "conference paper": "inproceedings",
    "book section": "incollection",
    "generic": "misc",
}


# What Scopus writes in the abstract column of a record without one (an editorial, a letter,
# many conference papers): no abstract. Written out, it was every such paper's abstract in the
# output, and it counted as an abstract that disagrees with a copy's real one.
_NO_ABSTRACT = frozenset(["no abstract available", "no abstract"])


def real_abstract(text: str | None) -> str | None:
    """A database's abstract, or None for its stand-in for none (`[No abstract available]`)."""
    if text and text.strip("[]. ").casefold() in _NO_ABSTRACT:
        return None
    return text


def row_record(values: dict[str, str], source: Source) -> Record:
    """A row's cells, by field, as a record."""
    values = _database_fields(_cited(values))
    if "abstract" in values and not real_abstract(values["abstract"]):
        values = {k: v for k, v in values.items() if k != "abstract"}  # the caller's kept whole
    year = _YEAR.search(values.get("year", ""))
    extra = tuple([(k, v) for k, v in values.items() if k not in _READ_APART and _kept(k, v)])
    authors, cut = _authors(values)
    return Record(
        source=source,
        title=values.get("title"),
        authors=tuple(authors),
        year=int(year.group(1)) if year else None,
        venue=without_part_number(values.get("venue") or values.get("conference")),
        abstract=values.get("abstract"),
        # A snippet (Google Scholar's, in Publish or Perish) ends in an ellipsis: cut off.
        truncated=values.get("abstract", "").rstrip().endswith(("…", "...")),
        doi=values.get("doi"),
        # As the BibTeX reader finds it (and so a library made from this row, read again).
        arxiv=values.get("arxiv")
        or arxiv_in_text(*map(values.get, _ARXIV_PLACES))
        or arxiv_in_volume(values.get("volume")),
        volume=values.get("volume"),
        number=values.get("number"),
        pages=_pages(values),
        entry_type=thesis_entry_type(_entry_type(values.get("entry_type")), values.get("type"))
        or _DOCUMENT_TYPES.get(values.get("document_type", "").strip().lower()),
        meeting_abstract=meeting_abstract(values.get("document_type")),
        extra=extra,
        authors_complete=bool(authors) and not cut,
        authors_cut=cut,
    )


# A database's kind of document (Scopus's and Web of Science's `Document Type`, Embase's
# `Publication Type`) as the entry type, when no column gives one: typed by its venue alone, a
# `Conference paper` in `Advances in Neural Information Processing Systems` or an `Article` in
# `Blood` was a `@misc`, whose volume and pages styles leave out. A meeting's abstract, or two
# kinds at once (`Article; Proceedings Paper`), is left to the venue.
_DOCUMENT_TYPES = {
    "article": "article", "review": "article", "letter": "article", "editorial": "article",
    "note": "article", "erratum": "article", "short survey": "article",
    "conference paper": "inproceedings", "proceedings paper": "inproceedings",
    "book chapter": "incollection", "book": "book",
    # Scopus's row of a proceedings volume itself (its front matter: `The proceedings contain 45
    # papers …`), not of a paper in it.
    "conference review": "proceedings",
}  # fmt: skip


# Scopus's author id after each full name, `Zhai, Xiaohua (57193115287)`: no part of a name
# (in any author column: a user may `--map` the full names as the authors). The spaces before
# it are matched from the start of their run only: from every space of a long run, each try
# scanned the rest of it (quadratic).
_SCOPUS_ID = re.compile(r"(?<!\s)\s*\(\d+\)(?=\s*(?:;|$))")


def _authors(values: dict[str, str]) -> tuple[list[str], bool]:
    """The author list, and whether it is cut short: each person's full name where the export
    gives one beside its initials (Scopus's `Author full names`, Web of Science's `AF`), in the
    same order: a name that is no such person keeps its initials, and lists of two lengths
    (one of them cut) keep the initials' whole."""
    short, cut = author_list(_SCOPUS_ID.sub("", values.get("authors", "")))
    full, full_cut = author_list(_SCOPUS_ID.sub("", values.get("full_authors", "")))
    if not short:
        return full, full_cut
    if len(full) != len(short):
        return short, cut
    return [
        f if same_person(name_key(f), name_key(s)) else s for s, f in zip(short, full, strict=True)
    ], cut


# A host name in a publisher column (Publish or Perish's `openaccess.thecvf.com`, the site
# Google Scholar found the paper on): no publisher, and it outvoted `IEEE` in a merge.
_HOST_NAME = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}$", re.IGNORECASE)


def _kept(name: str, value: str) -> bool:
    return not (name == "publisher" and _HOST_NAME.match(value.strip()))


_READ_APART = frozenset((
    "authors", "full_authors", "year", "first_page", "last_page", "citation", "document_type",
    "conference", "index_keywords", "publisher_address", "publication_date",
))  # fmt: skip


_DATABASE_COLUMNS = ("keywords", "index_keywords", "publisher_address", "publication_date")


def _database_fields(values: dict[str, str]) -> dict[str, str]:
    """The fields a database export gives in its own way: its two keyword columns (their
    terms separated by semicolons) as one list, the publisher's address where no city is
    given, and the month of Web of Science's publication date."""
    if not any(map(values.get, _DATABASE_COLUMNS)):  # most rows: nothing to do
        return values
    found = dict(values)
    keywords = joined_keywords(
        keyword_terms(values.get(name, ""), ";") for name in ("keywords", "index_keywords")
    )
    if keywords:
        found["keywords"] = keywords
    if values.get("publisher_address") and "address" not in values:
        found["address"] = values["publisher_address"]
    month = _month(values.get("publication_date", ""))
    if month and "month" not in values:
        found["month"] = month
    return found


# Web of Science's publication date: a month (`JUN`), with its day (`JUN 15`), a season (`SPR`)
# or two months (`JAN-FEB`); not a date of digits (another export's `2020-05-03`), whose year
# is read apart.
_MONTH_DAY = re.compile(r"([^\W\d_]{3,}\.?)\s+\d{1,2}")


def _month(date: str) -> str | None:
    """The month of a publication date: its month without the day (BibTeX's month macro is
    the month alone), a season or range as written; None for a date of digits."""
    date = date.strip()
    if with_day := _MONTH_DAY.fullmatch(date):
        return with_day.group(1)
    return date if date[:1].isalpha() and not any(c.isdigit() for c in date) else None


# The volume, issue and pages of an NLM citation, after its date: `2020 Jan 4;395(10219):45-56`,
# `2020;368:m123`, `2019 Jun 3;6(6):CD012345`, `2019;134(Suppl 1):1234`. An article ahead of
# print (`2023 Jan 5:thoraxjnl-2022-219000`) has none.
_NLM_PLACE = re.compile(
    r";\s*(?P<volume>[^\s;():]+)?\s*(?:\((?P<number>[^()]+)\))?:\s*"
    r"(?P<pages>[A-Za-z]{0,3}\d+[A-Za-z]?(?:-[A-Za-z]{0,3}\d+[A-Za-z]?)?)(?![\w-])"
)


def _cited(values: dict[str, str]) -> dict[str, str]:
    """Volume, number and pages from a citation column (PubMed's CSV has no column of its own
    for them): without pages, two companion papers of one trial in one journal and year lose
    the veto that keeps them apart. A column of the field's own wins."""
    text = values.get("citation", "").split(" doi:", 1)[0]
    match = _NLM_PLACE.search(text)
    if not match:
        return values
    found = {k: v.strip() for k, v in match.groupdict().items() if v and v.strip()}
    if "pages" in values or "first_page" in values:
        found.pop("pages", None)
    return {**found, **values}


def _pages(values: dict[str, str]) -> str | None:
    """The page range of a `pages` column (`11021–11035`), else of a first and a last page
    column, as the RIS reader joins `SP` and `EP`."""
    pages = PAGE_RANGE_DASH.sub("-", values.get("pages", ""))
    if pages:
        return pages_of_date(pages) or pages
    first, last = values.get("first_page"), values.get("last_page")
    return f"{first}-{last}" if first and last and last != first else first


def pages_of_date(value: str) -> str | None:
    """The page range a spreadsheet turned into a date (`01-Jun`, `21-Apr`, `Apr-21`: Excel
    reads `1-6` or `4-21` as a day and a month, whichever order its locale writes them), as
    the range from the lower number to the higher (`1-6`, `4-21`); None for any other value.
    Read as it stands, `01-Jun` was a first page 1 that no copy of the article shared."""
    # The dashes as `_pages` reads them (`01 - Jun`, `01--Jun`, `01–Jun`): the reader's warning
    # passes the cell as written, and missed a date `_pages` rewrote.
    match = _DATE_OF_PAGES.match(PAGE_RANGE_DASH.sub("-", value))
    if not match:
        return None
    day = int(match["day"] or match["day_after"])
    # casefold, not lower: IGNORECASE matches `ſ` (long s) for `s`, which lower() keeps (`ſep`).
    month = _MONTHS.index((match["month"] or match["month_after"]).casefold()) + 1
    low, high = sorted((day, month))
    return str(low) if low == high else f"{low}-{high}"


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = "|".join(_MONTHS)
_DAY = r"0?[1-9]|[12]\d|3[01]"
_DATE_OF_PAGES = re.compile(
    rf"^\s*(?:(?P<day>{_DAY})-(?P<month>{_MONTH})"
    rf"|(?P<month_after>{_MONTH})-(?P<day_after>{_DAY}))"
    r"\s*$",
    re.IGNORECASE,
)


def _entry_type(value: str | None) -> str | None:
    """A type cell as an entry type: BibTeX's or biblatex's (`article`), or Zotero's
    (`journalArticle`); another kind (Publish or Perish's `PDF`, `HTML`, `CITATION`: the kind
    of Google Scholar's link, which was written as `@pdf{…`) is left to the venue."""
    lowered = (value or "").lower()
    lowered = _ZOTERO_TYPES.get(lowered, lowered)
    return lowered if lowered in _ENTRY_TYPES else None


# BibTeX's types and biblatex's (its standard and non-standard ones, and its aliases): a
# `standard` left out lost the report-number veto, and two RFCs of one title became one paper.
_ENTRY_TYPES = frozenset(
    "article book booklet conference inbook incollection inproceedings manual mastersthesis"
    " misc phdthesis proceedings techreport unpublished online report thesis collection"
    " dataset software patent periodical mvbook bookinbook suppbook mvcollection"
    " suppcollection suppperiodical mvproceedings reference mvreference inreference electronic"
    " www artwork audio bibnote commentary image jurisdiction legislation legal letter movie"
    " music performance review standard video".split()
)
