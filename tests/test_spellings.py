"""Of copies of one value that differ only in case and accents, the merge keeps the best-kept
form: Web of Science's folded, upper-cased `Muller, Jurgen` and `JOURNAL OF …` give way to the
other copies' `Müller, Jürgen` and `Journal of …`, whatever the files are called."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pubdedup.cli import main
from pubdedup.merge import merge_records
from pubdedup.model import Record, Source
from pubdedup.spellings import best_twin, form_rank, twin_key

# One paper as Web of Science's plain-text export and a Zotero RIS export give it.
WOS = """FN Clarivate Analytics Web of Science
VR 1.0
PT J
AU Muller, J
   Lopez, M
   Chen, W
AF Muller, Jurgen
   Lopez, Maria
   Chen, Wei
TI DEEP LEARNING FOR SPARSE GRAPH MATCHING WITH NOISY LABELS
SO JOURNAL OF MACHINE LEARNING RESEARCH
DT Article
PY 2021
VL 22
BP 101
EP 130
DI 10.5555/jmlr.2021.0042
UT WOS:000123456700001
ER

EF
"""
RIS = """TY  - JOUR
AU  - Müller, Jürgen
AU  - López, María
TI  - Deep Learning for Sparse Graph Matching with Noisy Labels
T2  - Journal of Machine Learning Research
PY  - 2021
VL  - 22
SP  - 101
EP  - 130
DO  - 10.5555/jmlr.2021.0042
ER  -
"""


def rec(file: str, **fields) -> Record:
    return Record(source=Source(file, 0, 1, None, None), **fields)


@pytest.mark.parametrize("wos_name, ris_name", [("a.txt", "b.ris"), ("b.txt", "a.ris")])
def test_a_web_of_science_copy_gives_way_to_the_accented_mixed_case_one(
    tmp_path, wos_name, ris_name
):
    # The Web of Science file sorting first (and its longer list leading) made its folded
    # names the paper's: `Muller, Jurgen`, `Lopez, Maria`.
    (tmp_path / wos_name).write_text(WOS, encoding="utf-8")
    (tmp_path / ris_name).write_text(RIS, encoding="utf-8")
    files = [str(tmp_path / wos_name), str(tmp_path / ris_name)]
    result = CliRunner().invoke(main, ["merge", "-f", "json", "-q", *files])
    assert result.exit_code == 0, result.stderr
    (paper,) = json.loads(result.stdout)["papers"]
    assert paper["authors"] == ["Müller, Jürgen", "López, María", "Chen, Wei"]
    assert paper["title"] == "Deep Learning for Sparse Graph Matching with Noisy Labels"
    assert paper["venue"] == "Journal of Machine Learning Research"


@pytest.mark.parametrize(
    "field, copies, kept",
    [
        # `ß` folds to `SS`: the longest venue was Web of Science's.
        pytest.param(
            "venue",
            ("STRASSENVERKEHRSTECHNIK", "Straßenverkehrstechnik"),
            "Straßenverkehrstechnik",
            id="venue-folded-longer",
        ),
        # No twins: the full name, the longest, wins in capitals over the abbreviation.
        pytest.param(
            "venue",
            ("JOURNAL OF MACHINE LEARNING RESEARCH", "J. Mach. Learn. Res."),
            "JOURNAL OF MACHINE LEARNING RESEARCH",
            id="venues-that-really-differ",
        ),
        # The most capitals won among a title's copies: a folded title case over its accents.
        pytest.param(
            "title",
            ("Etude Des Reseaux De Neurones", "Étude des réseaux de neurones"),
            "Étude des réseaux de neurones",
            id="title-accents-over-more-capitals",
        ),
        # Google Scholar's lower case keeps the accents but not the capitals: case comes first.
        pytest.param(
            "title",
            ("Uber Schrodinger Operators", "über schrödinger operators"),
            "Uber Schrodinger Operators",
            id="title-capitals-over-accents",
        ),
    ],
)
def test_a_field_keeps_the_best_kept_of_its_twins(field, copies, kept):
    records = [rec(f"{k}.txt", **{field: value}) for k, value in enumerate(copies)]
    for order in (records, records[::-1]):
        assert getattr(merge_records(order), field) == kept


@pytest.mark.parametrize(
    "spellings, kept",
    [
        pytest.param(("Muller, Jurgen", "Müller, Jürgen"), "Müller, Jürgen", id="accents"),
        pytest.param(("MULLER, J", "Muller, J"), "Muller, J", id="all-caps"),
        pytest.param(("muller, j", "Muller, J"), "Muller, J", id="all-lower-case"),
        pytest.param(("Li, XY", "LI, XY"), "Li, XY", id="initials-in-capitals"),
        pytest.param(("Lopez, M", "López, María"), "López, María", id="fuller-still"),
        # The fuller spelling folded: its words take the other's accents (case as written).
        pytest.param(("Lopez, Maria", "López, M."), "López, Maria", id="fuller-folded"),
        pytest.param(("Jose Angel Lopez", "López, J. Á."), "Jose Angel López", id="given-first"),
        pytest.param(("LOPEZ, MARIA", "López, M."), "LOPEZ, MARIA", id="fuller-in-capitals"),
        # `ế` keeps two marks: a copy's `Hán Thê Thánh` (one each) is the poorer spelling.
        pytest.param(("Hán Thê Thánh", "Hàn Thế Thành"), "Hàn Thế Thành", id="more-marks"),
        # The same form kept: the list that leads keeps its own, as before.
        pytest.param(("LaTeX Project Team", "LaTeX project team"), "LaTeX Project Team", id="tie"),
    ],
)
def test_one_persons_twin_spellings_keep_case_and_accents(spellings, kept):
    # Each name from another list: the first list (the longer one) leads the order.
    first = rec("a.txt", authors=(spellings[0], "Chen, Wei"))
    second = rec("b.ris", authors=(spellings[1],))
    for records in ([first, second], [second, first]):
        assert merge_records(records).authors == [kept, "Chen, Wei"]


def test_best_twin_depends_on_the_values_alone():
    values = ["JOURNAL OF X", "Journal of X", "journal of x", "Journal Of X"]
    kept = {best_twin(v, values) for v in values}
    assert len(kept) == 1
    assert twin_key("Journal of Straße") == twin_key("JOURNAL OF STRASSE")
    assert form_rank("Müller") > form_rank("Muller") and form_rank("ﬁne") == form_rank("fine")
