"""The records that travel between pipeline stages.

Readers produce `Record`s, each carrying its `Source` (provenance); the merge stage produces
`Paper`s that keep every record they were built from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

# Prefix of a stand-in title made from the abstract; readers treat such a title as no title.
UNTITLED = "[Untitled]"
# pubdedup's note on an abstract it wrote cut off: read back, the abstract is known to be cut.
TRUNCATED_NOTE = "Abstract cut off on the source page"
# Fields carried from the sources to the output as they are, beyond those pubdedup compares:
# what a bibliography style prints or a reference manager files (BibTeX names).
PASSED_FIELDS = (
    "url",
    "urldate",
    "file",  # a reference manager's link to its PDF (JabRef's `:paper.pdf:PDF`, Zotero's path)
    "month",
    "publisher",
    "address",
    "editor",
    "edition",
    "series",
    "organization",
    "type",
    "isbn",
    "issn",
    "pmid",  # PubMed's id (JabRef's field; CSL's `PMID`)
    "keywords",
    "language",
    "chapter",
    "eid",  # an article's number, which biblatex prints where it has no pages
    "primaryclass",  # an arXiv paper's category (`cs.CV`), which biblatex prints with its id
    "key",  # what styles sort and label an entry by when it names no author or editor
    "annote",  # a person's annotation, which annotated styles print
    "note",
)
PASSED = frozenset(PASSED_FIELDS)  # the same names, to look one up

# The field each BibTeX entry type names its venue in (others: `howpublished`).
VENUE_FIELD = {
    "inproceedings": "booktitle",
    "conference": "booktitle",  # BibTeX's alias of `inproceedings`, Scopus's `@CONFERENCE`
    "article": "journal",
    "techreport": "institution",
    "phdthesis": "school",
    "mastersthesis": "school",
    "incollection": "booktitle",
}


@dataclass(frozen=True, slots=True)
class Source:
    """Where one input record came from."""

    file: str  # the input path as given on the command line ("-" for stdin)
    index: int  # 0-based position of the record in that input
    line: int | None  # 1-based line where the record starts
    id: str | None = None  # the record's own id (BibTeX key, CSV id column), if any
    owner: str | None = None  # the author page's owner, for page inputs

    @property
    def sort_key(self) -> tuple[str, int]:
        """Identity used for every tie-break, so results never depend on input order."""
        return (self.file, self.index)


@dataclass(frozen=True, slots=True)
class Record:
    """One publication as one input shows it. Empty fields are None or ()."""

    source: Source
    title: str | None = None
    authors: tuple[str, ...] = ()
    year: int | None = None
    venue: str | None = None
    abstract: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    volume: str | None = None
    number: str | None = None  # issue number, or a report's / standard's own number (RFC 2616)
    pages: str | None = None
    entry_type: str | None = None  # the input's own type (BibTeX), if any
    # A database's document type, where the input gives one: a conference or meeting abstract
    # (True) or another kind of document (False). None: the input does not say.
    meeting_abstract: bool | None = None
    extra: tuple[tuple[str, str], ...] = ()  # other fields kept verbatim (pages, volume, …)
    # `extra` holds an entry's BibTeX fields (a BibTeX input, or the `fields` an earlier run's
    # JSON passed on): all but those pubdedup computes pass to the output (passed.py). Other
    # readers' `extra` holds their own columns, of which PASSED_FIELDS pass.
    bibtex_fields: bool = False
    truncated: bool = False  # the abstract was cut off in the input
    authors_complete: bool = False  # True when the input lists every author (not a page)
    authors_cut: bool = False  # the input's list ends in `and others` / `et al.`
    # Title words the input protects from case changes (BibTeX braces), as text.
    protected: tuple[str, ...] = ()
    # Author and editor names the input wrote as one brace group (`{Google Research}`): each
    # one name, never split into given and family names. Apart from `protected`: a name that
    # is also a braced phrase of the title (`Tribute to {Richard Hamming}`) is a person still.
    braced_names: tuple[str, ...] = ()
    merged: bool = False  # a paper of an earlier run's JSON output: already deduplicated
    # Such a paper's own records, as that run named them (its `sources`): decisions about
    # them move the paper too.
    held: tuple[Source, ...] = ()
    # Such a paper's `related` keys: the papers of its output that run linked as versions.
    related: tuple[str, ...] = ()
    # … and the maybe pairs that run left between its records and another paper's, unreviewed:
    # (the other paper's key, the rule, the score) each.
    left_maybe: tuple[tuple[str, str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    """A recoverable problem in an input: reported, never fatal unless --strict."""

    file: str
    line: int | None
    kind: str  # short machine-readable tag, e.g. "truncated-abstract"
    message: str
    # What the problem is about, for code that weighs problems across inputs (an
    # `unknown-column` problem's column, as the option named it); not shown, not in the JSON.
    subject: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(slots=True)
class ReadResult:
    """What a reader found in one input: its records, its problems, and a page's owner."""

    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    owner: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """Why two records were judged the same paper (or nearly so)."""

    a: Source
    b: Source
    score: float
    rule: str
    evidence: dict[str, float | int | str | None] = field(default_factory=dict)
    # The measure the rule compared and the thresholds it compared it with (None for
    # identifiers and a person's decisions): see pubdedup/thresholds.py.
    threshold: dict[str, float | str | None] | None = None


@dataclass(frozen=True, slots=True)
class Related:
    """Another paper that is a version of the same work (kept apart by `keep_versions`)."""

    key: str  # the other paper's key
    link: Link  # the strongest evidence found between the two


@dataclass(slots=True)
class Paper:
    """One output publication, merged from one or more records."""

    key: str
    entry_type: str
    title: str
    title_inferred: bool
    authors: list[str]
    year: int | None
    venue: str | None
    abstract: str | None
    doi: str | None
    arxiv: str | None
    records: list[Record]
    links: list[Link] = field(default_factory=list)
    truncated: bool = False
    volume: str | None = None
    number: str | None = None
    pages: str | None = None
    related: list[Related] = field(default_factory=list)  # versions kept apart
    # Pairs of its records whose veto was lifted, a typo forgiven (forgiven.py): for `explain`.
    forgiven: list[Link] = field(default_factory=list)
    # Papers a person's `different` decision keeps apart from this one: for `explain`.
    parted: list[Related] = field(default_factory=list)
    # The author list is known to be cut short (`and others`), and no source lists them all.
    authors_cut: bool = False
    protected: tuple[str, ...] = ()  # title words a source braced
    braced_names: tuple[str, ...] = ()  # author and editor names a source braced as one
    # Fields passed from the sources (passed.py), (name, value) in a fixed order: PASSED_FIELDS
    # (plain text) in their order, then a BibTeX source's others (raw LaTeX) by name.
    fields: tuple[tuple[str, str], ...] = ()
    # What the sources' document types say (Record.meeting_abstract): kept in the JSON output
    # so that a paper read back is still told from its article.
    meeting_abstract: bool | None = None


def record_values(record: Record) -> tuple:
    """A record as plain tuples, to send to another process: pickling a million dataclasses
    costs twice as much."""
    source = record.source
    values = (source.file, source.index, source.line, source.id, source.owner)
    return (values, *(getattr(record, name) for name in _RECORD_FIELDS))


def record_from_values(values: tuple, index_offset: int = 0) -> Record:
    """The record `record_values` gave, its position in its input moved by `index_offset`."""
    file, index, line, id_, owner = values[0]
    return Record(Source(file, index + index_offset, line, id_, owner), *values[1:])


_RECORD_FIELDS = [f.name for f in fields(Record)][1:]  # after `source`
