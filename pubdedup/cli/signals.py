"""Ctrl-C and SIGTERM end a run cleanly: temp files removed, one line on stderr, exit 130 / 143."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

from pubdedup.errors import ExitCode

HANDLED = {signal.SIGINT: ExitCode.INTERRUPTED, signal.SIGTERM: ExitCode.TERMINATED}


class Interrupted(SystemExit):
    """Raised by the handlers below, wherever the program is.

    A `SystemExit`, so it ends the process with its code even where nothing catches it, and no
    `except Exception` swallows it; `finally` and `except BaseException` cleanups (the atomic
    write's) still run on the way out.
    """

    code: int  # always, from HANDLED: SystemExit's may be text or None

    def __init__(self, signum: int):
        super().__init__(int(HANDLED[signal.Signals(signum)]))
        self.message = "interrupted" if signum == signal.SIGINT else "terminated"


def _raise(signum: int, frame: object) -> None:
    # A second signal must not cut short the cleanup the first one started.
    for handled in HANDLED:
        signal.signal(handled, signal.SIG_IGN)
    raise Interrupted(signum)


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into `Interrupted` inside the block; restore the old handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers (e.g. the CLI run from a test thread)
        return
    # A signal ignored at start (a background job's SIGINT, nohup) stays ignored.
    previous = {s: signal.getsignal(s) for s in HANDLED}
    for signum, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(signum, _raise)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
