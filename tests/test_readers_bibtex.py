"""The BibTeX reader: macros, crossref, LaTeX, repeated keys, rejected blocks, provenance."""

from __future__ import annotations

import pytest

from pubdedup.identifiers import isbns_in, normalize_doi
from pubdedup.readers.bibtex import read_bibtex
from pubdedup.readers.bibtex_fields import resolve_value, split_concatenation
from pubdedup.readers.latex_macros import Definition, expanded
from pubdedup.readers.run_together import whole_value
from tests.conftest import DATA, read


def parse(name: str):
    return read_bibtex(read(DATA / "readers" / name), name)


def one(entry: str):
    """The single record of a one-entry BibTeX text (and no problems)."""
    result = read_bibtex(entry, "one.bib")
    assert result.problems == []
    assert len(result.records) == 1
    return result.records[0]


def test_string_macros_braced_quoted_and_joined_with_hash():
    records = {r.source.id: r for r in parse("macros.bib").records}
    # @STRING{vldbj = {The {VLDB} Journal}}, used bare: journal = vldbj
    assert records["Ludaescher2006"].venue == "The VLDB Journal"
    # @String{sigmod = ACM # " SIGMOD Conference"} then booktitle = sigmod # " '96"
    assert records["Poosala1996"].venue == "ACM SIGMOD Conference '96"


def test_month_macros_resolve_in_any_case():
    records = parse("macros.bib").records
    assert [dict(r.extra).get("month") for r in records] == ["Sep", "Jun", None]
    record = one('@misc{k, title = {T}, MONTH = DEC # "~1"}')
    assert dict(record.extra)["month"] == "Dec 1"  # decoded: `~` is a space in text


def test_preamble_and_comments_ignored_without_losing_entries():
    result = parse("macros.bib")
    assert [r.source.id for r in result.records] == ["Ludaescher2006", "Poosala1996", "Vaswani2017"]
    assert all(r.title != "Fake" for r in result.records)  # the @article inside @comment
    assert result.problems == []


def test_record_id_is_the_key_index_0_based_line_1_based():
    sources = [r.source for r in parse("macros.bib").records]
    assert [(s.file, s.index, s.line, s.id) for s in sources] == [
        ("macros.bib", 0, 9, "Ludaescher2006"),
        ("macros.bib", 1, 21, "Poosala1996"),
        ("macros.bib", 2, 29, "Vaswani2017"),
    ]
    assert one("@misc{first, title = {On line one}}").source.line == 1


def test_crossref_fills_booktitle_and_year_from_the_parent():
    child, parent = parse("crossref.bib").records
    assert child.source.id == "chen2020"  # crossref = {ICML2020}: keys match case-insensitively
    assert child.venue == "Proceedings of the 37th International Conference on Machine Learning"
    assert child.year == 2020
    assert child.title == "A Simple Framework for Contrastive Learning"  # its own, not the parent's
    assert child.pages == "1597-1607"  # ranges read as one hyphen; BibTeX output writes --
    assert dict(child.extra)["booktitle"] == parent.title
    assert parent.venue == "PMLR" and parent.entry_type == "proceedings"


def test_an_entry_with_an_empty_key_lends_no_fields_to_entries_without_a_crossref():
    text = (
        "@misc{,\n  title = {Empty Key},\n  publisher = {Leaky Press},\n  year = 2001\n}\n"
        "@article{real, title = {A Real Paper}, journal = {J. Things}, year = 2020}\n"
    )
    _, real = read_bibtex(text, "empty.bib").records
    assert real.source.id == "real"
    assert "publisher" not in dict(real.extra)


def test_a_crossref_to_no_entry_of_the_file_is_reported_on_its_line():
    """A parent in another input, or in none, lent no fields, and nothing said so."""
    text = (
        "@inproceedings{child,\n  author = {A, B},\n  title = {Child paper},\n"
        "  crossref = {conf2021},\n  pages = {1--2}\n}\n"
        "@inproceedings{sibling, title = {Sibling}, crossref = {ICML2020}}\n"
        "@proceedings{icml2020, title = {ICML}, year = 2020}\n"
    )
    result = read_bibtex(text, "child.bib")
    child, sibling, _ = result.records
    assert (child.venue, child.year, sibling.venue, sibling.year) == (None, None, "ICML", 2020)
    assert [(p.line, p.kind, p.message) for p in result.problems] == [
        (
            4,
            "crossref-missing",
            "crossref 'conf2021' of 'child' names no entry of any input; its fields are not"
            " inherited",
        )
    ]


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param(r"{\"u}ber", "über", id="u-braced"),
        pytest.param(r"Lud{\"a}scher", "Ludäscher", id="a-in-word"),
        pytest.param(r"M\"{u}ller", "Müller", id="u-argument"),
        pytest.param(r"{\'E}t{\'e}", "Été", id="acute"),
        pytest.param(r"Stra{\ss}e", "Straße", id="sharp-s"),
        pytest.param(r"Fran\c{c}ois", "François", id="cedilla"),
        pytest.param(r"Erd\H{o}s", "Erdős", id="hungarumlaut"),
        pytest.param(r"Na{\"\i}ve", "Naïve", id="dotless-i"),
        pytest.param(r"The {VLDB} {J}ournal", "The VLDB Journal", id="case-braces"),
        pytest.param(r"Caf\'e~Bar", "Café Bar", id="tilde"),
        pytest.param(r"50\% of \textit{in situ}", "50% of in situ", id="percent-textit"),
    ],
)
def test_braces_and_latex_accents_decoded(raw, expected):
    assert one(f"@misc{{k, title = {{{raw}}}}}").title == expected


def test_latex_decoded_in_authors_and_venue():
    record = parse("macros.bib").records[0]
    assert record.authors == ("Bertram Ludäscher", "Jürgen Müller")
    assert record.title == "Scientific Workflow Management and the Kepler System"


def test_entry_type_and_field_names_in_any_case():
    text = (
        "@ARTICLE{Upper, TITLE = {Loud}, AUTHOR = {Ann Lee}, YEAR = 1999, JOURNAL = {J}}\n"
        "@InProceedings{Mixed, Title = {Mixed}, BookTitle = {Conf}, Year = {2001}}\n"
        "@misc(paren, title = {Parentheses})\n"
    )
    result = read_bibtex(text, "case.bib")
    assert result.problems == []
    got = [(r.source.id, r.entry_type, r.title, r.venue, r.year) for r in result.records]
    assert got == [
        ("Upper", "article", "Loud", "J", 1999),
        ("Mixed", "inproceedings", "Mixed", "Conf", 2001),
        ("paren", "misc", "Parentheses", None, None),
    ]
    assert result.records[0].authors == ("Ann Lee",)


def test_rejected_block_is_a_problem_with_file_and_line_and_others_kept():
    result = parse("broken.bib")
    assert [(r.source.id, r.source.index, r.source.line) for r in result.records] == [
        ("good1", 0, 1),
        ("good2", 1, 13),
    ]
    [problem] = result.problems
    assert (problem.file, problem.line, problem.kind) == ("broken.bib", 7, "bad-entry")
    assert problem.message.startswith("entry not parsed: ")
    assert len(problem.message) > len("entry not parsed: ")  # the parser's reason is kept
    assert str(problem).startswith("broken.bib:7: ")


def test_entry_cut_off_at_end_of_file_reported_on_its_line():
    text = '@article{a, title = {A}}\n\n@article{k,\n  title = "unterminated,\n  year = 2000\n}\n'
    result = read_bibtex(text, "cut.bib")
    assert [r.source.id for r in result.records] == ["a"]
    assert [(p.line, p.kind) for p in result.problems] == [(3, "bad-entry")]
    assert "end of file" in result.problems[0].message


def test_repeated_key_second_entry_kept_and_reported():
    result = parse("repeated.bib")
    got = [(r.source.id, r.source.index, r.source.line, r.title) for r in result.records]
    assert got == [
        ("smith2001", 0, 1, "The First Paper"),
        ("other", 1, 7, "Something Else"),
        ("smith2001", 2, 13, "A Different Paper With The Same Key"),
    ]
    repeated = [p for p in result.problems if p.kind == "repeated-key"]
    assert [(p.file, p.line) for p in repeated] == [("repeated.bib", 13)]
    assert "smith2001" in repeated[0].message


def test_undefined_string_reported_once_with_its_line():
    result = parse("repeated.bib")
    undefined = [p for p in result.problems if p.kind == "undefined-string"]
    assert [(p.file, p.line) for p in undefined] == [("repeated.bib", 9)]
    assert "UndefinedJournal" in undefined[0].message and "'other'" in undefined[0].message
    assert result.records[1].venue == "UndefinedJournal"  # kept verbatim, not dropped


def test_repeated_field_keeps_the_first_and_is_reported():
    result = read_bibtex("@article{k,\n  title = {One},\n  title = {Two}\n}\n", "f.bib")
    assert [r.title for r in result.records] == ["One"]
    assert [(p.line, p.kind) for p in result.problems] == [(1, "repeated-field")]


@pytest.mark.parametrize(
    "author, authors, complete",
    [
        ("Ann Lee and Bo Chen", ("Ann Lee", "Bo Chen"), True),
        ("Ann Lee and others", ("Ann Lee",), False),
        ("Ann Lee and Others", ("Ann Lee",), False),
        ("Lee, Ann and\n   others", ("Lee, Ann",), False),
        ("{Barnes and Noble} and Ann Lee", ("Barnes and Noble", "Ann Lee"), True),
        ("Sanders, Otto", ("Sanders, Otto",), True),
        ("", (), False),
        ("{[Anonymous]}", (), False),  # Web of Science's stand-in, as Zotero exports it
        ("Anonymous", ("Anonymous",), True),  # a bibliography's own choice, printed as such
        ("{No author name available}", (), False),
        ("RFC Editor and et al.", ("RFC Editor",), False),
        ("Ann Lee and Etal Bob", ("Ann Lee", "Etal Bob"), True),
        # RFC indexes (autinerd's, hupili's): no author is called `II`
        ("P. Nesser and II and A. Bergstrom", ("P. Nesser II", "A. Bergstrom"), True),
        ("Nesser, P. and Jr. and Lee, A.", ("Nesser, P., Jr.", "Lee, A."), True),
        ("II, P. Nesser, and Bergstrom, A.", ("P. Nesser II", "Bergstrom, A."), True),
        ("Cha,, Meeyoung and IAB,", ("Cha, Meeyoung", "IAB"), True),
    ],
    ids=[
        "two",
        "and-others",
        "and-Others",
        "multiline",
        "braced-and",
        "one",
        "none",
        "wos-anonymous-placeholder",
        "anonymous-written-by-hand",
        "scopus-placeholder",
        "and-et-al",
        "a-name-starting-etal",
        "suffix-listed-as-a-name-joins-the-name-before",
        "suffix-listed-as-a-name-after-last-first",
        "suffix-written-as-the-surname-goes-after-trailing-comma-dropped",
        "empty-parts-between-commas",
    ],
)
def test_and_others_makes_authors_incomplete(author, authors, complete):
    record = one(f"@misc{{k, title = {{T}}, author = {{{author}}}}}")
    assert record.authors == authors
    assert record.authors_complete is complete


@pytest.mark.parametrize(
    "raw, as_read, normalized",
    [
        pytest.param(
            r"https://doi.org/10.1002/CPE\_994",
            "https://doi.org/10.1002/CPE_994",
            "10.1002/cpe_994",
            id="https-prefix-escaped-underscore",
        ),
        pytest.param(r"{10.1145/3318464}", "10.1145/3318464", "10.1145/3318464", id="braced"),
        pytest.param(r"doi:10.1000/ABC\_1.", "doi:10.1000/ABC_1.", "10.1000/abc_1", id="doi-colon"),
    ],
)
def test_doi_read_and_normalized(raw, as_read, normalized):
    record = one(f"@misc{{k, title = {{T}}, doi = {{{raw}}}}}")
    assert record.doi == as_read
    assert normalize_doi(record.doi) == normalized
    assert normalize_doi(raw) == normalized


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, None),
        ("", None),
        ("not a doi", None),
        ("https://doi.org/10.1000/ABC\\_1", "10.1000/abc_1"),
        ("{10.1000/X}; see also", "10.1000/x"),
        ("DOI 10.12345678/a.b-c,", "10.12345678/a.b-c"),
    ],
    ids=["none", "empty", "no-doi", "docstring-example", "braces-trailing-text", "trailing-comma"],
)
def test_normalize_doi(value, expected):
    assert normalize_doi(value) == expected


@pytest.mark.parametrize(
    "fields, arxiv",
    [
        ("eprint = {1706.03762}, archivePrefix = {arXiv}", "1706.03762"),
        ("EPRINT = {2101.00001}, ARCHIVEPREFIX = {ARXIV}", "2101.00001"),
        ("eprint = {2101.00001}, eprinttype = {arxiv}", "2101.00001"),
        ("eprint = {2101.00001}", "2101.00001"),
        ("eprint = {hal-0123}, archivePrefix = {HAL}", None),
        ("arxiv = {cs/0112017}", "cs/0112017"),
    ],
    ids=["bibtex-style", "upper-case", "biblatex-eprinttype", "eprint-alone", "not-arxiv", "field"],
)
def test_eprint_and_archive_prefix_give_arxiv(fields, arxiv):
    assert one(f"@misc{{k, title = {{T}}, {fields}}}").arxiv == arxiv


@pytest.mark.parametrize(
    "fields, year",
    [("year = 2006", 2006), ("year = {ca. 1996}", 1996), ("date = {2019-05}", 2019), ("", None)],
    ids=["bare-number", "words-around", "biblatex-date", "no-year"],
)
def test_year(fields, year):
    assert one(f"@misc{{k, title = {{T}}, {fields}}}").year == year


@pytest.mark.parametrize(
    "raw, pieces, resolved, undefined",
    [
        ('"a" # {b#c} # mac', ['"a"', "{b#c}", "mac"], "ab#cM", []),
        ('"q # r" # 1999', ['"q # r"', "1999"], "q # r1999", []),
        ("MAC", ["MAC"], "M", []),
        ('nope # "z"', ["nope", '"z"'], "nopez", ["nope"]),
    ],
    ids=["hash-inside-braces", "hash-inside-quotes", "macro-any-case", "undefined"],
)
def test_concatenation_and_macro_resolution(raw, pieces, resolved, undefined):
    assert split_concatenation(raw) == pieces
    assert resolve_value(raw, {"mac": "M"}) == (resolved, undefined)


def test_repeated_string_definition_is_reported_as_such():
    text = '@string{pub = "ACM"}\n@string{pub = "ACM"}\n@article{a, title = {T}, journal = pub}\n'
    result = read_bibtex(text, "s.bib")
    assert [(p.kind, p.line) for p in result.problems] == [("repeated-string", 2)]
    assert result.records[0].venue == "ACM"


@pytest.mark.parametrize(
    "fields, arxiv",
    [
        ("journal = {arXiv preprint arXiv:2010.11929}", "2010.11929"),
        ("url = {https://arxiv.org/abs/1905.03670v2}", "1905.03670"),
        ("note = {arXiv hep-th/9901001}", "hep-th/9901001"),
        ("eprint = {2106.04560}, archiveprefix = {arXiv}", "2106.04560"),
        ("journal = {Journal of arXiv Studies}", None),
    ],
)
def test_arxiv_ids_are_found_where_exports_put_them(fields, arxiv):
    assert one(f"@misc{{k, title = {{T}}, {fields}}}").arxiv == arxiv


def test_an_unknown_command_alone_is_kept_with_the_space_after_it():
    record = one(r'@misc{k, title = {IMAP "\Important" and \Flagged flag, \mycmd{kept} text}}')
    assert record.title == r'IMAP "\Important" and \Flagged flag, kept text'


@pytest.mark.parametrize(
    "raw, expected",
    [
        (r"A study with {\em emphasis} here", "A study with emphasis here"),
        (r"{\it It} {\bf bf} {\sc Sc} {\rm rm} {\sf sf} {\tt tt} {\sl sl}", "It bf Sc rm sf tt sl"),
        (r"{\itshape It} {\bfseries bf} {\scshape Sc} {\small small}", "It bf Sc small"),
        (r"\texttt{tt} \textsf{sf} \textup{up} \textmd{md} \mbox{box}", "tt sf up md box"),
        (r"\emph{em} \textit{it} \textbf{bf} \textsc{Sc} \textrm{rm}", "em it bf Sc rm"),
        (r"{\relax Ch}ang and \protect\emph{x} and \ensuremath{y}", "Chang and x and y"),
        (r"a\/b, e.g.\@ c", "ab, e.g. c"),
    ],
    ids=["em", "old-fonts", "declarations", "text-commands", "emph", "relax-protect", "spacing"],
)
def test_font_and_do_nothing_commands_give_their_text(raw, expected):
    """`{\\em x}` was kept as `\\em x` (the writer then printed `\\textbackslash{}em x`), and
    `\\texttt{x}` as `\\texttt`, its argument lost."""
    assert one(f"@misc{{k, title = {{{raw}}}}}").title == expected


def test_noopsort_prints_nothing_and_so_does_what_the_preamble_defines_so():
    """The BibTeX manual's sorting trick: `{\\noopsort{Leunen}}van Leunen` was read as
    `Leunenvan Leunen`."""
    text = (
        '@preamble{"\\newcommand{\\noopsort}[1]{} \\providecommand{\\sortkey}[2]{}"'
        ' # "\\def\\nosort#1{} \\newcommand{\\keep}[1]{#1}"}\n'
        "@article{a, author = {{\\noopsort{Leunen}}van Leunen, Jan and {\\relax Ch}ang, Li},\n"
        "  title = {\\sortkey{1}{x}First \\nosort{ {b} }and \\keep{kept} text}, year = 2001}\n"
    )
    [record] = read_bibtex(text, "noop.bib").records
    assert record.authors == ("van Leunen, Jan", "Chang, Li")
    assert record.title == "First and kept text"
    # Without the preamble, \\noopsort still sorts only; an undefined \\sortkey is text.
    title = one(r"@misc{k, title = {\noopsort{2}Second \sortkey{1}{x}}}").title
    assert title == "Second 1x"


@pytest.mark.parametrize(
    "value, expected",
    [
        (r"{\noop{Le{u}nen}}van", "{}van"),
        (r"\noop {a} b", " b"),
        (r"\noop\relax b", " b"),
        (r"\noop", ""),
        (r"\noopx{a}", r"\noopx{a}"),
        (r"\noop{unclosed", ""),
    ],
    ids=[
        "nested-braces",
        "space-before-argument",
        "command-argument",
        "at-end",
        "longer-name",
        "unclosed",
    ],
)
def test_a_command_that_prints_nothing_drops_each_call_with_its_arguments(value, expected):
    assert expanded(value, {"noop": Definition(1, "")}) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        (r"see \url{http://a.b/c%20d} for details", "see http://a.b/c%20d for details"),
        (r"\url{http://x.y/p%7Eq}", "http://x.y/p%7Eq"),
        (r"\url{http://a--b.org/~u/x_y#frag}", "http://a--b.org/~u/x_y#frag"),
        (r"\nolinkurl{a%b} and \path{c~d}", "a%b and c~d"),
        (
            r"and \href{https://x.org/~u}{my \emph{site}} more",
            "and my site (https://x.org/~u) more",
        ),
        (r"\href{https://x.org/a_b}{https://x.org/a_b}", "https://x.org/a_b"),
        (r"50% of \emph{all} 20% of it", "50% of all 20% of it"),
        ("a 10% cut,\n then \\LaTeX{} text", "a 10% cut, then LaTeX text"),
    ],
    ids=[
        "url-in-text",
        "url-alone",
        "url-specials",
        "nolinkurl-path",
        "href",
        "href-url",
        "percent",
        "percent-eol",
    ],
)
def test_percent_is_text_and_urls_are_verbatim(raw, expected):
    """In a BibTeX value `%` is no comment: `\\url{http://a.b/c%20d} for details` lost all
    from its `%` on, and an `\\href` lost its link."""
    record = one(f"@misc{{k, title = {{T}}, note = {{{raw}}}, howpublished = {{{raw}}}}}")
    assert dict(record.extra)["note"] == expected
    assert record.venue == expected


MISSING_COMMAS = """@article{a5,
  author = {Eps, Eve}
  title = {Fifth paper missing comma after author},
  year = 2020
}
@article{a6,
  author = {Six, Sam},
  title = {Sixth paper missing comma before journal},
  year = 2021
  journal = {Journal of Things}
}
"""


def test_a_missing_comma_is_reported_and_the_fields_read_as_if_it_were_there():
    """bibtexparser reads on through an `=`: `author` was `Eps, Eve} title = {Fifth …` and the
    warning 'no title or abstract'; `year` was `2021 journal = {…}`, reported as unbalanced
    braces, and the journal lost."""
    result = read_bibtex(MISSING_COMMAS, "commas.bib")
    a5, a6 = result.records
    assert (a5.authors, a5.year) == (("Eps, Eve",), 2020)
    assert a5.title == "Fifth paper missing comma after author"
    assert (a6.authors, a6.year, a6.venue) == (("Six, Sam",), 2021, "Journal of Things")
    assert [str(p) for p in result.problems] == [
        "commas.bib:3: no comma before field 'title' of 'a5'; read as if there were one",
        "commas.bib:10: no comma before field 'journal' of 'a6'; read as if there were one",
    ]
    assert {p.kind for p in result.problems} == {"missing-comma"}


@pytest.mark.parametrize(
    "fields, expected",
    [
        ('title = "Quoted" year = 2001', {"title": "Quoted", "year": 2001}),
        ("title = {T} # mac\n year = {2001}", {"title": "TM", "year": 2001}),
        ("journal = mac year = 2001 title = {T}", {"venue": "M", "year": 2001, "title": "T"}),
        ("title = {T}\n  Year = 2001\n", {"title": "T", "year": 2001}),
    ],
    ids=["quoted-then-number", "joined-with-hash", "two-on-one-line", "last-field-any-case"],
)
def test_every_kind_of_value_is_told_apart_from_the_field_after_it(fields, expected):
    text = '@string{mac = "M"}\n@misc{k, ' + fields + "}"
    result = read_bibtex(text, "c.bib")
    [record] = result.records
    assert {name: getattr(record, name) for name in expected} == expected
    assert {p.kind for p in result.problems} == {"missing-comma"}


def test_an_equals_sign_inside_braces_quotes_or_a_url_is_no_missing_comma():
    text = (
        '@misc{k, title = {$x = y$ and {a=b}}, note = "c = d" # {e=f},\n'
        "  url = {http://x.y/?a=b&c=d}, abstract = {Let $n = 2$.}}"
    )
    record = one(text)
    assert record.title == "$x = y$ and a=b" and dict(record.extra)["note"] == "c = de=f"


def test_a_missing_comma_after_no_whole_value_says_what_is_lost():
    """`journal = Journal of X` (braces missing) then `year = 2020`: where the comma belongs is
    not certain, so nothing is split off, and the warning says what the fields hold."""
    result = read_bibtex(
        "@article{k, title = {T},\n journal = Journal of X\n year = 2020}", "c.bib"
    )
    [record] = result.records
    assert (record.venue, record.year) == ("Journal of X year = 2020", None)
    assert [p.kind for p in result.problems] == ["missing-comma-field-not-read"]
    assert [str(p) for p in result.problems] == [
        "c.bib:3: no comma before field 'year' of 'k', and the text before it is no whole value"
        " (braces missing?): field 'journal' keeps all of 'Journal of X year = 2020', and"
        " 'year' is not read"
    ]


@pytest.mark.parametrize(
    "text, whole",
    [
        ("{a {b} c}", True),
        ('"a {"} b" # {c} # mac # 12', True),
        ("mac", True),
        ("{a} b", False),
        ("{a} {b}", False),
        ("Journal of X", False),
        ('"open', False),
        ("", False),
        ("{a} #", False),
    ],
)
def test_whole_value(text, whole):
    assert whole_value(text) is whole


def test_one_windows_1252_entry_in_a_utf8_file_spoils_no_other_accent(tmp_path):
    """Concatenated exports: a UTF-8 file with one entry saved by an older Windows tool."""
    from pubdedup.files import read_text

    path = tmp_path / "mixed.bib"
    utf8 = (
        "@article{a, author = {Jürgen Müller and Łukasz Kaiser and José Núñez}, title = {Straße}}\n"
    )
    latin = "@article{b, author = {Lucas Bäyer}, title = {Café}}\n"
    path.write_bytes(utf8.encode() + latin.encode("cp1252"))
    assert read_text(str(path)) == utf8 + latin
    path.write_bytes("Müller, Café, œuvre".encode("cp1252"))  # all Windows-1252: as before
    assert read_text(str(path)) == "Müller, Café, œuvre"
    # `é`, a no-break space, `»` (E9 A0 BB) is also a valid UTF-8 character: Windows-1252 text
    # stays so throughout.
    french = "title = {« Le temps retrouvé\u00a0» : roman}\nretrouvé\u00a0» encore\n"
    path.write_bytes(french.encode("cp1252"))
    assert read_text(str(path)) == french
    # A Windows-1252 line pasted into a UTF-8 file is Windows-1252 throughout, `é »` too.
    pasted = "Jürgen Müller Straße Grüße Köln\n"
    path.write_bytes(pasted.encode() + "« retrouvé\u00a0»\n".encode("cp1252"))
    assert read_text(str(path)) == pasted + "« retrouvé\u00a0»\n"
    # A line with few UTF-8 characters and one stray byte keeps them (`ü`, `ö`; `ç`).
    line = "author = {Müller, Jörg and François}\n"
    path.write_bytes(pasted.encode() * 2 + line.encode().replace("ç".encode(), b"\xe7"))
    assert read_text(str(path)) == pasted * 2 + line
    # One line holding both: its UTF-8 stays UTF-8, its stray byte is Windows-1252.
    mixed = "Über Café Systems, Müller, Jürgen" + "\n" + "Straße und Grüße\n" * 3
    data = mixed.encode().replace("Café".encode(), "Café".encode("cp1252"))
    path.write_bytes(data)
    assert read_text(str(path)) == mixed


def test_a_file_mixing_encodings_is_reported_at_its_first_odd_line():
    """Either way round, some accents of a mixed file may be read wrong: the person who made it
    is told where to look. A file in one encoding is not reported."""
    from pubdedup.decoding import decode_noting

    utf8 = "@article{a, author = {Jürgen Müller}, title = {Straße}}\n".encode()
    latin = "@article{b, author = {Lucas Bäyer}, title = {Café}}\n".encode("cp1252")
    _, note = decode_noting(utf8 * 3 + latin + utf8 + latin, "mixed.bib")
    assert (note.line, note.kind) == (4, "windows-1252-lines")
    assert note.message.startswith("not UTF-8 on 2 line(s), this one first")
    _, note = decode_noting(latin * 2 + utf8 + latin * 3, "mixed.bib")  # mostly Windows-1252
    assert (note.line, note.kind) == (3, "utf-8-read-as-windows-1252")
    assert "but 3 character(s) from here on look like UTF-8" in note.message  # ü ü ß
    assert decode_noting(utf8, "a.bib")[1] is None
    assert decode_noting(latin, "a.bib")[1] is None
    # `é`, a no-break space, `»` (E9 A0 BB) is valid UTF-8 by chance, as a character no
    # accent of a Latin script is made of.
    french = "title = {« Le temps retrouvé\u00a0» : roman}\n".encode("cp1252")
    assert decode_noting(french, "a.bib")[1] is None


def test_a_mixed_file_is_warned_about_by_name_in_a_run(tmp_path):
    from pubdedup.loading import read_files
    from pubdedup.readers import ReadOptions

    path = tmp_path / "mixed.bib"
    path.write_bytes(
        b"@article{a, author = {M\xc3\xbcller, J.}, title = {One}, year = 2001}\n"
        b"@article{b, author = {Fran\xe7ois, A.}, title = {Two}, year = 2002}\n"
        + "@article{c, author = {Jörg Öhm}, title = {Three}, year = 2003}\n".encode()
    )
    [parsed] = read_files([str(path)], [ReadOptions()])
    found = [(p.file, p.line, p.kind) for p in parsed.problems]
    assert found == [(str(path), 2, "windows-1252-lines")]
    assert [r.authors[0] for r in parsed.records] == ["Müller, J.", "François, A.", "Jörg Öhm"]


def test_lines_after_a_latex_line_break_are_counted():
    """bibtexparser counts no line break after `\\\\`: the entries after an abstract with LaTeX
    line breaks were reported lines too early."""
    text = (
        "@article{first, title = {A paper}, year = 2001,\n"
        "  abstract = {One line \\\\\n two lines \\\\\n three lines}}\n"
        "\n"
        "@article{second, title = {Another paper}, year = {forthcoming}}\n"
    )
    result = read_bibtex(text, "lines.bib")
    assert [r.source.line for r in result.records] == [1, 6]
    assert [(p.line, p.kind) for p in result.problems] == [(6, "no-year")]


@pytest.mark.parametrize(
    "title, words",
    [
        (r"{Gaussian} processes in {B}anach spaces", ["Gaussian", "Banach"]),
        (r"{S}chr\"{o}dinger and {\"O}stlund", ["Schrödinger"]),  # `{\"O}` is a letter
        (r"\textbf{Bold} and \emph{Em} are no protection", []),
        (r"The {Google Research} team and {lower} case", ["Google Research"]),
        (r"{A} {{Nested}} title", ["A", "Nested"]),
        (r"{PaLI}: a model, ({ViT}).", ["PaLI", "ViT"]),
        (r"{MLP}- and -{GIS}", ["MLP", "GIS"]),  # a hyphen on a word is no part of it
        # ...but a dash standing apart is: the writer braces the phrase with it
        (r"{Parsing in TeX --- the tokens ---}", ["Parsing in TeX \u2014 the tokens \u2014"]),
        (r"{``Small'' TeX} and {X}'.", ["\u201cSmall\u201d TeX", "X"]),  # as are TeX's quotes
        # A bracket the phrase opens or closes inside is its own, not punctuation around it
        (r"A study of {Foo (BAR)} things", ["Foo (BAR)"]),
        (r"{{Protocol [v2]}}", ["Protocol [v2]"]),
        (r"{(EAP) Extensible} stuff", ["(EAP) Extensible"]),
        (r"A ({ViT}) and [{BERT}]", ["ViT", "BERT"]),
    ],
)
def test_words_a_title_protects_with_braces(title, words):
    from pubdedup.readers.protect import protected_words

    assert protected_words(title) == words


def test_names_written_as_one_brace_group_are_braced_names_not_title_words():
    record = one(
        r"@misc{k, title = {T}, author = {{Barnes and Noble} and Fr{\'e}chet, M. and {\"O}z, A.}}"
    )
    assert record.authors == ("Barnes and Noble", "Fréchet, M.", "Öz, A.")
    assert (record.braced_names, record.protected) == (("Barnes and Noble",), ())


def test_a_crossref_finds_its_parent_in_another_bibtex_input(tmp_path):
    """As BibTeX looks in every file of one bibliography; the input's own entry comes first."""
    from pubdedup.loading import read_files
    from pubdedup.readers import ReadOptions

    child = tmp_path / "a.bib"
    child.write_text(
        "@inproceedings{c, title={A child paper}, author={Roe, R.}, crossref={conf}}\n"
        "@inproceedings{o, title={An orphan}, author={Doe, J.}, crossref={nowhere}}\n"
    )
    parent = tmp_path / "b.bib"
    parent.write_text("@proceedings{conf, title={Advances in Things}, year={2021}}\n")
    parsed = read_files([str(child), str(parent)], [ReadOptions(), ReadOptions()])
    kid, orphan = parsed[0].records
    assert (kid.venue, kid.year) == ("Advances in Things", 2021)
    assert orphan.venue is None
    assert [(p.line, p.kind) for p in parsed[0].problems] == [(2, "crossref-missing")]


def test_windows_1252_text_making_utf8_by_chance_is_not_called_mixed():
    """`ß` and a dash (DF 96), `„Spaß“`, `Â©`: valid UTF-8 bytes by chance, no letters of it."""
    from pubdedup.decoding import decode_noting

    text = "Konvergenz des Gauß–Seidel-Verfahrens, „Spaß“ und Müller © 2001\n"
    assert decode_noting(text.encode("cp1252"), "gs.bib") == (text, None)


def test_a_title_braced_as_a_whole_is_protected_as_a_whole():
    record = one("@misc{k, title = {{Host Software}}, year = 1969}")
    assert record.protected == ("Host Software",)
    assert one("@misc{k, title = {Host Software}, year = 1969}").protected == ()


SCHOLAR_KEYS = r"""@inproceedings{m{\"u}ller2022graph,
  title={Graph networks},
  author={M{\"u}ller, Thomas and Li, Wei},
  booktitle={NeurIPS},
  year={2022}
}

@article{{\"o}zt{\"u}rk2020deep, title={Deep {\v{S}}koda}, journal={J}, year={forthcoming}}
@misc{m"uller2021, title={Shorthand}, year={2021}}
@misc(lee(2019), title={In parentheses}, year={2019})
@misc{after, title={Last}, journal=nomacro}
"""


def test_a_key_with_a_latex_accent_or_a_quote_is_read_whole_as_written():
    """Google Scholar's `m{\"u}ller2022graph`: bibtexparser ends a key at its first brace or
    quote and rejected the entry (`Expected comma after entry key, but found {`), losing it."""
    result = read_bibtex(SCHOLAR_KEYS, "scholar.bib")
    records = {r.source.id: r for r in result.records}
    ids = ['m{\\"u}ller2022graph', '{\\"o}zt{\\"u}rk2020deep', 'm"uller2021', "lee(2019)", "after"]
    assert list(records) == ids
    graph = records['m{\\"u}ller2022graph']
    assert (graph.title, graph.authors, graph.venue, graph.year) == (
        "Graph networks",
        ("Müller, Thomas", "Li, Wei"),
        "NeurIPS",
        2022,
    )
    assert [r.source.line for r in result.records] == [1, 8, 9, 10, 11]
    assert records["lee(2019)"].title == "In parentheses"
    # Warnings keep their lines and name the key as written.
    problems = sorted(result.problems, key=lambda p: p.line)
    assert [(p.line, p.kind) for p in problems] == [(8, "no-year"), (11, "undefined-string")]
    assert repr(ids[1]) in problems[0].message


def test_a_scholar_key_named_by_a_crossref_or_repeated_is_the_key_as_written():
    parent = "@proceedings{g{\\'o}mez2020, title={Proceedings of Things}, year={2020}}\n"
    child = "@inproceedings{a, title={A paper}, crossref={g{\\'o}mez2020}}\n"
    result = read_bibtex(parent + child, "k.bib")
    assert [r.source.id for r in result.records] == ["g{\\'o}mez2020", "a"]
    assert (result.records[1].venue, result.records[1].year) == ("Proceedings of Things", 2020)
    assert result.problems == []
    result = read_bibtex(parent + child + "@misc{g{\\'o}mez2020, title={Again}}\n", "k.bib")
    assert [r.source.id for r in result.records] == ["g{\\'o}mez2020", "a", "g{\\'o}mez2020"]
    assert [(p.line, p.kind) for p in result.problems] == [(3, "repeated-key")]
    assert repr("g{\\'o}mez2020") in result.problems[0].message


@pytest.mark.parametrize(
    "entry",
    [
        "@misc{title={No key}, year={2020}}",  # a key lost, not one with braces
        "@misc{a{b, title={T}}",  # a brace no other pairs with
        "@misc{a b{c}, title={T}}",  # a space: no key
    ],
)
def test_a_key_whose_braces_pair_with_none_is_still_a_rejected_entry(entry):
    result = read_bibtex(entry + "\n@misc{ok, title={Kept}}\n", "bad.bib")
    assert [r.source.id for r in result.records] == ["ok"]
    assert [(p.line, p.kind) for p in result.problems] == [(1, "bad-entry")]


def test_the_key_of_a_comment_or_string_block_is_left_as_it_is():
    text = '@comment{m{\\"u}ller, not an entry}\n@string{m{x}y = {Z}}\n@misc{k, title={T}}\n'
    assert [r.source.id for r in read_bibtex(text, "c.bib").records] == ["k"]


@pytest.mark.parametrize(
    "entry, arxiv",
    [
        # Semantic Scholar: the id only in DBLP's CoRR volume
        (
            "@article{s, title={T}, journal={ArXiv}, year={2020}, volume={abs/2010.11929}}",
            "2010.11929",
        ),
        # DBLP before it wrote `eprint`, and an old-style id
        ("@article{d, title={T}, journal={CoRR}, volume={abs/cs/0112017}}", "cs/0112017"),
        # DataCite's BibTeX for an arXiv DOI (doi.org), no URL
        (
            "@misc{https://doi.org/10.48550/arxiv.1912.11370, doi={10.48550/ARXIV.1912.11370},"
            " title={T}, publisher={arXiv}}",
            "1912.11370",
        ),
        ("@article{v, title={T}, journal={J}, volume={12}}", None),
    ],
)
def test_arxiv_id_from_corr_volume_and_arxiv_doi(entry, arxiv):
    assert one(entry).arxiv == arxiv


@pytest.mark.parametrize(
    "url, expected",
    [
        # DBLP escapes underscores in its URLs
        (
            r"https://doi.org/10.1007/978-3-030-58558-7\_29",
            "https://doi.org/10.1007/978-3-030-58558-7_29",
        ),
        # Mendeley Desktop wraps each escape in braces
        (
            r"https://github.com/a/big{\_}transfer{\%}20x{\&}y=1",
            "https://github.com/a/big_transfer%20x&y=1",
        ),
        (r"http://x.org/\~{}user/\#top", "http://x.org/~user/#top"),
        ("http://x.org/a_b%20c", "http://x.org/a_b%20c"),  # as written
    ],
)
def test_a_url_loses_the_latex_escapes_an_export_wrote_into_it(url, expected):
    record = one(f"@misc{{k, title = {{T}}, url = {{{url}}}}}")
    assert dict(record.extra)["url"] == expected


@pytest.mark.parametrize(
    "fields, number",
    [
        ("issue = 6", "6"),  # JSS's own files, many hand-kept ones: the issue's number
        ("issue = {3-4}", "3-4"),
        ("issue = {Suppl 2}", "Suppl 2"),
        ("number = 5, issue = 6", "5"),  # a number given wins
        ("issue = {Special issue on learning}", None),  # biblatex: a special issue's name
    ],
)
def test_an_issue_without_a_number_is_the_issue_number(fields, number):
    text = f"@article{{a, title = {{T}}, journal = {{J}}, year = 2020, volume = 92, {fields}}}\n"
    (record,) = read_bibtex(text, "a.bib").records
    assert record.number == number


@pytest.mark.parametrize(
    "fields, warned",
    [
        pytest.param("tittle = {Deep nets}", [("tittle", "title")], id="letter-doubled"),
        pytest.param("jounral = {J. Nets}", [("jounral", "journal")], id="letters-swapped"),
        pytest.param("yaer = 2020", [("yaer", "year")], id="short-name-letters-swapped"),
        pytest.param("athor = {Lee, Ann}", [("athor", "author")], id="letter-dropped"),
        pytest.param("page = {56--71}", [("page", "pages")], id="plural-dropped"),
        pytest.param("ADRESS = {Berlin}", [("adress", "address")], id="any-case"),
        pytest.param("pags = {1}, pages = {2}", [], id="the-real-field-is-there-too"),
        pytest.param("keyword = {documentation}", [], id="beebes-acm-general-terms"),
        pytest.param("comment = {mine}, groups = {a}", [], id="jabref-fields"),
        pytest.param("timestamp = {2015}, biburl = {u}, bibsource = {s}", [], id="dblp-fields"),
        pytest.param("amonth = apr, atype = {PhD}", [], id="set-aside-by-a-prefix"),
        pytest.param("bdsk-url-1 = {u}, url2 = {u}, issn-l = {1}", [], id="not-a-word"),
        pytest.param("remark = {r}, coden = {C}", [], id="near-no-read-field"),
        pytest.param("id = {3}, ee = {u}", [], id="too-short-to-tell"),
    ],
)
def test_a_field_name_one_typo_from_a_field_the_entry_lacks_is_warned_and_kept(fields, warned):
    result = read_bibtex(f"@article{{k, abstract = {{A}},\n  {fields}}}\n", "t.bib")
    [record] = result.records
    assert [(p.line, p.kind) for p in result.problems] == [(2, "misspelt-field")] * len(warned)
    for problem, (name, meant) in zip(result.problems, warned, strict=True):
        said = f"field {name!r} of 'k' is no BibTeX or biblatex field ({meant!r} misspelt?)"
        assert problem.message.startswith(said)
        assert name in dict(record.extra)  # passed on as written


@pytest.mark.parametrize(
    "entry, venue",
    [
        # Beebe's bibliographies give a proceedings volume its own title as `booktitle` too.
        (
            "@proceedings{p, title = {{PROTEXT II}: Proceedings}, booktitle = {{PROTEXT II}:"
            " Proceedings}, publisher = {Boole Press}}",
            "Boole Press",
        ),
        ("@book{b, title = {TeX Applications}, booktitle = {TeX applications}}", None),
        # A paper's venue of its own type is kept, whatever it says.
        ("@inproceedings{i, title = {Graphs}, booktitle = {Graphs}}", "Graphs"),
        ("@proceedings{q, title = {Graphs 2020}, booktitle = {Graphs}}", "Graphs"),
    ],
)
def test_a_book_or_proceedings_repeating_its_title_as_booktitle_has_no_venue_by_it(entry, venue):
    """As a venue, the title repeated disagreed with a copy of the same volume that gives
    only its publisher, and the two were kept apart (real-combined: PROTEXT I to IV)."""
    assert one(entry).venue == venue


PROTEXT_HARD, PROTEXT_SOFT = "9780906783504", "9780906783405"


@pytest.mark.parametrize(
    "value, isbns",
    [
        ("0-906783-50-X (hardcover), 0-906783-40-2 (paperback)", {PROTEXT_HARD, PROTEXT_SOFT}),
        ("978-0-906783-50-4 (hard), 978-0-906783-40-5\n (paperback)", {PROTEXT_HARD, PROTEXT_SOFT}),
        ("ISBN 0 13 912296 6", {"9780139122965"}),
        ("0-13-912296-6 1990", {"9780139122965"}),  # a year beside it is no part of it
        # A set's ISBN and its volume's side by side: each (the second was dropped).
        ("0201485419 0201896834", {"9780201485417", "9780201896831"}),
        ("ISBN-13: 978-0-262-03384-8", {"9780262033848"}),
        ("979-10-90636-07-1", {"9791090636071"}),
        ("0-13-912296-7", set()),  # a check digit wrong
        ("US$69.95; 1234567890123", set()),
    ],
)  # fmt: skip
def test_isbns_are_read_as_isbn_13_with_valid_check_digits(value, isbns):
    assert isbns_in(value) == isbns


def test_an_entry_repeating_a_key_or_a_field_that_ends_early_is_reported_too():
    text = (
        "@article{k, title = {First}, year = 2001}\n"
        "@article{k, title = {A} B}, year = 2004}\n"
        "@article{f, note = {x}, note = {y} z}, year = 2005}\n"
    )
    found = [(p.line, p.kind) for p in read_bibtex(text, "r.bib").problems]
    assert (2, "fields-after-end") in found and (2, "repeated-key") in found
    assert (3, "fields-after-end") in found and (3, "repeated-field") in found


def test_blocks_aborted_at_the_next_blocks_start_are_placed_on_their_lines():
    """An aborted block's text may hold the next block's `@` (`@{@{`): the next block was not
    found after it and kept bibtexparser's line (wrong after a `\\` line break before it)."""
    text = "@misc{a, abstract = {one\\\\\ntwo}}\n@{\n@{@{\n"
    found = [(p.line, p.message.split(":")[1].strip()[:8]) for p in read_bibtex(text, "r").problems]
    assert found == [(3, "Expected"), (4, "Expected"), (4, "Unexpect")]


def test_a_comment_line_between_fields_leaves_the_next_field_read():
    # bibtexparser reads a `%` line into the next field's name: the title was lost, and the
    # entry written `[Untitled]`. biber skips the comment; a field commented out stays out.
    text = """@article{c,
  author = {C. Three},
  % a note to myself: check the pages
  title = {Entry with a comment inside},
  % doi = {10.1000/old},
  year = {2003}
}"""
    record = one(text)
    assert (record.title, record.year, record.doi) == ("Entry with a comment inside", 2003, None)
    assert dict(record.extra).keys() == {"author", "title", "% doi", "year"}


def test_a_last_field_commented_out_is_no_field_run_into_the_one_before():
    text = "@misc{k,\n  title = {T},\n  year = {2004}\n  % note = {draft}\n}\n"
    read = read_bibtex(text, "a.bib")
    assert read.problems == []
    assert (read.records[0].year, dict(read.records[0].extra).get("note")) == (2004, None)


def test_a_block_after_an_aborted_one_is_placed_where_it_starts_not_where_the_file_repeats_it():
    """bibtexparser aborts `@article{smit` at the `@inproceedings{` on its line, and the
    aborted block's text runs past that start: looked for after the aborted block's end, the
    `@inproceedings` block was found in the file's second copy of the lines, and every block
    after it was reported there (found by `make fuzz`: a line past the file's last)."""
    twice = "@article{smit@inproceedings{chen2020,\n  au{x},\n}\n\n" * 2
    parsed = read_bibtex(twice + "@misc{good,\n  title = {Good},\n  year = 2020\n}\n", "x.bib")
    assert sorted(p.line for p in parsed.problems if p.kind == "bad-entry") == [1, 1, 5, 5]
    assert [r.source.line for r in parsed.records] == [9]


@pytest.mark.parametrize(
    ("venue", "read"),
    [
        ("Computer Vision--ECCV 2020: 16th European Conference, Proceedings, Part V 16",
         "Computer Vision\u2013ECCV 2020: 16th European Conference, Proceedings, Part V"),
        ("Medical Image Computing, Part III 23", "Medical Image Computing, Part III"),
        ("Proceedings, Part V", "Proceedings, Part V"),
        ("Advances in Neural Information Processing Systems 33",
         "Advances in Neural Information Processing Systems 33"),  # a volume, no part
    ],
    ids=["eccv", "miccai", "no-number", "not-a-part"],
)  # fmt: skip
def test_google_scholars_conference_number_after_a_part_is_no_part_of_the_venue(venue, read):
    """Scholar's `…, Proceedings, Part V 16` made its copy the longest venue, chosen over
    DBLP's and the publisher's, which have no number there."""
    text = f"@inproceedings{{k, title = {{T}}, booktitle = {{{venue}}}, year = 2020}}"
    (record,) = read_bibtex(text, "scholar.bib").records
    assert record.venue == read


def test_scholars_initials_in_a_bibtex_list_are_initials_but_a_braced_name():
    """`JP Vert and M Cuturi`, as some tools write Scholar's names into BibTeX, listed each
    person twice beside the full names; `{JP Morgan}` is protected as written."""
    text = (
        "@article{a, author = {JP Vert and M Cuturi}, title = {T}, year = 2019}\n"
        "@misc{c, author = {{JP Morgan} and M Smith}, title = {O}, year = 2019}\n"
    )
    first, second = read_bibtex(text, "x.bib").records
    assert first.authors == ("J. P. Vert", "M. Cuturi")
    assert second.authors == ("JP Morgan", "M Smith")  # a list with a braced name: as written


@pytest.mark.parametrize("written", ["(doi:10.1000/XYZ)", "<10.1000/xyz>", "10.1000/xyz."])
def test_a_doi_in_brackets_compares_as_the_bare_doi_it_shows(written):
    """Compared and shown through one reading: the bracket once stayed on the compared key."""
    assert normalize_doi(written) == "10.1000/xyz"
