"""Properties of the whole pipeline on generated inputs (hypothesis).

Readers never raise and keep their contract, and read well-formed generated files back exactly;
no record is lost or duplicated; the output re-parses; input order and a second run over the
JSON output change nothing; match scores are symmetric. Strategies: tests/strategies.py.
Example counts: README "Testing" (profiles in tests/conftest.py).
"""

from __future__ import annotations

import html
import json
import random
from collections import Counter

import bibtexparser
import jsonschema
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pubdedup.config import MatchConfig
from pubdedup.errors import InputError
from pubdedup.features import features_of
from pubdedup.model import Record, Source
from pubdedup.pipeline import Result, run
from pubdedup.readers import ParsedInput, read_text
from pubdedup.readers.bibtex import read_bibtex
from pubdedup.readers.csv_in import read_csv
from pubdedup.readers.json_in import read_pubdedup_json
from pubdedup.readers.page import read_page
from pubdedup.readers.ris import read_ris
from pubdedup.schema import output_schema
from pubdedup.score import compare
from pubdedup.writers.bibtex import write_bibtex
from pubdedup.writers.json_out import write_json
from tests import strategies as gen
from tests.contracts import assert_page_contract, assert_reader_contract, lines_of

BASE = settings.default.max_examples  # 300 in the `standard` profile
READERS = settings(max_examples=BASE)
PIPELINE = settings(max_examples=max(10, BASE // 3))
SCHEMA = jsonschema.Draft202012Validator(output_schema())  # built once: validate() is slow
CONFIG = MatchConfig()


# --- readers: any text in, records and problems out -------------------------------------------


@READERS
@given(gen.page_texts)
@example("\x85PREVIEW ABSTRACT")  # was read as line 2 of a one-line text
def test_page_reader_keeps_its_contract_on_any_text(text):
    assert_page_contract(read_page(text, "p.txt"), text, "p.txt")


@READERS
@given(gen.bib_texts)
@example("@misc{k, author = {~ and Smith, J.}}")  # an empty author name (found by fuzzing)
def test_bibtex_reader_keeps_its_contract_on_any_text(text):
    assert_reader_contract(read_bibtex(text, "r.bib"), text, "r.bib")


@READERS
@given(gen.csv_texts)
def test_csv_reader_keeps_its_contract_on_any_text(text):
    try:
        result = read_csv(text, "t.csv")
    except InputError as exc:  # no column it could read a title or identifier from
        assert (exc.file, exc.line) == ("t.csv", 1) and "--map HEADER=title" in str(exc)
        return
    assert_reader_contract(result, text, "t.csv")


@READERS
@given(gen.ris_texts)
@example("")  # raised ValueError
def test_ris_reader_keeps_its_contract_on_any_text(text):
    assert_reader_contract(read_ris(text, "e.ris"), text, "e.ris")


@READERS
@given(gen.json_texts)
@example('{"papers": [{"sources": [null], "authors": null, "title": []}]}')  # raised TypeError
def test_json_reader_keeps_its_contract_on_any_text(text):
    try:
        result = read_pubdedup_json(text, "o.json")
    except InputError as exc:  # no JSON, or no `papers` list: the input cannot be read
        assert exc.file == "o.json" and (exc.line is None or 1 <= exc.line <= lines_of(text))
        return
    assert_reader_contract(result, text, "o.json")


@PIPELINE
@given(
    st.one_of(
        gen.pages().map(lambda p: p.text),
        gen.page_texts,
        gen.bibs().map(lambda b: b.text),
        gen.bib_texts,
        gen.csv_texts,
        gen.ris_texts,
        gen.json_texts,
    ),
    st.sampled_from(["in.txt", "in.bib", "in.csv", "in.ris", "in.json", "in"]),
)
@example('{"papers": [{"type": ":"}]}', "in.json")  # written as `@:{anonuntitled,` and lost
def test_any_text_is_read_merged_and_written_or_refused_with_an_input_error(text, name):
    try:
        parsed = read_text(text, name)
    except InputError:
        return  # an unknown format: a one-line error, exit code 4
    assert_reader_contract(parsed, text, name)
    result = run([parsed])
    assert_no_record_lost(result, parsed.records)
    assert_outputs_reparse(result)


# --- readers: well-formed files are read back exactly -----------------------------------------


@READERS
@given(gen.pages(), st.booleans())
def test_page_reader_finds_every_generated_entry(page, give_owner):
    given_owner = "Given Owner" if give_owner and page.owner is None else None
    result = read_page(page.text, "p.txt", owner=given_owner)
    got = [
        (r.title, r.authors, r.venue, r.year, gen.norm(r.abstract), r.truncated)
        for r in result.records
    ]
    assert got == [e.expected() for e in page.entries]
    assert [r.source.line for r in result.records] == list(page.starts)
    owner = page.owner or given_owner
    assert result.owner == owner and all(r.source.owner == owner for r in result.records)
    expected = Counter(["truncated-abstract"] * sum(not e.complete for e in page.entries))
    expected.update(["no-owner"] * (owner is None) + ["no-entries"] * (not page.entries))
    assert Counter(p.kind for p in result.problems) == expected


@READERS
@given(gen.bibs())
def test_bibtex_reader_finds_every_generated_entry(bib):
    result = read_bibtex(bib.text, "r.bib")
    got = [(r.source.id, r.title, r.authors, r.year, r.venue) for r in result.records]
    assert got == [(e.key, e.title, e.authors, e.year, e.venue) for e in bib.entries]
    assert {p.kind for p in result.problems} <= {"repeated-key"}


@READERS
@given(gen.csv_tables())
def test_csv_reader_finds_every_generated_row(table):
    text, rows = table
    result = read_csv(text, "t.csv")
    assert len(result.records) == len(rows)
    for record, row in zip(result.records, rows, strict=True):
        assert record.title in {gen.norm(html.unescape(cell)) for cell in row}
    # Generated cells are words: a year column of words, ids that repeat, are reported.
    assert {p.kind for p in result.problems} <= {"no-year", "repeated-id"}


@READERS
@given(gen.ris_files())
def test_ris_reader_finds_every_generated_record(ris):
    text, titles = ris
    result = read_ris(text, "e.ris")
    assert [r.title for r in result.records] == titles
    assert result.problems == []


# --- the pipeline: nothing lost, output re-parses, order and reruns change nothing ------------


def inputs_of(records: list[Record]) -> list[ParsedInput]:
    by_file: dict[str, list[Record]] = {}
    for record in records:
        by_file.setdefault(record.source.file, []).append(record)
    return [ParsedInput(f, gen.FILES.get(f, "json"), rs) for f, rs in by_file.items()]


def assert_no_record_lost(result: Result, records: list[Record]) -> None:
    merged = [r for paper in result.papers for r in paper.records]
    assert Counter(merged) == Counter(records)  # each input record in exactly one paper
    keys = [p.key for p in result.papers]
    assert len(set(keys)) == len(keys) and all(keys)


def assert_outputs_reparse(result: Result) -> None:
    library = bibtexparser.parse_string(write_bibtex(result))
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == [p.key for p in result.papers]
    doc = json.loads(write_json(result))
    SCHEMA.validate(doc)
    assert sum(len(p["sources"]) for p in doc["papers"]) == result.record_count


@PIPELINE
@given(gen.record_sets())
def test_every_record_ends_up_in_exactly_one_paper(records):
    assert_no_record_lost(run(inputs_of(records)), records)


@PIPELINE
@given(gen.record_sets())
def test_bibtex_and_json_outputs_reparse(records):
    assert_outputs_reparse(run(inputs_of(records)))


@PIPELINE
@given(gen.record_sets(), st.randoms(use_true_random=False))
def test_output_does_not_depend_on_input_order(records, rnd: random.Random):
    inputs = inputs_of(records)
    shuffled = [
        ParsedInput(p.name, p.format, rnd.sample(p.records, len(p.records))) for p in inputs
    ]
    rnd.shuffle(shuffled)
    first, second = run(inputs), run(shuffled)
    assert write_json(first) == write_json(second)
    assert write_bibtex(first) == write_bibtex(second)


def summary(result: Result) -> list[tuple]:
    return [
        (
            p.key,
            p.entry_type,
            p.title,
            p.title_inferred,
            p.authors,
            p.year,
            p.venue,
            p.abstract,
            p.truncated,
            p.doi,
            p.arxiv,
            p.protected,
            p.braced_names,
            p.fields,
            sorted(r.key for r in p.related),
        )  # fmt: skip
        for p in result.papers
    ]


@PIPELINE
@given(gen.record_sets())
def test_merging_the_json_output_again_changes_nothing(records):
    first = run(inputs_of(records))
    again = read_pubdedup_json(write_json(first), "merged.json")
    assert again.problems == []
    second = run([ParsedInput("merged.json", "json", again.records)])
    assert summary(second) == summary(first)


@PIPELINE
@given(gen.record_sets())
def test_merging_the_json_output_with_its_inputs_again_gives_the_same_papers(records):
    """The daily loop (`merge out.json INPUTS -o out.json`): the records are joined as the run
    that wrote out.json joined them, and the next run writes the same output."""
    inputs = inputs_of(records)
    outputs = [write_json(run(inputs))]
    for _ in range(2):
        earlier = read_pubdedup_json(outputs[-1], "out.json").records
        outputs.append(write_json(run([*inputs, ParsedInput("out.json", "json", earlier)])))
    assert _groups(outputs[1]) == _groups(outputs[0])
    assert outputs[2] == outputs[1]


def _groups(output: str) -> list[list[tuple[str, int]]]:
    papers = json.loads(output)["papers"]
    return sorted(
        sorted((s["file"], s["index"]) for s in p["sources"] if s["file"] != "out.json")
        for p in papers
    )


# --- scores -----------------------------------------------------------------------------------


# One title has a typo and an added word: `substituted_words` once looked one way only, so the
# pair scored 2 points apart depending on the order (fixed in score.py).
TYPO_AND_ADDED_WORD = (
    Record(Source("a.txt", 0, 1, None, "Ada Lovelace"), title="Deep learning of images for cats"),
    Record(
        Source("b.txt", 0, 1, None, "Ada Lovelace"), title="Deep lerning of robust images for cats"
    ),
)


@READERS
@given(gen.record_pairs)
@example(TYPO_AND_ADDED_WORD)
def test_match_scores_are_symmetric(pair):
    a, b = features_of(pair[0]), features_of(pair[1])
    ab, ba = compare(a, b, CONFIG), compare(b, a, CONFIG)
    assert (ab.verdict, ab.rule, ab.score, ab.evidence) == (
        ba.verdict,
        ba.rule,
        ba.score,
        ba.evidence,
    )


# --- bugs the properties found, kept as plain examples ----------------------------------------


def test_ris_without_any_record_is_a_problem_not_a_crash():
    for text in ("", "just some notes\nno records here\n"):
        result = read_ris(text, "notes.ris")
        assert result.records == []
        assert [p.kind for p in result.problems] == ["no-records"]


def test_csv_quote_left_open_before_the_size_limit_is_the_last_row_kept_not_a_crash():
    text = 'title,year\nA paper,2020\n"' + "x" * 200_000 + "\nB paper,2021\n"  # unclosed quote
    result = read_csv(text, "big.csv")
    assert [len(r.title or "") for r in result.records] == [7, 200_000 + len(" B paper,2021")]
    assert [(p.line, p.kind) for p in result.problems] == [(3, "unclosed-quote")]


def test_json_fields_of_the_wrong_type_are_ignored_and_reported():
    text = json.dumps(
        {"papers": [{"key": [], "title": 5, "authors": None, "year": True, "sources": [None]}]}
    )
    result = read_pubdedup_json(text, "o.json")
    assert_reader_contract(result, text, "o.json")
    (record,) = result.records
    assert (record.source.id, record.title, record.authors, record.year) == (None, None, (), None)
    assert [p.kind for p in result.problems] == ["bad-json"]
    assert "key, title, year, authors" in result.problems[0].message


def test_page_line_numbers_count_only_real_line_ends():
    # A form feed and U+2028 (text copied from a web page) are no line ends for editors.
    text = "\n".join(
        ["Jump to Content", "Ada Lovelace", "Sort By\x0c", "Tiny models\u2028for tiny devices"]
        + ["Ada Byron", "(2020)"]
    )
    (record,) = read_page(text, "p.txt").records
    assert (record.source.line, record.title) == (4, "Tiny models for tiny devices")


def test_titled_entry_after_a_cut_off_abstract_is_its_own_entry():
    text = "\n".join(
        ["Preview abstract We study how copies wh", "Tiny Models for Tiny Devices"]
        + ["Ada Lovelace", "arXiv (2020)"]
    )
    first, second = read_page(text, "p.txt", owner="Ada Lovelace").records
    assert (first.abstract, first.truncated) == ("We study how copies wh", True)
    assert (second.title, second.authors, second.year, second.source.line) == (
        "Tiny Models for Tiny Devices",
        ("Ada Lovelace",),
        2020,
        2,
    )


def test_entry_type_that_is_no_bibtex_word_does_not_lose_the_entry():
    # A CSV's `type` column in words was written as `@journal article{...`: bibtexparser then
    # read no entry at all, and reported nothing.
    result = run([read_text("title,type\nDeep nets for cats,Web Page Snapshot\n", "x.csv")])
    assert [p.entry_type for p in result.papers] == ["misc"]
    assert_outputs_reparse(result)
    # EndNote's `Journal Article` is an article
    result = run([read_text("title,type\nDeep nets for cats,Journal Article\n", "x.csv")])
    assert [p.entry_type for p in result.papers] == ["article"]
    assert_outputs_reparse(result)


def test_second_run_does_not_join_papers_the_first_kept_apart():
    # A title three times in one input, in several years, is a recurring column (-3 points);
    # after the first run merged one copy into a paper with a longer title, it recurred only
    # twice, and the second run joined the other two. Papers of one earlier output are now
    # never joined.
    def rec(i: int, title: str, arxiv: str | None = None, year: int = 2015) -> Record:
        return Record(
            Source("a.txt", i, i + 1, None, "Lucas Beyer"), title=title, year=year, arxiv=arxiv
        )

    title = "caling of scaling, Part II"
    records = [rec(0, "S" + title), rec(1, title), rec(2, title, year=2016)]
    records.append(rec(3, title, "2106.01000"))
    records.append(rec(4, f"{title}: S{title}", "2106.01000"))
    first = run(inputs_of(records))
    again = read_pubdedup_json(write_json(first), "merged.json")
    second = run([ParsedInput("merged.json", "json", again.records)])
    assert len(first.papers) == 4 and summary(second) == summary(first)
