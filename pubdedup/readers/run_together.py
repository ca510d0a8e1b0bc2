"""Fields a missing comma ran together, told apart (`author = {Eps, Eve}` then `title = {…}`).

bibtexparser ends a value at the first comma or closing brace outside braces and quotes; an `=`
does not stop it. So when the comma between two fields is missing, the first value runs on
through the next field (`{Eps, Eve}\\n  title = {Fifth paper}` is all `author`), without an error.
No BibTeX value holds an `=` outside braces and quotes: one there follows the next field's name.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class RawField(NamedTuple):
    """A field as bibtexparser gives it: braces, quotes, macros and `#` not resolved."""

    name: str  # lower-case
    value: str
    line: int  # 1-based, where its name is


class RunTogether(NamedTuple):
    """One field as read, told apart where commas are missing."""

    fields: list[RawField]  # the field and those found after it, in order
    missing: list[RawField]  # each field found after a missing comma
    lost: RawField | None  # one found after a text that is no whole value: not told apart


_SIGNIFICANT = re.compile(r'(?<!\\)[{}"=]')
# The name before a field's `=`, after a space: `year` in `{Eps, Eve}\n  year = 2020`.
_NAME_BEFORE = re.compile(r"(?<=\s)([A-Za-z][\w.:+-]*)\s*$")
# A number or the name of an @string: anything up to a space or a character BibTeX reserves.
_BARE = re.compile(r"[^\s\"#%'(),={}]+")


def apart(field: RawField) -> RunTogether:
    """The field, and the fields after it that a missing comma ran into its value.

    Positions in the one value are followed, and each field's text cut out once: a value of
    many run-together fields costs linear time (copying the rest at each field was quadratic).
    """
    text = field.value
    if "=" not in text:  # nearly every value
        return RunTogether([field], [], None)
    fields: list[RawField] = []
    name, start, line = field.name, 0, field.line
    lost = None

    def rest() -> RawField:  # the current field's value to the end (the first's as given)
        return RawField(name, text[start:].strip() if fields else text, line)

    while found := _next_field(text, start):
        name_start, next_name, value_start = found
        before = text[start:name_start].rstrip()
        next_line = line + text.count("\n", start, name_start)
        if not whole_value(before):  # `journal = Journal of X`: a brace or a comma missing?
            lost = RawField(next_name.lower(), text[value_start:].strip(), next_line)
            break
        fields.append(RawField(name, before.strip() if fields else before, line))
        name, start, line = next_name.lower(), value_start, next_line
    fields.append(rest())
    return RunTogether(fields, fields[1:], lost)


def _next_field(text: str, start: int) -> tuple[int, str, int] | None:
    """(where its name starts, the name, where its value starts) of a field inside the value
    that starts at `start`."""
    equals = _first_bare_equals(text, start)
    if equals is None:
        return None
    name = _NAME_BEFORE.search(text, start, equals)
    return (name.start(), name[1], equals + 1) if name else None


def _first_bare_equals(text: str, start: int = 0) -> int | None:
    """Where the first `=` outside braces and quotes is (escaped braces and quotes aside, as
    bibtexparser counts them)."""
    depth, quoted = 0, False
    for mark in _SIGNIFICANT.finditer(text, start):
        char = mark[0]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "=" and depth == 0 and not quoted:
            return mark.start()
    return None


def whole_value(text: str) -> bool:
    """One BibTeX value: braced text, quoted text, a number or a @string, or several joined
    with `#`."""
    pos = 0
    while True:
        end = _part_end(text, _skip_spaces(text, pos))
        if end is None:
            return False
        pos = _skip_spaces(text, end)
        if pos == len(text):
            return True
        if text[pos] != "#":
            return False
        pos += 1


def _part_end(text: str, pos: int) -> int | None:
    if text.startswith("{", pos):
        depth = 0
        for mark in _SIGNIFICANT.finditer(text, pos):
            depth += {"{": 1, "}": -1}.get(mark[0], 0)
            if depth == 0:
                return mark.end()
        return None
    if text.startswith('"', pos):
        depth = 0
        for mark in _SIGNIFICANT.finditer(text, pos + 1):
            depth += {"{": 1, "}": -1}.get(mark[0], 0)
            if mark[0] == '"' and depth == 0:
                return mark.end()
        return None
    bare = _BARE.match(text, pos)
    return bare.end() if bare else None


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos
