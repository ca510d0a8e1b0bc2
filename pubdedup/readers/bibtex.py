"""BibTeX reader (bibtexparser v2 splits the text; values are resolved here).

bibtexparser's middlewares leave `#` concatenation unresolved and skip the entries of blocks it
flags (a repeated key), so the reader parses with no middleware and resolves every value the same
way: `@string` macros, `#`, braces and quotes. Blocks the parser rejects become problems with
their line; an entry whose key repeats an earlier one is kept as a record and reported.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Container, Iterable, Mapping

import bibtexparser
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    Entry,
    ImplicitComment,
    ParsingFailedBlock,
    String,
)

from pubdedup.bibedit import brace_balance
from pubdedup.identifiers import arxiv_in_text, arxiv_in_volume
from pubdedup.model import (
    TRUNCATED_NOTE,
    UNTITLED,
    VENUE_FIELD,
    Problem,
    ReadResult,
    Record,
    Source,
)
from pubdedup.names import is_placeholder
from pubdedup.normalize import PAGE_RANGE_DASH, match_text
from pubdedup.readers.bibtex_blocks import parse_blocks
from pubdedup.readers.bibtex_fields import (
    biblatex_read,
    extra_value,
    issue_number,
    resolve_value,
    with_crossref,
)
from pubdedup.readers.field_names import misspelt_field
from pubdedup.readers.latex import known_command, latex_to_text
from pubdedup.readers.latex_macros import Definition, expanded, preamble_definitions
from pubdedup.readers.people import (
    initials_first,
    split_bibtex_authors,
    tidied_names,
    top_level_commas,
)
from pubdedup.readers.protect import protected_names, protected_words
from pubdedup.readers.run_together import RawField, RunTogether, apart
from pubdedup.venues import without_part_number

MONTHS = {
    m: m.capitalize()
    for m in ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
}
_VENUE_FIELDS = (
    "journal",
    "journaltitle",
    "booktitle",
    "howpublished",
    "series",
    "institution",
    "school",
    "organization",
    "publisher",
)
_DECODED = frozenset(
    (
        "title",
        "abstract",
        "doi",
        "eprint",
        "archiveprefix",
        "eprinttype",
        "arxiv",
        "volume",
        "number",
        "issue",
        "pages",
        "year",
        "date",
        *_VENUE_FIELDS,
    )
)
# Fields whose `--` is two hyphens (a DOI's), not TeX's en dash.
_IDENTIFIERS = frozenset(("doi", "eprint", "archiveprefix", "eprinttype", "arxiv"))
# bibtexparser logs each block it rejects on stderr; the reader reports them as problems instead.
logging.getLogger("bibtexparser").setLevel(logging.ERROR)
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d{2}|20\d{2})(?!\d)")


def looks_like_bibtex(text: str) -> bool:
    """True when text has a BibTeX entry start such as `@article{`."""
    return bool(re.search(r"^\s*@\s*[A-Za-z]+\s*[{(]", text[:200000], re.MULTILINE))


def in_file_order(problem: Problem) -> tuple:
    """Problems by line (then kind and message): the order `parse` lists them in, the same
    whether the file was read whole or in chunks (bibtex_chunks.py)."""
    return (problem.line or 0, problem.kind, problem.message)


def repeated_key(file: str, line: int, key: str) -> Problem:
    return Problem(
        file, line, "repeated-key", f"repeated key {key!r}; entry kept under the same id"
    )


def repeated_string(file: str, line: int, key: str) -> Problem:
    # Concatenated bibliographies repeat their @string definitions; the first one is used.
    return Problem(file, line, "repeated-string", f"repeated @string {key!r}; first kept")


FIELD_NOT_READ = "missing-comma-field-not-read"  # a value read in part: its text holds another


class _Reader:
    def __init__(self, file: str, parents: Mapping[str, Mapping[str, str]] | None = None):
        self.file = file
        self.parents = parents or {}
        self.result = ReadResult()
        self.macros: dict[str, str] = dict(MONTHS)
        self.commands: dict[str, Definition] = {}  # those the @preamble defines
        # A file read in chunks (bibtex_chunks.py) reports repeated @strings once, for all.
        self.reports_repeated_strings = True

    def problem(self, line: int | None, kind: str, message: str) -> None:
        self.result.problems.append(Problem(self.file, line, kind, message))

    def read(self, library: bibtexparser.Library) -> ReadResult:
        self.define((s.key, s.value) for s in library.strings)
        self.define_commands(p.value for p in library.preambles)
        entries = self.entries_of(library.blocks)
        fields = self.fields_of(entries)
        fields_by_key: dict[str, Mapping[str, str]] = dict(self.parents)
        fields_by_key.update((e.key.lower(), f) for e, f in zip(entries, fields, strict=True))
        for index, (entry, values) in enumerate(zip(entries, fields, strict=True)):
            self.result.records.append(
                self.finished(entry, values, fields_by_key, fields_by_key, index)
            )
        self.result.problems.sort(key=in_file_order)
        return self.result

    def define(self, strings: Iterable[tuple[str, str]]) -> None:
        """The @string macros, in file order (a later one may use an earlier one)."""
        for key, value in strings:
            self.macros[key.lower()] = resolve_value(value, self.macros)[0]

    def define_commands(self, preambles: Iterable[str]) -> None:
        self.commands = preamble_definitions(" ".join(preambles), known_command)

    def entries_of(self, blocks: Iterable[Block]) -> list[Entry]:
        """The entries of the blocks in line order, those of rejected blocks too; problems of
        the rejected blocks reported."""
        entries: list[Entry] = []
        previous = None
        for block in blocks:
            if isinstance(block, Entry):
                entries.append(block)
            elif isinstance(block, ParsingFailedBlock):
                self.failed(block, entries)
            elif isinstance(block, ImplicitComment) and isinstance(previous, Entry):
                self.fields_after_end(previous, block)
            # An entry kept from a flagged block (a repeated key or field) may end early too.
            previous = getattr(block, "ignore_error_block", None) or block
        entries.sort(key=lambda e: e.start_line or 0)
        return entries

    def fields_of(self, entries: list[Entry]) -> list[dict[str, str]]:
        """Each entry's resolved fields (read once each: problems are reported once)."""
        fields = [self.fields(e) for e in entries]
        for entry, values in zip(entries, fields, strict=True):
            self.misspelt_names(entry, values)
        return fields

    def finished(
        self,
        entry: Entry,
        values: dict[str, str],
        parents: Mapping[str, Mapping[str, str]],
        keys: Container[str],
        index: int,
    ) -> Record:
        """The record of an entry, with what its `crossref` lends from `parents` (`keys`: the
        keys of every entry a crossref may name, whether or not its fields are at hand)."""
        self.check_crossref(entry, values.get("crossref", ""), keys)
        return self.record(entry, biblatex_read(with_crossref(values, parents)), index)

    def check_crossref(self, entry: Entry, parent: str, keys: Container[str]) -> None:
        """An entry whose `crossref` names no entry of any input lends no fields: say so."""
        if not parent or parent.lower() in keys:
            return
        message = (
            f"crossref {parent!r} of {entry.key!r} names no entry of any input; its fields are"
            " not inherited"
        )
        self.problem(_field_line(entry, "crossref"), "crossref-missing", message)

    def failed(self, block: ParsingFailedBlock, entries: list[Entry]) -> None:
        line = (block.start_line or 0) + 1
        kept = block.ignore_error_block
        if isinstance(kept, Entry):
            if isinstance(block, DuplicateBlockKeyBlock):
                self.result.problems.append(repeated_key(self.file, line, block.key))
            else:
                self.problem(
                    line, "repeated-field", f"{block.error}".split(".")[0] + "; kept first"
                )
            entries.append(kept)
            return
        if isinstance(kept, String):
            if self.reports_repeated_strings:
                self.result.problems.append(repeated_string(self.file, line, kept.key))
            return
        error = getattr(block.error, "abort_reason", None) or str(block.error)
        reason = " ".join(error.strip().split("\n")[-1].split())
        if "looking for" in reason or "end of file" in reason:
            # bibtexparser met the next entry, or the file's end, inside this one
            reason = reason.rstrip(".") + "; is a brace or quote left open?"
        self.problem(line, "bad-entry", f"entry not parsed: {reason}")

    def fields_after_end(self, entry: Entry, after: ImplicitComment) -> None:
        """Fields right after an entry's closing brace (`title = {A} B}, year = 2004, …}`): a
        brace closed too early ended the entry, and BibTeX reads what follows as a comment."""
        # bibtexparser gives every block it parses its text: only blocks made in code lack one
        text = after.raw.split("@", 1)[0].lstrip().lstrip("}").lstrip()  # type: ignore[union-attr]
        lost = _LOST_FIELDS.findall(text)
        if lost and text.startswith(","):
            message = (
                f"entry {entry.key!r} ends early (a brace closed too early?): fields after its"
                f" end are not read: {', '.join(name.lower() for name in lost)}"
            )
            self.problem((after.start_line or 0) + 1, "fields-after-end", message)

    def fields(self, entry: Entry) -> dict[str, str]:
        values: dict[str, str] = {}
        for f in entry.fields:
            name = field_name(f.key)
            if name in values:
                continue
            line = (f.start_line or entry.start_line or 0) + 1
            raw = without_comment_lines(str(f.value))
            if "=" not in raw:  # nearly every value: no field can have run into it
                values[name] = self.value(name, raw, line, entry.key, check=True)
                continue
            commented = name.startswith("%")  # a field commented out, the next ones in its value
            if commented:
                # The comment runs to the end of its line, a comma there too: what follows
                # is the entry's next fields, after no missing comma.
                raw = "{}" + raw[raw.find("\n") :] if "\n" in raw else "{}"
            split = apart(RawField(name, raw, line))
            if not commented:
                self.missing_commas(split, entry.key)
            for field in split.fields:
                if field.name not in values:
                    check = split.lost is None
                    values[field.name] = self.value(*field, entry.key, check=check)
        return values

    def value(self, name: str, raw: str, line: int, key: str, check: bool) -> str:
        """A field's value resolved, and its problems reported (unless already told otherwise)."""
        value, undefined = resolve_value(raw, self.macros)
        value = expanded(value, self.commands)  # `{\noop{Leunen}}van Leunen`: `van Leunen`
        for piece in undefined if check else ():
            self.undefined(line, piece, name, key)
        if check and not undefined and brace_balance(value):  # `"Quoted {T}itle with } stray"`
            message = f"unbalanced braces in field {name!r} of {key!r}; kept as read"
            self.problem(line, "unbalanced-braces", message)
        if name in ("author", "editor"):
            self.check_names(line, value, name, key)
        return value

    def missing_commas(self, split: RunTogether, key: str) -> None:
        for field in split.missing:
            message = f"no comma before field {field.name!r} of {key!r}; read as if there were one"
            self.problem(field.line, "missing-comma", message)
        if split.lost:  # `journal = Journal of X` then `year = 2020`: braces missing, or a comma?
            before, lost = split.fields[-1], split.lost
            kept = _short(" ".join(before.value.split()))
            message = (
                f"no comma before field {lost.name!r} of {key!r}, and the text before it is no"
                f" whole value (braces missing?): field {before.name!r} keeps all of {kept}, and"
                f" {lost.name!r} is not read"
            )
            self.problem(lost.line, FIELD_NOT_READ, message)

    def undefined(self, line: int, piece: str, name: str, key: str) -> None:
        if not re.search(r'[{}"]', piece):
            message = f"undefined @string {piece!r} in field {name!r} of {key!r}"
            self.problem(line, "undefined-string", message)
            return
        # Braced text with more after it: a brace closed too early (`{A} B}`) ends the value.
        message = (
            f"unbalanced braces in field {name!r} of {key!r} (text outside them: "
            f"{_short(piece)}); kept as read"
        )
        self.problem(line, "unbalanced-braces", message)

    def misspelt_names(self, entry: Entry, values: Mapping[str, str]) -> None:
        """A field name one typo from a field the entry lacks (`tittle`) passes as written, and
        no style reads it: say which field it may have meant."""
        for name in values:
            meant = misspelt_field(name, values)
            if meant:
                message = (
                    f"field {name!r} of {entry.key!r} is no BibTeX or biblatex field ({meant!r}"
                    " misspelt?); kept as written"
                )
                self.problem(_field_line(entry, name), "misspelt-field", message)

    def check_names(self, line: int, value: str, name: str, key: str) -> None:
        """A name has at most two commas (`von Last, Jr, First`); more is a typo or a list."""
        for person in split_bibtex_authors(value):
            commas = top_level_commas(person)
            if commas > 2:
                message = (
                    f"{name} {_short(person)} of {key!r} has {commas} commas (at most 2: "
                    "'von Last, Jr, First'); kept as written"
                )
                self.problem(line, "bad-name", message)

    def record(self, entry: Entry, values: dict[str, str], index: int) -> Record:
        text = {
            k: latex_to_text(v, ligatures=k not in _IDENTIFIERS)
            for k, v in values.items()
            if k in _DECODED and v
        }
        names = split_bibtex_authors(values.get("author", ""))
        decoded = (a for a in map(latex_to_text, names) if not is_placeholder(a, exported=False))
        # `JP Vert and M Cuturi`, as some tools write Scholar's names: initials, but a name
        # in braces, which its source protects as written.
        braced = protected_names(names)
        authors = initials_first(tidied_names(decoded), frozenset(braced))
        complete = bool(authors) and not _AND_OTHERS.search(values.get("author", ""))
        issue = issue_number(text.get("issue"))  # a number, not biblatex's name of an issue
        return Record(
            source=Source(self.file, index, (entry.start_line or 0) + 1, entry.key, None),
            # pubdedup's own stand-in title (an earlier run's output) is no title at all.
            title=None if text.get("title", "").startswith(UNTITLED) else text.get("title") or None,
            # A name that decodes to nothing (`~`, a `%` comment) is no author (found by fuzzing).
            authors=tuple(a for a in authors if a and not _NO_ONE.fullmatch(a)),
            year=self.year(entry, text),
            venue=without_part_number(_venue(entry, text)),
            abstract=text.get("abstract") or None,
            # An earlier run's abstract it noted as cut off is still cut: read as whole, it lost
            # the note on the next run over that output, or `--into` that library.
            truncated=bool(text.get("abstract")) and TRUNCATED_NOTE in values.get("note", ""),
            doi=text.get("doi") or None,
            arxiv=_arxiv({**values, **text}),
            volume=text.get("volume") or None,
            number=text.get("number") or issue,
            pages=PAGE_RANGE_DASH.sub("-", text.get("pages", "")) or None,
            entry_type=entry.entry_type.lower(),
            # An issue's number is the entry's number, or repeats it: not kept a second time.
            extra=tuple(
                (k, extra_value(k, v)) for k, v in values.items() if not (issue and k == "issue")
            ),
            bibtex_fields=True,
            authors_complete=complete,
            authors_cut=bool(authors) and not complete,
            protected=tuple(protected_words(values.get("title", ""))),
            braced_names=tuple(
                braced
                # Braced editors (`{Barnes and Noble}`) too: the writers keep each one name.
                + protected_names(split_bibtex_authors(values.get("editor", "")))
            ),
        )

    def year(self, entry: Entry, text: Mapping[str, str]) -> int | None:
        written_year = text.get("year", "") or text.get("date", "")
        year_match = _YEAR.search(written_year)
        if written_year and not year_match:  # `forthcoming`, `20x1`: no year to compare or write
            message = f"year {_short(written_year)} of {entry.key!r} holds no year; left out"
            self.problem((entry.start_line or 0) + 1, "no-year", message)
        return int(year_match.group(1)) if year_match else None


def _venue(entry: Entry, text: Mapping[str, str]) -> str | None:
    # The entry type's own venue first: a report's institution, not its `howpublished`.
    own = VENUE_FIELD.get(entry.entry_type.lower())
    # A type with no venue field of its own (a book, proceedings) may repeat its title as its
    # `booktitle`: that names the work itself, not where it appeared, and as a venue it
    # disagreed with a copy of the same proceedings that gives only its publisher.
    values = [text[k] for k in (own, *_VENUE_FIELDS) if k and text.get(k)]
    if own is not None or not values:  # most entries: no title to compare
        return values[0] if values else None
    title = match_text(text.get("title"))
    return next((v for v in values if not title or match_text(v) != title), None)


# An author list cut short: BibTeX's `and others`, or `and et al.` as some bibliographies write
# it (RFC indexes' `RFC Editor and et al.`); neither is an author.
_AND_OTHERS = re.compile(r"\band\s+(?:others\b|et\.?\s*al\b\.?\s*$)", re.IGNORECASE)
_NO_ONE = re.compile(r"\s*(?:others|et\.?\s*al\.?)\s*", re.IGNORECASE)

_LOST_FIELDS = re.compile(r"(?:^|,)\s*([A-Za-z][\w-]*)\s*=")


def field_name(key: str) -> str:
    """A field's name, in lower case, without the `%` comment lines bibtexparser reads into it
    (`% a note to myself` above `title = …`: biber skips the comment and reads the title, and
    the title was lost). A field commented out, `% doi = …`, keeps its `%`: no field's name."""
    if "%" not in key:
        return key.lower()
    lines = [line.strip() for line in key.lower().splitlines()]
    return next((line for line in reversed(lines) if not line.startswith("%")), lines[-1])


def without_comment_lines(raw: str) -> str:
    """A raw value without the `%` comment lines bibtexparser reads into it, outside braces
    and quotes (`year = {2004}` then `% note = {draft}`, a last field commented out, which
    biber skips: read as a field run into the year's value, the library was refused)."""
    if "%" not in raw:  # nearly every value
        return raw
    kept, start, depth, quoted = [], 0, 0, False
    for mark in _MARK_OR_COMMENT_LINE.finditer(raw):
        char = mark[0]
        if char == "{" or char == "}":
            depth += 1 if char == "{" else -1
        elif char == '"':
            quoted = not quoted if depth == 0 else quoted
        elif depth == 0 and not quoted:  # a line that is a comment, outside the value
            kept.append(raw[start : mark.start()])
            start = mark.end()
    return "".join([*kept, raw[start:]]).rstrip() if kept else raw


# A brace or quote (not escaped), or a whole line that is a `%` comment.
_MARK_OR_COMMENT_LINE = re.compile(r'(?<!\\)[{}"]|\n[ \t]*%[^\n]*')


def _field_line(entry: Entry, name: str) -> int:
    """The 1-based line of an entry's field (the entry's, where bibtexparser gives none)."""
    line = next((f.start_line for f in entry.fields if field_name(f.key) == name), None)
    return (line if line is not None else entry.start_line or 0) + 1


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")


def _arxiv(values: dict[str, str]) -> str | None:
    prefix = values.get("archiveprefix", values.get("eprinttype", "")).lower()
    if values.get("eprint") and prefix in ("arxiv", ""):
        return values["eprint"]
    given = values.get("arxiv") or values.get("arxivid")
    if given:
        return given
    places = ("journal", "howpublished", "note", "url", "booktitle", "doi")
    found = arxiv_in_text(*(values.get(name) for name in places))
    return found or arxiv_in_volume(values.get("volume"))


def read_bibtex(
    text: str,
    file: str,
    blocks: bibtexparser.Library | None = None,
    parents: Mapping[str, Mapping[str, str]] | None = None,
) -> ReadResult:
    """Parse BibTeX text into records (id = citation key) and problems; `blocks` is the text's
    `parse_blocks` when the caller already has it, `parents` the entries of other inputs a
    `crossref` may name (this input's own come first)."""
    return _Reader(file, parents).read(blocks if blocks is not None else parse_blocks(text))
