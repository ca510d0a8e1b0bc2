"""pubdedup's command line; each command lives in its own module and registers on `main`."""

from pubdedup.cli import merge, schema  # noqa: F401  (registers the commands)
from pubdedup.cli.app import main

__all__ = ["main"]
