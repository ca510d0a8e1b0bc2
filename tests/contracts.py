"""The contract every reader keeps, checked by the property tests and the fuzz targets.

A reader returns records and problems for any text and raises nothing; each record is well typed,
numbered in input order, and points at a line of the text; so does each problem.
"""

from __future__ import annotations

import re

from pubdedup.model import Problem, ReadResult, Record
from pubdedup.normalize import clean_line
from pubdedup.readers import ParsedInput
from pubdedup.readers.page import NO_OWNER
from pubdedup.readers.page_lines import tidy_line
from pubdedup.readers.page_parts import glued_pages

_OPTIONAL_TEXT = ("title", "venue", "abstract", "doi", "arxiv", "volume", "number", "pages")


def lines_of(text: str) -> int:
    """Lines as editors count them: \\n, \\r\\n and \\r end a line (form feeds etc. do not)."""
    return len(re.split(r"\r\n|\r|\n", text))


def assert_record_types(record: Record) -> None:
    """Every field has the type the later stages rely on."""
    for name in _OPTIONAL_TEXT:
        value = getattr(record, name)
        assert value is None or (isinstance(value, str) and value), (name, value)
    assert isinstance(record.authors, tuple), record.authors
    assert all(isinstance(a, str) and a for a in record.authors), record.authors
    assert record.year is None or type(record.year) is int, record.year
    assert record.entry_type is None or isinstance(record.entry_type, str), record.entry_type
    assert isinstance(record.truncated, bool) and isinstance(record.authors_complete, bool)
    source = record.source
    assert source.id is None or isinstance(source.id, str), source.id
    assert source.owner is None or isinstance(source.owner, str), source.owner


def assert_reader_contract(result: ReadResult | ParsedInput, text: str, file: str) -> None:
    """The records and problems of one read of `text` (named `file`) keep the contract."""
    assert isinstance(result, ReadResult | ParsedInput)
    count = lines_of(text)
    indices = [r.source.index for r in result.records]
    assert indices == sorted(set(indices)), indices  # input order, each once
    for record in result.records:
        assert isinstance(record, Record)
        assert record.source.file == file
        line = record.source.line
        assert line is None or 1 <= line <= count, (line, count)
        assert_record_types(record)
    for problem in result.problems:
        assert isinstance(problem, Problem) and problem.file == file
        assert problem.line is None or 1 <= problem.line <= count, (problem, count)
        assert problem.kind and problem.message


def assert_page_contract(result: ReadResult, text: str, file: str) -> None:
    """The page reader's contract: records numbered 0, 1, 2…, owned by their page's owner, their
    titles and names lines of the text (or halves of a line two pages were glued into), and each
    cut-off abstract reported at its line."""
    assert_reader_contract(result, text, file)
    assert [r.source.index for r in result.records] == list(range(len(result.records)))
    # Lines as the page shows them: a text browser's list bullet and link number left out.
    lines = {tidy_line(clean_line(ln)) for ln in re.split(r"\r\n|\r|\n", text.lstrip("\ufeff"))}
    lines |= {half for line in lines for half in glued_pages(line) or ()}
    owners = page_owners(result)
    for record in result.records:
        assert record.source.owner in owners, (record.source.owner, owners)
        assert record.title is None or record.title in lines, record.title
        assert all(name in lines for name in record.authors), record.authors
    cut = [r.source.line for r in result.records if r.truncated]
    reported = [p.line for p in result.problems if p.kind == "truncated-abstract"]
    assert cut == reported, (cut, reported)


def page_owners(result: ReadResult) -> set[str | None]:
    """The owners a page input credits: its owner, or each of its pages' (`A; B`)."""
    owners = {result.owner}
    for owner in (result.owner or "").split("; "):
        owners.add(None if owner == NO_OWNER else owner)
    return owners
