"""pubdedup's command line; each command lives in its own module and registers on `main`."""

import sys

try:
    from pubdedup.cli import explain, merge, parse, review, schema  # noqa: F401  (registers the commands)
    from pubdedup.cli.app import main
except KeyboardInterrupt:  # Ctrl-C while still starting up: the quiet exit it gets later too
    sys.stderr.write("pubdedup: interrupted\n")
    raise SystemExit(130) from None

__all__ = ["main"]
