"""LaTeX escaping for BibTeX field values."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

from pylatexenc.latexencode import UnicodeToLatexEncoder

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


# Readers keep math verbatim (`$O(n \\log n)$`), so it is written back as math, not escaped.
MATH_RE = re.compile(r"(\$[^$]*[\\^_][^$]*\$)")


def escape(text: str) -> str:
    """Escape LaTeX's special characters; Unicode letters stay (biber and inputenc read them)."""
    parts = MATH_RE.split(" ".join(text.split()))
    return "".join(
        part if i % 2 else _SPECIAL_RE.sub(lambda m: _SPECIALS[m.group(0)], part)
        for i, part in enumerate(parts)
    )


def protect_title(text: str) -> str:
    """Escape a title and brace its acronyms and proper nouns written with inner capitals."""
    return _PROTECT_RE.sub(lambda m: "{" + m.group(1) + "}", escape(text))


@lru_cache(maxsize=1)
def _ascii_encoder() -> UnicodeToLatexEncoder:
    # Characters LaTeX has no escape for (CJK, say) are kept as they are rather than dropped;
    # pylatexenc logs each one, which would be noise on our stderr.
    logging.getLogger("pylatexenc.latexencode").setLevel(logging.ERROR)
    return UnicodeToLatexEncoder(
        non_ascii_only=True,
        replacement_latex_protection="braces-almost-all",
        unknown_char_policy="keep",
    )


def to_ascii(latex: str) -> str:
    """LaTeX escapes for non-ASCII letters and symbols, for classic BibTeX (`ü` -> `{\\"u}`)."""
    return latex if latex.isascii() else _ascii_encoder().unicode_to_latex(latex)
