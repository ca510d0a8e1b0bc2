"""Hypothesis strategies: near-valid inputs for every reader, and near-duplicate records.

Random Unicode rarely gets past a reader's first check, so most strategies here assemble inputs
from the pieces real files are made of: a page header, name lines, titles, venue/year lines and
abstracts cut off anywhere; BibTeX with `@string`, `#`, accents, comments and stray braces; CSV
and RIS with quotes, entities and missing end tags. The well-formed ones also return what a
reader must find in them, so properties can check the records and not only the absence of errors.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
from dataclasses import dataclass, replace

from hypothesis import strategies as st

from pubdedup.model import Record, Source
from pubdedup.normalize import match_text
from pubdedup.readers.page import parse_venue

# --- vocabulary -------------------------------------------------------------------------------

FIRST_NAMES = [
    "Lucas", "Alexander", "Xiaohua", "Hexiang", "Jean-Baptiste", "Zoë", "André", "Ada",
    "Hsueh-Ti (Derek)", "Kwang Moo", "Ming-Wei", "Matan", "Noha", "J.", "Łukasz", "Siân",
]  # fmt: skip
LAST_NAMES = [
    "Beyer", "Kolesnikov", "Zhai", "Hu", "Alayrac", "Müller", "Nowrouzezahrai", "O'Neil",
    "van Gemert", "de la Cruz", "Lovelace", "Sela", "Yi", "Chang", "Šimánek", "Ng",
]  # fmt: skip
TITLE_WORDS = [
    "scaling", "vision", "transformers", "robust", "learning", "representations", "images",
    "self-supervised", "video", "language", "models", "neural", "fields", "mesh", "dataset",
    "simplification", "benchmark", "generator", "distillation", "attention", "networks",
    "sparse", "mixture", "experts", "zero-shot", "transfer", "semi-supervised", "efficient",
    "training", "multilingual", "detection", "segmentation", "retrieval", "contrastive",
    "geometry", "operators", "diffusion", "rendering", "3D", "ImageNet", "ViT-22B", "PaLI-X",
    "“quoted”", "café", "naïve", "pediatric", "adult", "graph", "kernels", "entities",
]  # fmt: skip
CONNECTORS = ["of", "for", "with", "and", "in", "on", "via", "towards", "beyond", "at"]
SYSTEM_NAMES = ["Kubric", "MLP-Mixer", "PaLI", "OVEN", "S4L", "BiT", "QuoteNet"]
ABSTRACT_WORDS = [
    *TITLE_WORDS, *CONNECTORS, "we", "present", "a", "the", "model", "that", "achieves",
    "82.8%", "top-1", "accuracy", "(ViT)", "state-of-the-art", "results", "many", "tasks",
    "data", "is", "2021", "e.g.", "“mixing”", "non\u00a0breaking", "10B", "show", "these",
]  # fmt: skip
VENUES = [
    "{y}",
    "arXiv (2019)",
    "Conference on Computer Vision and Pattern Recognition ({y})",
    "NeurIPS {y} (poster)",
    "International Conference on Computer Vision (ICCV) ({y})",
    "Transactions on Machine Learning Research ({y})",
    "Nature Communications, vol. 12 ({y})",
    "ICLR ({y})",
]
HEADINGS = ["Authored Publications", "Google Publications", "Other Publications"]
SORT_OPTIONS = ["• Title", "• Title, descending", "• Year", "• Year, descending", "Year, desc"]
# Characters that trip line handling and normalisation: control characters, Unicode line
# separators, invisible and combining characters, surrogate-free astral characters.
NASTY = "\x00\x0b\x0c\x1c\x85\u2028\u2029\r\n\t\u00a0\u200b\ufeff\u0301{}\\\"'@#%,;|=~$&_^😀"

years = st.integers(1990, 2025)


def pick(draw, options):
    """One of `options` (shrinking towards the first). Cheaper than a new sampled_from per draw."""
    return options[draw(st.integers(0, len(options) - 1))]


names = st.builds("{} {}".format, st.sampled_from(FIRST_NAMES), st.sampled_from(LAST_NAMES))


@st.composite
def _titles(draw) -> str:
    """A realistic title: content words with a connector (so it never reads as a name)."""
    body = draw(st.lists(st.sampled_from(TITLE_WORDS), min_size=2, max_size=7))
    body.insert(draw(st.integers(1, len(body) - 1)), pick(draw, CONNECTORS))
    text = " ".join(body)
    text = text[0].upper() + text[1:]
    if draw(st.booleans()):
        text = f"{pick(draw, SYSTEM_NAMES)}: {text}"
    if draw(st.integers(0, 5)) == 0:
        text += pick(draw, [", Part II", " (Version 3)", ", Part I"])
    return text


def _sentence(rng: random.Random) -> str:
    text = " ".join(rng.choices(ABSTRACT_WORDS, k=rng.randint(3, 16)))
    return text[0].upper() + text[1:] + "."


# Drawn from a fixed pool: building each sentence word by word made generation most of the cost.
SENTENCES = [_sentence(random.Random(seed)) for seed in range(400)]
sentences = st.sampled_from(SENTENCES)
abstracts = st.lists(sentences, min_size=2, max_size=6).map(" ".join)
titles = _titles()


def norm(text: str | None) -> str | None:
    """Text as readers normalise spacing (NBSP and runs of spaces become one space)."""
    return " ".join(text.split()) if text is not None else None


# --- author pages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PageEntry:
    """One generated entry and what the reader must make of it."""

    title: str | None
    authors: tuple[str, ...]
    venue_line: str | None
    abstract: str | None
    complete: bool  # ends with "View details"
    multiline: bool

    def lines(self, indent: str, widths: list[int]) -> list[str]:
        """The entry's lines; a multi-line abstract wraps after `widths[i]` sentences."""
        out = []
        if self.title is not None:
            out += [self.title, *self.authors, self.venue_line or ""]
        if self.abstract is not None:
            end = " View details" if self.complete else ""
            if self.multiline:
                out += ["Preview abstract", *_wrap(self.abstract, widths)]
                out += ["View details"] if self.complete else []
            else:
                out.append(f"Preview abstract {self.abstract}{end}")
        return [indent + line for line in out]

    def expected(self) -> tuple:
        venue, year = parse_venue(self.venue_line) if self.venue_line else (None, None)
        abstract = norm(self.abstract) or None
        return (norm(self.title), tuple(self.authors), venue, year, abstract, not self.complete)


def _wrap(text: str, widths: list[int]) -> list[str]:
    """Split text into paragraphs at sentence ends, `widths[i]` sentences each, the rest on the
    last line. Pages break an abstract only between its paragraphs: a line cut after any word
    (`Robust PaLI-X` / `2021 transformers.`) reads as a names line and a venue line."""
    tokens, lines, i = re.split(r"(?<=\.) ", text), [], 0
    for width in widths or [len(tokens)]:
        if i >= len(tokens):
            break
        lines.append(" ".join(tokens[i : i + width]))
        i += width
    if i < len(tokens):
        lines.append(" ".join(tokens[i:]))
    return lines


@st.composite
def page_entries(draw, after_cut: bool = False, titled: bool = False):
    """An entry: abstract-only, or titled (names, venue line) with or without an abstract.

    `titled`: not abstract-only; `after_cut`: a titled entry has an author line. Pages use them to
    avoid what the format itself leaves ambiguous: an abstract-only entry right after a titled
    entry without an abstract reads as that entry's abstract, and a title and venue line right
    after a cut-off abstract read as more of that abstract.
    """
    kind = pick(
        draw, ["titled", "titled+abstract"] if titled else ["abstract", "titled", "titled+abstract"]
    )
    title = authors = venue = None
    if kind != "abstract":
        title = draw(titles)
        authors = tuple(draw(st.lists(names, min_size=1 if after_cut else 0, max_size=6)))
        venue = pick(draw, VENUES).format(y=draw(years))
        if venue.isdigit():
            venue = f"({venue})"
    abstract = draw(abstracts) if kind != "titled" else None
    complete = True
    if abstract is not None and draw(st.integers(0, 3)) == 0:
        complete = False
        cut = draw(st.integers(20, max(20, len(abstract) - 1)))
        # A cut at a sentence's end reads as a whole abstract on a page without `View details`.
        abstract = abstract[:cut].rstrip().rstrip(".!?")
    return PageEntry(
        title, authors or (), venue, abstract, complete, draw(st.booleans()) and bool(abstract)
    )


@st.composite
def page_headers(draw) -> tuple[list[str], str | None]:
    """A header as saved from a people page (lines), and its owner."""
    owner = draw(names)
    lines: list[str] = []

    def blanks():
        lines.extend([""] * draw(st.integers(0, 2)))

    if draw(st.booleans()):
        lines.append("Jump to Content")
    blanks()
    lines.append(owner)
    blanks()
    if draw(st.booleans()):
        lines.append(owner)
    if draw(st.booleans()):
        lines.append(f"{owner.split()[0]} works on {draw(sentences)[:-1].lower()} since 2019.")
        blanks()
    lines += pick(draw, [[], ["Personal Webpage"], ["[Homepage]"]])
    if draw(st.booleans()):
        lines += ["Research Areas", "Machine Intelligence", "Machine Perception"]
    lines += draw(
        st.lists(st.sampled_from(HEADINGS), min_size=1, max_size=3, unique=True).map(
            lambda hs: sorted(hs, key=HEADINGS.index)
        )
    )
    if draw(st.booleans()):
        lines.append(pick(draw, ["Sort By", "Sort by"]))
        options = draw(st.lists(st.sampled_from(SORT_OPTIONS), max_size=4, unique=True))
        lines += ["  " + o for o in options]
    return lines, owner


@dataclass(frozen=True)
class Page:
    """A generated page dump: its text, and the entries and owner the reader must find."""

    text: str
    owner: str | None
    entries: tuple[PageEntry, ...]
    starts: tuple[int, ...]  # 1-based line of each entry


@st.composite
def pages(draw) -> Page:
    """A well-formed page dump with a header (or none) and entries in any of the layouts."""
    header, owner = draw(page_headers()) if draw(st.integers(0, 4)) else ([], None)
    n = draw(st.integers(0, 8))
    entries: list[PageEntry] = []
    for i in range(n):
        previous = entries[-1] if entries else None
        after_cut = bool(previous and previous.abstract is not None and not previous.complete)
        # A headerless page starts at a title followed by names, or at an abstract.
        after_cut = after_cut or (not header and i == 0)
        titled = bool(previous and previous.abstract is None)
        entries.append(draw(page_entries(after_cut=after_cut, titled=titled)))
    indent = pick(draw, ["", "    ", "  "])
    lines = list(header)
    starts = []
    for entry in entries:
        lines.extend([""] * draw(st.integers(0, 1)))
        starts.append(len(lines) + 1)
        widths = draw(st.lists(st.integers(1, 3), max_size=6))
        lines += entry.lines(indent, widths)
    if draw(st.booleans()):
        lines.append(indent + "No Results Found")
    newline = pick(draw, ["\n", "\r\n"])
    text = newline.join(lines) + pick(draw, ["", newline])
    if draw(st.booleans()):
        text = "\ufeff" + text
    return Page(text, owner, tuple(entries), tuple(starts))


@st.composite
def mangled(draw, texts, alphabet: str = NASTY) -> str:
    """A text cut off somewhere, with characters and lines deleted, repeated or inserted."""
    text = draw(texts)
    for _ in range(draw(st.integers(0, 4))):
        op = pick(draw, ["cut", "delete", "insert", "dup-line", "drop-line"])
        at = draw(st.integers(0, len(text)))
        if op == "cut":
            text = text[:at]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif op == "insert":
            junk = draw(st.text(st.sampled_from(alphabet) | st.characters(), max_size=8))
            text = text[:at] + junk + text[at:]
        else:
            lines = text.split("\n")
            k = draw(st.integers(0, len(lines) - 1))
            lines[k : k + 1] = [lines[k]] * 2 if op == "dup-line" else []
            text = "\n".join(lines)
    return text


page_texts = st.one_of(
    st.text(),
    st.text(st.sampled_from(NASTY) | st.characters(max_codepoint=0x24F)),
    mangled(pages().map(lambda p: p.text)),
    st.lists(
        st.sampled_from(
            [
                "Preview abstract",
                "View details",
                "Sort By",
                "• Title",
                "Jump to Content",
                "Authored Publications",
                "No Results Found",
                "(2022)",
                "arXiv (2019)",
                "Lucas Beyer",
                "Kubric: A scalable dataset generator",
                "",
                "    ",
                "Preview abstract We study it. View details",
                "Hsueh-Ti (Derek) Liu",
            ]
        )  # fmt: skip
        | st.text(max_size=30)
    ).map("\n".join),
)


# --- BibTeX -----------------------------------------------------------------------------------

# (LaTeX, the plain text the reader must decode it to)
LATEX_PIECES = [
    ('{\\"u}ber', "über"),
    ('Lud{\\"a}scher', "Ludäscher"),
    ("Caf\\'e", "Café"),
    ("Stra{\\ss}e", "Straße"),
    ("Fran\\c{c}ois", "François"),
    ("Erd\\H{o}s", "Erdős"),
    ("{ViT}", "ViT"),
    ("{ImageNet}", "ImageNet"),
    ("50\\%", "50%"),
    ("R\\&D", "R&D"),
]
WORD_PIECES = [(w, w) for w in TITLE_WORDS if not any(c in w for c in "“”")] + [
    (c, c) for c in CONNECTORS
]
pieces = st.sampled_from(LATEX_PIECES) | st.sampled_from(WORD_PIECES)
latex_texts = st.lists(pieces, min_size=1, max_size=8).map(
    lambda ps: (" ".join(p[0] for p in ps), " ".join(p[1] for p in ps))
)
BIB_NAMES = [
    ('M{\\"u}ller, Hans', "Müller, Hans"),
    ("Lucas Beyer", "Lucas Beyer"),
    ("Kolesnikov, A.", "Kolesnikov, A."),
    ("Jan van Gemert", "Jan van Gemert"),
    ("{Barnes and Noble}", "Barnes and Noble"),
    ("Fran\\c{c}ois Fleuret", "François Fleuret"),
]


@dataclass(frozen=True)
class BibEntry:
    key: str
    title: str | None  # plain text expected
    authors: tuple[str, ...]
    year: int | None
    venue: str | None
    text: str


def _delimit(value: str, style: str) -> str:
    return f'"{value}"' if style == "quote" else f"{{{value}}}"


@st.composite
def bib_entries(draw, key: str, macros: dict[str, str]) -> BibEntry:
    entry_type = pick(draw, ["article", "ARTICLE", "InProceedings", "misc", "book"])
    fields: list[str] = []
    title = author_names = venue = year = None
    style = st.sampled_from(["brace", "quote"])
    if draw(st.integers(0, 5)):
        latex, title = draw(latex_texts)
        fields.append(f"{pick(draw, ['title', 'Title', 'TITLE'])} = "
                      f"{_delimit(latex, draw(style))}")  # fmt: skip
    if draw(st.booleans()):
        people = draw(st.lists(st.sampled_from(BIB_NAMES), min_size=1, max_size=4))
        raw = " and ".join(p[0] for p in people)
        if draw(st.integers(0, 4)) == 0:
            raw += " and others"
        fields.append(f"author = {_delimit(raw, draw(style))}")
        author_names = tuple(p[1] for p in people)
    if draw(st.booleans()):
        year = draw(years)
        form = pick(draw, ["{y}", "{{{y}}}", '"{y}"'])
        fields.append("year = " + form.format(y=year))
    if macros and draw(st.booleans()):
        macro = pick(draw, sorted(macros))
        fields.append(f'journal = {macro} # " {year or 2000}"')
        venue = f"{macros[macro]} {year or 2000}"
    elif draw(st.booleans()):
        latex, venue = draw(latex_texts)
        fields.append(f"booktitle = {_delimit(latex, draw(style))}")
    if draw(st.booleans()):
        fields.append(f"month = {pick(draw, ['jan', 'Feb', 'DEC'])}")
    if draw(st.booleans()):
        fields.append(f"doi = {{10.{draw(st.integers(1000, 9999))}/x.{draw(st.integers(0, 99))}}}")
    if draw(st.booleans()):
        fields.append(f"abstract = {{{draw(abstracts)}}}")
    sep = pick(draw, [",\n  ", ", ", ",\n\t"])
    trailing = pick(draw, ["", ","]) if fields else ""
    text = f"@{entry_type}{{{key},{sep[1:]}{sep.join(fields)}{trailing}\n}}"
    if entry_type in ("misc", "book") and title and match_text(venue) == match_text(title):
        venue = None  # a book's title repeated as its booktitle names no venue
    return BibEntry(key, title, author_names or (), year, venue, text)


@dataclass(frozen=True)
class Bib:
    text: str
    entries: tuple[BibEntry, ...]


@st.composite
def bibs(draw) -> Bib:
    """A well-formed BibTeX file: @string macros, entries, comments, preamble, junk between."""
    macros = {}
    chunks = []
    for name in draw(st.lists(st.sampled_from(["cvpr", "jmlr", "Nat", "pami"]), unique=True)):
        value = pick(draw, ["Conference on Computer Vision", "J. Mach. Learn. Res."])
        macros[name.lower()] = value
        chunks.append(f'@{pick(draw, ["string", "STRING"])}{{{name} = "{value}"}}')
    entries = []
    keys = draw(st.lists(st.from_regex(r"[A-Za-z][A-Za-z0-9:_.\-]{0,12}", fullmatch=True),
                         max_size=6))  # fmt: skip
    for key in keys:
        entry = draw(bib_entries(key, macros))
        entries.append(entry)
        chunks.append(entry.text)
        extras = [
            "% a line comment with an @ sign and } brace",
            "@comment{an @article{fake, title={Fake}} inside a comment}",
            '@preamble{"\\newcommand{\\noopsort}[1]{}"}',
            "Free text between entries is an implicit comment.",
            "",
        ]
        chunks += draw(st.lists(st.sampled_from(extras), max_size=2))
    return Bib("\n".join(chunks) + "\n", tuple(entries))


bib_texts = st.one_of(
    st.text(),
    mangled(bibs().map(lambda b: b.text), alphabet='{}"@#,=%~\n\\'),
    st.lists(
        st.sampled_from(
            [
                "@article{",
                "@string{",
                "@comment{",
                "@preamble{",
                "}",
                "{",
                '"',
                " # ",
                "=",
                ",",
                "title = ",
                "author = {A and B}",
                "\n",
                "% x",
                "\\'e",
                '{\\"u}',
                "@",
                "k1",
            ]
        )  # fmt: skip
        | st.text(max_size=10)
    ).map("".join),
)


# --- CSV, RIS, JSON ---------------------------------------------------------------------------

CSV_HEADERS = ["id", "title", "authors", "year", "venue", "journal", "abstract", "doi", "pages",
               "Notes", "Title", "Publication Year", "type"]  # fmt: skip
CSV_CELL_WORDS = [
    *TITLE_WORDS,
    "Journal Article",
    "Lud&#228;scher",
    "&amp;",
    "O'Neil",
    "2020",
    "12-34",
]


@st.composite
def csv_tables(draw) -> tuple[str, list[list[str]]]:
    """A CSV/TSV written by a spreadsheet, and the non-blank data rows in it."""
    header = draw(st.lists(st.sampled_from(CSV_HEADERS), min_size=2, max_size=6, unique=True))
    if "title" not in header:
        header[0] = "title"
    cell = st.lists(st.sampled_from(CSV_CELL_WORDS), min_size=1, max_size=6).map(" ".join)
    rows = draw(st.lists(st.lists(cell, min_size=len(header), max_size=len(header)), max_size=8))
    delimiter = pick(draw, [",", ";", "\t", "|"])
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=pick(draw, ["\n", "\r\n"])
               ).writerows([header, *rows])  # fmt: skip
    return out.getvalue(), rows


csv_texts = st.one_of(
    st.text(),
    mangled(csv_tables().map(lambda t: t[0]), alphabet=',;\t|"\n\r'),
    st.lists(
        st.lists(st.sampled_from(['"', ",", "title", "a\nb", '""', ";", "\t", "x"])).map("".join)
    ).map("\n".join),  # fmt: skip
)


@st.composite
def ris_files(draw) -> tuple[str, list[str | None]]:
    """An RIS export and the title of each of its records (None when it has none)."""
    records, expected = [], []
    for _ in range(draw(st.integers(1, 5))):
        lines = [f"TY  - {pick(draw, ['JOUR', 'CONF', 'RPRT', 'BOOK', 'XXXX'])}"]
        title = draw(titles) if draw(st.integers(0, 4)) else None
        if title:
            lines.append(f"{pick(draw, ['TI', 'T1'])}  - {title}")
        lines += [f"AU  - {n}" for n in draw(st.lists(names, max_size=3))]
        lines += draw(st.lists(st.sampled_from(
            [f"PY  - {draw(years)}", "JO  - Journal of Things", "AB  - An abstract.",
             "DO  - 10.1000/xyz", "ID  - rec1", "SP  - 12", "EP  - 20", "ZZ  - unknown tag"]),
            max_size=4))  # fmt: skip
        lines.append("ER  - ")
        records.append("\n".join(lines))
        expected.append(title)
    return "\n\n".join(records) + "\n", expected


ris_texts = st.one_of(
    st.text(),
    mangled(ris_files().map(lambda r: r[0]), alphabet="TYER -\n\r"),
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
PAPER_KEYS = ["key", "type", "title", "title_inferred", "authors", "year", "venue", "abstract",
              "abstract_truncated", "doi", "arxiv", "sources"]  # fmt: skip
papers_json = st.dictionaries(st.sampled_from(PAPER_KEYS), json_values, max_size=12)
json_texts = st.one_of(
    st.text(),
    st.builds(
        lambda ps, extra: json.dumps({"pubdedup": "0.1.0", "papers": ps, **extra}),
        st.lists(papers_json | json_values, max_size=5),
        st.dictionaries(st.text(max_size=5), json_values, max_size=2),
    ),
    json_values.map(json.dumps),
    mangled(st.just('{"papers": [{"title": "T", "authors": ["A B"], "year": 2020}]}')),
)


# --- near-duplicate records for the pipeline --------------------------------------------------

FILES = {"a.txt": "page", "b.txt": "page", "c.bib": "bibtex", "d.csv": "csv", "e.ris": "ris"}
RECORD_VENUES = ["arXiv", "NeurIPS", "Conference on Neural Information Processing Systems",
                 "International Conference on Machine Learning", "Nature", "Journal of Things",
                 "CVPR", "SIGMOD Conference"]  # fmt: skip


@dataclass(frozen=True)
class Work:
    """A publication the generated records are copies of."""

    title: str
    authors: tuple[str, ...]
    year: int
    venue: str | None
    abstract: str | None
    doi: str | None
    arxiv: str | None


works = st.builds(
    Work,
    title=titles,
    authors=st.lists(names, min_size=1, max_size=5, unique=True).map(tuple),
    year=st.integers(2015, 2023),
    venue=st.none() | st.sampled_from(RECORD_VENUES),
    abstract=st.none() | abstracts,
    doi=st.none() | st.integers(1, 50).map("10.1145/{}".format),
    arxiv=st.none() | st.integers(1000, 1020).map("2106.0{}".format),
)


def _typo(draw, text: str) -> str:
    if len(text) < 2:
        return text
    at = draw(st.integers(0, len(text) - 2))
    op = pick(draw, ["delete", "double", "swap", "case", "word"])
    if op == "delete":
        return text[:at] + text[at + 1 :]
    if op == "double":
        return text[:at] + text[at] + text[at:]
    if op == "swap":
        return text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    if op == "case":
        return text.lower() if draw(st.booleans()) else text.upper()
    ws = text.split()
    k = draw(st.integers(0, len(ws)))
    return " ".join(ws[:k] + [pick(draw, TITLE_WORDS)] + ws[k:])


def _name_variant(draw, name: str) -> str:
    first, _, last = name.rpartition(" ")
    return pick(draw, [name, f"{last}, {first}", f"{first[:1]}. {last}", last])


def _title_copy(draw, title: str) -> str | None:
    kind = pick(draw, ["same", "typo", "typo2", "subtitle", "none"])
    if kind == "typo2":
        return _typo(draw, _typo(draw, title))
    if kind == "typo":
        return _typo(draw, title)
    if kind == "subtitle":
        return f"{title}: {draw(titles)}"
    return title if kind == "same" else None


def copy_of(draw, work: Work) -> dict:
    """The fields of one copy of a work, as some input shows it (without provenance)."""
    title_text = _title_copy(draw, work.title)
    authors = list(work.authors[::-1] if draw(st.booleans()) else work.authors)
    authors = [_name_variant(draw, a) for a in authors[: draw(st.integers(0, len(authors)))]]
    abstract, truncated = work.abstract, False
    if abstract and draw(st.booleans()):
        choice = pick(draw, ["cut", "drop-sentence", "typo", "none"])
        if choice == "cut":
            abstract, truncated = abstract[: draw(st.integers(10, len(abstract)))], True
        elif choice == "drop-sentence":
            parts = abstract.split(". ")
            del parts[draw(st.integers(0, len(parts) - 1))]
            abstract = ". ".join(parts)
        elif choice == "typo":
            abstract = _typo(draw, abstract)
        else:
            abstract = None
    if title_text is None and abstract is None:
        title_text = work.title
    return {
        "title": title_text,
        "authors": tuple(authors),
        "year": pick(draw, [work.year, work.year, work.year + 1, work.year - 1, None]),
        "venue": pick(draw, [work.venue, work.venue, "arXiv", None]),
        "abstract": abstract,
        "truncated": truncated,
        "doi": work.doi if draw(st.booleans()) else None,
        "arxiv": work.arxiv if draw(st.booleans()) else None,
        "pages": pick(draw, [None, None, "12--20", "13--21", "1"]),
        "volume": pick(draw, [None, None, "3", "4"]),
    }


@st.composite
def record_sets(draw, max_works: int = 6) -> list[Record]:
    """Records from several inputs: copies of a few works, perturbed, plus look-alikes."""
    works_ = draw(st.lists(works, min_size=1, max_size=max_works))
    if draw(st.booleans()):  # a look-alike: another work with a nearly equal title
        base = pick(draw, works_)
        works_.append(replace(draw(works), title=_typo(draw, base.title)))
    fields = [copy_of(draw, w) for w in works_ for _ in range(draw(st.integers(1, 4)))]
    files = [pick(draw, sorted(FILES)) for _ in fields]
    owners = {f: draw(names) for f in FILES if FILES[f] == "page"}
    records, counts = [], dict.fromkeys(FILES, 0)
    for copy, file in zip(fields, files, strict=True):
        page = FILES[file] == "page"
        index = counts[file]
        counts[file] += 1
        source = Source(file, index, index * 7 + 1, None if page else f"k{index}", owners.get(file))
        record = Record(source=source, authors_complete=not page and bool(copy["authors"]), **copy)
        if not page and draw(st.booleans()):
            kind = pick(draw, ["article", "misc", "Journal Article", "inproceedings"])
            record = replace(record, entry_type=kind)
        records.append(record)
    return records


@st.composite
def _record_pairs(draw) -> tuple[Record, Record]:
    """Two records: copies of one work, of look-alike works, or of unrelated works."""
    first = draw(works)
    second = pick(draw, ["same", "look-alike", "other"])
    if second == "look-alike":
        other = replace(draw(works), title=_typo(draw, first.title))
    else:
        other = first if second == "same" else draw(works)
    pair = []
    for work in (first, other):
        file = pick(draw, sorted(FILES))
        page = FILES[file] == "page"
        owner = draw(names) if page else None
        source = Source(file, len(pair), 1, None, owner)
        copy = copy_of(draw, work)
        pair.append(
            Record(source=source, authors_complete=not page and bool(copy["authors"]), **copy)
        )
    return pair[0], pair[1]


record_pairs = _record_pairs()
