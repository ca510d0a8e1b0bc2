"""Merge stage: fields from the most complete source, authors as a union of people."""

from __future__ import annotations

import pytest

from pubdedup.author_lists import merge_authors
from pubdedup.keys import base_key
from pubdedup.merge import infer_title, merge_records
from pubdedup.model import Record, Source


def rec(file: str, index: int, owner: str | None = None, **fields) -> Record:
    return Record(source=Source(file, index, index + 1, None, owner), **fields)


def test_authors_listed_then_owners_and_one_entry_per_person():
    a = rec("a.txt", 0, owner="Lucas Beyer", authors=("Josip Djolonga", "Jessica Yung"))
    b = rec(
        "b.txt",
        3,
        owner="Alexander Kolesnikov",
        authors=("J. Djolonga", "Jessica Yung", "Michael Tschannen", "L. Beyer"),
    )
    assert merge_authors([a, b]) == [
        "Josip Djolonga",
        "Jessica Yung",
        "Michael Tschannen",
        "Lucas Beyer",
        "Alexander Kolesnikov",
    ]


def test_a_bibtex_list_decides_the_order_over_a_longer_page_list():
    """A page lists co-authors by first name and may leave some out: the BibTeX list, even cut
    short with `and others`, keeps its first author first."""
    page = rec(
        "beyer.txt",
        0,
        owner="Lucas Beyer",
        authors=("Anissa Yuenming Mak", "Austin Stone", "Francois Belletti", "Klaus Greff"),
    )
    bib = rec(
        "refs.bib",
        0,
        authors=("Greff, Klaus", "Belletti, Francois", "Beyer, Lucas"),
        authors_cut=True,
    )
    merged = merge_records([page, bib])
    assert merged.authors == [
        "Greff, Klaus",
        "Belletti, Francois",
        "Beyer, Lucas",
        "Anissa Yuenming Mak",
        "Austin Stone",
    ]
    assert merged.authors_cut  # no source lists every author


def test_a_complete_list_ends_a_cut_one():
    cut = rec("a.bib", 0, authors=("Greff, Klaus",), authors_cut=True)
    full = rec("b.csv", 0, authors=("Greff, Klaus", "Beyer, Lucas"), authors_complete=True)
    assert not merge_records([cut, full]).authors_cut
    assert merge_records([cut]).authors_cut


def test_owner_written_with_nickname_is_one_person():
    a = rec("a.txt", 0, owner="Hexiang Hu", authors=("Hexiang (Frank) Hu", "Yi Luan"))
    assert merge_authors([a]) == ["Hexiang (Frank) Hu", "Yi Luan"]


def test_a_suffix_written_into_the_surname_is_no_part_of_it():
    """`Lynch Jr, T. J.` (a suffix without its comma) is `Lynch, T.` of another copy, and
    files under `lynch`, not `lynchjr`."""
    fields = {"title": "Optimal dosing", "year": 1996, "authors_complete": True}
    a = rec("a.bib", 0, authors=("Lynch Jr, T. J.", "Smith, A."), **fields)
    b = rec("b.bib", 0, authors=("Lynch, T.", "Smith, A."), **fields)
    paper = merge_records([a, b])
    assert paper.authors == ["Lynch Jr, T. J.", "Smith, A."]
    assert base_key(paper) == "lynch1996optimal"


def test_last_first_form_is_the_same_person():
    a = rec("a.bib", 0, authors=("Zhou, X.", "Smith, John"))
    b = rec("b.bib", 0, authors=("Xiangdong Zhou", "J. Smith"))
    assert merge_authors([a, b]) == ["Xiangdong Zhou", "Smith, John"]


def test_google_scholars_particle_after_the_given_name_is_the_same_person():
    """Google Scholar writes `Oord, A{\"a}ron van den` for `van den Oord, Aäron`: one person,
    who was listed twice in the merged paper."""
    scholar = rec("s.bib", 0, authors=("Beyer, Lucas", "Oord, Aäron van den", "Maaten, L. van der"))
    mendeley = rec("m.bib", 0, authors=("Beyer, Lucas", "van den Oord, Aäron"))
    dblp = rec("d.bib", 0, authors=("Laurens van der Maaten",))
    assert merge_authors([scholar, mendeley, dblp]) == [
        "Beyer, Lucas", "van den Oord, Aäron", "Laurens van der Maaten"
    ]  # fmt: skip


def test_a_lower_case_given_name_ending_like_a_particle_is_no_particle():
    # A list written all in lower case (`zhang, xiao le`): `le`, `de` are syllables of the
    # given names. Read as particles, each person was listed twice beside the capitalised copy.
    lower = rec("a.bib", 0, authors=("zhang, xiao le", "wang, yu de"))
    capitalised = rec("b.bib", 0, authors=("Zhang, Xiao Le", "Wang, Yu De", "Li, Ming"))
    assert merge_authors([lower, capitalised]) == ["Zhang, Xiao Le", "Wang, Yu De", "Li, Ming"]


def test_a_name_in_another_script_is_one_person_in_two_copies():
    # `李, 伟` reduced to no letters was no one: two copies of a list gave her twice.
    a = rec("a.bib", 0, authors=("李, 伟", "Müller, Thomas", "Иванов, Пётр"))
    b = rec("b.ris", 0, authors=("李, 伟", "Müller, Thomas", "Иванов, Пётр"))
    assert merge_authors([a, b]) == ["李, 伟", "Müller, Thomas", "Иванов, Пётр"]
    c = rec("c.bib", 0, authors=("李, 伟", "李, 明"))  # one surname, two people
    assert merge_authors([c]) == ["李, 伟", "李, 明"]


def test_short_form_of_a_first_name_is_the_same_person():
    a = rec("a.csv", 0, authors=("Don Carney", "Stan Zdonik", "Paul Smith", "Jan Novak"))
    b = rec("b.csv", 0, authors=("Donald Carney", "Stanley B. Zdonik", "Paula Smith", "Jana Novak"))
    # Known short forms only: Paul and Paula, Jan and Jana are different people.
    assert merge_authors([a, b]) == [
        "Donald Carney", "Stanley B. Zdonik", "Paul Smith", "Jan Novak", "Paula Smith", "Jana Novak"
    ]  # fmt: skip
    c = rec("c.csv", 0, authors=("Dan Carney", "Don Carney"))
    assert merge_authors([c]) == ["Dan Carney", "Don Carney"]


def test_fields_come_from_the_most_complete_source():
    cut = rec("a.txt", 0, owner="A B", abstract="Short cut abstr", truncated=True)
    full = rec(
        "b.txt",
        1,
        owner="C D",
        title="The Title",
        venue="arXiv",
        year=2020,
        abstract="Short cut abstract that is complete.",
    )
    published = rec("c.txt", 2, title="The Title", venue="Conference on Things", year=2021)
    paper = merge_records([published, cut, full])
    assert paper.title == "The Title" and not paper.title_inferred
    assert paper.abstract == "Short cut abstract that is complete." and not paper.truncated
    assert (paper.venue, paper.year, paper.entry_type) == (
        "Conference on Things",
        2021,
        "inproceedings",
    )
    assert [r.source.file for r in paper.records] == ["a.txt", "b.txt", "c.txt"]


_ABSTRACT = "We scale vision transformers up and down and study their error rate."


@pytest.mark.parametrize(
    "notice",
    [
        pytest.param(" © 2022 IEEE.", id="scopus-ieee"),
        pytest.param(" © 2019 Elsevier Ltd. All rights reserved.", id="scopus-elsevier"),
        pytest.param(" Copyright © 2020 Elsevier Inc. All rights reserved.", id="pubmed"),
        pytest.param(" (C) 2003 Elsevier Science B.V. All rights reserved.", id="wos-old"),
        pytest.param(" Copyright 2010 John Wiley & Sons, Ltd.", id="copyright-and-year"),
        pytest.param(" ©The Author(s) 2021.", id="authors-notice"),
        pytest.param(" Copyright 2004 by The American College of Surgeons.", id="copyright-by"),
        pytest.param(" Copyright 2019 The Authors. All rights reserved.", id="holder-and-rights"),
        pytest.param(
            " © 2019 Elsevier B.V. All rights reserved. © 2019 The Authors.", id="two-notices"
        ),
        pytest.param(
            " © 2019 Elsevier Ltd. All rights reserved. Licensed under CC BY 4.0, © The Authors.",
            id="notice-then-licence",
        ),
        pytest.param(
            " © 2021 The Authors. Published by Elsevier Ltd. This is an open access article"
            " under the CC BY license (http://creativecommons.org/licenses/by/4.0/).",
            id="licence-line",
        ),
        pytest.param(" (C) Copyright 2002 by The American College of Surgeons.", id="c-copyright"),
        pytest.param(" Crown Copyright (C) 2010 Published by Elsevier Inc.", id="crown"),
        pytest.param(" (© 2014 WILEY-VCH Verlag GmbH & Co. KGaA, Weinheim)", id="in-brackets"),
        pytest.param("", id="no-notice"),
    ],
)
def test_a_database_copyright_notice_ending_an_abstract_is_left_out(notice):
    # Scopus, Web of Science and PubMed end an abstract with the publisher's notice: being
    # the longest copy, it won over a clean one and was written into every output and library.
    scopus = rec("scopus.csv", 0, title="T", abstract=_ABSTRACT + notice)
    clean = rec("refs.bib", 0, title="T", abstract=_ABSTRACT)
    assert merge_records([scopus]).abstract == _ABSTRACT
    assert merge_records([clean, scopus]).abstract == _ABSTRACT


@pytest.mark.parametrize(
    "abstract",
    [
        pytest.param("Three outcomes were assessed. (c) 2 of 9 patients relapsed.", id="item-c"),
        pytest.param("We ask who owns works marked © under the 1976 Act.", id="symbol-inside"),
        pytest.param("© 2020 Elsevier Ltd. All rights reserved.", id="nothing-else"),
        # An abstract on copyright law: `Copyright` and a year start a notice only when a
        # holder or a notice's wording follows.
        pytest.param(
            "The directive passed in 2018. Copyright 2019 reforms changed the law in the EU.",
            id="copyright-law",
        ),
        pytest.param(
            "Two cases were heard. Copyright 2019 Directive. It changed the law.",
            id="name-then-text",
        ),
    ],
)
def test_an_abstract_that_only_mentions_copyright_is_kept_whole(abstract):
    assert merge_records([rec("a.csv", 0, title="T", abstract=abstract)]).abstract == abstract


def test_merge_is_independent_of_record_order():
    records = [
        rec("a.txt", 0, owner="A B", abstract="x" * 100),
        rec("b.txt", 1, owner="C D", title="T", authors=("E F",)),
    ]
    assert merge_records(records) == merge_records(records[::-1])


def test_untitled_paper_gets_marked_title_from_abstract():
    paper = merge_records(
        [
            rec(
                "a.txt",
                0,
                abstract="We explore the boundaries of scaling up a "
                "multilingual vision and language model, both "
                "in terms of size. More text.",
            )
        ]
    )
    assert paper.title_inferred
    assert paper.title == (
        "[Untitled] We explore the boundaries of scaling up a multilingual vision and language ..."
    )
    assert infer_title(None) == "[Untitled]"


def test_the_title_keeps_its_capitals_whichever_copy_comes_first():
    """Google Scholar lower-cases titles; a copy with its capitals is the one to print."""
    copies = [
        "mlp-mixer: an all-mlp architecture for vision",
        "Mlp-mixer: An all-mlp architecture for vision",
        "MLP-Mixer: An all-MLP Architecture for Vision",
        "MLP-MIXER: AN ALL-MLP ARCHITECTURE FOR VISION",
    ]
    for order in (copies, copies[::-1]):
        records = [rec(f"{k}.bib", 0, title=t) for k, t in enumerate(order)]
        assert merge_records(records).title == "MLP-Mixer: An all-MLP Architecture for Vision"


def test_a_title_mostly_in_capitals_is_no_cased_title():
    shouting = rec("a.bib", 0, title="EFFECT OF pH ON ENZYME ACTIVITY IN SOILS")
    sentence = rec("b.bib", 0, title="Effect of pH on enzyme activity in soils")
    assert merge_records([shouting, sentence]).title == "Effect of pH on enzyme activity in soils"


def test_medline_notes_are_no_part_of_the_written_title():
    # Ovid appends MEDLINE's notes: its copy was the longest spelling, so the one printed.
    ovid = rec("ovid.ris", 0, title="Tiotropium for bronchiectasis. [Review] [42 refs]")
    pubmed = rec("pubmed.csv", 0, title="Tiotropium for bronchiectasis.")
    assert merge_records([ovid, pubmed]).title == "Tiotropium for bronchiectasis."
    assert merge_records([ovid]).title == "Tiotropium for bronchiectasis."
    german = rec("ovid.ris", 1, title="[Tiotropium in bronchiectasis]. [Article in German]")
    assert merge_records([german]).title == "[Tiotropium in bronchiectasis]."
    # Brackets of the title proper, and a notice's own mark, stay.
    for title in ("[18F]FDG PET in Hodgkin lymphoma", "Tiotropium for bronchiectasis [Erratum]"):
        assert merge_records([rec("a.ris", 0, title=title)]).title == title


def test_a_page_without_an_owner_decides_no_order_either():
    page = rec("page.txt", 0, authors=("Anissa Mak", "Austin Stone", "Klaus Greff"))
    bib = rec("refs.bib", 0, authors=("Greff, Klaus", "Beyer, Lucas"), authors_cut=True)
    assert merge_records([page, bib]).authors[:2] == ["Greff, Klaus", "Beyer, Lucas"]


def test_a_published_paper_keeps_its_own_type_doi_volume_and_publisher_not_its_preprints():
    """ViT from Better BibTeX (`@online`, arXiv's DataCite DOI), DBLP's CoRR copy (`volume =
    {abs/2010.11929}`), Zotero's preprint (`publisher = {arXiv}`) and DBLP's ICLR paper: the
    merged entry is the ICLR paper, with the arXiv id, not the preprint's DOI, volume or
    publisher (which made it `@online{…, howpublished = {9th International Conference …},
    volume = {abs/2010.11929}, publisher = {arXiv}}`)."""
    title = "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale"
    online = rec(
        "bbt.bib",
        0,
        title=title,
        year=2021,
        arxiv="2010.11929",
        entry_type="online",
        doi="10.48550/arXiv.2010.11929",
        extra=(("month", "Jun"),),
    )
    corr = rec(
        "dblp.bib",
        0,
        title=title,
        year=2020,
        venue="CoRR",
        volume="abs/2010.11929",
        arxiv="2010.11929",
        entry_type="article",
    )
    zotero = rec(
        "zotero.bib",
        0,
        title=title,
        year=2021,
        venue="arXiv",
        arxiv="2010.11929",
        entry_type="misc",
        extra=(("publisher", "arXiv"), ("url", "http://arxiv.org/abs/2010.11929")),
    )
    iclr = rec(
        "dblp.bib",
        1,
        title=title,
        year=2021,
        entry_type="inproceedings",
        venue="9th International Conference on Learning Representations, ICLR 2021",
        extra=(("publisher", "OpenReview.net"),),
    )
    paper = merge_records([online, corr, zotero, iclr])
    assert paper.entry_type == "inproceedings"
    assert paper.venue.startswith("9th International Conference")
    assert (paper.arxiv, paper.doi, paper.volume) == ("2010.11929", None, None)
    fields = dict(paper.fields)
    assert fields["publisher"] == "OpenReview.net"
    assert "month" not in fields  # the preprint's revision month is not the conference's
    assert fields["url"] == "http://arxiv.org/abs/2010.11929"  # the only link: kept


def test_a_published_doi_is_kept_over_the_preprints_arxiv_doi():
    title = "Big Transfer (BiT): General Visual Representation Learning"
    datacite = rec(
        "datacite.bib",
        0,
        title=title,
        year=2019,
        venue="arXiv",
        arxiv="1912.11370",
        doi="10.48550/ARXIV.1912.11370",
        entry_type="misc",
    )
    springer = rec(
        "zotero.bib",
        0,
        title=title,
        year=2020,
        venue="Computer Vision – ECCV 2020",
        doi="10.1007/978-3-030-58558-7_29",
        entry_type="inproceedings",
        pages="491-507",
    )
    paper = merge_records([datacite, springer])
    assert (paper.doi, paper.arxiv, paper.year) == (
        "10.1007/978-3-030-58558-7_29",
        "1912.11370",
        2020,
    )


@pytest.mark.parametrize(
    ("copies", "entry_type"),
    [
        ([("article", "Nature Methods"), ("misc", None)], "article"),
        ([("misc", None), ("inproceedings", None), ("article", "Nature Methods")], "article"),
        ([("inproceedings", "ICLR"), ("misc", "ICLR"), ("misc", None)], "inproceedings"),
        ([("misc", None), ("misc", None)], "misc"),
        ([(None, "Nature Methods")], "article"),  # untyped: as the venue says
        # a thesis whose repository copy's longer `howpublished` is the venue
        ([("phdthesis", "MIT"), ("phdthesis", "MIT"),
          ("misc", "Massachusetts Institute of Technology")], "phdthesis"),
        # a preprint's copies: arXiv's `@misc` as any other type
        ([("misc", "arXiv"), ("misc", "arXiv"), ("article", "arXiv preprint arXiv:2001.01234")],
         "misc"),
    ],
    ids=[
        "untyped-venue-copy", "venue-copys-type", "misc-gives-way", "all-misc", "by-venue",
        "thesis-beside-a-repository-copy", "preprint-copies",
    ],
)  # fmt: skip
def test_the_entry_type_is_that_of_the_copies_giving_the_venue(copies, entry_type):
    """A Zotero `@misc` without a venue beside the `@article` in Nature Methods made the
    paper `@misc` with `howpublished = {Nature Methods}` (and CSL's preprint type)."""
    records = [
        rec("a.bib", k, title="Cell nucleus segmentation", authors=("Anna Lee",), year=2023,
            entry_type=t, venue=v)
        for k, (t, v) in enumerate(copies)
    ]  # fmt: skip
    assert merge_records(records).entry_type == entry_type


@pytest.mark.parametrize(
    ("dois", "shown"),
    [
        (("https://doi.org/10.1234/C.1", "10.1234/C.1"), "10.1234/C.1"),
        (("http://dx.doi.org/10.1234/C.1", "doi:10.1234/C.1"), "10.1234/C.1"),
        (("10.1000/abc\\_1",), "10.1000/abc_1"),
        (("https://doi.org/10.1145/3442188.3445922.",), "10.1145/3442188.3445922"),
        (("n/a",), "n/a"),  # no DOI in it: kept as written, not dropped
        (("(doi:10.1000/xyz)",), "10.1000/xyz"),
        (("10.1016/0370-2693(95)00031-X",), "10.1016/0370-2693(95)00031-X"),  # its own brackets
        (("10.1000/ABC", "10.1000/abc", "10.1000/ABC", "10.2000/x", "10.2000/x"), "10.1000/ABC"),
        (("<10.1000/angle>",), "10.1000/angle"),
        (
            (
                "https://doi.org/10.1002/%28SICI%291097-4571%28199806%29",
                "10.1002/(SICI)1097-4571(199806)",
            ),
            "10.1002/(SICI)1097-4571(199806)",
        ),
    ],
    ids=[
        "url-and-bare",
        "dx-link-and-doi-prefix",
        "latex-underscore",
        "trailing-stop",
        "no-doi",
        "in-brackets",
        "sici-brackets",
        "case-is-one-doi",
        "angle-brackets",
        "percent-encoded",
    ],  # fmt: skip
)
def test_a_paper_shows_its_doi_bare_however_its_copies_wrote_it(dois, shown):
    """Styles and citeproc put `https://doi.org/` before the DOI themselves: a URL-form DOI
    came out doubled (`https://doi.org/https://doi.org/…`)."""
    copies = [rec("a.bib", k, title="Deep learning for cats", doi=d) for k, d in enumerate(dois)]
    assert merge_records(copies).doi == shown


@pytest.mark.parametrize(
    ("ids", "shown"),
    [
        (("arXiv:2001.01234v2", "2001.01234"), "2001.01234"),
        (("https://arxiv.org/abs/2001.01234v1",), "2001.01234"),
        (("arXiv:math.AG/0101001v3",), "math.AG/0101001"),
    ],
    ids=["prefix-and-version", "abs-link", "old-style-case-kept"],
)
def test_a_paper_shows_the_works_arxiv_id_without_prefix_or_version(ids, shown):
    copies = [rec("a.bib", k, title="T", arxiv=i) for k, i in enumerate(ids)]
    assert merge_records(copies).arxiv == shown


def test_a_preprint_alone_keeps_its_arxiv_doi_and_corr_volume():
    corr = rec(
        "dblp.bib",
        0,
        title="T",
        venue="CoRR",
        volume="abs/1912.11370",
        arxiv="1912.11370",
        doi="10.48550/arXiv.1912.11370",
        extra=(("publisher", "arXiv"),),
    )
    paper = merge_records([corr, rec("arxiv.bib", 0, title="T", arxiv="1912.11370")])
    assert (paper.doi, paper.volume) == ("10.48550/arXiv.1912.11370", "abs/1912.11370")
    assert dict(paper.fields)["publisher"] == "arXiv"


def test_a_published_paper_keeps_its_title_over_a_renamed_preprints():
    # Two preprint copies of v1's title outvoted the published one, renamed since.
    first = "Fixing Weight Decay Regularization in Adam"
    preprints = [
        rec(f"{name}.bib", 0, title=first, arxiv="1711.05101", venue="CoRR", year=2017)
        for name in ("dblp", "scholar")
    ]
    published = rec(
        "iclr.bib",
        0,
        title="Decoupled Weight Decay Regularization",
        arxiv="1711.05101",
        venue="International Conference on Learning Representations",
        year=2019,
    )
    assert merge_records([*preprints, published]).title == "Decoupled Weight Decay Regularization"
    assert merge_records(preprints).title == first


def test_a_name_with_two_surnames_is_one_person_with_its_first_surname_alone():
    # DBLP writes `Carlos Riquelme Ruiz`; Scholar and the paper `Riquelme, Carlos`.
    dblp = rec("dblp.bib", 0, authors=("Mostafa Dehghani", "Carlos Riquelme Ruiz"),
               authors_complete=True)  # fmt: skip
    scholar = rec("scholar.bib", 0, authors=("Dehghani, Mostafa", "Riquelme, Carlos"),
                  authors_complete=True)  # fmt: skip
    for records in ([dblp, scholar], [scholar, dblp]):
        assert merge_authors(records)[1] == "Carlos Riquelme Ruiz"
        assert len(merge_authors(records)) == 2


def test_three_short_names_are_not_read_as_a_given_name_and_two_surnames():
    # `Li Wei Zhang` (surname Zhang) and `Wei, Li` are two people of one paper.
    a = rec("a.bib", 0, authors=("Li Wei Zhang", "Wei, Li"), authors_complete=True)
    b = rec("b.bib", 0, authors=("Zhang, Li Wei", "Wei, Li"), authors_complete=True)
    assert len(merge_authors([a, b])) == 2


@pytest.mark.parametrize(
    "authors",
    [
        # Found by the JSON round-trip property: `(Derek)` read as a first surname made the two
        # one person, and Zhai was lost.
        ("Lucas Beyer", "Hsueh-Ti (Derek) Zhai", "Hsueh-Ti (Derek) Beyer"),
        # Their own surnames differ: sharing a first surname is no evidence of one person.
        ("Carlos Riquelme Ruiz", "Carlos Riquelme Ortiz"),
    ],
)
def test_names_of_two_words_and_a_surname_are_not_one_person_by_their_middle_words(authors):
    listed = rec("a.bib", 0, authors=authors, authors_complete=True)
    assert merge_authors([listed]) == list(authors)
    assert merge_authors([listed, rec("b.bib", 0, authors=authors[:1])]) == list(authors)


def test_a_name_replaced_by_its_fuller_spelling_is_found_by_its_other_surname():
    # `Riquelme, Carlos` became `Carlos Riquelme Ruiz`, still filed under Riquelme alone, so a
    # later `Ruiz, C.` was a second person; the other way round it was not.
    records = [
        rec("a.bib", 0, authors=("Riquelme, Carlos",), authors_complete=True),
        rec("b.bib", 0, authors=("Carlos Riquelme Ruiz",), authors_complete=True),
        rec("c.bib", 0, authors=("Ruiz, C.",), authors_complete=True),
    ]
    assert merge_authors(records) == ["Carlos Riquelme Ruiz"]


def test_a_name_with_two_surnames_is_not_another_author_of_its_own_list():
    # `Maria Garcia Lopez` and `M. Garcia` in one list are two people (a Spanish team often
    # has two Garcias); the first surname alone matches only a name of another list.
    dblp = rec("dblp.bib", 0, authors=("Maria Garcia Lopez", "M. Garcia", "Juan Perez"),
               authors_complete=True)  # fmt: skip
    acm = rec("acm.bib", 0, authors=("Maria Garcia Lopez", "M. Garcia", "Juan Perez"),
              authors_complete=True)  # fmt: skip
    assert merge_authors([dblp, acm]) == ["Maria Garcia Lopez", "M. Garcia", "Juan Perez"]
    assert merge_authors([dblp]) == ["Maria Garcia Lopez", "M. Garcia", "Juan Perez"]


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        # Scopus writes both surnames with a comma, DBLP the whole name in reading order.
        ("María García López", "García López, M.", ["García López, María"]),
        ("García López, M.", "María García López", ["García López, María"]),
        # Accents are kept from whichever spelling has them.
        ("Maria Garcia Lopez", "García López, M.", ["García López, Maria"]),
        # A particle is a word of the surname the comma marks.
        ("Aäron van den Oord", "van den Oord, A.", ["van den Oord, Aäron"]),
        # One surname: the fuller spelling, as before.
        ("John Smith", "Smith, J.", ["John Smith"]),
        # Both surnames must agree: `García Pérez, M.` is someone else, added after the list.
        ("María García López", "García Pérez, M.", ["María García López", "García Pérez, M."]),
    ],
)
def test_a_surname_of_several_words_is_read_from_the_spelling_with_a_comma(first, second, merged):
    a = rec("dblp.bib", 0, authors=(first, "Juan Perez"), authors_complete=True)
    b = rec("scopus.csv", 0, authors=(second, "Perez, J."), authors_complete=True)
    assert merge_authors([a, b]) == [merged[0], "Juan Perez", *merged[1:]]


@pytest.mark.parametrize(
    "authors",
    [("Bunn", "Paul A.", "Jr."), ("?", "?", "Smith, Ann"), ("RARE WG-MSG Task Force 88",)],
    ids=["suffix-alone", "question-marks", "group-ending-in-a-number"],
)
def test_a_name_without_a_surname_is_one_name_in_two_copies_of_a_list(authors):
    """A name with no letters in its surname (`Jr.` split off its name, DBLP's `?`, a group
    ending in a number) is no person to compare, but another list's copy of it is the same
    name: an earlier output merged with its source again gained one more copy on every run.
    Within one list each copy is kept (two unknown authors)."""
    listed = rec("a.csv", 0, authors=authors, authors_complete=True)
    earlier = Record(Source("out.json", 0, None, "k"), authors=authors, merged=True)
    assert merge_authors([listed]) == list(authors)
    assert merge_authors([listed, earlier]) == list(authors)
    assert merge_authors([earlier, listed, rec("b.bib", 0, authors=authors)]) == list(authors)


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        pytest.param(  # dblp-acm: DBLP's particle in lower case, ACM's capitalised
            "Jan van den Bussche", "Jan Van den Bussche", "Jan van den Bussche", id="Van-den"
        ),
        pytest.param("M. Carvalho", "Márcio de Carvalho", "Márcio de Carvalho", id="de-dropped"),
        pytest.param("A. Van Wyk", "Amber van Wyk", "Amber van Wyk", id="Van-before-surname"),
        pytest.param("Noc, P.", "Le Noc, P.", "Le Noc, P.", id="Le-dropped-surname-first"),
        pytest.param(  # another initial: another person, kept
            "M. Carvalho", "Paulo de Carvalho", ["M. Carvalho", "Paulo de Carvalho"], id="other"
        ),
    ],
)
def test_one_person_with_and_without_the_particles_of_the_surname(first, second, merged):
    a = rec("a.csv", 0, authors=(first, "Juan Perez"), authors_complete=True)
    b = rec("b.csv", 0, authors=(second, "Perez, J."), authors_complete=True)
    people = merged if isinstance(merged, list) else [merged]
    assert merge_authors([a, b]) == [people[0], "Juan Perez", *people[1:]]


def test_a_capitalised_particle_is_the_surname_s_written_either_way():
    """RFC indexes: `G. Van de Velde` in one, `Velde, G. Van de` in another: one person."""
    a = rec("a.bib", 0, authors=("J. Brzozowski", "G. Van de Velde"), authors_complete=True)
    b = rec("b.bib", 0, authors=("Brzozowski, J.", "Velde, G. Van de"), authors_complete=True)
    assert len(merge_authors([a, b])) == 2
