"""The `pubdedup` command group: maps pubdedup's exceptions to one-line errors and exit codes."""

from __future__ import annotations

import click

from pubdedup import __version__
from pubdedup.errors import ExitCode, PubdedupError


class PubdedupGroup(click.Group):
    """Maps pubdedup's exceptions to one-line messages and exit codes, in one place."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except PubdedupError as exc:
            click.echo(f"pubdedup: error: {exc}", err=True)
            ctx.exit(int(exc.exit_code))
        except KeyboardInterrupt:
            click.echo("pubdedup: interrupted", err=True)
            ctx.exit(int(ExitCode.INTERRUPTED))


@click.group(cls=PubdedupGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pubdedup")
def main() -> None:
    """pubdedup: turn scattered publication lists into one clean bibliography."""
