"""Ranks a bloc's members on a year's results and fills the awards in precedence order."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from khoi_thidua.awards.conditions import ConditionCheck, Facts, check
from khoi_thidua.awards.leading import Leading, find_leading
from khoi_thidua.awards.notices import Notice, build_notices
from khoi_thidua.awards.rules import AwardRule, Quota, RulePack
from khoi_thidua.awards.ties import HeldSeats, Tie
from khoi_thidua.model import Bloc, MemberResult, YearResults
from khoi_thidua.records import record

# Status of a unit for one award, as the proposal explains it.
Status = Literal[
    "proposed",
    "not_eligible",
    "no_room",
    "tie",
    "higher_award",
    "held_by_tie",
    "seat_held",
    "eligible",
    "held_back",
]
PROPOSED: Final = "proposed"
NOT_ELIGIBLE: Final = "not_eligible"  # fails at least one condition
NO_ROOM: Final = "no_room"  # meets every condition, but higher-ranked units filled the quota
TIE: Final = "tie"  # tied with others at the quota boundary: the conference must settle it
HIGHER: Final = "higher_award"  # already proposed for an award higher in precedence
HELD: Final = "held_by_tie"  # its tie for a higher award is unsettled, so it is not placed lower
# Held by such a tie, and a seat of this award is kept for it should the conference choose
# another unit for the higher award (the loser of a tie must still be able to take this one).
SEAT_HELD: Final = "seat_held"
ELIGIBLE: Final = "eligible"  # titles only: meets every condition
HELD_BACK: Final = "held_back"  # the conference did not propose it (awards/decisions.py)


@record
class AwardDecision:
    """One unit and one award: the outcome, each condition checked, and who took the seats."""

    award: str
    status: Status
    checks: tuple[ConditionCheck, ...]
    others: tuple[str, ...] = ()  # the units that filled the seats, or the higher award's id
    held_for: tuple[str, ...] = ()  # no room: the tied units a seat of this award is kept for
    conference: str = ""  # the conference's reason, when the outcome came from its decision

    @property
    def failed(self) -> tuple[ConditionCheck, ...]:
        return tuple(c for c in self.checks if not c.met)


@record
class Standing:
    """A member's place in the year's ranking and the outcome of every award for it."""

    member: str
    rank: int | None  # None: no results for the year
    tied_with: tuple[str, ...]
    result: MemberResult | None
    award: str | None
    decisions: tuple[AwardDecision, ...]
    titles: tuple[AwardDecision, ...]


@record
class Seats:
    """How many units an award may be proposed for in the bloc, under its quota."""

    award: str
    seats: int | None  # None: no cap
    members: int
    quota: Quota


@dataclass
class _Filling:
    """What filling the awards in precedence order has settled so far."""

    status: dict[tuple[str, str], AwardDecision] = field(default_factory=dict)
    taken: dict[str, str] = field(default_factory=dict)  # unit → award proposed
    held: dict[str, str] = field(default_factory=dict)  # unit → award it is tied for
    ties: list[Tie] = field(default_factory=list)
    pending: dict[str, int] = field(default_factory=dict)  # tie's award → units it may leave


@record
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
    held: tuple[HeldSeats, ...] = ()
    settled: tuple[Tie, ...] = ()  # ties the conference settled (awards/decisions.py)
    status: str = "draft"  # "confirmed": the list after the conference, no tie left open

    def standing(self, member_id: str) -> Standing:
        for standing in self.standings:
            if standing.member == member_id:
                return standing
        raise KeyError(member_id)

    @property
    def proposed(self) -> tuple[Standing, ...]:
        return tuple(s for s in self.standings if s.award is not None)


def _sort_key(result: MemberResult, tie_break: tuple[str, ...]) -> tuple[float, ...]:
    score = result.score if result.score is not None else float("-inf")
    key = [-score, -float(result.total_votes)]
    for name in tie_break:
        if name == "self_score":
            key.append(-(result.self_score if result.self_score is not None else float("-inf")))
    return tuple(key)


def rank_results(
    results: tuple[MemberResult, ...], tie_break: tuple[str, ...]
) -> list[tuple[int, MemberResult]]:
    """Competition ranking (1, 2, 2, 4): by score, then total votes, then the pack's keys.

    Units equal on every key share a rank; the member id orders them for display only. A unit
    without a score (a past year with its rating only) has no place in a ranking and is left out.
    """
    scored = [r for r in results if r.score is not None]
    ordered = sorted(scored, key=lambda r: (_sort_key(r, tie_break), r.member))
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
    facts = Facts(
        year,
        results,
        history,
        ranks,
        predecessors={m.id: m.history_from for m in bloc.members if m.history_from},
        uncounted=_uncounted(bloc),
        members=len(active),
        votes_of=pack.votes_of,
    )
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

    state = _Filling()
    seats_list: list[Seats] = []
    kept: list[HeldSeats] = []
    for award in pack.bloc_awards:
        seats = award.quota.seats(len(active))
        seats_list.append(Seats(award.id, seats, len(active), award.quota))
        held_seats = _fill(award, seats, ranked, ranks, checks, state)
        if held_seats is not None:
            kept.append(held_seats)
    status, taken, ties = state.status, state.taken, state.ties

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

    notices = build_notices(pack, results, ranked, missing, ties, checks, leading, tuple(kept))
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
        held=tuple(kept),
    )


def _uncounted(bloc: Bloc) -> dict[str, tuple[str, ...]]:
    """Each successor's predecessors whose history the bloc did not say to count."""
    counted = {m.id: set(m.history_from) for m in bloc.members}
    uncounted: dict[str, list[str]] = {}
    for member in bloc.members:
        successor = member.merged_into
        if successor is not None and member.id not in counted.get(successor, set()):
            uncounted.setdefault(successor, []).append(member.id)
    return {k: tuple(v) for k, v in uncounted.items()}


def _fill(
    award: AwardRule,
    seats: int | None,
    ranked: list[tuple[int, MemberResult]],
    ranks: Mapping[str, int],
    checks: Mapping[tuple[str, str], tuple[ConditionCheck, ...]],
    state: _Filling,
) -> HeldSeats | None:
    """Give ``award`` to the best-ranked qualifying units still free, within ``seats``, after
    keeping seats for the units an unsettled tie above may leave without a higher award."""
    status = state.status
    qualifying: list[str] = []
    held_here: list[str] = []
    for _, result in ranked:
        member = result.member
        member_checks = checks[(member, award.id)]
        if member in state.taken:
            status[(member, award.id)] = AwardDecision(
                award.id, HIGHER, member_checks, (state.taken[member],)
            )
        elif member in state.held:
            held_here.append(member)
        elif not all(c.met for c in member_checks):
            status[(member, award.id)] = AwardDecision(award.id, NOT_ELIGIBLE, member_checks)
        else:
            qualifying.append(member)
    kept = _keep_seats(award, seats, held_here, checks, state)
    for member in held_here:
        member_checks = checks[(member, award.id)]
        higher = (state.held[member],)
        if kept is not None and member in kept.members:
            status[(member, award.id)] = AwardDecision(award.id, SEAT_HELD, member_checks, higher)
        else:
            status[(member, award.id)] = AwardDecision(award.id, HELD, member_checks, higher)
    free = len(qualifying) if seats is None else max(0, seats - (kept.seats if kept else 0))
    limit = free
    winners = qualifying[:limit]
    tied: list[str] = []
    if 0 < limit < len(qualifying) and ranks[qualifying[limit - 1]] == ranks[qualifying[limit]]:
        boundary = ranks[qualifying[limit]]
        tied = [m for m in qualifying if ranks[m] == boundary]
        winners = [m for m in winners if ranks[m] != boundary]
        tie = Tie(award.id, boundary, tuple(tied), limit - len(winners))
        state.ties.append(tie)
        state.pending[award.id] = len(tied) - tie.seats_left
    held_for = kept.members if kept is not None else ()
    for member in qualifying:
        member_checks = checks[(member, award.id)]
        if member in winners:
            state.taken[member] = award.id
            status[(member, award.id)] = AwardDecision(award.id, PROPOSED, member_checks)
        elif member in tied:
            state.held[member] = award.id
            others = tuple(m for m in tied if m != member)
            status[(member, award.id)] = AwardDecision(award.id, TIE, member_checks, others)
        else:
            status[(member, award.id)] = AwardDecision(
                award.id, NO_ROOM, member_checks, tuple(winners + tied), held_for
            )
    return kept


def _keep_seats(
    award: AwardRule,
    seats: int | None,
    held_here: list[str],
    checks: Mapping[tuple[str, str], tuple[ConditionCheck, ...]],
    state: _Filling,
) -> HeldSeats | None:
    """The seats of ``award`` kept for units whose tie for a higher award is unsettled: as many
    as that tie can leave without it (its units minus its seats), among those who qualify."""
    kept: list[str] = []
    count = 0
    above: list[str] = []
    for tie in state.ties:
        need = state.pending.get(tie.award, 0)
        candidates = [
            m for m in tie.members if m in held_here and all(c.met for c in checks[(m, award.id)])
        ]
        if need <= 0 or not candidates:
            continue
        room = need if seats is None else min(need, seats - count)
        take = min(room, len(candidates))
        if take <= 0:
            continue
        state.pending[tie.award] = need - take
        count += take
        kept.extend(candidates)
        above.append(tie.award)
    if not kept or seats is None:
        return None  # an award without a cap needs no seat kept: the tie's loser will get it
    return HeldSeats(award.id, tuple(above), tuple(kept), count)
