"""`--into` a library JabRef keeps: its settings stay the last blocks of the file."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pubdedup.cli import main

NEW = "@misc{n1, title = {A New Paper About Nothing in Particular}, year = {2024}}\n"
ADDED = (
    "@misc{anon2024new,\n  title = {A New Paper About Nothing in Particular},\n  year = {2024},\n"
)
OWN = "@Misc{own,\n  title = {My Own Entry on Something Else},\n  year = {2020},\n}\n"
META = "@Comment{jabref-meta: databaseType:biblatex;}\n"
GROUPS = (
    "@Comment{jabref-meta: grouping:\n0 AllEntriesGroup:;\n1 StaticGroup:thesis\\;0\\;1\\;;\n}\n"
)

CASES = [
    # name, library, the blocks in order once the new entry is added ("NEW": where it goes)
    ("no-settings", OWN, [OWN, "NEW"]),
    ("settings-at-end", OWN + "\n" + META, [OWN, "NEW", META]),
    ("two-settings-blocks", OWN + "\n" + META + "\n" + GROUPS, [OWN, "NEW", META, GROUPS]),
    ("settings-then-entry", META + "\n" + OWN, [META, OWN, "NEW"]),  # not at the end: stays
    ("settings-only", "% Encoding: UTF-8\n\n" + META, ["% Encoding: UTF-8", "NEW", META]),
]


@pytest.mark.parametrize(("name", "text", "order"), CASES, ids=[c[0] for c in CASES])
def test_new_entries_go_before_jabrefs_settings_at_the_end(tmp_path, name, text, order):
    """Before, new entries were appended after `@Comment{jabref-meta: …}`, which JabRef's next
    save moved back to the end, a diff of every entry added since."""
    library, new = tmp_path / "library.bib", tmp_path / "new.bib"
    library.write_text(text, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    result = CliRunner().invoke(main, ["merge", "--into", str(library), str(new)])
    assert result.exit_code == 0, result.stderr
    written = library.read_text("utf-8")
    places = [written.index(ADDED if block == "NEW" else block) for block in order]
    assert places == sorted(places)
    assert written.count("@misc{anon2024new,") == 1
    for block in order:
        if block != "NEW":
            assert block in written  # byte for byte
    again = CliRunner().invoke(main, ["merge", "--into", str(library), str(new)])
    assert "up to date" in again.stderr and library.read_text("utf-8") == written
