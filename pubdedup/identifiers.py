"""DOIs and arXiv ids: normalised so that the same identifier written two ways compares equal."""

from __future__ import annotations

import re
from urllib.parse import unquote

_DOI = re.compile(r"10\.\d{4,9}/\S+", re.IGNORECASE)
_ARXIV_NEW = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(v\d+)?(?![\d])")
_ARXIV_OLD = re.compile(r"\b([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(v\d+)?\b", re.IGNORECASE)


def normalize_doi(value: str | None) -> str | None:
    """`https://doi.org/10.1000/ABC\\_1` -> `10.1000/abc_1`; None when no DOI is in the value."""
    doi = _doi_in(value)
    return doi.lower() if doi else None


def shown_doi(value: str | None) -> str | None:
    """A DOI as a paper shows it: bare, in its own case, from any way a source wrote it
    (`https://doi.org/10.1000/ABC\\_1` -> `10.1000/ABC_1`); a value with no DOI in it as written.
    Styles and citeproc add their own `https://doi.org/`, which a URL-form DOI doubled."""
    return _doi_in(value) or value or None


def _doi_in(value: str | None) -> str | None:
    """The DOI a value holds, as written, without what surrounds it: a link or `doi:` before
    it, punctuation after it, a bracket closing around it (`(doi:10.1000/xyz)`, `<…>`) but
    not one of its own (`…(95)00031-X`); a DOI link percent-encoded as links are
    (`https://doi.org/10.1002/%28SICI%29…`) decoded, a bare one not: `%` is a character a DOI
    may hold."""
    if not value:
        return None
    if "%" in value and "doi.org/" in value.lower():
        value = unquote(value)
    match = _DOI.search(value.replace("\\_", "_").replace("{", "").replace("}", ""))
    if not match:
        return None
    doi = match.group(0).rstrip(".,;>")
    while doi[-1] in ")]" and doi.count(doi[-1]) > doi.count("(" if doi[-1] == ")" else "["):
        doi = doi[:-1].rstrip(".,;>")
    return doi


def normalize_arxiv(value: str | None) -> str | None:
    """`arXiv:2106.04560v2` -> `2106.04560`; old style `cs/0112017` kept; version dropped."""
    arxiv = _arxiv_in(value)
    return arxiv.lower() if arxiv else None


def shown_arxiv(value: str | None) -> str | None:
    """An arXiv id as a paper shows it: the work's, without `arXiv:` or a version
    (`arXiv:2001.01234v2` -> `2001.01234`: the version a source happened to cite is not the
    work's), an old-style id in its own case (`math.AG/0101001`); else as written."""
    return _arxiv_in(value) or value or None


def _arxiv_in(value: str | None) -> str | None:
    """The arXiv id a value holds, as written, without its version."""
    match = (_ARXIV_NEW.search(value) or _ARXIV_OLD.search(value)) if value else None
    return match.group(1) if match else None


_ARXIV_ID = r"(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[a-z]{2})?/\d{7})"
# `.` for arXiv's DOI, `10.48550/arXiv.2010.11929`
_ARXIV_IN_TEXT = re.compile(r"\barxiv(?:\.org/(?:abs|pdf)/|\s*:\s*|\s+|\.)" + _ARXIV_ID, re.I)
_CORR_VOLUME = re.compile(r"\s*abs/" + _ARXIV_ID + r"\s*", re.I)


def arxiv_in_text(*texts: str | None) -> str | None:
    """The arXiv id an export wrote into another field, in the order given: Google Scholar's
    `arXiv preprint arXiv:2010.11929` journal, an `arxiv.org/abs/…` URL, arXiv's DOI."""
    for text in texts:
        found = _ARXIV_IN_TEXT.search(text or "")
        if found:
            return found.group(1)
    return None


def arxiv_in_volume(volume: str | None) -> str | None:
    """The arXiv id of DBLP's CoRR volume, `abs/2010.11929`, as DBLP and Semantic Scholar
    (`journal = {ArXiv}`) write a preprint's."""
    found = _CORR_VOLUME.fullmatch(volume or "")
    return found.group(1) if found else None


_DOI_LINK = re.compile(r"\bdoi\.org/(10\.\d{4,9}/\S+)", re.IGNORECASE)


def doi_in_links(*texts: str | None) -> str | None:
    """The DOI of the first DOI link among the texts (`http://dx.doi.org/10.1016/…`), as
    Embase's RIS gives it in `L2` or `UR` when it has no `DO` line."""
    for text in texts:
        found = _DOI_LINK.search(text or "")
        if found:
            return found.group(1)
    return None


# A database's page of its own record (Scopus's `scopus.com/inward/record.uri?eid=…`, Web of
# Science's `webofscience.com/wos/woscc/full-record/WOS:…`, `apps.webofknowledge.com/…`,
# Embase's `embase.com/search/results?subaction=viewrecord…`): pages about the record, which
# only the database's subscribers open, not the paper's.
_DATABASE_RECORD = re.compile(
    r"^\s*(?:https?://)?(?:[\w-]+\.)*"
    r"(?:scopus\.com|webofscience\.com|webofknowledge\.com|embase\.com)(?:[:/?#]|\s*$)",
    re.IGNORECASE,
)


def is_database_record_link(url: str) -> bool:
    """Whether a link is a citation database's page of its record, not the paper's URL."""
    return _DATABASE_RECORD.match(url) is not None


def is_arxiv_doi(doi: str | None) -> bool:
    """arXiv's own DataCite DOI (`10.48550/arXiv.2010.11929`): the preprint's, no publisher's."""
    return doi is not None and doi.lower().startswith("10.48550/arxiv.")


def doi_prefix(doi: str) -> str:
    """The registrant part of a DOI (`10.1145`), which tells its kind of publisher."""
    return doi.split("/", 1)[0]


# An ISBN as written: digits (a final X) in groups joined by one hyphen or space.
_ISBN_WRITTEN = re.compile(r"[0-9](?:[0-9]|[-\u2010\u2011 ](?=[0-9Xx]))*[0-9Xx]?")


def isbns_in(value: str | None) -> frozenset[str]:
    """Every valid ISBN in a field, as ISBN-13 digits: a field may list several (`0-906783-50-X
    (hardcover), 0-906783-40-2 (paperback)`), and one book's ISBN-10 and ISBN-13 are one.
    A group of digits whose check digit fails is no ISBN (a price, a year, a typo)."""
    found: set[str] = set()
    for match in _ISBN_WRITTEN.finditer(value or ""):
        written = match.group(0)
        isbn = _isbn13(written)
        # Space-joined groups may be numbers side by side: a year (`0-13-912296-6 1990`), or
        # a set's ISBN and its volume's (`0201485419 0201896834`), each one.
        found.update(filter(None, map(_isbn13, written.split(" "))) if isbn is None else (isbn,))
    return frozenset(found)


_DASHES = str.maketrans("", "", "\u2010\u2011")


def _isbn13(written: str) -> str | None:
    """An ISBN-10 or -13 with a valid check digit, as ISBN-13; else None."""
    digits = written.replace("-", "").replace(" ", "").translate(_DASHES).upper()
    if len(digits) == 10 and digits[:9].isdigit() and (digits[9].isdigit() or digits[9] == "X"):
        values = [int(d) for d in digits[:9]] + [10 if digits[9] == "X" else int(digits[9])]
        if sum((10 - i) * v for i, v in enumerate(values)) % 11:
            return None
        body = "978" + digits[:9]
        return body + str(-sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body)) % 10)
    if len(digits) == 13 and digits.isdigit() and digits.startswith(("978", "979")):
        if sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits)) % 10:
            return None
        return digits
    return None
