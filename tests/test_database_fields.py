"""The fields database exports give beside a paper's title, authors and venue (keywords, an
article number, PubMed's id, a book series, the publisher's city, the month): read from Scopus's
and Web of Science's CSV, Web of Science's plain text and RIS, and written to BibTeX, JSON and
CSL-JSON, as a merged bibliography's users (JabRef, Zotero, biblatex) expect them."""

from __future__ import annotations

import json

import bibtexparser
import pytest
from click.testing import CliRunner

from pubdedup.cli import main

# Scopus's CSV export, its columns in its own order (some left out).
SCOPUS = (
    "\ufeffAuthors,Author full names,Title,Year,Source title,Volume,Issue,Art. No.,Page start,"
    "Page end,Editors,Publisher,ISSN,ISBN,PubMed ID,Language of Original Document,Document Type,"
    "Author Keywords,Index Keywords,EID\n"
    '"Zhai X.; Kolesnikov A.","Zhai, Xiaohua (57193115287); Kolesnikov, Alexander (5719311528'
    '8)",Scaling vision transformers,2022,Nature Communications,13,1,5432,,,,,,,35012345,English,'
    'Article,"Deep learning; Vision transformers","Deep Learning; image classification; Article",'
    "2-s2.0-85001\n"
)
# Web of Science's tab-delimited export with its full column names (some left out).
WOS_COLUMNS = (
    "Publication Type\tAuthors\tBook Editors\tAuthor Full Names\tArticle Title\tSource Title\t"
    "Book Series Title\tLanguage\tDocument Type\tAuthor Keywords\tKeywords Plus\tPublisher\t"
    "Publisher City\tPublisher Address\tISSN\tISBN\tPublication Date\tPublication Year\tVolume\t"
    "Issue\tStart Page\tEnd Page\tArticle Number\tDOI\tPubmed Id\tUT (Unique WOS ID)\n"
    "J\tKlein, S; Berg, MJ\t\tKlein, Sarah; Berg, Maria J.\tRuxolitinib in myelofibrosis\tBLOOD\t"
    "\tEnglish\tArticle\truxolitinib; JAK2\tINHIBITOR; Ruxolitinib\tAMER SOC HEMATOLOGY\t"
    "WASHINGTON\t2021 L ST NW, SUITE 900, WASHINGTON, DC 20036 USA\t0006-4971\t\tJUN 15\t2021\t"
    "137\t24\t\t\te123\t10.1182/blood.2020009876\t33512345\tWOS:000001\n"
)
# Its plain-text export of a book chapter in a series (tags in Web of Science's order).
WOS_TEXT = """FN Clarivate Analytics Web of Science
VR 1.0
PT S
AU Zhai, XH
AF Zhai, Xiaohua
BE Vedaldi, A
TI Big Transfer (BiT): General Visual Representation Learning
SO COMPUTER VISION - ECCV 2020, PT V
SE Lecture Notes in Computer Science
LA English
DT Proceedings Paper
DE transfer learning; few-shot
   learning
ID NETWORKS
PU SPRINGER INTERNATIONAL PUBLISHING AG
PI CHAM
PA GEWERBESTRASSE 11, CHAM, CH-6330, SWITZERLAND
PD SPR
PY 2020
VL 12350
BP 491
EP 507
DI 10.1007/978-3-030-58558-7_29
UT WOS:000002
ER

EF
"""
RIS = """TY  - JOUR
AU  - Zhai, Xiaohua
AU  - Kolesnikov, Alexander
TI  - Scaling vision transformers
T2  - Nature Communications
PY  - 2022
VL  - 13
IS  - 1
KW  - deep learning
KW  - Self-supervision
ER  -
"""


def merge(*args) -> str:
    result = CliRunner().invoke(main, ["merge", *map(str, args)])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def outputs(tmp_path, files: dict[str, str]) -> tuple[dict, dict, dict]:
    """Each paper's BibTeX fields, JSON fields and CSL item, by key, of merging `files`."""
    paths = []
    for name, text in files.items():
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    entries = bibtexparser.parse_string(merge(*paths)).entries
    bibtex = {e.key: {k: f.value for k, f in e.fields_dict.items()} for e in entries}
    papers = json.loads(merge(*paths, "-f", "json"))["papers"]
    items = json.loads(merge(*paths, "-f", "csl-json"))
    return bibtex, {p["key"]: p["fields"] for p in papers}, {i["id"]: i for i in items}


@pytest.mark.parametrize(
    "name, text, fields, month",
    [
        pytest.param(
            "scopus.csv",
            SCOPUS,
            {
                # the authors' terms, then the database's not among them, each once
                "keywords": "Deep learning, Vision transformers, image classification, Article",
                "eid": "5432",
                "pmid": "35012345",
            },
            None,
            id="scopus-csv",
        ),
        pytest.param(
            "savedrecs.txt",
            WOS_COLUMNS,
            {
                "keywords": "ruxolitinib, JAK2, INHIBITOR",
                "address": "WASHINGTON",  # the city, not the street address
                "month": "JUN",  # of `JUN 15`: the month without its day
                "eid": "e123",
                "pmid": "33512345",
            },
            "jun",  # BibTeX's macro
            id="web-of-science-columns",
        ),
        pytest.param(
            "savedrecs.txt",
            WOS_TEXT,
            {
                "keywords": "transfer learning, few-shot learning, NETWORKS",
                "series": "Lecture Notes in Computer Science",
                "address": "CHAM",
                "month": "SPR",  # a season, as written
            },
            "SPR",
            id="web-of-science-plain-text",
        ),
        pytest.param(
            "export.ris",
            RIS,
            {"keywords": "deep learning, Self-supervision"},
            None,
            id="ris",
        ),
    ],
)
def test_a_database_export_passes_its_keywords_numbers_series_address_and_month(
    tmp_path, name, text, fields, month
):
    # Each was read as no field and left out of every output.
    bibtex, json_fields, items = outputs(tmp_path, {name: text})
    [written], [passed], [item] = bibtex.values(), json_fields.values(), items.values()
    assert {k: written.get(k) for k in fields} == {**fields, **({"month": month} if month else {})}
    assert {k: passed.get(k) for k in fields} == fields
    csl = {"keywords": "keyword", "pmid": "PMID", "series": "collection-title"}
    csl |= {"address": "publisher-place"}
    assert {k: item.get(v) for k, v in csl.items() if k in fields} == {
        k: v for k, v in fields.items() if k in csl
    }


def test_a_web_of_science_address_is_its_publisher_address_when_no_city_is_given(tmp_path):
    text = WOS_TEXT.replace("PI CHAM\n", "")
    bibtex, _, _ = outputs(tmp_path, {"savedrecs.txt": text})
    [fields] = bibtex.values()
    assert fields["address"] == "GEWERBESTRASSE 11, CHAM, CH-6330, SWITZERLAND"


def test_a_pubmed_csv_pmid_names_the_record_and_passes_as_its_pmid(tmp_path):
    text = (
        '"PMID","Title","Authors","Citation","Journal/Book","Publication Year"\n'
        '"33512345","A trial.","Klein S","Blood. 2021;137(24):3301-9.","Blood","2021"\n'
    )
    _, json_fields, _ = outputs(tmp_path, {"pubmed.csv": text})
    assert [fields["pmid"] for fields in json_fields.values()] == ["33512345"]
    source = tmp_path / "pubmed.csv"
    [paper] = json.loads(merge(source, "-f", "json"))["papers"]
    assert paper["sources"][0]["id"] == "33512345"


def test_the_keywords_of_a_papers_copies_are_their_union_each_term_once(tmp_path):
    # Scopus's copy and an RIS copy of one paper: every term once, whatever its case, in the
    # order the copies give them; neither copy's list alone.
    bibtex, json_fields, _ = outputs(tmp_path, {"scopus.csv": SCOPUS, "zotero.ris": RIS})
    union = "Deep learning, Vision transformers, image classification, Article, Self-supervision"
    assert [fields["keywords"] for fields in bibtex.values()] == [union]
    assert [fields["keywords"] for fields in json_fields.values()] == [union]


def test_the_fields_do_not_change_what_matches(tmp_path):
    # Two copies of one paper whose keywords, article numbers and PubMed ids differ are one
    # paper still; two papers that share them are two.
    other = SCOPUS.replace("5432,", "9999,").replace("35012345", "35000000")
    other = other.replace('"Deep learning; Vision transformers"', '"Graphs"')
    bibtex, _, _ = outputs(tmp_path, {"scopus.csv": SCOPUS, "scopus2.csv": other})
    assert len(bibtex) == 1
    another = SCOPUS.replace("Scaling vision transformers", "Learning to rank graphs")
    another = another.replace("Zhai X.; Kolesnikov A.", "Lee A.").replace(",13,1,", ",14,2,")
    another = another.replace("Zhai, Xiaohua (57193115287); Kolesnikov, Alexander", "Lee, Ann")
    bibtex, _, _ = outputs(tmp_path, {"scopus.csv": SCOPUS, "scopus2.csv": another})
    assert len(bibtex) == 2


def test_a_proceedings_volumes_source_title_is_its_series(tmp_path):
    # Scopus's row of a proceedings volume in LNCS: `howpublished`, which it was written in, is
    # no field of biblatex's `@proceedings` (biber: `Invalid field 'howpublished'`).
    text = (
        "Title,Year,Source title,Volume,Document Type,Editors,Publisher\n"
        "Graph Transformations 2021,2021,Lecture Notes in Computer Science,12741,"
        "Conference Review,Ray B.,Springer\n"
    )
    bibtex, _, items = outputs(tmp_path, {"scopus.csv": text})
    [fields], [item] = bibtex.values(), items.values()
    assert "howpublished" not in fields
    assert fields["series"] == "Lecture Notes in Computer Science"
    assert (item["type"], item.get("collection-title")) == ("book", fields["series"])
    assert "container-title" not in item


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "scopus.csv",
            "Authors,Title,Year,Source title,Abstract,Document Type\n"
            '"Smith J.",An editorial,2021,Journal of Things,[No abstract available],Editorial\n',
        ),
        (
            "scopus.ris",
            "TY  - JOUR\nTI  - An editorial\nAU  - Smith, J.\nPY  - 2021\n"
            "AB  - [No abstract available]\nER  - \n",
        ),
    ],
)
def test_a_databases_stand_in_for_no_abstract_is_no_abstract(tmp_path, name, text):
    # Scopus writes `[No abstract available]` for an editorial, a letter, many conference
    # papers: it was written into BibTeX and CSL-JSON as the paper's abstract.
    (tmp_path / name).write_text(text)
    result = CliRunner().invoke(main, ["merge", str(tmp_path / name), "-f", "json"])
    assert result.exit_code == 0, result.output
    (paper,) = json.loads(result.stdout)["papers"]
    assert (paper["title"], paper["abstract"]) == ("An editorial", None)
