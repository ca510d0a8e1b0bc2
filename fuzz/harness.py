"""The check every fuzz target runs on one input; the targets differ only in reader and contract.

Bytes are decoded as the CLI decodes a file; then the reader must return records and problems,
never raise, and keep its contract (tests/contracts.py); and its records must go through the
pipeline and both writers (checked on one input in eight: the pipeline is slower than a reader).
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.contracts

with atheris.instrument_imports():
    from pubdedup.decoding import decode
    from pubdedup.errors import InputError
    from pubdedup.pipeline import run
    from pubdedup.readers import ParsedInput
    from pubdedup.writers.bibtex import write_bibtex
    from pubdedup.writers.json_out import write_json


def fuzz(name: str, fmt: str, read: Callable, contract: Callable) -> None:
    """Run libFuzzer on `read` (text, name) -> ReadResult, checking `contract` on each result."""

    def test_one_input(data: bytes) -> None:
        # Any failed assertion or exception is a crash libFuzzer saves.
        try:
            text = decode(data, name)
        except InputError:
            return  # binary data: the CLI refuses it with a one-line error
        result = read(text, name)
        contract(result, text, name)
        if zlib.crc32(data) % 8:
            return  # the pipeline costs three readers: one input in eight (reproducibly)
        merged = run([ParsedInput(name, fmt, result.records, result.problems)])
        assert merged.record_count == len(result.records)
        write_bibtex(merged)
        write_json(merged)

    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
