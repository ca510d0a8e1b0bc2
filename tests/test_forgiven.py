"""A typo waived in one match is waived against every copy carrying the same value."""

from __future__ import annotations

from pubdedup.apply_decisions import DecidedPairs, ordered
from pubdedup.config import MatchConfig
from pubdedup.model import Record, Source
from pubdedup.pipeline import deduplicate

CONFIG = MatchConfig()
TITLE = "A general lower bound on the number of examples needed for learning"
AUTHORS = ("A. Ehrenfeucht", "D. Haussler", "M. Kearns", "L. Valiant")


def rec(index: int, **fields) -> Record:
    fields = {"title": TITLE, "authors": AUTHORS, "authors_complete": True, **fields}
    return Record(
        source=Source(file="refs.bib", index=index, line=index + 1, id=str(index)), **fields
    )


def sizes(records: list[Record], decided: DecidedPairs | None = None) -> list[int]:
    return sorted(len(p.records) for p in deduplicate(records, CONFIG, decided)[0])


JOURNAL = {"venue": "Information and Computation", "year": 1989}


def test_a_mistyped_page_range_joins_the_copies_without_a_volume_too():
    records = [
        rec(0, **JOURNAL, volume="82", pages="247-261"),
        rec(1, **JOURNAL, volume="82(3)", pages="247-261"),
        rec(2, **JOURNAL, pages="247-261"),  # no volume: no waiver against 267-284 of its own
        rec(3, **JOURNAL, volume="82", pages="267-284"),  # the typo
    ]
    assert sizes(records) == [4]


def test_a_waiver_is_of_the_first_page_as_pages_are_compared():
    # 247-266 is 247-261 with its end mistyped (the same pages), and ends where the typo
    # 267-284 begins: no waiver of its own, but the one against 247-261 covers it (as in Cora).
    records = [
        rec(0, **JOURNAL, volume="82", pages="247-261"),
        rec(1, **JOURNAL, volume="82(3)", pages="247-266"),
        rec(2, **JOURNAL, volume="82", pages="267-284"),
    ]
    assert sizes(records) == [3]


def test_a_mistyped_year_joins_the_copies_without_volume_and_pages_too():
    place = {"venue": "Information and Computation", "volume": "103(2)", "pages": "299-347"}
    records = [
        rec(0, **place, year=1993),
        rec(1, year=1993),  # title and people alone: apart from 1997 on its own
        rec(2, **place, year=1997),  # the typo
    ]
    assert sizes(records) == [3]


def test_a_waiver_covers_only_the_value_it_was_given_for():
    # 267-284 was waived against 247-261 only: a third range is another disagreement.
    records = [
        rec(0, **JOURNAL, volume="82", pages="247-261"),
        rec(1, **JOURNAL, pages="300-310"),
        rec(2, **JOURNAL, volume="82", pages="267-284"),
    ]
    assert sizes(records) == [1, 2]


def test_a_veto_on_anything_else_still_stands():
    # The typo's waiver would lift the pages veto against copy 2, but not its other DOI.
    records = [
        rec(0, **JOURNAL, volume="82", pages="247-261"),
        rec(1, **JOURNAL, pages="247-261", doi="10.1016/0890-5401(89)90002-3"),
        rec(2, **JOURNAL, volume="82", pages="267-284", doi="10.1016/0890-5401(89)90099-9"),
    ]
    assert sizes(records) == [1, 2]


def test_without_a_waived_match_every_veto_stands():
    # Same pages typo, but no copy shares a volume with it: nothing was waived.
    records = [
        rec(0, **JOURNAL, pages="247-261"),
        rec(1, **JOURNAL, pages="267-284"),
    ]
    assert sizes(records) == [1, 1]


def test_a_persons_different_is_never_lifted():
    # The typo's waiver against copy 2 would lift a matcher's pages veto against copy 0; a
    # person's `different` (copy 1 is the paper's second part, say) stands whatever it rests on.
    records = [
        rec(0, **JOURNAL, volume="82", pages="247-261"),
        rec(1, **JOURNAL, volume="82", pages="267-284"),
        rec(2, **JOURNAL, volume="82(3)", pages="247-261"),
    ]
    decided = DecidedPairs(different={ordered(records[0].source, records[1].source)})
    assert sizes(records) == [3]
    assert sizes(records, decided) == [1, 2]


def test_a_waiver_does_not_bring_in_the_paper_at_the_waived_pages():
    # A citation of one paper with the pages of the next paper by the same team in that volume
    # (a neighbour's pages copied): it matches the paper by its title, the neighbour by its
    # place. The veto between the two papers, whose titles differ, stands.
    team = {"authors": ("David Haussler", "Michael Kearns", "Leslie Valiant")}
    paper = {**team, **JOURNAL, "title": "Learning decision lists from examples"}
    records = [
        rec(0, **paper, volume="82", pages="247-261"),
        rec(1, **paper, volume="82", pages="267-284"),  # the neighbour's pages
        rec(
            2,
            **team,
            **JOURNAL,
            title="Cryptographic limitations on learning boolean formulae",
            volume="82",
            pages="267-284",
        ),
    ]
    groups = deduplicate(records, CONFIG)[0]
    titles = [{r.title for r in p.records} for p in groups]
    assert all(len(t) == 1 for t in titles), titles


def test_a_forgiven_veto_is_kept_on_the_paper_for_explain():
    from pubdedup.explain import explained_paper

    records = [
        rec(0, **JOURNAL, volume="82", pages="247-261"),
        rec(1, **JOURNAL, pages="247-261"),
        rec(2, **JOURNAL, volume="82", pages="267-284"),  # the typo
    ]
    [paper] = deduplicate(records, CONFIG)[0]
    # Record 1 (no volume) and record 2 disagree on pages alone: a veto, lifted because the
    # match of 0 and 2 waived 267-284 against 247-261.
    [forgiven] = explained_paper(paper)["forgiven"]
    assert (forgiven["a"]["index"], forgiven["b"]["index"]) == (1, 2)
    assert forgiven["evidence"]["veto"] == "different-pages"
    assert forgiven["decided_by"].startswith("apart by different-pages (different first pages)")
    assert {(k.a.index, k.b.index) for k in paper.links}.isdisjoint({(1, 2)})
