"""RIS and pubdedup-JSON readers, and choosing a reader by content, then extension."""

from __future__ import annotations

import json
import time

import jsonschema
import pytest
from click.testing import CliRunner

from pubdedup.cli import main
from pubdedup.errors import ExitCode, InputError
from pubdedup.identifiers import is_database_record_link
from pubdedup.pipeline import run
from pubdedup.readers import ReadOptions, detect_format, read_text
from pubdedup.readers.csv_in import CsvOptions
from pubdedup.readers.json_in import read_pubdedup_json
from pubdedup.readers.ris import read_ris
from pubdedup.schema import output_schema
from pubdedup.writers.json_out import write_json
from tests.conftest import DATA, read

READERS = DATA / "readers"


def ris(name: str):
    return read_ris(read(READERS / name), name)


def test_ris_zotero_tags():
    first, second, third = ris("zotero.ris").records
    assert first.title == "Gambling in a rigged casino: the adversarial multi-armed bandit problem"
    assert first.authors == ("Auer, Peter", "Cesa-Bianchi, Nicolò", "Schapire, Robert E.")
    assert (first.year, first.venue, first.entry_type) == (
        1995,
        "Foundations of Computer Science",
        "article",
    )
    assert (first.volume, first.number, first.pages) == ("36", "2", "322-331")
    assert first.doi == "10.1109/SFCS.1995.492488"
    assert first.abstract.startswith("In the multi-armed bandit problem")
    assert first.authors_complete is True
    # T1 / A1 / Y1 / T2 instead of TI / AU / PY / JO; a start page alone
    assert second.title == "Improved Histograms for Selectivity Estimation"
    assert second.authors == ("Poosala, Viswanath", "Ioannidis, Yannis E.")
    assert (second.year, second.pages, second.entry_type) == (1996, "294", "inproceedings")
    assert second.venue.startswith("Proceedings of the 1996 ACM SIGMOD")
    assert (third.entry_type, third.authors, third.authors_complete) == ("techreport", (), False)
    assert third.venue is None and third.pages is None


@pytest.mark.parametrize(
    "url, database",
    [
        ("https://www.scopus.com/inward/record.uri?eid=2-s2.0-85&partnerID=40&md5=a", True),
        ("http://www.scopus.com/inward/record.url?eid=2-s2.0-1", True),
        ("https://www.webofscience.com/wos/woscc/full-record/WOS:000123", True),
        ("http://apps.webofknowledge.com/full_record.do?product=WOS&doc=1", True),
        ("https://www.embase.com/search/results?subaction=viewrecord&id=L2005", True),
        ("https://doi.org/10.1109/CVPR.2022.01179", False),
        ("https://arxiv.org/abs/2106.04560", False),
        ("https://openaccess.thecvf.com/content/CVPR2022/html/Zhai.html", False),
        ("https://pubmed.ncbi.nlm.nih.gov/123/", False),  # an open page about the paper
        ("https://example.org/notscopus.com/page", False),
    ],
)
def test_a_database_record_link_is_told_from_the_papers(url, database):
    assert is_database_record_link(url) is database


def test_ris_url_is_the_papers_link_not_the_databases_record():
    # Scopus's RIS gives its record page as `UR`: the output's `url` pointed at a page only
    # subscribers open, which every style printed.
    text = (
        "TY  - JOUR\nTI  - A paper\nUR  - https://www.scopus.com/inward/record.uri?eid=1\n"
        "UR  - https://www.publisher.org/a-paper\nER  - \n"
        "TY  - JOUR\nTI  - Another\nUR  - https://www.scopus.com/inward/record.uri?eid=2\n"
        "ER  - \n"
    )
    first, second = read_ris(text, "scopus.ris").records
    assert dict(first.extra)["url"] == "https://www.publisher.org/a-paper"
    assert "url" not in dict(second.extra)


@pytest.mark.parametrize(
    "tags, venue",
    [
        pytest.param(
            "JO  - J. Mach. Learn. Res.\nT2  - Journal of Machine Learning Research\n",
            "Journal of Machine Learning Research",
            id="t2-over-jo",
        ),
        pytest.param(
            "JO  - J. Mach. Learn. Res.\nJF  - Journal of Machine Learning Research\n",
            "Journal of Machine Learning Research",
            id="jf-over-jo",
        ),
        pytest.param(
            "J2  - J. Mach. Learn. Res.\nJO  - Journal of Machine Learning Research\n",
            "Journal of Machine Learning Research",
            id="jo-alone-over-j2",
        ),
        pytest.param("JO  - J. Mach. Learn. Res.\n", "J. Mach. Learn. Res.", id="jo-alone"),
    ],
)
def test_ris_venue_is_the_journals_full_title_over_its_abbreviation(tags, venue):
    # `JO`, the abbreviation exports write there, was the venue, and so BibTeX's `journal`.
    (record,) = read_ris(f"TY  - JOUR\nTI  - A paper\n{tags}ER  - \n", "export.ris").records
    assert record.venue == venue


@pytest.mark.parametrize(
    "tags, month",
    [
        pytest.param("PY  - 2022\nDA  - 2022/06/15/\n", "Jun", id="da"),
        pytest.param("PY  - 2022/06/15/\n", "Jun", id="py-as-a-date"),
        pytest.param("Y1  - 2022/12//\n", "Dec", id="y1-without-a-day"),
        pytest.param("PY  - 2022\nDA  - 2022-03-01\n", "Mar", id="dashes"),
        pytest.param("PY  - 2022\nDA  - 2022///\n", None, id="no-month"),
        pytest.param("PY  - 2022\nDA  - 2022/13/01/\n", None, id="no-month-number"),
        pytest.param("PY  - 2022\nDA  - 2021/12/20/\n", None, id="another-years-date"),
    ],
)
def test_ris_date_gives_the_month(tags, month):
    # `DA  - 2022/06/15/` gave no month: the BibTeX entry had none, as BibTeX's `month = jun`
    # (read as `Jun`) gives one.
    (record,) = read_ris(f"TY  - JOUR\nTI  - A paper\n{tags}ER  - \n", "export.ris").records
    assert (record.year, dict(record.extra).get("month")) == (2022, month)


def test_ris_month_and_journal_are_written_as_bibtex_and_json_write_them(tmp_path):
    path = tmp_path / "export.ris"
    path.write_text(
        "TY  - JOUR\nTI  - A paper\nPY  - 2022\nDA  - 2022/06/15/\nJO  - J. Test.\n"
        "T2  - Journal of Tests\nER  - \n"
    )
    bibtex = CliRunner().invoke(main, ["merge", "-q", str(path)]).stdout
    assert "  journal = {Journal of Tests},\n" in bibtex and "  month = jun\n" in bibtex
    json_out = CliRunner().invoke(main, ["merge", "-q", "-f", "json", str(path)]).stdout
    (paper,) = json.loads(json_out)["papers"]
    assert (paper["venue"], paper["fields"]["month"]) == ("Journal of Tests", "Jun")


def test_ris_id_tag_index_and_line_of_each_record():
    result = ris("zotero.ris")
    assert result.problems == []
    got = [(s.file, s.index, s.line, s.id) for s in (r.source for r in result.records)]
    assert got == [
        ("zotero.ris", 0, 1, "auer1995"),
        ("zotero.ris", 1, 17, None),
        ("zotero.ris", 2, 26, None),
    ]


def test_ris_endnote_crlf_with_bom_keeps_the_first_record():
    text = (READERS / "endnote_crlf_bom.ris").read_bytes().decode("utf-8")  # as --encoding utf-8
    assert text.startswith("\ufeffTY  - ") and "\r\n" in text
    result = read_ris(text, "endnote.ris")
    assert result.problems == []
    first, second = result.records
    assert (first.source.id, first.source.line, second.source.line) == ("en1", 1, 13)
    assert (first.title, first.year, first.venue) == (
        "Ranking Scholarly Output",
        2004,
        "Scientometrics",
    )
    assert first.abstract.startswith("Search engines sort by")  # N2
    assert (first.pages, first.authors) == ("5-9", ("Smith, J.", "Lee, A."))
    assert (second.entry_type, second.venue, second.year) == ("book", "MIT Press", 2005)


def test_ris_record_without_end_tag_is_kept_and_reported():
    result = ris("unterminated.ris")
    got = [(r.source.index, r.source.line, r.source.id, r.title) for r in result.records]
    assert got == [
        (0, 1, "first", "First, With Its End Tag Missing"),
        (1, 5, "second", "Second"),  # not merged into the record before it
        (2, 11, "third", "Third, Cut Off At The End"),
    ]
    assert [(p.file, p.line, p.kind) for p in result.problems] == [
        ("unterminated.ris", 1, "unterminated-record"),
        ("unterminated.ris", 11, "unterminated-record"),
    ]


def json_input(name: str):
    return read_pubdedup_json(read(READERS / name), name)


def without_required(schema):
    """The schema without its `required` lists: what a document holds is checked, not what
    it lacks."""
    if isinstance(schema, dict):
        return {k: without_required(v) for k, v in schema.items() if k != "required"}
    if isinstance(schema, list):
        return [without_required(v) for v in schema]
    return schema


def test_json_fixture_is_an_earlier_pubdedup_output():
    """The fixture was written before fields the output always has now (`related`,
    `braced_names`, `volume`, …): every value it has is of the schema's type, and it lacks
    only such later fields, which the JSON reader takes as absent."""
    doc = json.loads(read(READERS / "earlier_run.json"))
    jsonschema.validate(doc, without_required(output_schema()))
    with pytest.raises(jsonschema.ValidationError, match="is a required property"):
        jsonschema.validate(doc, output_schema())


def test_json_each_paper_is_one_record_with_the_key_as_id():
    result = json_input("earlier_run.json")
    assert result.problems == []
    sources = [r.source for r in result.records]
    assert [(s.file, s.index, s.id) for s in sources] == [
        ("earlier_run.json", 0, "Poosala1996"),
        ("earlier_run.json", 1, "Liu2022Shape"),
        ("earlier_run.json", 2, "Vaswani2017"),
    ]
    first = result.records[0]
    assert first.title == "Improved Histograms for Selectivity Estimation"
    assert first.authors == ("Viswanath Poosala", "Yannis E. Ioannidis")
    assert (first.year, first.venue, first.doi) == (
        1996,
        "ACM SIGMOD Conference",
        "10.1145/233269.233342",
    )
    assert (first.entry_type, first.authors_complete, first.truncated) == (
        "inproceedings",
        False,
        False,
    )


def test_json_inferred_title_is_not_used_but_abstract_and_owner_are():
    paper = json_input("earlier_run.json").records[1]
    assert paper.title is None  # "title_inferred": true
    assert paper.abstract.startswith("Shape analysis relies on operators")
    assert paper.truncated is True
    assert (paper.arxiv, paper.year) == ("2106.04560", 2022)
    assert paper.source.owner == "Dana Example"  # the first owner in sorted order


def test_json_written_by_pubdedup_reads_back():
    inputs = [
        read_text(read(READERS / "macros.bib"), "macros.bib"),
        read_text(read(READERS / "page_with_abstract_only.txt"), "dana.txt"),
    ]
    result = run(inputs)
    back = read_pubdedup_json(write_json(result), "out.json")
    assert back.problems == []
    assert [r.source.id for r in back.records] == [p.key for p in result.papers]
    expected = [None if p.title_inferred else p.title for p in result.papers]
    assert [r.title for r in back.records] == expected
    assert None in expected and "Attention Is All You Need" in expected


@pytest.mark.parametrize(
    "text, line, message",
    [
        (None, 4, "invalid JSON: Expecting ',' delimiter"),
        ('{"papers": [\n  {"key": "a"},\n]}', 3, "invalid JSON"),
        (
            '{"papers": [\n  {"key": "a\n"}]}',
            2,
            "invalid JSON: Invalid control character (column 13)",
        ),
        ('{"papers": [\n  {"key": "a', 2, "invalid JSON: Unterminated string (column 11)"),
        ('["papers"]', None, "JSON, but no 'papers' list"),
        ('{"papers": {"key": "a"}}', None, "JSON, but no 'papers' list"),
    ],
    ids=[
        "broken-fixture",
        "trailing-comma",
        "a-line-break-in-a-string",
        "cut-off-in-a-string",
        "top-level-list",
        "papers-not-a-list",
    ],  # fmt: skip
)
def test_json_that_is_no_pubdedup_output_cannot_be_read(text, line, message):
    # Not one bad paper but a whole input unread: an error (exit 4), as an unknown format is.
    with pytest.raises(InputError) as raised:
        json_input("broken.json") if text is None else read_pubdedup_json(text, "x.json")
    assert raised.value.line == line
    assert raised.value.message.startswith(message)


def test_json_half_a_surrogate_pair_is_replaced_and_reported():
    text = '{"papers": [{"key": "k", "title": "Bad \\ud800 title \\ud83d\\ude00"}]}'
    result = read_pubdedup_json(text, "x.json")
    assert [r.title for r in result.records] == ["Bad \ufffd title \U0001f600"]
    assert [p.kind for p in result.problems] == ["bad-json"]
    paired = read_pubdedup_json('{"papers": [{"key": "k", "title": "\\ud83d\\ude00"}]}', "x.json")
    assert paired.problems == [] and paired.records[0].title == "\U0001f600"


def test_json_paper_that_is_not_an_object_is_reported_and_skipped():
    result = read_pubdedup_json('{"papers": [1, {"key": "k", "title": "T"}]}', "x.json")
    assert [(r.source.index, r.source.id, r.title) for r in result.records] == [(1, "k", "T")]
    assert [p.message for p in result.problems] == ["paper 0 is not an object"]


BIB_WITH_PAGE_WORDS = (
    "@article{a,\n  title = {Ranking},\n"
    "  abstract = {Engines sort by citations, hiding publications from small venues.},\n}\n"
)


@pytest.mark.parametrize(
    "source, name, fmt",
    [
        ("macros.bib", "refs.csv", "bibtex"),
        ("zotero.ris", "export.bib", "ris"),
        ("endnote_crlf_bom.ris", "export.txt", "ris"),
        ("comma.csv", "list.ris", "csv"),
        ("cora_pipe.csv", "cora.json", "csv"),
        ("tabs.tsv", "notes.txt", "csv"),
        ("earlier_run.json", "out.bib", "json"),
        ("page_with_abstract_only.txt", "dana.csv", "page"),
        (BIB_WITH_PAGE_WORDS, "refs.bib", "bibtex"),
    ],
    ids=[
        "bibtex",
        "ris",
        "ris-crlf",
        "csv",
        "csv-pipe",
        "tsv",
        "json",
        "page",
        "bib-abstract-says-sort-by",
    ],
)
def test_detect_format_by_content_despite_the_extension(source, name, fmt):
    text = source if "\n" in source else read(READERS / source)
    assert detect_format(text, name) == fmt
    assert read_text(text, name).format == fmt


@pytest.mark.parametrize(
    "name, fmt",
    [
        ("a.bib", "bibtex"),
        ("A.BIBTEX", "bibtex"),
        ("a.RIS", "ris"),
        ("a.tsv", "csv"),
        ("a.txt", "page"),
    ],
    ids=["bib", "bibtex-upper", "ris-upper", "tsv", "txt"],
)
def test_extension_decides_when_content_cannot(name, fmt):
    assert detect_format("nothing recognisable here\n", name) == fmt


@pytest.mark.parametrize("name", ["notes.dat", "README", "dir.bib/notes"], ids=str)
def test_unknown_format_raises_input_error(name):
    with pytest.raises(InputError) as info:
        detect_format("nothing recognisable here\njust prose\n", name)
    assert info.value.file == name
    assert info.value.exit_code == ExitCode.INPUT
    assert "unknown input format" in str(info.value)


def test_read_text_forced_format_and_csv_options():
    text = "Ref,Name\nR1,A Title\n"
    parsed = read_text(
        text, "x.txt", ReadOptions(format="csv", csv=CsvOptions("Ref", {"Name": "title"}))
    )
    assert (parsed.format, parsed.problems) == ("csv", [])
    assert [(r.source.id, r.title) for r in parsed.records] == [("R1", "A Title")]
    with pytest.raises(InputError):
        read_text(text, "x.csv", ReadOptions(format="docx"))


def test_reading_a_large_ris_export_takes_time_in_proportion_to_its_size():
    # Each record's line was counted from the top of the file: an Embase export of 5,900
    # records took 8 s of line counting (20,000 records: about 90 s), where the rest of the
    # reading took 1 s.
    def export(size: int) -> str:
        abstract = "The efficacy of tiotropium in adults with bronchiectasis is uncertain. " * 16
        return "".join(
            f"TY  - JOUR\nT1  - Trial {i}\nA1  - Klein S.\nY1  - 2015//\n"
            f"N2  - {abstract}\nER  - \n\n"
            for i in range(size)
        )

    def seconds(text: str) -> float:
        start = time.perf_counter()
        read_ris(text, "embase.ris")
        return time.perf_counter() - start

    small, large = export(1000), export(8000)
    assert read_ris(large, "embase.ris").records[-1].source.line == 7999 * 7 + 1
    ratio = seconds(large) / min(seconds(small) for _ in range(3))
    assert ratio < 24  # 8 for linear time; 64 for quadratic


def test_an_embase_doi_given_only_as_a_link_is_read():
    # Embase's RIS often has no `DO` line, only `L2  - http://dx.doi.org/…`: the record had no
    # DOI, so it could not be matched (nor kept apart) by its DOI, and the output lacked it.
    text = (
        "TY  - JOUR\nT1  - A\nL2  - http://dx.doi.org/10.1016/S0140-6736(20)30183-5\n"
        "UR  - https://www.embase.com/search/results?id=L2004\nER  - \n\n"
        "TY  - JOUR\nT1  - B\nUR  - https://doi.org/10.1183/13993003.00123-2021\nER  - \n\n"
        "TY  - JOUR\nT1  - C\nDO  - 10.1136/thorax-2020-1\n"
        "L2  - http://dx.doi.org/10.9/x\nER  - \n\n"
        "TY  - JOUR\nT1  - D\nUR  - https://www.embase.com/x\nER  - \n"
    )
    dois = [r.doi for r in read_ris(text, "embase.ris").records]
    assert dois == [
        "10.1016/S0140-6736(20)30183-5",
        "10.1183/13993003.00123-2021",
        "10.1136/thorax-2020-1",
        None,
    ]


def test_a_record_without_an_id_tag_is_named_by_its_accession_number():
    # Embase's and PubMed's RIS have no `ID`; their `AN` stays with the record when a search is
    # exported again in another order, where its index does not.
    text = (
        "TY  - JOUR\nT1  - A\nAN  - L2004123\nER  - \n\n"
        "TY  - JOUR\nT1  - B\nID  - b1\nAN  - 33445566\nER  - \n\nTY  - JOUR\nT1  - C\nER  - \n"
    )
    ids = [r.source.id for r in read_ris(text, "embase.ris").records]
    assert ids == ["L2004123", "b1", None]


def test_a_meeting_abstract_is_told_by_its_type_of_reference_or_of_work():
    # Embase types a conference abstract in `M3`; RIS's own `ABST` is an abstract; a `JOUR`
    # without `M3` (or a `CONF`, which may be a full paper) says nothing either way.
    text = "".join(
        f"TY  - {ty}\nT1  - T{i}\n" + (f"M3  - {m3}\n" if m3 else "") + "ER  - \n\n"
        for i, (ty, m3) in enumerate(
            [("JOUR", "Conference Abstract"), ("JOUR", "Article"), ("ABST", ""), ("JOUR", ""),
             ("CONF", "")]
        )
    )  # fmt: skip
    kinds = [r.meeting_abstract for r in read_ris(text, "embase.ris").records]
    assert kinds == [True, False, True, None, None]


def test_html_entities_in_ris_are_decoded_as_the_csv_reader_decodes_them():
    # Embase writes `Interferon-&gamma;` and `M&uuml;ller`: the merged title kept the entity
    # (the CSV copy's `Interferon-γ` lost to it), and BibTeX printed `&gamma;`.
    text = (
        "TY  - JOUR\nT1  - Interferon-&gamma; release assays in health care workers\n"
        "A1  - M&uuml;ller K.\nJF  - Thorax &amp; Lung\nER  - \n"
    )
    (record,) = read_ris(text, "embase.ris").records
    assert record.title == "Interferon-γ release assays in health care workers"
    assert (record.authors, record.venue) == (("Müller, K.",), "Thorax & Lung")


def test_web_of_science_initials_run_together_are_read_as_initials():
    # Web of Science's RIS writes `AU  - Zhai, XH`: read as the given name `XH`, no initials of
    # a BibTeX copy's `Zhai, Xiaohua`, and the merged paper listed him twice.
    text = "TY  - JOUR\nAU  - Kolesnikov, A\nAU  - Zhai, XH\nTI  - Big Transfer\nER  - \n"
    (record,) = read_ris(text, "wos.ris").records
    assert record.authors == ("Kolesnikov, A.", "Zhai, X. H.")


@pytest.mark.parametrize(
    "names, authors",
    [
        pytest.param(["Bunn PA Jr", "Jumper J"], ("Bunn, P. A., Jr", "Jumper, J."),
                     id="medline-suffix-after-the-initials"),
        pytest.param(["Jumper J", "van der Berg JH"], ("Jumper, J.", "van der Berg, J. H."),
                     id="medline-initials-after-a-particle"),
        pytest.param(["Beyer L.", "Houlsby N.M."], ("Beyer, L.", "Houlsby, N. M."),
                     id="scopus-dotted-initials"),
        pytest.param(["Wei XU", "Yang LI"], ("Wei XU", "Yang LI"), id="surnames-in-capitals"),
        pytest.param(["Ng AY", "Jordan MI"], ("Ng AY", "Jordan MI"), id="vowels-only-stay"),
        pytest.param(["Jumper, John", "John Smith"], ("Jumper, John", "John Smith"),
                     id="full-names-stay"),
    ],
)  # fmt: skip
def test_ris_names_are_read_by_the_rules_of_a_csv_list(names, authors):
    # MEDLINE's RIS writes `AU  - Bunn PA Jr`, one name a line: each kept as written, the name
    # went to BibTeX with the surname `Jr`, and to the JSON output as `Bunn PA Jr`.
    text = "TY  - JOUR\n" + "".join(f"AU  - {n}\n" for n in names) + "TI  - T\nER  - \n"
    (record,) = read_ris(text, "medline.ris").records
    assert record.authors == authors


def test_html_entities_in_passed_ris_fields_are_decoded_too():
    # A book's venue is its publisher: decoded as the venue but kept as `Wiley &amp; Sons`
    # among the passed fields, the two no longer agreed and BibTeX got both, one with `&amp;`.
    text = (
        "TY  - BOOK\nT1  - Statistical methods\nPB  - Wiley &amp; Sons\n"
        "CY  - M&uuml;nchen\nA2  - M&uuml;ller K.\nER  - \n"
    )
    (record,) = read_ris(text, "embase.ris").records
    passed = dict(record.extra)
    assert (passed["publisher"], passed["address"]) == ("Wiley & Sons", "München")
    assert passed["editor"] == "Müller K."
    assert record.venue == passed["publisher"]


def test_ris_arxiv_id_from_an_arxiv_doi_or_a_corr_volume():
    text = (
        "TY  - GEN\nTI  - A\nDO  - 10.48550/arXiv.2106.04560\nER  - \n\n"
        "TY  - JOUR\nTI  - B\nJO  - CoRR\nVL  - abs/1912.11370\nER  - \n"
    )
    records = read_ris(text, "z.ris").records
    assert [r.arxiv for r in records] == ["2106.04560", "1912.11370"]
