"""Why papers were merged: each merged paper's records and the evidence of every link, as data.

`pubdedup explain` renders this as tables (or prints it as JSON); `pubdedup review` uses the same
phrases for the maybe pairs it shows. No click or rich here.
"""

from __future__ import annotations

from typing import Any

from pubdedup.model import Link, Paper, Record, Source
from pubdedup.pipeline import Result
from pubdedup.writers.json_out import link_dict, source_dict

LABEL_WORDS = 12  # words of an untitled record's abstract that name it in a table

_RULES_WITHOUT_THRESHOLD = {
    "years-apart": "versions: years further apart than max_year_gap",
    "different-pages": "versions: different first pages",
    "different-volume": "versions: different volumes",
    "notice": "a notice (erratum, comment, reply) and the work it is about",
    "abstract-and-article": "versions: a meeting's abstract and another kind of document",
    "thesis-and-paper": "versions: a thesis and a paper (by their entry types)",
    "same-doi": "same DOI",
    "same-arxiv": "same arXiv id",
    "listed-source": "the entry lists this record as its source (an earlier --into run)",
    "same-identifier-different-title": "same DOI, arXiv id or ISBN, but the titles differ",
    "same-arxiv-retitled": "same arXiv id and people; the title changed between versions",
    "decided-same": "a person decided: same",
    "decided-different": "a person decided: different",
}


def explain_dict(result: Result, paper_key: str | None = None) -> dict[str, Any]:
    """Merged papers (or the one keyed `paper_key`) with their links, and the maybe pairs."""
    papers = [p for p in result.papers if (p.key == paper_key if paper_key else len(p.records) > 1)]
    paper_of = {r.source: p.key for p in result.papers for r in p.records}
    record_of = {r.source: r for p in result.papers for r in p.records}
    maybe = [
        m for m in result.maybe if paper_key is None or paper_key in (paper_of[m.a], paper_of[m.b])
    ]

    def between_papers(link: Link) -> dict[str, Any]:
        return {
            **explained_link(link),
            "a_paper": paper_of[link.a],
            "b_paper": paper_of[link.b],
            "a_label": record_label(record_of[link.a]),
            "b_label": record_label(record_of[link.b]),
        }

    return {
        "config": result.config.to_dict(),
        "papers": [explained_paper(p) for p in papers],
        "maybe": [between_papers(m) for m in maybe],
        "kept_apart": [between_papers(k) for k in _kept_apart(result.papers, paper_key)],
        "decided_apart": [
            between_papers(k) for k in _kept_apart(result.papers, paper_key, parted=True)
        ],
    }


def _kept_apart(papers: list[Paper], paper_key: str | None, parted: bool = False) -> list[Link]:
    """The links between papers kept apart as versions of one work (a journal version, a
    preprint with --keep-versions, two paginations too far apart), or with `parted` by a
    person's `different` decision, each pair once: the answer to "why were these not
    merged?"."""
    links: dict[frozenset[str], Link] = {}
    for paper in papers:
        for related in paper.parted if parted else paper.related:
            if paper_key is None or paper_key in (paper.key, related.key):
                links.setdefault(frozenset((paper.key, related.key)), related.link)
    return sorted(links.values(), key=lambda k: (k.a.sort_key, k.b.sort_key))


def explained_paper(paper: Paper) -> dict[str, Any]:
    """One paper: its records (with a readable label) and its links with their evidence."""
    return {
        "key": paper.key,
        "title": paper.title,
        "records": [
            {**source_dict(r.source), "truncated": r.truncated, "label": record_label(r)}
            for r in paper.records
        ],
        "links": [explained_link(k) for k in paper.links],
        "forgiven": [explained_link(k) for k in paper.forgiven],
    }


def explained_link(link: Link) -> dict[str, Any]:
    """A link as in the JSON output, plus `decided_by` in words."""
    return {**link_dict(link), "decided_by": decided_by(link)}


def record_label(record: Record) -> str:
    """A record's title, or `[abstract] first words …` for an untitled entry."""
    if record.title:
        return record.title
    words = (record.abstract or "").split()
    if not words:
        return "[no title or abstract]"
    more = " ..." if len(words) > LABEL_WORDS else ""
    return "[abstract] " + " ".join(words[:LABEL_WORDS]) + more


def source_label(source: Source) -> str:
    """Where a record is, for people: the file, then `line N, #index (id)` on a second line."""
    line = f"line {source.line}, " if source.line else ""
    ident = f" ({source.id})" if source.id else ""
    return f"{source.file}\n{line}#{source.index}{ident}"


def decided_by(link: Link) -> str:
    """The rule and the threshold behind a link: `abstract 1.00 >= 0.85 (abstract_match)`."""
    ev = link.evidence
    if link.rule in ("decided-same", "decided-different") and "matcher_verdict" in ev:
        said = f"{ev['matcher_verdict']}, {ev['matcher_rule']} {ev['matcher_score']:.2f}"
        return f"a person decided: {link.rule.split('-')[1]} (matcher: {said})"
    if link.rule == "earlier-maybe":
        said = f"{ev['earlier_rule']} {ev['earlier_score']:.2f}"
        return f"an earlier run's maybe pair, left for a person ({said})"
    if link.rule == "typo-forgiven":
        veto = str(ev.get("veto"))
        said = _RULES_WITHOUT_THRESHOLD.get(veto, veto).removeprefix("versions: ")
        return f"apart by {veto} ({said}), forgiven: a typo, as a match with another copy showed"
    if link.threshold is None:
        return _RULES_WITHOUT_THRESHOLD.get(link.rule, link.rule)
    text = _against_threshold(link.threshold)
    if link.rule == "refused-by-veto":
        text += "; refused: a veto or a person's decision keeps the rest of the paper apart"
    elif link.rule == "title-in-abstract":
        text += "; but the name the title starts with is not in the abstract"
    return text


def _against_threshold(threshold: dict[str, Any]) -> str:
    """`abstract 0.87 < 0.90 (abstract_match), >= 0.65 (abstract_maybe)`."""
    measure, value = str(threshold["measure"]).replace("_", " "), threshold["value"]
    if value is None:
        return f"{measure} missing"
    match_key = threshold["setting"]
    if value >= threshold["match"]:
        return f"{measure} {value:.2f} >= {threshold['match']:.2f} ({match_key})"
    maybe_key = str(match_key).replace("_match", "_maybe")
    return (
        f"{measure} {_below(value, threshold['match'])} < {threshold['match']:.2f} ({match_key}), "
        f">= {threshold['maybe']:.2f} ({maybe_key})"
    )


def _below(value: float, limit: float) -> str:
    """A value under a threshold, with the digits that show it under: 0.8491 against 0.85 is
    `0.849`, not `0.85 < 0.85`."""
    for digits in (2, 3, 4):
        shown = f"{value:.{digits}f}"
        if float(shown) < limit:
            return shown
    return f"{value:.6f}"


def evidence_cells(evidence: dict[str, Any]) -> dict[str, str]:
    """The field comparisons of a link as short texts: title, abstract, authors, year, ids."""
    return {
        "title": _similarity(evidence.get("title")),
        "abstract": _similarity(evidence.get("abstract")),
        "authors": _count(evidence.get("authors"), "shared"),
        "year": _year_gap(evidence.get("year_gap")),
        "ids": _identifiers(evidence),
    }


def _similarity(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _count(value: int | None, what: str) -> str:
    return "-" if value is None else f"{value} {what}"


def _year_gap(gap: int | None) -> str:
    if gap is None:
        return "-"
    return "same" if gap == 0 else f"{gap} apart"


def _identifiers(evidence: dict[str, Any]) -> str:
    names = {"doi": "DOI", "arxiv": "arXiv", "isbn": "ISBN", "number": "number", "pages": "pages"}
    parts = [f"{label} {evidence[key]}" for key, label in names.items() if evidence.get(key)]
    return ", ".join(parts) or "-"
