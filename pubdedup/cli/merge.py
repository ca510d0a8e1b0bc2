"""`pubdedup merge`: options -> config -> pipeline -> writer; data on stdout, messages on stderr."""

from __future__ import annotations

import sys

import click

from pubdedup.cli.app import main
from pubdedup.cli.common import emit, load_config, parse_column_map, read_inputs
from pubdedup.errors import StrictError
from pubdedup.pipeline import run
from pubdedup.readers import FORMATS, ReadOptions
from pubdedup.readers.csv_in import CsvOptions
from pubdedup.report import print_problems, print_summary
from pubdedup.writers.bibtex import write_bibtex
from pubdedup.writers.json_out import write_json

WRITERS = {"bibtex": write_bibtex, "json": write_json}

MERGE_HELP = """Merge author pages and bibliographies into one deduplicated bibliography.

INPUT is a file path, or - for standard input. Output goes to stdout unless -o is given.

\b
Examples:
  pubdedup merge kolesnikov.txt beyer.txt > refs.bib
  pubdedup merge pages/*.txt --format json -o papers.json
  cat page.txt | pubdedup merge - --owner "Lucas Beyer"

\b
Exit codes:
  0  success            4  an input cannot be read
  2  bad command line   5  the output cannot be written
  6  --strict and an input had problems      130  interrupted
"""



@main.command(help=MERGE_HELP)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", metavar="FILE", help="Write here (atomically) instead of stdout.")
@click.option(
    "-f",
    "--format",
    "out_format",
    type=click.Choice(sorted(WRITERS)),
    default="bibtex",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--owner",
    multiple=True,
    metavar="[FILE=]NAME",
    help="Page owner, for pages whose header lacks it (repeatable).",
)
@click.option("--input-format", type=click.Choice(FORMATS), help="Skip format detection.")
@click.option("--id-column", metavar="HEADER", help="CSV column holding each record's id.")
@click.option(
    "--map",
    "column_map",
    multiple=True,
    metavar="HEADER=FIELD",
    help="Read a CSV column as a field (title, authors, year, venue, ...).",
)
@click.option("--encoding", metavar="NAME", help="Decode inputs with this encoding.")
@click.option(
    "--config", "config_path", metavar="FILE", help="JSON file of matcher thresholds (see README)."
)
@click.option("--strict", is_flag=True, help="Fail (exit 6) if any input has a problem.")
@click.option("-q", "--quiet", is_flag=True, help="No warnings or summary on stderr.")
def merge(
    inputs: tuple[str, ...],
    output: str | None,
    out_format: str,
    owner: tuple[str, ...],
    input_format: str | None,
    id_column: str | None,
    column_map: tuple[str, ...],
    encoding: str | None,
    config_path: str | None,
    strict: bool,
    quiet: bool,
) -> None:
    config = load_config(config_path)
    csv_options = CsvOptions(id_column=id_column, column_map=parse_column_map(column_map))
    options = ReadOptions(format=input_format, csv=csv_options)
    result = run(read_inputs(inputs, options, owner, encoding), config)
    if not quiet:
        print_problems(result)
    if strict and result.problems:
        raise StrictError(
            f"{len(result.problems)} input problem(s) and --strict given; nothing written"
        )
    emit(WRITERS[out_format](result), output)
    if not quiet and sys.stderr.isatty():
        print_summary(result)
