"""A page's lines after its header grouped into entries: a title, its name lines and venue line,
and an abstract, or an abstract alone; an entry that runs into the next one split."""

from __future__ import annotations

from dataclasses import dataclass, field

from pubdedup.names import PARTICLES
from pubdedup.readers.page_lines import (
    ABSTRACT_END,
    ABSTRACT_START,
    END_OF_LIST,
    NAME_WORD,
    is_abstract_start,
    is_chrome,
    is_person_name,
    is_venue,
)


@dataclass(slots=True)
class Entry:
    """One entry of a page as read: its title, name and venue lines, and its abstract."""

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


def opens_titled_entry(lines: list[str], i: int) -> bool:
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
        titled = opens_titled_entry(lines, j) and is_person_name(lines[j + 1])
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


def scan_entries(lines: list[str], start: int) -> list[Entry]:
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
    entries: list[Entry] = field(default_factory=list)
    pending: Entry | None = None
    closed: bool = False  # the pending entry already has its venue line

    def close(self) -> None:
        """The pending entry is done."""
        if self.pending is not None:
            self.entries.append(self.pending)
        self.pending, self.closed = None, False

    def abstract_at(self, i: int) -> int:
        """The abstract starting at line i ends the pending entry (or is one of its own);
        returns the index after it."""
        entry = self.pending or Entry(line=i + 1)
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
            self.pending = Entry(line=i + 1)
            self.pending.add(line)
            return
        if not is_venue(line) and self.pending.first_of.get(line, 0) > 0:  # a name again
            ended = _split_at_repeated_name(self.pending, line, self.lines)
            if ended is not None:
                self.entries.append(ended)
        self.pending.add(line)
        self.closed = is_venue(line)


def _split_at_repeated_name(entry: Entry, name: str, lines: list[str]) -> Entry | None:
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
    ended = Entry(line=entry.line, meta=entry.meta[:title], ended_before=entry.meta[title])
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


def _one_word_author(lines: list[str], i: int, pending: Entry | None) -> bool:
    """A one-word author (`Prabhat`, `Google`) inside an open entry, followed by another
    author or the venue/year line. Every titled entry on these pages has an author line (the
    page shows its co-authors) before the venue, so the line cannot be a title of its own."""
    if pending is None or not is_author(lines[i]) or len(lines[i]) > 40:
        return False
    later = (lines[k] for k in range(i + 1, len(lines)))  # lazily: no copy of the rest
    following = next((ln for ln in later if ln and not is_chrome(ln)), "")
    return is_author(following) or is_venue(following)


def is_author(line: str) -> bool:
    """A name line: a person's name, or one capitalised word (`Prabhat`, `Google`)."""
    if is_person_name(line):
        return True
    one_word = bool(NAME_WORD.match(line)) and line[:1].isupper()
    return one_word and not any(ch.isdigit() for ch in line)
