"""Runs day after day: yesterday's JSON output merged with today's sources, and `--into` a
library, settle on unchanged sources (run N+1 writes what run N wrote) and follow a source
that changed."""

from __future__ import annotations

import json

import bibtexparser
import pytest
from click.testing import CliRunner

from pubdedup.cli import main
from pubdedup.config import MatchConfig
from pubdedup.features import features_of
from pubdedup.model import Record, Source
from pubdedup.pipeline import run
from pubdedup.readers import ParsedInput
from pubdedup.readers.json_in import read_pubdedup_json
from pubdedup.score import compare
from pubdedup.writers.json_out import write_json
from tests.conftest import DATA


def invoke(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def day(tmp_path, *sources):
    """One day's `merge [out.json] SOURCES... -f json -o out.json` (out.json once it exists):
    its text."""
    out = tmp_path / "out.json"
    earlier = [out] if out.exists() else []
    result = invoke("merge", "-q", *earlier, *sources, "-f", "json", "-o", out)
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


def entries(text):
    """The keys of a BibTeX text's entries."""
    return [entry.key for entry in bibtexparser.parse_string(text).entries]


def into(tmp_path, *sources):
    """One day's `merge --into lib.bib SOURCES...`: the library's text."""
    library = tmp_path / "lib.bib"
    result = invoke("merge", "-q", "--into", library, *sources)
    assert result.exit_code == 0, result.stderr
    return library.read_text(encoding="utf-8")


# A row with nothing but its id and an issue: no title, abstract, year, person or venue.
BLANK_ROW = "id,title,year,number\nr1,,,20/04/2012\nr2,Graph kernels for widgets,2020,3\n"


def test_a_record_with_nothing_but_its_id_settles_in_a_json_loop(tmp_path):
    """Only its name (file and id) finds such a record again: yesterday's paper of it, matched
    by nothing else, stayed beside the record's new paper, one more copy every day."""
    rows = tmp_path / "rows.csv"
    rows.write_text(BLANK_ROW, encoding="utf-8")
    outputs = [day(tmp_path, rows) for _ in range(4)]
    assert len(json.loads(outputs[-1])["papers"]) == 2
    assert outputs[2] == outputs[3]


def test_a_record_with_nothing_but_its_id_is_not_appended_to_a_library_again(tmp_path):
    rows = tmp_path / "rows.csv"
    rows.write_text(BLANK_ROW, encoding="utf-8")
    first = into(tmp_path, rows)
    assert into(tmp_path, rows) == first
    assert first.count("@") == 2 and "pubdedup-sources = {rows.csv:r1}" in first


@pytest.mark.parametrize(
    "authors",
    ["Bunn, Paul A.; Jr.", "Smith, Ann; ?; ?", "RARE WG-MSG Task Force 88"],
    ids=["suffix-alone", "question-marks", "group-ending-in-a-number"],
)
def test_an_author_without_a_surname_is_not_added_again_every_day(tmp_path, authors):
    rows = tmp_path / "rows.csv"
    rows.write_text(f'id,title,year,authors\n1,Graph kernels,2020,"{authors}"\n', "utf-8")
    outputs = [day(tmp_path, rows) for _ in range(3)]
    (first,), (last,) = (json.loads(out)["papers"] for out in (outputs[0], outputs[2]))
    assert last["authors"] == first["authors"]
    assert outputs[1] == outputs[2]


ENTRY = """@article{smith2020deep, title={Deep Learning for Widgets}, author={Smith, John and Doe,
 Jane}, journal={Journal of Widgets}, year={2020}, volume={3}, pages={1--10}, doi={%s}}
"""


@pytest.mark.parametrize("corrected", ["10.1000/aaa.123", "10.1000/zzz.124"])
def test_a_doi_corrected_in_a_source_replaces_yesterdays(tmp_path, corrected):
    """Yesterday's paper and its corrected record were two votes for two DOIs: the tie went to
    the DOI that sorts last, so half of all corrections were lost for good."""
    bib = tmp_path / "a.bib"
    bib.write_text(ENTRY % "10.1000/zzz.123", encoding="utf-8")
    day(tmp_path, bib)
    bib.write_text(ENTRY % corrected, encoding="utf-8")
    for _ in range(2):
        (paper,) = json.loads(day(tmp_path, bib))["papers"]
        assert paper["doi"] == corrected


def test_a_title_corrected_in_a_source_replaces_yesterdays(tmp_path):
    bib = tmp_path / "a.bib"
    bib.write_text((ENTRY % "10.1000/x").replace("Widgets}", "Wigdets}", 1), encoding="utf-8")
    day(tmp_path, bib)
    bib.write_text(ENTRY % "10.1000/x", encoding="utf-8")
    (paper,) = json.loads(day(tmp_path, bib))["papers"]
    assert paper["title"] == "Deep Learning for Widgets"


def test_yesterdays_paper_keeps_what_a_source_no_longer_given_said(tmp_path):
    """The BibTeX export that gave the published venue, DOI and type is gone today; the page's
    preprint copy remains: yesterday's paper stays the published version."""
    bib, page = tmp_path / "a.bib", tmp_path / "b.csv"
    bib.write_text(ENTRY % "10.1000/x", encoding="utf-8")
    page.write_text(
        "id,title,authors,year,venue\n7,Deep Learning for Widgets,John Smith; Jane Doe,2019,"
        "arXiv preprint arXiv:1912.00001\n",
        encoding="utf-8",
    )
    (both,) = json.loads(day(tmp_path, bib, page))["papers"]
    (paper,) = json.loads(day(tmp_path, page))["papers"]
    for field in ("type", "venue", "year", "doi", "volume", "pages", "arxiv"):
        assert paper[field] == both[field], field


# One page listing a workshop paper and its conference version under one title: two works.
TWO_VERSIONS_PAGE = """Ada Lovelace

Authored Publications
    Scaling of scaling
    Ada Lovelace
    Charles Babbage
    NeurIPS Workshop (2015)
    Scaling of scaling
    Ada Lovelace
    Charles Babbage
    NeurIPS (2016)
"""


def test_entries_of_two_versions_on_one_page_stay_apart_run_after_run(tmp_path):
    """Read back as BibTeX (complete author lists) the two entries scored as one paper, where
    the page's entries did not: each run merged the entries (the second key into `ids`), the
    next added the conference paper again under a new key."""
    page = tmp_path / "page.txt"
    page.write_text(TWO_VERSIONS_PAGE, encoding="utf-8")
    first = into(tmp_path, page)
    assert sorted(entries(first)) == ["lovelace2015scaling", "lovelace2016scaling"]
    for _ in range(2):
        assert into(tmp_path, page) == first
    check = invoke("merge", "--check", "--into", tmp_path / "lib.bib", page)
    assert check.exit_code == 0, check.stderr


def test_an_entry_built_from_pages_alone_settles_beside_a_database_copy(tmp_path):
    """A page lists some of a paper's authors, and pubdedup writes them as a plain list: read
    back as complete, the entry scored higher against the database's complete list than its
    page record had, and the second run merged what the first had left a maybe."""
    page = tmp_path / "houlsby.txt"
    page.write_text(COAUTHOR_PAGE, encoding="utf-8")
    export = tmp_path / "dblp.bib"
    export.write_text(CORR_EXPORT, encoding="utf-8")
    first = into(tmp_path, page, export)
    assert sorted(entries(first)) == ["zhai2021scaling", "zhai2022scaling"]
    for _ in range(2):
        assert into(tmp_path, page, export) == first
    check = invoke("merge", "--check", "--into", tmp_path / "lib.bib", page, export)
    assert check.exit_code == 0, check.stderr


COAUTHOR_PAGE = """Jump to Content
Neil Houlsby

Neil Houlsby

Authored Publications
Sort By
  • Title
  • Year, descending
    Scaling Vision Transformers
    Xiaohua Zhai
    Alexander Kolesnikov
    Lucas Beyer
    Conference on Computer Vision and Pattern Recognition (2022)
    Preview abstract Attention-based neural networks such as the Vision Transformer (ViT)\
 recently attained state-of-the-art results on many computer vision benchmarks. View details
    No Results Found
"""

CORR_EXPORT = """@article{DBLP:journals/corr/abs-2106-04560,
  author       = {Xiaohua Zhai and Alexander Kolesnikov and Neil Houlsby and Lucas Beyer},
  title        = {Scaling Vision Transformers},
  journal      = {CoRR},
  volume       = {abs/2106.04560},
  year         = {2021},
  eprinttype    = {arXiv},
  eprint       = {2106.04560},
}
"""


def test_a_copy_pasted_into_a_library_is_merged_and_adds_no_entries(tmp_path):
    """A copy of an entry pasted in (without `pubdedup-sources`) is merged into it. With it
    the library held a short title three times in several years, a column's title: each run
    found the page's entries no longer the same papers as their entries, and added them
    again, two entries more every run."""
    page = tmp_path / "page.txt"
    page.write_text(TWO_VERSIONS_PAGE.replace("(2015)", "(2013)"), encoding="utf-8")
    library = tmp_path / "lib.bib"
    first = into(tmp_path, page)
    start = first.index("@inproceedings{lovelace2016")
    copy = first[start:].replace("lovelace2016", "copy2016")
    library.write_text(first + "\n" + copy.replace("  pubdedup-sources = {page.txt}\n", ""))
    merged = into(tmp_path, page)
    assert entries(merged) == ["lovelace2013scaling", "lovelace2016scaling"]
    assert "ids = {copy2016scaling}" in merged
    assert into(tmp_path, page) == merged


# A column's title on one page in three years: three works, which no title alone tells apart.
COLUMN_PAGE = """Ada Lovelace

Authored Publications
    Editorial
    Ada Lovelace
    Journal of Engines (2015)
    Editorial
    Ada Lovelace
    Journal of Engines (2016)
    Editorial
    Ada Lovelace
    Journal of Engines (2017)
"""


def test_a_columns_entries_on_a_page_settle_in_a_library_and_a_json_loop(tmp_path):
    """A page lists its records by the file alone; a column's title was no match for its own
    entries (nor yesterday's papers), so each run added the three again. Only the copy of an
    entry (title, year, people, nothing else differing) is its record."""
    page = tmp_path / "page.txt"
    page.write_text(COLUMN_PAGE, encoding="utf-8")
    first = into(tmp_path, page)
    assert entries(first) == [
        "lovelace2015editorial",
        "lovelace2016editorial",
        "lovelace2017editorial",
    ]
    assert into(tmp_path, page) == first
    outputs = [day(tmp_path, page) for _ in range(3)]
    assert len(json.loads(outputs[-1])["papers"]) == 3
    assert outputs[1] == outputs[2]


def test_a_page_that_gains_an_entry_above_a_columns_adds_it_alone(tmp_path):
    """Each entry of a column finds its own record by year, wherever the page lists it now."""
    page = tmp_path / "page.txt"
    page.write_text(COLUMN_PAGE, encoding="utf-8")
    first = into(tmp_path, page)
    new = "    Editorial\n    Ada Lovelace\n    Journal of Engines (2018)\n"
    page.write_text(COLUMN_PAGE.replace("Publications\n", "Publications\n" + new), "utf-8")
    second = into(tmp_path, page)
    assert second.startswith(first.rstrip())
    assert entries(second)[3:] == ["lovelace2018editorial"]
    assert into(tmp_path, page) == second


def test_an_untitled_page_entry_with_a_short_abstract_settles(tmp_path):
    """Too short an abstract to match by, no title to list it by: its copy of the abstract is
    what tells the entry's (or yesterday's paper's) record; each run added it again."""
    page = tmp_path / "page.txt"
    page.write_text(
        "Ada Lovelace\n\nAuthored Publications\n"
        "    Preview abstract We study graphs of engines. View details\n",
        encoding="utf-8",
    )
    first = into(tmp_path, page)
    assert into(tmp_path, page) == first and len(entries(first)) == 1
    outputs = [day(tmp_path, page) for _ in range(3)]
    assert len(json.loads(outputs[-1])["papers"]) == 1
    assert outputs[1] == outputs[2]


def test_a_row_with_an_abstract_alone_settles(tmp_path):
    """No title, people or venue; an abstract too short to match: listed by its id, its own
    abstract is what tells it is still the row; each run added a copy of it."""
    rows = tmp_path / "rows.csv"
    rows.write_text("id,abstract,year\nr1,We study graphs of engines.,2015\n", encoding="utf-8")
    first = into(tmp_path, rows)
    assert into(tmp_path, rows) == first and len(entries(first)) == 1
    outputs = [day(tmp_path, rows) for _ in range(3)]
    assert len(json.loads(outputs[-1])["papers"]) == 1
    assert outputs[1] == outputs[2]


def loop(records, runs=3):
    """A plain run over a page of these records, then `runs` runs over the same page and the
    previous run's JSON output: each run's JSON text."""
    inputs = [ParsedInput("a.txt", "page", records)]
    outputs = [write_json(run(inputs))]
    for _ in range(runs):
        earlier = read_pubdedup_json(outputs[-1], "out.json").records
        outputs.append(write_json(run([*inputs, ParsedInput("out.json", "json", earlier)])))
    return outputs


def groups(output):
    """Each paper of a JSON output as the (file, index) of its records but yesterday's."""
    papers = json.loads(output)["papers"]
    return sorted(
        sorted((s["file"], s["index"]) for s in p["sources"] if s["file"] != "out.json")
        for p in papers
    )


def page_entry(index, title, year, **fields):
    return Record(
        Source("a.txt", index, index * 7 + 1, None, "Ada Lovelace"), title, **fields, year=year
    )


def test_yesterdays_paper_keeps_a_record_its_merged_values_would_veto(tmp_path):
    """Four copies of a paper on one page, joined in a chain: the untitled 2014 copy through
    its abstract, the 2016 one through its title. Yesterday's paper took 2016 as its year, two
    years from the untitled copy's: the veto split that copy off, and the next run joined the
    two papers again through the records, the one after split them, and so on."""
    title, abstract = "Scaling of scaling, Part II", "Graph representations of language. " * 2
    common = {"venue": "NeurIPS", "arxiv": "2106.01000"}
    records = [
        page_entry(0, None, 2014, abstract=abstract, volume="3", **common),
        page_entry(1, title, 2016, venue="NeurIPS", volume="3"),
        page_entry(2, "caling of scaling, Part II", 2015, abstract=abstract, volume="4", **common),
        page_entry(3, title, 2015, abstract=abstract, volume="3", **common),
    ]
    outputs = loop(records)
    assert groups(outputs[1]) == groups(outputs[0])
    assert outputs[2] == outputs[3]


def test_a_year_corrected_on_a_page_settles_with_the_old_entry_kept(tmp_path):
    """The page's 2013 workshop paper now says 2014, no copy of its entry: the record gets an
    entry of its own, and the old entry, standing for no record now, kept `{}`; read back as
    a person's entry, it took the new one in (the key into `ids`), and the next run added the
    record again under a new key: one more alias every other run. It keeps its list now."""
    page = tmp_path / "page.txt"
    page.write_text(TWO_VERSIONS_PAGE.replace("(2015)", "(2013)"), encoding="utf-8")
    into(tmp_path, page)
    page.write_text(TWO_VERSIONS_PAGE.replace("(2015)", "(2014)"), encoding="utf-8")
    corrected = into(tmp_path, page)
    assert entries(corrected) == [
        "lovelace2013scaling",
        "lovelace2016scaling",
        "lovelace2014scaling",
    ]
    assert "pubdedup-sources = {}" not in corrected
    assert into(tmp_path, page) == corrected


def test_an_abstract_noted_as_cut_off_keeps_its_note_on_the_next_run(tmp_path):
    """Read back, the entry's abstract was taken as whole: the next run dropped pubdedup's note
    that it is cut off, so the second run over unchanged inputs changed the library."""
    page = DATA / "pages" / "zhai_edited.txt"
    first = into(tmp_path, page)
    assert "Abstract cut off on the source page" in first
    assert into(tmp_path, page) == first


def test_two_papers_of_one_title_and_year_on_a_page_keep_their_entries(tmp_path):
    """A page's two papers of one title in one year, told apart by their abstracts: each entry
    was a copy of both records by title, year and people, and the second run merged them."""
    abstracts = (
        "Attention-based neural networks such as the Vision Transformer have attained excellent"
        " results on many computer vision benchmarks; we scale models and data up and down and"
        " characterise the relation between error rate, data and compute.",
        "Laws that predict the loss of language models from their size are well studied; we ask"
        " whether such laws hold for the training of models on images and video, and where they"
        " break down when the data are curated or repeated many times.",
    )
    entry = "    Scaling of scaling\n    Ada Lovelace\n    NeurIPS (2016)\n"
    page = tmp_path / "page.txt"
    page.write_text(
        "Ada Lovelace\n\nAuthored Publications\n"
        + "".join(f"{entry}    Preview abstract {a} View details\n" for a in abstracts),
        encoding="utf-8",
    )
    first = into(tmp_path, page)
    assert len(entries(first)) == 2
    assert into(tmp_path, page) == first


@pytest.mark.parametrize(
    "venue, abstract, listed",
    [
        ("arXiv", None, True),
        (None, None, False),  # the page's other entry of that title, without the venue
        ("arXiv", "Another paper's abstract, of that title.", False),
    ],
)
def test_a_page_record_is_its_entrys_copy_only_with_the_same_venue_and_abstract(
    venue, abstract, listed
):
    """An entry listing its page alone is the paper of a record only when that record is its
    copy; else two entries of one title (one page's preprint and its other entry) each took
    both records, and the next run merged them."""
    title = "S4L: Self-supervised semi-supervised learning"
    entry = Record(
        Source("lib.bib", 0, 1, "muller2020s4l"),
        title=title,
        authors=("Ada Müller",),
        venue="arXiv",
        extra=(("pubdedup-sources", "a.txt"),),
        authors_complete=True,
    )
    record = Record(
        Source("a.txt", 1, 8, None, "Ada Müller"), title=title, venue=venue, abstract=abstract
    )
    rule = compare(features_of(entry), features_of(record), MatchConfig()).rule
    assert (rule == "listed-source") is listed


def test_two_copies_of_a_columns_title_in_one_year_keep_their_two_entries(tmp_path):
    """Two editorials of one year, alike on the page: each entry was the copy of both records,
    and the second run merged the entries (the second key into `ids`). They pair off."""
    page = tmp_path / "page.txt"
    page.write_text(COLUMN_PAGE.replace("(2016)", "(2015)"), encoding="utf-8")
    first = into(tmp_path, page)
    assert len(entries(first)) == 3
    assert into(tmp_path, page) == first
    outputs = [day(tmp_path, page) for _ in range(3)]
    assert outputs[1] == outputs[2] and len(json.loads(outputs[2])["papers"]) == 3


def test_an_entrys_values_do_not_part_it_from_a_record_it_lists(tmp_path):
    """The rows of one paper as joined in a chain (the untitled 2014 row through its abstract,
    the 2016 one through its title): the entry took 2016 as its year, two years from the
    untitled row's, and that veto split the row off on the next run; the run after merged its
    new entry back (a key into `ids`), and so on."""
    abstract = "Graph representations of language. Graph representations of language."
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "id,title,year,venue,abstract,arxiv,volume,authors\n"
        f"0,,2014,NeurIPS,{abstract},2106.01000,3,Lucas Beyer\n"
        '1,"Scaling of scaling, Part II",2016,NeurIPS,,,3,Lucas Beyer\n'
        f'2,"caling of scaling, Part II",2015,NeurIPS,{abstract},2106.01000,4,Lucas Beyer\n'
        f'3,"Scaling of scaling, Part II",2015,NeurIPS,{abstract},2106.01000,3,Lucas Beyer\n',
        encoding="utf-8",
    )
    first = into(tmp_path, rows)
    for _ in range(2):
        assert into(tmp_path, rows) == first


def test_a_link_yesterdays_merged_values_make_does_not_break_yesterdays_paper(tmp_path):
    """Yesterday's paper of rows 0 and 3 took row 3's pages, which row 4 shares: that link,
    stronger than row 0's own to row 3, took row 3 first, and row 0 (other pages than row 4's)
    was split off. The links among the records one earlier paper lists now go first."""
    title, typo = "Scaling of vision, Part II", "caling of vision, Part II"
    longer = ": Scaling of scaling, Part II"
    records = [
        page_entry(0, title, 2015, venue="arXiv", pages="1"),
        page_entry(1, title + longer, 2015, venue="arXiv"),
        page_entry(2, typo + longer, 2015, venue="arXiv", pages="12--20"),
        page_entry(3, typo, 2015, pages="12--20"),
        page_entry(4, typo, 2015, venue="arXiv", pages="12--20"),
    ]
    outputs = loop(records)
    assert groups(outputs[0]) == [[("a.txt", 0), ("a.txt", 3)], [("a.txt", k) for k in (1, 2, 4)]]
    assert groups(outputs[1]) == groups(outputs[0])
    assert outputs[2] == outputs[3]


def test_one_command_runs_every_day_from_the_first_when_the_output_is_not_there_yet(tmp_path):
    """`merge out.json pages… -o out.json` failed its first run (out.json: no such file, exit
    4): a cron job needed another command for day one. The output is no input until it is
    there, as `--into` creates its library."""
    out, page = tmp_path / "out.json", DATA / "pages" / "no_header.txt"
    command = ("merge", out, page, "--owner", "Ada Lovelace", "-f", "json", "-o", out)
    first = CliRunner().invoke(main, list(map(str, command)))
    assert first.exit_code == 0, first.stderr
    assert f"{out}: not there yet; this run writes it" in first.stderr
    days = [out.read_text(encoding="utf-8")]
    for _ in range(2):
        assert invoke(*command).exit_code == 0
        days.append(out.read_text(encoding="utf-8"))
    assert days[1] == days[2]  # settled: run N+1 writes what run N wrote
    papers = json.loads(days[0])["papers"]
    assert papers and all(s["file"] == str(page) for p in papers for s in p["sources"])


def test_a_missing_input_that_is_not_the_output_is_still_an_error(tmp_path):
    out = tmp_path / "out.json"
    result = invoke("merge", tmp_path / "other.json", DATA / "pages" / "no_header.txt",
                    "--owner", "Ada Lovelace", "-o", out)  # fmt: skip
    assert result.exit_code == 4 and "other.json" in result.stderr and not out.exists()


def test_the_output_not_there_yet_named_twice_or_through_a_link_is_left_out(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    out = tmp_path / "real" / "out.json"
    page = DATA / "pages" / "no_header.txt"
    names = (tmp_path / "link" / "out.json", tmp_path / "real" / ".." / "real" / "out.json")
    result = invoke("merge", *names, page, "--owner", "Ada Lovelace", "--check", "-o", out)
    assert result.exit_code == 1, result.stderr  # would change: nothing there yet
    assert f"{out}: not there yet; --check writes nothing" in result.stderr
    assert not out.exists()


def test_a_csl_json_output_not_there_yet_named_as_an_input_is_refused(tmp_path):
    """Day one would run and every day after fail: CSL-JSON is read back as nothing."""
    out = tmp_path / "refs.csl.json"
    page = DATA / "pages" / "no_header.txt"
    result = invoke("merge", out, page, "--owner", "Ada Lovelace", "-o", out)
    assert result.exit_code == 2 and "CSL-JSON is never read back" in result.stderr
    assert not out.exists()
