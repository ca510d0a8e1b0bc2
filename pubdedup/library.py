"""Incremental runs (`merge --into library.bib`): update a person's BibTeX library in place.

The library is one more input to the matcher. Afterwards its text is edited, not rewritten:
- an entry matched by new records keeps its key, its field order and every field a person added;
  it only gains what it lacks (missing fields, page owners missing from its authors, provenance);
  pubdedup's own placeholders (an `[Untitled] ...` title, an abstract noted as cut off) are
  replaced once a better source turns up;
- two library entries found to be one paper become one: the first (a published one before a
  preprint) keeps its key and lists the others in biblatex's `ids` field; the key map says
  old key -> new key, so `\\cite`s can be fixed;
- papers new to the library are appended, with keys that clash with no existing key or alias.
Untouched entries, comments, `@string`s and anything the parser could not read stay byte for
byte, so a second run with the same inputs gives the same file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

import bibtexparser
from bibtexparser.model import Entry, ParsingFailedBlock

from pubdedup import files
from pubdedup.bibedit import (
    field_spans,
    field_value,
    remove_fields,
    set_fields,
    set_raw_values,
)
from pubdedup.decoding import decode_noting, holds_all, written_in
from pubdedup.entry_values import (
    SAME_FIELD,
    braced,
    fields_to_take,
    our_notes,
    placeholder,
)
from pubdedup.errors import OutputError
from pubdedup.features import SOURCES_FIELD
from pubdedup.keys import assign_keys
from pubdedup.library_checks import (
    check_closed_at_end,
    refuse_mixed_encoding,
    refuse_non_bibtex,
    refuse_unparsed,
)
from pubdedup.library_names import new_entry, with_owners, writes_surname_first
from pubdedup.library_sources import (
    holders_by_name,
    holding_listed,
    in_another_paper,
    provenance,
)
from pubdedup.merge import merge_records
from pubdedup.model import PASSED, TRUNCATED_NOTE, Paper, Problem, Record
from pubdedup.readers import ParsedInput
from pubdedup.readers.bibtex import read_bibtex
from pubdedup.readers.bibtex_blocks import parse_blocks
from pubdedup.venues import is_preprint, is_preprint_record
from pubdedup.writers.bibtex import (
    bibtex_notes,
    entries_text,
    paper_fields,
    without_our_notes,
)
from pubdedup.writers.latex import to_ascii


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One entry of the library file and where its text is."""

    key: str
    line: int  # 1-based
    start: int
    end: int
    raw: str


@dataclass(slots=True)
class Library:
    """The library file as read: its text, its located entries and its parsed records."""

    path: str
    text: str
    entries: dict[int, LibraryEntry]  # by line
    parsed: ParsedInput
    fingerprint: str | None = None  # of the bytes read (None: there was no file)
    encoding: str = "utf-8"  # the one its bytes are in, which it is written back in


@dataclass(slots=True)
class LibraryUpdate:
    """The new library text and what changed."""

    text: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    keymap: dict[str, str] = field(default_factory=dict)  # merged-away key -> surviving key
    problems: list[Problem] = field(default_factory=list)  # values of merged entries dropped

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.keymap)} merged into other entries"
        )


def load_library(path: str, encoding: str | None = None) -> Library:
    """Read the library; a missing or empty file is an empty library (the first cron run)."""
    data = files.read_bytes(path) if os.path.exists(path) else None
    text, note = decode_noting(data, path, encoding) if data is not None else ("", None)
    refuse_non_bibtex(path, text)
    # One parse serves both the records and the entries' places in the text.
    blocks = parse_blocks(text)
    result = read_bibtex(text, path, blocks)
    refuse_unparsed(path, text, result.problems)
    refuse_mixed_encoding(path, note)
    if note is not None:  # its odd lines are written back in UTF-8: worth a look
        result.problems.insert(0, note)
    records = [holding_listed(record) for record in result.records]
    parsed = ParsedInput(path, "bibtex", records, result.problems, None)
    located = _locate_entries(text, blocks)
    written = written_in(data, text, encoding) if data else "utf-8"
    return Library(path, text, located, parsed, files.fingerprint(data), written)


def check_unchanged(library: Library) -> None:
    """Refuse to write over a library saved by someone else since it was read (an editor, JabRef,
    a second cron job): the new text was made from the old one and would drop their edits."""
    if files.current_fingerprint(library.path) != library.fingerprint:
        raise OutputError(
            "changed while this run was updating it; nothing written; run again",
            file=library.path,
        )


def _locate_entries(text: str, blocks: bibtexparser.Library) -> dict[int, LibraryEntry]:
    line_starts = [0]
    line_starts += [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    located = {}
    for block in blocks.blocks:
        if isinstance(block, ParsingFailedBlock) and isinstance(block.ignore_error_block, Entry):
            key = block.ignore_error_block.key  # a repeated key: still an entry of the library
        elif isinstance(block, Entry):
            key = block.key
        else:
            continue
        line, raw = block.start_line or 0, block.raw
        if raw is None:  # only a block made in code, not parsed from text, has none
            continue
        start = text.find(raw, line_starts[min(line, len(line_starts) - 1)])
        if start >= 0:
            end = start + len(raw)
            located[line + 1] = LibraryEntry(key, line + 1, start, end, raw)
    return located


def update_library(library: Library, papers: Sequence[Paper], ascii: bool = False) -> LibraryUpdate:
    """The library text after merging these papers (the pipeline's output) into it. A library
    in an encoding that cannot hold every character (Windows-1252) is written back in it, so
    what is added there is written with LaTeX escapes (`M{\\"u}ller`), as `--ascii` writes it."""
    ascii = ascii or not holds_all(library.encoding)
    update = LibraryUpdate(library.text)
    edits: list[tuple[int, int, str]] = []
    new_papers = []
    holders, titles = holders_by_name(papers, library.path)
    for number, paper in enumerate(papers):
        # A published entry keeps its key over a preprint's (the paper keeps its published venue,
        # pages and year, and gains the arXiv id), else the first in the file.
        lines = ((is_preprint_record(r), _library_line(r, library)) for r in paper.records)
        ordered = sorted((preprint, line) for preprint, line in lines if line is not None)
        mine = [library.entries[line] for _, line in ordered]
        preprints = {line for preprint, line in ordered if preprint}
        if not mine:
            new_papers.append(paper)
            continue
        survivor, absorbed = mine[0], mine[1:]
        inherited, dropped = _inherit(survivor, absorbed, library.path, preprints)
        update.problems += dropped
        elsewhere = partial(in_another_paper, holders, titles, paper, number)
        given = _given(paper, survivor, library)
        raw = _updated_entry(inherited, absorbed, paper, library.path, ascii, elsewhere, given)
        if raw != survivor.raw or absorbed:
            update.updated.append(survivor.key)
            edits.append((survivor.start, survivor.end, raw))
        for entry in absorbed:
            update.keymap.update(dict.fromkeys(sorted(_entry_keys(entry)), survivor.key))
            edits.append((entry.start, _after_blank(library.text, entry.end), ""))
    text = library.text
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    if new_papers:
        check_closed_at_end(library.path, library.text)
        taken = {e.key for e in library.entries.values()} | _all_aliases(library)
        assign_keys(new_papers, taken)
        update.added = sorted(p.key for p in new_papers)
        surname_first = writes_surname_first(e.raw for e in library.entries.values())
        added = [new_entry(p, library.path, ascii, surname_first) for p in new_papers]
        text = _append(text, added)
    _check_encodable(library, text)
    update.text = text
    return update


def _check_encodable(library: Library, text: str) -> None:
    """Refuse an update with a character the library's encoding has no byte for (CJK in a
    Windows-1252 library, which LaTeX has no escape for) rather than change the encoding of
    every other accent in the file."""
    try:
        text.encode(library.encoding)
    except UnicodeEncodeError as exc:
        raise OutputError(
            f"cannot write {text[exc.start]!r} in {library.encoding}, the library's encoding; "
            "convert the library to UTF-8, then run again",
            file=library.path,
        ) from None


def _given(paper: Paper, entry: LibraryEntry, library: Library) -> set[str]:
    """The fields the entry already gives without writing them: those its `crossref` lends
    (`booktitle`, `year`, `publisher` of its `@proceedings`) and those read out of another of
    its fields (the arXiv id in `journal = {arXiv preprint arXiv:…}`). Written into the entry
    they would only repeat it, or override what the crossref names for every paper."""
    own = [r for r in paper.records if _library_line(r, library) == entry.line]
    return {SAME_FIELD.get(name, name) for name, _ in paper_fields(merge_records(own))}


def _library_line(record: Record, library: Library) -> int | None:
    """The line of the library's entry the record was read from; None for another input's."""
    line = record.source.line
    return line if record.source.file == library.path and line in library.entries else None


def _after_blank(text: str, end: int) -> int:
    """Where the whitespace after an entry ends, so removing it leaves no extra blank lines."""
    while end < len(text) and text[end] in " \t\r\n":
        end += 1
    return end


def _updated_entry(
    entry: LibraryEntry,
    absorbed: list[LibraryEntry],
    paper: Paper,
    library: str,
    ascii: bool,
    elsewhere: Callable[[str], bool],
    given: set[str],
) -> str:
    """The entry's text with what the paper adds; `entry.raw` holds what it took from the
    entries merged into it (`_inherit`), which count as its own. `elsewhere` tells the
    `file:id` names of records in another paper this run (a person's `different` decision
    parted them); `given` the fields the entry gives without writing them (`_given`)."""
    raw = entry.raw
    present = {SAME_FIELD.get(s.name, s.name) for s in field_spans(raw)} | given
    wanted = {name: to_ascii(v) if ascii else v for name, v in paper_fields(paper)}
    notes = braced(field_value(raw, "note"))
    # Our notes may stand next to a source's or a person's note (`note = {In press; Title not
    # on the author pages; …}`): they still say which values are our stand-ins.
    ours = our_notes(notes)
    values: dict[str, str] = {}
    # An entry with its arXiv id (biblatex's `@online` with `eprinttype = {arxiv}`) names its
    # venue already: `howpublished = {arXiv}` would repeat it, and biblatex's `@online` has
    # no such field.
    arxiv_only = "eprint" in present and is_preprint(paper.venue)
    # A source's own fields (DBLP's `bibsource`, `timestamp`) go into new entries, not into a
    # person's: an entry gains what pubdedup resolves and the common fields it lacks.
    sources_own = {name for name, _ in paper.fields} - PASSED
    for name, value in wanted.items():
        if name in ("note", "author") or (arxiv_only and SAME_FIELD.get(name) == "venue"):
            continue
        if name in sources_own:
            continue
        if SAME_FIELD.get(name, name) not in present:
            values[name] = value
        elif name == "title" and placeholder(ours, raw) and not paper.title_inferred:
            values[name] = value  # our placeholder title, now that a source gives the real one
        elif name == "abstract" and TRUNCATED_NOTE in ours and not paper.truncated:
            values[name] = value
    authors = with_owners(raw, paper, ascii)
    if authors:
        values["author"] = authors
    ids = _keys(field_value(raw, "ids")) | {k for e in absorbed for k in _entry_keys(e)}
    ids.discard(entry.key)
    if ids != _keys(field_value(raw, "ids")):
        values["ids"] = ", ".join(sorted(ids))
    listed = [field_value(e.raw, SOURCES_FIELD) for e in (entry, *absorbed)]
    # A listed record now in another paper leaves the list (else the entry holds both records
    # a `different` decision parts, and each run would split it again); one absent stays.
    kept = {name for name in set().union(*map(_sources, listed)) if not elsewhere(name)}
    # An entry whose every record is in another paper (a page's year corrected: no copy of
    # the entry now) keeps its list: emptied, it was joined to the record's new entry by its
    # own likeness, and the next run added the record again under a new key, run after run.
    sources = kept | provenance(paper, library) or set().union(*map(_sources, listed))
    if sources != _sources(field_value(raw, SOURCES_FIELD)):
        values[SOURCES_FIELD] = "; ".join(sorted(sources))
    if ours or (notes is None and "note" not in present):
        # Our notes are brought up to date; any other note is kept as it is written.
        rest = without_our_notes(notes or "")
        wanted_notes = "; ".join(filter(None, [rest, *bibtex_notes(paper)]))
        if wanted_notes and wanted_notes != notes:
            values["note"] = wanted_notes
        elif not wanted_notes and notes is not None:
            raw = remove_fields(raw, {"note"})
    return set_fields(raw, values)


def _inherit(
    survivor: LibraryEntry, absorbed: list[LibraryEntry], library: str, preprints: set[int]
) -> tuple[LibraryEntry, list[Problem]]:
    """The surviving entry with the fields it lacks taken, as written, from the entries merged
    into it (the first in the file first): what a person added to a pasted copy is not lost.
    A value the survivor has otherwise stays its own; each merged entry whose value is dropped
    so gets a warning, which names it and the values, but for a preprint's venue and year
    merged into its published paper (`preprints`: lines of preprint entries), as they must be."""
    raw, problems = survivor.raw, []
    for entry in absorbed:
        taken, dropped = fields_to_take(raw, entry.raw)
        raw = set_raw_values(raw, taken)
        if entry.line in preprints and survivor.line not in preprints:
            dropped = {k: v for k, v in dropped.items() if k not in _PREPRINT_PLACE}
        if dropped:
            values = ", ".join(f"{name} = {_shortened(value)}" for name, value in dropped.items())
            message = (
                f"entry {entry.key!r} merged into {survivor.key!r}, which keeps its own "
                f"{', '.join(dropped)}; dropped: {values}"
            )
            problems.append(Problem(library, entry.line, "merged-value-dropped", message))
    return replace(survivor, raw=raw), problems


# What places a preprint, which its published paper's entry replaces.
_PREPRINT_PLACE = frozenset(
    {"year", "date", "month"} | {k for k, v in SAME_FIELD.items() if v == "venue"}
)


def _shortened(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _keys(value: str | None) -> set[str]:
    return {k.strip() for k in (braced(value) or "").split(",") if k.strip()}


def _sources(value: str | None) -> set[str]:
    return {s.strip() for s in (braced(value) or "").split(";") if s.strip()}


def _entry_keys(entry: LibraryEntry) -> set[str]:
    return {entry.key} | _keys(field_value(entry.raw, "ids"))


def _all_aliases(library: Library) -> set[str]:
    return {k for e in library.entries.values() for k in _keys(field_value(e.raw, "ids"))}


def _append(text: str, entries: list[Entry]) -> str:
    new = entries_text(sorted(entries, key=lambda e: e.key))
    if "\r\n" in text:
        new = new.replace("\n", "\r\n")
    if not text.strip():
        return new
    newline = "\r\n" if "\r\n" in text else "\n"
    return text.rstrip() + newline + newline + new
