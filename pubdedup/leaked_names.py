"""A citation string split one name too early: the last author's rest starts the title.

Citation parsers cut `… and Y. Mansour (1996). Applying the weak learning framework …` after
`Y.`, so the author list ends in a bare initial and the title starts `mansour (1996).`; or
after a surname, `…; and Simard,` / `Patrice 1993. Improving performance …`. The record then
names a person no copy names (`Y.`) and its title starts with a word no copy's has. Here the two
halves are put together again, for matching: the name completed, the title without it, and
the year the fragment gave.

Only a list whose last name is incomplete (initials alone, or a surname alone after names
that have given names) is repaired, and only by a title opening with a short name and a year
(`mansour (1996).`, `patrice 1993.`) or, after a lone surname, with initials (`w.s.: …`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_INITIALS = r"(?:[a-z]\.\s?-?){1,3}"  # dotted: `w.s.`, `m. k.`
_LONE_INITIALS = re.compile(rf"^(?:{_INITIALS}|[a-z])$", re.IGNORECASE)  # or one letter, `w`
_LONE_SURNAME = re.compile(r"^[^\W\d_][^\W\d_'-]+$")  # one word, no initials
# A name of one to three words, at most 30 characters, then its year: `mansour (1996).`,
# `patrice 1993.`, `bartlett & w.s. lee (1997),`.
# A bare year ends with a full stop or comma: `Vision 2020: a roadmap` is a title.
_NAME_AND_YEAR = re.compile(
    r"^(?P<name>[^\W\d_][\w.' &-]{0,29}?)\s*"
    r"(?:\((?P<y1>(?:19|20)\d\d)[a-z]?\)\s*[.,:]|(?P<y2>(?:19|20)\d\d)[a-z]?[.,])\s+(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
# Initials set off from the title by a colon, `w.s.: boosting …`, or two or three of them by a
# space, `w.s. boosting …`; not `S.A.PR.I.S.T.I.`. One initial and a space starts a species'
# name as often (`E. coli infections in …`, `C. elegans …`): no name is read from it.
_LEADING_INITIALS = re.compile(
    r"^(?:(?P<name>(?:[a-z]\.[ -]?){0,2}[a-z]\.):\s*|(?P<spaced>(?:[a-z]\.[ -]?){1,2}[a-z]\.)\s+)"
    r"(?P<rest>[^\W\d_].*)$",
    re.IGNORECASE | re.DOTALL,
)
# Dotted letters that start titles, not a person's initials: `U.S. health care spending`.
_TITLE_ABBREVIATIONS = frozenset(("u.s.", "u.k.", "e.g.", "i.e.", "u.n.", "e.u.", "d.c.", "a.d."))
_JOINED = re.compile(r"\s*(?:&|\band\b)\s*", re.IGNORECASE)


class Rejoined(NamedTuple):
    """The repaired author list, title and the year the leaked fragment gave (if any)."""

    authors: tuple[str, ...]
    title: str
    year: int | None


def rejoin_leaked_name(authors: tuple[str, ...], title: str | None) -> Rejoined | None:
    """The authors and title of a citation split inside its last name, put together; None
    when the record shows no such split (nearly every record)."""
    if not authors or not title or len(title) < 12:
        return None
    last = authors[-1].strip().rstrip(",;")
    initials_only = bool(_LONE_INITIALS.match(last))
    surname_only = not initials_only and _lone_surname_among_full_names(authors)
    if not (initials_only or surname_only):
        return None
    found = _NAME_AND_YEAR.match(title.strip())
    year = None
    if found:
        names = [n for n in _JOINED.split(found["name"].strip()) if n]
        year = int(found["y1"] or found["y2"])
    elif surname_only and (found := _LEADING_INITIALS.match(title.strip())):
        names = [(found["name"] or found["spaced"]).strip()]
        if names[0].lower().replace(" ", "") in _TITLE_ABBREVIATIONS:
            return None
    else:
        return None
    if not names or len(names[0].split()) > 3:
        return None
    # Initials with the surname that follows them; a surname with the given names after it.
    first = f"{last} {names[0]}" if initials_only else f"{names[0]} {last}"
    return Rejoined((*authors[:-1], first, *names[1:]), found["rest"].strip(), year)


def _lone_surname_among_full_names(authors: tuple[str, ...]) -> bool:
    """The last name is one word without initials, while the names before it have given
    names: `Drucker, Harris; Schapire, Robert; and Simard`."""
    if len(authors) < 2 or not _LONE_SURNAME.match(authors[-1].strip().rstrip(",;")):
        return False
    return all(len(name.replace(",", " ").split()) >= 2 for name in authors[:-1])
