"""TeX's own primitives in a value, rewritten as the text they print before it is decoded.

pylatexenc reads LaTeX; files written with plain TeX in mind (Beebe's, a preamble's macro
bodies), and APS's and DBLP's exports, hold primitives it has no rule for, which came out as
written: `Antu\\ifmmode \\check{s}\\else \\v{s}\\fi{}ek` (APS: an author's name),
`DVIto\\kern-.1em VDU`, `{\\tt\\char`\\\\let}`, `Dv\\accent'27u{}r`, `\\path|beebe@math.utah.edu|`
(Beebe's path.sty, any delimiter), `The (1+\\(\\lambda\\)) EA` (DBLP's math).
"""

from __future__ import annotations

import re

_END = r"(?![A-Za-z@])"
# Text mode's branch: what a name prints outside math.
_IFMMODE = re.compile(
    r"\\ifmmode" + _END + r"(.*?)(?:\\else" + _END + r"\s*(.*?))?\\fi" + _END, re.S
)
_DIMEN = r"\s*[-+]?\s*(?:\d+\.?\d*|\.\d+)\s*(?:em|ex|pt|pc|in|bp|cm|mm|dd|cc|sp)"
# Kerning, raising and penalties move text or break lines and print nothing themselves; glue
# is a space. TeX reads one space after a number or a unit as its end (`DVIto\kern-.15em VDU`
# prints DVItoVDU).
_GLUE = rf"(?:\s*plus{_DIMEN}|\s*plus\s*\d*\s*fil+)?(?:\s*minus{_DIMEN})? ?"
_SPACING = re.compile(
    r"(\\[hv]skip)?(?(1)|\\(?:kern|raise|lower|moveleft|moveright))"
    + _END
    + _DIMEN
    + _GLUE
    + r"|\\(?:penalty|spacefactor)\s*-?\d+ ?"
)
_CODE = r"(?:`\\?(.)|'([0-7]+)|\"([0-9A-F]+)|(\d+)) ?"
# `\char` and a character code: `` \char`\\ ``, `\char92`, `\char'134`, `\char"5C`.
_CHAR = re.compile(r"\\char\s*" + _CODE)
# How the characters LaTeX gives a meaning are written to stay themselves.
_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "|": r"\textbar{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    **{c: "\\" + c for c in "$%&#_"},
}
# `\accent` and the position of an accent in TeX's text fonts (OT1): LaTeX's accent command.
_ACCENT = re.compile(r"\\accent\s*" + _CODE)
_ACCENTS = {18: "`", 19: "'", 20: "v", 21: "u", 22: "=", 23: "r", 24: "c", 94: "^", 95: "."}
_ACCENTS |= {125: "H", 126: "~", 127: '"'}
# path.sty's `\path` reads its argument verbatim between two of any character, as `\verb` does.
_PATH = re.compile(r"\\path\s*([^\sA-Za-z{}\\])([^{}]*?)\1")
# A backslash ending a line is a control space (`\LaTeX\` and then `picture` on the next line);
# pylatexenc reads only `\ ` so. (`\\` is a line break: an even run of backslashes is no escape.)
_CONTROL_NEWLINE = re.compile(r"(?<!\\)((?:\\\\)*)\\\n")
# LaTeX's inline math, `\(…\)`, as the `$…$` the readers keep verbatim.
_INLINE_MATH = re.compile(r"(?<!\\)((?:\\\\)*)\\([()])")


def plain_tex_rewritten(value: str) -> str:
    """The value with TeX's primitives as what they print: a conditional's text branch, no
    kerning or glue, a `\\char` as its character, `\\accent` as LaTeX's accent, `\\path|x|` as
    `\\path{x}`, a backslash ending a line as a space, and `\\(x\\)` as `$x$`."""
    if "\\ifmmode" in value:
        value = _IFMMODE.sub(lambda found: found[2] or "", value)
    if "\\char" in value:
        value = _CHAR.sub(lambda found: _character(_code(found)), value)
    if "\\accent" in value:
        value = _ACCENT.sub(lambda found: _accent(_code(found)), value)
    if "\\path" in value:
        value = _PATH.sub(r"\\path{\2}", value)
    if "\\\n" in value:
        value = _CONTROL_NEWLINE.sub(r"\1\\ ", value)
    if "\\(" in value:
        value = _INLINE_MATH.sub(r"\1$", value)
    return _SPACING.sub(lambda found: " " * bool(found[1]), value)


def _code(found: re.Match[str]) -> int:
    """The character code TeX reads: `` `x ``, octal `'173`, hexadecimal `"7B` or decimal."""
    octal, hexadecimal, decimal = found[2], found[3], found[4]
    if found[1]:
        return ord(found[1])
    return int(octal, 8) if octal else int(hexadecimal, 16) if hexadecimal else int(decimal)


def _character(code: int) -> str:
    if not 32 <= code < 127:  # a font's own glyph (`\char'7`, an upsilon in cmr): not text
        return ""
    return _ESCAPES.get(chr(code), chr(code))


def _accent(code: int) -> str:
    """LaTeX's command for the accent (a space ends its name: `\\r u`), or nothing."""
    command = _ACCENTS.get(code)
    return "\\" + command + " " * command.isalpha() if command else ""
