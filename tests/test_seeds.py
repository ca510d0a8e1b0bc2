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


def test_third_page_with_edited_truncated_and_title_only_copies(seed_pages):
    """A co-author's page whose copies differ: each still lands in the seed paper it belongs to."""
    extra = DATA / "pages" / "zhai_edited.txt"
    seeds = run([read_text(read(p), p.name) for p in seed_pages])
    result = run([read_text(read(p), p.name) for p in [*seed_pages, extra]])
    assert result.record_count == 27 + 5
    assert len(result.papers) == 15 + 1  # only "Sparse Mixtures of Experts" is new
    seed_groups = [{(r.source.file, r.source.index) for r in p.records} for p in seeds.papers]
    for paper in result.papers:
        mine = {(r.source.file, r.source.index) for r in paper.records}
        from_extra = {k for k in mine if k[0] == "zhai_edited.txt"}
        assert len(from_extra) <= 1, paper.key
        assert mine - from_extra in seed_groups or mine == from_extra
        if from_extra and len(mine) > 1:
            assert {"Xiaohua Zhai", "Lucas Beyer", "Alexander Kolesnikov"} <= set(paper.authors)
    mixer = next(p for p in result.papers if p.title.startswith("MLP-Mixer"))
    assert len(mixer.records) == 3 and mixer.entry_type == "inproceedings"
    assert mixer.abstract.startswith("Convolutional Neural Networks")
    truncated = [r for r in result.problems if r.kind == "truncated-abstract"]
    assert len(truncated) == 1
