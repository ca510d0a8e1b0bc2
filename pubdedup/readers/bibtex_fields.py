"""A BibTeX entry's fields as the reader keeps them: raw values resolved (`@string` macros, `#`,
enclosing braces and quotes), biblatex's names and title parts in the form other sources write
them, what a `crossref` lends, and how a field kept beside the compared ones is held
(`Record.extra`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from pubdedup.bibedit import braces_pair
from pubdedup.keywords import joined_keywords, outside_braces
from pubdedup.model import PASSED
from pubdedup.normalize import match_text
from pubdedup.readers.latex import latex_to_text, one_brace_group, url_unescaped

# Values LaTeX reads verbatim (\url): decoding would turn `~` and `%20` into other text.
_VERBATIM = frozenset(("url", "urldate", "file", "doi"))


def extra_value(name: str, value: str) -> str:
    """A field kept beside the compared ones: the fields passed to the output as text, others
    (and URLs) as written; a URL without the braces a source wrapped it in (`"{http://…}"`),
    which biblatex would make part of the link (`%7Bhttp://…%7D`); and a URL without the
    escapes an export wrote into it (DBLP's `\\_`, Mendeley's `{\\_}`), which no URL holds."""
    if name in _VERBATIM:
        value = value[1:-1].strip() if one_brace_group(value) else value
        return url_unescaped(value) if name == "url" else value
    if name == "keywords":
        return _keywords(value)
    return latex_to_text(value) if name in PASSED else value


def _keywords(value: str) -> str:
    """A `keywords` value as held (`pubdedup.keywords`): most as the text they are; a list
    separated by semicolons (`Neoplasms, Second Primary; Humans`, which biber would split at
    the comma and read `Second Primary; Humans` as one keyword) at them, and a list with a
    braced term holding a comma (`{Neoplasms, Second Primary}, Humans`) at its other commas."""
    terms = outside_braces(value, ";")
    if len(terms) == 1:
        terms = outside_braces(value, ",")
        if not any("," in term for term in terms):  # nearly every list
            return latex_to_text(value)
    return joined_keywords([[latex_to_text(term) for term in terms if term]])


# biblatex's names of fields BibTeX names otherwise (biber reads either): kept under the BibTeX
# name, so that `location = {Berlin}` and another source's `address = {Berlin}` are one field.
# Where an entry gives both, the BibTeX name's value is kept.
BIBLATEX_NAMES = {"location": "address", "annotation": "annote", "eprintclass": "primaryclass"}

# biblatex's parts of a title, which other sources write in the title itself: `title = {Foo},
# subtitle = {Bar}` is the paper `Foo: Bar`. Each part joins its title as most styles print it
# (a subtitle after a colon, an addon after a full stop). `journal` is BibTeX's `journaltitle`.
TITLE_PARTS = {
    "title": (("subtitle", ": "), ("titleaddon", ". ")),
    "booktitle": (("booksubtitle", ": "), ("booktitleaddon", ". ")),
    "maintitle": (("mainsubtitle", ": "), ("maintitleaddon", ". ")),
    "journaltitle": (("journalsubtitle", ": "), ("journaltitleaddon", ". ")),
    "issuetitle": (("issuesubtitle", ": "), ("issuetitleaddon", ". ")),
}
_PART_NAMES = frozenset(part for parts in TITLE_PARTS.values() for part, _ in parts)
_READ_APART = _PART_NAMES | frozenset(BIBLATEX_NAMES)


def biblatex_read(values: dict[str, str]) -> dict[str, str]:
    """An entry's raw values with biblatex's names as BibTeX's and its title parts joined to
    their titles (raw LaTeX: a braced word of a subtitle stays braced). The parts and names
    read so are no fields of their own any more: written, they would repeat a value."""
    if _READ_APART.isdisjoint(values):  # nearly every entry
        return values
    values = dict(values)
    for name, bibtex in BIBLATEX_NAMES.items():
        if name in values:
            values.setdefault(bibtex, values[name])
            del values[name]
    for title, parts in TITLE_PARTS.items():
        if title == "journaltitle" and "journal" in values and "journaltitle" not in values:
            title = "journal"
        for part, joint in parts:
            text = values.get(part, "").strip()
            # A part read from a broken entry (a brace that pairs with none, a value cut short
            # where a quote ended it early) would spoil its title: it stays a field of its own.
            if _broken(text):
                continue
            values.pop(part, None)
            if text:
                values[title] = _joined(values.get(title, ""), text, joint)
    return values


def _broken(part: str) -> bool:
    """Whether a title part's braces pair with none, as LaTeX or as its text: the writer keeps
    a broken part's braces as text (`\\textbraceleft{}`), and joined to its title when read
    back, the part left its field on a second run over the output."""
    return not braces_pair(part) or ("\\" in part and not braces_pair(latex_to_text(part)))


def _joined(title: str, part: str, joint: str) -> str:
    """A title with one of its parts, unless it ends with that part already (a source that
    wrote both `title = {Foo: Bar}` and `subtitle = {Bar}`, or a crossref's title lent twice)."""
    title = title.rstrip()
    if not title:
        return part
    words, ending = match_text(latex_to_text(title)).split(), match_text(latex_to_text(part))
    if ending and words[-len(ending.split()) :] == ending.split():
        return title
    # `Why X? A Study`, `Foo (Extended Abstract)`: no second mark after one the text has.
    if title[-1] in ".:;?!" or part[0] in "([":
        joint = " "
    return title + joint + part


# What a crossref does not lend: what biblatex's defaults keep back (a title's parts, which are
# the parent's title's, lent as the child's `booktitle`; other forms of that title; fields
# naming other entries or the parent's own labels), and the identifiers and addresses of the
# parent as one work (`doi`, `url`, `eprint`, PubMed's ids). A proceedings' DOI is no paper's:
# lent to each of its papers, it vetoed the paper's own copy from DBLP, whose DOI differs, and
# made a maybe of every paper with the proceedings. Its ISBN, ISSN and publisher are the
# paper's book's, as styles print them for a chapter: those are lent.
_NOT_INHERITED = frozenset(
    (
        *_PART_NAMES,
        *("shorttitle", "sorttitle", "indextitle", "indexsorttitle"),
        *("ids", "crossref", "xref", "xdata", "entryset", "related", "label", "shorthand"),
        "sortkey",
        *("doi", "url", "urldate", "eprint", "eprinttype", "archiveprefix", "primaryclass"),
        *("eprintclass", "pmid", "pmcid"),
    )
)
# The parent's title parts, lent with its title: as the child's booktitle's parts.
_BOOK_PARTS = (("subtitle", "booksubtitle"), ("titleaddon", "booktitleaddon"))


def with_crossref(
    values: dict[str, str], by_key: Mapping[str, Mapping[str, str]]
) -> dict[str, str]:
    """Fields missing from an entry, taken from the entry its `crossref` names."""
    named = values.get("crossref", "").lower()
    # No crossref names no parent: an entry with an empty key (`@misc{,`) lent its fields to
    # every entry of the file.
    parent = by_key.get(named) if named else None
    if not parent:
        return values
    merged = dict(values)
    if "booktitle" not in merged and parent.get("title"):
        merged["booktitle"] = parent["title"]
        for part, book_part in _BOOK_PARTS:
            if parent.get(part):
                merged.setdefault(book_part, parent[part])
    for name, value in parent.items():
        if name not in _NOT_INHERITED:
            merged.setdefault(name, value)
    return merged


# An issue as a number: `6`, `3-4`, `Suppl 2`, `S1`; not biblatex's name of a special issue.
_ISSUE_NUMBER = re.compile(r"^(?:suppl\.?\s*|s)?\d+[a-z]?(?:\s*[-/]\s*\d+)?$", re.IGNORECASE)


def issue_number(issue: str | None) -> str | None:
    """An entry's `issue` when it is a number: many exports and hand-kept files write the
    issue's number so (biblatex's `issue` names a special issue, `Spring`: kept as it is)."""
    issue = (issue or "").strip()
    return issue if _ISSUE_NUMBER.match(issue) else None


def split_concatenation(value: str) -> list[str]:
    """Split a raw value at `#` outside braces and quotes."""
    if "#" not in value:  # nearly every value: no need to walk it character by character
        return [value.strip()]
    pieces, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(value):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            pieces.append(value[start:i])
            start = i + 1
    pieces.append(value[start:])
    return [p.strip() for p in pieces]


def resolve_value(raw: str, macros: dict[str, str]) -> tuple[str, list[str]]:
    """A raw field value with macros, `#` and outer enclosing resolved; and undefined macros."""
    parts, undefined = [], []
    for piece in split_concatenation(raw):
        if len(piece) >= 2 and piece[0] + piece[-1] in ("{}", '""'):
            parts.append(piece[1:-1])
        elif piece.isdigit() or not piece:
            parts.append(piece)
        elif piece.lower() in macros:
            parts.append(macros[piece.lower()])
        else:
            undefined.append(piece)
            parts.append(piece)
    return "".join(parts), undefined
