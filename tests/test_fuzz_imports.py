"""The fuzz harnesses import what the package has: they run only under `make fuzz` (atheris),
which no other check starts, and a name moved between modules left `make fuzz` crashing on
start with an ImportError it reported as a crash found."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"


def package_imports() -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(FUZZ.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pubdedup"):
                found += [(path.name, node.module, alias.name) for alias in node.names]
    return found


def test_the_harnesses_import_from_the_package():
    assert package_imports(), "no `from pubdedup… import …` found in fuzz/"


@pytest.mark.parametrize(("harness", "module", "name"), package_imports())
def test_each_name_a_harness_imports_is_there(harness, module, name):
    assert hasattr(importlib.import_module(module), name), f"{harness}: {module}.{name}"
