"""A large BibTeX file read on every core: cut into chunks where blocks start, each chunk parsed
and read by one process, the pieces put together as the serial reader (bibtex.py) gives them.

Why a cut changes nothing: bibtexparser ends whatever it is in at an `@type{` or `@type(` at the
start of a line (an entry left open there is aborted: "Unexpected block start"), so the blocks
before such a line are the same whatever follows it. Each chunk is parsed with the next chunk's
block start appended, so that an entry left open at its end fails as it does in the whole file
(not at an end of file), and that last block is dropped.

What crosses chunks is settled in the parent:
- `@string` macros and `@preamble` commands hold for the whole file, so they are read first,
  from the lines that start such blocks. The chunks report the ones they found; should these
  differ (a block started in the middle of a line), the file is read serially instead.
- A key an earlier chunk has is reported as bibtexparser reports one repeated in its chunk.
- An entry whose `crossref` names another is finished in the parent, given the fields of the
  entries the file's crossrefs name (found in the text; a key only a macro gives, or none found
  so: read serially).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from bibtexparser.model import Block, Entry, ParsingFailedBlock, Preamble, String

from pubdedup import forked
from pubdedup.model import Problem, ReadResult, Record, record_from_values, record_values
from pubdedup.readers import bibtex_keys
from pubdedup.readers.bibtex import (
    _Reader,
    in_file_order,
    read_bibtex,
    repeated_key,
    repeated_string,
)
from pubdedup.readers.bibtex_blocks import recount_lines
from pubdedup.readers.latex_macros import Definition

PARALLEL_MIN_CHARS = 4 << 20  # below this, forking costs more than it saves
CHUNKS_PER_WORKER = 4  # chunks of about one size: the parent and each worker take every n-th

# bibtexparser's block start (`@type` then `{` or `(`) at the start of a line, after any spaces
# but a line break, as its `_is_at_line_start` reads a line's start. Found after the line
# break before it (a literal first character makes the search four times as fast as `^`).
_BLOCK_START = re.compile(r"\n[^\S\n]*@(\w*)[ \t]*[{(]")
_FIRST_BLOCK_START = re.compile(r"[^\S\n]*@(\w*)[ \t]*[{(]")
# In the lower-cased text: a literal first word is found far faster than with IGNORECASE.
_CROSSREF = re.compile(r"crossref\s*=\s*[{\"]?\s*([^\s,{}\"]+)")

Parents = Mapping[str, Mapping[str, str]]


class _Cut(NamedTuple):
    """A line where a block starts: the line's start, and the end of its `@type{`."""

    start: int
    mark_end: int
    kind: str  # the block's type, lower case


@dataclass(frozen=True, slots=True)
class _Chunk:
    start: int
    end: int
    first_line: int  # 0-based line of `start`
    after: _Cut | None  # the next chunk's block start, None for the last chunk


@dataclass(frozen=True, slots=True)
class _Shared:
    """What every chunk's reader needs, shared with the workers before they fork."""

    file: str
    text: str
    readable: str  # the text with keys bibtexparser cuts short made readable (bibtex_keys)
    macros: dict[str, str]
    commands: dict[str, Definition]
    lent_keys: frozenset[str]  # lower-case keys the file's crossrefs name


@dataclass(slots=True)
class _Piece:
    """What one chunk gave: its records (as `record_values` tuples), the entries a crossref
    names or that name one, and what the parent checks across chunks."""

    entries: int
    # Of the entries without a crossref, in order: Records placed in the file (the parent's
    # own), or `record_values` tuples placed in the chunk (a worker's, sent back).
    records: list
    deferred: list[tuple[int, Entry, dict[str, str]]]  # (index in chunk, entry, fields)
    lent: list[tuple[str, dict[str, str]]]  # (lower-case key, fields) of entries crossrefs name
    keys: list[str]  # every entry's key, lower case
    first_keys: list[tuple[str, int]]  # (key, line) of entries not repeating a key of the chunk
    strings: list[tuple[int, str, str]]  # (line, key, raw value) of every @string block
    preambles: list[tuple[int, str]]
    problems: list[Problem] = field(default_factory=list)


def read_bibtex_on_all_cores(text: str, file: str, parents: Parents | None = None) -> ReadResult:
    """`read_bibtex(text, file, parents=parents)`, read on every core for a large file."""
    workers = forked.workers_for(len(text), PARALLEL_MIN_CHARS)
    if workers > 1:
        result = read_in_chunks(text, file, parents or {}, workers, workers * CHUNKS_PER_WORKER)
        if result is not None:
            return result
    return read_bibtex(text, file, parents=parents)


def read_in_chunks(
    text: str, file: str, parents: Parents, workers: int, count: int
) -> ReadResult | None:
    """The file cut into about `count` chunks, read on `workers` processes; None where that
    would not give the serial reader's result."""
    cuts = _cuts(text)
    if len(cuts) < 2:
        return None
    readable = bibtex_keys.readable_keys(text)
    found = _definitions(text, readable, cuts)
    if found is None:
        return None
    strings, preambles = found
    reader = _Reader(file, parents)
    reader.define(_first_of_each(strings, file, reader.result.problems))
    reader.define_commands(value for _, value in preambles)
    lent_keys = frozenset(m.group(1) for m in _CROSSREF.finditer(text.lower()))
    shared = _Shared(file, text, readable, reader.macros, reader.commands, lent_keys)
    chunks = _chunks(text, cuts, count)

    before = 0  # entries of the chunks before: each chunk is read once those are in

    def here(chunk: _Chunk) -> _Piece | None:
        return _piece(shared, chunk, before)

    pieces: list[_Piece] = []
    for piece in forked.interleaved(chunks, here, _remote_piece, shared, workers):
        if piece is None:
            return None  # the workers stop with the pool
        pieces.append(piece)
        before += piece.entries
    if [s for p in pieces for s in p.strings] != strings:
        return None
    if [p for piece in pieces for p in piece.preambles] != preambles:
        return None
    return _together(reader, pieces)


def _together(reader: _Reader, pieces: list[_Piece]) -> ReadResult | None:
    """The pieces' records and problems as one read of the whole file, with the entries that
    name a crossref finished here (None: a crossref names an entry whose fields are not here)."""
    own_lent: dict[str, Mapping[str, str]] = {}
    own_keys: set[str] = set()
    registered: set[str] = set()
    for piece in pieces:
        own_lent.update(piece.lent)
        own_keys.update(piece.keys)
        reader.result.problems += piece.problems
        for key, line in piece.first_keys:
            if key in registered:
                reader.result.problems.append(repeated_key(reader.file, line, key))
        registered.update(key for key, _ in piece.first_keys)
    lent = {**reader.parents, **own_lent}
    keys = own_keys | set(reader.parents)
    records: list[Record] = []
    for piece in pieces:
        offset = len(records)
        finished = {}
        for index, entry, values in piece.deferred:
            named = values.get("crossref", "").lower()
            if named in own_keys and named not in own_lent:
                return None  # an entry the text's crossrefs seemed not to name
            finished[index] = reader.finished(entry, values, lent, keys, offset + index)
        own = iter(piece.records)
        records += [
            finished[k] if k in finished else _placed(next(own), offset)
            for k in range(piece.entries)
        ]
    return ReadResult(records, sorted(reader.result.problems, key=in_file_order))


def _placed(record: Record | tuple, offset: int) -> Record:
    """A piece's record, placed in the file: a worker's comes placed in its chunk."""
    return record if isinstance(record, Record) else record_from_values(record, offset)


def _piece(shared: _Shared, chunk: _Chunk, before: int | None = None) -> _Piece | None:
    """One chunk parsed and read (None: its text did not end where it was cut); its records
    placed in the file after `before` entries, or as tuples placed in the chunk if None (in a
    worker, which knows no entries of the chunks before, and sends its records back)."""
    blocks = _parsed(shared.text, shared.readable, chunk)
    if blocks is None:
        return None
    reader = _Reader(shared.file)
    reader.macros, reader.commands = shared.macros, shared.commands
    reader.reports_repeated_strings = False  # the parent reports them, across all chunks
    entries = reader.entries_of(blocks)
    fields = reader.fields_of(entries)
    records: list[Record | tuple] = []
    deferred = []
    for index, (entry, values) in enumerate(zip(entries, fields, strict=True)):
        if values.get("crossref"):
            deferred.append((index, entry, values))
        else:
            record = reader.finished(entry, values, {}, (), (before or 0) + index)
            records.append(record if before is not None else record_values(record))
    keys = [entry.key.lower() for entry in entries]
    return _Piece(
        entries=len(entries),
        records=records,
        deferred=deferred,
        lent=[(k, f) for k, f in zip(keys, fields, strict=True) if k in shared.lent_keys],
        keys=keys,
        first_keys=[(b.key, (b.start_line or 0) + 1) for b in blocks if isinstance(b, Entry)],
        strings=_strings(blocks),
        preambles=[((b.start_line or 0) + 1, b.value) for b in blocks if isinstance(b, Preamble)],
        problems=reader.result.problems,
    )


def _remote_piece(chunk: _Chunk) -> _Piece | None:
    """In a worker: one chunk's piece (None if reading it failed: the file is read serially,
    and any error raised there, as it would be)."""
    try:
        return _piece(forked.shared(), chunk)
    except Exception:  # noqa: BLE001 - the serial read reports it
        return None


def _parsed(text: str, readable: str, chunk: _Chunk) -> list[Block] | None:
    """The blocks of a chunk, placed on the file's lines; None if the next chunk's block start,
    appended, did not end up a block of its own (the cut was no block start after all)."""
    piece = readable[chunk.start : chunk.end]
    if chunk.after is not None:
        piece += readable[chunk.after.start : chunk.after.mark_end]
    blocks = bibtex_keys.parse_readable(piece, restore=readable is not text).blocks
    if chunk.after is not None:
        if not blocks or not isinstance(blocks[-1], ParsingFailedBlock):
            return None
        blocks.pop()
    # Counted in the text the chunk was parsed with: a block the next block's start aborted
    # may hold that start's `@` (`recount_lines`).
    end = chunk.after.mark_end if chunk.after is not None else chunk.end
    recount_lines(text[chunk.start : end], blocks, chunk.first_line)
    return blocks


def _strings(blocks: list[Block]) -> list[tuple[int, str, str]]:
    """(line, key, raw value) of every @string block, a repeated one's too, in order."""
    found = []
    for block in blocks:
        string = block.ignore_error_block if isinstance(block, ParsingFailedBlock) else block
        if isinstance(string, String):
            found.append(((block.start_line or 0) + 1, string.key, string.value))
    return found


def _cuts(text: str) -> list[_Cut]:
    """Every line where a block starts, in order."""
    first = _FIRST_BLOCK_START.match(text)
    cuts = [_Cut(0, first.end(), first.group(1).lower())] if first else []
    cuts += [_Cut(m.start() + 1, m.end(), m.group(1).lower()) for m in _BLOCK_START.finditer(text)]
    return cuts


def _definitions(
    text: str, readable: str, cuts: list[_Cut]
) -> tuple[list[tuple[int, str, str]], list[tuple[int, str]]] | None:
    """Every @string (line, key, raw value) and @preamble (line, value) of the blocks that start
    a line, in file order: each run of such lines parsed as a chunk of its own."""
    strings: list[tuple[int, str, str]] = []
    preambles: list[tuple[int, str]] = []
    line = position = k = 0
    while k < len(cuts):
        if not _defines(cuts[k].kind):
            k += 1
            continue
        first = k
        while k < len(cuts) and _defines(cuts[k].kind):
            k += 1
        after = cuts[k] if k < len(cuts) else None
        line += text.count("\n", position, cuts[first].start)
        position = cuts[first].start
        end = after.start if after else len(text)
        blocks = _parsed(text, readable, _Chunk(position, end, line, after))
        if blocks is None:
            return None
        strings += _strings(blocks)
        preambles += [((b.start_line or 0) + 1, b.value) for b in blocks if isinstance(b, Preamble)]
    return strings, preambles


def _defines(kind: str) -> bool:
    """Whether bibtexparser reads a block of this type as an @string or @preamble (it tests
    the type's start, `@comment` first)."""
    return not kind.startswith("comment") and kind.startswith(("string", "preamble"))


def _first_of_each(
    strings: list[tuple[int, str, str]], file: str, problems: list[Problem]
) -> list[tuple[str, str]]:
    """The (key, raw value) of each @string key's first definition, in order, as bibtexparser
    keeps them; a repeated one is reported."""
    seen: set[str] = set()
    first = []
    for line, key, value in strings:
        if key in seen:
            problems.append(repeated_string(file, line, key))
            continue
        seen.add(key)
        first.append((key, value))
    return first


def _chunks(text: str, cuts: list[_Cut], count: int) -> list[_Chunk]:
    """The text cut into about `count` chunks of about one size, each at a block start."""
    size = max(1, len(text) // count)
    starts = [0]
    chosen: list[_Cut] = []
    k = 0
    for n in range(1, count):
        while k < len(cuts) and cuts[k].start < n * size:
            k += 1
        if k < len(cuts) and cuts[k].start > starts[-1]:
            starts.append(cuts[k].start)
            chosen.append(cuts[k])
    chunks, line = [], 0
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(text)
        after = chosen[n] if n < len(chosen) else None
        chunks.append(_Chunk(start, end, line, after))
        line += text.count("\n", start, end)
    return chunks
