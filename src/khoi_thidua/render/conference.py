"""Reasons that say when an outcome came from the conference's decision, not the ranking."""

from __future__ import annotations

from khoi_thidua.awards.proposal import HELD_BACK, AwardDecision, Standing
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.i18n import t


def conference_reason(decision: AwardDecision, pack: RulePack, reason: str) -> str:
    """``reason``, saying so when the outcome came from the conference."""
    if decision.status == HELD_BACK:
        return t(
            "{award}: held back by the conference — {why}",
            award=pack.award(decision.award).name,
            why=decision.conference,
        )
    if decision.conference:
        return t(
            "{reason}; decided by the conference: {why}", reason=reason, why=decision.conference
        )
    return reason


def conference_standing_reason(standing: Standing, pack: RulePack, reason: str) -> str:
    """A unit's one-line reason, with the conference's decision when one placed or held it."""
    decided = [d for d in standing.decisions if d.conference]
    if not decided:
        return reason
    placed = [d for d in decided if d.award == standing.award]
    return conference_reason((placed or decided)[0], pack, reason)
