"""A book's edition as a number, from its `edition` field or its title."""

from __future__ import annotations

import pytest

from pubdedup.editions import edition_of
from pubdedup.model import Record, Source


def record(title: str = "A book", edition: str | None = None) -> Record:
    extra = (("edition", edition),) if edition is not None else ()
    return Record(source=Source("a.bib", 0, 1, None, None), title=title, extra=extra)


@pytest.mark.parametrize(
    "written, number",
    [
        ("Second", "2"),
        ("2nd", "2"),
        ("{2nd}", "2"),
        ("2. Auflage", "2"),
        ("Fifth revised", "5"),
        ("15th", "15"),
        ("Version 3.1.", "3.1"),
        ("Version 3.", "3"),
        ("Version 1.0.", "1"),  # one release as `1.0` or `1`
        ("Release 3.0., personal", "3"),
        ("[Version] 1.05.", "1.05"),
        ("Revised", None),  # no number: nothing to compare
        ("2005", None),  # a year: when, not which, edition
        ("2005, 2nd", "2"),
        ("Version 2019.1", "2019.1"),
        ("Windows version", None),
        ("Twenty-third", None),  # not `third`
        ("", None),
    ],
)
def test_the_edition_field_as_a_number(written, number):
    assert edition_of(record(edition=written)) == number


@pytest.mark.parametrize(
    "title, number",
    [
        ("Introduction to Algorithms, Second Edition", "2"),
        ("Statistics (3rd ed.)", "3"),
        ("Edited volume on learning", None),
        ("Red book", None),
        ("Statistics, 2005 edition", None),
    ],
)
def test_a_title_naming_its_edition(title, number):
    assert edition_of(record(title)) == number


def test_the_field_comes_before_the_title():
    assert edition_of(record("Statistics (3rd ed.)", "Fourth")) == "4"


@pytest.mark.parametrize(
    "entry_type, number",
    [("book", "3"), (None, "3"), ("misc", "3"), ("inproceedings", None), ("article", None)],
)
def test_a_papers_title_names_its_meetings_edition_not_its_own(entry_type, number):
    title = "Overview of the 3rd Edition of the Shared Task on Clinical Coding"
    found = Record(source=Source("a.bib", 0, 1, None, None), title=title, entry_type=entry_type)
    assert edition_of(found) == number
