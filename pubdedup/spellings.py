"""Of the copies of one value that differ only in case and accents, the best-kept form.

Web of Science folds accents and upper-cases (`Muller, Jurgen`, `JOURNAL OF MACHINE LEARNING
RESEARCH`), Google Scholar lower-cases titles: when such a copy is the same text as another's
but for its case and accents, the other's form keeps what the database lost. Mixed case first
(an ALL CAPS or all lower-case copy is plainly lost), then the most accents (marks on letters,
and letters a fold turns into others: `ü`, `ñ`, `ł`, `ß`). Values that differ otherwise are no
concern of this module: each field's own rule chooses among them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from pubdedup.normalize import fold_accents


@lru_cache(maxsize=1 << 16)  # a person's name is compared again for every list naming them
def twin_key(text: str) -> str:
    """The value with case and accents folded away (and its spaces collapsed)."""
    return " ".join(fold_accents(text).casefold().split())


def form_rank(text: str) -> tuple[bool, int]:
    """How much of its form a value keeps: mixed case, then its accented letters."""
    return _mixed_case(text), _accents(text)


def best_twin(
    chosen: str, values: Iterable[str], key: Callable[[str], tuple] = lambda v: (v,)
) -> str:
    """Of `chosen` and its twins among `values` (the same but for case and accents), the best
    kept form (`form_rank`), then the best by the field's own `key`; `chosen` itself when it
    has no twin. The result depends on the values alone, never on their order."""
    twins = {v for v in values if v != chosen and twin_key(v) == twin_key(chosen)}
    if not twins:  # most values: no other copy written differently
        return chosen
    return max((chosen, *twins), key=lambda v: (*form_rank(v), *key(v), v))


def with_accents_of(name: str, other: str) -> str:
    """The name with each word that is one of `other`'s folded (`Lopez` of `López`) written as
    `other` writes it: the fuller of two spellings of one person may be the folded one
    (`Lopez, Maria` beside `López, M.`), and the merge kept `Lopez, Maria`."""
    if other.isascii() or not name.isascii():  # nearly every pair: nothing to take
        return name
    accented = {fold_accents(w): w for w in _WORD.findall(other) if not w.isascii()}
    return _WORD.sub(lambda found: accented.get(found[0], found[0]), name) if accented else name


_WORD = re.compile(r"[^\s,.]+")


def _mixed_case(text: str) -> bool:
    """Upper- and lower-case letters both: neither ALL CAPS nor all lower case."""
    return text != text.upper() and text != text.lower()


def _accents(text: str) -> int:
    """The accents a value keeps: each mark on a letter (`ế` has two: `Hàn Thế Thành` keeps
    more than a copy's `Hán Thê Thánh`), each letter a fold turns into others (`ß`, `ø`, `ł`);
    not a ligature (`ﬁ`, a PDF's copy), which keeps no accent."""
    if text.isascii():
        return 0
    return sum(_marks(c) for c in text if not c.isascii())


@lru_cache(maxsize=4096)
def _marks(c: str) -> int:
    marks = sum(1 for m in unicodedata.normalize("NFD", c) if unicodedata.combining(m))
    if marks:
        return marks
    return int(fold_accents(c) != c and unicodedata.normalize("NFKC", c) == c)
