#!/usr/bin/env python3
"""Run bib-dedupe or splink on a scale corpus (inside bench/.venv-compare, not the project's venv).

    bench/.venv-compare/bin/python bench/compare_tools.py bib-dedupe|splink CORPUS_DIR OUT.json

Writes the clusters found as `{"clusters": [[[file, id], …], …], "info": {…}}` for scale.py.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pandas as pd


def load(corpus: Path) -> pd.DataFrame:
    """Every record of the corpus, with its file name and id."""
    frames = []
    for path in sorted(corpus.glob("part*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame["file"] = path.name
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def run_bib_dedupe(records: pd.DataFrame) -> tuple[list[list[str]], dict]:
    """bib-dedupe's own pipeline: prep, block, match, connected components."""
    from bib_dedupe.bib_dedupe import block, cluster, match, prep

    frame = pd.DataFrame({
        "ID": records["id"], "ENTRYTYPE": "article", "title": records["title"],
        "author": records["authors"], "year": records["year"], "journal": records["venue"],
        "volume": records["volume"], "number": records["number"], "pages": records["pages"],
        "doi": records["doi"], "abstract": records["abstract"],
    })  # fmt: skip
    prepared = prep(frame, verbosity_level=0, cpu=2)
    pairs = block(prepared, verbosity_level=0, cpu=2)
    matched = match(pairs, verbosity_level=0, cpu=2)
    clusters = cluster(matched, verbosity_level=0)
    return [list(c) for c in clusters], {"candidates": len(pairs)}


def _title(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text.lower()).split())


def _first_surname(authors: str) -> str:
    first = re.split(r"\s+and\s+", authors.strip())[0] if authors.strip() else ""
    name = first.split(",")[0] if "," in first else (first.split() or [""])[-1]
    return re.sub(r"[^a-z]", "", name.lower())


def run_splink(records: pd.DataFrame) -> tuple[list[list[str]], dict]:
    """A splink model on title, first author and year (DuckDB), trained by EM, cut at 0.9."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    frame = pd.DataFrame({"unique_id": records["id"]})
    frame["title"] = records["title"].map(_title)
    frame["title_head"] = frame["title"].str.slice(0, 12)
    frame["title_tail"] = frame["title"].str.slice(-12)
    frame["author"] = records["authors"].map(_first_surname).replace("", None)
    frame["year"] = records["year"].replace("", None)
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("title", [0.97, 0.92, 0.85]),
            cl.JaroWinklerAtThresholds("author", [0.95, 0.85]),
            cl.ExactMatch("year"),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("title_head"), block_on("title_tail"), block_on("author", "year"),
        ],
    )  # fmt: skip
    linker = Linker(DuckDBAPI().register(frame), settings, log_level="WARNING")
    linker.training.estimate_probability_two_random_records_match(
        [block_on("title", "year")], recall=0.8
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("title_head"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("author", "year"))
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    count = len(predictions.as_pandas_dataframe())
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, 0.9)
    table = clusters.as_pandas_dataframe()
    grouped = table.groupby("cluster_id")["unique_id"].apply(list)
    return list(grouped), {"candidates": None, "note": f"{count:,} pairs over p = 0.5"}


def main() -> int:
    """Run one tool on one corpus and write its clusters."""
    tool, corpus, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    records = load(corpus)
    file_of = dict(zip(records["id"], records["file"], strict=True))
    run = {"bib-dedupe": run_bib_dedupe, "splink": run_splink}[tool]
    clusters, info = run(records)
    doc = {"clusters": [[[file_of[i], i] for i in c] for c in clusters], "info": info}
    out.write_text(json.dumps(doc), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
