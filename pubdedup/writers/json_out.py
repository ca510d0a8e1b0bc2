"""JSON writer: the merged papers with full provenance, the config and the problems."""

from __future__ import annotations

import json
from typing import Any

from pubdedup import __version__
from pubdedup.model import Link, Paper, Problem, Source
from pubdedup.pipeline import Result


def source_dict(source: Source) -> dict[str, Any]:
    """One input record's provenance."""
    return {
        "file": source.file,
        "index": source.index,
        "line": source.line,
        "id": source.id,
        "owner": source.owner,
    }


def link_dict(link: Link) -> dict[str, Any]:
    """A link between two records with the evidence behind it."""
    return {
        "a": source_dict(link.a),
        "b": source_dict(link.b),
        "score": round(link.score, 4),
        "rule": link.rule,
        "evidence": link.evidence,
    }


def paper_dict(paper: Paper) -> dict[str, Any]:
    """One merged paper."""
    return {
        "key": paper.key,
        "type": paper.entry_type,
        "title": paper.title,
        "title_inferred": paper.title_inferred,
        "authors": paper.authors,
        "year": paper.year,
        "venue": paper.venue,
        "abstract": paper.abstract,
        "abstract_truncated": paper.truncated,
        "doi": paper.doi,
        "arxiv": paper.arxiv,
        "sources": [{**source_dict(r.source), "truncated": r.truncated} for r in paper.records],
        "links": [link_dict(k) for k in paper.links],
    }


def problem_dict(problem: Problem) -> dict[str, Any]:
    """A recoverable input problem."""
    return {
        "file": problem.file,
        "line": problem.line,
        "kind": problem.kind,
        "message": problem.message,
    }


def result_dict(result: Result) -> dict[str, Any]:
    """The whole output document."""
    return {
        "pubdedup": __version__,
        "config": result.config.to_dict(),
        "papers": [paper_dict(p) for p in result.papers],
        "maybe": [link_dict(m) for m in result.maybe],
        "problems": [problem_dict(p) for p in result.problems],
    }


def write_json(result: Result) -> str:
    """The output document as pretty-printed UTF-8 JSON text, ending in a newline."""
    return json.dumps(result_dict(result), ensure_ascii=False, indent=2) + "\n"
