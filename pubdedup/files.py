"""Reading input bytes as text and writing output atomically. The only module that opens files."""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
import tempfile
from pathlib import Path

from pubdedup.errors import InputError, OutputError

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
}


def read_bytes(path: str) -> bytes:
    """The bytes of an input path, or of stdin for "-"."""
    if path == "-":
        return sys.stdin.buffer.read()
    target = Path(path)
    if target.is_dir():
        raise InputError("is a directory, not a file", file=path)
    try:
        return target.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except PermissionError:
        raise InputError("permission denied", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=path) from None


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode input bytes: a given encoding, else a BOM, else UTF-8, else Windows-1252."""
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"cannot decode as {encoding}: {exc}", file=name) from None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {codec} text: {exc.reason}", file=name) from None
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"this is {kind}, not a text file", file=name)
    if b"\x00" in data[:65536]:
        raise InputError("binary data, not a text file", file=name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8: text saved by older Windows tools is nearly always Windows-1252.
        return data.decode("cp1252", errors="replace")


def read_text(path: str, encoding: str | None = None) -> str:
    """An input's text; an empty or blank input is an error."""
    text = decode(read_bytes(path), path, encoding)
    if not text.strip():
        raise InputError("file is empty", file=path)
    return text


def write_atomic(path: str, text: str) -> None:
    """Write text to path via a temporary file and a rename: the old file survives any failure."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError("output directory does not exist", file=path)
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", file=path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise OutputError(f"cannot write: {exc.strerror or exc}", file=path) from None
    except BaseException:
        _remove(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
