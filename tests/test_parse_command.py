"""`pubdedup parse`: what the readers made of an input, with lines and problems."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pubdedup.cli import main
from pubdedup.errors import ExitCode
from tests.conftest import DATA, EXAMPLES

TRUNCATED = DATA / "pages" / "truncated.txt"


def invoke(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_text_form_lists_records_fields_lines_and_problems():
    out = invoke("parse", TRUNCATED)
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[0] == f"== {TRUNCATED}: page, owner Sam Cutter, 3 records, 2 problems"
    assert lines[1] == "#0 line 8" and lines[2].startswith("    abstract: We study how copies")
    assert "    truncated: yes: the abstract is cut off" in lines
    assert f"problem: {TRUNCATED}:8: abstract is cut off (no 'View details'); entry kept" in lines
    assert out.stderr == ""


def test_titled_page_entry_shows_each_field():
    page = sorted(EXAMPLES.glob("*.txt"))[0]
    text = invoke("parse", page).stdout
    entry = text.split("#7 line 21\n", 1)[1].split("\n#8", 1)[0]
    assert entry.splitlines() == [
        "    title: On Robustness and Transferability of Convolutional Neural Networks",
        "    authors: Josip Djolonga; Jessica Yung; Michael Tschannen; Rob Romijnders; "
        "Dan Moldovan; Sylvain Gelly",
        "    year: 2021",
        "    venue: Conference on Computer Vision and Pattern Recognition",
        entry.splitlines()[4],
    ]
    assert entry.splitlines()[4].startswith("    abstract: Modern deep convolutional networks")


def test_json_form_keeps_every_field_and_the_reading_options_apply():
    csv = DATA / "readers" / "mapped.csv"
    options = ["--map", "Name=title", "--map", "Writers=authors", "--id-column", "Paper Number"]
    doc = json.loads(invoke("parse", "-f", "json", *options, csv).stdout)
    [record] = doc["inputs"][0]["records"]
    assert (record["id"], record["title"], record["line"]) == ("P-7", "Mapped Title", 2)
    assert record["authors"] == ["Alice Smith", "Bob Jones"]
    assert {"file", "index", "owner", "venue", "extra", "truncated"} <= set(record)
    assert doc["inputs"][0]["format"] == "csv" and doc["inputs"][0]["problems"] == []


def test_table_form_and_errors():
    out = CliRunner().invoke(main, ["parse", "-f", "table", str(TRUNCATED)], env={"COLUMNS": "200"})
    assert out.exit_code == 0 and "3 records, 2 problems" in out.stdout and "line 8" in out.stdout
    missing = invoke("parse", DATA / "nope.txt")
    assert missing.exit_code == ExitCode.INPUT and "no such file" in missing.stderr


def test_a_records_document_type_shows_whether_it_is_a_meeting_abstract(tmp_path):
    # The type keeps an abstract apart from its article: `parse` shows what it was read as.
    export = tmp_path / "embase.csv"
    export.write_text(
        '"Title","Publication Type"\n"A","Conference Abstract"\n"B","Article"\n"C",""\n'
    )
    text = invoke("parse", export).stdout
    assert "    meeting abstract: yes\n#1" in text
    assert text.count("meeting abstract: no (the export types it as another kind)") == 1
    as_json = json.loads(invoke("parse", "--format", "json", export).stdout)
    kinds = [r["meeting_abstract"] for r in as_json["inputs"][0]["records"]]
    assert kinds == [True, False, None]
