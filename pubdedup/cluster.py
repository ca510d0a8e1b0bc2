"""Cluster stage: join matched records into papers, never across a veto.

Links are applied strongest first. Two groups are joined only when no pair between them was
vetoed (judged different works), so a chain A~B~C cannot pull together an A and C that differ.
"""

from __future__ import annotations

from collections.abc import Iterable


class ConstrainedUnionFind:
    """Union-find over 0..n-1 whose groups remember which records they must never contain."""

    def __init__(self, n: int, cannot_link: Iterable[tuple[int, int]] = ()):
        self.parent = list(range(n))
        self.members: dict[int, set[int]] = {i: {i} for i in range(n)}
        self.forbidden: dict[int, set[int]] = {i: set() for i in range(n)}
        for i, j in cannot_link:
            self.forbidden[i].add(j)
            self.forbidden[j].add(i)

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
        if self.forbidden[a] & self.members[b]:
            return False
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a] |= self.members.pop(b)
        self.forbidden[a] |= self.forbidden.pop(b)
        return True

    def groups(self) -> list[list[int]]:
        """All groups, each sorted, in order of their smallest member."""
        return sorted(sorted(m) for m in self.members.values())


def cluster(
    n: int, links: Iterable[tuple[int, int]], cannot_link: Iterable[tuple[int, int]] = ()
) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Groups of record indices joined by `links` (given strongest first), and refused links."""
    uf = ConstrainedUnionFind(n, cannot_link)
    refused = [(i, j) for i, j in links if not uf.union(i, j)]
    return uf.groups(), refused
