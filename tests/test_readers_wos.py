"""Web of Science's plain-text export: tagged records, read as its tab-delimited export is."""

from __future__ import annotations

from click.testing import CliRunner

from pubdedup.cli import main
from pubdedup.pipeline import run
from pubdedup.readers import detect_format, read_text
from pubdedup.readers.wos import looks_like_wos, read_wos

EXPORT = """\ufeffFN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Zhai, XH
   Kolesnikov, A
AF Zhai, Xiaohua
   Kolesnikov, Alexander
TI Big Transfer (BiT): General Visual
   Representation Learning
SO LECTURE NOTES IN COMPUTER SCIENCE
DT Article
AB We revisit the paradigm of pre-training on large supervised datasets
   and fine-tuning the model on a target task.
PY 2020
VL 12350
BP 491
EP 507
DI 10.1007/978-3-030-58558-7_29
UT WOS:000001
ER

PT J
AU Klein, S
AF Klein, Sarah
TI Ruxolitinib in myelofibrosis
SO BLOOD
DT Meeting Abstract
PY 2021
UT WOS:000002
ER

EF
"""


def test_a_plain_text_export_is_read_by_its_tags():
    # Taken for an author page, every record came out as nonsense (`author = {PT J}`), exit 0.
    assert detect_format(EXPORT, "savedrecs.txt") == "wos"
    result = read_wos(EXPORT, "savedrecs.txt")
    assert result.problems == []
    bit, abstract = result.records
    assert bit.title == "Big Transfer (BiT): General Visual Representation Learning"
    assert bit.authors == ("Zhai, Xiaohua", "Kolesnikov, Alexander")  # AF's, not AU's initials
    assert (bit.venue, bit.year, bit.volume, bit.pages) == (
        "LECTURE NOTES IN COMPUTER SCIENCE",
        2020,
        "12350",
        "491-507",
    )
    assert (bit.doi, bit.source.id, bit.source.line) == (
        "10.1007/978-3-030-58558-7_29",
        "WOS:000001",
        3,
    )
    assert bit.abstract.endswith("fine-tuning the model on a target task.")
    assert (bit.entry_type, bit.meeting_abstract) == ("article", False)
    assert (abstract.authors, abstract.meeting_abstract) == (("Klein, Sarah",), True)
    assert (abstract.source.id, abstract.source.line) == ("WOS:000002", 22)


def test_a_books_editors_isbn_and_language_are_kept():
    export = (
        "FN Clarivate Analytics Web of Science\nVR 1.0\nPT S\nAU Zhai, XH\nTI Big Transfer\n"
        "BE Vedaldi, A\n   Bischof, H\nLA English\nPU SPRINGER\nBN 978-3-030-58557-0\n"
        "PY 2020\nUT WOS:000001\nER\n"
    )
    (record,) = read_wos(export, "savedrecs.txt").records
    assert {k: v for k, v in record.extra if k in ("editor", "language", "publisher", "isbn")} == {
        "editor": "Vedaldi, A; Bischof, H",  # one a line: a list, as its authors are
        "language": "English",
        "publisher": "SPRINGER",
        "isbn": "978-3-030-58557-0",
    }


def test_a_record_without_its_end_line_is_kept_and_reported():
    text = EXPORT.replace("UT WOS:000001\nER\n", "UT WOS:000001\n")
    result = read_wos(text, "savedrecs.txt")
    assert [r.source.id for r in result.records] == ["WOS:000001", "WOS:000002"]
    assert [(p.line, p.kind) for p in result.problems] == [(3, "unterminated-record")]


def test_only_the_export_header_makes_a_file_one():
    assert looks_like_wos(EXPORT)
    assert not looks_like_wos(EXPORT.split("\n", 1)[1])  # no `FN` header: a page, or notes
    assert not looks_like_wos("FN Clarivate Analytics Web of Science\nVR 1.0\nEF\n")


def test_its_copy_of_a_paper_is_one_paper_with_a_bibtex_copy():
    bib = (
        "@inproceedings{k, author = {Kolesnikov, Alexander and Zhai, Xiaohua}, title = {Big"
        " Transfer (BiT): General Visual Representation Learning}, year = 2020,"
        " doi = {10.1007/978-3-030-58558-7_29}}"
    )
    inputs = [read_text(EXPORT, "savedrecs.txt"), read_text(bib, "refs.bib")]
    papers = run(inputs).papers
    assert sorted(len(p.records) for p in papers) == [1, 2]  # BiT once, and the abstract


def test_merge_reads_the_export_file(tmp_path):
    export = tmp_path / "savedrecs.txt"
    export.write_text(EXPORT, encoding="utf-8")
    result = CliRunner().invoke(main, ["merge", str(export)])
    assert result.exit_code == 0 and result.stderr == ""
    assert "author = {Zhai, Xiaohua and Kolesnikov, Alexander}" in result.stdout
    assert result.stdout.count("@") == 2
    forced = CliRunner().invoke(main, ["merge", "--input-format", "wos", str(export)])
    assert forced.stdout == result.stdout
