"""Exit codes and the one exception family the CLI maps to them."""

from __future__ import annotations

import json
import re
from enum import IntEnum


class ExitCode(IntEnum):
    """Every exit status pubdedup can return; documented in README "Errors and exit codes"."""

    OK = 0
    CHANGED = 1  # --check: the output would change
    USAGE = 2  # bad command line (click's own code)
    MAYBE_PAIRS = 3  # --fail-on-maybe: pairs are left for a person to review
    INPUT = 4  # an input cannot be read or understood
    OUTPUT = 5  # the output cannot be written
    STRICT = 6  # --strict: an input had recoverable problems
    INTERRUPTED = 130  # SIGINT (Ctrl-C): 128 + 2, as shells report it
    BROKEN_PIPE = 141  # stdout's reader went away (`| head`): 128 + SIGPIPE, quietly
    TERMINATED = 143  # SIGTERM (kill, systemd, a cron timeout): 128 + 15


class PubdedupError(Exception):
    """Base of all errors that end a run with a one-line message and an exit code."""

    exit_code: ExitCode = ExitCode.INPUT

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = self.file or ""
        if self.file and self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message


class SettingError(PubdedupError):
    """A setting outside the inputs is wrong (an environment variable): a usage error, like a bad
    option, since no input is to blame."""

    exit_code = ExitCode.USAGE


class InputError(PubdedupError):
    """An input file is missing, unreadable, or not in a format pubdedup understands."""

    exit_code = ExitCode.INPUT


def invalid_json(exc: json.JSONDecodeError) -> str:
    """What a JSON syntax error says, for a one-line message that names the line already:
    `invalid JSON: Unterminated string (column 12)`. Python's own message ends `… starting
    at` or `… at` where its str() goes on with the place."""
    what = _DANGLING_AT.sub("", exc.msg)
    return f"invalid JSON: {what} (column {exc.colno})"


_DANGLING_AT = re.compile(r"(?:\s+starting)?\s+at$")


class OutputError(PubdedupError):
    """The output cannot be written."""

    exit_code = ExitCode.OUTPUT


class StrictError(PubdedupError):
    """--strict was given and an input had recoverable problems."""

    exit_code = ExitCode.STRICT


class MaybePairsLeft(PubdedupError):
    """--fail-on-maybe was given and maybe pairs are left unreviewed (the output is written)."""

    exit_code = ExitCode.MAYBE_PAIRS
