"""How `--into` writes names and new entries into a library: a page owner joins an entry's
author list as the entry writes its names, and a new paper's entry is written surname first
when the library writes its names so. (library.py edits the library; this is what it writes.)"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bibtexparser.model import Entry, Field

from pubdedup.bibedit import field_value
from pubdedup.entry_values import braced
from pubdedup.features import SOURCES_FIELD
from pubdedup.library_sources import provenance
from pubdedup.merge import merge_records
from pubdedup.model import Paper
from pubdedup.names import name_key, same_person
from pubdedup.readers.latex import latex_to_text
from pubdedup.readers.people import split_bibtex_authors
from pubdedup.writers.bibtex import (
    for_latex,
    one_name_order,
    paper_fields,
    surname_first_list,
    to_entry,
)
from pubdedup.writers.latex import escape, to_ascii


def with_owners(raw: str, paper: Paper, ascii: bool) -> str | None:
    """The author field with the paper's page owners it lacks appended; None if none lack."""
    value = braced(field_value(raw, "author"))
    if value is None:
        return None
    owners = sorted({r.source.owner for r in paper.records if r.source.owner})
    missing = [o for o in owners if not _names(value, o)]
    if not missing:
        return None
    return _appended(value, [to_ascii(escape(o)) if ascii else escape(o) for o in missing])


def with_names_of(value: str, partial: str) -> str:
    """An author list (`value`, a field's text inside its braces: a complete one, or the list
    merged so far) with the names of a partial one (a page-built entry's, as written there)
    that it lacks appended, as a merge keeps every person its sources name: no page owner is
    lost."""
    written = [n for n in split_bibtex_authors(partial) if n.lower() != "others"]
    missing = [n for n in written if not _names(value, latex_to_text(n))]
    return _appended(value, missing) if missing else value


def complete_list(paper: Paper, library: str, ascii: bool, surname_first: bool) -> str | None:
    """The fullest author list of the paper's records of the run that list every author (a DBLP
    export's, where a page shows some), written as a new entry of the library writes it (as
    text inside the field's braces); None when no record of the run lists every author."""
    complete = [r for r in paper.records if r.source.file != library and r.authors_complete]
    if not complete:
        return None
    fullest = min(complete, key=lambda r: (-len(r.authors), r.source.sort_key))
    written = dict(paper_fields(merge_records([fullest]), surname_first)).get("author")
    return for_latex(written, ascii) if written else None


def _names(value: str, name: str) -> bool:
    """Whether an author list (as written) names a person (as text)."""
    # Names as the entry writes them, LaTeX accents and all (`M{\\"u}ller, J{\\"o}rg`): read as
    # text, so that the owner `Jörg Müller` is found among them and not appended again.
    written = (a for a in split_bibtex_authors(value) if a.lower() != "others")
    key = name_key(name)
    return any(same_person(key, name_key(latex_to_text(a))) for a in written)


def _appended(value: str, added: list[str]) -> str:
    """An author list (as written) with names (as to be written) appended after its own."""
    names = [n for n in split_bibtex_authors(value) if n.lower() != "others"]
    # Written as the entry writes its names (`Djolonga, Josip and … and Kolesnikov, Alexander`),
    # and before an `and others`, which BibTeX's styles read as `et al.` only at the end.
    added = one_name_order([*names, *added])[len(names) :]
    cut = _AND_OTHERS.search(value)
    if cut:
        return " and ".join([value[: cut.start()], *added]) + value[cut.start() :]
    return " and ".join([value, *added])


_AND_OTHERS = re.compile(r"\s+and\s+others\s*$", re.IGNORECASE)


def new_entry(paper: Paper, library: str, ascii: bool, surname_first: bool) -> Entry:
    """A paper's new entry, its names written surname first if the library writes its own so."""
    entry = to_entry(paper, ascii, surname_first)
    sources = "; ".join(sorted(provenance(paper, library)))
    if sources:
        entry.set_field(Field(SOURCES_FIELD, sources))
    return entry


def writes_surname_first(entries: Iterable[str]) -> bool:
    """Whether a library writes its names surname first: four in five of its entries' author
    lists (`entries`: their text), two at least, give every name so (`Kolesnikov, Alexander and
    Beyer, Lucas`)."""
    values = [braced(field_value(raw, "author")) for raw in entries]
    lists = [split_bibtex_authors(v) for v in values if v]
    surname_first = sum(map(surname_first_list, lists))
    return surname_first >= 2 and surname_first * 5 >= len(lists) * 4
