"""A large BibTeX file read in chunks on every core gives exactly the serial reader's result."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings

from pubdedup import forked
from pubdedup.readers import bibtex_chunks, read_text
from pubdedup.readers.bibtex import read_bibtex
from pubdedup.readers.bibtex_chunks import read_in_chunks
from tests import strategies as gen
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parent.parent


def _problems(result):
    """The problems in the order the reader gives them (`parse` lists them so)."""
    return [(p.file, p.line or 0, p.kind, p.message) for p in result.problems]


def assert_as_serial(chunked, text, parents=None):
    serial = read_bibtex(text, "r.bib", parents=parents)
    assert chunked.records == serial.records
    assert _problems(chunked) == _problems(serial)


def in_chunks(text, count=64, workers=1, parents=None):
    """Read in `count` chunks (64: about one per block), by the parent alone unless `workers`."""
    return read_in_chunks(text, "r.bib", parents or {}, workers, count)


ENTRY = (
    "@article{{{key},\n  title = {{Paper {key}}},\n  author = {{Ann Smith}},\n  year = 2020\n}}\n"
)


def entries(*keys: str) -> str:
    return "".join(ENTRY.format(key=k) for k in keys)


# Each text is cut at (nearly) every block start; the chunked read must not fall back.
CASES = {
    "plain entries": entries("a", "b", "c", "d"),
    "a macro defined after its use, one macro built from another": (
        '@article{a, journal = jmlr # " Vol", year = 2001}\n'
        + entries("b", "c")
        + '@string{j = "J."}\n@string{jmlr = j # " Mach. Learn. Res."}\n'
    ),
    "a macro repeated in another chunk (the first kept, the others reported)": (
        '@string{conf = "First"}\n'
        + entries("a", "b")
        + '@string{conf = "Second"}\n@string{conf = "Third"}\n'
        + "@misc{c, howpublished = conf}\n"
    ),
    "a key repeated across chunks, three times": entries("a", "b", "a", "c", "a"),
    "keys alike but for case are no repeat": entries("Key", "key"),
    "a crossref to an entry in a later and an earlier chunk": (
        "@inproceedings{child, title = {Child}, crossref = {Conf20}}\n"
        + entries("b", "c")
        + "@proceedings{conf20, title = {Proceedings of Conf}, year = 2020}\n"
        + "@inproceedings{late, title = {Late}, crossref = {conf20}}\n"
    ),
    "a crossref naming no entry": "@inproceedings{child, title = {C}, crossref = {nowhere}}\n"
    + entries("b"),
    "an entry left open where the next block starts": (
        "@article{open, title = {Never closed,\n  year = 2001\n" + entries("b", "c")
    ),
    "a brace closed too early, fields after the end": (
        "@article{early, title = {A} B}, year = 2004}\n" + entries("b")
    ),
    "a preamble command used in a later chunk": (
        '@preamble{"\\newcommand{\\noopsort}[1]{}"}\n'
        + entries("a", "b")
        + "@misc{c, title = {{\\noopsort{1}}Sorted title}}\n"
    ),
    "keys with braces and quotes (Google Scholar)": (
        '@article{m{\\"u}ller2022graph, title = {Graph}, year = 2022}\n'
        + entries("b")
        + '@article{m"uller2021, title = {Other}, year = 2021}\n'
    ),
    "LaTeX line breaks and CRLF line ends": (
        "@article{a,\r\n  abstract = {one\\\\two\\\\\r\nthree},\r\n  title = {T}\r\n}\r\n"
        + entries("b").replace("\n", "\r\n")
        + "@article{c,\r\n  title = {On line 13}\r\n}\r\n"
    ),
    "comments, text before the first entry, parenthesised entries, indented starts": (
        "Exported by hand.\n% @article{not, title={x}}\n"
        + entries("a")
        + "@comment{jabref-meta: databaseType:bibtex;}\n"
        + "@article(paren, title = {In parentheses}, year = 2019)\n"
        + "   @misc{indented, title = {Indented}}\n"
        + "Free text between entries.\n"
        + entries("b")
    ),
    "repeated fields and a block rejected in the middle": (
        "@article{dup, title = {One}, title = {Two}}\n"
        + '@article{bad, title = "unclosed}\n'
        + entries("b", "c")
    ),
    "an @ in a value and an email in a comment": (
        "@misc{at, title = {LeQua @ {CLEF}}, note = {mail x@y.org}}\n"
        + "write to me@home{ here }\n"
        + entries("b")
    ),
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_a_text_read_in_chunks_is_read_as_a_whole(text):
    chunked = in_chunks(text)
    assert chunked is not None, "read serially instead"
    assert_as_serial(chunked, text)


@pytest.mark.parametrize("count", [2, 3, 5, 64])
def test_any_number_of_chunks_gives_the_same_records(count):
    text = "".join(CASES.values())
    assert_as_serial(in_chunks(text, count=count), text)


def test_crossref_parents_of_other_inputs_are_lent_and_the_files_own_come_first():
    parents = {"other": {"title": "Other Proceedings"}, "conf": {"title": "Not this one"}}
    text = (
        "@inproceedings{x, title = {X}, crossref = {other}}\n"
        + entries("b")
        + "@inproceedings{y, title = {Y}, crossref = {conf}}\n"
        + "@proceedings{conf, title = {Own Proceedings}}\n"
    )
    chunked = in_chunks(text, parents=parents)
    x, _, y, _ = chunked.records
    assert (x.venue, y.venue) == ("Other Proceedings", "Own Proceedings")
    assert_as_serial(chunked, text, parents=parents)


# What the chunks cannot settle makes the file be read serially.
FALLBACK = {
    "a macro defined in the middle of a line": (
        entries("a")
        + '@misc{b, title = {B}} @string{late = "Late"}\n'
        + entries("c")
        + "@misc{d, howpublished = late}\n"
    ),
    "a crossref key only a macro gives": (
        '@string{parent = "conf20"}\n@inproceedings{child, title = {C}, crossref = parent}\n'
        + entries("b")
        + "@proceedings{conf20, title = {Proceedings of Conf}, year = 2020}\n"
    ),
}


@pytest.mark.parametrize("text", FALLBACK.values(), ids=FALLBACK.keys())
def test_what_chunks_cannot_settle_is_read_serially(text):
    assert in_chunks(text) is None
    assert_as_serial(bibtex_chunks.read_bibtex_on_all_cores(text, "r.bib"), text)


BIB_FILES = sorted([*(DATA.rglob("*.bib")), *(ROOT / "examples").rglob("*.bib")])


@pytest.mark.parametrize("path", BIB_FILES, ids=lambda p: p.name)
def test_every_bibtex_file_of_the_tests_reads_the_same_in_chunks(path):
    text = path.read_text(encoding="utf-8", errors="replace")
    chunked = in_chunks(text)
    assert chunked is not None, "read serially instead"
    assert_as_serial(chunked, text)


@settings(max_examples=150, deadline=None)
@given(gen.bib_texts)
@example("@{\n@{@{")  # an aborted block holds the next one's `@`, at the end of a chunk too
def test_any_text_read_in_chunks_is_read_as_a_whole(text):
    chunked = in_chunks(text, count=16)
    if chunked is not None:
        assert_as_serial(chunked, text)


def test_a_large_file_is_read_by_forked_workers_as_by_one_process(monkeypatch):
    text = "".join(CASES.values()) * 3
    assert_as_serial(in_chunks(text, count=8, workers=2), text)
    # The reader of every input takes this path once a file is large enough.
    monkeypatch.setattr(bibtex_chunks, "PARALLEL_MIN_CHARS", 1000)
    parsed = read_text(text, "r.bib")
    serial = read_bibtex(text, "r.bib")
    assert parsed.records == serial.records


def _workers_wanted(_):
    return forked.workers_for(10, 1)


def test_a_job_within_a_shared_out_job_is_not_shared_out_again():
    """A worker may not fork (its pool's processes are daemons), and the parent's cores are
    taken while it shares out a job: a reader inside such a job reads on its own."""
    if forked.workers_for(10, 1) == 1:
        pytest.skip("one core: nothing is shared out")
    jobs = [1, 2, 3, 4]
    assert list(forked.interleaved(jobs, _workers_wanted, _workers_wanted, None, 2)) == [1] * 4
