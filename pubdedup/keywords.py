"""A paper's keywords as one list: the terms of several columns and copies, each once.

BibTeX's `keywords` is read at its commas (biblatex, JabRef), where the databases' exports
separate terms by semicolons (Scopus's `Author Keywords` and `Index Keywords`, Web of Science's
`DE` and `ID`): the terms are written joined by commas, in the order first given, and a term
two columns or copies repeat in another case (`Deep learning`, `deep learning`) is written once.
"""

from __future__ import annotations

from collections.abc import Iterable

KEYWORD_SEPARATOR = ", "


def keyword_terms(text: str, separator: str) -> list[str]:
    """The terms of a list of keywords, split at `separator`; empty ones left out."""
    return [" ".join(term.split()) for term in text.split(separator) if term.strip()]


def joined_keywords(term_lists: Iterable[list[str]]) -> str:
    """The lists' terms joined as BibTeX's keywords, each once (the first spelling given)."""
    seen: dict[str, str] = {}
    for terms in term_lists:
        for term in terms:
            seen.setdefault(term.casefold(), term)
    return KEYWORD_SEPARATOR.join(seen.values())
