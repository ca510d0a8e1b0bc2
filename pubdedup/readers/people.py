"""Author lists as inputs write them: `A and B`, `Last, F., Last, F.`, `a. b, c. d, and e. f`."""

from __future__ import annotations

import re

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


def author_list(text: str) -> tuple[list[str], bool]:
    """The names of an author field, and whether it ends in `et al.` (a list cut short)."""
    text = text.rstrip()
    start = max(0, len(text) - _CUT_TAIL)
    cut = _CUT.search(text, start)
    names = _names(text[: cut.start()] if cut else text)
    return _vancouver(names), bool(cut) and bool(names)


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
    if len(parts) == 1 and _LAST_FIRST.match(parts[0]):
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
    if bibtex_style and (uniform or (mixed and (len(parts) > 2 or "," not in parts[0]))):
        return parts
    chunks = [c.strip() for p in parts for c in re.split(r"[;,]", p) if c.strip()]
    return _pair_initials(chunks) if ";" not in text else _semicolon_names(text)


# Initials after a surname, as PubMed and Vancouver-style lists write them (`Jumper J`, `van
# der Berg JH`) and Scopus (`Beyer L.`, `Houlsby N.M.`).
_BARE_INITIALS = re.compile(r"\s([A-Z]{1,3}|(?:[A-Z]\.-?){1,3})$")
_VOWELS = frozenset("AEIOUY")


def _vancouver(names: list[str]) -> list[str]:
    """`Jumper J; Evans RN` as `Jumper, J.` and `Evans, R. N.` (`Beyer L.` as `Beyer, L.`),
    which BibTeX and the name matcher read the right way round, when every name ends so and
    one ending is no word: a single letter, letters without a vowel, or initials with full
    stops. `Wei XU; Yang LI` (surnames in capitals) is not such a list."""
    endings = [_BARE_INITIALS.search(n) for n in names]
    if not names or not all(endings) or any("," in n for n in names):
        return names
    letters = [m.group(1) for m in endings if m]
    if not any(len(x) == 1 or "." in x or not _VOWELS.intersection(x) for x in letters):
        return names
    pairs = zip(names, endings, strict=True)
    return [f"{n[: m.start()]}, {_dotted(m.group(1))}" for n, m in pairs if m]


def _dotted(initials: str) -> str:
    """`RN` as `R. N.`; `N.M.` as `N. M.`, `J.-P.` kept."""
    if "." in initials:
        return re.sub(r"\.(?=[A-Z])", ". ", initials)
    return ". ".join(initials) + "."


def _semicolon_names(text: str) -> list[str]:
    """`Zhou, X.; Smith, J.` — semicolons separate the names."""
    return [n.strip() for n in re.split(r";|\s+and\s+", text) if n.strip(" ,")]


def _pair_initials(chunks: list[str]) -> list[str]:
    """Join `Smith`, `J.` back into `Smith, J.` when initials follow a surname."""
    names: list[str] = []
    for chunk in chunks:
        if (
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
    lower = raw.lower()
    while i < len(raw):
        ch = raw[i]
        depth += (ch == "{") - (ch == "}")
        if (
            depth == 0
            and ch.isspace()
            and lower.startswith("and", i + 1)
            and i + 4 <= len(raw)
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
