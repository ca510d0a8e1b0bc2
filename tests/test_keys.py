"""Citation keys: readable, unique, and independent of input order."""

from __future__ import annotations

from pubdedup.keys import assign_keys, base_key
from pubdedup.merge import merge_records
from pubdedup.model import Record, Source


def paper(file: str, title: str | None, year: int | None, authors=(), abstract=None):
    record = Record(
        Source(file, 0, 1, None, None),
        title=title,
        authors=tuple(authors),
        year=year,
        abstract=abstract,
    )
    return merge_records([record])


def test_base_key_is_surname_year_first_significant_word():
    assert (
        base_key(paper("a", "On the Robustness of CNNs", 2021, ["Josip Djolonga"]))
        == "djolonga2021robustness"
    )
    assert base_key(paper("a", "Über Graphen", 1999, ["Jürgen Müller"])) == "muller1999uber"
    assert base_key(paper("a", None, None, [], abstract="We explore scaling.")) == "anonexplore"


def test_keys_spell_letters_without_an_accent_to_strip():
    # Ł, Ø, Þ, Œ have no Unicode decomposition: they were dropped (`acki2020test`).
    assert base_key(paper("a", "Test", 2020, ["Jakub Łącki"])) == "lacki2020test"
    assert base_key(paper("a", "Ørsted", 2020, ["Hans Ørsted"])) == "orsted2020orsted"
    assert base_key(paper("a", "Œuvres", 2020, ["Jón Þórsson"])) == "thorsson2020oeuvres"


def test_clashing_keys_get_suffixes_in_content_order():
    papers = [
        paper("b", "Attention Two", 2020, ["Ann Lee"]),
        paper("a", "Attention One", 2020, ["Ann Lee"]),
        paper("c", "Other", 2020, ["Ann Lee"]),
    ]
    assign_keys(papers)
    assert [p.key for p in papers] == ["lee2020attentionb", "lee2020attentiona", "lee2020other"]
    reversed_papers = [
        paper("c", "Other", 2020, ["Ann Lee"]),
        paper("a", "Attention One", 2020, ["Ann Lee"]),
        paper("b", "Attention Two", 2020, ["Ann Lee"]),
    ]
    assign_keys(reversed_papers)
    assert sorted(p.key for p in reversed_papers) == sorted(p.key for p in papers)
    by_title = {p.title: p.key for p in reversed_papers}
    assert by_title["Attention One"] == "lee2020attentiona"


def test_taken_keys_are_avoided():
    papers = [paper("a", "Attention", 2020, ["Ann Lee"])]
    assign_keys(papers, taken={"lee2020attention"})
    assert papers[0].key == "lee2020attentiona"


def test_suffixes_do_not_run_out_for_a_thousand_clashing_papers():
    # 26 one-letter and 676 two-letter suffixes; a large library can clash more often than that.
    papers = [paper(f"f{n:04d}", "Introduction", None) for n in range(1000)]
    assign_keys(papers)
    keys = [p.key for p in papers]
    assert len(set(keys)) == 1000
    assert keys[0] == "anonintroductiona"
    assert keys[26] == "anonintroductionaa"
    assert keys[702] == "anonintroductionaaa"
