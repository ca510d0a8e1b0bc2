"""The `pubdedup` command group: maps pubdedup's exceptions to one-line errors and exit codes."""

from __future__ import annotations

import contextlib
from typing import Any

import click

from pubdedup import __version__, collector, files
from pubdedup.cli import signals
from pubdedup.errors import ExitCode, PubdedupError


class PubdedupCommand(click.Command):
    """A command that refuses an empty value (`-o ""`, `--decisions ""`, an input `""`): a
    variable unset in a script, read as the option not given, wrote to stdout instead of the
    file meant, or ran without the decisions or config meant, and said nothing."""

    def invoke(self, ctx: click.Context) -> Any:
        for param in self.params:
            value = ctx.params.get(param.name or "")
            values = value if isinstance(value, tuple) else (value,)
            if any(isinstance(v, str) and not v.strip() for v in values):
                raise click.BadParameter("empty value", ctx=ctx, param=param)
        return super().invoke(ctx)


class PubdedupGroup(click.Group):
    """Maps pubdedup's exceptions to one-line messages and exit codes, in one place."""

    command_class = PubdedupCommand

    def main(self, *args: Any, **kwargs: Any) -> Any:
        files.ensure_stderr()
        try:
            # One command builds large acyclic structures, from reading to writing (collector.py).
            with signals.handled(), collector.paused():
                return super().main(*args, **kwargs)
        except signals.Interrupted as exc:
            # A signal after the command itself had finished, while click was exiting.
            _say(f"pubdedup: {exc.message}")
            raise SystemExit(exc.code) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PubdedupError as exc:
            _say(f"pubdedup: error: {exc}")
            ctx.exit(int(exc.exit_code))
        except BrokenPipeError:
            # stdout's reader has gone (`pubdedup merge ... | head -1`): stop quietly, with the
            # status of a tool killed by SIGPIPE; stdout now points at /dev/null, so the final
            # flush at exit cannot print "Exception ignored ... BrokenPipeError".
            files.discard_stdout()
            ctx.exit(int(ExitCode.BROKEN_PIPE))
        except signals.Interrupted as exc:
            _say(f"pubdedup: {exc.message}")
            ctx.exit(int(exc.code))
        except KeyboardInterrupt:  # no handler installed (invoked without main())
            _say("pubdedup: interrupted")
            ctx.exit(int(ExitCode.INTERRUPTED))


def _say(message: str) -> None:
    with contextlib.suppress(OSError):  # stderr itself may be a closed pipe
        click.echo(message, err=True)


@click.group(cls=PubdedupGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pubdedup")
def main() -> None:
    """pubdedup: turn scattered publication lists into one clean bibliography."""
