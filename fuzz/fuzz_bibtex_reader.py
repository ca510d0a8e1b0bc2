"""libFuzzer target (atheris) for the BibTeX reader. Run it with `make fuzz FUZZ_TARGET=bibtex`.

The reader must return records and problems for any text, never raise, and keep its contract
(tests/contracts.py); its records must go through the pipeline and both writers (checked on one
input in eight: the pipeline is slower than the reader).
"""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.contracts

with atheris.instrument_imports():
    from pubdedup.errors import InputError
    from pubdedup.files import decode
    from pubdedup.pipeline import run
    from pubdedup.readers import ParsedInput
    from pubdedup.readers.bibtex import read_bibtex
    from pubdedup.writers.bibtex import write_bibtex
    from pubdedup.writers.json_out import write_json

from tests.contracts import assert_reader_contract  # noqa: E402


def test_one_input(data: bytes) -> None:
    """One fuzz input: any failed assertion or exception is a crash libFuzzer saves."""
    try:
        text = decode(data, "fuzz.bib")
    except InputError:
        return  # binary data: the CLI refuses it with a one-line error
    result = read_bibtex(text, "fuzz.bib")
    assert_reader_contract(result, text, "fuzz.bib")
    if zlib.crc32(data) % 8:
        return  # the pipeline costs three readers: it runs on one input in eight (reproducibly)
    merged = run([ParsedInput("fuzz.bib", "bibtex", result.records, result.problems)])
    assert merged.record_count == len(result.records)
    write_bibtex(merged)
    write_json(merged)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
