"""The error model, one case per row of README "Errors and exit codes" (same ids).

Every case runs `pubdedup merge INPUT... -f json -o OUT` with OUT holding an older output, and
checks the exit code, stderr (one line per message, naming the file and line; never a
traceback), and that OUT is replaced only by a successful run, with no temp file left behind.
A case with `--into LIBRARY` updates that library instead, which a failed run leaves as it was.
Signals, a closed stdout and a full disk are in test_faults.py.
"""

from __future__ import annotations

import codecs
import errno
import importlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from pubdedup import files
from pubdedup.cli import main
from tests.conftest import DATA, EXAMPLES, ROOT, read

README = (ROOT / "README.md").read_text(encoding="utf-8")
SEED = EXAMPLES / "004_fa9fe8a296857bdd.txt"  # Lucas Beyer's page, 14 entries
SAVED_HTML = DATA / "html" / "beyer_saved.html"  # the same page, saved from the browser as HTML
OLD = '{"older": "output"}\n'

Make = Callable[[Path, pytest.MonkeyPatch], list]


@dataclass(frozen=True)
class Case:
    """One README row: how to build the run, and what it must do."""

    id: str
    make: Make  # writes inputs under tmp_path, returns the command line after `merge`
    exit: int
    stderr: tuple[str, ...] = ()  # each line starts so; `{0}` is the first argument
    kinds: tuple[str, ...] = ()  # JSON `problems` kinds of a successful run
    same_as_seed: bool = False  # the papers are those of SEED read as plain UTF-8
    shows: str = ""  # text the output (or the --into library) must contain
    edited: bytes = b""  # what an edit during the run appends to the --into library


# A sentence of an abstract, 16 words; three of them are no title.
ABSTRACT_SENTENCE = (
    "Modern deep convolutional networks are often criticized for their failure to generalize"
    " under distributional shifts today. "
)


def write(name: str, data: bytes | str, *options: str) -> Make:
    def make(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list:
        path = tmp / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return [path, *options]

    return make


def library(text: str, *inputs: object) -> Make:
    """A case updating `lib.bib` (holding `text`) with SEED and `inputs`: `--into` is {1}."""
    return library_bytes(text.encode("utf-8"), *inputs)


def library_bytes(data: bytes, *inputs: object) -> Make:
    """`library` of a lib.bib holding these bytes."""

    def make(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list:
        path = tmp / "lib.bib"
        path.write_bytes(data)
        return ["--into", path, SEED, *inputs]

    return make


HAND_EDIT = b"\n@misc{handadded, title={X}, year=2024}\n"


def library_edited_during_the_run(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list:
    """A person saves the library (HAND_EDIT appended) after the run read it, before it writes."""
    args = library("@misc{first, title = {A First Entry}, year = 2001}\n")(tmp, monkeypatch)
    merge_command = importlib.import_module("pubdedup.cli.merge")
    update_library = merge_command.update_library

    def update_then_edit(*given, **options):
        update = update_library(*given, **options)
        with open(args[1], "ab") as handle:
            handle.write(HAND_EDIT)
        return update

    monkeypatch.setattr(merge_command, "update_library", update_then_edit)
    return args


def seed_text() -> str:
    return read(SEED)


def seed_lines(ending: str = "\n") -> str:
    return ending.join(seed_text().splitlines()) + ending


def cut_in_kubric_authors() -> str:
    """The page as a download that stopped in the middle of `Dmitry Lagun` (line 28)."""
    text = seed_lines()
    return text[: text.index("Dmitry Lagun") + len("Dmitry La")]


def header_only() -> str:
    text = seed_lines()
    return text[: text.index("    Preview abstract")] + "    No Results Found\n"


def long_bio_line() -> str:
    """A header paragraph of 4 MB on one line (pasted text, or a page's inline data)."""
    bio = "Lucas works on representation learning and on scaling vision models. " * 60000
    return seed_lines().replace("Authored Publications", bio + "\n\nAuthored Publications", 1)


def mixed_line_ends() -> bytes:
    lines = seed_text().splitlines()
    ends = ["\r\n", "\n", "\r\n", "\n", "\r"]
    return "".join(line + ends[i % len(ends)] for i, line in enumerate(lines)).encode("utf-8")


def latin1_page() -> bytes:
    return seed_lines().replace("Lucas Beyer", "Lucas Bäyer").encode("cp1252")


# One entry from an older Windows tool in a UTF-8 file; one UTF-8 title in a Windows-1252 one.
MIXED_UTF8 = (
    "@article{a, author = {Müller, Jörg}, title = {Straße und Grüße}, year = 2001}\n".encode()
    + "@article{b, author = {François, Anne}, title = {Café}, year = 2002}\n".encode("cp1252")
)
PAGE_IN_CHINESE = (
    "Jump to Content\nAna Smith\nAuthored Publications\nSort By\n"
    "    Deep Networks for Small Data in Medical Imaging\n    王小明\n    (2021)\n"
)
MIXED_WINDOWS_1252 = (
    "@article{a, author = {Bäyer, Lucas}, title = {Café crème}, year = 2001}\n".encode("cp1252")
    + "@article{b, author = {Öhm, Jörg}, title = {über Café}, year = 2002}\n".encode(
        "cp1252"
    ).replace(b"\xfcber", "über".encode())
)


def unreadable(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list:
    """Tests run as root, whom chmod 000 does not stop: opening the file is made to fail."""
    path = tmp / "locked.txt"
    path.write_text(seed_text(), encoding="utf-8")

    def denied(name, *args, **kwargs):
        if str(name) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(name))
        return open(name, *args, **kwargs)

    monkeypatch.setattr(files, "open", denied, raising=False)
    return [path]


def sparse_oversized(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list:
    """1.2 GB on disk in no time: a text head, then a hole."""
    return [text_then_zeros(tmp / "huge.txt", 1_200_000_000)]


def text_then_zeros(path: Path, size: int) -> Path:
    """A page, then NUL bytes up to `size` (a sparse file: written in no time)."""
    with open(path, "wb") as handle:
        handle.write(seed_lines().encode("utf-8") * 10)
        handle.truncate(size)
    return path


def output_in_missing_directory(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list:
    return [SEED, "-o", tmp / "no-such-dir" / "out.json"]


def output_is_a_directory(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list:
    (tmp / "out-dir").mkdir()
    return [SEED, "-o", tmp / "out-dir"]


def output_not_permitted(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> list:
    """As root every directory is writable: creating the temp file is made to fail."""

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    return [SEED]


BIB_UNCLOSED = """@article{first,
  author = {Alice Smith},
  title = {An Entry Whose Title Is Never Closed,
  year = {2001},
}

@article{second,
  author = {Bob Jones},
  title = {The Entry After It},
  year = {2002},
}
"""
BIB_EXTRA_BRACE = """@article{first,
  author = {Alice Smith},
  title = {Closed} Too Early}},
  year = {2001},
}

@article{second,
  author = {Bob Jones},
  title = {The Entry After It},
  year = {2002},
}
"""
BIB_THREE_COMMAS = """@article{commas,
  author = {Smith, Jr, John, III and Doe, Jane},
  title = {A Name With Three Commas},
  year = {2001},
}
"""
LIBRARY_BAD_ENTRY = """@misc{first, title = {A First Entry}, year = 2001}

@misc{broken,
  title = {A Title Whose Closing Brace Was Deleted,
  year = {2002},
}

@misc{last, title = {The Last Entry}, year = 2003}
"""
LIBRARY_ENDS_EARLY = """@misc{first, title = {A First Entry}, year = 2001}

@misc{early,
  title = {Closed} Too Early},
  year = {2002},
}
"""
LIBRARY_STRAY_BRACE = """@misc{stray, title = "A {T}itle with } stray", year = 2001}
"""
# One paper twice in a library, the copy (pasted from elsewhere) giving another booktitle.
LIBRARY_TWICE = """@inproceedings{smith2001queues,
  author = {Ann Smith and Bob Jones},
  title = {Stochastic Control of Queues with Impatient Customers},
  booktitle = {Queueing Theory Workshop},
  year = {2001},
}

@inproceedings{smith2001pasted,
  author = {Smith, Ann and Jones, Bob},
  title = {Stochastic control of queues with impatient customers},
  booktitle = {Proceedings of the Queueing Theory Workshop},
  year = {2001},
  note = {Pasted from Scholar},
}
"""
LIBRARY_NOT_CLOSED = """@misc{first, title = {A First Entry}, year = 2001}

@misc{open,
  title = {The Last Entry, Left Open},
  year = {2002},
"""
BIB_MISSING_COMMA = """@article{a5,
  author = {Eps, Eve}
  title = {Fifth paper missing comma after author},
  year = 2020
}
"""
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
OTHER_HTML = (
    "<!DOCTYPE html><html><head><title>My blog</title><style>@media (max-width: 600px) {}"
    "</style></head><body><h1>My blog</h1><p>Notes on cooking &amp; cycling.</p></body></html>"
)

CASES = [
    # Inputs that cannot be read: one error line, exit 4, nothing written.
    Case("missing-file", lambda tmp, mp: [tmp / "missing.txt"], 4, ("error: {0}: no such file",)),
    Case("directory", lambda tmp, mp: [tmp], 4, ("error: {0}: is a directory, not a file",)),
    Case("unreadable", unreadable, 4, ("error: {0}: permission denied",)),
    Case("empty-file", write("empty.txt", b""), 4, ("error: {0}: file is empty",)),
    Case(
        "blank-file",
        write("blank.txt", b" \r\n\t\n   \n"),
        4,
        ("error: {0}: file is empty (only blank lines or spaces)",),
    ),
    Case(
        "pdf",
        write("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        4,
        ("error: {0}: this is a PDF file, not a text file",),
    ),
    Case(
        "image", write("photo.txt", PNG), 4, ("error: {0}: this is a PNG image, not a text file",)
    ),
    Case(
        "html-other-page",
        write("blog.html", OTHER_HTML),
        4,
        ("error: {0}: an HTML page, but not a Google Research people page",),
    ),
    Case(
        "json-invalid",
        write("earlier.json", '{"pubdedup": "0.1.0", "papers": [\n'),
        4,
        ("error: {0}:2: invalid JSON: Expecting value",),
    ),
    Case(
        "json-not-pubdedup",
        write("refs.json", '{"items": [{"id": "a", "title": "CSL-JSON of another tool"}]}'),
        4,
        ("error: {0}: JSON, but no 'papers' list: not a pubdedup JSON output",),
    ),
    Case(
        "unknown-format",
        write("notes.md", "# Notes\n\nThings to read this week.\n"),
        4,
        ("error: {0}: unknown input format",),
    ),
    Case(
        "unknown-format-txt",
        write("notes.txt", "# Notes\n\nThings to read this week.\n"),
        4,
        ("error: {0}: unknown input format",),
    ),
    Case(
        "too-large",
        sparse_oversized,
        4,
        ("error: {0}: too large for an input (the limit is 1000 MB; this is 1200 MB)",),
    ),
    # Encodings: read as they are, or a clear error.
    Case("utf-8", write("page.txt", seed_lines()), 0, same_as_seed=True),
    Case(
        "utf-8-bom",
        write("page.txt", codecs.BOM_UTF8 + seed_lines().encode()),
        0,
        same_as_seed=True,
    ),
    Case("utf-16-le-bom", write("page.txt", seed_lines().encode("utf-16")), 0, same_as_seed=True),
    Case(
        "utf-16-be-bom",
        write("page.txt", codecs.BOM_UTF16_BE + seed_lines().encode("utf-16-be")),
        0,
        same_as_seed=True,
    ),
    Case(
        "utf-16-no-bom",
        write("page.txt", seed_lines().encode("utf-16-le")),
        4,
        ("error: {0}: binary data (NUL bytes), not a text file; if it is UTF-16",),
    ),
    Case(
        "utf-16-no-bom-encoding",
        write("page.txt", seed_lines().encode("utf-16-le"), "--encoding", "utf-16-le"),
        0,
        same_as_seed=True,
    ),
    Case("windows-1252", write("page.txt", latin1_page()), 0, shows='"Lucas Bäyer"'),
    Case(
        "mixed-encoding-utf-8",
        write("refs.bib", MIXED_UTF8),
        0,
        ("warning: {0}:2: not UTF-8 on 1 line(s), this one first: read as Windows-1252 there",),
        kinds=("windows-1252-lines",),
        shows='"François, Anne"',
    ),
    Case(
        "mixed-encoding-windows-1252",
        write("refs.bib", MIXED_WINDOWS_1252),
        0,
        ("warning: {0}:2: not UTF-8, so read as Windows-1252, but 1 character(s) from here",),
        kinds=("utf-8-read-as-windows-1252",),
        shows='"Ã¼ber Café"',
    ),
    Case(
        "wrong-encoding",
        write("page.txt", latin1_page(), "--encoding", "utf-8"),
        4,
        ("error: {0}:2: not valid utf-8 text (byte 0xe4: invalid continuation byte); check",),
    ),
    Case(
        "unknown-encoding",
        write("page.txt", seed_lines(), "--encoding", "latin-9x"),
        2,
        ("Error: Invalid value for --encoding: unknown encoding 'latin-9x'",),
    ),
    Case(
        "not-a-text-encoding",
        write("page.txt", seed_lines(), "--encoding", "rot13"),
        2,
        ("Error: Invalid value for --encoding: 'rot13' is not a text encoding",),
    ),
    Case(
        "codec-error",
        write("refs.bib", "@misc{a, title = {T}, year = 2020}\n", "--encoding", "punycode"),
        4,
        ("error: {0}: not valid punycode text (decoding with 'punycode' codec failed",),
    ),
    Case("mixed-line-ends", write("page.txt", mixed_line_ends()), 0, same_as_seed=True),
    # Pages: read, with problems reported and the rest used.
    Case("html-people-page", lambda tmp, mp: [SAVED_HTML], 0, same_as_seed=True),
    Case(
        "cut-off-entry",
        write("page.txt", cut_in_kubric_authors()),
        0,
        (
            "warning: {0}:20: entry cut off: the page ends before its venue/year line; entry "
            "kept (its last, partial line 'Dmitry La' dropped)",
        ),
        ("cut-off-entry",),
    ),
    Case(
        "cut-off-abstract",
        lambda tmp, mp: [DATA / "pages" / "truncated.txt"],
        0,
        ("warning: {0}:8: abstract is cut off", "warning: {0}:10: abstract is cut off"),
        ("truncated-abstract", "truncated-abstract"),
    ),
    Case(
        "name-as-title",
        write(
            "ada.txt",
            "Ada Lovelace\n\nAuthored Publications\n    First Paper On Engines\n"
            "    Charles Babbage\n    Journal of Engines (2021)\n    Charles Babbage\n"
            "    Mary Somerville\n    Journal of Looms (2022)\nNo Results Found\n",
        ),
        0,
        (
            "warning: {0}:7: entry's title line 'Charles Babbage' is the name of one of this"
            " page's people: read as its first author (its title line is missing)",
            "warning: {0}:7: record has no title or abstract; kept as [Untitled]",
        ),
        ("name-as-title", "no-title"),
    ),
    Case(
        "abstract-as-title",
        write(
            "translated.txt",
            "Zum Inhalt springen\nAda Lovelace\n\nVerfasste Veröffentlichungen\n"
            "    Vorschau-Zusammenfassung " + ABSTRACT_SENTENCE * 3 + "Details anzeigen\n"
            "    First Paper On Engines\n    Charles Babbage\n    Journal of Engines (2021)\n"
            "No Results Found\n",
        ),
        0,
        (
            "warning: {0}:5: entry's title has 51 words: an abstract whose 'Preview abstract'"
            " marker was not recognised (a page translated by the browser?); this page's"
            " entries may be misread",
        ),
        ("abstract-as-title",),
    ),
    Case(
        "no-entries",
        lambda tmp, mp: [*write("page.txt", header_only())(tmp, mp), SEED],
        0,
        ("warning: {0}: no publication entries found",),
        ("no-entries",),
    ),
    Case(
        "no-record-in-any-input",
        write("page.txt", header_only()),
        4,
        ("warning: {0}: no publication entries found", "error: no record in any input"),
    ),
    Case("long-line", write("page.txt", long_bio_line()), 0, same_as_seed=True),
    Case(
        "repeated-input",
        lambda tmp, mp: [*write("page.txt", seed_text())(tmp, mp), f"{tmp}/./page.txt"],
        0,
        ("warning: {0}: given again as {1}; read once",),
        ("repeated-input",),
        same_as_seed=True,
    ),
    # CSV: a quote left open, a column named on the command line that the file lacks.
    Case(
        "csv-unclosed-quote",
        write(
            "refs.csv",
            'id,title,authors,year\n1,"Open quote title,Smith,2020\n2,Next row,Jones,2021\n'
            '3,"Has ""quotes"", and a comma",Lee,2019\n',
        ),
        0,
        ("warning: {0}:2: a quote opened in this row is closed only on line 4: lines 2-4",),
        ("unclosed-quote",),
    ),
    Case(
        "csv-extra-cells",
        write("refs.csv", "title,authors,year\nA paper,Smith J,2020\nB, a paper,Jones K,2021\n"),
        0,
        (
            "warning: {0}:3: row has 4 cells, header 3: the cells past the header's columns are"
            " not read (a delimiter inside a cell that is not quoted?)",
        ),
        ("extra-cells",),
    ),
    Case(
        "csv-other-delimiter",
        write("refs.csv", "title,authors,year\nA paper,Smith J,2020\nB paper;Jones K;2021\n"),
        0,
        (
            "warning: {0}:3: row is one cell split by ';', where the header's 3 columns are split"
            " by ',': all of it was read as 'title'",
        ),
        ("other-delimiter",),
    ),
    Case(
        "csv-unknown-column",
        write("refs.csv", "title,year\nA paper,2020\n", "--id-column", "key"),
        0,
        ("warning: {0}:1: --id-column 'key': no such column (header: title, year)",),
        ("unknown-column",),
    ),
    Case(
        "csv-no-title-column",
        write("savedrecs.csv", "TI,AU,PY\nA paper,Smith J,2020\n"),
        4,
        (
            "error: {0}:1: no column read as a title, abstract or identifier (header: TI, AU,"
            " PY); name the title's column with --map HEADER=title",
        ),
    ),
    Case(
        "csv-no-title-column-but-dois",
        write("dois.csv", "DOI,PY\n10.1/x,2020\n"),
        0,
        (
            "warning: {0}:1: no title or abstract column; name the title's column with --map",
            "warning: {0}:2: record has no title or abstract; kept as [Untitled]",
        ),
        ("no-title-column", "no-title"),
    ),
    Case(
        "csv-unclosed-quote-at-end",
        write("refs.csv", 'title,authors,year\nA paper,C D,2019\nB paper,"A B,2020\n'),
        0,
        ("warning: {0}:3: a quote opened in this row is never closed",),
        ("unclosed-quote",),
    ),
    Case(
        "no-title",
        write("refs.csv", "id,title,authors,year\n7,,C D,2020\n8,A paper,E F,2021\n"),
        0,
        ("warning: {0}:2: record '7' has no title or abstract; kept as [Untitled]",),
        ("no-title",),
    ),
    Case(
        "csv-repeated-id",
        write("refs.csv", "id,title,year\n1,A paper,2020\n1,Another paper,2021\n"),
        0,
        ("warning: {0}:3: repeated id '1' (first on line 2); row kept",),
        ("repeated-id",),
    ),
    Case(
        "csv-no-year",
        write("refs.csv", "id,title,year\n1,A paper,20x1\n"),
        0,
        ("warning: {0}:2: year '20x1' holds no year (1500-2099); left out",),
        ("no-year",),
    ),
    Case(
        "csv-pages-as-date",
        write("refs.csv", "id,title,year,pages\n1,A paper,2013,01-Jun\n"),
        0,
        (
            "warning: {0}:2: pages '01-Jun' are a spreadsheet's date for the page range 1-6"
            " (saved from Excel?); read as that range",
        ),
        ("pages-as-date",),
    ),
    Case(
        "bib-no-year",
        write("refs.bib", "@article{a, title = {A paper}, year = {forthcoming}}\n"),
        0,
        ("warning: {0}:1: year 'forthcoming' of 'a' holds no year; left out",),
        ("no-year",),
    ),
    # BibTeX: a bad entry is reported, the others are used.
    Case(
        "bib-stray-brace",
        write("refs.bib", '@misc{q, title = "Quoted {T}itle with } stray", year = 2001}\n'),
        0,
        ("warning: {0}:1: unbalanced braces in field 'title' of 'q'; kept as read",),
        ("unbalanced-braces",),
    ),
    Case(
        "bib-unclosed-brace",
        write("refs.bib", BIB_UNCLOSED),
        0,
        ("warning: {0}:1: entry not parsed: ",),
        ("bad-entry",),
    ),
    Case(
        "bib-unclosed-brace-at-end",
        write("refs.bib", "@misc{ok, title = {Fine}}\n@misc{open,\n  title = {Never closed,\n"),
        0,
        ("warning: {0}:2: entry not parsed: Unexpectedly reached end of file; is a brace or",),
        ("bad-entry",),
    ),
    Case(
        "bib-extra-brace",
        write("refs.bib", BIB_EXTRA_BRACE),
        0,
        (
            "warning: {0}:3: entry 'first' ends early (a brace closed too early?): fields after"
            " its end are not read: year",
            "warning: {0}:3: unbalanced braces in field 'title' of 'first'",
        ),
        ("fields-after-end", "unbalanced-braces"),
    ),
    Case(
        "bib-repeated-key",
        lambda tmp, mp: [DATA / "readers" / "repeated.bib"],
        0,
        (
            "warning: {0}:9: undefined @string 'UndefinedJournal'",
            "warning: {0}:13: repeated key 'smith2001'; entry kept",
        ),
        ("undefined-string", "repeated-key"),
    ),
    Case(
        "bib-undefined-string",
        write("refs.bib", "@article{a, title = {T}, journal = NoSuchMacro, year = 2001}\n"),
        0,
        ("warning: {0}:1: undefined @string 'NoSuchMacro' in field 'journal' of 'a'",),
        ("undefined-string",),
    ),
    Case(
        "bib-three-commas",
        write("refs.bib", BIB_THREE_COMMAS),
        0,
        ("warning: {0}:2: author 'Smith, Jr, John, III' of 'commas' has 3 commas",),
        ("bad-name",),
    ),
    Case(
        "bib-misspelt-field",
        write("refs.bib", "@article{typo, title = {Deep nets},\n  jounral = {J. Nets}}\n"),
        0,
        (
            "warning: {0}:2: field 'jounral' of 'typo' is no BibTeX or biblatex field"
            " ('journal' misspelt?); kept as written",
        ),
        ("misspelt-field",),
    ),
    # `--into`: a library that cannot be updated safely is left as it is.
    Case(
        "library-not-bibtex",
        library("id,title,year\n1,Deep nets,2020\n"),
        4,
        ("error: {1}: not a BibTeX library; --into updates a .bib file",),
    ),
    Case(
        "library-bad-entry",
        library(LIBRARY_BAD_ENTRY),
        4,
        (
            "error: {1}:3: entry not parsed (Unexpected block start: `@misc`. Was still looking"
            " for field-value closing `,` or `}}`; is a brace or quote left open?); fix the"
            " library before updating it",
        ),
    ),
    Case(
        "library-mixed-encoding",
        library_bytes(MIXED_WINDOWS_1252),
        4,
        (
            "error: {1}:2: not UTF-8, so read as Windows-1252, but 1 character(s) from here on"
            " look like UTF-8 (mixed encodings?) and are read as two letters each; convert the"
            " library to UTF-8 before updating it",
        ),
    ),
    Case(
        "library-encoding-cannot-hold",
        lambda tmp, mp: [
            *library_bytes("@misc{old, title = {Café crème}, year = 2001}\n".encode("cp1252"))(
                tmp, mp
            ),
            *write("wang.txt", PAGE_IN_CHINESE)(tmp, mp),
        ],
        5,
        ("error: {1}: cannot write '王' in cp1252, the library's encoding; convert the library",),
    ),
    Case(
        "library-entry-ends-early",
        library(LIBRARY_ENDS_EARLY),
        4,
        (
            "error: {1}:4: entry 'early' ends early (a brace closed too early?): fields after"
            " its end are not read: year; fix the library before updating it",
        ),
    ),
    Case(
        "library-unbalanced-braces",
        library(LIBRARY_STRAY_BRACE),
        4,
        (
            "error: {1}:1: unbalanced braces in field 'title' of 'stray'; fix the library"
            " before updating it",
        ),
    ),
    Case(
        "library-not-closed",
        library(LIBRARY_NOT_CLOSED),
        4,
        ("error: {1}:3: the last entry is not closed (a brace left open)",),
    ),
    Case(
        "library-merged-differs",
        library(LIBRARY_TWICE),
        0,
        (
            "warning: {1}:8: entry 'smith2001pasted' merged into 'smith2001queues', which keeps"
            " its own booktitle; dropped: booktitle = {{Proceedings of the Queueing Theory"
            " Workshop}}",
            "{1}: 14 added, 1 updated, 1 merged into other entries",
        ),
        shows="  note = {Pasted from Scholar},\n  ids = {smith2001pasted}",
    ),
    Case(
        "library-changed",
        library_edited_during_the_run,
        5,
        ("error: {1}: changed while this run was updating it; nothing written; run again",),
        edited=HAND_EDIT,
    ),
    Case(
        "bib-missing-comma",
        write("refs.bib", BIB_MISSING_COMMA),
        0,
        ("warning: {0}:3: no comma before field 'title' of 'a5'; read as if there were one",),
        ("missing-comma",),
        shows="Fifth paper missing comma after author",
    ),
    Case(
        "bib-crossref-missing",
        write("refs.bib", "@inproceedings{child, title = {Child},\n  crossref = {conf2021}}\n"),
        0,
        (
            "warning: {0}:2: crossref 'conf2021' of 'child' names no entry of any input; its"
            " fields are not inherited",
        ),
        ("crossref-missing",),
    ),
    Case(
        "strict",
        lambda tmp, mp: [DATA / "pages" / "truncated.txt", "--strict"],
        6,
        (
            "warning: {0}:8: abstract is cut off",
            "warning: {0}:10: abstract is cut off",
            "error: 2 input problem(s) and --strict given; nothing written",
        ),
    ),
    # Output problems: exit 5, the older output kept.
    Case(
        "output-dir-missing",
        output_in_missing_directory,
        5,
        ("error: {2}: output directory does not exist",),
    ),
    Case(
        "output-is-directory", output_is_a_directory, 5, ("error: {2}: is a directory, not a file",)
    ),
    Case(
        "output-not-permitted",
        output_not_permitted,
        5,
        ("error: {out}: cannot write: permission denied",),
    ),
]


@pytest.fixture(scope="module")
def seed_papers() -> list[dict]:
    result = CliRunner().invoke(main, ["merge", "-f", "json", str(SEED)])
    return _content(json.loads(result.stdout)["papers"])


def _content(papers: list[dict]) -> list[dict]:
    """Papers without provenance (file names and lines differ between copies of one page)."""
    return [{k: v for k, v in p.items() if k not in ("sources", "links")} for p in papers]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_error_model(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_papers):
    out = tmp_path / "out.json"
    out.write_text(OLD, encoding="utf-8")
    args = [str(a) for a in case.make(tmp_path, monkeypatch)]
    into = Path(args[args.index("--into") + 1]) if "--into" in args else None
    before = into.read_bytes() if into else b""
    if not into and "-o" not in args:
        args += ["-o", str(out)]
    result = CliRunner().invoke(main, ["merge", *args] if into else ["merge", "-f", "json", *args])

    assert result.exit_code == case.exit, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    expected = [f"pubdedup: {s}" for s in case.stderr] if case.exit != 2 else list(case.stderr)
    expected = [e.format(*args, out=out) for e in expected]
    if case.exit == 2:  # click's usage error: its own three lines
        assert expected[0] in lines
    else:
        assert len(lines) == len(expected), result.stderr
        for line, start in zip(lines, expected, strict=True):
            assert line.startswith(start), (line, start)
    assert not [p for p in tmp_path.rglob("*.tmp")]  # no temp file left behind
    if into:
        if case.exit != 0:  # untouched, or as the edit during the run left it
            assert into.read_bytes() == before + case.edited
        assert case.shows.encode() in into.read_bytes()
        return
    if case.exit != 0:
        assert out.read_text(encoding="utf-8") == OLD  # the older output is untouched
        return
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert [p["kind"] for p in doc["problems"]] == list(case.kinds)
    if case.same_as_seed:
        assert _content(doc["papers"]) == seed_papers
    assert case.shows in out.read_text(encoding="utf-8")


def test_unreadable_file_with_real_permissions(tmp_path: Path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file; test_error_model[unreadable] simulates it")
    page = tmp_path / "locked.txt"
    page.write_text(seed_text(), encoding="utf-8")
    page.chmod(0)
    result = CliRunner().invoke(main, ["merge", str(page)])
    assert result.exit_code == 4
    assert result.stderr == f"pubdedup: error: {page}: permission denied\n"


def test_output_directory_with_real_permissions(tmp_path: Path):
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere; test_error_model[output-not-permitted] simulates it")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    result = CliRunner().invoke(main, ["merge", str(SEED), "-o", str(locked / "out.bib")])
    assert result.exit_code == 5
    assert (
        result.stderr == f"pubdedup: error: {locked / 'out.bib'}: cannot write: permission denied\n"
    )


# A small parent runs pubdedup and reports its children's peak memory. (A process's own
# RUSAGE_SELF figure would include the memory of the pytest process it was forked from.)
PEAK_MEMORY = """
import resource, subprocess, sys
code = subprocess.call([sys.executable, "-m", "pubdedup", *sys.argv[1:]])
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, file=sys.stderr)
"""


def _peak(args: list[str], env: dict[str, str] | None = None) -> tuple[int, int, str]:
    """Exit code, peak memory (bytes) and messages of a real `pubdedup` process."""
    proc = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )
    *messages, last = proc.stderr.splitlines()
    code, peak = map(int, last.split())
    return code, peak, "\n".join(messages)


def test_an_oversized_input_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = sparse_oversized(tmp_path, monkeypatch)[0]
    code, peak, message = _peak(["merge", str(path)])
    assert code == 4 and "too large for an input" in message
    assert peak < 100_000_000  # the 1.2 GB were never loaded


@pytest.mark.parametrize("value", ["abc", "0", "-3", "nan"])
@pytest.mark.parametrize("command", ["merge", "parse", "explain"])
def test_a_bad_input_limit_is_a_usage_error_not_an_input_error(command, value, monkeypatch):
    """No input is at fault: exit 2, like a bad option, and the variable is named."""
    monkeypatch.setenv(files.MAX_INPUT_ENV, value)
    result = CliRunner().invoke(main, [command, str(SEED)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"pubdedup: error: ${files.MAX_INPUT_ENV} must be a number of megabytes, not {value!r}\n"
    )


@pytest.mark.parametrize(("value", "limit"), [("inf", sys.maxsize), ("1e999", sys.maxsize),
                                             ("2.5", 2_500_000), (" 7 ", 7_000_000)])  # fmt: skip
def test_the_input_limit_is_read_from_the_environment(value, limit, monkeypatch):
    monkeypatch.setenv(files.MAX_INPUT_ENV, value)
    assert files.max_input_bytes() == limit


@pytest.mark.slow
def test_reading_a_200_mb_input_holds_at_most_twice_its_size(tmp_path):
    """A 200 MB log given by mistake is read whole, once, then refused as no bibliography."""
    path = tmp_path / "server.log"
    line = b"2024-05-01 12:00:00 INFO request served from cache node eu-west-3 in 12 ms\n"
    with open(path, "wb") as handle:
        for _ in range(200):
            handle.write(line * (1_000_000 // len(line) + 1))
    code, peak, message = _peak(["merge", str(path)])
    assert code == 4 and "unknown input format" in message  # read to the end, then refused
    assert 200_000_000 < peak < 2 * 200_000_000 + 80_000_000


def test_text_followed_by_zeros_is_refused(tmp_path):
    """A download cut short and padded with NUL bytes: the text head passes, the rest does not."""
    path = text_then_zeros(tmp_path / "download.txt", 2_000_000)
    result = CliRunner().invoke(main, ["merge", str(path)])
    assert result.exit_code == 4
    lines = seed_lines().count("\n") * 10 + 1
    assert result.stderr == (
        f"pubdedup: error: {path}:{lines}: binary data (NUL bytes) from here on, not text\n"
    )


def test_every_readme_row_has_a_test():
    """README "Errors and exit codes" lists the cases by id; each has a test here or in faults."""
    from tests import test_faults

    section = README.split("## Errors and exit codes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.MULTILINE)
    faults = {name for name in dir(test_faults) if name.startswith("test_")}
    untested = [
        row
        for row in rows
        if row not in {c.id for c in CASES}
        and not any(f.startswith("test_" + row.replace("-", "_")) for f in faults)
    ]
    assert rows and untested == []
    undocumented = [c.id for c in CASES if c.id not in rows]
    assert undocumented == []


def test_an_input_over_a_limit_under_one_mb_says_its_size(tmp_path, monkeypatch):
    """Under a limit of 0.001 MB a 4,200-byte file was `this is 0 MB`."""
    monkeypatch.setenv(files.MAX_INPUT_ENV, "0.001")
    page = tmp_path / "p.bib"
    page.write_text("@misc{k, title = {%s}}\n" % ("x" * 4180), encoding="utf-8")
    result = CliRunner().invoke(main, ["merge", str(page)])
    assert result.exit_code == 4
    assert "(the limit is 0.001 MB; this is 0.0042 MB)" in result.stderr
