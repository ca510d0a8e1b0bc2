"""The text of TeX commands pylatexenc does not know: logos, text symbols and spaces.

BibTeX files about TeX (Nelson Beebe's TUGboat and TeX bibliographies) write logos as macros
that `texnames.sty` and `tugboat.def` define, or that the document is expected to: `\\TUB`,
`\\MF`, `\\AmSTeX`, `\\Dash`. Unknown, each was kept as written and printed as `\\TUB` in the
output. Each is its text here, as the macro prints it (small capitals and kerning aside), so
that `{\\TeX}book` matches `TeXbook` and the output needs no macro package. A command a
bibliography defines for itself (`\\MaxMinAntSystem`) is read from its @preamble instead
(latex_macros.py).
"""

from __future__ import annotations

# The TeX family, as texnames.sty and tugboat.def print them.
_TEX = {
    "TeX": "TeX",
    "tex": "TeX",
    "LaTeX": "LaTeX",
    "LATEX": "LaTeX",
    "latex": "LaTeX",
    "origLaTeX": "LaTeX",
    "LaTeXe": "LaTeX2e",
    "La": "La",
    "AllTeX": "(La)TeX",
    "BibTeX": "BibTeX",
    "BIBTeX": "BibTeX",
    "BIBTEX": "BibTeX",
    "slBibTeX": "BibTeX",
    "NetBibTeX": "NetBibTeX",
    "bibtexcpp": "BibTeX++",
    "SliTeX": "SliTeX",
    "SLiTeX": "SliTeX",
    "SLITeX": "SliTeX",
    "SLITEX": "SliTeX",
    "MF": "METAFONT",
    "METAFONT": "METAFONT",
    "slMF": "METAFONT",
    "MP": "MetaPost",
    "MetaPost": "MetaPost",
    "METAPOST": "MetaPost",
    "AMS": "AMS",
    "AmS": "AMS",
    "AMSTeX": "AMS-TeX",
    "AmSTeX": "AMS-TeX",
    "AMSTEX": "AMS-TeX",
    "AMSLaTeX": "AMS-LaTeX",
    "AmSLaTeX": "AMS-LaTeX",
    "LAMSTeX": "LAMS-TeX",
    "LamSTeX": "LAMS-TeX",
    "LAmSTeX": "LAMS-TeX",
    "eTeX": "e-TeX",
    "pdfTeX": "pdfTeX",
    "pdfLaTeX": "pdfLaTeX",
    "XeTeX": "XeTeX",
    "XeLaTeX": "XeLaTeX",
    "LuaTeX": "LuaTeX",
    "LuaLaTeX": "LuaLaTeX",
    "ConTeXt": "ConTeXt",
    "CONTEXT": "ConTeXt",
    "PiC": "PiC",
    "PiCTeX": "PiCTeX",
    "TeXLive": "TeX Live",
    "TeXworks": "TeXworks",
    "TeXtures": "Textures",
    "TeXML": "TeXML",
    "TeXMaG": "TeXMaG",
    "LyX": "LyX",
    "TikZ": "TikZ",
    "Xy": "Xy",
    "Xypic": "Xy-pic",
    "XyM": "XyM",
    "XyMTeX": "XyMTeX",
    "XYMTeX": "XyMTeX",
    "JTeX": "JTeX",
    "MTeX": "MTeX",
    "mtex": "T\u00caX",  # the multilingual TeX, an E with a circumflex
    "VnTeX": "VnTeX",
    "ExTeX": "ExTeX",
    "NTS": "NTS",
    "OMEGA": "Omega",
    "eOmega": "eOmega",
    "archiTeX": "archiTeX",
    "BaSiX": "BaSiX",
    "GeX": "GeX",
    "JemTeX": "JemTeX",
    "LexiTeX": "LexiTeX",
    "NexTeX": "NexTeX",
    "PreTeX": "PreTeX",
    "VorTeX": "VorTeX",
    "FDNTeX": "FDNTeX",
    "AcroFLeX": "AcroFLeX",
    "gmLaTeXplain": "gmLaTeXplain",
    "Tib": "Tib",
    "DVItoVDU": "DVItoVDU",
    "dvitosvg": "DVI2SVG",
    "mathsPIC": "mathsPIC",
    "WARMreader": "WARMreader",
    "warmreader": "WARMreader",
    "curve": "CurVe",
}

# The rest of tugboat.def: names, acronyms and the TeX Users Group's own words.
_TUGBOAT = {
    "TUB": "TUGboat",
    "TUG": "TeX Users Group",
    "UG": "Users Group",
    "tug": "TUG",
    "uktug": "UK TUG",
    "CSTUG": "CSTUG",
    "NTG": "NTG",
    "SC": "Steering Committee",
    "CTAN": "CTAN",
    "PS": "PostScript",
    "POSTSCRIPT": "PostScript",
    "PDF": "PDF",
    "DVI": "DVI",
    "DVD": "DVD",
    "HTML": "HTML",
    "XML": "XML",
    "SGML": "SGML",
    "CSS": "CSS",
    "GNU": "GNU",
    "UNIX": "UNIX",
    "VAX": "VAX",
    "WEB": "WEB",
    "Java": "Java",
    "MacOSX": "Mac OS X",
    "Pas": "Pascal",
    "plain": "plain",
    "Abstract": "[Abstract]",
    "THANH": "H\u00e0n Th\u1ebf Th\u00e0nh",
    "Thanh": "H\u00e0n Th\u1ebf Th\u00e0nh",
    "Mc": "Mc",
    "bs": "\\",  # `\bs special` prints `\special`: the writer's `\textbackslash{}`
    "POBox": "P. O. Box",
}

# Symbols of the LaTeX kernel and textcomp, and the dashes of Beebe's bibliographies: `\Dash`
# is an em dash between thin spaces (`\nobreak\thinspace---\penalty0\thinspace`), spaced here so
# that `TeX\Dash the` stays two words for matching; `\emdash` (EPODD's) is a bare one.
_SYMBOLS = {
    "Dash": " \u2014 ",
    "dash": " \u2013 ",
    "emdash": "\u2014",
    "endash": "\u2013",
    "textless": "<",
    "textgreater": ">",
    "textbar": "|",
    "textunderscore": "_",
    "textquotedbl": '"',
    "textminus": "\u2212",
    "S": "\u00a7",
    "P": "\u00b6",
    "pounds": "\u00a3",
    "copyright": "\u00a9",
    "ddag": "\u2021",
    "euro": "\u20ac",
    "registered": "\u00ae",
    "trademark": "\u2122",
    "TM": "\u2122",
    "reg": "\u00ae",
}

# Spaces of any width are one space in text; `\par` ends a paragraph of an abstract.
_SPACES = ("thinspace", "enspace", "space", "nobreakspace", "par")

TEXT_COMMANDS: dict[str, str] = {**_TEX, **_TUGBOAT, **_SYMBOLS, **dict.fromkeys(_SPACES, " ")}

# Font switches of plain TeX and tugboat.def (`{\smc mf} medley`, `\ssf BM2FONT`): their text
# is what follows them, as for LaTeX's `\em`.
FONT_SWITCHES = (
    *("smc", "SMC", "ssf", "sltt", "slc", "slnine", "eightrm", "ninesmc", "acrosl"),
    *("tensl", "tenss", "tensy", "manual", "manualsl", "manfnt", "logo", "sevenrm", "ninerm"),
    *("leavevmode", "unskip", "nobreak", "allowbreak", "break", "hfil", "hfill", "hss"),
    *("smash", "strut", "null", "noindent", "indent"),
)
