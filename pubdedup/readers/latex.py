"""LaTeX in field values turned into plain Unicode text (`{\\"u}` -> `ü`), for matching and JSON."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from pylatexenc.latex2text import (  # a dependency of bibtexparser
    LatexNodes2Text,
    MacroTextSpec,
    get_default_latex_context_db,
)

from pubdedup.readers.latex_logos import FONT_SWITCHES, TEXT_COMMANDS
from pubdedup.readers.latex_macros import BUILT_IN, argument_end, expanded
from pubdedup.readers.latex_science import SCIENCE
from pubdedup.readers.plain_tex import plain_tex_rewritten


# pylatexenc has no type hints: its nodes, converter and context are Any.
def _unknown_macro(node: Any, *_: Any) -> str:
    """A command pylatexenc does not know: one applied to a group (`\\mycmd{text}`) gives way to
    its text; one on its own (`"\\Important"`, an IMAP flag in an RFC title) is kept as written."""
    rest = node.parsing_state.s[node.pos + node.len :].lstrip()
    # An empty group only ends the command's name (`\TUB{}`, as `\TeX{}`): the command is alone.
    if rest.startswith("{") and not re.match(r"\{\s*\}", rest):
        return ""
    return f"\\{node.macroname}{node.macro_post_space}"


# Font, size and do-nothing commands pylatexenc does not know give the text after them:
# `{\em emphasis}`, `{\relax Ch}ang` (kept as written, `\em` would be written `\textbackslash{}em`).
_DECLARATIONS = (
    *("em", "it", "bf", "sc", "rm", "sf", "tt", "sl", "up", "md", "normalfont"),
    *("itshape", "bfseries", "scshape", "upshape", "slshape", "mdseries"),
    *("rmfamily", "sffamily", "ttfamily", "boldmath", "unboldmath"),
    *("tiny", "scriptsize", "footnotesize", "small", "normalsize", "large", "Large", "LARGE"),
    *("huge", "Huge", "relax", "protect", "xspace", "nobreak", "ignorespaces", "/", "@"),
    "-",  # a place a word may be hyphenated (`Soft{\\-}ware`), no soft hyphen character
)
# Commands pylatexenc's parser gives an argument but its text converter has no text for (it
# would print the command's name and lose the argument): their text is their argument.
_ARGUMENT_IS_TEXT = ("texttt", "textsf", "textup", "textmd", "mbox")


# LaTeX's accent commands (text and math) and the combining mark each puts on a letter.
_ACCENTS = {
    "'": "\u0301", "`": "\u0300", '"': "\u0308", "c": "\u0327", "^": "\u0302", "~": "\u0303",
    "H": "\u030b", "k": "\u0328", "=": "\u0304", "b": "\u0331", ".": "\u0307", "d": "\u0323",
    "r": "\u030a", "u": "\u0306", "v": "\u030c", "vec": "\u20d7", "dot": "\u0307",
    "hat": "\u0302", "check": "\u030c", "breve": "\u0306", "acute": "\u0301",
    "grave": "\u0300", "tilde": "\u0303", "bar": "\u0305", "ddot": "\u0308", "not": "\u0338",
}  # fmt: skip
_DOTLESS = {"\u0131": "i", "\u0237": "j"}  # `\'{\i}` is í


def _accented(node: Any, converter: Any, mark: str) -> str:
    """An accent command's argument with the mark on each letter, as pylatexenc does, but not on
    the marks an inner accent put there: pylatexenc's own doubled them at each level, so a
    title of `\b{\b{…}}` thirty deep grew to a billion marks and took gigabytes."""
    text = converter.nodelist_to_text(node.nodeargs[:1]).strip() if node.nodeargs else " "
    return "".join(
        c if unicodedata.combining(c) else unicodedata.normalize("NFC", _DOTLESS.get(c, c) + mark)
        for c in text
    )


def _context() -> Any:
    context = get_default_latex_context_db()
    accents = [
        MacroTextSpec(name, simplify_repl=lambda node, l2tobj, m=mark: _accented(node, l2tobj, m))
        for name, mark in _ACCENTS.items()
    ]
    context.add_context_category("pubdedup-accents", macros=accents, prepend=True)
    logos = list(TEXT_COMMANDS.items())
    logos += [("slash", "/")]  # LaTeX's slash a line may break after (`ACM\\slash SIGGRAPH`)
    # How the writer spells a literal brace (`\{` would count in BibTeX's brace matching) and
    # caret (pylatexenc reads `\textasciicircum` as the modifier letter `ˆ`).
    logos += [("textbraceleft", "{"), ("textbraceright", "}"), ("textasciicircum", "^")]
    context.add_context_category(
        "pubdedup-logos", macros=[MacroTextSpec(m, text) for m, text in logos], prepend=True
    )
    macros = [MacroTextSpec(name, "") for name in (*_DECLARATIONS, *FONT_SWITCHES)]
    macros += [MacroTextSpec(name, discard=False) for name in _ARGUMENT_IS_TEXT]
    context.add_context_category("pubdedup-fonts", macros=macros, prepend=True)
    context.set_unknown_macro_spec(MacroTextSpec("", simplify_repl=_unknown_macro))
    return context


_CONVERTER = LatexNodes2Text(_context(), math_mode="verbatim", strict_latex_spaces=False)
_COMMANDS = BUILT_IN | SCIENCE  # expanded in the raw value before pylatexenc reads it


def known_command(name: str) -> bool:
    """Whether decoding knows the command (LaTeX's, pylatexenc's, the logo table's): a
    @preamble's definition of it is not used, as `\\providecommand` keeps the one there is."""
    context = _CONVERTER.latex_context
    return name in _COMMANDS or context.get_macro_spec(name) is not context.unknown_macro_spec


_DOLLAR = re.compile(r"(?<!\\)\$")
_BRACES = re.compile(r"[{}]")
# A word LaTeX leaves as it is: letters, digits and punctuation without a special meaning or a
# ligature (`--`, ``` `` ```, `''`, `?``).
_PLAIN = re.compile(r"(?:[^\W_]|[.,;:()/+=*@|<>\[\]\"]|-(?!-)|'(?!')|[?!](?!`))+")
# Where a value may be cut into words converted one by one: a run of spaces outside braces and
# math, after text that does not end in a command (which would take what follows as argument).
_CONTROL_END = re.compile(r"\\(?:[A-Za-z]+|.)$", re.S)


@lru_cache(maxsize=1 << 16)
def latex_to_text(value: str, ligatures: bool = True) -> str:
    """Plain text of a LaTeX value; values without commands only lose their braces and make
    TeX's ligatures (`--` an en dash) unless told not to (`ligatures`: an identifier's `--`)."""
    value = lone_dollar_escaped(value)
    if "\\" not in value and "~" not in value:
        return " ".join(_unbraced(_ligatures(value) if ligatures else value).split())
    value = plain_tex_rewritten(value)  # before the cut into words: `\ifmmode a\else b\fi`
    if "\\begin" in value or "\\verb" in value or "\\href" in value:
        return _convert(value)  # an environment, verbatim text or a link's text spans words
    return " ".join(" ".join(_convert_word(w) for w in words(value)).split())


# TeX's ligatures of text, as pylatexenc decodes them in a value with commands: decoded only
# there, `Pre-training---a survey: 1990--2020` reached JSON and CSL-JSON as written (pandoc
# printed the dashes), and the same title with an `\emph` in it as `Pre-training—a …`.
_LIGATURE = re.compile(r"---|--|``|''|\?`|!`")
_LIGATURES = {"---": "\u2014", "--": "\u2013", "``": "\u201c", "''": "\u201d", "?`": "¿", "!`": "¡"}


def _ligatures(value: str) -> str:
    """The value with TeX's ligatures as the characters they make, outside formulas and links
    (`https://github.com/a/b--c` in a note); before its braces go, which part one (`-{}-` is
    two hyphens)."""
    if not _LIGATURE.search(value):  # nearly every value
        return value
    parts = value.split("$")  # paired: a lone dollar was escaped (`lone_dollar_escaped`)
    return "$".join(part if k % 2 else _text_ligatures(part) for k, part in enumerate(parts))


_LINK = re.compile(r"(?:https?://|ftp://|www\.)[^\s{}]+", re.IGNORECASE)
_AROUND_LINKS = re.compile(f"({_LINK.pattern})", re.IGNORECASE)  # split: links at odd places


def _text_ligatures(text: str) -> str:
    parts = _AROUND_LINKS.split(text)
    return "".join(
        part if k % 2 else _LIGATURE.sub(lambda m: _LIGATURES[m.group(0)], part)
        for k, part in enumerate(parts)
    )


def _unbraced(value: str) -> str:
    """The value without its grouping braces, but a formula's, which are its own: `$C_{44}$`
    read as `$C_44$` (C₄4) where the value held no command, and as itself where it did."""
    if "$" not in value:  # nearly every value
        return _BRACES.sub("", value)
    parts = value.split("$")  # paired: a lone dollar was escaped, and went the other way
    return "$".join(part if k % 2 else _BRACES.sub("", part) for k, part in enumerate(parts))


def lone_dollar_escaped(value: str) -> str:
    """The value with a `$` that opens no formula (`"$Important"`, an odd one out) escaped: it
    is a dollar sign, not the start of math running to the end of the value."""
    if "$" not in value:  # nearly every value
        return value
    dollars = [m.start() for m in _DOLLAR.finditer(value)]
    if len(dollars) % 2 == 0:
        return value
    return value[: dollars[-1]] + "\\" + value[dollars[-1] :]


def words(value: str) -> list[str]:
    """The value cut at spaces that no command, group or formula spans."""
    pieces, start, depth, math, i = [], 0, 0, False, 0
    while i < len(value):
        ch = value[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "$":
            math = not math
        elif ch.isspace() and depth == 0 and not math:
            end = i + 1
            while end < len(value) and value[end].isspace():
                end += 1
            if i > start and not _CONTROL_END.search(value, start, i):
                pieces.append(value[start:i])
                start = end
            i = end
            continue
        i += 1
    pieces.append(value[start:])
    if len(pieces) == 1 and _one_group(value):
        return words(value[1:-1])
    return pieces


def _one_group(value: str) -> bool:
    """`{…}`: the whole value is one brace group (whose braces change no text), no math."""
    return "$" not in value and one_brace_group(value)


def one_brace_group(value: str) -> bool:
    """The whole value is one brace group, `{…}` (escaped braces aside)."""
    if not (value.startswith("{") and value.endswith("}")):
        return False
    depth, i = 0, 0
    while i < len(value):
        if value[i] == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(value[i], 0)
        if depth == 0:
            return i == len(value) - 1
        i += 1
    return False


@lru_cache(maxsize=1 << 16)
def _convert_word(word: str) -> str:
    bare = _BRACES.sub("", word).split()  # braces only group: dropped, as LaTeX drops them
    if all(map(_PLAIN.fullmatch, bare)):
        return " ".join(bare)
    if _LINK.fullmatch(" ".join(bare)):  # a bare link: its `--`, `~` and quotes are its own
        return _link_text(word) if "\\" in word else " ".join(bare)
    return _convert(word)


# What a link holds as itself, each held as a private-use character pylatexenc leaves alone
# while its commands are decoded (`\~{}` is one: a tilde).
_HELD = {"--": "\U000f0000", "~": "\U000f0001", "``": "\U000f0002", "''": "\U000f0003"}
_HELD_IN_LINKS = re.compile(r"--|(?<!\\)~|``|''")


def _link_text(link: str) -> str:
    held = _HELD_IN_LINKS.sub(lambda m: _HELD[m.group(0)], link.replace("\\~{}", "~"))
    converted = _convert(held)
    for text, stand_in in _HELD.items():
        converted = converted.replace(stand_in, text)
    return converted


def _convert(value: str) -> str:
    value, urls = _urls_set_aside(expanded(value, _COMMANDS))
    try:
        text = _CONVERTER.latex_to_text(_PERCENT.sub(r"\1\\%", value))
    except Exception:  # pylatexenc gives up on some malformed input; keep the raw text then
        text = _BRACES.sub("", value)
    return " ".join(text.split()).translate(urls)


# A `%` in a BibTeX value is no comment: BibTeX copies it, and the value is text up to its
# closing brace. (pylatexenc would drop the rest of the line.) `\%` is escaped already.
_PERCENT = re.compile(r"(?<!\\)((?:\\\\)*)%")
# LaTeX reads these arguments verbatim: `%`, `~`, `_`, `#` and `--` in a URL are themselves.
_VERBATIM_ARGUMENT = re.compile(r"\\(?:url|nolinkurl|path)\s*\{([^{}]*)\}")
_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*(?=\{)")
_STAND_INS = range(0xF0000, 0xFFFFE)  # private-use characters, which pylatexenc leaves alone


def _urls_set_aside(value: str) -> tuple[str, dict[int, str]]:
    """The value with each URL (`\\url{X}`, `\\href{X}{text}` as `text (X)`) replaced by a
    character no conversion touches, and what to translate those characters back to."""
    urls: dict[int, str] = {}
    if "\\" not in value:
        return value, urls
    free = (code for code in _STAND_INS if chr(code) not in value)

    def stand_in(url: str) -> str:
        code = next(free)
        urls[code] = url
        return chr(code)

    value = _VERBATIM_ARGUMENT.sub(lambda found: stand_in(found[1]), value)
    pieces, pos = [], 0
    while found := _HREF.search(value, pos):
        end = argument_end(value, found.end())
        text = value[found.end() + 1 : end - value.endswith("}", 0, end)]
        url = stand_in(found[1])
        pieces += [value[pos : found.start()], url if text == found[1] else f"{{{text}}} ({url})"]
        pos = end
    return "".join(pieces) + value[pos:], urls


# `\_`, `{\%}`, `\~{}`: a URL character written as LaTeX text, as DBLP and Mendeley write them.
_URL_ESCAPE = re.compile(r"\{\\([_%#&$~])\}|\\([_%#&$~])(?:\{\})?")


def url_unescaped(url: str) -> str:
    """A URL without the LaTeX escapes an export wrote into it (DBLP's `\\_`, Mendeley's
    `{\\_}`, `{\\%}`): no URL holds a backslash before these."""
    return _URL_ESCAPE.sub(lambda m: m.group(1) or m.group(2), url)
