"""Reader for plain-text dumps of Google Research people pages, as a browser shows them.

A dump has a header (name, bio, links, section headings, sort options) and then entries. An entry
is either an abstract alone (`Preview abstract … View details`), or a title line, author lines and
a venue/year line, optionally followed by its abstract. Copies saved incompletely cut an abstract
off mid-word: such entries are kept and flagged as truncated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pubdedup.model import Problem, ReadResult, Record, Source
from pubdedup.names import PARTICLES
from pubdedup.normalize import clean_line
from pubdedup.readers.page_abstracts import abstract_read_as_title, open_bare_abstracts
from pubdedup.readers.page_lines import (
    ABSTRACT_END,
    ABSTRACT_START,
    END_OF_LIST,
    HEADINGS,
    NAME_WORD,
    SORT_OPTION,
    find_owner,
    is_abstract_start,
    is_chrome,
    is_person_name,
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


@dataclass(slots=True)
class _Entry:
    line: int
    meta: list[str] = field(default_factory=list)
    abstract: str | None = None
    truncated: bool = False
    # No venue line: the entry ended where a name of it came again; the next entry's title.
    ended_before: str | None = None
    # For that split, kept as lines are added (a list of thousands of authors stays linear):
    first_of: dict[str, int] = field(default_factory=dict)  # line -> where it first appears
    title_like: list[int] = field(default_factory=list)  # lines of TITLE_WORDS full words +

    def add(self, line: str) -> None:
        self.first_of.setdefault(line, len(self.meta))
        if line.count(" ") >= TITLE_WORDS - 1 and _full_words(line) >= TITLE_WORDS:
            self.title_like.append(len(self.meta))
        self.meta.append(line)


TITLE_WORDS = 5  # full words a line needs to be taken for a title among names (`Maria
# Fernanda Garcia Lopez` has four)


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
        if lines[i] and not is_chrome(lines[i]) and _opens_titled_entry(lines, i):
            return i
    return limit


def _opens_titled_entry(lines: list[str], i: int) -> bool:
    """Line i is followed by name lines and then a venue line or an abstract."""
    j = i + 1
    while j < len(lines) and is_person_name(lines[j]):
        j += 1
    if j >= len(lines):
        return False
    return is_abstract_start(lines[j]) or (j > i + 1 and is_venue(lines[j]))


def _collect_abstract(lines: list[str], i: int) -> tuple[str, bool, int]:
    """Read an abstract starting at line i: (text, complete, index after it)."""
    parts: list[str] = []
    text = ABSTRACT_START.sub("", lines[i], count=1)
    j = i
    while True:
        if ABSTRACT_END.search(text) or text.lower() == "view details":
            parts.append(ABSTRACT_END.sub("", text) if text.lower() != "view details" else "")
            return _join(parts), True, j + 1
        parts.append(text)
        j += 1
        if j >= len(lines) or is_abstract_start(lines[j]) or lines[j].lower() in END_OF_LIST:
            return _join(parts), False, j
        titled = _opens_titled_entry(lines, j) and is_person_name(lines[j + 1])
        if titled and not lines[j].endswith("."):
            # A cut-off abstract is followed by a titled entry (title, names, venue): it ends
            # here. Without this the entry was read as part of the abstract and lost (found by
            # a property test). At least one name line is required: an abstract's own next
            # line followed by a line with a year would otherwise end it too early. A line
            # ending a sentence is the abstract's own, followed by its cut-off end (`Scaling
            # P`, which reads as a name): titles on these pages end without a full stop.
            return _join(parts), False, j
        text = lines[j]


def _join(parts: list[str]) -> str:
    """Join abstract lines; a word hyphenated at a line end is joined without a space."""
    out = ""
    for part in (p for p in parts if p):
        if out.endswith("-") and out[-2:-1].isalpha() and part[:1].islower():
            out += part
        else:
            out = f"{out} {part}" if out else part
    return out.strip()


def _scan_entries(lines: list[str], start: int) -> list[_Entry]:
    """Group the lines after the header into entries."""
    scan = _Scan(lines)
    i = start
    while i < len(lines):
        line = lines[i]
        if is_abstract_start(line):
            i = scan.abstract_at(i)
            continue
        if scan.pending is not None and line.lower() == "view details":
            # A titled entry shown without its abstract ends at its link: a `Preview abstract`
            # after it is the next entry's (it was read as this one's, and that entry lost).
            scan.close()
        if line and not is_chrome(line):
            scan.add(i)
        i += 1
    scan.close()
    return scan.entries


@dataclass(slots=True)
class _Scan:
    """The entries read so far, and the one still being read."""

    lines: list[str]
    entries: list[_Entry] = field(default_factory=list)
    pending: _Entry | None = None
    closed: bool = False  # the pending entry already has its venue line

    def close(self) -> None:
        """The pending entry is done."""
        if self.pending is not None:
            self.entries.append(self.pending)
        self.pending, self.closed = None, False

    def abstract_at(self, i: int) -> int:
        """The abstract starting at line i ends the pending entry (or is one of its own);
        returns the index after it."""
        entry = self.pending or _Entry(line=i + 1)
        entry.abstract, complete, after = _collect_abstract(self.lines, i)
        entry.truncated = not complete
        self.pending = entry
        self.close()
        return after

    def add(self, i: int) -> None:
        """Line i: a title starting an entry, or a name or venue line of the pending one."""
        line = self.lines[i]
        names = (
            is_person_name(line) or is_venue(line) or _one_word_author(self.lines, i, self.pending)
        )
        if self.pending is None or self.closed or not names:
            self.close()
            self.pending = _Entry(line=i + 1)
            self.pending.add(line)
            return
        if not is_venue(line) and self.pending.first_of.get(line, 0) > 0:  # a name again
            ended = _split_at_repeated_name(self.pending, line, self.lines)
            if ended is not None:
                self.entries.append(ended)
        self.pending.add(line)
        self.closed = is_venue(line)


def _split_at_repeated_name(entry: _Entry, name: str, lines: list[str]) -> _Entry | None:
    """An entry whose author list names someone twice may be two entries, the first without
    its venue line: the second's title, read as a name (Title Case words), is among the lines
    after the name's first appearance. Only a line of TITLE_WORDS full words or more is taken
    for the title (names have two to four; two people of one name, `Wei Wang`, do write one
    list). `entry` keeps the second entry's lines; the first is returned, or None."""
    first = entry.first_of[name]
    after = [k for k in entry.title_like if k > first]
    if not after:
        return None
    title = max(after, key=lambda k: (_full_words(entry.meta[k]), -k))
    ended = _Entry(line=entry.line, meta=entry.meta[:title], ended_before=entry.meta[title])
    rest = entry.meta[title:]
    entry.line = _line_number(lines, rest[0], entry.line)
    entry.meta, entry.first_of, entry.title_like = [], {}, []
    for line in rest:
        entry.add(line)
    return ended


def _full_words(line: str) -> int:
    """Words of a line that are no initial (`S.`), particle (`de`) or nickname (`(Derek)`):
    a person's name has two or three, a title in Title Case often more."""
    return sum(
        1
        for word in line.split()
        if len(word) > 1 and not word.endswith(".") and word[0] != "(" and word not in PARTICLES
    )


def _line_number(lines: list[str], text: str, after: int) -> int:
    """The 1-based number of the first line equal to `text` after line `after`."""
    return next((k + 1 for k in range(after, len(lines)) if lines[k] == text), after)


def _one_word_author(lines: list[str], i: int, pending: _Entry | None) -> bool:
    """A one-word author (`Prabhat`, `Google`) inside an open entry, followed by another
    author or the venue/year line. Every titled entry on these pages has an author line (the
    page shows its co-authors) before the venue, so the line cannot be a title of its own."""
    if pending is None or not _is_author(lines[i]) or len(lines[i]) > 40:
        return False
    later = (lines[k] for k in range(i + 1, len(lines)))  # lazily: no copy of the rest
    following = next((ln for ln in later if ln and not is_chrome(ln)), "")
    return _is_author(following) or is_venue(following)


def _is_author(line: str) -> bool:
    """A name line: a person's name, or one capitalised word (`Prabhat`, `Google`)."""
    if is_person_name(line):
        return True
    one_word = bool(NAME_WORD.match(line)) and line[:1].isupper()
    return one_word and not any(ch.isdigit() for ch in line)


def _is_open(entry: _Entry) -> bool:
    """A titled entry still waiting for its venue/year line or its abstract."""
    return bool(entry.meta) and entry.abstract is None and not any(map(is_venue, entry.meta[1:]))


def _cut_off_entry(entries: list[_Entry], ending: _Ending) -> tuple[_Entry | None, str | None]:
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
        return _Entry(line=last.line), last.meta[0]
    return last, last.meta.pop()


def _to_record(entry: _Entry, file: str, index: int, owner: str | None) -> Record:
    title, authors, venue, year = None, [], None, None
    if entry.meta:
        title = entry.meta[0]
        for line in entry.meta[1:]:
            if venue is None and year is None and not is_venue(line) and _is_author(line):
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
    if len(parts) == 1:
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
    entries = _scan_entries(lines, start)
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
    entry: _Entry, file: str, cut: _Entry | None, dropped: str | None
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
    result: ReadResult, file: str, entries: list[_Entry], cut: _Entry | None, dropped: str | None
) -> list[Problem]:
    """What is wrong with the page as a whole: a partial last line dropped, no entries."""
    problems = []
    if cut is not None and cut not in entries:
        message = f"the page ends mid-line: its last, partial line {dropped!r} dropped"
        problems.append(Problem(file, cut.line, "cut-off-entry", message))
    if not result.records:
        problems.append(Problem(file, None, "no-entries", "no publication entries found"))
    return problems


def _without_end_markers(entries: list[_Entry]) -> None:
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
