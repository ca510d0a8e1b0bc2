"""Cluster stage: strongest links first, never across a veto, then records moved to the paper
their links point to."""

import random

import pytest

from pubdedup.cluster import cluster


@pytest.mark.parametrize(
    "name, n, links, vetoes, anchored, groups",
    [
        (
            # 0 is settled with 1 first; 1 is vetoed against the paper 2-3-4 that 0 matches
            # three times: 0 belongs there.
            "record-moves-to-the-group-it-has-most-links-to",
            5,
            [(0, 1), (2, 3), (3, 4), (0, 2), (0, 3), (0, 4)],
            [(1, 2), (1, 3), (1, 4)],
            [],
            [[0, 2, 3, 4], [1]],
        ),
        (
            "record-stays-when-the-other-group-has-no-more-links",
            4,
            [(0, 1), (2, 3), (0, 2)],
            [(1, 2)],
            [],
            [[0, 1], [2, 3]],
        ),
        (
            "record-never-moves-into-a-group-with-a-member-vetoed-against-it",
            5,
            [(0, 1), (2, 3), (3, 4), (0, 2), (0, 3)],
            [(1, 2), (0, 4)],
            [],
            [[0, 1], [2, 3, 4]],
        ),
        (
            "record-joined-by-a-persons-decision-stays",
            5,
            [(0, 1), (2, 3), (3, 4), (0, 2), (0, 3), (0, 4)],
            [(1, 2), (1, 3), (1, 4)],
            [(0, 1)],
            [[0, 1], [2, 3, 4]],
        ),
        (
            # 0 held 1 and 5 together; once 0 has moved they share no link: two papers.
            "group-left-by-its-only-tie-splits",
            6,
            [(0, 1), (0, 5), (2, 3), (3, 4), (0, 2), (0, 3), (0, 4)],
            [(1, 2), (1, 3), (1, 4)],
            [],
            [[0, 2, 3, 4], [1], [5]],
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_cluster_case(name, n, links, vetoes, anchored, groups):
    assert cluster(n, links, vetoes, anchored)[0] == groups


def test_refused_links_are_the_links_between_groups():
    groups, refused = cluster(
        5, [(0, 1), (2, 3), (3, 4), (0, 2), (0, 3), (0, 4)], [(1, 2), (1, 3), (1, 4)]
    )
    assert refused == [(0, 1)]


def test_groups_never_hold_a_vetoed_pair_and_each_is_linked():
    rng = random.Random(11)
    for _ in range(2000):
        n = rng.randint(2, 14)
        links = [(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(1, 30))]
        links = [(i, j) for i, j in links if i != j]
        vetoes = [(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(0, 6))]
        vetoes = [(i, j) for i, j in vetoes if i != j]
        groups, refused = cluster(n, links, vetoes)
        group_of = {k: g for g, members in enumerate(groups) for k in members}
        assert sorted(group_of) == list(range(n))
        assert all(group_of[i] != group_of[j] for i, j in vetoes)
        assert refused == [(i, j) for i, j in links if group_of[i] != group_of[j]]
        for members in groups:
            reached, todo = {members[0]}, [members[0]]
            while todo:
                k = todo.pop()
                for i, j in links:
                    for a, b in ((i, j), (j, i)):
                        if a == k and b in members and b not in reached:
                            reached.add(b)
                            todo.append(b)
            assert reached == set(members)
