"""Scale: progress callback, run statistics, parallel scoring, linear candidate growth, and the
fast paths (ASCII text, LaTeX words, chunked JSON) giving exactly what the slow paths give."""

from __future__ import annotations

import io
import json
import os
import random
import re
import string
from collections import Counter
from dataclasses import replace

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from pubdedup import candidates, forked, normalize, pipeline, scoring
from pubdedup.candidates import candidate_pairs
from pubdedup.cli import main
from pubdedup.cli.report import progress_bars, stats_line
from pubdedup.config import MatchConfig
from pubdedup.features import features_of
from pubdedup.model import Record, Source
from pubdedup.pipeline import run, with_title_counts
from pubdedup.readers import read_text
from pubdedup.readers.latex import _convert, latex_to_text, lone_dollar_escaped, words
from pubdedup.score import Verdict
from pubdedup.writers import json_out
from tests.conftest import read

CONFIG = MatchConfig()


def seed_result(seed_pages, **kwargs):
    return run([read_text(read(p), p.name) for p in seed_pages], **kwargs)


# --- progress and statistics -----------------------------------------------------------------


def test_progress_callback_reports_every_stage_up_to_its_total(seed_pages):
    calls = []
    seed_result(seed_pages, progress=lambda *call: calls.append(call))
    stages = list(dict.fromkeys(stage for stage, _, _ in calls))
    assert stages == ["normalise", "candidates", "score", "merge"]
    for stage in ("normalise", "score", "merge"):
        done, total = [c[1:] for c in calls if c[0] == stage][-1]
        assert done == total > 0
    assert all(0 <= done <= total for _, done, total in calls if total)


def test_stats_count_records_and_pairs(seed_pages):
    result = seed_result(seed_pages)
    stats = result.stats
    assert stats["records"] == result.record_count == 27
    assert 0 < stats["scored_pairs"] <= stats["candidate_pairs"] < 27 * 26 // 2
    line = stats_line(result, 1.5)
    assert line.startswith("pubdedup: stats: records=27 candidate_pairs=")
    assert line.endswith(f"papers={len(result.papers)} maybe={len(result.maybe)} seconds=1.50")


def test_cli_stats_line_and_no_progress_when_stderr_is_not_a_terminal(seed_pages):
    done = CliRunner().invoke(main, ["merge", *map(str, seed_pages), "-q", "--stats"])
    assert done.exit_code == 0
    assert done.stderr.startswith("pubdedup: stats: records=27 candidate_pairs=")
    assert done.stderr.count("\n") == 1  # that line only: no bars, no summary
    stages = re.findall(r" (\w+)=[0-9]+\.[0-9]{2}\b", done.stderr)[1:]  # after seconds=
    assert stages == ["read", "normalise", "candidates", "score", "cluster", "merge", "write"]


def test_progress_bars_draw_each_stage_on_a_terminal():
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100)
    with progress_bars(console) as progress:
        progress("normalise", 10, 20)
        progress("candidates", 0, 0)
        progress("score", 5, 5)
    assert "normalise" in out.getvalue() and "score" in out.getvalue()


# --- parallel scoring ---------------------------------------------------------------------


def synthetic_records(n: int, seed: int = 1) -> list[Record]:
    """n records of random titles over a Zipf-like vocabulary; about a third have a copy."""
    rng = random.Random(seed)
    vocab = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(4, 9))) for _ in range(5000)]
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    records = []
    while len(records) < n:
        title = " ".join(rng.choices(vocab, weights, k=rng.randint(4, 10)))
        authors = (f"{rng.choice(string.ascii_uppercase)}. {rng.choice(vocab).title()}",)
        copies = 2 if rng.random() < 0.33 else 1
        for c in range(copies):
            text = title if c == 0 else title.upper()
            source = Source(f"f{c}.csv", len(records), None, str(len(records)))
            year = 1990 + rng.randrange(30)
            records.append(Record(source, title=text, authors=authors, year=year))
    return records[:n]


def features(records):
    return with_title_counts([features_of(r) for r in records])


def test_parallel_scoring_gives_the_serial_result(monkeypatch):
    items = features(synthetic_records(600))
    pairs = list(candidate_pairs(items, CONFIG)) + [(0, k) for k in range(1, 400)]
    serial = scoring.score_pairs(items, pairs, CONFIG)
    monkeypatch.setattr(scoring, "PARALLEL_MIN_PAIRS", 0)
    monkeypatch.setattr(scoring, "SLICE", 37)
    ticks = []
    parallel = scoring.score_pairs(items, pairs, CONFIG, lambda *t: ticks.append(t))
    assert scoring.workers_for(len(pairs)) > 1 or os.cpu_count() == 1
    assert parallel == serial
    assert ticks[-1] == ("score", len(pairs), len(pairs))
    # Without veto evidence the vetoes come back as bare pairs, the same ones either way.
    lean = scoring.score_pairs(items, pairs, CONFIG, veto_evidence=False)
    monkeypatch.setattr(scoring, "PARALLEL_MIN_PAIRS", 10**9)
    lean_serial = scoring.score_pairs(items, pairs, CONFIG, veto_evidence=False)
    assert lean == lean_serial
    assert len(lean.vetoed) > 0
    vetoes = {(i, j) for i, j, c in serial.said if c.verdict is Verdict.DISTINCT}
    assert set(lean.vetoed) == vetoes
    assert [s for s in serial.said if s[2].verdict is not Verdict.DISTINCT] == lean.said


def test_parallel_features_give_the_serial_ones(monkeypatch):
    records = synthetic_records(300)
    serial = pipeline._features(records, None)
    monkeypatch.setattr(forked, "PARALLEL_MIN_RECORDS", 0)
    monkeypatch.setattr(pipeline, "FEATURE_SLICE", 37)
    ticks = []
    parallel = pipeline._features(records, lambda *t: ticks.append(t))
    assert forked.workers_for(len(records), 0) > 1 or os.cpu_count() == 1
    assert parallel == serial
    assert all(a.record is b for a, b in zip(parallel, records, strict=True))
    assert ticks[-1] == ("normalise", 300, 300)


def test_parallel_merging_gives_the_serial_papers(monkeypatch):
    """Papers merged by workers come back with the parent's own records, in the same order."""
    inputs = [read_text(DUPLICATES_BIB, "a.bib"), read_text(DUPLICATES_BIB, "b.bib")]
    serial = run(inputs).papers
    monkeypatch.setattr(forked, "PARALLEL_MIN_RECORDS", 0)
    monkeypatch.setattr(pipeline, "MERGE_SLICE", 1)
    ticks = []
    parallel = run(inputs, progress=lambda *t: ticks.append(t)).papers
    assert forked.workers_for(len(serial), 0) > 1 or os.cpu_count() == 1
    assert parallel == serial and [len(p.records) for p in serial] == [2, 4]
    records = [r for parsed in inputs for r in parsed.records]
    assert all(any(r is own for own in records) for p in parallel for r in p.records)
    assert [t for t in ticks if t[0] == "merge"][-1] == ("merge", 2, 2)


DUPLICATES_BIB = """
@article{a, title = {Scaling vision transformers}, author = {Zhai, X. and Beyer, L.}, year = 2022}
@misc{b, title = {Scaling Vision Transformers}, author = {Xiaohua Zhai}, year = 2021,
  eprint = {2106.04560}, archiveprefix = {arXiv}}
@article{c, title = {Big transfer}, author = {Kolesnikov, A.}, year = 2020}
"""


def test_parallel_blocking_keys_give_the_serial_pairs(monkeypatch):
    items = features(synthetic_records(600))
    serial = list(candidate_pairs(items, CONFIG))
    monkeypatch.setattr(forked, "PARALLEL_MIN_RECORDS", 0)
    monkeypatch.setattr(candidates, "KEY_SLICE", 37)
    assert list(candidate_pairs(items, CONFIG)) == serial


def test_pairs_are_held_as_numbers_and_read_as_index_pairs():
    pairs = candidate_pairs(features(synthetic_records(600)), CONFIG)
    as_list = list(pairs)
    assert len(pairs) == len(as_list) > 10 and as_list == sorted(set(as_list))
    assert all(i < j for i, j in as_list)
    assert pairs[3] == as_list[3] and pairs[-1] == as_list[-1]
    assert pairs[2:9] == as_list[2:9]


def test_candidate_pairs_grow_about_linearly():
    counts = {n: len(list(candidate_pairs(features(synthetic_records(n)), CONFIG)))
              for n in (2000, 4000, 8000)}  # fmt: skip
    assert counts[4000] <= 2.3 * counts[2000]
    assert counts[8000] <= 2.3 * counts[4000]
    assert counts[8000] < 8000 * 3  # a few pairs per record, not n x n


def test_every_copy_is_a_candidate_pair():
    records = synthetic_records(3000)
    pairs = set(candidate_pairs(features(records), CONFIG))
    copies = [(i, i + 1) for i in range(len(records) - 1)
              if records[i + 1].source.file == "f1.csv"]  # fmt: skip
    assert copies and all(pair in pairs for pair in copies)


def test_earlier_papers_leave_the_other_records_pairs_as_a_run_without_them_finds():
    """Yesterday's papers are copies of today's records: counted, they made other words the
    rarest and blocks larger, and two records a run had joined were no longer compared in the
    next run over its output."""
    records = sorted(synthetic_records(3000), key=lambda r: r.source.sort_key)
    earlier = [
        replace(r, source=Source("out.json", k, None, f"p{k}"), merged=True, held=(r.source,))
        for k, r in enumerate(records[:2000])
    ]
    everything = sorted([*records, *earlier], key=lambda r: r.source.sort_key)
    followers = {k for k, r in enumerate(everything) if r.merged}
    pairs = set(candidate_pairs(features(everything), CONFIG, followers))
    others = [k for k in range(len(everything)) if k not in followers]
    alone = {(others[i], others[j]) for i, j in candidate_pairs(features(records), CONFIG)}
    assert {(i, j) for i, j in pairs if i not in followers and j not in followers} == alone
    assert any(i in followers or j in followers for i, j in pairs)


def test_a_held_pair_is_a_candidate_in_a_large_block():
    """An earlier paper and the record it lists meet whatever their block: of many copies of
    one title a large block compares only neighbours."""
    items = features(one_large_block(200))
    config = replace(CONFIG, full_block_size=10, block_window=3)
    assert (0, 150) not in set(candidate_pairs(items, config))
    assert (0, 150) in set(candidate_pairs(items, config, held=[(150, 0)]))


def test_the_letters_key_needs_a_title_of_title_key_letters():
    from pubdedup.candidates import blocking_keys

    def letters_keys(title):
        item = features_of(Record(Source("f.csv", 0, None, "0"), title=title))
        return [k for k in blocking_keys(item, Counter(), CONFIG) if k.startswith("letters:")]

    assert letters_keys("Deep networks for vision") == []  # 18 letters
    assert letters_keys("Deep neural networks for vision") == ["letters:deepneuralnetworksvision"]


@pytest.mark.parametrize(
    "broken",
    [
        "Diversity-based inference of finite au tomata",  # split at a line break
        "Diversitybased inference of finiteautomata",  # joined
    ],
)
def test_a_title_with_a_word_split_or_joined_is_a_candidate_of_its_copies(broken):
    copy = "Diversity-based inference of finite automata"
    others = [f"Inference of finite {w} automata" for w in ("tree", "cellular", "timed")]
    titles = [copy] * 8 + [broken] * 2 + others  # two: the broken words are keys of their own
    records = [Record(Source("f.csv", k, None, str(k)), title=t, year=1987)
               for k, t in enumerate(titles)]  # fmt: skip
    items = features(records)
    assert (0, 8) in set(candidate_pairs(items, CONFIG))
    without = replace(CONFIG, title_key_letters=1000)  # the letters key is what finds it
    assert (0, 8) not in set(candidate_pairs(items, without))


def place_keys(**fields) -> list[str]:
    from pubdedup.candidates import blocking_keys

    item = features_of(Record(Source("f.csv", 0, None, "0"), **fields))
    return [k for k in blocking_keys(item, Counter(), CONFIG) if k.startswith("place:")]


TEAM = ("Schlottmann, K.", "Gelbmann, C.", "Lock, G.")


@pytest.mark.parametrize(
    "fields, keyed",
    [
        (dict(title="A new needle", authors=TEAM, volume="96", pages="321-324"), True),
        (dict(title="A new needle", authors=TEAM[:1], volume="96", pages="321-324"), False),
        (dict(title="A new needle", authors=TEAM, volume="96", pages="321"), False),
        (dict(title="A new needle", authors=TEAM, pages="321-324"), False),
        (dict(title=None, abstract="x " * 50, authors=TEAM, volume="96", pages="321-324"), False),
    ],
    ids=["a-teams-article", "one-persons-item", "a-single-page", "no-volume", "untitled"],
)
def test_a_volume_and_range_of_pages_key_a_teams_titled_article(fields, keyed):
    assert bool(place_keys(**fields)) is keyed


def test_a_translated_title_meets_its_copy_by_volume_and_pages():
    """MEDLINE's bracketed translation and the journal's own English title share few rare
    words: no title key joins them, their volume and page range do."""
    bracketed = "[A new paracentesis needle for ascites and pleural effusion compared with the venous indwelling catheter. A prospective, randomized study]"  # noqa: E501
    english = "A new paracentesis device for ascites and pleural effusions compared with angiocath - A prospective randomized study"  # noqa: E501
    topic = [f"Ascites and pleural effusion in {w} patients treated by paracentesis"
             for w in ("elderly", "cirrhotic", "renal", "cardiac", "septic", "obese")]  # fmt: skip
    titles = [bracketed, english, *topic]
    records = [
        Record(Source("f.csv", k, None, str(k)), title=t, year=2001, authors=TEAM,
               authors_complete=True, volume="96" if k < 2 else str(k), pages="321-324",
               venue="Med Klin")
        for k, t in enumerate(titles)
    ]  # fmt: skip
    assert (0, 1) in set(candidate_pairs(features(records), CONFIG))
    papers, _ = pipeline.deduplicate(records, CONFIG)
    (paper,) = [p for p in papers if any(r.source.index == 0 for r in p.records)]
    assert sorted(r.source.index for r in paper.records) == [0, 1]


def one_large_block(n: int) -> list[Record]:
    """n records whose only shared key is their two common title words (no other key joins
    them: each record's other words, and so its opening and initials keys, are its own)."""
    letters = [a + b for a in string.ascii_lowercase for b in string.ascii_lowercase]
    return [
        Record(Source("f.csv", k, None, str(k)), title=f"alpha beta {x}x{k} {y}y{k}", year=2000)
        for k, (x, y) in enumerate(letters[:n])
    ]


def test_a_large_block_pairs_each_record_with_its_title_neighbours():
    items = features(one_large_block(150))
    everything = set(candidate_pairs(items, replace(CONFIG, full_block_size=500)))
    assert len(everything) == 150 * 149 // 2  # within full_block_size: every pair
    windowed = set(candidate_pairs(items, replace(CONFIG, full_block_size=10, block_window=3)))
    assert 150 * 3 - 6 <= len(windowed) <= 2 * (150 * 3 - 6)  # linear in the block's size
    for order in (
        sorted(range(150), key=lambda k: items[k].title),
        sorted(range(150), key=lambda k: items[k].title[::-1]),  # the titles' ends
    ):
        neighbours = {tuple(sorted(p)) for p in zip(order, order[1:], strict=False)}
        assert neighbours <= windowed < everything


def test_a_run_of_look_alike_titles_in_a_large_block_is_paired_all_with_all():
    records = one_large_block(150)
    cited = "alpha beta strength of weak learnability"  # one paper, cited thirty times
    records[:30] = [replace(r, title=cited + ("" if k % 2 else " (extended)"), year=1990 + k)
                    for k, r in enumerate(records[:30])]  # fmt: skip
    items = features(records)
    windowed = set(candidate_pairs(items, replace(CONFIG, full_block_size=10, block_window=3)))
    copies = {(i, j) for i in range(30) for j in range(i + 1, 30)}
    assert copies <= windowed  # no two alike: all with all
    assert len(windowed) < 150 * 149 // 2 // 4


def test_identical_copies_in_a_run_are_compared_through_the_first_of_them():
    records = one_large_block(400)
    records[:300] = [replace(r, title="alpha beta strength of weak learnability")
                     for r in records[:300]]  # fmt: skip
    items = features(records)
    pairs = set(candidate_pairs(items, replace(CONFIG, full_block_size=10, block_window=3)))
    run = {(i, j) for i, j in pairs if j < 300}
    assert len(run) <= 300 * 4 + 300  # each copy with its window, the first with all
    assert all((k, k + 1) in run for k in range(299))  # every copy still reaches the next


def test_a_typo_copy_after_a_long_run_of_another_work_meets_its_own_copies():
    """Copies of a 1993 paper, 70 records of a 1999 work with the same title, then the 1993
    paper with a typo: the typo copies sort after the whole run, and still meet the first."""
    title = "alpha beta learning relational models from data"
    records = one_large_block(100)
    records[:77] = [replace(r, title=title if k < 75 else title.replace("data", "dta"),
                            year=1999 if 5 <= k < 75 else 1993)
                    for k, r in enumerate(records[:77])]  # fmt: skip
    items = features(records)
    pairs = set(candidate_pairs(items, replace(CONFIG, full_block_size=10, block_window=3)))
    assert {(0, 75), (0, 76)} <= pairs


@pytest.mark.parametrize(
    "first, typo_pairs_with",
    [
        # The first copy has no DOI, a later one has; the typo copy has another DOI.
        ({}, (1, 11)),
        # The first copy is an erratum of the paper: it cannot speak for the paper's copies.
        ({"title": "alpha beta learning relational models from data [Erratum]"}, (1, 11)),
    ],
)  # fmt: skip
def test_only_records_alike_in_every_field_are_compared_through_the_first(first, typo_pairs_with):
    title = "alpha beta learning relational models from data"
    records = one_large_block(40)
    records[:12] = [replace(r, title=title, year=1995) for r in records[:12]]
    records[0] = replace(records[0], **first)
    if not first:
        records[1] = replace(records[1], doi="10.1000/aaa")
    records[11] = replace(records[11], title=title.replace("data", "dta"), doi="10.1000/bbb")
    items = features(records)
    pairs = set(candidate_pairs(items, replace(CONFIG, full_block_size=5, block_window=3)))
    assert typo_pairs_with in pairs


# --- fast paths, exactly as the slow ones ------------------------------------------------------


def slow_match_text(text):
    return normalize.words_of(normalize.lower_latin(text), normalize._NON_WORD)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_match_text_is_the_general_one(text):
    assert normalize.match_text(text) == (slow_match_text(text) if text else "")


LATEX = [
    r"An introduction to computer typesetting\slash" + "\n   photo-composition",
    r"Monday 19 October\emdash" + "\n   Friday",
    r"{The {\TeX}book} and \TeX{} for {B}ayesian \'{e}t\'e 50\% of it",
    r"spin--lattice and ``quoted'' text, ?`que? in \TeX",
    r"\url {http://x.y} and \em emphasised {\bf bold} words",
    r'{"$Important" Keyword and "\Important" Special-Use Attribute}',
    r"a \\ b $x^2 + y_1$ c~d \' e",
    "50% of users in \\LaTeX\nnext line",
    r"text \begin{itemize} \item one \item two \end{itemize} after",
]


@pytest.mark.parametrize("value", LATEX)
def test_latex_word_by_word_is_the_whole_value_converted(value):
    assert "\\" in value  # values without a command only lose their braces
    latex_to_text.cache_clear()
    assert latex_to_text(value) == _convert(lone_dollar_escaped(value))


def test_latex_words_never_split_a_command_from_its_argument():
    assert words(r"a \'  e b") == ["a", r"\'  e", "b"]
    assert words(r"x {a b} $c d$ y") == ["x", "{a b}", "$c d$", "y"]


def test_chunked_json_is_json_dumps(seed_pages, monkeypatch):
    result = seed_result(seed_pages)
    expected = json.dumps(json_out.result_dict(result), ensure_ascii=False, indent=2) + "\n"
    monkeypatch.setattr(json_out, "CHUNK", 2)
    assert json_out.write_json(result) == expected
    monkeypatch.setattr(forked, "PARALLEL_MIN_RECORDS", 0)  # slices encoded by workers too
    assert forked.workers_for(len(result.papers), 0) > 1 or os.cpu_count() == 1
    assert json_out.write_json(result) == expected
    empty = run([])
    expected = json.dumps(json_out.result_dict(empty), ensure_ascii=False, indent=2) + "\n"
    assert json_out.write_json(empty) == expected


# --- clustering keeps sets only for groups that need them --------------------------------------


def reference_cluster(n, links, vetoes):
    """The plain constrained union-find: a set per record, as before."""
    parent, members = list(range(n)), {i: {i} for i in range(n)}
    forbidden = {i: set() for i in range(n)}
    for i, j in vetoes:
        forbidden[i].add(j)
        forbidden[j].add(i)

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    refused = []
    for i, j in links:
        a, b = find(i), find(j)
        if a == b:
            continue
        if forbidden[a] & members[b]:
            refused.append((i, j))
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        parent[b] = a
        members[a] |= members.pop(b)
        forbidden[a] |= forbidden.pop(b)
    return sorted(sorted(m) for m in members.values()), refused


def test_lean_union_find_gives_the_plain_one():
    from pubdedup.cluster import cluster

    rng = random.Random(7)
    for _ in range(500):
        n = rng.randint(1, 25)
        links = [(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(0, 30))]
        vetoes = [(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(0, 8))]
        links = [(i, j) for i, j in links if i != j]
        vetoes = [(i, j) for i, j in vetoes if i != j]
        assert cluster(n, links, vetoes) == reference_cluster(n, links, vetoes)


def test_a_group_holds_one_record_of_each_class_as_if_each_pair_were_vetoed():
    """The papers of one earlier output are never joined, even through records that were
    compared with one of them only: as if every pair of them were a veto in reach."""
    from pubdedup.cluster import cluster

    rng = random.Random(11)
    for _ in range(500):
        n = rng.randint(2, 25)
        links = [(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(0, 30))]
        links = [(i, j) for i, j in links if i != j]
        one_of = {k: rng.choice("ab") for k in rng.sample(range(n), rng.randint(0, n))}
        alike = [(i, j) for i in one_of for j in one_of if i < j and one_of[i] == one_of[j]]
        assert cluster(n, links, (), one_of=one_of) == reference_cluster(n, links, alike)
    groups, refused = cluster(3, [(0, 1), (1, 2)], (), one_of={0: "out.json", 2: "out.json"})
    assert groups == [[0, 1], [2]] and refused == [(1, 2)]


def test_only_vetoes_that_links_could_join_are_kept():
    from pubdedup.cluster import within_reach

    links = [(0, 1), (1, 2), (5, 6)]
    vetoes = [(0, 2), (0, 5), (2, 6), (3, 4), (5, 6), (7, 8)]
    assert within_reach(links, vetoes) == [(0, 2), (5, 6)]
    assert within_reach([], vetoes) == []
