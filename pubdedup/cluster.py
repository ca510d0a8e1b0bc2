"""Cluster stage: join matched records into papers, never across a veto.

Links are applied strongest first. Two groups are joined only when no pair between them was
vetoed (judged different works), so a chain A~B~C cannot pull together an A and C that differ.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence


class ConstrainedUnionFind:
    """Union-find over 0..n-1 whose groups remember which records they must never contain.

    Sets are kept only for groups that were joined or vetoed: most records of a large input stay
    alone, and a million one-element sets would cost half a gigabyte.
    """

    def __init__(self, n: int, cannot_link: Iterable[tuple[int, int]] = ()):
        self.parent = list(range(n))
        self.members: dict[int, set[int]] = {}  # root -> its group, for groups of two or more
        self.forbidden: dict[int, set[int]] = {}  # root -> records its group must not contain
        for i, j in cannot_link:
            self.forbidden.setdefault(i, set()).add(j)
            self.forbidden.setdefault(j, set()).add(i)

    def find(self, i: int) -> int:
        """The representative of i's group."""
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int) -> bool:
        """Join the groups of i and j unless that would join a vetoed pair; True if joined."""
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        members_a, members_b = self.members.pop(a, {a}), self.members.pop(b, {b})
        if not self.forbidden.get(a, _NONE).isdisjoint(members_b):
            self.members[a], self.members[b] = members_a, members_b  # put back: not joined
            return False
        if len(members_a) < len(members_b):
            a, b, members_a, members_b = b, a, members_b, members_a
        self.parent[b] = a
        self.members[a] = members_a | members_b
        forbidden_b = self.forbidden.pop(b, None)
        if forbidden_b:
            self.forbidden[a] = self.forbidden.get(a, _NONE) | forbidden_b
        return True

    def groups(self) -> list[list[int]]:
        """All groups, each sorted, in order of their smallest member."""
        alone = ([i] for i, p in enumerate(self.parent) if p == i and i not in self.members)
        return sorted([*(sorted(m) for m in self.members.values()), *alone])


_NONE: frozenset[int] = frozenset()


def cluster(
    n: int,
    links: Iterable[tuple[int, int]],
    cannot_link: Iterable[tuple[int, int]] = (),
    anchored: Iterable[tuple[int, int]] = (),
) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Groups of record indices joined by `links` (given strongest first), and refused links.

    `anchored` links (a person's decisions) are never undone when a record moves (below).
    """
    links = list(links)
    vetoes = within_reach(links, cannot_link)
    groups, refused = join_strongest_first(n, links, vetoes)
    if not refused:
        return groups, refused
    groups = reassign(groups, links, vetoes, refused, set(anchored))
    group_of = _group_index(groups)
    return groups, [(i, j) for i, j in links if group_of[i] != group_of[j]]


def join_strongest_first(
    n: int, links: Sequence[tuple[int, int]], vetoes: Iterable[tuple[int, int]]
) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Greedy constrained union-find: each link joins two groups unless a veto lies between."""
    uf = ConstrainedUnionFind(n, vetoes)
    refused = [(i, j) for i, j in links if not uf.union(i, j)]
    return uf.groups(), refused


def reassign(
    groups: list[list[int]],
    links: Sequence[tuple[int, int]],
    vetoes: Sequence[tuple[int, int]],
    refused: Sequence[tuple[int, int]],
    anchored: set[tuple[int, int]],
) -> list[list[int]]:
    """Move records whose refused links show they belong with another group.

    Joining strongest first can settle a record with one partner before its many links to a
    larger group are seen: a record matching all sixteen copies of a paper stays with a
    seventeenth record that a veto keeps from that paper. Each record at the end of a refused
    link moves to the group it has the most links to, when that is strictly more links than it
    has to its own group and no member of that group is vetoed against it; a record joined by a
    person's decision stays. Every move puts more matched pairs inside papers than it takes out,
    so the passes end. A group a record left is then split where only that record held it.
    """
    group_of = _group_index(groups)
    members: dict[int, set[int]] = {}  # groups changed by a move: their members now

    def members_of(g: int) -> set[int]:
        if g not in members:
            members[g] = set(groups[g])
        return members[g]

    movers = sorted({k for pair in refused for k in pair} - {k for pair in anchored for k in pair})
    partners: dict[int, list[int]] = {k: [] for k in movers}
    forbidden: dict[int, set[int]] = {k: set() for k in movers}
    for i, j in links:
        for a, b in ((i, j), (j, i)):
            if a in partners:
                partners[a].append(b)
    for i, j in vetoes:
        for a, b in ((i, j), (j, i)):
            if a in forbidden:
                forbidden[a].add(b)
    for _ in range(_MAX_PASSES):
        moved = False
        for k in movers:
            home, support = group_of[k], Counter(group_of[p] for p in partners[k])
            allowed = [g for g in support if g != home and forbidden[k].isdisjoint(members_of(g))]
            target = max(allowed, key=lambda g: (support[g], -g), default=None)
            if target is None or support[target] <= support[home]:
                continue
            members_of(home).discard(k)
            members_of(target).add(k)
            group_of[k] = target
            moved = True
        if not moved:
            break
    if not members:
        return groups
    kept = [m for g, m in enumerate(groups) if g not in members]
    return sorted([*kept, *_linked_parts(members, links, group_of)])


_MAX_PASSES = 5


def _group_index(groups: list[list[int]]) -> list[int]:
    """Each record's group number (records are 0..n-1, each in one group)."""
    group_of = [0] * sum(map(len, groups))
    for g, members in enumerate(groups):
        for k in members:
            group_of[k] = g
    return group_of


def _linked_parts(
    members: dict[int, set[int]], links: Sequence[tuple[int, int]], group_of: list[int]
) -> list[list[int]]:
    """The changed groups split into the parts their own links connect (a mover may have been
    the only tie between two halves of the group it left)."""
    nodes = {k for group in members.values() for k in group}
    inside = ((i, j) for i, j in links if i in nodes and j in nodes and group_of[i] == group_of[j])
    part = _connected_parts(nodes, inside)
    parts: dict[int, list[int]] = {}
    for k in sorted(nodes):
        parts.setdefault(part[k], []).append(k)
    return list(parts.values())


def within_reach(
    links: Sequence[tuple[int, int]], cannot_link: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The vetoed pairs that links could join: both records in one connected part of the links.

    Any other veto can never be tested, as groups only ever grow along links. A large input has
    millions of vetoes (different works sharing rare words) and few of them are within reach.
    """
    part = _connected_parts((k for pair in links for k in pair), links)
    return [(i, j) for i, j in cannot_link if i in part and j in part and part[i] == part[j]]


def _connected_parts(nodes: Iterable[int], edges: Iterable[tuple[int, int]]) -> dict[int, int]:
    """Each node -> a representative of its connected part (edges join nodes given)."""
    parent = {k: k for k in nodes}

    def find(i: int) -> int:
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    for i, j in edges:
        a, b = find(i), find(j)
        if a != b:
            parent[b] = a
    return {k: find(k) for k in parent}
