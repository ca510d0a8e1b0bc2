"""Cluster stage: join matched records into papers, never across a veto.

Links are applied strongest first. Two groups are joined only when no pair between them was
vetoed (judged different works), so a chain A~B~C cannot pull together an A and C that differ.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence


class ConstrainedUnionFind:
    """Union-find over 0..n-1 whose groups remember which records they must never contain.

    Sets are kept only for groups that were joined or vetoed: most records of a large input stay
    alone, and a million one-element sets would cost half a gigabyte.
    """

    def __init__(
        self,
        n: int,
        cannot_link: Iterable[tuple[int, int]] = (),
        one_of: Mapping[int, Hashable] | None = None,
    ):
        self.parent = list(range(n))
        self.members: dict[int, set[int]] = {}  # root -> its group, for groups of two or more
        self.forbidden: dict[int, set[int]] = {}  # root -> records its group must not contain
        for i, j in cannot_link:
            self.forbidden.setdefault(i, set()).add(j)
            self.forbidden.setdefault(j, set()).add(i)
        # root -> the classes of `one_of` its group holds a record of: at most one each
        self.classes: dict[int, set[Hashable]] = {i: {c} for i, c in (one_of or {}).items()}

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
        vetoed = not self.forbidden.get(a, _NONE).isdisjoint(members_b)
        if vetoed or not self.classes.get(a, _NONE).isdisjoint(self.classes.get(b, _NONE)):
            self.members[a], self.members[b] = members_a, members_b  # put back: not joined
            return False
        if len(members_a) < len(members_b):
            a, b, members_a, members_b = b, a, members_b, members_a
        self.parent[b] = a
        self.members[a] = members_a | members_b
        forbidden_b = self.forbidden.pop(b, None)
        if forbidden_b:
            self.forbidden[a] = self.forbidden.get(a, set()) | forbidden_b
        classes_b = self.classes.pop(b, None)
        if classes_b:
            self.classes[a] = self.classes.get(a, set()) | classes_b
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
    lifted: Callable[[int, int], bool] | None = None,
    forgiven: list[tuple[int, int]] | None = None,
    one_of: Mapping[int, Hashable] | None = None,
) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Groups of record indices joined by `links` (given strongest first), and refused links.

    `lifted(i, j)`, if given, tells the vetoed pairs within reach that need not be heeded;
    those pairs are appended to `forgiven`, if given. A group holds at most one record of each
    class `one_of` gives (the papers of one earlier output), whether or not their pairs were
    compared.
    """
    links = list(links)
    vetoes = within_reach(links, cannot_link)
    if lifted is not None:
        heeded = []
        for pair in vetoes:
            if not lifted(*pair):
                heeded.append(pair)
            elif forgiven is not None:
                forgiven.append(pair)
        vetoes = heeded
    uf = ConstrainedUnionFind(n, vetoes, one_of)
    refused = [(i, j) for i, j in links if not uf.union(i, j)]
    return uf.groups(), refused


def within_reach(
    links: Sequence[tuple[int, int]], cannot_link: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The vetoed pairs that links could join: both records in one connected part of the links.

    Any other veto can never be tested, as groups only ever grow along links. A large input has
    millions of vetoes (different works sharing rare words) and few of them are within reach.
    """
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    for i, j in links:
        parent.setdefault(i, i)
        parent.setdefault(j, j)
        a, b = find(i), find(j)
        if a != b:
            parent[b] = a
    part = {i: find(i) for i in parent}
    return [(i, j) for i, j in cannot_link if i in part and j in part and part[i] == part[j]]
