#!/usr/bin/env python3
"""Time pubdedup on pathological field values: long runs that make a careless regex quadratic.

    python bench/pathological.py [--size CHARS] [--limit SECONDS]

Each shape (a run of spaces, of `(`, of digits, …) is put, `--size` characters long, into each
field of a record, and the record's features are computed; so is a one-record CSV and BibTeX
file with it, read; its paper is written as BibTeX (plain and `--ascii`) and CSL-JSON; the
slowest cases are listed. Then the CLI merges a CSV of all those
records. Exit status 1 when any one record takes longer than `--limit` seconds, or the merge
fails. A run of spaces once cost 50 s in one author's name, and `, , , …` 66 s in a CSV's.
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pubdedup.features import features_of  # noqa: E402
from pubdedup.merge import merge_records  # noqa: E402
from pubdedup.model import Record, Source  # noqa: E402
from pubdedup.readers import ReadOptions, read_text  # noqa: E402
from pubdedup.writers.bibtex import to_entry  # noqa: E402
from pubdedup.writers.csl_json import csl_item  # noqa: E402

FIELDS = ("title", "authors", "venue", "pages", "volume", "abstract")


def shapes(size: int) -> dict[str, str]:
    """Long runs of what the readers' and features' patterns look for, by name."""
    runs = {
        "spaces": "a b c" + " " * size + "x",
        "mixed whitespace": "a b c" + "\t \n" * (size // 3),
        "open parentheses": "(" * size + "x",
        "parenthesis then spaces": "x (" + " " * size + "y",
        "spaced parentheses": "x (a" + " (" * (size // 2),
        "words and parentheses": "x " + "a (" * (size // 3),
        "nested year citations": "x " + "((2009) " * (size // 8),
        "digits": "x " + "1" * size,
        "digits and dashes": "x " + "1-" * (size // 2),
        "dashes": "x " + "-" * size,
        "hyphenated words": "x " + "a-" * (size // 2),
        "hyphenated capitals": "x " + "aB-" * (size // 3),
        "full stops": "x " + ". " * (size // 2) + "2001 1",
        "open brackets": "x" + "[" * size,
        "bracket pairs": "[a] " * (size // 4),
        "colons": "Title: " + ": " * (size // 2) + "reply",
        "commas": "x " + ", " * (size // 2),
        "semicolons": "Smith J" + " ;" * (size // 2),
        "quotes": "x " + "'" * size,
        "Greek letters": "\u03b1" * size,
        # An accent on an accent: pylatexenc doubled the marks at each level (2**depth).
        "nested accents": "\\b{" * (size // 4) + "x" + "}" * (size // 4),
        "initials": "A. " * (size // 3),
    }
    return runs


def record(field: str, value: str, index: int) -> Record:
    base = {"title": "A normal title of a paper", "authors": ("Doe, Jane",), "year": 2001}
    if field == "authors":
        base["authors"] = (value,)
    else:
        base[field] = value
    return Record(source=Source("pathological.csv", index, index + 2), **base)


def time_features(size: int) -> list[tuple[float, str, str]]:
    timings = []
    for field in FIELDS:
        for n, (name, value) in enumerate(shapes(size).items()):
            start = time.perf_counter()
            features_of(record(field, value, n))
            timings.append((time.perf_counter() - start, field, name))
    return sorted(timings, reverse=True)


def time_writing(size: int) -> list[tuple[float, str, str]]:
    """Each record's paper written as a BibTeX entry (UTF-8 and ASCII) and a CSL-JSON item:
    the writers' patterns (a title's acronyms braced, dashes) meet every shape too."""
    timings = []
    for field in FIELDS:
        for n, (name, value) in enumerate(shapes(size).items()):
            paper = merge_records([record(field, value, n)])
            start = time.perf_counter()
            to_entry(paper)
            to_entry(paper, ascii=True)
            csl_item(paper)
            timings.append((time.perf_counter() - start, field, f"{name} (writers)"))
    return sorted(timings, reverse=True)


def one_record_files(field: str, value: str) -> dict[str, str]:
    """A CSV and a BibTeX file of one record with `value` in `field`, by format."""
    row = {"title": "A normal title of a paper", "authors": "Doe, Jane", field: value}
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["id", *FIELDS, "year"])
    writer.writerow(["r1", *(row.get(f, "") for f in FIELDS), "2001"])
    bib_value = value.replace("{", "(").replace("}", ")")  # the shapes, not brace errors
    names = {"authors": "author", "venue": "journal"}
    bibtex = f"@article{{k, year = 2001, {names.get(field, field)} = {{{bib_value}}}}}\n"
    return {"csv": text.getvalue(), "bibtex": bibtex}


def run_together_fields(size: int) -> str:
    """A BibTeX entry whose every comma between fields is missing: one value to tell apart."""
    return "@misc{k, title = {T}" + " f = {v}" * (size // 8) + "}\n"


def braced_keys(size: int) -> dict[str, str]:
    """BibTeX texts whose keys hold braces (Scholar's `m{\\"u}ller2022graph`), by name."""
    return {
        "a key of accents": "@misc{" + '{\\"u}' * (size // 5) + ", title = {T}}\n",
        "a key of open braces": "@misc{" + "{" * size + ", title = {T}}\n",
        "entries with accented keys": '@misc{m{\\"u}ller, title = {T}}\n' * (size // 32),
    }


def time_reading(size: int) -> list[tuple[float, str, str]]:
    start = time.perf_counter()
    read_text(run_together_fields(size), "pathological.bib", ReadOptions(format="bibtex"))
    timings = [(time.perf_counter() - start, "all", "fields without commas (bibtex reader)")]
    for name, text in braced_keys(size).items():
        start = time.perf_counter()
        read_text(text, "pathological.bib", ReadOptions(format="bibtex"))
        timings.append((time.perf_counter() - start, "key", f"{name} (bibtex reader)"))
    for field in FIELDS:
        for name, value in shapes(size).items():
            for fmt, text in one_record_files(field, value).items():
                start = time.perf_counter()
                read_text(text, f"pathological.{fmt}", ReadOptions(format=fmt))
                timings.append((time.perf_counter() - start, field, f"{name} ({fmt} reader)"))
    return sorted(timings, reverse=True)


def time_merge(size: int) -> tuple[int, float]:
    """The CLI on a CSV of every shape in every field: exit code and wall seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pathological.csv"
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            writer.writerow(["id", *FIELDS, "year"])
            for field in FIELDS:
                for name, value in shapes(size).items():
                    row = {"title": "A normal title of a paper", "authors": "Doe, Jane"}
                    row[field] = value
                    rid = f"{field}-{name}".replace(" ", "-")
                    writer.writerow([rid, *(row.get(f, "") for f in FIELDS), "2001"])
        cmd = [sys.executable, "-m", "pubdedup", "merge", str(path), "-q", "-f", "json"]
        cmd += ["-o", str(Path(tmp) / "out.json")]
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
        if done.returncode:
            print(done.stderr.strip(), file=sys.stderr)
        return done.returncode, time.perf_counter() - start


def show(heading: str, timings: list[tuple[float, str, str]]) -> None:
    """The five slowest of some timings (sorted slowest first), as a table under a heading."""
    print(f"\n{heading}\n| field | shape | seconds |\n|---|---|---:|")
    for seconds, field, name in timings[:5]:
        print(f"| {field} | {name} | {seconds:.3f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=40_000, help="characters per run")
    parser.add_argument("--limit", type=float, default=1.0, help="seconds allowed per record")
    args = parser.parse_args()
    timings = time_features(args.size)
    show(f"features of {len(timings)} records, {args.size:,} characters of one shape each", timings)
    read = time_reading(args.size)
    show(f"{len(read)} CSV and BibTeX files of one shape each read (slowest first)", read)
    written = time_writing(args.size)
    show(f"{len(written)} papers of one shape each written as BibTeX and CSL-JSON", written)
    timings += read + written
    code, wall = time_merge(args.size)
    print(f"\nmerge of all {len(timings)} records: exit {code}, {wall:.1f} s")
    slow = [t for t in timings if t[0] > args.limit]
    for seconds, field, name in slow:
        print(f"too slow: {field} / {name}: {seconds:.1f} s", file=sys.stderr)
    return 1 if slow or code else 0


if __name__ == "__main__":
    sys.exit(main())
