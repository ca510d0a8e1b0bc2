"""LaTeX escaping for BibTeX field values."""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

from pylatexenc.latexencode import UnicodeToLatexEncoder

_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    # Not `\{`: BibTeX and biber match braces escaped or not, so one unpaired brace in a title
    # (a CSV's `The {unbalanced paper`) would run its value on into the next fields.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    # LaTeX's default font encoding (OT1) has `¡`, `¿` and an em dash where ASCII has `<`, `>`
    # and `|`: written raw, `p < 0.05` printed `p ¡ 0.05`. The kernel's commands print them.
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}
_SPECIAL_RE = re.compile("|".join(re.escape(c) for c in _SPECIALS))
# A word with a capital after its first letter (ViT, ImageNet, CNNs, PaLI-X) or a lone capital
# letter mid-sentence ("Vitamin D", "A/B", "T's") is braced so bibliography styles do not
# lower-case it. A capital after a colon is left alone: styles keep it.
# Neither starts after a hyphen that follows a word or a hyphen: a word of hyphenated parts
# (`all-MLP`) is matched from its first part, and tried again after each hyphen, a run of
# `a-a-a-…` with no capital was scanned to its end from every part (40,000 characters took 16 s
# to write). After a symbol the hyphen joins no word before it: `$k$-{LWE}`, `Mg2+-{ATP}`.
_ACRONYM = r"[^\W_][\w\-]*[A-Z][\w\-]*"
_PROTECT_RE = re.compile(
    rf"(?<![\w\\{{])(?<![\w-]-)({_ACRONYM}|(?<!: )(?<!^)[A-Z](?![\w\-{{}}\\$]))"
)


def braced_in_a_title(word: str) -> bool:
    """Whether the title rule braces the word (`ViT`, `FastForward`, `ACM`)."""
    return re.fullmatch(_ACRONYM, word) is not None


# Readers keep math verbatim (`$O(n \\log n)$`), so it is written back as math, not escaped. A
# formula has balanced braces and a command or a sub- or superscript, or is a short run of
# symbols without spaces (`$k$`, `$O(n)$`, `$/$`, `$-1$`, `$1$-median`); `$13 Billion and $5`,
# `US$5 and US$6` and `$5-$10` are money.
_SHORT_MATH = re.compile(r"[A-Za-z0-9()+\-*/=<>,.|']{1,30}")


def split_math(text: str) -> list[tuple[bool, str]]:
    """The text in pieces, each (is a formula, piece), dollars paired from the left."""
    pieces: list[tuple[bool, str]] = []
    plain = pos = 0
    while (start := text.find("$", pos)) >= 0 and (end := text.find("$", start + 1)) >= 0:
        if _is_math(text[start + 1 : end]):
            pieces += [(False, text[plain:start]), (True, text[start : end + 1])]
            plain = pos = end + 1
        else:  # this dollar is a sign; the next one may open a formula
            pos = start + 1
    pieces.append((False, text[plain:]))
    return [piece for piece in pieces if piece[1]]


def _is_math(body: str) -> bool:
    if body.count("{") != body.count("}"):  # written raw, it would end the BibTeX value
        return False
    if any(ch in body for ch in "\\^_"):
        return True
    if not _SHORT_MATH.fullmatch(body):
        return False
    # A letter makes a formula (`$k$`), or symbols (`$/$`); digits do where they end it
    # (`$-1$` labels, the `$1$-median`): money's pair of dollars holds a range's dash
    # (`$5-$10`), as a formula never ends.
    letter, digit = any(c.isalpha() for c in body), any(c.isdigit() for c in body)
    return letter or not digit or body[-1] in "0123456789)"


def escape(text: str) -> str:
    """Escape LaTeX's special characters; Unicode letters stay (biber and inputenc read them)."""
    return "".join(
        piece if math else _accents(_quotes(_dashes(_SPECIAL_RE.sub(_special, piece))))
        for math, piece in split_math(" ".join(text.split()))
    )


def _special(found: re.Match[str]) -> str:
    return _SPECIALS[found.group(0)]


# En and em dashes as TeX's ligatures, which is how a plain-text `--` (a page dump's) is written
# too: the reader decodes `--` as `–` in some values, so a dash written as itself made the
# second run over the output write `–` where the first wrote `--`. Not beside a hyphen, with
# which the ligature would grow longer.
_DASH = re.compile("(?<!-)[\u2013\u2014](?!-)")


def _dashes(text: str) -> str:
    if "\u2013" not in text and "\u2014" not in text:  # nearly every value
        return text
    return _DASH.sub(lambda m: "--" if m.group(0) == "\u2013" else "---", text)


# Double quotes as TeX's ligatures too, for the same reason: `''` is read as `”` in a value
# with a command (`\$χ''\$`) and as itself in others. Not `“` after `?` or `!`, which with
# ``` `` ``` are Spanish's `¿` and `¡`.
_QUOTE = re.compile("\u201d|(?<![?!])\u201c")


def _quotes(text: str) -> str:
    if "\u201c" not in text and "\u201d" not in text:  # nearly every value
        return text
    return _QUOTE.sub(lambda m: "''" if m.group(0) == "\u201d" else "``", text)


# LaTeX's accent commands for the combining marks a letter may carry.
_ACCENTS = dict(
    zip(
        "\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030a\u030b\u030c\u0323\u0327\u0328\u0331",
        "`'^~=u.\"rHvdckb",
        strict=True,
    )
)
_MARKED = re.compile(r"([^\W\d_])([" + "".join(_ACCENTS) + "]+)")
# Latin Extended Additional, Vietnamese's letters with two accents (`ế` in `Hàn Thế Thành`):
# inputenc defines few of them (not one in --ascii either), and pdflatex stops at the others.
_EXTENDED = re.compile("[\u1e00-\u1eff]")


def _accents(text: str) -> str:
    """A letter with an accent Unicode has no one character for (`c̆`, read from `\\u{c}`) in
    LaTeX's accent commands (`{\\u{c}}`): inputenc has no definition for a combining mark, so
    pdflatex stops at it. So too a letter of Latin Extended Additional whose accents LaTeX has
    (`ế` as `{\\'{\\^{e}}}`)."""
    if not _MARKED.search(text) and not _EXTENDED.search(text):  # nearly every value
        return text

    def accented(found: re.Match[str]) -> str:
        letter = found[1]
        for mark in found[2]:
            letter = f"\\{_ACCENTS[mark]}{{{letter}}}"
        return "{" + letter + "}"

    text = unicodedata.normalize("NFC", _DOTLESS_MARKED.sub(_dotted_letter, text))
    return _MARKED.sub(accented, _EXTENDED.sub(_decomposed, text))


# A dotless `ı` or `ȷ` with an accent (`Martı́nez`, as some exports write `í`) is the dotted
# letter's, as the reader decodes LaTeX's `\'{\i}`: written so, it came back `í` on a second
# run over the output.
_DOTLESS_MARKED = re.compile("[ıȷ](?=[" + "".join(_ACCENTS) + "])")


def _dotted_letter(found: re.Match[str]) -> str:
    return {"ı": "i", "ȷ": "j"}[found[0]]


def _decomposed(found: re.Match[str]) -> str:
    """The letter as a base letter and combining accents, where LaTeX has each accent."""
    letter = unicodedata.normalize("NFD", found[0])
    return letter if all(mark in _ACCENTS for mark in letter[1:]) else found[0]


def protect_title(text: str, protected: tuple[str, ...] = ()) -> str:
    """Escape a title and brace its acronyms and proper nouns written with inner capitals, and
    the words a source braced (`{Gaussian}`, `{S}chrödinger` as `{Schrödinger}`).

    Written so that the BibTeX reader's protected words (readers/protect.py) give back the same
    braces: a second run over the output is a fixed point."""
    latex = escape(text)
    for phrase in sorted(protected, key=len, reverse=True):
        if _LONE_CAPITAL.fullmatch(phrase):
            # The acronym rule braces a lone capital wherever a style would lower-case it; a
            # source's `{A}` braced again everywhere, at the start too, made a second run
            # brace what the first left alone.
            continue
        # A whole word or phrase (a hyphen joins words, as in the acronyms'), not inside a
        # brace group already (a longer phrase); before the acronyms, whose braces would split
        # `Q\&A` into `Q\&{A}`.
        pattern = re.compile(r"(?<![\w{-])" + re.escape(escape(phrase)) + r"(?![\w}-])")
        latex = _braced_outside(pattern, latex)
    return _braced_outside(_PROTECT_RE, latex)


_LONE_CAPITAL = re.compile(r"[A-Z]")


def _braced_outside(pattern: re.Pattern[str], latex: str) -> str:
    """Each match of the pattern braced, but not one inside a brace group or a formula:
    `{all-MLP}` became `{all-{MLP}}` on the second run, `$O(n)$` became `${O}(n)$`."""
    if "{" not in latex and "$" not in latex:
        return pattern.sub(lambda m: "{" + m.group(0) + "}", latex)
    inside = _enclosed(latex)
    return pattern.sub(lambda m: m.group(0) if inside[m.start()] else "{" + m.group(0) + "}", latex)


def _enclosed(latex: str) -> list[bool]:
    """Whether each position of the text is inside a brace group or a formula."""
    inside, depth, math, escaped = [], 0, False, False
    for ch in latex:
        if ch == "}" and not escaped:
            depth = max(0, depth - 1)
        inside.append(depth > 0 or math)
        if not escaped and ch in "{$":
            depth, math = (depth + 1, math) if ch == "{" else (depth, not math)
        escaped = ch == "\\" and not escaped
    return inside


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
    if latex.isascii():
        return latex
    encode = _ascii_encoder().unicode_to_latex
    return "".join(map(encode, _pieces(unicodedata.normalize("NFC", latex))))


# Greek letters and math symbols: pdflatex's inputenc sets up none of them, and stopped at a
# title's `TNF-α` ("Unicode character α (U+03B1) not set up for use with LaTeX"; T1 fonts have
# none either). Each of these is written as the math command pylatexenc gives it
# (`{\ensuremath{\alpha}}`): one of LaTeX's own math fonts, which needs no package, prints
# under any font encoding and engine, and reads back as the character. The others (`−`, `√`,
# `⋅`) read back as another character, or need a package (`□`, amssymb's `\square`): kept.
MATH_SYMBOLS = (
    "ΓΔΘΛΞΠΣΥΦΨΩάήίΰαβγδεζηθικλμνξπρςστυφχψωϑϕϖϱϵ↔↕↖↗↘↙↦↩↪↼↽⇀⇁⇌⇐⇑⇒⇓⇔⇕∀∂∃∇∈∉∋∌∏∐∑∓"
    "∘∙∝∞∠∥∧∨∩∪∫∮∼≀≁≃≄≅≇≈≉≍≐≠≡≢≤≥≪≫≺≻≼≽⊂⊃⊄⊅⊆⊇⊎⊑⊒⊓⊔⊕⊖⊗⊘⊙⊢⊣⊤⊥⋀⋁⋂⋃⋆⋈⋢⋣⋮⋯⋱"
)
_MATH_SYMBOL = re.compile(f"[{MATH_SYMBOLS}]")


def math_symbols(latex: str) -> str:
    """The text with its Greek letters and math symbols as LaTeX's math commands."""
    if latex.isascii() or not _MATH_SYMBOL.search(latex):  # nearly every value
        return latex
    return _MATH_SYMBOL.sub(lambda found: _math_command(found[0]), latex)


@lru_cache(maxsize=len(MATH_SYMBOLS))
def _math_command(symbol: str) -> str:
    return str(_ascii_encoder().unicode_to_latex(symbol))


_PIECE = 256  # characters encoded at a time


def _pieces(text: str) -> list[str]:
    """The text in pieces of about _PIECE characters, each cut before a character that combines
    with none before it. pylatexenc appends each escape to a string held in an attribute, which
    copies the string every time: 40,000 Greek letters took 6 s, four times as long as 20,000."""
    if len(text) <= _PIECE:
        return [text]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + _PIECE, len(text))
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        pieces.append(text[start:end])
        start = end
    return pieces
