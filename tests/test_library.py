"""Incremental runs: `merge --into LIBRARY.bib` edits a library in place and keeps its keys."""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
from collections.abc import Callable

import bibtexparser
import pytest
from click.testing import CliRunner

from pubdedup.bibedit import field_spans, remove_fields, set_fields
from pubdedup.cli import main
from pubdedup.errors import ExitCode
from tests.conftest import BIT_TITLE, DATA, EXAMPLES, bit_versions

cli_merge = importlib.import_module("pubdedup.cli.merge")
LIBRARY_DATA = DATA / "library"
NEW_PAGE = DATA / "pages" / "zhai_edited.txt"


def invoke(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def entries(text: str) -> dict[str, dict[str, str]]:
    """key -> {field: raw value} of a BibTeX text, failing on any block that does not parse."""
    library = bibtexparser.parse_string(text, parse_stack=[])
    assert not library.failed_blocks
    return {e.key: {f.key.lower(): str(f.value) for f in e.fields} for e in library.entries}


def test_cron_runs_seeds_then_again_then_a_new_page(tmp_path, seed_pages):
    library = tmp_path / "library.bib"

    first = invoke("merge", "--into", library, *seed_pages)
    assert first.exit_code == 0, first.stderr
    after_seeds = library.read_bytes()
    assert len(entries(after_seeds.decode())) == 15
    # The new library holds what a plain merge writes, plus where each paper came from.
    plain = entries(invoke("merge", *seed_pages).stdout)
    both = "{" + "; ".join(p.name for p in seed_pages) + "}"
    sources = []
    for key, fields in entries(after_seeds.decode()).items():
        assert {k: v for k, v in fields.items() if k != "pubdedup-sources"} == plain[key]
        sources.append(fields["pubdedup-sources"])
    assert sources.count(both) == 12  # 12 papers are on both pages, 3 on one

    mtime = library.stat().st_mtime_ns
    again = invoke("merge", "--into", library, *seed_pages)
    assert again.exit_code == 0 and "up to date" in again.stderr
    assert library.read_bytes() == after_seeds
    assert library.stat().st_mtime_ns == mtime  # not even rewritten
    assert invoke("merge", "--check", "--into", library, *seed_pages).exit_code == 0

    # A new page: --check says so and writes nothing; the real run adds and never re-keys.
    check = invoke("merge", "--check", "--into", library, *seed_pages, NEW_PAGE)
    assert check.exit_code == ExitCode.CHANGED and "would change" in check.stderr
    assert library.read_bytes() == after_seeds
    grown = invoke("merge", "--into", library, *seed_pages, NEW_PAGE)
    assert grown.exit_code == 0, grown.stderr
    before, after = entries(after_seeds.decode()), entries(library.read_text("utf-8"))
    assert set(before) < set(after)
    for key, fields in before.items():
        for name, value in fields.items():
            if name == "author":  # page owners are appended, never reordered or dropped
                assert after[key][name].startswith(value[:-1])
            elif name == "pubdedup-sources":
                assert set(value.strip("{}").split("; ")) <= set(
                    after[key][name].strip("{}").split("; ")
                )
            elif name in ("title", "note") and "derived from" in fields.get("note", ""):
                continue  # a placeholder title may be replaced by the real one
            else:
                assert after[key][name] == value, (key, name)
    assert any(NEW_PAGE.name in f["pubdedup-sources"] for f in after.values())

    # And the grown library is stable too.
    final = library.read_bytes()
    assert invoke("merge", "--into", library, *seed_pages, NEW_PAGE).exit_code == 0
    assert library.read_bytes() == final


def test_a_placeholder_title_is_replaced_once_a_page_gives_the_title(tmp_path, seed_pages):
    library = tmp_path / "library.bib"
    invoke("merge", "--into", library, *seed_pages)
    mixer = [k for k, f in entries(library.read_text()).items() if "MLP-Mixer" in f["abstract"]]
    assert entries(library.read_text())[mixer[0]]["title"].startswith("{[Untitled]")
    invoke("merge", "--into", library, NEW_PAGE)
    fields = entries(library.read_text())[mixer[0]]
    assert fields["title"] == "{{MLP-Mixer}: An {all-MLP} Architecture for Vision}"
    assert "note" not in fields  # our note said the title was derived; it no longer is


def test_a_placeholder_title_next_to_another_note_is_still_replaced(tmp_path, seed_pages):
    library = tmp_path / "library.bib"
    invoke("merge", "--into", library, *seed_pages)
    text = library.read_text()
    library.write_text(text.replace("note = {Title not", "note = {In press; Title not"))
    mixer = [k for k, f in entries(library.read_text()).items() if "MLP-Mixer" in f["abstract"]]
    assert entries(library.read_text())[mixer[0]]["note"].startswith("{In press; Title not")
    invoke("merge", "--into", library, NEW_PAGE)
    fields = entries(library.read_text())[mixer[0]]
    assert fields["title"] == "{{MLP-Mixer}: An {all-MLP} Architecture for Vision}"
    assert fields["note"] == "{In press}"  # ours went with the placeholder, the person's stays


def test_a_title_a_person_wrote_over_the_placeholder_is_kept(tmp_path, seed_pages):
    library = tmp_path / "library.bib"
    invoke("merge", "--into", library, *seed_pages)
    mixer = [k for k, f in entries(library.read_text()).items() if "MLP-Mixer" in f["abstract"]]
    placeholder = entries(library.read_text())[mixer[0]]["title"]
    library.write_text(library.read_text().replace(placeholder, "{Mixer, as I call it}"))
    invoke("merge", "--into", library, NEW_PAGE)
    assert entries(library.read_text())[mixer[0]]["title"] == "{Mixer, as I call it}"


def test_a_hand_kept_library_keeps_its_bytes_keys_order_and_fields(tmp_path, seed_pages):
    library = tmp_path / "refs.bib"
    shutil.copy(LIBRARY_DATA / "hand_edited.bib", library)
    original = library.read_text("utf-8")
    result = invoke("merge", "--into", library, *seed_pages)
    assert result.exit_code == 0, result.stderr
    text = library.read_text("utf-8")
    # Everything but the matched entry is untouched, byte for byte, and stays in front.
    head = original[: original.index("@InProceedings{mixer")]
    tail = original[original.index("@article{unrelated2019") :]
    assert text.startswith(head)
    assert tail.rstrip() in text
    mixer = text[text.index("@InProceedings{mixer") : text.index("@article{unrelated2019")]
    names = [s.name for s in field_spans(mixer)]
    # The user's fields, in the user's order, then what the pages add.
    assert names[:6] == ["title", "author", "booktitle", "year", "keywords", "file"]
    assert "abstract" in names and "pubdedup-sources" in names
    assert "    booktitle = neurips," in mixer  # the macro is left as written
    assert "Tolstikhin, Ilya and Houlsby, Neil and Kolesnikov, Alexander and Beyer, Lucas" in mixer
    # The 14 papers the library lacked are added after it, and nothing appears twice.
    parsed = entries(text)
    assert len(parsed) == 2 + 14
    assert invoke("merge", "--into", library, *seed_pages).exit_code == 0
    assert library.read_text("utf-8") == text


def test_two_entries_of_one_paper_become_one_with_ids_and_a_keymap(tmp_path):
    library = tmp_path / "refs.bib"
    keymap = tmp_path / "keymap.json"
    shutil.copy(LIBRARY_DATA / "twice.bib", library)
    result = invoke("merge", "--into", library, "--keymap", keymap, LIBRARY_DATA / "twice.bib")
    assert result.exit_code == 0, result.stderr
    parsed = entries(library.read_text("utf-8"))
    assert list(parsed) == ["beyer2022plain"]
    assert parsed["beyer2022plain"]["ids"] == "{plainvit}"
    assert json.loads(keymap.read_text()) == {"plainvit": "beyer2022plain"}
    # Rerun: the alias stays and nothing else happens.
    merged = library.read_bytes()
    rerun = invoke("merge", "--into", library, "--keymap", keymap, LIBRARY_DATA / "twice.bib")
    assert rerun.exit_code == 0, rerun.stderr
    assert library.read_bytes() == merged
    assert json.loads(keymap.read_text()) == {}


def test_a_library_entry_keyed_before_transliteration_keeps_its_key(tmp_path):
    # Written when keys left Cyrillic out; \cite{anon2021untitled} must go on working.
    library = tmp_path / "refs.bib"
    library.write_text(
        "@article{anon2021untitled,\n  author = {Иванов, Иван},\n  title = {Теория графов},\n"
        "  journal = {Вестник},\n  year = {2021}\n}\n",
        encoding="utf-8",
    )
    new = tmp_path / "new.bib"
    new.write_text(
        "@article{x, author={Иванов, Иван}, title={Теория графов}, journal={Вестник},"
        " year=2021, pages={1--10}}\n"
        "@article{y, author={Петров, Пётр}, title={Алгебра}, journal={Вестник}, year=2020}\n",
        encoding="utf-8",
    )
    for _ in range(2):
        result = invoke("merge", "--into", library, new)
        assert result.exit_code == 0, result.stderr
        parsed = entries(library.read_text("utf-8"))
        assert list(parsed) == ["anon2021untitled", "petrov2020algebra"]
        assert parsed["anon2021untitled"]["pages"] == "{1--10}"


@pytest.mark.parametrize(
    "keymap, named",
    [
        pytest.param("refs.bib", "the --into library", id="the-library"),
        pytest.param("./refs.bib", "the --into library", id="the-library-spelt-otherwise"),
        pytest.param("twice.bib", "an input", id="an-input"),
    ],
)
def test_a_keymap_naming_the_library_or_an_input_is_refused(tmp_path, monkeypatch, keymap, named):
    # The library was updated, then replaced by the key map's JSON: every entry lost.
    monkeypatch.chdir(tmp_path)
    for name in ("refs.bib", "twice.bib"):
        shutil.copy(LIBRARY_DATA / "twice.bib", tmp_path / name)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = invoke("merge", "--into", "refs.bib", "--keymap", keymap, "twice.bib")
    assert result.exit_code == ExitCode.USAGE, result.output
    assert f"--keymap {keymap} is {named}; the output would replace it" in result.stderr
    assert result.stdout == ""
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


S4L = """@inproceedings{zhai2019s4l,
  author = {Xiaohua Zhai and Avital Oliver and Alexander Kolesnikov and Lucas Beyer},
  title = {{S4L}: Self-Supervised Semi-Supervised Learning},
  booktitle = {International Conference on Computer Vision},
  year = {2019},
}
"""
PASTED_S4L = """
@inproceedings{zhai2019s4lgs,
  title={S4l: Self-supervised semi-supervised learning},
  author={Zhai, Xiaohua and Oliver, Avital and Kolesnikov, Alexander and Beyer, Lucas},
  booktitle={International Conference on Computer Vision},
  pages={1476--1485},
  year={2019},
  month = oct,
  note={Pasted from Scholar},
  pubdedup-sources = {scholar.bib:s4l}
}
"""


def test_an_entry_merged_into_another_gives_it_the_fields_it_lacks(tmp_path):
    """A copy pasted into the library is the same paper: the first entry keeps its key and its
    values, and takes what it lacks from the copy as written there (the note a person added)."""
    library, keymap = tmp_path / "lab.bib", tmp_path / "keys.json"
    library.write_text(S4L + PASTED_S4L, encoding="utf-8")
    result = invoke("merge", "--into", library, "--keymap", keymap, library)
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr  # the title, authors and year say the same
    assert json.loads(keymap.read_text()) == {"zhai2019s4lgs": "zhai2019s4l"}
    text = library.read_text("utf-8")
    assert text.startswith(S4L.removesuffix("}\n"))  # its own fields, as they were
    (entry,) = entries(text).values()
    assert entry["note"] == "{Pasted from Scholar}"
    assert (entry["pages"], entry["month"]) == ("{1476--1485}", "oct")  # as written there
    assert entry["ids"] == "{zhai2019s4lgs}"
    assert entry["pubdedup-sources"] == "{scholar.bib:s4l}"  # still names the copy's record
    assert "up to date" in invoke("merge", "--into", library, library).stderr


def test_a_value_a_merged_entry_has_otherwise_is_dropped_with_a_warning(tmp_path):
    library = tmp_path / "lab.bib"
    conflicting = PASTED_S4L.replace(
        "booktitle={International Conference on Computer Vision}",
        "booktitle={Proceedings of the IEEE/CVF International Conference on Computer Vision}",
    )
    library.write_text(S4L + conflicting, encoding="utf-8")
    strict = invoke("merge", "--strict", "--into", library, library)
    assert strict.exit_code == ExitCode.STRICT  # the warning is a problem of the library
    assert library.read_text("utf-8") == S4L + conflicting
    result = invoke("merge", "--into", library, library)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"pubdedup: warning: {library}:8: entry 'zhai2019s4lgs' merged into 'zhai2019s4l',"
        " which keeps its own booktitle; dropped: booktitle = {Proceedings of the IEEE/CVF"
        " International Conference on Co…"
    )
    (entry,) = entries(library.read_text("utf-8")).values()
    assert entry["booktitle"] == "{International Conference on Computer Vision}"
    assert entry["note"] == "{Pasted from Scholar}"
    assert invoke("merge", "--strict", "--into", library, library).exit_code == 0  # merged now


ROBUSTNESS_AUTHORS = [
    "Josip Djolonga", "Jessica Yung", "Michael Tschannen", "Rob Romijnders", "Lucas Beyer",
    "Alexander Kolesnikov", "Joan Puigcerver", "Matthias Minderer", "Alexander D'Amour",
    "Dan Moldovan", "Sylvain Gelly", "Neil Houlsby", "Xiaohua Zhai", "Mario Lucic",
]  # fmt: skip


def dblp_robustness(authors: list[str]) -> str:
    """DBLP's export of a paper both seed pages show, with its author list (one a line)."""
    names = " and\n               ".join(authors)
    return (
        "@inproceedings{DBLP:conf/cvpr/DjolongaYTRBKP21,\n"
        f"  author    = {{{names}}},\n"
        "  title     = {On Robustness and Transferability of Convolutional Neural Networks},\n"
        "  booktitle = {Conference on Computer Vision and Pattern Recognition},\n"
        "  pages     = {16458--16468},\n  year      = {2021},\n}\n"
    )


def author_names(value: str) -> list[str]:
    return [" ".join(n.split()) for n in value.strip("{}").split(" and")]


@pytest.mark.parametrize(
    "pasted, expected",
    [
        pytest.param(ROBUSTNESS_AUTHORS, ROBUSTNESS_AUTHORS, id="the-complete-list-replaces-it"),
        pytest.param(
            [a for a in ROBUSTNESS_AUTHORS if a != "Alexander Kolesnikov"],
            [a for a in ROBUSTNESS_AUTHORS if a != "Alexander Kolesnikov"]
            + ["Alexander Kolesnikov"],
            id="a-page-owner-it-lacks-is-appended",
        ),
    ],
)
def test_a_page_built_entry_takes_the_complete_author_list_merged_into_it(
    tmp_path, seed_pages, pasted, expected
):
    """The pages' entry lists their two owners and whom the pages show; DBLP's export, pasted
    under its own key, lists all fourteen authors. Merged, the first entry keeps its key and
    takes the complete list, with every page owner still in it, and no warning says a list was
    dropped: a partial list gives way to a complete one, as in a plain merge."""
    library = tmp_path / "lab.bib"
    invoke("merge", "--into", library, *seed_pages)
    (key,) = [k for k, f in entries(library.read_text()).items() if "Robustness" in f["title"]]
    assert len(author_names(entries(library.read_text())[key]["author"])) == 8
    library.write_text(library.read_text() + "\n" + dblp_robustness(pasted), encoding="utf-8")

    result = invoke("merge", "--into", library, *seed_pages)
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr
    entry = entries(library.read_text("utf-8"))[key]
    assert author_names(entry["author"]) == expected
    assert entry["ids"] == "{DBLP:conf/cvpr/DjolongaYTRBKP21}"
    merged = library.read_bytes()
    assert "up to date" in invoke("merge", "--into", library, *seed_pages).stderr
    assert library.read_bytes() == merged


@pytest.mark.parametrize(
    "authors, kept, warned",
    [
        pytest.param("Zhai, Xiaohua and others", False, False, id="cut-short-gives-way"),
        pytest.param(
            "Xiaohua Zhai and Avital Oliver and Alexander Kolesnikov", True, True,
            id="complete-keeps-its-own-and-warns",
        ),
    ],
)  # fmt: skip
def test_an_author_list_against_a_complete_one_merged_into_it(tmp_path, authors, kept, warned):
    library = tmp_path / "lab.bib"
    first = S4L.replace(
        "Xiaohua Zhai and Avital Oliver and Alexander Kolesnikov and Lucas Beyer", authors
    )
    library.write_text(first + PASTED_S4L, encoding="utf-8")
    result = invoke("merge", "--into", library, library)
    assert result.exit_code == 0, result.stderr
    assert ("dropped: author = " in result.stderr) == warned
    (entry,) = entries(library.read_text("utf-8")).values()
    pasted = "{Zhai, Xiaohua and Oliver, Avital and Kolesnikov, Alexander and Beyer, Lucas}"
    assert entry["author"] == ("{" + authors + "}" if kept else pasted)


# The robustness paper's authors as the two seed pages show them, in the pages' entry.
PAGE_AUTHORS = [
    "Josip Djolonga", "Jessica Yung", "Michael Tschannen", "Rob Romijnders", "Dan Moldovan",
    "Sylvain Gelly", "Lucas Beyer", "Alexander Kolesnikov",
]  # fmt: skip
WITHOUT_KOLESNIKOV = [a for a in ROBUSTNESS_AUTHORS if a != "Alexander Kolesnikov"]


def surname_first_names(names: list[str]) -> list[str]:
    return [f"{n.rsplit(' ', 1)[1]}, {n.rsplit(' ', 1)[0]}" for n in names]


def surname_first_library(text: str) -> str:
    """A library whose every author list is written surname first (`Beyer, Lucas`)."""

    def written(match: re.Match[str]) -> str:
        names = surname_first_names(match[1].split(" and "))
        return "author = {" + " and ".join(names) + "}"

    return re.sub(r"author = \{([^}]*)\}", written, text)


def robustness_edited(old: str, new: str) -> Callable[[str], str]:
    """An edit of the robustness paper's entry alone (a person's, after the first run)."""

    def edit(text: str) -> str:
        start = text.index("@inproceedings{djolonga2021robustness,")
        end = text.index("\n}\n", start)
        return text[:start] + text[start:end].replace(old, new) + text[end:]

    return edit


@pytest.mark.parametrize(
    "edit, dblp, expected",
    [
        pytest.param(None, ROBUSTNESS_AUTHORS, ROBUSTNESS_AUTHORS, id="takes-the-complete-list"),
        pytest.param(
            None, WITHOUT_KOLESNIKOV, WITHOUT_KOLESNIKOV + ["Alexander Kolesnikov"],
            id="a-page-owner-it-lacks-is-appended",
        ),
        pytest.param(
            robustness_edited("Kolesnikov}", "Kolesnikov and Jane Roe}"), ROBUSTNESS_AUTHORS,
            ROBUSTNESS_AUTHORS + ["Jane Roe"], id="a-person-added-by-hand-is-kept",
        ),
        pytest.param(
            surname_first_library, ROBUSTNESS_AUTHORS, surname_first_names(ROBUSTNESS_AUTHORS),
            id="written-as-the-library-writes-names",
        ),
        pytest.param(
            robustness_edited("txt}", "txt; refs.bib:robustness}"), ROBUSTNESS_AUTHORS,
            PAGE_AUTHORS, id="a-list-known-complete-is-kept",
        ),
    ],
)  # fmt: skip
def test_a_page_built_entry_takes_the_complete_author_list_of_a_new_record(
    tmp_path, seed_pages, edit, dblp, expected
):
    """Day one builds the library from the two pages; day two adds the user's DBLP export,
    whose record of the robustness paper lists all fourteen authors. The pages' entry, which
    lists whom the pages show, takes that list, with every page owner and every person added
    by hand still in it; listing the DBLP record from then on, its list counts as complete: a
    second run, or one with the pages alone, leaves the file as it is. An entry whose list is
    complete already (a source besides the pages) keeps its own."""
    library, export = tmp_path / "lab.bib", tmp_path / "dblp.bib"
    invoke("merge", "--into", library, *seed_pages)
    if edit:
        library.write_text(edit(library.read_text()), encoding="utf-8")
    export.write_text(dblp_robustness(dblp), encoding="utf-8")

    result = invoke("merge", "--into", library, *seed_pages, export)
    assert result.exit_code == 0, result.stderr
    assert "0 added, 1 updated, 0 merged" in result.stderr
    entry = entries(library.read_text("utf-8"))["djolonga2021robustness"]
    assert author_names(entry["author"]) == expected
    assert "dblp.bib:DBLP:conf/cvpr/DjolongaYTRBKP21" in entry["pubdedup-sources"]
    updated = library.read_bytes()
    for inputs in ([*seed_pages, export], seed_pages):
        assert "up to date" in invoke("merge", "--into", library, *inputs).stderr
        assert library.read_bytes() == updated


@pytest.mark.parametrize(
    "authors, expected",
    [
        pytest.param("Josip Djolonga and others", ROBUSTNESS_AUTHORS, id="cut-short-gives-way"),
        pytest.param(
            "Josip Djolonga and Jessica Yung", ["Josip Djolonga", "Jessica Yung"],
            id="complete-keeps-its-own",
        ),
    ],
)  # fmt: skip
def test_an_author_list_against_a_complete_one_of_a_new_record(tmp_path, authors, expected):
    library, export = tmp_path / "lab.bib", tmp_path / "dblp.bib"
    library.write_text(
        "@inproceedings{djolonga2021robustness,\n"
        f"  author = {{{authors}}},\n"
        "  title = {On Robustness and Transferability of Convolutional Neural Networks},\n"
        "  year = {2021},\n}\n",
        encoding="utf-8",
    )
    export.write_text(dblp_robustness(ROBUSTNESS_AUTHORS), encoding="utf-8")
    result = invoke("merge", "--into", library, export)
    assert result.exit_code == 0, result.stderr
    assert "0 added, 1 updated, 0 merged" in result.stderr
    (entry,) = entries(library.read_text("utf-8")).values()
    assert author_names(entry["author"]) == expected
    updated = library.read_bytes()
    assert "up to date" in invoke("merge", "--into", library, export).stderr
    assert library.read_bytes() == updated


KOLESNIKOV_PAGE_AUTHORS = PAGE_AUTHORS[:6] + ["Alexander Kolesnikov"]
WITHOUT_BEYER = [a for a in ROBUSTNESS_AUTHORS if a != "Lucas Beyer"]


def robustness_of(text: str) -> str:
    """The robustness paper's entry of a library's text, with its blank line."""
    start = text.index("@inproceedings{djolonga2021robustness,")
    return text[start : text.index("\n}\n", start) + 3] + "\n"


@pytest.mark.parametrize(
    "layout, dblp, added, expected",
    [
        pytest.param(
            "pages export copy", ROBUSTNESS_AUTHORS, " and Jane Roe",
            ROBUSTNESS_AUTHORS + ["Jane Roe"], id="added-by-hand-to-the-copy",
        ),
        pytest.param(
            "pages export copy", WITHOUT_BEYER, "", WITHOUT_BEYER + ["Lucas Beyer"],
            id="the-copys-page-owner-the-export-lacks",
        ),
        pytest.param(
            "export pages copy", ROBUSTNESS_AUTHORS, " and Jane Roe",
            ROBUSTNESS_AUTHORS + ["Jane Roe"], id="the-export-first",
        ),
        pytest.param(
            "pages copy", ROBUSTNESS_AUTHORS, " and Jane Roe",
            ROBUSTNESS_AUTHORS + ["Jane Roe"], id="the-export-an-input",
        ),
        pytest.param(
            "pages copy", None, " and Jane Roe",
            KOLESNIKOV_PAGE_AUTHORS + ["Lucas Beyer", "Jane Roe"], id="no-export",
        ),
    ],
)  # fmt: skip
def test_every_page_built_entry_merged_keeps_its_people(
    tmp_path, seed_pages, layout, dblp, added, expected
):
    """Day one builds the library from Kolesnikov's page; a colleague's entry of the paper,
    built from Beyer's page (a person added to it by hand, or not), and DBLP's export are
    pasted in. Day two, given both pages (and the export as an input, or not), merges the
    three, or two, into one. Each page-built list gives way to the complete one, and the people
    it names that the complete one lacks are appended, the copy's as the first entry's, in any
    order of the entries: the copy's list was dropped with a warning, its added person lost."""
    library, export = tmp_path / "lab.bib", tmp_path / "dblp.bib"
    kolesnikov_page, beyer_page = seed_pages
    invoke("merge", "--into", library, kolesnikov_page)
    invoke("merge", "--into", tmp_path / "theirs.bib", beyer_page)
    copy = robustness_of((tmp_path / "theirs.bib").read_text("utf-8"))
    copy = copy.replace("djolonga2021robustness", "djolonga2021copy")
    parts = {
        "pages": library.read_text("utf-8"),
        "export": dblp_robustness(dblp or []) + "\n",
        "copy": copy.replace("Lucas Beyer}", "Lucas Beyer" + added + "}"),
    }
    library.write_text("\n".join(parts[p] for p in layout.split()), encoding="utf-8")
    export.write_text(dblp_robustness(dblp or []), encoding="utf-8")
    inputs = [*seed_pages] + ([export] if dblp and "export" not in layout else [])

    result = invoke("merge", "--into", library, *inputs)
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr
    (entry,) = [f for f in entries(library.read_text("utf-8")).values() if "Robust" in f["title"]]
    assert author_names(entry["author"]) == expected
    merged = library.read_bytes()
    for again in (inputs, seed_pages):
        assert "up to date" in invoke("merge", "--into", library, *again).stderr
        assert library.read_bytes() == merged


def test_a_stand_in_gives_way_to_what_a_merged_entry_has(tmp_path, seed_pages):
    """Our `[Untitled]` title and its note are no one's values: a pasted copy's title and
    note replace them, and no warning says a title was dropped."""
    library = tmp_path / "lab.bib"
    invoke("merge", "--into", library, *seed_pages)
    text = library.read_text("utf-8")
    (key,) = [k for k, f in entries(text).items() if "Open Images V4" in f["abstract"]]
    abstract = entries(text)[key]["abstract"]
    pasted = (
        "\n@article{kuznetsova2020open,\n  title = {The Open Images Dataset {V4}},\n"
        f"  year = {{2020}},\n  abstract = {abstract},\n  note = {{From Scholar}}\n}}\n"
    )
    library.write_text(text + pasted, encoding="utf-8")
    result = invoke("merge", "--into", library, *seed_pages)
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr
    entry = entries(library.read_text("utf-8"))[key]
    assert (entry["title"], entry["note"]) == ("{The Open Images Dataset {V4}}", "{From Scholar}")


def test_check_compares_with_an_output_file(tmp_path, seed_pages):
    out = tmp_path / "refs.bib"
    assert invoke("merge", "--check", "-o", out, *seed_pages).exit_code == ExitCode.CHANGED
    assert not out.exists()
    invoke("merge", "-o", out, *seed_pages)
    assert invoke("merge", "--check", "-o", out, *seed_pages).exit_code == 0


def test_check_against_an_output_file_that_is_not_utf8(tmp_path, seed_pages):
    out = tmp_path / "refs.bib"
    out.write_bytes("@misc{m, title = {\u00dcber}}\n".encode("latin-1"))
    result = invoke("merge", "--check", "-o", out, *seed_pages)
    assert result.exit_code == ExitCode.CHANGED
    assert "would change" in result.stderr and "Traceback" not in result.stderr
    assert not isinstance(result.exception, UnicodeDecodeError)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--into", "lib.bib", "-f", "json"], "--into updates a BibTeX library"),
        (["--into", "lib.bib", "-o", "x.bib"], "--into updates a BibTeX library"),
        (["--keymap", "k.json"], "--keymap needs --into"),
        (["--check"], "--check compares with a file"),
        (["--ascii", "-f", "json"], "--ascii applies to BibTeX"),
        (["--into", "-"], "--into needs a file"),
    ],
)
def test_option_combinations_that_make_no_sense_are_usage_errors(args, message, seed_pages):
    result = invoke("merge", *args, *seed_pages)
    assert result.exit_code == ExitCode.USAGE
    assert message in result.stderr


def test_a_failed_write_leaves_the_library_as_it_was(tmp_path, seed_pages, monkeypatch):
    library = tmp_path / "refs.bib"
    shutil.copy(LIBRARY_DATA / "hand_edited.bib", library)
    original = library.read_bytes()

    def no_space(*_):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    result = invoke("merge", "--into", library, *seed_pages)
    assert result.exit_code == ExitCode.OUTPUT
    assert library.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.bib"]


def edit_during_the_run(monkeypatch, edit) -> None:
    """Run `edit` after the library was read and matched, before the new text replaces it: a
    person saving the file from an editor while cron updates it."""
    update_library = cli_merge.update_library

    def update_then_edit(*args, **kwargs):
        update = update_library(*args, **kwargs)
        edit()
        return update

    monkeypatch.setattr(cli_merge, "update_library", update_then_edit)


HAND_ADDED = "\n@misc{handadded, title={X}, year=2024}\n"


def test_a_library_edited_during_the_run_is_not_written_over(tmp_path, seed_pages, monkeypatch):
    library, keymap = tmp_path / "lab.bib", tmp_path / "keys.json"
    shutil.copy(LIBRARY_DATA / "hand_edited.bib", library)
    edited = library.read_text("utf-8") + HAND_ADDED
    edit_during_the_run(monkeypatch, lambda: library.write_text(edited, encoding="utf-8"))
    result = invoke("merge", "--into", library, "--keymap", keymap, *seed_pages)
    assert result.exit_code == ExitCode.OUTPUT
    assert result.stderr == (
        f"pubdedup: error: {library}: changed while this run was updating it; nothing written;"
        " run again\n"
    )
    assert library.read_text("utf-8") == edited  # the person's edit, and nothing else
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lab.bib"]  # no temp file, no key map
    monkeypatch.undo()
    assert invoke("merge", "--into", library, *seed_pages).exit_code == 0  # run again: both kept
    assert {"handadded", "mixer"} < set(entries(library.read_text("utf-8")))


def test_a_library_made_during_a_first_run_is_not_written_over(tmp_path, seed_pages, monkeypatch):
    library = tmp_path / "lab.bib"
    edit_during_the_run(monkeypatch, lambda: library.write_text(HAND_ADDED, encoding="utf-8"))
    assert invoke("merge", "--into", library, *seed_pages).exit_code == ExitCode.OUTPUT
    assert library.read_text("utf-8") == HAND_ADDED


def test_a_library_saved_unchanged_during_the_run_is_updated(tmp_path, seed_pages, monkeypatch):
    """Only its bytes count: saved again as it was (a new mtime), it is no one's edit."""
    library = tmp_path / "lab.bib"
    shutil.copy(LIBRARY_DATA / "hand_edited.bib", library)
    same = library.read_bytes()
    edit_during_the_run(monkeypatch, lambda: library.write_bytes(same))
    result = invoke("merge", "--into", library, *seed_pages)
    assert result.exit_code == 0, result.stderr
    assert len(entries(library.read_text("utf-8"))) == 16


def test_entry_text_edits_keep_everything_else():
    raw = '@Article{k,\n    title = "A {B} c",\n    year = 2020,\n    journal = jr # {x}\n}'
    assert [s.name for s in field_spans(raw)] == ["title", "year", "journal"]
    edited = set_fields(raw, {"year": "2021", "doi": "10.1/x"})
    assert edited == (
        '@Article{k,\n    title = "A {B} c",\n    year = {2021},\n    journal = jr # {x},\n'
        "    doi = {10.1/x}\n}"
    )
    assert remove_fields(edited, {"doi"}) == (
        '@Article{k,\n    title = "A {B} c",\n    year = {2021},\n    journal = jr # {x},\n}'
    )


def test_a_crlf_library_stays_crlf(tmp_path, seed_pages):
    library = tmp_path / "refs.bib"
    library.write_bytes((LIBRARY_DATA / "hand_edited.bib").read_bytes().replace(b"\n", b"\r\n"))
    assert invoke("merge", "--into", library, *seed_pages).exit_code == 0
    data = library.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 100
    assert invoke("merge", "--into", library, *seed_pages).exit_code == 0
    assert library.read_bytes() == data


def test_into_refuses_a_file_that_is_not_a_bibtex_library(tmp_path, seed_pages):
    page = tmp_path / "page.txt"
    shutil.copy(seed_pages[0], page)
    original = page.read_bytes()
    result = invoke("merge", "--into", page, seed_pages[1])  # `--into *.txt`: the name forgotten
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr == (
        f"pubdedup: error: {page}: not a BibTeX library; --into updates a .bib file "
        "(a new or empty one starts a library)\n"
    )
    assert page.read_bytes() == original
    empty = tmp_path / "empty.bib"
    empty.write_text("% my library\n")
    assert invoke("merge", "--into", empty, *seed_pages).exit_code == 0
    assert empty.read_text().startswith("% my library\n\n@")


def test_new_entries_are_not_appended_after_an_entry_left_open(tmp_path, seed_pages):
    # BibTeX and biber would read them as part of the broken entry; only a warning was given.
    library = tmp_path / "lib.bib"
    text = "@misc{ok, title = {Fine entry}, year = 2001}\n\n@misc{broken,\n  title = {Broken\n"
    library.write_text(text, encoding="utf-8")
    result = invoke("merge", *seed_pages, "--into", library)
    assert result.exit_code == ExitCode.INPUT
    assert f"error: {library}:3: the last entry is not closed" in result.stderr
    assert library.read_text(encoding="utf-8") == text
    closed = text + "}}\n"
    library.write_text(closed, encoding="utf-8")
    assert invoke("merge", *seed_pages, "--into", library).exit_code == 0
    assert library.read_text(encoding="utf-8").startswith(closed)


def _break_a_title(text: str, key: str) -> str:
    """The library with one closing brace deleted in the title of entry `key`."""
    entry = text.index("{" + key + ",")
    title = text.index("title = {", entry)
    close = text.index("}", title + len("title = {"))
    return text[:close] + text[close + 1 :]


def test_a_library_with_an_entry_that_does_not_parse_is_not_updated(tmp_path, seed_pages):
    """The entry the parser rejects would be missing from the run: its paper was appended again
    under a new key (an `ids` alias once the brace was fixed). Refused, with --check too."""
    library = tmp_path / "lab.bib"
    assert invoke("merge", "--into", library, *seed_pages).exit_code == 0
    good = library.read_text("utf-8")
    broken = _break_a_title(good, "djolonga2021robustness")
    library.write_text(broken, encoding="utf-8")
    line = broken[: broken.index("@inproceedings{djolonga2021robustness")].count("\n") + 1
    for check in ([], ["--check"]):
        result = invoke("merge", *check, "--into", library, *seed_pages)
        assert result.exit_code == ExitCode.INPUT, result.stderr
        assert result.stderr.startswith(
            f"pubdedup: error: {library}:{line}: entry not parsed (Unexpected block start"
        )
        assert result.stderr.endswith("; fix the library before updating it\n")
        assert result.stderr.count("\n") == 1
        assert library.read_text("utf-8") == broken
    library.write_text(good, encoding="utf-8")  # the brace put back: nothing to add
    assert "up to date" in invoke("merge", "--into", library, *seed_pages).stderr
    assert library.read_text("utf-8") == good


def test_a_month_added_to_a_library_entry_is_the_bare_macro(tmp_path):
    library = tmp_path / "lib.bib"
    library.write_text("@misc{a, title = {A Study of Things}, year = 2001}\n% TODO {see notes\n")
    source = tmp_path / "new.bib"
    source.write_text("@misc{b, title = {A Study of Things}, year = 2001, month = may}\n")
    result = invoke("merge", source, "--into", library)
    assert result.exit_code == 0, result.stderr  # a brace in a comment opens no entry
    assert "month = may" in library.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "people, written",
    [
        pytest.param("", "author = {Jane Doe and Rich Roe}", id="no-people-gains-the-authors"),
        pytest.param("editor = {Poe, Ed}, ", "editor = {Poe, Ed}", id="editors-alone-gain-none"),
        pytest.param("author = {Doe, J.}, ", "author = {Doe, J.}", id="own-list-kept"),
    ],
)
def test_a_library_entry_without_authors_gains_them(tmp_path, people, written):
    """An entry that names no one lacks its authors as it lacks a DOI (BibTeX's styles warn
    `empty author`); an edited volume's people are its editors, and an own list gains only
    page owners."""
    library = tmp_path / "lib.bib"
    same = "title = {A Study of Things}, doi = {10.1000/xyz123}, year = 2001"
    library.write_text(f"@misc{{a, {people}{same}}}\n")
    source = tmp_path / "new.bib"
    source.write_text(f"@misc{{b, author = {{Jane Doe and Rich Roe}}, {same}}}\n")
    result = invoke("merge", source, "--into", library)
    assert result.exit_code == 0, result.stderr
    text = library.read_text(encoding="utf-8")
    assert list(entries(text)) == ["a"] and written in text
    assert text.count("author") == written.count("author")
    again = invoke("merge", source, "--into", library)
    assert "up to date" in again.stderr, again.stderr


def test_authors_an_entry_gains_are_written_as_the_library_writes_its_names(tmp_path):
    library = tmp_path / "lib.bib"
    library.write_text(
        "@misc{x, author = {Beyer, Lucas and Zhai, Xiaohua}, title = {Other Work}}\n"
        "@misc{y, author = {Kolesnikov, Alexander}, title = {Third Work}}\n"
        "@misc{a, title = {A Study of Things}, doi = {10.1000/xyz123}, year = 2001}\n"
    )
    source = tmp_path / "new.bib"
    source.write_text(
        "@misc{b, author = {Jane Doe and Rich Roe}, title = {A Study of Things},"
        " doi = {10.1000/xyz123}, year = 2001}\n"
    )
    result = invoke("merge", source, "--into", library)
    assert result.exit_code == 0, result.stderr
    assert "author = {Doe, Jane and Roe, Rich}" in library.read_text(encoding="utf-8")


SHORT = "@misc{x, title={Deep Residual Learning}, year=2020}\n"


def test_a_record_with_little_evidence_is_not_appended_again(tmp_path):
    """A short title with no authors is only a maybe against its own entry; the entry's
    `pubdedup-sources` naming the record makes it that record's paper, so a second run adds
    nothing."""
    source = tmp_path / "a.bib"
    source.write_text(SHORT)
    library = tmp_path / "refs.bib"
    assert invoke("merge", "--into", library, source).exit_code == 0
    first = library.read_bytes()
    assert list(entries(first.decode())) == ["anon2020deep"]
    rerun = invoke("merge", "--into", library, source)
    assert rerun.exit_code == 0, rerun.stderr
    assert "up to date" in rerun.stderr
    assert library.read_bytes() == first


def test_a_title_with_a_brace_that_pairs_with_none_is_written_once_and_read_back(tmp_path):
    """A CSV title's lone `{` written `\\{` ran the BibTeX value on into the next fields (BibTeX
    matches escaped braces too): the entry did not parse, and each run appended its fields
    again."""
    library = tmp_path / "refs.bib"
    csv = LIBRARY_DATA / "tricky.csv"
    assert invoke("merge", "--into", library, csv).exit_code == 0
    first = library.read_bytes()
    titles = sorted(fields["title"] for fields in entries(first.decode()).values())
    assert titles[1] == r"{The \textbraceleft{}unbalanced brace paper}"
    rerun = invoke("merge", "--into", library, csv)
    assert rerun.exit_code == 0 and "up to date" in rerun.stderr, rerun.stderr
    assert library.read_bytes() == first
    parsed = json.loads(invoke("merge", library, "-f", "json").stdout)
    assert sorted(p["title"] for p in parsed["papers"]) == [
        "Closing } braces and {paired} ones, 50% & $5 #1 a_b ~ ^ \\ too",
        "The {unbalanced brace paper",
    ]


@pytest.mark.parametrize(
    "name, text",
    [
        (
            "bit.csv",
            "id,title,authors,year,url\nR1,Big Transfer (BiT): General Visual Representation "
            'Learning,"Kolesnikov, Alexander; Beyer, Lucas",2020,https://arxiv.org/abs/1912.11370\n',
        ),
        (
            "bit.ris",
            "TY  - JOUR\nID  - R1\nTI  - Big Transfer (BiT): General Visual Representation "
            "Learning\nAU  - Kolesnikov, Alexander\nPY  - 2020\n"
            "UR  - https://arxiv.org/abs/1912.11370\nER  - \n",
        ),
    ],
)
def test_an_arxiv_link_gives_the_id_so_a_second_run_changes_nothing(tmp_path, name, text):
    """The library, read again, finds the arXiv id in its `url`: so must the CSV and RIS
    readers, or `--check` says "would change" after every run."""
    source = tmp_path / name
    source.write_text(text)
    library = tmp_path / "refs.bib"
    assert invoke("merge", "--into", library, source).exit_code == 0
    assert "eprint = {1912.11370}" in library.read_text()
    check = invoke("merge", "--check", "--into", library, source)
    assert check.exit_code == 0, check.stderr


def test_entries_built_from_one_record_become_one(tmp_path):
    """A library an earlier version appended one record to twice heals on the next run."""
    source = tmp_path / "a.bib"
    source.write_text(SHORT)
    library, keymap = tmp_path / "refs.bib", tmp_path / "keys.json"
    twice = "\n".join(
        f"@misc{{{key},\n  title = {{Deep Residual Learning}},\n  year = {{2020}},\n"
        "  pubdedup-sources = {a.bib:x}\n}\n"
        for key in ("anon2020deep", "anon2020deepa")
    )
    library.write_text(twice)
    result = invoke("merge", "--into", library, "--keymap", keymap, source)
    assert result.exit_code == 0, result.stderr
    assert list(entries(library.read_text())) == ["anon2020deep"]
    assert json.loads(keymap.read_text()) == {"anon2020deepa": "anon2020deep"}


def test_a_listed_name_is_no_link_when_the_titles_differ(tmp_path):
    """`refs.bib:x` names a file without its directory: another directory's `refs.bib` with
    a record `x` of another title is another paper."""
    (tmp_path / "p1").mkdir()
    (tmp_path / "p3").mkdir()
    (tmp_path / "p1" / "refs.bib").write_text(SHORT)
    (tmp_path / "p3" / "refs.bib").write_text(
        "@misc{x, title={Deep Residual Learning of Protein Folding Dynamics}, year=2020}\n"
    )
    library = tmp_path / "lib.bib"
    assert invoke("merge", "--into", library, tmp_path / "p1" / "refs.bib").exit_code == 0
    result = invoke("merge", "--into", library, tmp_path / "p3" / "refs.bib")
    assert result.exit_code == 0, result.stderr
    titles = sorted(e["title"] for e in entries(library.read_text()).values())
    assert titles == [
        "{Deep Residual Learning of Protein Folding Dynamics}",
        "{Deep Residual Learning}",
    ]


def test_a_key_map_that_cannot_be_written_leaves_the_library_as_it_was(tmp_path):
    library = tmp_path / "refs.bib"
    shutil.copy(LIBRARY_DATA / "twice.bib", library)
    original = library.read_bytes()
    keymap = tmp_path / "missing" / "keys.json"
    result = invoke("merge", "--into", library, "--keymap", keymap, LIBRARY_DATA / "twice.bib")
    assert result.exit_code == ExitCode.OUTPUT
    assert "output directory does not exist" in result.stderr
    assert library.read_bytes() == original


def test_into_refuses_a_bib_file_holding_no_bibtex(tmp_path, seed_pages):
    library = tmp_path / "refs.bib"
    library.write_text("id,title,year\n1,Deep nets,2020\n")  # a CSV saved as .bib
    result = invoke("merge", "--into", library, seed_pages[0])
    assert result.exit_code == ExitCode.INPUT
    assert "not a BibTeX library" in result.stderr
    assert library.read_text() == "id,title,year\n1,Deep nets,2020\n"


def test_a_key_map_to_stdout(tmp_path):
    library = tmp_path / "refs.bib"
    shutil.copy(LIBRARY_DATA / "twice.bib", library)
    result = invoke("merge", "--into", library, "--keymap", "-", LIBRARY_DATA / "twice.bib")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {"plainvit": "beyer2022plain"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.bib"]


def _part(number: str, year: int, doi: str, abstract: str = "") -> str:
    extra = f", abstract = {{{abstract}}}" if abstract else ""
    return (
        f"@article{{smith1, title = {{Stochastic Control of Queues, Part {number}}},"
        f" author = {{Smith, Ann}}, year = {year}, doi = {{{doi}}}{extra}}}\n"
    )


def test_a_listed_name_gives_way_to_a_veto(tmp_path):
    """Two directories' `refs.bib:smith1`, Part I and Part II: each entry lists the name, but
    another DOI keeps a record from the entry of the other part."""
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    part_one, part_two = tmp_path / "a" / "refs.bib", tmp_path / "b" / "refs.bib"
    part_one.write_text(_part("I", 2015, "10.1/one"))
    part_two.write_text(_part("II", 2017, "10.1/two"))
    library = tmp_path / "lib.bib"
    assert invoke("merge", "--into", library, part_one, part_two).exit_code == 0
    part_two.write_text(_part("II", 2017, "10.1/two", abstract="Queues with two servers."))
    result = invoke("merge", "--into", library, part_two)
    assert result.exit_code == 0, result.stderr
    by_doi = {e["doi"]: e for e in entries(library.read_text()).values()}
    assert "abstract" not in by_doi["{10.1/one}"]
    assert by_doi["{10.1/two}"]["abstract"] == "{Queues with two servers.}"


def test_a_record_corrected_since_still_finds_its_entry(tmp_path):
    """Pages fixed in the source after the first run: the entry that lists the record is its
    paper still (the pages veto does not part them), so nothing is appended."""
    source, library = tmp_path / "refs.bib", tmp_path / "lib.bib"
    entry = (
        "@article{smith1, title = {Stochastic Control of Queues with Impatient Customers},"
        " author = {Smith, Ann and Jones, Bob}, year = 2015, journal = {Queueing Systems},"
        " volume = {12}, pages = {PAGES}}\n"
    )
    source.write_text(entry.replace("PAGES", "1--10"))
    assert invoke("merge", "--into", library, source).exit_code == 0
    source.write_text(entry.replace("PAGES", "101--110"))
    result = invoke("merge", "--into", library, source)
    assert result.exit_code == 0, result.stderr
    assert len(entries(library.read_text())) == 1


@pytest.mark.parametrize(
    "before, after",
    [
        # The id reused for another paper: title 0.95 alike, another year, journal and DOI.
        (
            "title = {Deep convolutional networks for classifying photographs of cats},"
            " year = 2015, journal = {Vision}, doi = {10.1000/cats}",
            "title = {Deep convolutional networks for classifying photographs of dogs},"
            " year = 2019, journal = {Pattern Letters}, doi = {10.1000/dogs}",
        ),
        # One generic title, another year and volume: another work, not a correction.
        (
            "title = {Introduction}, year = 2010, journal = {Q}, volume = 3, pages = {1--2}",
            "title = {Introduction}, year = 2015, journal = {Q}, volume = 8, pages = {1--2}",
        ),
        # Another part under the id.
        (
            "title = {Stochastic control of queues, Part I}, year = 2015, journal = {Q},"
            " volume = 3, pages = {21--30}",
            "title = {Stochastic control of queues, Part II}, year = 2015, journal = {Q},"
            " volume = 3, pages = {31--40}",
        ),
    ],
    ids=["id-reused", "generic-title", "other-part"],
)
def test_another_paper_under_a_listed_name_is_added(tmp_path, before, after):
    source, library = tmp_path / "refs.bib", tmp_path / "lib.bib"
    source.write_text(f"@article{{x, author = {{Smith, Ann}}, {before}}}\n")
    assert invoke("merge", "--into", library, source).exit_code == 0
    source.write_text(f"@article{{x, author = {{Smith, Ann}}, {after}}}\n")
    result = invoke("merge", "--into", library, source)
    assert result.exit_code == 0, result.stderr
    assert "1 added" in result.stderr
    assert len(entries(library.read_text())) == 2


def test_an_untitled_record_is_not_appended_again_and_its_title_fills_the_stand_in(tmp_path):
    """A row with neither title nor abstract becomes an `[Untitled]` entry once; when the row
    gains its title, the entry's stand-in title is replaced, nothing appended."""
    source, library = tmp_path / "refs.csv", tmp_path / "lib.bib"
    source.write_text("id,title,authors,year,venue\n7,,Ann Smith; Bob Jones,2020,Queues\n")
    for _ in range(2):
        assert invoke("merge", "-q", "--into", library, source).exit_code == 0
    assert len(entries(library.read_text())) == 1
    source.write_text(
        "id,title,authors,year,venue\n7,Queues with impatience,Ann Smith; Bob Jones,2020,Queues\n"
    )
    assert invoke("merge", "-q", "--into", library, source).exit_code == 0
    (entry,) = entries(library.read_text()).values()
    assert entry["title"] == "{Queues with impatience}"


def test_an_untitled_entry_is_no_other_directorys_or_rows_record(tmp_path):
    """Bob's untitled `refs.csv:1` (2019, Nature) is not Alice's `refs.csv:1`, and a row
    renumbered into the untitled row's id (another year, journal, authors) is not it either."""
    (tmp_path / "alice").mkdir()
    (tmp_path / "bob").mkdir()
    header = "id,title,authors,year,venue\n"
    alice, bob = tmp_path / "alice" / "refs.csv", tmp_path / "bob" / "refs.csv"
    alice.write_text(header + "1,Robust estimation of sparse models,Alice Adams,2015,JMLR\n")
    bob.write_text(header + "1,,Bob Brown,2019,Nature\n")
    library = tmp_path / "lib.bib"
    assert invoke("merge", "-q", "--into", library, bob).exit_code == 0
    assert invoke("merge", "-q", "--into", library, alice).exit_code == 0
    assert len(entries(library.read_text())) == 2
    bob.write_text(
        header
        + "1,Sparse inverse covariance selection,Carl Cole,2016,JMLR\n2,,Bob Brown,2019,Nature\n"
    )
    assert invoke("merge", "-q", "--into", library, bob).exit_code == 0
    final = list(entries(library.read_text()).values())
    (sparse,) = [e for e in final if e["title"] == "{Sparse inverse covariance selection}"]
    assert (sparse["year"], sparse["author"]) == ("{2016}", "{Carl Cole}")  # its own entry
    assert any(e["title"] == "{[Untitled]}" and e["year"] == "{2019}" for e in final)


UTF8_ENTRY = "@misc{a, title = {Über Straße, Grüße}, author = {Jörg Müller}, year = 2001}\n"
WINDOWS_ENTRY = "@misc{b, title = {Café}, author = {François Dupont}, year = 2002}\n"


def test_a_library_mixing_encodings_is_warned_about_before_it_is_written_in_utf8(tmp_path):
    """A UTF-8 library with a Windows-1252 line is read line by line, and written in UTF-8."""
    library = tmp_path / "refs.bib"
    library.write_bytes(UTF8_ENTRY.encode() + WINDOWS_ENTRY.encode("cp1252"))
    source = tmp_path / "new.bib"
    source.write_text("@misc{n, title = {A new paper}, author = {Ann Smith}, year = 2003}\n")
    result = invoke("merge", "--into", library, source)
    assert result.exit_code == 0, result.stderr
    assert f"{library}:2: not UTF-8 on 1 line(s)" in result.stderr
    assert library.read_text("utf-8").startswith(UTF8_ENTRY + WINDOWS_ENTRY)


def test_a_windows_1252_library_holding_utf8_is_not_rewritten(tmp_path):
    """Its UTF-8 letters are read as two letters each: written back, they would stay so."""
    library = tmp_path / "refs.bib"
    data = WINDOWS_ENTRY.encode("cp1252") * 3 + UTF8_ENTRY.encode()
    library.write_bytes(data)
    source = tmp_path / "new.bib"
    source.write_text("@misc{n, title = {A new paper}, author = {Ann Smith}, year = 2003}\n")
    result = invoke("merge", "--into", library, source)
    assert result.exit_code == ExitCode.INPUT, result.stderr
    read = f"{library}:4: not UTF-8, so read as Windows-1252, but 6 character(s)"  # ÜßüßÖü
    assert read in result.stderr
    assert "convert the library to UTF-8 before updating it" in result.stderr
    assert library.read_bytes() == data


def test_a_same_decision_takes_the_library_entries_of_its_records_along(tmp_path):
    """Two entries kept apart (pages of other lengths), then decided one paper: they become one
    entry (the other key an alias), not a third entry beside them."""
    team = "Zhai, Xiaohua and Kolesnikov, Alexander and Houlsby, Neil and Beyer, Lucas"
    (tmp_path / "cvf.bib").write_text(
        f"@inproceedings{{c, title={{Scaling vision transformers}}, author={{{team}}},"
        " booktitle={CVPR}, year={2022}, pages={12104--12113}}\n"
    )
    (tmp_path / "ieee.bib").write_text(
        f"@inproceedings{{i, title={{Scaling Vision Transformers}}, author={{{team}}},"
        " booktitle={CVPR}, year={2022}, pages={12094--12100}}\n"
    )
    decisions = tmp_path / "d.toml"
    decisions.write_text(
        '[[decision]]\ndecision = "same"\n'
        'records = [{file = "cvf.bib", id = "c"}, {file = "ieee.bib", id = "i"}]\n'
    )
    library = tmp_path / "refs.bib"
    inputs = [tmp_path / "cvf.bib", tmp_path / "ieee.bib"]
    assert invoke("merge", "--into", library, *inputs).exit_code == 0
    assert len(entries(library.read_text())) == 2
    decided = invoke("merge", "--into", library, *inputs, "--decisions", decisions)
    assert decided.exit_code == 0, decided.stderr
    [(key, fields)] = entries(library.read_text()).items()
    assert {key, fields["ids"].strip("{}")} == {"zhai2022scalinga", "zhai2022scalingb"}
    again = invoke("merge", "--into", library, *inputs, "--decisions", decisions)
    assert "up to date" in again.stderr


def test_and_others_in_a_merged_copy_names_no_one_the_survivor_lacks(tmp_path):
    library = tmp_path / "refs.bib"
    library.write_text(
        "@article{doe2020learning, author = {Doe, Jane and Roe, Rick},"
        " title = {Learning robust representations of protein structure},"
        " journal = {Bioinformatics}, year = {2020}}\n\n"
        "@article{pasted, author = {Doe, J. and others},"
        " title = {Learning robust representations of protein structure},"
        " journal = {Bioinformatics}, year = {2020}}\n"
    )
    source = tmp_path / "new.bib"
    source.write_text("@misc{n, title = {A new paper}, author = {Ann Smith}, year = 2003}\n")
    result = invoke("merge", "--into", library, source, "--strict")
    assert result.exit_code == 0, result.stderr
    assert "dropped" not in result.stderr and "ids = {pasted}" in library.read_text()


def test_a_library_entry_whose_missing_comma_leaves_a_field_unread_is_not_updated(tmp_path):
    library = tmp_path / "refs.bib"
    library.write_text(
        "@article{eps2020fifth, author = {Eps, Eve}, title = {Fifth paper},\n"
        "  journal = Journal of X\n  year = {2020}}\n"
    )
    before = library.read_bytes()
    source = tmp_path / "new.bib"
    source.write_text("@article{n, author = {Eps, Eve}, title = {Fifth paper}, year = 2020}\n")
    result = invoke("merge", "--into", library, source)
    assert result.exit_code == ExitCode.INPUT, result.stderr
    assert "'year' is not read; fix the library before updating it" in result.stderr
    assert library.read_bytes() == before


def test_a_different_decision_parts_a_library_entry_once_and_the_library_settles(tmp_path):
    """The entry holds both records a person then parts: it keeps one, lists that one only,
    and the other gets an entry of its own; the next run is up to date, not a new key a day."""
    record = (
        "@article{KEY, author={Doe, Jane and Roe, Rick}, title={Learning robust representations"
        " of protein structure}, journal={Bioinformatics}, year={2020}, pages={100--110}}\n"
    )
    (tmp_path / "a.bib").write_text(record.replace("KEY", "x"))
    (tmp_path / "b.bib").write_text(record.replace("KEY", "y"))
    decisions = tmp_path / "d.toml"
    decisions.write_text(
        '[[decision]]\ndecision = "different"\n'
        'records = [{file = "a.bib", id = "x"}, {file = "b.bib", id = "y"}]\n'
    )
    library, inputs = tmp_path / "refs.bib", [tmp_path / "a.bib", tmp_path / "b.bib"]
    assert invoke("merge", "--into", library, *inputs).exit_code == 0
    parted = invoke("merge", "--into", library, *inputs, "--decisions", decisions)
    assert parted.exit_code == 0, parted.stderr
    assert "it lists that record only" in parted.stderr
    sources = sorted(f["pubdedup-sources"] for f in entries(library.read_text()).values())
    assert sources == ["{a.bib:x}", "{b.bib:y}"]
    again = invoke("merge", "--into", library, *inputs, "--decisions", decisions)
    assert again.exit_code == 0 and "up to date" in again.stderr, again.stderr


def test_a_different_decision_about_a_record_without_id_settles_too(tmp_path):
    """A RIS record without an `ID` is listed by its file alone (`zotero.ris`): the entry
    holds it by its title. Before, the entry went on listing the file after the decision
    parted its record, and each run appended a new entry and merged yesterday's into it."""
    (tmp_path / "zotero.ris").write_text(
        "TY  - JOUR\nAU  - Doe, Jane\nAU  - Roe, Rick\n"
        "TI  - Learning robust representations of protein structure\nT2  - Bioinformatics\n"
        "PY  - 2020\nSP  - 100\nEP  - 110\nER  - \n\n"
        "TY  - JOUR\nAU  - Poe, Paul\nTI  - Another paper about folding proteins\n"
        "T2  - Bioinformatics\nPY  - 2021\nER  - \n"
    )
    (tmp_path / "b.bib").write_text(
        "@article{y, author={Doe, Jane and Roe, Rick}, title={Learning robust representations"
        " of protein structure}, journal={Bioinformatics}, year={2020}, pages={100--110}}\n"
    )
    decisions = tmp_path / "d.toml"
    decisions.write_text(
        '[[decision]]\ndecision = "different"\n'
        'records = [{file = "zotero.ris", index = 0}, {file = "b.bib", id = "y"}]\n'
    )
    library, inputs = tmp_path / "refs.bib", [tmp_path / "zotero.ris", tmp_path / "b.bib"]
    assert invoke("merge", "--into", library, *inputs).exit_code == 0
    parted = invoke("merge", "--into", library, *inputs, "--decisions", decisions)
    assert parted.exit_code == 0 and "it lists that record only" in parted.stderr, parted.stderr
    sources = sorted(f["pubdedup-sources"] for f in entries(library.read_text()).values())
    assert sources == ["{b.bib:y}", "{zotero.ris}", "{zotero.ris}"]
    for _ in range(2):
        again = invoke("merge", "--into", library, *inputs, "--decisions", decisions)
        assert again.exit_code == 0 and "up to date" in again.stderr, again.stderr
    assert len(entries(library.read_text())) == 3


def test_a_same_decision_takes_the_entries_of_records_without_ids_along(tmp_path):
    """Two entries, each from a RIS record without an `ID`: a person's `same` makes them one
    entry (the other key an alias), not a third entry beside them. (A guard: each entry also
    matches its record by title, which did this before entries held such records.)"""
    (tmp_path / "a.ris").write_text(
        "TY  - JOUR\nAU  - Doe, Jane\nTI  - Learning robust representations of protein"
        " structure\nT2  - Bioinformatics\nPY  - 2020\nER  - \n"
    )
    (tmp_path / "b.ris").write_text(
        "TY  - JOUR\nAU  - Doe, Jane\nTI  - Robust protein structure representations, learned"
        "\nT2  - Bioinformatics\nPY  - 2020\nER  - \n"
    )
    decisions = tmp_path / "d.toml"
    decisions.write_text(
        '[[decision]]\ndecision = "same"\n'
        'records = [{file = "a.ris", index = 0}, {file = "b.ris", index = 0}]\n'
    )
    library, inputs = tmp_path / "refs.bib", [tmp_path / "a.ris", tmp_path / "b.ris"]
    assert invoke("merge", "--into", library, *inputs).exit_code == 0
    assert len(entries(library.read_text())) == 2
    joined = invoke("merge", "--into", library, *inputs, "--decisions", decisions)
    assert joined.exit_code == 0, joined.stderr
    [(key, fields)] = entries(library.read_text()).items()
    assert fields["pubdedup-sources"] == "{a.ris; b.ris}" and "ids" in fields
    again = invoke("merge", "--into", library, *inputs, "--decisions", decisions)
    assert "up to date" in again.stderr, again.stderr


def test_a_decision_about_a_record_without_text_takes_no_entry_of_its_file_along(tmp_path):
    """A RIS record with neither title nor abstract (a DOI only), listed by its file alone like
    every record of that file: a `same` decision about it held every entry listing the file,
    and merged them all into one (their keys made aliases of an unrelated paper)."""
    (tmp_path / "z.ris").write_text(
        "TY  - JOUR\nTI  - Learning deep features for scene recognition using Places database\n"
        "AU  - Zhou, Bolei\nPY  - 2018\nER  - \n\n"
        "TY  - JOUR\nTI  - Revisiting unreasonable effectiveness of data in deep learning era\n"
        "AU  - Sun, Chen\nPY  - 2017\nER  - \n\n"
        "TY  - JOUR\nAU  - Babbage, Charles\nPY  - 1843\nDO  - 10.1000/xyz123\nER  - \n"
    )
    (tmp_path / "refs.bib").write_text(
        "@article{babbage1843, title = {Sketch of the Analytical Engine}, author = {Babbage,"
        " Charles}, year = {1843}, doi = {10.1000/abc999}}\n"
    )
    decisions = tmp_path / "d.toml"
    decisions.write_text(
        '[[decision]]\ndecision = "same"\n'
        'records = [{file = "z.ris", index = 2}, {file = "refs.bib", id = "babbage1843"}]\n'
    )
    library, inputs = tmp_path / "lib.bib", [tmp_path / "z.ris", tmp_path / "refs.bib"]
    assert invoke("merge", "--into", library, *inputs).exit_code == 0
    keys = set(entries(library.read_text()))
    decided = invoke("merge", "--into", library, *inputs, "--decisions", decisions)
    assert decided.exit_code == 0, decided.stderr
    after = entries(library.read_text())
    assert {"sun2017revisiting", "zhou2018learning"} <= set(after)
    assert all(k in after or k == "babbage1843untitled" for k in keys)
    again = invoke("merge", "--into", library, *inputs, "--decisions", decisions)
    assert "up to date" in again.stderr, again.stderr


def test_a_decision_about_one_of_two_records_of_one_title_on_a_page_takes_one_entry(tmp_path):
    """A page lists a conference paper and its journal version under one title; each has its
    entry, both listing the page by its name alone. A `same` decision about the conference
    record held both entries (their title is the record's) and merged the journal's entry into
    the conference's: its key became an alias of another paper, and the next run gave the
    journal version a new key."""
    entry = "    Learning Deep Features for Scene Recognition using Places Database\n"
    entry += "    Bolei Zhou\n    Agata Lapedriza\n"
    (tmp_path / "page.txt").write_text(
        "Jump to Content\nAda Lovelace\n\nAda Lovelace\n\nAuthored Publications\nSort By\n"
        f"  • Title\n  • Year, descending\n{entry}"
        "    International Journal of Computer Vision (2021)\n"
        f"{entry}    Conference on Computer Vision and Pattern Recognition (2018)\n"
        "    No Results Found\n"
    )
    (tmp_path / "refs.bib").write_text(
        "@inproceedings{zhou2018places, title = {Learning deep features for scene recognition"
        " with the Places database}, author = {Zhou, Bolei and Lapedriza, Agata and Lovelace,"
        " Ada}, booktitle = {Conference on Computer Vision and Pattern Recognition},"
        " year = {2018}}\n"
    )
    decisions = tmp_path / "d.toml"
    decisions.write_text(
        '[[decision]]\ndecision = "same"\n'
        'records = [{file = "page.txt", index = 1}, {file = "refs.bib", id = "zhou2018places"}]\n'
    )
    library, inputs = tmp_path / "lib.bib", [tmp_path / "page.txt", tmp_path / "refs.bib"]
    assert invoke("merge", "--into", library, *inputs).exit_code == 0
    before = entries(library.read_text())
    assert {f.get("journal") for f in before.values()} == {
        None,
        "{International Journal of Computer Vision}",
    }
    decided = invoke("merge", "--into", library, *inputs, "--decisions", decisions)
    assert decided.exit_code == 0, decided.stderr
    assert "merged into" not in decided.stderr
    assert entries(library.read_text()) == before
    again = invoke("merge", "--into", library, *inputs, "--decisions", decisions)
    assert "up to date" in again.stderr, again.stderr


PAGE_HEAD = "Jump to Content\nAda Lovelace\n\nAda Lovelace\n\nAuthored Publications\n"
PAGE_ENTRIES = {
    "mixtures": "    Sparse Mixtures of Experts for Vision Recognition\n    Carlos Riquelme\n"
    "    arXiv (2021)\n",
    "places": "    Learning Deep Features for Scene Recognition using Places Database\n"
    "    Bolei Zhou\n    Conference on Computer Vision and Pattern Recognition (2018)\n",
}


@pytest.mark.parametrize("absent", ["page.txt", "refs.bib"])
def test_a_record_a_decision_parted_stays_parted_while_it_is_absent(tmp_path, absent):
    """The entry listing a decided record stands in for it on a night it is missing (a page
    that failed to load, a record deleted from an export): before, the decision was left out,
    the two entries it parted merged (one key an alias of another paper), and the record, back
    the next night, got a third key."""
    page, bib = tmp_path / "page.txt", tmp_path / "refs.bib"
    full_page = PAGE_HEAD + PAGE_ENTRIES["mixtures"] + PAGE_ENTRIES["places"]
    other = "@misc{other, title = {Another paper entirely}, year = {2001}}\n"
    full_bib = other + (
        "@inproceedings{zhou2018places, title = {Learning deep features for scene recognition"
        " using Places database}, author = {Zhou, Bolei and Lovelace, Ada},"
        " booktitle = {Conference on Computer Vision and Pattern Recognition}, year = {2018}}\n"
    )
    page.write_text(full_page)
    bib.write_text(full_bib)
    decisions = tmp_path / "d.toml"
    decisions.write_text(
        '[[decision]]\ndecision = "different"\nrecords = [\n'
        '  {file = "page.txt", title = "Learning Deep Features for Scene Recognition using'
        ' Places Database"},\n  {file = "refs.bib", id = "zhou2018places"},\n]\n'
    )
    library, inputs = tmp_path / "lib.bib", [page, bib]

    def night() -> dict:
        result = invoke("merge", "--into", library, *inputs, "--decisions", decisions)
        assert result.exit_code == 0, result.stderr
        return entries(library.read_text())

    first = night()
    if absent == "page.txt":
        page.write_text(PAGE_HEAD + PAGE_ENTRIES["mixtures"])
    else:
        bib.write_text(other)
    assert night().keys() >= first.keys() and not any("ids" in f for f in night().values())
    page.write_text(full_page)
    bib.write_text(full_bib)
    assert night() == first


SCHOLAR_KEYED = r"""% my library
@article{roe2001,
  title = {A Study of Things},
  author = {Roe, Richard},
  journal = {Journal of Things},
  year = {2001},
}

@inproceedings{m{\"u}ller2022graph,
  title={Graph networks for the detection of communities},
  author={M{\"u}ller, Thomas and Li, Wei},
  booktitle={NeurIPS},
  year={2022}
}

@misc{last2010, title = {Something else entirely}, year = {2010}}
"""
PLAIN_KEYED = r"""@inproceedings{mueller2022graph,
  title={Graph Networks for the Detection of Communities},
  author={M{\"u}ller, Thomas and Li, Wei},
  booktitle={Advances in Neural Information Processing Systems},
  pages={100--110},
  year={2022}
}
"""


def test_a_library_entry_with_a_scholar_key_is_updated_and_keeps_its_key(tmp_path):
    """Google Scholar's `m{\"u}ller2022graph`: the parser rejected the entry, so the library
    was refused ("entry not parsed"). Its entry is updated in place, its key byte for byte."""
    library, source = tmp_path / "lab.bib", tmp_path / "new.bib"
    library.write_text(SCHOLAR_KEYED, encoding="utf-8")
    source.write_text(PLAIN_KEYED, encoding="utf-8")
    result = invoke("merge", "--into", library, source)
    assert result.exit_code == 0, result.stderr
    assert "0 added, 1 updated" in result.stderr
    text = library.read_text("utf-8")
    before, after = SCHOLAR_KEYED.split("  year={2022}\n")
    added = "  year={2022},\n  pages={100--110},\n  pubdedup-sources={new.bib:mueller2022graph}\n"
    assert text == before + added + after
    assert "up to date" in invoke("merge", "--into", library, source).stderr
    assert library.read_text("utf-8") == text


def test_a_scholar_keyed_copy_merged_away_is_an_alias_and_in_the_keymap(tmp_path):
    library, keymap = tmp_path / "lab.bib", tmp_path / "keys.json"
    library.write_text(PLAIN_KEYED + "\n" + SCHOLAR_KEYED, encoding="utf-8")
    result = invoke("merge", "--into", library, "--keymap", keymap, library)
    assert result.exit_code == 0, result.stderr
    assert json.loads(keymap.read_text()) == {'m{\\"u}ller2022graph': "mueller2022graph"}
    text = library.read_text("utf-8")
    assert "@inproceedings{m{" not in text  # the copy is gone, the entries around it stay
    assert text.endswith(SCHOLAR_KEYED[SCHOLAR_KEYED.index("@misc{last2010") :])
    assert "@article{roe2001,\n  title = {A Study of Things}," in text
    assert 'ids={m{\\"u}ller2022graph}' in text  # written as the entry writes its fields
    assert "up to date" in invoke("merge", "--into", library, library).stderr


def test_a_record_with_a_scholar_key_is_named_by_its_key_as_written(tmp_path):
    """In the JSON output's sources and the library's `pubdedup-sources`, read back as such."""
    source, library = tmp_path / "scholar.bib", tmp_path / "lab.bib"
    source.write_text(SCHOLAR_KEYED, encoding="utf-8")
    merged = json.loads(invoke("merge", "-f", "json", source).stdout)
    ids = [s["id"] for paper in merged["papers"] for s in paper["sources"]]
    assert sorted(ids) == ["last2010", 'm{\\"u}ller2022graph', "roe2001"]
    library.write_text(PLAIN_KEYED, encoding="utf-8")
    result = invoke("merge", "--into", library, source)
    assert result.exit_code == 0, result.stderr
    [fields] = [f for f in entries(library.read_text("utf-8")).values() if "pages" in f]
    assert fields["pubdedup-sources"] == '{scholar.bib:m{\\"u}ller2022graph}'
    assert "up to date" in invoke("merge", "--into", library, source).stderr


OTHER_PAPER = "@misc{roe2001, title = {Another paper entirely}, year = {2001}}\n"


@pytest.mark.parametrize(
    "edit, given, expected",
    [
        pytest.param(
            ("refs.bib", "zhai2019s4l,", "zhai2019selfsup,"), ["refs.bib"],
            "{more.bib:s4l; refs.bib:zhai2019selfsup}", id="key-renamed-in-a-file-given",
        ),
        pytest.param(
            ("refs.bib", S4L, ""), ["refs.bib", "more.bib"],
            "{more.bib:s4l; refs.bib:zhai2019s4l}", id="entry-deleted-from-a-file-given",
        ),
        pytest.param(
            ("more.bib", "{s4l,", "{s4lnew,"), ["refs.bib"],
            "{more.bib:s4l; refs.bib:zhai2019s4l}", id="key-renamed-in-a-file-not-given",
        ),
    ],
)  # fmt: skip
def test_a_listed_record_renamed_in_its_file_leaves_the_list(tmp_path, edit, given, expected):
    """An export renames a key (or renumbers a CSV row): its entry lists the new name, and the
    old one, which names nothing now, leaves the list rather than stand beside it for good. A
    record deleted with none in its place stays listed (its entry stands in for it, as for a
    decision naming it), as does one of a file not given this run."""
    library = tmp_path / "lab.bib"
    (tmp_path / "refs.bib").write_text(S4L + OTHER_PAPER)
    (tmp_path / "more.bib").write_text(S4L.replace("{zhai2019s4l,", "{s4l,"))
    invoke("merge", "--into", library, tmp_path / "refs.bib", tmp_path / "more.bib")
    before = entries(library.read_text())["zhai2019s4l"]["pubdedup-sources"]
    assert before == "{more.bib:s4l; refs.bib:zhai2019s4l}"
    name, old, new = edit
    (tmp_path / name).write_text((tmp_path / name).read_text().replace(old, new))

    result = invoke("merge", "--into", library, *(tmp_path / g for g in given))
    assert result.exit_code == 0, result.stderr
    assert entries(library.read_text())["zhai2019s4l"]["pubdedup-sources"] == expected
    assert len(entries(library.read_text())) == 2
    updated = library.read_bytes()
    again = invoke("merge", "--into", library, *(tmp_path / g for g in given))
    assert "up to date" in again.stderr and library.read_bytes() == updated


def test_one_of_two_copies_in_a_file_deleted_stays_listed(tmp_path):
    """An export holding a paper twice, cleaned of one copy: nothing took the deleted copy's
    place (the other was listed already), so it stays listed, as any record deleted does. It
    left the list as if renamed, where README says a record deleted stays."""
    library, refs = tmp_path / "lab.bib", tmp_path / "refs.bib"
    second = S4L.replace("{zhai2019s4l,", "{zhai2019copy,")
    refs.write_text(S4L + second + OTHER_PAPER)
    invoke("merge", "--into", library, refs)
    listed = "{refs.bib:zhai2019copy; refs.bib:zhai2019s4l}"
    assert entries(library.read_text())["zhai2019s4l"]["pubdedup-sources"] == listed
    refs.write_text(S4L + OTHER_PAPER)

    result = invoke("merge", "--into", library, refs)
    assert result.exit_code == 0, result.stderr
    assert "up to date" in result.stderr
    assert entries(library.read_text())["zhai2019s4l"]["pubdedup-sources"] == listed


def test_a_decided_record_renamed_by_the_export_leaves_the_other_versions_entry_alone(tmp_path):
    """A `different` decision parts a preprint from its published version, of one title. The
    export renames the preprint's key: its reference finds both records by title, but the
    published one is the other reference's by its id, so its entry keeps it; no entry is left
    with an empty `pubdedup-sources` beside a new copy of it."""
    title, bib = BIT_TITLE, bit_versions

    decisions = tmp_path / "d.toml"
    decisions.write_text(
        '[[decision]]\ndecision = "different"\nrecords = [\n'
        f'  {{ file = "lab.bib", id = "kolesnikov2019big", title = "{title}" }},\n'
        f'  {{ file = "lab.bib", id = "kolesnikov2020big", title = "{title}" }},\n]\n'
    )
    lab, library = tmp_path / "lab.bib", tmp_path / "refs.bib"
    lab.write_text(bib("kolesnikov2019big"))
    assert invoke("merge", "--into", library, lab, "--decisions", decisions).exit_code == 0
    lab.write_text(bib("kolesnikov2019bit"))
    renamed = invoke("merge", "--into", library, lab, "--decisions", decisions)
    assert renamed.exit_code == 0, renamed.stderr
    sources = {k: f["pubdedup-sources"] for k, f in entries(library.read_text()).items()}
    # The old key leaves the list: the export holds the preprint under its new key.
    assert sources == {
        "kolesnikov2019big": "{lab.bib:kolesnikov2019bit}",
        "kolesnikov2020big": "{lab.bib:kolesnikov2020big}",
    }
    again = invoke("merge", "--into", library, lab, "--decisions", decisions)
    assert "up to date" in again.stderr, again.stderr


@pytest.mark.parametrize(
    "authors, expected",
    [
        # Surname first, as the library writes it; a first-name-first list stays so.
        ("Djolonga, Josip and Yung, Jessica", "Djolonga, Josip and Yung, Jessica and Beyer, Lucas"),
        ("Josip Djolonga and Jessica Yung", "Josip Djolonga and Jessica Yung and Lucas Beyer"),
        # Before `and others`, which styles read as `et al.` only at the end of the list.
        ("Djolonga, Josip and\n    others", "Djolonga, Josip and Beyer, Lucas and\n    others"),
    ],
)
def test_a_page_owner_joins_a_library_entry_as_its_names_are_written(tmp_path, authors, expected):
    library = tmp_path / "library.bib"
    title = "On Robustness and Transferability of Convolutional Neural Networks"
    library.write_text(
        "@inproceedings{djolonga2021robustness,\n"
        + f"  title = {{{title}}},\n  author = {{{authors}}},\n  year = {{2021}},\n}}\n"
    )
    beyer = EXAMPLES / "004_fa9fe8a296857bdd.txt"
    assert invoke("merge", "--into", library, beyer).exit_code == 0
    written = library.read_text()
    assert "author = {" + expected + "}," in written
    assert invoke("merge", "--check", "--into", library, beyer).exit_code == 0  # and stays so


def test_a_page_owner_the_entry_names_with_latex_accents_is_not_appended_again(tmp_path):
    # Classic BibTeX libraries write accents as LaTeX (`M{\"u}ller`); the page's owner is
    # `Jörg Müller`, the same person, who must not be listed twice.
    library, page = tmp_path / "library.bib", tmp_path / "mueller.txt"
    page.write_text(
        "Jump to Content\nJörg Müller\nAuthored Publications\nSort By\n"
        "    Learning Rates for Stochastic Gradient Descent in Deep Networks\n"
        "    Ana Núñez\n    arXiv (2020)\n"
    )
    authors = 'Nu{\\~n}ez, Ana and M{\\"u}ller, J{\\"o}rg'
    library.write_text(
        f"@article{{nunez20,\n  author = {{{authors}}},\n"
        "  title  = {Learning Rates for Stochastic Gradient Descent in Deep Networks},\n"
        "  year   = 2020\n}\n"
    )
    assert invoke("merge", "--into", library, page).exit_code == 0
    assert entries(library.read_text())["nunez20"]["author"] == "{" + authors + "}"


def test_fields_an_entry_gives_through_crossref_or_another_field_are_not_written_again(tmp_path):
    # A hand-kept natbib library: the conference's fields live in its @proceedings, which the
    # paper's `crossref` lends; a Scholar entry has its arXiv id in `journal`. Neither lacks them.
    library = tmp_path / "library.bib"
    library.write_text(
        "@proceedings{cvpr2021,\n  title = {Proceedings of CVPR},\n  year = 2021,\n"
        "  publisher = {IEEE},\n  address = {Nashville}\n}\n\n"
        "@inproceedings{djolonga21,\n  author = {Josip Djolonga and Jessica Yung and others},\n"
        "  title = {On Robustness and Transferability of Convolutional Neural Networks},\n"
        "  crossref = {cvpr2021}\n}\n\n"
        "@article{zeghidour19,\n  author = {Zeghidour, Neil and Cuturi, Marco},\n"
        "  title = {Deep Multiclass Learning from Label Proportions},\n"
        "  journal = {arXiv preprint arXiv:1901.10392},\n  year = {2019}\n}\n"
    )
    beyer = EXAMPLES / "004_fa9fe8a296857bdd.txt"
    assert invoke("merge", "--into", library, beyer).exit_code == 0
    after = entries(library.read_text())
    assert set(after["djolonga21"]) == {
        "author",
        "title",
        "crossref",
        "abstract",
        "pubdedup-sources",
    }
    assert set(after["zeghidour19"]) == {
        *("author", "title", "journal", "year", "abstract", "pubdedup-sources"),
    }


@pytest.mark.parametrize("spelling", ["./library.bib", "link.bib"])
def test_the_library_named_as_an_input_another_way_is_read_once(tmp_path, seed_pages, spelling):
    # `pubdedup merge --into ~/refs/library.bib *.bib` from ~/refs: the glob names it too.
    library = tmp_path / "library.bib"
    assert invoke("merge", "--into", library, *seed_pages).exit_code == 0
    (tmp_path / "link.bib").symlink_to(library)
    before = library.read_bytes()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        again = invoke("merge", "--into", library, *seed_pages, spelling)
    assert again.exit_code == 0 and "up to date" in again.stderr, again.stderr
    assert library.read_bytes() == before


def test_a_read_only_library_is_not_replaced(tmp_path, seed_pages):
    # chmod a-w library.bib: the rename of a temp file would go through all the same.
    library = tmp_path / "library.bib"
    hand_kept = "@misc{mine,\n  title = {My Thesis},\n  year = 2023\n}\n"
    library.write_text(hand_kept)
    library.chmod(0o444)
    try:
        result = invoke("merge", "--into", library, *seed_pages)
        assert result.exit_code == ExitCode.OUTPUT
        assert result.stderr.strip().endswith(
            ": cannot write: permission denied (a read-only file)"
        )
        assert library.read_text() == hand_kept and library.stat().st_mode & 0o777 == 0o444
    finally:
        library.chmod(0o644)


def test_fields_added_to_an_entry_are_spaced_and_delimited_as_its_own(tmp_path):
    # JabRef aligns every `=` in one column; Scholar writes `title={…}`; an old hand-kept
    # entry quotes its values, and its author list stays quoted when an owner joins it.
    library = tmp_path / "library.bib"
    library.write_text(
        "@InProceedings{Djolonga2021,\n"
        "  author    = {Djolonga, Josip and Yung, Jessica and Beyer, Lucas},\n"
        "  title     = {On Robustness and Transferability of Convolutional Neural Networks},\n"
        "  booktitle = {CVPR},\n}\n\n"
        "@article{zeghidour2019deep,\n  title={Deep Multiclass Learning from Label Proportions},\n"
        "  author={Zeghidour, Neil and Cuturi, Marco and Vert, Jean-Philippe},\n  year={2019}\n}\n"
    )
    beyer = EXAMPLES / "004_fa9fe8a296857bdd.txt"
    assert invoke("merge", "--into", library, beyer).exit_code == 0
    text = library.read_text()
    assert "  booktitle = {CVPR},\n  year      = {2021},\n  abstract  = {Modern deep" in text
    assert "  year={2019},\n  journal={arXiv},\n  abstract={We propose" in text

    library.write_text(
        '@inproceedings{djolonga21,\n  author = "Josip Djolonga and Jessica Yung and others",\n'
        '  title = "On Robustness and Transferability of Convolutional Neural Networks",\n'
        '  year = "2021"\n}\n'
    )
    assert invoke("merge", "--into", library, beyer).exit_code == 0
    expected = '  author = "Josip Djolonga and Jessica Yung and Lucas Beyer and others",\n'
    assert expected in library.read_text()


def test_a_preprint_entry_and_its_published_entry_keep_the_published_key_and_venue(tmp_path):
    # The arXiv entry came first in the file, so it kept its key and values: the published
    # venue, pages and year were dropped, where a preprint merges into its published paper.
    library = tmp_path / "library.bib"
    authors = "Kolesnikov, Alexander and Beyer, Lucas and Zhai, Xiaohua"
    library.write_text(
        "@article{kolesnikov2019big,\n  title={Big Transfer (BiT): General Visual Representation"
        f" Learning}},\n  author={{{authors}}},\n  journal={{arXiv preprint arXiv:1912.11370}},\n"
        "  year={2019}\n}\n\n@inproceedings{kolesnikov2020big,\n  title={Big Transfer (BiT):"
        f" General Visual Representation Learning}},\n  author={{{authors}}},\n"
        "  booktitle={European Conference on Computer Vision},\n  pages={491--507},\n"
        "  year={2020}\n}\n"
    )
    keymap = tmp_path / "keys.json"
    result = invoke("merge", "--into", library, "--keymap", keymap, library)
    assert result.exit_code == 0, result.stderr
    (entry,) = entries(library.read_text()).values()
    assert json.loads(keymap.read_text()) == {"kolesnikov2019big": "kolesnikov2020big"}
    assert entry["booktitle"] == "{European Conference on Computer Vision}"
    assert (entry["year"], entry["pages"], entry["eprint"]) == (
        "{2020}",
        "{491--507}",
        "{1912.11370}",
    )
    assert entry["ids"] == "{kolesnikov2019big}"
    assert "dropped" not in result.stderr  # the preprint's venue and year must go: no warning


def test_a_published_entry_takes_no_volume_or_doi_of_its_preprint_entry(tmp_path):
    """DBLP's CoRR entry merged into the ICML entry gave it `volume = {abs/2006.01234}` (and
    would have given arXiv's DOI): where and when the preprint appeared. Its eprint stays."""
    library = tmp_path / "library.bib"
    library.write_text(
        "@inproceedings{smith2021graph,\n  author = {Smith, John and Doe, Jane},\n"
        "  title = {Graph Networks for Everything},\n"
        "  booktitle = {International Conference on Machine Learning},\n  year = {2021}\n}\n\n"
        "@article{smith2020graph,\n  author = {Smith, John and Doe, Jane},\n"
        "  title = {Graph Networks for Everything},\n  journal = {CoRR},\n"
        "  volume = {abs/2006.01234},\n  year = {2020},\n  doi = {10.48550/arXiv.2006.01234},\n"
        "  eprint = {2006.01234},\n  eprinttype = {arXiv}\n}\n"
    )
    result = invoke("merge", "--into", library, library)
    assert result.exit_code == 0, result.stderr
    (entry,) = entries(library.read_text()).values()
    assert "volume" not in entry and "doi" not in entry and "journal" not in entry
    assert (entry["year"], entry["eprint"], entry["ids"]) == (
        "{2021}",
        "{2006.01234}",
        "{smith2020graph}",
    )
    assert "dropped" not in result.stderr


def test_an_entry_merged_into_another_leaves_its_urldate_with_its_url(tmp_path):
    """The NeurIPS entry kept its own url and took the Zotero arXiv copy's urldate: the day
    another link was visited."""
    library = tmp_path / "library.bib"
    library.write_text(
        "@inproceedings{vaswani2017attention, author = {Vaswani, Ashish},"
        " title = {Attention is All you Need}, booktitle = {NeurIPS}, year = {2017},"
        " url = {https://proceedings.neurips.cc/x.html}}\n\n"
        "@misc{vaswaniAttention2023, author = {Vaswani, Ashish},"
        " title = {Attention Is All You Need}, year = {2017}, urldate = {2024-01-05},"
        " url = {http://arxiv.org/abs/1706.03762}, eprint = {1706.03762}}\n",
        encoding="utf-8",
    )
    result = invoke("merge", "--into", library, library)
    assert result.exit_code == 0, result.stderr
    (entry,) = entries(library.read_text()).values()
    assert entry["url"] == "{https://proceedings.neurips.cc/x.html}" and "urldate" not in entry
    assert "which keeps its own url; dropped: url = " in result.stderr
    assert "urldate = {2024-01-05}" in result.stderr  # said, not lost silently


def test_a_urldate_of_the_same_url_written_otherwise_is_taken_without_a_warning(tmp_path):
    """The urls differ only by a trailing slash, as values are compared: the urldate is of
    the survivor's url, taken, and no warning fails a --strict run."""
    library = tmp_path / "library.bib"
    library.write_text(
        "@inproceedings{pub, author = {Doe, Jane}, title = {A Paper on Things},"
        " booktitle = {NeurIPS}, year = {2021}, url = {https://x.org/abc-Abstract.html}}\n\n"
        "@misc{pre, author = {Doe, Jane}, title = {A Paper on Things}, year = {2021},"
        " url = {https://x.org/abc-Abstract.html/}, urldate = {2022-01-05}}\n",
        encoding="utf-8",
    )
    result = invoke("merge", "--strict", "--into", library, library)
    assert result.exit_code == 0, result.stderr
    (entry,) = entries(library.read_text()).values()
    assert entry["urldate"] == "{2022-01-05}"


def test_an_entry_with_its_arxiv_id_gets_no_arxiv_venue(tmp_path):
    # A biblatex `@online` entry with `eprinttype = {arxiv}` got `howpublished = {arXiv
    # preprint …}` from a Scholar copy: a repeat, and a field biber flags for `@online`.
    library = tmp_path / "library.bib"
    library.write_text(
        "@Online{Kolesnikov2020,\n  author = {Kolesnikov, Alexander and Beyer, Lucas},\n"
        "  title = {Big Transfer ({BiT}): General Visual Representation Learning},\n"
        "  date = {2019-12},\n  eprint = {1912.11370},\n  eprinttype = {arxiv},\n}\n"
    )
    scholar = tmp_path / "scholar.bib"
    scholar.write_text(
        "@article{kolesnikov2019big,\n  title={Big Transfer (BiT): General Visual"
        " Representation Learning},\n  author={Kolesnikov, Alexander and Beyer, Lucas},\n"
        "  journal={arXiv preprint arXiv:1912.11370},\n  year={2019}\n}\n"
    )
    assert invoke("merge", "--into", library, scholar).exit_code == 0
    (entry,) = entries(library.read_text()).values()
    assert "howpublished" not in entry and "journal" not in entry
    assert entry["pubdedup-sources"] == "{scholar.bib:kolesnikov2019big}"


@pytest.mark.parametrize(
    "names, expected",
    [
        # A library writing its names surname first gets new entries written so.
        (
            ("Zhai, Xiaohua and Beyer, Lucas", "Houlsby, Neil"),
            "Beyer, Lucas and Kolesnikov, Alexander",
        ),
        # One written the other way (or a single such list) leaves new entries as the pages give.
        (("Xiaohua Zhai and Lucas Beyer", "Neil Houlsby"), "Lucas Beyer and Alexander Kolesnikov"),
        (("Zhai, Xiaohua",), "Lucas Beyer and Alexander Kolesnikov"),
    ],
)
def test_new_entries_write_their_names_as_the_library_does(tmp_path, seed_pages, names, expected):
    library = tmp_path / "library.bib"
    library.write_text(
        "".join(
            f"@misc{{k{i}, title = {{Unrelated work number {i}}}, author = {{{authors}}}}}\n\n"
            for i, authors in enumerate(names)
        )
    )
    assert invoke("merge", "--into", library, *seed_pages).exit_code == 0
    added = [f["author"] for k, f in entries(library.read_text()).items() if not k.startswith("k")]
    assert "{" + expected + "}" in added  # the papers on both pages, by their two owners
    assert invoke("merge", "--check", "--into", library, *seed_pages).exit_code == 0


def test_a_greek_letter_a_library_gains_is_written_as_pdflatex_reads_it(tmp_path):
    # The library's own `α` stays as written; the abstract it gains has its `β` as LaTeX's
    # math command, as a plain merge writes it (raw, pdflatex stopped at it).
    library = tmp_path / "library.bib"
    mine = "@article{mine,\n  author = {Smith, John},\n  title = {Role of TNF-α in Sepsis},\n"
    library.write_text(mine + "  journal = {J},\n  year = {2020}\n}\n", encoding="utf-8")
    rows = tmp_path / "rows.csv"
    abstract = "We show that TNF-α and β-cells interact in sepsis " * 4
    row = f'Role of TNF-α in Sepsis,"Smith, J.",2020,J,"{abstract}"'
    rows.write_text(f"title,authors,year,journal,abstract\n{row}\n", encoding="utf-8")
    result = invoke("merge", "--into", library, rows)
    assert result.exit_code == 0, result.stderr
    written = library.read_text("utf-8")
    assert written.startswith(mine)
    gained = entries(written)["mine"]["abstract"]
    assert "{\\ensuremath{\\beta}}-cells" in gained and "α" not in gained


def _into_with(tmp_path, library_text, new_text):
    """`merge --into lib.bib new.bib` with these texts, which must succeed: the two paths."""
    library, new = tmp_path / "lib.bib", tmp_path / "new.bib"
    library.write_text(library_text)
    new.write_text(new_text)
    result = invoke("merge", "--into", library, new)
    assert result.exit_code == 0, result.output
    return library, new


def test_a_library_entry_with_a_comment_line_is_its_papers_entry(tmp_path):
    # The comment hid the title from the reader and every field after it from the editor: the
    # paper was appended again under a new key, beside the entry.
    library, _ = _into_with(
        tmp_path,
        "@article{mine,\n  author = {C. Three},\n  % from the publisher's page\n"
        "  title = {Entry with a comment inside},\n  journal = {J},\n  year = {2003}\n}\n",
        "@article{n, author = {C. Three}, title = {Entry with a comment inside},"
        " journal = {J}, year = {2003}, doi = {10.1/x}}\n",
    )
    written = entries(library.read_text())
    assert list(written) == ["mine"]
    assert written["mine"]["doi"] == "{10.1/x}"
    assert library.read_text().count("title =") == 1
    assert [s.name for s in field_spans(library.read_text())][:4] == [
        "author",
        "title",
        "journal",
        "year",
    ]


def test_a_last_field_commented_out_leaves_the_library_updated_and_read_back_clean(tmp_path):
    # `year = {2004}` with no comma, then `% note = {draft}`: read as a field run into the
    # year's value, the library was refused (exit 4); and a field added went after the comment,
    # its comma inside it, so that the next run read it with a missing comma.
    library, new = _into_with(
        tmp_path,
        "@article{mine,\n  author = {C. Three},\n  title = {Deep Things},\n  journal = {J},\n"
        "  year = {2004}\n  % note = {draft}\n}\n",
        "@article{n, author = {C. Three}, title = {Deep Things}, journal = {J}, year = 2004,"
        " pages = {1--10}}\n",
    )
    text = library.read_text()
    assert "  year = {2004},\n  % note = {draft}\n  pages = {1--10},\n" in text
    again = invoke("merge", "--into", library, new, "--check")
    assert again.exit_code == 0 and "warning" not in again.stderr, again.stderr
