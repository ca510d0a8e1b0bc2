"""How an `--into` library's entries follow the records their `pubdedup-sources` list.

An entry lists its records as `file:id`, or by the file alone for records without ids (a page's,
a RIS export's without `ID` lines). Read back, an entry holds those records, so that a person's
decisions about them take it along; written, the list drops a record now in another paper, and
one its file holds under another name now (a key renamed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import NamedTuple

from rapidfuzz import fuzz, process

from pubdedup.config import MatchConfig
from pubdedup.features import listed_names, source_name
from pubdedup.model import Paper, Record, Source
from pubdedup.normalize import match_text
from pubdedup.readers import PAGE_FORMATS, ParsedInput


def holding_listed(entry: Record) -> Record:
    """An entry holds the records its `pubdedup-sources` lists (`file:id`), as a paper of an
    earlier JSON output holds its sources: a person's decision about them takes the entries
    along, where each would otherwise stay an entry of its own beside a new one (a `same`), or
    match the entry of the record it was parted from, run after run (a `different`). A record
    without an id (a page's, a RIS record's) is listed by its file alone: held as such, it is
    the one decided record of that file whose title the entry's still is."""
    names = (name.partition(":") for name in sorted(listed_names(entry)))
    held = tuple(Source(file, -1, None, ident or None) for file, _, ident in names if file)
    return replace(entry, held=held) if held else entry


def page_lists_not_complete(library: ParsedInput, inputs: Sequence[ParsedInput]) -> None:
    """An entry whose `pubdedup-sources` are all author pages of this run lists the authors
    those pages show, which need not be all of them: its list is not known complete, as its
    records' are not. Read as complete, a page-built entry's plain author list scored higher
    against a database's complete list than its pages had, and the next run merged what this
    one had left a maybe: a second run with the same inputs changed the library again."""
    pages = {
        source_name(Source(parsed.name, 0, None))  # as the field names a page: no directory
        for parsed in inputs
        if parsed.format in PAGE_FORMATS
    }
    if not pages:
        return
    library.records = [
        replace(entry, authors_complete=False) if _listed_files(entry) <= pages else entry
        for entry in library.records
    ]


def _listed_files(entry: Record) -> set[str]:
    """The files an entry's `pubdedup-sources` names ({""} for none: no file of any run)."""
    return {name.partition(":")[0] for name in listed_names(entry)} or {""}


def provenance(paper: Paper, library: str) -> set[str]:
    """Where the paper's records came from, other than the library: `file` or `file:id`."""
    return {source_name(r.source) for r in paper.records if r.source.file != library}


def provenance_files(paper: Paper, library: str) -> set[str]:
    """The input files, as `pubdedup-sources` names them, the paper's records came from."""
    return {name.partition(":")[0] for name in provenance(paper, library)}


def in_another_paper(
    holders: dict[str, set[int]],
    titles: dict[str, _Titles],
    paper: Paper,
    number: int,
    name: str,
) -> bool:
    """Whether a `file:id` names a record of another paper than paper `number` this run; or a
    file alone, a record of that file without an id and with the paper's title, in another
    paper only (the record a `different` decision parted from it). A record absent this run
    leaves its name listed, so that the entry still stands in for it."""
    if ":" in name or number in holders.get(name, {number}):
        return number not in holders.get(name, {number})
    return name in titles and titles[name].has(paper.title or "")


def renamed_in_its_file(holders: dict[str, set[int]], name: str, new: set[str]) -> bool:
    """Whether a `file:id` names a record its file no longer holds, while the paper's records
    of this run include one of that file under a name the entry does not list yet (`new`): a
    BibTeX key renamed, a CSV row renumbered. Listed on, the old name stood beside the new one
    for good. A record absent with none in its place (deleted from an export, one of two
    copies in one file too; a file not given this run) stays listed: the entry stands in for
    it, so that a decision naming it still holds and the record, back, is found as the
    entry's."""
    file, colon, _ = name.partition(":")
    if not colon or name in holders:
        return False
    return any(other.partition(":")[0] == file for other in new)


class ListedChecks(NamedTuple):
    """What becomes of an entry's listed records this run: `elsewhere`, in another paper
    (`in_another_paper`); `gone`, no longer in its file, which holds the paper under a name
    not listed yet (`renamed_in_its_file`, given the names of the paper's records the entry
    does not list)."""

    elsewhere: Callable[[str], bool]
    gone: Callable[[str, set[str]], bool]


class _Titles:
    """The titles of one file's records without ids, looked up by a title close to one of them
    (rapidfuzz ratio at least title_match). Only titles sharing one of the query's three rarest
    words are compared, so that a library of many entries listing a large file alone, none of
    them holding its records tonight (an export replaced), costs no entries-times-records
    comparisons: a title that close differs in a word or two at most."""

    def __init__(self) -> None:
        self.raw: list[str] = []  # as the records give them: most runs never look one up
        self._by_word: dict[str, list[str]] | None = None

    def add(self, title: str) -> None:
        self.raw.append(title)

    def has(self, title: str) -> bool:
        if self._by_word is None:
            self._by_word = {}
            for known in sorted({_title_key(t) for t in self.raw}):
                for word in set(known.split()):
                    self._by_word.setdefault(word, []).append(known)
        by_word = self._by_word
        key = _title_key(title)
        words = sorted(set(key.split()), key=lambda w: (len(by_word.get(w, ())), w))
        candidates = {t for word in words[:3] for t in by_word.get(word, ())}
        found = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=_SAME_TITLE)
        return found is not None


def holders_by_name(
    papers: Sequence[Paper], library: str
) -> tuple[dict[str, set[int]], dict[str, _Titles]]:
    """Which papers hold a record of each `file:id` name in this run (of a file alone: one of
    the file's records without an id), and the titles of each file's records without ids."""
    holders: dict[str, set[int]] = {}
    titles: dict[str, _Titles] = {}
    for number, paper in enumerate(papers):
        for record in paper.records:
            if record.source.file != library:
                name = source_name(record.source)
                holders.setdefault(name, set()).add(number)
                if record.source.id is None and record.title:
                    titles.setdefault(name, _Titles()).add(record.title)
    return holders, titles


def _title_key(title: str | None) -> str:
    return match_text(title or "")


_SAME_TITLE = 100 * MatchConfig().title_match
