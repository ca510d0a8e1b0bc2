"""Author-list splitting: every list style the inputs use, and BibTeX's `and` rules."""

from __future__ import annotations

import pytest

from pubdedup.readers.people import author_list, split_authors, split_bibtex_authors
from tests.conftest import time_ratio


@pytest.mark.parametrize(
    "text, names",
    [
        pytest.param(
            "Zhou, X. and Smith, John", ["Zhou, X.", "Smith, John"], id="last-first-joined-by-and"
        ),
        pytest.param(
            "p. auer, n. cesa-bianchi, and r. e. schapire,",
            ["p. auer", "n. cesa-bianchi", "r. e. schapire"],
            id="cora-lower-case-oxford-comma-trailing-comma",
        ),
        pytest.param(
            "kearns m. j.:", ["kearns m. j."], id="citation-list-ending-in-the-colon-before-title"
        ),
        pytest.param(
            "Viswanath Poosala, Yannis E. Ioannidis",
            ["Viswanath Poosala", "Yannis E. Ioannidis"],
            id="first-last-joined-by-commas",
        ),
        pytest.param("Zhou, X.; Smith, J.", ["Zhou, X.", "Smith, J."], id="semicolons"),
        pytest.param(
            "Zhou, X.; Smith, J.; and Lee, K.",
            ["Zhou, X.", "Smith, J.", "Lee, K."],
            id="semicolons-and-final-and",
        ),
        pytest.param(
            "Smith, J., Jones, K. L., Brown, A.",
            ["Smith, J.", "Jones, K. L.", "Brown, A."],
            id="initials-paired-back-to-surnames",
        ),
        pytest.param(
            "cesa-bianchi, n., freund, y., helmbold, d. p.",
            ["cesa-bianchi, n.", "freund, y.", "helmbold, d. p."],
            id="lower-case-initials-paired-back-to-surnames",
        ),
        pytest.param(
            "Alice Smith, Bob Jones, and Carol White.",
            ["Alice Smith", "Bob Jones", "Carol White"],
            id="sentence-full-stop-dropped",
        ),
        pytest.param(
            "A. Smith and B. Jones and C. White",
            ["A. Smith", "B. Jones", "C. White"],
            id="initial-first-names-keep-their-full-stop",
        ),
        pytest.param(
            "van der Berg, Jan and de Vries, Anna",
            ["van der Berg, Jan", "de Vries, Anna"],
            id="particles",
        ),
        pytest.param("Alice Smith & Bob Jones", ["Alice Smith", "Bob Jones"], id="ampersand"),
        pytest.param("Alice Smith AND Bob Jones", ["Alice Smith", "Bob Jones"], id="upper-AND"),
        pytest.param("Alice  Smith\n and\tBob Jones", ["Alice Smith", "Bob Jones"], id="spaces"),
        pytest.param("Ng, A.", ["Ng, A."], id="one-last-first"),
        pytest.param(  # a BibTeX editor list of a real bibliography (iridia)
            "Christine Zarges and Verel, Sébastien",
            ["Christine Zarges", "Verel, Sébastien"],
            id="bibtex-names-in-both-forms",
        ),
        pytest.param(
            "Pedro Castillo and Jiménez Laredo, Juan Luis and Ana Lee",
            ["Pedro Castillo", "Jiménez Laredo, Juan Luis", "Ana Lee"],
            id="bibtex-names-in-both-forms-three",
        ),
        pytest.param(  # a sentence's list with a second `and`: no surname starts with `A.`
            "A. Smith, B. Jones and C. White and D. Black",
            ["A. Smith", "B. Jones", "C. White", "D. Black"],
            id="sentence-list-with-two-ands-not-bibtex-names-in-both-forms",
        ),
        pytest.param("Kowalski, Łukasz", ["Kowalski, Łukasz"], id="one-last-first-full-name"),
        pytest.param(
            "van der Berg, Jan Hendrik", ["van der Berg, Jan Hendrik"], id="one-with-particles"
        ),
        pytest.param(
            "Kowalski, Łukasz, et al.", ["Kowalski, Łukasz"], id="one-last-first-cut-short"
        ),
        pytest.param("john smith, mary jones", ["john smith", "mary jones"], id="two-lower-case"),
        pytest.param("Alexandra Anderson", ["Alexandra Anderson"], id="and-inside-words"),
        pytest.param("Sandra Band and Andy Rand", ["Sandra Band", "Andy Rand"], id="and-in-names"),
        pytest.param(  # full names surname first, flattened with commas only
            "Zhou, Xiangdong, Smith, John",
            ["Zhou, Xiangdong", "Smith, John"],
            id="comma-only-last-first-pairs",
        ),
        pytest.param(  # Web of Science's `AF` names, flattened so
            "Bunn, Paul A., Jr., Smith, John",
            ["Bunn, Paul A., Jr.", "Smith, John"],
            id="comma-only-pairs-suffix-to-its-person",
        ),
        pytest.param(  # `Li` is a surname here, not initials to pair with `Kate`
            "Smith, John, Jones, Kate, Li, Wei",
            ["Smith, John", "Jones, Kate", "Li, Wei"],
            id="comma-only-pairs-short-surname",
        ),
        pytest.param(
            "García López, María, van der Berg, Jan",
            ["García López, María", "van der Berg, Jan"],
            id="comma-only-pairs-surnames-of-two-words-and-particles",
        ),
        pytest.param(
            "Zhou, Xiang Dong, Smith, J.",
            ["Zhou, Xiang Dong", "Smith, J."],
            id="comma-only-pairs-given-names-of-two-words",
        ),
        pytest.param(  # a systematic review's CSV (respiratory)
            "Lynch, T. J., Jr.", ["Lynch, T. J., Jr."], id="one-last-first-with-suffix"
        ),
        pytest.param(  # ACM's: a suffix after a comma belongs to the name before it
            "William J. McIver, Jr., Roger King",
            ["William J. McIver Jr.", "Roger King"],
            id="first-last-suffix-after-a-comma",
        ),
        pytest.param(  # ACM's: one person of one name, among `First Last` names
            "Helen Thomas, Debra VanderMeer, Suresha, Krithi Ramamritham",
            ["Helen Thomas", "Debra VanderMeer", "Suresha", "Krithi Ramamritham"],
            id="first-last-with-a-one-word-name-not-pairs",
        ),
        pytest.param(  # DBLP's
            "Paul A. Bunn Jr., John Smith",
            ["Paul A. Bunn Jr.", "John Smith"],
            id="first-last-suffix-without-a-comma",
        ),
        pytest.param(  # PubMed's CSV (MEDLINE's `AU`): surname, initials, suffix
            "Bunn PA Jr, Smith J",
            ["Bunn, P. A., Jr", "Smith, J."],
            id="vancouver-suffix-after-initials",
        ),
        pytest.param(
            "Ivanov IV, Smith J", ["Ivanov, I. V.", "Smith, J."], id="vancouver-initials-iv"
        ),
        # Truly ambiguous, read as before: an odd count of one-word chunks, and two chunks
        # that are `First Last, First` or `Last Last, First` alike.
        pytest.param(
            "Zhou, Xiangdong, Smith",
            ["Zhou", "Xiangdong", "Smith"],
            id="ambiguous-odd-count-kept",
        ),
        pytest.param(
            "Xiangdong Zhou, John", ["Xiangdong Zhou", "John"], id="ambiguous-two-chunks-kept"
        ),
        # A pair never spans an `and`: the one word after it is a person of its own, so the
        # words before it are too (a sentence's list of surnames).
        pytest.param(
            "Smith, Jones, Brown and Lee",
            ["Smith", "Jones", "Brown", "Lee"],
            id="surnames-alone-ending-in-and",
        ),
        pytest.param(
            "Smith, Jones, Brown, & Lee",
            ["Smith", "Jones", "Brown", "Lee"],
            id="surnames-alone-ending-in-oxford-ampersand",
        ),
        pytest.param(
            "Zhou, Xiangdong, Smith, John and Lee, Kate",
            ["Zhou, Xiangdong", "Smith, John", "Lee, Kate"],
            id="comma-only-pairs-ending-in-an-and-pair",
        ),
        # Truly ambiguous, read as pairs: one-word surnames alone (`Smith, Jones, Brown, Lee`)
        # are written as `Li, Wei, Wang, Fang` is, and full names flattened so are what
        # exports write (the systematic-review sets' full names are one word each, mostly).
        pytest.param(
            "Li, Wei, Wang, Fang", ["Li, Wei", "Wang, Fang"], id="ambiguous-one-word-pairs-kept"
        ),
        pytest.param("", [], id="empty"),
        pytest.param(" , ; ", [], id="only-separators"),
        # A database's stand-in where a record has no authors: no one of that name.
        pytest.param("[No author name available]", [], id="scopus-no-author-placeholder"),
        pytest.param("[Anonymous]", [], id="web-of-science-anonymous-placeholder"),
        pytest.param("Anonymous,", [], id="anonymous-systematic-review-csv"),
        pytest.param(
            "Smith, J. and Anonymous", ["Smith, J."], id="anonymous-beside-a-person-left-out"
        ),
    ],
)
def test_split_authors(text, names):
    assert split_authors(text) == names


@pytest.mark.parametrize(
    "text, names, cut",
    [
        pytest.param(
            "Jumper J; Evans R; Pritzel A",
            ["Jumper, J.", "Evans, R.", "Pritzel, A."],
            False,
            id="vancouver-initials-after-surnames",
        ),
        pytest.param(
            "Jumper J, Evans RN, van der Berg JH",
            ["Jumper, J.", "Evans, R. N.", "van der Berg, J. H."],
            False,
            id="vancouver-several-initials-and-particles",
        ),
        pytest.param(
            "Le T, Nguyen H", ["Le, T.", "Nguyen, H."], False, id="vancouver-two-first-a-particle"
        ),
        pytest.param("Du XY, Wang Y.", ["Du, X. Y.", "Wang, Y."], False, id="vancouver-du"),
        pytest.param(
            "Klein S, Berg MJ, Tanaka PE.",
            ["Klein, S.", "Berg, M. J.", "Tanaka, P. E."],
            False,
            id="pubmed-csv-list-ends-in-a-full-stop",
        ),
        pytest.param(
            "JP Vert, M Cuturi, IO Tolstikhin",
            ["J. P. Vert", "M. Cuturi", "I. O. Tolstikhin"],
            False,
            id="scholar-initials-before-surnames",
        ),
        pytest.param(
            "AL Smith, JO Jones", ["AL Smith", "JO Jones"], False, id="capital-given-names-stay"
        ),
        pytest.param(
            "DM Blei, AY Ng, MI Jordan",
            ["D. M. Blei", "A. Y. Ng", "M. I. Jordan"],
            False,
            id="scholar-initials-all-of-two-letters",
        ),
        pytest.param(
            "NG Andrew, LI Wei", ["NG Andrew", "LI Wei"], False, id="capital-surnames-first-stay"
        ),
        pytest.param("LV Ming, XU Wei", ["LV Ming", "XU Wei"], False, id="lv-ming-stays"),
        pytest.param(
            "V\u0168 Anh, L\u00ca Minh",
            ["V\u0168 Anh", "L\u00ca Minh"],
            False,
            id="accented-capital-surnames-stay",
        ),
        pytest.param("BBC News", ["BBC News"], False, id="a-body-alone-stays"),
        pytest.param(
            "RFC Editor, J Postel, NHS England",
            ["RFC Editor", "J Postel", "NHS England"],
            False,
            id="bodies-after-initials-stay",
        ),
        pytest.param(
            "CMS Collaboration, M Smith",
            ["CMS Collaboration", "M Smith"],  # a group among them: no Scholar list
            False,
            id="a-group-among-scholar-initials-stays",
        ),
        pytest.param(
            "WHO Guideline Group; CDC COVID-19 Response Team",
            ["WHO Guideline Group", "CDC COVID-19 Response Team"],
            False,
            id="organisations-stay",
        ),
        pytest.param(
            "Wei XU; Yang LI", ["Wei XU", "Yang LI"], False, id="surnames-in-capitals-stay"
        ),
        pytest.param(
            "Beyer L., Zhai X., Houlsby N.M., Puigcerver J.-P.",
            ["Beyer, L.", "Zhai, X.", "Houlsby, N. M.", "Puigcerver, J.-P."],
            False,
            id="scopus-dotted-initials-after-surnames",
        ),
        pytest.param("Ng AY; Jordan MI", ["Ng AY", "Jordan MI"], False, id="vowels-only-stay"),
        pytest.param(
            "Kearns M. J., Valiant L. G.",
            ["Kearns, M. J.", "Valiant, L. G."],
            False,
            id="citation-style-initials-spaced-apart",
        ),
        pytest.param(
            "Kolesnikov, A; Beyer, L; Zhai, XH",
            ["Kolesnikov, A.", "Beyer, L.", "Zhai, X. H."],
            False,
            id="web-of-science-initials-after-a-comma",
        ),
        pytest.param("Zhai, XH", ["Zhai, X. H."], False, id="web-of-science-one-name"),
        pytest.param(
            "Ng, AY; Jordan, MI", ["Ng, AY", "Jordan, MI"], False, id="comma-vowels-only-stay"
        ),
        pytest.param(
            "Li, Yu; Zhai, XH", ["Li, Yu", "Zhai, XH"], False, id="comma-a-given-name-among-them"
        ),
        pytest.param("Smith, J.; Jones, K.; et al.", ["Smith, J.", "Jones, K."], True, id="et-al"),
        pytest.param("Smith J, Jones K, et al", ["Smith, J.", "Jones, K."], True, id="et-al-bare"),
        pytest.param(
            "A. Smith and B. Jones and others", ["A. Smith", "B. Jones"], True, id="and-others"
        ),
        pytest.param(
            "John Smith, Mary Others", ["John Smith", "Mary Others"], False, id="surname-others"
        ),
        pytest.param("et al.", [], False, id="et-al-alone-is-no-list"),
        pytest.param("Licht, C. and et al", ["Licht, C."], True, id="and-before-et-al"),
        pytest.param("Licht, C. & et al.", ["Licht, C."], True, id="ampersand-before-et-al"),
        pytest.param("Band, A. et al", ["Band, A."], True, id="name-ending-in-and"),
        pytest.param(  # BibTeX's `Last, Jr, First`, as the writer puts `Edward J. Delp III`
            "Delp, III, Edward J. and Ping W. Wong",
            ["Delp, III, Edward J.", "Ping W. Wong"],
            False,
            id="suffix-between-two-commas",
        ),
        pytest.param(
            "Delp, Jr., Edward J.", ["Delp, Jr., Edward J."], False, id="one-name-with-a-suffix"
        ),
        pytest.param("&", [], False, id="an-ampersand-alone"),
        pytest.param(  # Scopus's: the suffix after the surname, then the initials
            "Bunn Jr. P.A.; Zhai X.",
            ["Bunn, P. A., Jr.", "Zhai, X."],
            False,
            id="scopus-suffix-before-the-initials",
        ),
        pytest.param(
            "Bunn P.A., Jr.; Zhai X.",
            ["Bunn, P. A., Jr.", "Zhai, X."],
            False,
            id="scopus-suffix-after-a-comma",
        ),
        pytest.param(
            "Sequist L.V., Bunn P.A., Jr., Zhai X.",
            ["Sequist, L. V.", "Bunn, P. A., Jr.", "Zhai, X."],
            False,
            id="scopus-suffix-after-a-comma-in-a-comma-list",
        ),
        pytest.param(  # a systematic review's CSV (haematology): one person, not `S.` of her own
            "Rodriguez de Cordoba, S.",
            ["Rodriguez de Cordoba, S."],
            False,
            id="one-name-surname-of-several-words-and-initials",
        ),
        pytest.param("Al Hindi, S.", ["Al Hindi, S."], False, id="one-name-two-word-surname"),
        pytest.param(
            "John Smith, J. Doe", ["John Smith", "J. Doe"], False, id="two-first-last-names-stay"
        ),
        pytest.param(  # an export that puts a comma after every name (respiratory)
            "Acocella, G. and Roux, J. and et al.,",
            ["Acocella, G.", "Roux, J."],
            True,
            id="et-al-then-a-comma-is-the-cut",
        ),
        pytest.param(  # an empty given name: BibTeX's `Last, Jr, First` with no `Jr`
            "Waddell, J. A. and Solimando,, Jr.",
            ["Waddell, J. A.", "Solimando, Jr."],
            False,
            id="empty-part-between-commas-dropped",
        ),
    ],
)
def test_author_list_reads_vancouver_names_and_a_list_cut_short(text, names, cut):
    assert author_list(text) == (names, cut)


@pytest.mark.parametrize("run", [" ", "\t", " \n"], ids=["spaces", "tabs", "newlines"])
def test_a_long_run_of_spaces_before_et_al_takes_time_in_proportion_to_its_length(run):
    # The `and` before `et al` was looked for at every start of the run (a JSON output's
    # editor field, read back as written): 50,000 spaces took 18 s.
    def read(size: int) -> None:
        text = "Doe, J." + run * (size // len(run)) + "et al"
        assert author_list(text) == (["Doe, J."], True)

    assert time_ratio(read) < 24  # 8 for linear time; 64 for quadratic


@pytest.mark.parametrize(
    "raw, names",
    [
        pytest.param("Ann Lee and Bo Chen", ["Ann Lee", "Bo Chen"], id="first-last"),
        pytest.param("Lee, Ann and Chen, Bo", ["Lee, Ann", "Chen, Bo"], id="last-first"),
        pytest.param(
            "{Barnes and Noble} and Ann Lee",
            ["{Barnes and Noble}", "Ann Lee"],
            id="and-inside-braces-kept",
        ),
        pytest.param(
            'Lud{\\"a}scher, B. and M{\\"u}ller, J.',
            ['Lud{\\"a}scher, B.', 'M{\\"u}ller, J.'],
            id="latex-left-for-the-decoder",
        ),
        pytest.param("Ann Lee AND Bo Chen", ["Ann Lee", "Bo Chen"], id="upper-case-AND"),
        pytest.param("Ann Lee\n    and\tBo  Chen", ["Ann Lee", "Bo Chen"], id="newlines-tabs"),
        pytest.param(
            "Last, Jr, First and von Last, First",
            ["Last, Jr, First", "von Last, First"],
            id="jr-and-von",
        ),
        pytest.param("Sandy Anders and Brand", ["Sandy Anders", "Brand"], id="and-inside-words"),
        pytest.param("Ann Lee and others", ["Ann Lee", "others"], id="others-kept-for-caller"),
        pytest.param("Ann Lee and", ["Ann Lee"], id="dangling-and"),
        pytest.param("Anderson", ["Anderson"], id="one-name"),
        pytest.param(  # `İ` lower-cased is two characters: the next `and` was missed
            "Polat, İlhan and Feng, Yu and Moore, Eric",
            ["Polat, İlhan", "Feng, Yu", "Moore, Eric"],
            id="and-after-a-dotted-capital-i",
        ),
        pytest.param("   ", [], id="blank"),
    ],
)
def test_split_bibtex_authors(raw, names):
    assert split_bibtex_authors(raw) == names


def test_bibtex_splitting_never_splits_at_commas():
    assert split_bibtex_authors("Poosala, Viswanath, Ioannidis") == [
        "Poosala, Viswanath, Ioannidis"
    ]
    # ...whereas a free-form list (CSV, page) uses commas as separators.
    assert split_authors("Viswanath Poosala, Yannis Ioannidis, Ann Lee") == [
        "Viswanath Poosala",
        "Yannis Ioannidis",
        "Ann Lee",
    ]


def test_a_long_run_of_spaces_before_a_braced_group_takes_time_in_proportion_to_its_length():
    # The separator before a group (`{Barnes and Noble}`) was looked for from every space of
    # the run before it: 40,000 spaces took 16 s.
    def read(size: int) -> None:
        text = "Lee, A." + " " * size + "x Barnes and Noble and Bo Chen"
        names, _ = author_list(text, ("Barnes and Noble",))
        assert names[-1] == "Bo Chen"

    assert time_ratio(read) < 24  # 8 for linear time; 64 for quadratic
