"""Several author pages in one input (`cat pages/*.txt | pubdedup merge -`): each page keeps its
own owner, and records keep the indices and lines of the whole input."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pubdedup.cli import main
from pubdedup.readers import read_text
from pubdedup.readers.html import read_html
from pubdedup.readers.page import read_page
from tests import strategies as gen
from tests.conftest import DATA, EXAMPLES, read

KOLESNIKOV = EXAMPLES / "000_0b40a0d7e21e786a.txt"  # 13 entries, no newline after its last line
BEYER = EXAMPLES / "004_fa9fe8a296857bdd.txt"  # 14 entries
# Two pages generated and read three times: a third of the reader properties' examples.
TWO_PAGES = settings(max_examples=max(10, settings.default.max_examples // 3))
SEPARATORS = {"cat": "", "blank-line": "\n", "two-blank-lines": "\n\n"}


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(map(str, args)), input=input)


def papers(result) -> list[dict]:
    """The papers of a JSON output, without what tells inputs apart (file, line, index)."""
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)["papers"]
    for paper in out:
        paper["sources"] = sorted((s["owner"], s["truncated"]) for s in paper["sources"])
        for link in paper["links"]:
            link["a"] = link["b"] = None
        paper["links"].sort(key=json.dumps)
    return out


def lines_of(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_merge_of_concatenated_pages_is_the_merge_of_the_pages(separator):
    piped = read(KOLESNIKOV) + separator + read(BEYER)
    alone = papers(invoke("merge", KOLESNIKOV, BEYER, "-f", "json"))
    assert papers(invoke("merge", "-", "-f", "json", input=piped)) == alone
    multiclass = next(p for p in alone if p["title"].startswith("Deep Multiclass Learning"))
    assert "Alexander Kolesnikov" not in multiclass["authors"]  # the bug: it was credited to him


def test_concatenated_pages_with_final_newlines_merge_as_the_pages():
    piped = read(KOLESNIKOV) + "\n" + read(BEYER) + "\n"
    alone = papers(invoke("merge", KOLESNIKOV, BEYER, "-f", "json"))
    assert papers(invoke("merge", "-", "-f", "json", "--strict", input=piped)) == alone


@pytest.mark.parametrize("separator", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_each_page_gives_its_records_its_owner_at_lines_of_the_whole_input(separator):
    first, second = read(KOLESNIKOV), read(BEYER)
    parsed = read_text(first + separator + second, "-")
    assert (parsed.format, parsed.problems) == ("page", [])
    assert parsed.owner == "Alexander Kolesnikov; Lucas Beyer"
    owners = [r.source.owner for r in parsed.records]
    assert owners == ["Alexander Kolesnikov"] * 13 + ["Lucas Beyer"] * 14
    assert [r.source.index for r in parsed.records] == list(range(27))
    alone = read_text(second, "beyer.txt").records
    offset = len(lines_of(first + separator)) - 1  # the line Beyer's page starts on, minus 1
    assert [r.source.line for r in parsed.records[13:]] == [r.source.line + offset for r in alone]
    whole = lines_of(first + separator + second)
    for record in parsed.records:
        assert (record.title or "Preview abstract") in whole[record.source.line - 1]
    assert [(r.title, r.authors, r.abstract) for r in parsed.records[13:]] == [
        (r.title, r.authors, r.abstract) for r in alone
    ]


def test_parse_shows_both_owners():
    piped = read(KOLESNIKOV) + read(BEYER)
    result = invoke("parse", "-", input=piped)
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith(
        "== -: page, owner Alexander Kolesnikov; Lucas Beyer, 27 records, 0 problems"
    )
    assert "No Results Found" not in result.stdout  # no entry made of Beyer's header


def test_a_page_concatenated_with_itself_gives_its_records_twice_which_merge():
    page = read(BEYER)
    parsed = read_text(page + page, "-")
    assert [r.source.owner for r in parsed.records] == ["Lucas Beyer"] * 28
    assert [r.source.index for r in parsed.records] == list(range(28))
    strip = [(r.title, r.authors, r.year, r.abstract) for r in parsed.records]
    assert strip[:14] == strip[14:]
    once = papers(invoke("merge", BEYER, "-f", "json"))
    twice = papers(invoke("merge", "-", "-f", "json", input=page + page))
    assert [p["key"] for p in twice] == [p["key"] for p in once]
    assert [p["authors"] for p in twice] == [p["authors"] for p in once]
    assert all(len(p["sources"]) == 2 * len(q["sources"]) for p, q in zip(twice, once, strict=True))


def test_owner_option_names_the_first_pages_owner_only():
    headerless = read(DATA / "pages" / "no_header.txt")
    parsed = read_page(headerless + "\n" + read(BEYER), "-", owner="Ada Lovelace")
    assert parsed.owner == "Ada Lovelace; Lucas Beyer" and parsed.problems == []
    assert {r.source.owner for r in parsed.records[:2]} == {"Ada Lovelace"}
    assert {r.source.owner for r in parsed.records[2:]} == {"Lucas Beyer"}


@pytest.mark.parametrize("separator", ["", "\n"], ids=["glued", "own-line"])
def test_a_headerless_page_after_the_end_marker_is_not_the_first_owners(separator):
    headerless = read(DATA / "pages" / "no_header.txt")
    parsed = read_page(read(KOLESNIKOV) + separator + headerless, "-")
    assert parsed.owner == "Alexander Kolesnikov; (no owner)"
    assert [r.source.owner for r in parsed.records[13:]] == [None, None]
    assert parsed.records[13].abstract.startswith("A page copied without its header")
    (problem,) = parsed.problems
    assert (problem.kind, problem.line) == ("no-owner", 35 + len(separator))
    assert "page 2 of this input" in problem.message and "--owner FILE=NAME" in problem.message


def test_a_header_without_jump_to_content_starts_a_page():
    first = read(KOLESNIKOV).replace("No Results Found", "")  # no end marker either
    second = read(BEYER).replace("Jump to Content\n", "")
    parsed = read_page(first + "\n" + second, "-")
    assert parsed.owner == "Alexander Kolesnikov; Lucas Beyer" and parsed.problems == []
    assert [r.source.owner for r in parsed.records] == ["Alexander Kolesnikov"] * 13 + [
        "Lucas Beyer"
    ] * 14


def test_a_section_heading_naming_no_one_does_not_start_a_page():
    kubric = "    Kubric: A scalable"
    text = read(BEYER).replace(kubric, "Other Publications\n" + kubric)
    parsed = read_page(text, "beyer.txt")
    assert parsed.owner == "Lucas Beyer" and len(parsed.records) == 14


def test_a_title_starting_like_the_end_marker_starts_no_page():
    text = read(BEYER).replace("Kubric: A scalable", "No Results Found: a study of")
    parsed = read_page(text, "beyer.txt")
    assert parsed.owner == "Lucas Beyer" and len(parsed.records) == 14
    assert parsed.records[6].title == "No Results Found: a study of dataset generator"


def test_jump_to_content_twice_in_a_header_starts_one_page():
    parsed = read_page("Jump to Content\nJump to Content\n" + read(BEYER), "beyer.txt")
    assert parsed.owner == "Lucas Beyer" and parsed.problems == []


def test_a_page_cut_off_before_the_next_page_is_reported_there():
    cut = "\n".join(read(BEYER).splitlines()[:22]) + "\n    Dmitry La"  # mid-name, no newline
    parsed = read_page(cut + read(KOLESNIKOV), "-")
    assert parsed.owner == "Lucas Beyer; Alexander Kolesnikov"
    assert [(p.kind, p.line) for p in parsed.problems] == [("cut-off-entry", 20)]
    assert "'Dmitry La' dropped" in parsed.problems[0].message
    assert parsed.records[7].source.owner == "Alexander Kolesnikov"


def test_a_page_without_entries_among_others_is_reported_with_its_line():
    empty = "Jump to Content\nGrace Hopper\nAuthored Publications\nNo Results Found\n"
    parsed = read_page(read(BEYER) + "\n" + empty, "-")
    assert parsed.owner == "Lucas Beyer; Grace Hopper" and len(parsed.records) == 14
    jump = len(lines_of(read(BEYER) + "\n"))
    assert [(p.kind, p.line, p.message) for p in parsed.problems] == [
        ("no-entries", jump, "no publication entries found in page 2 of this input")
    ]


def test_a_single_page_is_read_as_one_page():
    for path in [KOLESNIKOV, BEYER, *sorted((DATA / "pages").glob("*.txt"))]:
        parsed = read_page(read(path), path.name)
        assert "; " not in (parsed.owner or "") and "page 1" not in str(parsed.problems), path


def test_concatenated_saved_html_pages_keep_their_owners_and_html_lines():
    beyer = read(DATA / "html" / "beyer_saved.html")
    other = beyer.replace("Lucas Beyer", "Ada Lovelace")
    html = beyer + other
    parsed = read_html(html, "pages.html")
    assert parsed.owner == "Lucas Beyer; Ada Lovelace" and parsed.problems == []
    owners = [r.source.owner for r in parsed.records]
    assert owners == ["Lucas Beyer"] * 14 + ["Ada Lovelace"] * 14
    source = html.splitlines()
    for record in parsed.records:
        assert (record.title or "Preview abstract") in source[record.source.line - 1]


@TWO_PAGES
@given(gen.pages(), gen.pages(), st.sampled_from(list(SEPARATORS.values())))
def test_concatenated_generated_pages_read_as_the_pages(first, second, separator):
    starts_page = second.text.lstrip("\ufeff").startswith("Jump to Content")
    assume(second.owner and (starts_page or first.text.rstrip().endswith("No Results Found")))
    joined = first.text + separator + second.text
    alone = [read_page(first.text, "-").records, read_page(second.text, "-").records]
    result = read_page(joined, "-")
    offset = len(re.findall(r"\r\n|\r|\n", first.text + separator))
    expected = [(r.title, r.authors, r.venue, r.year, r.abstract, r.truncated) for r in alone[0]]
    expected += [(r.title, r.authors, r.venue, r.year, r.abstract, r.truncated) for r in alone[1]]
    got = [(r.title, r.authors, r.venue, r.year, r.abstract, r.truncated) for r in result.records]
    assert got == expected
    lines = [r.source.line for r in alone[0]] + [r.source.line + offset for r in alone[1]]
    assert [r.source.line for r in result.records] == lines
    owners = [first.owner] * len(alone[0]) + [second.owner] * len(alone[1])
    assert [r.source.owner for r in result.records] == owners


def test_pages_piped_together_match_as_the_pages_given_apart():
    # Zhai's MLP-Mixer entry has only a title, the seed pages' copies only an abstract: the
    # matcher joins such a pair only across pages, which piped pages still are.
    paths = [KOLESNIKOV, BEYER, DATA / "pages" / "zhai_edited.txt"]
    piped = "\n".join(read(path) for path in paths)
    alone = papers(invoke("merge", *paths, "-f", "json", "-q"))
    assert papers(invoke("merge", "-", "-f", "json", "-q", input=piped)) == alone


def test_a_short_title_on_several_piped_pages_is_no_recurring_column(tmp_path):
    # Three copies of a short title in two years within one list read as a recurring column
    # (`Editorial`); on three pages they are copies of one paper, piped together or not.
    paths = []
    for owner, venue in [("Ada Lovelace", "arXiv (2020)"), ("Grace Hopper", "arXiv (2020)"),
                         ("Alan Turing", "(2021)")]:  # fmt: skip
        path = tmp_path / f"{owner.split()[0]}.txt"
        path.write_text(
            f"Jump to Content\n{owner}\nAuthored Publications\n    Sparse Sets of Learned"
            f" Features\n    Emmy Noether\n    Carl Gauss\n    {venue}\nNo Results Found\n"
        )
        paths.append(path)
    alone = papers(invoke("merge", *paths, "-f", "json"))
    assert len(alone) == 1
    piped = "".join(path.read_text() for path in paths)
    assert papers(invoke("merge", "-", "-f", "json", input=piped)) == alone


def test_a_first_file_of_only_the_end_marker_glued_to_a_page_names_no_owner():
    # `cat` of a file holding only `No Results Found` (no final newline) and a page whose header
    # has no `Jump to Content`: the owner was `No Results FoundLucas Beyer` (found by hypothesis).
    text = "No Results FoundLucas Beyer\nAuthored Publications\nPreview abstract Retrieval tasks"
    result = read_page(text, "-")
    assert [(r.source.owner, r.source.line) for r in result.records] == [("Lucas Beyer", 3)]


def test_a_first_file_of_one_entry_glued_to_the_next_page_is_split_at_the_glue():
    # `cat` of a headerless page of one line (no final newline) and a page: its entry read
    # `… View detailsJump to Content`, its abstract as cut off (found by hypothesis).
    first = "Preview abstract Retrieval tasks robust detection tasks. View details"
    second = "Jump to Content\nLucas Beyer\nAuthored Publications\nPreview abstract Scaling laws."
    result = read_page(first + second, "-")
    got = [(r.abstract, r.truncated, r.source.owner, r.source.line) for r in result.records]
    assert got == [
        ("Retrieval tasks robust detection tasks.", False, None, 1),
        ("Scaling laws.", True, "Lucas Beyer", 4),
    ]


FOOTER = "Follow us\nAbout Google\nGoogle Products\nPrivacy\nTerms\nHelp\nSubmit feedback"
LINK_LIST = "References\n\n   1. https://research.google/\n   2. https://research.google/pubs/pub1/"
# Links whose address holds a year-like number, which read as a venue/year line made the list
# a page of its own (`no-owner`, `no-entries`).
LINKS_WITH_YEARS = (
    LINK_LIST
    + "\n   3. https://arxiv.org/abs/2010.11929\n   4. https://doi.org/10.1109/CVPR.2021.00123"
)


@pytest.mark.parametrize(
    "trailer",
    [
        FOOTER,
        FOOTER + "\n",
        "\n" + LINK_LIST + "\n",
        "\n" + LINKS_WITH_YEARS + "\n",
        FOOTER + "\n© 2024 Google LLC\n",  # a copyright line's year is no venue's
        "Load more\n\n" + FOOTER + "\n",  # the button below the list, then the footer
    ],
)
def test_a_site_footer_after_the_end_marker_is_no_page(trailer):
    # A copy of the whole page (select all) ends with the site's footer, a `lynx -dump` with
    # its list of links: read as a second page, named `About Google`, without entries.
    parsed = read_page(read(BEYER) + "\n" + trailer, "beyer.txt")
    assert (parsed.owner, parsed.problems) == ("Lucas Beyer", [])
    assert parsed.records == read_page(read(BEYER), "beyer.txt").records


def test_a_footer_between_pages_is_left_out():
    piped = read(BEYER) + "\n" + FOOTER + "\n" + read(KOLESNIKOV)
    parsed = read_page(piped, "-")
    assert (parsed.owner, parsed.problems) == ("Lucas Beyer; Alexander Kolesnikov", [])
    assert len(parsed.records) == 27


BANNER = (
    "Skip to main content\nWe use cookies to deliver and enhance the quality of its services"
    " and to analyze traffic.\nOK, got it\nGoogle Research\nHome\nResearch\nPeople\nCareers\n"
)


def test_browser_chrome_above_the_first_jump_to_content_is_no_page():
    # A select-all copy with the cookie banner and menu above the page: read as a first page,
    # it gave 'no page owner found' and 'no publication entries found in page 1', and
    # `--owner` named that page's owner, not the real page's.
    parsed = read_page(BANNER + read(BEYER), "beyer.txt", owner="L. Beyer")
    assert (parsed.owner, parsed.problems) == ("L. Beyer", [])
    alone = read_page(read(BEYER), "beyer.txt", owner="L. Beyer").records
    assert [r.title for r in parsed.records] == [r.title for r in alone]
    assert [r.source.line for r in parsed.records] == [r.source.line + 8 for r in alone]


def test_a_first_page_with_entries_before_jump_to_content_is_kept():
    parsed = read_page(read(KOLESNIKOV) + "\n" + read(BEYER), "-")
    assert parsed.owner == "Alexander Kolesnikov; Lucas Beyer" and len(parsed.records) == 27
