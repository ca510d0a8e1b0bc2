"""`pubdedup explain`: for each merged paper, its records and why they were joined; then maybes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from string import ascii_uppercase
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pubdedup import files
from pubdedup.cli.app import main
from pubdedup.cli.common import StdoutConsole, emit
from pubdedup.cli.inputs import InputSpec, input_options
from pubdedup.cli.report import print_problems
from pubdedup.explain import evidence_cells, explain_dict, source_label
from pubdedup.model import Source

EXPLAIN_HELP = """Explain merges: each merged paper's records and the evidence of every link.

For every paper built from several records: the records, and for each link between two of them
the rule that decided, the threshold it cleared and the field similarities (title, abstract,
authors, year, identifiers). Then the "maybe" pairs: close to the threshold, not merged.

\b
Examples:
  pubdedup explain kolesnikov.txt beyer.txt
  pubdedup explain pages/*.txt --paper djolonga2021robustness
  pubdedup explain pages/*.txt --format json | jq '.maybe'
"""

FIELDS = ("title", "abstract", "authors", "year", "ids")
SOURCE_FIELDS = ("file", "index", "line", "id", "owner")


@main.command(help=EXPLAIN_HELP)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@input_options()
@click.option(
    "-f",
    "--format",
    "out_format",
    type=click.Choice(["table", "json"], case_sensitive=False),
    default="table",
    show_default=True,
    help="Tables for people, or JSON for scripts.",
)
@click.option("--paper", "paper_key", metavar="KEY", help="Explain this paper only.")
@click.option("-q", "--quiet", is_flag=True, help="No warnings on stderr.")
def explain(
    inputs: tuple[str, ...], spec: InputSpec, out_format: str, paper_key: str | None, quiet: bool
) -> None:
    result = spec.run(inputs)
    if not quiet:
        print_problems(result)
    if paper_key and paper_key not in {p.key for p in result.papers}:
        raise click.BadParameter(f"no paper has the key {paper_key!r}", param_hint="--paper")
    doc = explain_dict(result, paper_key)
    if out_format == "json":
        emit(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", None)
        return
    files.require_stdout()
    print_explanation(doc, StdoutConsole())


def print_explanation(doc: dict[str, Any], console: Console) -> None:
    """Every explained paper as two tables (records, links), then the maybe pairs."""
    if not doc["papers"]:
        console.print("No paper was merged from several records.")
    for paper in doc["papers"]:
        print_paper(paper, console)
    print_maybe(doc["maybe"], console)
    print_kept_apart(doc["kept_apart"], console)
    if doc["decided_apart"]:
        _print_pairs(doc["decided_apart"], "Decided apart", "a person's decision", console)


def print_paper(paper: dict[str, Any], console: Console) -> None:
    """One paper: a table of its records, lettered, and a table of the links between them."""
    title = f"[bold]{escape(paper['key'])}[/]: {escape(paper['title'])}"
    records = _records_table()
    letters = {}
    for letter, record in zip(_letters(), paper["records"], strict=False):
        letters[(record["file"], record["index"])] = letter
        records.add_row(letter, _where(record), escape(record["label"]))
    console.print(title, soft_wrap=True)
    console.print(records)
    if not paper["links"]:
        return
    links = _evidence_table("link")
    for link, sign in [*((k, "=") for k in paper["links"]), *((k, "~") for k in paper["forgiven"])]:
        pair = f"{letters[_key(link['a'])]} {sign} {letters[_key(link['b'])]}"
        links.add_row(pair, escape(link["decided_by"]), *_cells(link))
    console.print(links)
    console.print()


def print_maybe(maybe: list[dict[str, Any]], console: Console) -> None:
    """Each pair left for a person: its two records, then the evidence."""
    if not maybe:
        console.print("No maybe pairs.")
        return
    # Not "below the threshold": a title-in-abstract pair (no name) or one a veto refused may
    # clear it, and the table under the heading says so.
    _print_pairs(maybe, "Maybe pair", "not merged, left for a person to decide", console)


def print_kept_apart(kept: list[dict[str, Any]], console: Console) -> None:
    """Each pair of papers kept apart as versions of one work (linked as `related`)."""
    if kept:
        _print_pairs(kept, "Kept apart", "versions of one work, linked as related", console)


def _print_pairs(pairs: list[dict[str, Any]], name: str, why: str, console: Console) -> None:
    for number, link in enumerate(pairs, 1):
        title = f"[bold]{name} {number} of {len(pairs)}[/]: {why}"
        records = _records_table(paper_column=True)
        for letter, side in (("A", "a"), ("B", "b")):
            paper, label = escape(link[f"{side}_paper"]), escape(link[f"{side}_label"])
            records.add_row(letter, _where(link[side]), paper, label)
        console.print(title, soft_wrap=True)
        console.print(records)
        evidence = _evidence_table("pair")
        evidence.add_row("A ? B", escape(link["decided_by"]), *_cells(link))
        console.print(evidence)
        console.print()


def _records_table(*, paper_column: bool = False) -> Table:
    # The heading is printed on its own line (soft-wrapped: one line in a pipe, for grep): a
    # table's title is padded to the table's width, which a file or a pipe keeps as trailing spaces.
    table = Table()
    table.add_column("")
    table.add_column("record", overflow="fold")
    if paper_column:
        table.add_column("now in paper", overflow="fold")
    table.add_column("title (or abstract)")
    return table


def _evidence_table(first: str) -> Table:
    table = Table()
    table.add_column(first, overflow="fold")
    table.add_column("decided by", overflow="fold", min_width=22)
    for name in FIELDS:
        table.add_column(name)
    return table


def _cells(link: dict[str, Any]) -> list[str]:
    cells = evidence_cells(link["evidence"])
    return [escape(cells[name]) for name in FIELDS]


def _where(source: dict[str, Any]) -> str:
    return escape(source_label(Source(**{k: source[k] for k in SOURCE_FIELDS})))


def _key(source: dict[str, Any]) -> tuple[str, int]:
    return (source["file"], source["index"])


def _letters() -> Iterator[str]:
    """A, B, … Z, then AA, AB, …: short names for a paper's records within its tables."""
    yield from ascii_uppercase
    for first in ascii_uppercase:
        for second in ascii_uppercase:
            yield first + second
