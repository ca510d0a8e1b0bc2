"""`pubdedup explain` and the evidence in the JSON output: why each paper was merged."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from click.testing import CliRunner

from pubdedup.cli import main
from pubdedup.errors import ExitCode
from pubdedup.schema import output_schema
from tests.conftest import DATA, EXAMPLES, ROOT

TRUTH = json.loads((DATA / "seeds_truth.json").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
WIDE = {"COLUMNS": "200"}  # rich wraps table cells to the terminal width


def invoke(*args, env=None):
    return CliRunner().invoke(main, list(map(str, args)), env=env)


def seed_pages():
    return sorted(EXAMPLES.glob("*.txt"))


def truth_paper(source):
    return TRUTH["pages"][source["file"].rsplit("/", 1)[-1]]["entries"][source["index"]]


def with_maybe_pairs(tmp_path):
    """The seeds, a co-author's edited copies and a stricter abstract threshold: two maybes."""
    config = tmp_path / "config.json"
    config.write_text('{"abstract_match": 0.9}', encoding="utf-8")
    return [*seed_pages(), DATA / "pages" / "zhai_edited.txt", "--config", config]


def robustness_decided_different(tmp_path):
    """A decisions file parting the two seed-page copies of one paper."""
    decisions = tmp_path / "d.toml"
    decisions.write_text(
        '[[decision]]\ndecision = "different"\nrecords = ['
        '"On Robustness and Transferability of Convolutional Neural Networks",'
        ' "On Robustness and Transferability of Convolutional Neural Networks"]\n',
        encoding="utf-8",
    )
    return decisions


def scaling_vit_bib(tmp_path):
    """A title-only entry whose words the seed pages' two scaling abstracts hold, not its name:
    four title-in-abstract maybe pairs."""
    bib = tmp_path / "mine.bib"
    bib.write_text(
        "@article{zhai2022scaling, title = {Scaling Vision Transformers},\n"
        "  author = {Zhai, Xiaohua and Beyer, Lucas}, journal = {CVPR}, year = {2022}}\n",
        encoding="utf-8",
    )
    return bib


def test_explain_json_gives_each_merged_paper_the_abstract_similarity_that_joined_it():
    out = invoke("explain", "--format", "json", *seed_pages())
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert len(doc["papers"]) == 12 and doc["maybe"] == []
    for paper in doc["papers"]:
        assert len({truth_paper(r) for r in paper["records"]}) == 1  # one true paper each
        assert len(paper["records"]) == 2 and len(paper["links"]) == 1
        link = paper["links"][0]
        assert link["rule"] == "abstract"
        assert link["evidence"]["abstract"] == 1.0
        assert link["threshold"] == {
            "measure": "abstract",
            "value": 1.0,
            "match": 0.85,
            "maybe": 0.65,
            "setting": "abstract_match",
        }
        assert link["decided_by"] == "abstract 1.00 >= 0.85 (abstract_match)"


def test_explain_table_names_every_merged_paper_and_its_evidence():
    out = invoke("explain", *seed_pages(), env=WIDE)
    assert out.exit_code == 0, out.output
    doc = json.loads(invoke("explain", "-f", "json", *seed_pages()).stdout)
    for paper in doc["papers"]:
        assert f"{paper['key']}: " in out.stdout
    assert out.stdout.count("abstract 1.00 >= 0.85 (abstract_match)") == 12
    for header in ("decided by", "title", "abstract", "authors", "year", "ids"):
        assert header in out.stdout
    assert "No maybe pairs." in out.stdout
    assert "[abstract] We explore the boundaries of scaling up" in out.stdout  # untitled entry


def test_paper_option_narrows_to_one_paper():
    out = invoke("explain", "-f", "json", "--paper", "djolonga2021robustness", *seed_pages())
    doc = json.loads(out.stdout)
    assert [p["key"] for p in doc["papers"]] == ["djolonga2021robustness"]
    evidence = doc["papers"][0]["links"][0]["evidence"]
    assert (evidence["title"], evidence["authors"], evidence["year_gap"]) == (1.0, 6, 0)
    kubric = invoke("explain", "-f", "json", "--paper", "mak2022kubric", *seed_pages())
    single = json.loads(kubric.stdout)
    assert [len(p["records"]) for p in single["papers"]] == [1]  # asked for: shown though unmerged
    missing = invoke("explain", "--paper", "nosuchkey", *seed_pages())
    assert missing.exit_code == ExitCode.USAGE and "nosuchkey" in missing.stderr


def test_maybe_pairs_are_listed_below_their_threshold(tmp_path):
    args = with_maybe_pairs(tmp_path)
    doc = json.loads(invoke("explain", "-f", "json", *args).stdout)
    assert len(doc["maybe"]) == 2
    for pair in doc["maybe"]:
        threshold = pair["threshold"]
        assert threshold["maybe"] <= threshold["value"] < threshold["match"] == 0.9
        assert pair["a_paper"] != pair["b_paper"]
        assert "< 0.90 (abstract_match), >= 0.65 (abstract_maybe)" in pair["decided_by"]
    table = invoke("explain", *args, env=WIDE).stdout
    assert "Maybe pair 2 of 2" in table and "abstract 0.87 < 0.90" in table
    only = json.loads(invoke("explain", "-f", "json", "--paper", "zhaiwhile", *args).stdout)
    assert len(only["maybe"]) == 2 and len(only["papers"]) == 1


def test_a_maybe_that_clears_its_threshold_is_not_called_below_it(tmp_path):
    # A title-only entry against the seed pages' abstracts holding its words, but not the name
    # its title starts with: a maybe whose coverage 1.00 clears title_in_abstract_match. The
    # heading said "not merged, below the threshold" above "1.00 >= 0.75".
    bib = scaling_vit_bib(tmp_path)
    table = invoke("explain", *seed_pages(), bib, env=WIDE).stdout
    assert "title in abstract 1.00 >= 0.75" in table
    assert "below the threshold" not in table
    assert "Maybe pair 1 of 4: not merged, left for a person to decide" in table


def test_merge_json_carries_the_threshold_of_every_link_and_validates(tmp_path):
    for args in (seed_pages(), with_maybe_pairs(tmp_path)):
        doc = json.loads(invoke("merge", "-f", "json", *args).stdout)
        jsonschema.validate(doc, output_schema())
        links = [k for p in doc["papers"] for k in p["links"]] + doc["maybe"]
        assert links and all("threshold" in k for k in links)
    by_rule = {k["rule"]: k["threshold"] for k in links}
    assert by_rule["title-name-in-abstract"]["setting"] == "title_in_abstract_match"
    assert by_rule["abstract"]["value"] >= 0.85


def test_every_key_of_the_json_output_is_documented(tmp_path):
    # A consumer reads README's JSON table and the schema: a decided link's evidence carried
    # matcher_verdict, matcher_rule and matcher_score that neither named.
    bib = scaling_vit_bib(tmp_path)
    decisions = tmp_path / "d.toml"
    decisions.write_text(
        '[[decision]]\ndecision = "same"\nrecords = [{ file = "mine.bib", id = "zhai2022scaling" },'
        ' { file = "000_0b40a0d7e21e786a.txt", index = 4 }]\n',
        encoding="utf-8",
    )
    out = invoke("merge", "-f", "json", *seed_pages(), bib, "--decisions", decisions)
    doc = json.loads(out.stdout)
    links = [k for p in doc["papers"] for k in p["links"]] + doc["maybe"]
    assert doc["maybe"] and any(k["rule"] == "decided-same" for k in links)
    objects = [*doc["papers"], *links, *(k["evidence"] for k in links)]
    objects += [k["threshold"] for k in links if k["threshold"]] + [k["a"] for k in links]
    keys = {key for o in objects for key in o}
    readme = README.split("### JSON (`--format json`)", 1)[1].split("## Checking merges", 1)[0]
    schema = json.dumps(output_schema())
    named = [k for k in keys if re.search(rf"\b{k}\b", readme) and re.search(rf"\b{k}\b", schema)]
    assert sorted(keys - set(named)) == []


def test_every_key_of_explains_json_is_documented(tmp_path):
    # README named papers[].records, links, maybe and decided_by; a script reading kept_apart
    # or a pair's a_paper / a_label had to guess what they hold.
    decisions = robustness_decided_different(tmp_path)
    args = [*with_maybe_pairs(tmp_path), "--decisions", decisions]
    doc = json.loads(invoke("explain", "-f", "json", *args).stdout)
    pairs = doc["maybe"] + doc["decided_apart"]
    assert doc["maybe"] and doc["decided_apart"]
    objects = [doc, *doc["papers"], *pairs, *(r for p in doc["papers"] for r in p["records"])]
    keys = {key for o in objects for key in o}
    # Records and links have the form of merge's JSON (its section), the rest is explain's own.
    merge_json = README.split("### JSON (`--format json`)", 1)[1].split("## Checking merges")[0]
    section = README.split("## Checking merges", 1)[1].split("### The decisions file", 1)[0]
    named = [k for k in keys if re.search(rf"\b{k}\b", merge_json) or f"`{k}`" in section]
    assert sorted(keys - set(named)) == []


def test_papers_a_person_decided_apart_are_listed(tmp_path):
    # Two seed-page copies of one paper, decided different: explain showed them nowhere.
    decisions = robustness_decided_different(tmp_path)
    out = invoke("explain", "-f", "json", "--decisions", decisions, *seed_pages())
    assert out.exit_code == 0, out.stderr
    [apart] = json.loads(out.stdout)["decided_apart"]
    assert apart["a_paper"] != apart["b_paper"]
    assert apart["decided_by"].startswith("a person decided: different (matcher: match,")
    table = invoke("explain", "--decisions", decisions, *seed_pages()).stdout
    assert "Decided apart 1 of 1" in table


def test_decided_links_say_so(tmp_path):
    decisions = tmp_path / "d.toml"
    decisions.write_text(
        '[[decision]]\ndecision = "same"\nrecords = ["Kubric: A scalable dataset generator",'
        ' "Deep Multiclass Learning from Label Proportions"]\n',
        encoding="utf-8",
    )
    out = invoke("explain", "-f", "json", "--decisions", decisions, *seed_pages())
    links = [k for p in json.loads(out.stdout)["papers"] for k in p["links"]]
    decided = [k for k in links if k["rule"] == "decided-same"]
    assert len(decided) == 1 and decided[0]["threshold"] is None
    assert decided[0]["decided_by"] == "a person decided: same"


def test_a_refused_match_names_both_causes():
    from pubdedup.explain import decided_by
    from pubdedup.model import Link, Source

    threshold = {"measure": "abstract", "value": 0.97, "setting": "abstract_match",
                 "match": 0.85, "maybe": 0.65}  # fmt: skip
    a, b = Source("a.txt", 0, 1), Source("b.txt", 1, 2)
    text = decided_by(Link(a, b, 0.97, "refused-by-veto", {}, threshold))
    # A person's "different" keeps papers apart as a veto does: the text must not claim a rule.
    assert text == (
        "abstract 0.97 >= 0.85 (abstract_match); "
        "refused: a veto or a person's decision keeps the rest of the paper apart"
    )


def test_explain_takes_keep_versions_as_merge_does(tmp_path):
    """explain shows the papers merge writes with the same options: --keep-versions too."""
    bib = tmp_path / "v.bib"
    bib.write_text(
        "@article{pre, title={A Formal Perspective on the View Selection Problem},"
        " author={Chirkova, Rada and Halevy, Alon and Suciu, Dan}, journal={arXiv}, year=2001}\n"
        "@article{pub, title={A Formal Perspective on the View Selection Problem},"
        " author={Chirkova, Rada and Halevy, Alon and Suciu, Dan}, journal={VLDB J.}, year=2002}\n"
    )
    merged = json.loads(invoke("explain", bib, "-f", "json").stdout)
    assert len(merged["papers"]) == 1
    kept = invoke("explain", bib, "-f", "json", "--keep-versions")
    assert kept.exit_code == 0, kept.stderr
    assert json.loads(kept.stdout)["papers"] == []  # no paper merged from several records


def test_explain_and_review_take_quiet_for_scripts(tmp_path):
    """An input's warnings go to stderr; `-q` keeps stderr clear, as for merge."""
    source = tmp_path / "refs.bib"
    source.write_text("@misc{a, title = {One paper}, year = {forthcoming}}\n")
    loud = invoke("explain", source)
    assert loud.exit_code == 0 and "holds no year" in loud.stderr
    quiet = invoke("explain", source, "-q")
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == loud.stdout
    decisions = tmp_path / "d.toml"
    review = invoke("review", source, "-q", "--decisions", decisions, "--accept-all")
    assert review.exit_code == 0 and "holds no year" not in review.stderr


def test_explain_shows_papers_kept_apart_as_versions_and_why(tmp_path):
    """A split is audited as a merge is: the pair, its papers and the veto that kept it."""
    conference, journal = tmp_path / "cvpr.bib", tmp_path / "tpami.bib"
    team = "Zhai, Xiaohua and Kolesnikov, Alexander and Houlsby, Neil and Beyer, Lucas"
    conference.write_text(
        f"@inproceedings{{c, title={{Scaling vision transformers}}, author={{{team}}},"
        " booktitle={CVPR}, year={2022}, pages={12104--12113}}\n"
    )
    journal.write_text(
        f"@article{{j, title={{Scaling Vision Transformers}}, author={{{team}}},"
        " journal={IEEE TPAMI}, year={2023}, pages={1--20}}\n"
    )
    doc = json.loads(invoke("explain", conference, journal, "-f", "json").stdout)
    [kept] = doc["kept_apart"]
    assert {kept["a_paper"], kept["b_paper"]} == {"zhai2022scaling", "zhai2023scaling"}
    assert kept["decided_by"] == "versions: different first pages"
    only = json.loads(
        invoke("explain", conference, journal, "--paper", "zhai2023scaling", "-f", "json").stdout
    )
    assert only["kept_apart"] == [kept]
    table = invoke("explain", conference, journal).stdout
    assert "Kept apart 1 of 1" in table and "zhai2023scaling" in table


@pytest.mark.parametrize(
    "value, shown",
    [
        (0.8491, "abstract 0.849 < 0.85"),
        (0.8499, "abstract 0.8499 < 0.85"),
        (0.81, "abstract 0.81 < 0.85"),
    ],
    ids=["three-digits", "four-digits", "two-digits"],
)
def test_a_maybe_just_under_its_threshold_is_not_shown_equal_to_it(value, shown):
    # A maybe pair at 0.8491 was explained, and noted in the decisions file, as
    # "abstract 0.85 < 0.85 (abstract_match)".
    from pubdedup.explain import decided_by
    from pubdedup.model import Link, Source

    threshold = {"measure": "abstract", "value": value, "setting": "abstract_match",
                 "match": 0.85, "maybe": 0.65}  # fmt: skip
    a, b = Source("a.ris", 0, 1), Source("b.csv", 1, 2)
    text = decided_by(Link(a, b, value, "abstract", {}, threshold))
    assert text == f"{shown} (abstract_match), >= 0.65 (abstract_maybe)"


def test_the_paper_key_of_the_help_example_names_a_seed_paper():
    """`explain --help` showed `--paper beyer2021robustness`, a key no page gives (that paper's
    first author is Djolonga): copied onto the seed pages, the example failed with exit 2."""
    help_text = invoke("explain", "--help").stdout
    key = re.search(r"--paper (\S+)", help_text.split("Examples:", 1)[1]).group(1)
    result = invoke("explain", *sorted(EXAMPLES.glob("*.txt")), "--paper", key)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", ["explain", "parse"])
def test_piped_tables_have_one_line_headings_and_no_trailing_spaces(tmp_path, command):
    """A file or a pipe keeps what rich pads; headings stay whole lines for grep."""
    args = with_maybe_pairs(tmp_path) if command == "explain" else seed_pages()
    out = invoke(command, *args, env={"COLUMNS": "80"})
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert [line for line in lines if line != line.rstrip()] == []
    headings = [line for line in lines if re.match(r"(\w+: |Maybe pair \d|== )", line)]
    assert len(headings) >= 2 and any(len(line) > 80 for line in headings)


def test_a_piped_table_is_not_cropped_at_80_columns(tmp_path, monkeypatch):
    """Piped, rich took 80 columns and cropped the evidence table's last cells (`ids` read
    `DOI sa`, the border lost); $COLUMNS still decides where it is set."""
    monkeypatch.delenv("COLUMNS", raising=False)
    refs = tmp_path / "refs.bib"
    refs.write_text(
        "@article{a, title = {Deep learning for cats}, author = {Smith, John}, year = 2020,"
        " doi = {10.1234/c.1}}\n"
        "@article{b, title = {Deep learning for cats}, author = {Smith, John}, year = 2020,"
        " doi = {https://doi.org/10.1234/c.1}}\n",
        encoding="utf-8",
    )
    table = invoke("explain", refs).stdout
    assert "DOI same" in table
    borders = [line for line in table.splitlines() if line and line[0] in "┏┃┡│└"]
    assert borders and all(line[-1] in "┓┃┩│┘" for line in borders)
    narrow = invoke("explain", refs, env={"COLUMNS": "60"}).stdout
    assert max(map(len, narrow.splitlines())) <= 60
