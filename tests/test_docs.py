"""The README documents what the code does: every config key, every exit code, and which fields
are passed to the output."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields

from pubdedup.config import MatchConfig
from pubdedup.errors import ExitCode
from pubdedup.model import PASSED_FIELDS
from pubdedup.passed import COMPUTED, VERSION_FIELDS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_setup_commands():
    first_lines = README.splitlines()[:5]
    assert any(line.strip().startswith("make demo") for line in first_lines)
    assert any(line.strip().startswith("make test") for line in first_lines)


def test_every_config_key_is_documented():
    missing = [f.name for f in fields(MatchConfig) if f"`{f.name}`" not in README]
    assert missing == []


def test_every_exit_code_is_documented():
    section = README.split("## Errors and exit codes", 1)[1]
    missing = [code for code in ExitCode if f"\n| {int(code)} |" not in section]
    assert missing == []


def test_the_core_imports_neither_click_nor_rich():
    """The layout README describes: only `cli/` presents; the pipeline is a library without it."""
    core = sorted(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in (ROOT / "pubdedup").rglob("*.py")
        if "cli" not in path.relative_to(ROOT).parts and path.name != "__main__.py"
    )
    probe = "import importlib, sys\n" + "".join(f"importlib.import_module({m!r})\n" for m in core)
    probe += "print(sorted({m.split('.')[0] for m in sys.modules} & {'click', 'rich'}))"
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert len(core) > 40 and found.stdout.strip() == "[]"


def test_every_field_rule_of_the_output_is_documented():
    # The lists of passed, computed and version fields live in the code (model.py, passed.py);
    # the Output section must name each, or a user cannot tell why a field is (not) written.
    section = README.split("## Output", 1)[1].split("### CSL-JSON", 1)[0]
    named = [*PASSED_FIELDS, *sorted(COMPUTED), *sorted(VERSION_FIELDS)]
    assert [name for name in named if f"`{name}`" not in section] == []
