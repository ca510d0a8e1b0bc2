"""Candidate stage (blocking): only records that share a rare word or an identifier are compared.

Each record is looked up under its few rarest words (title and abstract) and its identifiers.
Rare words are what two copies of one paper share and two different papers do not, so recall
stays high while the number of pairs grows about linearly with the input.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from pubdedup.config import MatchConfig
from pubdedup.features import Features


def blocking_keys(item: Features) -> set[str]:
    """Every key a record is filed under: its words and identifiers."""
    keys = set(item.title_words) | set(item.abstract_words)
    if item.doi:
        keys.add("doi:" + item.doi)
    if item.arxiv:
        keys.add("arxiv:" + item.arxiv)
    return keys


def candidate_pairs(items: Sequence[Features], config: MatchConfig) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) worth scoring, each once, in ascending order."""
    keys = [blocking_keys(item) for item in items]
    frequency: Counter[str] = Counter(k for ks in keys for k in ks)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            if 1 < frequency[k] <= config.max_block_size:
                postings[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for i, ks in enumerate(keys):
        for k in _rarest(ks, frequency, config):
            pairs.update((min(i, j), max(i, j)) for j in postings[k] if j != i)
    yield from sorted(pairs)


def _rarest(keys: set[str], frequency: Counter[str], config: MatchConfig) -> list[str]:
    """Identifiers always, then the record's rarest shared words."""
    usable = [k for k in keys if 1 < frequency[k] <= config.max_block_size]
    ids = [k for k in usable if ":" in k]
    words = sorted((k for k in usable if ":" not in k), key=lambda k: (frequency[k], k))
    return ids + words[: config.blocking_tokens]
