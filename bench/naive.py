#!/usr/bin/env python3
"""The naive matcher: pubdedup's own scoring of every pair of records, no blocking.

    python bench/naive.py naive CORPUS_DIR OUT.json [--full-max PAIRS]

With at most `--full-max` pairs every pair is scored (on every core) and clustered as pubdedup
does; beyond that, a random sample of pairs is timed and the full run's time extrapolated, and
no accuracy is reported.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pairs  # noqa: E402

from pubdedup import files  # noqa: E402
from pubdedup.cluster import cluster  # noqa: E402
from pubdedup.config import MatchConfig  # noqa: E402
from pubdedup.features import Features, features_of  # noqa: E402
from pubdedup.pipeline import with_title_counts  # noqa: E402
from pubdedup.readers import read_text  # noqa: E402
from pubdedup.score import Verdict, compare  # noqa: E402

CONFIG = MatchConfig()
_items: list[Features] = []


def _row(i: int) -> list[tuple[int, int, str, float]]:
    """Record i against every later record: the matches and vetoes."""
    found = []
    for j in range(i + 1, len(_items)):
        c = compare(_items[i], _items[j], CONFIG)
        if c.verdict in (Verdict.MATCH, Verdict.DISTINCT, Verdict.VERSION):
            found.append((i, j, c.verdict.value, c.score))
    return found


def full(items: list[Features]) -> list[list[int]]:
    """Groups of record indices from scoring every pair, clustered as the pipeline does."""
    global _items
    _items = items
    with multiprocessing.get_context("fork").Pool() as pool:
        found = [f for row in pool.imap_unordered(_row, range(len(items)), 64) for f in row]
    matches = sorted((f for f in found if f[2] == "match"), key=lambda f: (-f[3], f[0], f[1]))
    vetoes = [(i, j) for i, j, v, _ in found if v != "match"]  # distinct, or another version
    groups, _ = cluster(len(items), [(i, j) for i, j, _, _ in matches], vetoes)
    return groups


def sampled(items: list[Features], sample: int) -> float:
    """Seconds to score every pair, extrapolated from a random sample on one core per half."""
    rng = random.Random(1)
    n = len(items)
    chosen = [tuple(rng.sample(range(n), 2)) for _ in range(sample)]
    start = time.perf_counter()
    for i, j in chosen:
        compare(items[i], items[j], CONFIG)
    per_pair = (time.perf_counter() - start) / sample
    cores = multiprocessing.cpu_count()
    return per_pair * n * (n - 1) / 2 / cores


def main() -> int:
    """Score a corpus naively; write clusters (or the extrapolated time) for scale.py."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("tool")
    ap.add_argument("corpus", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--full-max", type=int, default=5_000_000, help="most pairs scored in full")
    args = ap.parse_args()
    start = time.perf_counter()
    paths = sorted(args.corpus.glob("part*.csv"))
    records = [r for p in paths for r in read_text(files.read_text(str(p)), p.name).records]
    records.sort(key=lambda r: r.source.sort_key)
    items = with_title_counts([features_of(r) for r in records])
    n = len(items)
    if n * (n - 1) // 2 > args.full_max:
        wall = time.perf_counter() - start + sampled(items, 200_000)
        note = "extrapolated from 200,000 sampled pairs; accuracy not measured"
        pairs.write_clusters(args.out, [], extrapolated_wall=wall, note=note,
                             candidates=n * (n - 1) // 2)  # fmt: skip
        return 0
    groups = full(items)
    clusters = [[(records[k].source.file, records[k].source.id) for k in g] for g in groups]
    pairs.write_clusters(args.out, clusters, candidates=n * (n - 1) // 2, note="every pair")
    return 0


if __name__ == "__main__":
    sys.exit(main())
