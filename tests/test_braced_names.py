"""Braced title words (`protected`) and braced names (`braced_names`) kept apart, from the BibTeX
reader through merge to every writer and the JSON reader: a title's braced phrase that equals
an author's name leaves the author a person, and a name braced as one group braces nothing in
the title."""

from __future__ import annotations

import json

import pytest

from pubdedup.pipeline import run
from pubdedup.readers import read_text
from pubdedup.writers.bibtex import write_bibtex
from pubdedup.writers.csl_json import csl_item
from pubdedup.writers.json_out import write_json


def merged(bib: str):
    """The one paper of a run over a BibTeX input."""
    (paper,) = run([read_text(bib, "in.bib")]).papers
    return paper


def field(bibtex: str, name: str) -> str:
    """A field's value in one written entry (each field on its own line)."""
    prefix = f"  {name} = {{"
    (line,) = [line for line in bibtex.splitlines() if line.startswith(prefix)]
    return line.removeprefix(prefix).rstrip(",").removesuffix("}")


CASES = [
    pytest.param(
        "@misc{k, title = {A Plain Title}, author = {{Barnes and Noble} and Doe, Jane},"
        " year = 2001}",
        {
            "protected": (),
            "braced_names": ("Barnes and Noble",),
            "key": "barnes2001plain",
            "author": "{Barnes and Noble} and Doe, Jane",
            "title": "A Plain Title",
            "csl_authors": [{"literal": "Barnes and Noble"}, {"family": "Doe", "given": "Jane"}],
        },
        id="braced-name-not-also-braced-in-title",
    ),
    pytest.param(
        "@article{k, title = {Tribute to {Richard Hamming}},"
        " author = {Richard Hamming and Peter Denning}, year = 1998}",
        {
            "protected": ("Richard Hamming",),
            "braced_names": (),
            "key": "hamming1998tribute",
            "author": "Richard Hamming and Peter Denning",
            "title": "Tribute to {Richard Hamming}",
            "csl_authors": [
                {"family": "Hamming", "given": "Richard"},
                {"family": "Denning", "given": "Peter"},
            ],
        },
        id="braced-title-phrase-equal-to-an-author-name",
    ),
    pytest.param(
        "@techreport{k, title = {Scaling Laws at Google Research},"
        " author = {{Google Research}}, year = 2021}",
        {
            "protected": (),
            "braced_names": ("Google Research",),
            "key": "google2021scaling",
            "author": "{Google Research}",
            "title": "Scaling Laws at Google Research",
            "csl_authors": [{"literal": "Google Research"}],
        },
        id="group-name-as-author-braces-nothing-in-the-title",
    ),
    pytest.param(
        "@incollection{k, title = {Notes on {John Smith} and Tables}, author = {Jane Doe},"
        " editor = {John Smith and {Barnes and Noble}}, year = 2003}",
        {
            "protected": ("John Smith",),
            "braced_names": ("Barnes and Noble",),
            "key": "doe2003notes",
            "author": "Jane Doe",
            "editor": "John Smith and {Barnes and Noble}",
            "title": "Notes on {John Smith} and Tables",
            "csl_authors": [{"family": "Doe", "given": "Jane"}],
            "csl_editors": [{"family": "Smith", "given": "John"}, {"literal": "Barnes and Noble"}],
        },
        id="editors-braced-as-one-and-named-in-the-title",
    ),
]


@pytest.mark.parametrize(("bib", "expected"), CASES)
def test_title_words_and_names_stay_apart(bib, expected):
    paper = merged(bib)
    written = write_bibtex(run([read_text(bib, "in.bib")]))
    item = csl_item(paper)
    assert (paper.protected, paper.braced_names) == (
        expected["protected"],
        expected["braced_names"],
    )
    assert paper.key == expected["key"]
    assert field(written, "title") == expected["title"]
    assert field(written, "author") == expected["author"]
    assert item["author"] == expected["csl_authors"]
    if "editor" in expected:
        assert field(written, "editor") == expected["editor"]
        assert item["editor"] == expected["csl_editors"]


@pytest.mark.parametrize(("bib", "expected"), CASES)
def test_json_keeps_both_and_bibtex_written_from_it_is_the_same(bib, expected):
    """BibTeX → JSON → BibTeX: the JSON lists each kind apart, and read back writes the
    entry the BibTeX input gave."""
    first = run([read_text(bib, "in.bib")])
    text = write_json(first)
    (paper,) = json.loads(text)["papers"]
    assert paper["protected"] == list(expected["protected"])
    assert paper["braced_names"] == list(expected["braced_names"])
    assert write_bibtex(run([read_text(text, "out.json")])) == write_bibtex(first)


def old_json(paper: dict) -> str:
    """An output written before `braced_names`: its `protected` held names and title words."""
    base = {"key": "k", "type": "misc", "title_inferred": False, "year": 2001, "venue": None}
    base |= {"abstract": None, "sources": [{"file": "a.bib", "index": 0, "line": 1}]}
    return json.dumps({"pubdedup": "0.1.0", "papers": [base | paper], "problems": []})


@pytest.mark.parametrize(
    ("paper", "braced_names", "author", "title"),
    [
        pytest.param(
            {"title": "A Plain Title", "authors": ["Google Research"]}
            | {"protected": ["Google Research"]},
            ("Google Research",),
            "{Google Research}",
            "A Plain Title",
            id="old-group-name-still-one-name",
        ),
        pytest.param(
            {"title": "Tribute to Richard Hamming", "authors": ["Richard Hamming"]}
            | {"protected": ["Richard Hamming"]},
            ("Richard Hamming",),
            "{Richard Hamming}",
            "Tribute to {Richard Hamming}",
            id="old-name-equal-to-a-title-phrase-written-as-before",
        ),
        pytest.param(
            {"title": "On Gaussian Things", "authors": ["Jane Doe"], "protected": ["Gaussian"]},
            (),
            "Jane Doe",
            "On {Gaussian} Things",
            id="old-title-word-no-name",
        ),
        pytest.param(
            {"title": "A Plain Title", "authors": ["Jane Doe"], "protected": ["Barnes and Noble"]}
            | {"fields": {"editor": "John Smith and Barnes and Noble"}},
            ("Barnes and Noble",),
            "Jane Doe",
            "A Plain Title",
            id="old-editor-group-still-one-name",
        ),
    ],
)
def test_old_json_protected_names_read_back_as_braced_names(paper, braced_names, author, title):
    """A file whose `protected` held names too reads back as its writer read it: an entry equal
    to an author's or editor's name is a braced name, and every entry still a title word."""
    parsed = read_text(old_json(paper), "old.json")
    (record,) = parsed.records
    assert record.braced_names == braced_names
    assert record.protected == tuple(paper["protected"])
    written = write_bibtex(run([parsed]))
    assert field(written, "author") == author
    assert field(written, "title") == title
    if "fields" in paper:
        assert field(written, "editor") == "John Smith and {Barnes and Noble}"
