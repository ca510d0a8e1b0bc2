"""Field names BibTeX and biblatex know, and the misspelt ones (`tittle`, `jounral`, `yaer`).

A field name no style reads passes to the output as written (passed.py), so a misspelling
silently loses the real field: the reader warns when an unknown name is one typo away from a
field styles read that the entry lacks. Tools' own fields near one (JabRef's `comment`) are
known too, so that they are never taken for a typo of it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

# The fields styles read: BibTeX's own (btxdoc), those its common styles and biblatex's data
# model add, and the aliases biber reads. A name one typo from one of these loses its value.
READ_FIELDS = frozenset(
    (
        *("address", "annote", "author", "booktitle", "chapter", "crossref", "edition"),
        *("editor", "howpublished", "institution", "journal", "key", "month", "note"),
        *("number", "organization", "pages", "publisher", "school", "series", "title"),
        *("type", "volume", "year", "abstract", "doi", "isbn", "issn", "url", "urldate"),
        *("keywords", "language", "eprint", "archiveprefix", "primaryclass"),
        *("addendum", "afterword", "annotation", "annotator", "authortype", "bookauthor"),
        *("bookpagination", "booksubtitle", "booktitleaddon", "commentator", "date", "editora"),
        *("editorb", "editorc", "editortype", "editoratype", "editorbtype", "editorctype"),
        *("eid", "entrysubtype", "eprintclass", "eprinttype", "eventdate", "eventtitle"),
        *("eventtitleaddon", "file", "foreword", "holder", "indextitle", "introduction"),
        *("isan", "ismn", "isrc", "issue", "issuesubtitle", "issuetitle", "issuetitleaddon"),
        *("iswc", "journalsubtitle", "journaltitle", "journaltitleaddon", "label", "library"),
        *("location", "mainsubtitle", "maintitle", "maintitleaddon", "nameaddon", "origdate"),
        *("origlanguage", "origlocation", "origpublisher", "origtitle", "pagetotal"),
        *("pagination", "part", "pubstate", "reprinttitle", "shortauthor", "shorteditor"),
        *("shorthand", "shorthandintro", "shortjournal", "shortseries", "shorttitle"),
        *("subtitle", "titleaddon", "translator", "venue", "version", "volumes", "entryset"),
        *("execute", "gender", "langid", "langidopts", "ids", "indexsorttitle", "options"),
        *("presort", "related", "relatedoptions", "relatedtype", "relatedstring", "sortkey"),
        *("sortname", "sortshorthand", "sorttitle", "sortyear", "xdata", "xref", "hyphenation"),
    )
)
# Tools' own fields, near a read one but no typo of it: JabRef's `comment` and `groups`,
# personal `notes`, and the `keyword` of Beebe's TeX bibliographies (ACM Computing Reviews'
# general terms, beside its `review` and `subject`; his own keywords are in `keywords`).
KNOWN_FIELDS = READ_FIELDS | frozenset(
    (
        *("owner", "timestamp", "groups", "ranking", "priority", "readstatus", "printed"),
        *("qualityassured", "relevance", "comment", "review", "creationdate", "citeseerurl"),
        *("modificationdate", "notes", "pdf", "day", "numpages", "articleno", "fjournal"),
        "keyword",
    )
)

# A name of letters alone: `bdsk-url-1`, `url2` and `mendeley-tags` are a tool's on purpose.
_WORD = re.compile(r"[a-z]{4,}")


def misspelt_field(name: str, present: Collection[str]) -> str | None:
    """The field styles read that an unknown `name` misspells, when the entry (its fields
    `present`) lacks it; None for a known name, or one near no such field or several."""
    likely = _nearest_field(name)
    return likely if likely and likely not in present else None


@lru_cache(maxsize=4096)  # few distinct names, asked for every entry that has them
def _nearest_field(name: str) -> str | None:
    if name in KNOWN_FIELDS or not _WORD.fullmatch(name):
        return None
    near = [read for read in READ_FIELDS if len(read) >= 4 and _one_typo(name, read)]
    if len(near) != 1 or _set_aside(name, near[0]):
        return None
    return near[0]


def _set_aside(name: str, field: str) -> bool:
    """A field set aside by a letter before its name (iridia's `amonth`, `atype`), as Emacs's
    bibtex-mode sets one aside with `OPT`: not misspelt; a doubled first letter (`ttitle`) is."""
    return name[1:] == field and name[0] != name[1]


def _one_typo(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped (`jounral`)."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    rest_a, rest_b = a[start:], b[start:]  # from the first letter they differ in
    swapped = len(rest_a) >= 2 and rest_a[2:] == rest_b[2:] and rest_a[:2] == rest_b[1::-1]
    return rest_a[1:] == rest_b[1:] or rest_a[1:] == rest_b or rest_a == rest_b[1:] or swapped
