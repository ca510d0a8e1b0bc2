"""Venues: which BibTeX entry type a venue implies."""

from __future__ import annotations

import os
import re
from functools import lru_cache

from rapidfuzz.distance import Indel

from pubdedup.identifiers import is_arxiv_doi
from pubdedup.model import Record
from pubdedup.normalize import fold_accents

_PREPRINT = re.compile(r"\b(arxiv|biorxiv|medrxiv|corr|preprint|ssrn|openreview)\b", re.I)
_JOURNAL = re.compile(
    r"\b(journal|transactions|letters|review|magazine|jmlr|tpami|ijcv|tmlr|nature|science"
    r"|plos|communications of the|annals|quarterly|bulletin)\b",
    re.I,
)
_CONFERENCE = re.compile(
    r"\b(conference|proceedings|proc\.?|symposium|workshop|congress|meeting|summit|colloquium"
    r"|neurips|nips|icml|iclr|cvpr|iccv|eccv|acl|emnlp|naacl|aaai|ijcai|kdd|sigir|sigmod|vldb"
    r"|icde|www|chi|uist|siggraph|interspeech|icassp|wacv|bmvc|corl|iros|icra|rss|aistats|uai"
    r"|colt|miccai|ismir|recsys|wsdm|cikm|osdi|sosp|nsdi|usenix|sigcomm|podc|stoc|focs|soda)\b",
    re.I,
)
_REPORT = re.compile(r"\b(technical report|tech\.? rep|rfc|request for comments)\b", re.I)
_THESIS = re.compile(r"\b(ph\.?d\.? thesis|dissertation)\b", re.I)


_MASTERS = re.compile(r"\b(master'?s?|m\.?\s?sc?\.?|msc|diplom\w*|magister)\b", re.I)


# A venue that names only a kind of thesis (a citation string's `PhD thesis,`), no school.
_THESIS_ONLY = re.compile(
    r"^\W*((?:ph\.?\s?d\.?|doctoral|doctor'?s|master'?s?|m\.?\s?sc?\.?|msc|diploma)\s+)?"
    r"(?:thesis|dissertation)\W*$",
    re.IGNORECASE,
)


def _thesis_kind(venue: str | None) -> str | None:
    """`masters`, `doctoral` or (unsaid) `thesis` for a venue naming only a kind of thesis;
    else None."""
    match = _THESIS_ONLY.match(venue or "") if len(venue or "") <= 40 else None
    if match is None:
        return None
    if not match.group(1):
        return "thesis"
    return "masters" if _MASTERS.search(match.group(1)) else "doctoral"


def thesis_entry_type(entry_type: str | None, kind: str | None) -> str | None:
    """A thesis's entry type by the kind of thesis an export names apart (Zotero's `Type`
    column, RIS's `M3`): `Master's thesis` is @mastersthesis, where the export's own type
    (`thesis`, `THES`) says only thesis."""
    if entry_type == "phdthesis" and kind and _MASTERS.search(kind):
        return "mastersthesis"
    return entry_type


# Databases' names for a meeting's abstract: Embase `Conference Abstract`, Web of Science
# `Meeting Abstract`, RIS `ABST`. (Scopus's `Conference Paper` is a full paper.)
_MEETING_ABSTRACT = re.compile(
    r"\b(conference|meeting|congress)[ -]abstracts?\b|^abst(ract)?$", re.IGNORECASE
)


# The other kinds of document the databases name (`Article`, `Review`, `Letter`, `Proceedings
# Paper`, `Book Chapter`, `Short Survey`, …): a value naming none of them (Web of Science's
# source code `J`, a DOI EndNote left in `M3`) says nothing about the record.
_OTHER_KIND = re.compile(
    r"\b(article|review|letter|editorial|note|erratum|correction|retract\w*|paper|chapter|book"
    r"|survey|comment\w*|report|thesis|dissertation|news|data|proceedings|material|conference)",
    re.IGNORECASE,
)


def meeting_abstract(document_type: str | None) -> bool | None:
    """Whether a database's document type names a meeting's abstract (True) or another kind of
    document (False); None when none is given, or the value names no kind."""
    text = (document_type or "").strip()
    if not text:  # most records: no type given
        return None
    if _MEETING_ABSTRACT.search(text):
        return True
    return False if _OTHER_KIND.search(text) else None


@lru_cache(maxsize=1 << 16)  # five patterns per paper; a large input repeats its venues
def entry_type_for(venue: str | None) -> str:
    """BibTeX entry type implied by a venue name; `misc` when nothing is known."""
    if not venue:
        return "misc"
    if _PREPRINT.search(venue):
        return "misc"
    if _THESIS.search(venue):
        return "phdthesis"
    if _REPORT.search(venue):
        return "techreport"
    if _CONFERENCE.search(venue):
        return "inproceedings"
    if _JOURNAL.search(venue):
        return "article"
    return "misc"


# Google Scholar writes the conference's number after the part of proceedings in two volumes
# or more (`Computer Vision–ECCV 2020: 16th European Conference, …, Proceedings, Part V 16`),
# which no copy from DBLP or the publisher has, and which made Scholar's the longest venue.
_SCHOLAR_PART_NUMBER = re.compile(r"(,\s*Part\s+[IVX]+)\s+\d{1,3}\s*$")  # not `Part C 45`


def without_part_number(venue: str | None) -> str | None:
    """The venue without Google Scholar's conference number after its part (`Part V 16`)."""
    if not venue or "Part" not in venue:  # nearly every venue
        return venue
    return _SCHOLAR_PART_NUMBER.sub(r"\1", venue)


def is_preprint(venue: str | None) -> bool:
    """True for arXiv and other preprint servers."""
    return bool(venue and _is_preprint_venue(venue))


@lru_cache(maxsize=1 << 16)  # a large input names a few thousand venues, each many times
def _is_preprint_venue(venue: str) -> bool:
    return _PREPRINT.search(venue) is not None


def is_preprint_record(record: Record) -> bool:
    """A preprint: its venue is a preprint server, or it has an arXiv id and no venue or DOI
    but arXiv's own (`@misc{..., eprint = {2106.04560}, archiveprefix = {arXiv}}`, arXiv's
    export; Better BibTeX's `@online{…, eprinttype = {arXiv}, doi = {10.48550/arXiv.…}}`)."""
    if record.venue:
        return is_preprint(record.venue)
    return bool(record.arxiv and (not record.doi or is_arxiv_doi(record.doi)))


# Well-known venues written in several ways: a pattern over `venue_words` (no "of", "the",
# "proceedings", ordinals) -> one key. Order matters: the first pattern that matches wins.
_ALIASES = (
    (re.compile(r"\bsigmod\b.*\brecord\b|\brecord\b.*\bsigmod\b"), "sigmod-record"),
    (re.compile(r"\bsigmod\b|management data"), "sigmod"),
    (re.compile(r"\bvldb\b.*\bj(ournal)?\b|very large data bases? j"), "vldb-journal"),
    (re.compile(r"\bvldb\b|very large data ?bases?"), "vldb"),
    (re.compile(r"\btods\b|transactions database systems"), "tods"),
    (re.compile(r"\btkde\b|transactions knowledge (and )?data engineering"), "tkde"),
    (re.compile(r"\bdata engineering bulletin\b"), "data-engineering-bulletin"),
    (re.compile(r"\bicde\b|^(conference )?data engineering"), "icde"),
    (re.compile(r"\bneurips\b|\bnips\b|neural inf\w* process\w* syst"), "neurips"),
    (re.compile(r"\bicml\b|^conference machine learning$|^machine learning conference$"), "icml"),
    (re.compile(r"\biclr\b|learning representations"), "iclr"),
    (re.compile(r"\bcvpr\b|computer vision pattern recognition"), "cvpr"),
    (re.compile(r"\beccv\b|european conference computer vision"), "eccv"),
    (re.compile(r"\biccv\b|^conference computer vision$"), "iccv"),
    (re.compile(r"\becml\b|european conference machine learning"), "ecml"),
    # Series names anchored at the start: `Israel Symposium on Theory of Computing` is not STOC,
    # `Australian Joint Conference on AI` not IJCAI, `Pacific-Asia … Data Mining` not KDD.
    (re.compile(r"\beurocolt\b|^european (conf|workshop)\w* comput\w* learning"), "eurocolt"),
    (re.compile(r"\bcolt\b|^((conf|work)\w* )?(comp\w* )?learning theory(?! natural)"), "colt"),
    (re.compile(r"\bstoc\b|^(sigact )?symp\w* theory (of )?comput"), "stoc"),
    (re.compile(r"\bfocs\b|^(symp\w* )?foundations comp\w* sci"), "focs"),
    (re.compile(r"\bsoda\b|^symp\w* discrete algorithms"), "soda"),
    (re.compile(r"\baaai\b.*\b(spring|fall) symposi|\b(spring|fall) symposi.*\baaai\b"), "aaai-ss"),
    (re.compile(r"\baaai\b|^national conference artificial intelligence"), "aaai"),
    (re.compile(r"\bijcai\b|^joint conference artificial intelligence"), "ijcai"),
    (re.compile(r"\bpakdd\b|^pacific asia"), "pakdd"),
    (re.compile(r"^data mining (and )?knowledge discovery"), "dmkd"),  # the journal
    (re.compile(r"\b(sig)?kdd\b|^(conference )?knowledge discovery (and )?data mining"), "kdd"),
    (re.compile(r"\bsigir\b.*\bforum\b"), "sigir-forum"),
    (
        re.compile(r"\bsigir\b|^(conference )?research (and )?development information retrieval"),
        "sigir",
    ),
    (re.compile(r"\bpnas\b|^(proc\w* )?nat\w* acad\w* sci"), "pnas"),
    (re.compile(r"\bemnlp\b|^(conference )?empirical methods natural language"), "emnlp"),
    (re.compile(r"\bnaacl\b|^(conference )?north american chapter"), "naacl"),
    (re.compile(r"\bacl\b|^(annual )?meeting association (for )?computational linguistics"), "acl"),
    (
        re.compile(r"\baistats\b|^(conference )?artificial intelligence (and )?statistics"),
        "aistats",
    ),
    (re.compile(r"\buai\b|^(conference )?uncertainty (in )?artificial intelligence"), "uai"),
    (re.compile(r"\bchi\b|^(conference )?human factors (in )?computing systems"), "chi"),
    (re.compile(r"\bwww\b|^(the )?web conference|^world wide web( conference)?$"), "www"),
    (re.compile(r"\bicassp\b|^(conference )?acoustics speech (and )?signal processing"), "icassp"),
    (re.compile(r"\barxiv\b|\bcorr\b"), "arxiv"),
)
_VENUE_NOISE = frozenset(  # not `a`: `Physical Review A`
    "the of in on and for an proc proceedings annual acm ieee int intl international".split()
)


@lru_cache(maxsize=1 << 16)  # few venues, compared many times
def venue_words(venue: str | None) -> tuple[str, ...]:
    """A venue reduced to its significant words, without years, numbers or ordinals."""
    if not venue:
        return ()
    text = _NUMBERED.sub(" ", fold_accents(venue).lower().replace("&", " and "))
    text = re.sub(r"[^a-z ]+", " ", text)
    # `Ann.` and `Intern.` are Annual and International in a meeting's name (`Proc. 21st Ann.
    # ACM Symp.`), but Annals and Internal in a journal's (`Ann Intern Med`, not `Med`).
    meeting = _MEETING.search(text) is not None
    return tuple(w for w in text.split() if not _is_noise(w, meeting))


def _is_noise(word: str, meeting: bool) -> bool:
    """Filler words of venue names, also abbreviated (`annu.`, `internat.`), and ordinals;
    `meeting`: the venue is a meeting's, where `ann.` and `intern.` are filler too."""
    if word in _VENUE_NOISE or _ORDINAL.match(word):
        return True
    if word in _FILLER_ONLY_IN_MEETINGS and not meeting:
        return False
    return len(word) >= 3 and any(n.startswith(word) for n in _LONG_NOISE)


_LONG_NOISE = ("annual", "proceedings", "international")
_FILLER_ONLY_IN_MEETINGS = frozenset({"ann", "intern"})  # in a journal: Annals, Internal (ISO 4)
_MEETING = re.compile(
    r"\b(conf|conference|proc|proceedings|symp|sympos|symposium|workshop|congress|meeting"
    r"|colloquium|colloq)\b"
)
_TRAILING_PARENS = re.compile(r"\s*\([^()]*\)\s*$")
_NUMBERED = re.compile(r"\b\d+\s*(st|nd|rd|th)?\b")  # "25th", "21 st", years and volumes


_ORDINAL = re.compile(
    r"^(\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth"
    r"|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth"
    r"|eighteenth|nineteenth|twentieth|thirtieth|fortieth|fiftieth"
    r"|twenty|thirty|forty|fifty)$"
)


@lru_cache(maxsize=1 << 16)
def venue_alias(venue: str | None) -> str | None:
    """The key of a well-known venue (`SIGMOD Conference` = `Management of Data`), if any."""
    text = " ".join(venue_words(venue))
    return next((key for pattern, key in _ALIASES if pattern.search(text)), None)


def _abbreviates(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """Each word of `short` abbreviates its own word of `full` (`Nat Rev`: `Nature Rev`), in any
    order, since citations reorder venue names (`Conf. Machine Learning`). Words of `full` may
    be left over (`Nephron - Clinical Practice`, a journal's section), but not a section
    letter at its end: `Physical Review` is not `Physical Review B`."""
    unused = list(full)
    for word in short:
        match = next((w for w in unused if _abbreviates_word(word, w)), None)
        if match is None:
            return False
        unused.remove(match)
    if len(short) == 1 and short[0] in _FAMILY_HEADS and unused:
        return _family_head_itself(short[0], unused)
    return not (len(full[-1]) == 1 and full[-1] in unused)


# One-word journals that head a family of others (`Nature Communications`, `Cell Reports`,
# `Blood Advances`, `JAMA Pediatrics`, `Cancer Research`): the head is only itself.
_FAMILY_HEADS = frozenset(
    "nature cell science blood jama bmj lancet pnas cancer circulation diabetes neurology"
    " hepatology brain heart gut".split()
)
_KIND_WORDS = frozenset("magazine conference meeting congress supplement abstracts".split())


def _family_head_itself(head: str, rest: list[str]) -> bool:
    """`Blood` and the rest of a longer name: itself when the rest only says what kind of
    publication it is (`Blood. Conference: … ASH Annual Meeting`, a supplement of the
    journal), or spells the head out (`JAMA` = `Journal of the American Medical Association`)."""
    return bool(_KIND_WORDS.intersection(rest)) or head == "".join(w[0] for w in rest)


def _abbreviates_word(short: str, full: str) -> bool:
    """`comput` abbreviates `computing`; `computation` and `computing` share a long stem; a
    long word misspelt (`compuation`, `sympposium`) is still the word."""
    if full.startswith(short):
        return True
    stem = len(os.path.commonprefix((short, full)))
    if stem >= _STEM and short[stem:] in _ENDINGS and full[stem:] in _ENDINGS:
        return True
    return min(len(short), len(full)) >= _TYPO_LENGTH and Indel.distance(short, full) == 1


_STEM = 6
# What a word of one stem may end in: `comput-ation` / `comput-ing`, `neurosurg-ery` /
# `neurosurg-ical`; not `econom-ics` / `econom-etrics`, `intern-al` / `intern-et`.
_ENDINGS = frozenset(
    "s e es al ally ation ations ational ing ings er ers ed ics ical ic y ies ist ists ism ity"
    " ive ory ery ment ments ence ences ent ure ures ology ologic ological".split()
)
# A letter dropped or doubled in a long word is a typo; a letter replaced is not: `hepatology` /
# `hematology`, `phytochemistry` / `photochemistry` are other fields.
_TYPO_LENGTH = 8


@lru_cache(maxsize=1 << 18)  # pairs of venues recur across candidate pairs
def same_venue(a: str | None, b: str | None) -> bool | None:
    """True / False when two venues are / are not the same; None when either is unknown. A
    place or acronym in parentheses that only one of them adds does not count (`Cancer` /
    `Cancer (Phila.)`); two different ones do (`Medicine (Baltimore)` / `(Abingdon)`)."""
    same = _same_venue(a, b)
    if same is False and a and b and a.rstrip().endswith(")") != b.rstrip().endswith(")"):
        plain_a, plain_b = _TRAILING_PARENS.sub("", a), _TRAILING_PARENS.sub("", b)
        return _same_venue(plain_a or a, plain_b or b)
    return same


def _same_venue(a: str | None, b: str | None) -> bool | None:
    words_a, words_b = venue_words(a), venue_words(b)
    if not words_a or not words_b:
        return None
    kind_a, kind_b = _thesis_kind(a), _thesis_kind(b)
    if kind_a and kind_b:  # `PhD thesis` / `Doctoral dissertation`: a kind, named two ways
        return kind_a == kind_b or "thesis" in (kind_a, kind_b)
    alias_a, alias_b = venue_alias(a), venue_alias(b)
    if alias_a and alias_b:
        return alias_a == alias_b
    if words_a == words_b:
        return True
    short, full = sorted((words_a, words_b), key=len)
    return _abbreviates(short, full) or _abbreviates(full, short) or _acronym(short, full)


def _acronym(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """`JPEN` = `Journal of Parenteral and Enteral Nutrition`: one word, the initials of several
    (one-word venues starting alike, `Blood` / `Brain`, are not acronyms of each other)."""
    return len(full) >= 3 and short == ("".join(w[0] for w in full),)
