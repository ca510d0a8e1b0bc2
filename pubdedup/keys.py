"""Citation keys: author + year + first title word, stable whatever the input order."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import count, product
from string import ascii_lowercase

from anyascii import anyascii

from pubdedup.model import UNTITLED, Paper, Record
from pubdedup.names import is_group_name, surname_ascii
from pubdedup.normalize import STOPWORDS, fold_accents, match_text
from pubdedup.readers.people import author_list


def base_key(paper: Paper) -> str:
    """`beyer2021robustness`; an edited volume's by its first editor, as styles sort and label
    it (`larochelle2020advances`, not `anon2020advances`); `anon` without either; no year part
    when the year is unknown."""
    people = paper.authors or _editors(paper)
    surname = _name_word(people[0], paper.braced_names) if people else ""
    year = str(paper.year) if paper.year else ""
    return f"{surname or 'anon'}{year}{_first_word(paper.title)}"


# Entry types whose editors are the work's people: an edited volume's. An `@inproceedings`
# without authors (a keynote) is not its proceedings' editors' work.
_EDITED = frozenset(
    ("proceedings", "book", "collection", "mvbook", "mvcollection", "mvproceedings", "periodical")
)


def _editors(paper: Paper) -> list[str]:
    editor = dict(paper.fields).get("editor") if paper.entry_type in _EDITED else None
    return author_list(editor, paper.braced_names, exported=False)[0] if editor else []


def _name_word(name: str, braced: tuple[str, ...]) -> str:
    """The surname; for a group (`braced`: the names a source wrote as one brace group), its
    first word, as styles file it (`{Google Research}` under Google, not Research)."""
    group = name in braced or is_group_name(name)
    # A Greek letter in a Latin name is left out, as before: `Kie&#946;ling`, an ACM page's
    # `ß` mistyped, is `kieling`.
    name = romanised(name)
    if group:
        return surname_ascii(name.split()[0]) if name.split() else ""
    return surname_ascii(name)


def _first_word(title: str) -> str:
    text = title.removeprefix(UNTITLED)
    text = romanised(text)
    # Keys are ASCII: what is left that is not is out.
    words = [w for w in match_text(fold_accents(text)).split() if w.isascii()]
    words = [w for w in words if w not in STOPWORDS]
    long_words = [w for w in words if len(w) > 2 and w.isalnum()]
    return (long_words or words or ["untitled"])[0]


def romanised(text: str) -> str:
    """Letters of other scripts transliterated (`Теория` -> `Teoriya`, `深度` -> `ShenDu`), as
    reference managers key them, not left out; Latin text, accented or not, left to `match_text` as
    before, so that no Latin key changes. Greek letters outside a Greek word stay, for
    `match_text` to spell by name as symbols (`β-catenin`, `γδ T cells`, as in matching), but
    in a text mostly Greek (`Η θεωρία`), where each is a letter of a word."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFC", text)  # `й` written as `и` and a breve is `y`, not `i`
    greek = _GREEK_WORD.search(text) is not None
    if not greek or _mostly_greek(text):
        return _in_ascii(text, greek)
    # A Greek word in a Latin title (`β-catenin in Ελλάδα`): that word is Greek, the other
    # words' letters symbols still (`betacatenin`, as without the Greek word; it gave `vcatenin`).
    return _WORD.sub(
        lambda m: _in_ascii(m.group(), _GREEK_WORD.search(m.group()) is not None), text
    )


def _in_ascii(text: str, greek: bool) -> str:
    """The text's foreign letters transliterated; Greek ones too when `greek`."""
    if greek:
        # anyascii goes letter by letter, `υ` -> `y`; the digraph `ου` is `ou` in ELOT 743 and
        # on Greek passports (`Papadopoulos`, not `Papadopoylos`).
        text = _GREEK_OU.sub("ou", text)
    return _NON_ASCII.sub(lambda m: _romanised_run(m.group(), greek), text)


def _mostly_greek(text: str) -> bool:
    """Half of the text's letters or more Greek: a Greek title or name, its one-letter
    words (`Η θεωρία`) Greek too."""
    letters = [c for c in text if c.isalpha()]
    return 2 * sum(1 for c in letters if _GREEK_LETTER.match(c)) >= len(letters)


# Three Greek letters in a row make a Greek word; one or two are symbols (`PPAR-α`, `αβ`).
_GREEK_WORD = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]{3,}")
_GREEK_LETTER = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")
_GREEK_OU = re.compile(r"(?i)ο[υύῦ]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_WORD = re.compile(r"\S+")


def _romanised_run(run: str, greek: bool) -> str:
    return "".join(anyascii(ch) if _foreign(ch, greek) else ch for ch in run)


@cache
def _foreign(ch: str, greek: bool) -> bool:
    """Whether `ch` is a letter or digit that the key's folding cannot spell in ASCII (Cyrillic,
    CJK, Latin's `ə`: `Məmmədov` was `mmmdov`), or, when `greek`, a Greek letter. Punctuation
    and emoji are no part of a key word."""
    if unicodedata.category(ch)[0] not in "LNM":
        return False
    if greek and "GREEK" in unicodedata.name(ch, ""):
        return True
    return not match_text(ch).isascii()  # a Latin letter with no ASCII fold too (`ə`, `ŋ`)


def paper_order(paper: Paper) -> tuple:
    """A content-based sort key, independent of the order inputs were given in."""
    first = _record_order(paper.records[0]) if paper.records else ("", 0)
    return (match_text(paper.title), paper.year or 0, first)


def _record_order(record: Record) -> tuple:
    """Where a record stands among the copies of one title: by its id in its input (a citation
    key, a row's id), shorter first (`…a`, …, `…z`, `…aa`, as the suffixes are given; `9`
    before `10`), else by its place there. A pubdedup output read back lists its entries in
    key order, where `…aa` comes before `…b`: by place, the second run over an output of 27
    untitled papers gave them each other's keys."""
    source = record.source
    if source.id is not None:
        return (source.file, 0, len(source.id), source.id, source.index)
    return (source.file, 1, source.index)


def assign_keys(papers: Sequence[Paper], taken: set[str] | frozenset[str] = frozenset()) -> None:
    """Give each paper a unique key; clashing keys get a, b, c… in content order."""
    by_base: dict[str, list[Paper]] = defaultdict(list)
    for paper in papers:
        by_base[base_key(paper)].append(paper)
    used = set(taken)
    for base in sorted(by_base):
        group = by_base[base]
        if len(group) > 1:  # most keys are unique: no content order to compute for them
            group.sort(key=paper_order)
        if len(group) == 1 and base not in used:
            group[0].key = base
            used.add(base)
            continue
        suffixes = (s for s in _suffixes() if base + s not in used)
        for paper in group:
            paper.key = base + next(suffixes)
            used.add(paper.key)


def _suffixes() -> Iterator[str]:
    """a, b, …, z, aa, ab, …, zz, aaa, … without end: a million-record input can hold more
    than 702 papers with one base key (say, no author, no year, the same first title word)."""
    for length in count(1):
        for letters in product(ascii_lowercase, repeat=length):
            yield "".join(letters)
