"""TeX commands beyond LaTeX's accents: logos, text symbols, a @preamble's own commands.

Each value is read as a BibTeX title; the cases come from real bibliographies (Beebe's TUGboat
and TeX bibliographies, an RFC list, a physics thesis's).
"""

from __future__ import annotations

import pytest

from pubdedup.readers.bibtex import read_bibtex
from pubdedup.readers.latex import latex_to_text
from tests.conftest import DATA
from tests.test_latex import compile_latex, keys_of, merge, need


def title_of(raw: str, preamble: str = "") -> str | None:
    text = f'@preamble{{"{preamble}"}}\n' * bool(preamble) + f"@misc{{k, title = {{{raw}}}}}"
    [record] = read_bibtex(text, "t.bib").records
    return record.title


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param(r"\TUB", "TUGboat", id="tugboat"),
        pytest.param(r"The {\METAFONT}book", "The METAFONTbook", id="metafont-in-braces"),
        pytest.param(r"The \MF{}book", "The METAFONTbook", id="mf-empty-group"),
        pytest.param(r"\MP\ and \MF", "MetaPost and METAFONT", id="metapost"),
        pytest.param(r"\LaTeXe{} for authors", "LaTeX2e for authors", id="latex2e"),
        pytest.param(r"{\BibTeX} and \AmSTeX", "BibTeX and AMS-TeX", id="bibtex-amstex"),
        pytest.param(r"\AmSLaTeX{} at the \AMS", "AMS-LaTeX at the AMS", id="ams"),
        pytest.param(r"\XeTeX, \LuaTeX\ and \ConTeXt", "XeTeX, LuaTeX and ConTeXt", id="engines"),
        pytest.param(r"\SliTeX{} and \PiCTeX", "SliTeX and PiCTeX", id="slitex-pictex"),
        pytest.param(r"Fonts and \PS", "Fonts and PostScript", id="postscript"),
        pytest.param(r"\Thanh", "H\u00e0n Th\u1ebf Th\u00e0nh", id="person"),
        pytest.param(r"Robert W. \Mc Gaffey", "Robert W. McGaffey", id="mc"),
    ],
)
def test_a_logo_is_its_text(raw, expected):
    assert title_of(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        # TeX drops the space after a command's name: `\TeX nische` is one word, as printed.
        pytest.param(r"Die \TeX nische Kom{\"o}die", "Die TeXnische Komödie", id="space-eaten"),
        pytest.param(r"\TeX{} and \LaTeX", "TeX and LaTeX", id="empty-group-keeps-space"),
        pytest.param(r"\TeX\ and", "TeX and", id="control-space"),
        pytest.param(r"{\TeX}book", "TeXbook", id="braces-end-the-name"),
        pytest.param(r"{The {\TeX}book}", "The TeXbook", id="in-braced-title"),
        pytest.param(r"\bs special issues", "\\special issues", id="backslash-logo"),
    ],
)
def test_a_commands_name_ends_where_tex_ends_it(raw, expected):
    assert title_of(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param(r"Macro packages\Dash the basics", "Macro packages — the basics", id="Dash"),
        pytest.param(r"Publishing\emdash{}Origination", "Publishing—Origination", id="emdash"),
        pytest.param(r"pages 1\endash 9", "pages 1–9", id="endash"),
        pytest.param(
            r"c.798C\textgreater{}T, onset (\textless 1 year)",
            "c.798C>T, onset (<1 year)",
            id="less-greater",
        ),
        pytest.param(r"sp\textunderscore report", "sp_report", id="underscore"),
        pytest.param(r"R\thinspace\&\thinspace D", "R & D", id="thinspace"),
        pytest.param(r"First.\par Second", "First. Second", id="par"),
        pytest.param(r"\S 3 and \P 2, \pounds 5, \copyright", "§3 and ¶2, £5, ©", id="symbols"),
        pytest.param(r"UNIX\registered{} and \TM", "UNIX® and ™", id="marks"),
    ],
)
def test_a_text_symbol_is_its_character(raw, expected):
    assert title_of(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param(r"The {\smc mf} medley", "The mf medley", id="small-caps"),
        pytest.param(r"Halftones with \ssf BM2FONT", "Halftones with BM2FONT", id="sans"),
        pytest.param(r"Les Cahiers \slnine GUTenberg", "Les Cahiers GUTenberg", id="slanted"),
    ],
)
def test_a_plain_tex_font_switch_gives_the_text_after_it(raw, expected):
    assert title_of(raw) == expected


def test_a_logo_decoded_is_the_same_text_as_the_word_written_out():
    """What matching compares: `{\\TeX}book` and `TeXbook` are one title."""
    assert latex_to_text(r"The {\TeX}book") == latex_to_text("The TeXbook")
    assert latex_to_text(r"\TUB{} 12(3)") == latex_to_text("TUGboat 12(3)")


@pytest.mark.parametrize(
    "raw, expected",
    [
        # APS's exports: a name's letter for math mode and for text.
        pytest.param(
            r"Antu\ifmmode \check{s}\else \v{s}\fi{}ek, A.", "Antušek, A.", id="ifmmode-else"
        ),
        pytest.param(r"\ifmmode \acute{S}\else \'{S}\fi{}lezak", "Ślezak", id="ifmmode-acute"),
        pytest.param(r"{DVIto\kern-.15em VDU} 3.0", "DVItoVDU 3.0", id="kern-eats-a-space"),
        pytest.param(r"Euler-\kern-1pt VM", "Euler-VM", id="kern-points"),
        pytest.param(r"Sc\kern-.035em \lower.5ex\hbox{E}\kern-.125em X", "ScEX", id="lower"),
        pytest.param(r"a\hskip 0pt plus 1fil b", "a b", id="glue-is-a-space"),
        pytest.param(r"TeX\penalty0---\penalty0 the", "TeX—the", id="penalty"),
        pytest.param(
            r"Don't just {\tt\char`\\let} {\TeX} hang",
            "Don't just \\let TeX hang",
            id="char-backquote",
        ),
        pytest.param("\\char92 x \\char'173 \\char\"41", "\\x {A", id="char-codes"),
        pytest.param(
            r"\path|beebe@math.utah.edu| or \path=a~b=",
            "beebe@math.utah.edu or a~b",
            id="path-delimiters",
        ),
        pytest.param(r"\path|a b_c|", "a b_c", id="path-verbatim"),
        pytest.param(r"Skalsk{\'y} Dv{\accent'27u}r", "Skalský Dvůr", id="accent-primitive"),
        pytest.param(
            "inside the \\LaTeX\\\n  picture",
            "inside the LaTeX picture",
            id="backslash-ends-a-line",
        ),
        pytest.param("a line\\\\\n break", "a line break", id="line-break-is-no-space-escape"),
        pytest.param(r"The (1+\(\lambda\)) EA", "The (1+$\\lambda$) EA", id="dblp-inline-math"),
        pytest.param(r"\hphantom{Chapter 2} - Introduction", "- Introduction", id="phantom"),
        # tugboat.def's commands with arguments.
        pytest.param(
            r"The {\TeX} Live Guide, \nth{4} edition", "The TeX Live Guide, 4th edition", id="nth"
        ),
        pytest.param(r"\nth{21}, \nth{12}, \nth{103}", "21st, 12th, 103rd", id="nth-suffixes"),
        pytest.param(r"in \tubissue {2}{3}", "in TUGboat 2, no. 3", id="tubissue"),
        pytest.param(
            r"Don't just \macro{let} {\TeX} hang", "Don't just \\let TeX hang", id="macro-name"
        ),
    ],
)
def test_a_plain_tex_primitive_gives_what_it_prints(raw, expected):
    assert title_of(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        pytest.param(
            r"Competition between \ch{Li^{+}} and \ch{Mg^{2+}} for \ch{ATP}",
            "Competition between Li+ and Mg2+ for ATP",
            id="mhchem-charges",
        ),
        pytest.param(
            r"A \ch{^{31}P}-{NMR} study of \ch{TiO2}", "A 31P-NMR study of TiO2", id="isotope"
        ),
        pytest.param(
            r"\ce{YBa2Cu3O_{7-\delta}}, \ch{A + B -> C}", "YBa2Cu3O7-δ, A + B → C", id="ce-arrow"
        ),
        pytest.param(r"{\SI{20}{\milli\second}} delay", "20 ms delay", id="SI"),
        pytest.param(r"\qty{1.3}{\giga\hertz} cavities", "1.3 GHz cavities", id="qty"),
        pytest.param(r"45\,\si{\mega\volt\per\meter}", "45 MV/m", id="si-per"),
        pytest.param(
            r"from {\SIrange{323.15}{398.15}{\kelvin}}", "from 323.15 K to 398.15 K", id="SIrange"
        ),
        pytest.param(
            r"\qtyrange[range-phrase=--,range-units=single]{30}{600}{\kilo\electronvolt} protons",
            "30–600 keV protons",
            id="qtyrange-options",
        ),
        pytest.param(r"\SI{50}{\percent}, \num{1.5e3}, \ang{30}", "50 %, 1.5e3, 30°", id="others"),
    ],
)
def test_chemistry_and_units_are_plain_text(raw, expected):
    assert title_of(raw) == expected


IRIDIA = (  # the @preamble of IRIDIA's bibliography, as it is
    r"\providecommand{\MaxMinAntSystem}{{$\cal MAX$--$\cal MIN$} {Ant} {System}} "
    r"\providecommand{\rpackage}[1]{{#1}} \providecommand{\proglang}[1]{{#1}}"
)
BEEBE = (  # from Beebe's bibliographies' preambles
    r"\ifx \undefined \booktitle \def \booktitle #1{{{\em #1}}} \fi "
    r"\ifx \undefined \circled \def \circled #1{(#1)} \fi "
    r"\ifx \undefined \TEXHAX \def\TEXHAX{{\TeX{}hax}} \fi "
    r"\ifx \undefined \ssf \let \ssf = \sf \fi \ifx \undefined \Dash \def \Dash{--} \fi"
)


@pytest.mark.parametrize(
    "preamble, raw, expected",
    [
        pytest.param(
            IRIDIA,
            r"A \MaxMinAntSystem for lot-sizing",
            "A $\\cal MAX$–$\\cal MIN$ Ant System for lot-sizing",
            id="providecommand",
        ),
        pytest.param(
            IRIDIA,
            r"{\rpackage{mlr}}: Machine Learning in \proglang{R}",
            "mlr: Machine Learning in R",
            id="providecommand-argument",
        ),
        pytest.param(
            BEEBE,
            r"A review of \booktitle{Make It New} and \circled{R}",
            "A review of Make It New and (R)",
            id="def-in-ifx",
        ),
        pytest.param(BEEBE, r"\TEXHAX{} digest", "TeXhax digest", id="body-with-a-logo"),
        pytest.param(
            r"\newcommand{\method}{FooNet} \newcommand\ours{\method-2}",
            r"\ours{} beats \method and \method.",
            "FooNet-2 beats FooNet and FooNet.",  # the space after a name kept, as \xspace does
            id="newcommand-calls-newcommand",
        ),
        pytest.param(r"\let\mytt=\tt", r"{\mytt grep} and", "grep and", id="let-alias"),
        pytest.param(
            r"\def \toenglish #1\endtoenglish{[{\em English:} #1\unskip]}",
            r"{\LaTeX}-Leitfaden \toenglish Instant help for everyday \LaTeX{} use \endtoenglish",
            "LaTeX-Leitfaden [English: Instant help for everyday LaTeX use]",
            id="delimited-argument",
        ),
        # A command decoding knows keeps its meaning: `\Dash` is an em dash, `\TUB` TUGboat.
        pytest.param(BEEBE, r"TeX\Dash the \TUB", "TeX — the TUGboat", id="known-kept"),
        pytest.param(
            r"\newcommand{\opt}[2][x]{#1#2} \def\cond{\ifmmode a\else b\fi}",
            r"\opt{y} and \cond",
            "y and \\cond",  # neither is read: a default argument, a program
            id="not-read",
        ),
        pytest.param(r"\def\loop{\loop}", r"a \loop", "a \\loop", id="no-end"),
    ],
)
def test_a_command_the_preamble_defines_gives_the_text_of_its_body(preamble, raw, expected):
    assert title_of(raw, preamble) == expected


def test_a_preambles_commands_are_its_own_files(tmp_path):
    """A definition is the file's: another input's `\\method` is no FooNet."""
    defines = tmp_path / "a.bib"
    defines.write_text(
        '@preamble{"\\newcommand{\\method}{FooNet}"}\n'
        "@misc{a, title = {The \\method{} model}, author = {Ann Lee}, year = 2020}\n"
    )
    uses = tmp_path / "b.bib"
    uses.write_text("@misc{b, title = {Beyond \\method}, author = {Bo Li}, year = 2021}\n")
    bibtex = merge(defines, uses)
    assert "title = {The {FooNet} model}" in bibtex
    assert "title = {Beyond \\textbackslash{}method}" in bibtex


def test_entries_using_their_preambles_commands_compile_without_it(tmp_path):
    """The output carries no @preamble: what the commands print is in the values."""
    path = tmp_path / "iridia.bib"
    path.write_text(
        f'@preamble{{"{IRIDIA}"}}\n'
        "@article{s, author = {Pitakaso, Rapeepan and Almeder, Christian}, year = 2007,"
        " title = {A \\MaxMinAntSystem for lot-sizing in \\proglang{R}}, journal = {C\\&OR}}\n",
        encoding="utf-8",
    )
    bibtex = merge(path)
    assert "preamble" not in bibtex.lower()
    need("pdflatex", "bibtex")
    bbl = compile_latex(tmp_path, bibtex, keys_of(bibtex), "bibtex")
    # No brace inside the formula or the group a source braced: `{$\\cal {MAX}$…` once.
    assert "{$\\cal MAX$--$\\cal MIN$ Ant System} for lot-sizing in {R}." in " ".join(bbl.split())


TEX_BIBLIOGRAPHIES = DATA / "latex" / "tex-bibliographies.bib"


@pytest.mark.parametrize(
    "backend, options",
    [("bibtex", []), ("bibtex", ["--ascii"]), ("biber", [])],
    ids=["bibtex", "bibtex-ascii", "biber"],
)
def test_real_entries_with_logos_preamble_commands_and_units_compile(tmp_path, backend, options):
    """Real entries (Beebe's, IRIDIA's, a physics thesis's, APS's, DBLP's, an RFC's), merged and
    compiled by an ordinary document that loads no package and gets no @preamble."""
    bibtex = merge(TEX_BIBLIOGRAPHIES, *options)
    assert "preamble" not in bibtex.lower()
    # Left as names, and printed so: a title about `\special`, an IMAP flag no one defines.
    assert bibtex.count("\\textbackslash{}") == 2
    need("pdflatex", backend)
    bbl = " ".join(compile_latex(tmp_path, bibtex, keys_of(bibtex), backend).split()).lower()
    for text in ("TUGboat", "METAFONTbook", "4th edition", "Mg2+", "ScEX", "Ant System}", "keV"):
        assert text.lower() in bbl, text  # (plain lower-cases a title)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('M\\"{u}ller', "Müller"),
        ("\\'{\\i}", "í"),  # a dotless i takes the accent as an i
        ("\\c c", "ç"),
        ("\\u{c}", "c\u0306"),  # no character of its own: a letter and a combining mark
        ("\\b{ab}", "a\u0331\u1e07"),  # each letter of the group (ḇ has a character)
        ('\\"{\\"{u}}', "ü\u0308"),  # one mark per accent
        ("\\b{\\b{\\b{x}}}", "x" + "\u0331" * 3),
    ],
)
def test_an_accent_marks_each_letter_once(raw, expected):
    assert latex_to_text(raw) == expected


def test_accents_nested_deep_give_one_mark_each_not_twice_as_many_per_level():
    """pylatexenc put an outer accent on the inner ones' marks too: 2**depth marks, so a title
    of thirty nested accents took minutes and gigabytes."""
    depth = 40
    assert latex_to_text("\\b{" * depth + "x" + "}" * depth) == "x" + "\u0331" * depth


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Pre-training---a survey: 1990--2020", "Pre-training\u2014a survey: 1990\u20132020"),
        ("``Beyond'' words", "\u201cBeyond\u201d words"),
        ("?`Qu\u00e9? !`Ay!", "\u00bfQu\u00e9? \u00a1Ay!"),
        ("a----b", "a\u2014-b"),  # as TeX: an em dash, then a hyphen
        ("two -{}- hyphens", "two -- hyphens"),  # a brace between parts a ligature
        ("$a--b$ in math", "$a--b$ in math"),
        (
            "See https://github.com/a/b--c -- or www.x.org/d--e",
            "See https://github.com/a/b--c \u2013 or www.x.org/d--e",
        ),
    ],
    ids=["dashes", "quotes", "spanish", "four-hyphens", "braced-apart", "math", "links"],
)
def test_a_value_without_commands_makes_texs_ligatures_as_one_with_commands_does(raw, expected):
    """Only a value with a command went through pylatexenc, which makes them: `Foo--Bar
    Letters` reached JSON and CSL-JSON as written, and pandoc printed the two hyphens."""
    assert latex_to_text(raw) == expected
    if "$" not in raw:
        assert latex_to_text("\\relax " + raw) == expected


def test_a_link_with_a_command_in_it_is_decoded_but_keeps_its_two_hyphens():
    assert latex_to_text("www.x.org/\\textasciitilde{}bob--x") == "www.x.org/~bob--x"
    assert latex_to_text("https://x.org/caf\\'{e}--x") == "https://x.org/caf\u00e9--x"
    # a tilde is the link's own, written bare or as `\~{}`, not a space or an accent
    assert latex_to_text("see https://www.cs.ox.ac.uk/~jdoe/tool") == (
        "see https://www.cs.ox.ac.uk/~jdoe/tool"
    )
    assert latex_to_text("see https://www.cs.ox.ac.uk/\\~{}jdoe/a--b") == (
        "see https://www.cs.ox.ac.uk/~jdoe/a--b"
    )


def test_an_identifiers_two_hyphens_are_two_hyphens():
    (record,) = read_bibtex("@misc{a, title = {A--B}, doi = {10.1000/a--b}}", "a.bib").records
    assert (record.title, record.doi) == ("A\u2013B", "10.1000/a--b")
