"""What a line of a people-page dump is: page furniture, a person's name, a venue/year line;
and an entry's title line that is one of the page's people.

Shared by the page reader and by the splitting of an input into the pages it holds.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pubdedup.model import Problem, ReadResult
from pubdedup.names import PARTICLES, name_key, same_person
from pubdedup.normalize import STOPWORDS

ABSTRACT_START = re.compile(r"^preview abstract\b[:\s]*", re.IGNORECASE)
ABSTRACT_END = re.compile(r"\s*\bview details\s*$", re.IGNORECASE)
HEADINGS = frozenset(
    [
        "authored publications",
        "google publications",
        "other publications",
        "publications",
        "sort by",
        "sort by:",
    ]
)
SORT_OPTION = re.compile(
    r"^[•·*\-–]?\s*(title|year)(,\s*(descending|desc|ascending|asc))?$", re.IGNORECASE
)
UI_LINES = frozenset(
    [
        "jump to content",
        "no results found",
        "load more",
        "show more",
        "view details",
        "personal webpage",
        "[homepage]",
        "homepage",
        "research areas",
        "preview abstract",
    ]
)
END_OF_LIST = frozenset({"no results found"})
# What text browsers and copies add before a line's text: a list bullet (`* `, `• `, as `lynx
# -dump`, `w3m -dump` and Firefox's "Save as text" mark list items), then a link number (lynx's
# `[12]View details`). A dash is left: an abstract's wrapped line may start with one.
_BULLETS = "[•◦▪‣*+]"
_BULLET = re.compile(rf"^{_BULLETS}\s+")
_LINK_NUMBER = re.compile(r"^\[\d+\](?=\S)")
_BUTTON = re.compile(r"^\[([^\[\]]+)\]")  # w3m shows a button as `[Preview abstract]`
_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
_TRAILING_YEAR = re.compile(r"\s*\((19\d{2}|20\d{2})\)\s*$")
_PARTICLE_WORDS = "|".join(sorted(PARTICLES))  # anchored: `del` does not stop `della`
NAME_WORD = re.compile(
    r"^(\(?[A-ZÀ-ÞĀ-ſ][\w'’.\-]*\)?"  # Capitalised word, maybe in parentheses
    r"|[A-Z]\."  # an initial
    rf"|({_PARTICLE_WORDS})"  # a lower-case surname particle
    r"|\([\w'’.\- ]+\))$"  # a nickname in parentheses: (Derek)
)


def tidy_line(line: str) -> str:
    """A line of a text browser's dump as the page shows it: `* [12]View details` -> `View
    details`, `[Preview abstract] We explore …` -> `Preview abstract We explore …`. Without
    this every wrapped line of a `lynx -dump` was read as an entry of its own."""
    line = _LINK_NUMBER.sub("", _BULLET.sub("", line))
    button = _BUTTON.match(line)
    if button and button[1].lower() in UI_LINES:
        line = button[1] + line[button.end() :]
    return line


# A text browser's dump wraps at 79-80 columns: a line this long may go on on the next one.
_WRAP_WIDTH = 70
_ITEM = re.compile(rf"^(\s*){_BULLETS}\s")  # a list item's first line: `     * [8]Title`


def unwrap_titles(lines: list[str]) -> list[str]:
    """Titles a text browser wrapped (`lynx -dump`, `w3m -dump`), each joined up again. A
    title is an entry's first line, a list item's; one filled to the width goes on on the next
    line, deeper than the bullet, which no author's or venue's line is like: it has a word such
    as `of`, `for`, `on` in lower case (`… Rendering of Large` / `Scenes on Mobile Devices`;
    read apart, that line was an author). The joined line is left blank, so that later lines
    keep their numbers. Only in a text of lines of 80 columns at most: a browser's copy has
    longer ones, and its lines are never wrapped."""
    if any(len(line) > 80 for line in lines):
        return lines
    out = list(lines)
    for i, line in enumerate(lines):
        item = _ITEM.match(line)
        if not item or "preview abstract" in line.lower():
            continue
        j = i
        while len(lines[j]) >= _WRAP_WIDTH and j + 1 < len(lines):
            if not _goes_on(lines[j + 1], len(item.group(1)), lines[j]):
                break
            out[i], out[j + 1] = out[i].rstrip() + " " + lines[j + 1].strip(), ""
            j += 1
    return out


def _goes_on(line: str, bullet_indent: int, before: str) -> bool:
    text = line.strip()
    if not text or _ITEM.match(line) or len(line) - len(line.lstrip()) <= bullet_indent:
        return False
    if is_venue(text) or is_abstract_start(text):
        return False
    lower = [w for w in text.split() if w in STOPWORDS and w not in PARTICLES]
    return bool(lower) or _cut_after_joining_word(before)


# Lower-case words no title ends with: a line filled to the width that ends in one was cut
# there, and its rest is the title's even when it reads as a name (`… Mixture of` / `Experts
# Routing`). Not `in`, `on`, `at`, `to`: a title in sentence case may end with one
# (`What are vision transformers looking at`).
_JOINING_WORDS = frozenset(
    "a an and the of for with from via by or nor into towards toward through between using".split()
)


def _cut_after_joining_word(line: str) -> bool:
    words = line.split()
    return bool(words) and words[-1] in _JOINING_WORDS


def is_person_name(line: str) -> bool:
    """Heuristic: a line that is a person's name (`Hsueh-Ti (Derek) Liu`, `J. Smith`)."""
    if len(line) > 60 or any(ch.isdigit() for ch in line) or any(c in line for c in ":;!?,"):
        return False
    words = re.sub(r"\(([^)]*)\)", lambda m: "(" + m.group(1).replace(" ", "_") + ")", line).split()
    return 2 <= len(words) <= 6 and all(NAME_WORD.match(w.replace("_", " ")) for w in words)


def parse_venue(line: str) -> tuple[str | None, int | None]:
    """Split a venue/year line: `arXiv (2019)` -> ("arXiv", 2019); `(2022)` -> (None, 2022)."""
    match = _TRAILING_YEAR.search(line)
    if match:
        venue = line[: match.start()].strip()
        return (venue or None), int(match.group(1))
    years = _YEAR.findall(line)
    return line, (int(years[-1]) if years else None)


def is_venue(line: str) -> bool:
    """A venue/year line (`arXiv (2019)`, `(2022)`): a year in it, and no person's name; not a
    site's copyright line (`© 2024 Google LLC`), which a copy of the whole page ends with."""
    if line.startswith(("©", "(c) ", "Copyright ")):
        return False
    return bool(_YEAR.search(line)) and not is_person_name(line)


def is_abstract_start(line: str) -> bool:
    """The line an abstract starts on: `Preview abstract …`."""
    return bool(ABSTRACT_START.match(line))


def is_chrome(line: str) -> bool:
    """Page furniture that is never part of an entry."""
    low = line.lower()
    return low in UI_LINES or low in HEADINGS or bool(SORT_OPTION.match(line))


def find_owner(header: list[str]) -> str | None:
    """The page owner: the name the header gives twice (the page's title and its heading), else
    its first name-like line. The site's own name (`Google Research`, `Google DeepMind`), which a
    copy of the whole page (select all, `lynx -dump`) has above the owner's from the site's
    logo, is none: it was taken for the owner and added as an author of every entry."""
    names = [ln for ln in header if ln and not is_chrome(ln) and is_person_name(ln)]
    names = [name for name in names if "google" not in name.lower().split()]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            return name
        seen.add(name)
    return names[0] if names else None


def names_read_as_titles(result: ReadResult) -> None:
    """An entry whose title line is missing reads its first author as the title (`Josip
    Djolonga`). A "title" naming the page's owner or a co-author of its entries is that
    person: read as the first author, and said (a title may look like a name: `Big Vision`)."""
    people = [name_key(a) for r in result.records for a in r.authors]
    people += [name_key(result.owner)] if result.owner else []
    for k, record in enumerate(result.records):
        if not record.title or not is_person_name(record.title):
            continue
        key = name_key(record.title)
        if any(same_person(key, name_key(a)) for a in record.authors):
            continue  # the entry names that person already: the line is no name of it
        if any(same_person(key, person) for person in people):
            authors = (record.title, *record.authors)
            result.records[k] = replace(record, title=None, authors=authors)
            message = (
                f"entry's title line {record.title!r} is the name of one of this page's people:"
                " read as its first author (its title line is missing)"
            )
            where = record.source
            result.problems.append(Problem(where.file, where.line, "name-as-title", message))
