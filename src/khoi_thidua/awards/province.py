"""Province-wide view over many blocs' proposals: leaders, totals and caps such as 20%."""

from __future__ import annotations

from dataclasses import dataclass

from khoi_thidua.awards.proposal import Proposal
from khoi_thidua.awards.rules import ProvinceCap, RulePack


@dataclass(frozen=True)
class CapCheck:
    """One province-wide cap checked against every bloc's proposals."""

    cap: ProvinceCap
    leaders: int  # blocs with a leading unit this year
    limit: int
    proposals: tuple[tuple[str, str], ...]  # (bloc id, member id)

    @property
    def over_by(self) -> int:
        return max(0, len(self.proposals) - self.limit)


def leaders(proposal: Proposal) -> tuple[str, ...]:
    """The bloc's leading unit(s) (several only when a tie stands or the rules allow more)."""
    return proposal.leading.members


def totals(proposals: list[Proposal]) -> dict[str, int]:
    """How many units are proposed for each award across the blocs."""
    counts: dict[str, int] = {}
    for proposal in proposals:
        for standing in proposal.proposed:
            assert standing.award is not None
            counts[standing.award] = counts.get(standing.award, 0) + 1
    return counts


def check_caps(pack: RulePack, proposals: list[Proposal]) -> list[CapCheck]:
    """Each cap of ``pack`` over the blocs' proposals; ``over_by`` > 0 names a breach."""
    leading_blocs = sum(1 for p in proposals if leaders(p))
    checks: list[CapCheck] = []
    for cap in pack.caps:
        found = tuple(
            (p.bloc_id, s.member)
            for p in sorted(proposals, key=lambda p: p.bloc_id)
            for s in p.proposed
            if s.award == cap.award
        )
        checks.append(CapCheck(cap, leading_blocs, cap.limit(leading_blocs), found))
    return checks
