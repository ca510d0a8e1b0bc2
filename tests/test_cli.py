"""The command line: data on stdout or -o, messages on stderr, documented exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from rich.console import Console

from pubdedup.cli import main
from pubdedup.cli.report import print_summary
from pubdedup.errors import ExitCode
from pubdedup.pipeline import run
from pubdedup.readers import read_text
from tests.conftest import DATA, EXAMPLES, read


def invoke(*args, input=None):
    return CliRunner().invoke(main, list(map(str, args)), input=input)


def test_merge_writes_bibtex_to_stdout_and_nothing_else(seed_pages):
    result = invoke("merge", *seed_pages)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("\n@") + result.stdout.startswith("@") == 15
    assert result.stderr == ""  # not a terminal: no summary, and the seeds have no problems


def test_output_is_byte_identical_across_runs_and_input_orders(seed_pages):
    first = invoke("merge", *seed_pages).stdout
    assert invoke("merge", *seed_pages).stdout == first
    assert invoke("merge", *reversed(seed_pages)).stdout == first
    json_a = invoke("merge", "-f", "json", *seed_pages).stdout
    assert invoke("merge", "-f", "json", *reversed(seed_pages)).stdout == json_a


def test_examples_hold_the_current_expected_outputs(monkeypatch):
    """examples/merged.* are what `make demo` writes; they must match the code."""
    monkeypatch.chdir(EXAMPLES.parent)
    pages = sorted(str(p.relative_to(EXAMPLES.parent)) for p in EXAMPLES.glob("*.txt"))
    assert invoke("merge", *pages).stdout == (EXAMPLES / "merged.bib").read_text("utf-8")
    assert invoke("merge", "--format", "json", *pages).stdout == (
        EXAMPLES / "merged.json"
    ).read_text("utf-8")


def test_output_file_is_written_atomically(tmp_path, seed_pages):
    out = tmp_path / "refs.bib"
    result = invoke("merge", *seed_pages, "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text("utf-8") == invoke("merge", *seed_pages).stdout
    assert [p.name for p in tmp_path.iterdir()] == ["refs.bib"]  # no temp file left


def test_stdin_input_and_owner_option():
    page = read(DATA / "pages" / "no_header.txt")
    result = invoke("merge", "-", "--owner", "Ada Lovelace", "-f", "json", input=page)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert {s["file"] for p in doc["papers"] for s in p["sources"]} == {"-"}
    assert all("Ada Lovelace" in p["authors"] for p in doc["papers"])


def test_owner_for_one_file_only(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text(read(DATA / "pages" / "no_header.txt"), encoding="utf-8")
    result = invoke("merge", "-f", "json", page, "--owner", f"{page}=Grace Hopper")
    doc = json.loads(result.stdout)
    assert {s["owner"] for p in doc["papers"] for s in p["sources"]} == {"Grace Hopper"}


def test_an_earlier_output_given_twice_is_not_doubled(tmp_path, seed_pages):
    # Two copies of one earlier output were kept apart paper by paper (each paper of one output
    # is distinct from the others): every paper came out twice.
    out = tmp_path / "merged.json"
    assert invoke("merge", *seed_pages, "-f", "json", "-o", out).exit_code == 0
    once = invoke("merge", out, "-f", "json", "-q").stdout
    twice = invoke("merge", out, str(out).replace("/merged", "/./merged"), "-f", "json", "-q")
    assert json.loads(twice.stdout)["papers"] == json.loads(once)["papers"]


def test_stdin_twice_is_a_usage_error():
    result = invoke("merge", "-", "-", input=read(DATA / "pages" / "no_header.txt"))
    assert result.exit_code == 2 and "'-' (stdin) given more than once" in result.stderr


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["merge", "{page}", "-o", ""], "'-o' / '--output'"),
        (["merge", "{page}", "--into", ""], "'--into'"),
        (["merge", "{page}", "--decisions", ""], "'--decisions'"),
        (["merge", "{page}", "--config", " "], "'--config'"),
        (["merge", "{page}", ""], "'INPUT...'"),
        (["parse", ""], "'INPUT...'"),
        (["explain", "{page}", "--paper", ""], "'--paper'"),
    ],
    ids=["output", "into", "decisions", "config-blank", "input", "parse-input", "explain-paper"],
)
def test_an_empty_value_is_a_usage_error_not_the_option_left_out(tmp_path, args, hint):
    """`-o "$OUT"` with OUT unset wrote to stdout, and `--decisions ""` ran without the
    decisions meant, exit 0 both: a script's mistake, said as one."""
    page = tmp_path / "page.txt"
    page.write_text(read(EXAMPLES / "000_0b40a0d7e21e786a.txt"), encoding="utf-8")
    result = invoke(*(a.format(page=page) for a in args))
    assert result.exit_code == 2
    assert f"Invalid value for {hint}: empty value" in result.output
    assert "@" not in result.output  # no bibliography written to stdout


def test_a_map_with_no_header_is_refused():
    result = invoke("merge", "-", "--map", "=title", input="Title,Year\nA,2020\n")
    assert result.exit_code == 2 and "'=title': expected HEADER=FIELD" in result.output


def test_owner_file_however_spelt_and_a_typo_refused(tmp_path, monkeypatch):
    (tmp_path / "p.txt").write_text(read(DATA / "pages" / "no_header.txt"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for spelt in ("./p.txt", str(tmp_path / "p.txt")):
        result = invoke("merge", "-f", "json", "p.txt", "--owner", f"{spelt}=Grace Hopper")
        doc = json.loads(result.stdout)
        assert {s["owner"] for p in doc["papers"] for s in p["sources"]} == {"Grace Hopper"}
    result = invoke("merge", "p.txt", "--owner", "q.txt=Grace Hopper")
    assert result.exit_code == 2 and result.stdout == ""
    assert "--owner: q.txt is not one of the inputs" in result.stderr


@pytest.mark.parametrize(
    "make_path, message",
    [
        (lambda tmp: tmp / "missing.txt", "no such file"),
        (lambda tmp: tmp, "is a directory"),
        (lambda tmp: _write(tmp / "empty.txt", b""), "file is empty"),
        (lambda tmp: _write(tmp / "blank.txt", b" \n\t\n"), "file is empty"),
        (lambda tmp: _write(tmp / "paper.pdf", b"%PDF-1.7\n\x00\x01"), "PDF"),
        (lambda tmp: _write(tmp / "notes.md", b"just some notes\n"), "unknown input format"),
    ],
)
def test_unreadable_inputs_give_one_line_error_and_exit_4(tmp_path, make_path, message):
    path = make_path(tmp_path)
    out = tmp_path / "out.bib"
    result = invoke("merge", path, "-o", out)
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.count("\n") == 1 and str(path) in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_missing_output_directory_exits_5(tmp_path, seed_pages):
    result = invoke("merge", *seed_pages, "-o", tmp_path / "nope" / "out.bib")
    assert result.exit_code == ExitCode.OUTPUT
    assert "output directory does not exist" in result.stderr


@pytest.mark.parametrize(
    "args, message, code",
    [
        (["-o", "nope/out.bib"], "nope/out.bib: output directory does not exist", ExitCode.OUTPUT),
        (["-o", "."], ".: is a directory, not a file", ExitCode.OUTPUT),
        (["-o", "new.json/"], "new.json/: names a directory (it ends in /)", ExitCode.OUTPUT),
        (
            ["--into", "nope/library.bib"],
            "nope/library.bib: output directory does not exist",
            ExitCode.OUTPUT,
        ),
        (["--into", "notes.bib"], "notes.bib: not a BibTeX library", ExitCode.INPUT),
        (
            ["--into", "lib.bib", "--keymap", "nope/k.json"],
            "nope/k.json: output directory",
            ExitCode.OUTPUT,
        ),
    ],
)
def test_an_output_that_cannot_be_written_fails_before_any_input_is_read(
    tmp_path, monkeypatch, seed_pages, args, message, code
):
    """A cron job over a large input learnt of a missing directory, or of an `--into` file that
    is no library, only once every input was read and matched (20 s on a 28 MB bibliography)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.bib").write_text("Jump to Content\nnot a library\n", encoding="utf-8")

    def no_reading(*_args, **_kwargs):
        raise AssertionError("inputs read before the output was checked")

    monkeypatch.setattr("pubdedup.cli.merge.read_inputs", no_reading)
    result = invoke("merge", *seed_pages, *args)
    assert result.exit_code == code, result.output
    assert result.stderr.startswith(f"pubdedup: error: {message}")


@pytest.mark.parametrize(
    "args, message",
    [
        pytest.param(
            ["-o", "decisions.toml"], "-o decisions.toml is the --decisions file", id="output"
        ),
        pytest.param(
            ["--into", "lib.bib", "--keymap", "./decisions.toml"],
            "--keymap ./decisions.toml is the --decisions file",
            id="keymap",
        ),
    ],
)
def test_an_output_naming_the_decisions_file_is_refused(
    tmp_path, monkeypatch, seed_pages, args, message
):
    # `-o` over the decisions file replaced a person's review answers with the bibliography.
    monkeypatch.chdir(tmp_path)
    decisions = tmp_path / "decisions.toml"
    decisions.write_text("# pubdedup decisions\n", encoding="utf-8")
    result = invoke("merge", *seed_pages, "--decisions", "decisions.toml", *args)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert f"{message}; the output would replace it" in result.stderr
    assert result.stdout == ""
    assert decisions.read_text(encoding="utf-8") == "# pubdedup decisions\n"
    assert not (tmp_path / "lib.bib").exists()


LIBRARY = (
    "@string{J={Journal of Things}}\n"
    "@article{my_key,title={A Study},author={Smith, John},journal=J,year=2020}\n"
)


EARLIER_RUN = (DATA / "readers" / "earlier_run.json").read_text("utf-8")
NAMED_BIB, INPUT = "names a BibTeX file", "is an input ("


@pytest.mark.parametrize(
    "name, content, args, said",
    [
        # (a .bib named with a JSON format is refused by its name alone, input or not)
        pytest.param("refs.bib", LIBRARY, ["-f", "json"], NAMED_BIB, id="json-over-bibtex"),
        pytest.param("refs.bib", LIBRARY, ["-f", "csl-json"], NAMED_BIB, id="csl-json-over-bib"),
        # pubdedup reads its own JSON, not CSL-JSON: the earlier output would be lost for good
        pytest.param("out.json", EARLIER_RUN, ["-f", "csl-json"], INPUT, id="csl-json-over-json"),
        pytest.param("page.txt", None, [], INPUT, id="bibtex-over-a-page"),
    ],
)  # fmt: skip
def test_an_output_over_an_input_of_another_kind_is_refused(tmp_path, name, content, args, said):
    """`-o refs.bib --format json` replaced a person's BibTeX with JSON it cannot be read as."""
    path = tmp_path / name
    path.write_text(content or (EXAMPLES / "000_0b40a0d7e21e786a.txt").read_text("utf-8"), "utf-8")
    before = path.read_bytes()
    result = invoke("merge", path, *args, "-o", path)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert f"-o {path} {said}" in result.stderr
    assert result.stdout == ""
    assert path.read_bytes() == before


def test_problems_are_warnings_on_stderr_and_strict_fails(tmp_path):
    page = DATA / "pages" / "truncated.txt"
    result = invoke("merge", page, "-f", "json")
    assert result.exit_code == 0
    assert result.stderr.count("warning:") == 2 and "truncated.txt:8" in result.stderr
    doc = json.loads(result.stdout)
    assert [p["kind"] for p in doc["problems"]] == ["truncated-abstract"] * 2
    quiet = invoke("merge", page, "--quiet")
    assert quiet.exit_code == 0 and quiet.stderr == ""
    out = tmp_path / "o.bib"
    strict = invoke("merge", page, "--strict", "-o", out)
    assert strict.exit_code == ExitCode.STRICT and not out.exists()
    # -q silences warnings, but under --strict they are the error's cause: still shown.
    quiet_strict = invoke("merge", page, "--strict", "-q", "-o", out)
    assert quiet_strict.exit_code == ExitCode.STRICT and quiet_strict.stderr.count("warning:") == 2


def test_config_file_overrides_thresholds(tmp_path, seed_pages):
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"abstract_match": 0.99}), encoding="utf-8")
    doc = json.loads(invoke("merge", "-f", "json", "--config", config, *seed_pages).stdout)
    assert doc["config"]["abstract_match"] == 0.99
    config.write_text(json.dumps({"no_such_threshold": 1}), encoding="utf-8")
    bad = invoke("merge", "--config", config, *seed_pages)
    assert bad.exit_code == ExitCode.INPUT and "no_such_threshold" in bad.stderr


def test_help_shows_examples_and_exit_codes():
    text = invoke("merge", "--help").stdout
    assert "pubdedup merge kolesnikov.txt beyer.txt" in text and "Exit codes" in text
    for command in main.commands:
        assert invoke(command, "--help").exit_code == 0


def test_schema_command_prints_the_shipped_schema():
    doc = json.loads(invoke("schema").stdout)
    assert doc["title"] == "pubdedup merge output"


def test_summary_table_lists_the_figures(seed_pages):
    result = run([read_text(read(p), p.name) for p in seed_pages])
    buffer = io.StringIO()
    print_summary(result, Console(file=buffer, width=100))
    text = buffer.getvalue()
    assert "2 author pages" in text and "27" in text and "15" in text
    assert "12 papers from several entries" in text


def test_real_process_separates_stdout_and_stderr(seed_pages):
    proc = subprocess.run(
        [sys.executable, "-m", "pubdedup", "merge", *map(str, seed_pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("@") and proc.stderr == ""
    # The command's fast exit (no heap teardown) still delivers every byte of the output.
    assert proc.stdout == invoke("merge", *map(str, seed_pages)).stdout
    usage = subprocess.run(
        [sys.executable, "-m", "pubdedup", "merge", "--format", "yaml", *map(str, seed_pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert usage.returncode == 2 and usage.stdout == "" and "yaml" in usage.stderr
    bad = subprocess.run(
        [sys.executable, "-m", "pubdedup", "merge", "/nonexistent.txt"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 4 and bad.stdout == ""
    assert bad.stderr == "pubdedup: error: /nonexistent.txt: no such file\n"


@pytest.mark.parametrize(
    "settings, message",
    [
        ('{"abstract_match": "high"}', 'abstract_match must be a number from 0 to 1, not "high"'),
        ('{"abstract_match": null}', "abstract_match must be a number from 0 to 1, not null"),
        ('{"title_match": 7}', "title_match must be a number from 0 to 1, not 7"),
        ('{"max_year_gap": 1.5}', "max_year_gap must be a whole number >= 0, not 1.5"),
        ('{"max_block_size": -5}', "max_block_size must be a whole number >= 0, not -5"),
        ('{"keep_versions": "no"}', 'keep_versions must be true or false, not "no"'),
        ('{"weight_year_same": true}', "weight_year_same must be a number, not true"),
        ('{"config": {"no_such_key": 1}}', "unknown config keys: no_such_key"),
        ("[0.9]", "expected a JSON object of settings"),
        ("{", "Expecting property name"),
    ],
)
def test_a_bad_config_is_one_line_and_exit_4(tmp_path, seed_pages, settings, message):
    config = tmp_path / "config.json"
    config.write_text(settings)
    result = invoke("merge", *seed_pages, "--config", config)
    assert result.exit_code == ExitCode.INPUT
    where = f"{config}:1" if settings == "{" else str(config)  # invalid JSON: its line
    assert result.stderr.startswith(f"pubdedup: error: {where}: bad config: ")
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_a_config_file_may_set_any_subset_and_a_previous_output_works(tmp_path, seed_pages):
    config = tmp_path / "config.json"
    config.write_text('{"abstract_match": 0.9, "weight_year_same": -1, "keep_versions": true}')
    assert invoke("merge", *seed_pages, "--config", config).exit_code == 0
    previous = tmp_path / "previous.json"
    previous.write_text(invoke("merge", *seed_pages, "-f", "json").stdout)
    assert invoke("merge", *seed_pages, "--config", previous).exit_code == 0


def test_a_forced_format_that_finds_nothing_says_so(seed_pages):
    result = invoke("merge", "--input-format", "bibtex", seed_pages[0])
    assert result.exit_code == 4  # nothing read, nothing written: an empty output would hide it
    assert f"{seed_pages[0]}: no records found (read as bibtex)" in result.stderr
    assert "error: no record in any input; nothing written" in result.stderr
    assert invoke("merge", "--input-format", "bibtex", "--strict", seed_pages[0]).exit_code == 6


def test_many_warnings_of_one_kind_are_counted_after_twenty(tmp_path):
    bib = tmp_path / "refs.bib"
    entries = [
        f"@misc{{e{k}, title = {{Paper {k}}}, journal = J{k}, year = 2001}}" for k in range(25)
    ]
    bib.write_text("\n".join(entries) + "\n", encoding="utf-8")
    lines = invoke("merge", bib, "-o", tmp_path / "out.bib").stderr.splitlines()
    assert len(lines) == 21 and all("undefined @string" in line for line in lines[:20])
    assert lines[20] == (
        f"pubdedup: warning: {bib}: 5 more 'undefined-string' warnings like these"
        " (--format json lists every one under 'problems')"
    )
    doc = json.loads(invoke("merge", bib, "-f", "json", "-q").stdout)
    assert len(doc["problems"]) == 25


@pytest.mark.parametrize(
    "owners, message",
    [
        (["Ada Lovelace", "Grace Hopper"], "two owners for every page"),
        (["p.txt=Ada Lovelace", "p.txt=Grace Hopper"], "two owners for p.txt"),
        (["p.txt=Ada Lovelace", "./p.txt=Grace Hopper"], "two owners for p.txt"),
        ([""], "empty value"),  # any option's empty value
        (["p.txt= "], "names no one"),
        (["=Ada Lovelace"], "'=Ada Lovelace': no file before '='"),
        ([" =Ada Lovelace"], "no file before '='"),
    ],
)
def test_owners_that_contradict_or_name_no_one_are_refused(tmp_path, monkeypatch, owners, message):
    """The last of two owners used to win silently."""
    (tmp_path / "p.txt").write_text(read(DATA / "pages" / "no_header.txt"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("merge", "p.txt", *(x for o in owners for x in ("--owner", o)))
    assert result.exit_code == 2 and result.stdout == ""
    assert message in result.stderr


def test_a_map_to_title_makes_a_tab_delimited_export_readable_beside_other_formats(tmp_path):
    # Web of Science saves its tab-delimited export as `savedrecs.txt`, headed by tags (`TI`,
    # `AU`, `PY`). `--map TI=title` did not make it a CSV to the format sniffer, so the `.txt`
    # was read as an author page and refused, and `--input-format csv` would force every
    # other input (a RIS export) to CSV too: the two could not be merged in one run.
    wos = tmp_path / "savedrecs.txt"
    wos.write_text(
        "PT\tAU\tTI\tSO\tPY\tVL\tBP\tEP\tDI\tUT\n"
        "J\tKlein, S; Berg, MJ\tRituximab for cystic fibrosis\tHAEMATOLOGICA\t2015\t181\t155"
        "\t165\t\tWOS:000000000000001\n",
        encoding="utf-8-sig",
    )
    ris = tmp_path / "embase.ris"
    ris.write_text(
        "TY  - JOUR\nT1  - Rituximab for cystic fibrosis\nA1  - Klein S.\nA1  - Berg M.J.\n"
        "Y1  - 2015//\nJF  - Haematologica\nVL  - 181\nSP  - 155\nEP  - 165\nER  - \n",
        encoding="utf-8",
    )
    maps = ["--map", "TI=title", "--map", "AU=authors", "--map", "PY=year", "--map", "SO=venue"]
    result = invoke("merge", wos, ris, *maps, "--format", "json")
    assert result.exit_code == 0, result.output
    (paper,) = json.loads(result.stdout)["papers"]
    assert len(paper["sources"]) == 2


def test_a_map_column_of_one_csv_input_is_no_typo_in_the_others(tmp_path):
    # `--map TI=title` for a Web of Science export warned 'no such column' for every other CSV
    # input (PubMed's, Scopus's), so `--strict` failed a run with nothing wrong in it.
    wos = tmp_path / "savedrecs.txt"
    wos.write_text("PT\tAU\tTI\tPY\nJ\tKlein, S\tRituximab for cystic fibrosis\t2015\n")
    pubmed = tmp_path / "pubmed.csv"
    pubmed.write_text('"PMID","Title","Authors","Year"\n"1","A trial.","Klein S","2015"\n')
    maps = ["--map", "TI=title", "--map", "AU=authors", "--map", "PY=year"]
    result = invoke("merge", wos, pubmed, *maps, "--strict", "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["papers"]) == 2
    # A column no input has is still a typo, reported for each CSV input.
    result = invoke("merge", wos, pubmed, *maps, "--map", "Titel=title", "--strict")
    assert result.exit_code == ExitCode.STRICT, result.output
    assert result.stderr.count("--map 'Titel': no such column") == 2


def test_an_embase_meeting_abstract_and_its_article_stay_two_related_papers(tmp_path):
    # The article ahead of print has no pages yet: title, people, year and journal all agree
    # with the abstract's, and only the export's `Publication Type` tells them apart.
    title = "Ruxolitinib in myelofibrosis with low platelet counts: a phase 2 study"
    people = "Klein S.; Berg M.J.; Osei K."
    embase = tmp_path / "embase.csv"
    embase.write_text(
        '"Title","Author Names","Source","Publication Year","Publication Type","Volume"\n'
        f'"{title}","{people}","Blood","2021","Conference Abstract","138"\n'
        f'"{title}","{people}","Blood","2021","Article",""\n',
        encoding="utf-8",
    )
    result = invoke("merge", "-f", "json", embase)
    assert result.exit_code == 0, result.stderr
    papers = json.loads(result.stdout)["papers"]
    assert len(papers) == 2
    assert [[r["key"] for r in p["related"]] for p in papers] == [
        [papers[1]["key"]],
        [papers[0]["key"]],
    ]


def test_a_meeting_abstract_read_back_from_json_stays_apart_from_its_article(tmp_path):
    # An update search: last month's deduplicated JSON holds the abstract; this month's export
    # brings the article. The JSON paper lost the export's type, so the two merged.
    title = "Ruxolitinib in myelofibrosis with low platelet counts: a phase 2 study"
    header = '"Title","Author Names","Source","Publication Year","Publication Type","Volume"\n'
    people = "Klein S.; Berg M.J.; Osei K."
    last_month, this_month = tmp_path / "jan.csv", tmp_path / "feb.csv"
    last_month.write_text(
        header + f'"{title}","{people}","Blood","2021","Conference Abstract","138"\n'
    )
    this_month.write_text(header + f'"{title}","{people}","Blood","2021","Article",""\n')
    first = invoke("merge", "-f", "json", last_month, "-o", tmp_path / "jan.json")
    assert first.exit_code == 0, first.stderr
    [paper] = json.loads((tmp_path / "jan.json").read_text())["papers"]
    assert paper["meeting_abstract"] is True
    result = invoke("merge", "-f", "json", tmp_path / "jan.json", this_month)
    assert result.exit_code == 0, result.stderr
    papers = json.loads(result.stdout)["papers"]
    assert sorted(p["meeting_abstract"] for p in papers) == [False, True]
    assert all(len(p["related"]) == 1 for p in papers)


@pytest.mark.parametrize("output", [["-f", "json"], ["--into", "library.bib"]])
def test_a_file_name_that_is_not_utf8_is_written_with_a_replacement_character(
    tmp_path, monkeypatch, output
):
    """A page saved under a Latin-1 name (`m\\xfcller.txt`, from an old archive): Python holds
    the byte as a lone surrogate, which the JSON writer met with a traceback and `--into` took
    for a character the library's UTF-8 cannot hold (exit 5)."""
    monkeypatch.chdir(tmp_path)
    name = b"m\xfcller.txt".decode("utf-8", "surrogateescape")
    (tmp_path / name).write_bytes((EXAMPLES / "000_0b40a0d7e21e786a.txt").read_bytes())
    (tmp_path / "extra.bib").write_text("@misc{x, title = {Untouched}, year = {2001}}\n")
    result = CliRunner().invoke(main, ["merge", name, f"./{name}", "extra.bib", *output])
    assert result.exit_code == 0, result.output
    written = result.stdout if "json" in output else read(tmp_path / "library.bib")
    assert "m\ufffdller.txt" in written
    if "json" in output:
        problems = json.loads(written)["problems"]
        assert {s["file"] for p in json.loads(written)["papers"] for s in p["sources"]} == {
            "m\ufffdller.txt",
            "extra.bib",
        }
        assert [(p["file"], p["message"]) for p in problems] == [
            ("m\ufffdller.txt", "given again as ./m\ufffdller.txt; read once")
        ]


def test_a_preprint_joins_one_published_version_and_the_other_stays_related(tmp_path):
    # One arXiv id on the preprint, the ICML paper and its JMLR extension: all three were one
    # entry. The preprint joins a published version; the other is related, and no maybe pair
    # is left for the match it could not make.
    people = "Jaderberg, Max and Czarnecki, Wojciech and Osindero, Simon"
    title = "Decoupled Neural Interfaces using Synthetic Gradients"
    source = tmp_path / "refs.bib"
    source.write_text(
        f"@inproceedings{{conf, title={{{title}}}, author={{{people}}}, year=2017,"
        " booktitle={International Conference on Machine Learning}, pages={1627--1635},"
        " eprint={1608.05343}, archiveprefix={arXiv}}\n"
        f"@article{{jour, title={{{title}}}, author={{{people}}}, year=2019, volume=20,"
        " journal={Journal of Machine Learning Research}, pages={1--40}, eprint={1608.05343},"
        " archiveprefix={arXiv}}\n"
        f"@misc{{pre, title={{{title}}}, author={{{people}}}, year=2016, eprint={{1608.05343}},"
        " archiveprefix={arXiv}}\n"
    )
    doc = json.loads(invoke("merge", "-f", "json", source).stdout)
    ids = sorted(sorted(s["id"] for s in p["sources"]) for p in doc["papers"])
    assert ids == [["conf", "pre"], ["jour"]]
    assert all(len(p["related"]) == 1 for p in doc["papers"])
    assert doc["maybe"] == []


@pytest.mark.parametrize(
    "options, starts",
    [
        (["merge", "-f", "JSON"], "{"),
        (["merge", "--format", "CSL-JSON"], "["),
        (["merge", "--input-format", "Page", "-f", "BibTeX"], "@"),
        (["parse", "--format", "JSON"], "{"),
    ],
)
def test_format_names_are_read_in_any_case(options, starts):
    """`-f JSON` was refused: `'JSON' is not one of 'bibtex', 'csl-json', 'json'`."""
    page = str(EXAMPLES / "000_0b40a0d7e21e786a.txt")
    result = CliRunner().invoke(
        main, [*options, page, "-q"] if options[0] == "merge" else [*options, page]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(starts)


@pytest.mark.parametrize(
    "name, starts",
    [
        ("out.json", '{\n  "pubdedup"'),
        ("refs.csl.json", "[\n  {"),
        ("refs.bib", "@"),
        ("x.txt", "@"),
    ],
)
def test_without_a_format_the_output_is_what_its_name_says(tmp_path, seed_pages, name, starts):
    """`merge pages -o out.json` wrote BibTeX into out.json, and the next run over it failed."""
    out = tmp_path / name
    assert invoke("merge", *seed_pages, "-q", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith(starts)
    check = invoke("merge", *seed_pages, "-q", "--check", "-o", out)
    assert check.exit_code == 0, check.stderr  # compared as what it is: up to date


@pytest.mark.parametrize(
    "name, args, said",
    [
        ("refs.bib", ["-f", "json"], "names a BibTeX file, and --format json writes JSON"),
        ("refs.BIB", ["--format", "csl-json"], "names a BibTeX file, and --format csl-json writes"),
        ("out.json", ["-f", "bibtex"], "names a JSON file, and --format bibtex writes BibTeX"),
        # .json is either JSON; .csl.json is CSL-JSON alone (pandoc's name for it)
        ("refs.csl.json", ["-f", "json"], "names a CSL-JSON file, and --format json writes JSON"),
    ],
)
def test_a_format_the_output_name_contradicts_is_refused(tmp_path, seed_pages, name, args, said):
    out = tmp_path / name
    result = invoke("merge", *seed_pages, *args, "-o", out)
    assert result.exit_code == ExitCode.USAGE
    assert f"Error: -o {out} {said}" in result.stderr
    assert not out.exists()
    # JSON and CSL-JSON are both JSON files: either may be named .json.
    assert (
        invoke("merge", *seed_pages, "-q", "-f", "csl-json", "-o", tmp_path / "c.json").exit_code
        == 0
    )


@pytest.mark.parametrize(
    "owners, message",
    [
        (["Ada Lovelace"], "no input is an author page (read as bibtex); only a page has an owner"),
        (["refs.bib=Ada Lovelace"], "refs.bib is read as bibtex, not an author page"),
    ],
)
def test_an_owner_for_no_page_is_refused(tmp_path, monkeypatch, owners, message):
    """`merge zotero.bib --owner X` dropped the owner without a word: only pages have one."""
    (tmp_path / "refs.bib").write_text(LIBRARY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("merge", "refs.bib", *(x for o in owners for x in ("--owner", o)))
    assert result.exit_code == ExitCode.USAGE and result.stdout == ""
    assert message in result.stderr
    # The library given as an input too is read as the library: no other input is left.
    alone = invoke("merge", "--into", "refs.bib", "refs.bib", "--owner", "Ada Lovelace")
    assert alone.exit_code == ExitCode.USAGE
    assert "no input is an author page (the only input is the --into library)" in alone.stderr
    # Beside a page, an owner for every page is that page's.
    (tmp_path / "p.txt").write_text(read(DATA / "pages" / "no_header.txt"), encoding="utf-8")
    both = invoke("merge", "refs.bib", "p.txt", "--owner", "Ada Lovelace", "-q")
    assert both.exit_code == 0 and "Ada Lovelace" in both.stdout
