"""CSV / TSV exports of reference managers and spreadsheets.

The delimiter is sniffed (`,` `;` tab `|`); a trailing delimiter is tolerated; headers are
matched case-insensitively to pubdedup's fields, and `--map HEADER=FIELD` adds more.
HTML entities (`Lud&#228;scher`) are decoded.
"""

from __future__ import annotations

import _csv  # the type of csv.reader()
import csv
import html
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from pubdedup.errors import InputError
from pubdedup.model import Problem, ReadResult, Record, Source
from pubdedup.readers.csv_columns import COLUMN_ALIASES, wos_tags
from pubdedup.readers.csv_quotes import DELIMITERS, open_at_end, other_delimiter, swallowed
from pubdedup.readers.csv_record import pages_of_date, row_record


@dataclass(frozen=True, slots=True)
class CsvOptions:
    """User choices: the id column and extra header -> field mappings."""

    id_column: str | None = None
    column_map: Mapping[str, str] = field(default_factory=dict)


def _header_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


_SNIFFED_LINES, _SNIFFED_CHARS = 20, 400


def sniff_delimiter(text: str) -> str:
    """The delimiter of a CSV text, judged on the start of its first lines: csv.Sniffer's
    patterns take quadratic time on a long line (a cell of 40,000 `, ` took 4 s)."""
    lines = text[: _SNIFFED_LINES * 100_000].splitlines()[:_SNIFFED_LINES]
    sample = "\n".join(line[:_SNIFFED_CHARS] for line in lines)
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        header = text.split("\n", 1)[0]
        return max(DELIMITERS, key=header.count)


def looks_like_csv(text: str, options: CsvOptions | None = None) -> bool:
    """True when the first line is a header naming at least a title column: by an alias, by
    the user's `--map HEADER=title`, or as Web of Science's tags do (`TI`)."""
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    names = {_header_key(n.strip('"')) for n in re.split(r"[,;\t|]", header)}
    user = {_header_key(k): v for k, v in (options.column_map if options else {}).items()}
    wos = wos_tags(names)
    return any(user.get(n, COLUMN_ALIASES.get(n, wos.get(n))) == "title" for n in names)


def column_fields(header: list[str], options: CsvOptions) -> dict[int, str]:
    """Column index -> field, from the aliases and the user's mapping."""
    user = {_header_key(k): v for k, v in options.column_map.items()}
    if options.id_column:
        user[_header_key(options.id_column)] = "id"
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    wos = wos_tags({_header_key(name) for name in header})
    # The user's choices first: they win over an alias that matches an earlier column.
    for table in (user, wos, COLUMN_ALIASES, _SECOND_CHOICES):
        for i, name in enumerate(header):
            target = table.get(_header_key(name))
            if target and i not in mapping and target not in taken:
                mapping[i] = target
                taken.add(target)
    return dict(sorted(_users_authors_win(mapping, header, user).items()))


def _users_authors_win(
    mapping: dict[int, str], header: list[str], user: Mapping[str, str]
) -> dict[int, str]:
    """Without the export's full names when the user named the author column: full names,
    read first, would replace the very list the user chose."""
    chosen = {user.get(_header_key(name)) for name in header}
    if "authors" not in chosen or "full_authors" in chosen:
        return mapping
    return {i: f for i, f in mapping.items() if f != "full_authors"}


# Columns read as a field only when no column of the tables above gives it. Zotero's `Type`
# (`Master's thesis`), after its `Item Type` gave the entry type, is BibTeX's own `type` field,
# the kind of thesis or report. `Publication Type` is Embase's kind of document (`Conference
# Abstract`), but in a Web of Science export, before its `Document Type` (`Meeting Abstract`),
# the kind of source (`J`: a journal), which read first made every meeting abstract an article.
_SECOND_CHOICES = {"type": "type", "publication_type": "document_type"}


def _user_columns(options: CsvOptions) -> list[tuple[str, str]]:
    named = [("--map", name) for name in options.column_map]
    return named + ([("--id-column", options.id_column)] if options.id_column else [])


def _clean(value: str) -> str:
    # html.unescape returns a value without `&` as it is: tested here, most cells cost no call.
    if "&" in value:
        value = html.unescape(value)
    return " ".join(value.split())


def _cells_up_to(size: int) -> None:
    """Let csv read a cell as long as the whole text. Its default limit, 128 KiB, stopped the
    reading at a long cell, or at a quote left open before 128 KiB more of the file, and every
    row from there on was lost: a 4,000-row export with one open quote was 'no record'."""
    if size > csv.field_size_limit():
        csv.field_size_limit(size)


def _rows(reader: _csv.Reader, file: str, problems: list[Problem]) -> Iterator[list[str]]:
    """The reader's rows, up to one it cannot parse, which is reported."""
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = f"row not parsed ({exc}); the rest of the file is skipped"
            problems.append(Problem(file, start, "bad-csv", message))
            return
        yield row


def _untitled_columns(
    columns: dict[int, str], header: list[str], file: str, problems: list[Problem]
) -> None:
    """A header with no title or abstract column: with an identifier column its rows can still
    match by DOI or arXiv id (a warning); without one, no row could match anything and each
    would be written as `[Untitled]`, in a library too (an export whose header changed, Web of
    Science's `TI`): the input cannot be read as it is."""
    advice = "; name the title's column with --map HEADER=title"
    if {"doi", "arxiv"} & set(columns.values()):
        problems.append(Problem(file, 1, "no-title-column", "no title or abstract column" + advice))
        return
    message = f"no column read as a title, abstract or identifier (header: {', '.join(header)})"
    raise InputError(message + advice, file=file, line=1)


def read_csv(text: str, file: str, options: CsvOptions | None = None) -> ReadResult:
    """Parse a CSV/TSV export; every data row becomes a record (blank rows are skipped)."""
    options = options or CsvOptions()
    result = ReadResult()
    text = text.lstrip("\ufeff")
    delimiter = sniff_delimiter(text)
    _cells_up_to(len(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = _rows(reader, file, result.problems)
    header = next(rows, [])
    columns = _checked_columns(header, options, file, result.problems)
    table = _Table(file, header, columns, delimiter, result, _id_field(columns))
    last_start = _read_rows(table, reader, rows)
    if table.index and _open_at_last_row(table, text, last_start):
        # Said of a row that swallowed the rows after it, 'closed only on line N' named the
        # file's last line, where no quote closes it.
        said = (last_start, "unclosed-quote")
        result.problems[:] = [p for p in result.problems if (p.line, p.kind) != said]
        message = "a quote opened in this row is never closed: the rest of the file is one cell"
        result.problems.append(Problem(file, last_start, "unclosed-quote", message))
    return result


@dataclass(slots=True)
class _Table:
    """What reading a file's rows shares: its layout, the result so far, the ids seen."""

    file: str
    header: list[str]
    columns: dict[int, str]
    delimiter: str
    result: ReadResult
    id_field: str | None  # the field of the column that names each row: `_id_field`
    index: int = 0  # records read
    first_line_of: dict[str, int] = field(default_factory=dict)  # id -> the line first seen on


def _checked_columns(
    header: list[str], options: CsvOptions, file: str, problems: list[Problem]
) -> dict[int, str]:
    """The header's columns by field; a column the user named and the header lacks, and a
    header without a title or abstract column, are reported."""
    columns = column_fields(header, options)
    header_keys = {_header_key(h) for h in header}
    for option, name in _user_columns(options):
        if _header_key(name) not in header_keys:
            message = f"{option} {name!r}: no such column (header: {', '.join(header)})"
            problems.append(Problem(file, 1, "unknown-column", message, subject=name))
    if "title" not in columns.values() and "abstract" not in columns.values():
        _untitled_columns(columns, header, file, problems)
    return columns


def _read_rows(table: _Table, reader: _csv.Reader, rows: Iterator[list[str]]) -> int:
    """Each data row as a record; returns the line the last row starts on (0: none)."""
    last_start = 0
    line = reader.line_num + 1
    for row in rows:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        misread = _misread_row(table, row, start, line)
        if misread is not None:
            table.result.problems.append(misread)
        # Cells out of place (a quote left open, cells beyond the header): their year says
        # nothing about the record's.
        _add_record(table, row, start, shifted=misread is not None)
        last_start = start
    return last_start


def _misread_row(table: _Table, row: list[str], start: int, line: int) -> Problem | None:
    """A row the file's layout was not read right in: its cells are out of place."""
    header, delimiter = table.header, table.delimiter
    if line - start > 1 and len(row) != len(header) and swallowed(row, header, delimiter):
        # A quoted cell may hold line breaks (an abstract's paragraphs); one that makes the
        # row the wrong length is a quote left open, which swallowed the rows after it.
        message = (
            f"a quote opened in this row is closed only on line {line - 1}: lines {start}-"
            f"{line - 1} were read as one row of {len(row)} cells (header {len(header)});"
            " check the quotes"
        )
        return Problem(table.file, start, "unclosed-quote", message)
    if len(row) == 1 < len(header) and (other := other_delimiter(row[0], delimiter)):
        # A row written with another delimiter than its header's (a hand-edited file, two
        # exports pasted together) is one cell: all of it was read as the first column.
        message = (
            f"row is one cell split by {other!r}, where the header's {len(header)} columns"
            f" are split by {delimiter!r}: all of it was read as {header[0]!r}"
        )
        return Problem(table.file, start, "other-delimiter", message)
    if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
        # Say which cells are lost: a comma in an unquoted title shifts every cell after it.
        message = (
            f"row has {len(row)} cells, header {len(header)}: the cells past the header's"
            f" columns are not read (a delimiter inside a cell that is not quoted?)"
        )
        return Problem(table.file, start, "extra-cells", message)
    return None


def _add_record(table: _Table, row: list[str], start: int, shifted: bool) -> None:
    """The row's record, and a repeated id or a year that holds none reported."""
    record_id = _row_id(table, row, start)
    values = _row_fields(row, table.columns)
    source = Source(table.file, table.index, start, record_id or None, None)
    record = row_record(values, source)
    if record.year is None and not shifted and "year" in values:
        table.result.problems.append(_no_year(table.file, start, values["year"]))
    if record.pages and pages_of_date(values.get("pages", "")):
        table.result.problems.append(_pages_as_date(table.file, start, values["pages"], record))
    table.result.records.append(record)
    table.index += 1


def _row_id(table: _Table, row: list[str], start: int) -> str | None:
    """The row's id, if the file has an id column; one seen before is reported."""
    if not table.id_field:
        return None
    columns = table.columns.items()
    cells = (_clean(row[i]) for i, f in columns if f == table.id_field and i < len(row))
    record_id = next(cells, None)
    if record_id and record_id in table.first_line_of:
        first = table.first_line_of[record_id]
        message = f"repeated id {record_id!r} (first on line {first}); row kept"
        table.result.problems.append(Problem(table.file, start, "repeated-id", message))
    elif record_id:
        table.first_line_of[record_id] = start
    return record_id


def _id_field(columns: dict[int, str]) -> str | None:
    """The field whose column names each row: an id column, else PubMed's PMID, which names
    its CSV's rows however a search is exported again (and passes as `pmid` too)."""
    return next((f for f in ("id", "pmid") if f in columns.values()), None)


def _open_at_last_row(table: _Table, text: str, last_start: int) -> bool:
    """The last row's quote is never closed."""
    flagged = {p.kind for p in table.result.problems}
    # (A row not parsed stopped the reading before the end.)
    return "bad-csv" not in flagged and open_at_end(text, table.delimiter, last_start)


def _row_fields(row: list[str], columns: dict[int, str]) -> dict[str, str]:
    """A row's non-empty cells by field name."""
    return {f: _clean(row[i]) for i, f in columns.items() if i < len(row) and row[i].strip()}


def _pages_as_date(file: str, line: int, value: str, record: Record) -> Problem:
    message = (
        f"pages {value!r} are a spreadsheet's date for the page range {record.pages}"
        " (saved from Excel?); read as that range"
    )
    return Problem(file, line, "pages-as-date", message)


def _no_year(file: str, line: int, value: str) -> Problem:
    message = f"year {value[:40]!r} holds no year (1500-2099); left out"
    return Problem(file, line, "no-year", message)
