"""libFuzzer target (atheris) for the author-page reader. Run it with `make fuzz`.

Bytes are decoded as the CLI decodes a file; then the reader must return records and problems,
never raise, and keep its contract (tests/contracts.py: typed records numbered in order, each on
a line of the text, titles and names taken from lines, every cut-off abstract reported); and
its records must go through the pipeline and both writers (checked on one input in eight: the
pipeline is slower than the reader).
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
    from pubdedup.readers.page import read_page
    from pubdedup.writers.bibtex import write_bibtex
    from pubdedup.writers.json_out import write_json

from tests.contracts import assert_page_contract  # noqa: E402


def test_one_input(data: bytes) -> None:
    """One fuzz input: any failed assertion or exception is a crash libFuzzer saves."""
    try:
        text = decode(data, "fuzz.txt")
    except InputError:
        return  # binary data: the CLI refuses it with a one-line error
    result = read_page(text, "fuzz.txt")
    assert_page_contract(result, text, "fuzz.txt")
    if zlib.crc32(data) % 8:
        return  # the pipeline costs three readers: it runs on one input in eight (reproducibly)
    merged = run([ParsedInput("fuzz.txt", "page", result.records, result.problems)])
    assert merged.record_count == len(result.records)
    write_bibtex(merged)
    write_json(merged)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
