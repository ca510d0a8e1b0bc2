"""The input options `explain`, `review` and `parse` share with `merge`, bundled in one object.

`@input_options()` adds the options to a command and hands it one `InputSpec` instead of eight
loose parameters; the spec reads the inputs, the config and the decisions file.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from pubdedup import files, pipeline
from pubdedup.cli.common import load_config, parse_column_map, read_inputs
from pubdedup.config import MatchConfig
from pubdedup.decisions import Decisions, parse_decisions
from pubdedup.decoding import decode
from pubdedup.errors import MaybePairsLeft
from pubdedup.pipeline import Result
from pubdedup.readers import FORMATS, ParsedInput, ReadOptions
from pubdedup.readers.csv_in import CsvOptions

DECISIONS_HELP = "TOML or JSON file of a person's same/different decisions (see README)."
KEEP_VERSIONS_HELP = (
    "Keep a preprint apart from its published paper; versions are linked as `related`."
)
FAIL_ON_MAYBE_HELP = "Exit 3 (after writing the output) if maybe pairs are left unreviewed."


@dataclass(frozen=True, slots=True)
class InputSpec:
    """How to read the inputs, and which config and decisions to match them with."""

    owner: tuple[str, ...] = ()
    input_format: str | None = None
    id_column: str | None = None
    column_map: tuple[str, ...] = ()
    encoding: str | None = None
    config_path: str | None = None
    decisions_path: str | None = None
    keep_versions: bool = False

    def read(self, paths: Sequence[str]) -> list[ParsedInput]:
        """Read and parse every input."""
        csv = CsvOptions(id_column=self.id_column, column_map=parse_column_map(self.column_map))
        options = ReadOptions(format=self.input_format, csv=csv)
        return read_inputs(paths, options, self.owner, self.encoding)

    def run(self, paths: Sequence[str], *, decisions_may_be_missing: bool = False) -> Result:
        """Read the inputs and deduplicate them with the config and decisions."""
        config: MatchConfig = load_config(self.config_path, keep_versions=self.keep_versions)
        decisions = load_decisions(self.decisions_path, missing_ok=decisions_may_be_missing)
        return pipeline.run(self.read(paths), config, decisions)


def load_decisions(path: str | None, *, missing_ok: bool = False) -> Decisions | None:
    """The decisions file, parsed; an absent file is no decisions only when `missing_ok`."""
    if not path:
        return None
    if missing_ok and not Path(path).exists():
        return Decisions(path)
    return parse_decisions(decode(files.read_bytes(path), path), path)


def fail_if_maybe_left(result: Result, fail_on_maybe: bool, written: bool = True) -> None:
    """`--fail-on-maybe`: exit 3 when pairs are left for a person (decided pairs are not).
    The message says whether the output was written: `--check` writes none."""
    if fail_on_maybe and result.maybe:
        output = "output written" if written else "nothing written (--check)"
        raise MaybePairsLeft(
            f"{len(result.maybe)} maybe pair(s) of records, between "
            f"{result.maybe_questions()} pair(s) of papers, left unreviewed; {output}; "
            "run `pubdedup review` to decide them"
        )


def _reading_options() -> list[Callable]:
    return [
        click.option(
            "--owner",
            multiple=True,
            metavar="[FILE=]NAME",
            help="Page owner, over the name in the header; FILE= for one input (repeatable).",
        ),
        click.option(
            "--input-format",
            type=click.Choice(FORMATS, case_sensitive=False),
            help="Skip format detection.",
        ),
        click.option("--id-column", metavar="HEADER", help="CSV column holding each record's id."),
        click.option(
            "--map",
            "column_map",
            multiple=True,
            metavar="HEADER=FIELD",
            help="Read a CSV column as a field (title, authors, year, venue, ...).",
        ),
        click.option("--encoding", metavar="NAME", help="Decode inputs with this encoding."),
    ]


def _matching_options() -> list[Callable]:
    return [
        click.option(
            "--config",
            "config_path",
            metavar="FILE",
            help="JSON file of matcher thresholds (see README).",
        ),
        click.option("--decisions", "decisions_path", metavar="FILE", help=DECISIONS_HELP),
        click.option("--keep-versions", is_flag=True, help=KEEP_VERSIONS_HELP),
    ]


def input_options(*, matching: bool = True) -> Callable[[Callable], Callable]:
    """Add merge's input options (and, with `matching`, --config and --decisions) as `spec`."""
    options = _reading_options() + (_matching_options() if matching else [])
    names = [
        "owner",
        "input_format",
        "id_column",
        "column_map",
        "encoding",
        *(["config_path", "decisions_path", "keep_versions"] if matching else []),
    ]

    def decorate(command: Callable) -> Callable:
        @functools.wraps(command)
        def with_spec(*args: Any, **kwargs: Any) -> Any:
            spec = InputSpec(**{name: kwargs.pop(name) for name in names})
            return command(*args, spec=spec, **kwargs)

        for option in reversed(options):
            with_spec = option(with_spec)
        return with_spec

    return decorate
