"""Title words that tell look-alike titles apart: numbers, alternatives, substituted words.

Two titles can be nearly the same string and still name different works: `HIV-1` / `HIV-2`,
`… in mice` / `… in rats`, `pediatric` / `adult`. These comparisons read the titles' word and
number sets (features.py) and are the title vetoes and penalties of the score stage.
"""

from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein


def numbers_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Each title has a number the other lacks (`HIV-1` / `HIV-2`); one number more, a leaked
    year or volume, is no conflict, nor one number named differently (`_typo_twins`)."""
    only_a, only_b = a - b, b - a
    if not only_a or not only_b:
        return False
    return any(not any(_typo_twins(x, y) for y in only_b) for x in only_a) and any(
        not any(_typo_twins(y, x) for x in only_a) for y in only_b
    )


def _typo_twins(x: str, y: str) -> bool:
    """One number however named: `maail11` / `mail11` (a typo), `r34` / `34` (`GOST R 34` and
    `GOST R of 34`: a number takes the short word before it, which a copy may lack)."""
    digits = x.translate(_LETTERS_OUT)
    if not digits or digits != y.translate(_LETTERS_OUT) or x == y:
        return False
    if _other_letter_after_number(x, y):
        return False
    return digits in (x, y) or Levenshtein.distance(x, y) <= 1


def _other_letter_after_number(x: str, y: str) -> bool:
    """`2a` / `2b`: the parts of one volume or standard (`Vol. 2A`, `Vol. 2B`), not a typo."""
    return (
        len(x) == len(y) >= 2
        and x[:-1] == y[:-1]
        and x[-2].isdigit()
        and x[-1].isalpha()
        and y[-1].isalpha()
    )


def sequel(a: str | None, b: str | None) -> bool:
    """One normalised title is the other with a closing roman numeral II to X (`Symbols library
    type fonts` / `… type fonts II`): its second part or volume, another work. A number only
    one title has is otherwise no conflict (a year or volume leaked into it)."""
    if not a or not b:
        return False
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    head, _, last = longer.rpartition(" ")
    return head == shorter and last in _SEQUEL_MARKS


_SEQUEL_MARKS = frozenset("ii iii iv v vi vii viii ix x".split())


_LETTERS_OUT = str.maketrans(dict.fromkeys(map(ord, "abcdefghijklmnopqrstuvwxyz")))


# Words that name one of several alternatives: a title with one and a title with another are
# companion studies (`… in mice` / `… in rats`, `adult` / `pediatric`, `acute` / `chronic`).
# Alternatives are spaced; spellings of one alternative are joined by `/`.
_CONTRASTS = (
    "mice/mouse rats/rat rabbits/rabbit dogs/dog pigs/pig monkeys/monkey humans/human",
    "adult/adults children/child/pediatric/paediatric infants/infant/neonates/neonatal"
    " elderly adolescents/adolescent",
    "men/male/males/boys women/female/females/girls",
    "acute chronic",
    "vitro vivo",
    "upper lower",
    "left right",
    "high low",
    "benign malignant",
    "positive negative",
    "premenopausal postmenopausal",
    "preoperative postoperative",
    "prenatal postnatal",
    "supervised unsupervised",
    "linear nonlinear",
    "online offline",
    "synchronous asynchronous",
    "with without",
    "increase/increases/increased decrease/decreases/decreased",
    "one/single two three four five six seven eight nine ten few several/many/multiple",
    "first second third fourth fifth",
    "older/old younger/young",
    "early late",
    "short long",
    "primary secondary",
    "mild moderate severe",
    "inpatient/inpatients outpatient/outpatients",
    "urban rural",
    "systolic diastolic",
    "anterior posterior",
    "proximal distal",
    "central peripheral",
    "internal external",
    "local global",
    "static dynamic",
    "small large",
)
_ALTERNATIVE = {
    word: (group, alternative)
    for group, line in enumerate(_CONTRASTS)
    for alternative, spellings in enumerate(line.split())
    for word in spellings.split("/")
}
ALTERNATIVE_WORDS = frozenset(_ALTERNATIVE)


def contrasting_words(a: frozenset[str], b: frozenset[str]) -> bool:
    """Each title has its own alternative of one kind: `mice` / `rats`, `in vitro` / `in vivo`
    (`mouse` / `mice` are one alternative). `a` and `b` are the titles' alternative words."""
    only_a, only_b = a - b, b - a
    if not only_a or not only_b:
        return False
    in_b = {_ALTERNATIVE[w] for w in only_b}
    in_a = {_ALTERNATIVE[w] for w in only_a}
    groups_b = {group for group, _ in in_b}
    return any(group in groups_b and (group, alt) not in in_b for group, alt in in_a - in_b)


def substituted_words(a: frozenset[str], b: frozenset[str]) -> bool:
    """Each title has a word the other lacks, and not as a typo ("pediatric" / "adult")."""
    only_a, only_b = a - b, b - a
    if not only_a or not only_b:
        return False
    return _unlike_any(only_a, only_b) and _unlike_any(only_b, only_a)  # symmetric


def _unlike_any(words: frozenset[str], others: frozenset[str]) -> bool:
    """Some word is no misspelling or part of any of the others (`factor` of `antifactor`;
    a letter, `t` of `don't`, is part of anything)."""
    return any(all(fuzz.ratio(x, y) < 75 and not _part(x, y) for y in others) for x in words)


def _part(x: str, y: str) -> bool:
    short, long = sorted((x, y), key=len)
    return len(short) >= 3 and short in long
