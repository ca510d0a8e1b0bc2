"""Pairwise precision and recall of a clustering against a truth file, in linear time."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path


def read_truth(path: Path) -> dict[tuple[str, str], str]:
    """(file name, record id) -> group, from a `file,id,group` CSV."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {(r["file"], r["id"]): r["group"] for r in csv.DictReader(handle)}


def pairs(n: int) -> int:
    """Pairs among n items."""
    return n * (n - 1) // 2


def pairwise(clusters: Iterable[list[tuple[str, str]]], truth: dict) -> dict[str, float]:
    """Precision, recall, F1 and counts of predicted clusters of (file, id) records."""
    true_pairs = sum(pairs(n) for n in Counter(truth.values()).values())
    predicted = correct = 0
    for members in clusters:
        predicted += pairs(len(members))
        groups = Counter(truth.get(m, ("single", m)) for m in members)
        correct += sum(pairs(n) for n in groups.values())
    p = correct / predicted if predicted else 1.0
    r = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "predicted_pairs": predicted,
            "true_pairs": true_pairs, "true_positives": correct}  # fmt: skip


def pubdedup_clusters(output: Path) -> Iterable[list[tuple[str, str]]]:
    """The papers of a pubdedup JSON output as lists of (file name, id)."""
    doc = json.loads(output.read_text(encoding="utf-8"))
    for paper in doc["papers"]:
        yield [(Path(s["file"]).name, str(s["id"])) for s in paper["sources"]]


def read_clusters(path: Path) -> tuple[list[list[tuple[str, str]]], dict]:
    """Clusters as naive.py and compare_tools.py write them, and their figures (`info`)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    clusters = [[(f, str(i)) for f, i in members] for members in doc["clusters"]]
    return clusters, doc.get("info", {})


def write_clusters(path: Path, clusters: Iterable[Iterable[tuple[str, str]]], **info) -> None:
    """Write clusters (lists of (file name, id)) and figures for scale.py to score."""
    doc = {"clusters": [list(map(list, members)) for members in clusters], "info": info}
    path.write_text(json.dumps(doc), encoding="utf-8")
