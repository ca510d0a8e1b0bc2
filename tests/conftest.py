from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples"

# Property tests (tests/test_properties.py): `standard` keeps `make test` quick; pick another
# with HYPOTHESIS_PROFILE=thorough (10x the examples) or quick. Reader properties run
# max_examples examples, pipeline properties a third of that.
_PROFILE = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("standard", max_examples=300, **_PROFILE)
settings.register_profile("thorough", max_examples=3000, **_PROFILE)
settings.register_profile("quick", max_examples=30, **_PROFILE)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "standard"))


@pytest.fixture
def pages_dir() -> Path:
    return DATA / "pages"


@pytest.fixture
def seed_pages() -> list[Path]:
    return sorted(EXAMPLES.glob("*.txt"))


BIT_TITLE = "Big Transfer (BiT): General Visual Representation Learning"


def bit_versions(preprint_key: str) -> str:
    """A preprint (under the given key) and its published version, of one title, as BibTeX."""
    return (
        f"@article{{{preprint_key}, title={{{BIT_TITLE}}}, author={{Kolesnikov, Alexander and"
        " Beyer, Lucas}, journal={arXiv preprint arXiv:1912.11370}, year={2019}}\n"
        f"@inproceedings{{kolesnikov2020big, title={{{BIT_TITLE}}}, author={{Kolesnikov,"
        " Alexander and Beyer, Lucas}, booktitle={European Conference on Computer Vision},"
        " pages={491--507}, year={2020}}\n"
    )


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: takes a second or more (run by default; deselect with -m 'not slow')"
    )


def time_ratio(work: Callable[[int], object]) -> float:
    """How many times longer `work(40_000)` takes than `work(5_000)`, each the best of a few
    runs (a shared machine): 8 for linear time, 64 for quadratic; tests allow under 24."""

    def seconds(size: int) -> float:
        start = time.perf_counter()
        work(size)
        return time.perf_counter() - start

    # Best of several: on a busy machine one slow run of the small size, a few milliseconds,
    # made a linear writer look quadratic (a ratio of 35 in CI, 8 when run again).
    return min(seconds(40_000) for _ in range(3)) / min(seconds(5_000) for _ in range(7))
