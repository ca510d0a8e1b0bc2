"""Saved HTML of a people page: converted to the text a browser shows, then read as a page."""

from __future__ import annotations

import pytest

from pubdedup.cli.report import summary_rows
from pubdedup.errors import InputError
from pubdedup.pipeline import run
from pubdedup.readers import detect_format, read_text
from pubdedup.readers.html import html_to_text, read_html
from tests.conftest import DATA, EXAMPLES, read

SAVED = DATA / "html" / "beyer_saved.html"


def test_saved_page_gives_the_records_of_its_text_dump():
    html = read_html(read(SAVED), "beyer.html")
    text = read_text(read(EXAMPLES / "004_fa9fe8a296857bdd.txt"), "beyer.txt")
    strip = [(r.title, r.authors, r.year, r.venue, r.abstract) for r in html.records]
    assert strip == [(r.title, r.authors, r.year, r.venue, r.abstract) for r in text.records]
    assert html.owner == "Lucas Beyer" and html.problems == []


def test_record_lines_are_lines_of_the_html_file():
    source = read(SAVED).splitlines()
    for record in read_html(read(SAVED), "beyer.html").records:
        start = record.title or "Preview abstract"
        assert start in source[record.source.line - 1], record.source.line


def test_hidden_content_and_chrome_are_dropped():
    text, _ = html_to_text(
        "<html><head><title>T</title><style>p {color: red}</style>"
        "<script>var s = '<p>no</p>';</script></head><body>"
        "<nav><a>Menu</a></nav><noscript>Enable JavaScript</noscript>"
        "<svg><title>Logo</title></svg><div hidden>Hidden <b>text</b></div>"
        "<p>Shown</p><footer>Privacy</footer></body></html>"
    )
    assert text == "Shown"


def test_an_icon_fonts_glyph_is_no_text():
    # A material icon is a ligature: its text is the icon's name, glued to the button's label.
    html = (
        '<html><body><div><button><span class="material-icons" aria-hidden="true">expand_more'
        "</span>Preview abstract</button> We study things.<a>View details</a></div>"
        '<p><span class="icon material-symbols-outlined">open_in_new</span>Paper</p>'
        '<p><span class="not-material-icons-here">kept</span></p></body></html>'
    )
    text, _ = html_to_text(html)
    assert text.splitlines() == ["Preview abstract We study things.View details", "Paper", "kept"]


def test_blocks_make_lines_and_entities_are_decoded():
    text, origins = html_to_text(
        "<div>Jump&nbsp;to <a href='#'>Content</a></div>\n<p>A &amp; B&#8217;s\n  paper</p>"
        "<ul><li>One<li>Two</ul>x<br>y"
    )
    assert text.splitlines() == ["Jump to Content", "A & B\u2019s paper", "One", "Two", "x", "y"]
    assert origins == [1, 2, 3, 3, 3, 3]


def test_inline_css_does_not_make_a_page_look_like_bibtex():
    html = "<!DOCTYPE html>\n<html><style>\n@media (max-width: 600px) {\n}\n</style></html>"
    assert detect_format(html, "page.html") == "html"


def test_problems_point_at_html_lines():
    cut = read(SAVED).replace(">View details</a>", "></a>", 1)  # the first abstract, cut
    problems = read_html(cut, "cut.html").problems
    assert [(p.kind, p.line) for p in problems] == [("truncated-abstract", 41)]
    assert "Preview abstract" in cut.splitlines()[40]


def test_other_html_pages_are_refused():
    with pytest.raises(InputError, match="not a Google Research people page"):
        read_text("<!DOCTYPE html><html><body><p>A blog</p></body></html>", "blog.html")


def test_the_summary_counts_a_saved_html_page_as_an_author_page():
    inputs = [
        read_text(read(DATA / "html" / "beyer_saved.html"), "beyer.html"),
        read_text(read(EXAMPLES / "000_0b40a0d7e21e786a.txt"), "kolesnikov.txt"),
        read_text("@article{a, title={A Study}, author={Ann Smith}, year=2020}\n", "refs.bib"),
    ]
    rows = dict(summary_rows(run(inputs)))
    assert rows["inputs read"] == "3 (2 author pages)"
    one = [read_text(read(DATA / "html" / "beyer_saved.html"), "beyer.html")]
    assert dict(summary_rows(run(one)))["inputs read"] == "1 (1 author page)"
