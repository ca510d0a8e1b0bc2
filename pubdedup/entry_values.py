"""A library entry's values as a person wrote them, and which of them are pubdedup's own
stand-ins (an `[Untitled] ...` title, an abstract noted as cut off, pubdedup's notes).
"""

from __future__ import annotations

import re

from pubdedup.bibedit import field_value
from pubdedup.model import UNTITLED
from pubdedup.writers.bibtex import INFERRED_NOTE, NO_TITLE_NOTE, TRUNCATED_NOTE

OUR_NOTES = frozenset((INFERRED_NOTE, NO_TITLE_NOTE, TRUNCATED_NOTE))
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


def without_our_notes(note: str) -> str:
    """A note without pubdedup's own notes and the separators they leave."""
    for ours in OUR_NOTES:
        note = re.sub(rf"\s*;?\s*{re.escape(ours)}", "", note)
    return note.strip().strip(";").strip()


def braced(value: str | None) -> str | None:
    """A simple field value without its outer braces or quotes (None for macros and `#`)."""
    if value is None:
        return None
    if len(value) >= 2 and (value[0], value[-1]) in (("{", "}"), ('"', '"')):
        return value[1:-1]
    return None
