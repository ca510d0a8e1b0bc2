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
    """The field, and the fields after it that a missing comma ran into its value."""
    fields, missing, current = [], [], field
    while found := _next_field(current.value):
        name_start, name, value_start = found
        before = current.value[:name_start].rstrip()
        line = current.line + current.value.count("\n", 0, name_start)
        after = RawField(name.lower(), current.value[value_start:].strip(), line)
        if not whole_value(before):  # `journal = Journal of X`: a brace or a comma missing?
            return RunTogether([*fields, current], missing, after)
        fields.append(current._replace(value=before))
        missing.append(after)
        current = after
    return RunTogether([*fields, current], missing, None)


def _next_field(value: str) -> tuple[int, str, int] | None:
    """(where its name starts, the name, where its value starts) of a field inside `value`."""
    if "=" not in value:  # nearly every value
        return None
    equals = _first_bare_equals(value)
    name = _NAME_BEFORE.search(value, 0, equals) if equals is not None else None
    return (name.start(), name[1], equals + 1) if name else None


def _first_bare_equals(value: str) -> int | None:
    """Where the first `=` outside braces and quotes is (escaped braces and quotes aside, as
    bibtexparser counts them)."""
    depth, quoted = 0, False
    for mark in _SIGNIFICANT.finditer(value):
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
