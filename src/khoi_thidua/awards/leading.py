"""Which units lead the bloc: the best-ranked that meet the leading standard, ties kept open."""

from __future__ import annotations

from khoi_thidua.awards.kinds.base import ConditionCheck, Facts, check
from khoi_thidua.awards.rules import LeadingRule, RulePack
from khoi_thidua.model import MemberResult
from khoi_thidua.records import record


@record
class PassedOver:
    """A unit ranked above the leader that does not meet the leading standard, and why."""

    member: str
    rank: int
    failed: tuple[ConditionCheck, ...]


@record
class Leading:
    """The bloc's leading units for the year and how they were found.

    ``members`` holds ``rule.units`` units, more only when units tie at the boundary (then
    ``tied``: the conference elects among them), fewer when too few meet the standard.
    """

    rule: LeadingRule
    members: tuple[str, ...]
    tied: bool
    passed_over: tuple[PassedOver, ...]


def find_leading(pack: RulePack, ranked: list[tuple[int, MemberResult]], facts: Facts) -> Leading:
    """The best-ranked units meeting the standard of ``pack.leading`` (ballots aside)."""
    rule = pack.leading
    standard = None if rule.standard is None else pack.award(rule.standard)
    qualifying: list[tuple[int, str]] = []
    failing: list[PassedOver] = []
    for rank, result in ranked:
        if standard is None:
            qualifying.append((rank, result.member))
            continue
        checks = tuple(
            check(c, standard, result, facts)
            for c in standard.conditions
            if c.spec.part_of_standard
        )
        if all(c.met for c in checks):
            qualifying.append((rank, result.member))
        else:
            failing.append(PassedOver(result.member, rank, tuple(c for c in checks if not c.met)))
    chosen = qualifying[: rule.units]
    tied = False
    if chosen and len(qualifying) > rule.units and qualifying[rule.units][0] == chosen[-1][0]:
        boundary = chosen[-1][0]
        chosen = [q for q in qualifying if q[0] <= boundary]
        tied = True
    last = chosen[-1][0] if chosen else None
    passed = tuple(p for p in failing if last is None or p.rank < last)
    return Leading(rule, tuple(m for _, m in chosen), tied, passed)
