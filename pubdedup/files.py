"""Reading input bytes as text and writing output atomically. The only module that opens files.

Every way a read or a write can fail ends in an `InputError` or `OutputError` naming the file;
README "Errors and exit codes" lists them. Reading is bounded: a binary file is refused after its
first 64 KiB, and no input larger than `max_input_bytes()` is read into memory.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import re
import signal
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from pubdedup.errors import InputError, OutputError
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
_HEAD = 64 * 1024  # enough to tell text from binary
_CHUNK = 1024 * 1024
DEFAULT_MAX_INPUT_MB = 1000
MAX_INPUT_ENV = "PUBDEDUP_MAX_INPUT_MB"
STDOUT = "<stdout>"  # how errors name standard output


def max_input_bytes() -> int:
    """The largest input read: $PUBDEDUP_MAX_INPUT_MB megabytes, else 1000 MB.

    A million records with abstracts fit in well under a gigabyte, and matching needs several
    times an input's size in memory, so a bigger input is far more likely a mistake (a disk image,
    a log) than a bibliography; refusing it up front beats being killed for lack of memory
    halfway through an unattended run.
    """
    value = os.environ.get(MAX_INPUT_ENV, "").strip()
    try:
        megabytes = float(value) if value else DEFAULT_MAX_INPUT_MB
    except ValueError:
        megabytes = -1
    if not megabytes > 0:
        raise InputError(f"${MAX_INPUT_ENV} must be a number of megabytes, not {value!r}")
    return int(megabytes * 1_000_000)


def read_bytes(path: str, limit: int | None = None, *, sniff: bool = True) -> bytes:
    """The bytes of an input path, or of stdin for "-"; at most `limit` (default: the maximum).

    With `sniff`, data that is plainly not text (a PDF, an image) is refused after its first
    64 KiB; without it (an explicit --encoding, say UTF-16 with no BOM) every byte is read.
    """
    limit = max_input_bytes() if limit is None else limit
    if path == "-":
        if sys.stdin is None:  # started with stdin closed (`<&-`)
            raise InputError("standard input is closed", file="-")
        return _read_stream(sys.stdin.buffer, "-", limit, sniff)
    if Path(path).is_dir():
        raise InputError("is a directory, not a file", file=path)
    try:
        with open(path, "rb") as handle:
            return _read_stream(handle, path, limit, sniff)
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except PermissionError:
        raise InputError("permission denied", file=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {_reason(exc)}", file=path) from None


def _read_stream(handle: BinaryIO, name: str, limit: int, sniff: bool) -> bytes:
    """Read a file or pipe in chunks: binary data and oversized inputs stop the read early."""
    head = handle.read(_HEAD)
    if sniff:
        check_text(head, name)
    known = _known_size(handle)
    if known > limit:
        raise _too_large(name, limit, f"{known / 1e6:.0f} MB")
    chunks, size = [head], len(head)
    while chunk := handle.read(_CHUNK):
        size += len(chunk)
        if size > limit:  # a pipe (stdin) has no size to check up front
            raise _too_large(name, limit, "more than that")
        chunks.append(chunk)
    return b"".join(chunks)  # with the chunks: at most twice the input, for a moment


def _known_size(handle: BinaryIO) -> int:
    with contextlib.suppress(OSError, ValueError):
        info = os.fstat(handle.fileno())
        if stat.S_ISREG(info.st_mode):
            return info.st_size
    return 0


def _too_large(name: str, limit: int, size: str) -> InputError:
    return InputError(
        f"too large for an input (the limit is {limit / 1e6:g} MB; this is {size}); if it "
        f"really is one bibliography, raise the limit with {MAX_INPUT_ENV}=MEGABYTES",
        file=name,
    )


def check_text(head: bytes, name: str) -> None:
    """Refuse data whose first bytes show it is not text: a PDF, an image, an archive."""
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return  # UTF-16/32 text has NUL bytes
    for magic, kind in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise InputError(f"this is {kind}, not a text file", file=name)
    if b"\x00" in head[:_HEAD]:
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
    nul = data.find(b"\x00", _HEAD)
    if nul >= 0:  # text at the start, zeros later: a download cut short and padded, say
        line = data.count(b"\n", 0, nul) + 1
        raise InputError("binary data (NUL bytes) from here on, not text", file=name, line=line)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    # Not all UTF-8. Text saved by older Windows tools is Windows-1252 (a superset of Latin-1's
    # printable characters), which now and then makes a valid UTF-8 sequence by chance (`é »`,
    # bytes E9 A0 BB): read as Windows-1252 throughout. A file clearly in UTF-8 with some
    # Windows-1252 pasted in (an entry from an older tool) keeps its UTF-8, and each line that is
    # not UTF-8 is read on its own: one entry spoils no other accent. --encoding overrides both.
    as_utf8 = data.decode("utf-8", errors="replace")
    invalid = as_utf8.count("\ufffd")
    utf8 = len(as_utf8) - len(as_utf8.encode("ascii", errors="ignore")) - invalid
    if utf8 <= 2 * invalid:  # not mostly UTF-8
        first = _LIKELY_UTF8.search(as_utf8) if utf8 else None
        line = as_utf8.count("\n", 0, first.start()) + 1 if first else None
        count = len(_LIKELY_UTF8.findall(as_utf8)) if first else 0
        del as_utf8
        text = data.decode("cp1252", errors="replace")
        if first is None:
            return text, None  # Windows-1252 (or Latin-1) throughout: nothing to warn about
        message = (
            f"not UTF-8, so read as Windows-1252, but {count} character(s) from here on "
            "look like UTF-8 (mixed encodings?) and are read as two letters each; check them, "
            "or give --encoding"
        )
        return text, Problem(name, line, UTF8_READ_AS_WINDOWS_1252, message)
    del as_utf8
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


def read_text(path: str, encoding: str | None = None, limit: int | None = None) -> str:
    """An input's text; an empty or blank input is an error."""
    return read_text_noting(path, encoding, limit)[0]


def read_text_noting(
    path: str, encoding: str | None = None, limit: int | None = None
) -> tuple[str, Problem | None]:
    """`read_text`, and the warning of a file that mixes encodings (`decode_noting`)."""
    data = read_bytes(path, limit, sniff=not encoding)
    if not data:
        raise InputError("file is empty", file=path)
    text, note = decode_noting(data, path, encoding)
    del data  # freed before the readers run: a big input is held once, as text
    if not text or text.isspace():  # (not text: nothing but a byte-order mark)
        raise InputError("file is empty (only blank lines or spaces)", file=path)
    return text, note


def write_stdout(text: str | Iterable[str]) -> None:
    """Write the output document to stdout.

    A full disk (or /dev/full) is an `OutputError`; a reader that has gone away (`| head`) raises
    `BrokenPipeError` for the CLI to end quietly. Either way stdout is then pointed at /dev/null,
    so the flush at interpreter exit cannot fail a second time and print "Exception ignored".
    """
    require_stdout()
    try:
        fd = _fileno(sys.stdout)
        if fd is None:  # an in-memory stdout (tests, embedding programs)
            _write(sys.stdout, text)
        else:
            sys.stdout.flush()
            _write_fd(fd, text, sys.stdout.encoding, sys.stdout.errors or "strict")
        sys.stdout.flush()
    except BrokenPipeError:
        discard_stdout()
        raise
    except OSError as exc:
        discard_stdout()
        raise OutputError(f"cannot write: {_reason(exc)}", file=STDOUT) from None


def require_stdout() -> None:
    """An `OutputError` if the run started with stdout closed (`>&-`): data has nowhere to go."""
    if sys.stdout is None:
        raise OutputError("standard output is closed; give -o FILE", file=STDOUT)


def ensure_stderr() -> None:
    """Messages never stop a run: with stderr closed (`2>&-`) they go to /dev/null (never into
    stdout's data), and a stderr that refuses writes (`2>/dev/full`) is given up on."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives as long as we do)
    elif not isinstance(sys.stderr, _Messages):
        sys.stderr = _Messages(sys.stderr)


class _Messages:
    """stderr for messages: a write it refuses (a full disk) points it at /dev/null, so that a
    warning cannot cost the output."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except OSError:
            self._give_up()
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError:
            self._give_up()

    def _give_up(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        with contextlib.suppress(OSError, ValueError):
            self._stream.flush()  # what it still holds now goes to /dev/null

    def __getattr__(self, name: str):  # isatty, fileno, encoding, … of the real stream
        return getattr(self._stream, name)


def discard_stdout() -> None:
    """Point file descriptor 1 at /dev/null (nothing to do for an in-memory stdout)."""
    with contextlib.suppress(OSError, ValueError):  # io.UnsupportedOperation is both
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _write(handle: TextIO, text: str | Iterable[str]) -> None:
    """Write a document, given whole or in pieces (a large one is never held as one string)."""
    if isinstance(text, str):
        handle.write(text)
    else:
        handle.writelines(text)


def _fileno(handle: TextIO) -> int | None:
    try:
        return handle.fileno()
    except (OSError, ValueError):  # io.UnsupportedOperation is both
        return None


def _write_fd(fd: int, text: str | Iterable[str], encoding: str, errors: str) -> None:
    """Write to a file descriptor until every byte is taken. Python's buffered stdout drops the
    rest of a write the kernel takes only part of (a file size limit, `ulimit -f`) and reports
    success; os.write's next call raises the error instead."""
    for piece in [text] if isinstance(text, str) else text:
        data = memoryview(piece.encode(encoding, errors))
        while data:
            data = data[os.write(fd, data) :]


def check_writable(path: str) -> None:
    """Raise the OutputError `write_atomic(path, …)` would for a missing directory or a path
    that is a directory: for a second output checked before the first is written."""
    existing = _stat(path)
    if existing and stat.S_ISDIR(existing.st_mode):
        raise OutputError("is a directory, not a file", file=path)
    if not existing and not Path(os.path.realpath(path)).parent.is_dir():
        raise OutputError("output directory does not exist", file=path)


def write_atomic(
    path: str, text: str | Iterable[str], before_replace: Callable[[], None] | None = None
) -> None:
    """Write text to path via a temporary file and a rename: the old file survives any failure.

    A symlink is written through (its target replaced, the link kept); a device or pipe such as
    /dev/null or /dev/stdout cannot be renamed over, so it is written directly.
    `before_replace` runs once the temp file is complete, as late as can be before the rename:
    it may raise to keep the file as it is (the temp file is removed).
    """
    check_writable(path)
    existing = _stat(path)
    if existing and not stat.S_ISREG(existing.st_mode):
        _write_direct(path, text)
        return
    target = Path(os.path.realpath(path))
    tmp: str | None = None
    try:
        # Signals wait while the temp file is created and named: a Ctrl-C in between would
        # leave a temp file nobody knows to remove.
        with _signals_deferred():
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            _write(handle, text)
            handle.flush()
            os.fsync(handle.fileno())
        mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        if before_replace:
            before_replace()
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise OutputError(f"cannot write: {_reason(exc)}", file=path) from None
    except BaseException:  # Ctrl-C, SIGTERM: no temp file left behind
        _remove(tmp)
        raise


def fingerprint(data: bytes | None) -> str | None:
    """A digest of a file's bytes (None: no file), to tell later whether the file changed."""
    return None if data is None else hashlib.sha256(data).hexdigest()


def current_fingerprint(path: str) -> str | None:
    """`fingerprint` of the file at path as it is now; a file that cannot be read (replaced by a
    directory, say) matches no earlier fingerprint."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    except FileNotFoundError:
        return None
    except OSError:
        return "unreadable"
    return digest.hexdigest()


def _write_direct(path: str, text: str | Iterable[str]) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            _write(handle, text)
    except OSError as exc:
        raise OutputError(f"cannot write: {_reason(exc)}", file=path) from None


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM until the block ends (POSIX; elsewhere a no-op)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _reason(exc: OSError) -> str:
    """`No space left on device` -> `no space left on device`."""
    reason = exc.strerror or str(exc)
    return reason[:1].lower() + reason[1:]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str | None) -> None:
    if path:
        with _signals_deferred(), contextlib.suppress(OSError):
            os.unlink(path)
