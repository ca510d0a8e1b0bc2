"""How `--into` edits one library entry that a paper of the run holds: it first takes the fields
it lacks from the library entries merged into it, then gains what the paper adds. (library.py
finds the entries and edits the file; this is what one entry becomes.)"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

from pubdedup.bibedit import (
    field_spans,
    field_value,
    remove_fields,
    set_fields,
    set_raw_values,
)
from pubdedup.entry_values import (
    SAME_FIELD,
    braced,
    fields_to_take,
    our_notes,
    placeholder,
    values_agree,
)
from pubdedup.features import SOURCES_FIELD
from pubdedup.library_names import complete_list, with_names_of, with_owners
from pubdedup.library_sources import ListedChecks, provenance
from pubdedup.model import PASSED, TRUNCATED_NOTE, Paper, Problem
from pubdedup.passed import COMPANIONS, VERSION_FIELDS
from pubdedup.venues import is_preprint
from pubdedup.writers.bibtex import bibtex_notes, for_latex, paper_fields, without_our_notes


class Style(NamedTuple):
    """How the library writes what is added: LaTeX escapes for every non-ASCII letter (`--ascii`
    or an encoding that cannot hold them), and names surname first (as its own are)."""

    ascii: bool
    surname_first: bool


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One entry of the library file and where its text is."""

    key: str
    line: int  # 1-based
    start: int
    end: int
    raw: str


def updated_entry(
    entry: LibraryEntry,
    absorbed: list[LibraryEntry],
    paper: Paper,
    library: str,
    style: Style,
    checks: ListedChecks,
    given: set[str],
) -> str:
    """The entry's text with what the paper adds; `entry.raw` holds what it took from the
    entries merged into it (`inherit`), which count as its own. `checks` tells the names of
    records in another paper this run (a person's `different` decision parted them) and of
    those their files hold under another name now; `given` the fields the entry gives without
    writing them (`_given`)."""
    raw = entry.raw
    present = {SAME_FIELD.get(s.name, s.name) for s in field_spans(raw)} | given
    notes = braced(field_value(raw, "note"))
    # Our notes may stand next to a source's or a person's note (`note = {In press; Title not
    # on the author pages; …}`): they still say which values are our stand-ins.
    ours = our_notes(notes)
    values = _fields_gained(raw, paper, present, ours, style)
    authors = with_owners(raw, paper, style.ascii)
    if authors:
        values["author"] = authors
    values.update(_ids_gained(entry, absorbed))
    values.update(_sources_gained(entry, absorbed, paper, library, checks))
    if ours or (notes is None and "note" not in present):
        raw = _update_notes(raw, notes, paper, values)
    return set_fields(raw, values)


def _fields_gained(
    raw: str, paper: Paper, present: set[str], ours: frozenset[str], style: Style
) -> dict[str, str]:
    """The paper's fields the entry lacks, and the real values for our stand-ins in it."""
    wanted = {
        name: for_latex(v, style.ascii) for name, v in paper_fields(paper, style.surname_first)
    }
    # An entry with its arXiv id (biblatex's `@online` with `eprinttype = {arxiv}`) names its
    # venue already: `howpublished = {arXiv}` would repeat it, and biblatex's `@online` has
    # no such field.
    arxiv_only = "eprint" in present and is_preprint(paper.venue)
    # A source's own fields (DBLP's `bibsource`, `timestamp`) go into new entries, not into a
    # person's: an entry gains what pubdedup resolves and the common fields it lacks.
    sources_own = {name for name, _ in paper.fields} - PASSED
    # An author list gains page owners only (`with_owners`); an entry with editors alone is
    # an edited volume, whose people are its editors. An entry with neither lacks its authors.
    people_written = bool(present & {"author", "editor"})
    values: dict[str, str] = {}
    for name, value in wanted.items():
        if name == "note" or (name == "author" and people_written):
            continue
        if arxiv_only and SAME_FIELD.get(name) == "venue":
            continue
        if name in sources_own:
            continue
        if SAME_FIELD.get(name, name) not in present:
            values[name] = value
        elif name == "title" and placeholder(ours, raw) and not paper.title_inferred:
            values[name] = value  # our placeholder title, now that a source gives the real one
        elif name == "abstract" and TRUNCATED_NOTE in ours and not paper.truncated:
            values[name] = value
    return values


def _ids_gained(entry: LibraryEntry, absorbed: list[LibraryEntry]) -> dict[str, str]:
    """The `ids` field, when entries merged into this one bring their keys as aliases."""
    written = listed_keys(field_value(entry.raw, "ids"))
    ids = written | {k for e in absorbed for k in entry_keys(e)}
    ids.discard(entry.key)
    return {"ids": ", ".join(sorted(ids))} if ids != written else {}


def _sources_gained(
    entry: LibraryEntry,
    absorbed: list[LibraryEntry],
    paper: Paper,
    library: str,
    checks: ListedChecks,
) -> dict[str, str]:
    """The list of records the entry holds, when this run changes it."""
    listed = set().union(*(_sources(field_value(e.raw, SOURCES_FIELD)) for e in (entry, *absorbed)))
    # A record its file holds under another name now (a key renamed) leaves the list: listed
    # on, it stood beside the new name for good. One absent with none in its place stays (one
    # of two copies in one file deleted: the other is listed already, in no one's place).
    found = provenance(paper, library)
    listed = {name for name in listed if not checks.gone(name, found - listed)}
    # A listed record now in another paper leaves the list (else the entry holds both records
    # a `different` decision parts, and each run would split it again).
    kept = {name for name in listed if not checks.elsewhere(name)}
    # An entry whose every record is in another paper (a page's year corrected: no copy of
    # the entry now) keeps its list: emptied, it was joined to the record's new entry by its
    # own likeness, and the next run added the record again under a new key, run after run.
    sources = kept | found or listed
    if sources != _sources(field_value(entry.raw, SOURCES_FIELD)):
        return {SOURCES_FIELD: "; ".join(sorted(sources))}
    return {}


def _update_notes(raw: str, notes: str | None, paper: Paper, values: dict[str, str]) -> str:
    """Our notes brought up to date (any other note is kept as it is written): the new note
    joins `values`; an entry left with no note loses its field."""
    rest = without_our_notes(notes or "")
    wanted_notes = "; ".join(filter(None, [rest, *bibtex_notes(paper)]))
    if wanted_notes and wanted_notes != notes:
        values["note"] = wanted_notes
    elif not wanted_notes and notes is not None:
        raw = remove_fields(raw, {"note"})
    return raw


def inherit(
    survivor: LibraryEntry,
    absorbed: list[LibraryEntry],
    library: str,
    lines: EntryLines,
) -> tuple[LibraryEntry, list[Problem]]:
    """The surviving entry with the fields it lacks taken, as written, from the entries merged
    into it (the first in the file first): what a person added to a pasted copy is not lost.
    A value the survivor has otherwise stays its own; each merged entry whose value is dropped
    so gets a warning, which names it and the values, but for a preprint's own (venue, year,
    volume, pages, DOI) merged into its published paper, which that never takes. The author
    lists are merged first (`_fuller`): a list not complete (page-built) loses no one and
    warns of nothing."""
    raw, problems = _fuller(survivor, absorbed, lines.complete), []
    for entry in absorbed:
        taken, dropped = fields_to_take(raw, entry.raw)
        if entry.line in lines.preprints and survivor.line not in lines.preprints:
            # Where and when the preprint appeared is not its published paper's: DBLP's CoRR
            # `volume = {abs/2006.01234}` went into the ICML entry (its eprint stays).
            taken = {k: v for k, v in taken.items() if k not in _PREPRINTS_OWN}
            dropped = {k: v for k, v in dropped.items() if k not in _PREPRINTS_OWN}
        for name, lead in COMPANIONS.items():  # a urldate comes only with the url it dates
            if name in taken and lead not in taken and not _same_value(raw, entry.raw, lead):
                dropped[name] = taken.pop(name)
        raw = set_raw_values(raw, taken)
        if dropped:
            problems.append(_dropped_problem(survivor, entry, library, dropped))
    return replace(survivor, raw=raw), problems


def _same_value(raw: str, other: str, name: str) -> bool:
    """Both entries give the field, alike as `fields_to_take` compares values."""
    mine, theirs = field_value(raw, name), field_value(other, name)
    return mine is not None and theirs is not None and values_agree(name, mine, theirs)


class EntryLines(NamedTuple):
    """Which of the entries one paper holds (by line) are preprints, and which list every
    author (not a page-built list, nor one cut short with `and others`)."""

    preprints: set[int]
    complete: set[int]


def _fuller(survivor: LibraryEntry, absorbed: list[LibraryEntry], complete: set[int]) -> str:
    """The survivor's text with the author list of the entries merged: its own when complete,
    else the first complete one of the others (a page-built entry lists its page owners and
    whom the pages show, a database's export every author), with the people of every list not
    complete, its own or another's, that it lacks appended (a page owner spelt so that no name
    matches, a person added by hand to a pasted copy): a merge keeps every person its sources
    name, whatever the order of the entries. What stays a warning is a complete list against
    a complete one (`fields_to_take`)."""
    entries = [survivor, *absorbed]
    mine = field_value(survivor.raw, "author")
    if braced(mine) is None:
        return survivor.raw  # no list, or a macro: a person's value, taken or kept as written
    kept = next((e for e in entries if e.line in complete and _authors(e) is not None), survivor)
    written = field_value(kept.raw, "author") or ""
    value = braced(written) or ""
    for entry in entries:
        if entry.line not in complete and (partial := _authors(entry)) is not None:
            value = with_names_of(value, partial)
    fuller = written[0] + value + written[-1]
    return set_raw_values(survivor.raw, {"author": fuller}) if fuller != mine else survivor.raw


def _authors(entry: LibraryEntry) -> str | None:
    """An entry's author list as written inside its braces (None: none, or a macro)."""
    return braced(field_value(entry.raw, "author"))


def with_complete_authors(
    entry: LibraryEntry, paper: Paper, library: str, style: Style
) -> LibraryEntry:
    """The entry, whose author list is not known complete (page-built, or cut short with `and
    others`) and took no complete one from an entry merged into it (`_fuller`), with the
    complete list of a record of the run instead (a DBLP export added to the pages' inputs),
    written in the library's style. The people of its own list that one lacks (a page owner,
    a person added by hand) are appended: no one is lost. Its `pubdedup-sources` gain that
    record, so the list counts as complete from then on and is kept as a person edits it."""
    mine = braced(field_value(entry.raw, "author"))
    complete = complete_list(paper, library, style.ascii, style.surname_first)
    if mine is None or complete is None:
        return entry
    return replace(entry, raw=set_fields(entry.raw, {"author": with_names_of(complete, mine)}))


def _dropped_problem(
    survivor: LibraryEntry, entry: LibraryEntry, library: str, dropped: dict[str, str]
) -> Problem:
    values = ", ".join(f"{name} = {_shortened(value)}" for name, value in dropped.items())
    # Not a urldate it lacks, dropped with the url it dated.
    own = [name for name in dropped if field_value(survivor.raw, name) is not None] or dropped
    message = (
        f"entry {entry.key!r} merged into {survivor.key!r}, which keeps its own "
        f"{', '.join(own)}; dropped: {values}"
    )
    return Problem(library, entry.line, "merged-value-dropped", message)


# A preprint entry's fields its published paper never takes, as the merge never does
# (`merge._merged`'s `own`, `passed.VERSION_FIELDS`): where and when it appeared.
_PREPRINTS_OWN = frozenset(
    {"year", "date", "month", "volume", "number", "pages", "doi"}
    | {k for k, v in SAME_FIELD.items() if v == "venue"}
    | VERSION_FIELDS
)


def _shortened(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def listed_keys(value: str | None) -> set[str]:
    """The keys an `ids` field lists."""
    return {k.strip() for k in (braced(value) or "").split(",") if k.strip()}


def _sources(value: str | None) -> set[str]:
    return {s.strip() for s in (braced(value) or "").split(";") if s.strip()}


def entry_keys(entry: LibraryEntry) -> set[str]:
    """The entry's key and its aliases."""
    return {entry.key} | listed_keys(field_value(entry.raw, "ids"))
