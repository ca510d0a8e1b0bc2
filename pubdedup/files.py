"""Reading input bytes and writing output atomically. The only module that opens files; the
bytes become text in decoding.py.

Every way a read or a write can fail ends in an `InputError` or `OutputError` naming the file;
README "Errors and exit codes" lists them. Reading is bounded: a binary file is refused after its
first 64 KiB, and no input larger than `max_input_bytes()` is read into memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from pubdedup.decoding import HEAD, check_text, decode_noting
from pubdedup.errors import InputError, OutputError, SettingError
from pubdedup.model import Problem

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
        raise SettingError(f"${MAX_INPUT_ENV} must be a number of megabytes, not {value!r}")
    if math.isinf(megabytes):  # `inf` (or 1e999): no limit, as asked; int() would overflow
        return sys.maxsize
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
    head = handle.read(HEAD)
    if sniff:
        check_text(head, name)
    known = _known_size(handle)
    if known > limit:
        raise _too_large(name, limit, _megabytes(known))
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


def _megabytes(size: int) -> str:
    """`13 MB`; a size under one MB in as many digits as tell it from a limit below it
    (`0.0042 MB`: under a limit of 0.001 MB, a file of 4,200 bytes read `this is 0 MB`)."""
    return f"{size / 1e6:.0f} MB" if size >= 1e6 else f"{size / 1e6:.2g} MB"


def _too_large(name: str, limit: int, size: str) -> InputError:
    return InputError(
        f"too large for an input (the limit is {limit / 1e6:g} MB; this is {size}); if it "
        f"really is one bibliography, raise the limit with {MAX_INPUT_ENV}=MEGABYTES",
        file=name,
    )


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

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, encoding, … of the real stream
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
    if existing and stat.S_ISREG(existing.st_mode) and _read_only(path, existing):
        # The rename would replace it all the same (the directory is writable): refused, as
        # writing into it would be. No write bit at all is read-only for root too.
        raise OutputError("cannot write: permission denied (a read-only file)", file=path)
    if not existing and path.endswith(("/", os.sep)):
        # `-o out.json/`: the rename went to `out.json`, a file where a directory was meant.
        raise OutputError("names a directory (it ends in /), not a file", file=path)
    if not existing and not Path(os.path.realpath(path)).parent.is_dir():
        raise OutputError("output directory does not exist", file=path)


def same_file(a: str, b: str) -> bool:
    """Whether two paths name one file (`lib.bib`, `./lib.bib`, a link to it); `-` is stdin."""
    if a == b:
        return True
    if "-" in (a, b):
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:  # one is missing: the other reports it
        return False


def write_atomic(
    path: str,
    text: str | Iterable[str],
    before_replace: Callable[[], None] | None = None,
    encoding: str = "utf-8",
) -> None:
    """Write text to path via a temporary file and a rename: the old file survives any failure.

    A symlink is written through (its target replaced, the link kept); a device or pipe such as
    /dev/null or /dev/stdout cannot be renamed over, so it is written directly.
    `before_replace` runs once the temp file is complete, as late as can be before the rename:
    it may raise to keep the file as it is (the temp file is removed). `encoding`: that of the
    file being replaced (an `--into` library), which the caller has checked the text fits.
    """
    check_writable(path)
    existing = _stat(path)
    if existing and not stat.S_ISREG(existing.st_mode):
        _write_direct(path, text, encoding)
        return
    target = Path(os.path.realpath(path))
    with _temp_beside(target, path) as (fd, tmp):
        _write_synced(fd, text, encoding)
        old = _stat(str(target))
        if old:
            _give_owner(tmp, old)
        os.chmod(tmp, old.st_mode & 0o7777 if old else 0o666 & ~_umask())
        if before_replace:
            before_replace()
        os.replace(tmp, target)


@contextlib.contextmanager
def _temp_beside(target: Path, path: str) -> Iterator[tuple[int, str]]:
    """A temp file in the target's folder, removed if the block fails (an OSError: OutputError)."""
    tmp: str | None = None
    try:
        # Signals wait while the temp file is created and named: a Ctrl-C in between would
        # leave a temp file nobody knows to remove.
        with signals_deferred():
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        yield fd, tmp
    except OSError as exc:
        _remove(tmp)
        raise OutputError(f"cannot write: {_reason(exc)}", file=path) from None
    except BaseException:  # Ctrl-C, SIGTERM: no temp file left behind
        _remove(tmp)
        raise


def _write_synced(fd: int, text: str | Iterable[str], encoding: str) -> None:
    with os.fdopen(fd, "w", encoding=encoding, newline="\n") as handle:
        _write(handle, text)
        handle.flush()
        os.fsync(handle.fileno())


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


def _give_owner(path: str, old: os.stat_result) -> None:
    """The temp file gets the owner and group of the file it replaces, as far as this process
    may give them (root: both; others: a group of theirs), before its mode: a library shared by a
    group stays writable by the group after one member's run."""
    for uid in (old.st_uid, -1):
        try:
            os.chown(path, uid, old.st_gid)
            return
        except OSError:
            continue


def _write_direct(path: str, text: str | Iterable[str], encoding: str = "utf-8") -> None:
    try:
        with open(path, "w", encoding=encoding, newline="\n") as handle:
            _write(handle, text)
    except OSError as exc:
        raise OutputError(f"cannot write: {_reason(exc)}", file=path) from None


def _read_only(path: str, existing: os.stat_result) -> bool:
    return not existing.st_mode & 0o222 or not os.access(path, os.W_OK)


def _stat(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
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
        with signals_deferred(), contextlib.suppress(OSError):
            os.unlink(path)
