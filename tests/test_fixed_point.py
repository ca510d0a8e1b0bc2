"""A second run over pubdedup's own output gives that output back.

BibTeX: `merge OUT.bib` writes OUT.bib again, byte for byte: the writer's braces and escapes are
what the reader decodes back into the same text and protected words. JSON: `merge OUT.json -f
json` gives the same papers; what must be identical is every field but `sources` and `links`
(provenance: the second run's records are the first run's papers) and, of `related`, the keys
(the link between them names those papers too). README "Merging an output again".
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pubdedup.model import Record, Source
from pubdedup.pipeline import run
from pubdedup.readers import ParsedInput, read_text
from pubdedup.readers.json_in import read_pubdedup_json
from pubdedup.readers.latex import latex_to_text
from pubdedup.readers.protect import protected_words
from pubdedup.writers.bibtex import write_bibtex
from pubdedup.writers.json_out import write_json
from pubdedup.writers.latex import escape, protect_title
from tests.conftest import bit_versions, read
from tests.test_cli import invoke


def bibtex_twice(inputs: list[ParsedInput], untitled: int = 0) -> tuple[str, str]:
    """The BibTeX of a run over the inputs, and of a run over that output alone (whose only
    problems are the `untitled` entries')."""
    first = write_bibtex(run(inputs))
    again = read_text(first, "out.bib")
    assert [p.kind for p in again.problems] == ["no-title"] * untitled
    return first, write_bibtex(run([again]))


def record(title: str, abstract: str | None = None, authors: tuple[str, ...] = ()) -> Record:
    return Record(Source("in.csv", 0, 2, "1"), title=title, abstract=abstract, authors=authors)


# Each case a drift a second run over the BibTeX output once showed (first run -> second run).
DRIFTS = [
    pytest.param("An all-MLP Architecture", "{all-MLP}", id="braces-inside-a-braced-word"),
    pytest.param("9.2M images", "9.{2M}", id="word-braced-in-part"),  # once {9.{2M}}
    pytest.param("The MLPQ/GIS System", "{MLPQ}/{GIS}", id="slash-between-acronyms"),
    pytest.param("Analysis of SIGMOD's graph", "{SIGMOD}'s", id="apostrophe-after-acronym"),
    pytest.param("Message from Editor-in-Chief", "{Editor-in-Chief}", id="hyphenated-words"),
    pytest.param("factor H and H-deficient mice", "{H} and H-deficient", id="lone-capital"),
    pytest.param("A study of vitamin A", "A study of vitamin {A}", id="lone-capital-first"),
    pytest.param("U.S", "U.{S}", id="capital-after-full-stop"),
    pytest.param("I/O behaviour", "I/{O} behaviour", id="capitals-around-a-slash"),
    pytest.param("trial <ORIGINAL> text", r"\textless{}{ORIGINAL}\textgreater{}", id="symbols"),
    pytest.param("constant $C_{44}$ of CaF2", "$C_{44}$ of {CaF2}", id="braces-in-a-formula"),
    pytest.param(
        "transition in β-MoTe2", r"{{\ensuremath{\beta}}-MoTe2}", id="greek-letter-before-a-formula"
    ),
    pytest.param("regimes -- from 82.8% up", r"regimes -- from 82.8\% up", id="ligature-dash"),
    pytest.param("regimes – from 82.8% up", r"regimes -- from 82.8\% up", id="en-dash"),
    # `\$` sends the title through pylatexenc, which reads `''` as `”`, written as itself.
    pytest.param(
        "of $χ'$ and $χ''$",
        r"of \${\ensuremath{\chi}}'\$ and \${\ensuremath{\chi}}''\$",
        id="quotes-beside-an-escape",
    ),
    pytest.param("a “quoted” 50% word", r"a ``quoted'' 50\% word", id="curly-quotes"),
]


@pytest.mark.parametrize("title, written", DRIFTS)
def test_a_title_written_and_read_back_is_written_the_same(title, written):
    first, second = bibtex_twice([ParsedInput("in.csv", "csv", [record(title)])])
    assert written in first
    assert second == first


# A BibTeX source's braced words (raw title, as written in the first output): the reader once
# took these braces for none, and the second run dropped them.
BRACED = [
    pytest.param(
        r"Atlas {{\'E}}olien Europ{\'e}en", "Atlas {Éolien} Européen", id="accented-capital"
    ),
    pytest.param(r"Data Sheets for {\$A = 93\$}", r"Data Sheets for {\$A = 93\$}", id="dollars"),
    pytest.param(
        r"for {\textbackslash{}BibLaTeX}", r"for {\textbackslash{}BibLaTeX}", id="backslash"
    ),
    pytest.param("{``Small'' TeX}", "{``Small'' TeX}", id="quotes-in-the-group"),  # ``{Small'' TeX}
]


@pytest.mark.parametrize("raw, written", BRACED)
def test_a_word_a_source_braced_stays_braced(raw, written):
    bib = f"@book{{a, title = {{{raw}}}, author = {{Troen, I.}}, year = 1991}}"
    first, second = bibtex_twice([read_text(bib, "in.bib")])
    assert f"title = {{{written}}}" in first
    assert second == first


# A BibTeX source's entry, and how the first output writes one of its fields, which the second
# run wrote otherwise (in the comment).
SOURCE_FIELDS = [
    pytest.param(  # `SciPy 1.0 Contributors`: no `and` after `İ` was found, no group braced
        r"title = {Atlas}, author = {Polat, {\.I}lhan and {SciPy 1.0 Contributors}}",
        "author = {Polat, İlhan and {SciPy 1.0 Contributors}}",
        id="group-after-a-dotted-capital-i",
    ),
    pytest.param(  # `Delp III and Edward, J. and Ping W. Wong`
        "title = {Atlas}, author = {Noda, H.}, editor = {Edward J. Delp III and Ping W. Wong}",
        "editor = {Delp, III, Edward J. and Ping W. Wong}",
        id="editor-with-a-suffix",
    ),
    pytest.param(  # joined to the title: `title = {Atlas: "\textbraceleft{}Ein…}`
        'title = {Atlas}, author = {Noda, H.}, subtitle = "{Ein Handbuch f{"u}r Schaffende}"',
        r'subtitle = {"\textbraceleft{}Ein Handbuch f\textbraceleft{}"u}',
        id="subtitle-with-unpaired-braces",
    ),
    pytest.param(  # `{{Parsing in TeX --- the tokens} ---}`
        r"author = {Noda, H.}, title = {{Parsing in {\TeX} {\it--- the tokens ---}}}",
        "title = {{Parsing in TeX --- the tokens ---}}",
        id="protected-title-ending-in-a-dash",
    ),
    pytest.param(  # `(TUDA, Davinson and TACTIC collaborations), T.`: two names
        "title = {Atlas}, author = {Davinson {(TUDA and TACTIC collaborations)}, T.}",
        "author = {Davinson (TUDA {and} TACTIC collaborations), T.}",
        id="and-inside-a-name",
    ),
    pytest.param(  # `Martínez`: the first run's `Mart{\'{\i}}nez` read as `í`
        "title = {Atlas}, author = {Martı\u0301nez, Margarita}",
        "author = {Martínez, Margarita}",
        id="dotless-i-with-an-accent",
    ),
    pytest.param(  # once `FastForward`, then `{FastForward}`: the title's braced word
        "title = {FastForward Networks' overlay}, author = {FastForward}",
        "author = {{FastForward}},",
        id="one-word-author-braced-in-the-title",
    ),
]


@pytest.mark.parametrize("fields, written", SOURCE_FIELDS)
def test_a_bibtex_entry_written_and_read_back_is_written_the_same(fields, written):
    bib = f"@book{{a, year = 1991, {fields}}}"
    first, second = bibtex_twice([read_text(bib, "in.bib")])
    assert written in first
    assert second == first


def test_an_abstract_with_a_dash_and_an_escape_is_written_the_same():
    # `\%` sends the abstract through pylatexenc, which reads `--` as `–`: written as itself,
    # the dash came back `–` on the second run over the seeds.
    abstract = "Wide range of data regimes -- from 1 example per class; 82.8% top-1."
    first, second = bibtex_twice([ParsedInput("in.csv", "csv", [record("Title", abstract)])])
    assert r"regimes -- from 1 example per class; 82.8\% top-1." in first
    assert second == first


def test_a_list_cut_after_and_keeps_its_last_name():
    """`Licht, C. and et al` (a systematic-review CSV) was written `and and others`."""
    table = 'id,title,authors,year\n1,Eculizumab results,"Licht, C. and et al",2011\n'
    first, second = bibtex_twice([read_text(table, "in.csv")])
    assert "author = {Licht, C. and others}" in first
    assert second == first


def test_merging_the_bibtex_output_of_the_seeds_again_writes_it_byte_for_byte(tmp_path, seed_pages):
    out = tmp_path / "out.bib"
    first = invoke("merge", *seed_pages, "-o", out, "-q")
    assert (first.exit_code, first.stdout, first.stderr) == (0, "", "")
    again = invoke("merge", out, "-q")
    assert again.exit_code == 0 and again.stderr == ""
    assert again.stdout == out.read_text(encoding="utf-8")


def papers_without_provenance(output: str) -> list[dict]:
    """The papers of a JSON output, their `related` reduced to the keys."""
    papers = json.loads(output)["papers"]
    return [
        {k: v for k, v in p.items() if k not in ("sources", "links")}
        | {"related": sorted(r["key"] for r in p["related"])}
        for p in papers
    ]


# A conference paper and its journal version: two publications, linked as `related`.
JOURNAL_VERSION = (
    "@inproceedings{c, title={Sparse Mixtures of Experts}, author={Riquelme, Carlos and"
    " Puigcerver, Joan}, booktitle={NeurIPS}, pages={8583--8595}, year={2021}}\n"
    "@article{j, title={Sparse Mixtures of Experts}, author={Riquelme, Carlos and"
    " Puigcerver, Joan}, journal={JMLR}, volume={24}, pages={1--40}, year={2023}}\n"
)


@pytest.mark.parametrize(
    "bib, options, related",
    [
        pytest.param(JOURNAL_VERSION, [], [["riquelme2023sparse"], ["riquelme2021sparse"]],
                     id="journal-version"),
        pytest.param(bit_versions("kolesnikov2019big"), ["--keep-versions"],
                     [["kolesnikov2020big"], ["kolesnikov2019big"]], id="kept-preprint"),
    ],
)  # fmt: skip
def test_merging_the_json_output_again_keeps_the_related_papers(tmp_path, bib, options, related):
    source = tmp_path / "in.bib"
    source.write_text(bib, encoding="utf-8")
    out = tmp_path / "out.json"
    assert invoke("merge", source, "-f", "json", "-o", out, "-q", *options).exit_code == 0
    again = invoke("merge", out, "-f", "json", "-q", *options)
    assert (again.exit_code, again.stderr) == (0, "")
    first = papers_without_provenance(read(out))
    assert [p["related"] for p in first] == related
    assert papers_without_provenance(again.stdout) == first


# 27 papers without title, year or author share the base key `anonuntitled`: suffixed `a`…`z`,
# `aa` in content order, then by the input's order, which for an output read back is its keys'
# string order (`aa` before `b`): each got another's key.
UNTITLED = "".join(
    f"@misc{{w{k}, howpublished = {{https://example.org/{k}}}}}\n" for k in range(27)
)


def test_merging_the_bibtex_output_again_gives_untitled_papers_their_own_keys():
    first, second = bibtex_twice([read_text(UNTITLED, "in.bib")], untitled=27)
    assert "@misc{anonuntitledaa," in first
    assert second == first


def test_merging_the_json_output_again_gives_untitled_papers_their_own_keys():
    bib = UNTITLED
    first = run([read_text(bib, "in.bib")])
    again = read_pubdedup_json(write_json(first), "out.json")
    second = run([ParsedInput("out.json", "json", again.records)])
    assert [(p.key, p.venue) for p in second.papers] == [(p.key, p.venue) for p in first.papers]
    assert {p.key for p in first.papers} >= {"anonuntitleda", "anonuntitledaa"}


# --- properties -------------------------------------------------------------------------------

PIECES = [
    *("MLPQ", "GIS", "9.2M", "all-MLP", "Editor-in-Chief", "SIGMOD's", "U.S", "I/O", "x-Ray"),
    *("A", "H", "T's", "H-deficient", "ImageNet", "ViT", "Gaussian", "Schrödinger", "Q&A"),
    *("of", "the", "data", "--", "---", "–", "—", "<", ">", "50%", "(BiT)", "$O(n)$", "Müller"),
    *("$C_{44}$", "β-MoTe2", "Éolien", "ÉCOLE", "“", "”", "''", "χ''", "“ViT”"),
]
SEPARATORS = [" ", " ", " ", "/", "-", ".", "'", ": ", ", "]
# Runs of four dashes and more (`----`, `–---`) are left out: TeX has no ligature for them, and
# pylatexenc (reading a value with a command) takes three hyphens of one as an em dash, where a
# value without reads them as written; no title has them.
title_texts = (
    st.lists(
        st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), min_size=1, max_size=8
    )
    .map(lambda parts: "".join(piece + sep for piece, sep in parts).strip(" :,/-.'"))
    .filter(lambda text: not re.search("[-–—]{4}", text))
)


@settings(max_examples=settings.default.max_examples)
@given(title_texts, st.lists(st.sampled_from(PIECES), max_size=3))
def test_a_written_title_read_back_is_written_the_same(title, braced):
    """A BibTeX source's title bracing some pieces, written, then read back and written again."""
    raw = escape(title)
    for piece in braced:
        raw = raw.replace(escape(piece), "{" + escape(piece) + "}", 1)
    once = protect_title(latex_to_text(raw), tuple(protected_words(raw)))
    twice = protect_title(latex_to_text(once), tuple(protected_words(once)))
    assert twice == once


@settings(max_examples=settings.default.max_examples)
@given(title_texts)
def test_an_escaped_text_read_back_is_escaped_the_same(text):
    once = escape(text)
    assert escape(latex_to_text(once)) == once
