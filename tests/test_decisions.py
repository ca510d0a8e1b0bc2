"""Decisions files: parsed strictly, applied before clustering, robust to moved inputs."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from pubdedup.apply_decisions import resolve_decisions
from pubdedup.cli import main
from pubdedup.decisions import (
    DIFFERENT,
    SAME,
    Decision,
    RecordRef,
    parse_decisions,
    ref_of,
    with_appended,
)
from pubdedup.errors import ExitCode
from pubdedup.pipeline import run
from pubdedup.readers import read_text
from tests.conftest import BIT_TITLE, DATA, EXAMPLES, ROOT, bit_versions, read

KOLESNIKOV = "000_0b40a0d7e21e786a.txt"
BEYER = "004_fa9fe8a296857bdd.txt"
ROBUSTNESS = "On Robustness and Transferability of Convolutional Neural Networks"
SPLIT_ROBUSTNESS = f"""
[[decision]]
decision = "different"
records = [
  {{ file = "{KOLESNIKOV}", index = 7, title = "{ROBUSTNESS}" }},
  {{ file = "{BEYER}", index = 9, title = "{ROBUSTNESS}" }},
]
"""
JOIN_LLP_AND_OPEN_IMAGES = f"""
[[decision]]
decision = "same"
records = [
  "Deep Multiclass Learning from Label Proportions",
  {{ file = "{KOLESNIKOV}", abstract = "We present Open Images V4" }},
]
note = "not really the same paper: a test of joining what the matcher keeps apart"
"""


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(map(str, args)), input=input)


def seeds(paths=None):
    paths = paths or sorted(EXAMPLES.glob("*.txt"))
    return [read_text(read(p), p.name) for p in paths]


def paper_with(result, file, index):
    return next(
        p
        for p in result.papers
        if any((r.source.file, r.source.index) == (file, index) for r in p.records)
    )


def test_a_different_decision_splits_a_merged_pair():
    before = run(seeds())
    assert len(paper_with(before, KOLESNIKOV, 7).records) == 2
    after = run(seeds(), decisions=parse_decisions(SPLIT_ROBUSTNESS, "d.toml"))
    assert len(after.papers) == 16
    assert len(paper_with(after, KOLESNIKOV, 7).records) == 1
    assert len(paper_with(after, BEYER, 9).records) == 1
    assert after.maybe == [] and after.problems == []  # decided: not a maybe, nothing to warn


def test_a_same_decision_joins_records_the_matcher_keeps_apart():
    assert len(paper_with(run(seeds()), BEYER, 13).records) == 1
    result = run(seeds(), decisions=parse_decisions(JOIN_LLP_AND_OPEN_IMAGES, "d.toml"))
    paper = paper_with(result, BEYER, 13)
    assert {(r.source.file, r.source.index) for r in paper.records} == {
        (BEYER, 13),
        (KOLESNIKOV, 10),
    }
    assert [link.rule for link in paper.links] == ["decided-same"]
    assert len(result.papers) == 14


def test_different_is_never_joined_even_through_a_third_copy(tmp_path):
    """Two copies kept apart stay apart although a third copy matches both."""
    third = DATA / "pages" / "zhai_edited.txt"  # has a copy of the ViT abstract too
    decisions = parse_decisions(
        f"""[[decision]]
decision = "different"
records = [{{ file = "{KOLESNIKOV}", index = 8 }}, {{ file = "{BEYER}", index = 8 }}]
""",
        "d.toml",
    )
    result = run(seeds([*sorted(EXAMPLES.glob("*.txt")), third]), decisions=decisions)
    assert paper_with(result, KOLESNIKOV, 8) is not paper_with(result, BEYER, 8)


def test_decisions_survive_a_rerun_moved_files_and_an_inserted_entry(tmp_path):
    decisions_file = tmp_path / "decisions.toml"
    decisions_file.write_text(SPLIT_ROBUSTNESS, encoding="utf-8")
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    for page in EXAMPLES.glob("*.txt"):
        shutil.copy(page, moved / page.name)
    # An entry added at the top of a page shifts every index: the title still finds the record.
    page = moved / KOLESNIKOV
    text = read(page)
    first = text.index("    Preview abstract")
    added = "    Preview abstract A new paper about something else entirely. View details\n"
    page.write_text(text[:first] + added + text[first:], encoding="utf-8")
    for _ in range(2):
        out = invoke("merge", "-f", "json", "--decisions", decisions_file, *sorted(moved.glob("*")))
        assert out.exit_code == 0, out.stderr
        doc = json.loads(out.stdout)
        robustness = [p for p in doc["papers"] if p["title"] == ROBUSTNESS]
        assert [len(p["sources"]) for p in robustness] == [1, 1]


def test_a_record_not_in_the_inputs_is_a_warning_not_an_error(tmp_path):
    decisions_file = tmp_path / "decisions.toml"
    decisions_file.write_text(
        SPLIT_ROBUSTNESS.replace(f'file = "{BEYER}", index = 9', 'file = "gone.txt", index = 3'),
        encoding="utf-8",
    )
    out = invoke("merge", "--decisions", decisions_file, *sorted(EXAMPLES.glob("*.txt")))
    assert out.exit_code == 0
    assert out.stderr.count("\n") == 1 and "warning:" in out.stderr
    assert f"{decisions_file}:2: decision 1: no input record matches gone.txt #3" in out.stderr


def _error(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = invoke("merge", "--decisions", path, *sorted(EXAMPLES.glob("*.txt")))
    assert out.exit_code == ExitCode.INPUT, out.output
    assert out.stdout == "" and "Traceback" not in out.stderr
    assert out.stderr.count("\n") == 1 and out.stderr.startswith(f"pubdedup: error: {path}")
    return out.stderr


@pytest.mark.parametrize(
    "name, text, expected",
    [
        ("d.toml", '[[decision]]\ndecision = "same"\nrecords = [\n', ":4: invalid TOML"),
        ("d.toml", '[[decision]]\ndecision "same"\n', ":2: invalid TOML"),
        ("d.json", '{"decision": [\n  {"decision": "same",}\n]}', ":2: invalid JSON"),
        ("d.toml", SPLIT_ROBUSTNESS.replace('"different"', '"maybe"'), ":2: decision 1: unknown"),
        ("d.toml", '[[decision]]\ndecision = "same"\nrecords = ["A"]\n', "at least two records"),
        ("d.toml", SPLIT_ROBUSTNESS.replace("index = 7", "idx = 7"), "unknown record key 'idx'"),
        ("d.toml", '[[decision]]\ndecision = "same"\nrecords = [{index = 1}, "T"]\n', "its file"),
        ("d.toml", SPLIT_ROBUSTNESS.replace("index = 7", "index = -1"), "whole number"),
        ("d.toml", SPLIT_ROBUSTNESS.replace("records", "record"), "unknown key 'record'"),
        ("d.toml", "[[decisions]]\n", "unknown key 'decisions'"),
        ("d.json", '[{"decision": "same"}]', "expected a JSON object"),
    ],
    ids=[
        "toml-unclosed",
        "toml-syntax",
        "json-syntax",
        "unknown-decision",
        "one-record",
        "unknown-record-key",
        "index-without-file",
        "negative-index",
        "unknown-decision-key",
        "unknown-top-level-key",
        "json-not-object",
    ],
)
def test_bad_decisions_file_is_one_line_error_exit_4(tmp_path, name, text, expected):
    assert expected in _error(tmp_path, name, text)


def test_missing_decisions_file_is_an_input_error(tmp_path):
    out = invoke("merge", "--decisions", tmp_path / "nope.toml", *EXAMPLES.glob("*.txt"))
    assert out.exit_code == ExitCode.INPUT and "no such file" in out.stderr


def test_written_decisions_read_back_the_same_in_toml_and_json():
    records = seeds()[0].records
    decisions = [
        Decision(SAME, (ref_of(records[7]), ref_of(records[8])), note='say "hi"\\ \x7f'),
        Decision(DIFFERENT, (RecordRef(title="Ünïcode: a title"), ref_of(records[0]))),
    ]
    for path in ("d.toml", "d.json"):
        text = with_appended("", path, decisions[:1])
        text = with_appended(text, path, decisions[1:])
        parsed = parse_decisions(text, path)
        assert [(d.verdict, d.records, d.note) for d in parsed.items] == [
            (d.verdict, d.records, d.note) for d in decisions
        ]
    assert ref_of(records[7]) == RecordRef(file=KOLESNIKOV, index=7, title=ROBUSTNESS)
    assert ref_of(records[0]).abstract.startswith("We explore the boundaries")


def test_contradicting_decisions_keep_the_records_apart_with_a_warning():
    both = SPLIT_ROBUSTNESS + SPLIT_ROBUSTNESS.replace('"different"', '"same"')
    result = run(seeds(), decisions=parse_decisions(both, "d.toml"))
    assert paper_with(result, KOLESNIKOV, 7) is not paper_with(result, BEYER, 9)
    assert [p.kind for p in result.problems] == ["decision-conflict"]
    assert result.maybe == []


def test_an_id_names_a_record_wherever_its_file_now_lives():
    bib = DATA / "readers" / "macros.bib"
    records = read_text(read(bib), str(bib)).records
    decisions = parse_decisions(
        """[[decision]]
decision = "same"
records = [
  { file = "old/place/macros.bib", id = "Poosala1996" },
  { file = 'C:\\Users\\me\\macros.bib', id = "Vaswani2017", title = "attention is all you need!" },
]
""",
        "d.toml",
    )
    decided = resolve_decisions(decisions, records)
    assert decided.problems == []
    assert {(a.id, b.id) for a, b in decided.same} == {("Poosala1996", "Vaswani2017")}


def test_a_title_names_every_record_with_it_and_repeated_ids_name_all_copies():
    bib = DATA / "readers" / "repeated.bib"
    records = read_text(read(bib), str(bib)).records
    refs = (RecordRef(file="repeated.bib", id="smith2001"), RecordRef(title="No such title"))

    def decide(verdict):
        text = with_appended("", "d.json", [Decision(verdict, refs)])
        return resolve_decisions(parse_decisions(text, "d.json"), records)

    different, same = decide(DIFFERENT), decide(SAME)
    assert [p.kind for p in different.problems] == ["decision-unknown-record"]
    assert not different.different  # only one ref found: nothing to keep apart
    # `same` joins whatever its refs name: here both records keyed smith2001.
    assert {(a.index, b.index) for a, b in same.same} == {(0, 2)}


def test_fail_on_maybe_exits_3_after_writing_unless_decided(tmp_path):
    pages = [*sorted(EXAMPLES.glob("*.txt")), DATA / "pages" / "zhai_edited.txt"]
    config = tmp_path / "config.json"
    config.write_text('{"abstract_match": 0.9}', encoding="utf-8")  # makes two maybe pairs
    out = tmp_path / "out.bib"
    first = invoke("merge", *pages, "--config", config, "--fail-on-maybe", "-o", out)
    assert first.exit_code == ExitCode.MAYBE_PAIRS, first.output
    assert out.exists()
    assert (
        "2 maybe pair(s) of records, between 1 pair(s) of papers, left unreviewed; output written"
        in first.stderr
    )
    # With --check nothing is written, and the cron job's log says so.
    check = invoke("merge", *pages, "--config", config, "--fail-on-maybe", "--check", "-o", out)
    assert check.exit_code == ExitCode.MAYBE_PAIRS, check.output
    assert check.stderr.splitlines()[-1] == (
        "pubdedup: error: 2 maybe pair(s) of records, between 1 pair(s) of papers, left unreviewed;"
        " nothing written (--check); "
        "run `pubdedup review` to decide them"
    )
    decisions = tmp_path / "decisions.json"
    review = invoke("review", *pages, "--config", config, "--decisions", decisions, "--reject-all")
    assert review.exit_code == 0, review.output
    again = invoke("merge", *pages, "--config", config, "--decisions", decisions, "--fail-on-maybe")
    assert again.exit_code == 0, again.output


def test_readme_decisions_example_parses():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Checking merges", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```toml\n(.*?)```", section, re.DOTALL)
    assert blocks, "README 'Checking merges' shows a decisions file"
    for block in blocks:
        assert parse_decisions(block, "decisions.toml").items
    for option in ("--decisions", "--fail-on-maybe", "--accept-all", "--reject-all", "--paper"):
        assert option in section


DEEP = "Deep Residual Learning"
OTHER = "Completely Different Thing Entirely"
TITLE_POINTS_ONLY_MAYBE = '{"title_points_match": 20.0}'  # two copies of DEEP: a maybe pair


def entry(title, author, year, key="x"):
    fields = f"title = {{{title}}},\n  author = {{{author}}},\n  year = {{{year}}}"
    return f"@article{{{key},\n  {fields}\n}}\n"


def projects(root):
    """Three directories with a refs.bib each keyed `x`: two copies of DEEP, then another paper."""
    for name, text in [
        ("p1", entry(DEEP, "Z, Z", 2020)),
        ("p2", entry(DEEP, "Z, Z", 2020)),
        ("p3", entry(OTHER, "Q, Q", 2011)),
    ]:
        (root / name).mkdir(parents=True)
        (root / name / "refs.bib").write_text(text, encoding="utf-8")
    (root / "config.json").write_text(TITLE_POINTS_ONLY_MAYBE, encoding="utf-8")
    return [root / name / "refs.bib" for name in ("p1", "p2", "p3")]


def write_decision(path, verdict, records):
    """A decisions file of one decision on (file, id, title) records."""
    refs = "".join(
        f'  {{ file = "{file}", id = "{key}", title = "{title}" }},\n'
        for file, key, title in records
    )
    path.write_text(
        f'[[decision]]\ndecision = "{verdict}"\nrecords = [\n{refs}]\n', encoding="utf-8"
    )


def merged(*args):
    out = invoke("merge", "-f", "json", *args)
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    papers = sorted(sorted(s["file"] for s in p["sources"]) for p in doc["papers"])
    return papers, doc, out.stderr


def test_one_key_in_files_of_one_name_names_one_record(tmp_path):
    """User trial: p1/refs.bib and p2/refs.bib decided the same must not pull in p3/refs.bib."""
    p1, p2, p3 = projects(tmp_path)
    config, decisions = tmp_path / "config.json", tmp_path / "rv.toml"
    out = invoke("review", p1, p2, "--config", config, "--decisions", decisions, "--accept-all")
    assert out.exit_code == 0, out.output
    text = decisions.read_text(encoding="utf-8")
    assert f'{{ file = "p1/refs.bib", id = "x", title = "{DEEP}" }}' in text
    assert f'{{ file = "p2/refs.bib", id = "x", title = "{DEEP}" }}' in text
    papers, _, stderr = merged(p1, p2, p3, "--config", config, "--decisions", decisions)
    assert papers == [[str(p1), str(p2)], [str(p3)]]
    assert stderr == ""


def test_a_decisions_file_moved_with_its_inputs_or_into_a_subdirectory_still_applies(
    tmp_path, monkeypatch
):
    p1, p2, _ = projects(tmp_path / "old")
    decisions = tmp_path / "old" / "rv.toml"
    config = tmp_path / "old" / "config.json"
    assert invoke("review", p1, p2, "--config", config, "--decisions", decisions, "--accept-all")
    shutil.move(tmp_path / "old", tmp_path / "new")
    new = tmp_path / "new"
    monkeypatch.chdir(new / "p2")  # inputs given by other relative paths, from elsewhere
    inputs = ["../p1/refs.bib", "refs.bib", "../p3/refs.bib", "--config", "../config.json"]
    papers, _, stderr = merged(*inputs, "--decisions", "../rv.toml")
    assert papers == [["../p1/refs.bib", "refs.bib"], ["../p3/refs.bib"]] and stderr == ""
    # The decisions file alone moved down a level: its paths' directories still tell the inputs
    # apart, by the trailing directories they share.
    (new / "kept").mkdir()
    shutil.move(new / "rv.toml", new / "kept" / "rv.toml")
    papers, _, stderr = merged(*inputs, "--decisions", "../kept/rv.toml")
    assert papers == [["../p1/refs.bib", "refs.bib"], ["../p3/refs.bib"]] and stderr == ""


OLD_STYLE = f"""[[decision]]
decision = "same"
records = [
  {{ file = "refs.bib", id = "x", title = "{DEEP}" }},
  {{ file = "refs.bib", id = "x", title = "{DEEP}" }},
]
"""


def test_an_old_base_name_decision_applies_where_one_input_has_the_name_else_warns(tmp_path):
    p1, p2, p3 = projects(tmp_path)
    config, decisions = tmp_path / "config.json", tmp_path / "rv.toml"
    decisions.write_text(OLD_STYLE, encoding="utf-8")
    # Two inputs named refs.bib with the key and the title: which one is meant is unknowable.
    papers, doc, stderr = merged(p1, p2, p3, "--config", config, "--decisions", decisions)
    assert papers == [[str(p1)], [str(p2)], [str(p3)]]
    assert len(doc["maybe"]) == 1  # left for a person again
    assert stderr == (
        f"pubdedup: warning: {decisions}:1: decision 1: refs.bib id x 'Deep Residual Learning' "
        f"is in 2 inputs ({p1}, {p2}); left out: name the file with its directory, "
        'as in file = "p1/refs.bib"\n'
    )
    assert [p["kind"] for p in doc["problems"]] == ["decision-ambiguous-record"]
    # One input of that name has the key with that title: the other one's `x` is another paper.
    mine = tmp_path / "mine.bib"
    mine.write_text(entry(DEEP, "Z, Z", 2020), encoding="utf-8")
    decisions.write_text(OLD_STYLE.replace('"refs.bib"', '"mine.bib"', 1), encoding="utf-8")
    papers, _, stderr = merged(p1, mine, p3, "--config", config, "--decisions", decisions)
    assert papers == [[str(mine), str(p1)], [str(p3)]] and stderr == ""


def test_a_record_whose_title_changed_under_its_id_is_left_out_with_a_warning(tmp_path):
    p1, p2, p3 = projects(tmp_path)
    config, decisions = tmp_path / "config.json", tmp_path / "rv.toml"
    assert invoke("review", p1, p2, "--config", config, "--decisions", decisions, "--accept-all")
    p2.write_text(entry(OTHER, "Q, Q", 2011), encoding="utf-8")  # `x` is now another paper
    papers, doc, stderr = merged(p1, p2, "--config", config, "--decisions", decisions)
    assert papers == [[str(p1)], [str(p2)]]
    assert stderr == (
        f"pubdedup: warning: {decisions}:4: decision 1: p2/refs.bib id x 'Deep Residual Learning'"
        f" is now '{OTHER}' in {p2}; left out\n"
    )
    assert [p["kind"] for p in doc["problems"]] == ["decision-changed-record"]
    # Renumbered (ids 1..N in a CSV, say): the title finds the record under its new id.
    p2.write_text(entry(OTHER, "Q, Q", 2011) + entry(DEEP, "Z, Z", 2020, key="y"), encoding="utf-8")
    papers, _, stderr = merged(p1, p2, "--config", config, "--decisions", decisions)
    assert papers == [[str(p1), str(p2)], [str(p2)]] and stderr == ""


def test_a_title_typo_fixed_under_its_id_keeps_the_decision(tmp_path):
    p1, p2, _ = projects(tmp_path)
    config, decisions = tmp_path / "config.json", tmp_path / "rv.toml"
    p2.write_text(entry("Deep Residal Learning", "Z, Z", 2020), encoding="utf-8")
    assert invoke("review", p1, p2, "--config", config, "--decisions", decisions, "--accept-all")
    p2.write_text(entry(DEEP, "Z, Z", 2020), encoding="utf-8")  # the typo fixed since
    papers, _, stderr = merged(p1, p2, "--config", config, "--decisions", decisions)
    assert papers == [[str(p1), str(p2)]] and stderr == ""


def test_an_id_that_names_the_record_beats_a_title_found_elsewhere(tmp_path):
    """An old base-name reference: p1's `x` still has the title; in p2 only the title (under
    another key) finds a copy. The id names one record, so the decision applies to it."""
    p1, p2, p3 = projects(tmp_path)
    config, decisions = tmp_path / "config.json", tmp_path / "rv.toml"
    p2.write_text(entry(DEEP, "Z, Z", 2020, key="y"), encoding="utf-8")
    decisions.write_text(
        OLD_STYLE.replace('"refs.bib", id = "x"', '"other.bib", id = "o"', 1).replace(
            'decision = "same"', 'decision = "different"'
        ),
        encoding="utf-8",
    )
    other = tmp_path / "other.bib"
    other.write_text(entry(DEEP, "Z, Z", 2020, key="o"), encoding="utf-8")
    papers, doc, stderr = merged(p1, p2, other, "--config", config, "--decisions", decisions)
    assert stderr == ""
    paper_of = {s["file"]: k for k, p in enumerate(doc["papers"]) for s in p["sources"]}
    assert paper_of[str(other)] != paper_of[str(p1)]  # the decision applied to p1's `x`


def test_a_renumbered_id_that_now_names_another_part_is_not_followed(tmp_path):
    """`a.csv` id 2 was Part I when decided; rows renumbered, id 2 is Part II now (titles 0.99
    alike): the exact title under id 1 is the record meant."""
    part = "Stochastic Control of Queues, Part {}"
    config, decisions = tmp_path / "config.json", tmp_path / "d.toml"
    config.write_text(TITLE_POINTS_ONLY_MAYBE, encoding="utf-8")
    rows = tmp_path / "a.csv"
    other = tmp_path / "b.bib"
    other.write_text(entry(part.format("I"), "Smith, Ann", 2015, key="p1"), encoding="utf-8")
    write_decision(
        decisions, "same", [("a.csv", "2", part.format("I")), ("b.bib", "p1", part.format("I"))]
    )
    rows.write_text(
        f'id,title,authors,year\n1,"{part.format("I")}",Ann Smith,2015\n'
        f'2,"{part.format("II")}",Ann Smith,2016\n',
        encoding="utf-8",
    )
    papers, doc, stderr = merged(rows, other, "--config", config, "--decisions", decisions)
    joined = [p for p in doc["papers"] if len(p["sources"]) == 2]
    assert [sorted(s["id"] for s in p["sources"]) for p in joined] == [["1", "p1"]]
    assert stderr == ""


def test_a_typo_fixed_in_one_of_two_copies_keeps_them_decided_apart(tmp_path):
    """Rows 2 and 5 had one title with a typo and were decided different; row 2's typo fixed,
    its id still names it (the fixed title is as alike as title_match asks), not row 5's copy of
    the old title."""
    typo, fixed = (
        "Deep neural networks fro image classification",
        "Deep neural networks for image classification",
    )
    rows, decisions = tmp_path / "a.csv", tmp_path / "d.toml"
    write_decision(decisions, "different", [("a.csv", "2", typo), ("a.csv", "5", typo)])
    rows.write_text(
        f"id,title,authors,year\n2,{fixed},Ann Smith,2020\n5,{typo},Ann Smith,2020\n",
        encoding="utf-8",
    )
    papers, _, stderr = merged(rows, "--decisions", decisions)
    assert papers == [[str(rows)], [str(rows)]] and stderr == ""


def test_a_renumbered_csv_keeps_two_look_alikes_decided_apart(tmp_path):
    """`A survey of …` (id 1) and `A survey on …` (id 2) decided different; a row inserted at
    the top shifts both ids, and id 2's record is now `of`, alike to `on`: both references
    would land on one record and the decision vanish. Exact titles settle it."""
    of = "A survey of deep learning for medical image analysis"
    on = "A survey on deep learning for medical image analysis"
    rows, decisions = tmp_path / "a.csv", tmp_path / "d.toml"
    write_decision(decisions, "different", [("a.csv", "1", of), ("a.csv", "2", on)])
    rows.write_text(
        f"id,title,authors,year\n1,Graph kernels,Bob Brown,2019\n"
        f"2,{of},Ann Smith,2020\n3,{on},Ann Smith,2020\n",
        encoding="utf-8",
    )
    papers, doc, stderr = merged(rows, "--decisions", decisions)
    assert len(doc["papers"]) == 3 and stderr == ""


# Two copies of one paper the matcher keeps apart: other page ranges (CVF's and IEEE's), or, so
# that the case stays one whatever the page rule becomes, years too far apart.
CVF = """@inproceedings{zhai2022scaling, title={Scaling vision transformers}, author={Zhai, Xiaohua
 and Kolesnikov, Alexander and Houlsby, Neil and Beyer, Lucas}, booktitle={CVPR}, year={2022},
 pages={12104--12113}}
"""
IEEE = """@inproceedings{Zhai_2022, title={Scaling Vision Transformers}, author={Zhai, Xiaohua and
 Kolesnikov, Alexander and Houlsby, Neil and Beyer, Lucas}, booktitle={2022 IEEE/CVF Conference on
 Computer Vision and Pattern Recognition (CVPR)}, year={2022}, pages={12094--12100},
 doi={10.1109/CVPR52688.2022.01179}}
"""
# (Pages of another length: two paginations of one paper as long would merge unasked.)
YEARS_APART = IEEE.replace("year={2022}", "year={2012}")


def decision(verdict, *refs):
    records = ", ".join(f'{{ file = "{file}", id = "{key}" }}' for file, key in refs)
    return f'[[decision]]\ndecision = "{verdict}"\nrecords = [{records}]\n'


SAME_ZHAI = decision("same", ("cvf.bib", "zhai2022scaling"), ("ieee.bib", "Zhai_2022"))


def day(tmp_path, bibs, decisions=None, *options):
    """One day's `merge [out.json] BIBS... [--decisions d.toml] -f json -o out.json` (out.json
    once it exists) in tmp_path, the current directory: its papers, each as the sorted
    `file:id` of its sources, and the kinds of its problems."""
    for name, text in bibs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    earlier = ["out.json"] if (tmp_path / "out.json").exists() else []
    if decisions is not None:
        (tmp_path / "d.toml").write_text(decisions, encoding="utf-8")
        earlier += ["--decisions", "d.toml"]
    out = invoke("merge", *earlier, *bibs, "-f", "json", "-o", "out.json", *options)
    assert out.exit_code == 0, out.output
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    sources = [sorted(f"{s['file']}:{s['id']}" for s in p["sources"]) for p in doc["papers"]]
    return sorted(sources), [p["kind"] for p in doc["problems"]], out.stderr


def earlier(paper):
    """How many papers of the day before a paper holds."""
    return sum(source.startswith("out.json:") for source in paper)


def records_of(paper):
    return [source for source in paper if not source.startswith("out.json:")]


@pytest.mark.parametrize("ieee", [IEEE, YEARS_APART], ids=["other-pages", "years-apart"])
def test_a_same_decision_takes_an_earlier_outputs_papers_along_day_after_day(
    tmp_path, monkeypatch, ieee
):
    """Yesterday's output holds the two records apart; a `same` decision joins the records
    and yesterday's two papers with them, and re-feeding the output keeps one paper."""
    monkeypatch.chdir(tmp_path)
    bibs = {"cvf.bib": CVF, "ieee.bib": ieee}
    assert len(day(tmp_path, bibs)[0]) == 2
    (paper,), problems, _ = day(tmp_path, bibs, SAME_ZHAI)
    assert records_of(paper) == ["cvf.bib:zhai2022scaling", "ieee.bib:Zhai_2022"]
    assert earlier(paper) == 2 and problems == []
    (paper,), problems, _ = day(tmp_path, bibs, SAME_ZHAI)
    assert records_of(paper) == ["cvf.bib:zhai2022scaling", "ieee.bib:Zhai_2022"]
    assert earlier(paper) == 1 and problems == []
    *_, stderr = day(tmp_path, bibs, SAME_ZHAI, "--check")  # a fixed point
    assert "up to date" in stderr


def test_an_earlier_paper_joined_by_one_decision_follows_the_next_one_too(tmp_path, monkeypatch):
    """Same is transitive across runs: yesterday's paper of a and b holds both, so a decision
    that b is c takes it, a and c's own earlier paper along."""
    monkeypatch.chdir(tmp_path)
    old = CVF.replace("year={2022}", "year={2002}").replace("zhai2022scaling", "zhai2002")
    bibs = {"cvf.bib": CVF, "ieee.bib": YEARS_APART, "old.bib": old}
    assert len(day(tmp_path, bibs)[0]) == 3
    assert len(day(tmp_path, bibs, SAME_ZHAI)[0]) == 2
    b_is_c = decision("same", ("ieee.bib", "Zhai_2022"), ("old.bib", "zhai2002"))
    (paper,), problems, _ = day(tmp_path, bibs, SAME_ZHAI + b_is_c)
    assert len(records_of(paper)) == 3 and earlier(paper) == 2 and problems == []
    day(tmp_path, bibs, SAME_ZHAI + b_is_c)
    *_, stderr = day(tmp_path, bibs, SAME_ZHAI + b_is_c, "--check")
    assert "up to date" in stderr


def test_a_different_decision_parting_an_earlier_paper_leaves_it_to_the_matcher(
    tmp_path, monkeypatch
):
    """Yesterday's paper holds both records a person now parts: one record here, it cannot be
    split, so it joins one of them, as the matcher finds, with a warning; the day after each
    paper holds one record and follows the decision."""
    monkeypatch.chdir(tmp_path)
    bibs = {"cvf.bib": CVF, "copy.bib": CVF.replace("zhai2022scaling", "zhaiB")}
    parted = decision("different", ("cvf.bib", "zhai2022scaling"), ("copy.bib", "zhaiB"))
    assert len(day(tmp_path, bibs)[0]) == 1
    papers, problems, stderr = day(tmp_path, bibs, parted)
    assert [records_of(p) for p in papers] == [["copy.bib:zhaiB"], ["cvf.bib:zhai2022scaling"]]
    assert sorted(map(earlier, papers)) == [0, 1]
    assert problems == ["decision-splits-earlier-paper"]
    assert "out.json paper zhai2022scaling holds copy.bib #0 and cvf.bib #0" in stderr
    papers, problems, _ = day(tmp_path, bibs, parted)
    assert [records_of(p) for p in papers] == [["copy.bib:zhaiB"], ["cvf.bib:zhai2022scaling"]]
    assert list(map(earlier, papers)) == [1, 1] and problems == []
    *_, stderr = day(tmp_path, bibs, parted, "--check")
    assert "up to date" in stderr


def test_an_earlier_paper_does_not_follow_an_id_that_now_names_another_paper(tmp_path, monkeypatch):
    """Yesterday's paper lists cvf.bib's zhai2022scaling; today that key names another paper,
    which a decision joins to ieee.bib's: yesterday's paper stays out of it."""
    monkeypatch.chdir(tmp_path)
    bibs = {"cvf.bib": CVF, "ieee.bib": YEARS_APART}
    day(tmp_path, bibs)
    bibs["cvf.bib"] = CVF.replace("Scaling vision transformers", "Learning to resize images")
    papers, problems, _ = day(tmp_path, bibs, SAME_ZHAI)
    joined = next(p for p in papers if "ieee.bib:Zhai_2022" in p)
    assert records_of(joined) == ["cvf.bib:zhai2022scaling", "ieee.bib:Zhai_2022"]
    assert earlier(joined) == 1  # ieee.bib's own paper of yesterday, not cvf.bib's
    assert len(papers) == 2 and problems == []


def test_a_withdrawn_different_decision_leaves_no_copy_of_a_paper(tmp_path, monkeypatch):
    """Yesterday's output holds two papers a `different` kept apart; the decision withdrawn,
    each record stays in its own earlier paper (one output's papers are not joined again),
    the pair left for review, rather than one record joining the other paper and leaving its
    own earlier paper a copy with no record, day after day."""
    monkeypatch.chdir(tmp_path)
    bibs = {"cvf.bib": CVF, "copy.bib": CVF.replace("zhai2022scaling", "zhaiB")}
    parted = decision("different", ("cvf.bib", "zhai2022scaling"), ("copy.bib", "zhaiB"))
    assert len(day(tmp_path, bibs, parted)[0]) == 2
    for _ in range(2):
        papers, problems, _ = day(tmp_path, bibs)
        assert [records_of(p) for p in papers] == [["copy.bib:zhaiB"], ["cvf.bib:zhai2022scaling"]]
        assert list(map(earlier, papers)) == [1, 1] and problems == []


def test_a_renamed_key_found_by_its_title_leaves_the_other_version_to_its_reference(
    tmp_path, monkeypatch
):
    """A `different` decision parts a preprint from its published version, both of one title;
    the export renames the preprint's key, so its reference finds both records by title. The
    published one, named by its id in the other reference, is not parted from itself: its
    earlier paper keeps it, and no copy of it is left holding nothing."""
    monkeypatch.chdir(tmp_path)
    title, bib = BIT_TITLE, bit_versions

    parted = decision(
        "different", ("lab.bib", "kolesnikov2019big"), ("lab.bib", "kolesnikov2020big")
    )
    parted = parted.replace('" }', f'", title = "{title}" }}')
    assert len(day(tmp_path, {"lab.bib": bib("kolesnikov2019big")}, parted)[0]) == 2
    papers, problems, _ = day(tmp_path, {"lab.bib": bib("kolesnikov2019bit")}, parted)
    assert [records_of(p) for p in papers] == [
        ["lab.bib:kolesnikov2019bit"],
        ["lab.bib:kolesnikov2020big"],
    ]
    assert list(map(earlier, papers)) == [1, 1] and problems == []


def test_a_doi_corrected_in_an_input_keeps_its_earlier_paper(tmp_path, monkeypatch):
    """Yesterday's paper lists cvf.bib's record, whose DOI is corrected today: the DOI veto
    does not part the record from the paper that lists it (as `--into` does for a listed
    entry), else the paper with the old DOI stays beside the new one for good."""
    monkeypatch.chdir(tmp_path)
    typo = CVF.replace("year={2022}", "doi={10.1109/CVPR52688.2022.01197}, year={2022}")
    assert len(day(tmp_path, {"cvf.bib": typo})[0]) == 1
    fixed = {"cvf.bib": typo.replace(".01197", ".01179")}
    for _ in range(2):
        (paper,), problems, _ = day(tmp_path, fixed)
        assert records_of(paper) == ["cvf.bib:zhai2022scaling"] and earlier(paper) == 1


def test_a_renumbered_id_whose_title_names_several_records_is_left_out(tmp_path):
    """`a.csv` id 1 was Ann's `Chair's Message` when decided the same as `b.bib`'s; a row
    inserted at the top renumbers the rows, and three columns of that title now remain: the
    title alone cannot tell which one was meant, so the decision must not join all three."""
    title = "Chair's Message"
    config, decisions = tmp_path / "config.json", tmp_path / "d.toml"
    config.write_text(TITLE_POINTS_ONLY_MAYBE, encoding="utf-8")
    rows, other = tmp_path / "a.csv", tmp_path / "b.bib"
    other.write_text(entry(title, "Smith, Ann", 2001, key="p1"), encoding="utf-8")
    write_decision(decisions, "same", [("a.csv", "1", title), ("b.bib", "p1", title)])
    rows.write_text(
        "id,title,authors,year\n1,Deep nets for graphs,Dan Day,2019\n"
        f"2,{title},Ann Smith,2001\n3,{title},Bob Brown,2002\n4,{title},Cid Cole,2003\n",
        encoding="utf-8",
    )
    papers, doc, stderr = merged(rows, other, "--config", config, "--decisions", decisions)
    assert max(len(p["sources"]) for p in doc["papers"]) == 1
    assert f"{decisions.name}:1: decision 1: a.csv id 1 {title!r}" in stderr
    assert "names 3 records in" in stderr
    assert [p["kind"] for p in doc["problems"]] == ["decision-ambiguous-record"]


def test_a_conflict_names_the_lines_of_the_decisions_that_contradict(tmp_path):
    """A = B and B = C decided `same`, A / C `different` (a hand edit weeks later): the warning
    says which decisions contradict, at the `different` one's line, so that it can be fixed."""
    rows, decisions = tmp_path / "a.csv", tmp_path / "d.toml"
    rows.write_text(
        "id,title,authors,year\nA,Graph kernels,Ann Smith,2019\n"
        "B,Deep nets,Bob Brown,2020\nC,Tree search,Cid Cole,2021\n",
        encoding="utf-8",
    )
    decisions.write_text(
        "# by hand\n"
        + decision("same", ("a.csv", "A"), ("a.csv", "B"))
        + "\n"
        + decision("same", ("a.csv", "B"), ("a.csv", "C"))
        + "\n"
        + decision("different", ("a.csv", "C"), ("a.csv", "A")),
        encoding="utf-8",
    )
    _, doc, stderr = merged(rows, "--decisions", decisions)
    assert [(p["kind"], p["line"]) for p in doc["problems"]] == [("decision-conflict", 10)]
    assert (
        f"{decisions}:10: decision 3: {rows} id A and {rows} id C are decided different here and "
        "the same by decisions 1, 2; kept apart"
    ) in stderr


def test_json_decisions_name_the_line_of_each_decision(tmp_path):
    """As a TOML file does: a mistake in a hand-edited JSON decisions file, and a record no input
    has, are reported at the line of their decision."""
    rows, decisions = tmp_path / "a.csv", tmp_path / "d.json"
    rows.write_text("id,title,authors,year\nA,Graph kernels,Ann Smith,2019\n", encoding="utf-8")
    item = '{{"decision": "{}", "records": [{{"file": "a.csv", "id": "A"}}, "No such title"]}}'
    text = (
        '{"decision": [\n  '
        + item.format("same")
        + ',\n  {"decision": "different",\n   "note": "[x] \\" {",\n   "records": [\n'
        + '    {"file": "a.csv", "id": "A"},\n    "Another missing title"]},\n  '
        + item.format("sam")
        + "\n]}\n"
    )
    decisions.write_text(text, encoding="utf-8")
    out = invoke("merge", rows, "--decisions", decisions)
    assert out.exit_code == ExitCode.INPUT
    assert f"error: {decisions}:8: decision 3: unknown decision 'sam'" in out.stderr
    decisions.write_text(text.replace('"sam"', '"same"'), encoding="utf-8")
    _, doc, stderr = merged(rows, "--decisions", decisions)
    lines = [(p["kind"], p["line"]) for p in doc["problems"]]
    assert lines == [("decision-unknown-record", n) for n in (2, 3, 8)], stderr


def test_the_summary_counts_the_pairs_of_papers_the_maybe_pairs_are_between():
    """A typo copy against one paper's two page copies: two maybe pairs, one question."""
    from pubdedup.cli.report import summary_rows
    from pubdedup.config import MatchConfig

    pages = [*sorted(EXAMPLES.glob("*.txt")), DATA / "pages" / "zhai_edited.txt"]
    inputs = [read_text(read(p), p.name) for p in pages]
    result = run(inputs, MatchConfig(abstract_match=0.9))
    assert (len(result.maybe), result.maybe_questions()) == (2, 1)
    assert dict(summary_rows(result))["maybe pairs"] == (
        "2 between 1 pair(s) of papers (not merged; see JSON 'maybe')"
    )
    assert dict(summary_rows(run(inputs[:2])))["maybe pairs"] == "0"


def test_a_decision_naming_a_library_key_follows_it_into_the_entry_keeping_it_in_ids(tmp_path):
    """`review` over a library writes decisions naming its keys; once `--into` merged the two
    entries, one key lived on only in the other's `ids`, and every later run warned that no
    record matched it (and failed under --strict)."""
    library = tmp_path / "lib.bib"
    title = "Deep Learning for Cell Nucleus Segmentation"
    library.write_text(
        f"@article{{lee2023a, author = {{Lee, Anna and Smith, John}}, title = {{{title}}},"
        " journal = {Nature Methods}, year = 2023}\n\n"
        f"@misc{{lee2023b, author = {{Lee, Anna and Wu, Kate}}, title = {{{title} in Images}},"
        " year = 2022}\n",
        encoding="utf-8",
    )
    decisions = tmp_path / "decisions.toml"
    decisions.write_text(
        # as `review` writes them: with each record's title, the merged-away one's its own
        '[[decision]]\ndecision = "same"\nrecords = [\n'
        f'  {{ file = "lib.bib", id = "lee2023a", title = "{title}" }},\n'
        f'  {{ file = "lib.bib", id = "lee2023b", title = "{title} in Images" }},\n]\n',
        encoding="utf-8",
    )
    args = ("merge", "--into", library, "--decisions", decisions, library)
    first = invoke(*args)
    assert first.exit_code == 0, first.stderr
    assert "ids = {lee2023b}" in library.read_text(encoding="utf-8")
    again = invoke(*args, "--strict")
    assert again.exit_code == 0, again.stderr
    assert "no input record matches" not in again.stderr


def test_an_alias_two_entries_list_names_neither(tmp_path):
    library = tmp_path / "lib.bib"
    library.write_text(
        "@article{lee2023a, title = {Cells}, ids = {lee2023}, year = 2023}\n"
        "@article{lee2023b, title = {Nuclei}, ids = {lee2023}, year = 2023}\n"
        "@article{kim2023, title = {Tissue}, year = 2023}\n",
        encoding="utf-8",
    )
    decisions = tmp_path / "decisions.toml"
    decisions.write_text(
        '[[decision]]\ndecision = "same"\nrecords = [\n  { file = "lib.bib", id = "lee2023" },\n'
        '  { file = "lib.bib", id = "kim2023" },\n]\n',
        encoding="utf-8",
    )
    result = invoke("merge", "-f", "json", "--decisions", decisions, library)
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["papers"]) == 3
    assert "no input record matches lib.bib id lee2023" in result.stderr


def test_an_alias_listed_twice_by_one_entry_still_names_it(tmp_path):
    library = tmp_path / "lib.bib"
    library.write_text(
        "@article{lee2023a, title = {Cells}, ids = {lee2023b, lee2023b}, year = 2023}\n"
        "@article{kim2023, title = {Tissue}, year = 2023}\n",
        encoding="utf-8",
    )
    decisions = tmp_path / "decisions.toml"
    decisions.write_text(
        '[[decision]]\ndecision = "same"\nrecords = [\n  { file = "lib.bib", id = "lee2023b" },\n'
        '  { file = "lib.bib", id = "kim2023" },\n]\n',
        encoding="utf-8",
    )
    result = invoke("merge", "-f", "json", "--strict", "--decisions", decisions, library)
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["papers"]) == 1
