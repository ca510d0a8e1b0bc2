"""A library entry's values as a person wrote them: which are pubdedup's own stand-ins, and
what an entry takes from another entry of the same paper when the two become one.

Values stay as written (braces, quotes, macros), so that what moves between entries is what a
person typed; they are compared as text, with case, braces, accents and punctuation aside.
"""

from __future__ import annotations

import re

from pubdedup.bibedit import field_spans, field_value
from pubdedup.features import SOURCES_FIELD
from pubdedup.model import TRUNCATED_NOTE, UNTITLED
from pubdedup.names import name_key, same_person
from pubdedup.normalize import match_text
from pubdedup.readers.bibtex_fields import BIBLATEX_NAMES, resolve_value
from pubdedup.readers.latex import latex_to_text
from pubdedup.readers.people import split_bibtex_authors
from pubdedup.writers.bibtex import (
    INFERRED_NOTE,
    NO_TITLE_NOTE,
    OUR_NOTES,
    without_our_notes,
)

# A field the paper has counts as present when the entry has it under any of these names.
SAME_FIELD = {
    "journal": "venue",
    "journaltitle": "venue",
    "booktitle": "venue",
    "howpublished": "venue",
    "institution": "venue",
    "school": "venue",
    "publisher": "venue",
    "organization": "venue",
    "eprint": "eprint",
    "arxiv": "eprint",
    "arxivid": "eprint",
    "archiveprefix": "eprinttype",
    "eprinttype": "eprinttype",
    "date": "year",
    # biblatex's names of BibTeX's fields, which the reader reads as BibTeX's (BIBLATEX_NAMES)
    **BIBLATEX_NAMES,
}


def placeholder(ours: frozenset[str], raw: str) -> bool:
    """The entry's title is still pubdedup's stand-in (`[Untitled] …`), as our note says: not
    when a person has written a title over it and left the note."""
    title = braced(field_value(raw, "title")) or ""
    noted = INFERRED_NOTE in ours or NO_TITLE_NOTE in ours
    return noted and title.lstrip("{").startswith(UNTITLED)


def our_notes(note: str | None) -> frozenset[str]:
    """Which of pubdedup's own notes a note field holds."""
    return frozenset(ours for ours in OUR_NOTES if note and ours in note)


def braced(value: str | None) -> str | None:
    """A simple field value without its outer braces or quotes (None for macros and `#`)."""
    if value is None:
        return None
    if len(value) >= 2 and (value[0], value[-1]) in (("{", "}"), ('"', '"')):
        return value[1:-1]
    return None


# Names of one slot when an entry takes what it lacks from another entry: its venue, its year,
# its arXiv id. (A publisher or an organization stands beside a journal or a booktitle.)
_SAME_SLOT = {k: v for k, v in SAME_FIELD.items() if k not in ("publisher", "organization")}
# Brought up to date by the update itself, from every entry merged.
_MERGED_BY_UPDATE = frozenset(("ids", SOURCES_FIELD))


def fields_to_take(raw: str, other: str) -> tuple[dict[str, str], dict[str, str]]:
    """Raw values of `other` for the fields `raw` lacks, and those it has otherwise. pubdedup's
    stand-ins (an `[Untitled]` title, a cut abstract, its notes) count as no value."""
    mine = {_SAME_SLOT.get(s.name, s.name): s.name for s in field_spans(raw)}
    written = _written(raw)
    taken, dropped = {}, {}
    for name, value in _written(other).items():
        have = mine.get(_SAME_SLOT.get(name, name))
        current = written.get(have) if have else None
        if current is None:
            taken[have or name] = _with_our_notes(value, raw) if name == "note" else value
        elif not values_agree(name, current, value):
            dropped[name] = value
    return taken, dropped


def _written(raw: str) -> dict[str, str]:
    """An entry's fields as written, without pubdedup's stand-ins and its own bookkeeping."""
    ours = our_notes(braced(field_value(raw, "note")))
    values = {}
    for span in field_spans(raw):
        value = raw[span.value_start : span.end]
        if span.name in _MERGED_BY_UPDATE or span.name in values:
            continue
        if span.name == "note" and braced(value) is not None:
            person = without_our_notes(braced(value) or "")
            value = "{" + person + "}" if person else ""
        if span.name == "title" and placeholder(ours, raw):
            continue
        if span.name == "abstract" and TRUNCATED_NOTE in ours:
            continue
        if value:
            values[span.name] = value
    return values


def _with_our_notes(note: str, raw: str) -> str:
    """A person's note taken from another entry, followed by the notes of ours `raw` has, which
    the update then keeps or drops."""
    ours = [n for n in OUR_NOTES if n in our_notes(braced(field_value(raw, "note")))]
    if not ours or braced(note) is None:
        return note
    return "{" + "; ".join([braced(note) or "", *sorted(ours)]) + "}"


def values_agree(name: str, mine: str, other: str) -> bool:
    """Two written values say the same: alike as text (case, braces, accents, punctuation aside);
    a list of people naming no one `mine` lacks; a date of the same year."""
    if name in ("author", "editor"):
        people = [name_key(latex_to_text(a)) for a in split_bibtex_authors(_plain(mine))]
        named = (a for a in split_bibtex_authors(_plain(other)) if a.lower() != "others")
        others = [name_key(latex_to_text(a)) for a in named]  # `and others` names no one
        return all(any(same_person(o, p) for p in people) for o in others)
    if _SAME_SLOT.get(name) == "year":
        return _YEAR.findall(_plain(mine))[:1] == _YEAR.findall(_plain(other))[:1]
    return match_text(latex_to_text(_plain(mine))) == match_text(latex_to_text(_plain(other)))


_YEAR = re.compile(r"\d{4}")


def _plain(value: str) -> str:
    """A raw value's text: enclosing braces or quotes off, `#` parts joined, macros as named."""
    return resolve_value(value, {})[0]
