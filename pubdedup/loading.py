"""Read stage for many inputs: every file read and parsed, on every core when there are several
large ones (a library's nightly export in parts), results in the order the files were given."""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections import Counter
from collections.abc import Sequence

from pubdedup import files, forked
from pubdedup.model import record_from_values, record_values
from pubdedup.readers import ParsedInput, ReadOptions, read_text

PARALLEL_MIN_BYTES = 16 << 20  # below this, forking costs more than it saves


def read_files(
    paths: Sequence[str], options: Sequence[ReadOptions], encoding: str | None = None
) -> list[ParsedInput]:
    """Each path read (`-` is stdin) and parsed with its options, in the order given.

    An input that cannot be read raises its InputError as a serial read would: the first such
    file in the given order, however the files were shared out.
    """

    def here(k: int) -> ParsedInput:
        return _read_one(paths[k], options[k], encoding)

    def received(k: int, answer: tuple | None) -> ParsedInput:
        # A worker that failed says only so: the parent reads the file again to raise the error
        # itself, with the same message and exit code.
        return here(k) if answer is None else _unpacked(answer)

    several = len(paths) > 1 and "-" not in paths  # stdin is read by the parent only
    workers = forked.workers_for(_total_size(paths), PARALLEL_MIN_BYTES) if several else 1
    shared = (paths, options, encoding)
    jobs = range(len(paths))
    parsed = list(forked.interleaved(jobs, here, _remote_read, shared, workers, received))
    _drop_columns_found_elsewhere(parsed)
    return _with_crossrefs_across(parsed, paths, options, encoding)


def _drop_columns_found_elsewhere(parsed: list[ParsedInput]) -> None:
    """`--map` and `--id-column` apply to every CSV input, and exports differ: `--map TI=title`
    for a Web of Science export names no column of a PubMed or Scopus CSV. A column is a typo
    only when no CSV input of the run has it; else the warnings (which fail `--strict`) go."""
    tables = [p for p in parsed if p.format == "csv"]
    lacking: Counter[str | None] = Counter()
    for table in tables:
        lacking.update({p.subject for p in table.problems if p.kind == "unknown-column"})
    found = {name for name, count in lacking.items() if name and count < len(tables)}
    for table in tables:
        table.problems = [
            p for p in table.problems if not (p.kind == "unknown-column" and p.subject in found)
        ]


def _with_crossrefs_across(
    parsed: list[ParsedInput],
    paths: Sequence[str],
    options: Sequence[ReadOptions],
    encoding: str | None,
) -> list[ParsedInput]:
    """BibTeX inputs read again where a `crossref` names an entry of another BibTeX input, as
    BibTeX finds it in any file of one bibliography. Rare, so the files are simply read twice;
    stdin, read once, keeps its warning. Of two inputs with one key, the first given lends."""
    missing = [
        k
        for k, one in enumerate(parsed)
        if paths[k] != "-" and any(p.kind == "crossref-missing" for p in one.problems)
    ]
    if not missing:
        return parsed
    parents: dict[str, dict[str, str]] = {}
    for one in parsed:
        if one.format == "bibtex":
            for record in one.records:
                if record.source.id:
                    parents.setdefault(record.source.id.lower(), dict(record.extra))
    for k in missing:
        with_parents = dataclasses.replace(options[k], crossref_parents=parents)
        parsed[k] = _read_one(paths[k], with_parents, encoding)
    return parsed


def _remote_read(k: int) -> tuple | None:
    """In a worker: one input read and parsed, as plain values (None if it cannot be read)."""
    paths, options, encoding = forked.shared()
    try:
        parsed = _read_one(paths[k], options[k], encoding)
    except Exception:  # noqa: BLE001 - the parent reads it again and reports the error
        return None
    return _packed(parsed)


def _read_one(path: str, options: ReadOptions, encoding: str | None) -> ParsedInput:
    text, note = files.read_text_noting(path, encoding)
    parsed = read_text(text, path, options)
    if note is not None:
        parsed.problems.insert(0, note)
    return parsed


def _packed(parsed: ParsedInput) -> tuple:
    """A parsed input as tuples (model.record_values)."""
    records = [record_values(r) for r in parsed.records]
    return parsed.name, parsed.format, records, parsed.problems, parsed.owner


def _unpacked(packed: tuple) -> ParsedInput:
    name, fmt, records, problems, owner = packed
    return ParsedInput(name, fmt, [record_from_values(r) for r in records], problems, owner)


def _total_size(paths: Sequence[str]) -> int:
    """Bytes in all inputs; 0 for one that cannot be read (its error comes when it is read)."""
    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += os.path.getsize(path)
    return total
