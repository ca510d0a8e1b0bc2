"""Web of Science's plain-text export (`savedrecs.txt` saved as "Plain text file").

`FN Clarivate Analytics Web of Science`, `VR 1.0`, then one record per `PT` … `ER` block: a
two-letter field tag, a space and the value; a value's further lines are indented by three
spaces (`AU` and `AF` give one person a line, `TI` and `AB` wrap). Its tags are the tab-delimited
export's, read the same (csv_columns's `WOS_TAGS`); without this reader the file was taken for an
author page, and every record came out as nonsense with exit 0.
"""

from __future__ import annotations

import html
import re

from pubdedup.model import Problem, ReadResult, Source
from pubdedup.readers.csv_columns import WOS_TAGS
from pubdedup.readers.csv_record import row_record

# The file's header, and a record's first line (`PT J`: its kind of source).
_HEADER = re.compile(r"\A\ufeff?FN (?:Clarivate|Thomson|ISI)[^\n]*\n(?:VR [^\n]*\n)?", re.I)
_RECORD_START = re.compile(r"^PT [A-Z]\s*$", re.MULTILINE)
# Fields of one person a line (authors, their full names, a book's editors): joined as a list.
_PEOPLE_TAGS = frozenset(("AU", "AF", "BE"))


def looks_like_wos(text: str) -> bool:
    """True for Web of Science's plain-text export: its `FN` header, then a `PT` line."""
    return bool(_HEADER.match(text)) and bool(_RECORD_START.search(text[:100_000]))


def read_wos(text: str, file: str) -> ReadResult:
    """Parse the export; id = the record's `UT` (its accession number)."""
    result = ReadResult()
    tags: dict[str, list[str]] = {}
    tag, start = "", 0
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), 1):
        head, value = line[:2], line[3:].strip()
        if line.startswith("   ") and start:  # the value of the tag above, continued
            tags.setdefault(tag, []).append(line.strip())
        elif head == "PT":
            if start:
                _unterminated(result, file, start)
                _add(result, tags, file, start)
            tag, start, tags = head, number, {head: [value]}
        elif head == "ER" and start:
            _add(result, tags, file, start)
            start = 0
        elif start and re.fullmatch(r"[A-Z][A-Z0-9]", head) and line[2:3] in (" ", ""):
            tag = head
            tags.setdefault(tag, []).append(value)
    if start:
        _unterminated(result, file, start)
        _add(result, tags, file, start)
    return result


def _add(result: ReadResult, tags: dict[str, list[str]], file: str, line: int) -> None:
    values = {field: _value(tag, tags[tag]) for tag, field in _fields(tags)}
    values = {field: value for field, value in values.items() if value}
    source = Source(file, len(result.records), line, values.get("id"), None)
    result.records.append(row_record(values, source))


def _fields(tags: dict[str, list[str]]) -> list[tuple[str, str]]:
    """The record's tags pubdedup reads, each with its field."""
    return [(tag, WOS_TAGS[tag.lower()]) for tag in tags if tag.lower() in WOS_TAGS]


def _value(tag: str, lines: list[str]) -> str:
    """A field's lines as one value: a list of people, else one text wrapped over lines."""
    joiner = "; " if tag in _PEOPLE_TAGS else " "
    return " ".join(html.unescape(joiner.join(line for line in lines if line)).split())


def _unterminated(result: ReadResult, file: str, line: int) -> None:
    message = "Web of Science record has no 'ER' end line; read to the next record"
    result.problems.append(Problem(file, line, "unterminated-record", message))
