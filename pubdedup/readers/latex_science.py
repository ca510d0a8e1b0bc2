"""Chemistry and units as plain text: mhchem's `\\ch{…}` and siunitx's `\\SI{…}{…}` and kin.

Physics and chemistry bibliographies write formulas and quantities with these packages, which an
ordinary document does not load. Read as unknown commands, `\\ch{Mg^{2+}}` was `Mg^2+` (written
`Mg\\textasciicircum{}2+`) and `\\SIrange{323.15}{398.15}{\\kelvin}` was `323.15398.15\\kelvin`.
Each is its text the way plain-text sources (Crossref, PubMed) write it, so that the copies
match and the output compiles without the packages: `Mg2+`, `8Li` for `\\ch{^{8}Li}`, `TiO2`,
`323.15 K to 398.15 K`, `20 ms` (the sub- and superscripts and the thin space are lost).
"""

from __future__ import annotations

import re

from pubdedup.readers.latex_macros import Definition

_PREFIXES = {
    "yocto": "y", "zepto": "z", "atto": "a", "femto": "f", "pico": "p", "nano": "n",
    "micro": "\u00b5", "milli": "m", "centi": "c", "deci": "d", "deca": "da", "deka": "da",
    "hecto": "h", "kilo": "k", "mega": "M", "giga": "G", "tera": "T", "peta": "P", "exa": "E",
}  # fmt: skip
_UNITS = {
    "metre": "m", "meter": "m", "gram": "g", "second": "s", "ampere": "A", "kelvin": "K",
    "mole": "mol", "candela": "cd", "hertz": "Hz", "newton": "N", "pascal": "Pa", "joule": "J",
    "watt": "W", "coulomb": "C", "volt": "V", "farad": "F", "ohm": "\u03a9", "siemens": "S",
    "weber": "Wb", "tesla": "T", "henry": "H", "celsius": "\u00b0C", "degreeCelsius": "\u00b0C",
    "lumen": "lm", "lux": "lx", "becquerel": "Bq", "gray": "Gy", "sievert": "Sv",
    "electronvolt": "eV", "dalton": "Da", "atomicmassunit": "u", "angstrom": "\u00c5",
    "barn": "b", "bar": "bar", "litre": "L", "liter": "L", "minute": "min", "hour": "h",
    "day": "d", "degree": "\u00b0", "arcminute": "\u2032", "arcsecond": "\u2033",
    "percent": "%", "gauss": "G", "tonne": "t", "hectare": "ha", "decibel": "dB",
    "molar": "M", "Molar": "M", "astronomicalunit": "au", "mmHg": "mmHg",
    "per": "/", "squared": "\u00b2", "cubed": "\u00b3",
}  # fmt: skip
_UNIT = re.compile(r"\\([A-Za-z]+)\s*")


def _unit(latex: str) -> str:
    """A siunitx unit as its symbols: `\\kilo\\electronvolt` is `keV`, `\\metre\\per\\second`
    `m/s`; a literal unit (`km/h`) is itself."""
    return _UNIT.sub(lambda m: _PREFIXES.get(m[1], _UNITS.get(m[1], m[0])), latex).strip()


def _option(options: str, name: str, default: str) -> str:
    found = re.search(rf"{name}\s*=\s*([^,]*)", options)
    return found[1].strip() if found else default


def _quantity(arguments: list[str]) -> str:
    """`\\SI[…]{20}{\\milli\\second}`: `20 ms`."""
    _, number, unit = arguments
    return "{" + number.strip() + " " + _unit(unit) + "}"


def _range(arguments: list[str]) -> str:
    """`\\SIrange{3}{300}{\\kelvin}`: `3 K to 300 K`, as siunitx prints it unless told
    otherwise (`range-phrase=--, range-units=single`: `3–300 K`)."""
    options, first, last, unit = arguments
    phrase, units = _option(options, "range-phrase", " to "), _option(options, "range-units", "")
    unit = _unit(unit)
    if units in ("single", "brackets"):
        return "{" + first.strip() + phrase + last.strip() + " " + unit + "}"
    return "{" + first.strip() + " " + unit + phrase + last.strip() + " " + unit + "}"


def _number_range(arguments: list[str]) -> str:
    options, first, last = arguments
    return "{" + first.strip() + _option(options, "range-phrase", " to ") + last.strip() + "}"


def _formula(arguments: list[str]) -> str:
    """mhchem's `\\ch{Mg^{2+}}`: `Mg2+`; its arrows as arrows."""
    formula = arguments[0].replace("<=>", "\u21cc").replace("->", "\u2192").replace("<-", "\u2190")
    return "{" + re.sub(r"(?<!\\)[\^_]", "", formula) + "}"


SCIENCE = {
    "ch": Definition(1, _formula),
    "ce": Definition(1, _formula),
    "SI": Definition(2, _quantity, optional=True),
    "qty": Definition(2, _quantity, optional=True),
    "si": Definition(1, lambda arguments: "{" + _unit(arguments[1]) + "}", optional=True),
    "unit": Definition(1, lambda arguments: "{" + _unit(arguments[1]) + "}", optional=True),
    "num": Definition(1, lambda arguments: "{" + arguments[1] + "}", optional=True),
    "ang": Definition(1, lambda arguments: "{" + arguments[1] + "\u00b0}", optional=True),
    "SIrange": Definition(3, _range, optional=True),
    "qtyrange": Definition(3, _range, optional=True),
    "numrange": Definition(2, _number_range, optional=True),
}
