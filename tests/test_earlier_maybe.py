"""An earlier output's maybe pairs, merged again: still asked, until a person decides them."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pubdedup.cli import main
from pubdedup.errors import ExitCode
from pubdedup.readers import read_text
from pubdedup.readers.json_in import read_pubdedup_json
from tests.conftest import DATA, EXAMPLES, read

PAGES = [*sorted(EXAMPLES.glob("*.txt")), DATA / "pages" / "zhai_edited.txt"]
CAUTIOUS = '{"abstract_match": 0.9}'  # Zhai's copy of the ViT abstract: two maybe pairs


def invoke(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def first_output(tmp_path):
    """`merge PAGES --config cautious.json -f json -o out.json`: its path and document."""
    config, out = tmp_path / "cautious.json", tmp_path / "out.json"
    config.write_text(CAUTIOUS, encoding="utf-8")
    result = invoke("merge", "-q", *PAGES, "--config", config, "-f", "json", "-o", out)
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["maybe"]) == 2 and {m["rule"] for m in doc["maybe"]} == {"abstract"}
    return out, doc


def merged(*args):
    """`merge ARGS -f json --fail-on-maybe -o -`: exit code and document."""
    result = invoke("merge", "-q", *args, "-f", "json", "--fail-on-maybe", "-o", "-")
    return result.exit_code, json.loads(result.stdout)


def key_of(doc, source):
    return next(
        p["key"]
        for p in doc["papers"]
        for s in p["sources"]
        if s["index"] == source["index"] and s["file"] == source["file"]
    )


def test_an_outputs_maybe_pair_merged_again_alone_is_still_asked(tmp_path):
    """`merge out.json -o refs.bib` (and each run over its own output) asks what out.json
    left open: its two papers are never joined again, and the pair was lost."""
    out, doc = first_output(tmp_path)
    code, again = merged(out)
    assert code == ExitCode.MAYBE_PAIRS
    [pair] = again["maybe"]  # one pair: the two papers the records' two pairs are between
    papers = {key_of(doc, doc["maybe"][0]["a"]), key_of(doc, doc["maybe"][0]["b"])}
    assert {pair["a"]["id"], pair["b"]["id"]} == papers
    assert (pair["rule"], pair["score"]) == ("earlier-maybe", doc["maybe"][0]["score"])
    assert pair["evidence"]["earlier_rule"] == "abstract"
    assert pair["evidence"]["abstract"] == doc["maybe"][0]["evidence"]["abstract"]
    assert len(again["papers"]) == len(doc["papers"])
    # … and so on, output after output.
    second = tmp_path / "out2.json"
    second.write_text(json.dumps(again), encoding="utf-8")
    code, third = merged(second)
    assert code == ExitCode.MAYBE_PAIRS and third["maybe"][0]["score"] == pair["score"]


def test_with_its_records_given_again_they_ask_it_themselves(tmp_path):
    out, doc = first_output(tmp_path)
    code, again = merged(out, *PAGES, "--config", tmp_path / "cautious.json")
    assert code == ExitCode.MAYBE_PAIRS
    assert "earlier-maybe" not in {m["rule"] for m in again["maybe"]}
    assert len(again["papers"]) == len(doc["papers"])


def test_a_persons_answer_about_the_earlier_pair_settles_it(tmp_path):
    out, doc = first_output(tmp_path)
    for answer, papers in (("--accept-all", len(doc["papers"]) - 1), ("--reject-all", None)):
        decisions = tmp_path / f"decisions{answer}.toml"
        review = invoke("review", out, "--decisions", decisions, answer)
        assert review.exit_code == 0, review.output
        assert "an earlier run's maybe pair, left for a person (abstract 0.87)" in (
            decisions.read_text(encoding="utf-8")
        )
        code, again = merged(out, "--decisions", decisions)
        assert code == 0 and again["maybe"] == []
        assert len(again["papers"]) == (papers or len(doc["papers"]))


def test_explain_says_the_pair_is_an_earlier_runs(tmp_path):
    out, _ = first_output(tmp_path)
    result = invoke("explain", out, "--format", "json")
    [pair] = json.loads(result.stdout)["maybe"]
    assert pair["decided_by"] == "an earlier run's maybe pair, left for a person (abstract 0.87)"


def test_maybe_pairs_the_reader_cannot_place_are_left_out_and_a_bad_list_is_said():
    paper = {"key": "k{}", "title": "T{}", "sources": [{"file": "p.txt", "index": 0}]}
    papers = [
        {**paper, "key": f"k{n}", "sources": [{"file": "p.txt", "index": n}]} for n in range(3)
    ]
    link = {"a": {"file": "p.txt", "index": 0}, "b": {"file": "p.txt", "index": 1}, "score": 0.7}
    maybe = [
        {**link, "rule": "abstract"},
        {**link, "b": {"file": "other.txt", "index": 1}, "rule": "abstract"},  # no paper's
        {**link, "b": {"file": "p.txt", "index": 0}, "rule": "abstract"},  # one paper's own
        {**link, "b": {"file": "p.txt", "index": 2}, "score": "high"},
        {**link, "b": {"file": "p.txt", "index": 2}, "score": float("nan")},  # JSON's NaN and
        {**link, "b": {"file": "p.txt", "index": 2}, "score": float("inf")},  # Infinity: no score
        "not a link",
    ]
    read = read_pubdedup_json(json.dumps({"papers": papers, "maybe": maybe}), "out.json")
    assert [r.left_maybe for r in read.records] == [
        (("k1", "abstract", 0.7),),
        (("k0", "abstract", 0.7),),
        (),
    ]
    assert read.problems == []
    bad = read_pubdedup_json(json.dumps({"papers": papers, "maybe": {}}), "out.json")
    assert [p.message for p in bad.problems] == ["'maybe' is not a list; ignored"]
    assert all(r.left_maybe == () for r in bad.records)


def test_an_outputs_output_keeps_the_first_runs_rule_and_is_up_to_date_on_the_second_run(
    tmp_path,
):
    """`merge out.json -f json -o out.json` each day: the pair read back from an earlier-maybe
    link is that first run's (rule abstract), so the second run writes what the first did.
    It said `earlier_rule: earlier-maybe` instead, and --check only settled on the third run."""
    out, _ = first_output(tmp_path)
    assert invoke("merge", "-q", out, "-f", "json", "-o", out).exit_code == 0
    assert invoke("merge", "-q", out, "-f", "json", "-o", out, "--check").exit_code == 0
    code, again = merged(out)
    assert code == ExitCode.MAYBE_PAIRS
    assert [m["evidence"]["earlier_rule"] for m in again["maybe"]] == ["abstract"]
    explained = json.loads(invoke("explain", out, "--format", "json").stdout)
    [pair] = explained["maybe"]
    assert pair["decided_by"] == "an earlier run's maybe pair, left for a person (abstract 0.87)"


def test_a_match_the_records_ask_as_refused_stands_for_the_earlier_pair_too(tmp_path):
    """Zhai's page given again at the default abstract_match (0.85): its record matches the
    seed copy's paper, a match refused (one output's two papers), and that is the question;
    the earlier run's maybe pair between the same two papers was listed beside it."""
    out, _ = first_output(tmp_path)
    code, again = merged(out, DATA / "pages" / "zhai_edited.txt")
    assert code == ExitCode.MAYBE_PAIRS
    assert [m["rule"] for m in again["maybe"]] == ["refused-by-veto"]


def test_a_maybe_pair_between_two_versions_is_still_asked_when_merged_alone(tmp_path):
    """A preprint and its conference paper kept apart (`--keep-versions`), the conference
    paper joined by a copy with its DOI whose abstract is a maybe to the preprint's: the
    output lists both the `related` papers and the maybe pair. Merged alone, the pair was
    a version only, and the question lost."""
    page, zhai = (read_text(read(p), p.name).records for p in (PAGES[0], PAGES[-1]))
    seed, typos = page[8].abstract, zhai[0].abstract
    authors = "Dosovitskiy, Alexey and Beyer, Lucas"
    title = "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale"
    bib = tmp_path / "vit.bib"
    bib.write_text(
        f"@article{{p, title={{{title}}}, author={{{authors}}}, year={{2020}},"
        f" journal={{arXiv preprint arXiv:2010.11929}}, abstract={{{seed}}}}}\n"
        f"@inproceedings{{c, title={{{title}}}, author={{{authors}}}, year={{2021}},"
        f" booktitle={{ICLR}}, doi={{10.5555/vit}}}}\n"
        f"@misc{{z, doi={{10.5555/vit}}, abstract={{{typos}}}}}\n",
        encoding="utf-8",
    )
    config, out = tmp_path / "cautious.json", tmp_path / "out.json"
    config.write_text(CAUTIOUS, encoding="utf-8")
    args = ("-q", "--keep-versions", "-f", "json")
    assert invoke("merge", bib, "--config", config, *args, "-o", out).exit_code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [len(p["related"]) for p in doc["papers"]] == [1, 1]
    assert [m["rule"] for m in doc["maybe"]] == ["abstract"]
    result = invoke("merge", out, *args, "--fail-on-maybe", "-o", "-")
    assert result.exit_code == ExitCode.MAYBE_PAIRS
    again = json.loads(result.stdout)
    assert [len(p["related"]) for p in again["papers"]] == [1, 1]
    assert [(m["rule"], m["evidence"]["earlier_rule"]) for m in again["maybe"]] == [
        ("earlier-maybe", "abstract")
    ]
    # Two outputs holding papers of the same keys: each asks its own pair, and no paper's
    # pair with the other output's paper of that key.
    copy = tmp_path / "copy.json"
    copy.write_text(out.read_text(encoding="utf-8"), encoding="utf-8")
    both = json.loads(invoke("merge", out, copy, *args, "-o", "-").stdout)
    assert sorted((m["a"]["file"], m["b"]["file"]) for m in both["maybe"]) == [
        (str(copy), str(copy)),
        (str(out), str(out)),
    ]
    # … until a person answers it; their `same` still leaves the preprint apart.
    for answer in ("--accept-all", "--reject-all"):
        decisions = tmp_path / f"decisions{answer}.toml"
        review = invoke("review", out, "--keep-versions", "--decisions", decisions, answer)
        assert review.exit_code == 0, review.output
        result = invoke("merge", out, *args, "--decisions", decisions, "--fail-on-maybe")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["maybe"] == []
