"""Command line: options -> config -> pipeline -> writer; messages on stderr, data on stdout."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import replace

import click

from pubdedup import __version__, files
from pubdedup.config import MatchConfig
from pubdedup.errors import ExitCode, InputError, PubdedupError, StrictError
from pubdedup.pipeline import run
from pubdedup.readers import FORMATS, ParsedInput, ReadOptions, read_text
from pubdedup.readers.csv_in import FIELDS as CSV_FIELDS
from pubdedup.readers.csv_in import CsvOptions
from pubdedup.report import print_problems, print_summary
from pubdedup.schema import output_schema_text
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


class PubdedupGroup(click.Group):
    """Maps pubdedup's exceptions to one-line messages and exit codes, in one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PubdedupError as exc:
            click.echo(f"pubdedup: error: {exc}", err=True)
            ctx.exit(int(exc.exit_code))
        except KeyboardInterrupt:
            click.echo("pubdedup: interrupted", err=True)
            ctx.exit(int(ExitCode.INTERRUPTED))


@click.group(cls=PubdedupGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pubdedup")
def main() -> None:
    """pubdedup: turn scattered publication lists into one clean bibliography."""


def parse_owners(values: Sequence[str]) -> tuple[str | None, dict[str, str]]:
    """`--owner NAME` (every page) and `--owner FILE=NAME` (one page)."""
    default, per_file = None, {}
    for value in values:
        path, sep, name = value.partition("=")
        if sep:
            per_file[path] = name.strip()
        else:
            default = value.strip()
    return default, per_file


def load_config(path: str | None) -> MatchConfig:
    """The matcher config: defaults, overridden by a JSON file if given."""
    if not path:
        return MatchConfig()
    try:
        data = json.loads(files.read_text(path))
        return MatchConfig.from_dict(data.get("config", data))
    except (ValueError, TypeError, AttributeError) as exc:
        raise InputError(f"bad config: {exc}", file=path) from None


def parse_column_map(values: Sequence[str]) -> dict[str, str]:
    """`--map HEADER=FIELD` options as a dict."""
    mapping = {}
    for value in values:
        header, sep, target = value.partition("=")
        if not sep or target.strip() not in CSV_FIELDS:
            fields = ", ".join(sorted(CSV_FIELDS))
            raise click.BadParameter(
                f"{value!r}: expected HEADER=FIELD with FIELD one of {fields}",
                param_hint="--map",
            )
        mapping[header.strip()] = target.strip()
    return mapping


def read_inputs(
    paths: Sequence[str], options: ReadOptions, owners: Sequence[str], encoding: str | None
) -> list[ParsedInput]:
    """Read and parse every input."""
    default_owner, per_file = parse_owners(owners)
    parsed = []
    for path in paths:
        text = files.read_text(path, encoding)
        owner = per_file.get(path, default_owner)
        parsed.append(read_text(text, path, replace(options, owner=owner)))
    return parsed


def emit(text: str, output: str | None) -> None:
    """Write the output document to -o (atomically) or to stdout."""
    if output and output != "-":
        files.write_atomic(output, text)
        return
    sys.stdout.write(text)
    sys.stdout.flush()


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


@main.command()
def schema() -> None:
    """Print the JSON Schema of `merge --format json` output."""
    click.echo(output_schema_text(), nl=False)
