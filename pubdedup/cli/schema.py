"""`pubdedup schema`: print the JSON Schema of the JSON output."""

from __future__ import annotations

import click

from pubdedup.cli.app import main
from pubdedup.schema import output_schema_text


@main.command()
def schema() -> None:
    """Print the JSON Schema of `merge --format json` output."""
    click.echo(output_schema_text(), nl=False)
