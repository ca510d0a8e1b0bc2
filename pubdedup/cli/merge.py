"""`pubdedup merge`: options -> config -> pipeline -> writer; data on stdout, messages on stderr."""

from __future__ import annotations

import json
import sys
import time
from contextlib import AbstractContextManager, nullcontext

import click

from pubdedup import files
from pubdedup.cli.app import main
from pubdedup.cli.common import (
    check_encoding,
    emit,
    load_config,
    parse_column_map,
    read_inputs,
)
from pubdedup.cli.inputs import (
    DECISIONS_HELP,
    FAIL_ON_MAYBE_HELP,
    KEEP_VERSIONS_HELP,
    fail_if_maybe_left,
    load_decisions,
)
from pubdedup.cli.overwrites import check_overwrites, keys_replaced, refuse_other_format
from pubdedup.cli.report import print_problems, print_summary, progress_bars, stats_line
from pubdedup.errors import ExitCode, InputError, StrictError
from pubdedup.library import (
    Library,
    LibraryUpdate,
    check_unchanged,
    load_library,
    update_library,
)
from pubdedup.pipeline import Result, run
from pubdedup.readers import FORMATS, ReadOptions
from pubdedup.readers.csv_in import CsvOptions
from pubdedup.scoring import Progress as ProgressCallback
from pubdedup.writers.bibtex import write_bibtex
from pubdedup.writers.csl_json import write_csl_json
from pubdedup.writers.json_out import json_chunks, write_json

WRITERS = {"bibtex": write_bibtex, "json": write_json, "csl-json": write_csl_json}

MERGE_HELP = """Merge author pages and bibliographies into one deduplicated bibliography.

INPUT is a file path, or - for standard input. Output goes to stdout unless -o is given.

\b
Examples:
  pubdedup merge kolesnikov.txt beyer.txt > refs.bib
  pubdedup merge pages/*.txt --format json -o papers.json
  cat page.txt | pubdedup merge - --owner "Lucas Beyer"
  pubdedup merge --into library.bib pages/*.txt      # nightly, from cron

\b
Exit codes:
  0  success            4  an input cannot be read, or no input holds a record
  1  --check: the output would change (nothing written)
  2  bad command line   5  the output cannot be written
  3  --fail-on-maybe and maybe pairs are left unreviewed (output written)
  6  --strict and an input had problems      130  interrupted (Ctrl-C)
  141  stdout's reader went away (| head)     143  terminated (SIGTERM)
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
    help="Page owner, over the name in the header; FILE= for one input (repeatable).",
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
@click.option(
    "--keep-versions",
    is_flag=True,
    help=KEEP_VERSIONS_HELP,
)
@click.option(
    "--into",
    "library",
    metavar="LIBRARY.bib",
    help="Update this BibTeX library in place: keys kept, new papers added (for cron).",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 if the output (-o or --into) would change.",
)
@click.option(
    "--keymap",
    metavar="FILE",
    help="With --into: write old -> new keys of merged entries (JSON; - for stdout).",
)
@click.option("--ascii", is_flag=True, help="BibTeX with LaTeX escapes only (classic BibTeX).")
@click.option("--decisions", "decisions_path", metavar="FILE", help=DECISIONS_HELP)
@click.option("--fail-on-maybe", is_flag=True, help=FAIL_ON_MAYBE_HELP)
@click.option("--strict", is_flag=True, help="Fail (exit 6) if any input has a problem.")
@click.option("-q", "--quiet", is_flag=True, help="No warnings or summary on stderr.")
@click.option(
    "--stats", "show_stats", is_flag=True, help="Print the run's counts and time on stderr."
)
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
    keep_versions: bool,
    library: str | None,
    check: bool,
    keymap: str | None,
    ascii: bool,
    decisions_path: str | None,
    fail_on_maybe: bool,
    strict: bool,
    quiet: bool,
    show_stats: bool,
) -> None:
    started = time.perf_counter()
    _check_combinations(output, out_format, library, check, keymap, ascii)
    check_overwrites(output, keymap, library, decisions_path, inputs)
    config = load_config(config_path, keep_versions=keep_versions)
    csv_options = CsvOptions(id_column=id_column, column_map=parse_column_map(column_map))
    options = ReadOptions(format=input_format, csv=csv_options)
    if not check:
        _check_writable(output, library, keymap)
    if encoding:
        check_encoding(encoding)
    # The library first: one that is no library fails the run before any input is read.
    loaded = load_library(library, encoding) if library else None
    # The library named among the inputs too (a glob, `./library.bib`, a link to it) is read
    # once, as the library: read twice, each entry would list itself as a source.
    others = [p for p in inputs if not (library and files.same_file(p, library))]
    parsed = read_inputs(others, options, owner, encoding)
    refuse_other_format(output, out_format, parsed)
    decisions = load_decisions(decisions_path)
    read_seconds = time.perf_counter() - started
    with _progress(quiet) as progress:
        result = run([loaded.parsed, *parsed] if loaded else parsed, config, decisions, progress)
    written = time.perf_counter()
    update = update_library(loaded, result.papers, ascii) if loaded else None
    if update:  # a value of a library entry merged into another, dropped: the library's problem
        result.problems.extend(update.problems)
    if out_format == "bibtex" and not check:
        result.problems.extend(keys_replaced(output, result))
    if not quiet or (strict and result.problems):  # under --strict they are why the run fails
        print_problems(result)
    if strict and result.problems:
        raise StrictError(
            f"{len(result.problems)} input problem(s) and --strict given; nothing written"
        )
    if not loaded and not result.papers:
        # An empty bibliography helps no one, and written over a cron job's last good output it
        # would lose it: an entry the parser refused, a page saved before its list loaded.
        raise InputError("no record in any input; nothing written")
    if loaded and update is not None:
        _update_library(loaded, update, check, keymap, quiet)
    elif check:
        # --check without --into has -o FILE: _check_combinations saw to it
        _check_output(output, _render(result, out_format, ascii), quiet)  # type: ignore[arg-type]
    elif out_format == "json":  # in pieces: a large output is never one string in memory
        emit(json_chunks(result), output)
    else:
        emit(_render(result, out_format, ascii), output)
    if not quiet and sys.stderr.isatty():
        print_summary(result)
    if show_stats:
        now = time.perf_counter()
        stages = {"read": read_seconds, **result.timings, "write": now - written}
        click.echo(stats_line(result, now - started, stages), err=True)
    fail_if_maybe_left(result, fail_on_maybe, written=not check)


def _progress(quiet: bool) -> AbstractContextManager[ProgressCallback | None]:
    """Progress bars on stderr when it is a terminal and not --quiet; else nothing."""
    return progress_bars() if not quiet and sys.stderr.isatty() else nullcontext()


def _check_combinations(
    output: str | None,
    out_format: str,
    library: str | None,
    check: bool,
    keymap: str | None,
    ascii: bool,
) -> None:
    if library and (output or out_format != "bibtex"):
        raise click.UsageError("--into updates a BibTeX library: leave out -o and --format")
    if keymap and not library:
        raise click.UsageError("--keymap needs --into")
    if library == "-":
        raise click.UsageError("--into needs a file: a library is read and rewritten in place")
    if check and not (library or (output and output != "-")):
        raise click.UsageError("--check compares with a file: give -o FILE or --into")
    if ascii and out_format != "bibtex":
        raise click.UsageError("--ascii applies to BibTeX output only")


def _check_writable(*paths: str | None) -> None:
    """Each output file (`-o`, `--into`, `--keymap`) checked before the run, which may take
    minutes on a large input: a missing directory or a read-only file fails it at once."""
    for path in paths:
        if path and path != "-":
            files.check_writable(path)


def _render(result: Result, out_format: str, ascii: bool) -> str:
    if out_format == "bibtex":
        return write_bibtex(result, ascii=ascii)
    return WRITERS[out_format](result)


def _check_output(path: str, text: str, quiet: bool) -> None:
    """`--check -o FILE`: exit 1 when FILE would change; write nothing. The bytes are
    compared: a FILE that is no UTF-8 (an old Latin-1 `refs.bib`) would change, and reading
    it as text ended the run with a traceback."""
    current = files.current_fingerprint(path)
    same = current is not None and current == files.fingerprint(text.encode("utf-8"))
    if not quiet:
        click.echo(f"pubdedup: {path}: {'up to date' if same else 'would change'}", err=True)
    if not same:
        raise click.exceptions.Exit(int(ExitCode.CHANGED))


def _update_library(
    library: Library, update: LibraryUpdate, check: bool, keymap: str | None, quiet: bool
) -> None:
    """`--into`: edit the library in place (atomically), or only say whether it would change."""
    changed = update.text != library.text
    if keymap and keymap != "-" and not check:
        files.check_writable(keymap)  # before the library changes: its key map must not be lost
    if check:
        if not quiet:
            state = f"would change: {update.summary()}" if changed else "up to date"
            click.echo(f"pubdedup: {library.path}: {state}", err=True)
        if changed:
            raise click.exceptions.Exit(int(ExitCode.CHANGED))
        return
    if changed:
        unchanged = lambda: check_unchanged(library)  # noqa: E731
        files.write_atomic(library.path, update.text, unchanged, library.encoding)
    if keymap:  # `-`: stdout, which --into leaves free
        emit(json.dumps(update.keymap, indent=2, sort_keys=True) + "\n", keymap)
    if not quiet:
        state = update.summary() if changed else "up to date"
        click.echo(f"pubdedup: {library.path}: {state}", err=True)
