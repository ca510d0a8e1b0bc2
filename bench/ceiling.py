#!/usr/bin/env python3
"""How high a labelled set's pairwise F1 can go for a matcher that never merges different works.

A truth file may join records a careful matcher must keep apart: two papers of one team under
different titles, or a conference paper and its journal version where the same truth keeps
other such pairs apart. This script splits every truth group the way such a matcher would at
best, and scores the split against the truth; precision is taken as perfect, so the F1 printed
is a ceiling (but for the greedy split of pages below), not a prediction:

- *titles*: members are linked when their titles (cleaned as pubdedup cleans them) are at least
  `--title-similarity` alike, chained (a garbled copy joins through any close one);
- *pages*: within a title's members, copies on different pages (a conference paper and its
  journal version, a report and its chapter) part, as pubdedup keeps such versions apart
  (`related`), by pubdedup's own test (which forgives a lost dash or a mistyped last page);
  copies of one first page stay together where no member of one is on pages different from a
  member of the other, largest first, and a copy without pages joins the largest side.

    python bench/ceiling.py ../shared/bench/cora/cora.csv --truth ../shared/bench/cora/truth.csv
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pairs import pairs, read_truth  # noqa: E402

from pubdedup.cluster import ConstrainedUnionFind  # noqa: E402
from pubdedup.evidence import page_agreement  # noqa: E402
from pubdedup.features import Features, features_of  # noqa: E402
from pubdedup.normalize import match_text  # noqa: E402
from pubdedup.readers import read_text  # noqa: E402
from pubdedup.titles import clean_title  # noqa: E402


def title_parts(titles: list[str], threshold: float) -> list[list[int]]:
    """Indices of `titles` chained by similarity at or above `threshold` (0-100)."""
    parts = ConstrainedUnionFind(len(titles))
    for i in range(len(titles)):
        for j in range(i + 1, len(titles)):
            if fuzz.ratio(titles[i], titles[j]) >= threshold:
                parts.union(i, j)
    return parts.groups()


def page_sizes(copies: list[Features]) -> list[int]:
    """Sizes of the sides copies on different pages make, the copies without pages on the
    largest: the sides of one first page, largest first, join the first side none of whose
    members is on pages different from theirs (greedy: close to the best, not proven so)."""
    by_first_page: dict[str, list[Features]] = defaultdict(list)
    for copy in copies:
        if copy.first_page:
            by_first_page[copy.first_page].append(copy)
    sides: list[list[Features]] = []
    for members in sorted(by_first_page.values(), key=len, reverse=True):
        for side in sides:
            if all(page_agreement(a, b) != "different" for a in members for b in side):
                side += members
                break
        else:
            sides.append(list(members))
    sizes = sorted((len(side) for side in sides), reverse=True) or [0]
    sizes[0] += sum(1 for copy in copies if not copy.first_page)
    return sizes


def ceiling(groups: list[list], threshold: float, split_pages: bool) -> float:
    """Recall of the best split of every group (its pairs kept together over all true pairs)."""
    kept = total = 0
    for records in groups:
        total += pairs(len(records))
        titles = [match_text(clean_title(item.record.title)) for item in records]
        for part in title_parts(titles, threshold):
            if not split_pages:
                kept += pairs(len(part))
                continue
            kept += sum(pairs(n) for n in page_sizes([records[i] for i in part]))
    return kept / total if total else 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", type=Path, help="the set's input files")
    parser.add_argument("--truth", type=Path, required=True, help="the set's truth.csv")
    parser.add_argument(
        "--title-similarity",
        type=float,
        default=60.0,
        help="titles at least this alike (0-100) may be one work; default 60",
    )
    args = parser.parse_args()
    truth = read_truth(args.truth)
    grouped: dict[str, list] = defaultdict(list)
    for path in args.inputs:
        parsed = read_text(path.read_text(encoding="utf-8", errors="replace"), path.name)
        for record in parsed.records:
            group = truth.get((path.name, record.source.id or ""))
            if group is not None:
                grouped[group].append(features_of(record))
    groups = list(grouped.values())
    print(f"{len(groups)} groups, titles at least {args.title_similarity:g} % alike")
    for label, threshold, split in (
        ("different titles apart", args.title_similarity, False),
        ("versions by pages apart", 0.0, True),
        ("both", args.title_similarity, True),
    ):
        recall = ceiling(groups, threshold, split)
        f1 = 2 * recall / (1 + recall)
        print(f"{label:30} recall ≤ {recall:.4f}  F1 ≤ {f1:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
