"""Person names: parse the ways they are written and decide when two are the same person."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pubdedup.normalize import fold_accents

# A nickname in quotes or parentheses, `John "Jack" Smith`. No leading `\s*` and no `(` inside:
# either would make a long run of spaces or of `(` cost quadratic time.
_NICKNAME = re.compile(r"[(\"\u201c][^()\"\u201c\u201d]*[)\"\u201d]\s*")
# Lower-case words that start a surname: `Jan van Gemert`, `Maria della Rovere`.
PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "le",
        "la",
        "dos",
        "das",
        "ten",
        "ter",
        "bin",
    ]
)
_SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])


def is_suffix(word: str) -> bool:
    """Whether a word (or a list's chunk between commas) is a name's suffix: `Jr.`, `III`."""
    return word.strip().lower() in _SUFFIXES


# What databases write in place of the authors of a record that has none: Scopus's `[No author
# name available]`, Web of Science's `[Anonymous]` (so in a Zotero export of it), a systematic
# review's CSV `Anonymous`. No person: kept, it was written as the paper's author.
_PLACEHOLDERS = frozenset(["no author name available", "anonymous"])


def is_placeholder(name: str, exported: bool = True) -> bool:
    """Whether an author name is a database's stand-in for no author (`[Anonymous]`). A plain
    `Anonymous` is one in a database's export, not in a BibTeX file (`exported=False`): a
    bibliography's author chose it (Beebe's give unsigned articles `author = "Anonymous"`),
    and styles print it; it is kept, and only matching counts it as nobody (`is_anonymous`)."""
    lowered = name.lower()
    if "anonymous" not in lowered and "no author" not in lowered:  # nearly every name
        return False
    written = name.strip().strip("{}").strip()
    bracketed = written.startswith("[") and written.endswith("]")
    plain = written.strip("[].,;").strip().casefold()
    if plain == "anonymous" and not (exported or bracketed):
        return False
    return plain in _PLACEHOLDERS


def is_anonymous(name: str) -> bool:
    """Whether an author name says the work is unsigned: no person two works could share."""
    return name.strip().strip("[]{}.,;").strip().casefold() == "anonymous"


_DOTTED_INITIALS = re.compile(r"^(?:[A-Za-z]\.-?){1,3}:?$")


@dataclass(frozen=True, slots=True)
class NameKey:
    """A name reduced for comparison: accent-free lower-case surname and given names."""

    surname: str
    given: tuple[str, ...]

    @property
    def initials(self) -> str:
        """First letters of the given names ("Jean-Philippe" counts as "j")."""
        return "".join(g[0] for g in self.given if g)


def split_name(name: str) -> tuple[str, str]:
    """Split a name into (given names, surname); handles `Last, First` and `First Last`."""
    name = _NICKNAME.sub(" ", name).strip().strip(",")
    if "," in name:
        last, _, first = name.partition(",")
        first = ",".join(p for p in first.split(",") if p.strip().lower() not in _SUFFIXES)
        given = first.split()
        particles = _trailing_particles(given)
        if particles:  # Google Scholar's `Oord, Aäron van den`: `van den Oord, Aäron`
            return " ".join(given[:-particles]), " ".join([*given[-particles:], last.strip()])
        return first.strip(), last.strip()
    words = [w for w in name.split() if w.lower() not in _SUFFIXES]
    if len(words) <= 1:
        return "", " ".join(words)
    initials = _trailing_initials(words)
    if initials:
        return " ".join(words[-initials:]), " ".join(words[:-initials])
    # Surname starts at the first lower-case particle after the first word ("Jan van Gemert"),
    # or at a capitalised one before another ("Jan Van den Bussche", as ACM writes him: one
    # person with DBLP's "Jan van den Bussche", not "Jan Van" of the surname "den Bussche").
    for i in range(1, len(words) - 1):
        if words[i].lower() in PARTICLES and (words[i].islower() or words[i + 1] in PARTICLES):
            return " ".join(words[:i]), " ".join(words[i:])
    return " ".join(words[:-1]), words[-1]


def _trailing_initials(words: list[str]) -> int:
    """How many words at the end are dotted initials after a surname, the given names of
    `Rivest R.L.` and `Kearns M. J.` (citation styles, Embase's and Scopus's RIS); 0 when the
    name starts with initials too (`M. J. Kearns`)."""
    if len(words) < 2 or _DOTTED_INITIALS.match(words[0]):
        return 0
    count = 0
    while count < len(words) - 1 and _DOTTED_INITIALS.match(words[-1 - count]):
        count += 1
    return count


def surname_first(name: str) -> str:
    """`Rivest R.L.` as `Rivest, R.L.`, the order BibTeX reads (it takes a name without a comma
    as given names, then the surname: `Rivest R.L.` would be cited as `R.L., R.`); a name with
    a suffix as BibTeX's `Last, Jr., First`; any other name as it is."""
    with_suffix = _suffix_third(name)
    if with_suffix:
        return with_suffix
    words = name.split()
    initials = 0 if "," in name else _trailing_initials(words)
    if not initials:
        return name
    return f"{' '.join(words[:-initials])}, {' '.join(words[-initials:])}"


def _suffix_third(name: str) -> str | None:
    """A name with a suffix in BibTeX's order, `Bunn, Jr., Paul A.`, when written otherwise:
    `Bunn, Paul A., Jr.` (a CSV's, PubMed's) or `Paul A. Bunn Jr.`, which BibTeX reads as the
    surname `Bunn` with the suffix `Paul A.` and the given name `Jr.`, or as the surname `Jr.`.
    Not `Bunn PA Jr` (initials before the suffix: which word is the surname is unclear
    in one name alone; a Vancouver list's reader makes it `Bunn, P. A., Jr`)."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 3 and parts[2].lower() in _SUFFIXES and parts[1].lower() not in _SUFFIXES:
        return f"{parts[0]}, {parts[2]}, {parts[1]}" if parts[0] and parts[1] else None
    words = name.split()
    if len(parts) > 1 or len(words) < 3 or words[-1].lower() not in _SUFFIXES:
        return None
    if not any(c.islower() for c in words[-2]):  # `Bunn PA Jr`, Vancouver's initials
        return None
    given, surname = split_name(" ".join(words[:-1]))
    return f"{surname}, {words[-1]}, {given}" if given and surname else None


# A group named as an author ("The SHORE Team", "CORPORATE Object Database Management Group"),
# which databases name differently, which is no person to compare, and which BibTeX must be
# told is one name (`{Google Research Team}`), not a surname and given names.
_GROUP = re.compile(
    r"\b(team|group|consortium|committee|corporate|inc|ltd|collaboration|association"
    r"|society|univ|university|institute|pharmaceuticals|investigators)\b",
    re.I,
)


def is_group_name(name: str) -> bool:
    """An author that is a group or organisation, not a person."""
    return bool(_GROUP.search(name))


def _trailing_particles(given: list[str]) -> int:
    """How many lower-case particles end the given names (`Aäron van den`: 2), after one
    given name at least; none when the given names are all in lower case, as some citation
    lists write every name (`zhang, xiao le`: a given name's syllable, not a particle)."""
    if " ".join(given).islower():
        return 0
    count = 0
    while count < len(given) - 1:
        word = given[-1 - count]
        # A capitalised particle before another (`Velde, G. Van de`), as `split_name` reads
        # `G. Van de Velde`: else the two were two people of a merged list.
        if not (word in PARTICLES or (count and word.lower() in PARTICLES)):
            break
        count += 1
    return count


def particle_after_given_name(name: str) -> bool:
    """A `Last, First von` name (`Oord, Aäron van den`), as Google Scholar writes one."""
    last, comma, first = name.partition(",")
    return bool(comma) and _trailing_particles(first.split()) > 0


@lru_cache(maxsize=1 << 20)  # authors recur across records; a large input has many
def name_key(name: str) -> NameKey:
    """The comparison key of a name."""
    given, surname = split_name(name)
    # A suffix written into the surname (`Lynch Jr, T. J.`) is no part of it: `Lynch, T.` is
    # the person, and `lynch` his citation key.
    words = surname.split()
    while len(words) > 1 and words[-1].lower() in _SUFFIXES:
        words.pop()
    surname = _NON_LETTERS.sub("", fold_accents(" ".join(words)).lower())
    parts = _GIVEN_PARTS.split(fold_accents(given).lower())
    given_parts = tuple(_NON_LETTERS.sub("", p) for p in parts)
    return NameKey(surname, tuple(p for p in given_parts if p))


# Letters of any script stay: `李` or `Иванов` stripped to nothing was no one, so two copies
# of one list gave `李, 伟` twice in a merged paper, and her papers shared no author.
_NON_LETTERS = re.compile(r"[\W\d_]")
_NON_ASCII_LETTERS = re.compile(r"[^a-z]")
_GIVEN_PARTS = re.compile(r"[\s.\-]+")


def same_person(a: NameKey, b: NameKey) -> bool:
    """True when two names can be the same person: equal surnames, compatible given names."""
    if not a.surname or a.surname != b.surname:
        return False
    if not a.given or not b.given:
        return True
    first_a, first_b = a.given[0], b.given[0]
    if len(first_a) > 1 and len(first_b) > 1:
        return (
            first_a == first_b
            or _SHORT_FORMS.get(first_a) == first_b
            or (_SHORT_FORMS.get(first_b) == first_a)
        )
    return first_a[0] == first_b[0]


# Short forms of first names that databases write for the full one (dblp-acm lists `Don Carney`
# and `Donald Carney`, `Stan Zdonik` and `Stanley B. Zdonik`). A table, not any prefix: `Paul`
# and `Paula`, `Jan` and `Jana` are different people, often on one paper.
_SHORT_FORMS = {
    "alex": "alexander", "andy": "andrew", "ben": "benjamin", "chris": "christopher",
    "dan": "daniel", "dave": "david", "don": "donald", "doug": "douglas", "ed": "edward",
    "fred": "frederick", "greg": "gregory", "jeff": "jeffrey", "jim": "james", "joe": "joseph",
    "jon": "jonathan", "ken": "kenneth", "matt": "matthew", "mike": "michael", "nick": "nicholas",
    "pat": "patrick", "phil": "philip", "rich": "richard", "rob": "robert", "ron": "ronald",
    "sam": "samuel", "stan": "stanley", "steve": "steven", "tim": "timothy", "tom": "thomas",
    "tony": "anthony", "vince": "vincent", "will": "william", "bill": "william", "bob": "robert",
    "dick": "richard", "jerry": "gerald", "larry": "lawrence", "ted": "edward", "zach": "zachary",
}  # fmt: skip


def surname_ascii(name: str) -> str:
    """The surname as lower-case ASCII letters, for citation keys."""
    return _NON_ASCII_LETTERS.sub("", name_key(name).surname)
