"""Match / no-match cases: one named case per rule, on real abstracts from the seed pages."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace

import pytest

from pubdedup.config import MatchConfig
from pubdedup.features import features_of
from pubdedup.model import Record, Source
from pubdedup.readers.page import read_page
from pubdedup.score import Verdict, compare
from tests.conftest import DATA, EXAMPLES, read

CONFIG = MatchConfig()
KOLESNIKOV = read_page(read(EXAMPLES / "000_0b40a0d7e21e786a.txt"), "k.txt").records
VIT22B = KOLESNIKOV[1].abstract  # "The scaling of Transformers has driven ..."
SCALING_VIT = KOLESNIKOV[4].abstract  # "Attention-based neural networks such as the ViT ..."
VIT = KOLESNIKOV[8].abstract  # "While the Transformer architecture ..."
MIXER = KOLESNIKOV[6].abstract


def rec(index: int = 0, file: str = "a.txt", **fields) -> Record:
    return Record(source=Source(file, index, index + 1, None, fields.pop("owner", None)), **fields)


def verdict(a: Record, b: Record) -> Verdict:
    return compare(features_of(a), features_of(b), CONFIG).verdict


def drop_sentence(text: str, n: int) -> str:
    sentences = text.split(". ")
    return ". ".join(sentences[:n] + sentences[n + 1 :])


def typos(text: str, every: int = 97) -> str:
    return "".join(
        ch.upper() if i % every == 0 else ("" if i % every == 1 else ch)
        for i, ch in enumerate(text)
    )


CASES = [
    # --- must merge -------------------------------------------------------------------------
    ("identical-abstract", dict(abstract=VIT22B), dict(abstract=VIT22B), Verdict.MATCH),
    (
        "sentence-removed",
        dict(abstract=VIT22B),
        dict(abstract=drop_sentence(VIT22B, 3)),
        Verdict.MATCH,
    ),
    (
        "sentence-added",
        dict(abstract=MIXER),
        dict(abstract=MIXER + " Code is available online."),
        Verdict.MATCH,
    ),
    ("typos", dict(abstract=SCALING_VIT), dict(abstract=typos(SCALING_VIT)), Verdict.MATCH),
    (
        "hyphenation-and-wrapping",
        dict(abstract=VIT22B.replace("breakthrough", "break-\nthrough")),
        dict(abstract=VIT22B.replace(" ", "  ")),
        Verdict.MATCH,
    ),
    (
        "vit22b-vs-vit-22b",
        dict(abstract=VIT22B),
        dict(abstract=VIT22B.replace("ViT22B", "ViT-22B")),
        Verdict.MATCH,
    ),
    (
        "quote-styles",
        dict(abstract=MIXER),
        dict(abstract=MIXER.replace('"mixing"', "\u201cmixing\u201d")),
        Verdict.MATCH,
    ),
    ("truncated-copy", dict(abstract=VIT), dict(abstract=VIT[:400], truncated=True), Verdict.MATCH),
    (
        "title-and-abstract-vs-abstract-only",
        dict(title="An Image is Worth 16x16 Words", abstract=VIT, year=2021, venue="ICLR"),
        dict(abstract=VIT),
        Verdict.MATCH,
    ),
    (
        "same-title-with-typo",
        dict(title="Scaling Vision Transformers to 22 Billion Parameters"),
        dict(title="Scaling Vision Transfomers to 22 Billion Parameters"),
        Verdict.MATCH,
    ),
    (
        "title-only-named-in-abstract-only-copy",
        dict(title="MLP-Mixer: An all-MLP Architecture for Vision"),
        dict(abstract=MIXER),
        Verdict.MATCH,
    ),
    (
        "same-doi",
        dict(title="A", doi="https://doi.org/10.1000/XYZ"),
        dict(title="A", doi="10.1000/xyz"),
        Verdict.MATCH,
    ),
    (
        "same-arxiv-other-version",
        dict(arxiv="arXiv:2106.04560v2"),
        dict(arxiv="2106.04560"),
        Verdict.MATCH,
    ),
    (
        # Scopus gives the German title, PubMed the English one, of one DOI, volume and pages:
        # without the DOI the volume and pages place it; the DOI must not weaken that to a maybe.
        "same-doi-translated-title-same-volume-and-pages",
        dict(
            title="Wirksamkeit von Physiotherapie bei Kniearthrose: eine randomisierte Studie",
            authors=("Müller, K.", "Schmidt, A.", "Becker, T."),
            authors_complete=True,
            year=2019,
            venue="Zeitschrift fur Rheumatologie",
            volume="78",
            pages="345-352",
            doi="10.1007/s00393-019-0612-3",
        ),
        dict(
            title="[Efficacy of physiotherapy in knee osteoarthritis: a randomized trial].",
            authors=("Müller, K.", "Schmidt, A.", "Becker, T."),
            authors_complete=True,
            year=2019,
            venue="Z Rheumatol",
            volume="78",
            pages="345-352",
            doi="10.1007/s00393-019-0612-3",
        ),
        Verdict.MATCH,
    ),
    (
        "same-doi-different-title-only-is-maybe",  # a book's DOI shared by its chapters
        dict(title="Gradient descent in practice", doi="10.1007/978-3-642-35289-8"),
        dict(title="Efficient backprop for networks", doi="10.1007/978-3-642-35289-8"),
        Verdict.MAYBE,
    ),
    # --- must not merge ---------------------------------------------------------------------
    (
        "related-vit-papers-22b-vs-scaling",
        dict(abstract=VIT22B),
        dict(abstract=SCALING_VIT),
        Verdict.NONE,
    ),
    ("related-vit-papers-vit-vs-mixer", dict(abstract=VIT), dict(abstract=MIXER), Verdict.NONE),
    (
        "title-only-vs-abstract-only-is-maybe",
        dict(title="Scaling Vision Transformers"),
        dict(abstract=SCALING_VIT),
        Verdict.MAYBE,
    ),
    (
        "title-only-words-in-related-abstract",
        dict(title="Scaling Vision Transformers"),
        dict(abstract=VIT22B),
        Verdict.MAYBE,
    ),
    (
        "title-name-mentioned-by-follow-up",
        dict(title="MLP-Mixer: Faster Vision Models"),
        dict(abstract=MIXER),
        Verdict.NONE,
    ),
    (
        "same-title-years-apart",
        dict(title="Assigned Numbers", year=1990),
        dict(title="Assigned Numbers", year=1994),
        Verdict.DISTINCT,
    ),
    (
        "same-title-different-number",
        dict(title="Network Time Protocol Version 3"),
        dict(title="Network Time Protocol Version 4"),
        Verdict.DISTINCT,
    ),
    (
        "different-doi-same-publisher",
        dict(title="Same Title Here", doi="10.1145/1"),
        dict(title="Same Title Here", doi="10.1145/2"),
        Verdict.DISTINCT,
    ),
    (
        "different-arxiv",
        dict(abstract=VIT, arxiv="2010.11929"),
        dict(abstract=VIT, arxiv="2010.11930"),
        Verdict.DISTINCT,
    ),
    ("short-title-uncorroborated", dict(title="Attention"), dict(title="Attention"), Verdict.MAYBE),
    (
        # A short shared title loses against two abstracts that plainly differ.
        "same-short-title-abstracts-disagree",
        dict(title="Scaling Vision Transformers", abstract=VIT22B),
        dict(title="Scaling Vision Transformers", abstract=SCALING_VIT),
        Verdict.NONE,
    ),
    (
        "same-long-title-abstracts-disagree-is-maybe",
        dict(title="Scaling Vision Transformers to Billions of Parameters", abstract=VIT22B),
        dict(title="Scaling Vision Transformers to Billions of Parameters", abstract=SCALING_VIT),
        Verdict.MAYBE,
    ),
]


@pytest.mark.parametrize("name, a, b, expected", CASES, ids=[c[0] for c in CASES])
def test_match_case(name, a, b, expected):
    assert verdict(rec(0, **a), rec(1, file="b.txt", **b)) is expected


@pytest.mark.parametrize("name, a, b, expected", CASES, ids=[c[0] for c in CASES])
def test_scores_are_symmetric(name, a, b, expected):
    x, y = features_of(rec(0, **a)), features_of(rec(1, file="b.txt", **b))
    assert compare(x, y, CONFIG) == compare(y, x, CONFIG)


def test_no_two_different_seed_abstracts_match():
    records = [r for r in KOLESNIKOV if r.abstract]
    for a, b in itertools.combinations(records, 2):
        assert verdict(a, b) is Verdict.NONE, (a.abstract[:40], b.abstract[:40])


def test_evidence_is_reported():
    result = compare(
        features_of(rec(0, abstract=VIT, owner="Lucas Beyer")),
        features_of(rec(1, abstract=VIT, owner="L. Beyer")),
        CONFIG,
    )
    assert result.rule == "abstract"
    assert result.evidence["abstract"] == 1.0
    assert result.evidence["authors"] == 1
    assert result.evidence["title"] is None


def test_no_seed_title_matches_another_papers_abstract():
    """Each paper's public title, as a title-only copy, against every abstract-only copy."""
    truth = json.loads((DATA / "seeds_truth.json").read_text(encoding="utf-8"))
    entries = truth["pages"]["000_0b40a0d7e21e786a.txt"]["entries"]
    abstracts = {pid: r for pid, r in zip(entries, KOLESNIKOV, strict=True) if r.abstract}
    for pid, paper in truth["papers"].items():
        titled = rec(0, file="t.txt", title=paper["title"])
        for other, record in abstracts.items():
            got = verdict(titled, rec(1, abstract=record.abstract))
            assert other == pid or got is not Verdict.MATCH, (pid, other)


def bib(**fields):
    """A complete bibliographic record, as BibTeX or CSV inputs give them."""
    return {"authors_complete": True, **fields}


AUTHORS3 = ("Rada Chirkova", "Alon Y. Halevy", "Dan Suciu")
KATZ_LINDELL = ("Jonathan Katz", "Yehuda Lindell")
SCALING_VIT = ("Zhai, Xiaohua", "Kolesnikov, Alexander", "Houlsby, Neil", "Beyer, Lucas")
THESIS_TITLED = dict(
    title="Effective stochastic local search algorithms for bi-objective permutation flowshop"
    " scheduling",
    year=2010,
)
PAPER_TEAM = ("Dubois-Lacoste, J.", "López-Ibáñez, M.", "Stützle, T.")
RUXOLITINIB = dict(
    title="Ruxolitinib in patients with myelofibrosis and low platelet counts: results of a"
    " phase 2 study",
    year=2021,
    venue="Blood",
    authors=AUTHORS3,
)
BIB_CASES = [
    (
        "venue-alias-same-paper",
        bib(
            title="A Formal Perspective on the View Selection Problem",
            authors=AUTHORS3,
            year=2001,
            venue="VLDB",
        ),
        bib(
            title="A formal perspective on the view selection problem",
            authors=("Dan Suciu", "Rada Chirkova", "Alon Halevy"),
            year=2001,
            venue="Very Large Data Bases",
        ),
        Verdict.MATCH,
    ),
    (
        "conference-vs-journal-version-is-maybe",
        bib(
            title="A Formal Perspective on the View Selection Problem",
            authors=AUTHORS3,
            year=2001,
            venue="VLDB",
        ),
        bib(
            title="A formal perspective on the view selection problem",
            authors=AUTHORS3,
            year=2002,
            venue="VLDB J.",
        ),
        Verdict.MAYBE,
    ),
    (
        "preprint-and-published-version",
        bib(
            title="A Formal Perspective on the View Selection Problem",
            authors=AUTHORS3,
            year=2001,
            venue="arXiv",
        ),
        bib(
            title="A formal perspective on the view selection problem",
            authors=AUTHORS3,
            year=2002,
            venue="VLDB J.",
        ),
        Verdict.MATCH,
    ),
    (
        "part-one-vs-part-two",
        bib(title="Database tuning: principles and techniques (part I)", year=2002),
        bib(title="Database tuning: principles and techniques (part II)", year=2002),
        Verdict.DISTINCT,
    ),
    (
        "same-title-different-pages",
        bib(
            title="Transplantation in Atypical Hemolytic Uremic Syndrome",
            year=2010,
            volume="36",
            pages="653-659",
            authors=("Kavanagh, D.",),
        ),
        bib(
            title="Transplantation in Atypical Hemolytic Uremic Syndrome",
            year=2010,
            volume="36",
            pages="1888",
            authors=("Riedl, M.",),
        ),
        Verdict.DISTINCT,
    ),
    (
        "same-title-different-volume",
        bib(title="Eculizumab in atypical hemolytic uremic syndrome", volume="112"),
        bib(title="Eculizumab in atypical hemolytic uremic syndrome", volume="44"),
        Verdict.DISTINCT,
    ),
    (
        "bilingual-title-same-volume-and-pages",
        bib(
            title="[Are antimicrobials useful in closed thoracostomy due to trauma?]",
            year=2009,
            volume="77",
            pages="29-32",
            authors=("Villegas-Carlos, F.", "Pinedo-Onofre, J. A."),
            venue="Cirugia y cirujanos",
        ),
        bib(
            title="Utilidad de los antimicrobianos en la toracostomia cerrada por trauma; Are "
            "antimicrobials useful in closed thoracostomy due to trauma?",
            year=2009,
            volume="77",
            pages="29--32",
            authors=("Villegas-Carlos, Felipe", "Pinedo-Onofre, Javier"),
            venue="Cirugia y Cirujanos",
        ),
        Verdict.MATCH,
    ),
    (
        "title-plus-subtitle",
        bib(
            title="Optimal therapy of malignant pleural effusions",
            year=1996,
            authors=("Lynch, T.", "Kalish, L."),
            venue="Int J Oncol",
        ),
        bib(
            title="Optimal therapy of malignant pleural effusions: report of a randomized trial",
            year=1996,
            authors=("Lynch Jr, T. J.", "Kalish, L."),
            venue="International Journal of Oncology",
        ),
        Verdict.MATCH,
    ),
    (
        "substituted-word-is-not-a-typo",
        bib(
            title="An open-label trial of eculizumab after kidney transplantation in atypical HUS",
            year=2011,
            authors=("Alexion Pharmaceuticals",),
        ),
        bib(
            title="An open-label trial of eculizumab after liver transplantation in atypical HUS",
            year=2011,
            authors=("Alexion Pharmaceuticals",),
        ),
        Verdict.MAYBE,
    ),
    (
        "substituted-alternative-is-not-a-typo",
        bib(
            title="An open-label trial of eculizumab in pediatric patients with atypical HUS",
            year=2011,
            authors=("Alexion Pharmaceuticals",),
        ),
        bib(
            title="An open-label trial of eculizumab in adult patients with atypical HUS",
            year=2011,
            authors=("Alexion Pharmaceuticals",),
        ),
        Verdict.DISTINCT,  # two trials: `pediatric` and `adult` are alternatives of one kind
    ),
    (
        "recurring-column-one-shared-editor",
        bib(
            title="Book review column",
            authors=("Karl Aberer",),
            year=2002,
            venue="SIGMOD Record",
            title_count=3,
        ),
        bib(
            title="Book Review Column",
            authors=("Karl Aberer",),
            year=2002,
            venue="ACM SIGMOD Record",
            title_count=3,
        ),
        Verdict.MAYBE,
    ),
    (
        "complete-author-lists-disagree",
        bib(
            title="Atypical hemolytic uremic syndrome in children",
            year=2011,
            authors=("Loirat, C.", "Fremeaux-Bacchi, V."),
        ),
        bib(
            title="Atypical hemolytic uremic syndrome in children",
            year=2011,
            authors=("Kavanagh, D.", "Goodship, T. H. J."),
        ),
        Verdict.NONE,
    ),
    (
        "same-rfc-number-different-publisher-name",
        bib(
            title="Telnet terminal location number option",
            year=1985,
            number="946",
            entry_type="techreport",
            venue="IETF",
            authors=("Nedved, R.",),
        ),
        bib(
            title="Telnet terminal location number option",
            year=1985,
            number="0946",
            entry_type="techreport",
            venue="Internet Requests for Comments",
            authors=("R. Nedved",),
        ),
        Verdict.MATCH,
    ),
    (
        "two-preprints-one-word-substituted-arxiv-is-no-shared-venue",
        bib(
            title="Learning to Merge Tokens in Vision Transformers",
            year=2022,
            venue="arXiv",
            authors=("Smith, A", "Beyer, Lucas"),
        ),
        bib(
            title="Learning to Prune Tokens in Vision Transformers",
            year=2022,
            venue="arXiv",
            authors=("Smith, A", "Beyer, Lucas"),
        ),
        Verdict.MAYBE,
    ),
    (
        "one-paper-paginated-twice-cvf-and-ieee",
        bib(
            title="Scaling vision transformers",
            year=2022,
            venue="Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern "
            "Recognition",
            pages="12104--12113",
            authors=SCALING_VIT,
        ),
        bib(
            title="Scaling Vision Transformers",
            year=2022,
            venue="2022 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)",
            pages="12094--12103",
            authors=SCALING_VIT,
        ),
        Verdict.MATCH,
    ),
    (
        "page-range-mistyped-in-one-journal-volume-and-year",
        bib(
            title="A general lower bound on the number of examples needed for learning",
            year=1989,
            venue="Information and Computation",
            volume="82",
            pages="267-284",
            authors=("A. Ehrenfeucht", "D. Haussler", "M. Kearns", "L. Valiant"),
        ),
        bib(
            title="A general lower bound on the number of examples needed for learning.",
            year=1989,
            venue="Inform. Comput.",
            volume="82(3)",
            pages="247-261",
            authors=("Ehrenfeucht, A.", "Haussler, D.", "Kearns, M.", "Valiant, L. G."),
        ),
        Verdict.MATCH,
    ),
    (
        "single-page-in-the-same-volume-may-be-the-erratum",
        bib(
            title="A general lower bound on the number of examples needed for learning",
            year=1989,
            venue="Information and Computation",
            volume="82",
            pages="247-261",
            authors=("A. Ehrenfeucht", "D. Haussler", "M. Kearns", "L. Valiant"),
        ),
        bib(
            title="A general lower bound on the number of examples needed for learning",
            year=1989,
            venue="Information and Computation",
            volume="82",
            pages="512",
            authors=("A. Ehrenfeucht", "D. Haussler", "M. Kearns", "L. Valiant"),
        ),
        Verdict.VERSION,
    ),
    (
        # Part I and Part II with the part lost from the titles: the next article of the volume.
        "a-second-part-on-the-next-pages-of-one-volume-stays-apart",
        bib(
            title="Kinetics of the thermal decomposition of calcium carbonate",
            year=1941,
            venue="Journal of Physical Chemistry",
            volume="45",
            pages="101-118",
            authors=("Smith, John", "Jones, Mary"),
        ),
        bib(
            title="Kinetics of the thermal decomposition of calcium carbonate",
            year=1941,
            venue="Journal of Physical Chemistry",
            volume="45",
            pages="119-128",  # 118 / 128: one digit, but where the other ends
            authors=("Smith, John", "Jones, Mary"),
        ),
        Verdict.VERSION,
    ),
    (
        "a-two-page-erratum-under-the-papers-title-in-one-volume-stays-apart",
        bib(
            title="Prevalence of asthma among schoolchildren in rural districts",
            year=1997,
            venue="Thorax",
            volume="52",
            pages="312-318",
            authors=("Brown, Anna", "Green, Peter", "White, Lucy"),
        ),
        bib(
            title="Prevalence of asthma among schoolchildren in rural districts",
            year=1997,
            venue="Thorax",
            volume="52",
            pages="412-413",  # 312 / 412: one digit, but a page or two
            authors=("Brown, Anna", "Green, Peter", "White, Lucy"),
        ),
        Verdict.VERSION,
    ),
    (
        # A rejoinder listed under its paper's title (as Scholar does), later in the issue.
        "a-rejoinder-under-the-papers-title-in-one-volume-stays-apart",
        bib(
            title="Least angle regression",
            year=2004,
            venue="Annals of Statistics",
            volume="32",
            pages="407-451",
            authors=("Efron, Bradley", "Hastie, Trevor", "Johnstone, Iain", "Tibshirani, Robert"),
        ),
        bib(
            title="Least angle regression",
            year=2004,
            venue="Annals of Statistics",
            volume="32",
            pages="494-499",  # no digit mistyped: another article
            authors=("Efron, Bradley", "Hastie, Trevor", "Johnstone, Iain", "Tibshirani, Robert"),
        ),
        Verdict.VERSION,
    ),
    (
        "other-ranges-in-other-volumes-of-one-year-stay-apart",
        bib(
            title="A general lower bound on the number of examples needed for learning",
            year=1989,
            venue="Information and Computation",
            volume="82",
            pages="247-261",
            authors=("A. Ehrenfeucht", "D. Haussler", "M. Kearns", "L. Valiant"),
        ),
        bib(
            title="A general lower bound on the number of examples needed for learning",
            year=1989,
            venue="Information and Computation",
            volume="83",
            pages="12-30",
            authors=("A. Ehrenfeucht", "D. Haussler", "M. Kearns", "L. Valiant"),
        ),
        Verdict.VERSION,
    ),
    (
        "year-mistyped-in-one-volume-and-page-range",
        bib(
            title="Inference of finite automata using homing sequences",
            year=1997,
            venue="Information and Computation",
            volume="103(2)",
            pages="299-347",
            authors=("Rivest, R. L.", "Schapire, R. E."),
        ),
        bib(
            title="Inference of finite automata using homing sequences.",
            year=1993,
            venue="Information and Computation",
            volume="103",
            pages="299-347",
            authors=("R. Rivest", "R. Schapire"),
        ),
        Verdict.MATCH,
    ),
    (
        "years-apart-without-one-page-range-stay-versions",
        bib(
            title="Inference of finite automata using homing sequences",
            year=1997,
            venue="Information and Computation",
            volume="103(2)",
            pages="299-347",
            authors=("Rivest, R. L.", "Schapire, R. E."),
        ),
        bib(
            title="Inference of finite automata using homing sequences.",
            year=1993,
            venue="Information and Computation",
            authors=("R. Rivest", "R. Schapire"),
        ),
        Verdict.VERSION,
    ),
    (
        "same-team-same-title-pages-of-other-lengths-stay-apart",
        bib(
            title="Scaling vision transformers",
            year=2022,
            venue="CVPR",
            pages="12104--12113",
            authors=SCALING_VIT,
        ),
        bib(
            title="Scaling Vision Transformers",
            year=2022,
            venue="CVPR",
            pages="12094--12100",
            authors=SCALING_VIT,
        ),
        Verdict.VERSION,  # kept apart, linked as `related`
    ),
    (
        "a-preprints-page-count-places-no-published-paper",
        bib(
            title="Big transfer (bit): General visual representation learning",
            year=2019,
            venue="arXiv preprint arXiv:1912.11370",
            volume="6",
            pages="8",
            authors=("Kolesnikov, Alexander", "Beyer, Lucas", "Zhai, Xiaohua"),
        ),
        bib(
            title="Big Transfer (BiT): General Visual Representation Learning",
            year=2020,
            venue="European Conference on Computer Vision",
            pages="491--507",
            authors=("Kolesnikov, Alexander", "Beyer, Lucas", "Zhai, Xiaohua"),
        ),
        Verdict.MATCH,
    ),
    (
        "page-range-typo-same-last-page",
        bib(
            title="Disease recurrence in paediatric renal transplantation",
            year=2009,
            volume="24",
            pages="2297-2108",
            authors=("Cochat, P.", "Fargue, S."),
        ),
        bib(
            title="Disease recurrence in paediatric renal transplantation.",
            year=2009,
            volume="24",
            pages="2097-2108",
            authors=("Cochat, P.", "Fargue, S."),
        ),
        Verdict.MATCH,
    ),
    (
        "page-range-dash-lost",
        bib(
            title="Cryptographic limitations on learning Boolean formulae and finite automata",
            year=1989,
            pages="pages 433444,",
            authors=("M. Kearns", "L. Valiant"),
            venue="in proc. 21st annu. acm sympos. theory comput.",
        ),
        bib(
            title="cryptographic limitations on learning boolean formulae and finite automata.",
            year=1989,
            pages="pages 433-444.",
            authors=("michael kearns", "leslie g. valiant"),
            venue="in proceedings of the twenty-first annual acm symposium on theory of computing",
        ),
        Verdict.MATCH,
    ),
    (
        "page-range-dash-lost-and-mistyped",
        bib(
            title="Experiments with a new boosting algorithm",
            year=1996,
            pages="pp. 148156.",
            authors=("Freund, Y.", "Schapire, R."),
            venue="proc. 13th int. conf. machine learning",
        ),
        bib(
            title="experiments with a new boosting algorithm,",
            year=1996,
            pages="149-156).",
            authors=("Freund, Y.", "Schapire, R. E."),
            venue="proceedings of the 13rd international conference of machine learning",
        ),
        Verdict.MATCH,
    ),
    (
        "page-range-dash-lost-from-an-abbreviated-range-written-in-full",
        bib(
            title="On the learnability of boolean formulae",
            year=1987,
            pages="pages 285295,",
            authors=("M. Kearns", "M. Li", "L. Pitt", "L. G. Valiant"),
            venue="proceedings of the 19th annual symposium on the theory of computation",
        ),
        bib(
            title="on the learnability of boolean formulae.",
            year=1987,
            pages="pp. 285-95,",
            authors=("Kearns, M.", "Li, M.", "Pitt, L.", "Valiant, L. G."),
            venue="proceedings of the 19th annual acm symposium on theory of computing",
        ),
        Verdict.MATCH,
    ),
    (
        "page-range-dash-lost-from-an-abbreviated-range-as-written",
        bib(
            title="On the learnability of boolean formulae",
            year=1987,
            pages="28595",
            authors=("M. Kearns", "M. Li", "L. Pitt", "L. G. Valiant"),
            venue="STOC",
        ),
        bib(
            title="On the learnability of boolean formulae",
            year=1987,
            pages="285-95",
            authors=("M. Kearns", "M. Li", "L. Pitt", "L. G. Valiant"),
            venue="STOC",
        ),
        Verdict.MATCH,
    ),
    (
        "page-range-dash-lost-against-a-range-ending-before-it-starts",
        bib(
            title="Efficient noise-tolerant learning from statistical queries",
            year=1993,
            pages="pages 392401,",
            authors=("M. J. Kearns",),
            venue="in proc. acm symposium on the theory of computing",
        ),
        bib(
            title="efficient noise-tolerant learning from statistical queries.",
            year=1993,
            pages="pages 392 - 352,",
            authors=("Michael Kearns",),
            venue="in proceedings of the 25th annual acm symposium on theory of computing",
        ),
        Verdict.MATCH,
    ),
    (
        "lone-page-is-no-lost-dash-when-it-starts-elsewhere-than-a-reversed-range",
        bib(
            title="Efficient noise-tolerant learning from statistical queries",
            year=1993,
            pages="pages 393401,",
            authors=("M. J. Kearns",),
            venue="in proc. acm symposium on the theory of computing",
        ),
        bib(
            title="efficient noise-tolerant learning from statistical queries.",
            year=1993,
            pages="pages 392 - 352,",
            authors=("Michael Kearns",),
            venue="in proceedings of the 25th annual acm symposium on theory of computing",
        ),
        Verdict.VERSION,
    ),
    (
        "lone-page-is-no-lost-dash-when-a-two-digit-half-differs",
        bib(
            title="Editorial",
            year=2019,
            volume="270",
            pages="1225",
            authors=("Ann Smith", "Bob Jones", "Carl Wu"),
            venue="Annals of Surgery",
        ),
        bib(
            title="Editorial",
            year=2019,
            volume="270",
            pages="12-15",
            authors=("Ann Smith", "Bob Jones", "Carl Wu"),
            venue="Annals of Surgery",
        ),
        Verdict.VERSION,
    ),
    (
        "lone-page-is-no-lost-dash-of-an-abbreviated-range-with-a-digit-off",
        bib(
            title="Superconductivity in twisted trilayer graphene",
            year=2019,
            volume="99",
            pages="104101",
            authors=("Ann Smith", "Bob Jones"),
            venue="Physical Review B",
        ),
        bib(
            title="Superconductivity in twisted bilayer graphene",
            year=2019,
            volume="99",
            pages="104-6",
            authors=("Ann Smith", "Bob Jones"),
            venue="Physical Review B",
        ),
        Verdict.VERSION,
    ),
    (
        "lone-page-is-no-lost-dash-of-an-abbreviated-range-ending-elsewhere",
        bib(
            title="On the learnability of boolean formulae",
            year=1987,
            pages="285317",
            authors=("M. Kearns", "M. Li"),
            venue="STOC",
        ),
        bib(
            title="On the learnability of boolean formulae",
            year=1987,
            pages="285-95",
            authors=("M. Kearns", "M. Li"),
            venue="STOC",
        ),
        Verdict.VERSION,
    ),
    (
        "lone-page-is-no-lost-dash-when-the-halves-do-not-fit",
        bib(
            title="On the learnability of boolean formulae",
            year=1987,
            pages="2851",
            authors=("M. Kearns", "M. Li"),
            venue="STOC",
        ),
        bib(
            title="On the learnability of boolean formulae",
            year=1987,
            pages="285-295",
            authors=("M. Kearns", "M. Li"),
            venue="STOC",
        ),
        Verdict.VERSION,
    ),
    (
        "page-ranges-overlapping-by-many-pages",
        bib(
            title="Bounds on the sample complexity of Bayesian learning",
            year=1994,
            volume="14",
            pages="83-113",
            authors=("D. Haussler", "M. Kearns", "R. Schapire"),
            venue="Machine Learning",
        ),
        bib(
            title="Bounds on the sample complexity of bayesian learning.",
            year=1994,
            volume="14",
            pages="84-114",
            authors=("David Haussler", "Michael Kearns", "Robert E. Schapire"),
            venue="Machine Learning",
        ),
        Verdict.MATCH,
    ),
    (
        "neighbouring-page-ranges-sharing-one-page-stay-apart",
        bib(
            title="Report of the working group",
            year=2001,
            volume="7",
            pages="10-20",
            authors=("A. Smith",),
            venue="Bulletin",
        ),
        bib(
            title="Report of the working group",
            year=2001,
            volume="7",
            pages="20-31",
            authors=("A. Smith",),
            venue="Bulletin",
        ),
        Verdict.VERSION,
    ),
    (
        "volume-mistyped-same-page-range-same-year",
        bib(
            title="Equivalence of models for polynomial learnability",
            year=1991,
            volume="95(2)",
            pages="129-161",
            authors=("D. Haussler", "M. Kearns", "N. Littlestone", "M. K. Warmuth"),
            venue="Information and Computation",
        ),
        bib(
            title="Equivalence of models for polynomial learnability.",
            year=1991,
            volume="25(2)",
            pages="129-161,",
            authors=("David Haussler", "Michael Kearns", "Nick Littlestone", "Manfred Warmuth"),
            venue="Inform. Comput.",
        ),
        Verdict.MATCH,
    ),
    (
        "same-page-range-in-other-volume-of-other-year-stays-apart",
        bib(
            title="Annual report of the society",
            year=1991,
            volume="25",
            pages="129-131",
            venue="Bulletin of the Society",
        ),
        bib(
            title="Annual report of the society",
            year=1992,
            volume="26",
            pages="129-131",
            venue="Bulletin of the Society",
        ),
        Verdict.DISTINCT,
    ),
    (
        "citation-venue-abbreviated-and-reordered",
        bib(
            title="Experiments with a new boosting algorithm",
            year=1996,
            authors=("freund, y.", "schapire, r. e."),
            venue="machine learning: proceedings of the thirteenth national conference",
        ),
        bib(
            title="experiments with a new boosting algorithm.",
            year=1996,
            authors=("y. freund", "r. schapire"),
            venue="in proc. thirteenth conf. machine learning",
        ),
        Verdict.MATCH,
    ),
    (
        "misspelt-surname-is-the-same-person",
        bib(
            title="The strength of weak learnability",
            year=1990,
            volume="5",
            pages="197-227",
            authors=("shapire, r.",),
            venue="machine learning",
        ),
        bib(
            title="The strength of weak learnability.",
            year=1990,
            volume="5(2)",
            pages="197-227",
            authors=("robert e. schapire",),
            venue="Machine Learning",
        ),
        Verdict.MATCH,
    ),
    (
        "long-title-recurring-in-one-input-is-copies",
        bib(
            title="Efficient noise-tolerant learning from statistical queries",
            year=1993,
            authors=("M. Kearns",),
            title_count=40,
        ),
        bib(
            title="efficient noise-tolerant learning from statistical queries.",
            year=1993,
            authors=("m. j. kearns",),
            title_count=40,
        ),
        Verdict.MATCH,
    ),
    (
        "acronym-and-series-name-of-a-much-cited-paper",
        bib(
            title="Learning in the presence of malicious errors",
            year=1988,
            authors=("Kearns, M. J.", "Li, M."),
            venue="in proceedings stoc-88.",
            title_count=44,
        ),
        bib(
            title="learning in the presence of malicious errors.",
            year=1988,
            authors=("Kearns, M.", "Li, M."),
            venue="in proceedings of the twentieth annual acm symposium on theory of computing",
            title_count=44,
        ),
        Verdict.MATCH,
    ),
    (
        "recurring-guest-editors-introduction-is-a-maybe",
        bib(
            title="Guest editor's introduction",
            authors=("Karl Aberer",),
            year=2003,
            venue="ACM SIGMOD Record",
            title_count=4,
        ),
        bib(
            title="Guest editor's introduction",
            authors=("Karl Aberer",),
            year=2003,
            venue="SIGMOD Record",
            title_count=4,
        ),
        Verdict.MAYBE,
    ),
    (
        "kind-of-contribution-note-dropped",
        bib(
            title="Will Database Researchers Have ANY Role in Data Security? (Panel Abstract)",
            authors=("Arnon Rosenthal",),
            year=2001,
            venue="SIGMOD Conference",
        ),
        bib(
            title="Will database researchers have any role in data security? (panel session)",
            authors=("Arnon Rosenthal", "Klaus Dittrich"),
            year=2001,
            venue="International Conference on Management of Data",
        ),
        Verdict.MATCH,
    ),
    (
        "heading-before-title",
        bib(
            title="Can liver-kidney transplantation cure aHUS?",
            authors=("Il Cheong", "H."),
            year=2009,
            venue="Nature Reviews Nephrology",
            volume="5",
            pages="556-557",
        ),
        bib(
            title="Trombotic microangiopathy: can liver-kidney transplantation cure aHUS?",
            authors=("Cheong, H. I.",),
            year=2009,
            venue="Nature Reviews Nephrology",
            volume="5",
            pages="556-557",
        ),
        Verdict.MATCH,
    ),
    (
        # arXiv's own BibTeX gives the year of the latest version; the id dates the first.
        "arxiv-export-year-of-its-latest-version",
        bib(
            title="Attention Is All You Need",
            authors=("Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit"),
            year=2023,
            arxiv="1706.03762",
            entry_type="misc",
        ),
        bib(
            title="Attention is All you Need",
            authors=("Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit"),
            year=2017,
            venue="Advances in Neural Information Processing Systems 30",
            entry_type="inproceedings",
        ),
        Verdict.MATCH,
    ),
    (
        "arxiv-first-version-years-before-the-paper",
        bib(
            title="Attention Is All You Need",
            authors=("Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit"),
            year=2011,
            arxiv="1003.03762",
            entry_type="misc",
        ),
        bib(
            title="Attention is All you Need",
            authors=("Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit"),
            year=2017,
            venue="Advances in Neural Information Processing Systems 30",
            entry_type="inproceedings",
        ),
        Verdict.VERSION,
    ),
    (
        # DBLP keeps a preprint's first title; its published version was renamed.
        "same-arxiv-id-retitled-between-versions",
        bib(
            title="Large Scale Learning of General Visual Representations for Transfer",
            authors=("Alexander Kolesnikov", "Lucas Beyer", "Xiaohua Zhai", "Joan Puigcerver"),
            year=2019,
            arxiv="1912.11370",
            venue="CoRR",
        ),
        bib(
            title="Big Transfer (BiT): General Visual Representation Learning",
            authors=(
                "Kolesnikov, Alexander",
                "Beyer, Lucas",
                "Zhai, Xiaohua",
                "Puigcerver, Joan",
                "Yung, Jessica",
                "Gelly, Sylvain",
                "Houlsby, Neil",
            ),
            year=2020,
            arxiv="1912.11370",
            venue="ECCV",
        ),
        Verdict.MATCH,
    ),
    (
        "same-arxiv-id-other-title-other-people",
        bib(
            title="Large Scale Learning of General Visual Representations for Transfer",
            authors=("Alexander Kolesnikov", "Lucas Beyer", "Xiaohua Zhai", "Joan Puigcerver"),
            year=2019,
            arxiv="1912.11370",
            venue="CoRR",
        ),
        bib(
            title="Deep residual learning for image recognition",
            authors=("He, Kaiming", "Zhang, Xiangyu", "Ren, Shaoqing", "Sun, Jian"),
            year=2020,
            arxiv="1912.11370",
            venue="CVPR",
        ),
        Verdict.MAYBE,
    ),
    (
        # A hand-kept file: an entry copied for a sibling paper, its eprint left unchanged.
        # Two published papers of one team under one id are no versions of each other.
        "same-arxiv-id-copied-into-a-sibling-papers-entry",
        bib(
            title="Scaling Vision Transformers",
            authors=SCALING_VIT,
            year=2022,
            venue="CVPR",
            arxiv="2106.04560",
        ),
        bib(
            title="LiT: Zero-Shot Transfer with Locked-image Text Tuning",
            authors=(
                "Zhai, Xiaohua",
                "Wang, Xiao",
                "Mustafa, Basil",
                "Steiner, Andreas",
                "Keysers, Daniel",
                "Kolesnikov, Alexander",
                "Beyer, Lucas",
            ),
            year=2022,
            venue="CVPR",
            arxiv="2106.04560",
        ),
        Verdict.MAYBE,
    ),
    (
        # The conference paper and its retitled journal extension, both linked to the id.
        "same-arxiv-id-conference-paper-and-retitled-journal-extension",
        bib(
            title="Big Transfer (BiT): General Visual Representation Learning",
            authors=("Kolesnikov, Alexander", "Beyer, Lucas", "Zhai, Xiaohua"),
            year=2020,
            venue="ECCV",
            arxiv="1912.11370",
        ),
        bib(
            title="Knowledge Transfer with Big Pre-trained Models",
            authors=("Kolesnikov, Alexander", "Beyer, Lucas", "Zhai, Xiaohua"),
            year=2021,
            venue="International Journal of Computer Vision",
            arxiv="1912.11370",
        ),
        Verdict.MAYBE,
    ),
    (
        "same-arxiv-id-erratum-retitled",
        bib(
            title="Erratum: Big Transfer (BiT)",
            authors=("Kolesnikov, Alexander", "Beyer, Lucas"),
            year=2020,
            arxiv="1912.11370",
        ),
        bib(
            title="Large Scale Learning of General Visual Representations for Transfer",
            authors=("Kolesnikov, Alexander", "Beyer, Lucas", "Zhai, Xiaohua"),
            year=2019,
            venue="CoRR",
            arxiv="1912.11370",
        ),
        Verdict.MAYBE,
    ),
    (
        # A work of 2006 posted to arXiv in 2012 (its id) is not the same title's 2010 work:
        # its year is no arXiv version's, so the id widens nothing.
        "arxiv-id-posted-after-the-year-it-gives",
        bib(
            title="Lectures on Quantum Field Theory",
            authors=("Tong, David",),
            year=2006,
            arxiv="1205.0342",
            venue="arXiv",
        ),
        bib(
            title="Lectures on Quantum Field Theory",
            authors=("Tong, David",),
            year=2010,
            venue="Cambridge lecture notes",
        ),
        Verdict.VERSION,  # kept apart, linked
    ),
    (
        # Authors give their preprint's arXiv id on each published version.
        "conference-and-journal-versions-sharing-an-arxiv-id",
        bib(
            title="Decoupled Neural Interfaces using Synthetic Gradients",
            authors=("Max Jaderberg", "Wojciech Czarnecki", "Simon Osindero"),
            year=2017,
            venue="International Conference on Machine Learning",
            pages="1627-1635",
            arxiv="1608.05343",
        ),
        bib(
            title="Decoupled Neural Interfaces using Synthetic Gradients",
            authors=("Max Jaderberg", "Wojciech Czarnecki", "Simon Osindero"),
            year=2019,
            venue="Journal of Machine Learning Research",
            volume="20",
            pages="1-40",
            arxiv="1608.05343",
        ),
        Verdict.VERSION,
    ),
    (
        "leading-article-dropped",
        {
            "title": "An Introduction to Computational Learning Theory",
            "authors": ("Michael J. Kearns",),
        },
        bib(
            title="Introduction to computational learning theory",
            authors=("Kearns, M.", "Vazirani, U."),
        ),
        Verdict.MATCH,
    ),
    (
        "group-author-named-differently",
        bib(
            title="SHORE: Combining the Best Features of OODBMS and File Systems",
            authors=("Shore Team",),
            year=1995,
            venue="SIGMOD Conference",
        ),
        bib(
            title="Shore: combining the best features of OODBMS and file systems",
            authors=("CORPORATE The SHORE Team",),
            year=1995,
            venue="International Conference on Management of Data",
        ),
        Verdict.MATCH,
    ),
    (
        "numbers-spaced-differently",
        bib(title="SQL:1999, formerly known as SQL 3", authors=("Jim Melton",), year=1999),
        bib(title="SQL:1999, formerly known as SQL3", authors=("Jim Melton",), year=1999),
        Verdict.MATCH,
    ),
    (
        "erratum-and-its-article-are-versions",
        bib(
            title="A Database Model for Object Dynamics",
            year=1997,
            venue="VLDB J.",
            authors=("Mike P. Papazoglou", "Bernd J. Kramer"),
        ),
        bib(
            title="Erratum: A Database Model for Object Dynamics",
            year=1997,
            venue="VLDB J.",
            authors=("Mike P. Papazoglou", "Bernd J. Kramer"),
        ),
        Verdict.VERSION,
    ),
    (
        "erratum-with-a-cut-off-citation-is-a-version",
        bib(
            title="Gain-of-function mutations in complement factor B cause disease X",
            year=2007,
            venue="PNAS",
            authors=("de Jorge, E. G.", "Harris, C. L."),
        ),
        bib(
            title="Erratum: Gain-of-function mutations in complement factor B cause disease X "
            "(Proceeding of the National Academy of Science of the United States (Januar",
            year=2007,
            venue="PNAS",
            authors=("de Jorge, E. G.", "Harris, C. L."),
        ),
        Verdict.VERSION,
    ),
    (
        "one-erratum-in-web-of-science-and-embase-forms",
        bib(
            title="Eculizumab for Atypical Hemolytic-Uremic Syndrome (vol 360, pg 542, 2009)",
            year=2009,
            venue="New England Journal of Medicine",
            volume="360",
            pages="2487-2487",
            authors=("Philipp, T.",),
        ),
        bib(
            title="Eculizumab for atypical hemolytic-uremic syndrome "
            "(New England Journal of Medicine (2009) 360 (542-544))",
            year=2009,
            venue="New England Journal of Medicine.",
            volume="360",
            pages="2487-2487",
            authors=("Philipp, T.",),
        ),
        Verdict.MATCH,
    ),
    (
        "embase-erratum-and-its-article-are-versions",
        bib(
            title="Eculizumab for atypical hemolytic-uremic syndrome",
            year=2009,
            venue="New Engl J Med",
            volume="360",
            pages="542-544",
            authors=("Nurnberger, J.", "Philipp, T.", "Witzke, O."),
        ),
        bib(
            title="Eculizumab for atypical hemolytic-uremic syndrome "
            "(New England Journal of Medicine (2009) 360 (542-544))",
            year=2009,
            venue="New England Journal of Medicine.",
            volume="360",
            pages="2487-2487",
            authors=("Philipp, T.",),
        ),
        Verdict.VERSION,
    ),
    (
        "a-copy-with-its-own-citation-in-the-title-is-no-erratum",
        bib(
            title="Autoimmune hepatitis in adults and children",
            year=2001,
            venue="Journal of Hepatology",
            volume="35",
            pages="421-430",
            authors=("Krawitt, E. L.", "Czaja, A. J."),
        ),
        bib(
            title="Autoimmune hepatitis in adults and children "
            "(Journal of Hepatology (2001) 35 (3) (421-430))",
            year=2001,
            venue="J Hepatol",
            volume="35",
            pages="421-430",
            authors=("Krawitt, E. L.", "Czaja, A. J."),
        ),
        Verdict.MATCH,
    ),
    (
        "a-citation-in-a-title-without-a-place-is-no-erratum",
        bib(
            title="Gefitinib or carboplatin-paclitaxel in pulmonary adenocarcinoma",
            year=2009,
            venue="New England Journal of Medicine",
            authors=("Mok, T. S.", "Wu, Y. L."),
        ),
        bib(
            title="Gefitinib or carboplatin-paclitaxel in pulmonary adenocarcinoma "
            "(New England Journal of Medicine (2009) 361 (947-957))",
            year=2009,
            venue="N Engl J Med",
            authors=("Mok, T. S.", "Wu, Y. L."),
        ),
        Verdict.MATCH,
    ),
    (
        "a-reprint-note-is-no-erratum",
        bib(
            title="Management of hepatocellular carcinoma in patients with cirrhosis",
            year=2001,
            venue="Annals of Oncology",
            authors=("Bruix, J.", "Llovet, J. M."),
        ),
        bib(
            title="Management of hepatocellular carcinoma in patients with cirrhosis "
            "(Reprinted from Annals of Oncology (2000) 11 (4) (101-110))",
            year=2001,
            venue="Annals of Oncology",
            authors=("Bruix, J.", "Llovet, J. M."),
        ),
        Verdict.MATCH,
    ),
    (
        "one-page-abstract-listed-with-two-page-numbers",
        bib(
            title="Renal function kept under drug Y after a third transplantation for disease X",
            year=2011,
            volume="15",
            pages="22-22",
            venue="Pediatric Transplantation. Conference: 6th Congress of the IPTA",
            authors=("Davin, J. C.", "Groothoff, J. W.", "Bouts, A. H."),
        ),
        bib(
            title="Renal Function Kept Under Drug Y After A Third Transplantation For Disease X",
            year=2011,
            volume="15",
            pages="52",
            venue="Pediatric Transplantation",
            authors=("Davin, J. C.", "Groothoff, J. W.", "Bouts, A. H."),
        ),
        Verdict.MATCH,
    ),
    (
        "one-page-notices-with-another-author-list-stay-apart",
        bib(
            title="Anti-factor H autoantibodies in a fifth renal transplant recipient",
            year=2009,
            volume="9",
            pages="2205-2205",
            venue="American Journal of Transplantation",
            authors=("Le Quintrec, M.", "Zuber, J."),
        ),
        bib(
            title="Anti-factor H autoantibodies in a fifth renal transplant recipient",
            year=2009,
            volume="9",
            pages="2647-2647",
            venue="American Journal of Transplantation",
            authors=("Le Quintrec, M.", "Zuber, J.", "Niaudet, P."),
        ),
        Verdict.VERSION,
    ),
    (
        "other-letter-naming-a-thing-stays-apart",
        bib(
            title="Vitamin D and T cell function",
            year=2010,
            authors=("Smith, J.",),
            venue="J Immunol",
        ),
        bib(
            title="Vitamin D and B cell function",
            year=2010,
            authors=("Smith, J.",),
            venue="J Immunol",
        ),
        Verdict.DISTINCT,
    ),
    (
        "same-letters-naming-a-thing-match",
        bib(
            title="Hepatitis B virus in dialysis units",
            year=2010,
            authors=("Smith, J.",),
            venue="Kidney Int",
        ),
        bib(
            title="Hepatitis B Virus in Dialysis Units.",
            year=2010,
            authors=("Smith, J.",),
            venue="Kidney International",
        ),
        Verdict.MATCH,
    ),
    (
        "greek-letters-name-different-things",
        bib(
            title="PPAR-α agonists in nonalcoholic steatohepatitis",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        bib(
            title="PPAR-γ agonists in nonalcoholic steatohepatitis",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        Verdict.DISTINCT,
    ),
    (
        "greek-letter-spelt-out-is-the-letter",
        bib(
            title="IFN-alpha therapy in chronic hepatitis",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        bib(
            title="IFN-α therapy in chronic hepatitis",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        Verdict.MATCH,
    ),
    (
        "ascii-look-alike-of-a-greek-letter",
        bib(
            title="The ρ operator: ranking associations on the semantic web",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        bib(
            title="The p Operator: Ranking Associations on the Semantic Web",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        Verdict.MATCH,
    ),
    (
        "numbered-names-differ",
        bib(
            title="Drug resistance in HIV-1 infected patients in West Africa",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        bib(
            title="Drug resistance in HIV-2 infected patients in West Africa",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        Verdict.DISTINCT,
    ),
    (
        "roman-and-arabic-numbers-agree",
        bib(
            title="Insulin pumps in type II diabetes",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        bib(
            title="Insulin pumps in type 2 diabetes",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        Verdict.MATCH,
    ),
    (
        "cued-letters-differ",
        bib(
            title="Hepatitis A vaccination in travellers",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        bib(
            title="Hepatitis B vaccination in travellers",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        Verdict.DISTINCT,
    ),
    (
        "an-ordinal-in-digits-or-words",
        bib(
            title="Report on the 4th International Workshop on Data Streams",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        bib(
            title="Report on the fourth international workshop on data streams",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        Verdict.MATCH,
    ),
    (
        "other-scripts-are-compared",
        bib(
            title="基于LSTM和注意力机制的股票价格预测模型",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        bib(
            title="基于LSTM的中文文本情感分类",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        Verdict.NONE,
    ),
    (
        "the-same-title-in-another-script",
        bib(
            title="Теория функций комплексного переменного",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        bib(
            title="Теория функций комплексного переменного",
            year=2015,
            authors=("Doe, J.", "Roe, R."),
            venue="Hepatology",
        ),
        Verdict.MATCH,
    ),
    (
        "correction-notice-of-a-publisher-is-a-version",
        bib(title="Deep nets for cats", year=2019, venue="PLOS ONE", authors=("Doe, J.",)),
        bib(
            title="Correction: Deep nets for cats",
            year=2019,
            venue="PLOS ONE",
            authors=("Doe, J.",),
        ),
        Verdict.VERSION,
    ),
    (
        "erratum-marked-in-brackets-is-a-version",
        bib(title="Deep nets for cats", year=2019, venue="PLOS ONE", authors=("Doe, J.",)),
        bib(
            title="Deep nets for cats [Erratum]", year=2019, venue="PLOS ONE", authors=("Doe, J.",)
        ),
        Verdict.VERSION,
    ),
    (
        "comment-by-others-on-a-paper-stays-apart",
        bib(title="Deep nets for cats", year=2019, venue="PLOS ONE", authors=("Doe, J.",)),
        bib(
            title='Comment on "Deep nets for cats"',
            year=2019,
            venue="PLOS ONE",
            authors=("Roe, R.",),
        ),
        Verdict.DISTINCT,
    ),
    (
        "column-in-other-issues-of-one-volume-stays-apart",
        bib(
            title="Editorial",
            year=2015,
            volume="33",
            number="1",
            venue="J Clin Oncol",
            authors=("Smith, J.",),
        ),
        bib(
            title="Editorial",
            year=2015,
            volume="33",
            number="4",
            venue="J Clin Oncol",
            authors=("Smith, J.",),
        ),
        Verdict.DISTINCT,
    ),
    (
        "article-with-another-issue-number-is-one-paper",  # databases' issue numbers are noisy
        bib(
            title="Eculizumab in atypical haemolytic uraemic syndrome after transplantation",
            year=2011,
            volume="26",
            number="2",
            venue="Pediatr Nephrol",
            authors=("Doe, J.",),
        ),
        bib(
            title="Eculizumab in atypical haemolytic uraemic syndrome after transplantation",
            year=2011,
            volume="26",
            number="3",
            venue="Pediatric Nephrology",
            authors=("Doe, J.",),
        ),
        Verdict.MATCH,
    ),
    (
        "report-numbers-differing-in-a-letter-stay-apart",
        bib(
            title="A survey of deadlock detection",
            year=1994,
            number="TR-1234A",
            entry_type="techreport",
            venue="University of Nowhere",
            authors=("Doe, J.",),
        ),
        bib(
            title="A survey of deadlock detection",
            year=1994,
            number="TR-1234B",
            entry_type="techreport",
            venue="University of Nowhere",
            authors=("Doe, J.",),
        ),
        Verdict.DISTINCT,
    ),
    (
        "companion-studies-in-other-species-stay-apart",
        bib(
            title="Liver fibrosis after bile duct ligation in mice",
            year=2012,
            venue="J Hepatol",
            authors=AUTHORS3,
        ),
        bib(
            title="Liver fibrosis after bile duct ligation in rats",
            year=2012,
            venue="J Hepatol",
            authors=AUTHORS3,
        ),
        Verdict.DISTINCT,
    ),
    (
        "contrasting-conditions-stay-apart",
        bib(
            title="Acute kidney injury after liver transplantation",
            year=2012,
            venue="J Hepatol",
            authors=AUTHORS3,
        ),
        bib(
            title="Chronic kidney injury after liver transplantation",
            year=2012,
            venue="J Hepatol",
            authors=AUTHORS3,
        ),
        Verdict.DISTINCT,
    ),
    (
        # A long title scores as exact with one word substituted: the ages tell the two apart.
        "companion-studies-in-other-age-groups-stay-apart",
        bib(
            title="Effects of a twelve-week resistance training programme on balance, gait speed"
            " and fear of falling in community-dwelling older adults",
            year=2019,
            venue="BMC Geriatr",
            authors=AUTHORS3,
        ),
        bib(
            title="Effects of a twelve-week resistance training programme on balance, gait speed"
            " and fear of falling in community-dwelling younger adults",
            year=2019,
            venue="BMC Geriatr",
            authors=AUTHORS3,
        ),
        Verdict.DISTINCT,
    ),
    (
        "short-term-and-long-term-outcomes-stay-apart",
        bib(
            title="Short-term outcomes of laparoscopic versus open distal pancreatectomy for"
            " pancreatic ductal adenocarcinoma: a multicentre propensity-matched study",
            year=2021,
            venue="Br J Surg",
            authors=AUTHORS3,
        ),
        bib(
            title="Long-term outcomes of laparoscopic versus open distal pancreatectomy for"
            " pancreatic ductal adenocarcinoma: a multicentre propensity-matched study",
            year=2021,
            venue="Br J Surg",
            authors=AUTHORS3,
        ),
        Verdict.DISTINCT,
    ),
    (
        "primary-and-secondary-prevention-stay-apart",
        bib(
            title="Statins for the primary prevention of cardiovascular events in women",
            year=2015,
            venue="Cochrane Database Syst Rev",
            authors=AUTHORS3,
        ),
        bib(
            title="Statins for the secondary prevention of cardiovascular events in women",
            year=2015,
            venue="Cochrane Database Syst Rev",
            authors=AUTHORS3,
        ),
        Verdict.DISTINCT,
    ),
    (
        # Embase's conference abstract in a supplement of Blood and the article it became,
        # ahead of print (no pages yet): the databases' types are all that tells them apart.
        "a-meeting-abstract-and-its-article-are-versions",
        bib(**RUXOLITINIB, meeting_abstract=True),
        bib(**RUXOLITINIB, meeting_abstract=False),
        Verdict.VERSION,
    ),
    (
        "a-thesis-and-the-paper-of-its-chapter-are-versions",
        bib(**THESIS_TITLED, authors=("Dubois-Lacoste, J.",), entry_type="mastersthesis"),
        bib(**THESIS_TITLED, authors=PAPER_TEAM, entry_type="incollection"),
        Verdict.VERSION,
    ),
    (
        "a-thesis-and-its-report-match",
        bib(**THESIS_TITLED, authors=("Dubois-Lacoste, J.",), entry_type="phdthesis"),
        bib(**THESIS_TITLED, authors=("Dubois-Lacoste, J.",), entry_type="techreport"),
        Verdict.MATCH,
    ),
    (
        "one-meeting-abstract-in-two-databases-matches",
        bib(**RUXOLITINIB, meeting_abstract=True),
        bib(**RUXOLITINIB, meeting_abstract=True),
        Verdict.MATCH,
    ),
    (
        "an-untyped-copy-of-a-meeting-abstract-matches",
        bib(**RUXOLITINIB, meeting_abstract=True),
        bib(**RUXOLITINIB),
        Verdict.MATCH,
    ),
    (
        "one-species-singular-and-plural-match",
        bib(
            title="Liver fibrosis in a mouse model of bile duct ligation",
            year=2012,
            venue="J Hepatol",
            authors=AUTHORS3,
        ),
        bib(
            title="Liver fibrosis in a mice model of bile duct ligation",
            year=2012,
            venue="J Hepatol",
            authors=AUTHORS3,
        ),
        Verdict.MATCH,
    ),
    (
        "typo-in-the-letters-of-a-numbered-word",
        bib(
            title="Mapping between X.400(1984/1988) and Mail-11 (DECnet mail)",
            year=1993,
            authors=("Doe, J.",),
        ),
        bib(
            title="mapping betewen x.400(1984/1988) and maail-11 (decnet mail)",
            year=1993,
            authors=("Doe, J.",),
        ),
        Verdict.MATCH,
    ),
    (
        "parts-of-one-numbered-volume-differ-by-their-letter",
        bib(
            title="Intel 64 and IA-32 Architectures Developer's Manual: Vol. 2A",
            year=2016,
            venue="https://www.intel.com/manuals/64-ia-32-developer-vol-2a-manual.pdf",
        ),
        bib(
            title="Intel 64 and IA-32 Architectures Developer's Manual: Vol. 2B",
            year=2016,
            venue="https://www.intel.com/manuals/64-ia-32-developer-vol-2b-manual.pdf",
        ),
        Verdict.DISTINCT,
    ),
    (
        "a-title-closed-by-a-roman-numeral-is-its-sequel",
        bib(title="Symbols library type fonts", year=1987, authors=("Generic Software, Inc",)),
        bib(title="Symbols library type fonts II", year=1987, authors=("Generic Software, Inc",)),
        Verdict.DISTINCT,
    ),
    (
        "a-sequel-on-the-same-pages-is-its-title-mistyped",
        bib(title="Deep nets for cats", year=2019, pages="11-19", volume="4", authors=AUTHORS3),
        bib(title="Deep nets for cats II", year=2019, pages="11-19", volume="4", authors=AUTHORS3),
        Verdict.MATCH,
    ),
    (
        "number-written-apart-from-its-name",
        bib(
            title="The role of IL-6 in rheumatoid arthritis",
            year=2012,
            venue="J Immunol",
            authors=AUTHORS3,
        ),
        bib(
            title="Role of IL 6 in rheumatoid arthritis",
            year=2012,
            venue="J Immunol",
            authors=AUTHORS3,
        ),
        Verdict.MATCH,
    ),
    (
        "numerals-closing-titles-differ",
        bib(
            title="Convection in rotating spherical shells. I.",
            year=2012,
            venue="J Immunol",
            authors=AUTHORS3,
        ),
        bib(
            title="Convection in rotating spherical shells. II.",
            year=2012,
            venue="J Immunol",
            authors=AUTHORS3,
        ),
        Verdict.DISTINCT,
    ),
    (
        "programming-languages-named-by-symbols-differ",
        bib(title="Memory safety in C++ programs", year=2012, venue="PLDI", authors=AUTHORS3),
        bib(title="Memory safety in C programs", year=2012, venue="PLDI", authors=AUTHORS3),
        Verdict.DISTINCT,
    ),
    (
        "alternatives-inside-hyphenated-words",
        bib(
            title="Gram-positive bacteria in the infant gut",
            year=2012,
            venue="J Immunol",
            authors=AUTHORS3,
        ),
        bib(
            title="Gram-negative bacteria in the infant gut",
            year=2012,
            venue="J Immunol",
            authors=AUTHORS3,
        ),
        Verdict.DISTINCT,
    ),
    (
        "a-compound-hyphenated-or-spaced-is-one",
        bib(
            title="Self-supervised learning of visual features",
            year=2012,
            venue="J Immunol",
            authors=AUTHORS3,
        ),
        bib(
            title="Self supervised learning of visual features",
            year=2012,
            venue="J Immunol",
            authors=AUTHORS3,
        ),
        Verdict.MATCH,
    ),
    (
        "with-and-without",
        bib(
            title="Learning with noisy labels in medical imaging",
            year=2012,
            venue="J Immunol",
            authors=AUTHORS3,
        ),
        bib(
            title="Learning without noisy labels in medical imaging",
            year=2012,
            venue="J Immunol",
            authors=AUTHORS3,
        ),
        Verdict.DISTINCT,
    ),
    (
        "dimensions-spelt-out",
        bib(
            title="Two-dimensional materials for lithium batteries",
            year=2012,
            venue="J Immunol",
            authors=AUTHORS3,
        ),
        bib(
            title="Three-dimensional materials for lithium batteries",
            year=2012,
            venue="J Immunol",
            authors=AUTHORS3,
        ),
        Verdict.DISTINCT,
    ),
    (
        "both-alternatives-in-both-titles",
        bib(
            title="Supervised and unsupervised learning of graph embeddings",
            year=2012,
            venue="J Immunol",
            authors=AUTHORS3,
        ),
        bib(
            title="Unsupervised and supervised learning of graph embeddings",
            year=2012,
            venue="J Immunol",
            authors=AUTHORS3,
        ),
        Verdict.MATCH,
    ),
    (
        "two-kinds-of-notice-about-one-paper-are-not-one",
        bib(title="Erratum: Deep nets for cats", year=2019, venue="PLOS ONE", authors=("Doe, J.",)),
        bib(
            title="Reply to: Deep nets for cats", year=2019, venue="PLOS ONE", authors=("Doe, J.",)
        ),
        Verdict.VERSION,
    ),
    (
        "a-works-supplementary-material-is-not-the-work",
        bib(
            title="The automatic design of ant colony optimization algorithms",
            year=2011,
            venue="IRIDIA, Universite Libre de Bruxelles",
            authors=("Lopez-Ibanez, M.", "Stutzle, T."),
        ),
        bib(
            title="The automatic design of ant colony optimization algorithms: Supplementary"
            " material",
            year=2011,
            authors=("Lopez-Ibanez, M.", "Stutzle, T."),
        ),
        Verdict.VERSION,
    ),
    (
        "cue-word-abbreviated",
        bib(title="Collected papers, Vol. 2: topology", year=1970, authors=("Doe, J.",)),
        bib(title="Collected papers, Volume 2: topology", year=1970, authors=("Doe, J.",)),
        Verdict.MATCH,
    ),
    (
        "a-letter-closing-a-title-is-a-letter",
        bib(title="Clinical features of fragile X", year=2001, authors=AUTHORS3, venue="J Med"),
        bib(
            title="Clinical features of fragile X syndrome",
            year=2001,
            authors=AUTHORS3,
            venue="J Med",
        ),
        Verdict.MATCH,
    ),
    (
        "a-reply-to-a-letter-is-not-the-letter",
        bib(title='Letter: "Deep nets for cats"', year=2019, venue="Lancet", authors=("Roe, R.",)),
        bib(
            title='Letter: "Deep nets for cats" \u2014 authors\' reply',
            year=2019,
            venue="Lancet",
            authors=("Doe, J.",),
        ),
        Verdict.DISTINCT,
    ),
    (
        "one-page-column-of-other-issues-stays-apart",
        bib(
            title="Message from the President of the American Academy of Orthopaedic Surgeons",
            year=2010,
            volume="92",
            number="3",
            pages="567",
            venue="JBJS",
            authors=("Smith, J.",),
        ),
        bib(
            title="Message from the President of the American Academy of Orthopaedic Surgeons",
            year=2010,
            volume="92",
            number="4",
            pages="811",
            venue="JBJS",
            authors=("Smith, J.",),
        ),
        Verdict.VERSION,
    ),
    (
        "lone-page-is-no-lost-dash-when-both-halves-differ",
        bib(
            title="Learning to rank with partial labels",
            year=2010,
            pages="3650",
            authors=("Smith, J.",),
        ),
        bib(
            title="Learning to rank with partial labels",
            year=2010,
            pages="36-42",
            authors=("Smith, J.",),
        ),
        Verdict.VERSION,
    ),
    (
        "one-page-column-of-one-volume-stays-apart",
        bib(
            title="Note from the editor",
            year=2011,
            volume="15",
            pages="1",
            venue="Pediatric Transplantation",
            authors=("Harmon, W.",),
        ),
        bib(
            title="Note from the editor",
            year=2011,
            volume="15",
            pages="101",
            venue="Pediatric Transplantation",
            authors=("Harmon, W.",),
        ),
        Verdict.VERSION,
    ),
    (
        "conference-abstract-and-article-are-versions",
        bib(
            title="Neurological involvement in a child with atypical hemolytic uremic syndrome",
            year=2010,
            volume="25",
            pages="1875",
            venue="Pediatric Nephrology",
            authors=("Koehl, B.", "Boyer, O.", "Niaudet, P."),
        ),
        bib(
            title="Neurological involvement in a child with atypical hemolytic uremic syndrome",
            year=2010,
            volume="25",
            pages="2539-2542",
            venue="Pediatric Nephrology",
            authors=("Koehl, B.", "Boyer, O.", "Fremeaux-Bacchi, V."),
        ),
        Verdict.VERSION,
    ),
    (
        "same-title-other-people-different-pages-stays-distinct",
        bib(
            title="Neurological involvement in a child with atypical hemolytic uremic syndrome",
            year=2010,
            volume="25",
            pages="1875",
            authors=("Smith, J.", "Jones, K."),
        ),
        bib(
            title="Neurological involvement in a child with atypical hemolytic uremic syndrome",
            year=2010,
            volume="25",
            pages="2539-2542",
            authors=("Koehl, B.", "Boyer, O."),
        ),
        Verdict.DISTINCT,
    ),
    (
        "numbers-written-apart-but-same-volume-and-page",
        bib(
            title="A phase 2 study of etaracizumab (plus or minus) integrin (alpha)v(beta)3",
            year=2010,
            volume="116",
            pages="1526-1534",
            venue="Cancer",
            authors=("Hersey, P.", "Sosman, J."),
        ),
        bib(
            title="A phase 2 study of etaracizumab +/- integrin alphavbeta3",
            year=2010,
            volume="116",
            pages="1526-1534",
            venue="Cancer",
            authors=("Hersey, P.", "Sosman, J."),
        ),
        Verdict.MATCH,
    ),
    (
        "numbers-differ-in-an-article-numbered-volume",
        bib(title="Results of the phase 2 trial of X", year=2020, volume="10", pages="1-9"),
        bib(title="Results of the phase 3 trial of X", year=2020, volume="10", pages="1-9"),
        Verdict.DISTINCT,
    ),
    (
        "part-numbers-differ-on-other-pages",
        bib(title="Learning in games, part 2", year=2010, volume="16", pages="100-110"),
        bib(title="Learning in games, part 3", year=2010, volume="16", pages="111-120"),
        Verdict.DISTINCT,
    ),
    (
        "several-page-ranges-in-another-order",
        bib(
            title="Incentive spirometry with expiratory positive airway pressure",
            year=2010,
            volume="94",
            pages="230-5, 246-51, 233-8",
            authors=("Agostini, P.",),
        ),
        bib(
            title="Incentive spirometry with expiratory positive airway pressure",
            year=2010,
            volume="94",
            pages="233-8, 230-5, 246-51",
            authors=("Agostini, P.",),
        ),
        Verdict.MATCH,
    ),
    (
        "volume-issue-pages-shifted-one-field-left",
        bib(
            title="The treatment of atypical HUS",
            authors=("Loirat, C.",),
            year=2011,
            venue="Pediatric Nephrology.Conf",
            number="26",
            pages="9",
        ),
        bib(
            title="The treatment of atypical HUS",
            authors=("Loirat, C.",),
            year=2011,
            venue="Pediatric Nephrology",
            volume="26",
            number="9",
            pages="1746-1746",
        ),
        Verdict.MATCH,
    ),
    (
        # A citation split one field off: the journal in the title, the volume as the venue.
        "journal-in-the-title-and-volume-as-the-venue",
        bib(
            title="The strength of weak learnability machine learning,",
            authors=("Schapire, R.",),
            year=1990,
            venue="5,",
            volume="2,",
            pages="197-227.",
        ),
        bib(
            title="The strength of weak learnability.",
            authors=("Robert E. Schapire",),
            year=1990,
            venue="Machine Learning",
            volume="5",
            number="2",
            pages="197-226",
        ),
        Verdict.MATCH,
    ),
    (
        "a-venue-that-is-a-year-is-no-volume",
        bib(title="Boosting the margin", year=1997, venue="1998.", volume="26"),
        bib(title="Boosting the margin", year=1997, venue="Annals of Statistics", volume="26"),
        Verdict.MATCH,
    ),
    (
        "other-page-in-the-same-issue-is-no-shift",
        bib(title="The treatment of atypical HUS", year=2011, volume="26", number="9", pages="9"),
        bib(
            title="The treatment of atypical HUS", year=2011, volume="26", number="9", pages="1746"
        ),
        Verdict.DISTINCT,
    ),
    (
        "assigned-numbers-different-rfc",
        bib(title="Assigned Numbers", year=1994, number="1700", entry_type="techreport"),
        bib(title="Assigned Numbers", year=1994, number="1340", entry_type="techreport"),
        Verdict.DISTINCT,
    ),
    # --- ISBNs: a whole book's identifier, not its chapters' ---------------------------------
    (
        # Beebe's `Knuth:TB84` and `Knuth:1984:TB`: one book, no author or venue alike enough.
        "same-isbn-book-ten-and-thirteen-digit-forms",
        bib(title="The TeXbook", year=1984, entry_type="book",
            extra=(("isbn", "0-201-13448-9 (paperback), 0-201-13447-0 (hardcover)"),)),
        bib(title="The {TeX}book", year=1984, entry_type="book", venue="Addison-Wesley",
            extra=(("isbn-13", "978-0-201-13447-6"),)),
        Verdict.MATCH,
    ),
    (
        "same-isbn-proceedings-a-year-apart",  # printed in 1990, held in 1989
        bib(title="Man-Machine Interface in the Scientific Environment", year=1989,
            entry_type="proceedings", extra=(("isbn", "0-13-912296-6"),)),
        bib(title="Man-machine interface in the scientific environment", year=1990,
            entry_type="proceedings", extra=(("isbn", "0139122966"),)),
        Verdict.MATCH,
    ),
    (
        # A set's ISBN on its volumes: the titles disagree, so a person decides.
        "same-isbn-set-and-volume-is-maybe",
        bib(title="Computers and Typesetting", year=1986, entry_type="book",
            extra=(("isbn", "0-201-13447-0"),)),
        bib(title="METAFONT: the program", year=1986, entry_type="book",
            extra=(("isbn", "0-201-13447-0"),)),
        Verdict.MAYBE,
    ),
    (
        "same-isbn-other-volume",
        bib(title="TeX in Practice", year=1993, entry_type="book", volume="1",
            extra=(("isbn", "0-387-97296-X"),)),
        bib(title="TeX in Practice", year=1993, entry_type="book", volume="2",
            extra=(("isbn", "0-387-97296-X"),)),
        Verdict.DISTINCT,
    ),
    (
        # A set's ISBN printed in each volume, no volume field: a word of one title in place
        # of the other's tells them apart, as it does without an ISBN.
        "same-isbn-volumes-of-a-set-by-subtitle",
        bib(title="The Art of Computer Programming: Fundamental Algorithms", year=1997,
            authors=("Donald E. Knuth",), entry_type="book", venue="Addison-Wesley",
            extra=(("isbn", "0-201-48541-9"),)),
        bib(title="The Art of Computer Programming: Seminumerical Algorithms", year=1997,
            authors=("Donald E. Knuth",), entry_type="book", venue="Addison-Wesley",
            extra=(("isbn", "0-201-48541-9"),)),
        Verdict.MAYBE,  # by the titles alone; as an identifier the ISBN made it a match
    ),
    (
        "same-isbn-book-and-its-subtitled-copy",  # a subtitle one copy lacks is no other word
        bib(title="TeX in Practice: Output Routines, Tables", year=1993,
            authors=("Stephan von Bechtolsheim",), entry_type="book",
            extra=(("isbn", "0-387-97598-5"),)),
        bib(title="TeX in Practice: Output Routines", year=1992,
            authors=("Stephan von Bechtolsheim",), entry_type="book",
            extra=(("isbn", "0387975985"),)),
        Verdict.MATCH,
    ),
    (
        # An ISBN copied into another book's entry: two complete author lists, no one shared.
        "same-isbn-same-title-other-authors",
        bib(title="Machine Learning", authors=("Tom M. Mitchell",), year=1997,
            entry_type="book", extra=(("isbn", "0-07-042807-7"),)),
        bib(title="Machine Learning", authors=("Kevin P. Murphy",), year=1997,
            entry_type="book", extra=(("isbn", "0-07-042807-7"),)),
        Verdict.NONE,
    ),
    (
        # Chapters carry their book's ISBN (a crossref lends it): no evidence of one paper.
        "same-isbn-two-chapters",
        bib(title="Security for signcryption: the two-user model", year=2010,
            entry_type="incollection", extra=(("isbn", "978-3-540-89409-4"),)),
        bib(title="Security for signcryption: the multi-user model", year=2010,
            entry_type="incollection", extra=(("isbn", "978-3-540-89409-4"),)),
        Verdict.MAYBE,  # by the titles alone; as an identifier the ISBN made it a match
    ),
    (
        "isbn-check-digit-wrong-is-no-isbn",
        bib(title="Computers and Typesetting", year=1986, entry_type="book",
            extra=(("isbn", "0-201-13447-1"),)),
        bib(title="METAFONT: the program", year=1986, entry_type="book",
            extra=(("isbn", "0-201-13447-1"),)),
        Verdict.NONE,
    ),
    (
        # Beebe's bibliographies sign unsigned articles `Anonymous`: no author two works share.
        "two-unsigned-works-share-no-author",
        bib(title="A survey of font editors for the Macintosh", authors=("Anonymous",),
            year=1988, venue="TUGboat", volume="9"),
        bib(title="A survey of font editors for the PC", authors=("Anonymous",), year=1988,
            venue="TUGboat", volume="9"),
        Verdict.MAYBE,  # was a match, by one author in common
    ),
    # --- editions: two publications of one work ------------------------------------------------
    (
        "other-edition-is-a-version",  # the same authors, title, year and publisher
        bib(title="Introduction to Modern Cryptography", authors=KATZ_LINDELL, year=2014,
            entry_type="book", extra=(("edition", "Third"),)),
        bib(title="Introduction to Modern Cryptography", authors=KATZ_LINDELL, year=2014,
            entry_type="book", extra=(("edition", "Second"),)),
        Verdict.VERSION,
    ),
    (
        "other-edition-in-the-title",
        bib(title="Introduction to Algorithms, Second Edition", authors=AUTHORS3, year=2001,
            entry_type="book"),
        bib(title="Introduction to Algorithms", authors=AUTHORS3, year=2001, entry_type="book",
            extra=(("edition", "3rd"),)),
        Verdict.DISTINCT,  # not linked as versions: the edition in one title sets them apart
    ),
    (
        "other-software-version",
        bib(title="PS lover's utility set", authors=("Wrenholt, Don",), year=1988,
            entry_type="misc", extra=(("edition", "V[ersion] 2.4."),)),
        bib(title="PS lover's utility set", authors=("Wrenholt, Don",), year=1988,
            entry_type="misc", extra=(("edition", "V[ersion] 2.5."),)),
        Verdict.VERSION,
    ),
    (
        "same-edition-written-two-ways",
        bib(title="Introduction to Modern Cryptography", authors=KATZ_LINDELL, year=2014,
            entry_type="book", extra=(("edition", "{2nd}"),)),
        bib(title="Introduction to Modern Cryptography", authors=KATZ_LINDELL, year=2014,
            entry_type="book", extra=(("edition", "Second"),)),
        Verdict.MATCH,
    ),
    (
        "edition-given-once-or-by-no-number",  # `Revised` names no edition to compare
        bib(title="Introduction to Modern Cryptography", authors=KATZ_LINDELL, year=2014,
            entry_type="book", extra=(("edition", "Revised"),)),
        bib(title="Introduction to Modern Cryptography", authors=KATZ_LINDELL, year=2014,
            entry_type="book", extra=(("edition", "Second"),)),
        Verdict.MATCH,
    ),
    (
        "edition-that-is-a-year-names-no-number",  # `2014` is when, not which, edition
        bib(title="Introduction to Modern Cryptography", authors=KATZ_LINDELL, year=2014,
            entry_type="book", extra=(("edition", "2014"),)),
        bib(title="Introduction to Modern Cryptography", authors=KATZ_LINDELL, year=2014,
            entry_type="book", extra=(("edition", "Second"),)),
        Verdict.MATCH,
    ),
]  # fmt: skip


@pytest.mark.parametrize("name, a, b, expected", BIB_CASES, ids=[c[0] for c in BIB_CASES])
def test_bibliographic_case(name, a, b, expected):
    a, b = dict(a), dict(b)
    counts = {"a": a.pop("title_count", 1), "b": b.pop("title_count", 1)}
    x = replace(features_of(rec(0, **a)), title_count=counts["a"])
    y = replace(features_of(rec(1, file="b.txt", **b)), title_count=counts["b"])
    assert compare(x, y, CONFIG).verdict is expected
    assert compare(y, x, CONFIG).verdict is expected


def test_keep_versions_keeps_a_preprint_apart_but_related():
    from pubdedup.pipeline import deduplicate

    authors = ("Rada Chirkova", "Alon Halevy", "Dan Suciu")
    title = "A Formal Perspective on the View Selection Problem"
    records = [
        rec(0, title=title, authors=authors, year=2001, venue="arXiv", authors_complete=True),
        rec(
            1,
            "b.txt",
            title=title,
            authors=authors,
            year=2002,
            venue="VLDB J.",
            authors_complete=True,
        ),
    ]
    merged, _ = deduplicate(records, CONFIG)
    assert len(merged) == 1 and merged[0].related == []
    kept, _ = deduplicate(records, replace(CONFIG, keep_versions=True))
    assert [[r.key for r in p.related] for p in kept] == [[kept[1].key], [kept[0].key]]


def _copies(years: list[int | None], file_of=lambda k: "a.bib") -> list[Record]:
    return [
        rec(k, file_of(k), title="The strength of weak learnability", year=year,
            authors=("Robert E. Schapire",), venue="Machine Learning", authors_complete=True)
        for k, year in enumerate(years)
    ]  # fmt: skip


@pytest.mark.parametrize(
    "name, years, file_of, recurring",
    [
        ("one-year-copies-are-one-work-cited-again", [1990, 1990, 1990, None], None, False),
        ("column-over-several-years-recurs", [1990, 1991, 1990], None, True),
        ("counted-per-input-not-across-inputs", [1990, 1991, 1990], lambda k: f"{k}.bib", False),
        ("undated-copies-do-not-spread-a-title", [1990, None, None], None, False),
        ("copies-without-any-year-may-be-a-column", [None, None, None], None, True),
    ],
)
def test_title_recurs_only_over_several_years(name, years, file_of, recurring):
    from pubdedup.pipeline import with_title_counts

    records = _copies(years, file_of or (lambda k: "a.bib"))
    counts = [item.title_count for item in with_title_counts(list(map(features_of, records)))]
    assert counts == [len(records) if recurring else 1] * len(records)


def test_copies_of_a_short_title_in_one_year_merge_but_a_column_stays_apart():
    from pubdedup.pipeline import deduplicate

    # A citation list repeats a paper it cites; a journal's bibliography repeats its column.
    cited = deduplicate(_copies([1990] * 4), CONFIG)[0]
    column = deduplicate(_copies([1990, 1991, 1990, 1991]), CONFIG)[0]
    assert [len(p.records) for p in cited] == [4]
    assert [len(p.records) for p in column] == [1, 1, 1, 1]


KEARNS_ET_AL = ("M. Kearns", "R. Schapire", "L. Sellie")


@pytest.mark.parametrize(
    "name, authors, years, groups",
    [
        # A citation list cites a paper from its conference (1992) and journal (1994) years.
        ("same-team-in-one-year-is-one-work", KEARNS_ET_AL, [1992, 1992, 1994, 1994], [2, 2]),
        ("two-editors-are-no-team", KEARNS_ET_AL[:2], [1992, 1992, 1994, 1994], [1, 1, 1, 1]),
        # A yearly report by one team: the team is no evidence across years.
        ("one-teams-yearly-report-stays-apart", KEARNS_ET_AL, [2019, 2020, 2021, 2022], [1] * 4),
    ],
)
def test_recurring_short_title_by_one_team_in_one_year(name, authors, years, groups):
    from pubdedup.pipeline import deduplicate

    records = [
        rec(k, "a.bib", title="Efficient agnostic learning", year=year, authors=authors,
            authors_complete=True)
        for k, year in enumerate(years)
    ]  # fmt: skip
    assert sorted(len(p.records) for p in deduplicate(records, CONFIG)[0]) == groups


@pytest.mark.parametrize(
    "title, numbers",
    [
        ("sql 3 a new standard", {"sql3"}),  # a number with its short word: `SQL-3`
        ("a v2 model of vision", {"v2"}),
        ("assigned numbers part ii", {"part2"}),  # = `part 2`
        ("chapter i introduction", {"chapter1"}),
        ("what i learned", set()),  # the pronoun, not a part number
        ("vivid xenon vision", set()),  # letters of roman numerals inside words
        ("xi and x the sequels", {"11", "chi"}),  # `x` alone: a letter, maybe `χ`
        ("deep learning for cats", set()),
        ("cvpr2021 workshop", {"cvpr2021"}),  # a word with a digit names a thing: `HIV-1`
        ("the 4th workshop", {"4"}),
        ("hiv1 and hiv2", {"hiv1", "hiv2"}),
        ("vitamin d and t cells", {"d", "tau"}),  # `t` may be an ASCII `τ`
        ("hepatitis a", {"a"}),  # `a` after a cue word only
        ("an app for x", {"chi"}),  # `app` is no `C++`
        ("role of il 6 in ra", {"il6"}),  # = `IL-6`
        ("convection in rotating spheres ii", {"2"}),  # a numeral at the end
        ("world war i", {"war1"}),
    ],
)
def test_title_numbers(title, numbers):
    from pubdedup.features import title_numbers

    assert title_numbers(title) == numbers


def _team_records(title, author_lists, years, abstracts=None):
    return [
        rec(k, "a.bib", title=title, year=year, authors=authors, authors_complete=True,
            abstract=abstracts[k] if abstracts else None)
        for k, (authors, year) in enumerate(zip(author_lists, years, strict=True))
    ]  # fmt: skip


ABSTRACTS = [
    "Echolocating bats roost in limestone caves where humidity and temperature shape colonies.",
    "We welcome three new associate editors and thank the reviewers who served the journal.",
    "Coral reefs bleach when sea surface temperatures stay high for several summer weeks.",
    "During lockdown, field seasons were cancelled and many students lost a year of data.",
]


@pytest.mark.parametrize(
    "name, records",
    [
        # An editorial board writes `Editorial` in several issues of a year: many works.
        ("a-column-title-keeps-the-penalty",
         _team_records("Editorial", [KEARNS_ET_AL] * 4, [2019, 2019, 2020, 2020])),
        ("abstracts-that-disagree-keep-the-penalty",
         _team_records("Efficient agnostic learning", [KEARNS_ET_AL] * 4,
                       [1992, 1992, 1994, 1994],
                       ABSTRACTS)),
        # A one-team column under another name has a title of one or two words.
        ("a-two-word-title-keeps-the-penalty",
         _team_records("Agnostic learning", [KEARNS_ET_AL] * 4, [1992, 1992, 1994, 1994])),
        ("a-column-word-keeps-the-penalty",
         _team_records("Report on agnostic learning", [KEARNS_ET_AL] * 4,
                       [1992, 1992, 1994, 1994])),
        ("different-issues-keep-the-penalty",
         [replace(r, number=str(k + 1)) for k, r in enumerate(
             _team_records("Efficient agnostic learning", [KEARNS_ET_AL] * 4,
                           [1992, 1992, 1994, 1994]))]),
        # Two journals in one year: two pieces by one team (a meeting and a journal may be a
        # paper and its citation's other year, as citation lists write them).
        ("two-journals-keep-the-penalty",
         [replace(r, venue=("J Hosp Med", "Ann Intern Med")[k % 2]) for k, r in enumerate(
             _team_records("Ethics in clinical hospital practice", [KEARNS_ET_AL] * 4,
                           [2001, 2001, 2003, 2003]))]),
        ("a-larger-team-is-another-team",
         _team_records("Efficient agnostic learning",
                       [KEARNS_ET_AL, KEARNS_ET_AL + ("D. Haussler", "Y. Freund")] * 2,
                       [1992, 1992, 1994, 1994])),
    ],
)  # fmt: skip
def test_same_team_does_not_waive_a_column(name, records):
    from pubdedup.pipeline import deduplicate

    assert [len(p.records) for p in deduplicate(records, CONFIG)[0]] == [1, 1, 1, 1]


def test_a_cited_year_is_no_given_year_for_the_team_rule():
    from pubdedup.pipeline import deduplicate

    records = _team_records("Efficient agnostic learning", [KEARNS_ET_AL] * 4,
                            [1992, None, 1994, 1994])  # fmt: skip
    records[1] = replace(records[1], extra=(("address", "aberdeen, 1992."),))
    assert features_of(records[1]).year_cited == 1992
    groups = sorted(len(p.records) for p in deduplicate(records, CONFIG)[0])
    assert groups == [1, 1, 2]  # the 1994 copies, given years both


@pytest.mark.parametrize(
    "title, venue, extra, year",
    [
        ("How to use expert advice", None, {"address": "san diego, ca, may 1993."}, 1993),
        ("(1993) 'Improving performance in neural networks'", None, {}, 1993),
        ("1993. Improving performance in neural networks", None, {}, 1993),
        ("Bounds", None, {"publisher": "morgan kaufmann, 1991."}, 1991),
        ("Bounds", "proceedings of the 1991 workshop on computational learning theory", {}, 1991),
        ("Two years", "proc. 1991", {"address": "oxford, 1994."}, None),  # which one?
        ("Vision 2020: a plan for the decade", None, {}, None),  # a year in a title is its name
        ("1984 revisited", None, {}, None),
        ("A report", "technical report ucsc-crl-1994-33", {}, None),  # part of a number
        ("2001: A space odyssey", None, {}, None),
        # A note names other versions' years.
        ("Journal version", None, {"note": "an earlier version appeared in proc. icml 1993"}, None),
    ],
)
def test_year_is_read_from_where_a_citation_string_put_it(title, venue, extra, year):
    record = rec(title=title, venue=venue, extra=tuple(extra.items()))
    assert features_of(record).year_cited == year
    given = features_of(replace(record, year=2001))
    assert (given.year, given.year_cited) == (2001, None)  # a year given is the year


def test_a_cited_year_does_not_excuse_a_different_volume():
    given = rec(0, **bib(title="Cancer statistics for the year", year=2021, volume="71",
                         pages="7-33", venue="CA Cancer J Clin",
                         authors=("R. Siegel", "K. Miller", "A. Jemal")))  # fmt: skip
    cited = replace(given, source=Source("b.txt", 1, 2, None), year=None, volume="72",
                    extra=(("address", "Atlanta, 2021"),))  # fmt: skip
    assert features_of(cited).year_cited == 2021
    assert verdict(given, cited) is not Verdict.MATCH


def test_a_cited_year_is_evidence_only_when_it_agrees():
    cited = rec(0, **bib(title="Bounds on the sample complexity of Bayesian learning",
                         venue="proceedings of the 1991 workshop on computational learning theory",
                         authors=("D. Haussler", "M. Kearns", "R. Schapire")))  # fmt: skip
    for year, gap in ((1991, 0), (1992, None), (1996, None)):
        other = replace(cited, source=Source("b.txt", 1, 2, None), year=year, venue="Mach. Learn.")
        assert compare(features_of(cited), features_of(other), CONFIG).evidence["year_gap"] == gap


@pytest.mark.parametrize(
    "title, marks",
    [
        ("PPAR-α agonists", {"alpha"}),
        ("PPAR-gamma agonists", {"gamma"}),
        ("IL-1beta in sepsis", {"beta"}),  # a name next to a digit is the letter
        ("Alphabet soup and betaine", set()),  # inside a word it is not
        ("ΑΒΓ codes", {"alpha", "beta", "gamma"}),  # capitals
        ("ϕ4 theory and µSR", {"phi", "mu"}),  # symbol forms: the letter they stand for
        ("", set()),
    ],
)
def test_greek_marks(title, marks):
    from pubdedup.features import greek_marks

    assert greek_marks(title) == marks


def test_page_range_takes_the_lowest_of_several_ranges_of_any_size():
    from pubdedup.features import page_range

    assert page_range("230-5, 246-51, 233-8") == ("230", "5")
    huge = "9" * 5000  # more digits than int() converts: was a traceback
    assert page_range(f"{huge}-{huge}1, 12-15") == ("12", "15")


@pytest.mark.parametrize(
    "pages, expected",
    [
        ("499\u2013711", ("499", "711")),  # an en dash
        ("433--444", ("433", "444")),
        ("S12-S14", ("12", "14")),  # a supplement's pages
        ("iii33-iii44", ("33", "44")),
        ("S12-14", ("12", "14")),
        ("p12-15", ("12", "15")),
        ("5-S4", ("5", None)),  # a prefix on the last page only: no range
        ("pp. 1660", ("1660", None)),
    ],
)
def test_page_range_reads_dashes_and_prefixed_pages(pages, expected):
    from pubdedup.features import page_range

    assert page_range(pages) == expected


VENUE_CASES = [
    ("acronym-and-name", "in proceedings focs-90.",
     "Proceedings of the 31st Annual Symposium on Foundations of Computer Science", True),
    ("acronym-and-abbreviated-name", "STOC", "Proc. 21st Annu. ACM Sympos. Theory Comput.", True),
    ("ordinal-spelt-out", "Proceedings of the Eighteenth Annual ACM Symposium on Theory of "
     "Computing", "proc. 18th annual acm symposium on theory of computing", True),
    ("workshop-and-conference-of-one-series", "COLT",
     "Workshop on Computational Learning Theory", True),
    ("european-series-is-another-venue", "EuroCOLT", "COLT", False),
    ("european-conference-is-not-icml", "European Conference on Machine Learning", "ICML", False),
    ("journal-is-not-the-conference", "Machine Learning", "COLT", False),
    ("long-word-misspelt", "Information and Compuation", "Information and Computation", True),
    ("other-field-is-no-misspelling", "Cardiology", "Radiology", False),
    ("a-letter-replaced-is-another-field", "Annals of Hepatology", "Annals of Hematology", False),
    ("a-prefix-is-another-journal", "Macromolecules", "Biomacromolecules", False),
    ("a-letter-added-is-a-spelling", "Haematology", "Hematology", True),
    ("one-word-venues-starting-alike", "Blood", "Brain", False),
    ("one-stem-two-endings", "Theory of Computation", "Theory of Computing", True),
    ("section-letters-differ", "Physical Review A", "Physical Review B", False),
    ("chi-with-its-year", "CHI '20", "Proceedings of the 2020 CHI Conference on Human Factors "
     "in Computing Systems", True),
    ("the-web-conference", "WWW", "The Web Conference 2019", True),
    ("icassp-spelt-out", "ICASSP", "IEEE International Conference on Acoustics, Speech and "
     "Signal Processing", True),
    ("a-family-head-is-only-itself", "Nature", "Nature Communications", False),
    ("a-family-head-and-its-supplement", "Blood",
     "Blood. Conference: 50th ASH Annual Meeting, New Orleans", True),
    ("a-family-head-spelt-out", "JAMA", "JAMA: Journal of the American Medical Association", True),
    ("a-place-in-parentheses", "Cancer", "Cancer (Phila.)", True),
    ("two-places-are-two-journals", "Medicine (Baltimore)", "Medicine (Abingdon)", False),
    ("journal-of-a-family-head", "Hepatology", "Journal of Hepatology", False),
    ("a-magazine-is-its-name", "Science", "Science Magazine", True),
    ("a-section-of-a-journal", "Nephron", "Nephron - Clinical Practice", True),
    ("pnas-abbreviated", "PNAS", "Proc. Natl. Acad. Sci. USA", True),
    ("acl-spelt-out", "ACL",
     "Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics",
     True),
    ("naacl-is-not-acl", "NAACL", "ACL", False),
    ("neurips-abbreviated", "Adv. Neural Inf. Process. Syst.", "NeurIPS", True),
    ("colt-without-computational", "COLT", "Conference on Learning Theory", True),
    ("stoc-with-sigact", "Proceedings of the 52nd Annual ACM SIGACT Symposium on Theory of "
     "Computing", "STOC", True),
    ("book-title-is-not-colt", "Statistical Learning Theory", "COLT", False),
    ("section-letter-abbreviated", "Physical Review A", "Phys. Rev. A", True),
    ("conference-is-not-the-transactions", "ICDE 2012",
     "IEEE Transactions on Knowledge and Data Engineering", False),
    ("bulletin-is-not-the-conference", "IEEE Data Engineering Bulletin", "ICDE", False),
    ("journal-is-not-kdd", "Data Mining and Knowledge Discovery",
     "Knowledge Discovery and Data Mining", False),
    ("transactions-abbreviated", "ACM Transactions on Database Systems (TODS)",
     "ACM Trans. Database Syst.", True),
    ("one-stem-other-word", "Economics", "Econometrics", False),
    ("acronym-of-several-words", "JPEN", "Journal of Parenteral and Enteral Nutrition", True),
    ("regional-series-is-not-kdd", "Pacific-Asia Conf. on Knowledge Discovery and Data Mining",
     "KDD", False),
    ("regional-series-is-not-ijcai", "Australian Joint Conference on Artificial Intelligence",
     "IJCAI", False),
    ("other-symposium-is-not-stoc", "Israel Symposium on Theory of Computing and Systems",
     "STOC", False),
    ("joint-workshop-is-not-colt",
     "Workshop on Computational Learning Theory and Natural Learning Systems", "COLT", False),
    ("forum-is-not-the-conference", "SIGIR Forum", "SIGIR", False),
    ("spring-symposium-is-not-aaai", "AAAI Spring Symposium", "AAAI", False),
    # `Ann.` and `Intern.`: Annals and Internal in a journal's name, not filler words.
    ("annals-is-not-filler", "Ann Intern Med", "J Hosp Med", False),
    ("annals-of-one-field-is-not-a-journal-of-it", "Ann Oncol", "J Clin Oncol", False),
    ("annals-abbreviated", "Ann Intern Med", "Annals of Internal Medicine", True),
    ("annual-abbreviated-in-a-meeting", "Proc. 21st Ann. ACM Symp. on Theory of Computing",
     "Proceedings of the 21st ACM Symposium on the Theory of Computing", True),
    ("international-abbreviated-in-a-meeting", "Intern. Conf. on Machine Learning",
     "International Conference on Machine Learning", True),
    # A citation string's venue that names only the kind of thesis, no school.
    ("doctoral-thesis-named-two-ways", "phd thesis,", "Doctoral dissertation,", True),
    ("a-thesis-of-unsaid-kind", "Thesis", "M.Sc. thesis", True),
    ("doctoral-and-masters-theses", "PhD thesis", "Master's thesis", False),
    ("theses-of-two-schools", "PhD thesis, Stanford University", "PhD thesis, MIT", False),
]  # fmt: skip


@pytest.mark.parametrize("name, a, b, same", VENUE_CASES, ids=[c[0] for c in VENUE_CASES])
def test_same_venue(name, a, b, same):
    from pubdedup.venues import same_venue

    assert same_venue(a, b) is same and same_venue(b, a) is same


@pytest.mark.parametrize(
    "title, cleaned",
    [
        ("Erratum: Gain of function in factor B (Proceedings of the National Academy (Januar",
         "Erratum: Gain of function in factor B"),
        ("Studies of the (n,(gamma) reaction cross sections in heavy nuclei",
         "Studies of the (n,(gamma) reaction cross sections in heavy nuclei"),
        ("Title here (Journal (2009) 360 (542-544))", "Title here (Journal (2009) 360 (542-544))"),
        ("(1990) efficient distribution-free learning of probabilistic concepts.",
         "efficient distribution-free learning of probabilistic concepts."),
        ("Guest editor's introduction", "Guest editor's introduction"),
    ],
)  # fmt: skip
def test_clean_title_drops_citations_only(title, cleaned):
    from pubdedup.titles import clean_title

    assert clean_title(title) == cleaned


def test_a_possessive_or_a_contraction_is_one_word():
    from pubdedup.normalize import content_words

    assert content_words("Guest editor's introduction") == ["guest", "editors", "introduction"]
    assert content_words("Guest editor’s introduction") == ["guest", "editors", "introduction"]
    assert content_words("Don't stop") == ["dont", "stop"]  # no letter `t` (a veto's)


@pytest.mark.parametrize(
    "title, notice",
    [
        ("Publisher Correction: Deep nets", True),
        ("Author Correction: Deep nets", True),
        ("Expression of Concern: Deep nets", True),
        ("Retraction Note: Deep nets", True),
        ("Deep nets: authors' reply", True),
        ("Supplementary material for: Deep nets", True),
        ("Deep nets: Supplementary Material", True),
        ("Deep nets (supplementary information)", True),
        ("Deep nets: supplementary data improve recall", False),
        ("Deep nets.[Erratum appears in Blood 2009]", False),  # MEDLINE's note on the article
        ("Retraction of the tongue in infants", False),
        ("Correction of astigmatism with lenses", False),
        ("Re: Deep nets", True),
        ("Invited commentary: deep nets", True),
        ("Retraction notice to \"Deep nets\"", True),
        ("WITHDRAWN: Deep nets", True),
        ("Deep nets (Erratum)", True),
        ("Ebola and the U.S. Response", False),  # a full stop is no separator
        ("Breast cancer risk: dose\u2013response", False),
        ("Retraction Note to: Deep nets", True),
        ("Deep nets \u2014 Reply", True),
        ("Deep nets (Retracted article)", True),
        ("Reply to the letter by Smith", True),
        ("Breast cancer risk: dose-response", False),  # a hyphen is no separator
        ("Eyelid retraction in thyroid disease", False),
        ("Response to imatinib in chronic myeloid leukaemia", False),
        ("Reply to all considered harmful", False),
        ("Deep nets (New England Journal of Medicine (2009) 360 (542-544))", True),  # Embase
        ("Deep nets (Lancet (2010) 375 (9) (12-14)).", True),
        ("Deep nets (phase (2009) 3 (a))", False),  # no pages in the last parentheses
        ("Deep nets (2009) 360 (542-544)", False),  # no citation in parentheses
        ("Deep nets (The Journal of Pediatrics (March 2003) 142 (3) (310-317))", True),
        ("Deep nets (J Med (January 16, 2007) 142 (310-317))", True),
        ("Deep nets (3 Biotech (2019) 9 (12) (450))", True),
        ("Deep nets (Medicina (Lithuania) (2019) 55 (8) (450))", True),
        ("Deep nets (JAMA Oncology (2019) 5:9 (1300-1306) DOI: 10.1001/x.2019.1)", True),
        ("Deep nets (Reprinted from Annals of Oncology (2000) 11 (4) (101-110))", False),
        ("Deep nets (Summary of: J Clin Endocrinol (2011) 96 (7) (1911-1930))", False),
        ("Deep nets (translated from Voprosy Onkologii (1995) 41 (2) (23-27))", False),
        ("Comments on \"Deep nets\"", True),
        ("Response from the authors", True),
    ],
)  # fmt: skip
def test_notices(title, notice):
    from pubdedup.titles import notice_kind

    assert (notice_kind(title, ("99", "1")) is not None) is notice  # a record's own place


def test_a_title_citing_its_own_place_is_no_notice():
    """Some databases append a record's own citation to its title; an erratum cites the
    article it corrects, printed elsewhere."""
    from pubdedup.titles import notice_kind

    title = "Deep nets (Journal of Hepatology (2001) 35 (3) (421-430))"
    assert notice_kind(title, ("35", "421")) is None
    assert notice_kind(title, ("35", "2487")) == "correction"
    assert notice_kind("Deep nets (vol 35, pg 421, 2001)", ("35", "421")) is None
    # A volume alone proves nothing (errata are printed in the article's volume too): Embase's
    # form is read only with the record's own page; Web of Science's is an erratum's anyway.
    assert notice_kind(title, ("35", None)) is None
    assert notice_kind("Deep nets (vol 35, pg 421, 2001)", ("35", None)) == "correction"
    assert notice_kind(title, (None, "421")) is None  # its own page, its volume not given
    assert notice_kind(title, ("36", "421")) == "correction"  # another volume's page 421
    assert notice_kind("Erratum: Deep nets (vol 35, pg 421, 2001)", ("35", "421")) == "correction"


def test_notice_kinds_of_cited_corrections_and_replies():
    from pubdedup.titles import notice_kind

    place = ("99", "1")
    assert notice_kind("Deep nets (Lancet (2010) 375 (9) (12-14))", place) == "correction"
    assert notice_kind("Response from the authors (Lancet (2010) 375 (9) (12-14))") == "reply"
    assert notice_kind('Comments on "Deep nets" (IEEE T (2009) 31 (5) (855-868))') == "comment"
    # Without its own volume or page a record may carry its own citation: no erratum then.
    assert notice_kind("Deep nets (Lancet (2010) 375 (9) (12-14))") is None
    assert notice_kind("Deep nets (vol 375, pg 12, 2010)") == "correction"  # WoS: only errata


@pytest.mark.parametrize(
    "a, b, exact",
    [
        ("an introduction to computational learning theory", "introduction to computational "
         "learning theory", True),
        ("a theory of the learnable", "the theory of the learnable", True),
        # Another word changed besides the article: no free pass to the exact level.
        ("a model of computation", "models of computation", False),
    ],
)  # fmt: skip
def test_a_leading_article_alone_costs_no_title_similarity(a, b, exact):
    from pubdedup.evidence import title_similarity

    assert (title_similarity(a, b) >= CONFIG.title_exact) is exact
