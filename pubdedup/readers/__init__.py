"""Readers: text in, records and problems out. Only the CLI touches files."""

from __future__ import annotations

from dataclasses import dataclass, field

from pubdedup.errors import InputError
from pubdedup.model import Problem, Record
from pubdedup.readers.page import looks_like_page, read_page

FORMATS = ("page",)


@dataclass(slots=True)
class ParsedInput:
    """One input after reading: its records, its problems, and what was detected."""

    name: str
    format: str
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    owner: str | None = None


def detect_format(text: str, name: str) -> str:
    """The format of an input, from its content (the extension only breaks ties)."""
    if looks_like_page(text):
        return "page"
    if name.lower().endswith(".txt"):
        return "page"
    raise InputError("unknown input format (expected an author-page text dump)", file=name)


def read_text(
    text: str, name: str, fmt: str | None = None, owner: str | None = None
) -> ParsedInput:
    """Read one input's text in the given (or detected) format."""
    fmt = fmt or detect_format(text, name)
    if fmt == "page":
        page = read_page(text, name, owner=owner)
        return ParsedInput(name, fmt, page.records, page.problems, page.owner)
    raise InputError(f"unsupported input format {fmt!r}", file=name)
