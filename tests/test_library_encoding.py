"""`merge --into`: a library is written back in the encoding it was read in, byte for byte
outside the edits (a Latin-1 library kept by hand, a UTF-8 one with a byte-order mark)."""

from __future__ import annotations

import codecs

from pubdedup.errors import ExitCode
from tests.test_library import invoke

PAGE = """Jump to Content
Jörg Müller
Authored Publications
Sort By
    Learning Rates for Stochastic Gradient Descent in Deep Networks
    Ana Núñez
    arXiv (2020)
    Deep Networks for Small Data in Medical Imaging
    Ana Núñez
    (2021)
"""

LIBRARY = """% Kept by hand, in Latin-1: \\usepackage[latin1]{inputenc}
@article{nunez20,
  author = {Nu{\\~n}ez, Ana},
  title  = {Learning Rates for Stochastic Gradient Descent in Deep Networks},
  year   = 2020
}

@phdthesis{lefevre12,
  author = {Fran\\c{c}ois Lef\\`evre},
  title  = {Apprentissage de représentations},
  school = {Université de Grenoble},
  year   = 2012
}
"""


def test_a_latin1_library_stays_latin1_and_what_is_added_is_escaped(tmp_path):
    page, library = tmp_path / "mueller.txt", tmp_path / "library.bib"
    page.write_text(PAGE, encoding="utf-8")
    library.write_bytes(LIBRARY.encode("cp1252"))

    assert invoke("merge", "--into", library, page).exit_code == 0
    data = library.read_bytes()
    text = data.decode("cp1252")  # still Windows-1252 (Latin-1) throughout
    thesis = LIBRARY[LIBRARY.index("@phdthesis") :]
    assert thesis.encode("cp1252") in data  # an entry not updated keeps its bytes
    assert 'author = {Nu{\\~n}ez, Ana and M{\\"u}ller, J{\\"o}rg}' in text
    assert "Ana N{\\'u}{\\~n}ez" in text[text.index("@misc") :]  # the new entry is escaped too
    assert invoke("merge", "--check", "--into", library, page).exit_code == 0


def test_a_utf8_library_keeps_its_byte_order_mark(tmp_path):
    page, library = tmp_path / "mueller.txt", tmp_path / "library.bib"
    page.write_text(PAGE, encoding="utf-8")
    library.write_bytes(codecs.BOM_UTF8 + LIBRARY.encode("utf-8"))

    assert invoke("merge", "--into", library, page).exit_code == 0
    data = library.read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + LIBRARY[:40].encode("utf-8"))
    assert "M\u00fcller, J\u00f6rg" in data.decode("utf-8-sig")  # UTF-8 holds it as it is


def test_a_character_a_latin1_library_cannot_hold_leaves_it_untouched(tmp_path):
    page, library = tmp_path / "mueller.txt", tmp_path / "library.bib"
    page.write_text(PAGE.replace("Ana Núñez\n    (2021)", "王小明\n    (2021)"), encoding="utf-8")
    library.write_bytes(LIBRARY.encode("cp1252"))

    result = invoke("merge", "--into", library, page)
    assert result.exit_code == ExitCode.OUTPUT
    assert "cannot write '王' in cp1252, the library's encoding; convert" in result.stderr
    assert library.read_bytes() == LIBRARY.encode("cp1252")
