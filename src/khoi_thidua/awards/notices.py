"""The warnings a proposal carries for the conference: ties, held seats, gaps and defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from khoi_thidua.awards.conditions import ConditionCheck
from khoi_thidua.awards.kinds.base import Condition
from khoi_thidua.awards.kinds.leads import LeadsBloc
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.model import MemberResult, YearResults

if TYPE_CHECKING:
    from khoi_thidua.awards.leading import Leading
    from khoi_thidua.awards.ties import HeldSeats, Tie


# Every warning a proposal can carry, by its stable code (logic never reads the text).
NoticeCode = Literal[
    "tie",
    "held_seat",
    "leading_tie",
    "ranking_tie",
    "quota_zero",
    "no_results",
    "no_ballots",
    "no_votes",
    "unverified",
    "pack_note",
    "not_candidate",  # awards/ballot.py: votes for a unit not on the ballot
    "no_quorum",  # awards/ballot.py: too few members present
    "typed_score",  # year_flow.py: a typed score differs from the one its plan computes
    "computed_score",  # year_flow.py: the score comes from the year's plan
    "rating_capped",  # year_flow.py: a disqualifying criterion failed caps the rating
    "excluded",  # year_flow.py: a disqualifying criterion failed excludes the unit
]


@dataclass(frozen=True)
class Notice:
    """A warning for the conference: a code and the values it concerns."""

    code: NoticeCode
    detail: dict[str, Any] = field(default_factory=dict)


def _with_nested(condition: Condition) -> list[Condition]:
    """A condition and, for a group, every condition inside its routes."""
    found = [condition]
    for inner in condition.spec.nested():
        found.extend(_with_nested(inner))
    return found


def build_notices(
    pack: RulePack,
    results: YearResults,
    ranked: list[tuple[int, MemberResult]],
    missing: list[str],
    ties: list[Tie],
    checks: Mapping[tuple[str, str], tuple[ConditionCheck, ...]],
    leading: Leading,
    held: tuple[HeldSeats, ...],
) -> list[Notice]:
    """The warnings for the conference, each about different units or facts (none of them
    contradicts another)."""
    notices: list[Notice] = []
    for tie in ties:
        notices.append(
            Notice(
                "tie",
                {
                    "award": tie.award,
                    "rank": tie.rank,
                    "members": list(tie.members),
                    "seats_left": tie.seats_left,
                },
            )
        )
    for seat in held:
        notices.append(
            Notice(
                "held_seat",
                {
                    "award": seat.award,
                    "for_awards": list(seat.for_awards),
                    "members": list(seat.members),
                    "seats": seat.seats,
                },
            )
        )
    in_quota_tie = {m for tie in ties for m in tie.members}
    leaders_matter = any(
        isinstance(c.spec, LeadsBloc)
        for a in pack.awards
        for top in a.conditions
        for c in _with_nested(top)
    )
    groups: dict[int, list[str]] = {}
    for rank, result in ranked:
        groups.setdefault(rank, []).append(result.member)
    for rank, members in groups.items():
        if len(members) < 2 or in_quota_tie & set(members):
            continue  # a quota tie already speaks of these units: no second, softer word
        if leaders_matter and leading.tied and set(leading.members) & set(members):
            notices.append(Notice("leading_tie", {"rank": rank, "members": members}))
        else:
            notices.append(Notice("ranking_tie", {"rank": rank, "members": members}))
    for award in pack.bloc_awards:
        quota = award.quota
        if quota.kind == "percent" and quota.seats(len(ranked) + len(missing)) == 0:
            notices.append(
                Notice(
                    "quota_zero",
                    {
                        "award": award.id,
                        "percent": quota.percent,
                        "member_count": len(ranked) + len(missing),
                    },
                )
            )
    for member in missing:
        notices.append(Notice("no_results", {"member": member}))
    if results.ballots is None:
        notices.append(Notice("no_ballots", {}))
    else:
        for _, result in ranked:
            if not result.votes_recorded:
                notices.append(Notice("no_votes", {"member": result.member}))
    used: set[tuple[str, str]] = set()
    for award in pack.bloc_awards:
        if award.quota.unverified:
            used.add((award.id, "quota"))
    for (_, award_id), member_checks in checks.items():
        for item in member_checks:
            for condition in _with_nested(item.condition):
                if condition.unverified:
                    used.add((award_id, condition.kind))
                if isinstance(condition.spec, LeadsBloc) and pack.leading.unverified:
                    used.add((award_id, "leading"))
    order = {a.id: i for i, a in enumerate(pack.awards)}
    for award_id, what in sorted(used, key=lambda u: (order[u[0]], u[1] != "quota", u[1])):
        award = pack.award(award_id)
        basis = (
            award.quota.basis
            if what == "quota"
            else pack.leading.basis
            if what == "leading"
            else next(
                c.basis
                for top in award.conditions
                for c in _with_nested(top)
                if c.kind == what and c.unverified
            )
        )
        notices.append(Notice("unverified", {"award": award_id, "what": what, "basis": basis}))
    notices.extend(Notice("pack_note", {"text": vi, "text_en": en}) for vi, en in pack.notes)
    return notices
