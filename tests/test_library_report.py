"""What an `--into` run says on stderr and in its key map: the daily cron job's mail."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from pubdedup.cli import main

PASTED = """@misc{orig2020, title = {A Study of Pasted Copies in Libraries}, author = {Doe, Jane},
  year = {2020}}

@misc{other2021, title = {Something Else Entirely Different}, author = {Roe, Rick},
  year = {2021}}

@misc{orig2020, title = {A Study of Pasted Copies in Libraries}, author = {Doe, Jane},
  year = {2020}, note = {pasted copy}}
"""


def invoke(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def _entry(text: str, key: str) -> re.Match[str]:
    found = re.search(r"(?ms)^@\w+\{" + re.escape(key) + r",.*?^\}\n\n?", text)
    assert found, key
    return found


def test_an_entry_deleted_by_hand_that_comes_back_is_named(tmp_path, seed_pages):
    """A person deletes an entry; the next cron run adds it again, as a page still lists the
    paper. Before, the summary only said `1 added`; now it names the key and says its paper
    is of an input merged into the library before, so the person can tell it is back."""
    library = tmp_path / "library.bib"
    first = invoke("merge", "--into", library, *seed_pages)
    assert first.exit_code == 0, first.stderr
    assert "deleted by hand" not in first.stderr  # a new library: nothing came back
    text = library.read_text("utf-8")
    deleted = _entry(text, "mak2022kubric")
    library.write_text(text[: deleted.start()] + text[deleted.end() :], encoding="utf-8")

    check = invoke("merge", "--check", "--into", library, *seed_pages)
    again = invoke("merge", "--into", library, *seed_pages)

    note = (
        "1 added, 0 updated, 0 merged into other entries; added: mak2022kubric "
        "(papers of inputs merged into it before, new there or deleted by hand and back)"
    )
    assert check.exit_code == 1 and note in check.stderr
    assert again.exit_code == 0 and note in again.stderr
    assert "up to date" in invoke("merge", "--into", library, *seed_pages).stderr


def test_papers_of_a_new_input_are_named_but_not_as_back(tmp_path):
    library, new = tmp_path / "library.bib", tmp_path / "new.bib"
    library.write_text(PASTED.split("\n\n")[0] + "\n", encoding="utf-8")
    new.write_text(
        "".join(
            f"@misc{{n{i}, title = {{Paper Number {word} on Its Own Topic}}, year = {{2024}}}}\n"
            for i, word in enumerate("one two three four five six seven eight nine".split())
        ),
        encoding="utf-8",
    )
    result = invoke("merge", "--into", library, new)
    assert result.exit_code == 0, result.stderr
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith(f"pubdedup: {library}: 9 added, 0 updated, 0 merged")
    assert summary.endswith(", … 1 more")  # eight keys named, not a hundred and fifty
    assert "deleted by hand" not in summary


def test_a_copy_pasted_under_its_own_key_maps_no_key_to_itself(tmp_path):
    """A JabRef user pastes an entry twice: the copy is merged into the first. Before, the key
    map said `{"orig2020": "orig2020"}`, a `\\cite` to fix that needs no fixing."""
    library, keymap, new = tmp_path / "library.bib", tmp_path / "keys.json", tmp_path / "n.bib"
    library.write_text(PASTED, encoding="utf-8")
    new.write_text("@misc{x, title = {A Third Paper on Nothing}, year = {2024}}\n", "utf-8")
    result = invoke("merge", "--into", library, "--keymap", keymap, new)
    assert result.exit_code == 0, result.stderr
    assert "1 updated, 1 merged into other entries" in result.stderr
    assert result.stderr.rstrip().endswith("; updated: orig2020")  # which entry changed
    assert json.loads(keymap.read_text("utf-8")) == {}
    text = library.read_text("utf-8")
    assert text.count("@misc{orig2020,") == 1 and "pasted copy" in text
