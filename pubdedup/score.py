"""Score stage: compare two records and decide match, maybe, distinct (a veto) or no link.

The decision is an ordered list of rules, like a comparison's levels in splink: vetoes first (two
different works that look alike), then identifiers, abstracts, and title-based evidence. Every
comparison keeps its evidence (field similarities) so that a merge can be explained.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from pubdedup.config import MatchConfig
from pubdedup.earlier_links import EARLIER_MAYBE, left_maybe_before, linked_before
from pubdedup.evidence import (
    authors_evidence,
    complete_evidence,
    placement_evidence,
    same_given_year,
    title_in_abstract,
)
from pubdedup.features import Features, source_name
from pubdedup.title_words import substituted_words
from pubdedup.venues import entry_type_for, same_venue
from pubdedup.versions import VERSION_VETOES, is_version, same_people
from pubdedup.vetoes import (
    COLUMN_WORDS,
    SAME_EARLIER_OUTPUT,
    other_issues,
    recurring,
    values_veto,
    veto_of,
)


class Verdict(str, Enum):
    """The outcome of comparing two records."""

    MATCH = "match"  # the same paper
    MAYBE = "maybe"  # close, but not enough: listed for a person to review
    VERSION = "version"  # another version of the same work (preprint, journal version, erratum)
    DISTINCT = "distinct"  # a veto: different works, never to be joined, even transitively
    NONE = "none"  # nothing in common worth reporting


@dataclass(frozen=True, slots=True)
class Comparison:
    """A verdict, the rule that decided it, its score and the evidence behind it."""

    verdict: Verdict
    rule: str
    score: float
    evidence: dict[str, float | int | str | None] = field(default_factory=dict)


def compare(
    a: Features, b: Features, config: MatchConfig, full_evidence: bool = True
) -> Comparison:
    """Decide whether two records are the same paper.

    The vetoes come first and read only the cheap placement evidence; without `full_evidence`
    a veto's comparison carries just that, and the similarities are never computed for it.
    Only an entry of an earlier `--into` run and the record it lists, corrected once since, go
    past them (`_still_the_record`).
    """
    listing = _lists(a, b) or _lists(b, a)  # an entry of an earlier `--into` run and its record
    ev = placement_evidence(a, b)
    if listing and _still_the_record(a, b, ev, alone=listing == _ALONE):
        listed = _listed_source(a, b, config, complete_evidence(a, b, ev, config))
        if listed is not None:
            return listed
    veto = veto_of(a, b, ev, config)
    if veto == SAME_EARLIER_OUTPUT and linked_before(a.record, b.record):
        return _version_before(a, b, ev, config)
    if veto == SAME_EARLIER_OUTPUT and (said := left_maybe_before(a.record, b.record)):
        return _maybe_before(a, b, ev, config, *said)
    if veto is not None:
        if veto in VERSION_VETOES and is_version(a, b, ev, config):
            ev = complete_evidence(a, b, ev, config)
            return Comparison(Verdict.VERSION, veto, config.version_score, ev)
        return _distinct(veto, complete_evidence(a, b, ev, config) if full_evidence else ev)
    ev = complete_evidence(a, b, ev, config)
    if listing == _BY_ID and a.title and b.title:
        listed = _listed_source(a, b, config, ev)
        if listed is not None:
            return listed
    for rule in (_identifiers, _abstracts, _titles, _title_vs_abstract):
        result = rule(a, b, ev, config)
        if result is not None:
            return result
    return Comparison(Verdict.NONE, "no-evidence", 0.0, ev)


_BY_ID, _ALONE = "file:id", "file"


def _version_before(a: Features, b: Features, ev: dict, config: MatchConfig) -> Comparison:
    """Two papers of one earlier output its run linked as versions (`related`): still versions,
    by the veto their values give, whatever their merged values say of their people now (a
    second run over a JSON output dropped every `related` link)."""
    veto = values_veto(a, b, ev, config)
    rule = veto if veto in VERSION_VETOES else SAME_EARLIER_OUTPUT
    return Comparison(
        Verdict.VERSION, rule, config.version_score, complete_evidence(a, b, ev, config)
    )


def _maybe_before(
    a: Features, b: Features, ev: dict, config: MatchConfig, rule: str, score: float
) -> Comparison:
    """Two papers of one earlier output whose records that run left as a maybe pair: a maybe
    still, with today's evidence."""
    return earlier_maybe(complete_evidence(a, b, ev, config), rule, score)


def earlier_maybe(evidence: dict, rule: str, score: float) -> Comparison:
    """The maybe pair an earlier run left between two of its papers, as it said it
    (`earlier_rule`, `earlier_score`)."""
    evidence = {**evidence, "earlier_rule": rule, "earlier_score": score}
    return Comparison(Verdict.MAYBE, EARLIER_MAYBE, score, evidence)


LISTED_SOURCE = "listed-source"  # the rule of an entry (or earlier paper) and its record


def _lists(entry: Features, record: Features) -> str | None:
    """How `entry` (of an earlier `--into` run, or an earlier output's paper) lists `record` in
    its sources: by `file:id`, or by the file alone (a record without an id); else None."""
    if not entry.listed_sources or record.record.merged:  # an earlier paper is no record it lists
        return None
    if source_name(record.record.source) not in entry.listed_sources:
        return None
    return _BY_ID if record.record.source.id else _ALONE


_PLACING = ("pages", "volume", "doi", "arxiv", "number")


def _still_the_record(a: Features, b: Features, ev: dict, alone: bool = False) -> bool:
    """An entry and the record it lists, as far as their placing fields tell: with the title
    unchanged, at most one of those fields differs (a correction: pages fixed, a DOI's typo),
    not another work under the same generic title (`Introduction` of another year and volume).
    With no title on one side (an `[Untitled]` entry, a title given since) none may differ, the
    year must be given alike, and a person or the venue shared: an id renumbered, or the same
    file name in another directory, names another record. So does the same abstract in the
    same year (or none); a record with none of these (nor an abstract) on either side has only
    its name to be found by, and is trusted, as a decision's name is. Else the entry or paper
    that lists a record of little but its abstract gains a copy of it on every run.

    A file listed `alone` names every record of it without an id (a page's): only a copy of
    the entry is its record, the same title, abstract, venue and year (or none), the same
    people, nothing else differing. A page listing a column's title (`Editorial`) in three
    years was no match for its entries, by the column rule, nor an untitled entry with a short
    abstract, and each run appended them again.
    """
    differing = sum(ev[k] == "different" for k in _PLACING)
    same_year = ev["year_gap"] == 0 or a.record.year is b.record.year is None
    shared = bool(authors_evidence(a, b) or same_venue(a.record.venue, b.record.venue))
    if alone:
        return _same_text(a, b) and _alike(a, b) and not differing and same_year and shared
    if a.title and b.title:
        return a.title == b.title and differing + bool(ev["year_gap"]) <= 1
    if differing:
        return False
    if (_blank(a) and _blank(b)) or (_same_text(a, b) and same_year):
        return True
    return ev["year_gap"] == 0 and shared


def _alike(a: Features, b: Features) -> bool:
    """The same abstract and venue, or neither on either side."""
    venues = a.record.venue, b.record.venue
    same_venue_ = not any(venues) or (all(venues) and bool(same_venue(*venues)))
    return a.abstract == b.abstract and same_venue_


def _same_text(a: Features, b: Features) -> bool:
    """The same title, or with none on either side the same abstract."""
    if a.title or b.title:
        return a.title == b.title
    return bool(a.record.abstract) and a.record.abstract == b.record.abstract


def _blank(item: Features) -> bool:
    """No title, abstract, year, person or venue: nothing that tells it from another record."""
    record = item.record
    return not (item.title or record.abstract or record.year or item.people or record.venue)


def _listed_source(a: Features, b: Features, config: MatchConfig, ev: dict) -> Comparison | None:
    """An entry an earlier `--into` run built from this very record (its `pubdedup-sources`
    lists the record's `file:id`) is its paper, whatever the scores say: a short title alone is
    only a maybe, and each run would append the paper again.

    With the title unchanged it is so even against a placement veto: the record's pages,
    volume, year or DOI was corrected since. With the title changed, the vetoes come first (a
    title that names another part or kind, `Part I` / `Part II`, is one of them), for the name
    has no directory and a record may be replaced under its id: `refs.bib:x` of another
    directory, or `x` reused for another paper, is another record. Either way the titles must
    agree, where both records have one (`_still_the_record` sees to a record without one)."""
    if ev["title"] is not None and ev["title"] < config.title_match:
        return None
    return Comparison(Verdict.MATCH, LISTED_SOURCE, 1.0, ev)


def _distinct(rule: str, ev: dict) -> Comparison:
    return Comparison(Verdict.DISTINCT, rule, 0.0, ev)


def _identifiers(a: Features, b: Features, ev: dict, config: MatchConfig) -> Comparison | None:
    if "same" not in (ev["doi"], ev["arxiv"], ev["isbn"]):
        return None
    # A DOI shared by the chapters of one book is not proof: the titles must not disagree.
    # Then the evidence that decides a pair without a DOI still does (a translated title with
    # the same volume and pages, the same abstract): a DOI in common never makes a pair weaker.
    if ev["title"] is not None and ev["title"] < config.title_maybe:
        for level in (_abstracts, _titles):
            found = level(a, b, ev, config)
            if found is not None and found.verdict is Verdict.MATCH:
                return found
        # One arXiv id is one submission through all its versions, whose title may change
        # (`Large Scale Learning of General Visual Representations for Transfer`, v1, is `Big
        # Transfer (BiT)`): by the same people, it is the same paper. A DOI is shared by a
        # book's chapters. Only a preprint's title is a version's: two published papers
        # retitled under one id are a conference paper and its journal extension, or an id
        # copied into a sibling paper's entry; nor is a notice (`Erratum: …`) its paper.
        if (
            ev["arxiv"] == "same"
            and (a.preprint or b.preprint)
            and a.notice == b.notice
            and same_people(a, b, ev["authors"])
        ):
            return Comparison(Verdict.MATCH, "same-arxiv-retitled", 1.0, ev)
        return Comparison(Verdict.MAYBE, "same-identifier-different-title", ev["title"], ev)
    if "same" not in (ev["doi"], ev["arxiv"]) and _told_apart_despite_isbn(a, b, ev, config):
        return None  # the title and people decide, as they would without the ISBN
    rule = next(f"same-{name}" for name in ("doi", "arxiv", "isbn") if ev[name] == "same")
    return Comparison(Verdict.MATCH, rule, 1.0, ev)


def _told_apart_despite_isbn(a: Features, b: Features, ev: dict, config: MatchConfig) -> bool:
    """Two books under one ISBN that their titles or people tell apart. A set's ISBN is printed
    in each of its volumes (`The Art of Computer Programming: Fundamental Algorithms`, `…:
    Seminumerical Algorithms`), and a library copies an ISBN into another book's entry
    (`Machine Learning` by Mitchell, and by Murphy): a word of one title in place of one of
    the other's, or two complete author lists with no one in common. A subtitle one copy
    lacks, or a word written apart, tells nothing: one book is cited so."""
    sim = ev["title"]
    substituted = sim is not None and sim < config.title_exact
    if substituted and substituted_words(a.title_words, b.title_words):
        return True
    return _no_one_shared(a, b, ev["authors"])


def _abstracts(a: Features, b: Features, ev: dict, config: MatchConfig) -> Comparison | None:
    sim = ev["abstract"]
    if sim is None:
        return None
    if sim >= config.abstract_match:
        return Comparison(Verdict.MATCH, "abstract", sim, ev)
    titles_agree = ev["title"] is not None and ev["title"] >= config.title_match
    if sim >= config.abstract_maybe and not titles_agree:  # else the title evidence decides
        return Comparison(Verdict.MAYBE, "abstract", sim, ev)
    return None


def title_points(a: Features, b: Features, ev: dict, config: MatchConfig) -> float:
    """Evidence points of a title-based pair: the title's level plus every other field's weight."""
    sim = ev["title"]
    if sim is None:  # placed by volume and pages alone: no title to count
        points, sim = 0.0, 0.0
    else:
        points = _title_level_points(sim, config)
    points += _author_points(a, b, ev["authors"], config)
    # Each weight is added in turn, as one sum: a configured weight such as 0.1 sums alike.
    points = _plus_placement(points, a, b, ev, config)
    return _plus_title_doubts(points, a, b, ev, sim, config)


def _title_level_points(sim: float, config: MatchConfig) -> float:
    levels = (
        (config.title_exact, config.weight_title_exact),
        (config.title_match, config.weight_title_match),
        (config.title_close, config.weight_title_close),
    )
    return next((w for level, w in levels if sim >= level), config.weight_title_maybe)


def _plus_placement(
    points: float, a: Features, b: Features, ev: dict, config: MatchConfig
) -> float:
    """The points, with the weights of the year, number or venue, pages and volume added."""
    published = not (a.preprint or b.preprint)
    if ev["year_gap"] == 0:
        points += config.weight_year_same
    elif ev["year_gap"] == 1 and published:
        points += config.weight_year_apart
    if ev["number"] == "same":
        points += config.weight_number_same
    elif ev["venue"] == "same" and published:  # two arXiv preprints: any two are "alike"
        points += config.weight_venue_same
    elif ev["venue"] == "different" and published:
        points += config.weight_venue_different
    if ev["pages"] == "same":
        points += config.weight_pages_same
    if ev["volume"] == "same":
        points += config.weight_volume_same
    return points


def _plus_title_doubts(
    points: float, a: Features, b: Features, ev: dict, sim: float, config: MatchConfig
) -> float:
    """The points, with what weakens a title's word added: abstracts that differ, a word
    substituted, a short title, a recurring one."""
    if ev["abstract"] is not None and ev["abstract"] < config.abstract_maybe:
        points += config.weight_abstracts_differ
    if sim < config.title_exact and substituted_words(a.title_words, b.title_words):
        points += config.weight_substituted_word
    if min(len(a.title_words), len(b.title_words)) <= config.short_title_words:
        points += config.weight_short_title
    # A recurring title does not identify a work, but the same first page and volume do, and
    # so does one team in one year: a column recurs over issues and years by one editor, while
    # a citation list cites a paper of three authors from its conference and its journal year
    # (each year's copies are one paper; the years stay apart).
    placed = ev["pages"] == "same" and ev["volume"] == "same"
    generic = recurring(a, config) or recurring(b, config)
    if generic and not (placed or _same_team(a, b, ev, config)):
        points += config.weight_recurring_title
    return points


def _same_team(a: Features, b: Features, ev: dict, config: MatchConfig) -> bool:
    """The same three or more people (complete lists, each in both) in the same given year,
    on a title of three or more words that names no column, with no issues or abstracts that
    disagree, and not in two journals (a meeting's paper and a journal's may be one paper's
    citations, as citation lists write them). A one-team column by any other name (`Image
    quiz`, `Cancer statistics`) has a title of one or two words. Two venues that differ still
    cost their −4, as for any title."""
    shared = ev["authors"] or 0
    everyone = shared >= 3 and shared == a.author_count == b.author_count
    if not (everyone and same_given_year(a, b)):
        return False
    if not (a.record.authors_complete and b.record.authors_complete):
        return False
    if ev["abstract"] is not None and ev["abstract"] < config.abstract_maybe:
        return False
    if other_issues(a, b):
        return False
    if ev["venue"] == "different" and not (_meeting_or_report(a) or _meeting_or_report(b)):
        return False  # two journals in one year: two pieces
    words = a.title_words | b.title_words
    return min(len(a.title_words), len(b.title_words)) >= 3 and words.isdisjoint(COLUMN_WORDS)


def _meeting_or_report(item: Features) -> bool:
    return entry_type_for(item.record.venue) not in ("article", "misc")


def _author_points(a: Features, b: Features, shared: int | None, config: MatchConfig) -> float:
    if shared is None:
        return 0.0
    if not (a.record.authors_complete and b.record.authors_complete):
        return config.weight_authors_half if shared else 0.0
    if not shared:
        return config.weight_authors_none if _no_one_shared(a, b, shared) else 0.0
    share = shared / max(1, min(a.author_count, b.author_count))
    if share >= 0.99:
        return config.weight_authors_all + (config.weight_authors_many if shared >= 3 else 0.0)
    if share >= 0.5:
        return config.weight_authors_half
    return 0.0


def _no_one_shared(a: Features, b: Features, shared: int | None) -> bool:
    """Two complete author lists with no one in common. A group's name, or a garbled name
    (`Il Cheong; H.`) sharing a surname, is no disagreement."""
    if shared != 0 or not (a.record.authors_complete and b.record.authors_complete):
        return False
    return not (a.corporate or b.corporate or a.surnames & b.surnames)


def _titles(a: Features, b: Features, ev: dict, config: MatchConfig) -> Comparison | None:
    # Volume and first page place an article as surely as its title (which may be translated).
    placed = ev["pages"] == "same" and ev["volume"] == "same"
    if not placed and (ev["title"] is None or ev["title"] < config.title_maybe):
        return None
    points = title_points(a, b, ev, config)
    evidence = {**ev, "points": round(points, 2)}
    score = round(min(1.0, points / 10), 4)
    if points >= config.title_points_match:
        return Comparison(Verdict.MATCH, "title-evidence", score, evidence)
    if points >= config.title_points_maybe:
        return Comparison(Verdict.MAYBE, "title-evidence", score, evidence)
    return None


def list_of(item: Features) -> tuple[str, str | None]:
    """The list a record is in: its input or, of author pages piped in one input (`cat a.txt
    b.txt`), its owner's page, so that such pages match as they do given apart. (A JSON
    input's papers name owners too, but make one list.)"""
    record = item.record
    return (record.source.file, None if record.merged else record.source.owner)


def _title_vs_abstract(
    a: Features, b: Features, ev: dict, config: MatchConfig
) -> Comparison | None:
    """One record has only a title, the other only an abstract (different pages).

    Title words found in an abstract are weak evidence (related papers share them), so this is a
    match only when the name the title starts with (`Kubric: …`) is in the abstract as well.
    """
    if a.title and not a.abstract and b.abstract and not b.title:
        titled, other = a, b
    elif b.title and not b.abstract and a.abstract and not a.title:
        titled, other = b, a
    else:
        return None
    if list_of(titled) == list_of(other):
        return None  # one page does not list a paper twice
    cover = round(title_in_abstract(titled, other), 4)
    named = titled.title_name is not None and titled.title_name in other.abstract_words
    if named and cover >= config.title_in_abstract_match:
        return Comparison(Verdict.MATCH, "title-name-in-abstract", cover, ev)
    if cover >= config.title_in_abstract_maybe:
        return Comparison(Verdict.MAYBE, "title-in-abstract", cover, ev)
    return None
