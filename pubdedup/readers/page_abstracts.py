"""Abstracts copied without their `Preview abstract` button, opened where the button was.

A button's text is often left out of a copy (sites style buttons `user-select: none`), while the
`View details` link after the abstract is copied. The abstract then read as an entry's title, an
abstract-only entry as a titled entry without authors, and the next entry's lines ran into it.
An abstract is the prose between the end of the entry before (its `View details`, its venue/year
line, the page's headings) and a `View details` with no `Preview abstract` before it.
"""

from __future__ import annotations

from pubdedup.model import Problem, Record
from pubdedup.readers.page_lines import (
    ABSTRACT_END,
    END_OF_LIST,
    is_abstract_start,
    is_chrome,
    is_person_name,
    is_venue,
)

_MARKER = "Preview abstract "
_ABSTRACT_WORDS = 12  # fewer words than any abstract: a title and its authors are no abstract


def open_bare_abstracts(lines: list[str]) -> list[str]:
    """The lines, each abstract without its `Preview abstract` marked with one."""
    out = list(lines)
    opened = False  # inside an abstract that has its marker
    after = 0  # the first line after the last entry's end
    for i, line in enumerate(lines):
        ends = bool(ABSTRACT_END.search(line)) or line.lower() == "view details"
        if is_abstract_start(line):
            opened, after = not ends, i + 1
        elif ends:
            if not opened and _is_prose(lines, after, i):
                first = next(k for k in range(after, i + 1) if lines[k])
                out[first] = _MARKER + lines[first]
            opened, after = False, i + 1
        elif not opened and _ends_entry_part(line):
            after = i + 1
    return out


def _ends_entry_part(line: str) -> bool:
    """A line after which an abstract may start: a venue/year line (no sentence: `… since
    2019.` is prose), page furniture, the end marker."""
    if not line or line.lower() in END_OF_LIST or is_chrome(line):
        return bool(line)
    return is_venue(line) and not line.endswith(".")


def _is_prose(lines: list[str], start: int, end: int) -> bool:
    """Lines start..end (the last with or being `View details`) are an abstract: no name line
    among them, and words enough."""
    text = [ABSTRACT_END.sub("", ln) for ln in lines[start : end + 1] if ln]
    text = [ln for ln in text if ln]
    if not text or any(is_person_name(ln) for ln in text):
        return False
    return sum(len(ln.split()) for ln in text) >= _ABSTRACT_WORDS


_PROSE_WORDS = 40  # no title is this long: an abstract whose marker was not recognised


def abstract_read_as_title(records: list[Record], file: str) -> list[Problem]:
    """A problem at the first entry whose title is prose (40 words or more): its abstract's
    marker was not recognised, as on a page the browser translated (`Vorschau-Zusammenfassung
    …`), and entries may be lost around it. Said once per page: not silently."""
    for record in records:
        if record.title and len(record.title.split()) >= _PROSE_WORDS:
            words = len(record.title.split())
            message = (
                f"entry's title has {words} words: an abstract whose 'Preview abstract' marker"
                " was not recognised (a page translated by the browser?); this page's entries"
                " may be misread"
            )
            return [Problem(file, record.source.line, "abstract-as-title", message)]
    return []
