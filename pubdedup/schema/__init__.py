"""The JSON Schema of pubdedup's output, shipped with the package."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any


def output_schema_text() -> str:
    """The schema as text."""
    return files(__package__).joinpath("output.schema.json").read_text(encoding="utf-8")


def output_schema() -> dict[str, Any]:
    """The schema as data."""
    schema: dict[str, Any] = json.loads(output_schema_text())
    return schema
