"""`pubdedup review`: scripted answers go to the decisions file, in the documented format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pubdedup.cli import main
from pubdedup.decisions import TOML_HEADER, parse_decisions
from pubdedup.errors import ExitCode
from tests.conftest import DATA, EXAMPLES

NOTE = "reviewed; matcher said abstract 0.87 < 0.90 (abstract_match), >= 0.65 (abstract_maybe)"
VIT_START = (
    "While the Transformer architecture has become the de-facto standard for natural language"
)
EDITED_START = VIT_START.replace("Transformer", "Trans-former")
IMPLIED = NOTE.replace("reviewed;", "implied by earlier answers;")
EXPECTED_TOML = f"""{TOML_HEADER}
[[decision]]
decision = "different"
records = [
  {{ file = "pages/000_0b40a0d7e21e786a.txt", index = 8, abstract = "{VIT_START}" }},
  {{ file = "pages/zhai_edited.txt", index = 0, abstract = "{EDITED_START}" }},
]
note = "{NOTE}"

[[decision]]
decision = "different"
records = [
  {{ file = "pages/004_fa9fe8a296857bdd.txt", index = 8, abstract = "{VIT_START}" }},
  {{ file = "pages/zhai_edited.txt", index = 0, abstract = "{EDITED_START}" }},
]
note = "{IMPLIED}"
"""


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(map(str, args)), input=input)


def inputs(tmp_path):
    """Two maybe pairs: the ViT abstract on both seed pages against an edited copy (0.87).

    The pages are copied next to the decisions file, so that review writes their paths from it
    the same on every machine: pages/NAME.
    """
    config = tmp_path / "config.json"
    config.write_text('{"abstract_match": 0.9}', encoding="utf-8")
    (tmp_path / "pages").mkdir(exist_ok=True)
    pages = []
    for page in [*sorted(EXAMPLES.glob("*.txt")), DATA / "pages" / "zhai_edited.txt"]:
        pages.append(Path(shutil.copy(page, tmp_path / "pages" / page.name)))
    return [*pages, "--config", config]


def test_scripted_answers_are_written_as_documented(tmp_path):
    decisions = tmp_path / "decisions.toml"
    out = invoke("review", *inputs(tmp_path), "--decisions", decisions, input="maybe\nd\n")
    assert out.exit_code == 0, out.output
    assert "'maybe' is not one of" in out.stdout  # a wrong answer is asked again
    assert "Matcher: abstract 0.87 < 0.90" in out.stdout
    # The copies on the two seed pages are identical (one paper): once the first is different
    # from the edited copy, so is the second. That pair is not asked, but written as implied;
    # asking it only invited an answer contradicting the first.
    assert "Maybe pair 1 of 2" in out.stdout and "Maybe pair 2 of 2" not in out.stdout
    assert decisions.read_text(encoding="utf-8") == EXPECTED_TOML
    assert "(0 same, 2 different, 1 implied by earlier answers); 0 pair(s) left" in out.stderr
    again = invoke("review", *inputs(tmp_path), "--decisions", decisions, input="q\n")
    assert again.exit_code == 0 and "No maybe pairs to review." in again.stderr
    merged = invoke("merge", *inputs(tmp_path), "--decisions", decisions, "--fail-on-maybe")
    assert merged.exit_code == 0, merged.stderr


@pytest.mark.parametrize(
    "answer, verdict",
    [("s", "same"), ("y", "same"), ("yes", "same"), ("n", "different"), ("d", "different")],
)
def test_an_answer_settles_the_pairs_it_implies(tmp_path, answer, verdict):
    # "Same paper?" is a yes-no question: `y` and `n` answer it as `s` and `d` do.
    decisions = tmp_path / "decisions.toml"
    out = invoke("review", *inputs(tmp_path), "--decisions", decisions, input=answer + "\n")
    assert out.exit_code == 0 and "Maybe pair 2 of 2" not in out.stdout
    parsed = parse_decisions(decisions.read_text("utf-8"), str(decisions))
    verdicts = [d.verdict for d in parsed.items]
    assert verdicts == [verdict, verdict]
    merged = invoke("merge", *inputs(tmp_path), "--decisions", decisions, "--fail-on-maybe")
    assert merged.exit_code == 0, merged.stderr


def test_answers_are_appended_after_what_a_person_wrote(tmp_path):
    decisions = tmp_path / "decisions.toml"
    mine = "# my own notes\n[[decision]]\ndecision = 'same'\nrecords = ['A title', 'Another']\n"
    decisions.write_text(mine, encoding="utf-8")
    out = invoke("review", *inputs(tmp_path), "--decisions", decisions, input="k\nd\n")
    assert out.exit_code == 0, out.output
    text = decisions.read_text(encoding="utf-8")
    assert text.startswith(mine) and text.count("[[decision]]") == 2
    assert [d.verdict for d in parse_decisions(text, str(decisions)).items] == [
        "same",
        "different",
    ]
    assert "1 pair(s) left undecided" in out.stderr


def test_quit_or_end_of_input_keeps_the_answers_given(tmp_path):
    decisions = tmp_path / "decisions.toml"
    out = invoke("review", *inputs(tmp_path), "--decisions", decisions, input="q\n")
    assert out.exit_code == 0
    # Nothing decided: the summary says `0 decision(s) written to …`, and the file is there,
    # with no decisions, for the next `merge --decisions` (which refuses a missing file).
    assert "0 decision(s) written to" in out.stderr
    assert decisions.read_text(encoding="utf-8") == TOML_HEADER
    assert parse_decisions(TOML_HEADER, str(decisions)).items == ()
    out = invoke("review", *inputs(tmp_path), "--decisions", decisions, input="k\ns\n")
    assert out.exit_code == 0, out.output
    assert decisions.read_text(encoding="utf-8").count("[[decision]]") == 1  # the second


def test_accept_all_and_reject_all_decide_without_asking(tmp_path):
    decisions = tmp_path / "decisions.json"
    out = invoke("review", *inputs(tmp_path), "--decisions", decisions, "--accept-all")
    assert out.exit_code == 0 and out.stdout == ""
    doc = json.loads(decisions.read_text(encoding="utf-8"))
    assert [d["decision"] for d in doc["decision"]] == ["same", "same"]
    assert doc["decision"][0]["records"][1] == {
        "file": "pages/zhai_edited.txt",
        "index": 0,
        "abstract": EDITED_START,
    }
    merged = invoke("merge", "-f", "json", *inputs(tmp_path), "--decisions", decisions)
    papers = json.loads(merged.stdout)["papers"]
    vit = next(
        p
        for p in papers
        if p["sources"][-1]["file"].endswith("zhai_edited.txt") and p["sources"][-1]["index"] == 0
    )
    assert len(vit["sources"]) == 3
    assert [link["rule"] for link in vit["links"]] == ["decided-same"] * 3
    rejected = tmp_path / "rejected.toml"
    out = invoke("review", *inputs(tmp_path), "--decisions", rejected, "--reject-all")
    assert out.exit_code == 0
    items = parse_decisions(rejected.read_text(encoding="utf-8"), str(rejected)).items
    assert [d.verdict for d in items] == ["different", "different"]


def test_review_needs_a_decisions_file_and_one_of_accept_or_reject(tmp_path):
    no_file = invoke("review", *inputs(tmp_path))
    assert no_file.exit_code == ExitCode.USAGE and "--decisions" in no_file.stderr
    both = invoke(
        "review",
        *inputs(tmp_path),
        "--decisions",
        tmp_path / "d.toml",
        "--accept-all",
        "--reject-all",
    )
    assert both.exit_code == ExitCode.USAGE


def test_a_pair_an_earlier_session_settled_is_not_asked_again(tmp_path):
    """Only the first pair was answered `different` (a session quit before the implied second
    pair was written, or a hand-written decision): the second pair is the same paper's other
    copy against the same record, settled by the first. It is not left as a maybe pair for
    `--fail-on-maybe`, and a later session does not ask it (a `same` would contradict)."""
    decisions = tmp_path / "decisions.toml"
    first = EXPECTED_TOML.split("\n[[decision]]")[1]
    decisions.write_text(f"{TOML_HEADER}\n[[decision]]{first}", encoding="utf-8")
    merged = invoke("merge", *inputs(tmp_path), "--decisions", decisions, "--fail-on-maybe")
    assert merged.exit_code == 0, merged.stderr
    again = invoke("review", *inputs(tmp_path), "--decisions", decisions, input="s\n")
    assert again.exit_code == 0 and "No maybe pairs to review." in again.stderr
    assert decisions.read_text(encoding="utf-8").count("[[decision]]") == 1


def test_an_unwritable_decisions_file_fails_before_the_first_pair_is_asked(tmp_path):
    """A read-only decisions file, or one in a missing directory, fails the review before
    the run (minutes on a large input) and before a person answers a pair that cannot be kept."""
    read_only = tmp_path / "decisions.toml"
    read_only.write_text(TOML_HEADER, encoding="utf-8")
    read_only.chmod(0o444)
    for decisions in (read_only, tmp_path / "missing" / "decisions.toml"):
        for extra in ((), ("--accept-all",)):
            out = invoke("review", *inputs(tmp_path), "--decisions", decisions, *extra, input="s\n")
            assert out.exit_code == ExitCode.OUTPUT, out.output
            assert "Maybe pair" not in out.stdout and "warning" not in out.stderr
            assert f"error: {decisions}: " in out.stderr
    assert read_only.read_text(encoding="utf-8") == TOML_HEADER


def test_review_refuses_decisions_on_stdin(tmp_path, monkeypatch):
    """`--decisions -` would read the decisions from stdin, where the answers come from, and
    write them to a file named `-`, which the next review would not read."""
    monkeypatch.chdir(tmp_path)
    out = invoke("review", *inputs(tmp_path), "--decisions", "-", "--accept-all")
    assert out.exit_code == ExitCode.USAGE and "give a file, not -" in out.stderr
    assert not (tmp_path / "-").exists()


def test_a_review_with_no_pair_leaves_a_decisions_file_the_next_merge_reads(tmp_path):
    decisions = tmp_path / "decisions.json"
    pages = sorted(EXAMPLES.glob("*.txt"))
    out = invoke("review", *pages, "--decisions", decisions, input="")
    assert out.exit_code == 0 and out.stdout == ""
    assert out.stderr == f"No maybe pairs to review; {decisions} written with no decisions.\n"
    assert json.loads(decisions.read_text(encoding="utf-8")) == {"decision": []}
    assert invoke("merge", *pages, "--decisions", decisions).exit_code == 0
    again = invoke("review", *pages, "--decisions", decisions, input="")
    assert again.stderr == "No maybe pairs to review.\n"  # there already: not written again


SCALING_BIB = """@article{zhai2022scaling,
  title = {Scaling Vision Transformers},
  author = {Zhai, Xiaohua and Kolesnikov, Alexander and Houlsby, Neil and Beyer, Lucas},
  journal = {CVPR},
  year = {2022},
}
"""


def test_quitting_still_writes_the_pairs_the_answers_settle(tmp_path):
    # A title-only entry against two abstracts on each seed page: four maybe pairs, the two
    # pages' copies of an abstract being one paper. After one answer and the end of input, the
    # other page's copy of that pair is settled by it: written as implied, and not counted as
    # left undecided, as merge does not count it unreviewed (the summary said 3, merge 2).
    bib = tmp_path / "mine.bib"
    bib.write_text(SCALING_BIB, encoding="utf-8")
    pages = [shutil.copy(p, tmp_path / p.name) for p in sorted(EXAMPLES.glob("*.txt"))]
    decisions = tmp_path / "decisions.toml"
    out = invoke("review", *pages, bib, "--decisions", decisions, input="d\n")
    assert out.exit_code == 0, out.output
    assert "Maybe pair 1 of 4" in out.stdout
    assert "(0 same, 2 different, 1 implied by earlier answers); 2 pair(s) left" in out.stderr
    text = decisions.read_text(encoding="utf-8")
    assert [d.verdict for d in parse_decisions(text, str(decisions)).items] == ["different"] * 2
    merged = invoke("merge", *pages, bib, "--decisions", decisions, "--fail-on-maybe")
    assert merged.exit_code == ExitCode.MAYBE_PAIRS
    assert "2 maybe pair(s) of records, between 1 pair(s) of papers, left" in merged.stderr
