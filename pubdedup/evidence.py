"""Field comparisons: each returns a similarity or agreement, None when a side lacks the field."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from pubdedup.config import MatchConfig
from pubdedup.features import Features
from pubdedup.normalize import content_words, split_hyphens
from pubdedup.venues import same_venue


def text_similarity(a: str, b: str) -> float:
    """Normalised Indel similarity of two normalised texts, in [0, 1]."""
    return fuzz.ratio(a, b) / 100.0


SUBTITLE_SIMILARITY = 0.9  # what a title and the same title with a subtitle count as
_ARTICLES = ("a ", "an ", "the ")


def _without_article(title: str) -> str:
    """A normalised title without its leading English article."""
    if title.startswith(_ARTICLES):
        return title.split(" ", 1)[1]
    return title


def title_similarity(a: str, b: str) -> float:
    """Title similarity that forgives reordered words, a leading article and a subtitle or
    heading one copy lacks."""
    # `An introduction to …` / `Introduction to …`: citations drop or change a title's first
    # article more than any other word, and on a short title it costs a whole level of points.
    # Only when nothing else differs: `A model of …` is not `Models of …`.
    if a != b and _without_article(a) == _without_article(b):
        return 1.0
    sim = max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b)) / 100.0
    short, long = sorted((a, b), key=len)
    # A subtitle after, or a heading before ("MPEG-7 Standard for …", "Medical progress: …").
    added = long.startswith(short + " ") or long.endswith(" " + short)
    if sim < SUBTITLE_SIMILARITY and len(short.split()) >= 4 and added:
        return SUBTITLE_SIMILARITY
    return sim


def abstract_similarity(a: Features, b: Features, config: MatchConfig) -> float | None:
    """Similarity of two abstracts; a cut-off one is compared with the other's start."""
    if min(len(a.abstract), len(b.abstract)) < config.min_abstract_chars:
        return None
    full = text_similarity(a.abstract, b.abstract)
    if not (a.record.truncated or b.record.truncated):
        return full
    short, long = sorted((a.abstract, b.abstract), key=len)
    if len(short) < config.truncated_min_chars:
        return full
    return max(full, text_similarity(short, long[: len(short)]))


def shared_people(a: Features, b: Features) -> int:
    """People the two author lists (page owners included) have in common.

    A person is a surname with a compatible first initial (`Zhou, X.` = `Xiangdong Zhou`), the
    surname perhaps misspelt; a name without given names matches on the surname alone.
    """
    exact = a.people & b.people
    if not exact:
        bare = {s for s, i in a.people if not i} | {s for s, i in b.people if not i}
        if bare & a.surnames & b.surnames:
            return len(bare & a.surnames & b.surnames)
    others = b.people - exact
    misspelt = sum(
        any(i == j and _same_surname(s, t) for t, j in others) for s, i in a.people - exact
    )
    return len(exact) + misspelt


SURNAME_TYPO = 0.85  # `Shapire` / `Schapire`, `Rosneblatt` / `Rosenblatt`, `Jammal` / `Jamal`


def _same_surname(a: str, b: str) -> bool:
    """A surname misspelt: long enough, and close by Indel similarity."""
    return min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= SURNAME_TYPO * 100


def title_in_abstract(titled: Features, other: Features) -> float:
    """Share of a title's content words that occur in the other record's abstract.

    Counted with hyphenated words joined (`MLP-Mixer` = `mlpmixer`) and split (`mlp`, `mixer`),
    keeping the better, since a title and an abstract often hyphenate a term differently.
    """
    if not titled.title_words or not other.abstract_words:
        return 0.0
    joined = len(titled.title_words & other.abstract_words) / len(titled.title_words)
    title_parts = set(content_words(split_hyphens(titled.record.title)))
    abstract_parts = set(content_words(split_hyphens(other.record.abstract)))
    split = len(title_parts & abstract_parts) / len(title_parts) if title_parts else 0.0
    return max(joined, split)


def page_agreement(a: Features, b: Features) -> str | None:
    """`same` first page, `different` pages, or None when unknown or probably a typo: ranges
    that end alike (`2297-2108` / `2097-2108`), a range whose dash was lost (`433444`), or
    ranges that share several pages (`83-113` / `84-114`: one article cannot start inside
    another's pages)."""
    if not a.first_page or not b.first_page:
        return None
    if a.first_page == b.first_page:
        return "same"
    if a.last_page and a.last_page == b.last_page:
        return None
    if _joined(a, b) or _joined(b, a) or _overlap(a, b):
        return None
    return "different"


def same_page_range(a: Features, b: Features) -> bool:
    """The same first and last page, not `1-…` (journals numbering articles, and workshop
    volumes, start each paper at page 1)."""
    same_last = a.last_page is not None and a.last_page == b.last_page
    return same_last and a.first_page == b.first_page and a.first_page != "1"


def _joined(a: Features, b: Features) -> bool:
    """a's lone page number is b's range with the dash lost, perhaps with one digit mistyped in
    a half of three digits or more: `433444` for `433-444`, `382391` for `382-392`, `148156` for
    `149-156`; not `3650` for `36-42`, nor `1225` for `12-15`. An abbreviated last page may have
    been written either way, and must then fit exactly: `28595` or `285295` for `285-95`, not
    `104101` for `104-6`. Against a range that ends before it starts (`392-352`), the lone
    number need only start with its first page: `392401`."""
    first, last = b.first_page or "", b.last_page
    if a.last_page is not None or last is None:
        return False
    lone = a.first_page or ""
    if _reversed(first, last):  # its last page is the typo: only the first half can be checked
        return len(lone) == len(first) + len(last) and lone.startswith(first)
    if len(last) >= len(first):
        return _halves_fit(lone, first, last)
    return lone in (first + last, first + _in_full(first, last))


def _reversed(first: str, last: str) -> bool:
    """A range ending before it starts (`392-352`): one of its pages is mistyped."""
    return first.isdigit() and last.isdigit() and len(first) == len(last) and last < first


def _in_full(first: str, last: str) -> str:
    """An abbreviated last page in full: `285-95` ends at `295` (its leading digits are the
    first page's)."""
    return first[: len(first) - len(last)] + last if len(last) < len(first) else last


def _halves_fit(lone: str, first: str, last: str) -> bool:
    """The lone number splits into the first and last page, one half exact and the other
    exact or one digit off."""
    if len(lone) != len(first) + len(last):
        return False
    x, y = lone[: len(first)], lone[len(first) :]
    return (x == first and _one_digit_off(y, last)) or (y == last and _one_digit_off(x, first))


def _one_digit_off(x: str, y: str) -> bool:
    """The same number, or one digit of it mistyped in a number of three digits or more (a
    wrong digit in a two-digit number moves the page by up to 90)."""
    differ = sum(i != j for i, j in zip(x, y, strict=True))
    return differ == 0 or (differ == 1 and len(x) >= 3)


_MAX_PAGE_DIGITS = 9  # beyond this a "page" is an identifier: compared as text only


def _overlap(a: Features, b: Features) -> bool:
    """Two page ranges sharing more than one page (`83-113` / `84-114`), `285-95` read as
    `285-295`; neighbours that share a page (`1-10` / `10-20`) do not overlap."""
    range_a, range_b = _numeric_range(a), _numeric_range(b)
    if range_a is None or range_b is None:
        return False
    (f1, l1), (f2, l2) = range_a, range_b
    return min(l1, l2) - max(f1, f2) >= 1


def mistyped_range(a: Features, b: Features) -> bool:
    """Two page ranges of which one looks mistyped, not another article's: the first or the
    last pages one digit apart (`267-284` / `247-261`), each range of three pages or more (an
    erratum or a reply is a page or two), neither starting where the other ends (consecutive
    articles: the parts of one paper)."""
    x, y = _numeric_range(a), _numeric_range(b)
    if x is None or y is None:
        return False
    (f1, l1), (f2, l2) = sorted((x, y))
    if f2 <= l1 + 1:
        return False
    if min(l1 - f1, l2 - f2) < 2:
        return False
    return _digit_typo(str(f1), str(f2)) or _digit_typo(str(l1), str(l2))


def _digit_typo(x: str, y: str) -> bool:
    return len(x) == len(y) and x != y and _one_digit_off(x, y)


def page_span(item: Features) -> int | None:
    """How many pages a numeric range covers (`12104-12113`: 10), None without one."""
    pages = _numeric_range(item)
    return pages[1] - pages[0] + 1 if pages else None


def _numeric_range(item: Features) -> tuple[int, int] | None:
    first, last = item.first_page or "", item.last_page or ""
    if not (first.isdigit() and last.isdigit()) or len(first) > _MAX_PAGE_DIGITS:
        return None
    last = _in_full(first, last)
    if len(last) > _MAX_PAGE_DIGITS or int(last) < int(first):
        return None
    return int(first), int(last)


def _shifted(a: Features, b: Features) -> bool:
    """a's volume, issue and pages moved one field left, as some exports write them: no volume,
    b's volume as the issue, b's issue as a lone page (`, 26, 9` for `26, 9, 1746`)."""
    return (
        a.volume is None
        and a.issue is not None
        and a.issue == b.volume
        and a.last_page is None
        and a.first_page == b.issue
    )


ONE_PAGE_TITLE_WORDS = 6  # a title this long is no column's ("Editor's note", "Book reviews")


def _one_page_copies(a: Features, b: Features) -> bool:
    """Two listings of one single-page item (a conference abstract in a journal supplement, a
    notice) with its page given differently: supplements are paged apart in print and online,
    and an abstract's number is often recorded as its page. The same long title, the same
    people, volume, issue (a monthly column has its own in each) and year; a column of one
    issue has a short title."""
    one_page = all(x.last_page in (None, x.first_page) for x in (a, b))
    same_place = a.volume is not None and (a.volume, a.year, a.issue) == (b.volume, b.year, b.issue)
    long_title = len(a.title_words) >= ONE_PAGE_TITLE_WORDS
    same_work = a.title == b.title and bool(a.people) and a.people == b.people
    return one_page and same_place and long_title and same_work


def _same(x: str | None, y: str | None) -> str | None:
    if not x or not y:
        return None
    return "same" if x == y else "different"


def gather_evidence(a: Features, b: Features, config: MatchConfig) -> dict:
    """Field-by-field comparison of two records; None where a field is missing on either."""
    return complete_evidence(a, b, placement_evidence(a, b), config)


def same_given_year(a: Features, b: Features) -> bool:
    """Both records give one year; a year read from elsewhere in a citation may mislead."""
    return a.year is not None and a.year == b.year


def _year_gap(a: Features, b: Features) -> int | None:
    """Years apart, when both records give a year. A year read from elsewhere in a citation
    string counts only when it agrees: a conference's year in its name (`proceedings of the
    1991 workshop`) need not be the year of publication, and must not keep copies apart."""
    if a.year and b.year:
        if not (a.preprint or b.preprint):  # nearly every pair
            return abs(a.year - b.year)
        low_a, high_a = _years(a)
        low_b, high_b = _years(b)
        return max(0, low_a - high_b, low_b - high_a)
    year_a, year_b = a.year or a.year_cited, b.year or b.year_cited
    return 0 if year_a and year_a == year_b else None


_ARXIV_MONTH = re.compile(r"(?:^|/)(\d\d)(0[1-9]|1[0-2])")  # `1706.03762`, `cs/0112017`


def _years(item: Features) -> tuple[int, int]:
    """The years a record may be of: its year; a preprint's, any from its first version's,
    which its arXiv id dates (`1706.03762`: June 2017), to the year it gives, which arXiv's
    export takes from its latest version (`year = {2023}` for a 2017 paper). A year before
    the first version is no version's (an older work posted later): that year alone."""
    year = item.year or 0
    if not (item.preprint and item.arxiv):
        return year, year
    posted = _ARXIV_MONTH.search(item.arxiv)
    if posted is None:
        return year, year
    two = int(posted.group(1))
    first = (1900 if two >= 91 else 2000) + two  # arXiv began in August 1991
    return (first, year) if first <= year else (year, year)


def placement_evidence(a: Features, b: Features) -> dict:
    """The cheap comparisons, of the fields that place a publication: all the vetoes read.

    Most candidate pairs of a large input are vetoed on these alone, so the costly similarities
    are computed only for the pairs that pass (`complete_evidence`).
    """
    pages = page_agreement(a, b)
    if pages == "different" and (_shifted(a, b) or _shifted(b, a) or _one_page_copies(a, b)):
        pages = None
    year_gap = _year_gap(a, b)
    volume = _same(a.volume, b.volume)
    if volume == "different" and same_given_year(a, b) and same_page_range(a, b):
        volume = None  # one article's place, in one year: a volume mistyped or an issue for it
    if a.preprint != b.preprint:
        # A preprint's pages and volume place no published article: Google Scholar gives an
        # arXiv paper `volume={6}, pages={8}` (a page count).
        pages = volume = None
    return {
        "year_gap": year_gap,
        "pages": pages,
        "volume": volume,
        "doi": _same(a.doi, b.doi),
        "arxiv": _same(a.arxiv, b.arxiv),
        "number": _same(a.report_number, b.report_number),
        "isbn": _isbn_agreement(a, b),
    }


def _isbn_agreement(a: Features, b: Features) -> str | None:
    """Whether two whole books share an ISBN; None unless both give one. Other ISBNs are no
    disagreement: a hardcover and a paperback, or a reprint, of one book have their own."""
    if not (a.isbns and b.isbns):
        return None
    return "same" if a.isbns & b.isbns else "different"


def complete_evidence(a: Features, b: Features, placement: dict, config: MatchConfig) -> dict:
    """`placement` with the similarities added, every field in the order evidence is shown."""
    venue = same_venue(a.record.venue, b.record.venue)
    abstract = placement["abstract"] if "abstract" in placement else abstract_evidence(a, b, config)
    return {
        "title": round(title_similarity(a.title, b.title), 4) if a.title and b.title else None,
        "abstract": abstract,
        "authors": authors_evidence(a, b),
        "year_gap": placement["year_gap"],
        "venue": None if venue is None else ("same" if venue else "different"),
        "pages": placement["pages"],
        "volume": placement["volume"],
        "doi": placement["doi"],
        "arxiv": placement["arxiv"],
        "number": placement["number"],
        "isbn": placement["isbn"],
    }


def abstract_evidence(a: Features, b: Features, config: MatchConfig) -> float | None:
    """The abstracts' similarity as evidence shows it (rounded), None without two abstracts."""
    return _round(abstract_similarity(a, b, config))


def authors_evidence(a: Features, b: Features) -> int | None:
    """People in common, None when a side names nobody."""
    return shared_people(a, b) if a.people and b.people else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
