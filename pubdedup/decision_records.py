"""The records a decision's references name in this run: by file (its base name, then its
directories), id or index, and the title or abstract start the reference keeps."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from pubdedup.config import MatchConfig
from pubdedup.decisions import RecordRef, base_name, decisions_dir, relative_path
from pubdedup.evidence import title_similarity
from pubdedup.features import title_numbers
from pubdedup.model import Record, Source
from pubdedup.normalize import match_text
from pubdedup.title_words import numbers_conflict

_SAME_TITLE = MatchConfig().title_match
UNKNOWN_RECORD = "decision-unknown-record"
AMBIGUOUS_RECORD = "decision-ambiguous-record"
CHANGED_RECORD = "decision-changed-record"
SHOWN_INPUTS = 3  # inputs an ambiguous reference's warning names


@dataclass(frozen=True, slots=True)
class Lookup:
    """What a reference names in this run: its records' sources, or why none (a problem kind)."""

    sources: tuple[Source, ...] = ()
    kind: str = UNKNOWN_RECORD
    why: str = ""
    by_title: bool = False  # its id or index named none of them: its title found them


class RecordFinder:
    """Finds the records a RecordRef names.

    Its `file` is matched by base name (inputs move); when several inputs have that name, its
    directories choose: the input at that path from the decisions file, else those sharing the
    most trailing directories with it. In each such input a record is found by id, else by index,
    and must still carry the reference's title (or abstract start), else the title finds it (a
    renumbered CSV, a page that gained entries). A reference naming records in several inputs is
    ambiguous, and one whose id now names another paper has changed: both name none.
    """

    def __init__(self, records: Iterable[Record], decisions_path: str):
        self.records = list(records)
        self.decisions_path = decisions_path
        self.base = decisions_dir(decisions_path)  # where the paths in it start
        self.inputs: dict[str, list[str]] = defaultdict(list)  # base name -> input files
        self.by_id: dict[tuple[str, str], list[Record]] = defaultdict(list)
        self.by_index: dict[tuple[str, int], Record] = {}
        self.aliases: set[tuple[str, str]] = set()  # (file, key) names of merged-away entries
        for record in self.records:
            file = record.source.file
            if file not in self.inputs[base_name(file)]:
                self.inputs[base_name(file)].append(file)
            if record.source.id is not None:
                self.by_id[(file, record.source.id)].append(record)
            self.by_index[(file, record.source.index)] = record
        self._by_alias()
        self._texts: list[tuple[str, str, str, Record]] | None = None
        # Entries of an `--into` library (papers of an earlier output) and the records they list.
        self.holding = [r for r in self.records if r.held]

    def _by_alias(self) -> None:
        """A BibTeX entry's other keys (its `ids`, biblatex's aliases, as `--into` keeps those
        of the entries merged into it) name it where no entry has the key itself: `review`
        wrote decisions naming library keys, and once the entries were merged every later run
        warned that no record matched, and failed under --strict. An alias two entries list
        names neither."""
        aliases: dict[tuple[str, str], list[Record]] = defaultdict(list)
        for record in self.records:
            ids = next((v for n, v in record.extra if n == "ids"), None)
            for alias in (ids or "").split(","):
                name = (record.source.file, alias.strip())
                if alias.strip() and name not in self.by_id and record not in aliases[name]:
                    aliases[name].append(record)
        for name, records in aliases.items():
            if len(records) == 1:
                self.by_id[name] = records
                self.aliases.add(name)

    def find(self, ref: RecordRef, *, exactly: bool = False) -> Lookup:
        """The sources of every record the reference names, or why it names none."""
        if not ref.file:  # a title alone names every record that has it
            return Lookup(tuple(r.source for r in self._by_text(ref, None)))
        found: dict[str, list[Record]] = {}
        by_title: set[str] = set()  # inputs where only the title found the record
        changed: list[Record] = []
        for file in self._files(ref.file):
            records, now, named = self._in_file(ref, file, exactly)
            if records:
                found[file] = records
                if not named:
                    by_title.add(file)
            changed += now
        if len(found) > len(by_title) > 0:  # the id (or index) named it: that input wins
            found = {file: records for file, records in found.items() if file not in by_title}
        places = {place(file) for file in found}
        if len(places) > 1:
            return Lookup(kind=AMBIGUOUS_RECORD, why=self._ambiguous(ref, sorted(found)))
        if found:
            sources = tuple(r.source for records in found.values() for r in records)
            named = ref.id is not None or ref.index is not None
            return Lookup(sources, by_title=named and all(file in by_title for file in found))
        if changed:
            record = changed[0]
            title = repr(_shortened(record.title or record.abstract or "untitled"))
            why = f"{ref.describe()} is now {title} in {record.source.file}; left out"
            return Lookup(kind=CHANGED_RECORD, why=why)
        stand_in = self._stand_in(ref)
        if stand_in is not None:
            return Lookup((stand_in.source,))
        return Lookup(why=f"no input record matches {ref.describe()}; left out")

    def _stand_in(self, ref: RecordRef) -> Record | None:
        """The one library entry (or earlier output's paper) listing the record, when the record
        itself is not in this run's inputs: a page missing for a night, a record deleted from
        an export. It stands in, so a decision still parts (or joins) what it named; left out,
        a `different` would let the two entries it kept apart merge, one key an alias of
        another paper. A file alone (a page's record) is listed by title: the reference must
        have one the entry carries."""
        if not ref.file:
            return None
        holders = [entry for entry in self.holding if any(_lists(h, ref) for h in entry.held)]
        if ref.title or ref.abstract:
            holders = [entry for entry in holders if carries(entry, ref)]
        elif any(h.id is None for entry in holders for h in entry.held if _lists(h, ref)):
            return None  # an index or a file alone, without a title, names no entry's record
        return holders[0] if len(holders) == 1 else None

    def _files(self, file: str) -> list[str]:
        """The inputs a reference's file can be: its name's, those its directories fit best."""
        inputs = self.inputs.get(base_name(file), [])
        parts = re.split(r"[\\/]", file)
        if len(inputs) < 2 or len(parts) < 2:  # a base name alone: every input of that name
            return inputs
        target = os.path.normpath(os.path.join(self.base, file.replace("\\", "/")))

        def fit(candidate: str) -> tuple[bool, int]:
            where = place(candidate)
            return (where == target, _shared_tail(parts, re.split(r"[\\/]", where)))

        best = max(map(fit, inputs))
        return [candidate for candidate in inputs if fit(candidate) == best]

    def _in_file(
        self, ref: RecordRef, file: str, exactly: bool = False
    ) -> tuple[list[Record], list[Record], bool]:
        """The records the reference names in one input, else those its id now names instead;
        and whether its id or index named them (not its title alone). `exactly`: the id's
        record only with the very title."""
        by_id = self.by_id.get((file, ref.id), []) if ref.id is not None else []
        named = by_id
        if not named and ref.index is not None and (file, ref.index) in self.by_index:
            named = [self.by_index[(file, ref.index)]]
        # An id or index alone is trusted; so is a merged-away key, whose entry may carry the
        # title of the one it was merged into (a preprint renamed when published).
        if not (ref.title or ref.abstract) or (by_id and (file, ref.id) in self.aliases):
            return named, [], True
        # The id's record with the title, or with it a little changed (a typo fixed since);
        # not with another part's number (`Part II`: a CSV of ids 1..N renumbered).
        alike = [r for r in named if carries(r, ref, exactly)]
        if alike:
            return alike, [], True
        # The id or index now names another paper (or none): the title finds the record instead,
        # since a page gains entries (indexes shift) and a CSV of ids 1..N is renumbered.
        found = self._by_text(ref, file)
        return found, ([] if found else by_id), False

    def _ambiguous(self, ref: RecordRef, files: list[str]) -> str:
        shown = ", ".join(files[:SHOWN_INPUTS]) + (", ..." if len(files) > SHOWN_INPUTS else "")
        example = relative_path(files[0], self.decisions_path)
        return (
            f"{ref.describe()} is in {len(files)} inputs ({shown}); left out: "
            f'name the file with its directory, as in file = "{example}"'
        )

    def _by_text(self, ref: RecordRef, file: str | None) -> list[Record]:
        if not (ref.title or ref.abstract):
            return []
        if self._texts is None:  # normalised once, however many decisions look records up
            self._texts = [
                (r.source.file, match_text(r.title), match_text(r.abstract), r)
                for r in self.records
            ]
        title, start = match_text(ref.title), match_text(ref.abstract)
        if not (title or start):  # "!!!" normalises to nothing, which must not match everything
            return []
        return [
            record
            for input_file, record_title, record_abstract, record in self._texts
            if (file is None or input_file == file)
            and (record_title == title if title else record_abstract.startswith(start))
        ]


def _lists(held: Source, ref: RecordRef) -> bool:
    """Whether an entry's listed record can be the reference's: its file, and its id or index
    (an `--into` entry's record without an id is listed by its file alone, index -1)."""
    if base_name(held.file) != base_name(ref.file or ""):
        return False
    if held.id is not None:
        return held.id == ref.id
    return held.index < 0 or held.index == ref.index


def carries(record: Record, ref: RecordRef, exactly: bool = False) -> bool:
    """The record carries the reference's title (or its abstract's start), perhaps with a typo
    fixed since: as alike as the matcher's title_match asks, with no other number in it (`Part
    I` is not `Part II`)."""
    title, start = match_text(ref.title), match_text(ref.abstract)
    if title:
        now = match_text(record.title)
        if now == title or exactly:
            return now == title
        conflict = numbers_conflict(title_numbers(now), title_numbers(title))
        return not conflict and title_similarity(now, title) >= _SAME_TITLE
    return bool(start) and match_text(record.abstract).startswith(start)


def place(file: str) -> str:
    """Where an input is, so that one file given by two paths is one input."""
    return file if file == "-" else os.path.abspath(file)


def _shared_tail(parts: list[str], other: list[str]) -> int:
    """How many trailing path components two paths share."""
    shared = 0
    while shared < min(len(parts), len(other)) and parts[-1 - shared] == other[-1 - shared]:
        shared += 1
    return shared


def _shortened(text: str) -> str:
    return text if len(text) <= 50 else text[:47] + "..."
