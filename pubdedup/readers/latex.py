"""LaTeX in field values turned into plain Unicode text (`{\\"u}` -> `ü`), for matching and JSON."""

from __future__ import annotations

import re
from functools import lru_cache

from pylatexenc.latex2text import LatexNodes2Text  # a dependency of bibtexparser

_CONVERTER = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=False)
_BRACES = re.compile(r"[{}]")


@lru_cache(maxsize=1 << 16)
def latex_to_text(value: str) -> str:
    """Plain text of a LaTeX value; values without commands only lose their braces."""
    if "\\" not in value and "~" not in value:
        return " ".join(_BRACES.sub("", value).split())
    try:
        text = _CONVERTER.latex_to_text(value)
    except Exception:  # pylatexenc gives up on some malformed input; keep the raw text then
        text = _BRACES.sub("", value)
    return " ".join(text.split())
