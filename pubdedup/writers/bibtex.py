"""BibTeX writer (bibtexparser v2): one entry per paper, sorted by key, byte-stable."""

from __future__ import annotations

import re

import bibtexparser
from bibtexparser.library import Library
from bibtexparser.middlewares.names import parse_single_name_into_parts
from bibtexparser.middlewares.parsestack import default_unparse_stack
from bibtexparser.model import Entry, Field

from pubdedup.bibedit import MONTH_MACROS, brace_balance, braces_pair
from pubdedup.keywords import KEYWORD_SEPARATOR, keyword_list
from pubdedup.model import PASSED, TRUNCATED_NOTE, VENUE_FIELD, Paper
from pubdedup.names import is_group_name, surname_first
from pubdedup.normalize import PAGE_RANGE_DASH, match_text
from pubdedup.pipeline import Result
from pubdedup.readers.latex import one_brace_group
from pubdedup.readers.people import author_list, top_level_commas
from pubdedup.writers.latex import (
    braced_in_a_title,
    escape,
    math_symbols,
    protect_title,
    to_ascii,
)

INFERRED_NOTE = "Title not on the author pages; derived from the abstract"
NO_TITLE_NOTE = "No title or abstract in the sources"  # the title is `[Untitled]` alone
OUR_NOTES = frozenset((INFERRED_NOTE, NO_TITLE_NOTE, TRUNCATED_NOTE))


def paper_fields(paper: Paper, surname_first: bool = False) -> list[tuple[str, str]]:
    """The (field, LaTeX value) pairs of one paper, in a fixed order, empty ones left out;
    `surname_first`: every author so (a library that writes its names so)."""
    passed = dict(paper.fields)
    venue_field, venue = _venue(paper, passed)
    fields = _resolved(paper, surname_first, venue_field, venue)
    written = {name for name, value in fields if value}  # once each (the venue's may be one)
    fields += [
        (name, _passed_value(name, value, paper.year, paper.braced_names))
        for name, value in passed.items()
        if name != "note" and name not in written
    ]
    # An earlier output's note holds our own notes (an output merged again): written once.
    person = without_our_notes(passed.get("note", ""))
    fields.append(("note", "; ".join([escape(person)] * bool(person) + bibtex_notes(paper))))
    return [(name, value) for name, value in fields if value]


def _venue(paper: Paper, passed: dict[str, str]) -> tuple[str, str | None]:
    """The venue's field and value; a thesis's publisher taken out of `passed` as its school."""
    venue_field = written_venue_field(paper)
    own_field = venue_field in VENUE_FIELD.values()  # not `howpublished`, a proceedings' series
    venue = "" if not own_field and venue_left_out(paper) else paper.venue
    publisher = passed.get("publisher")
    if venue_field in ("school", "institution") and publisher and venue in (None, "", publisher):
        # Zotero and EndNote give a thesis's university (a report's institution) as its
        # publisher: BibTeX styles need it as the school (`empty school in …`), and once.
        venue = passed.pop("publisher")
    return venue_field, venue


def written_venue_field(paper: Paper) -> str:
    """The field the paper's venue is written in: its entry type's, else `howpublished`; a
    `@proceedings`' own venue (Scopus's `Lecture Notes in Computer Science` of a conference's
    volume) is its `series`, biber's data model has no `howpublished` for one (`Invalid field
    'howpublished' for entrytype 'proceedings'`), unless a source gives a series of its own."""
    entry_type = written_type(paper)
    if entry_type == "proceedings" and "series" not in dict(paper.fields):
        return "series"
    return VENUE_FIELD.get(entry_type, "howpublished")


def _resolved(
    paper: Paper, surname_first: bool, venue_field: str, venue: str | None
) -> list[tuple[str, str]]:
    """The fields pubdedup resolves, in their fixed order (empty ones too)."""
    return [
        ("author", " and ".join([*_names(paper, surname_first), *_others(paper)])),
        ("title", protect_title(paper.title, paper.protected)),
        (venue_field, escape(venue or "")),
        ("year", str(paper.year or "")),
        ("volume", escape(paper.volume or "")),
        ("number", escape(paper.number or "")),
        ("pages", bibtex_pages(paper.pages or "")),
        ("doi", bibtex_doi(paper.doi or "")),
        ("eprint", paper.arxiv or ""),
        ("archiveprefix", "arXiv" if paper.arxiv else ""),
        ("abstract", escape(paper.abstract or "")),
    ]


# Passed fields a paper's venue may be read from (a book's, a report's).
_PASSED_VENUES = ("series", "organization", "publisher")


def _venue_is_passed(paper: Paper) -> bool:
    """Whether the paper's venue is the value of a passed field (a book's series or publisher),
    which is written under its own name."""
    passed = dict(paper.fields)
    return bool(paper.venue) and any(passed.get(name) == paper.venue for name in _PASSED_VENUES)


def venue_left_out(paper: Paper) -> bool:
    """Whether the writers leave a paper's venue out: a passed field names it (a book's series
    or publisher, written under that name), or, for a type of no venue field of its own (a book,
    proceedings, misc), it is the entry's own title (a `@proceedings`, Scopus's `Book` row),
    which `howpublished` only repeated (biber: `Invalid field 'howpublished' for entrytype
    'book'`)."""
    if not paper.venue:
        return False
    if written_type(paper) not in VENUE_FIELD and _venue_is_its_title(paper):
        return True
    return _venue_is_passed(paper)


def _venue_is_its_title(paper: Paper) -> bool:
    return match_text(paper.venue or "") == match_text(paper.title)


# The types whose venue BibTeX's styles need (`empty journal in …`, `empty booktitle in …`;
# biber: `Missing mandatory field 'journaltitle'`): such an entry with no venue (a Mendeley
# export of an arXiv paper, `@article` without `journal`) is a `@misc`, which needs none and
# keeps its arXiv id as its eprint.
_VENUE_NEEDED = frozenset(("article", "inproceedings", "conference"))


def written_type(paper: Paper) -> str:
    """The paper's entry type as the BibTeX writer writes it."""
    if paper.entry_type in _VENUE_NEEDED and not paper.venue:
        return "misc"
    if is_proceedings_volume(paper):
        return "proceedings"
    return paper.entry_type


def is_proceedings_volume(paper: Paper) -> bool:
    """A paper in proceedings whose proceedings are its own title: the volume itself (Scopus's
    `Conference Review` row, its title its source's), a `@proceedings` of title, editors and
    publisher, which BibTeX's styles print once (as `@inproceedings`, `Proceedings of X. In
    Proceedings of X`, and plain warned `empty author`). Not a paper with authors, which a
    `@proceedings` would not print (a keynote whose booktitle was copied from its title)."""
    return (
        paper.entry_type in ("inproceedings", "conference")
        and not paper.authors
        and _venue_is_its_title(paper)
    )


def _others(paper: Paper) -> list[str]:
    """BibTeX's `others` ending a list cut short: styles print it as `et al.`"""
    return ["others"] if paper.authors_cut and paper.authors else []


def _passed_value(name: str, value: str, year: int | None, braced: tuple[str, ...] = ()) -> str:
    """A passed-through field in LaTeX: a URL as it is (LaTeX reads it verbatim, `\\url`), a
    month as BibTeX's macro where it names one (of the paper's `year`), a field only a BibTeX
    source gives as that source wrote it (PASSED_FIELDS are read as plain text); `braced`: the
    names a source wrote as one brace group."""
    if name == "month":
        return month_macro(value, year) or escape(value)
    if name == "editor":  # a list of names, however the source separated them
        # A braced group one name, as an author; `Anonymous` kept, as for an author.
        editors, cut = author_list(value, braced, exported=False)
        names = [bibtex_name(e, _braced_name(e, braced)) for e in editors]
        return " and ".join([*names, *(["others"] if cut else [])])
    if name == "keywords" and "{" in value:  # a term with a comma, braced: one keyword
        return KEYWORD_SEPARATOR.join(map(_keyword, keyword_list(value)))
    if name in ("url", "urldate", "file"):  # read verbatim, as written
        return "" if brace_balance(value) else value  # a brace would end the BibTeX value
    if name not in PASSED:  # a BibTeX source's own field, its LaTeX as written
        # One whose braces pair with none (read from a broken entry) would end the value early
        # or run it on into the next entries: escaped, every brace is text.
        return value if braces_pair(value) else escape(value)
    return escape(value)


def _keyword(term: str) -> str:
    """A term of `keywords`; one with a comma in braces, which biber keeps one keyword."""
    return "{" + escape(term) + "}" if "," in term else escape(term)


# A month field that names one month alone, as exports write it: `December`, `Dec.`, `03`,
# `mars`, Mendeley's `2016-Decem` (the year, then a month cut short), `Dec 2016`, a
# citation's `apr.` or `march,`.
_ONE_MONTH = re.compile(
    r"(?:(?P<before>\d{4})[-/\s]+)?(?P<month>[^\W\d_]{3,}\.?|\d{1,2})"
    r"(?:[-/,\s]+(?P<after>\d{4}))?[.,]?"
)


def month_macro(value: str, year: int | None) -> str | None:
    """BibTeX's macro of a month value that names one month (styles sort and print it; biber
    reads only a number or the macro, and warns of `{December}`), its year, if it gives one, the
    paper's; None for any other value (`Winter`, `June 15`, `jul # "--" # aug`), which passes
    as it is."""
    found = _ONE_MONTH.fullmatch(value.strip())
    if not found or (found["before"] or found["after"] or str(year)) != str(year):
        return None
    month = found["month"].rstrip(".")
    if month.isdigit():
        return MONTH_MACROS[int(month) - 1] if 1 <= int(month) <= 12 else None
    return month[:3].lower() if month[:3].lower() in MONTH_MACROS else None


def bibtex_name(name: str, braced: bool = False) -> str:
    """An author for BibTeX; a group in braces, one name (`{Google Research Team}`), which
    BibTeX would otherwise split into a surname `Team` and given names. `braced`: a source
    wrote it as one brace group (`{Barnes and Noble}`)."""
    name = without_empty_parts(name)
    if braced or is_group_name(name) or name.count(",") > 2:
        # More than three parts (`Y.Xu, S.Baba, T.Ayaki`, several people in one) made biber
        # skip the entry ("too many commas"): one name, as the source wrote it.
        return "{" + escape(name) + "}"
    return _AND_WORD.sub("{\\g<0>}", escape(surname_first(name)))


def without_empty_parts(name: str) -> str:
    """The name without empty comma-separated parts, as BibTeX reads it: written with them,
    `IAB, ` and `III, E. Birrane,` (an RFC index's) stopped bibtex ("has a comma at the end")
    and `Solimando,, Jr.` made biber skip the whole entry ("consecutive commas")."""
    if "," not in name:  # nearly every name
        return name
    return ", ".join(part.strip() for part in name.split(",") if part.strip())


# An `and` inside one name (`Davinson {(TUDA and TACTIC collaborations)}, T.`, as its source
# braced it): written bare, BibTeX parts the name there, and so did a second run.
_AND_WORD = re.compile(r"(?<=\s)and(?=\s)", re.IGNORECASE)


def _names(paper: Paper, surname_first: bool) -> list[str]:
    names = [
        bibtex_name(name, _braced_name(without_empty_parts(name), paper.braced_names))
        for name in paper.authors
    ]
    return one_name_order(names, surname_first)


def _braced_name(name: str, braced: tuple[str, ...]) -> bool:
    """Whether the name is written as one brace group: a source braced it (`braced`, names
    only: a title's braced phrase that equals an author's name leaves the person a person), or
    it is a word the title rule braces (`FastForward`), which the writer braces in a title
    itself: read back as a protected word, it braced the name as well, which the first run had
    left bare."""
    return name in braced or braced_in_a_title(name)


def one_name_order(names: list[str], surname_first: bool = False) -> list[str]:
    """BibTeX names written one way: when some are surname first (`Djolonga, Josip`, as a
    BibTeX source gave them), or `surname_first` (a library writes its names so), all are
    (`Lucas Beyer`, a page owner added), each as BibTeX itself reads it (`Ludwig van
    Beethoven` is `van Beethoven, Ludwig`), so nothing but the look of the list changes."""
    if not surname_first and not any(top_level_commas(n) for n in names):
        return names
    return [_surname_first_as_bibtex_reads(n) for n in names]


def _surname_first_as_bibtex_reads(name: str) -> str:
    if top_level_commas(name) or one_brace_group(name) or len(name.split()) < 2:
        return name
    return parse_single_name_into_parts(name, strict=False).merge_last_name_first


def surname_first_list(names: list[str]) -> bool:
    """Whether a list writes each of its names surname first (`Kolesnikov, Alexander`)."""
    people = [n for n in names if n.lower() != "others" and len(n.split()) > 1]
    return bool(people) and all(top_level_commas(n) for n in people)


def bibtex_doi(doi: str) -> str:
    """A DOI as written: biblatex reads `doi` verbatim and natbib's styles typeset it with
    `\\url`, so `10.1002/(SICI)...;2_X` escaped would print `2\\_X`. Only the characters a .bib
    or .bbl file cannot carry raw (`%`, `#`, a backslash, a brace) are escaped, each alone: an
    underscore beside them stays as it is."""
    return _RAW_UNSAFE.sub(lambda m: escape(m.group(0)), doi)


_RAW_UNSAFE = re.compile(r"[%#\\{}]")


def bibtex_pages(pages: str) -> str:
    """Page ranges with BibTeX's `--` ("12-15", "12–15" -> "12--15")."""
    return escape(PAGE_RANGE_DASH.sub("--", pages))


def without_our_notes(note: str) -> str:
    """A note without pubdedup's own notes and the separators they leave."""
    for ours in OUR_NOTES:
        note = re.sub(rf"\s*;?\s*{re.escape(ours)}", "", note)
    return note.strip().strip(";").strip()


def bibtex_notes(paper: Paper) -> list[str]:
    notes = []
    if paper.title_inferred:
        notes.append(INFERRED_NOTE if paper.abstract else NO_TITLE_NOTE)
    if paper.truncated:
        notes.append(TRUNCATED_NOTE)
    return notes


def to_entry(paper: Paper, ascii: bool = False, surname_first: bool = False) -> Entry:
    """A bibtexparser Entry for one paper (values are enclosed in braces when written).

    UTF-8 by default (biber and modern LaTeX read it); `ascii` escapes every non-ASCII
    character the LaTeX way, for classic BibTeX.
    """
    fields = [
        Field(name, for_latex(value, ascii)) for name, value in paper_fields(paper, surname_first)
    ]
    return Entry(written_type(paper), paper.key, fields)


def for_latex(value: str, ascii: bool = False) -> str:
    """A written value as pdflatex reads it: every non-ASCII character escaped with `ascii`,
    else its Greek letters and math symbols, which inputenc sets up none of."""
    return to_ascii(value) if ascii else math_symbols(value)


# bibtexparser braces every value; a month macro must stand bare (`month = jan`).
_MONTH_LINE = re.compile(r"^(  month = )\{(" + "|".join(MONTH_MACROS) + r")\}", re.M)


def entries_text(entries: list[Entry]) -> str:
    """BibTeX text of entries: two-space indent, one blank line between entries."""
    fmt = bibtexparser.BibtexFormat()
    fmt.indent = "  "
    fmt.block_separator = "\n"
    stack = default_unparse_stack(allow_inplace_modification=True)
    # Library copies the entries into a list of its own: ours never holds another kind of block
    library = Library(entries)  # type: ignore[arg-type]
    text = bibtexparser.write_string(library, unparse_stack=stack, bibtex_format=fmt)
    text = _MONTH_LINE.sub(r"\1\2", text)
    return text if text.endswith("\n") else text + "\n"


def write_bibtex(result: Result, ascii: bool = False) -> str:
    """The whole bibliography as BibTeX text, ending in a newline."""
    return entries_text([to_entry(p, ascii) for p in sorted(result.papers, key=lambda p: p.key)])
