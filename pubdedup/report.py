"""Messages on stderr: problems as plain lines, the run summary as a small rich table."""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.table import Table

from pubdedup.pipeline import Result


def print_problems(result: Result, stream: TextIO | None = None) -> None:
    """One line per recoverable problem, as `pubdedup: warning: FILE:LINE: message`."""
    stream = stream or sys.stderr
    for problem in result.problems:
        print(f"pubdedup: warning: {problem}", file=stream)


def summary_rows(result: Result) -> list[tuple[str, str]]:
    """The figures of a run, as label/value pairs."""
    pages = sum(1 for parsed in result.inputs if parsed.format == "page")
    merged = sum(1 for p in result.papers if len(p.records) > 1)
    rows = [
        ("inputs read", f"{len(result.inputs)} ({pages} author pages)"),
        ("entries", str(result.record_count)),
        ("papers", str(len(result.papers))),
        ("merged", f"{merged} papers from several entries"),
        ("maybe pairs", f"{len(result.maybe)} (not merged; see JSON 'maybe')"),
        ("problems", str(len(result.problems))),
    ]
    return rows


def print_summary(result: Result, console: Console | None = None) -> None:
    """A short table of the run's figures, on stderr."""
    console = console or Console(stderr=True)
    table = Table(title="pubdedup merge", show_header=False, box=None, padding=(0, 2))
    for label, value in summary_rows(result):
        table.add_row(label, value)
    console.print(table)
