"""What the readers made of each input, before any matching: for `pubdedup parse`.

Shows every record's fields with the line it starts on, and the input's problems, so a person
can see why an entry came out as it did.
"""

from __future__ import annotations

from typing import Any

from pubdedup.model import Record
from pubdedup.readers import ParsedInput
from pubdedup.writers.json_out import problem_dict, source_dict

# Record fields in the order people read an entry; empty ones are left out of the text form.
SHOWN_FIELDS = (
    "title",
    "authors",
    "year",
    "venue",
    "abstract",
    "doi",
    "arxiv",
    "volume",
    "number",
    "pages",
    "entry_type",
)

_SHOWN_OR_ID = frozenset(SHOWN_FIELDS) | {"id", "ID", "author", "journal", "booktitle"}


def record_dict(record: Record) -> dict[str, Any]:
    """One record as read: provenance, every field, and its flags."""
    fields = {name: getattr(record, name) for name in SHOWN_FIELDS}
    fields["authors"] = list(record.authors)
    return {
        **source_dict(record.source),
        **fields,
        "extra": dict(record.extra),
        "truncated": record.truncated,
        "authors_complete": record.authors_complete,
        "authors_cut": record.authors_cut,
        "meeting_abstract": record.meeting_abstract,
    }


def parsed_dict(parsed: ParsedInput) -> dict[str, Any]:
    """One input: detected format, page owner, records and problems."""
    return {
        "file": parsed.name,
        "format": parsed.format,
        "owner": parsed.owner,
        "records": [record_dict(r) for r in parsed.records],
        "problems": [problem_dict(p) for p in parsed.problems],
    }


def input_heading(parsed: ParsedInput) -> str:
    """`FILE: page, owner NAME, 13 records, 1 problem`."""
    owner = f", owner {parsed.owner}" if parsed.owner else ""
    records = _plural(len(parsed.records), "record")
    problems = _plural(len(parsed.problems), "problem")
    return f"{parsed.name}: {parsed.format}{owner}, {records}, {problems}"


def field_lines(record: Record) -> list[tuple[str, str]]:
    """The record's non-empty fields as (name, text) pairs, flags last."""
    data = record_dict(record)
    lines = []
    for name in SHOWN_FIELDS:
        value = data[name]
        if value in (None, [], ""):
            continue
        lines.append((name, "; ".join(value) if isinstance(value, list) else str(value)))
    # Readers keep every raw field in `extra`; only the ones not shown above add anything.
    lines += [(name, value) for name, value in record.extra if name not in _SHOWN_OR_ID]
    if record.truncated:
        lines.append(("truncated", "yes: the abstract is cut off"))
    if record.meeting_abstract is not None:  # the export's document type, read apart
        kind = "yes" if record.meeting_abstract else "no (the export types it as another kind)"
        lines.append(("meeting abstract", kind))
    return lines


def write_parsed_text(inputs: list[ParsedInput]) -> str:
    """Plain text, one field a line: for pipes, files and grep."""
    out = []
    for parsed in inputs:
        out.append(f"== {input_heading(parsed)}")
        for record in parsed.records:
            out.append(record_heading(record))
            out += [f"    {name}: {value}" for name, value in field_lines(record)]
        out += [f"problem: {p}" for p in parsed.problems]
        out.append("")
    return "\n".join(out)


def record_heading(record: Record) -> str:
    """`#3 line 22 id smith2020`: which record this is."""
    source = record.source
    line = f" line {source.line}" if source.line else ""
    ident = f" id {source.id}" if source.id else ""
    return f"#{source.index}{line}{ident}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
