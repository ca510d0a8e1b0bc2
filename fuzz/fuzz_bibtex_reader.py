"""libFuzzer target (atheris) for the BibTeX reader. Run it with `make fuzz FUZZ_TARGET=bibtex`.

The reader contract (tests/contracts.py) for any text; see fuzz/harness.py.
"""

from __future__ import annotations

import atheris
from harness import fuzz

with atheris.instrument_imports():
    from pubdedup.readers.bibtex import read_bibtex

from tests.contracts import assert_reader_contract  # noqa: E402

if __name__ == "__main__":
    fuzz("fuzz.bib", "bibtex", read_bibtex, assert_reader_contract)
