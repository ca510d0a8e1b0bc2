"""`pubdedup merge`: options -> config -> pipeline -> writer; data on stdout, messages on stderr."""

from __future__ import annotations

import json
import sys
import time
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

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
from pubdedup.cli.overwrites import (
    check_overwrites,
    keys_replaced,
    output_format,
    output_not_there_yet,
    refuse_other_format,
)
from pubdedup.cli.report import print_problems, print_summary, progress_bars, stats_line
from pubdedup.config import MatchConfig
from pubdedup.decisions import Decisions
from pubdedup.errors import ExitCode, InputError, StrictError
from pubdedup.library import (
    Library,
    LibraryUpdate,
    check_unchanged,
    load_library,
    update_library,
)
from pubdedup.library_sources import page_lists_not_complete
from pubdedup.pipeline import Result, run
from pubdedup.readers import FORMATS, ParsedInput, ReadOptions
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

\b
Environment:
  PUBDEDUP_MAX_INPUT_MB  the largest input read, in MB (default 1000; inf: no limit)
"""


@main.command(help=MERGE_HELP)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", metavar="FILE", help="Write here (atomically) instead of stdout.")
@click.option(
    "-f",
    "--format",
    "out_format",
    type=click.Choice(sorted(WRITERS), case_sensitive=False),
    default=None,
    help="Output format [default: json for -o FILE.json, csl-json for FILE.csl.json, else bibtex].",
)
@click.option(
    "--owner",
    multiple=True,
    metavar="[FILE=]NAME",
    help="Page owner, over the name in the header; FILE= for one input (repeatable).",
)
@click.option(
    "--input-format",
    type=click.Choice(FORMATS, case_sensitive=False),
    help="Skip format detection.",
)
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
    out_format: str | None,
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
    request = _Request(
        inputs=inputs,
        output=output,
        out_format=output_format(out_format, output),
        owner=owner,
        input_format=input_format,
        id_column=id_column,
        column_map=column_map,
        encoding=encoding,
        config_path=config_path,
        keep_versions=keep_versions,
        library=library,
        check=check,
        keymap=keymap,
        ascii=ascii,
        decisions_path=decisions_path,
        fail_on_maybe=fail_on_maybe,
        strict=strict,
        quiet=quiet,
        show_stats=show_stats,
    )
    _merge(request, started)


@dataclass(frozen=True, slots=True)
class _Request:
    """The command line of one `merge`, as click parsed it."""

    inputs: tuple[str, ...]
    output: str | None
    out_format: str
    owner: tuple[str, ...]
    input_format: str | None
    id_column: str | None
    column_map: tuple[str, ...]
    encoding: str | None
    config_path: str | None
    keep_versions: bool
    library: str | None
    check: bool
    keymap: str | None
    ascii: bool
    decisions_path: str | None
    fail_on_maybe: bool
    strict: bool
    quiet: bool
    show_stats: bool


def _merge(request: _Request, started: float) -> None:
    """Check the command line, read, run the pipeline, write, then say how it went."""
    _check_command_line(request)
    config = load_config(request.config_path, keep_versions=request.keep_versions)
    options = _read_options(request)
    _check_before_reading(request)
    loaded, parsed = _read(request, options)
    decisions = load_decisions(request.decisions_path)
    read_seconds = time.perf_counter() - started
    if loaded:
        page_lists_not_complete(loaded.parsed, parsed)
    inputs = [loaded.parsed, *parsed] if loaded else parsed
    result = _run(inputs, config, decisions, request.quiet)
    written = time.perf_counter()
    update = _gather_problems(request, loaded, result)
    _report_problems(request, loaded, result)
    _write(request, result, loaded, update)
    _summarise(request, result, started, read_seconds, written)
    fail_if_maybe_left(result, request.fail_on_maybe, written=not request.check)


def _check_command_line(request: _Request) -> None:
    """Options that do not go together, and outputs that would overwrite an input."""
    _check_combinations(request)
    check_overwrites(
        request.output, request.keymap, request.library, request.decisions_path, request.inputs
    )


def _read_options(request: _Request) -> ReadOptions:
    column_map = parse_column_map(request.column_map)
    csv_options = CsvOptions(id_column=request.id_column, column_map=column_map)
    return ReadOptions(format=request.input_format, csv=csv_options)


def _check_before_reading(request: _Request) -> None:
    if not request.check:
        _check_writable(request.output, request.library, request.keymap)
    if request.encoding is not None:
        check_encoding(request.encoding)


def _read(request: _Request, options: ReadOptions) -> tuple[Library | None, list[ParsedInput]]:
    """The library (if `--into`) and the other inputs."""
    library, encoding = request.library, request.encoding
    # The library first: one that is no library fails the run before any input is read.
    loaded = load_library(library, encoding) if library else None
    # The library named among the inputs too (a glob, `./library.bib`, a link to it) is read
    # once, as the library: read twice, each entry would list itself as a source.
    others = [p for p in request.inputs if not (library and files.same_file(p, library))]
    not_yet = output_not_there_yet(request.output, others)
    if not_yet and request.out_format == "csl-json":
        # Day one would run, and every day after fail: CSL-JSON is read back as nothing.
        raise click.UsageError(
            f"{request.output} is an input, and CSL-JSON is never read back; merge into a"
            " pubdedup JSON or BibTeX file and write the CSL-JSON from it"
        )
    if not_yet:
        others = [p for p in others if p not in not_yet]
        if not request.quiet:
            writes = "--check writes nothing" if request.check else "this run writes it"
            click.echo(f"pubdedup: {request.output}: not there yet; {writes}", err=True)
    parsed = read_inputs(others, options, request.owner, encoding)
    refuse_other_format(request.output, request.out_format, parsed)
    return loaded, parsed


def _run(
    inputs: list[ParsedInput], config: MatchConfig, decisions: Decisions | None, quiet: bool
) -> Result:
    with _progress(quiet) as progress:
        return run(inputs, config, decisions, progress)


def _gather_problems(
    request: _Request, loaded: Library | None, result: Result
) -> LibraryUpdate | None:
    """The library's update, if any; its problems and those of the output join the run's."""
    update = update_library(loaded, result.papers, request.ascii) if loaded else None
    if update:  # a value of a library entry merged into another, dropped: the library's problem
        result.problems.extend(update.problems)
    if request.out_format == "bibtex" and not request.check:
        result.problems.extend(keys_replaced(request.output, result))
    return update


def _report_problems(request: _Request, loaded: Library | None, result: Result) -> None:
    """The problems on stderr; stop here under --strict, or when there is nothing to write."""
    strict = request.strict
    if not request.quiet or (strict and result.problems):  # under --strict: why the run fails
        print_problems(result)
    if strict and result.problems:
        raise StrictError(
            f"{len(result.problems)} input problem(s) and --strict given; nothing written"
        )
    if not loaded and not result.papers:
        # An empty bibliography helps no one, and written over a cron job's last good output it
        # would lose it: an entry the parser refused, a page saved before its list loaded.
        raise InputError("no record in any input; nothing written")


def _write(
    request: _Request, result: Result, loaded: Library | None, update: LibraryUpdate | None
) -> None:
    """The library updated, the output written, or (--check) only compared."""
    out_format, ascii = request.out_format, request.ascii
    if loaded and update is not None:
        _update_library(loaded, update, request.check, request.keymap, request.quiet)
    elif request.check:
        path: str = request.output  # type: ignore[assignment]
        # --check without --into has -o FILE: _check_combinations saw to it
        _check_output(path, _render(result, out_format, ascii), request.quiet)
    elif out_format == "json":  # in pieces: a large output is never one string in memory
        emit(json_chunks(result), request.output)
    else:
        emit(_render(result, out_format, ascii), request.output)


def _summarise(
    request: _Request, result: Result, started: float, read_seconds: float, written: float
) -> None:
    """The summary (on a terminal) and `--stats` on stderr."""
    if not request.quiet and sys.stderr.isatty():
        print_summary(result)
    if request.show_stats:
        now = time.perf_counter()
        stages = {"read": read_seconds, **result.timings, "write": now - written}
        click.echo(stats_line(result, now - started, stages), err=True)


def _progress(quiet: bool) -> AbstractContextManager[ProgressCallback | None]:
    """Progress bars on stderr when it is a terminal and not --quiet; else nothing."""
    return progress_bars() if not quiet and sys.stderr.isatty() else nullcontext()


def _check_combinations(request: _Request) -> None:
    output, out_format, library = request.output, request.out_format, request.library
    check, keymap, ascii = request.check, request.keymap, request.ascii
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
