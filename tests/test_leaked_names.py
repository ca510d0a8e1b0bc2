"""A citation string split inside its last name: the name's rest put back from the title."""

from __future__ import annotations

import pytest

from pubdedup.features import features_of
from pubdedup.leaked_names import rejoin_leaked_name
from pubdedup.model import Record, Source


@pytest.mark.parametrize(
    "authors, title, expected",
    [
        pytest.param(
            ("m.j. kearns", "u."),
            "vazirani (1995). introduction to computational learning theory,",
            (("m.j. kearns", "u. vazirani"), "introduction to computational learning theory,",
             1995),
            id="initials-then-surname-and-year",
        ),
        pytest.param(
            ("drucker, harris", "schapire, robert", "simard"),
            "patrice 1993. improving performance in neural networks",
            (("drucker, harris", "schapire, robert", "patrice simard"),
             "improving performance in neural networks", 1993),
            id="surname-then-given-name-and-year",
        ),
        pytest.param(
            ("schapire, r.e.", "y. freund", "p."),
            "bartlett & w.s. lee (1997), boosting the margin: a new explanation",
            (("schapire, r.e.", "y. freund", "p. bartlett", "w.s. lee"),
             "boosting the margin: a new explanation", 1997),
            id="two-names-leaked",
        ),
        pytest.param(
            ("schapire, r.e.", "freund, y.", "bartlett, p.", "lee"),
            "w.s.: boosting the margin: a new explanation",
            (("schapire, r.e.", "freund, y.", "bartlett, p.", "w.s. lee"),
             "boosting the margin: a new explanation", None),
            id="surname-then-initials",
        ),
        pytest.param(
            ("schapire, r.e.", "freund, y.", "bartlett, p.", "lee"),
            "w. s. boosting the margin",
            (("schapire, r.e.", "freund, y.", "bartlett, p.", "w. s. lee"),
             "boosting the margin", None),
            id="surname-then-two-initials-and-a-space",
        ),
    ],
)  # fmt: skip
def test_a_name_split_into_the_title_is_put_back(authors, title, expected):
    assert tuple(rejoin_leaked_name(authors, title)) == expected


@pytest.mark.parametrize(
    "authors, title",
    [
        pytest.param(("Smith, J.", "Doe, K."), "Mansour (1996). A title", id="list-complete"),
        pytest.param(("Smith, John", "Doe"), "U.S. health care spending", id="abbreviation"),
        pytest.param(("J.-L. Rosset", "editor"), "S.A.PR.I.S.T.I. (Système Assisté)",
                     id="acronym-of-dotted-letters"),
        pytest.param(("Smith", "Doe"), "w.s. boosting the margin", id="no-name-has-given-names"),
        # A species' name: `E. Prabhat` and `coli infections …` were compared instead.
        pytest.param(("John Smith", "Prabhat"), "E. coli infections in children",
                     id="one-initial-starts-a-species-name"),
        pytest.param(("Smith, John", "Doe"), "c. elegans neurons", id="species-lower-case"),
        pytest.param(("A. Smith", "B."), "Vision 2020: a roadmap for imaging",
                     id="year-inside-the-title"),
        pytest.param(("A. Smith", "B."), "Learning from data, 1995 to 2005: a review",
                     id="name-part-too-long"),
    ],
)  # fmt: skip
def test_a_complete_list_or_a_title_without_a_leaked_name_is_left_alone(authors, title):
    assert rejoin_leaked_name(authors, title) is None


def test_the_features_see_the_name_and_year_put_back_and_the_record_stays_as_read():
    record = Record(
        source=Source("cited.csv", 0, 2, "955"),
        title="vazirani (1995). introduction to computational learning theory,",
        authors=("m.j. kearns", "u."),
        authors_complete=True,
    )
    item = features_of(record)
    assert item.record is record
    assert ("vazirani", "u") in item.people and ("u", "") not in item.people
    assert item.title == "introduction to computational learning theory"
    assert item.year_cited == 1995
