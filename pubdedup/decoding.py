"""Input bytes as text: a given encoding, else a byte-order mark, else UTF-8, else Windows-1252,
and a warning when a file mixes the last two. Binary data is refused by its first bytes."""

from __future__ import annotations

import codecs
import contextlib
import re

from pubdedup.errors import InputError
from pubdedup.model import Problem

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x1f\x8b": "a gzip archive",
}
HEAD = 64 * 1024  # enough to tell text from binary
_CHUNK = 1024 * 1024  # a piece of whole lines decoded at once


def check_text(head: bytes, name: str) -> None:
    """Refuse data whose first bytes show it is not text: a PDF, an image, an archive."""
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return  # UTF-16/32 text has NUL bytes
    for magic, kind in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise InputError(f"this is {kind}, not a text file", file=name)
    if b"\x00" in head[:HEAD]:
        raise InputError(
            "binary data (NUL bytes), not a text file; if it is UTF-16 without a byte-order "
            "mark, give --encoding utf-16-le (or utf-16-be)",
            file=name,
        )


# The kinds of a mixed file's warning: a UTF-8 file with some lines in Windows-1252 (each read
# as such), or a Windows-1252 one with UTF-8 in it (read as two letters each, `Ã©`).
WINDOWS_1252_LINES = "windows-1252-lines"
UTF8_READ_AS_WINDOWS_1252 = "utf-8-read-as-windows-1252"


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode input bytes: a given encoding, else a BOM, else UTF-8, else Windows-1252."""
    return decode_noting(data, name, encoding)[0]


def decode_noting(
    data: bytes, name: str, encoding: str | None = None
) -> tuple[str, Problem | None]:
    """`decode`, and a warning when the file mixes UTF-8 and Windows-1252: some of its
    accents may then be read wrong, and only the person who made the file can tell."""
    if encoding:
        return _decode_as(data, name, encoding, "check --encoding"), None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, name, codec, "the file is damaged"), None
    check_text(data, name)
    _refuse_late_nul(data, name)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass  # (outside the handler: the error holds a copy of the bytes)
    return _decode_mixed(data, name)


def _refuse_late_nul(data: bytes, name: str) -> None:
    nul = data.find(b"\x00", HEAD)
    if nul >= 0:  # text at the start, zeros later: a download cut short and padded, say
        line = data.count(b"\n", 0, nul) + 1
        raise InputError("binary data (NUL bytes) from here on, not text", file=name, line=line)


def _decode_mixed(data: bytes, name: str) -> tuple[str, Problem | None]:
    """Bytes that are not all UTF-8, and a warning when they seem to mix encodings."""
    # Not all UTF-8. Text saved by older Windows tools is Windows-1252 (a superset of Latin-1's
    # printable characters), which now and then makes a valid UTF-8 sequence by chance (`é »`,
    # bytes E9 A0 BB): read as Windows-1252 throughout. A file clearly in UTF-8 with some
    # Windows-1252 pasted in (an entry from an older tool) keeps its UTF-8, and each line that is
    # not UTF-8 is read on its own: one entry spoils no other accent. --encoding overrides both.
    as_utf8 = data.decode("utf-8", errors="replace")
    invalid = as_utf8.count("\ufffd")
    utf8 = len(as_utf8) - len(as_utf8.encode("ascii", errors="ignore")) - invalid
    if utf8 > 2 * invalid:  # mostly UTF-8
        del as_utf8
        return _utf8_with_odd_lines(data, name)
    found = _likely_utf8(as_utf8) if utf8 else None
    del as_utf8
    return _windows_1252(data, name, found)


def _likely_utf8(as_utf8: str) -> tuple[int, int] | None:
    """The line of the first letter that looks written in UTF-8, and how many there are."""
    first = _LIKELY_UTF8.search(as_utf8)
    if first is None:
        return None
    return as_utf8.count("\n", 0, first.start()) + 1, len(_LIKELY_UTF8.findall(as_utf8))


def _windows_1252(
    data: bytes, name: str, found: tuple[int, int] | None
) -> tuple[str, Problem | None]:
    """The bytes read as Windows-1252, and a warning about the UTF-8 `found` in them."""
    text = data.decode("cp1252", errors="replace")
    if found is None:
        return text, None  # Windows-1252 (or Latin-1) throughout: nothing to warn about
    first_line, count = found
    message = (
        f"not UTF-8, so read as Windows-1252, but {count} character(s) from here on "
        "look like UTF-8 (mixed encodings?) and are read as two letters each; check them, "
        "or give --encoding"
    )
    return text, Problem(name, first_line, UTF8_READ_AS_WINDOWS_1252, message)


def _utf8_with_odd_lines(data: bytes, name: str) -> tuple[str, Problem]:
    """UTF-8 with some lines in Windows-1252, and a warning naming the first of them."""
    text, lines = _utf8_but_some_lines(data)
    message = (
        f"not UTF-8 on {len(lines)} line(s), this one first: read as Windows-1252 there "
        "(mixed encodings?); check their accents, or give --encoding"
    )
    return text, Problem(name, lines[0], WINDOWS_1252_LINES, message)


# In Windows-1252 bytes read as UTF-8: a letter that was written in UTF-8 (`Ã©` for `é`), of
# Latin-1 or Latin Extended. Windows-1252 text makes other valid UTF-8 by chance: three bytes a
# character from U+0800 up (`é »`, E9 A0 BB), `ß` and a dash or quote one from U+07C0 up
# (`Gauß–Seidel`, DF 96), a letter and a symbol one below U+00C0 (`Â©`, C2 A9).
_LIKELY_UTF8 = re.compile("[\u00c0-\u024f]")


def _utf8_but_some_lines(data: bytes) -> tuple[str, list[int]]:
    """UTF-8, with each line that is not read by `_line_text`, and the numbers of those lines.

    Read in pieces of whole lines, and a piece that is not all UTF-8 line by line: linear in
    the file however many lines are odd (a multi-byte character never holds a line end)."""
    parts, odd, line, start = [], [], 1, 0
    while start < len(data):
        end = data.find(b"\n", start + _CHUNK)
        end = len(data) if end < 0 else end + 1
        piece = data[start:end]
        try:
            parts.append(piece.decode("utf-8"))
            line += piece.count(b"\n")
        except UnicodeDecodeError:
            for raw in piece.splitlines(keepends=True) if b"\r" not in piece else _lines(piece):
                try:
                    parts.append(raw.decode("utf-8"))
                except UnicodeDecodeError:
                    odd.append(line)
                    parts.append(_line_text(raw))
                line += raw.endswith(b"\n")
        start = end
    return "".join(parts), odd


def _lines(piece: bytes) -> list[bytes]:
    """The piece's lines, each with its `\\n`: a lone `\\r` ends none, as lines are counted."""
    lines = [raw + b"\n" for raw in piece.split(b"\n")]
    lines[-1] = lines[-1][:-1]
    return [raw for raw in lines if raw]


def _line_text(line: bytes) -> str:
    """A line that is not all UTF-8: its UTF-8 kept and each stray byte read as Windows-1252
    (`Müller … Fran\xe7ois`); but a line whose UTF-8 would be a character from U+0800 up (CJK,
    `é »` by chance) is Windows-1252 throughout."""
    text = line.decode("utf-8", errors=_WINDOWS_1252_BYTES)
    if any(ord(char) >= 0x800 for char in text):
        return line.decode("cp1252", errors="replace")
    return text


def _as_windows_1252(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


_WINDOWS_1252_BYTES = "pubdedup-windows-1252"
codecs.register_error(_WINDOWS_1252_BYTES, _as_windows_1252)


def written_in(data: bytes, text: str, given: str | None = None) -> str:
    """The encoding that turns the text read back into exactly these bytes (a Windows-1252 or
    Latin-1 library, a UTF-8 one with a byte-order mark), so a file edited in place keeps every
    byte it does not change; UTF-8 when none does (a file mixing encodings)."""
    for codec in (given, "utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-32"):
        if not codec:
            continue
        with contextlib.suppress(UnicodeError, LookupError):
            if text.encode(codec) == data:
                return codec
    return "utf-8"


def holds_all(codec: str) -> bool:
    """Whether the encoding can write any character (UTF-8, -16, -32)."""
    return codecs.lookup(codec).name.startswith("utf")


def _decode_as(data: bytes, name: str, codec: str, hint: str) -> str:
    try:
        return data.decode(codec)
    except LookupError:
        raise InputError(f"unknown encoding {codec!r} (--encoding)", file=name) from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start : exc.start + 1].hex()
        message = f"not valid {codec} text (byte 0x{byte}: {exc.reason}); {hint}"
        raise InputError(message, file=name, line=line) from None
    except UnicodeError as exc:  # a codec's own error, with no place (`punycode`)
        raise InputError(f"not valid {codec} text ({exc}); {hint}", file=name) from None
