"""The decisions file: a person's verdicts on records, kept between runs.

A decision says that two or more records are the `same` paper or `different` papers. Records are
named by their file plus their id (citation key, CSV id) or 0-based index, with the title (or, for
an untitled entry, the start of its abstract) to check that the id still names that paper and to
find it when it does not. The file is matched by its base name, so a decision still finds its
records after the inputs move or gain entries; `review` writes the path from the decisions file's
directory, whose directories tell apart inputs of one name (one `refs.bib` per project). The file
is TOML (`[[decision]]` tables) or, when its name ends in `.json`, JSON of the same shape
(`{"decision": [...]}`).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from pubdedup.errors import InputError, invalid_json
from pubdedup.model import Record

SAME = "same"
DIFFERENT = "different"
VERDICTS = (SAME, DIFFERENT)
ABSTRACT_WORDS = 12  # how much of an untitled record's abstract names it
_DECISION_KEYS = frozenset({"decision", "records", "note"})
_REF_KEYS = frozenset({"file", "id", "index", "title", "abstract"})
_TOML_ERROR_PLACE = re.compile(r"\s*\(at (?:line (\d+), column \d+|end of document)\)$")
_DECISION_HEADER = re.compile(r"^\s*\[\[\s*decision\s*\]\]")
TOML_HEADER = """\
# pubdedup decisions: which records are the same paper and which are not.
# Written by `pubdedup review`, safe to edit; format in README, "Checking merges".
"""


@dataclass(frozen=True, slots=True)
class RecordRef:
    """How a decision names one record: file + id or index; title or abstract start.

    `file` is a base name or a path (from the decisions file's directory); its name finds the
    input, its directories choose among inputs of that name.
    """

    file: str | None = None
    id: str | None = None
    index: int | None = None
    title: str | None = None
    abstract: str | None = None  # the first words of an untitled record's abstract

    def describe(self) -> str:
        """A short human-readable form for messages."""
        parts = [self.file or "any file"]
        if self.id is not None:
            parts.append(f"id {self.id}")
        if self.index is not None:
            parts.append(f"#{self.index}")
        text = self.title or self.abstract
        if text:
            parts.append(repr(text if len(text) <= 50 else text[:47] + "..."))
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class Decision:
    """Records a person judged to be one paper (`same`) or distinct papers (`different`)."""

    verdict: str
    records: tuple[RecordRef, ...]
    note: str | None = None
    number: int = 0  # 1-based position in the file, for messages
    line: int | None = None  # where it starts in a TOML file, for messages


@dataclass(frozen=True, slots=True)
class Decisions:
    """A parsed decisions file."""

    path: str
    items: tuple[Decision, ...] = ()


def is_json_path(path: str) -> bool:
    """Decisions files are JSON when so named, else TOML."""
    return path.lower().endswith(".json")


def parse_decisions(text: str, path: str) -> Decisions:
    """Parse a decisions file; any mistake is an InputError naming the file (and line)."""
    data = _load(text, path)
    unknown = sorted(set(data) - {"decision"})
    if unknown:
        raise InputError(f"unknown key {unknown[0]!r} (expected [[decision]] tables)", file=path)
    entries = data.get("decision", [])
    if not isinstance(entries, list):
        raise InputError("'decision' must be a list of tables", file=path)
    if is_json_path(path):
        starts = _json_item_lines(text)
    else:
        starts = [n for n, line in enumerate(text.splitlines(), 1) if _DECISION_HEADER.match(line)]
    lines = starts if len(starts) == len(entries) else []
    return Decisions(
        path,
        tuple(
            _decision(entry, n, lines[n - 1] if lines else None, path)
            for n, entry in enumerate(entries, 1)
        ),
    )


def _load(text: str, path: str) -> dict[str, Any]:
    if not text.strip():
        return {}
    if is_json_path(path):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(invalid_json(exc), file=path, line=exc.lineno) from None
        if not isinstance(data, dict):
            raise InputError('expected a JSON object {"decision": [...]}', file=path)
        return data
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        place = _TOML_ERROR_PLACE.search(message)
        line = None
        if place:  # "at end of document" is the last line
            line = int(place.group(1)) if place.group(1) else text.count("\n") + 1
        message = _TOML_ERROR_PLACE.sub("", message)
        raise InputError(f"invalid TOML: {message}", file=path, line=line) from None


def _json_item_lines(text: str) -> list[int]:
    """The line each item of the top-level `"decision"` list starts on, in a JSON text that
    parses: for messages, as a TOML file's `[[decision]]` headers give them."""
    starts: list[int] = []
    line, depth, position, size = 1, 0, 0, len(text)
    key = last = None  # the latest key of the top-level object; the latest string
    inside = False  # in the "decision" list (at depth 2)
    expect = False  # an item starts at the next value
    while position < size:
        char = text[position]
        if inside and depth == 2 and expect and not char.isspace() and char not in ",]":
            starts.append(line)
            expect = False
        if char == "\n":
            line += 1
        elif char == '"':
            end = position + 1
            while end < size and text[end] != '"':
                end += 2 if text[end] == "\\" else 1
            last, position = text[position + 1 : end], end
        elif char in "{[":
            depth += 1
            if char == "[" and depth == 2 and key == "decision":
                inside = expect = True
        elif char in "}]":
            inside = inside and not (depth == 2 and char == "]")
            depth -= 1
        elif char == ":" and depth == 1:
            key = last
        elif char == "," and inside and depth == 2:
            expect = True
        position += 1
    return starts


def _decision(entry: Any, number: int, line: int | None, path: str) -> Decision:
    def fail(message: str) -> InputError:
        return InputError(f"decision {number}: {message}", file=path, line=line)

    if not isinstance(entry, dict):
        raise fail("expected a table with 'decision' and 'records'")
    unknown = sorted(set(entry) - _DECISION_KEYS)
    if unknown:
        raise fail(f"unknown key {unknown[0]!r} (expected decision, records, note)")
    verdict = entry.get("decision")
    if verdict not in VERDICTS:
        raise fail(f"unknown decision {verdict!r} (expected 'same' or 'different')")
    records = entry.get("records")
    if not isinstance(records, list) or len(records) < 2:
        raise fail("'records' must list at least two records")
    note = entry.get("note")
    if note is not None and not isinstance(note, str):
        raise fail("'note' must be a string")
    refs = tuple(_ref(value, fail) for value in records)
    return Decision(verdict, refs, note, number, line)


def _ref(value: Any, fail: Callable[[str], InputError]) -> RecordRef:
    """A record reference: a table, or a bare string meaning a title."""
    if isinstance(value, str) and value.strip():
        return RecordRef(title=value)
    if not isinstance(value, dict):
        raise fail(f"a record must be a table or a title, not {value!r}")
    unknown = sorted(set(value) - _REF_KEYS)
    if unknown:
        raise fail(f"unknown record key {unknown[0]!r} (expected file, id, index, title, abstract)")
    for key in ("file", "id", "title", "abstract"):
        if key in value and not (isinstance(value[key], str) and value[key].strip()):
            raise fail(f"record {key} must be a non-empty string, not {value[key]!r}")
    index = value.get("index")
    if index is not None and (isinstance(index, bool) or not isinstance(index, int) or index < 0):
        raise fail(f"record index must be a whole number from 0, not {index!r}")
    ref = RecordRef(**value)
    if ref.id is None and ref.index is None and not (ref.title or ref.abstract):
        raise fail("a record needs an id, an index, a title or an abstract")
    if (ref.id is not None or ref.index is not None) and not ref.file:
        raise fail("a record named by id or index needs its file")
    return ref


def ref_of(record: Record, decisions_path: str | None = None) -> RecordRef:
    """The most robust name for a record: id (else index) in its file, plus its title or words.

    Given the decisions file it is written to, the file is the input's path from that file's
    directory, which tells apart inputs of one name; else the input's base name.
    """
    source = record.source
    abstract = None
    if not record.title and record.abstract:
        abstract = " ".join(record.abstract.split()[:ABSTRACT_WORDS])
    file = base_name(source.file)
    if decisions_path:
        file = relative_path(source.file, decisions_path)
    return RecordRef(
        file=file,
        id=source.id,
        index=None if source.id else source.index,
        title=record.title,
        abstract=abstract,
    )


def base_name(path: str) -> str:
    """The file name without its directories (either slash), so decisions survive a move."""
    return re.split(r"[\\/]", path)[-1]


def relative_path(file: str, decisions_path: str) -> str:
    """An input's path from the decisions file's directory, with forward slashes."""
    if file == "-":  # stdin has no place
        return file
    target = os.path.abspath(file)
    try:
        path = os.path.relpath(target, decisions_dir(decisions_path))
    except ValueError:  # on another drive (Windows): no relative path
        path = target
    return path.replace(os.sep, "/")


def decisions_dir(decisions_path: str) -> str:
    """The absolute directory that paths in a decisions file are relative to."""
    return os.path.dirname(os.path.abspath(decisions_path))


def with_appended(text: str, path: str, new: Sequence[Decision]) -> str:
    """The decisions file's text (empty if new) with decisions added at the end."""
    if is_json_path(path):
        data = _load(text, path) or {}
        data.setdefault("decision", []).extend(_decision_data(d) for d in new)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if not text.strip():
        text = TOML_HEADER
    blocks = "".join("\n" + _toml_block(d) for d in new)
    return text + ("" if text.endswith("\n") else "\n") + blocks


def _decision_data(decision: Decision) -> dict[str, Any]:
    data: dict[str, Any] = {"decision": decision.verdict}
    data["records"] = [dict(_ref_items(ref)) for ref in decision.records]
    if decision.note:
        data["note"] = decision.note
    return data


def _ref_items(ref: RecordRef) -> list[tuple[str, str | int]]:
    names = ("file", "id", "index", "title", "abstract")
    return [(name, getattr(ref, name)) for name in names if getattr(ref, name) is not None]


def _toml_block(decision: Decision) -> str:
    lines = ["[[decision]]", f"decision = {_toml_value(decision.verdict)}", "records = ["]
    for ref in decision.records:
        pairs = ", ".join(f"{k} = {_toml_value(v)}" for k, v in _ref_items(ref))
        lines.append(f"  {{ {pairs} }},")
    lines.append("]")
    if decision.note:
        lines.append(f"note = {_toml_value(decision.note)}")
    return "\n".join(lines) + "\n"


def _toml_value(value: str | int) -> str:
    if isinstance(value, int):
        return str(value)
    # A JSON string is a valid TOML basic string, except that TOML wants DEL escaped too.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
