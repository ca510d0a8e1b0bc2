"""The pages one input holds: page dumps piped in one after another (`cat pages/*.txt | …`).

Each page must keep its own owner: read as one page, the second page's header became an entry
and its entries were credited to the first page's owner (found by a user trial). A new page
starts at
- a `Jump to Content` line after text of the page before;
- a line where one file's last line runs on into the next's first, as `cat` joins a file that
  lacks its final newline: `No Results FoundJump to Content`, `No Results FoundPreview …`;
- the first line after an end-of-list marker (`No Results Found`) that is no page furniture: the
  next page's header, or its first entry when it has none. Lines there with no page in them
  (no `Jump to Content`, heading, abstract or venue/year line) are the site's footer (`Follow
  us`, `About Google`, `Privacy`) or a text browser's list of links (`References`), which a
  copy of the whole page ends with: they are left out, not read as a page without entries
  (and so are such lines above the first page's `Jump to Content`: a cookie banner, a menu);
- a publication heading (`Authored Publications`, `Sort By`) after entries, when the lines
  between the last entry's end and the heading name someone: a header without `Jump to Content`.
  A heading with no name before it is a section heading of the same page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from pubdedup.model import Problem, Record
from pubdedup.readers.page_lines import (
    END_OF_LIST,
    HEADINGS,
    SORT_OPTION,
    find_owner,
    is_abstract_start,
    is_chrome,
    is_person_name,
    is_venue,
)

_JUMP = "Jump to Content"  # as the site writes it
_END = "No Results Found"
_DETAILS = "view details"  # the end of an abstract
# Lines a list ends with that start no page: the end marker, buttons below the list.
_TRAILING = END_OF_LIST | {"load more", "show more"}
# How far back a header without `Jump to Content` may start before its headings: a name (twice),
# bio paragraphs, links and research areas.
_HEADER_LINES = 40


@dataclass(frozen=True, slots=True)
class PagePart:
    """One page of an input: its lines, and where they start among the input's lines."""

    offset: int  # 0-based index of its first line among the input's lines
    lines: list[str]
    # Its last line ran on into the next page's first (its file ends without a newline): the
    # line may be cut, as a dump's last line is when it ends without one.
    glued: bool = False


def split_pages(lines: list[str]) -> list[PagePart]:
    """The input's lines as pages, in order; one part for an input of one page."""
    starts = page_starts(lines)
    ends = [*starts[1:], len(lines)]
    pairs = zip(starts, ends, strict=True)
    parts = [_part(lines, start, end, followed=end < len(lines)) for start, end in pairs]
    kept = [part for k, part in enumerate(parts) if k == 0 or not _trailer(parts[k - 1], part)]
    if len(kept) > 1 and not any(map(_marks_page, kept[0].lines)):
        # Lines above the first `Jump to Content` with no page in them are the browser's or the
        # site's (`Skip to main content`, a cookie banner, the menu): read as a page, they
        # gave two warnings, no owner and no entries, and --strict failed on a whole page.
        return kept[1:]
    return kept


def _trailer(before: PagePart, part: PagePart) -> bool:
    """Lines after a page's end marker that hold no page: a footer, a list of link targets."""
    last = next((line for line in reversed(before.lines) if line), "")
    if last.lower() not in _TRAILING:  # the end marker, or a button below it (`Load more`)
        return False
    return not any(_marks_page(line) for line in part.lines)


def _marks_page(line: str) -> bool:
    """A line only a page has: `Jump to Content`, a heading, an abstract, a venue/year line
    (not a link's address with a year-like number in it, `3. https://arxiv.org/abs/2010.11929`,
    as a text browser's list of links has them)."""
    low = line.lower()
    if _LINK_TARGET.match(low):
        return False
    return low == _JUMP.lower() or low in HEADINGS or _ends_entry(line)


_LINK_TARGET = re.compile(r"(?:\d+\.\s+)?[a-z][a-z\d+.-]*://\S*$")  # lynx's `12. https://…`


def _part(lines: list[str], start: int, end: int, followed: bool) -> PagePart:
    """Lines start..end; a line glued to the next page's first is split between the two."""
    part = lines[start:end]
    if part and (glued := glued_pages(lines[start])) and (start > 0 or _ends_a_page(glued[0])):
        part[0] = glued[1]
    if followed and (glued := glued_pages(lines[end])):
        return PagePart(start, [*part, glued[0]], glued=True)
    return PagePart(start, part)


def _ends_a_page(head: str) -> bool:
    """Whether the part of the input's first line before the glue is a page's last line: its
    end marker, or an entry's end (`Preview abstract … View details`, a first file of one
    line). Nothing else there is a page of its own: `No Results FoundLucas Beyer` from a first
    file holding nothing else named no one."""
    return head == _END or _ends_entry(head)


def glued_pages(line: str) -> tuple[str, str] | None:
    """A page's last line and the next page's first as one line, when a file lacks its final
    newline: `No Results FoundJump to Content`, `… View detailsJump to Content`, `No Results
    FoundPreview abstract …`. None for any other line: after the end marker only what starts
    a page (a name, a heading, an abstract) counts, so a title `No Results Found: …` stays one."""
    if line.endswith(_JUMP) and line[: -len(_JUMP)].strip():
        return line[: -len(_JUMP)].rstrip(), _JUMP
    rest = line[len(_END) :].lstrip()
    if line.startswith(_END) and rest and _starts_page(rest):
        return _END, rest
    return None


def _starts_page(line: str) -> bool:
    low = line.lower()
    return low in HEADINGS or is_abstract_start(line) or is_person_name(line)


@dataclass(slots=True)
class _Scan:
    """Where the page being scanned started, and what has been seen of it."""

    starts: list[int] = field(default_factory=lambda: [0])
    phase: str = "header"  # then "headings", "entries", and "ended" after the end marker
    has_text: bool = False  # a line that is neither blank nor `Jump to Content`
    last_end: int = -1  # the line the page's last entry so far ends on


def page_starts(lines: list[str]) -> list[int]:
    """Indices of the lines that start a page: 0, then the first line of each later page."""
    scan = _Scan()
    for i, line in enumerate(lines):
        start = _new_page_at(lines, i, scan)
        if start is not None:
            scan.starts.append(start)
            scan.phase, scan.has_text, scan.last_end = "header", False, -1
            if start == i and (glued := glued_pages(line)):
                line = glued[1]  # the new page's part of a line glued to the last page's end
        scan.phase = _next_phase(scan.phase, line)
        scan.has_text = scan.has_text or (bool(line) and line.lower() != _JUMP.lower())
        if scan.phase == "entries" and _ends_entry(line):
            scan.last_end = i
    return scan.starts


def _new_page_at(lines: list[str], i: int, scan: _Scan) -> int | None:
    """The first line of a page that line i shows to start, or None."""
    line, low = lines[i], lines[i].lower()
    if (glued := glued_pages(line)) and (i > 0 or _ends_a_page(glued[0])):
        return i
    if low == _JUMP.lower():
        return i if scan.has_text else None
    if scan.phase == "ended":
        return i if line and low not in _TRAILING else None
    if scan.phase == "entries" and low in HEADINGS:
        return _named_header_start(lines, i, scan)
    return None


def _next_phase(phase: str, line: str) -> str:
    """How far into its page the scan is after this line."""
    low = line.lower()
    if not line or phase == "ended":
        return phase
    if low in END_OF_LIST:
        return "ended"
    if is_abstract_start(line):
        return "entries"
    if phase == "header":
        return "headings" if low in HEADINGS or SORT_OPTION.match(line) else phase
    if phase == "headings" and not is_chrome(line):
        return "entries"
    return phase


def _named_header_start(lines: list[str], heading: int, scan: _Scan) -> int | None:
    """The first line of a header whose headings start at `heading`: the line after the last
    entry's end, when a name is between them. None for a section heading of the same page."""
    end = scan.last_end
    if end < max(0, heading - _HEADER_LINES) or find_owner(lines[end + 1 : heading]) is None:
        return None
    return end + 1


def _ends_entry(line: str) -> bool:
    """The last line of an entry: its abstract's end (or start, when cut off), its venue/year
    line, or the end-of-list marker. A bio sentence with a year (`… since 2019.`) is no venue:
    venue lines on these pages do not end with a full stop."""
    low = line.lower()
    if is_abstract_start(line) or low.endswith(_DETAILS) or low in END_OF_LIST:
        return True
    return is_venue(line) and not line.endswith(".")


def page_end(part: PagePart) -> int:
    """The index after the last of the input's lines the page holds."""
    return part.offset + len(part.lines) - part.glued


def moved(record: Record, line_offset: int, index_offset: int) -> Record:
    """A page's record with the line and index it has in the whole input."""
    source = record.source
    line = source.line + line_offset if source.line else None
    return replace(record, source=replace(source, line=line, index=source.index + index_offset))


def page_problem(problem: Problem, part: PagePart, number: int) -> Problem:
    """A page's problem at its line in the whole input; one about the page names which."""
    first_line = part.offset + next((k for k, line in enumerate(part.lines) if line), 0) + 1
    if problem.kind == "no-entries":
        message = f"no publication entries found in page {number} of this input"
        return replace(problem, line=first_line, message=message)
    if problem.kind == "no-owner" and number > 1:
        message = (
            f"no page owner found in the header of page {number} of this input; give that page"
            " as a file of its own, with --owner FILE=NAME"
        )
        return replace(problem, line=first_line, message=message)
    return replace(problem, line=problem.line + part.offset if problem.line else None)
