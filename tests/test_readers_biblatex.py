"""biblatex's fields as the BibTeX reader reads them: title parts joined to their titles, its
names of BibTeX's fields, what a crossref lends (readers/bibtex_fields.py)."""

from __future__ import annotations

import pytest

from pubdedup.readers.bibtex import read_bibtex


def one(fields: str, entry_type: str = "article"):
    """The single record of an entry with these fields (and no problems)."""
    result = read_bibtex(f"@{entry_type}{{k, {fields}}}\n", "one.bib")
    assert result.problems == []
    [record] = result.records
    return record


@pytest.mark.parametrize(
    "fields, title",
    [
        pytest.param("title = {Foo}, subtitle = {Bar}", "Foo: Bar", id="subtitle"),
        pytest.param("title = {Foo}, titleaddon = {Extended Version}", "Foo. Extended Version",
                     id="titleaddon"),
        pytest.param("title = {Foo}, subtitle = {Bar}, titleaddon = {(Extended Abstract)}",
                     "Foo: Bar (Extended Abstract)", id="both-addon-in-brackets"),
        pytest.param("title = {Why Foo?}, subtitle = {A Study}", "Why Foo? A Study",
                     id="title-ends-in-a-mark"),
        # the title already holds its subtitle: a source that wrote both
        pytest.param("title = {Foo: Bar}, subtitle = {Bar}", "Foo: Bar", id="already-there"),
        pytest.param("title = {Foo: {BAR}}, subtitle = {bar}", "Foo: BAR", id="already-cased"),
        # a last word that merely ends like the subtitle is no subtitle
        pytest.param("title = {Foobar}, subtitle = {Bar}", "Foobar: Bar", id="not-a-word-end"),
        pytest.param("subtitle = {Bar}", "Bar", id="subtitle-alone"),
        pytest.param("title = {Foo}, subtitle = {}", "Foo", id="empty-subtitle"),
        pytest.param(r"title = {\"Uber Foo}, subtitle = {The {ViT} Way}", "Über Foo: The ViT Way",
                     id="latex-decoded"),
    ],
)  # fmt: skip
def test_a_subtitle_and_an_addon_are_part_of_the_title(fields, title):
    assert one(fields).title == title


def test_a_title_part_joined_to_its_title_is_no_field_of_its_own():
    # Written as a field too, it would repeat what the title says.
    extra = dict(one("title = {Foo}, subtitle = {Bar}, booktitle = {B}, booksubtitle = {C}").extra)
    assert (extra["title"], extra["booktitle"]) == ("Foo: Bar", "B: C")
    assert "subtitle" not in extra and "booksubtitle" not in extra


def test_a_subtitle_read_from_a_broken_entry_stays_a_field_of_its_own():
    # From Beebe's typography.bib: `{"a}` lacks its backslash, and the quote ends the value
    # early. Joined, the cut text spoilt the title (`…: "Ein Handbuch für zeitgem"a`), and the
    # paper was no longer found to be its reprint's copy; written alone, it is escaped.
    text = (
        '@Book{Tschichold:NT91, author = "Jan Tschichold", title = "{Die Neue Typographie}",\n'
        '  subtitle = "{Ein Handbuch f{\\"u}r zeitgem{"a}{\\ss} Schaffende}",\n'
        '  year = "1991"}\n'
    )
    [record] = read_bibtex(text, "t.bib").records
    assert record.title == "Die Neue Typographie"
    assert dict(record.extra)["subtitle"].startswith('"{Ein Handbuch')


def test_a_broken_subtitle_an_output_escaped_stays_a_field_of_its_own():
    # The writer keeps the braces of the subtitle above as text: they pair with none still.
    subtitle = r'"\textbraceleft{}Ein Handbuch f\textbraceleft{}\textbackslash{}"u'
    record = one(f"title = {{Die Neue Typographie}}, subtitle = {{{subtitle}}}", "book")
    assert record.title == "Die Neue Typographie"
    assert dict(record.extra)["subtitle"] == subtitle
    # An escaped brace that pairs is the subtitle's text.
    assert one(r"title = {Foo}, subtitle = {\textbraceleft{}x\textbraceright{}}").title == (
        "Foo: {x}"
    )


def test_a_subtitle_in_its_own_field_matches_the_one_field_title():
    # One paper, as a biblatex user and Google Scholar write it: the same title to compare.
    text = (
        "@article{a, author = {Smith, Ann}, title = {Deep Nets}, subtitle = {A Survey},"
        " journal = {J}, year = 2020}\n"
        "@article{b, author = {Smith, Ann}, title = {Deep nets: a survey}, journal = {J},"
        " year = 2020}\n"
    )
    a, b = read_bibtex(text, "x.bib").records
    assert a.title.lower() == b.title.lower()


def test_a_braced_word_of_a_subtitle_is_protected_like_the_titles():
    assert "ViT" in one("title = {Foo}, subtitle = {The {ViT} Way}").protected


@pytest.mark.parametrize(
    "entry_type, fields, venue",
    [
        pytest.param("inproceedings", "title = {T}, booktitle = {Proc. X}, booksubtitle = {Y}",
                     "Proc. X: Y", id="booksubtitle"),
        pytest.param("article", "title = {T}, journaltitle = {J}, journalsubtitle = {Letters}",
                     "J: Letters", id="journalsubtitle"),
        pytest.param("article", "title = {T}, journal = {J}, journalsubtitle = {Letters}",
                     "J: Letters", id="journalsubtitle-of-bibtex-journal"),
        # the event is not the proceedings: it stays a field of its own (passed through)
        pytest.param("inproceedings", "title = {T}, eventtitle = {Conf 2020}", None,
                     id="eventtitle-is-no-venue"),
    ],
)  # fmt: skip
def test_a_venues_parts_are_part_of_the_venue(entry_type, fields, venue):
    assert one(fields, entry_type).venue == venue


@pytest.mark.parametrize(
    "fields, expected",
    [
        pytest.param("location = {Berlin}", {"address": "Berlin"}, id="location-is-address"),
        pytest.param("address = {Bonn}, location = {Berlin}", {"address": "Bonn", "location": None},
                     id="address-wins"),
        pytest.param("annotation = {Good}", {"annote": "Good"}, id="annotation-is-annote"),
        pytest.param("eprintclass = {cs.CV}", {"primaryclass": "cs.CV"}, id="eprintclass"),
        pytest.param("maintitle = {Works}, mainsubtitle = {Vol. 1}", {"maintitle": "Works: Vol. 1"},
                     id="maintitle-parts"),
    ],
)  # fmt: skip
def test_biblatex_names_are_read_as_bibtex_names(fields, expected):
    extra = dict(one(f"title = {{T}}, {fields}").extra)
    assert {name: extra.get(name) for name in expected} == expected


@pytest.mark.parametrize(
    "fields, number, issue",
    [
        pytest.param("issue = 6", "6", None, id="a-number-is-the-number"),
        pytest.param("number = 5, issue = 6", "5", None, id="a-number-beside-the-number"),
        pytest.param("issue = {Spring}", None, "Spring", id="a-named-issue-is-kept"),
    ],
)  # fmt: skip
def test_an_issue_is_kept_once(fields, number, issue):
    record = one(f"title = {{T}}, journal = {{J}}, {fields}")
    assert (record.number, dict(record.extra).get("issue")) == (number, issue)


PROCEEDINGS = """@inproceedings{child, title = {A Paper}, crossref = {proc}}
@proceedings{proc, title = {Proceedings of X}, subtitle = {Volume Two}, shorttitle = {ProcX},
  ids = {oldproc}, eventtitle = {X 2020}, year = 2020, publisher = {P}}
"""


def test_a_crossref_lends_its_title_parts_as_the_booktitles():
    child = read_bibtex(PROCEEDINGS, "p.bib").records[0]
    extra = dict(child.extra)
    assert (child.title, child.venue) == ("A Paper", "Proceedings of X: Volume Two")
    # biblatex's defaults: the parent's short title and aliases are its own, not the child's
    assert "shorttitle" not in extra and "ids" not in extra and "subtitle" not in extra
    assert (extra["eventtitle"], extra["publisher"], child.year) == ("X 2020", "P", 2020)


PROCEEDINGS_WITH_IDS = """@inproceedings{child, title = {A Paper}, author = {Doe, Jane},
  crossref = {proc}, pages = {1--10}}
@proceedings{proc, title = {Proceedings of X}, year = 2020, publisher = {ACM},
  isbn = {978-1-4503-0000-0}, issn = {1234-5678}, doi = {10.1145/1234567},
  url = {https://dl.acm.org/doi/proceedings/10.1145/1234567}, urldate = {2021-01-01},
  eprint = {2001.00001}, archiveprefix = {arXiv}, pmid = {123}}
"""


@pytest.mark.parametrize(
    "name, lent",
    [
        pytest.param("isbn", "978-1-4503-0000-0", id="the-book-isbn-is-lent"),
        pytest.param("issn", "1234-5678", id="the-series-issn-is-lent"),
        pytest.param("publisher", "ACM", id="the-publisher-is-lent"),
        pytest.param("url", None, id="the-proceedings-url-is-not"),
        pytest.param("urldate", None, id="nor-the-date-it-was-seen"),
        pytest.param("archiveprefix", None, id="nor-its-eprint-archive"),
        pytest.param("pmid", None, id="nor-its-pubmed-id"),
    ],
)  # fmt: skip
def test_a_crossref_lends_the_book_but_not_the_parent_identifiers(name, lent):
    child = read_bibtex(PROCEEDINGS_WITH_IDS, "p.bib").records[0]
    assert dict(child.extra).get(name) == lent


def test_a_crossref_child_has_no_doi_or_arxiv_id_of_its_proceedings():
    child = read_bibtex(PROCEEDINGS_WITH_IDS, "p.bib").records[0]
    assert (child.doi, child.arxiv, child.year) == (None, None, 2020)


def test_a_crossref_child_merges_with_its_copy_that_has_the_paper_doi():
    """The proceedings' DOI lent to its paper vetoed the paper's own copy (another DOI) and
    made a maybe of the paper with the proceedings."""
    from pubdedup.pipeline import run

    dblp = (
        "@inproceedings{DBLP:conf/x/Doe20, author = {Jane Doe}, title = {A Paper},"
        " booktitle = {Proceedings of X}, pages = {1--10}, year = {2020},"
        " doi = {10.1145/1234567.1234570}}\n"
    )
    result = run([read_bibtex(PROCEEDINGS_WITH_IDS, "a.bib"), read_bibtex(dblp, "b.bib")])
    [paper] = [p for p in result.papers if p.title == "A Paper"]
    assert (len(paper.records), paper.doi) == (2, "10.1145/1234567.1234570")
    assert result.maybe == []
