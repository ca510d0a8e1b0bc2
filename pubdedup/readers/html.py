"""Saved HTML of a Google Research people page ("Save page as"), read as the text a browser shows.

The HTML is turned into that text (scripts, styles, navigation and icon glyphs dropped, block
elements on lines of their own, entities decoded) and handed to the page reader, so a saved page
gives the same records as its copied text. Lines in records and problems are lines of the HTML file.
"""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

from pubdedup.errors import InputError
from pubdedup.model import ReadResult
from pubdedup.readers.page import looks_like_page, read_page

# Elements a browser renders on lines of their own.
_BLOCK = frozenset(
    "address article aside blockquote br dd details dialog div dl dt fieldset figcaption figure "
    "form h1 h2 h3 h4 h5 h6 header hgroup hr li main ol p pre section summary table tbody td tfoot "
    "th thead tr ul".split()
)
# Elements whose content is not shown as page text, or is site chrome around the page (any
# element with a `hidden` attribute is not shown either).
_HIDDEN = frozenset(
    "script style noscript template svg math iframe object canvas title nav footer select".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SPACE = re.compile(r"\s+")
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def _hidden_by(attrs: list[tuple[str, str | None]]) -> bool:
    """An element not shown as text: `hidden`, or an icon font's glyph, whose text is the
    icon's name (`<span class="material-icons">expand_more</span>Preview abstract` read as
    `expand_morePreview abstract`, and no abstract started there)."""
    for name, value in attrs:
        if name == "hidden":
            return True
        if name == "class" and value and _ICON_FONT.search(value):
            return True
    return False


_ICON_FONT = re.compile(r"(?<![\w-])material-(?:icons|symbols)(?:-[\w-]+)?(?![\w-])")


def looks_like_html(text: str) -> bool:
    """True when text is an HTML document (`<!DOCTYPE html>`, `<html>`, after any comments)."""
    return bool(_HTML_START.match(text[:20000]))


class _TextExtractor(HTMLParser):
    """Collects the visible text of a document as lines, each with the HTML line it starts on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.origins: list[int] = []  # HTML line of each text line
        self._parts: list[str] = []
        self._start = 0
        self._hidden_tag: str | None = None  # the outermost hidden element we are inside
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._hidden_tag:
            self._hidden_depth += tag == self._hidden_tag
        elif (tag in _HIDDEN or _hidden_by(attrs)) and tag not in _VOID:
            self._hidden_tag, self._hidden_depth = tag, 1
        elif tag in _BLOCK:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK and not self._hidden_tag:  # <br/>; a self-closed <svg/> hides nothing
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if self._hidden_tag:
            self._hidden_depth -= tag == self._hidden_tag
            if self._hidden_depth <= 0:
                self._hidden_tag = None
        elif tag in _BLOCK and tag not in _VOID:
            self._break()

    def handle_data(self, data: str) -> None:
        if self._hidden_tag:
            return
        text = _SPACE.sub(" ", data)
        if not self._parts:
            if not text.strip():
                return
            self._start = self.getpos()[0] + _leading_newlines(data)
        self._parts.append(text)

    def _break(self) -> None:
        line = _SPACE.sub(" ", "".join(self._parts)).strip()
        if line:
            self.lines.append(line)
            self.origins.append(self._start)
        self._parts = []

    def close(self) -> None:
        super().close()
        self._break()


def _leading_newlines(data: str) -> int:
    return data[: len(data) - len(data.lstrip())].count("\n")


def html_to_text(html: str) -> tuple[str, list[int]]:
    """The text a browser shows for an HTML document, and the HTML line of each text line."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return "\n".join(extractor.lines), extractor.origins


def read_html(text: str, file: str, owner: str | None = None) -> ReadResult:
    """Read a saved people page; any other HTML page is an error, not an empty result."""
    page_text, origins = html_to_text(text)
    if not looks_like_page(page_text):
        raise InputError(
            "an HTML page, but not a Google Research people page (no publication list in it); "
            "save the people page itself, or give its text or a BibTeX export",
            file=file,
        )
    result = read_page(page_text + "\n", file, owner=owner)  # its last line is a whole one

    def html_line(line: int | None) -> int | None:
        return origins[line - 1] if line and line <= len(origins) else line

    result.records = [
        replace(r, source=replace(r.source, line=html_line(r.source.line))) for r in result.records
    ]
    result.problems = [replace(p, line=html_line(p.line)) for p in result.problems]
    return result
