"""Helpers shared by the commands: reading inputs, options, writing output."""

from __future__ import annotations

import codecs
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import replace

import click
from rich.console import Console

from pubdedup import files
from pubdedup.config import MatchConfig
from pubdedup.errors import InputError, invalid_json
from pubdedup.loading import read_files
from pubdedup.model import Problem
from pubdedup.readers import PAGE_FORMATS, ParsedInput, ReadOptions
from pubdedup.readers.csv_columns import FIELDS as CSV_FIELDS


def parse_owners(values: Sequence[str]) -> tuple[str | None, dict[str, str]]:
    """`--owner NAME` (every page) and `--owner FILE=NAME` (one page)."""
    default: str | None = None
    per_file: dict[str, str] = {}
    for value in values:
        path, sep, name = value.partition("=")
        name = (name if sep else value).strip()
        if not name:
            raise click.BadParameter(f"{value!r} names no one", param_hint="--owner")
        if sep and not path.strip():  # `=Foo`: the file was shown as nothing in the message
            message = f"{value!r}: no file before '='; give FILE=NAME, or NAME for every page"
            raise click.BadParameter(message, param_hint="--owner")
        if sep and path in per_file and per_file[path] != name:
            raise click.BadParameter(f"two owners for {path}", param_hint="--owner")
        if not sep and default is not None and default != name:
            message = f"two owners for every page ({default!r}, {name!r}); give FILE=NAME"
            raise click.BadParameter(message, param_hint="--owner")
        if sep:
            per_file[path] = name
        else:
            default = name
    return default, per_file


def load_config(path: str | None, *, keep_versions: bool = False) -> MatchConfig:
    """The matcher config: defaults, overridden by a JSON file if given, then by
    `--keep-versions`."""
    config = _config_file(path)
    return replace(config, keep_versions=True) if keep_versions else config


def _config_file(path: str | None) -> MatchConfig:
    if not path:
        return MatchConfig()
    try:
        data = json.loads(files.read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(f"bad config: {invalid_json(exc)}", file=path, line=exc.lineno) from None
    try:
        # A previous JSON output works too: its settings are under "config".
        settings = data.get("config", data) if isinstance(data, dict) else data
        return MatchConfig.from_dict(settings)
    except ValueError as exc:
        raise InputError(f"bad config: {exc}", file=path) from None


def parse_column_map(values: Sequence[str]) -> dict[str, str]:
    """`--map HEADER=FIELD` options as a dict."""
    mapping = {}
    for value in values:
        header, sep, target = value.partition("=")
        if not sep or not header.strip() or target.strip() not in CSV_FIELDS:
            fields = ", ".join(sorted(CSV_FIELDS))
            raise click.BadParameter(
                f"{value!r}: expected HEADER=FIELD with FIELD one of {fields}",
                param_hint="--map",
            )
        mapping[header.strip()] = target.strip()
    return mapping


def check_encoding(name: str) -> None:
    """`--encoding` names a text encoding Python knows (a typo is a bad command line, exit 2):
    not a codec of bytes to bytes or text to text (`base64`, `rot13`), which decodes no file."""
    try:
        codecs.lookup(name)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {name!r}", param_hint="--encoding") from None
    try:
        b"a".decode(name)  # an empty text is never decoded, nor the codec's kind checked
    except UnicodeError:
        pass  # a text encoding, of which `a` alone is no text (`utf-16`)
    except LookupError:
        message = f"{name!r} is not a text encoding"
        raise click.BadParameter(message, param_hint="--encoding") from None


def read_inputs(
    paths: Sequence[str], options: ReadOptions, owners: Sequence[str], encoding: str | None
) -> list[ParsedInput]:
    """Read and parse every input; one given twice (overlapping globs) is read once."""
    if encoding is not None:
        check_encoding(encoding)
    if list(paths).count("-") > 1:
        raise click.BadParameter("'-' (stdin) given more than once", param_hint="INPUT")
    paths, repeated = _distinct_inputs(paths)
    default_owner, per_file = parse_owners(owners)
    owner_of: dict[str, str] = {}
    for name, owner in per_file.items():
        path = _input_named(name, paths)
        if owner_of.get(path, owner) != owner:  # one file spelt two ways (`a.txt`, `./a.txt`)
            raise click.BadParameter(f"two owners for {path}", param_hint="--owner")
        owner_of[path] = owner
    each = [replace(options, owner=owner_of.get(path, default_owner)) for path in paths]
    parsed = read_files(paths, each, encoding)
    _check_owners_have_pages(parsed, default_owner, owner_of)
    for k, again in repeated.items():
        # A second copy of one file would be papers of one earlier output twice, or every
        # record twice: what a glob overlap (`out/*.json out/latest.json`) gives by mistake.
        message = f"given again as {', '.join(again)}; read once"
        parsed[k].problems.insert(0, Problem(paths[k], None, "repeated-input", message))
    return parsed


def _check_owners_have_pages(
    parsed: list[ParsedInput], default_owner: str | None, owner_of: dict[str, str]
) -> None:
    """An owner given for inputs that are no author pages is a mistake (a BibTeX file named,
    a page saved as something else), not a name to drop without a word: only a page has an
    owner, who becomes an author of every paper on it."""
    for read in parsed:
        if read.name in owner_of and read.format not in PAGE_FORMATS:
            raise click.BadParameter(
                f"{read.name} is read as {read.format}, not an author page; only a page has an"
                " owner",
                param_hint="--owner",
            )
    if default_owner and not any(read.format in PAGE_FORMATS for read in parsed):
        kinds = ", ".join(sorted({read.format for read in parsed}))
        # No input left: `merge --into lib.bib lib.bib` reads the library as the library.
        read_as = f"read as {kinds}" if kinds else "the only input is the --into library"
        raise click.BadParameter(
            f"no input is an author page ({read_as}); only a page has an owner",
            param_hint="--owner",
        )


def _distinct_inputs(paths: Sequence[str]) -> tuple[list[str], dict[int, list[str]]]:
    """The inputs without repeats of one file, and for each kept one the names it came again
    under (one stat per path: a department's thousands of pages stay quick)."""
    kept: list[str] = []
    repeated: dict[int, list[str]] = {}
    seen: dict[object, int] = {}  # each identity of a kept input -> its index in kept
    for path in paths:
        names = _identities(path)
        same = next((seen[n] for n in names if n in seen), None)
        if same is None:
            seen.update(dict.fromkeys(names, len(kept)))
            kept.append(path)
        else:
            repeated.setdefault(same, []).append(path)
    return kept, repeated


def _identities(path: str) -> list[object]:
    """What names one input: its normalised path and, for a file on disk, (device, inode)."""
    names: list[object] = [os.path.normpath(path)]
    if path != "-":
        try:
            info = os.stat(path)
        except OSError:
            return names  # reported when it is read
        names.append((info.st_dev, info.st_ino))
    return names


def _input_named(name: str, paths: Sequence[str]) -> str:
    """The input that `--owner FILE=NAME` means, however FILE is spelt (`./a.txt`, `a.txt`, an
    absolute path); a FILE that is no input is a typo, not a page without an owner."""
    wanted = set(_identities(name))
    for path in paths:
        if wanted.intersection(_identities(path)):
            return path
    raise click.BadParameter(f"{name} is not one of the inputs", param_hint="--owner")


def emit(text: str | Iterable[str], output: str | None) -> None:
    """Write the output document to -o (atomically) or to stdout."""
    if output and output != "-":
        files.write_atomic(output, text)
        return
    files.write_stdout(text)


PIPED_WIDTH = 120


class StdoutConsole(Console):
    """rich's console on stdout, ending like every other output when its reader goes away
    (`pubdedup explain ... | head`): rich's own handler exits with status 1, which means "would
    change" here; a BrokenPipeError lets the CLI exit with the status of SIGPIPE instead."""

    def __init__(self) -> None:
        # Piped or redirected, rich takes 80 columns, and cropped a table wider than that
        # (`explain`'s evidence: `ids` shown as `DOI sa`); a pager or file has room for more.
        # $COLUMNS still decides where it is set.
        piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
        super().__init__(highlight=False, width=PIPED_WIDTH if piped else None)

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError
