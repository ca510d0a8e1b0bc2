"""What a BibTeX source protects from a style's case changes: title words with a capital in
braces (`{B}anach`, `{Gaussian}`, `{Google Research}`) and names written as one brace group
(`{Barnes and Noble}`), as plain text the writer can brace again."""

from __future__ import annotations

import re

from pubdedup.readers.latex import latex_to_text, one_brace_group, words

# A brace, then a capital before any other brace or command: where protection can be at all.
_BRACED_CAPITAL = re.compile(r"\{[^{}\\]*[^\W\da-z_]|\{[^{}]*\\")
# A brace group that takes an argument of a command (`\"{o}`, `\textbf{X}`) protects nothing.
_COMMAND_BEFORE = re.compile(r"\\(?:[A-Za-z]+\s*|[^A-Za-z\s])$")


def protected_words(raw_title: str) -> list[str]:
    """The decoded words (or braced phrases) of a raw title that hold a protected capital,
    without the punctuation around them (`{PaLI}:` is `PaLI`); all of a title braced as a
    whole (`{{The Title}}`, as many exports write every title)."""
    if not _BRACED_CAPITAL.search(raw_title):  # most titles: nothing to walk through
        return []
    title = raw_title.strip()
    if one_brace_group(title):
        pieces = [title]
    else:
        pieces = [piece for word in words(raw_title) for piece in _word_pieces(word)]
    found = (latex_to_text(piece) for piece in pieces if _protects_a_capital(piece))
    return [word for text in found if (word := _bare(text))]


def _bare(text: str) -> str:
    """A protected word or phrase without the punctuation around it, but for a bracket that
    pairs with one inside it: `{Foo (BAR)}` protects `Foo (BAR)`; stripped to `Foo (BAR`, it
    was written back `{Foo (BAR}) things`, and JSON's `protected` held half a bracket."""
    word = _AROUND_WORDS.sub("", text)
    if not word:
        return word
    start = text.find(word)
    head, tail = text[:start], text[start + len(word) :]
    for opening, closing in ("()", "[]"):
        while word.count(opening) > word.count(closing) and tail.startswith(closing):
            word, tail = word + closing, tail[1:]
        while word.count(closing) > word.count(opening) and head.endswith(opening):
            word, head = opening + word, head[:-1]
    return word


# Punctuation at either end of a word, and a hyphen on it (`{MLP}-`); not a dash standing
# apart (`{Parsing in TeX --- the appreciation of tokens ---}`) nor double quotes (``` `` ```,
# `''`): these are how the writer writes a `—`, `“` and `”` it keeps in a phrase, and
# stripped, the phrase's braces moved inside them on a second run.
_AROUND_WORDS = re.compile(
    r"^(?:[\".,;:!?()\[\]]|['`](?!['`])|-+(?![\s-]))+"
    r"|(?:[\".,;:!?()\[\]]|(?<!['`])['`]|(?<![\s-])-+)+$"
)


def _word_pieces(word: str) -> list[str]:
    """A word cut at the punctuation outside its brace groups and commands (`{MLPQ}/{GIS}`,
    `9.{2M}`, `{SIGMOD}'s`): the units the writer braces, a hyphen joining them (`{all-MLP}`).
    Taken whole, `9.{2M}` came back braced as `{9.2M}`, then `{9.{2M}}`."""
    pieces, start, depth, i = [], 0, 0, 0
    while i < len(word):
        ch = word[i]
        if ch == "\\":
            # A symbol (`\&`, `\textless{}`) parts words; an accent or another command is part
            # of its word.
            symbol = _SYMBOL.match(word, i)
            if symbol is None or depth:
                i += 2
                continue
            pieces.append(word[start:i])
            start = i = symbol.end()
            continue
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and not (ch.isalnum() or ch in "{}-_"):
            pieces.append(word[start:i])
            start = i + 1
        i += 1
    pieces.append(word[start:])
    return [piece for piece in pieces if piece]


# The escaped specials and the symbol commands the writer (writers/latex.py) writes.
_SYMBOL = re.compile(
    r"\\(?:[&%$#_]|(?:textless|textgreater|textbar|textbackslash|textbraceleft|textbraceright"
    r"|textasciitilde|textasciicircum)(?![A-Za-z])(?:\{\})?)"
)


def protected_names(raw_names: list[str]) -> list[str]:
    """The names written as one brace group (an organisation: `{Google Research}`)."""
    return [latex_to_text(name) for name in raw_names if one_brace_group(name.strip())]


def _protects_a_capital(piece: str) -> bool:
    """A brace group at the top level, not a command's argument nor a special character
    (`{\\"O}`, which styles change like a letter), with a capital letter in it."""
    depth, start, i = 0, 0, 0
    while i < len(piece):
        ch = piece[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "}" and depth > 0:
            depth -= 1
            if depth == 0 and _protects(piece, start, i):
                return True
        i += 1
    return False


def _protects(piece: str, start: int, end: int) -> bool:
    body = piece[start + 1 : end]
    # A group opening with a command is a special character (`{\\"O}`), but not with a symbol
    # the writer escapes (`{\\$A = 93\\$}`, `{\\textbackslash{}BibLaTeX}`): its words stay braced.
    if (body.startswith("\\") and not _SYMBOL.match(body)) or _COMMAND_BEFORE.search(
        piece, 0, start
    ):
        return False
    if "\\" not in body:  # plain text: its own capitals
        return any(map(str.isupper, body))
    return any(ch.isupper() for ch in latex_to_text(body))
