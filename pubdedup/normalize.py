"""Text normalisation shared by readers and the matcher.

Two levels: `clean_text` repairs what browsers and editors do to text (BOM, NBSP, CRLF, zero-width
characters) but keeps it readable; `match_text` reduces text to what matters for comparison
(lower case, no accents, no punctuation, hyphens joined so `ViT-22B` = `ViT22B`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)
# The dash of a page range however written: "12-15", "12--15" (BibTeX), "12 – 15". A match
# starts only where a run of spaces does: tried inside a long run with no dash after it, the
# leading `\s*` scanned the rest of the run from every space (40,000 spaces in a JSON input's
# pages took a minute to write).
PAGE_RANGE_DASH = re.compile(r"(?<!\s)\s*(?:-+|\u2013|\u2014)\s*")
# Also the separators str.split() treats as spaces (form feed, U+0085, U+2028…): a reader that
# keeps them inside a line must not pass them on into titles.
_SPACES = re.compile(
    r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+"
)
# What `_SPACES` changes: a run of two, or one that is not a plain space. Most text has none,
# and replacing each space with itself rebuilt the text.
_ODD_SPACES = re.compile(
    r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000\x0b\x0c\x1c-\x1f\x85\u2028\u2029]|  "
)
# Hyphens and dashes are removed, not spaced, so "ViT-22B" and "ViT22B" compare equal and a word
# hyphenated across a line break ("repre-\nsentation") joins up again.
_DASHES = re.compile(r"[\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_NON_WORD = re.compile(r"[\W_]+")  # the same for other scripts: CJK and Cyrillic letters stay
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2032": "'",
        "\u2033": '"',
    }
)

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "their",
        "these",
        "this",
        "to",
        "towards",
        "via",
        "was",
        "we",
        "were",
        "which",
        "with",
        "without",
    ]
)


def translated(text: str, table: Mapping[int, str | None], keys: re.Pattern) -> str:
    """`text.translate(table)`, where `keys` finds any character the table maps. Translating
    text that is not ASCII looks every character up in the table, in Python objects (about
    50 us for an abstract); most text holds none of the table's characters, found in C first."""
    return text.translate(table) if keys.search(text) else text


def _keys_of(table: Mapping[int, str | None]) -> re.Pattern:
    """A pattern finding any character `table` maps."""
    return re.compile("[" + "".join(re.escape(chr(k)) for k in table) + "]")


_INVISIBLE_KEYS = _keys_of(_INVISIBLE)


def clean_text(text: str) -> str:
    """Repair a text's characters (BOM, NBSP, CRLF, zero-width) but keep its wording and case."""
    if not text.isascii():  # the invisible characters are none of them ASCII
        text = translated(text, _INVISIBLE, _INVISIBLE_KEYS)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _SPACES.sub(" ", text) if _ODD_SPACES.search(text) else text


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """Text with halves of UTF-16 pairs (which no decoded file holds, but a JSON `\\ud800`
    escape or a caller's text may) as U+FFFD: they cannot be written out as UTF-8."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def clean_line(line: str) -> str:
    """`clean_text` for one line, with surrounding space removed."""
    return clean_text(line).strip()


# Latin letters Unicode does not decompose into a base letter and an accent: spelt as the
# people who bear them spell them in ASCII.
_NO_DECOMPOSITION = str.maketrans(
    {
        "ß": "ss", "ẞ": "SS", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d",
        "Ð": "D", "ð": "d", "Þ": "Th", "þ": "th", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe",
        "ı": "i", "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t",
    }
)  # fmt: skip


_UNDECOMPOSED = _keys_of(_NO_DECOMPOSITION)


def fold_accents(text: str) -> str:
    """`Lüdascher` -> `Ludascher`; `ß` -> `ss`, `Łącki` -> `Lacki`, `Ørsted` -> `Orsted`; other
    letters (Greek, CJK) unchanged."""
    if text.isascii():  # most text: nothing to fold
        return text
    decomposed = unicodedata.normalize("NFKD", translated(text, _NO_DECOMPOSITION, _UNDECOMPOSED))
    # Each distinct accent removed at once, in C: a test of every character in Python took
    # 70 us for an abstract.
    for ch in set(decomposed):
        if ch > "\x7f" and unicodedata.combining(ch):
            decomposed = decomposed.replace(ch, "")
    return decomposed


_POSSESSIVE = re.compile(r"(?<=\w)'(?=(s|t|re|ve|ll|d|m)\b)")  # `editor's`, `don't`
_LANGUAGE = re.compile(r"(?<![a-z0-9])([a-z])(\+\+|#)")  # `c++` -> `cpp`, `f#` -> `fsharp`
GREEK_NAMES = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho"
    " sigma sigma tau upsilon phi chi psi omega"
).split()  # in alphabet order; final sigma (ς) sits between rho and sigma
# `α` is `alpha`, as titles spell it out (`PPAR-α` = `PPAR-alpha`, `α-synuclein`).
_GREEK = str.maketrans({chr(0x3B1 + i): name for i, name in enumerate(GREEK_NAMES)})
_GREEK_KEYS = _keys_of(_GREEK)
_QUOTE_KEYS = _keys_of(_QUOTES)


def match_text(text: str | None) -> str:
    """Reduce text to lower-case words separated by single spaces, for comparison: Latin
    letters without accents, Greek letters by name, other scripts (CJK, Cyrillic) as they are."""
    if not text:
        return ""
    if text.isascii():  # the same result without the steps that only touch other characters
        return words_of(text.lower().replace("-", ""), _NON_ALNUM)
    return words_of(lower_latin(text), _NON_WORD)


def lower_latin(text: str) -> str:
    """Any text in lower case, accents off, Greek letters by name, hyphens and dashes out."""
    text = fold_accents(translated(clean_text(text), _QUOTES, _QUOTE_KEYS)).lower()
    return _DASHES.sub("", translated(text, _GREEK, _GREEK_KEYS))


def words_of(text: str, separators: re.Pattern) -> str:
    """Lower-cased text as words: `editor's` is `editors`, `C++` is `cpp` (not `C`), the rest
    of what `separators` matches is a space."""
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
    if "+" in text or "#" in text:
        text = _LANGUAGE.sub(lambda m: m.group(1) + ("pp" if m.group(2) == "++" else "sharp"), text)
    return separators.sub(" ", text).strip()


def tokens(text: str | None) -> list[str]:
    """The words of `match_text(text)`."""
    return match_text(text).split()


def content_words(text: str | None) -> list[str]:
    """Words of a title or abstract without stopwords."""
    return [w for w in tokens(text) if w not in STOPWORDS]


def split_hyphens(text: str | None) -> str:
    """Text with hyphens and dashes turned into spaces (`all-MLP` -> `all MLP`)."""
    return _DASHES.sub(" ", text or "")
