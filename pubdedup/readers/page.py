"""Reader for plain-text dumps of Google Research people pages, as a browser shows them.

A dump has a header (name, bio, links, section headings, sort options) and then entries. An entry
is either an abstract alone (`Preview abstract … View details`), or a title line, author lines and
a venue/year line, optionally followed by its abstract. Copies saved incompletely cut an abstract
off mid-word: such entries are kept and flagged as truncated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pubdedup.model import Problem, ReadResult, Record, Source
from pubdedup.normalize import clean_line
from pubdedup.readers.page_abstracts import abstract_read_as_title, open_bare_abstracts
from pubdedup.readers.page_entries import Entry, is_author, opens_titled_entry, scan_entries
from pubdedup.readers.page_lines import (
    HEADINGS,
    SORT_OPTION,
    find_owner,
    is_abstract_start,
    is_chrome,
    is_venue,
    names_read_as_titles,
    parse_venue,
    tidy_line,
    unwrap_titles,
)
from pubdedup.readers.page_parts import PagePart, moved, page_end, page_problem, split_pages

# Lines end at \n, \r\n or \r only, as editors and the other readers count them: str.splitlines()
# also splits at form feeds, U+0085 and U+2028 (found in text copied from web pages), which put
# every later record on the wrong line (found by a property test).
_LINE_END = re.compile(r"\r\n|\r|\n")


def looks_like_page(text: str) -> bool:
    """True when text reads like an author-page dump."""
    head = text[:20000].lower()
    return (
        "preview abstract" in head
        or "jump to content" in head
        or ("sort by" in head and "publications" in head)
    )


def _header_end(lines: list[str]) -> int:
    """Index of the first line after the header (headings, sort options)."""
    first_abstract = next((i for i, ln in enumerate(lines) if is_abstract_start(ln)), len(lines))
    last_heading = -1
    for i, line in enumerate(lines[:first_abstract]):
        if line.lower() in HEADINGS or SORT_OPTION.match(line):
            last_heading = i
    if last_heading >= 0:
        return last_heading + 1
    return _first_entry_start(lines, first_abstract)


def _first_entry_start(lines: list[str], limit: int) -> int:
    """With no headings: the first line that starts a titled entry, else the first abstract."""
    for i in range(limit):
        if lines[i] and not is_chrome(lines[i]) and opens_titled_entry(lines, i):
            return i
    return limit


def _is_open(entry: Entry) -> bool:
    """A titled entry still waiting for its venue/year line or its abstract."""
    return bool(entry.meta) and entry.abstract is None and not any(map(is_venue, entry.meta[1:]))


def _cut_off_entry(entries: list[Entry], ending: _Ending) -> tuple[Entry | None, str | None]:
    """The entry a page ends inside (a save or copy stopped early), and a fragment dropped.

    A dump that stops mid-line leaves a partial line (`Dmitry La`), which is dropped. It can
    even read as a title of its own (`Jessica` of `Jessica Yung`): when the entry before it is
    still open, that one-line entry is dropped and the entry before it is the one cut off.
    """
    if not entries or not _is_open(entries[-1]) or ending.at_end_marker:
        return None, None
    last = entries[-1]
    if ending.last_line_whole:
        return last, None
    if len(last.meta) == 1:
        entries.pop()  # the partial line was all of it: `Fran` of a title, no entry of its own
        if len(entries) > 0 and _is_open(entries[-1]):
            return entries[-1], last.meta[0]
        return Entry(line=last.line), last.meta[0]
    return last, last.meta.pop()


def _to_record(entry: Entry, file: str, index: int, owner: str | None) -> Record:
    title, authors, venue, year = None, [], None, None
    if entry.meta:
        title = entry.meta[0]
        for line in entry.meta[1:]:
            if venue is None and year is None and not is_venue(line) and is_author(line):
                authors.append(line)
            elif is_venue(line):
                venue, year = parse_venue(line)
    return Record(
        source=Source(file=file, index=index, line=entry.line, id=None, owner=owner),
        title=title,
        authors=tuple(authors),
        year=year,
        venue=venue,
        abstract=entry.abstract or None,
        truncated=entry.truncated,
    )


def read_page(text: str, file: str, owner: str | None = None) -> ReadResult:
    """Parse a page dump, or several piped in one after another (`cat a.txt b.txt`), each page
    credited to the owner its header names. `owner` overrides the (first) page's owner."""
    raw = unwrap_titles(_LINE_END.split(text.lstrip("\ufeff")))
    lines = [tidy_line(clean_line(ln)) for ln in raw]
    parts = split_pages(lines)
    # A page that ends before the text does (a footer after it left out) ends as a page followed
    # by another: whole, with or without its end marker.
    ending = _text_ending(text) if page_end(parts[-1]) == len(lines) else None
    if len(parts) == 1 and parts[0].offset == 0:
        return _read_lines(parts[0].lines, file, owner, ending or _part_ending(parts[0]))
    return _read_pages(parts, file, owner, ending)


@dataclass(frozen=True, slots=True)
class _Ending:
    """How a page ends: whether its last line is whole, and whether with the end marker."""

    last_line_whole: bool
    at_end_marker: bool


def _text_ending(text: str) -> _Ending:
    """How the input ends, which is how its last page ends."""
    body = text.rstrip()
    return _Ending(text.endswith(("\n", "\r")), body.lower().endswith("no results found"))


def _part_ending(part: PagePart) -> _Ending:
    """A page followed by another: its last line is cut only when glued to the next page's."""
    last = next((line for line in reversed(part.lines) if line), "")
    return _Ending(not part.glued, last.lower().endswith("no results found"))


def _read_lines(lines: list[str], file: str, owner: str | None, ending: _Ending) -> ReadResult:
    """Read the lines of one page. `owner` overrides the owner found in the header."""
    lines = open_bare_abstracts(lines)  # of this page: a line glued to the next is split
    start = _header_end(lines)
    result = ReadResult(owner=owner or find_owner(lines[:start]))
    if result.owner is None:
        message = "no page owner found in the header; give it with --owner"
        result.problems.append(Problem(file, None, "no-owner", message))
    entries = scan_entries(lines, start)
    _without_end_markers(entries)
    cut, dropped = _cut_off_entry(entries, ending)
    for index, entry in enumerate(entries):
        result.records.append(_to_record(entry, file, index, result.owner))
        result.problems += _entry_problems(entry, file, cut, dropped)
    names_read_as_titles(result)
    result.problems += abstract_read_as_title(result.records, file)
    result.problems += _page_problems(result, file, entries, cut, dropped)
    return result


def _entry_problems(
    entry: Entry, file: str, cut: Entry | None, dropped: str | None
) -> list[Problem]:
    """What is wrong with an entry that is kept: cut off, without a venue line, or with an
    abstract cut off."""
    problems = []
    if entry is cut:
        message = "entry cut off: the page ends before its venue/year line; entry kept"
        if dropped:
            message += f" (its last, partial line {dropped!r} dropped)"
        problems.append(Problem(file, entry.line, "cut-off-entry", message))
    if entry.ended_before:
        message = (
            f"entry has no venue/year line: it ends where a name of it comes again"
            f" (the next entry starts at {entry.ended_before!r}); entry kept"
        )
        problems.append(Problem(file, entry.line, "no-venue-line", message))
    if entry.truncated:
        message = "abstract is cut off (no 'View details'); entry kept"
        problems.append(Problem(file, entry.line, "truncated-abstract", message))
    return problems


def _page_problems(
    result: ReadResult, file: str, entries: list[Entry], cut: Entry | None, dropped: str | None
) -> list[Problem]:
    """What is wrong with the page as a whole: a partial last line dropped, no entries."""
    problems = []
    if cut is not None and cut not in entries:
        message = f"the page ends mid-line: its last, partial line {dropped!r} dropped"
        problems.append(Problem(file, cut.line, "cut-off-entry", message))
    if not result.records:
        problems.append(Problem(file, None, "no-entries", "no publication entries found"))
    return problems


def _without_end_markers(entries: list[Entry]) -> None:
    """A copy of a page without its `View details` links (they are often not selected), with
    two abstracts or more and not one ended by the link: an abstract there that ends a sentence
    is whole, not cut off (each was flagged and warned about, and compared as a cut one)."""
    with_abstract = [e for e in entries if e.abstract]
    if len(with_abstract) >= 2 and all(e.truncated for e in with_abstract):
        for entry in with_abstract:
            entry.truncated = not _SENTENCE_END.search(entry.abstract or "")


_SENTENCE_END = re.compile(r"[.!?][\"')\]”’]*$")


NO_OWNER = "(no owner)"  # a page of several whose header names no one, in the input's owners


def _read_pages(
    parts: list[PagePart], file: str, owner: str | None, ending: _Ending | None
) -> ReadResult:
    """Several pages in one input, each read alone: its records get its own owner, and lines
    and indices of the whole input. The input's owner lists every page's, joined by `; `."""
    result = ReadResult()
    owners = []
    for number, part in enumerate(parts, 1):
        last = number == len(parts)
        given = owner if number == 1 else None  # later pages start at a header of their own
        own = ending if last and ending else _part_ending(part)
        page = _read_lines(part.lines, file, given, own)
        result.records += [moved(r, part.offset, len(result.records)) for r in page.records]
        result.problems += [page_problem(p, part, number) for p in page.problems]
        owners.append(page.owner or NO_OWNER)
    result.owner = "; ".join(owners)
    return result
