"""Citation keys: readable, unique, and independent of input order."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest

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


@pytest.mark.parametrize(
    ("editor", "authors", "key"),
    [
        ("Larochelle, H. and Ranzato, M.", (), "larochelle2020advances"),
        ("IEEE Press", (), "ieee2020advances"),  # a group (braced) under its first word
        ("Larochelle, H.", ("Hinton, G.",), "hinton2020advances"),  # the authors first
        (None, (), "anon2020advances"),
    ],
    ids=["editors", "group-editor", "authors-and-editors", "no-one"],
)
def test_an_edited_volume_is_keyed_by_its_first_editor(editor, authors, key):
    """A `@proceedings` with editors alone was `anon2020advances`; styles sort and label it by
    its editors."""
    extra = (("editor", editor),) if editor else ()
    record = Record(Source("p.bib", 0, 1, "p", None), title="Advances in NIPS 33",
                    authors=authors, year=2020, extra=extra, bibtex_fields=True,
                    braced_names=("IEEE Press",), entry_type="proceedings")  # fmt: skip
    assert base_key(merge_records([record])) == key
    # A paper in the volume without authors (a keynote) is not its editors' work.
    paper = merge_records([replace(record, entry_type="inproceedings")])
    assert base_key(paper) == ("anon2020advances" if not authors else key)


def test_keys_spell_letters_without_an_accent_to_strip():
    # Ł, Ø, Þ, Œ have no Unicode decomposition: they were dropped (`acki2020test`).
    assert base_key(paper("a", "Test", 2020, ["Jakub Łącki"])) == "lacki2020test"
    assert base_key(paper("a", "Ørsted", 2020, ["Hans Ørsted"])) == "orsted2020orsted"
    assert base_key(paper("a", "Œuvres", 2020, ["Jón Þórsson"])) == "thorsson2020oeuvres"


def test_a_cyrillic_name_and_title_are_transliterated():
    # Both were left out as no ASCII: `anon2021untitled`.
    assert base_key(paper("a", "Теория графов", 2021, ["Иван Иванов"])) == "ivanov2021teoriya"
    assert base_key(paper("a", "Алгебра", 2020, ["Петров, Пётр"])) == "petrov2020algebra"
    # Written decomposed (`и` and a combining breve), `й` is still `y`, not `i`.
    name = unicodedata.normalize("NFD", "Андрей Кузьмичёв")
    title = unicodedata.normalize("NFD", "Йошкар-Ола")
    assert base_key(paper("a", title, 2000, [name])) == "kuzmichev2000yoshkarola"


def test_a_greek_name_and_title_are_transliterated_not_spelt_letter_by_letter():
    # Greek letters were spelt by name, as titles are compared: `anon2019muetachialphanu…`.
    authors = ["Γιώργος Παπαδόπουλος"]  # `ου` is `ou`, not anyascii's letter-by-letter `oy`
    assert base_key(paper("a", "Μηχανική μάθηση", 2019, authors)) == "papadopoulos2019michaniki"
    # Hyphens join words as in a Latin `Meta-analysis` (`metaanalysis`).
    assert base_key(paper("a", "Μετα-ανάλυση", 2019, authors)) == "papadopoulos2019metaanalysi"


def test_cjk_names_and_titles_are_romanised_as_anyascii_does():
    # No spaces between the words: the run is one word. anyascii reads kanji as Mandarin.
    chinese = paper("a", "深度学习的研究", 2019, ["王伟"])
    assert base_key(chinese) == "wangwei2019shenduxuexideyanjiu"
    assert base_key(paper("a", "한국어 연구", 2020, ["김민수"])) == "gimminsu2020hangugeo"
    assert base_key(paper("a", "ひらがなの本", 2020, ["Sato, Ken"])) == "sato2020hiragananoben"


def test_a_mixed_title_is_keyed_by_its_first_content_word_in_cyrillic():
    # `On` is a stop word and `A` too short: the key word is the Cyrillic one after them.
    assert base_key(paper("a", "On Теория графов", 2019, ["Wei Wang"])) == "wang2019teoriya"
    assert base_key(paper("a", "A Обзор of SQL", 2019, ["Иванов И. И."])) == "ivanov2019obzor"
    assert base_key(paper("a", "Deep обучение", 2019, ["Wei Wang"])) == "wang2019deep"


def test_a_latin_letter_without_an_ascii_fold_is_transliterated_not_dropped():
    # `ə` (Azerbaijani), `ŋ`, `ɛ` had no fold and were left out: `mmmdov2020untitled`.
    assert base_key(paper("a", "Ɛwe grammar", 2020, ["Məmməd Məmmədov"])) == ("memmedov2020ewe")
    assert base_key(paper("a", "Ŋoma songs", 1990, ["Ann Lee"])) == "lee1990ngoma"


@pytest.mark.parametrize("title", ["🚀 !!! ???", "🚀🔥", "«—»", "... ¿? ¡!"])
def test_a_title_of_punctuation_or_emoji_is_untitled(title):
    # anyascii spells an emoji `:rocket:`: no word of a key.
    assert base_key(paper("a", title, 2019, ["Wei Wang"])) == "wang2019untitled"


@pytest.mark.parametrize(
    "title, word",
    [
        ("β-catenin signalling", "betacatenin"),
        ("γδ T cells", "gammadelta"),
        ("α and β subunits", "alpha"),
        ("PPAR-α in µm scales", "pparalpha"),
    ],
)
def test_greek_letters_as_symbols_in_a_latin_title_keep_their_names(title, word):
    # One or two Greek letters are symbols, spelt as before; not anyascii's `b`, `gd`, `a`.
    assert base_key(paper("a", title, 2020, ["Ann Lee"])) == f"lee2020{word}"


def test_a_greek_word_in_a_latin_title_leaves_its_symbols_spelt_by_name():
    # A Greek word anywhere in the title made every Greek letter in it Greek: `β-catenin` was
    # anyascii's `vcatenin`, a key that changed with a word far from the key's.
    title = "β-catenin signalling in Ελλάδα"
    assert base_key(paper("a", title, 2020, ["Ann Lee"])) == "lee2020betacatenin"
    # The Greek word itself is transliterated, first in the title or in a Greek one.
    assert base_key(paper("a", "Ελλάδα and the euro", 2020, ["Ann Lee"])) == "lee2020ellada"
    assert base_key(paper("a", "Η θεωρία των β-catenin", 2020, ["Ann Lee"])) == "lee2020theoria"


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
