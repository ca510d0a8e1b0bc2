"""Commands expanded in a raw BibTeX value before it is decoded, as TeX expands a macro: those
a file's @preamble defines, and a few built in that take arguments (`\\noopsort{…}`).

A bibliography may define commands in its @preamble for the document that prints its entries:
`\\providecommand{\\MaxMinAntSystem}{{$\\cal MAX$--$\\cal MIN$} Ant System}`, or Beebe's
`\\ifx \\undefined \\Dash \\def \\Dash{\\penalty0---\\penalty0} \\fi`. Each call gives way to
the body, `#1`, `#2` replaced by the call's arguments, and the value is decoded as usual: what
matching compares and the output holds is the text the document would print, and it compiles
without the preamble. (The writer writes no @preamble: two inputs may define one name, and
`\\newcommand` twice is an error; Beebe's `\\input path.sty` stops LaTeX where that file is not
installed; JSON could not carry one.)

A command LaTeX or the logo table knows keeps its meaning, as `\\providecommand` and `\\ifx
\\undefined` keep the definition there is; one defined to print nothing
(`\\newcommand{\\noopsort}[1]{}`, the BibTeX manual's sorting trick) is dropped whatever it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

Body = str | Callable[[list[str]], str]


@dataclass(frozen=True)
class Definition:
    """A command's number of arguments and what a call gives: its body, `#1`… the arguments
    (or a function of the arguments); `optional`: a `[…]` after the name is read, and given
    to the function first (empty when there is none); `delimiter`: the last argument is all
    text up to it, not a group."""

    arguments: int
    body: Body
    optional: bool = False
    delimiter: str = ""  # what ends the last argument (`\\def\\toenglish #1\\endtoenglish{…}`)


def _ordinal(arguments: list[str]) -> str:
    """tugboat.def's `\\nth{4}`: `4th`, `21st`, `12th`."""
    number = arguments[0].strip()
    if not number.isdigit():
        return number + "th"
    last, tens = int(number) % 10, int(number) % 100
    return number + ("th" if 10 <= tens <= 20 or last > 3 else ["th", "st", "nd", "rd"][last])


BUILT_IN = {
    # Commands that print nothing, arguments and all: `\noopsort{Leunen}` only sorts, the
    # BibTeX manual's trick (its @preamble: `\newcommand{\noopsort}[1]{}`).
    "noopsort": Definition(1, ""),
    "SortNoop": Definition(1, ""),
    # tugboat.def's commands with arguments (those without are logos: latex_logos.py).
    "nth": Definition(1, _ordinal),
    "tubissue": Definition(2, r"\TUB~#1, no.~#2"),
    "cs": Definition(1, r"\textbackslash{}#1"),  # `\cs{def}` prints `\def`
    "macro": Definition(1, r"\textbackslash{}#1"),
    # The room a text would take, blank: a space (`\hphantom{Chapter 2} - Introduction`).
    "hphantom": Definition(1, " "),
    "phantom": Definition(1, " "),
    "vphantom": Definition(1, ""),
}

_NAME = r"\\([A-Za-z@]+)"
_NEWCOMMAND = re.compile(
    r"\\(?:(?:re)?newcommand|providecommand|DeclareRobustCommand)\*?\s*(\{\s*)?"
    + _NAME
    + r"\s*(?(1)\}|)\s*(?:\[\s*(\d)\s*\])?\s*(\[)?"
)
# Beebe's `\def \toenglish #1\endtoenglish{[{\em English:} #1\unskip]}`: the argument runs to
# `\endtoenglish`, a delimiter braces cannot stand for (BibTeX would not lower-case the title).
_DEF = re.compile(r"\\[gex]?def\s*" + _NAME + r"((?:\s*#\d)*)(\\[A-Za-z@]+)?\s*(?=\{)")
_LET = re.compile(r"\\let\s*" + _NAME + r"\s*=?\s*(\\(?:[A-Za-z@]+|.))")
# What makes a body a program rather than text (a test, an assignment, a font): not expanded.
_PROGRAM = re.compile(
    r"\\(?:if[a-z]*|else|fi|csname|expandafter|[gex]?def|let|font|chardef|count|advance"
    r"|setbox|the|catcode|immediate|write|futurelet|@ifnextchar"
    r"|new(?:command|count|dimen|skip|toks|box|if))(?![A-Za-z@])"
)


def preamble_definitions(preamble: str, known: Callable[[str], bool]) -> dict[str, Definition]:
    """The commands a @preamble defines that can be expanded: with a body of text (or nothing),
    each argument `#n` in order, and a name `known` does not claim unless it prints nothing."""
    found: dict[str, Definition] = {}
    for _, name, definition in sorted(_defined(preamble), key=lambda d: d[0]):
        body = str(definition.body)
        plain = not _PROGRAM.search(body) and not re.search(r"#(?![1-9])", body)
        if plain and (not body.strip() or not known(name)):
            found.setdefault(name, definition if body.strip() else replace(definition, body=""))
    return found


def _defined(preamble: str) -> list[tuple[int, str, Definition]]:
    """(where, name, definition) of each `\\newcommand`, `\\def` and `\\let`."""
    found = []
    for call in _NEWCOMMAND.finditer(preamble):
        if not call[4]:  # an optional first argument with a default: not read
            definition = Definition(int(call[3] or 0), _group(preamble, call.end()))
            found.append((call.start(), call[2], definition))
    for call in _DEF.finditer(preamble):
        parameters = re.findall(r"#(\d)", call[2])
        if parameters == [str(n) for n in range(1, len(parameters) + 1)]:  # `#1#2`, no `#1.`
            body = _group(preamble, call.end())
            delimiter = call[3] or ""
            found.append(
                (call.start(), call[1], Definition(len(parameters), body, False, delimiter))
            )
    found += [(call.start(), call[1], Definition(0, call[2])) for call in _LET.finditer(preamble)]
    return found


def _group(text: str, pos: int) -> str:
    """The inside of the brace group (or the one token) at `pos`."""
    end = argument_end(text, pos)
    piece = text[pos:end].strip()
    return piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece


_MAX_CALLS = 256  # `\def\a{\a}` never ends: after this many calls the rest stay as written


def expanded(value: str, definitions: Mapping[str, Definition]) -> str:
    """The value with each call of a defined command replaced by what it gives (a body in
    braces, as a group keeps its fonts and the space after it); calls in a body are expanded
    too."""
    if "\\" not in value or not definitions:
        return value
    pattern, pos = _calls(frozenset(definitions)), 0
    for _ in range(_MAX_CALLS):
        found = pattern.search(value, pos)
        if not found:
            break
        definition = definitions[found[1]]
        end, arguments = _arguments(value, found.end(), definition)
        text = _applied(definition, arguments)
        value, pos = value[: found.start()] + text + value[end:], found.start()
    return value


def _arguments(value: str, pos: int, definition: Definition) -> tuple[int, list[str]]:
    """Where a call's arguments end, and each argument without its braces."""
    arguments = []
    if definition.optional:
        bracket = re.match(r"\s*\[([^\]]*)\]", value[pos:])
        pos += bracket.end() if bracket else 0
        arguments.append(bracket[1] if bracket else "")
    for n in range(definition.arguments):
        if definition.delimiter and n == definition.arguments - 1:  # (no optional one then)
            end = value.find(definition.delimiter, pos)
            end = len(value) if end < 0 else end  # TeX would stop: the rest is the argument
            arguments.append(value[pos:end].strip())
            pos = min(end + len(definition.delimiter), len(value))
            continue
        end = argument_end(value, pos)
        arguments.append(_group(value, pos) if end > pos else "")
        pos = end
    return pos, arguments


def _applied(definition: Definition, arguments: list[str]) -> str:
    if callable(definition.body):
        return definition.body(arguments)
    if not definition.body:
        return ""
    body = re.sub(r"#([1-9])", lambda m: _nth(arguments, int(m[1])), definition.body)
    # An alias (`\let\ssf=\sf`) stands for the command itself; a body is a group.
    return body if re.fullmatch(r"\\(?:[A-Za-z@]+|.)", definition.body) else "{" + body + "}"


def _nth(arguments: list[str], n: int) -> str:
    return arguments[n - 1] if n <= len(arguments) else ""


@lru_cache(maxsize=64)
def _calls(names: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"\\(" + "|".join(map(re.escape, sorted(names))) + r")(?![A-Za-z@])")


def argument_end(value: str, pos: int) -> int:
    """Where the argument starting at (or after spaces at) `pos` ends: a brace group, a command
    or one character, as TeX reads an argument."""
    while pos < len(value) and value[pos].isspace():
        pos += 1
    if value.startswith("{", pos):
        depth = 0
        for end in range(pos, len(value)):
            depth += {"{": 1, "}": -1}.get(value[end], 0) if value[end - 1] != "\\" else 0
            if depth == 0:
                return end + 1
        return len(value)
    command = _COMMAND.match(value, pos)
    return command.end() if command else min(pos + 1, len(value))


_COMMAND = re.compile(r"\\(?:[A-Za-z@]+|.)", re.S)
