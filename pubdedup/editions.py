"""A book's edition as a number, from its `edition` field or its title: the second and third
editions of one book are two publications (other year, pages, often content) of one work."""

from __future__ import annotations

import re

from pubdedup.model import Record
from pubdedup.normalize import match_text

_ORDINALS = {
    word: str(n)
    for n, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
        " thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
        " twentieth".split(),
        start=1,
    )
}
_ORDINAL_WORD = "|".join(_ORDINALS)
# `Second`, `2nd`, `2`, `2. Auflage`, `Fifth revised`, `Version 3.1.`, `Release 3.0., personal`
# (`Twenty-third` is none of these: no `third`.)
_IN_FIELD = re.compile(rf"(?<![\w.-])(?:(\d+(?:\.\d+)*)(?:st|nd|rd|th)?\b|({_ORDINAL_WORD})\b)")
# A title naming its edition: `… , 2nd edition`, `… (Third Edition)`, `… 3rd ed.`
_IN_TITLE = re.compile(rf"\b(?:(\d+)(?:st|nd|rd|th)?|({_ORDINAL_WORD}))\s+(?:ed|edition)\b")


_BRACKETS = re.compile(r"[{}\[\]]")  # `{2nd}`, `[Version] 1.05.`


def edition_of(record: Record, title: str | None = None) -> str | None:
    """The record's edition as a number (`2`, `3.1`), from its `edition` field, else the
    title of a book (or a record of no type); None when it names none, or none by number
    (`Revised`, `Student`). `title`: the title's `match_text`, where the caller has it."""
    if record.extra:
        written = next((v for k, v in record.extra if k.lower() == "edition"), None)
        if written:
            return _first_number(_IN_FIELD, _BRACKETS.sub("", written.lower()))
    if not record.title or record.entry_type in _PAPER_TYPES:
        return None
    text = match_text(record.title) if title is None else title
    if " ed" not in text:  # most titles: one scan in C, no pattern
        return None
    return _first_number(_IN_TITLE, text)


# A paper's title naming an edition names its meeting's (`Overview of the 3rd Edition of the
# … Task`), not the paper's: two such overviews are two works, not two versions of one.
_PAPER_TYPES = frozenset(("article", "inproceedings", "conference", "incollection", "inbook"))


def _first_number(pattern: re.Pattern[str], text: str) -> str | None:
    return next(filter(None, map(_number, pattern.finditer(text))), None)


def _number(found: re.Match[str]) -> str | None:
    digits, word = found.groups()
    if word:
        return _ORDINALS[word]
    if _YEAR.fullmatch(digits):  # `2005`, `2005, 2nd`: a year, when, not which, edition
        return None
    return re.sub(r"(?:\.0+)+$", "", digits)  # `Version 1.0.` is `Version 1.`


_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")
