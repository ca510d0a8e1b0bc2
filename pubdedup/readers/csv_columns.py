"""The CSV columns pubdedup reads, by header: the names reference managers and databases give
them (Zotero, Mendeley, Scopus, Web of Science, PubMed, Embase, …) and Web of Science's
two-letter field tags."""

from __future__ import annotations

# Header (lower case, spaces and dashes as "_") -> field. First match wins for each field.
COLUMN_ALIASES: dict[str, str] = {
    "id": "id",
    "key": "id",
    "citation_key": "id",
    "record_id": "id",
    "entity_id": "id",
    # A database's own record number, stable when a search is exported again in another
    # order: Scopus's EID, Web of Science's accession number (UT); else PubMed's PMID (the
    # `pmid` column, which names the record where no column of these does: `_id_field`).
    "eid": "id",
    "ut_(unique_wos_id)": "id",
    "accession_number": "id",
    "title": "title",
    "article_title": "title",
    "document_title": "title",
    "primary_title": "title",
    "author": "authors",
    "authors": "authors",
    "author_names": "authors",
    "creators": "authors",
    # The same people with their given names in full, beside a list of initials: Scopus's
    # `Author full names` (`Zhai, Xiaohua (57193115287)`), Web of Science's `Author Full Names`.
    "author_full_names": "full_authors",
    "year": "year",
    "publication_year": "year",
    "date": "year",
    "pubyear": "year",
    "venue": "venue",
    "journal": "venue",
    "booktitle": "venue",
    "source": "venue",
    "source_title": "venue",
    "publication": "venue",
    "publication_title": "venue",
    "journal_title": "venue",
    "journal/book": "venue",  # PubMed's CSV
    "secondary_title": "venue",
    "container_title": "venue",
    "abstract": "abstract",
    "abstract_note": "abstract",  # Zotero
    "doi": "doi",
    "electronic_resource_number": "doi",  # EndNote's name of its DOI field
    "arxiv": "arxiv",
    "eprint": "arxiv",
    "volume": "volume",
    "number": "number",
    "issue": "number",
    "pages": "pages",
    # A range in two columns, as Scopus (`Page start`, `Page end`) and others export it.
    "page_start": "first_page",
    "start_page": "first_page",
    "startpage": "first_page",  # Publish or Perish
    "endpage": "last_page",
    "first_page": "first_page",
    "page_end": "last_page",
    "end_page": "last_page",
    "last_page": "last_page",
    "citation": "citation",  # PubMed's: `Lancet. 2020 Jan 4;395(10219):45-56. doi: …`
    "entrytype": "entry_type",
    "entry_type": "entry_type",
    "item_type": "entry_type",  # Zotero: before its `Type` column, a thesis's `PhD Thesis`
    "reference_type": "entry_type",  # EndNote's `Journal Article`, `Conference Proceedings`
    # Zotero's conference name: the venue of a paper whose proceedings' title is left empty.
    "conference_name": "conference",
    "type": "entry_type",
    # A database's kind of document: Scopus's and Web of Science's `Document Type` (`Meeting
    # Abstract`, `Article`, …); Embase's `Publication Type` is a second choice (below).
    "document_type": "document_type",
    # Passed through to the output as they are (model.PASSED_FIELDS).
    "url": "url",
    "link": "url",
    "articleurl": "url",  # Publish or Perish
    "month": "month",
    "publisher": "publisher",
    "address": "address",
    "place_published": "address",
    "place": "address",  # Zotero
    "editor": "editor",
    "editors": "editor",
    "book_editors": "editor",  # Web of Science's
    "edition": "edition",
    "series": "series",
    "isbn": "isbn",
    "issn": "issn",
    "keywords": "keywords",
    # Scopus's and Web of Science's keywords, two columns of them: the authors' and the
    # database's own (`Index Keywords`, `Keywords Plus`), joined as one list (csv_record).
    "author_keywords": "keywords",
    "index_keywords": "index_keywords",
    "keywords_plus": "index_keywords",
    "book_series_title": "series",  # Web of Science's
    # Web of Science's publisher's city, else its full address (`GEWERBESTRASSE 11, CHAM, …`)
    "publisher_city": "address",
    "publisher_address": "publisher_address",
    # Web of Science's `JUN`, `JUN 15`, `SPR`: the month (csv_record's `_month`)
    "publication_date": "publication_date",
    # An article's number where it has no pages (biblatex's `eid`): Scopus's `Art. No.`
    "art._no.": "eid",
    "article_number": "eid",
    "pmid": "pmid",
    "pubmed_id": "pmid",  # Scopus's `PubMed ID`, Web of Science's `Pubmed Id`
    "language": "language",
    "language_of_original_document": "language",  # Scopus's
    "note": "note",
    "notes": "note",
}
FIELDS = frozenset(COLUMN_ALIASES.values())


# Web of Science's tab-delimited export (`savedrecs.txt`) names its columns by two-letter field
# tags. A header with its record tags `PT` and `UT` and a title `TI` is one, and its tags are
# read as these fields (a user's `--map` still wins); `AU` is its author list (`Smith, J; Li, K`),
# `AF` the same people's full names (`Smith, John; Li, Kai`).
WOS_TAGS = {
    "ti": "title", "au": "authors", "af": "full_authors", "py": "year", "so": "venue",
    "ab": "abstract", "di": "doi",
    "vl": "volume", "is": "number", "bp": "first_page", "ep": "last_page",
    "dt": "document_type", "ut": "id", "pu": "publisher", "sn": "issn", "la": "language",
    "bn": "isbn", "be": "editor", "de": "keywords", "id": "index_keywords", "se": "series",
    "pi": "address", "pa": "publisher_address", "pd": "publication_date", "ar": "eid",
    "pm": "pmid",
}  # fmt: skip
_WOS_MARKS = frozenset({"pt", "ut", "ti"})


def wos_tags(keys: set[str]) -> dict[str, str]:
    """WOS_TAGS for a header that is Web of Science's (its record tags and title), else none."""
    return WOS_TAGS if keys >= _WOS_MARKS else {}
