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
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

import bibtexparser
from bibtexparser.model import Entry, ParsingFailedBlock

from pubdedup import files
from pubdedup.bibedit import field_value
from pubdedup.decoding import decode_noting, holds_all, written_in
from pubdedup.entry_values import SAME_FIELD
from pubdedup.errors import OutputError
from pubdedup.features import listed_names
from pubdedup.keys import assign_keys
from pubdedup.library_checks import (
    check_closed_at_end,
    refuse_mixed_encoding,
    refuse_non_bibtex,
    refuse_unparsed,
)
from pubdedup.library_edits import (
    EntryLines,
    LibraryEntry,
    Style,
    entry_keys,
    inherit,
    listed_keys,
    updated_entry,
    with_complete_authors,
)
from pubdedup.library_names import new_entry, writes_surname_first
from pubdedup.library_sources import (
    ListedChecks,
    holders_by_name,
    holding_listed,
    in_another_paper,
    provenance_files,
    renamed_in_its_file,
)
from pubdedup.merge import merge_records
from pubdedup.model import Paper, Problem, Record
from pubdedup.readers import ParsedInput
from pubdedup.readers.bibtex import read_bibtex
from pubdedup.readers.bibtex_blocks import parse_blocks
from pubdedup.venues import is_preprint_record
from pubdedup.writers.bibtex import entries_text, paper_fields


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
    merged: int = 0  # entries merged into another (a pasted copy under its own key too)
    # Added papers of inputs the library already lists: new there, or deleted by hand.
    from_known_inputs: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{self.merged} merged into other entries"
        )
        updated = f"; updated: {_named(self.updated)}" if self.updated else ""
        return counts + _added_note(self.added, self.from_known_inputs) + updated


# Added keys named in the summary; a cron job's mail then says what is new.
_KEYS_NAMED = 8


def _added_note(added: list[str], from_known_inputs: list[str]) -> str:
    """Which keys were added, and which of them are papers of inputs merged into the library
    before: an entry deleted by hand comes back while an input still holds its paper, and
    pubdedup cannot tell that from a paper new to the input, so the person is told which."""
    if not added:
        return ""
    note = f"; added: {_named(added)}"
    why = "papers of inputs merged into it before, new there or deleted by hand and back"
    if from_known_inputs == added:
        return f"{note} ({why})"
    if from_known_inputs:
        return f"{note} ({_named(from_known_inputs)}: {why})"
    return note


def _named(keys: list[str]) -> str:
    more = f", … {len(keys) - _KEYS_NAMED} more" if len(keys) > _KEYS_NAMED else ""
    return ", ".join(keys[:_KEYS_NAMED]) + more


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
    # Names it writes, in new entries or an entry's new author list, go as its own go.
    surname_first = writes_surname_first(e.raw for e in library.entries.values())
    edits, new_papers = _edits(library, papers, ascii, surname_first, update)
    text = _applied(library.text, edits)
    if new_papers:
        text = _append(text, _new_entries(library, new_papers, ascii, surname_first, update))
    _check_encodable(library, text)
    update.text = text
    return update


# A span of the library's text and what replaces it.
_Edit = tuple[int, int, str]


def _edits(
    library: Library,
    papers: Sequence[Paper],
    ascii: bool,
    surname_first: bool,
    update: LibraryUpdate,
) -> tuple[list[_Edit], list[Paper]]:
    """The edits to the entries the papers hold (noted in `update`), and the papers new to
    the library."""
    edits: list[_Edit] = []
    new_papers = []
    holders, titles = holders_by_name(papers, library.path)
    for number, paper in enumerate(papers):
        mine, lines = _entries_of(paper, library)
        if not mine:
            new_papers.append(paper)
            continue
        elsewhere = partial(in_another_paper, holders, titles, paper, number)
        checks = ListedChecks(elsewhere, partial(renamed_in_its_file, holders))
        edits += _merge_entries(
            library, paper, mine, lines, Style(ascii, surname_first), checks, update
        )
    return edits, new_papers


def _applied(text: str, edits: list[_Edit]) -> str:
    for start, end, replacement in sorted(edits, reverse=True):  # from the end: spans hold
        text = text[:start] + replacement + text[end:]
    return text


def _entries_of(paper: Paper, library: Library) -> tuple[list[LibraryEntry], EntryLines]:
    """The library's entries the paper holds, the one to keep first, and which of them are
    preprints and which list every author, by line."""
    # A published entry keeps its key over a preprint's (the paper keeps its published venue,
    # pages and year, and gains the arXiv id), else the first in the file.
    held = [(r, line) for r in paper.records if (line := _library_line(r, library)) is not None]
    ordered = sorted((is_preprint_record(r), line) for r, line in held)
    mine = [library.entries[line] for _, line in ordered]
    preprints = {line for preprint, line in ordered if preprint}
    return mine, EntryLines(preprints, {line for r, line in held if r.authors_complete})


def _merge_entries(
    library: Library,
    paper: Paper,
    mine: list[LibraryEntry],
    lines: EntryLines,
    style: Style,
    checks: ListedChecks,
    update: LibraryUpdate,
) -> list[_Edit]:
    """The first entry updated with the paper, the others merged into it and removed."""
    survivor, absorbed = mine[0], mine[1:]
    inherited, dropped = inherit(survivor, absorbed, library.path, lines)
    update.problems += dropped
    # None of the paper's entries lists every author (`_fuller` found none): a record may.
    if not lines.complete:
        inherited = with_complete_authors(inherited, paper, library.path, style)
    given = _given(paper, survivor, library)
    raw = updated_entry(inherited, absorbed, paper, library.path, style, checks, given)
    edits = []
    if raw != survivor.raw or absorbed:
        update.updated.append(survivor.key)
        edits.append((survivor.start, survivor.end, raw))
    for entry in absorbed:
        update.merged += 1
        # A pasted copy under the survivor's own key needs no `\cite` fixed.
        renamed = sorted(entry_keys(entry) - {survivor.key})
        update.keymap.update(dict.fromkeys(renamed, survivor.key))
        edits.append((entry.start, _after_blank(library.text, entry.end), ""))
    return edits


def _new_entries(
    library: Library,
    new_papers: list[Paper],
    ascii: bool,
    surname_first: bool,
    update: LibraryUpdate,
) -> list[Entry]:
    """Entries for the papers new to the library, keyed clear of its keys and aliases."""
    check_closed_at_end(library.path, library.text)
    taken = {e.key for e in library.entries.values()} | _all_aliases(library)
    assign_keys(new_papers, taken)
    update.added = sorted(p.key for p in new_papers)
    known = _listed_files(library)
    update.from_known_inputs = sorted(
        p.key for p in new_papers if provenance_files(p, library.path) & known
    )
    return [new_entry(p, library.path, ascii, surname_first) for p in new_papers]


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


def _listed_files(library: Library) -> set[str]:
    """The input files the library's entries list in their `pubdedup-sources`."""
    return {name.partition(":")[0] for r in library.parsed.records for name in listed_names(r)}


def _all_aliases(library: Library) -> set[str]:
    return {k for e in library.entries.values() for k in listed_keys(field_value(e.raw, "ids"))}


def _append(text: str, entries: list[Entry]) -> str:
    """The text with the new entries after its last entry: before JabRef's settings
    (`@Comment{jabref-meta: …}`) when the file ends with them, where JabRef keeps them, so
    that its next save does not move them and every entry added since."""
    new = entries_text(sorted(entries, key=lambda e: e.key))
    newline = "\r\n" if "\r\n" in text else "\n"
    new = new.replace("\n", newline)
    if not text.strip():
        return new
    trailer = _jabref_trailer_start(text)
    body, settings = text[:trailer].rstrip(), text[trailer:]
    head = body + newline + newline if body else ""
    return head + new + (newline + settings if settings else "")


_JABREF_COMMENT = re.compile(r"@comment\s*\{\s*jabref-", re.IGNORECASE)


def _jabref_trailer_start(text: str) -> int:
    """Where the run of JabRef's `@Comment{jabref-…}` blocks that ends the text starts (the
    text's length when it ends with none)."""
    end, start = len(text.rstrip()), len(text)
    for at in reversed([m.start() for m in _JABREF_COMMENT.finditer(text)]):
        if at >= end:  # inside a block already taken
            continue
        if _block_end(text, at) != end:
            break
        start, end = at, len(text[:at].rstrip())
    return start


def _block_end(text: str, at: int) -> int:
    """Where the brace block of the `@comment` at `at` closes (after its brace), or -1."""
    depth = 0
    for i in range(text.index("{", at), len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return i + 1
    return -1
