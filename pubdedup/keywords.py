"""A paper's keywords as one list: the terms of several columns and copies, each once.

BibTeX's `keywords` is read at its commas (biber splits it at the commas no braces enclose;
JabRef), where the databases' exports separate terms by semicolons (Scopus's `Author Keywords`
and `Index Keywords`, Web of Science's `DE` and `ID`): the terms are written joined by commas,
in the order first given, and a term two columns or copies repeat in another case (`Deep
learning`, `deep learning`) is written once. A term with a comma of its own (MeSH's
`Neoplasms, Second Primary`) is held and written in braces, `{Neoplasms, Second Primary},
Humans`: biber keeps a braced term one keyword, where it read two, `Neoplasms` and `Second
Primary`, and a filter `\\printbibliography[keyword=Neoplasms]` took the paper.
"""

from __future__ import annotations

from collections.abc import Iterable

KEYWORD_SEPARATOR = ", "


def keyword_terms(text: str, separator: str) -> list[str]:
    """The terms of a list of keywords, split at `separator`; empty ones left out."""
    return [" ".join(term.split()) for term in text.split(separator) if term.strip()]


def keyword_list(value: str) -> list[str]:
    """The terms of a paper's keywords as held (`joined_keywords`): split at the commas no
    braces enclose, a braced term without its braces."""
    return [_unbraced(term) for term in outside_braces(value, ",") if term]


def joined_keywords(term_lists: Iterable[list[str]]) -> str:
    """The lists' terms joined as BibTeX's keywords, each once (the first spelling given), a
    term with a comma in braces."""
    seen: dict[str, str] = {}
    for terms in term_lists:
        for term in terms:
            seen.setdefault(term.casefold(), term)
    return KEYWORD_SEPARATOR.join("{" + t + "}" if "," in t else t for t in seen.values())


def outside_braces(text: str, separator: str) -> list[str]:
    """`text` split at each `separator` no braces enclose, each part's spaces made single."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(depth - 1, 0)
        elif char == separator and not depth:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [" ".join(part.split()) for part in parts]


def _unbraced(term: str) -> str:
    """A term without the braces that enclose the whole of it (`{Neoplasms, Second Primary}`)."""
    if not (term.startswith("{") and term.endswith("}")):
        return term
    depth = 0
    for char in term[:-1]:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if not depth:  # `{a} and {b}`: the first brace closes before the end
            return term
    return term[1:-1].strip()
