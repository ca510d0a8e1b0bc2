"""`pubdedup parse`: show what was read from each input, before any matching."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pubdedup import files
from pubdedup.cli.app import main
from pubdedup.cli.common import StdoutConsole, emit
from pubdedup.cli.inputs import InputSpec, input_options
from pubdedup.model import Record
from pubdedup.readers import ParsedInput
from pubdedup.writers.parsed import field_lines, input_heading, parsed_dict, write_parsed_text

PARSE_HELP = """Show what was read from each input: records, their fields and lines, problems.

Use it to see why an entry came out as it did (a title taken for an author, an abstract cut off).
A table on a terminal, plain text (one field a line) otherwise, or JSON with --format json.

\b
Examples:
  pubdedup parse kolesnikov.txt
  pubdedup parse refs.csv --id-column Key --format json
"""

TABLE_VALUE_CHARS = 300  # longer values (abstracts) are cut in the table; text and JSON keep all


@main.command(help=PARSE_HELP)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@input_options(matching=False)
@click.option(
    "-f",
    "--format",
    "out_format",
    type=click.Choice(["table", "text", "json"], case_sensitive=False),
    help="Output form  [default: table on a terminal, else text]",
)
def parse(inputs: tuple[str, ...], spec: InputSpec, out_format: str | None) -> None:
    parsed = spec.read(inputs)
    files.require_stdout()
    out_format = out_format or ("table" if sys.stdout.isatty() else "text")
    if out_format == "json":
        doc = {"inputs": [parsed_dict(p) for p in parsed]}
        emit(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", None)
    elif out_format == "text":
        emit(write_parsed_text(parsed), None)
    else:
        console = StdoutConsole()
        for one in parsed:
            print_parsed(one, console)


def print_parsed(parsed: ParsedInput, console: Console) -> None:
    """One input as a table: a row per record, its fields one a line; then its problems."""
    # The heading on a line of its own: a table's title is padded to the table's width, which a
    # file or a pipe keeps as trailing spaces; soft-wrapped, a long path stays one line for grep.
    console.print(escape(input_heading(parsed)), soft_wrap=True)
    table = Table(show_lines=True)
    table.add_column("record", no_wrap=True)
    table.add_column("fields", overflow="fold")
    for record in parsed.records:
        fields = [f"[bold]{name}[/]: {escape(_cut(value))}" for name, value in field_lines(record)]
        table.add_row(_record_cell(record), "\n".join(fields) or "-")
    console.print(table)
    for problem in parsed.problems:
        console.print(f"[yellow]problem[/]: {escape(str(problem))}")


def _record_cell(record: Record) -> str:
    """`#3`, then its line and id on lines of their own: the column stays narrow."""
    source = record.source
    parts = [f"#{source.index}"]
    if source.line:
        parts.append(f"line {source.line}")
    if source.id:
        parts.append(f"id {source.id}")
    return escape("\n".join(parts))


def _cut(value: str) -> str:
    if len(value) <= TABLE_VALUE_CHARS:
        return value
    return value[:TABLE_VALUE_CHARS].rsplit(" ", 1)[0] + " ..."
