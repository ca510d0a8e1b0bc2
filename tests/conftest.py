from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def pages_dir() -> Path:
    return DATA / "pages"


@pytest.fixture
def seed_pages() -> list[Path]:
    return sorted(EXAMPLES.glob("*.txt"))


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")
