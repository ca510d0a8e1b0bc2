"""`pubdedup schema`: print the JSON Schema of the JSON output."""

from __future__ import annotations

from pubdedup.cli.app import main
from pubdedup.cli.common import emit
from pubdedup.schema import output_schema_text


@main.command()
def schema() -> None:
    """Print the JSON Schema of `merge --format json` output."""
    emit(output_schema_text(), None)  # as every command's data: a closed stdout is exit 5
