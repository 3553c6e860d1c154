"""Ranks a bloc's members on a year's results and fills the awards in precedence order."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from khoi_thidua.awards.conditions import ConditionCheck, Facts, check
from khoi_thidua.awards.leading import Leading, find_leading
from khoi_thidua.awards.rules import AwardRule, Condition, Quota, RulePack
from khoi_thidua.model import Bloc, MemberResult, YearResults

# Status of a unit for one award, as the proposal explains it.
PROPOSED = "proposed"
NOT_ELIGIBLE = "not_eligible"  # fails at least one condition
NO_ROOM = "no_room"  # meets every condition, but higher-ranked units filled the quota
TIE = "tie"  # tied with others at the quota boundary: the conference must settle it
HIGHER = "higher_award"  # already proposed for an award higher in precedence
HELD = "held_by_tie"  # its tie for a higher award is unsettled, so it is not placed lower
ELIGIBLE = "eligible"  # titles only: meets every condition


@dataclass(frozen=True)
class AwardDecision:
    """One unit and one award: the outcome, each condition checked, and who took the seats."""

    award: str
    status: str
    checks: tuple[ConditionCheck, ...]
    others: tuple[str, ...] = ()  # the units that filled the seats, or the higher award's id

    @property
    def failed(self) -> tuple[ConditionCheck, ...]:
        return tuple(c for c in self.checks if not c.met)


@dataclass(frozen=True)
class Standing:
    """A member's place in the year's ranking and the outcome of every award for it."""

    member: str
    rank: int | None  # None: no results for the year
    tied_with: tuple[str, ...]
    result: MemberResult | None
    award: str | None
    decisions: tuple[AwardDecision, ...]
    titles: tuple[AwardDecision, ...]


@dataclass(frozen=True)
class Tie:
    """Units tied at an award's quota boundary; the seats left are for the conference."""

    award: str
    rank: int
    members: tuple[str, ...]
    seats_left: int


@dataclass(frozen=True)
class Seats:
    award: str
    seats: int | None  # None: no cap
    members: int
    quota: Quota


@dataclass(frozen=True)
class Notice:
    """A warning for the conference: a code and the values it concerns."""

    code: str  # tie, ranking_tie, no_results, no_votes, no_ballots, unverified, pack_note
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Proposal:
    """The draft proposal of a bloc for a year, with everything needed to explain it."""

    bloc_id: str
    year: int
    pack: RulePack
    members: int
    standings: tuple[Standing, ...]
    seats: tuple[Seats, ...]
    ties: tuple[Tie, ...]
    notices: tuple[Notice, ...]
    leading: Leading

    def standing(self, member_id: str) -> Standing:
        for standing in self.standings:
            if standing.member == member_id:
                return standing
        raise KeyError(member_id)

    @property
    def proposed(self) -> tuple[Standing, ...]:
        return tuple(s for s in self.standings if s.award is not None)


def _sort_key(result: MemberResult, tie_break: tuple[str, ...]) -> tuple[float, ...]:
    key = [-result.score, -float(result.total_votes)]
    for name in tie_break:
        if name == "self_score":
            key.append(-(result.self_score if result.self_score is not None else float("-inf")))
    return tuple(key)


def rank_results(
    results: tuple[MemberResult, ...], tie_break: tuple[str, ...]
) -> list[tuple[int, MemberResult]]:
    """Competition ranking (1, 2, 2, 4): by score, then total votes, then the pack's keys.

    Units equal on every key share a rank; the member id orders them for display only.
    """
    ordered = sorted(results, key=lambda r: (_sort_key(r, tie_break), r.member))
    ranked: list[tuple[int, MemberResult]] = []
    for index, result in enumerate(ordered):
        if index and _sort_key(result, tie_break) == _sort_key(ordered[index - 1], tie_break):
            ranked.append((ranked[-1][0], result))
        else:
            ranked.append((index + 1, result))
    return ranked


def propose(
    bloc: Bloc,
    results: YearResults,
    history: Mapping[int, YearResults],
    pack: RulePack,
) -> Proposal:
    """Draft the bloc's proposal for ``results.year`` under ``pack``."""
    year = results.year
    active = bloc.members_in(year)
    active_ids = {m.id for m in active}
    scored = tuple(r for r in results.results if r.member in active_ids)
    ranked = rank_results(scored, pack.tie_break)
    ranks = {r.member: rank for rank, r in ranked}
    facts = Facts(year, results, history, ranks)
    # Who leads is settled before the awards: the Government flag is for the leading unit,
    # not merely rank 1 (a top scorer that fails the standard leads nobody).
    leading = find_leading(pack, ranked, facts)
    facts = dataclasses.replace(facts, leaders=leading.members)

    checks: dict[tuple[str, str], tuple[ConditionCheck, ...]] = {}
    for _, result in ranked:
        for award in pack.awards:
            checks[(result.member, award.id)] = tuple(
                check(c, award, result, facts) for c in award.conditions
            )

    status: dict[tuple[str, str], AwardDecision] = {}
    taken: dict[str, str] = {}
    held: dict[str, str] = {}
    seats_list: list[Seats] = []
    ties: list[Tie] = []
    for award in pack.bloc_awards:
        seats = award.quota.seats(len(active))
        seats_list.append(Seats(award.id, seats, len(active), award.quota))
        _fill(award, seats, ranked, ranks, checks, status, taken, held, ties)

    standings: list[Standing] = []
    for rank, result in ranked:
        decisions = tuple(status[(result.member, a.id)] for a in pack.bloc_awards)
        titles = tuple(
            AwardDecision(
                a.id,
                ELIGIBLE if all(c.met for c in checks[(result.member, a.id)]) else NOT_ELIGIBLE,
                checks[(result.member, a.id)],
            )
            for a in pack.titles
        )
        tied = tuple(r.member for k, r in ranked if k == rank and r.member != result.member)
        standings.append(
            Standing(result.member, rank, tied, result, taken.get(result.member), decisions, titles)
        )
    missing = [m.id for m in active if m.id not in ranks]
    standings.extend(Standing(m, None, (), None, None, (), ()) for m in missing)

    notices = _notices(pack, results, ranked, missing, ties, checks)
    return Proposal(
        bloc_id=bloc.id,
        year=year,
        pack=pack,
        members=len(active),
        standings=tuple(standings),
        seats=tuple(seats_list),
        ties=tuple(ties),
        notices=tuple(notices),
        leading=leading,
    )


def _fill(
    award: AwardRule,
    seats: int | None,
    ranked: list[tuple[int, MemberResult]],
    ranks: Mapping[str, int],
    checks: Mapping[tuple[str, str], tuple[ConditionCheck, ...]],
    status: dict[tuple[str, str], AwardDecision],
    taken: dict[str, str],
    held: dict[str, str],
    ties: list[Tie],
) -> None:
    """Give ``award`` to the best-ranked qualifying units still free, within ``seats``."""
    qualifying: list[str] = []
    for _, result in ranked:
        member = result.member
        member_checks = checks[(member, award.id)]
        if member in taken:
            status[(member, award.id)] = AwardDecision(
                award.id, HIGHER, member_checks, (taken[member],)
            )
        elif member in held:
            status[(member, award.id)] = AwardDecision(
                award.id, HELD, member_checks, (held[member],)
            )
        elif not all(c.met for c in member_checks):
            status[(member, award.id)] = AwardDecision(award.id, NOT_ELIGIBLE, member_checks)
        else:
            qualifying.append(member)
    limit = len(qualifying) if seats is None else seats
    winners = qualifying[:limit]
    tied: list[str] = []
    if 0 < limit < len(qualifying) and ranks[qualifying[limit - 1]] == ranks[qualifying[limit]]:
        boundary = ranks[qualifying[limit]]
        tied = [m for m in qualifying if ranks[m] == boundary]
        winners = [m for m in winners if ranks[m] != boundary]
        ties.append(Tie(award.id, boundary, tuple(tied), limit - len(winners)))
    for member in qualifying:
        member_checks = checks[(member, award.id)]
        if member in winners:
            taken[member] = award.id
            status[(member, award.id)] = AwardDecision(award.id, PROPOSED, member_checks)
        elif member in tied:
            held[member] = award.id
            others = tuple(m for m in tied if m != member)
            status[(member, award.id)] = AwardDecision(award.id, TIE, member_checks, others)
        else:
            status[(member, award.id)] = AwardDecision(
                award.id, NO_ROOM, member_checks, tuple(winners + tied)
            )


def _with_nested(condition: Condition) -> list[Condition]:
    """A condition and, for a group, every condition inside its routes."""
    found = [condition]
    for inner in condition.spec.nested():
        found.extend(_with_nested(inner))
    return found


def _notices(
    pack: RulePack,
    results: YearResults,
    ranked: list[tuple[int, MemberResult]],
    missing: list[str],
    ties: list[Tie],
    checks: Mapping[tuple[str, str], tuple[ConditionCheck, ...]],
) -> list[Notice]:
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
    groups: dict[int, list[str]] = {}
    for rank, result in ranked:
        groups.setdefault(rank, []).append(result.member)
    for rank, members in groups.items():
        if len(members) > 1:
            notices.append(Notice("ranking_tie", {"rank": rank, "members": members}))
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
                if condition.kind == "leads_bloc" and pack.leading.unverified:
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
