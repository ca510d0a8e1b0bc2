"""Citation keys with braces or quotes (`m{\\"u}ller2022graph`), which bibtexparser rejects.

Google Scholar writes a name's LaTeX accent into its keys (`m{\\"u}ller2022graph`,
`{\\"o}zt{\\"u}rk2020`), and a German `"u` shorthand gives `m"uller2021`. bibtexparser v2 ends a
key at its first brace or quote (`{`, `}`, `"`; in an `@type(…)` entry a `)` too) and rejects
the entry ("Expected comma after entry key, but found {"): its record was lost. (Classic BibTeX
ends such a key at its `}` and cites the entry as `m{\\"u`; pubdedup reads the whole key, as the
export meant it.) This module lives apart from the reader: it works on the text before the
parse and on the blocks after it.

Before the parse, each such character of a key that runs, without spaces, from `@type{` at the
start of a line to a comma (its braces paired) is replaced by a private-use character standing
for it alone. One character for one keeps every offset and line of the text where it was: the
blocks' lines and raw texts match the text, and `--into` edits a library at the places found.
After the parse, the blocks' keys and raw texts get their characters back, so the record's id is
the key as written. A key holding `=` is left alone (`@misc{title={T}, …}` has lost its key), and
so is one holding `@` (bibtexparser may start a block there).
"""

from __future__ import annotations

import re

import bibtexparser
from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    Entry,
    ExplicitComment,
    ImplicitComment,
    ParsingFailedBlock,
)

# As bibtexparser's block start (`@type` then `{` or `(`), at the start of a line (where an `@`
# inside a value ends that value's block too); then a key with no space or comma in it.
_KEY = re.compile(r"^[ \t]*@(\w*)[ \t]*([{(])[ \t]*([^\s,]+)[ \t]*,", re.MULTILINE)
_STAND_IN = {ch: chr(0xF0000 + i) for i, ch in enumerate('{}")')}
_IN_KEY = str.maketrans(_STAND_IN)
_BACK = str.maketrans({v: k for k, v in _STAND_IN.items()})
_STAND_INS = frozenset(_STAND_IN.values())
_NOT_ENTRIES = ("comment", "preamble", "string")  # bibtexparser's test: the type starts so


def parse_string(text: str) -> bibtexparser.Library:
    """bibtexparser's blocks of the text (no middleware), keys with braces or quotes read too."""
    readable = readable_keys(text)
    return parse_readable(readable, restore=readable is not text)


def parse_readable(readable: str, restore: bool) -> bibtexparser.Library:
    """bibtexparser's blocks of a text `readable_keys` gave (or of a piece of it), their keys
    given their own characters back if it replaced any (`restore`)."""
    library = bibtexparser.parse_string(readable, parse_stack=[])
    if restore:
        _restore(library)
    return library


def readable_keys(text: str) -> str:
    """The text with the characters that end a key early replaced, one for one (the text
    itself when no key has one, or the text already holds a stand-in)."""
    pieces, done = [], 0
    for match in _KEY.finditer(text):
        kind, opener, key = match.groups()
        if kind.lower().startswith(_NOT_ENTRIES) or not _rejected(key, opener):
            continue
        pieces += [text[done : match.start(3)], key.translate(_IN_KEY)]
        done = match.end(3)
    if not pieces or any(ch in text for ch in _STAND_INS):
        return text
    return "".join(pieces) + text[done:]


def _rejected(key: str, opener: str) -> bool:
    """Whether bibtexparser would end this key early. A key whose braces (in an `@type(…)`
    entry, parentheses) pair with none is no key cut short but a broken entry: left to fail."""
    ends = '{}"' if opener == "{" else '{}")'
    if "=" in key or "@" in key or not any(ch in key for ch in ends):  # `@` may start a block
        return False
    return _paired(key, "{}") and (opener == "{" or _paired(key, "()"))


def _paired(key: str, pair: str) -> bool:
    depth = 0
    for ch in key:
        depth += (ch == pair[0]) - (ch == pair[1])
        if depth < 0:
            return False
    return depth == 0


def _restore(library: bibtexparser.Library) -> None:
    """Give the keys and raw texts of the blocks their own characters back. bibtexparser has no
    setter for a block's raw text: its attribute is set, as the constructor does."""
    for block in library.blocks:
        kept = block.ignore_error_block if isinstance(block, ParsingFailedBlock) else None
        for item in (block, kept):
            if item is None:
                continue
            if item.raw:
                item._raw = item.raw.translate(_BACK)
            if isinstance(item, (Entry, DuplicateBlockKeyBlock)):
                item.key = item.key.translate(_BACK)
            elif isinstance(item, (ImplicitComment, ExplicitComment)):  # an `@type(…)` entry,
                item.comment = item.comment.translate(_BACK)  # to a bibtexparser reading none
    by_key = library._entries_by_key  # behind `entries_dict`
    library._entries_by_key = {key.translate(_BACK): entry for key, entry in by_key.items()}
