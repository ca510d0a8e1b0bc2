"""Messages on stderr: problems as plain lines, the run summary as a small rich table."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from pubdedup.pipeline import Result
from pubdedup.readers import PAGE_FORMATS
from pubdedup.scoring import Progress as ProgressCallback

SHOWN_PER_KIND = 20  # warnings of one kind in one file shown before they are counted instead


def print_problems(result: Result, stream: TextIO | None = None) -> None:
    """One line per recoverable problem, as `pubdedup: warning: FILE:LINE: message`; past
    SHOWN_PER_KIND of one kind in one file (a bibliography using 12,000 undefined @strings), a
    count of the rest."""
    stream = stream or sys.stderr
    seen: Counter[tuple[str, str]] = Counter()
    for problem in result.problems:
        seen[problem.file, problem.kind] += 1
        if seen[problem.file, problem.kind] <= SHOWN_PER_KIND:
            print(f"pubdedup: warning: {problem}", file=stream)
    for (file, kind), count in seen.items():
        if count > SHOWN_PER_KIND:
            more = count - SHOWN_PER_KIND
            print(
                f"pubdedup: warning: {file}: {more} more {kind!r} warnings like these"
                " (--format json lists every one under 'problems')",
                file=stream,
            )


def summary_rows(result: Result) -> list[tuple[str, str]]:
    """The figures of a run, as label/value pairs."""
    pages = sum(1 for parsed in result.inputs if parsed.format in PAGE_FORMATS)
    merged = sum(1 for p in result.papers if len(p.records) > 1)
    rows = [
        ("inputs read", f"{len(result.inputs)} ({pages} author page{'' if pages == 1 else 's'})"),
        ("entries", str(result.record_count)),
        ("papers", str(len(result.papers))),
        ("merged", f"{merged} papers from several entries"),
        ("maybe pairs", _maybe_row(result)),
        ("problems", str(len(result.problems))),
    ]
    if "candidate_pairs" in result.stats:
        rows.insert(3, ("pairs compared", f"{result.stats['candidate_pairs']}"))
    return rows


def _maybe_row(result: Result) -> str:
    """The maybe pairs of records, and how many pairs of papers they are between."""
    count = len(result.maybe)
    if not count:
        return "0"
    papers = result.maybe_questions()
    return f"{count} between {papers} pair(s) of papers (not merged; see JSON 'maybe')"


def print_summary(result: Result, console: Console | None = None) -> None:
    """A short table of the run's figures, on stderr."""
    console = console or Console(stderr=True)
    table = Table(title="pubdedup merge", show_header=False, box=None, padding=(0, 2))
    for label, value in summary_rows(result):
        table.add_row(label, value)
    console.print(table)


def stats_line(result: Result, seconds: float, stages: dict[str, float] | None = None) -> str:
    """`--stats`: the run's counts and time on one line, `key=value` separated by spaces; then
    the seconds of each stage (`read=2.41 normalise=5.27 …`), if given: plain numbers, as
    `seconds=` is, for scripts to read."""
    figures: dict[str, int | str]
    figures = {**result.stats, "papers": len(result.papers), "maybe": len(result.maybe)}
    figures["seconds"] = f"{seconds:.2f}"
    figures.update((stage, f"{took:.2f}") for stage, took in (stages or {}).items())
    return "pubdedup: stats: " + " ".join(f"{k}={v}" for k, v in figures.items())


@contextmanager
def progress_bars(console: Console | None = None) -> Iterator[ProgressCallback]:
    """A pipeline progress callback that draws one rich bar per stage, removed when done."""
    columns: tuple[ProgressColumn, ...]
    columns = (SpinnerColumn(), TextColumn("{task.description:<10}"), BarColumn())
    columns += (MofNCompleteColumn(), TimeElapsedColumn())
    bars = Progress(*columns, console=console or Console(stderr=True), transient=True)
    tasks: dict[str, TaskID] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            for task in bars.tasks:  # a new stage: the earlier ones are done
                bars.update(task.id, total=task.total or 1, completed=task.total or 1)
            tasks[stage] = bars.add_task(stage, total=total or None)
        bars.update(tasks[stage], completed=done, total=total or None)

    with bars:
        yield update
