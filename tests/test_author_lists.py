"""Merged author lists: who is one person across copies of a paper, who is two within one."""

from __future__ import annotations

import pytest

from pubdedup.author_lists import merge_authors
from pubdedup.model import Record, Source


def listed(file: str, *authors: str, owner: str | None = None) -> Record:
    """One copy of the paper: a whole author list (BibTeX, CSV, RIS) or, with `owner`, a page's."""
    return Record(
        source=Source(file, 0, 1, None, owner), authors=authors, authors_complete=not owner
    )


SUNS = ("Sun, Q.", "Li, X.", "Sun, Q.")
FULL_SUNS = ("Qian Sun", "Xin Li", "Qiang Sun")


@pytest.mark.parametrize(
    ("copies", "merged"),
    [
        pytest.param([SUNS], list(SUNS), id="one-list-names-sun-q-twice"),
        pytest.param(
            [("Wang, Y.", "Chen, L.", "Wang, Y.", "Wang, Y.")],
            ["Wang, Y.", "Chen, L.", "Wang, Y.", "Wang, Y."],
            id="one-list-names-wang-y-three-times",
        ),
        pytest.param([("Wang, Y.", "Wang, Y.")], ["Wang, Y.", "Wang, Y."], id="two-wang-y-alone"),
        pytest.param([SUNS, SUNS], list(SUNS), id="two-copies-of-the-list"),
        pytest.param(
            [("D. Cai", "S. Yu", "D. Cai", "S. Yu")],
            ["D. Cai", "S. Yu"],
            id="a-catalogue-wrote-the-whole-list-twice",
        ),
        pytest.param(
            [("D. Cai", "S. Yu", "D. Cai", "S. Yu"), ("Deng Cai", "Shipeng Yu")],
            ["Deng Cai", "Shipeng Yu"],
            id="the-list-twice-and-a-fuller-copy",
        ),
        pytest.param([SUNS, FULL_SUNS], list(FULL_SUNS), id="initials-then-full-names"),
        pytest.param([FULL_SUNS, SUNS], list(FULL_SUNS), id="full-names-then-initials"),
        pytest.param(
            [SUNS, ("Li, Xin", "Sun, Qiang", "Sun, Qian")],
            ["Sun, Qiang", "Li, Xin", "Sun, Qian"],
            id="full-names-in-another-order",
        ),
        pytest.param(
            [("Wang, Y.", "Wang, Y."), ("Yu Wang", "Yan Wang")],
            ["Yu Wang", "Yan Wang"],
            id="given-names-fuller-than-initials-of-as-many-characters",
        ),
        pytest.param(
            [("Zhou, X.", "Smith, John"), ("Xiangdong Zhou", "J. Smith")],
            ["Xiangdong Zhou", "Smith, John"],
            id="one-person-written-two-ways-in-two-copies",
        ),
        pytest.param(
            [SUNS, ("Sun, Q.", "Li, X."), ("Qiang Sun",)],
            ["Qiang Sun", "Li, X.", "Sun, Q."],
            id="shorter-copies-name-people-already-listed",
        ),
    ],
)
def test_a_name_twice_in_one_list_is_two_people(copies, merged):
    records = [listed(f"copy{k}.bib", *authors) for k, authors in enumerate(copies)]
    assert merge_authors(records) == merged


def test_a_page_owner_is_one_of_the_people_a_list_names_twice():
    # The owner is in no list of her own: she is one of the two Sun, Q. of the page's list.
    page = listed("sun.txt", "Sun, Q.", "Li, X.", "Sun, Q.", owner="Qiang Sun")
    assert merge_authors([page]) == ["Qiang Sun", "Li, X.", "Sun, Q."]


def test_an_earlier_outputs_list_is_kept_whole_even_when_it_reads_as_a_list_twice():
    # `Li, X.` became `Li, Xin` from another copy: the output's four people are two pairs of
    # names, which read again must stay four, else a second run's output is not the first's.
    earlier = Record(
        source=Source("out.json", 0, 1, None, None),
        authors=("Sun, Q.", "Li, Xin", "Sun, Q.", "Li, Xin"),
        authors_complete=True,
        merged=True,
    )
    assert merge_authors([earlier]) == ["Sun, Q.", "Li, Xin", "Sun, Q.", "Li, Xin"]


TWO_WORD_SURNAMES = {
    "arabic-comma-then-last-word": ("Abdel Aziz, Ahmed", "Ahmed Aziz", "Abdel Aziz, Ahmed"),
    "arabic-last-word-then-comma": ("Ahmed Aziz", "Abdel Aziz, Ahmed", "Abdel Aziz, Ahmed"),
    "arabic-initials": ("Abdel Aziz, Ahmed", "Aziz, A. A.", "Abdel Aziz, Ahmed"),
    "arabic-initials-first": ("Aziz, A. A.", "Abdel Aziz, Ahmed", "Abdel Aziz, Ahmed"),
    "surname-of-one-given-of-other": ("Abdel Aziz, A.", "Ahmed Aziz", "Abdel Aziz, Ahmed"),
    "spanish-first-surname": (
        "García Márquez, Gabriel",
        "Gabriel García",
        "García Márquez, Gabriel",
    ),
    "spanish-initial": ("Gabriel García", "García Márquez, G.", "García Márquez, Gabriel"),
    "accents-of-the-comma-form": (
        "García Márquez, G.",
        "Gabriel Garcia",
        "García Márquez, Gabriel",
    ),
}


@pytest.mark.parametrize(
    ("first", "second", "merged"), TWO_WORD_SURNAMES.values(), ids=TWO_WORD_SURNAMES.keys()
)
def test_a_surname_of_two_words_is_one_person_with_either_word(first, second, merged):
    a = listed("scopus.csv", first, "Smith, John")
    b = listed("dblp.bib", second, "J. Smith")
    assert merge_authors([a, b]) == [merged, "Smith, John"]


@pytest.mark.parametrize(
    "authors",
    [
        pytest.param(("Abdel Aziz, Ahmed", "Aziz, Ahmed"), id="arabic-two-surnames"),
        pytest.param(("García Márquez, Gabriel", "García, Gabriel"), id="spanish-two-surnames"),
        pytest.param(("Carvalho, M.", "de Carvalho, M."), id="with-and-without-a-particle"),
        pytest.param(("M. Carvalho", "M. de Carvalho"), id="particle-in-reading-order"),
    ],
)
def test_one_word_of_a_surname_is_another_person_of_the_same_list(authors):
    # In one list the two are two people; a copy with full names keeps them two.
    assert merge_authors([listed("a.bib", *authors)]) == list(authors)
    assert merge_authors([listed("a.bib", *authors), listed("b.bib", *authors)]) == list(authors)
