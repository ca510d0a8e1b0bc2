"""CSL-JSON writer: the merged papers as Citation Style Language items, for pandoc and Zotero.

The item fields follow the CSL data schema (csl-data.json); the item id is the citation key, so
`[@key]` in pandoc cites the same paper as `\\cite{key}` in LaTeX.
"""

from __future__ import annotations

import json
from typing import Any

from pylatexenc.latex2text import LatexNodes2Text

from pubdedup.keywords import keyword_list
from pubdedup.model import UNTITLED, Paper
from pubdedup.names import is_group_name, split_name
from pubdedup.normalize import PAGE_RANGE_DASH
from pubdedup.pipeline import Result
from pubdedup.readers.latex import latex_to_text
from pubdedup.readers.people import author_list
from pubdedup.venues import is_preprint
from pubdedup.writers.bibtex import (
    INFERRED_NOTE,
    NO_TITLE_NOTE,
    is_proceedings_volume,
    venue_left_out,
    written_venue_field,
)
from pubdedup.writers.latex import split_math

# BibTeX entry type -> CSL item type.
_TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "incollection": "chapter",
    "inbook": "chapter",
    "book": "book",
    "proceedings": "book",  # the volume itself (CSL has no type of its own for one)
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "techreport": "report",
    "manual": "report",
    "misc": "article",
    "unpublished": "manuscript",
}


def csl_type(paper: Paper) -> str:
    """The CSL item type; a preprint is an `article` (CSL's type for preprints)."""
    if paper.venue and is_preprint(paper.venue):
        return "article"
    if is_proceedings_volume(paper):
        return _TYPES["proceedings"]
    return _TYPES.get(paper.entry_type, "article")


def csl_name(name: str, braced: bool = False) -> dict[str, str]:
    """`{"family": ..., "given": ...}`, or `{"literal": ...}` for a one-word name or a group
    (or a name a BibTeX source `braced` as one: `{Barnes and Noble}`)."""
    if braced or is_group_name(name):
        return {"literal": name}
    given, family = split_name(name)
    if not given:
        return {"literal": family or name}
    return {"family": family, "given": given}


_MATH = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


def plain_text(text: str) -> str:
    """Text with its LaTeX math (kept verbatim by the readers) as Unicode: `$\\sim$` -> `~`."""
    if "$" not in text:
        return text
    return "".join(_math_to_text(piece) if math else piece for math, piece in split_math(text))


def _math_to_text(math: str) -> str:
    try:
        return " ".join(_MATH.latex_to_text(math).split())
    except Exception:  # pylatexenc gives up on some malformed math; keep it as it is
        return math


def csl_item(paper: Paper) -> dict[str, Any]:
    """One CSL-JSON item; empty fields are left out, as the schema expects."""
    item: dict[str, Any] = {
        "id": paper.key,
        "type": csl_type(paper),
        "title": plain_text(paper.title),
    }
    if paper.authors:
        item["author"] = [csl_name(a, a in paper.braced_names) for a in paper.authors]
    if paper.year:
        item["issued"] = {"date-parts": [[paper.year]]}
    passed = dict(paper.fields)
    _add_venue(item, paper)
    _add_resolved(item, paper)
    _add_passed(item, passed, paper.braced_names)
    _add_arxiv(item, paper)
    if paper.title_inferred or paper.title.startswith(UNTITLED):
        ours = INFERRED_NOTE if paper.abstract else NO_TITLE_NOTE
        item["note"] = "; ".join(filter(None, (passed.get("note"), ours)))
    return item


def _add_venue(item: dict[str, Any], paper: Paper) -> None:
    # Else a passed field names it, or it is the item's own title (a book's, proceedings').
    if paper.venue and not venue_left_out(paper):
        key = "publisher" if item["type"] in ("report", "thesis") else "container-title"
        if written_venue_field(paper) == "series":  # a proceedings volume's series (LNCS)
            key = "collection-title"
        item[key] = paper.venue


def _add_resolved(item: dict[str, Any], paper: Paper) -> None:
    """The paper's own fields past title, authors, year and venue, those it has."""
    optional = {
        "volume": paper.volume,
        "issue": paper.number if item["type"] != "report" else None,
        "number": paper.number if item["type"] == "report" else None,
        # CSL's range is `401-415` (citeproc prints the dash); `401--415` came out as written.
        "page": PAGE_RANGE_DASH.sub("-", paper.pages or ""),
        "DOI": paper.doi,
        "abstract": plain_text(paper.abstract or ""),
    }
    item.update({k: v for k, v in optional.items() if v})


def _add_passed(item: dict[str, Any], passed: dict[str, str], braced: tuple[str, ...]) -> None:
    """The sources' passed-through fields with a CSL variable the item has not filled;
    `braced`: the names a source wrote as one brace group."""
    for name, csl in _CSL_FIELDS.items():
        if passed.get(name) and csl not in item:
            item[csl] = passed[name]
    if "{" in item.get("keyword", ""):  # a term with a comma: the terms apart at semicolons
        item["keyword"] = "; ".join(keyword_list(item["keyword"]))
    for name, csl in _CSL_FROM_LATEX.items():
        if passed.get(name) and csl not in item:
            item[csl] = latex_to_text(passed[name])
    # `Barnes and Noble` one name; a plain `Anonymous` a name, as a bibliography writes it:
    # only a database's bracketed stand-in (`[Anonymous]`) is no one.
    editors = author_list(passed.get("editor", ""), braced, exported=False)[0]
    if editors:
        item["editor"] = [csl_name(e, e in braced) for e in editors]


def _add_arxiv(item: dict[str, Any], paper: Paper) -> None:
    if paper.arxiv:
        item.setdefault("URL", f"https://arxiv.org/abs/{paper.arxiv}")
        if item["type"] == "article":
            item.setdefault("container-title", "arXiv")
            item["number"] = f"arXiv:{paper.arxiv}"


# Passed-through fields (BibTeX names) and their CSL variables.
_CSL_FIELDS = {
    "url": "URL",
    "publisher": "publisher",
    "address": "publisher-place",
    "edition": "edition",
    "series": "collection-title",
    "isbn": "ISBN",
    "issn": "ISSN",
    "pmid": "PMID",
    "keywords": "keyword",
    "language": "language",
    "note": "note",
    "type": "genre",
    "chapter": "chapter-number",
}


# Fields other than PASSED_FIELDS that a BibTeX source may give (biblatex's, PubMed's PMCID),
# kept as LaTeX, as the source wrote them: their CSL variables hold their text.
_CSL_FROM_LATEX = {
    "shorttitle": "title-short",
    "eventtitle": "event",  # CSL 1.0.1's name; 1.0.2 reads it as event-title
    "venue": "event-place",  # biblatex's: where the conference was held
    "shortjournal": "container-title-short",
    "journalabr": "container-title-short",
    "pmcid": "PMCID",
}


def write_csl_json(result: Result) -> str:
    """The bibliography as a CSL-JSON array (UTF-8, sorted by key), ending in a newline."""
    items = [csl_item(p) for p in sorted(result.papers, key=lambda p: p.key)]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
