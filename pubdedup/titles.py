"""Titles as databases decorate them: notes to drop before comparing, and notices to recognise.

Databases add things that are not part of a title: bracketed notes (`[Review] [16 refs]`), an
appended citation (perhaps cut off), a leaked year, and the kind of contribution (`(Panel
Abstract)`, `- Book Review`, `Tutorial:`), which one database writes and another leaves out.
A correction notice (`Erratum: …`, `… - Reply`, `… (vol 85, pg 553, 2010)`, `… (Journal (2009)
360 (542-544))`) repeats the title of the work it corrects but is a publication of its own.
"""

from __future__ import annotations

import re

_BRACKETS = re.compile(r"\[[^\]]*\]?")
_LEADING_BRACKETS = re.compile(r"^\s*\[([^\]]+)\]")  # "[Translated title]. [Review] [16 refs]"
_PAREN = r"(?:[^()]|\([^()]*\))*"  # text with at most one level of nested parentheses
_TRAILING_PARENS = re.compile(rf"\s*\({_PAREN}\)\s*$")  # "(Journal (2009) 360 (542-544))"
# An appended citation cut off by a database's field limit: `(Proceedings of … (Januar`: an
# unclosed parenthesis holding another, and words of a citation (not `(n,(gamma) reaction`).
_CUT_CITATION = re.compile(r"\s*\([^()]*\([^()]*(?:\)[^()]*)?$")
_CITATION_WORDS = re.compile(
    r"\b(?:journal|proceedings?|transactions|annals|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov"
    r"|dec)|\b(?:19|20)\d\d\b",
    re.I,
)
_TRAILING_SENTENCE = re.compile(r"\.{1,3}\s+\S[^.]*\.?\s*(19|20)\d{2}\b.*\d.*$")  # "... N Engl J"
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_LEADING_YEAR = re.compile(r"^[^(]{0,40}?\((19|20)\d{2}\)[,.:]?\s+")  # not `T (Journal (2009) …`
# The kind of contribution, which DBLP writes and the ACM library leaves out, or the reverse.
_KIND = r"panel|tutorial|demo|demonstration|poster|keynote|invited|industrial|experience|abstract"
_KIND_PARENS = re.compile(rf"\s*\((?:extended |short )?(?:{_KIND})\b[^()]{{0,40}}\)", re.I)
_KIND_PREFIX = re.compile(
    r"^\s*(?:tutorial|panel|keynote|foreword|preface|demo)\s*(?::|on\b)\s*", re.I
)
_KIND_SUFFIX = re.compile(
    r"\s*(?:[-:,]|--)\s*(?:book review|a tutorial|guest editorial"
    r"|guest editors?'? (?:foreword|introduction))\s*$",
    re.I,
)
# What sets a notice's marker off from the title it repeats, at the end: a spaced dash, a colon,
# an opening parenthesis.
_END_SEPARATOR = r"(?:\s[-\u2013\u2014]+|[:(])"
# Web of Science's erratum: the corrected article's place, `(vol 360, pg 542, 2009)`.
_WOS = r"\(\s*vol\.?\s*(?P<volume>\d+)\s*,\s*pg?\.?\s*(?P<page>\d+)"
_NOTICE = re.compile(
    r"^\s*(?:erratum|errata|corrigendum|corrections? to|addendum|in reply|comments? on"
    r"|commentary on|editorial comment on|invited commentary|notice of retraction"
    r"|retraction notice to|expression of concern"
    r"|supplementary (?:material|information|data) (?:for|to))\b"
    # `Reply to the letter …`, `Response to: …`; not `Response to imatinib in CML`.
    r"|^\s*(?:reply|response) to(?:\s*:|\s+(?:the |a )?(?:comments?|letters?|editor|commentary"
    r"|correspondence|critique)\b|\s*[\"'\u201c\u2018])"
    r"|^\s*(?:reply|response)\s+(?:from|by|of)\s+(?:the\s+)?authors?\b"
    r"|^\s*(?:re|withdrawn|letter|retraction(?: note| notice)?(?: to)?|retracted(?: article)?)\s*:"
    r"|^\s*(?:(?:publisher|author)'?s?'? )?correction\s*:"  # PLOS, Springer Nature
    # `… - Reply`, `…: Correction`, `… (Erratum)`, `…: Supplementary Material` (a work's
    # supplement, published apart): a separator, not `dose-response` or `U.S.`
    rf"|{_END_SEPARATOR}\s*(?:reply|erratum|corrigendum|retraction|correction"
    r"|(?:the )?authors'? (?:reply|response)|response|retracted article"
    r"|supplementary (?:materials?|information|data))\s*\)?\.?\s*$"
    rf"|{_WOS}",  # Web of Science: "(vol 360, pg 542, 2009)"
    re.I,
)
# The corrected article's place, appended to an erratum's title: Web of Science's `(vol 360,
# pg 542, 2009)`, Embase's `(New England Journal of Medicine (2009) 360 (542-544))` (a name,
# perhaps with a place in parentheses; the date; the volume, perhaps `5:9`; the issue; pages;
# perhaps a DOI). A note that a copy is a reprint, summary or translation cites its source
# the same way and is no erratum. Each digit run is bounded by a non-digit, and the title's
# spaces are collapsed first: linear time.
_WOS_CITATION = re.compile(_WOS, re.I)
_EMBASE_CITATION = re.compile(
    r"\(\s*(?!(?:see|from|in|cf|also)\b|(?:reprint|translat|summar|update|replac|endors|supplement"
    r"|adapt|abridg|excerpt|original|republish|co-?publish|publish|comment|discuss)\w*)"
    r"[^()]*(?:\([^()]*\)[^()]*)?"
    r"\(\s*(?:[a-z]+\.?\s+(?:\d{1,2},?\s+)?)?(?:19|20)\d\d\s*\)\s*"
    r"(?P<volume>\d+)[a-z]?(?:\s*[:,]\s*\d+)?\s*(?:\([^()]*\)\s*)?"
    r"\([^()\d]*(?P<page>\d+)(?:[^()\d][^()]*)?\)(?:\s*doi:?\s*[^\s()]+)?\s*\)\s*\.?\s*$",
    re.I,
)
# A notice marked by a database in brackets (`… [Erratum]`); not MEDLINE's note on the article
# itself, `[Erratum appears in …]`.
_BRACKETED_NOTICE = re.compile(
    r"\[\s*(?:erratum|errata|corrigendum|retraction|retracted(?: article)?)\s*\]", re.I
)
MIN_WORDS = 3  # a cut that leaves fewer words took part of the title with it


def clean_title(title: str | None) -> str:
    """A title without bracketed notes, appended citations, leaked years and kind notes."""
    if not title:
        return ""
    # One space between words: the patterns below start with `\s*`, and a long run of spaces
    # would make each of them try every position in the run (quadratic time).
    text = " ".join(_unbracket(title).split())
    # Most titles have no parenthesis, full stop or kind suffix: a character test in C skips
    # each pattern that needs one (each would otherwise try every position of every title).
    if "(" in text:
        text = _LEADING_YEAR.sub("", text)
    head = _without_cut_citation(_TRAILING_SENTENCE.sub("", text) if "." in text else text)
    parens = _TRAILING_PARENS.search(head) if head.rstrip().endswith(")") else None
    if parens and _YEAR.search(parens.group(0)):
        head = head[: parens.start()]
    # Keep the cut only when it leaves a title of some words: a year may belong to the title.
    if head != text and len(head.split()) >= MIN_WORDS:
        text = head
    plain = _KIND_PREFIX.sub("", _KIND_PARENS.sub("", text) if "(" in text else text)
    if _may_end_in_kind(plain):
        plain = _KIND_SUFFIX.sub("", plain)
    return plain if plain == text or len(plain.split()) >= 2 else text


_KIND_SUFFIX_ENDS = ("review", "tutorial", "editorial", "foreword", "introduction")


def _may_end_in_kind(text: str) -> bool:
    """Whether `_KIND_SUFFIX` can match: the title ends in one of its last words. Only ASCII
    is tested so: case-insensitive patterns also match `ı` for `i`, which lower() keeps."""
    return not text.isascii() or text.rstrip().lower().endswith(_KIND_SUFFIX_ENDS)


def _without_cut_citation(text: str) -> str:
    if text.count("(") <= text.count(")"):
        return text  # every parenthesis closed: nothing was cut off
    cut = _CUT_CITATION.search(text)
    return text[: cut.start()] if cut and _CITATION_WORDS.search(cut.group(0)) else text


def _unbracket(title: str) -> str:
    """Drop bracketed notes; a bracketed title first (MEDLINE's translations) is kept."""
    if "[" not in title and "]" not in title:  # most titles
        return title
    leading = _LEADING_BRACKETS.match(title)
    if leading and len(leading.group(1).split()) >= MIN_WORDS:
        return leading.group(1) + " " + _BRACKETS.sub(" ", title[leading.end() :])
    unbracketed = _BRACKETS.sub(" ", title)
    if len(unbracketed.split()) < MIN_WORDS:  # "[Translated title]" alone
        return title.replace("[", " ").replace("]", " ")
    return unbracketed


# MEDLINE's notes about a record, which Ovid appends to its title: `… [Review] [42 refs]`,
# `[Article in German]`, `[Comment in: …]`, `[Erratum in: …]`. (Brackets in a title proper,
# `[18F]FDG`, `[3+2] cycloaddition`, are other words; `[Erratum]` marks a notice.)
_MEDLINE_NOTES = re.compile(
    r"(?:\s*\[\s*(?:review|\d+\s+refs?|article in [^\]]*|(?:comment|erratum|retraction|update"
    r"|summary for patients|republished|retracted)(?: appears)? (?:in|of|on)\b[^\]]*)\s*\])+\s*$",
    re.IGNORECASE,
)


def without_medline_notes(title: str) -> str:
    """A title as written, without the notes MEDLINE appends to it; the output's title."""
    if not title.endswith("]"):  # most titles: no regex run
        return title
    plain = _MEDLINE_NOTES.sub("", title)
    return plain if plain.strip() else title


def strip_notice(title: str | None) -> str:
    """The title an erratum or reply repeats, without its marker (`Erratum: `, ` - Reply`)."""
    return _NOTICE.sub(" ", clean_title(_BRACKETED_NOTICE.sub(" ", title or "")))


def notice_kind(
    title: str | None, place: tuple[str | None, str | None] = (None, None)
) -> str | None:
    """What kind of notice a title is, None for a work: `correction`, `reply`, `comment`,
    `retraction` or `supplement`. Two notices about one work are the same only if of one kind
    (an erratum and the authors' reply are two publications). `place` is the record's own
    volume and first page: a citation of that place appended to its title is a database's
    note of where the record itself is, not an erratum's reference to another article."""
    if not title:
        return None
    # One space between words: a run of spaces after `(` would cost the patterns quadratic time.
    text = " ".join((_BRACKETS.sub(" ", title) if "[" in title else title).split())
    cited = _cited_place(text, place) if "(" in text else None
    if cited and _cites_itself(cited, place):
        text, cited = text[: cited.start()], None
    match = _NOTICE.search(text) if _may_be_notice(text) else None
    if match is None and "[" in title:
        match = _BRACKETED_NOTICE.search(title)
    if match is None:
        return "correction" if cited else None
    if _ENDS_AS_REPLY.search(title):  # `Letter: X — authors' reply` answers the letter
        return "reply"
    marker = match.group(0).lower()
    return next((kind for kind, words in _NOTICE_KINDS if any(w in marker for w in words)), "")


# A word or sign every match of `_NOTICE` holds, in lower case: one substring test each in C
# where the pattern would try every position of the title.
_NOTICE_CUES = ("errat", "corrigend", "correction", "addend", "reply", "comment", "retract",
                "concern", "supplementary", "response", "withdrawn", "letter", "vol")  # fmt: skip


def _may_be_notice(text: str) -> bool:
    """Whether `_NOTICE` can match `text` (ASCII only: case-insensitive patterns also match
    `ı` for `i` and `ſ` for `s`, which lower() keeps)."""
    if not text.isascii():
        return True
    lower = text.lower()
    return lower.lstrip().startswith("re") or any(map(lower.__contains__, _NOTICE_CUES))


def _cited_place(text: str, place: tuple[str | None, str | None]) -> re.Match[str] | None:
    """Web of Science's erratum citation; Embase's only for a record whose own first page is
    known, to tell an erratum's citation from the record's own, which any database may append
    to a title."""
    cited = _WOS_CITATION.search(text)
    if cited is None and place[1] is not None:
        cited = _EMBASE_CITATION.search(text)
    return cited


def _cites_itself(cited: re.Match[str], place: tuple[str | None, str | None]) -> bool:
    """The cited page is the record's own, and so is the volume if it gives one. (A volume
    alone proves nothing: an erratum is often printed in the volume of the article.)"""
    volume, page = place
    if page is None or page != _digits(cited.group("page")):
        return False
    return volume is None or volume == _digits(cited.group("volume"))


def _digits(number: str) -> str:
    return number.lstrip("0") or "0"


_ENDS_AS_REPLY = re.compile(
    rf"{_END_SEPARATOR}\s*(?:the )?(?:authors'? )?(?:reply|response)\W*$", re.I
)


_NOTICE_KINDS = (
    ("reply", ("reply", "response")),
    ("comment", ("comment", "re:", "letter")),
    ("retraction", ("retract", "withdrawn")),
    ("supplement", ("supplementary",)),
    ("correction", ("errat", "corrigend", "correction", "addendum", "concern", "vol")),
)
