"""Merged author lists: every person a paper's sources name, once, however each source wrote them.

The fullest list leads (its order is the paper's), other lists add the people it lacks, and page
owners come last; two spellings of one person (`J. Smith`, `Smith, John`) become the fuller one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from pubdedup.model import Record
from pubdedup.names import (
    PARTICLES,
    NameKey,
    name_key,
    particle_after_given_name,
    same_person,
    split_name,
)
from pubdedup.normalize import fold_accents
from pubdedup.spellings import form_rank, twin_key, with_accents_of


def merge_authors(records: Sequence[Record]) -> list[str]:
    """Listed authors (fullest list first, others' additions after), then the page owners.

    An author page's list comes after every other: it is in no paper's order (Google Research
    pages sort co-authors by first name) and may leave people out, so a BibTeX or CSV list,
    even one cut short with `and others`, decides who is first."""
    names, lists = _names_in_order(records)
    if len(records) == 1 and None not in lists:
        # One list and no page owner (most papers of a large input): a list names each of its
        # people once (`_People._same_person`), so it is its people as it stands.
        return names
    people = _People()
    for name, own_list in zip(names, lists, strict=True):
        people.add(name, own_list)
    return people.names


def _names_in_order(records: Sequence[Record]) -> tuple[list[str], list[int | None]]:
    """Every name the records give, in the merged list's order, each with the list it comes
    from (an owner: none): one list names two people, two lists may name one."""
    if len(records) == 1:  # most papers of a large input: nothing to order
        names, owner = _once(records[0]), records[0].source.owner
        lists: list[int | None] = [0] * len(names)
        return (names + [owner], [*lists, None]) if owner else (names, lists)
    ordered = sorted(records, key=lambda r: (_unordered(r), -len(r.authors), r.source.sort_key))
    named = [_once(r) for r in ordered]
    names = [a for people in named for a in people]
    lists = [k for k, people in enumerate(named) for _ in people]
    owners = sorted({r.source.owner for r in records if r.source.owner}, key=_owner_order)
    return names + owners, lists + [None] * len(owners)


def _once(record: Record) -> list[str]:
    """A record's list as it names its people; one that is two copies of a list of two or more
    names (`D. Cai and S. Yu and D. Cai and S. Yu`, a catalogue's glitch) is that list once: a
    list's name twice is two people (`_People`), but no paper's team is the same team twice
    over. An earlier output's list is its people already, whatever their names."""
    authors, half = record.authors, len(record.authors) // 2
    if record.merged or half < 2 or len(authors) != 2 * half:
        return list(authors)
    if authors[:half] == authors[half:]:
        return list(authors[:half])
    return list(authors)


class _People:
    """The people of a merged list, one spelling each, as names are added."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.keys: list[Sequence[NameKey]] = []  # each kept spelling's keys, worked out once
        self.listed_in: list[set[int | None]] = []  # the lists that name each person
        # Only names with one surname can be one person: each new name is compared with those.
        self.same_surname: dict[str, list[int]] = {}
        # A name with no letters in its surname (`?`, `Jr.`, `RARE Task Force 88`) is no person
        # to compare; another list's copy of it is the same name all the same, else an earlier
        # JSON output merged again gains one more copy of it on every run.
        self.unnamed: dict[str, list[int]] = {}

    def add(self, name: str, own_list: int | None) -> None:
        """A name of list `own_list`: a person already here, spelt as the fuller of the two,
        or a new one."""
        keys = _person_keys(name)
        if not keys[0].surname:
            self._add_unnamed(name, keys, own_list)
            return
        i = self._same_person(keys, own_list)
        if i is None:
            _file(self.same_surname, keys, len(self.names))
            self._append(name, keys, own_list)
            return
        spelling = _spelling(self.names[i], name)
        if spelling != self.names[i]:
            self.names[i], self.keys[i] = spelling, _person_keys(spelling)
        self.listed_in[i].add(own_list)
        # Filed under the kept spelling's surnames too: `Riquelme, Carlos` become `Carlos
        # Riquelme Ruiz` must be found by a later `Ruiz, C.` as it would be had the records come
        # the other way round.
        _file(self.same_surname, self.keys[i], i)

    def _same_person(self, keys: Sequence[NameKey], own_list: int | None) -> int | None:
        """The person here a name (its `keys`) of list `own_list` names, if any."""
        kept = [i for key in keys if key.surname for i in self.same_surname.get(key.surname, ())]
        for i in kept:
            named_here = own_list in self.listed_in[i]
            if named_here and own_list is not None:
                # A list names each of its people once: `Sun, Q. and Li, X. and Sun, Q.` are
                # two people of one surname and initial (Qian and Qiang), as Chinese author
                # lists often have. Owners are no list: two pages' headers may name one person.
                continue
            other = self.keys[i]
            # `Carlos Riquelme Ruiz` is `Riquelme, Carlos` of another list; in his own list
            # `M. Garcia` is not `Maria Garcia Lopez`, but another author.
            if same_person(keys[0], other[0]) or (not named_here and _one_person(keys, other)):
                return i
        return None

    def _add_unnamed(self, name: str, keys: Sequence[NameKey], own_list: int | None) -> None:
        copies = self.unnamed.setdefault(" ".join(name.casefold().split()), [])
        same = next((i for i in copies if own_list not in self.listed_in[i]), None)
        if same is None:
            copies.append(len(self.names))
            self._append(name, keys, own_list)
        else:
            self.listed_in[same].add(own_list)

    def _append(self, name: str, keys: Sequence[NameKey], own_list: int | None) -> None:
        self.names.append(name)
        self.keys.append(keys)
        self.listed_in.append({own_list})


def _file(same_surname: dict[str, list[int]], keys: Sequence[NameKey], index: int) -> None:
    for key in keys:
        kept = same_surname.setdefault(key.surname, []) if key.surname else []
        if index not in kept:
            kept.append(index)


def _one_person(a: Sequence[NameKey], b: Sequence[NameKey]) -> bool:
    """Two names of one person: by their own keys, or by the first-surname key of one of them
    against the other's own key. Two first-surname keys alone are no evidence: `Carlos Riquelme
    Ruiz` and `Carlos Riquelme Ortiz` differ in their own surnames."""
    own_a, own_b = a[0], b[0]
    return (
        same_person(own_a, own_b)
        or any(same_person(k, own_b) for k in a[1:])
        or any(same_person(own_a, k) for k in b[1:])
    )


_NAME_WORD = re.compile(r"[^\W\d_]{2,}(?:[-'][^\W\d_]+)*")  # `Carlos`, `García-Pérez`


@lru_cache(maxsize=1 << 18)  # a large input repeats its authors' names often
def _person_keys(name: str) -> tuple[NameKey, ...]:
    """A name's keys (`_surname_keys`) and, for a surname that starts with particles, its key
    without them: `M. Carvalho` is `Márcio de Carvalho` of another list, `Noc, P.` is `Le Noc,
    P.`, `A. Van Wyk` is `Amber van Wyk`, as databases keep or drop the particles."""
    keys = tuple(_surname_keys(name))
    if not any(word.lower() in PARTICLES for word in name.replace(",", " ").split()):
        return keys  # most names: no particle to leave out
    bare = _without_particles(name)
    return (*keys, bare) if bare.surname and bare not in keys else keys


def _without_particles(name: str) -> NameKey:
    """A name's key with the particles that start its surname (`de`, `Van`, `Le`) left out."""
    given, surname = split_name(name)
    given_words, surname_words = given.split(), surname.split()
    while len(given_words) > 1 and given_words[-1].lower() in PARTICLES:  # `A. Van Wyk`
        given_words.pop()
    while len(surname_words) > 1 and surname_words[0].lower() in PARTICLES:
        surname_words.pop(0)
    return name_key(f"{' '.join(surname_words)}, {' '.join(given_words)}")


def _surname_keys(name: str) -> list[NameKey]:
    """A name's key and, for `Carlos Riquelme Ruiz` (given name, then two surnames, as Spanish
    and Portuguese names are written and DBLP lists them), the keys of its surnames as others
    write them: the first alone with the whole given name (`Riquelme, Carlos`), and both
    (`García López, M.` for `María García López`): one person, who was listed twice.
    The first alone only for a surname of four letters or more (`Li Wei Zhang` is not `Wei,
    Li`); every word of letters (`Hsueh-Ti (Derek) Zhai` has no surname `(Derek)`)."""
    key = name_key(name)
    if "," in name:
        return [key, *_comma_surname_keys(name)]
    words = name.split()
    if len(words) != 3 or not all(map(_NAME_WORD.fullmatch, words[:2])):
        return [key]
    keys = [key]
    first_surname = name_key(f"{words[1]}, {words[0]}")
    if len(first_surname.surname) >= 4 and first_surname.surname != key.surname:
        keys.append(first_surname)
    if _NAME_WORD.fullmatch(words[2]):
        keys.append(name_key(f"{words[1]} {words[2]}, {words[0]}"))
    return keys


def _comma_surname_keys(name: str) -> list[NameKey]:
    """For a surname of two words without particles before the comma (`Abdel Aziz, Ahmed`,
    `García Márquez, Gabriel`), the key of each word alone with the given names, as other
    databases write the person (`Ahmed Aziz`, `Aziz, A. A.`; `Gabriel García`): one person,
    who was listed twice. A surname with particles has its own key without them."""
    surname, _, given = name.partition(",")
    words = surname.split()
    if not _two_surnames(words):
        return []
    return [name_key(f"{word},{given}") for word in words]


def _two_surnames(words: Sequence[str]) -> bool:
    """A surname of two words of letters (`Abdel Aziz`, `García Márquez`), neither a particle."""
    return len(words) == 2 and all(
        _NAME_WORD.fullmatch(word) and word.lower() not in PARTICLES for word in words
    )


def _unordered(record: Record) -> bool:
    """A list in no paper's order: neither a whole list (BibTeX, CSV, RIS) nor one cut short
    (`and others`), but a page's, with or without a known owner."""
    return not (record.authors_complete or record.authors_cut or record.merged)


def authors_cut(records: Sequence[Record]) -> bool:
    """A source says the author list is cut short, and none lists every author."""
    cut = any(r.authors_cut for r in records)
    return cut and not any(r.authors_complete for r in records)


def _owner_order(name: str) -> tuple[str, str]:
    key = name_key(name)
    return (key.surname, name)


def _spelling(a: str, b: str) -> str:
    """One spelling of a person written two ways: the fuller one (`_fuller`); but when one is
    written `Surname, Given` with a surname of several words that the other ends with
    (`García López, M.` and `María García López`), or of two words one of which the other
    ends with (`Abdel Aziz, A.` and `Ahmed Aziz`, `García Márquez, G.` and `Gabriel García`),
    that surname with the fuller given names, `García López, María`: a name without a comma
    is read with its last word as the surname (`López, María García`), and the comma says
    where the surname begins."""
    comma, plain = (a, b) if "," in a else (b, a)
    if "," not in comma or "," in plain:
        return _fuller(a, b)
    surname, _, given = comma.partition(",")
    surname_words, plain_words = surname.split(), plain.split()
    n = _surname_words_ending(plain_words, surname_words)
    if not n:
        return _fuller(a, b)
    tail = plain_words[-n:] if n == len(surname_words) else surname_words
    # Accents are information: of the two spellings of the surname, the one that has more.
    accented = max((surname_words, tail), key=lambda ws: sum(not c.isascii() for c in "".join(ws)))
    given = _fuller(given.strip(), " ".join(plain_words[:-n]))
    return f"{' '.join(accented)}, {given}" if given else " ".join(accented)


def _surname_words_ending(plain_words: list[str], surname_words: list[str]) -> int:
    """How many words ending a name without a comma are (some of) a comma's surname of several
    words: all of them, or one of a surname of two words without particles; 0 if none."""
    folded = [fold_accents(w).lower() for w in surname_words]
    n = len(surname_words)
    if n < 2 or len(plain_words) <= 1:
        return 0
    if len(plain_words) > n and [fold_accents(w).lower() for w in plain_words[-n:]] == folded:
        return n
    if _two_surnames(surname_words):
        return int(fold_accents(plain_words[-1]).lower() in folded)
    return 0


def _fuller(a: str, b: str) -> str:
    """Of two spellings of one name, the one with more letters (`J. Smith` < `John Smith`,
    `Wang, Y.` < `Yu Wang`), then more characters but dots (`Graaf, K. de` over `K. de
    Graaf`, as before letters counted alone); of two as long, one with its particle in the
    surname (`van den Oord, Aäron` over Google Scholar's `Oord, Aäron van den`, which BibTeX
    styles print as `A. v. d. Oord`). Of two the same but for case and accents (Web of
    Science's `Muller, Jurgen`, `MULLER, J`), the one that keeps them, whichever list it is
    in (`spellings.py`)."""
    if twin_key(a) == twin_key(b) and form_rank(a) != form_rank(b):
        return max(a, b, key=form_rank)
    length_a, length_b = _length(a), _length(b)
    if length_a == length_b and particle_after_given_name(a):
        return b
    fuller, other = (b, a) if length_b > length_a else (a, b)
    return with_accents_of(fuller, other)


def _length(name: str) -> tuple[int, int]:
    """A name's letters, then its characters but dots: the characters alone made `Wang, Y.`
    (its comma) as full as `Yu Wang`, so one list's two `Wang, Y.` kept one of the Yu and Yan
    Wang another list names."""
    return sum(map(str.isalpha, name)), len(name.replace(".", ""))
