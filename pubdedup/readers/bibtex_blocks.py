"""bibtexparser's split of a BibTeX text into blocks, each placed on the line where it starts.

Kept apart from the reader (bibtex.py), which turns the blocks into records: `--into` edits a
library at the places these blocks give.
"""

from __future__ import annotations

from collections.abc import Iterable

import bibtexparser
from bibtexparser.model import Block, ParsingFailedBlock

from pubdedup.readers import bibtex_keys


def parse_blocks(text: str) -> bibtexparser.Library:
    """bibtexparser's split of a text into blocks, values left raw (no middleware), each block
    on the line where its text starts; keys with braces or quotes are read too (bibtex_keys)."""
    library = bibtex_keys.parse_string(text)
    recount_lines(text, library.blocks)
    return library


def recount_lines(text: str, blocks: Iterable[Block], first_line: int = 0) -> None:
    """bibtexparser (2.0.0b8 to 2.1.0 at least) counts no line break after a `\\` (LaTeX's line
    break, common in abstracts and notes), so every block after one is placed too early: 23
    lines after one long abstract of the real corpus, 175 further on. Each block's line is
    counted again from where its text is found (blocks come in order), and its fields are moved
    with it; `first_line` is the 0-based line of the text's start (a piece of a file).

    A block bibtexparser aborted may run past the next block's start (`@{@{`: "Expected comma
    after entry key, but found @"; an entry aborted at a line's `@string`), so after one the
    next block is looked for from just after its start, as it is when not found after its end:
    looked for after its end alone, it was found further on where a file repeats it, and every
    block after was placed there, past the file's last line. A block not found at all is moved
    as far as the block before it was."""
    start, end, line, shift = -1, 0, first_line, first_line
    aborted = False
    for block in blocks:
        raw = block.raw or ""
        found = text.find(raw, end) if raw and not aborted else -1
        if found < 0 and raw:
            found = text.find(raw, start + 1)
        aborted = isinstance(block, ParsingFailedBlock)
        if found >= 0:
            line += text.count("\n", max(start, 0), found)
            shift = line - (block.start_line or 0)
            start, end = found, found + len(raw)
        _move(block, shift)


def _move(block: Block, lines: int) -> None:
    """Shift a block (and its fields, and a failed block's entry) by `lines`. bibtexparser has
    no setter for a block's line: its attribute is set, as the constructor does."""
    if not lines:
        return
    kept = getattr(block, "ignore_error_block", None)
    for item in (block, kept):
        if item is None or not hasattr(item, "_start_line_in_file"):
            continue
        item._start_line_in_file = (item.start_line or 0) + lines
        for field in getattr(item, "fields", ()):
            if field.start_line is not None:
                field._start_line = field.start_line + lines
