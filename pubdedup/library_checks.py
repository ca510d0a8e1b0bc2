"""What a library must be before `merge --into` edits it: BibTeX, read whole, in one encoding.

An update resting on a partial read of a person's own data is no update to make: each check
raises an InputError (exit 4) naming the file and line, and the library is left untouched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pubdedup.bibedit import brace_balance
from pubdedup.decoding import UTF8_READ_AS_WINDOWS_1252
from pubdedup.errors import InputError
from pubdedup.model import Problem
from pubdedup.readers.bibtex import FIELD_NOT_READ, looks_like_bibtex

_BLOCK_START = re.compile(r"^[ \t]*@", re.M)
_COMMENT_LINE = re.compile(r"^[ \t]*%.*$", re.M)


def refuse_non_bibtex(path: str, text: str) -> None:
    """`--into *.txt` (the library name forgotten) would append BibTeX to an author page, and
    `--into refs.bib` naming a CSV or a page saved as .bib to that; `%` comments alone are a
    library yet to be filled."""
    if not looks_like_bibtex(text) and _COMMENT_LINE.sub("", text).strip():
        raise InputError(
            "not a BibTeX library; --into updates a .bib file "
            "(a new or empty one starts a library)",
            file=path,
        )


def refuse_mixed_encoding(path: str, note: Problem | None) -> None:
    """A Windows-1252 library holding UTF-8: written back, its UTF-8 letters would stay two
    letters each (`Ã©`) for good."""
    if note is not None and note.kind == UTF8_READ_AS_WINDOWS_1252:
        raise InputError(
            f"{note.message.partition(';')[0]}; convert the library to UTF-8 before updating it",
            file=path,
            line=note.line,
        )


# Damage a library entry is only partly read with: a brace closed too early, which ends the
# entry (BibTeX reads the fields after it as a comment), one that pairs with none, or a missing
# comma after a value that is no whole value (the next field not read).
_PARTLY_READ = frozenset(("fields-after-end", "unbalanced-braces", FIELD_NOT_READ))


def refuse_unparsed(path: str, text: str, problems: Sequence[Problem]) -> None:
    """Refuse a library with a block the parser rejects (a brace deleted in a title), or one it
    reads only in part. Its entry would be missing from the run, so its paper would be appended
    again under a new key, or rewritten from the part read (the fields after an early end then
    written twice); an update resting on a partial read of a person's own data is no update to
    make."""
    bad = sorted((p for p in problems if p.kind == "bad-entry"), key=lambda p: p.line or 0)
    partly = sorted((p for p in problems if p.kind in _PARTLY_READ), key=lambda p: p.line or 0)
    if not bad and partly:
        first = partly[0]
        raise InputError(
            f"{first.message.removesuffix('; kept as read')}; fix the library before updating it",
            file=path,
            line=first.line,
        )
    if not bad:
        return
    first = bad[0]
    if first.line is not None and first.line == _open_last_entry(text):
        raise _not_closed(path, first.line)
    reason = first.message.removeprefix("entry not parsed: ")
    more = f"; {len(bad) - 1} more such block(s) after it" if len(bad) > 1 else ""
    raise InputError(
        f"entry not parsed ({reason}){more}; fix the library before updating it",
        file=path,
        line=first.line,
    )


def check_closed_at_end(path: str, text: str) -> None:
    """New entries go after the last block; one left open there would swallow them (BibTeX and
    biber read on to its closing brace), which a warning about it would not undo."""
    line = _open_last_entry(text)
    if line is not None:
        raise _not_closed(path, line)


def _open_last_entry(text: str) -> int | None:
    """The line of the last block when it leaves a brace open, else None."""
    starts = [m.start() for m in _BLOCK_START.finditer(text)]
    if not starts:
        return None
    after = text[starts[-1] :]
    # A `%` comment line after the entry (`% TODO {see notes`) is outside it, braces and all.
    if brace_balance(_COMMENT_LINE.sub("", after)) > 0:
        return text.count("\n", 0, starts[-1]) + 1
    return None


def _not_closed(path: str, line: int) -> InputError:
    return InputError(
        "the last entry is not closed (a brace left open): entries added after it would be"
        " read as part of it; close it, then run again",
        file=path,
        line=line,
    )
