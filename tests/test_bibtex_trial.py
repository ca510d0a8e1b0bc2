"""Entries from a user trial, read and written again: no text lost or garbled on the way, and
the BibTeX written compiles (pdflatex + bibtex, where installed; see test_latex.py)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pubdedup.cli import main
from tests.test_latex import compile_latex, keys_of, need

TRIAL = r"""@preamble{"\newcommand{\noopsort}[1]{}"}
@misc{k, author = {Doe, John}, title = {Some title here}, year = 2020,
  note = {see \url{http://a.b/c%20d} for details, and \href{https://x.org/~u}{site}},
  howpublished = {\url{http://x.y/p%7Eq}}}
@article{e, author = {{\noopsort{Leunen}}van Leunen, Jan and {\relax Ch}ang, Li},
  title = {A study with {\em emphasis}}, journal = {J}, year = 2001}
"""


def merged(tmp_path) -> str:
    path = tmp_path / "trial.bib"
    path.write_text(TRIAL, encoding="utf-8")
    result = CliRunner().invoke(main, ["merge", str(path)])
    assert result.exit_code == 0 and result.stderr == ""
    return result.stdout


def test_urls_percent_signs_and_font_commands_are_written_back_whole(tmp_path):
    bibtex = merged(tmp_path)
    note = r"see http://a.b/c\%20d for details, and site (https://x.org/\textasciitilde{}u)"
    assert f"note = {{{note}}}" in bibtex  # was `see <http://a.b/c>`
    assert r"howpublished = {http://x.y/p\%7Eq}" in bibtex  # was `<http://x.y/p>`
    assert "author = {van Leunen, Jan and Chang, Li}" in bibtex  # was `Leunenvan Leunen`
    assert "title = {A study with emphasis}" in bibtex  # was `\textbackslash{}em emphasis`
    assert "textbackslash" not in bibtex


def test_the_trial_output_compiles(tmp_path):
    need("pdflatex", "bibtex")
    bibtex = merged(tmp_path)
    bbl = compile_latex(tmp_path, bibtex, keys_of(bibtex), "bibtex")
    assert r"http://a.b/c\%20d" in bbl and "Leunen" in bbl


def merge_text(tmp_path, text: str, *options: str) -> str:
    path = tmp_path / "real.bib"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["merge", str(path), *options])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_an_editor_list_with_names_in_both_forms_keeps_each_name_whole(tmp_path):
    bibtex = merge_text(
        tmp_path,
        "@book{b, title = {Evolutionary Computation in Combinatorial Optimization}, year = 2021,"
        " editor = {Christine Zarges and Verel, S{\\'e}bastien}}",
    )
    assert "editor = {Christine Zarges and Verel, Sébastien}" in bibtex  # was `and Verel and Sé…`


def test_a_command_ended_by_an_empty_group_is_kept_not_lost(tmp_path):
    # Beebe's TUGboat bibliography: `journal = {\TUB{}}` (tugboat.def's logo) was read as no
    # journal at all (`Warning--empty journal`); a command alone is kept as written, unless
    # its text is known (`\TUB` is TUGboat).
    entry = "@article{w, title = {A Title}, journal = {\\TUB{} or \\OurJournal{}}, year = 1993}"
    bibtex = merge_text(tmp_path, entry)
    assert "journal = {TUGboat or \\textbackslash{}OurJournal}" in bibtex


def test_a_discretionary_hyphen_and_slash_give_their_text(tmp_path):
    bibtex = merge_text(
        tmp_path,
        "@article{v, title = {Status Report of ACM\\slash SIGGRAPH}, year = 1979,"
        " journal = {Soft{\\-}ware\\,--- Prac\\-tice and Experience}}",
    )
    assert "title = {Status Report of {ACM}/{SIGGRAPH}}" in bibtex  # not `\textbackslash{}slash`
    assert "journal = {Software --- Practice and Experience}" in bibtex  # no U+00AD soft hyphens


def test_an_accent_with_no_unicode_letter_is_written_as_latex_and_compiles(tmp_path):
    # `\u{c}` has no precomposed character: read as `c` and U+0306, which pdflatex refused
    # ("Unicode character ̆ (U+0306) not set up for use with LaTeX").
    bibtex = merge_text(
        tmp_path,
        "@book{l, author = {Miran Lipova\\u{c}a}, title = {Learn You a Haskell}, year = 2011,"
        " publisher = {No Starch Press}}",
    )
    assert "author = {Miran Lipova{\\u{c}}a}" in bibtex
    need("pdflatex", "bibtex")
    assert "Lipova{\\u{c}}a" in compile_latex(tmp_path, bibtex, keys_of(bibtex), "bibtex")


@pytest.mark.parametrize("ascii", [False, True], ids=["utf8", "ascii"])
def test_a_vietnamese_letter_with_two_accents_is_written_as_latex_and_compiles(tmp_path, ascii):
    # tugboat.def's `\Thanh` is Hàn Thế Thành: pdflatex stopped at `ế` (U+1EBF), which
    # inputenc does not define, written raw in UTF-8 and with --ascii alike. (biber decodes the
    # inner accent and keeps the outer, `{\'ê}`, which pdflatex cannot read: no encoding helps.)
    bibtex = merge_text(
        tmp_path,
        "@article{t, author = {\\Thanh}, title = {Micro-typographic extensions}, year = 2001,"
        " journal = {\\TUB}}",
        *(["--ascii"] if ascii else []),
    )
    assert "Th{\\'{\\^{e}}}" in bibtex
    need("pdflatex", "bibtex")
    compile_latex(tmp_path, bibtex, keys_of(bibtex), "bibtex")


def test_the_key_field_of_an_entry_without_authors_is_kept(tmp_path):
    # plain and alpha sort and label such an entry by its `key`; without it bibtex warned
    # `to sort, need editor, organization, or key` where the input compiled cleanly.
    bibtex = merge_text(
        tmp_path,
        "@proceedings{p, key = {CVPR 1986}, title = {Proceedings of the IEEE Conference on"
        " Computer Vision and Pattern Recognition}, year = 1986, publisher = {IEEE}}",
    )
    assert "key = {CVPR 1986}" in bibtex
    need("pdflatex", "bibtex")
    compile_latex(tmp_path, bibtex, keys_of(bibtex), "bibtex")  # no warning


def test_a_report_keeps_its_institution_and_a_braced_url_loses_its_braces(tmp_path):
    # An RFC bibliography: `INSTITUTION` was written over with `HOWPUBLISHED`, and the URL kept
    # its braces, which biblatex made part of the link (`\verb %7Bhttp://…%7D`).
    bibtex = merge_text(
        tmp_path,
        '@TechReport{rfc0530, AUTHOR = "A.K. Bhushan", TITLE = "{Report on the Survey Project}",'
        ' TYPE = "{RFC}", NUMBER = "0530", INSTITUTION = "{Internet Engineering Task Force}",'
        ' YEAR = 1973, HOWPUBLISHED = "{Internet Requests for Comments}",'
        ' URL = "{http://www.rfc-editor.org/rfc/rfc530.txt}"}',
    )
    assert "institution = {Internet Engineering Task Force}" in bibtex
    assert "url = {http://www.rfc-editor.org/rfc/rfc530.txt}" in bibtex


def test_two_copies_of_a_proceedings_volume_one_repeating_its_title_as_booktitle_merge(tmp_path):
    title = "{PROTEXT II}: Proceedings of the Second International Conference on Text Processing"
    bibtex = merge_text(
        tmp_path,
        f"@proceedings{{a, editor = {{John J. H. Miller}}, booktitle = {{{title}}},"
        f" title = {{{title}}}, publisher = {{Boole Press}}, pages = {{viii + 212}},"
        " year = 1985}\n"
        f"@proceedings{{b, title = {{{title}}}, year = 1985, editor = {{John J. H. Miller}},"
        f" pages = {{viii + 212}}, publisher = {{Boole Press}}}}\n",
    )
    assert bibtex.count("@proceedings{") == 1  # were two, by the title read as a's venue


def test_books_sharing_an_isbn_meet_though_their_titles_do_not(tmp_path):
    """An ISBN is a blocking key of its own: a volume and its set's entry, titled apart, are
    listed for a person to review; two copies of one book, titled alike, are one entry."""
    path = tmp_path / "books.bib"
    path.write_text(
        "@book{set, title = {Computers and Typesetting}, year = 1986, isbn = {0-201-13447-0}}\n"
        "@book{vol, title = {METAFONT: the program}, year = 1986, isbn = {0-201-13447-0}}\n"
        "@book{tb1, title = {The TeXbook}, year = 1984, isbn = {0-201-13448-9}}\n"
        "@book{tb2, title = {The {TeX}book}, year = 1984, isbn = {978-0-201-13448-3}}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["merge", str(path), "-f", "json", "-q"])
    assert result.exit_code == 0, result.stderr
    output = json.loads(result.stdout)
    assert sorted(len(p["sources"]) for p in output["papers"]) == [1, 1, 2]
    (maybe,) = output["maybe"]
    assert {maybe["a"]["id"], maybe["b"]["id"]} == {"set", "vol"}
    assert maybe["evidence"]["isbn"] == "same"
