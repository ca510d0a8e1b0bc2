"""pubdedup's command line; each command lives in its own module and registers on `main`."""

import contextlib
import os
import sys

try:
    from pubdedup.cli import explain, merge, parse, review, schema  # noqa: F401  (registers the commands)
    from pubdedup.cli.app import main
    from pubdedup.errors import ExitCode
except KeyboardInterrupt:  # Ctrl-C while still starting up: the quiet exit it gets later too
    sys.stderr.write("pubdedup: interrupted\n")
    raise SystemExit(130) from None

__all__ = ["main", "run"]


def run() -> None:
    """The `pubdedup` command itself: `main`, then an exit that skips freeing the heap.

    Freeing a large run's millions of objects one by one at exit took longer than writing the
    output (0.8 s for 100k records). Everything is written by then: outputs are closed and
    renamed into place, and stdout and stderr are flushed here (as mypy's fast exit does).
    """
    try:
        main()
        code = 0
    except SystemExit as exc:  # how click's standalone mode always ends
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if isinstance(exc.code, str):
            sys.stderr.write(exc.code + "\n")
    except KeyboardInterrupt:  # Ctrl-C after main's own handlers were restored
        sys.stderr.write("pubdedup: interrupted\n")
        code = int(ExitCode.INTERRUPTED)
    try:
        if sys.stdout is not None:  # None when the shell closed it (`>&-`)
            sys.stdout.flush()
    except BrokenPipeError:  # its reader has gone: the status of a tool killed by SIGPIPE
        code = code or int(ExitCode.BROKEN_PIPE)
    except (OSError, ValueError):  # closed or unwritable stdout: reported by the command
        pass
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(code)
