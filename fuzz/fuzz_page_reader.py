"""libFuzzer target (atheris) for the author-page reader. Run it with `make fuzz`.

The page contract (tests/contracts.py): typed records numbered in order, each on a line of the
text, titles and names taken from lines, every cut-off abstract reported. See fuzz/harness.py.
"""

from __future__ import annotations

import atheris
from harness import fuzz

with atheris.instrument_imports():
    from pubdedup.readers.page import read_page

from tests.contracts import assert_page_contract  # noqa: E402

if __name__ == "__main__":
    fuzz("fuzz.txt", "page", read_page, assert_page_contract)
