"""How a CSV file's rows were misread: a quote left open swallowed the rows after it, or a row
was written with another delimiter than its header's."""

from __future__ import annotations

import itertools
import re
from functools import cache

DELIMITERS = ",;\t|"
_LINE_END = re.compile(r"\r\n|\r|\n")


def swallowed(row: list[str], header: list[str], delimiter: str) -> bool:
    """A cell holds a line with a whole row's delimiters: rows read into it by an open quote
    (a paragraph of an abstract in a row short of its last, empty cells holds none)."""
    wanted = max(1, len(header) - 1)
    return any(
        line.count(delimiter) >= wanted
        for cell in row
        if "\n" in cell
        for line in cell.split("\n")[1:]
    )


def other_delimiter(cell: str, delimiter: str) -> str | None:
    """The delimiter a lone cell seems split by, other than the file's: one it holds twice."""
    return next((d for d in DELIMITERS if d != delimiter and cell.count(d) >= 2), None)


def open_at_end(text: str, delimiter: str, start: int) -> bool:
    """The last row's quote was never closed, so csv read the rest of the file into one cell.
    (Only the last row's text is walked: a few hundred characters, unless it swallowed more.)"""
    ends = itertools.islice(_LINE_END.finditer(text), start - 2, None)  # once, for the last row
    return _ends_inside_quotes(text[next(ends).end() if start > 1 else 0 :], delimiter)


def _ends_inside_quotes(text: str, delimiter: str) -> bool:
    """Whether the text ends inside a quoted cell, read as csv reads it: a quote opens one only
    at a cell's start (`12"` is a literal), `""` inside is a quote, text after a closing quote
    (`"Deep nets" revisited`) is the cell's. Quote to quote by regex, not letter by letter: a
    quote left open near the top of a large export swallows the rest of it, megabytes that a
    Python loop took seconds a megabyte to walk."""
    opening, i, end = _opening_quote(delimiter), 0, len(text)
    while (found := opening.search(text, i)) is not None:
        inside = _QUOTED.match(text, found.end())  # never None: it may match nothing
        if inside is None or inside.end() == end:
            return True
        i = inside.end() + 1  # past the closing quote; what follows it is the cell's
    return False


# A quoted cell's text up to its closing quote: `""` is a quote in it. Unrolled, so that each
# character is tried once.
_QUOTED = re.compile(r'[^"]*(?:""[^"]*)*')


@cache
def _opening_quote(delimiter: str) -> re.Pattern[str]:
    """A quote that opens a cell: the text's first character, or one after a delimiter or a
    line's end."""
    return re.compile(rf'(?:^|(?<=[{re.escape(delimiter)}\r\n]))"')
