"""pubdedup's own JSON output as an input: each paper of an earlier run is one record."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from pubdedup.earlier_links import EARLIER_MAYBE
from pubdedup.errors import InputError, invalid_json
from pubdedup.model import Problem, ReadResult, Record, Source
from pubdedup.normalize import without_surrogates
from pubdedup.readers.people import author_list

# A \u escape of a UTF-16 surrogate: half of a pair (an emoji's) or, alone, of nothing.
_LONE_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _without_lone_surrogates(value: Any) -> Any:
    """`value` with the halves of UTF-16 pairs that json.loads left alone replaced by U+FFFD:
    they cannot be written as UTF-8."""
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, list):
        return [_without_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {k: _without_lone_surrogates(v) for k, v in value.items()}
    return value


def looks_like_pubdedup_json(text: str) -> bool:
    """True for a JSON object that has a `papers` list."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    return head.startswith("{") and '"papers"' in text[:1_000_000]


_TEXT_FIELDS = (
    "key",
    "type",
    "title",
    "venue",
    "abstract",
    "doi",
    "arxiv",
    "volume",
    "number",
    "pages",
)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _list(value: object) -> list:
    return value if isinstance(value, list) else []


def _wrong_types(paper: dict) -> list[str]:
    """Fields of a (hand-edited) paper whose values have the wrong type; they are ignored."""
    wrong = [k for k in _TEXT_FIELDS if paper.get(k) is not None and not isinstance(paper[k], str)]
    year = paper.get("year")
    if year is not None and (type(year) is not int):  # bool is an int too
        wrong.append("year")
    wrong += [k for k in ("authors", "sources") if k in paper and not isinstance(paper[k], list)]
    return wrong


def _fields(value: object) -> tuple[tuple[str, str], ...]:
    """The passed-through fields, those that are text."""
    if not isinstance(value, dict):
        return ()
    return tuple((k, v) for k, v in value.items() if isinstance(k, str) and _text(v))


def _record(
    paper: dict, file: str, index: int, left_maybe: tuple[tuple[str, str, float], ...] = ()
) -> Record:
    # Values are type-checked: any other type (a hand-edited file, another program's JSON) made
    # the reader or a later stage raise (found by a property test); such values count as absent.
    sources = [s for s in _list(paper.get("sources")) if isinstance(s, dict)]
    owners = sorted({o for s in sources if (o := _text(s.get("owner")))})
    year = paper.get("year")
    authors = tuple(a for a in _list(paper.get("authors")) if _text(a))
    fields = _fields(paper.get("fields"))
    protected = _texts(paper.get("protected"))
    return Record(
        source=Source(file, index, None, _text(paper.get("key")), owners[0] if owners else None),
        title=None if paper.get("title_inferred") else _text(paper.get("title")),
        authors=authors,
        year=year if type(year) is int else None,
        venue=_text(paper.get("venue")),
        abstract=_text(paper.get("abstract")),
        doi=_text(paper.get("doi")),
        arxiv=_text(paper.get("arxiv")),
        volume=_text(paper.get("volume")),
        number=_text(paper.get("number")),
        pages=_text(paper.get("pages")),
        entry_type=_text(paper.get("type")),
        meeting_abstract=_flag(paper.get("meeting_abstract")),
        extra=fields,
        bibtex_fields=True,  # BibTeX's names, the values as that run wrote them: passed again
        truncated=bool(paper.get("abstract_truncated")),
        authors_complete=False,
        authors_cut=paper.get("authors_cut") is True,
        protected=protected,
        braced_names=(
            _texts(paper.get("braced_names"))
            if "braced_names" in paper
            else _old_braced_names(protected, authors, dict(fields).get("editor", ""))
        ),
        merged=True,
        held=tuple(filter(None, map(_held, sources))),
        related=tuple(_related_keys(paper.get("related"))),
        left_maybe=left_maybe,
    )


def _texts(value: object) -> tuple[str, ...]:
    return tuple(v for v in _list(value) if _text(v))


def _old_braced_names(
    protected: tuple[str, ...], authors: tuple[str, ...], editor: str
) -> tuple[str, ...]:
    """The braced names of an output written before `braced_names`, whose `protected` held
    the braced names and title words both: those equal to an author's or editor's name, read
    as its writer did. Title words all of them still (the title they are not in is left as
    it is), so such a file gives the output it gave before."""
    if not protected:  # most papers
        return ()
    names = {*authors, *author_list(editor, protected, exported=False)[0]}
    return tuple(p for p in protected if p in names)


def _related_keys(value: object) -> list[str]:
    """The keys of a paper's `related` papers (versions its run kept apart)."""
    return [key for r in _list(value) if isinstance(r, dict) and (key := _text(r.get("key")))]


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _held(source: dict) -> Source | None:
    """One of a paper's `sources` as the run that wrote it named it; None without file or index."""
    file, index, line = _text(source.get("file")), source.get("index"), source.get("line")
    if not file or type(index) is not int:
        return None
    return Source(file, index, line if type(line) is int else None, _text(source.get("id")))


def read_pubdedup_json(text: str, file: str) -> ReadResult:
    """Parse a pubdedup JSON output; a paper without usable fields is a problem."""
    result = ReadResult()
    papers, maybe = _papers_and_maybe(text, file, result)
    if _LONE_SURROGATE_ESCAPE.search(text):
        clean = _without_lone_surrogates([papers, maybe])
        if clean != [papers, maybe]:
            papers, maybe = clean
            message = "a \\u escape of half a UTF-16 pair, which no text holds; read as U+FFFD"
            result.problems.append(Problem(file, None, "bad-json", message))
    left_maybe = _left_maybe(papers, maybe)
    for index, paper in enumerate(papers):
        _read_paper(paper, index, file, result, left_maybe.get(index, ()))
    return result


def _papers_and_maybe(text: str, file: str, result: ReadResult) -> tuple[list, list]:
    """The document's list of papers, and of maybe pairs (a `maybe` of another type is
    ignored, and said so)."""
    # A document that is no pubdedup output at all cannot be read, like any unknown format: a
    # warning and an empty bibliography would pass in a cron job as success.
    try:
        doc = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise InputError(invalid_json(exc), file=file, line=exc.lineno) from None
    papers = doc.get("papers") if isinstance(doc, dict) else None
    if not isinstance(papers, list):
        raise InputError(
            "JSON, but no 'papers' list: not a pubdedup JSON output (CSL-JSON and other JSON"
            " are not read; convert them to BibTeX or CSV)",
            file=file,
        )
    maybe = doc.get("maybe")
    if maybe is not None and not isinstance(maybe, list):
        result.problems.append(Problem(file, None, "bad-json", "'maybe' is not a list; ignored"))
    return papers, maybe if isinstance(maybe, list) else []


def _left_maybe(papers: list, maybe: list) -> dict[int, tuple[tuple[str, str, float], ...]]:
    """For each paper (by index), the maybe pairs its run left between one of its records and
    a record of another of its papers: (the other's key, the rule, the score). That run never
    joined them, and no later run joins two of its papers but by a person's `same`; kept
    here, the question stays asked when the output is merged again alone (`merge out.json -o
    refs.bib`), as it is when its records are given again."""
    if not maybe:
        return {}
    paper_of: dict[tuple[str, int], int] = {}
    for index, paper in enumerate(papers):
        if isinstance(paper, dict):
            for source in filter(None, map(_held, _list(paper.get("sources")))):
                paper_of[(source.file, source.index)] = index
    left: dict[int, list[tuple[str, str, float]]] = {}
    for link in maybe:
        ends = _link_ends(link, paper_of)
        if ends is None:
            continue
        i, j = ends
        key_i, key_j = _text(papers[i].get("key")), _text(papers[j].get("key"))
        score = link.get("score")
        # json.loads reads NaN and Infinity too: written again, each would be a null score.
        if not key_i or not key_j or i == j or not _finite(score):
            continue
        rule = _asked_by(link)
        left.setdefault(i, []).append((key_j, rule, float(score)))
        left.setdefault(j, []).append((key_i, rule, float(score)))
    return {index: tuple(sorted(set(pairs))) for index, pairs in left.items()}


def _finite(value: object) -> bool:
    """A number, not a bool, NaN or Infinity."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _asked_by(link: dict) -> str:
    """The rule that left a maybe pair open: that of the run that first asked it, for a pair
    asked again as an earlier run's (else each output of an output would say `earlier-maybe`
    of it, and merging an output into itself settle a run later)."""
    rule = _text(link.get("rule")) or "maybe"
    evidence = link.get("evidence")
    if rule == EARLIER_MAYBE and isinstance(evidence, dict):
        return _text(evidence.get("earlier_rule")) or rule
    return rule


def _link_ends(link: object, paper_of: dict[tuple[str, int], int]) -> tuple[int, int] | None:
    """The papers holding a maybe link's two records, if both are this output's."""
    if not isinstance(link, dict):
        return None
    a, b = (_held(s) if isinstance(s := link.get(end), dict) else None for end in ("a", "b"))
    if a is None or b is None:
        return None
    i, j = paper_of.get((a.file, a.index)), paper_of.get((b.file, b.index))
    return None if i is None or j is None else (i, j)


def _read_paper(
    paper: object,
    index: int,
    file: str,
    result: ReadResult,
    left_maybe: tuple[tuple[str, str, float], ...] = (),
) -> None:
    """The paper's record, or the problem that it is no object; fields of the wrong type are
    ignored, and said so."""
    if not isinstance(paper, dict):
        result.problems.append(Problem(file, None, "bad-json", f"paper {index} is not an object"))
        return
    wrong = _wrong_types(paper)
    if wrong:
        message = f"paper {index}: ignored field(s) of the wrong type: {', '.join(wrong)}"
        result.problems.append(Problem(file, None, "bad-json", message))
    result.records.append(_record(paper, file, index, left_maybe))
