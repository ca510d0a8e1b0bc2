"""pubdedup's own JSON output as an input: each paper of an earlier run is one record."""

from __future__ import annotations

import json

from pubdedup.model import Problem, ReadResult, Record, Source


def looks_like_pubdedup_json(text: str) -> bool:
    """True for a JSON object that has a `papers` list."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    return head.startswith("{") and '"papers"' in text[:1_000_000]


def _record(paper: dict, file: str, index: int) -> Record:
    owners = sorted({s.get("owner") for s in paper.get("sources", []) if s.get("owner")})
    authors = tuple(a for a in paper.get("authors", []) if isinstance(a, str))
    return Record(
        source=Source(file, index, None, paper.get("key"), owners[0] if owners else None),
        title=None if paper.get("title_inferred") else paper.get("title"),
        authors=authors,
        year=paper.get("year") if isinstance(paper.get("year"), int) else None,
        venue=paper.get("venue"),
        abstract=paper.get("abstract"),
        doi=paper.get("doi"),
        arxiv=paper.get("arxiv"),
        entry_type=paper.get("type"),
        truncated=bool(paper.get("abstract_truncated")),
        authors_complete=False,
    )


def read_pubdedup_json(text: str, file: str) -> ReadResult:
    """Parse a pubdedup JSON output; a paper without usable fields is a problem."""
    result = ReadResult()
    try:
        doc = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        result.problems.append(Problem(file, exc.lineno, "bad-json", f"invalid JSON: {exc.msg}"))
        return result
    papers = doc.get("papers") if isinstance(doc, dict) else None
    if not isinstance(papers, list):
        result.problems.append(Problem(file, None, "bad-json", "no 'papers' list"))
        return result
    for index, paper in enumerate(papers):
        if not isinstance(paper, dict):
            result.problems.append(
                Problem(file, None, "bad-json", f"paper {index} is not an object")
            )
            continue
        result.records.append(_record(paper, file, index))
    return result
