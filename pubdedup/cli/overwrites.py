"""Outputs that name a file the run reads: refused when the file must survive the run, and a
warning when a BibTeX input is rewritten in place with other keys."""

from __future__ import annotations

import os

import click

from pubdedup import files
from pubdedup.model import Problem
from pubdedup.pipeline import Result
from pubdedup.readers import ParsedInput, format_by_extension

# The input format each output format is read back as: `-o` may name such an input (an
# earlier output merged again), not another kind, which the output would destroy. CSL-JSON is
# read back as nothing: over pubdedup's JSON it left a file no run reads.
_READ_BACK = {"bibtex": "bibtex", "json": "json"}
KEYS_SHOWN = 3  # replaced keys a warning names


_CSL_NAMES = (".csl.json", ".csljson")


def output_format(given: str | None, output: str | None) -> str:
    """The output's format: as given, else as `-o`'s name says (`refs.json`: JSON), else
    BibTeX. A format the name contradicts (`-o refs.bib -f json`) is refused: a LaTeX run or
    the next merge would read the file as what its name says, and fail on it."""
    named = _named_format(output)
    if given is None:
        return named or "bibtex"
    given = given.lower()
    # JSON and CSL-JSON are both .json, but a .csl.json name says CSL-JSON alone.
    if named and (_EXTENSION[given] != _EXTENSION[named] or given != named == "csl-json"):
        raise click.UsageError(
            f"-o {output} names a {_KIND[named]} file, and --format {given} writes "
            f"{_KIND[given]}; leave out --format, or name the file .{_EXTENSION[given]}"
        )
    return given


_KIND = {"bibtex": "BibTeX", "json": "JSON", "csl-json": "CSL-JSON"}
_EXTENSION = {"bibtex": "bib", "json": "json", "csl-json": "json"}


def _named_format(output: str | None) -> str | None:
    if not output or output == "-":
        return None
    if output.lower().endswith(_CSL_NAMES):
        return "csl-json"
    named = format_by_extension(output)  # as an input of that name is read: `refs.json` JSON
    return named if named in _KIND else None


def check_overwrites(
    output: str | None,
    keymap: str | None,
    library: str | None,
    decisions: str | None,
    inputs: tuple[str, ...],
) -> None:
    """No output names a file that must survive the run: `--into lib.bib --keymap lib.bib`
    updated the library, then wrote the key map's JSON over it (every entry lost), and `-o`
    naming the `--decisions` file replaced a person's answers with the bibliography. (`-o`
    may name an input: an earlier output merged again.)"""
    kept = [(library, "the --into library"), (decisions, "the --decisions file")]
    _refuse_overwrite("--keymap", keymap, [*kept, *((p, "an input") for p in inputs)])
    _refuse_overwrite("-o", output, kept[1:])


def _refuse_overwrite(option: str, path: str | None, kept: list[tuple[str | None, str]]) -> None:
    if not path or path == "-":
        return
    for other, named in kept:
        if other and files.same_file(path, other):
            raise click.UsageError(f"{option} {path} is {named}; the output would replace it")


def refuse_other_format(output: str | None, out_format: str, parsed: list[ParsedInput]) -> None:
    """`-o` naming an input of another kind than the output (`refs.bib` with `--format json`,
    a page's `.txt`): the input would be lost, replaced by what it cannot be read as again."""
    for read in _inputs_named(output, parsed):
        if read.format != _READ_BACK.get(out_format):
            raise click.UsageError(
                f"-o {output} is an input ({read.format}); the {out_format} output would replace it"
            )


def keys_replaced(output: str | None, result: Result) -> list[Problem]:
    """A warning when `-o` names a BibTeX input whose entries' keys the output replaces (a
    person's library merged in place): documents citing the old keys break, where `--into`
    keeps every key. None for pubdedup's own BibTeX merged again, whose keys are its own."""
    names = {read.name for read in _inputs_named(output, result.inputs)}
    if not names or output is None:
        return []
    replaced = sorted(
        (r.source.id, paper.key)
        for paper in result.papers
        for r in paper.records
        if r.source.file in names and r.source.id and r.source.id != paper.key
    )
    if not replaced:
        return []
    shown = ", ".join(f"{old} -> {new}" for old, new in replaced[:KEYS_SHOWN])
    more = ", …" if len(replaced) > KEYS_SHOWN else ""
    message = (
        f"-o names this input, and {len(replaced)} of its keys are replaced ({shown}{more});"
        f" `--into {output}` updates it in place and keeps every key"
    )
    return [Problem(output, None, "keys-replaced", message)]


def _inputs_named(output: str | None, parsed: list[ParsedInput]) -> list[ParsedInput]:
    if not output or output == "-":
        return []
    return [read for read in parsed if read.name != "-" and files.same_file(output, read.name)]


def output_not_there_yet(output: str | None, inputs: list[str]) -> list[str]:
    """The inputs that name `-o`'s file when the file is not there yet: the first run of a
    routine that merges its output again (`merge out.json pages/*.txt -o out.json`) has none
    to merge, as `--into` creates its library on the first run. Not there, it failed that run
    (exit 4), and a cron job needed another command for its first day. A link to a file not
    there (`lexists`) is no output not there yet: what it names may be somewhere else."""
    if not output or output == "-" or os.path.lexists(output):
        return []
    target = os.path.realpath(output)
    return [p for p in inputs if p != "-" and os.path.realpath(p) == target]
