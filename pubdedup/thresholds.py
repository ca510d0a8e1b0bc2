"""Which threshold decided a comparison, so that every link can show the bar it cleared.

Each scoring rule compares one measure with two `MatchConfig` values: at or above the match
threshold the pair is one paper, from the maybe threshold it is left for a person to review.
"""

from __future__ import annotations

from typing import Any

from pubdedup.config import MatchConfig

_TITLE_IN_ABSTRACT = ("title_in_abstract", "title_in_abstract_match", "title_in_abstract_maybe")
# rule -> (measure, config key of the match threshold, config key of the maybe threshold)
RULE_THRESHOLDS = {
    "abstract": ("abstract", "abstract_match", "abstract_maybe"),
    "title-evidence": ("points", "title_points_match", "title_points_maybe"),
    "title-name-in-abstract": _TITLE_IN_ABSTRACT,
    "title-in-abstract": _TITLE_IN_ABSTRACT,
}


def threshold_of(
    rule: str, score: float, evidence: dict[str, Any], config: MatchConfig
) -> dict[str, Any] | None:
    """The measure, its value and both thresholds; None for rules without one (identifiers,
    vetoes, a person's decisions)."""
    spec = RULE_THRESHOLDS.get(rule)
    if spec is None:
        return None
    measure, match_key, maybe_key = spec
    value = evidence.get(measure, score)  # title-in-abstract coverage is the score itself
    return {
        "measure": measure,
        "value": value,
        "match": getattr(config, match_key),
        "maybe": getattr(config, maybe_key),
        "setting": match_key,
    }
