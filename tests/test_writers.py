"""BibTeX and JSON writers: re-parse, escape, validate against the shipped schema."""

from __future__ import annotations

import json

import bibtexparser
import jsonschema
import pytest
from click.testing import CliRunner

from pubdedup.cli import main
from pubdedup.merge import merge_records
from pubdedup.model import Record, Source
from pubdedup.pipeline import run
from pubdedup.readers import read_text
from pubdedup.readers.latex import latex_to_text
from pubdedup.readers.page import read_page
from pubdedup.schema import output_schema
from pubdedup.writers.bibtex import INFERRED_NOTE, bibtex_name, to_entry, write_bibtex
from pubdedup.writers.csl_json import csl_item
from pubdedup.writers.json_out import write_json
from pubdedup.writers.latex import escape, protect_title, to_ascii
from tests.conftest import DATA, EXAMPLES, read, time_ratio


def seed_result(seed_pages):
    return run([read_text(read(p), p.name) for p in seed_pages])


def test_bibtex_reparses_with_one_entry_per_paper(seed_pages):
    result = seed_result(seed_pages)
    library = bibtexparser.parse_string(write_bibtex(result))
    assert library.failed_blocks == []
    assert len(library.entries) == len(result.papers) == 15
    assert [e.key for e in library.entries] == sorted(e.key for e in library.entries)
    assert len({e.key for e in library.entries}) == 15


def test_bibtex_marks_inferred_titles_and_escapes_percent(seed_pages):
    library = bibtexparser.parse_string(write_bibtex(seed_result(seed_pages)))
    untitled = [e for e in library.entries if e["title"].startswith("[Untitled]")]
    assert untitled and all(INFERRED_NOTE in e["note"] for e in untitled)
    abstracts = " ".join(e["abstract"] for e in library.entries)
    assert r"82.8\% top-1" in abstracts and "82.8% " not in abstracts


def test_entry_types_follow_the_venue():
    page = read_page(read(DATA / "pages" / "titled_no_abstract.txt"), "p.txt")
    result = run([read_text(read(DATA / "pages" / "titled_no_abstract.txt"), "p.txt")])
    types = {p.title: p.entry_type for p in result.papers}
    assert len(page.records) == 4
    assert types["Mesh Simplification at Scale"] == "misc"  # arXiv
    assert types["A Survey of Geometry Processing"] == "inproceedings"
    assert types["Differentiable Rendering of Neural Fields"] == "misc"  # year only
    text = write_bibtex(result)
    assert "booktitle = {Conference on Computer Vision and Pattern Recognition}" in text
    assert "howpublished = {arXiv}" in text


def test_latex_escaping():
    assert escape("50% & $5 #1 a_b {x} ~ ^ \\") == (
        r"50\% \& \$5 \#1 a\_b \textbraceleft{}x\textbraceright{} \textasciitilde{} "
        r"\textasciicircum{} \textbackslash{}"
    )
    assert protect_title("Big Transfer (BiT) on ImageNet") == "Big Transfer ({BiT}) on {ImageNet}"
    assert (
        protect_title("Kubric: A scalable dataset generator")
        == "Kubric: A scalable dataset generator"
    )


def test_less_greater_and_bar_are_written_as_commands_that_print_them_and_read_back():
    # LaTeX's default OT1 encoding prints a raw `<` as `¡`, `>` as `¿` and `|` as an em dash.
    text = "p < 0.05 | x > y"
    latex = escape(text)
    assert latex == r"p \textless{} 0.05 \textbar{} x \textgreater{} y"
    assert latex_to_text(latex) == text


@pytest.mark.parametrize(
    "text, latex",
    [
        pytest.param("a “quoted” word", "a ``quoted'' word", id="curly-double-quotes"),
        pytest.param("of χ'' at 50%", r"of χ'' at 50\%", id="two-primes-stay"),
        pytest.param("¿Qué? “Sí”", "¿Qué? ``Sí''", id="after-a-space"),
        pytest.param("why?“x”", "why?“x''", id="after-a-question-mark"),  # ?`` is ¿
    ],
)
def test_curly_double_quotes_are_written_as_tex_ligatures(text, latex):
    # pylatexenc reads `''` as `”` where a value holds a command, and leaves it elsewhere: a
    # `”` written as itself came back `''`, or the other way round, on a second run.
    assert escape(text) == latex
    assert escape(latex_to_text(latex)) == latex


def test_a_letter_with_two_accents_inputenc_lacks_is_written_with_latex_accents():
    assert escape("Hàn Thế Thành, Nguyễn, Ḃ") == (
        r"Hàn Th{\'{\^{e}}} Thành, Nguy{\~{\^{e}}}n, {\.{B}}"
    )
    # A hook above or a horn has no accent command outside Vietnamese fonts: kept as it is.
    assert escape("Phạm Ngọc Thảo, Trương") == r"Ph{\d{a}}m Ng{\d{o}}c Thảo, Trương"


def test_a_dotless_i_with_an_accent_is_written_as_the_dotted_letters():
    # `Martı́nez` (dotless i and a combining acute), as the reader decodes `\'{\i}`: `í`.
    assert escape("Martı\u0301nez, ı\u0323") == r"Martínez, {\d{i}}"
    assert latex_to_text(r"Martínez, {\d{i}}") == "Martínez, ị"


@pytest.mark.parametrize(
    "name, written",
    [
        pytest.param("Davinson (TUDA and TACTIC collaborations), T.",
                     "Davinson (TUDA {and} TACTIC collaborations), T.", id="and-inside-a-name"),
        pytest.param("Anderson, Andrea", "Anderson, Andrea", id="and-inside-words"),
        pytest.param("Sand And Stone", "Sand {And} Stone", id="any-case"),
    ],
)  # fmt: skip
def test_an_and_inside_one_name_is_braced(name, written):
    # BibTeX parts names at an `and` outside braces: bare, one name became two.
    assert bibtex_name(name) == written


@pytest.mark.parametrize(
    "name, written",
    [
        pytest.param("IAB, ", "IAB", id="comma-at-the-end"),
        pytest.param("III, E. Birrane,", "III, E. Birrane", id="comma-after-given-names"),
        pytest.param("Solimando,, Jr.", "Solimando, Jr.", id="empty-middle-part"),
        pytest.param("Y.Xu,S.Baba,T.Ayaki,T.Seki,A.Hameed",
                     "{Y.Xu, S.Baba, T.Ayaki, T.Seki, A.Hameed}", id="four-commas-one-group"),
        pytest.param("Bunn, Paul A., Jr.", "Bunn, Jr., Paul A.", id="two-commas-kept"),
    ],
)  # fmt: skip
def test_a_name_is_written_with_the_commas_bibtex_and_biber_accept(name, written):
    # An empty part stopped bibtex ("has a comma at the end") and made biber skip the entry
    # (`Solimando,, Jr.`: "consecutive commas"); so did a fourth comma ("too many commas").
    assert bibtex_name(name) == written


def test_a_one_word_name_the_title_rule_braces_is_braced():
    # Braced in a title by the acronym rule, `FastForward` was read back as a protected word,
    # and a second run braced the author of that name, which the first had left bare.
    bib = "@misc{k, title = {T}, author = {FastForward and {Amazon} and Smith and ACM}}"
    written = write_bibtex(run([read_text(bib, "in.bib")]))
    assert "author = {{FastForward} and {Amazon} and Smith and {ACM}}" in written


def test_dollars_pair_into_formulas_from_the_left_and_money_is_escaped():
    # A formula: a command, a sub- or superscript, or a short run without spaces at its ends.
    cases = {
        "in $O(n \\log n)$ time with $k$ keys": "in $O(n \\log n)$ time with $k$ keys",
        "for F$/$no_idle$/C_\\text{max}$": "for F$/$no\\_idle$/C_\\text{max}$",
        "Costs $13 Billion and $5 more": "Costs \\$13 Billion and \\$5 more",
        "between $5-$10 a day": "between \\$5-\\$10 a day",
        "between $5 - $10 a day": "between \\$5 - \\$10 a day",
        "learning with $-1$ labels": "learning with $-1$ labels",  # digits ending a formula
        "the $1$-median and $(2,3)$ trees": "the $1$-median and $(2,3)$ trees",
        'IMAP "$Important" keyword': 'IMAP "\\$Important" keyword',
        "prices of US$5 and US$6": "prices of US\\$5 and US\\$6",
        "bounds on $x_}$ here": r"bounds on \$x\_\textbraceright{}\$ here",  # not a formula
    }
    for text, latex in cases.items():
        assert escape(text) == latex, text


def test_math_and_dollars_in_titles_give_compilable_bibtex(tmp_path):
    # Real titles (RFC 8457, a scheduling paper) came out with a brace BibTeX counts as closing
    # the field, or with their formulas shifted by one dollar.
    bib = tmp_path / "math.bib"
    bib.write_text(
        '@misc{m1, title = {{IMAP "$Important" Keyword and "\\Important" Attribute}}, year=2018}\n'
        "@misc{m2, title = {Bound for F$/$no\\_idle$/C_\\text{max}$}, year=1997}\n"
        "@misc{m3, title = {A \\LaTeX{} class}, year=1999}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["merge", str(bib)])
    titles = {e.key: e["title"] for e in bibtexparser.parse_string(result.stdout).entries}
    assert titles == {
        # The source braced the whole title: it stays so.
        "anon2018imap": '{IMAP "\\$Important" Keyword and "\\textbackslash{}Important" Attribute}',
        "anon1997bound": "Bound for F$/$no\\_idle$/C_\\text{max}$",
        "anon1999latex": "A {LaTeX} class",
    }


def test_group_authors_are_one_name_for_bibtex_and_csl(tmp_path):
    bib = tmp_path / "group.bib"
    bib.write_text(
        "@article{g, author = {Smith, John and {Google Research Team}}, title = {A study},"
        " year = {2019}}\n",
        encoding="utf-8",
    )
    text = CliRunner().invoke(main, ["merge", str(bib)]).stdout
    assert "author = {Smith, John and {Google Research Team}}" in text
    items = json.loads(CliRunner().invoke(main, ["merge", str(bib), "-f", "csl-json"]).stdout)
    assert items[0]["author"][1] == {"literal": "Google Research Team"}


def test_json_validates_against_schema_and_keeps_provenance(seed_pages):
    doc = json.loads(write_json(seed_result(seed_pages)))
    jsonschema.validate(doc, output_schema())
    assert set(doc) >= {"pubdedup", "config", "papers", "problems", "maybe"}
    assert doc["config"]["abstract_match"] == 0.85
    sources = [s for p in doc["papers"] for s in p["sources"]]
    assert len(sources) == 27
    assert {(s["file"], s["index"]) for s in sources} == {
        (p.name, i) for p in seed_pages for i in range(14 if "004" in p.name else 13)
    }
    assert all(s["line"] >= 1 and s["id"] is None and s["owner"] for s in sources)


def test_schema_rejects_a_paper_without_sources(seed_pages):
    doc = json.loads(write_json(seed_result(seed_pages)))
    doc["papers"][0]["sources"] = []
    try:
        jsonschema.validate(doc, output_schema())
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted a paper without sources")


LIBRARY_DATA = DATA / "library"


def _merge(*args) -> str:
    result = CliRunner().invoke(main, ["merge", *map(str, args)])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_preprint_merges_into_its_published_version_which_gives_type_and_venue():
    bibtex = _merge(LIBRARY_DATA / "versions.bib")
    assert bibtex.startswith("@inproceedings{zhai2022scaling,")
    assert "booktitle = {CVPR}" in bibtex and "eprint = {2106.04560}" in bibtex
    kept = json.loads(_merge(LIBRARY_DATA / "versions.bib", "--keep-versions", "-f", "json"))
    assert [(p["key"], p["type"]) for p in kept["papers"]] == [
        ("zhai2021scaling", "misc"),
        ("zhai2022scaling", "inproceedings"),
    ]
    assert [r["key"] for r in kept["papers"][0]["related"]] == ["zhai2022scaling"]


def test_merging_the_json_output_again_keeps_every_field(tmp_path):
    direct = _merge(LIBRARY_DATA / "tricky.bib")
    output = tmp_path / "out.json"
    output.write_text(_merge(LIBRARY_DATA / "tricky.bib", "-f", "json"), encoding="utf-8")
    assert _merge(output) == direct
    assert "pages = {12--15}" in direct and "volume = {3}" in direct


def test_merging_the_bibtex_output_again_writes_our_notes_once(tmp_path, seed_pages):
    """An output merged again (a library kept with -o) held its notes twice, then three times."""
    first = tmp_path / "first.bib"
    first.write_text(_merge(*seed_pages), encoding="utf-8")
    (tmp_path / "person.bib").write_text(
        "@misc{p, title = {Only a person's note}, year = 2001, note = {Read twice}}\n"
    )
    again = _merge(first, tmp_path / "person.bib")
    assert INFERRED_NOTE in again
    assert again.count(INFERRED_NOTE) == first.read_text(encoding="utf-8").count(INFERRED_NOTE)
    assert "note = {Read twice}" in again


def test_csl_json_turns_latex_math_into_text():
    items = json.loads(_merge(LIBRARY_DATA / "tricky.bib", "-f", "csl-json"))
    titles = {item["id"]: item["title"] for item in items}
    assert titles["muller2020uber"] == "Über 50% of CNNs use & abuse _under_score #1: a ∼study"


PASSED_BIB = r"""@techreport{rfc8457,
  author = {Bron Gondwana},
  title = {{IMAP} Keyword and Special-Use Attribute},
  institution = {RFC Editor},
  type = {RFC},
  number = {8457},
  year = {2018},
  month = sep,
  url = {https://www.rfc-editor.org/info/rfc8457%20x},
  note = {Updated by RFC 9051 \& more},
  keywords = {imap, mail},
}
@book{lee2001,
  author = {Ann Lee},
  editor = {Bob Ray and Carl Doe},
  title = {A Book on Things},
  publisher = {Springer},
  address = {Berlin},
  isbn = {978-3-16-148410-0},
  chapter = {7},
  year = {2001},
}

@article{zhai2022scaling,
  author = {Zhai, Xiaohua and Kolesnikov, Alexander},
  title = {Scaling Vision Transformers},
  journal = {arXiv},
  eprint = {2106.04560},
  primaryClass = {cs.CV},
  year = {2021},
}
"""


def test_fields_beyond_the_compared_ones_are_passed_through(tmp_path):
    # url, month, type, keywords, note, publisher, editor, address, isbn were all dropped.
    bib = tmp_path / "passed.bib"
    bib.write_text(PASSED_BIB, encoding="utf-8")
    entries = {e.key: e for e in bibtexparser.parse_string(_merge(bib)).entries}
    rfc, book = entries["gondwana2018imap"], entries["lee2001book"]
    assert rfc["url"] == "https://www.rfc-editor.org/info/rfc8457%20x"  # verbatim
    assert rfc["month"] == "sep"  # the macro, bare: `month = sep`
    assert (rfc["type"], rfc["keywords"], rfc["note"]) == (
        "RFC",
        "imap, mail",
        r"Updated by RFC 9051 \& more",
    )
    assert (book["publisher"], book["address"], book["editor"]) == (
        "Springer",
        "Berlin",
        "Bob Ray and Carl Doe",
    )
    assert (book["isbn"], book["chapter"]) == ("978-3-16-148410-0", "7")
    assert entries["zhai2021scaling"]["primaryclass"] == "cs.CV"
    # JSON keeps them as plain text, reads them back, and CSL-JSON maps them.
    out = tmp_path / "merged.json"
    _merge(bib, "-f", "json", "-o", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(doc, output_schema())
    fields = {p["key"]: p["fields"] for p in doc["papers"]}
    assert fields["gondwana2018imap"]["note"] == "Updated by RFC 9051 & more"
    again = json.loads(_merge(out, "-f", "json"))["papers"]
    assert [p["fields"] for p in again] == [p["fields"] for p in doc["papers"]]
    items = {i["id"]: i for i in json.loads(_merge(bib, "-f", "csl-json"))}
    assert items["lee2001book"]["publisher"] == "Springer"
    assert items["lee2001book"]["ISBN"] == "978-3-16-148410-0"
    assert items["gondwana2018imap"]["URL"] == "https://www.rfc-editor.org/info/rfc8457%20x"


@pytest.mark.parametrize(
    "month, written",
    [
        pytest.param("{December}", "dec", id="name"),
        pytest.param("{Dec.}", "dec", id="abbreviation-with-a-period"),
        pytest.param("{2016-Decem}", "dec", id="mendeley-year-and-cut-month"),
        pytest.param("{Dec 2016}", "dec", id="month-and-year"),
        pytest.param("{12}", "dec", id="number"),
        pytest.param("{03}", "mar", id="zero-padded-number"),
        pytest.param("{septembre}", "sep", id="french"),
        # Cora's citations: biber warned "legacy month field 'apr.' ... is not an integer".
        pytest.param("{apr.}", "apr", id="abbreviation-and-full-stop"),
        pytest.param("{march,}", "mar", id="name-and-comma"),
        # Anything else passes as the source wrote it: a season, a day, a range, a month of
        # another year than the paper's (an issue published online the year before).
        pytest.param("{Winter}", "{Winter}", id="season"),
        pytest.param("{June 15}", "{June 15}", id="with-a-day"),
        pytest.param("{Sep/Oct}", "{Sep/Oct}", id="two-months"),
        pytest.param("{2015-Dec}", "{2015-Dec}", id="another-year"),
        pytest.param("{13}", "{13}", id="no-month-number"),
        pytest.param("{revised july,}", "{revised july,}", id="more-than-a-month"),
    ],
)
def test_a_month_naming_one_month_is_written_as_the_bibtex_macro(tmp_path, month, written):
    # Mendeley wrote `month = {2016-Decem}`, which plain printed as `2016-Decem 2016`; biber
    # warns of any month but a number or a macro (`legacy month field … is not an integer`).
    bib = tmp_path / "in.bib"
    bib.write_text(f"@misc{{m, title={{A Study}}, year=2016, month={month}}}\n", "utf-8")
    assert f"  month = {written}\n" in _merge(bib)


def test_an_entry_without_title_or_abstract_says_so(tmp_path):
    # Its note claimed a title derived from an abstract it did not have.
    csv = tmp_path / "ab.csv"
    csv.write_text("title,year\n,2001\n", encoding="utf-8")
    [entry] = bibtexparser.parse_string(_merge(csv)).entries
    assert (entry["title"], entry["note"]) == ("[Untitled]", "No title or abstract in the sources")


def test_a_books_series_and_publisher_each_once_and_editors_as_a_list(tmp_path):
    bib = tmp_path / "books.bib"
    bib.write_text(
        "@book{b, title={A Book}, author={Ann Lee}, series={LNCS}, publisher={Springer},"
        " year=2001}\n",
        encoding="utf-8",
    )
    text = _merge(bib)
    assert text.count("publisher = ") == 1 and "series = {LNCS}" in text
    assert "howpublished" not in text  # the venue is the series, written under its name
    csv = tmp_path / "eds.csv"
    csv.write_text('title,year,editors\nA Book,2001,"Smith, Alice; Brown, Bob"\n', "utf-8")
    assert "editor = {Smith, Alice and Brown, Bob}" in _merge(csv)


def test_csl_page_ranges_have_one_dash_whatever_the_input_wrote(tmp_path):
    # RIS's SP/EP were joined as `1234--1245`, which pandoc's citeproc printed as written.
    ris = tmp_path / "z.ris"
    ris.write_text(
        "TY  - JOUR\nTI  - Graph networks for fluids\nAU  - Li, Wei\nPY  - 2022\n"
        "T2  - Journal of Fluids\nSP  - 1234\nEP  - 1245\nER  - \n",
        encoding="utf-8",
    )
    csv = tmp_path / "z.csv"
    csv.write_text("title,authors,year,journal,pages\nA paper,Ann Lee,2021,J,11021–11035\n")
    items = json.loads(_merge(ris, csv, "-f", "csl-json"))
    assert [item["page"] for item in items] == ["11021-11035", "1234-1245"]
    assert "pages = {1234--1245}" in _merge(ris)


@pytest.mark.parametrize("kind", ["conference", "CONFERENCE"])
def test_a_conference_entry_names_its_proceedings_as_booktitle(tmp_path, kind):
    # BibTeX's `@conference` is `@inproceedings` (Scopus exports `@CONFERENCE`): its venue was
    # written as `howpublished`, and BibTeX printed the paper without its proceedings
    # (`Warning--empty booktitle`).
    bib = tmp_path / "scopus.bib"
    bib.write_text(
        f"@{kind}{{z, author = {{Zhai, Xiaohua}}, title = {{Scaling Vision Transformers}},"
        " journal = {Proceedings of the IEEE Conference on Computer Vision}, year = {2022}}\n",
        encoding="utf-8",
    )
    [entry] = bibtexparser.parse_string(_merge(bib)).entries
    assert entry.entry_type == "conference"
    assert entry["booktitle"] == "Proceedings of the IEEE Conference on Computer Vision"
    assert "howpublished" not in entry.fields_dict


def test_a_thesis_whose_university_is_its_publisher_names_it_as_school(tmp_path):
    # RIS (and Zotero's CSV) give a thesis's university as PB: written as `publisher`, it
    # left `school` empty, which BibTeX's styles warn about and print without.
    ris = tmp_path / "t.ris"
    ris.write_text(
        "TY  - THES\nTI  - Learning to plan\nAU  - Kowalski, Łukasz\nPY  - 2020\n"
        "PB  - ETH Zürich\nCY  - Zürich\nER  - \n",
        encoding="utf-8",
    )
    [entry] = bibtexparser.parse_string(_merge(ris)).entries
    assert (entry.entry_type, entry["school"]) == ("phdthesis", "ETH Zürich")
    assert "publisher" not in entry.fields_dict
    [item] = json.loads(_merge(ris, "-f", "csl-json"))
    assert (item["type"], item["publisher"]) == ("thesis", "ETH Zürich")
    csv = tmp_path / "t.csv"
    csv.write_text(
        '"Item Type","Author","Title","Publication Year","Publisher"\n'
        '"thesis","Kowalski, Łukasz","Learning to plan","2020","ETH Zürich"\n',
        encoding="utf-8",
    )
    [entry] = bibtexparser.parse_string(_merge(csv)).entries
    assert (entry.entry_type, entry["school"]) == ("phdthesis", "ETH Zürich")
    assert "publisher" not in entry.fields_dict


def test_csl_arxiv_item_keeps_its_venue_beside_a_url(tmp_path):
    bib = tmp_path / "ax.bib"
    bib.write_text(
        "@article{a, title={A Preprint}, author={Ann Lee}, year=2021, journal={arXiv},"
        " eprint={2101.00001}, archivePrefix={arXiv}, url={https://example.org/a}}\n",
        encoding="utf-8",
    )
    [item] = json.loads(_merge(bib, "-f", "csl-json"))
    assert item["URL"] == "https://example.org/a"
    assert (item["container-title"], item["number"]) == ("arXiv", "arXiv:2101.00001")


def test_a_doi_is_written_verbatim_unless_it_cannot_be(tmp_path):
    # biblatex reads doi verbatim: an escaped `\_` printed a backslash in the DOI and its link.
    bib = tmp_path / "doi.bib"
    bib.write_text(
        "@article{a, title={One}, year=1996,"
        " doi={10.1002/(SICI)1097-4636(199601)30:1<1::AID>3.0.CO;2_X}}\n"
        "@article{b, title={Two}, year=1997, doi={10.1000/odd%20doi_1}}\n",
        encoding="utf-8",
    )
    text = _merge(bib)
    assert "doi = {10.1002/(SICI)1097-4636(199601)30:1<1::AID>3.0.CO;2_X}" in text
    # `%` would end the line in a .bbl; the underscore beside it stays.
    assert r"doi = {10.1000/odd\%20doi_1}" in text


KUBRIC_BIB = """@inproceedings{greff2022kubric,
  title = {Kubric: A scalable dataset generator},
  author = {Greff, Klaus and Belletti, Francois and Beyer, Lucas and others},
  booktitle = {CVPR}, year = {2022}}
"""


def test_a_list_cut_short_keeps_its_order_and_its_others_through_a_page_and_back(
    tmp_path, seed_pages
):
    """A page's longer list of the paper (by first name, some people left out) neither moves
    the first author nor makes the list look complete: `and others` is written again, and the
    output read again keeps both."""
    source = tmp_path / "kubric.bib"
    source.write_text(KUBRIC_BIB)
    beyer = [p for p in seed_pages if p.name.startswith("004")]
    out = tmp_path / "out.bib"
    result = CliRunner().invoke(main, ["merge", str(source), *map(str, beyer), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    [entry] = [e for e in bibtexparser.parse_string(out.read_text()).entries if "Kubric" in str(e)]
    authors = str(entry.fields_dict["author"].value)
    assert entry.key == "greff2022kubric"
    assert authors.startswith("Greff, Klaus and Belletti, Francois and Beyer, Lucas and ")
    assert authors.endswith(" and others")
    again = CliRunner().invoke(main, ["merge", str(out), "-f", "json"])
    [paper] = [p for p in json.loads(again.stdout)["papers"] if "Kubric" in p["title"]]
    assert paper["authors_cut"] is True and paper["authors"][0] == "Greff, Klaus"
    jsonschema.validate(json.loads(again.stdout), output_schema())


def only_entry(source) -> bibtexparser.model.Entry:
    """The one entry `pubdedup merge SOURCE` writes, as BibTeX reads it."""
    result = CliRunner().invoke(main, ["merge", str(source)])
    assert result.exit_code == 0, result.stderr
    [entry] = bibtexparser.parse_string(result.stdout).entries
    return entry


def test_a_csv_list_in_vancouver_style_is_written_surname_first(tmp_path):
    source = tmp_path / "pubmed.csv"
    source.write_text(
        "title,authors,year,journal\n"
        "Highly accurate protein structure prediction,Jumper J; Evans R; Pritzel A; et al,2021,"
        "Nature\n"
    )
    entry = only_entry(source)
    assert entry.key == "jumper2021highly"
    authors = entry.fields_dict["author"].value
    assert authors == "Jumper, J. and Evans, R. and Pritzel, A. and others"


def test_an_embase_ris_name_with_initials_after_the_surname_is_written_surname_first(tmp_path):
    # Embase's RIS gives `A1  - Nguyen J.`: written as it was, BibTeX read `Nguyen` as the
    # given name and `J.` as the surname, and styles cited the paper as by `J., N.`.
    source = tmp_path / "embase.ris"
    source.write_text(
        "TY  - JOUR\nT1  - Tiotropium for bronchiectasis\nA1  - Nguyen J.\nA1  - de Vries H.E."
        "\nA1  - Zhang, Piotr\nA1  - Rossi Giulia\nY1  - 2021//\nJF  - Thorax\nER  - \n"
    )
    entry = only_entry(source)
    assert entry.key == "nguyen2021tiotropium"
    authors = entry.fields_dict["author"].value
    # `Rossi Giulia` may be either order: written surname first like the rest, as BibTeX reads it.
    assert authors == "Nguyen, J. and de Vries, H.E. and Zhang, Piotr and Giulia, Rossi"


def test_initials_spaced_apart_after_the_surname_are_all_given_names(tmp_path):
    # `Kearns M. J.` (a citation style): only the last initial was taken as the given names,
    # so the name was written `Kearns M., J.` and shared no person with `M. J. Kearns`.
    source = tmp_path / "cited.ris"
    source.write_text(
        "TY  - BOOK\nT1  - The computational complexity of machine learning\n"
        "A1  - Kearns M. J.\nA1  - Valiant L. G.\nY1  - 1990//\nPB  - MIT Press\nER  - \n"
    )
    entry = only_entry(source)
    assert entry.fields_dict["author"].value.startswith("Kearns, M. J.")
    assert " and Valiant, L. G." in entry.fields_dict["author"].value


def test_a_title_braces_the_words_a_source_protected_once():
    protected = ("Google Research", "Gaussian", "Schrödinger", "ViT")
    assert (
        protect_title("Gaussian ViT by Google Research for Schrödinger", protected)
        == "{Gaussian} {ViT} by {Google Research} for {Schrödinger}"
    )


def test_protection_survives_escaped_characters_and_capitals_decide_only_when_not_shouting():
    assert protect_title("Labs at AT&T and Q&A", ("AT&T", "Q&A")) == (r"Labs at {AT\&T} and {Q\&A}")


def test_csl_json_keeps_a_braced_name_one_name(tmp_path):
    bib = tmp_path / "g.bib"
    bib.write_text(
        "@misc{g, title={A report}, author={{Barnes and Noble} and Doe, Jane}, year=2020}\n"
    )
    [item] = json.loads(_merge(bib, "-f", "csl-json"))
    assert item["author"] == [{"literal": "Barnes and Noble"}, {"family": "Doe", "given": "Jane"}]


@pytest.mark.parametrize(
    "editor, written, csl",
    [
        pytest.param(
            "{Barnes and Noble}",
            "{Barnes and Noble}",
            [{"literal": "Barnes and Noble"}],
            id="one-group",
        ),
        pytest.param(
            "{Barnes and Noble} and Smith, John",
            "{Barnes and Noble} and Smith, John",
            [{"literal": "Barnes and Noble"}, {"family": "Smith", "given": "John"}],
            id="group-and-a-person",
        ),
        pytest.param(
            "Smith, John and {Barnes \\& Noble}",
            "Smith, John and {Barnes \\& Noble}",
            [{"family": "Smith", "given": "John"}, {"literal": "Barnes & Noble"}],
            id="person-and-a-group-with-an-ampersand",
        ),
    ],
)
def test_a_braced_editor_stays_one_name_as_a_braced_author_does(tmp_path, editor, written, csl):
    # `editor = {{Barnes and Noble}}` was written `editor = {Barnes and Noble}`: two editors.
    for name in ("a", "b"):  # two copies, merged: the editors pass through the merge
        (tmp_path / f"{name}.bib").write_text(
            f"@book{{{name}, author={{{{Barnes and Noble}}}}, editor={{{editor}}},"
            " title={A book of things}, publisher={X}, year=2001}\n"
        )
    bibtex = _merge(tmp_path / "a.bib", tmp_path / "b.bib")
    assert "author = {{Barnes and Noble}}" in bibtex
    assert f"editor = {{{written}}}" in bibtex
    [item] = json.loads(_merge(tmp_path / "a.bib", tmp_path / "b.bib", "-f", "csl-json"))
    assert item["editor"] == csl


def test_two_copies_of_a_paper_by_an_author_in_another_script_are_one(tmp_path):
    # Her name counted as no one's: no shared author (-4) kept two copies of a book apart.
    for name in ("a", "b"):
        (tmp_path / f"{name}.bib").write_text(
            f"@book{{{name}, author={{李, 伟}}, title={{深度学习与物理模拟}}, year=2019}}\n",
            encoding="utf-8",
        )
    [entry] = bibtexparser.parse_string(_merge(tmp_path / "a.bib", tmp_path / "b.bib")).entries
    assert (entry.key, entry["author"]) == ("li2019shenduxuexiyuwulimoni", "李, 伟")


def test_one_editor_written_surname_first_stays_one_person(tmp_path):
    # `editor={M{\"u}ller, Thomas}` was written `editor = {Müller and Thomas}`: two editors.
    bib = tmp_path / "e.bib"
    bib.write_text(
        "@incollection{e, title={A chapter}, author={Doe, Jane}, booktitle={A book}, year=2020,"
        ' editor={M{\\"u}ller, Thomas}}\n'
    )
    assert "editor = {Müller, Thomas}" in _merge(bib)
    [item] = json.loads(_merge(bib, "-f", "csl-json"))
    assert item["editor"] == [{"family": "Müller", "given": "Thomas"}]


def test_an_editor_list_cut_short_keeps_its_others(tmp_path):
    bib = tmp_path / "e.bib"
    bib.write_text(
        "@incollection{e, title={A chapter}, author={Doe, Jane}, booktitle={A book}, year=2020,"
        " editor={Smith, John and Jones, Mary and others}}\n"
    )
    assert "editor = {Smith, John and Jones, Mary and others}" in _merge(bib)


@pytest.mark.parametrize(
    "editor, written, csl",
    [
        # Kept, as an author `Anonymous` is: the bibliography's own name (was dropped).
        pytest.param("Anonymous", "editor = {Anonymous}", [{"literal": "Anonymous"}], id="plain"),
        # A database's stand-in for no one: no editor, and no empty CSL list of them.
        pytest.param("[Anonymous]", None, None, id="bracketed"),
        pytest.param("[Anonymous] and Lee, Ann", "editor = {Lee, Ann}",
                     [{"family": "Lee", "given": "Ann"}], id="bracketed-and-a-person"),
    ],
)  # fmt: skip
def test_an_anonymous_editor_is_kept_as_written_a_bracketed_one_is_no_one(
    tmp_path, editor, written, csl
):
    bib = tmp_path / "e.bib"
    bib.write_text(f"@book{{e, title={{Carmina Burana}}, editor={{{editor}}}, year=1990}}\n")
    bibtex = _merge(bib)
    assert (written in bibtex) if written else ("editor" not in bibtex)
    [item] = json.loads(_merge(bib, "-f", "csl-json"))
    assert item.get("editor") == csl


def test_a_masters_thesis_is_one_by_the_kind_the_export_names(tmp_path):
    # Zotero's item type and RIS's `THES` say only `thesis`; the kind is in Zotero's `Type`
    # column and RIS's M3. A master's thesis was written @phdthesis.
    csv = tmp_path / "t.csv"
    csv.write_text(
        '"Item Type","Author","Title","Publication Year","Publisher","Type"\n'
        '"thesis","Kowalski, Łukasz","Learning to plan","2020","ETH Zürich","Master\'s thesis"\n'
        '"thesis","Nowak, Anna","Planning to learn","2021","ETH Zürich","PhD Thesis"\n',
        encoding="utf-8",
    )
    ris = tmp_path / "t.ris"
    ris.write_text(
        "TY  - THES\nTI  - Acting to see\nAU  - Lee, Ann\nPY  - 2019\nPB  - EPFL\n"
        "M3  - MSc thesis\nER  - \n",
        encoding="utf-8",
    )
    entries = {e["title"]: e for e in bibtexparser.parse_string(_merge(csv, ris)).entries}
    kinds = {title: (e.entry_type, e["school"]) for title, e in entries.items()}
    assert kinds == {
        "Learning to plan": ("mastersthesis", "ETH Zürich"),
        "Planning to learn": ("phdthesis", "ETH Zürich"),
        "Acting to see": ("mastersthesis", "EPFL"),
    }
    assert entries["Learning to plan"]["type"] == "Master's thesis"


def test_a_list_with_some_names_surname_first_writes_all_so_as_bibtex_reads_them(tmp_path):
    # A BibTeX source gives `Djolonga, Josip`, the page adds its owner `Lucas Beyer`: the list
    # was written half one way, half the other. Each name keeps the parts BibTeX reads in it.
    source = tmp_path / "refs.bib"
    source.write_text(
        "@inproceedings{d, title = {On Robustness and Transferability of Convolutional Neural"
        " Networks}, author = {Djolonga, Josip and Ludwig van Beethoven and {Google Research"
        " Team} and Prabhat}, booktitle = {CVPR}, year = {2021}}\n"
        "@article{e, title = {A survey}, author = {Ada Lovelace and Alan Turing}, year = {1950}}\n"
    )
    beyer = EXAMPLES / "004_fa9fe8a296857bdd.txt"  # Lucas Beyer's page lists the paper
    result = CliRunner().invoke(main, ["merge", str(source), str(beyer)])
    assert result.exit_code == 0, result.stderr
    entries = bibtexparser.parse_string(result.stdout).entries
    written = {e.key: e.fields_dict["author"].value for e in entries}
    robust = next(v for k, v in written.items() if k.startswith("djolonga"))
    names = robust.split(" and ")
    assert names[:4] == [
        "Djolonga, Josip",
        "van Beethoven, Ludwig",
        "{Google Research Team}",
        "Prabhat",
    ]
    assert "Yung, Jessica" in names and names[-1] == "Beyer, Lucas"  # the page's names too
    assert all("," in n for n in names[4:])
    assert written["lovelace1950survey"] == "Ada Lovelace and Alan Turing"  # one way already


def test_a_reference_managers_file_link_and_annotation_are_kept(tmp_path):
    # JabRef's `file` (a link to the PDF) and a person's `annote` were dropped from the output.
    source = tmp_path / "mine.bib"
    source.write_text(
        "@article{a, title={A Study of Things}, author={Smith, John}, journal={J. Things},"
        " year=2020, annote={Key result in Sec. 3; 50% faster},"
        " file={:papers/smith_2020.pdf:PDF}}\n"
    )
    entry = only_entry(source)
    assert entry.fields_dict["file"].value == ":papers/smith_2020.pdf:PDF"  # verbatim
    assert entry.fields_dict["annote"].value == r"Key result in Sec. 3; 50\% faster"


@pytest.mark.parametrize(
    ("written", "bibtex"),
    [
        # PubMed's and a CSV's `Last, First, Jr.`: BibTeX would read `Paul A.` as the suffix.
        ("Bunn, Paul A., Jr.", "Bunn, Jr., Paul A."),
        ("Paul A. Bunn Jr.", "Bunn, Jr., Paul A."),  # else the surname would be `Jr.`
        ("Martin Luther King Jr.", "King, Jr., Martin Luther"),
        ("Ludwig van Beethoven III", "van Beethoven, III, Ludwig"),
        ("Bunn, Jr., Paul A.", "Bunn, Jr., Paul A."),  # BibTeX's own order: as it is
    ],
)
def test_a_name_with_a_suffix_is_written_in_bibtex_order(tmp_path, written, bibtex):
    source = tmp_path / "refs.csv"
    source.write_text(f'title,authors,year\nA study of things,"{written}; Smith, John",2001\n')
    entry = only_entry(source)
    assert entry.fields_dict["author"].value == f"{bibtex} and Smith, John"


@pytest.mark.parametrize(
    "entry, written_type, venue",
    [
        pytest.param(  # Mendeley's export of an arXiv paper
            "@article{m, title={Scaling Vision Transformers}, eprint={2106.04560},"
            " archivePrefix={arXiv}",
            "misc",
            None,
            id="article-without-journal",
        ),
        pytest.param(
            "@inproceedings{m, title={Scaling Vision Transformers}",
            "misc",
            None,
            id="inproceedings-without-booktitle",
        ),
        pytest.param(
            "@article{m, title={Scaling Vision Transformers}, journal={TPAMI}",
            "article",
            ("journal", "TPAMI"),
            id="article-with-journal",
        ),
        pytest.param(  # a venue of its own title is the entry itself
            "@proceedings{m, title={Proceedings of the 12th Workshop on Graphs},"
            " howpublished={Proceedings of the 12th Workshop on Graphs.}",
            "proceedings",
            None,
            id="proceedings-of-its-own-title",
        ),
        pytest.param(  # the proceedings volume itself (Scopus's `Conference Review`)
            "@inproceedings{m, title={Proceedings of the 12th Workshop on Graphs},"
            " booktitle={Proceedings of the 12th Workshop on Graphs}, editor={Ray, B.}",
            "proceedings",
            None,
            id="inproceedings-of-its-own-title",
        ),
        pytest.param(
            "@conference{m, title={Graphs 2021}, booktitle={Graphs 2021}, editor={Ray, B.}",
            "proceedings",
            None,
            id="conference-of-its-own-title",
        ),
        pytest.param(  # a paper by its authors: a `@proceedings` would not print them
            "@inproceedings{m, title={Graphs 2021}, booktitle={Graphs 2021}, pages={1--12}",
            "inproceedings",
            ("booktitle", "Graphs 2021"),
            id="authored-paper-of-its-own-title",
        ),
        pytest.param(
            "@inproceedings{m, title={Scaling Vision Transformers}, booktitle={CVPR}",
            "inproceedings",
            ("booktitle", "CVPR"),
            id="inproceedings-in-proceedings",
        ),
        pytest.param(
            "@book{m, title={Deep Learning}, howpublished={MIT Press Series}",
            "book",
            ("howpublished", "MIT Press Series"),
            id="book-of-another-venue",
        ),
        pytest.param(  # a journal is no entry's own title, even of one name
            "@article{m, title={Nature}, journal={Nature}",
            "article",
            ("journal", "Nature"),
            id="article-titled-as-its-journal",
        ),
    ],
)
def test_the_written_type_and_venue_need_no_venue_the_entry_lacks(
    tmp_path, entry, written_type, venue
):
    # `@article` without `journal`: BibTeX warned `empty journal` and biber `Missing mandatory
    # field`; a `@proceedings` with `howpublished = {<its own title>}` repeated it.
    bib = tmp_path / "in.bib"
    people = "" if "editor=" in entry else ", author={Zhai, Xiaohua}"  # a volume's editors
    bib.write_text(f"{entry}{people}, year=2021}}\n", encoding="utf-8")
    [written] = bibtexparser.parse_string(_merge(bib)).entries
    assert written.entry_type == written_type
    venues = {"journal", "booktitle", "howpublished"} & set(written.fields_dict)
    assert [(name, written[name]) for name in venues] == ([venue] if venue else [])
    [item] = json.loads(_merge(bib, "-f", "csl-json"))
    assert item.get("container-title") == (venue[1] if venue else None)


def test_a_scopus_conference_review_is_the_proceedings_with_its_editors_and_publisher(tmp_path):
    # Scopus's row of a proceedings volume: its title is its source's. Written as a paper in
    # those proceedings, it printed the title twice and plain warned `empty author`.
    source = tmp_path / "scopus.csv"
    source.write_text(
        "Title,Year,Source title,Document Type,Editors,Publisher\n"
        "Graphs 2021,2021,Graphs 2021,Conference Review,Ray B.,ACM\n",
        encoding="utf-8",
    )
    entry = only_entry(source)
    assert entry.entry_type == "proceedings"
    assert {k: f.value for k, f in entry.fields_dict.items()} == {
        "title": "Graphs 2021",
        "year": "2021",
        "editor": "Ray, B.",
        "publisher": "ACM",
    }
    [item] = json.loads(_merge(source, "-f", "csl-json"))
    assert (item["type"], item.get("container-title")) == ("book", None)


@pytest.mark.parametrize("run", [" ", "\t", " \n"], ids=["spaces", "tabs", "newlines"])
def test_pages_of_a_long_run_of_spaces_are_written_in_time_in_proportion(run):
    # A JSON input's pages pass as written: the page-range dash's leading `\s*` was tried at
    # every space of a run with no dash after it, and 40,000 spaces took a minute to write.
    def write(size: int) -> None:
        pages = "1" + run * (size // len(run)) + "x"
        paper = merge_records([Record(Source("a.json", 0, 1), title="T", pages=pages)])
        to_entry(paper)
        csl_item(paper)

    assert time_ratio(write) < 24


def test_ascii_escapes_of_a_long_run_of_letters_take_time_in_proportion_to_its_length():
    # pylatexenc appends each escape to a string held in an attribute, copying it every time:
    # 40,000 Greek letters took 6 s under --ascii. Encoded in pieces, a mark stays with its
    # letter.
    assert time_ratio(lambda size: to_ascii("\u03b1" * size)) < 24
    marked = "e\u0301" * 300  # decomposed: a piece's end falls before a mark's letter
    assert to_ascii(marked) == to_ascii("\u00e9" * 300) == "{\\'e}" * 300


@pytest.mark.parametrize("part", ["a-", "1-", "a--"], ids=["words", "digits", "double-dashes"])
def test_a_long_hyphenated_title_is_written_in_time_in_proportion_to_its_length(part):
    # The acronym pattern was tried after every hyphen and scanned the run to its end each
    # time: 40,000 characters of `a-a-…` took 16 s to write.
    assert time_ratio(lambda size: protect_title("x " + part * (size // len(part)))) < 24


@pytest.mark.parametrize(
    "title, written",
    [
        pytest.param("all-MLP mixer", "{all-MLP} mixer", id="hyphenated-word-whole"),
        pytest.param("Hardness of $k$-LWE", "Hardness of $k$-{LWE}", id="after-a-formula"),
        pytest.param("Mg2+-ATP exchange", "Mg2+-{ATP} exchange", id="after-a-symbol"),
        pytest.param("G(M1)-GANGLIOSIDOSIS", "G(M1)-{GANGLIOSIDOSIS}", id="after-a-bracket"),
    ],
)
def test_an_acronym_after_a_hyphen_that_joins_no_word_is_braced(title, written):
    assert protect_title(title) == written


@pytest.mark.parametrize(
    "path",
    [
        ("maybe",),
        ("papers", 0, "related"),
        ("papers", 0, "braced_names"),
        ("papers", 0, "fields"),
        ("papers", 0, "sources", 0, "truncated"),
        ("papers", 0, "links", 0, "threshold"),
    ],
)
def test_schema_requires_every_field_the_output_always_writes(seed_pages, path):
    """A program that validates an output may rely on each documented field being there."""
    doc = json.loads(write_json(seed_result(seed_pages)))
    jsonschema.validate(doc, output_schema())
    *parents, last = path
    holder = doc
    for step in parents:
        holder = holder[step]
    del holder[last]
    with pytest.raises(jsonschema.ValidationError, match="is a required property"):
        jsonschema.validate(doc, output_schema())
