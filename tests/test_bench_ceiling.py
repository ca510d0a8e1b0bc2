"""bench/ceiling.py: how a truth group splits for a matcher that keeps different titles and
versions on different pages apart."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from pubdedup.features import features_of
from pubdedup.model import Record, Source

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def ceiling():
    spec = importlib.util.spec_from_file_location("ceiling", BENCH / "ceiling.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(BENCH))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH))
    return module


def copy(title, pages=None):
    source = Source(file="t.csv", index=0, line=None)
    return features_of(Record(source, title=title, authors=("M. Kearns",), pages=pages))


TITLE = "Learning in the presence of malicious errors"


def test_versions_on_different_pages_part_and_unpaged_copies_join_the_larger(ceiling):
    group = [copy(TITLE, "267-280"), copy(TITLE, "pages 267-280"), copy(TITLE, "807-837"),
             copy(TITLE)]  # fmt: skip
    # Sides {267-280 ×2, unpaged} and {807-837}: 3 of the 6 pairs.
    assert ceiling.ceiling([group], 60, split_pages=True) == pytest.approx(3 / 6)
    assert ceiling.ceiling([group], 60, split_pages=False) == 1.0


def test_a_lost_dash_is_the_same_pages_not_another_version(ceiling):
    group = [copy(TITLE, "pages 303-314"), copy(TITLE, "pages 303314")]
    assert ceiling.ceiling([group], 60, split_pages=True) == 1.0


def test_different_titles_part_and_a_garbled_copy_chains_through_a_close_one(ceiling):
    group = [copy("How to use expert advice"), copy("How to use expert advice."),
             copy("On-line prediction and conversion strategies")]  # fmt: skip
    assert ceiling.ceiling([group], 60, split_pages=False) == pytest.approx(1 / 3)
    assert ceiling.ceiling([group], 0, split_pages=False) == 1.0
