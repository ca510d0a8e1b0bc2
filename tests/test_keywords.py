"""Keywords whose terms hold commas (MeSH's `Neoplasms, Second Primary`): one keyword each in
the BibTeX written, for biber, which splits `keywords` at the commas no braces enclose, and the
same terms when pubdedup reads its own output again."""

from __future__ import annotations

import pytest

from pubdedup.keywords import joined_keywords, keyword_list
from tests.test_database_fields import outputs
from tests.test_latex import compile_latex, keys_of, merge, need

TITLE = "Late effects of radiotherapy in childhood cancer survivors"
SCOPUS = (
    "Authors,Title,Year,Source title,Author Keywords,Index Keywords\n"
    f'"Doe J.; Roe K.",{TITLE},2019,Lancet Oncology,"radiotherapy; late effects",'
    '"Neoplasms, Second Primary; Humans"\n'
)
RIS = "TY  - JOUR\nAU  - Doe, J.\nTI  - {title}\nPY  - 2019\nJO  - Lancet Oncology\n{kw}ER  - \n"


def bib(keywords: str) -> str:
    return (
        f"@article{{doe, author = {{Doe, J.}}, title = {{{TITLE}}}, journal = {{Lancet "
        f"Oncology}}, year = {{2019}}, keywords = {{{keywords}}}}}\n"
    )


def ris(*lines: str) -> str:
    return RIS.format(title=TITLE, kw="".join(f"KW  - {line}\n" for line in lines))


SECOND_PRIMARY = "{Neoplasms, Second Primary}"
CASES = {
    "scopus-csv-terms-by-semicolons": (
        {"scopus.csv": SCOPUS},
        f"radiotherapy, late effects, {SECOND_PRIMARY}, Humans",
    ),
    "ris-a-term-a-line": (
        {"a.ris": ris("Neoplasms, Second Primary", "Humans", "Breast Neoplasms, Male")},
        f"{SECOND_PRIMARY}, Humans, {{Breast Neoplasms, Male}}",
    ),
    "ris-one-line-is-a-list": ({"a.ris": ris("sepsis, immunoglobulin")}, "sepsis, immunoglobulin"),
    "bibtex-terms-by-semicolons": (
        {"a.bib": bib("Neoplasms, Second Primary; Humans; Adolescent")},
        f"{SECOND_PRIMARY}, Humans, Adolescent",
    ),
    "bibtex-semicolons-without-commas": (
        {"a.bib": bib("sepsis; immunoglobulin")},
        "sepsis, immunoglobulin",
    ),
    "bibtex-braced-term": (
        {"a.bib": bib(f"{SECOND_PRIMARY}, Humans")},
        f"{SECOND_PRIMARY}, Humans",
    ),
    "bibtex-commas-as-written": ({"a.bib": bib("sepsis,immunoglobulin")}, "sepsis,immunoglobulin"),
    "copies-joined": (
        {"scopus.csv": SCOPUS, "a.bib": bib("Neoplasms, Second Primary; Child")},
        f"{SECOND_PRIMARY}, Child, radiotherapy, late effects, Humans",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("files", "written"), CASES.values(), ids=CASES.keys())
def test_a_term_with_a_comma_is_written_in_braces_and_read_back_as_one(tmp_path, files, written):
    bibtex, json_fields, items = outputs(tmp_path, files)
    [fields], [held], [item] = bibtex.values(), json_fields.values(), items.values()
    assert fields["keywords"] == written
    assert held["keywords"] == written
    # CSL's `keyword` is plain text: terms apart at semicolons where one holds a comma.
    plain = "; ".join(keyword_list(written)) if "{" in written else written
    assert item["keyword"] == plain
    # pubdedup's own output read again: the same terms, written the same.
    (tmp_path / "again").mkdir()
    again, _, _ = outputs(tmp_path / "again", {"out.bib": merge(*(tmp_path / f for f in files))})
    assert [f["keywords"] for f in again.values()] == [written]


@pytest.mark.parametrize(
    ("terms", "held"),
    [
        (["Humans"], "Humans"),
        (["Neoplasms, Second Primary"], "{Neoplasms, Second Primary}"),
        (["a", "Neoplasms, Second Primary", "b"], "a, {Neoplasms, Second Primary}, b"),
        (["{BERT} models", "x"], "{BERT} models, x"),
    ],
    ids=["plain", "one-term-with-a-comma", "among-others", "a-braced-word-is-no-term"],
)
def test_held_keywords_give_back_their_terms(terms, held):
    assert joined_keywords([terms]) == held
    assert keyword_list(held) == terms


def test_biber_reads_a_braced_term_as_one_keyword(tmp_path):
    # biber split `Neoplasms, Second Primary` into two keywords, so that a bibliography of
    # `keyword=Neoplasms` listed the paper; braced, it keeps the term one (its commas' spaces
    # dropped, as biber drops them everywhere in the field).
    need("pdflatex", "biber")
    (tmp_path / "scopus.csv").write_text(SCOPUS, encoding="utf-8")
    bibtex = merge(tmp_path / "scopus.csv")
    compile_latex(tmp_path, bibtex, keys_of(bibtex), "biber")
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert r"\keyw{radiotherapy,late effects,{Neoplasms,Second Primary},Humans}" in bbl
