"""Text-level edits of one BibTeX entry, leaving every other byte as the user wrote it.

An incremental run must not reformat a library a person maintains by hand: the entries it does
not touch stay byte for byte, and in the ones it does touch only the changed fields move.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_NAME = re.compile(r"\s*([^\s=,{}()\"#]+)\s*=\s*")
_COMMENT = re.compile(r"\s*%[^\n]*\n")


@dataclass(frozen=True, slots=True)
class FieldSpan:
    """Where one field sits in an entry's text: the whole `name = value` and the value alone."""

    name: str  # lower-case
    start: int
    value_start: int
    end: int


def _value_end(raw: str, i: int) -> int:
    """End of the value starting at raw[i]: braced, quoted or bare parts joined by `#`."""
    n = len(raw)
    while i < n:
        ch = raw[i]
        if ch == "{":
            depth = 0
            while i < n:
                depth += {"{": 1, "}": -1}.get(raw[i], 0)
                i += 1
                if depth == 0:
                    break
        elif ch == '"':
            i += 1
            depth = 0
            while i < n and not (raw[i] == '"' and depth == 0):
                depth += {"{": 1, "}": -1}.get(raw[i], 0)
                i += 1
            i += 1
        else:
            while i < n and raw[i] not in ',}#)"{ \t\r\n':
                i += 1
        j = i
        while j < n and raw[j] in " \t\r\n":
            j += 1
        if j < n and raw[j] == "#":
            i = j + 1
            while i < n and raw[i] in " \t\r\n":
                i += 1
            continue
        return i
    return n


def field_spans(raw: str) -> list[FieldSpan]:
    """The fields of an entry's text `@type{key, name = value, ...}` in order."""
    head = re.match(r"\s*@\s*\w+\s*[{(][^,]*,", raw)
    if not head:
        return []
    spans: list[FieldSpan] = []
    i = head.end()
    while True:
        match = _NAME.match(raw, i)
        if not match and (comment := _COMMENT.match(raw, i)):
            # A comment line between fields (`% check the pages`, a field commented out):
            # biber skips it, and the fields after it are the entry's all the same.
            i = comment.end()
            continue
        if not match:
            return spans
        end = _value_end(raw, match.end())
        spans.append(FieldSpan(match.group(1).lower(), match.start(1), match.end(), end))
        i = end
        while i < len(raw) and raw[i] in " \t\r\n,":
            i += 1


def _indent(raw: str, spans: list[FieldSpan]) -> str:
    if spans:
        line_start = raw.rfind("\n", 0, spans[0].start) + 1
        prefix = raw[line_start : spans[0].start]
        if line_start and not prefix.strip():
            return prefix
    return "  "


def _equals(raw: str, spans: list[FieldSpan]) -> Callable[[str], str]:
    """`name = ` for a new field, spaced as the entry's fields are: `title={…}` (Scholar), or
    names padded so that every `=` stands in one column (JabRef, many hand-kept files)."""
    if not spans:
        return lambda name: f"{name} = "
    first = spans[0]
    equals = [raw.index("=", s.start) for s in spans]
    before = raw[first.start + len(first.name) : equals[0]]
    after = raw[equals[0] + 1 : first.value_start]
    columns = {e - raw.rfind("\n", 0, s.start) for e, s in zip(equals, spans, strict=True)}
    padded = any(e - s.start > len(s.name) + 1 for e, s in zip(equals, spans, strict=True))
    if len(spans) > 1 and len(columns) == 1 and padded:
        width = equals[0] - first.start - 1  # the names' column, then ` =`
        return lambda name: f"{name:<{width}} ={after}"
    return lambda name: f"{name}{before}={after}"


def _newline(raw: str) -> str:
    return "\r\n" if "\r\n" in raw else "\n"


def set_fields(raw: str, values: dict[str, str]) -> str:
    """The entry text with these fields' values replaced, or added before the closing brace.

    Values are LaTeX text and are written in braces, but for a month macro (`month = may`),
    which braces would turn into the lower-case word.
    """
    quoted = {s.name for s in field_spans(raw) if raw[s.value_start] == '"'}
    return set_raw_values(
        raw, {name: _enclosed(name, value, name in quoted) for name, value in values.items()}
    )


def set_raw_values(raw: str, values: dict[str, str]) -> str:
    """`set_fields` with values written as given: braces, quotes, macros and `#` (a value
    taken from another entry's text, as a person wrote it)."""
    spans = {s.name: s for s in field_spans(raw)}
    missing = {k: v for k, v in values.items() if k not in spans}
    for name, value in sorted(
        ((k, v) for k, v in values.items() if k in spans), key=lambda kv: -spans[kv[0]].start
    ):
        span = spans[name]
        raw = raw[: span.value_start] + value + raw[span.end :]
    if not missing:
        return raw
    spans_now = field_spans(raw)
    indent, newline, equals = _indent(raw, spans_now), _newline(raw), _equals(raw, spans_now)
    close = len(raw.rstrip()) - 1  # the entry's closing `}` or `)`
    body = raw[:close].rstrip()
    last = spans_now[-1].end if spans_now else len(body)
    tail = raw[last:close]  # spaces, and comment lines (`% note = {draft}`)
    trailing_comma = body.endswith(",") or "," in _COMMENT.sub("\n", tail)
    if not trailing_comma:
        # Right after the last value: after a comment line it would be part of the comment,
        # and the field added run into the last one's value.
        body = raw[:last] + "," + tail.rstrip()
    added = ",".join(f"{newline}{indent}{equals(name)}{value}" for name, value in missing.items())
    return body + added + ("," if trailing_comma else "") + newline + raw[close:]


# BibTeX's month macros: written bare (`month = may`), as braces would make them plain words.
MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def brace_balance(text: str) -> int:
    """Opening minus closing braces, escaped ones (`\\{`) aside: not 0 when one pairs with none.
    Counted in C: the read of a large bibliography checks every value."""
    return text.count("{") - text.count("\\{") - text.count("}") + text.count("\\}")


_BRACE = re.compile(r"[{}]")


def braces_pair(text: str) -> bool:
    """Whether every brace of a value pairs with one as BibTeX counts them (`\\{` too: BibTeX
    knows no escapes), none closing before it opens: BibTeX reads the value whole, and it ends
    no field early."""
    if "{" not in text and "}" not in text:  # nearly every value
        return True
    depth = 0
    for brace in _BRACE.findall(text):
        depth += 1 if brace == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def _enclosed(name: str, value: str, quoted: bool = False) -> str:
    """The value in braces; in quotes where the field was (`author = "…"`), unless a quote
    outside braces would end it early."""
    if name == "month" and value in MONTH_MACROS:
        return value
    if quoted and not _quote_outside_braces(value):
        return '"' + value + '"'
    return "{" + value + "}"


def _quote_outside_braces(value: str) -> bool:
    depth = 0
    for ch in value:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if ch == '"' and depth == 0:
            return True
    return False


def remove_fields(raw: str, names: set[str]) -> str:
    """The entry text without these fields (and the comma that separated each)."""
    for span in sorted(field_spans(raw), key=lambda s: -s.start):
        if span.name not in names:
            continue
        start = raw.rfind("\n", 0, span.start) + 1
        if raw[start : span.start].strip():
            start = span.start
        end = span.end
        while end < len(raw) and raw[end] in " \t":
            end += 1
        if end < len(raw) and raw[end] == ",":
            end += 1
        if end < len(raw) and raw[end] == "\r":
            end += 1
        if end < len(raw) and raw[end] == "\n" and start < span.start:
            end += 1
        raw = raw[:start] + raw[end:]
    # A field removed from the end leaves the previous one's comma: keep it, BibTeX allows it.
    return raw


def field_value(raw: str, name: str) -> str | None:
    """The raw value of a field (with its braces or quotes), or None."""
    for span in field_spans(raw):
        if span.name == name:
            return raw[span.value_start : span.end]
    return None
