"""LaTeX escaping for BibTeX field values."""

from __future__ import annotations

import re

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL_RE = re.compile("|".join(re.escape(c) for c in _SPECIALS))
# A word with a capital after its first letter (ViT, ImageNet, CNNs, PaLI-X) or a lone capital
# letter mid-sentence ("Vitamin D") is braced so bibliography styles do not lower-case it. A
# capital after a colon is left alone: styles keep it.
_PROTECT_RE = re.compile(
    r"(?<![\w\\{])([A-Za-z0-9][\w\-]*[A-Z][\w\-]*|(?<!: )(?<!^)[A-Z](?=[\s:,;.)]|$))"
)


def escape(text: str) -> str:
    """Escape LaTeX's special characters; Unicode letters stay (biber and inputenc read them)."""
    return _SPECIAL_RE.sub(lambda m: _SPECIALS[m.group(0)], " ".join(text.split()))


def protect_title(text: str) -> str:
    """Escape a title and brace its acronyms and proper nouns written with inner capitals."""
    return _PROTECT_RE.sub(lambda m: "{" + m.group(1) + "}", escape(text))
