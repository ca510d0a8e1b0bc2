"""Perturbed corpora with known duplicates, built from the real benchmark data.

The base pool is one record per distinct work of the real sets (`large/real-combined.bib`, one of
the RFC files, DBLP, the two systematic-review sets). Works that are near-duplicates of each other
in the real data (the same DOI, or titles at least 90 % alike sharing a rare word) are collapsed
first, so two bases are two different works. When a corpus needs more works than the pool has,
further works are made from a real one by replacing most of its title words with words drawn
from the pool's vocabulary and giving it other authors, year, venue and pages: a new work, as
unlike its model as two papers of one field.

Each work then gets 1 to 5 copies (half of them 1), each copy perturbed as bibliographies differ:
typos, case changes, a dropped or added word, authors reordered, abbreviated or written
`Last, First`, and fields left out. Copies are spread over several CSV files, and `truth.csv`
(`file,id,group`) says which records are one work.
"""

from __future__ import annotations

import contextlib
import csv
import json
import random
import re
import string
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

COLUMNS = ["id", "title", "authors", "year", "venue", "volume", "pages", "number", "type", "doi"]
COLUMNS.append("abstract")
COPIES = (1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 4, 5)  # mean 1.85
FILES = 8
TYPO = 0.1  # copies with a typo in the title (a fifth of those, if long, with two)
STOP = frozenset("a an and are as at be by for from in into is of on or the to via with".split())


@dataclass
class Work:
    """One distinct publication: the fields its copies are made from."""

    title: str
    authors: list[str]
    year: int | None = None
    venue: str | None = None
    volume: str | None = None
    pages: str | None = None
    number: str | None = None  # an RFC's number
    type: str | None = None
    doi: str | None = None
    abstract: str | None = None
    synthetic: bool = False
    extra: dict = field(default_factory=dict)


def base_sources(shared: Path) -> list[Path]:
    """The real inputs the pool is read from (one copy of each set's works where possible)."""
    b = shared / "bench"
    return [
        b / "large/real-combined.bib",
        b / "rfc/hupili-rfc.bib",
        b / "dblp-acm/DBLP2.csv",
        b / "systematic/respiratory/records.csv",
        b / "systematic/haematology/records.csv",
    ]


def _work_of(record) -> Work | None:
    if not record.title or len(record.title.split()) < 2:  # also unresolved macros as titles
        return None
    if not (record.authors and record.year):  # a bare title ("Theoretical Computer Science",
        return None  # a journal's name) does not identify a work, for people or matchers
    rfc = record.entry_type in ("techreport", "report", "standard") and record.number
    return Work(
        title=record.title,
        authors=[a for a in record.authors if a.strip()],
        year=record.year,
        venue=record.venue,
        volume=record.volume,
        pages=record.pages,
        number=record.number if rfc else None,
        type=record.entry_type if rfc else None,
        doi=record.doi,
        abstract=record.abstract,
    )


def title_key(title: str) -> str:
    """Lower-case letters and digits of a title's content words: equal for trivial variants."""
    words = re.sub(r"[^a-z0-9 ]+", " ", title.lower()).split()
    return " ".join(w for w in words if w not in STOP)


def read_pool(shared: Path) -> list[Work]:
    """Every work of the real sets, near-duplicates collapsed (see the module's note)."""
    from pubdedup import files
    from pubdedup.readers import read_text

    works: list[Work] = []
    for path in base_sources(shared):
        parsed = read_text(files.read_text(str(path)), str(path))
        works += [w for w in map(_work_of, parsed.records) if w]
    return collapse(works)


def collapse(works: list[Work]) -> list[Work]:
    """One work per group of near-duplicates: same title key, same DOI, or titles >= 90 alike
    that share a word found in at most 50 titles."""
    parent = list(range(len(works)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    keys = [title_key(w.title) for w in works]
    by: dict[str, int] = {}
    for i, (w, k) in enumerate(zip(works, keys, strict=True)):
        for label in (f"t:{k}", f"d:{(w.doi or '').lower()}" if w.doi else None):
            if label is not None:
                union(i, by.setdefault(label, i))
    by_word: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        if find(i) == i:
            for word in set(k.split()):
                by_word.setdefault(word, []).append(i)
    for members in by_word.values():
        if len(members) <= 50:
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    if find(i) != find(j) and fuzz.ratio(keys[i], keys[j]) >= 90:
                        union(i, j)
    return [w for i, w in enumerate(works) if find(i) == i]


# --- new works ------------------------------------------------------------------------------


class Vocabulary:
    """Words, names, venues and years of the pool, drawn with their real frequencies."""

    def __init__(self, pool: list[Work]):
        self.words = [w for work in pool for w in work.title.split() if _is_content(w)]
        self.names = [a for work in pool for a in work.authors]
        self.venues = [w.venue for w in pool if w.venue]
        self.years = [w.year for w in pool if w.year]


def _is_content(word: str) -> bool:
    return word.isalpha() and len(word) > 3 and word.lower() not in STOP


def new_work(model: Work, vocab: Vocabulary, rng: random.Random, serial: int) -> Work:
    """A different work shaped like `model`: most title words replaced, other people and venue."""
    words = model.title.split()
    content = [i for i, w in enumerate(words) if _is_content(w)] or list(range(len(words)))
    chosen = rng.sample(content, max(2, (len(content) * 2 + 2) // 3)) if len(content) > 1 else []
    for i in chosen or content:
        words[i] = rng.choice(vocab.words)
    abstract = None
    if model.abstract:
        parts = model.abstract.split()
        abstract = " ".join(rng.choice(vocab.words) if rng.random() < 0.6 else p for p in parts)
    first = rng.randint(1, 2000)
    return Work(
        title=" ".join(words),
        authors=rng.sample(vocab.names, min(len(vocab.names), rng.randint(1, 5))),
        year=rng.choice(vocab.years) if model.year else None,
        venue=rng.choice(vocab.venues) if model.venue else None,
        volume=str(rng.randint(1, 80)) if model.volume else None,
        pages=f"{first}-{first + rng.randint(1, 30)}" if model.pages else None,
        number=str(20000 + serial) if model.number else None,
        type=model.type,
        doi=f"10.5555/scale.{serial}" if model.doi else None,
        abstract=abstract,
        synthetic=True,
    )


def works_for(size: int, pool: list[Work], rng: random.Random) -> Iterator[tuple[Work, int]]:
    """(work, number of copies) until `size` records: the real pool first, then new works."""
    order = rng.sample(pool, len(pool))
    vocab = Vocabulary(pool)
    total, serial = 0, 0
    while total < size:
        real = serial < len(order)
        work = order[serial] if real else new_work(rng.choice(pool), vocab, rng, serial)
        copies = min(rng.choice(COPIES), size - total)
        yield work, copies
        total += copies
        serial += 1


# --- perturbations ---------------------------------------------------------------------------


def typo(text: str, rng: random.Random) -> str:
    """One keyboard slip inside a word: a letter dropped, doubled, swapped or replaced."""
    spots = [i for i in range(1, len(text) - 1) if text[i].isalpha() and text[i - 1].isalpha()]
    if not spots:
        return text
    i = rng.choice(spots)
    kind = rng.randrange(4)
    if kind == 0:
        return text[:i] + text[i + 1 :]
    if kind == 1:
        return text[:i] + text[i] + text[i:]
    if kind == 2:
        return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    return text[:i] + rng.choice(string.ascii_lowercase) + text[i + 1 :]


def perturb_title(title: str, rng: random.Random) -> str:
    """A title as another bibliography may write it."""
    if rng.random() < TYPO:
        title = typo(title, rng)
        if rng.random() < 0.2 and len(title) > 40:
            title = typo(title, rng)
    words = title.split()
    if rng.random() < 0.08 and len(words) >= 6:
        del words[rng.randrange(1, len(words))]
    if rng.random() < 0.06:
        words.insert(rng.randrange(1, len(words) + 1), rng.choice(("the", "a", "of", "and")))
    title = " ".join(words)
    roll = rng.random()
    if roll < 0.15:
        return title.lower()
    if roll < 0.2:
        return title.upper()
    if roll < 0.3:
        return " ".join(w[:1].upper() + w[1:] for w in title.split())
    return title


def _split_name(name: str) -> tuple[str, str]:
    if "," in name:
        last, _, first = name.partition(",")
        return first.strip(), last.strip()
    parts = name.split()
    return " ".join(parts[:-1]), parts[-1] if parts else ""


def perturb_authors(authors: list[str], rng: random.Random) -> str:
    """An author list reordered, shortened, abbreviated or written `Last, First`."""
    names = [_split_name(a) for a in authors]
    if len(names) >= 2 and rng.random() < 0.2:
        i = rng.randrange(len(names) - 1)
        names[i], names[i + 1] = names[i + 1], names[i]
    if len(names) >= 3 and rng.random() < 0.1:
        names.pop()
    if rng.random() < 0.3:
        names = [(" ".join(p[0] + "." for p in first.split() if p), last) for first, last in names]
    if rng.random() < 0.25:
        return " and ".join(f"{last}, {first}" if first else last for first, last in names)
    return " and ".join(f"{first} {last}".strip() for first, last in names)


def copy_row(work: Work, rng: random.Random, first: bool) -> dict[str, str]:
    """One input row for a copy of `work`; the first copy is unperturbed."""
    drop = (lambda p: False) if first else (lambda p: rng.random() < p)
    row = {
        "title": work.title if first else perturb_title(work.title, rng),
        "authors": " and ".join(work.authors) if first else perturb_authors(work.authors, rng),
        "year": "" if drop(0.1) or not work.year else str(work.year),
        "venue": "" if drop(0.15) else work.venue or "",
        "volume": "" if drop(0.3) else work.volume or "",
        "pages": "" if drop(0.3) else work.pages or "",
        "number": work.number or "",
        "type": work.type or "",
        "doi": "" if drop(0.4) else work.doi or "",
        "abstract": "" if drop(0.3) else work.abstract or "",
    }
    if drop(0.05):
        row["authors"] = ""
    return row


# --- the corpus ------------------------------------------------------------------------------


def build(size: int, pool: list[Work], out: Path, seed: int = 5) -> dict:
    """Write `size` records as FILES CSV files plus truth.csv into `out`; return its figures."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    names = [f"part{k}.csv" for k in range(FILES)]
    ids = rng.sample(range(size * 10), size)
    stats = {"records": 0, "works": 0, "synthetic_works": 0, "true_pairs": 0}
    with contextlib.ExitStack() as stack:
        files = [open(out / n, "w", encoding="utf-8", newline="") for n in names]  # noqa: SIM115
        handles = [stack.enter_context(f) for f in files]
        writers = [csv.DictWriter(h, fieldnames=COLUMNS) for h in handles]
        for w in writers:
            w.writeheader()
        truth = csv.writer(stack.enter_context(open(out / "truth.csv", "w", newline="")))
        truth.writerow(["file", "id", "group"])
        for group, (work, copies) in enumerate(works_for(size, pool, rng)):
            for c, target in enumerate(rng.sample(range(FILES), copies)):
                row = {"id": f"r{ids[stats['records']]:08d}", **copy_row(work, rng, c == 0)}
                writers[target].writerow(row)
                truth.writerow([names[target], row["id"], group])
                stats["records"] += 1
            stats["true_pairs"] += copies * (copies - 1) // 2
            stats["works"] += 1
            stats["synthetic_works"] += work.synthetic
    (out / "corpus.json").write_text(json.dumps(stats), encoding="utf-8")
    return stats


def load_pool(shared: Path, cache: Path) -> list[Work]:
    """The base pool, cached as JSON (reading the real sets takes a while)."""
    path = cache / "pool.json"
    if path.exists():
        return [Work(**w) for w in json.loads(path.read_text(encoding="utf-8"))]
    pool = read_pool(shared)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([asdict(w) for w in pool]), encoding="utf-8")
    return pool
