"""Readers: text in, records and problems out. Only the CLI touches files."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from pubdedup.errors import InputError
from pubdedup.model import Problem, ReadResult, Record
from pubdedup.normalize import without_surrogates
from pubdedup.readers.bibtex import looks_like_bibtex
from pubdedup.readers.bibtex_chunks import read_bibtex_on_all_cores
from pubdedup.readers.csv_in import CsvOptions, looks_like_csv, read_csv
from pubdedup.readers.html import looks_like_html, read_html
from pubdedup.readers.json_in import looks_like_pubdedup_json, read_pubdedup_json
from pubdedup.readers.page import looks_like_page, read_page
from pubdedup.readers.ris import looks_like_ris, read_ris
from pubdedup.readers.wos import looks_like_wos, read_wos

_EXTENSIONS = {
    ".txt": "page",
    ".bib": "bibtex",
    ".bibtex": "bibtex",
    ".csv": "csv",
    ".tsv": "csv",
    ".ris": "ris",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
}


PAGE_FORMATS = ("page", "html")  # an author page: as a browser shows it, or its saved HTML


@dataclass(slots=True)
class ParsedInput:
    """One input after reading: its records, its problems, and what was detected."""

    name: str
    format: str
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    owner: str | None = None


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs: a forced format, a page owner, CSV column choices."""

    format: str | None = None
    owner: str | None = None
    csv: CsvOptions = field(default_factory=CsvOptions)
    # The entries of the run's other BibTeX inputs, by lower-case key, as written: a `crossref`
    # finds its parent in any file of one bibliography, as BibTeX does.
    crossref_parents: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


def detect_format(text: str, name: str) -> str:
    """The format of an input, from its content; the extension decides only when content can't."""
    fmt = sniff_format(text) or format_by_extension(name)
    if fmt:
        return fmt
    raise InputError(UNKNOWN_FORMAT, file=name)


def sniff_format(text: str, csv: CsvOptions | None = None) -> str | None:
    """The format the content shows, if any (`csv`: the user's column choices, which may name
    the title column of a header no alias knows)."""
    # Structured formats first: the page sniff looks for words ("sort by", "publications") that
    # a BibTeX or RIS abstract may contain too.
    sniffers = (
        ("json", looks_like_pubdedup_json),
        ("wos", looks_like_wos),  # its `FN Clarivate …` header: before a page's looser sniff
        # Before BibTeX: a saved page's inline CSS has lines like `@media (max-width: 600px) {`.
        ("html", looks_like_html),
        ("bibtex", looks_like_bibtex),
        ("ris", looks_like_ris),
        ("page", looks_like_page),
        ("csv", lambda text: looks_like_csv(text, csv)),
    )
    return next((fmt for fmt, sniff in sniffers if sniff(text)), None)


UNKNOWN_FORMAT = (
    "unknown input format (not an author page, saved HTML people page, BibTeX, RIS, Web of "
    "Science plain text, CSV or pubdedup JSON); use --input-format"
)


def format_by_extension(name: str) -> str | None:
    """The format a file's name says (`refs.bib`: bibtex), if any."""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    return _EXTENSIONS.get(suffix)


_READERS: dict[str, Callable[[str, str, ReadOptions], ReadResult]] = {
    "page": lambda text, name, options: read_page(text, name, owner=options.owner),
    "html": lambda text, name, options: read_html(text, name, owner=options.owner),
    "bibtex": lambda text, name, options: read_bibtex_on_all_cores(
        text, name, parents=options.crossref_parents
    ),
    "csv": lambda text, name, options: read_csv(text, name, options.csv),
    "ris": lambda text, name, options: read_ris(text, name),
    "wos": lambda text, name, options: read_wos(text, name),
    "json": lambda text, name, options: read_pubdedup_json(text, name),
}


def read_text(text: str, name: str, options: ReadOptions | None = None) -> ParsedInput:
    """Read one input's text in the given (or detected) format."""
    options = options or ReadOptions()
    text = without_surrogates(text)
    shown = options.format or sniff_format(text, options.csv)
    fmt = shown or format_by_extension(name)
    if not fmt:
        raise InputError(UNKNOWN_FORMAT, file=name)
    if fmt not in _READERS:
        raise InputError(f"unsupported input format {fmt!r}", file=name)
    parsed = _READERS[fmt](text, name, options)
    if not parsed.records and not shown:
        # Read for its extension alone, and no record found: a `.txt` of notes or a README is
        # no author page, and an empty bibliography with exit 0 would hide the mistake.
        raise InputError(UNKNOWN_FORMAT, file=name)
    if fmt != "json":  # pubdedup's own papers were reported when first read
        parsed.problems += [
            _untitled(name, r) for r in parsed.records if not r.title and not r.abstract
        ]
    if not parsed.records and not parsed.problems and text.strip():
        # Nothing found and nothing said: most likely the wrong --input-format.
        parsed.problems.append(
            Problem(name, None, "no-records", f"no records found (read as {fmt})")
        )
    return ParsedInput(name, fmt, parsed.records, parsed.problems, parsed.owner)


def _untitled(name: str, record: Record) -> Problem:
    """A record with neither title nor abstract: only an identifier can match it, and it is
    written as `[Untitled]`."""
    what = f" {record.source.id!r}" if record.source.id else ""
    message = f"record{what} has no title or abstract; kept as [Untitled]"
    return Problem(name, record.source.line, "no-title", message)


FORMATS = tuple(_READERS)
