"""The CSV reader: delimiters, header aliases, --id-column / --map, encodings, lines."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable

import pytest

from pubdedup.decoding import decode
from pubdedup.errors import InputError
from pubdedup.pipeline import run
from pubdedup.readers import read_text
from pubdedup.readers.csv_in import (
    CsvOptions,
    column_fields,
    looks_like_csv,
    read_csv,
    sniff_delimiter,
)
from pubdedup.readers.csv_quotes import open_at_end
from pubdedup.venues import meeting_abstract
from pubdedup.writers.bibtex import write_bibtex
from tests.conftest import DATA, read, time_ratio


def parse(name: str, options: CsvOptions | None = None):
    return read_csv(read(DATA / "readers" / name), name, options)


@pytest.mark.parametrize(
    "name, delimiter",
    [
        ("comma.csv", ","),
        ("semicolon.csv", ";"),
        ("tabs.tsv", "\t"),
        ("cora_pipe.csv", "|"),
    ],
    ids=["comma", "semicolon", "tab", "pipe-trailing"],
)
def test_delimiter_sniffed_and_rows_read(name, delimiter):
    text = read(DATA / "readers" / name)
    assert sniff_delimiter(text) == delimiter
    result = read_csv(text, name)
    assert result.problems == []
    assert result.records and all(r.title and r.year for r in result.records)


def test_pipe_with_trailing_delimiter_like_cora():
    result = parse("cora_pipe.csv")
    got = [(r.source.id, r.source.index, r.source.line, r.year) for r in result.records]
    assert got == [("1", 0, 2, 1995), ("2", 1, 3, 1997), ("3", 2, 4, 1999)]
    first, second, third = result.records
    assert first.title == "gambling in a rigged casino: the adversarial multi-armed bandit problem."
    assert first.authors == ("p. auer", "n. cesa-bianchi", "r. e. schapire")
    assert first.venue is None  # a quoted empty cell is empty
    assert second.authors == ("Viswanath Poosala", "Yannis E. Ioannidis")
    assert second.venue == "in proceedings of the 23rd vldb conference"
    assert (third.authors, third.volume) == (("Zhou, X.", "Smith, John"), "10")


def test_comma_header_aliases_fill_fields():
    first = parse("comma.csv").records[0]
    assert first.source.id == "smith2001"  # "Key" column
    assert first.title == "Histograms, Revisited"
    assert first.authors == ("Zhou, X.", "Smith, John")
    assert first.authors_complete is True
    assert (first.year, first.venue) == (2001, "VLDB Journal")  # "Publication Year", "Journal"
    assert (first.doi, first.pages) == ("10.1000/xyz", "1-10")  # as BibTeX's reader gives it


def test_quoted_newlines_give_the_start_line_and_blank_rows_are_skipped():
    records = parse("comma.csv").records
    # row 2; a blank line 3; a record over lines 4-6; a row of empty cells on line 7; line 8
    assert [(r.source.id, r.source.index, r.source.line) for r in records] == [
        ("smith2001", 0, 2),
        ("jones2002", 1, 4),
        ("lee2003", 2, 8),
    ]
    assert records[1].title == "A Title Spanning Two Lines"
    assert records[1].venue == "SIGMOD Record"
    assert records[2].year == 2003  # "May 2003"


def test_semicolon_upper_case_id_and_quoted_delimiters():
    first, second = parse("semicolon.csv").records
    assert (first.source.id, second.source.id) == ("A1", "A2")
    assert first.authors == ("Zhou, X.", "Smith, J.")
    assert first.venue == "SIGMOD Record; special issue"  # "Source Title"
    assert first.number == "4"  # "Issue"
    assert second.title == "Quoted; Title"
    assert second.number is None


def test_latin1_bytes_and_html_entities_decoded():
    data = (DATA / "readers" / "latin1.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the fixture really is Latin-1
    result = read_csv(decode(data, "latin1.csv"), "latin1.csv")
    assert result.problems == []
    assert [(r.title, r.authors) for r in result.records] == [
        ("Erste Arbeit", ("Müller, Jürgen", "Ludäscher, Bertram")),
        ("Café & Crème – über", ("François Dupont",)),
        ("Größe öffnen", ("Renée Müller",)),
    ]


def test_tab_separated_with_commas_inside_cells():
    first, second = parse("tabs.tsv").records
    assert first.title == "Tab Separated Paper, Part 1"
    assert first.authors == ("Alice Smith", "Bob Jones")
    assert second.venue == "KDD, Industry Track"
    assert first.source.id is None and second.source.id is None  # no id column


def test_a_header_with_no_title_abstract_or_identifier_column_cannot_be_read():
    # Every row would be an `[Untitled]` record matching nothing, written into the output (or
    # a library) with exit 0: an export whose header changed, a Web of Science file's `TI`.
    with pytest.raises(InputError) as raised:
        parse("mapped.csv")
    assert raised.value.line == 1 and "(header: Paper Number, Name, Writers" in str(raised.value)


def test_a_header_with_an_identifier_but_no_title_column_is_read_with_a_warning():
    result = read_csv("DOI,Year\n10.1/x,2020\n", "dois.csv")  # its rows still match by DOI
    assert [(p.line, p.kind) for p in result.problems] == [(1, "no-title-column")]
    assert [(r.title, r.doi) for r in result.records] == [(None, "10.1/x")]


def test_id_column_and_column_map_options():
    options = CsvOptions(
        id_column="paper number",  # matched like aliases: any case, spaces or dashes
        column_map={"Name": "title", "WRITERS": "authors", "when": "year", "Where": "venue"},
    )
    result = parse("mapped.csv", options)
    assert result.problems == []
    [record] = result.records
    assert record.source.id == "P-7"
    assert (record.title, record.year, record.venue) == ("Mapped Title", 2015, "EDBT")
    assert record.authors == ("Alice Smith", "Bob Jones")


def test_user_choices_win_over_an_alias_on_an_earlier_column():
    text = "ID,Title,Accession,Full Title\n1,Short,ACC-9,The Full Title\n"
    options = CsvOptions(id_column="Accession", column_map={"Full Title": "title"})
    [record] = read_csv(text, "x.csv", options).records
    assert (record.source.id, record.title) == ("ACC-9", "The Full Title")
    assert column_fields(text.split("\n")[0].split(","), options) == {2: "id", 3: "title"}


@pytest.mark.parametrize(
    "header, field",
    [
        ("ID", "id"),
        ("Citation Key", "id"),
        ("Article-Title", "title"),
        ("AUTHORS", "authors"),
        ("Publication Year", "year"),
        ("Secondary Title", "venue"),
        ("booktitle", "venue"),
        ("Issue", "number"),
        ("Entry Type", "entry_type"),
        ("eprint", "arxiv"),
    ],
    ids=lambda v: v.replace(" ", "_"),
)
def test_header_aliases(header, field):
    assert column_fields(["Unrelated", header], CsvOptions()) == {1: field}


def test_first_column_wins_when_two_alias_the_same_field():
    assert column_fields(["Journal", "Booktitle", "Title"], CsvOptions()) == {
        0: "venue",
        2: "title",
    }


def test_blank_id_cell_gives_no_id_and_bom_is_ignored():
    text = "\ufeffid,title\n,No Id Here\n7,Has Id\n"
    records = read_csv(text, "bom.csv").records
    assert [(r.source.id, r.title) for r in records] == [(None, "No Id Here"), ("7", "Has Id")]


def test_extra_cells_reported_with_the_row_line():
    text = "title,year\nFine,2000\nToo Many,2001,surprise\nTrailing Empty,2002,\n"
    result = read_csv(text, "extra.csv")
    assert len(result.records) == 3
    assert [(p.line, p.kind) for p in result.problems] == [(3, "extra-cells")]


@pytest.mark.parametrize(
    "authors, expected",
    [
        ("Zhou, X. and Smith, John", ("Zhou, X.", "Smith, John")),
        (
            "p. auer, n. cesa-bianchi, and r. e. schapire,",
            ("p. auer", "n. cesa-bianchi", "r. e. schapire"),
        ),
        ("Viswanath Poosala, Yannis E. Ioannidis", ("Viswanath Poosala", "Yannis E. Ioannidis")),
        ("Zhou, X.; Smith, J.", ("Zhou, X.", "Smith, J.")),
        ("Kowalski, Łukasz", ("Kowalski, Łukasz",)),  # Zotero's one author: not two
        ("Bunn, Paul A., Jr., Zhou, Xiangdong", ("Bunn, Paul A., Jr.", "Zhou, Xiangdong")),
        ("Bunn PA Jr, Zhou X", ("Bunn, P. A., Jr", "Zhou, X.")),
    ],
    ids=[
        "bibtex-and",
        "cora-lower-case-oxford-comma",
        "full-names-commas",
        "semicolons",
        "one-surname-first",
        "comma-only-surname-first-pairs-with-a-suffix",
        "vancouver-with-a-suffix",
    ],
)
def test_author_list_styles(authors, expected):
    text = f'title,authors\nSome Title,"{authors}"\n'
    [record] = read_csv(text, "a.csv").records
    assert record.authors == expected
    assert record.authors_complete is True


@pytest.mark.parametrize(
    "text, expected",
    [
        ("id|title|year|\n1|x|2000|\n", True),
        ('"Title","Author"\n', True),
        ("\ufeffDocument Title;Authors\n", True),
        ("name,email\nann,a@x\n", False),
        ("A title line of prose\n", False),
    ],
    ids=["pipe", "quoted", "bom-semicolon", "no-title-column", "prose"],
)
def test_looks_like_csv(text, expected):
    assert looks_like_csv(text) is expected


def test_a_multi_line_cell_in_a_row_short_of_its_empty_cells_is_no_open_quote():
    text = 'title,abstract,year,doi\nA paper,"First paragraph.\nSecond, with a comma.",2001\n'
    result = read_csv(text, "x.csv")
    assert [r.abstract for r in result.records] == ["First paragraph. Second, with a comma."]
    assert result.problems == []


def test_a_quote_inside_an_unquoted_cell_is_no_quote_left_open():
    """`12"` in an unquoted cell is a literal quote; with a closed multi-line cell after it in
    the last row the file has an odd number of quotes, and nothing is wrong."""
    text = 'id,title,abstract\n1,A paper,x\n2,A 12" telescope survey,"first line\nsecond line"\n'
    result = read_csv(text, "t.csv")
    assert [r.title for r in result.records] == ["A paper", 'A 12" telescope survey']
    assert result.problems == []


def test_a_repeated_id_with_a_year_that_holds_none_gets_both_warnings():
    result = read_csv("id,title,year\n1,A paper,2020\n1,Another paper,20x1\n", "t.csv")
    assert [(p.line, p.kind) for p in result.problems] == [(3, "repeated-id"), (3, "no-year")]


def test_text_after_a_closing_quote_is_no_quote_left_open():
    text = 'id,title,year,abstract\n1,A paper,2020,x\n2,"Deep nets" revisited,2021,"a\nb"\n'
    assert read_csv(text, "t.csv").problems == []


def test_a_quote_left_open_in_the_last_row_with_cr_line_ends():
    text = 'title,authors,year\rA paper,C D,2019\rB paper,"A B,2020\r'
    result = read_csv(text, "t.csv")
    assert [(p.line, p.kind) for p in result.problems] == [(3, "unclosed-quote")]


def test_a_quote_left_open_after_a_cell_with_text_after_its_quote():
    text = (
        "id,title,year,abstract\n1,A paper,2020,x\n"
        '2,"Deep nets" revisited,2021,"an abstract never closed\n3,Swallowed,2022,y\n'
    )
    result = read_csv(text, "t.csv")
    assert [(p.line, p.kind) for p in result.problems] == [(3, "unclosed-quote")]


def test_a_quote_left_open_on_the_last_line_without_a_line_end():
    result = read_csv('title,authors,year\nA paper,C D,2019\nB paper,"A B,2020', "t.csv")
    assert [(p.line, p.kind) for p in result.problems] == [(3, "unclosed-quote")]


def test_a_cell_past_csvs_default_size_limit_loses_no_row():
    # csv's default limit (128 KiB) ended the reading at such a cell: it and every row after it
    # were lost, with a warning that the rest of the file was skipped.
    text = 'id,title,year\n1,First,2020\n2,"' + "long " * 40_000 + '",2020\n3,Third,2021\n'
    result = read_csv(text, "long.csv")
    assert [r.source.id for r in result.records] == ["1", "2", "3"]
    assert len(result.records[1].title or "") == len("long " * 40_000) - 1
    assert result.problems == []


def test_a_quote_left_open_in_a_large_file_keeps_its_row_and_says_so():
    rows = [f"{i},Paper number {i} on a topic,2020" for i in range(2, 4000)]
    text = 'id,title,year\n1,"Open quote,2020\n' + "\n".join(rows) + "\n"
    result = read_csv(text, "open.csv")
    assert [r.source.id for r in result.records] == ["1"]
    assert [(p.line, p.kind) for p in result.problems] == [(2, "unclosed-quote")]


@pytest.mark.slow
def test_a_quote_left_open_near_the_top_costs_less_than_reading_the_file():
    # Once csv read a quote left open to the end (its cell limit raised), the check that it is
    # never closed walked the swallowed megabytes letter by letter: ten times csv's own reading,
    # minutes for an export of some hundred MB.
    rows = "".join(f"{i},Paper number {i} on a topic,2020\n" for i in range(2, 150_000))
    text = 'id,title,year\n1,"Open quote,2020\n' + rows

    def seconds(work: Callable[[], object]) -> float:
        times = []
        for _ in range(3):  # the best of a few: a shared machine
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
        return min(times)

    limit = csv.field_size_limit(len(text))  # as read_csv raises it
    try:
        reading = seconds(lambda: list(csv.reader(io.StringIO(text, newline=""))))
    finally:
        csv.field_size_limit(limit)
    checking = seconds(lambda: open_at_end(text, ",", 2))
    assert open_at_end(text, ",", 2)
    assert checking < 2 * reading  # 0.1 of it by quote-to-quote regex; 12 letter by letter


def test_a_zotero_export_gives_abstract_type_and_place():
    # Zotero's `Abstract Note`, `Item Type` and `Place` were read as no field: every abstract
    # of a Zotero library was lost, and its `Type` (`PhD Thesis`) was the only type seen.
    text = (
        '"Key","Item Type","Publication Year","Author","Title","Publication Title","DOI",'
        '"Abstract Note","Pages","Publisher","Place","Type"\n'
        '"X7K2P9QA","journalArticle","2023","Müller, Thomas; García, María","A survey",'
        '"Nature Reviews Physics","10.1038/x","We review message passing.","401-415","","",""\n'
        '"H5J6K7LM","thesis","2020","Kowalski, Łukasz","Learning to plan","","","","",'
        '"ETH Zürich","Zürich","PhD Thesis"\n'
        '"Q1","conferencePaper","2021","Li, Wei","A paper","ICLR","","","","","",""\n'
        '"Q2","webpage","2021","Li, Wei","A page","","","","","","",""\n'
    )
    article, thesis, paper, page = read_csv(text, "zotero.csv").records
    assert (article.source.id, article.abstract) == ("X7K2P9QA", "We review message passing.")
    assert [r.entry_type for r in (article, thesis, paper, page)] == [
        "article",
        "phdthesis",
        "inproceedings",
        None,
    ]
    assert thesis.authors == ("Kowalski, Łukasz",)
    assert dict(thesis.extra)["address"] == "Zürich"


def test_a_scopus_export_gives_pages_from_its_start_and_end_columns():
    # Scopus writes a range as `Page start` and `Page end`: both were read as no field, so its
    # records had no pages, and two companion papers in one volume lost the veto that keeps
    # them apart.
    text = (
        '\ufeff"Authors","Author full names","Title","Year","Source title","Volume","Issue",'
        '"Art. No.","Page start","Page end","DOI","Link","Abstract","Document Type","EID"\n'
        '"Kelly T., Silva R.S.","Kelly, Thomas (1); Silva, Rahul S. (2)","A trial in adults",'
        '"2011","The Lancet","377","9","","1021","1034","","","","Article","2-s2.0-1"\n'
        '"Kelly T.","Kelly, Thomas (1)","A letter","2011","The Lancet","377","9","","e12","",'
        '"","","","Letter","2-s2.0-2"\n'
    )
    article, letter = read_csv(text, "scopus.csv").records
    assert (article.source.id, letter.source.id) == ("2-s2.0-1", "2-s2.0-2")  # the EID
    assert (article.venue, article.volume, article.pages) == ("The Lancet", "377", "1021-1034")
    assert letter.pages == "e12"
    assert "first_page" not in dict(article.extra)


@pytest.mark.parametrize(
    "header, kinds, expected",
    [
        ("Document Type", ("Article", "Conference Paper", ""), (False, False, None)),  # Scopus
        ("Publication Type", ("Conference Abstract", "Article", "Review"), (True, False, False)),
        (
            "Document Type",
            ("Meeting Abstract", "Article; Proceedings Paper", ""),
            (True, False, None),
        ),  # noqa: E501 (one case a line)
    ],
)
def test_a_document_type_column_tells_a_meeting_abstract(header, kinds, expected):
    # A meeting's abstract and the article it became share title, people, year and journal;
    # the export's type is what tells them apart (Scopus, Embase, Web of Science).
    rows = "".join(f'"T{i}","{kind}"\n' for i, kind in enumerate(kinds))
    records = read_csv(f'"Title","{header}"\n' + rows, "export.csv").records
    assert tuple(r.meeting_abstract for r in records) == expected
    assert all("document_type" not in dict(r.extra) for r in records)


def test_a_web_of_science_export_types_by_its_document_type_not_its_publication_type():
    # Web of Science's full export starts with `Publication Type` (`J`: a journal), and gives
    # the kind of document later: its meeting abstract is one, as Embase's copy of it is.
    text = (
        "Publication Type\tArticle Title\tDocument Type\tUT (Unique WOS ID)\n"
        "J\tEculizumab in atypical HUS\tMeeting Abstract\tWOS:1\n"
        "J\tEculizumab in atypical HUS: a cohort\tArticle\tWOS:2\n"
    )
    records = read_csv(text, "savedrecs.txt").records
    assert [r.meeting_abstract for r in records] == [True, False]


@pytest.mark.parametrize(
    "header, row, fields",
    [
        pytest.param(
            "Title,Editors,Publisher,ISSN,ISBN,Language of Original Document",
            'A paper,"Ray B., Doe C.",Springer,03029743,9783030123456,English',
            {
                "editor": "Ray B., Doe C.",
                "publisher": "Springer",
                "issn": "03029743",
                "isbn": "9783030123456",
                "language": "English",
            },
            id="scopus",
        ),
        pytest.param(
            "Article Title\tBook Editors\tLanguage\tPublisher\tISSN\tISBN",
            "A paper\tRay, B; Doe, C\tEnglish\tSPRINGER\t0302-9743\t978-3-030-12345-6",
            {
                "editor": "Ray, B; Doe, C",
                "language": "English",
                "publisher": "SPRINGER",
                "issn": "0302-9743",
                "isbn": "978-3-030-12345-6",
            },
            id="web-of-science-columns",
        ),
        pytest.param(
            "PT\tTI\tBE\tLA\tPU\tSN\tBN\tUT",
            "S\tA paper\tRay, B; Doe, C\tEnglish\tSPRINGER\t0302-9743\t978-3-030-12345-6\tWOS:1",
            {
                "editor": "Ray, B; Doe, C",
                "language": "English",
                "publisher": "SPRINGER",
                "issn": "0302-9743",
                "isbn": "978-3-030-12345-6",
            },
            id="web-of-science-tags",
        ),
    ],
)
def test_a_database_export_passes_the_papers_editors_publisher_numbers_and_language(
    header, row, fields
):
    # Scopus's `Language of Original Document`, Web of Science's `Book Editors` (`BE`) and
    # `ISBN` (`BN`) were read as no field, and left out of every output.
    (record,) = read_csv(f"{header}\n{row}\n", "export.csv").records
    assert {k: v for k, v in record.extra if k in fields} == fields


def test_a_pubmed_export_gives_its_journal():
    text = (
        '"PMID","Title","Authors","Citation","First Author","Journal/Book","Publication Year",'
        '"Create Date","PMCID","NIHMS ID","DOI"\n'
        '"1","A trial.","Klein S, Berg MJ.","Lancet. 2011;377(9):1021-34.","Klein S","Lancet",'
        '"2011","2011/01/02","","",""\n'
    )
    (record,) = read_csv(text, "pubmed.csv").records
    # The PMID names the record, in decisions and provenance, however a search is re-exported.
    assert record.source.id == "1"
    assert (record.venue, record.year) == ("Lancet", 2011)
    assert record.authors == ("Klein, S.", "Berg, M. J.")


@pytest.mark.parametrize(
    "citation, place",
    [
        ("Lancet. 2011 Jan 4;377(9):1021-34. doi: 10.1/x(19)3.", ("377", "9", "1021-34")),
        ("BMJ. 2020 Jan 2;368:m123.", ("368", None, "m123")),
        ("Cochrane Database Syst Rev. 2019 Jun 3;6(6):CD012345.", ("6", "6", "CD012345")),
        ("Chest. 2001 Oct;120(4 Suppl):S12-S15.", ("120", "4 Suppl", "S12-S15")),
        ("Thorax. 2023 Jan 5:thoraxjnl-2022-219000. Online ahead of print.", (None, None, None)),
    ],
    ids=["volume-issue-pages", "no-issue", "cochrane", "supplement", "ahead-of-print"],
)
def test_a_pubmed_citation_gives_volume_issue_and_pages(citation, place):
    # PubMed's CSV has no volume, issue or pages column, only `Citation`: its records had no
    # pages, so two companion papers of one journal and year ('... in older adults' / '... in
    # younger adults', nine authors shared) were merged, with no pages veto to part them.
    text = (
        '"PMID","Title","Authors","Citation","Journal/Book","Publication Year"\n'
        f'"1","A trial.","Klein S","{citation}","Lancet","2011"\n'
    )
    (record,) = read_csv(text, "pubmed.csv").records
    assert (record.volume, record.number, record.pages) == place
    assert "citation" not in dict(record.extra)


def test_a_pages_column_wins_over_a_citation():
    text = '"Title","Citation","Pages","Volume"\n"A","Lancet. 2011;377(9):1021-34.","7-9","5"\n'
    (record,) = read_csv(text, "x.csv").records
    assert (record.volume, record.number, record.pages) == ("5", "9", "7-9")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Conference Abstract", True),  # Embase
        ("Meeting Abstract", True),  # Web of Science
        ("Article; Proceedings Paper", False),
        ("Short Survey", False),  # Scopus
        ("J", None),  # Web of Science's kind of source, not of document
        ("10.1016/j.x.2020.01.002", None),  # a DOI EndNote left in RIS's M3
        ("", None),
    ],
)
def test_a_document_type_names_a_kind_or_says_nothing(value, expected):
    # A value naming no kind of document typed the record "not an abstract", and the
    # abstract-and-article veto then kept it from its own abstract's other copies.
    assert meeting_abstract(value) is expected


def test_a_web_of_science_tab_delimited_export_is_read_by_its_field_tags():
    # `savedrecs.txt` names its columns by tag: it was no CSV at all without four --map options.
    text = (
        "PT\tAU\tTI\tSO\tDT\tPY\tVL\tBP\tEP\tDI\tUT\t\n"
        "J\tKlein, S; Berg, MJ\tRuxolitinib in myelofibrosis\tBLOOD\tMeeting Abstract\t2021"
        "\t138\t1234\t\t\tWOS:000123\t\n"
        "J\tKlein, S; Berg, MJ\tRuxolitinib in myelofibrosis\tBLOOD\tArticle\t2022\t139\t700"
        "\t710\t10.1182/blood.2021\tWOS:000456\t\n"
    )
    assert looks_like_csv(text)
    abstract, article = read_csv(text, "savedrecs.txt").records
    assert (article.title, article.venue, article.year) == (
        "Ruxolitinib in myelofibrosis",
        "BLOOD",
        2022,
    )
    assert article.authors == ("Klein, S.", "Berg, M. J.")
    assert (article.pages, article.doi, article.source.id) == (
        "700-710",
        "10.1182/blood.2021",
        "WOS:000456",
    )
    assert (abstract.meeting_abstract, article.meeting_abstract) == (True, False)
    # Two-letter columns of some other file are no Web of Science export.
    assert not looks_like_csv("TI\tAU\tPY\nA title\tSmith J\t2020\n")


def test_a_web_of_science_author_is_one_person_with_a_bibtex_copy_of_the_paper():
    # `Zhai, XH` (Web of Science runs initials together) was read as the given name `XH`, no
    # initial of `Xiaohua`, and the merged paper listed him twice: `…, Zhai, Xiaohua and Zhai, XH`.
    wos = (
        "PT\tAU\tTI\tPY\tDI\tUT\n"
        "J\tKolesnikov, A; Zhai, XH\tBig Transfer (BiT)\t2020\t10.1007/x_29\tWOS:1\n"
    )
    bib = (
        "@article{k, author = {Kolesnikov, Alexander and Zhai, Xiaohua},"
        " title = {Big Transfer (BiT)}, year = 2020, doi = {10.1007/x_29}}"
    )
    inputs = [read_text(wos, "savedrecs.txt"), read_text(bib, "refs.bib")]
    (paper,) = run(inputs).papers
    assert paper.authors == ["Kolesnikov, Alexander", "Zhai, Xiaohua"]


_SCOPUS_HEADER = '"Authors","Author full names","Title","Year"\n'
_ZHAI = "Zhai, Xiaohua (57193115287); Kolesnikov, Alexander (57190000000)"
_BUNN = "Bunn, Paul A., Jr. (7101710000)"


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            _SCOPUS_HEADER + f'"Zhai X.; Kolesnikov A.","{_ZHAI}","Big Transfer","2020"\n',
            ("Zhai, Xiaohua", "Kolesnikov, Alexander"),
            id="scopus-ids-stripped",
        ),
        pytest.param(
            "PT\tAU\tAF\tTI\tPY\tUT\nJ\tZhai, XH; Kolesnikov, A\tZhai, Xiaohua; Kolesnikov,"
            " Alexander\tBig Transfer\t2020\tWOS:1\n",
            ("Zhai, Xiaohua", "Kolesnikov, Alexander"),
            id="web-of-science-tags",
        ),
        pytest.param(
            "Authors\tAuthor Full Names\tArticle Title\nZhai, XH\tZhai, Xiaohua\tBig Transfer\n",
            ("Zhai, Xiaohua",),
            id="web-of-science-full-headers",
        ),
        pytest.param(
            _SCOPUS_HEADER + f'"Zhai X.; Kolesnikov A.; Beyer L.","{_ZHAI}","Big","2020"\n',
            ("Zhai, X.", "Kolesnikov, A.", "Beyer, L."),
            id="counts-disagree-initials-whole",
        ),
        pytest.param(
            _SCOPUS_HEADER
            + '"Zhai X.; Kolesnikov A.","Zhai, Xiaohua (1); Beyer, Lucas (2)","B",""\n',
            ("Zhai, Xiaohua", "Kolesnikov, A."),
            id="another-person-keeps-initials",
        ),
        pytest.param(
            _SCOPUS_HEADER + f'"","{_ZHAI}","Big Transfer","2020"\n',
            ("Zhai, Xiaohua", "Kolesnikov, Alexander"),
            id="full-names-alone",
        ),
        pytest.param(
            _SCOPUS_HEADER
            + f'"Bunn Jr. P.A.; Zhai X.; Kolesnikov A.","{_BUNN}; {_ZHAI}","Big","2020"\n',
            ("Bunn, Paul A., Jr.", "Zhai, Xiaohua", "Kolesnikov, Alexander"),
            id="suffixed-person-suffix-before-initials",
        ),
        pytest.param(
            _SCOPUS_HEADER
            + f'"Bunn P.A., Jr.; Zhai X.; Kolesnikov A.","{_BUNN}; {_ZHAI}","Big","2020"\n',
            ("Bunn, Paul A., Jr.", "Zhai, Xiaohua", "Kolesnikov, Alexander"),
            id="suffixed-person-suffix-after-a-comma",
        ),
    ],
)
def test_full_names_beside_initials_are_read(text, expected):
    # Scopus and Web of Science give each person's full name beside the initials: read by
    # the initials alone, the merged paper said `Zhai, X.` where the export said `Xiaohua`.
    (record,) = read_csv(text, "export.csv").records
    assert record.authors == expected
    assert "full_authors" not in dict(record.extra)


def test_a_scopus_row_without_authors_is_kept_with_no_authors():
    # Scopus writes `[No author name available]` in both author columns of such a row: read
    # as a name, it was written into BibTeX as the paper's author.
    none = "[No author name available]"
    text = _SCOPUS_HEADER + f'"{none}","{none}","An editorial","2020"\n'
    (record,) = read_csv(text, "scopus.csv").records
    assert (record.title, record.authors, record.authors_complete) == ("An editorial", (), False)
    (paper,) = run([read_text(text, "scopus.csv")]).papers
    assert paper.authors == []
    assert "author" not in write_bibtex(run([read_text(text, "scopus.csv")]))


def test_a_users_author_column_wins_over_the_full_names():
    text = _SCOPUS_HEADER + f'"Zhai X.; Kolesnikov A.","{_ZHAI}","Big Transfer","2020"\n'
    options = CsvOptions(column_map={"Authors": "authors"})
    (record,) = read_csv(text, "scopus.csv", options).records
    assert record.authors == ("Zhai, X.", "Kolesnikov, A.")
    options = CsvOptions(column_map={"Author full names": "authors"})
    (record,) = read_csv(text, "scopus.csv", options).records
    assert record.authors == ("Zhai, Xiaohua", "Kolesnikov, Alexander")


def test_arxiv_id_from_an_arxiv_doi_or_a_corr_volume():
    text = (
        "Title,Author,DOI,Volume,Publication Title\n"
        'A,"Doe, J.",10.48550/arXiv.2010.11929,,\n'
        'B,"Doe, J.",,abs/1912.11370,CoRR\n'
    )
    records = read_csv(text, "z.csv").records
    assert [r.arxiv for r in records] == ["2010.11929", "1912.11370"]


POP = (  # Publish or Perish's CSV of a Google Scholar search: lists and snippets cut with `…`
    "Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI,"
    "ISSN,CitationURL,Volume,Issue,StartPage,EndPage,ECC,CitesPerYear,CitesPerAuthor,"
    "AuthorCount,Age,Abstract,FullTextURL,RelatedURL\r\n"
    '4000,"A Kolesnikov, L Beyer, X Zhai, J Puigcerver…","Big transfer (bit): General visual'
    ' representation learning",2020,"Computer Vision–ECCV 2020: 16th …",Springer,'
    "https://link.springer.com/chapter/10.1007/978-3-030-58558-7_29,,3,2023-05-01 10:00:00,"
    'HTML,10.1007/978-3-030-58558-7_29,,,,,491,507,4000,1333.33,571.43,7,3,"Transfer of'
    ' pre-trained representations improves sample efficiency. We revisit the paradigm of …",,\r\n'
)


def test_publish_or_perish_csv_cut_lists_pages_and_its_type_column():
    (record,) = read_csv(POP, "pop.csv").records
    assert record.authors == (
        "A. Kolesnikov",
        "L. Beyer",
        "X. Zhai",
        "J. Puigcerver",
    )  # not `J Puigcerver…`
    assert record.authors_cut and not record.authors_complete
    assert record.pages == "491-507"  # StartPage, EndPage
    assert (
        record.entry_type is None
    )  # `HTML` (Scholar's kind of file) is no entry type: no `@html{`
    assert record.truncated  # the snippet ends in `…`
    assert dict(record.extra)["url"].startswith("https://link.springer.com/")


def test_zotero_conference_name_is_the_venue_of_a_paper_without_proceedings_title():
    text = (
        '\ufeff"Key","Item Type","Publication Year","Author","Title","Publication Title",'
        '"Pages","Conference Name"\n'
        '"ZA7H3K9L","conferencePaper","2019","Zhai, Xiaohua; Oliver, Avital",'
        '"S4L: Self-Supervised Semi-Supervised Learning","","1476-1485",'
        '"Proceedings of the IEEE/CVF International Conference on Computer Vision"\n'
        '"QW8E2M4P","conferencePaper","2019","Kolesnikov, Alexander","Revisiting","Proc. CVPR",'
        '"1920-1929","CVPR 2019"\n'
    )
    records = read_csv(text, "zotero.csv").records
    assert [r.venue for r in records] == [
        "Proceedings of the IEEE/CVF International Conference on Computer Vision",
        "Proc. CVPR",  # the proceedings' title first
    ]


def test_endnote_tab_delimited_doi_and_reference_type():
    text = (
        "Reference Type\tAuthor\tYear\tTitle\tSecondary Title\tPages\t"
        "Electronic Resource Number\r\n"
        "Conference Proceedings\tHe, Kaiming; Zhang, Xiangyu\t2016\tDeep Residual Learning\t"
        "2016 IEEE CVPR\t770-778\t10.1109/CVPR.2016.90\r\n"
    )
    (record,) = read_csv(text, "endnote.txt").records
    assert (record.doi, record.entry_type, record.venue) == (
        "10.1109/CVPR.2016.90",
        "inproceedings",
        "2016 IEEE CVPR",
    )


@pytest.mark.parametrize(
    "document_type, entry_type",
    [
        pytest.param("Article", "article", id="scopus-article"),
        pytest.param("Review", "article", id="scopus-review"),
        pytest.param("Letter", "article", id="scopus-letter"),
        pytest.param("Conference Paper", "inproceedings", id="scopus-conference-paper"),
        pytest.param("Proceedings Paper", "inproceedings", id="wos-proceedings-paper"),
        pytest.param("Book Chapter", "incollection", id="scopus-book-chapter"),
        pytest.param("Book", "book", id="scopus-book"),
        pytest.param("Conference Review", "proceedings", id="scopus-proceedings-volume"),
        pytest.param("Meeting Abstract", None, id="an-abstract-is-left-to-the-venue"),
        pytest.param("Article; Proceedings Paper", None, id="two-kinds-say-nothing"),
        pytest.param("J", None, id="wos-kind-of-source"),
    ],
)
def test_a_database_document_type_gives_the_entry_type(document_type, entry_type):
    # Scopus's `Conference paper` in `Advances in Neural Information Processing Systems` and
    # its `Article` in `Blood` were typed by their venue alone, which names neither: written
    # `@misc`, with the venue as `howpublished` and volume and pages that styles leave out.
    text = f'Title,Source title,Document Type\nA paper,Blood,"{document_type}"\n'
    (record,) = read_csv(text, "scopus.csv").records
    assert record.entry_type == entry_type


def test_an_entry_type_column_wins_over_a_document_type():
    text = "Title,Item Type,Document Type\nA paper,conferencePaper,Article\n"
    (record,) = read_csv(text, "zotero.csv").records
    assert record.entry_type == "inproceedings"


def test_a_host_name_in_a_publisher_column_is_no_publisher():
    # Publish or Perish gives the site Scholar found the paper on; it outvoted `IEEE` in a merge.
    row = POP.replace(",Springer,", ",openaccess.thecvf.com,")
    (record,) = read_csv(row, "pop.csv").records
    assert "publisher" not in dict(record.extra)
    (record,) = read_csv(POP, "pop.csv").records
    assert dict(record.extra)["publisher"] == "Springer"


@pytest.mark.parametrize("kind", ["standard", "Standard", "mvbook", "inreference"])
def test_a_biblatex_entry_type_in_a_type_column_is_kept(kind):
    # `standard` was dropped with Publish or Perish's `HTML`: the report-number veto went with
    # it, and RFC 1700 and RFC 1340 (both `Assigned Numbers`) were merged into one paper.
    (record,) = read_csv(f"title,type,number\nAssigned Numbers,{kind},1700\n", "r.csv").records
    assert record.entry_type == kind.lower()


def test_scopus_ids_are_cut_in_time_in_proportion_to_a_space_run_before_them():
    """The id's pattern tried every space of a run, each try scanning the rest of it: 40,000
    spaces took 1.4 s (the readers collapse runs first; `_authors` may be given any text)."""
    from pubdedup.readers.csv_record import _authors

    def read(size: int) -> None:
        names, _ = _authors({"authors": "Zhai, X. H." + " " * size + "; Beyer, L. (1234)"})
        assert names == ["Zhai, X. H.", "Beyer, L."]

    assert time_ratio(read) < 24  # 8 for linear time; 64 for quadratic


@pytest.mark.parametrize(
    "cell, pages, warned",
    [
        ("01-Jun", "1-6", True),  # `1-6` (or `6-1`) saved by Excel as the first of June
        ("21-Apr", "4-21", True),  # `4-21`, month first: April 21
        ("Apr-21", "4-21", True),  # another locale's order
        ("06-Jun", "6", True),  # `6-6`: a one-page range
        ("01\u2013Jun", "1-6", True),  # an en dash
        ("01 - Jun", "1-6", True),  # spaced: read as the range, and warned about too
        ("01--Jun", "1-6", True),
        ("13-15", "13-15", False),  # no month: a range as it stands
        ("2422-2427", "2422-2427", False),
        ("Mayo-1", "Mayo-1", False),
        ("32-Jan", "32-Jan", False),  # no day of a month
        ("01-\u017fep", "1-9", True),  # a long s, which IGNORECASE reads as `s`: a traceback
    ],
)
def test_pages_a_spreadsheet_turned_into_a_date_are_read_as_the_range(cell, pages, warned):
    text = f"id,title,year,pages\nr1,Deep nets for cats,2013,{cell}\n"
    result = read_text(text, "export.csv")
    assert result.records[0].pages == pages
    kinds = [(p.kind, p.line) for p in result.problems]
    assert kinds == ([("pages-as-date", 2)] if warned else [])


def test_an_article_whose_pages_excel_made_a_date_is_one_with_its_print_copy():
    """`01-Jun` is the online-first copy's `1-6`, as many pages as the print copy's range:
    read as a first page `01`, it parted the two copies as versions."""
    authors = "Kwon, Y. M. and Gerdes, H. and Schattner, M. A."
    title = "Management of peripancreatic fluid collections following partial pancreatectomy"
    text = (
        "id,title,year,author,pages,volume,journal\n"
        f'a,{title},2013,"{authors}",01-Jun,,Surgical Endoscopy\n'
        f'b,{title},2013,"{authors}",2422-2427,27,Surg Endosc\n'
    )
    result = run([read_text(text, "export.csv")])
    assert [len(p.records) for p in result.papers] == [2]


def test_a_quote_left_open_that_swallows_the_rows_after_it_is_never_closed():
    # It was said to be 'closed only on line 4', the file's last line, where no quote is.
    text = 'id,title,year\n1,"Open quote,2020\n2,B paper here,2020\n3,C paper here,2020\n'
    result = read_csv(text, "open.csv")
    assert [r.source.id for r in result.records] == ["1"]
    assert [(p.line, p.kind, p.message) for p in result.problems] == [
        (
            2,
            "unclosed-quote",
            "a quote opened in this row is never closed: the rest of the file is one cell",
        )
    ]


def test_a_scholar_csvs_initials_before_surnames_are_the_people_of_a_bibtex_copy():
    """`JP Vert` read as the given name `Jp` was no initials of `Jean-Philippe Vert`: the
    merged paper listed him twice (`Vert, Jean-Philippe and Cuturi, Marco and Vert, JP`)."""
    title = "Deep Multiclass Learning from Label Proportions"
    scholar = read_text(f'Authors,Title,Year\n"JP Vert, M Cuturi",{title},2019\n', "s.csv")
    bibtex = "@misc{z, author = {Vert, Jean-Philippe and Cuturi, Marco}, title = {%s}, year = 2019}"
    (paper,) = run([scholar, read_text(bibtex % title, "z.bib")]).papers
    assert paper.authors == ["Vert, Jean-Philippe", "Cuturi, Marco"]
