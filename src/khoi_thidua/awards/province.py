"""Province-wide view over many blocs' proposals: leaders, totals and caps such as 20%."""

from __future__ import annotations

from khoi_thidua.awards.proposal import Proposal
from khoi_thidua.awards.rules import ProvinceCap, RulePack
from khoi_thidua.records import record


@record
class CapCheck:
    """One province-wide cap checked against every bloc's proposals."""

    cap: ProvinceCap
    counted: int  # the units the percentage is taken of (see ``ProvinceCap.of``)
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


def meeting_standard(proposal: Proposal, award_id: str) -> tuple[str, ...]:
    """The units of the bloc that meet the standard of ``award_id``: each of its conditions
    except the vote, quota aside. Votes are cast for one award, so the unit voted the
    Government flag has none for the provincial flag, yet meets that flag's standard."""
    return tuple(
        s.member
        for s in proposal.standings
        for d in s.decisions
        if d.award == award_id and all(c.met for c in d.checks if c.condition.spec.part_of_standard)
    )


def counted_units(cap: ProvinceCap, proposals: list[Proposal]) -> int:
    """What the cap's percentage is taken of: bloc leaders, or units meeting a standard.

    Decree 91/2017 Art. 11(1) counts the collectives meeting the provincial-flag standard;
    the Ministry of Home Affairs' letter 5007/BNV-TĐKT (2023) counts the collectives leading
    blocs. A bloc's leaders count once per bloc (several only when a tie stands at rank 1).
    """
    if cap.of == "standard":
        return sum(len(meeting_standard(p, cap.standard)) for p in proposals)
    return sum(1 for p in proposals if leaders(p))


def check_caps(pack: RulePack, proposals: list[Proposal]) -> list[CapCheck]:
    """Each cap of ``pack`` over the blocs' proposals; ``over_by`` > 0 names a breach."""
    checks: list[CapCheck] = []
    for cap in pack.caps:
        found = tuple(
            (p.bloc_id, s.member)
            for p in sorted(proposals, key=lambda p: p.bloc_id)
            for s in p.proposed
            if s.award == cap.award
        )
        counted = counted_units(cap, proposals)
        checks.append(CapCheck(cap, counted, cap.limit(counted), found))
    return checks


def rule_groups(proposals: list[Proposal]) -> list[tuple[RulePack, tuple[str, ...]]]:
    """The blocs grouped by the rules they ran under: the same pack and the same rules files
    (the province's, the bloc's). More than one group in a year is worth the board's eye."""
    groups: dict[tuple[str, tuple[str, ...]], list[Proposal]] = {}
    for proposal in sorted(proposals, key=lambda p: p.bloc_id):
        key = (proposal.pack.id, proposal.pack.sources[1:])
        groups.setdefault(key, []).append(proposal)
    return [(group[0].pack, tuple(p.bloc_id for p in group)) for group in groups.values()]


def check_all_caps(fallback: RulePack, proposals: list[Proposal]) -> list[CapCheck]:
    """The caps of each pack the blocs ran under, each over that pack's blocs (the caps of
    ``fallback`` when no bloc has a proposal)."""
    if not proposals:
        return check_caps(fallback, [])
    checks: list[CapCheck] = []
    for pack_id in dict.fromkeys(p.pack.id for p in proposals):
        group = [p for p in proposals if p.pack.id == pack_id]
        checks.extend(check_caps(group[0].pack, group))
    return checks
