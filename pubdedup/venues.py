"""Venues: which BibTeX entry type a venue implies."""

from __future__ import annotations

import re

_PREPRINT = re.compile(r"\b(arxiv|biorxiv|medrxiv|corr|preprint|ssrn|openreview)\b", re.I)
_JOURNAL = re.compile(
    r"\b(journal|transactions|letters|review|magazine|jmlr|tpami|ijcv|tmlr|nature|science"
    r"|plos|communications of the|annals|quarterly|bulletin)\b",
    re.I,
)
_CONFERENCE = re.compile(
    r"\b(conference|proceedings|proc\.?|symposium|workshop|congress|meeting|summit|colloquium"
    r"|neurips|nips|icml|iclr|cvpr|iccv|eccv|acl|emnlp|naacl|aaai|ijcai|kdd|sigir|sigmod|vldb"
    r"|icde|www|chi|uist|siggraph|interspeech|icassp|wacv|bmvc|corl|iros|icra|rss|aistats|uai"
    r"|colt|miccai|ismir|recsys|wsdm|cikm|osdi|sosp|nsdi|usenix|sigcomm|podc|stoc|focs|soda)\b",
    re.I,
)
_REPORT = re.compile(r"\b(technical report|tech\.? rep|rfc|request for comments)\b", re.I)
_THESIS = re.compile(r"\b(ph\.?d\.? thesis|dissertation)\b", re.I)


def entry_type_for(venue: str | None) -> str:
    """BibTeX entry type implied by a venue name; `misc` when nothing is known."""
    if not venue:
        return "misc"
    if _PREPRINT.search(venue):
        return "misc"
    if _THESIS.search(venue):
        return "phdthesis"
    if _REPORT.search(venue):
        return "techreport"
    if _CONFERENCE.search(venue):
        return "inproceedings"
    if _JOURNAL.search(venue):
        return "article"
    return "misc"


def is_preprint(venue: str | None) -> bool:
    """True for arXiv and other preprint servers."""
    return bool(venue and _PREPRINT.search(venue))
