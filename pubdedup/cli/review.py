"""`pubdedup review`: ask a person about each maybe pair; append the answers to a decisions file."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pubdedup import files
from pubdedup.cli.app import main
from pubdedup.cli.common import StdoutConsole
from pubdedup.cli.inputs import InputSpec, input_options
from pubdedup.cli.report import print_problems
from pubdedup.decisions import DIFFERENT, SAME, Decision, ref_of, with_appended
from pubdedup.decoding import decode
from pubdedup.errors import InputError
from pubdedup.explain import decided_by, evidence_cells, source_label
from pubdedup.model import Link, Record

REVIEW_HELP = """Decide the maybe pairs one by one; the answers go to the decisions file.

Each pair is shown side by side with the evidence; answer s(ame) or y(es), d(ifferent) or
n(o), k (skip) or q(uit). Every answer is appended to --decisions FILE at once (created if
missing), and every later run given --decisions FILE (merge, explain, review) follows it.
Pairs already decided there are not asked again.

\b
Examples:
  pubdedup review pages/*.txt --decisions decisions.toml
  pubdedup review pages/*.txt --decisions decisions.toml --reject-all
"""

ANSWERS = {"s": SAME, "same": SAME, "d": DIFFERENT, "different": DIFFERENT}
# The prompt asks a yes-no question ("Same paper?"): `y` was refused as no answer.
ANSWERS |= {"y": SAME, "yes": SAME, "n": DIFFERENT, "no": DIFFERENT}
ANSWERS |= {"k": "skip", "skip": "skip", "q": "quit", "quit": "quit"}
PROMPT = "Same paper? [s]ame, [d]ifferent, s[k]ip, [q]uit"
SHOWN_ABSTRACT_CHARS = 600  # enough to judge; a whole abstract pushes the other record away


@main.command(help=REVIEW_HELP)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@input_options()
@click.option("--accept-all", is_flag=True, help="Decide every maybe pair 'same', unasked.")
@click.option("--reject-all", is_flag=True, help="Decide every maybe pair 'different', unasked.")
@click.option("-q", "--quiet", is_flag=True, help="No warnings on stderr.")
def review(
    inputs: tuple[str, ...], spec: InputSpec, accept_all: bool, reject_all: bool, quiet: bool
) -> None:
    if not spec.decisions_path:
        raise click.UsageError("review needs --decisions FILE to write the answers to")
    if accept_all and reject_all:
        raise click.UsageError("--accept-all and --reject-all cannot both be given")
    if not (accept_all or reject_all):
        _require_a_dialogue(inputs)
    if spec.decisions_path == "-":  # read from stdin, the answers would go to a file named -
        raise click.UsageError("review writes its answers to --decisions FILE: give a file, not -")
    files.check_writable(spec.decisions_path)  # before the run, and before anyone answers
    result = spec.run(inputs, decisions_may_be_missing=True)
    if not quiet:
        print_problems(result)
    records = {r.source: r for paper in result.papers for r in paper.records}
    if accept_all or reject_all:
        verdict = SAME if accept_all else DIFFERENT
        path = spec.decisions_path
        decisions = [_decision(verdict, link, records, path) for link in result.maybe]
        _append(path, decisions)
        counts = Counter(d.verdict for d in decisions)
    else:
        answered = Answered(result.paper_of())
        counts = _ask_each(result.maybe, records, spec.decisions_path, answered)
    created = _create_if_missing(spec.decisions_path)
    _summary(counts, len(result.maybe), spec.decisions_path, created)


def _require_a_dialogue(inputs: tuple[str, ...]) -> None:
    """Asking needs stdin for the answers and stdout for the pairs: checked before the run,
    as input() would fail with a traceback once the first pair is shown."""
    if "-" in inputs:
        raise click.UsageError("review reads its answers from stdin: give the inputs as files")
    if sys.stdin is None:  # started with stdin closed (`<&-`)
        message = "standard input is closed; review reads its answers there"
        raise InputError(f"{message} (or give --accept-all or --reject-all)", file="-")
    files.require_stdout()


class Answered:
    """What the answers so far settle: papers said to be one, and pairs of them said to differ.

    A pair between two papers already said to be one (or different) is not asked: asking again
    only invites an answer that contradicts the first.
    """

    def __init__(self, paper_of: dict) -> None:
        self.paper_of = paper_of  # Source -> index of its paper in this run
        self.parent: dict[int, int] = {}
        self.apart: set[tuple[int, int]] = set()

    def _root(self, paper: int) -> int:
        while self.parent.get(paper, paper) != paper:
            paper = self.parent[paper]
        return paper

    def _roots(self, link: Link) -> tuple[int, int]:
        a, b = self._root(self.paper_of[link.a]), self._root(self.paper_of[link.b])
        return (a, b) if a <= b else (b, a)

    def settled(self, link: Link) -> str | None:
        a, b = self._roots(link)
        return SAME if a == b else DIFFERENT if (a, b) in self.apart else None

    def record(self, link: Link, answer: str) -> None:
        a, b = self._roots(link)
        if answer == DIFFERENT:
            self.apart.add((a, b))
        elif answer == SAME and a != b:
            self.parent[b] = a
            # each pair's two roots, sorted: still a pair
            self.apart = {tuple(sorted(self._root(x) for x in pair)) for pair in self.apart}  # type: ignore[misc]


def _ask_each(maybe: list[Link], records: dict, path: str, answered: Answered) -> Counter:
    """Show each pair and ask; every answer is written at once, so quitting loses nothing."""
    console = StdoutConsole()
    counts: Counter = Counter()
    asking = True
    for number, link in enumerate(maybe, 1):
        implied = answered.settled(link)
        if implied:  # written too, so that later runs find the pair decided
            counts[implied] += 1
            counts["implied"] += 1
            why = "implied by earlier answers"
            _append(path, [_decision(implied, link, records, path, why)])
            continue
        if not asking:
            continue
        show_pair(link, records, f"Maybe pair {number} of {len(maybe)}", console)
        answer = _ask()
        if answer == "quit":
            # The pairs after this one that the answers given settle are still written as
            # implied: else the summary would count them undecided, where merge does not.
            asking = False
            continue
        counts[answer] += 1
        if answer != "skip":
            answered.record(link, answer)
            _append(path, [_decision(answer, link, records, path)])
    return counts


def _ask() -> str:
    try:
        reply = click.prompt(
            PROMPT, type=click.Choice(sorted(ANSWERS), case_sensitive=False), show_choices=False
        )
    except click.Abort:  # end of input or Ctrl-D: stop, keeping the answers given so far
        click.echo()
        return "quit"
    return ANSWERS[reply.lower()]


def show_pair(link: Link, records: dict, heading: str, console: Console) -> None:
    """The two records side by side, then what the matcher found."""
    a, b = records[link.a], records[link.b]
    console.print(escape(heading), soft_wrap=True)  # unpadded: no trailing spaces in a pipe
    table = Table(show_lines=True)
    table.add_column("")
    table.add_column("A", ratio=1, overflow="fold")
    table.add_column("B", ratio=1, overflow="fold")
    for label, value in _rows(a, b):
        table.add_row(label, *map(escape, value))
    console.print(table)
    cells = evidence_cells(link.evidence)
    fields = ", ".join(f"{name} {text}" for name, text in cells.items())
    console.print(escape(f"Matcher: {decided_by(link)}\nEvidence: {fields}"))


def _rows(a: Record, b: Record) -> list[tuple[str, tuple[str, str]]]:
    def both(get: Callable[[Record], str | None]) -> tuple[str, str]:
        return (get(a) or "-", get(b) or "-")

    return [
        ("record", both(lambda r: source_label(r.source))),
        ("title", both(lambda r: r.title)),
        ("authors", both(lambda r: "; ".join(r.authors + _owner(r)))),
        ("year", both(lambda r: str(r.year) if r.year else None)),
        ("venue", both(lambda r: r.venue)),
        ("abstract", both(lambda r: _shortened(r.abstract))),
    ]


def _owner(record: Record) -> tuple[str, ...]:
    owner = record.source.owner
    return (f"{owner} (page owner)",) if owner and owner not in record.authors else ()


def _shortened(text: str | None) -> str | None:
    if not text or len(text) <= SHOWN_ABSTRACT_CHARS:
        return text
    return text[:SHOWN_ABSTRACT_CHARS].rsplit(" ", 1)[0] + " ..."


def _decision(
    verdict: str, link: Link, records: dict, path: str, why: str = "reviewed"
) -> Decision:
    """A decision on a pair; its records' files are paths from the decisions file (at `path`)."""
    refs = (ref_of(records[link.a], path), ref_of(records[link.b], path))
    return Decision(verdict, refs, note=f"{why}; matcher said {decided_by(link)}")


def _append(path: str, decisions: list[Decision]) -> None:
    if not decisions:
        return
    text = decode(files.read_bytes(path), path) if Path(path).exists() else ""
    files.write_atomic(path, with_appended(text, path, decisions))


def _create_if_missing(path: str) -> bool:
    """Write a decisions file with no decisions where none is yet (no pair, or none answered
    before `q`), as the help promises: the next `merge --decisions FILE` then runs, where a
    missing file is an error."""
    if Path(path).exists():
        return False
    files.write_atomic(path, with_appended("", path, []))
    return True


def _summary(counts: Counter, total: int, path: str, created: bool) -> None:
    if not total:
        made = f"; {path} written with no decisions" if created else ""
        click.echo(f"No maybe pairs to review{made}.", err=True)
        return
    decided = counts[SAME] + counts[DIFFERENT]
    left = total - decided
    implied = f", {counts['implied']} implied by earlier answers" if counts["implied"] else ""
    click.echo(
        f"pubdedup: {decided} decision(s) written to {path} ({counts[SAME]} same, "
        f"{counts[DIFFERENT]} different{implied}); {left} pair(s) left undecided",
        err=True,
    )
