"""Author lists as inputs write them: `A and B`, `Last, F., Last, F.`, `a. b, c. d, and e. f`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet

from pubdedup.names import PARTICLES, is_group_name, is_placeholder, is_suffix
from pubdedup.normalize import fold_accents

_AND = re.compile(r"\s+and\s+|\s*&\s*", re.IGNORECASE)
# Initials as a list gives them after a surname: `J.`, `Yu`, `K. L.`; lower-case only with a
# full stop (`n.`, `d. p.`), as lower-cased citation strings write them.
_INITIALS = re.compile(r"^(?:(?:[A-Z][a-z]?\.?|[a-z]\.)[\s\-]*){1,4}$")


def split_authors(text: str) -> list[str]:
    """Split an author field into names, whatever list style it uses."""
    return author_list(text)[0]


# `et al.` or `and others` ending a list: the list is cut short (BibTeX writes `and others`);
# so does an ellipsis, as Google Scholar cuts its lists (`…, J Puigcerver…` in Publish or Perish).
# Searched for in the list's last characters only: a pattern free to start anywhere before a
# long run of spaces or commas would try every start (quadratic time).
_CUT = re.compile(r"(?:\bet\.?\s{0,3}al\b\.?|\band\s{1,3}others\b|…|\.\.\.)$", re.IGNORECASE)
_CUT_TAIL = 16
_AND_BEFORE_CUT = re.compile(r"(?:\s+and|\s*&)\s*$", re.IGNORECASE)
# What may follow a list's last name: a list exported with a comma after each name ends
# `Roux, J. and et al.,`, whose `et al.` is its cut all the same, not an author `et al.`.
_AFTER_LIST = " \t\r\n,;"


def author_list(
    text: str, groups: Iterable[str] = (), exported: bool = True
) -> tuple[list[str], bool]:
    """The names of an author field, and whether it ends in `et al.` (a list cut short);
    `groups`: names a BibTeX source braced as one (`Barnes and Noble`), each kept one name
    where the list gives it whole; `exported`: a database's list, whose plain `Anonymous` is
    its stand-in for no one (`is_placeholder`)."""
    if not text or text.isspace():  # an export's empty column (Scopus's full names): no one
        return [], False
    held = [g for g in groups if _AND.search(g) or re.search(r"[,;]", g)]
    if held:
        return _with_groups(text, held, exported)
    text = text.rstrip(_AFTER_LIST)
    start = max(0, len(text) - _CUT_TAIL)
    cut = _CUT.search(text, start)
    # The `and` before `et al.` (`Licht, C. and et al`) joins no one: kept, the last name
    # was `Licht, C. and`, written `Licht, C. and and others`, one name less read back.
    names = listed_names(_names(_without_and(text[: cut.start()]) if cut else text), exported)
    return names, bool(cut) and bool(names)


# A separator of names at the end of the list before a group, or at the start after it.
_BEFORE_GROUP = re.compile(r"(?:\s+and|\s*[&,;])\s*$", re.IGNORECASE)
_AFTER_GROUP = re.compile(r"^\s*(?:and\s|[&,;])", re.IGNORECASE)


def _with_groups(text: str, groups: list[str], exported: bool) -> tuple[list[str], bool]:
    """`author_list` with each group that stands whole between separators read as one name,
    and the names between the groups each read as a list."""
    text = text.rstrip(_AFTER_LIST)
    cut = _CUT.search(text, max(0, len(text) - _CUT_TAIL))
    text = _without_and(text[: cut.start()]) if cut else text
    options = "|".join(re.escape(g) for g in sorted(groups, key=len, reverse=True))
    names: list[str] = []
    start = 0
    for found in re.finditer(options, text):
        before, after = text[start : found.start()].rstrip(), text[found.end() :]
        # Looked for in the tail only: from every space of a long run, `\s+and` scanned the
        # rest of it (40,000 spaces before a group took 16 s).
        edge = _BEFORE_GROUP.search(before, max(0, len(before) - _CUT_TAIL))
        next_edge = _AFTER_GROUP.match(after)
        if not (edge or not before.strip()) or not (next_edge or not after.strip()):
            continue  # part of a longer name
        names += author_list(before[: edge.start()] if edge else before, (), exported)[0]
        names.append(found.group())
        start = found.end() + (next_edge.end() if next_edge else 0)
    names += author_list(text[start:], (), exported)[0]
    return names, bool(cut) and bool(names)


def listed_names(names: list[str], exported: bool = True) -> list[str]:
    """A list's names, each given apart (RIS's `AU` lines) or split from one field, read by the
    rules only the whole list decides: Vancouver's `Jumper J` and `Bunn PA Jr`, Web of
    Science's `Zhai, XH`, each with initials after the surname. A database's stand-in for no
    author (`[No author name available]`) is no name."""
    people = tidied_names(n for n in names if not is_placeholder(n, exported))
    return initials_dotted(_vancouver(initials_first(people)))


_TIDY_NAME = re.compile(r"[^,\s](?:[^,]*[^,\s])?(?:, [^,\s](?:[^,]*[^,\s])?)*")


def tidied_names(names: Iterable[str]) -> list[str]:
    """A list's names without what no person's name has: an empty part between commas (`Cha,,
    Meeyoung`, `IAB,`: BibTeX reads an empty `Jr` or given name there), and a suffix listed as
    a name of its own (`P. Nesser and II`), which joins the name before it, or as its surname
    (`II, P. Nesser`, an RFC index's form), which goes after the name. Kept, `II` was one
    more author of a merged paper, and `IAB,` a second spelling of `IAB` that won as the longer."""
    tidied: list[str] = []
    for name in names:
        # Most names: parts joined by `, ` alone, the first no suffix; nothing to tidy.
        if _TIDY_NAME.fullmatch(name) and not is_suffix(name.partition(",")[0]):
            tidied.append(name)
            continue
        parts = [p.strip() for p in name.split(",") if p.strip()]
        if not parts:
            continue
        if len(parts) == 1 and is_suffix(parts[0]) and tidied and _suffix_free(tidied[-1]):
            tidied[-1] = _suffix_joined(tidied[-1], parts[0])
        elif len(parts) == 2 and is_suffix(parts[0]) and not is_suffix(parts[1]):
            tidied.append(f"{parts[1]} {parts[0]}")  # `II, P. Nesser` is `P. Nesser II`
        else:
            tidied.append(", ".join(parts))
    return tidied


def _suffix_free(name: str) -> bool:
    return not any(is_suffix(w) for p in name.split(",") for w in p.split())


def _suffix_joined(name: str, suffix: str) -> str:
    """A name with its suffix after it: `Bunn, Paul A., Jr.` or `Paul A. Bunn Jr.`."""
    return f"{name}, {suffix}" if "," in name else f"{name} {suffix}"


def _without_and(head: str) -> str:
    """The list before its cut without the `and` ending it, looked for in its tail only, as
    the cut is: tried at every start of a long run of spaces, `\\s+and` was quadratic."""
    head = head.rstrip()
    joined = _AND_BEFORE_CUT.search(head, max(0, len(head) - _CUT_TAIL))
    return head[: joined.start()] if joined else head


# One name written surname first, `Kowalski, Łukasz` or `van der Berg, Jan Hendrik` (a Zotero
# CSV row or a BibTeX `editor` with one person): a one-word surname, after its particles, and
# one comma. Two one-word names joined by a comma would read the same, and are far rarer.
# After a particle, initials are no surname: `Le T, Nguyen H` (Vancouver) is two people, the
# first a Le (so are Du, Da, Di and De, common surnames of their own).
_PARTICLES = r"(?:van|von|der|den|de|del|della|di|da|du|dos|das|la|le|ter|ten|zu|af|av)"
_LAST_FIRST = re.compile(
    rf"^(?:(?:{_PARTICLES}\s+)+(?!(?-i:[A-Z]{{1,3}}),))?[^\s,;]+,\s*[^,;]+$", re.IGNORECASE
)


_INITIAL_FIRST = re.compile(r"^[A-Z]\.\s*[A-Z]?\.?\s*[^\W\d_][^\s,]*\s*,")  # `A. Smith,`
# BibTeX's `von Last, Jr, First` (`Delp, III, Edward J.`, as the writer puts `Edward J. Delp
# III`): a surname, a suffix and given names, not a list's `William J. McIver, Jr., Roger King`.
_WITH_SUFFIX = re.compile(r"([^,]+),\s*(?:jr|sr|ii|iii|iv)\.?\s*,[^,]+", re.IGNORECASE)


def _one_person(text: str) -> bool:
    """A list of one name written surname first: `Kowalski, Łukasz`, `Delp, III, Edward J.`,
    or a surname of several words and initials (`Rodriguez de Cordoba, S.`, `Al Hindi, S.`),
    which two people joined by a comma would not be: no name is initials alone."""
    return bool(_LAST_FIRST.match(text) or _with_suffix(text) or _SURNAME_INITIALS.fullmatch(text))


def _with_suffix(name: str) -> bool:
    found = _WITH_SUFFIX.fullmatch(name)
    return found is not None and _SURNAME.fullmatch(found.group(1)) is not None


def _bibtex_first(name: str) -> bool:
    """Whether a list's first name is BibTeX's, not a sentence's run of names and commas."""
    return "," not in name or _with_suffix(name)


def _names(text: str) -> list[str]:
    # A citation string's list may end in the colon before its title (`Kearns M. J.:`).
    text = " ".join(text.split()).strip(" ,;:")
    # A sentence-final full stop, not an initial's: after a word, or after undotted initials,
    # as PubMed's CSV ends its list (`Klein S, Berg MJ, Tanaka PE.`).
    if re.search(r"(?:[a-z]{3}|\s[A-Z]{2,3})\.$", text):
        text = text[:-1]
    if not text:
        return []
    parts = [p.strip(" ,;") for p in _AND.split(text) if p.strip(" ,;")]
    if len(parts) == 1 and _one_person(parts[0]):
        return parts
    # BibTeX style: names joined by "and", each at most "Last, First" (or "von Last, Jr, First").
    bibtex_style = len(parts) > 1 and all(p.count(",") <= 2 and ";" not in p for p in parts)
    uniform = all(p.count(",") >= 1 for p in parts) or not any("," in p for p in parts)
    # Names in both forms (`Christine Zarges and Verel, Sébastien`, as BibTeX allows) are
    # BibTeX's too: a sentence's list (`Alice Smith, Bob Jones and Carol White`) has one `and`,
    # and its commas before it.
    # Not when a name before a comma starts with an initial (`A. Smith, B. Jones and C. White
    # and D. Black`): no surname does, that comma parts two people.
    mixed = not uniform and not any(_INITIAL_FIRST.match(p) for p in parts if "," in p)
    if bibtex_style and (uniform or (mixed and (len(parts) > 2 or _bibtex_first(parts[0])))):
        return parts
    if ";" in text:
        return _semicolon_names(text)
    groups = [[c.strip() for c in re.split(r"[;,]", p) if c.strip()] for p in parts]
    return _surname_given_pairs(groups) or _pair_initials([c for g in groups for c in g])


# Initials after a surname, as PubMed and Vancouver-style lists write them (`Jumper J`, `van
# der Berg JH`), Scopus (`Beyer L.`, `Houlsby N.M.`) and citation styles (`Kearns M. J.`: all
# its initials, not `Kearns M.` with the initial `J.`).
_BARE_INITIALS = re.compile(r"\s([A-Z]{1,3}|[A-Z]\.(?:-?\s?[A-Z]\.){0,2})$")
_VOWELS = frozenset("AEIOUY")


def _vancouver(names: list[str]) -> list[str]:
    """`Jumper J; Evans RN` as `Jumper, J.` and `Evans, R. N.` (`Beyer L.` as `Beyer, L.`),
    which BibTeX and the name matcher read the right way round, when every name ends so and
    one ending is no word: a single letter, letters without a vowel, or initials with full
    stops. `Wei XU; Yang LI` (surnames in capitals) is not such a list. A suffix after the
    initials (`Bunn PA Jr`) is the name's last word, as MEDLINE writes it: `Bunn, P. A., Jr`."""
    people: list[tuple[str, str, re.Match[str]]] = []
    for name in names:
        stem, suffix = _suffix_apart(name)
        ending = _BARE_INITIALS.search(stem)
        if ending is None or "," in stem:  # decides for the list: the rest need not be read
            return names
        people.append((stem, suffix, ending))
    if not any(_no_word(m.group(1)) for _, _, m in people):
        return names
    return [f"{n[: m.start()]}, {_dotted(m.group(1))}{x}" for n, x, m in people]


def initials_first(names: list[str], kept: AbstractSet[str] = frozenset()) -> list[str]:
    """`JP Vert, M Cuturi` (Google Scholar's and Publish or Perish's lists) as `J. P. Vert` and
    `M. Cuturi`: read as the given name `Jp`, `JP Vert` was no initials of `Jean-Philippe
    Vert`, and a merged paper listed him twice. A list of two names or more reads so when each
    is one to three capitals and a surname in mixed case, none a group's (`CMS Collaboration`,
    `RFC Editor`) or `kept` (a BibTeX name in braces: `{JP Morgan}`), and some name's capitals
    are no word (a single letter, or no vowel, accents aside: `M Cuturi`, `DM Blei, AY Ng`), as
    for `_vancouver`, other than a surname of two capitals written first (`NG Andrew`).
    `NG Andrew, LI Wei`, `VŨ Anh, LÊ Minh`, `BBC News` alone and `CMS Collaboration, M Smith`
    stay (`UN Women, M Cuturi` reads as two people: nothing tells it apart)."""
    if len(names) < 2 or any(name in kept or is_group_name(name) for name in names):
        return names
    split = [_capitals_and_surname(name) for name in names]
    # Every name so, as a Scholar list writes each: a body among people (`BBC News`, `UN
    # Women`), or a name alone, is no evidence.
    people = [parts for parts in split if parts]
    if len(people) < len(names):
        return names
    capitals = [fold_accents(first) for first, _ in people]
    if not any(_no_word(c) and c not in _SURNAMES_IN_CAPITALS for c in capitals):
        return names  # `VŨ Anh, LÊ Minh`: surnames in capitals, with their vowels
    return [f"{_dotted(first)} {surname}" for first, surname in people]


# Words naming a body after its initials (`RFC Editor`, `IEEE Press`, `NIH Staff`), which
# `is_group_name` does not count as a group elsewhere.
_BODIES = frozenset(
    "editor editors press staff research labs lab foundation council office board network"
    " centre center agency authority ministry project initiative alliance forum secretariat"
    " england scotland wales ireland canada australia".split()
)
# Surnames of two capitals and no vowel, which a list of surnames first in capitals writes
# as initials would be: `NG Andrew` is Andrew Ng.
_SURNAMES_IN_CAPITALS = frozenset(("NG", "LV"))


def _capitals_and_surname(name: str) -> tuple[str, str] | None:
    """(`JP`, `Vert`) of `JP Vert`: one to three capitals, then a surname, a capitalised word
    in mixed case without digits after any particles (`JP van der Vert`, `S O'Brien`)."""
    first, _, rest = name.partition(" ")
    words = rest.split()
    if not (0 < len(first) <= 3 and first.isalpha() and first.isupper() and words):
        return None
    *particles, surname = words
    if any(p.lower() not in PARTICLES for p in particles) or not surname[0].isupper():
        return None
    if surname.lower() in _BODIES:  # `RFC Editor`, `NHS England`'s kin: a body, no person
        return None
    if any(c.isdigit() for c in surname) or not any(c.islower() for c in surname):
        return None
    return first, rest.strip()


# A suffix after the initials, as MEDLINE writes it (`AU  - Bunn PA Jr`) and Scopus after a
# comma (`Bunn P.A., Jr.`), or between the surname and the initials (Scopus's `Bunn Jr. P.A.`).
# Read as the surname's last word, it was no person of the full name `Bunn, Paul A., Jr.`
# beside it, and the export's full name was lost.
_SUFFIX_LAST = re.compile(r",?\s+((?:Jr|Sr|II|III|IV)\.?)$")
_SUFFIX_BEFORE_INITIALS = re.compile(r"\s+((?:Jr|Sr|II|III|IV)\.?)(?=\s)")


def _suffix_apart(name: str) -> tuple[str, str]:
    """A Vancouver name without its suffix, and the suffix as it follows the given names
    (`, Jr`); a suffix only beside initials: `Ivanov IV` has the initials `IV`."""
    last = _SUFFIX_LAST.search(name)
    if last and _BARE_INITIALS.search(name[: last.start()]):
        return name[: last.start()], f", {last.group(1)}"
    before = _SUFFIX_BEFORE_INITIALS.search(name)
    if before and _BARE_INITIALS.fullmatch(name, before.end()):
        return name[: before.start()] + name[before.end() :], f", {before.group(1)}"
    return name, ""


# Initials run together after a comma, as Web of Science writes every name (`Zhai, XH`).
_COMMA_INITIALS = re.compile(r"^([^,]+),\s*([A-Z]{1,3})$")


def initials_dotted(names: list[str]) -> list[str]:
    """`Kolesnikov, A; Zhai, XH` as `Kolesnikov, A.` and `Zhai, X. H.`, when every name ends
    so and one ending is no word, as for `_vancouver`: read as the given name `Xh`, `Zhai, XH`
    was no initials of `Zhai, Xiaohua`, and a merged paper listed him twice. `Ng, AY; Jordan,
    MI` may be given names in capitals, and stays."""
    found = [_COMMA_INITIALS.match(n) for n in names]
    if not names or not all(found) or not any(_no_word(m.group(2)) for m in found if m):
        return names
    return [f"{m.group(1)}, {_dotted(m.group(2))}" for m in found if m]


def _no_word(letters: str) -> bool:
    """Initials that are no given name: a single letter, letters without a vowel, or dotted."""
    return len(letters) == 1 or "." in letters or not _VOWELS.intersection(letters)


def _dotted(initials: str) -> str:
    """`RN` as `R. N.`; `N.M.` as `N. M.`, `J.-P.` kept."""
    if "." in initials:
        return re.sub(r"\.(?=[A-Z])", ". ", initials)
    return ". ".join(initials) + "."


def _semicolon_names(text: str) -> list[str]:
    """`Zhou, X.; Smith, J.` — semicolons separate the names."""
    return [n.strip() for n in re.split(r";|\s+and\s+", text) if n.strip(" ,")]


# A comma-only list of `Last, First` pairs (`Zhou, Xiangdong, Smith, John`, as some exports join
# Web of Science's and PubMed's full names): a surname of one word after its particles, no
# initials (`Zhou X, Smith J` is Vancouver's); of two (`Le Quintrec`, `García López`) only
# before a one-word given name: `Anindya Datta, Kaushik Dutta, Suresha, Krithi Ramamritham`
# (ACM's) is a list of `First Last` names with one of a single word, not pairs.
_NAME_WORD = r"(?!(?-i:[A-Z]{1,3})(?:\s|$))[^\W\d_](?:[^\W\d_]|['\u2019-](?=[^\W\d_]))*"
_SURNAME = re.compile(rf"(?:{_PARTICLES}\s+)*{_NAME_WORD}(\s+{_NAME_WORD})?", re.IGNORECASE)
# Given names or initials: up to four words of letters (`Paul A.`, `J.-P.`, `PA`).
_GIVEN_WORD = r"[^\W\d_](?:[^\W\d_]|['\u2019.-])*"
_GIVEN = re.compile(rf"{_GIVEN_WORD}(?:\s+{_GIVEN_WORD}){{0,3}}")
_SURNAME_INITIALS = re.compile(
    rf"(?:{_NAME_WORD}\s+){{1,3}}{_NAME_WORD},\s*[A-Z]\.(?:[\s-]*[A-Z]\.){{0,3}}"
)


def _surname_given_pairs(groups: list[list[str]]) -> list[str] | None:
    """A comma-only list read as `Last, First` pairs, each with the suffix after it, when the
    chunks pair up so and one of them is a single word: a list of `First Last` names has no
    one-word chunk, but for a suffix or initials (which `_pair_initials` pairs as well). None
    for a list that does not pair up, or of one name (`Zhou, Xiangdong`: `_LAST_FIRST`'s).
    `groups`: the chunks of each part between `and`s, which no pair spans: in `Smith, Jones,
    Brown and Lee` the word after the `and` is a person, so no chunk is a given name.
    One-word chunks with no `and` to tell (`Smith, Jones, Brown, Lee`) are read as pairs: they
    read as `Li, Wei, Wang, Fang` does, as exports flatten full names, most of one word."""
    names: list[str] = []
    for chunks in groups:
        pairs = _pairs(chunks)
        if pairs is None:
            return None
        names += pairs
    chunks = [c for g in groups for c in g]
    one_word = any(" " not in c for c in chunks if not is_suffix(c))
    return names if one_word and (len(names) > 1 or len(chunks) > 2) else None


def _pairs(chunks: list[str]) -> list[str] | None:
    """Chunks as `Last, First` pairs, each with the suffix after it; None if they do not pair."""
    names: list[str] = []
    i = 0
    while i < len(chunks):
        surname, given = chunks[i], chunks[i + 1] if i + 1 < len(chunks) else ""
        if not _pair(surname, given):
            return None
        names.append(f"{surname}, {given}")
        i += 2
        if i < len(chunks) and is_suffix(chunks[i]):
            names[-1] += f", {chunks[i]}"
            i += 1
    return names


def _pair(surname: str, given: str) -> bool:
    """Whether two chunks of a comma-only list are one person's surname and given names."""
    if is_suffix(surname) or is_suffix(given) or not _GIVEN.fullmatch(given):
        return False
    read = _SURNAME.fullmatch(surname)
    return read is not None and (read.group(1) is None or " " not in given)


def _pair_initials(chunks: list[str]) -> list[str]:
    """Join `Smith`, `J.` back into `Smith, J.` when initials follow a surname, and a suffix
    to the name before it (`Paul A. Bunn, Jr.` as `Paul A. Bunn Jr.`, no `Jr.` of its own)."""
    names: list[str] = []
    for chunk in chunks:
        if names and is_suffix(chunk):
            names[-1] = _suffix_joined(names[-1], chunk)
        elif (
            names
            and _INITIALS.match(chunk)
            and " " not in names[-1].strip()
            and "," not in names[-1]
        ):
            names[-1] = f"{names[-1]}, {chunk}"
        else:
            names.append(chunk)
    return names


_BIBTEX_AND = re.compile(r"\s(?i:and)(?=\s|\Z)")


def split_bibtex_authors(raw: str) -> list[str]:
    """Split a raw BibTeX author field at ` and ` outside braces (`{Barnes and Noble}` is one)."""
    if raw.isascii() and "{" not in raw and "}" not in raw:  # the same cut, without the walk
        return [" ".join(n.split()) for n in _BIBTEX_AND.split(raw) if n.strip()]
    names, depth, start, i = [], 0, 0, 0
    while i < len(raw):
        ch = raw[i]
        depth += (ch == "{") - (ch == "}")
        # The `and` lower-cased alone: the whole value lower-cased is a character longer after
        # each `İ` (`i̇`), so its places missed every `and` after one (`Polat, İlhan and …`: the
        # rest of the list read as one name, and a braced group in it no longer braced).
        if (
            depth == 0
            and ch.isspace()
            and raw[i + 1 : i + 4].lower() == "and"
            and (i + 4 == len(raw) or raw[i + 4].isspace())
        ):
            names.append(raw[start:i])
            start = i = i + 4
            continue
        i += 1
    names.append(raw[start:])
    return [" ".join(n.split()) for n in names if n.strip()]


def top_level_commas(name: str) -> int:
    """Commas outside braces in a BibTeX name: one for `von Last, First`, two with a `Jr`."""
    depth = commas = 0
    for ch in name:
        depth += (ch == "{") - (ch == "}")
        commas += ch == "," and depth == 0
    return commas
