"""Candidate stage (blocking): only records that share a blocking key are compared.

Keys are pairs of a record's rarest words (title and abstract separately), so two copies of a
paper share a key even when one word differs by a typo, while two different papers rarely share
two rare words. An abstract's opening words are a key too, for copies cut off early. Identifiers
add keys of their own, and a title-only record is paired with an abstract-only record that shares
one of its rare words. Rarity is counted over the whole input, and a block that is still large
(a pair of words grown common in a large input) compares each record only with its neighbours in
title order, so the number of pairs grows about linearly with input size; no n x n matrix.
"""

from __future__ import annotations

import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from itertools import chain, combinations
from typing import overload

from pubdedup import forked
from pubdedup.config import MatchConfig
from pubdedup.features import Features, source_name
from pubdedup.neighbours import neighbours
from pubdedup.normalize import STOPWORDS


def _rare(
    words: Iterable[str], frequency: Counter[str], limit: int, rank: dict[str, int] | None = None
) -> list[str]:
    """The `limit` rarest words that occur in at least one other record.

    Words are ranked by rarity class (frequency rounded to a power of two), then by a stable hash:
    two copies of a paper that differ by a few words then still pick mostly the same words, which
    exact frequency with alphabetical ties does not guarantee.
    """
    if rank is None:
        words = list(words)
        rank = rarity_ranks(frequency, words)
    usable = [w for w in words if w in rank]
    if len(usable) > limit:
        usable.sort(key=rank.__getitem__)
    return usable[:limit]


def rarity_ranks(frequency: Counter[str], words: Iterable[str] | None = None) -> dict[str, int]:
    """Words found in more than one record -> their rarity rank (class, then hash) as one int,
    computed once per input so that ranking a record's words costs no Python call per word."""
    counts = frequency.items() if words is None else ((w, frequency[w]) for w in words)
    return {w: c.bit_length() << 32 | zlib.crc32(w.encode()) for w, c in counts if c > 1}


def blocking_keys(
    item: Features,
    frequency: Counter[str],
    config: MatchConfig,
    rank: dict[str, int] | None = None,
) -> set[str]:
    """Every key one record is filed under (`rank`: `rarity_ranks(frequency)`, if at hand)."""
    keys = set()
    if item.doi:
        keys.add("doi:" + item.doi)
    if item.arxiv:
        keys.add("arxiv:" + item.arxiv)
    if item.isbns:  # a whole book's (few records)
        keys.update("isbn:" + isbn for isbn in item.isbns)
    if _placed_team_paper(item):
        # A volume and a whole range of pages place an article whatever its title's words
        # (a translated title shares few: `[A new paracentesis needle …]` / `A new paracentesis
        # device …`).
        keys.add(f"place:{item.volume}|{item.first_page}-{item.last_page}")
    _add_rare_pairs(keys, item.title_words, frequency, config.title_key_words, rank)
    _add_rare_pairs(keys, item.abstract_words, frequency, config.abstract_key_words, rank)
    # A cut-off copy of an abstract lacks most of the rare words the full copies pick, but it
    # starts as they do: the opening words, in order, are a key of their own.
    opening = _content_opening(item.abstract, config.abstract_opening_words)
    if len(opening) >= config.abstract_opening_words:
        keys.add("open:" + " ".join(opening[: config.abstract_opening_words]))
    _add_title_shapes(keys, item.title, config)
    # A very rare title word is a key alone: a name like "strudel" binds copies whose other words
    # differ ("Web-site" / "Web site"), and its block is tiny by definition.
    keys.update(w for w in item.title_words if 1 < frequency[w] <= config.rare_word_max)
    return keys


def _placed_team_paper(item: Features) -> bool:
    """A titled record of two people or more with a volume and a range of pages. Not a single
    page, which a supplement's abstracts share; not one person's, whose several items in one
    section may be cited with the section's range (a newsletter's reports); not a record
    without a title, which nothing else ties to its article."""
    return bool(
        item.title and item.volume and item.first_page and item.last_page and len(item.people) >= 2
    )


def _add_rare_pairs(
    keys: set[str],
    words: frozenset[str],
    frequency: Counter[str],
    limit: int,
    rank: dict[str, int] | None,
) -> None:
    """Each pair of the `limit` rarest words as a key (the one word alone, if only one)."""
    rare = _rare(words, frequency, limit, rank)
    keys.update(f"{a}|{b}" for a, b in combinations(sorted(rare), 2))
    if len(rare) == 1:
        keys.add(rare[0] + "|")


def _add_title_shapes(keys: set[str], title: str, config: MatchConfig) -> None:
    """The keys of a title's opening content words, their initials and its letters."""
    # An abstract's opening words are a key (above); so are a title's, for a title with a
    # subtitle or a reviewed book's authors added ("…: by A. Simon"), whose added words
    # outrank the shared ones in rarity.
    content = [w for w in title.split() if w not in STOPWORDS]
    if len(content) >= config.title_opening_words:
        keys.add("title:" + " ".join(content[: config.title_opening_words]))
        # The words' initials survive a typo inside each word, which turns rare words into
        # unique ones (no key) and changes the opening words.
        keys.add("initials:" + "".join(w[0] for w in content))
    # A word split or joined at a line break ("au tomata", "learn ing", "decision theoretic")
    # changes the word keys of a title, but not its letters with the spaces dropped. The whole
    # title: a prefix would file every "Introduction to the special issue on …" together.
    letters = "".join(content)
    if len(letters) >= config.title_key_letters:
        keys.add("letters:" + letters)


def _content_opening(text: str, count: int) -> list[str]:
    """The first `count` content words of a text (fewer if it has fewer), without splitting all
    of a long abstract."""
    words = text.split(maxsplit=4 * count)
    opening = [w for w in words[: 4 * count] if w not in STOPWORDS]
    if len(opening) < count and len(words) > 4 * count:  # mostly stopwords: look further
        opening = [w for w in text.split() if w not in STOPWORDS]
    return opening[:count]


def cross_keys(
    item: Features,
    frequency: Counter[str],
    config: MatchConfig,
    rank: dict[str, int] | None = None,
) -> list[str]:
    """Words pairing a title-only record (its rarest words) with abstract-only records (every
    word of the abstract that is as rare), so the title's word is found wherever it occurs."""
    if item.abstract:
        return [w for w in item.abstract_words if 1 < frequency[w] <= config.single_word_max]
    return [
        w
        for w in _rare(item.title_words, frequency, config.cross_key_words, rank)
        if frequency[w] <= config.single_word_max
    ]


def word_frequency(items: Sequence[Features]) -> Counter[str]:
    """In how many records each word occurs (title and abstract together)."""
    # One update over all records: a call per record cost seconds at a million records.
    return Counter(
        chain.from_iterable(
            item.title_words | item.abstract_words if item.abstract_words else item.title_words
            for item in items
        )
    )


def candidate_pairs(
    items: Sequence[Features],
    config: MatchConfig,
    followers: AbstractSet[int] = frozenset(),
    held: Iterable[tuple[int, int]] = (),
) -> Pairs:
    """Index pairs (i < j) worth scoring, each once, in ascending order.

    `followers` (papers of earlier outputs, `--into` entries, standing for records of this run)
    are paired as any record, but the pairs of the others are those a run without them finds:
    copies of their words made other words the rarest, and blocks larger, so that two records
    a run joined lost their pair in the next run over its output, and were split. `held`
    pairs (an earlier paper and a record it lists) are candidates whatever their words: in a
    large block of one title only neighbours are compared.
    """
    held = list(held)
    if not followers and not held:
        return _candidate_pairs(items, config)
    n = len(items)
    every = _candidate_pairs(items, config)
    codes = {i * n + j for i, j in every if i in followers or j in followers}
    others = [k for k in range(n) if k not in followers]
    own = _candidate_pairs([items[k] for k in others], config) if followers else every
    codes.update(others[i] * n + others[j] for i, j in own)
    codes.update(min(i, j) * n + max(i, j) for i, j in held)
    return Pairs(array("q", sorted(codes)), n)


def _candidate_pairs(items: Sequence[Features], config: MatchConfig) -> Pairs:
    frequency = word_frequency(items)
    rank = rarity_ranks(frequency)
    blocks: defaultdict[str, list[int]] = defaultdict(list)
    for i, keys in enumerate(_every_records_keys(items, frequency, config, rank)):
        for key in keys:
            blocks[key].append(i)
    n = len(items)
    pairs: set[int] = set()
    for members in blocks.values():
        if len(members) <= 1 or len(members) > config.max_block_size:
            continue
        if len(members) == 2 and config.full_block_size >= 2:  # most blocks: one pair, in order
            pairs.add(members[0] * n + members[1])
        elif len(members) <= config.full_block_size:
            pairs.update(i * n + j for i, j in combinations(members, 2))
        else:
            pairs.update(neighbours(items, members, config.block_window))
    pairs.update(_title_only_with_abstract_only(items, frequency, config, rank))
    pairs.update(_listed_records(items))
    return Pairs(array("q", sorted(pairs)), n)


def _listed_records(items: Sequence[Features]) -> Iterator[int]:
    """Each entry of an earlier `--into` run with every record its pubdedup-sources names,
    whatever their words: an `[Untitled]` entry shares none with its record."""
    listing: defaultdict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for name in item.listed_sources:
            listing[name].append(i)
    if not listing:  # no library among the inputs: no name to make
        return
    named: defaultdict[str, list[int]] = defaultdict(list)
    for j, item in enumerate(items):
        if item.record.source.id is not None and not item.record.merged:
            name = source_name(item.record.source)
            if name in listing:
                named[name].append(j)
    n = len(items)
    for name, records in named.items():
        entries = listing[name]
        # One file name in hundreds of directories (`refs.csv` ids 1..N): the name tells no
        # record apart there, and all pairs would be quadratic; the words still find them.
        if len(entries) * len(records) > MAX_LISTED_PAIRS:
            continue
        for i in entries:
            for j in records:
                if i != j:
                    yield min(i, j) * n + max(i, j)


MAX_LISTED_PAIRS = 64  # per name: entries listing it × records bearing it


class Pairs(Sequence[tuple[int, int]]):
    """Index pairs (i, j) held as the numbers i * n + j: a large input has millions of pairs,
    and a tuple each cost ten times the memory (and the time to make them all at once)."""

    def __init__(self, codes: array[int], n: int) -> None:
        self.codes = codes
        self.n = n

    def __len__(self) -> int:
        return len(self.codes)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Pairs):
            return NotImplemented
        return self.n == other.n and self.codes == other.codes

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...
    @overload
    def __getitem__(self, index: slice) -> list[tuple[int, int]]: ...
    def __getitem__(self, index: int | slice) -> tuple[int, int] | list[tuple[int, int]]:
        if isinstance(index, slice):
            return [divmod(code, self.n) for code in self.codes[index]]
        return divmod(self.codes[index], self.n)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        n = self.n
        return (divmod(code, n) for code in self.codes)


KEY_SLICE = 10_000  # records per task


def _every_records_keys(
    items: Sequence[Features], frequency: Counter[str], config: MatchConfig, rank: dict[str, int]
) -> Iterator[list[str]]:
    """Each record's blocking keys, in record order, computed on every core for a large input
    (a forked worker sends its records' keys back as lists of strings)."""

    def here(bounds: tuple[int, int]) -> list[list[str]]:
        return _keys_of_slice(items, frequency, config, rank, bounds)

    workers = forked.workers_for(len(items), forked.PARALLEL_MIN_RECORDS)
    shared = (items, frequency, config, rank)
    slices = forked.slices(len(items), KEY_SLICE)
    for part in forked.interleaved(slices, here, _remote_keys, shared, workers):
        yield from part


def _keys_of_slice(
    items: Sequence[Features],
    frequency: Counter[str],
    config: MatchConfig,
    rank: dict[str, int],
    bounds: tuple[int, int],
) -> list[list[str]]:
    return [
        list(blocking_keys(item, frequency, config, rank)) for item in items[bounds[0] : bounds[1]]
    ]


def _remote_keys(bounds: tuple[int, int]) -> list[list[str]]:
    """In a worker: the keys of a slice of the shared records."""
    items, frequency, config, rank = forked.shared()
    return _keys_of_slice(items, frequency, config, rank, bounds)


def _title_only_with_abstract_only(
    items: Sequence[Features],
    frequency: Counter[str],
    config: MatchConfig,
    rank: dict[str, int] | None = None,
) -> Iterator[int]:
    """Pairs (as i * n + j) of a title-only and an abstract-only record sharing a rare word."""
    n = len(items)
    abstract_only: dict[str, list[int]] = {}
    for j, item in enumerate(items):
        if item.abstract and not item.title:
            for word in cross_keys(item, frequency, config, rank):
                abstract_only.setdefault(word, []).append(j)
    # Most inputs have no abstract-only records, or few: a title sharing none of their words
    # needs no ranking of its own (cross keys are some of the title's words).
    words = frozenset(abstract_only)
    if not words:
        return
    for i, item in enumerate(items):
        if not item.title or item.abstract or item.title_words.isdisjoint(words):
            continue
        for word in cross_keys(item, frequency, config, rank):
            for j in abstract_only.get(word, ()):
                yield min(i, j) * n + max(i, j)
