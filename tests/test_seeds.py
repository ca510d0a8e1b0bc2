"""The two seed pages end to end, scored against their truth file."""

from __future__ import annotations

import itertools
import json

from pubdedup.pipeline import run
from pubdedup.readers import read_text
from tests.conftest import DATA, read

TRUTH = json.loads((DATA / "seeds_truth.json").read_text(encoding="utf-8"))


def pairs(groups):
    return {frozenset(p) for g in groups for p in itertools.combinations(g, 2)}


def test_seed_pages_merge_exactly_as_the_truth_says(seed_pages):
    result = run([read_text(read(p), p.name) for p in seed_pages])
    got = [[(r.source.file, r.source.index) for r in p.records] for p in result.papers]
    by_paper: dict[str, list] = {}
    for page, info in TRUTH["pages"].items():
        for index, paper_id in enumerate(info["entries"]):
            by_paper.setdefault(paper_id, []).append((page, index))
    assert pairs(got) == pairs(by_paper.values())
    assert len(result.papers) == 15
    owners = {"Alexander Kolesnikov", "Lucas Beyer"}
    for paper in result.papers:
        if len(paper.records) > 1:
            assert owners <= set(paper.authors), paper.key
    assert result.maybe == []
