"""Applies the conference's recorded decisions to the draft proposal, never past a rule."""

from __future__ import annotations

from dataclasses import dataclass, replace

from khoi_thidua.awards.proposal import (
    HELD_BACK,
    HIGHER,
    NO_ROOM,
    NOT_ELIGIBLE,
    PROPOSED,
    AwardDecision,
    Proposal,
    Standing,
    Status,
)
from khoi_thidua.awards.ties import Tie
from khoi_thidua.i18n import Messages
from khoi_thidua.model import HOLD_BACK, ORDER, PUT_FORWARD, ConferenceDecision

CONFIRMED = "confirmed"
# Hold-backs free seats before the other decisions fill them.
_ORDER_OF_WORK = {HOLD_BACK: 0, ORDER: 1, PUT_FORWARD: 2}


class DecisionRefused(Exception):
    """A recorded decision that cannot stand: it would break a rule or names no open tie."""

    def __init__(self, index: int, message: str, hint: str = "", *, code: str) -> None:
        super().__init__(message)
        self.index = index  # the position of the decision in ``[[decisions]]``
        self.message = message
        self.hint = hint
        self.code = code  # the problem code it is told with (docs/problem-codes.md)


@dataclass
class _State:
    """The proposal being decided: each unit's award, its status, and the ties open or settled."""

    msgs: Messages  # the language a refusal is worded in
    proposal: Proposal
    status: dict[tuple[str, str], AwardDecision]
    award_of: dict[str, str | None]
    ties: list[Tie]
    settled: list[Tie]

    def name(self, award: str) -> str:
        return self.proposal.pack.award(award).name

    def holders(self, award: str) -> list[str]:
        return [m for m, a in self.award_of.items() if a == award]

    def has_room(self, award: str) -> bool:
        seats = next(s.seats for s in self.proposal.seats if s.award == award)
        return seats is None or len(self.holders(award)) < seats

    def lower(self, award: str) -> list[str]:
        ids = [s.award for s in self.proposal.seats]
        return ids[ids.index(award) + 1 :]

    def propose(self, member: str, award: str, why: str) -> None:
        self.award_of[member] = award
        self.status[(member, award)] = replace(
            self.status[(member, award)], status=PROPOSED, others=(), conference=why
        )
        for lower in self.lower(award):
            self.status[(member, lower)] = replace(
                self.status[(member, lower)], status=HIGHER, others=(award,), conference=""
            )


def apply_decisions(
    msgs: Messages,
    proposal: Proposal,
    decisions: tuple[ConferenceDecision, ...],
    confirmed: bool = False,
) -> Proposal:
    """The proposal after the conference's decisions; raises DecisionRefused for one that
    cannot stand, and (``confirmed``) when a tie is still open."""
    state = _State(
        msgs=msgs,
        proposal=proposal,
        status={(s.member, d.award): d for s in proposal.standings for d in s.decisions},
        award_of={s.member: s.award for s in proposal.standings if s.rank is not None},
        ties=list(proposal.ties),
        settled=[],
    )
    work = sorted(enumerate(decisions), key=lambda item: _ORDER_OF_WORK[item[1].action])
    for index, decision in work:
        if decision.action == HOLD_BACK:
            _hold_back(state, index, decision)
        elif decision.action == ORDER:
            _settle(state, index, decision)
        else:
            _put_forward(state, index, decision)
    if confirmed and state.ties:
        tie = state.ties[0]
        raise DecisionRefused(
            -1,
            state.msgs.t(
                "the tie for {award} between {members} is still open: the list cannot be confirmed",
                award=state.name(tie.award),
                members=", ".join(tie.members),
            ),
            state.msgs.t(
                "record the conference's order: khoi decide {year} --award {award} --order "
                '{members} --reason "…"',
                year=proposal.year,
                award=tie.award,
                members=",".join(tie.members),
            ),
            code="tie-still-open",
        )
    # A seat kept for a tie's units (see awards/proposal.py) is free again once that tie is
    # settled: the units the conference did not choose have taken it above, or could not.
    open_awards = {x.award for x in state.ties}
    held = tuple(h for h in proposal.held if open_awards & set(h.for_awards))
    freed = {h.award for h in proposal.held} - {h.award for h in held}
    for key, decided in state.status.items():
        if decided.award in freed and decided.held_for:
            others = tuple(state.holders(decided.award))
            state.status[key] = replace(decided, held_for=(), others=others)
    standings = tuple(_standing(state, s) for s in proposal.standings)
    settled_keys = {(t_.award, t_.members) for t_ in state.settled}
    notices = tuple(
        n
        for n in proposal.notices
        if not (n.code == "tie" and (n.detail["award"], tuple(n.detail["members"])) in settled_keys)
        and not (n.code == "held_seat" and n.detail["award"] in freed)
    )
    return replace(
        proposal,
        held=held,
        standings=standings,
        ties=tuple(state.ties),
        settled=tuple(state.settled),
        notices=notices,
        status=CONFIRMED if confirmed else proposal.status,
    )


def _standing(state: _State, standing: Standing) -> Standing:
    if standing.rank is None:
        return standing
    decisions = tuple(state.status[(standing.member, d.award)] for d in standing.decisions)
    return replace(standing, award=state.award_of[standing.member], decisions=decisions)


def _hold_back(state: _State, index: int, decision: ConferenceDecision) -> None:
    award, why = decision.award, decision.explanation
    for member in decision.members:
        tie = next((x for x in state.ties if x.award == award and member in x.members), None)
        if tie is not None:
            # Out of the tie: if the others now fit the seats left, the tie is over.
            rest = tuple(m for m in tie.members if m != member)
            state.ties.remove(tie)
            _drop(state, member, award, why)
            if len(rest) <= tie.seats_left:
                state.settled.append(tie)
                for other in rest:
                    state.propose(other, award, why)
            else:
                state.ties.append(replace(tie, members=rest))
            continue
        if state.award_of.get(member) != award:
            raise DecisionRefused(
                index,
                state.msgs.t(
                    "the conference holds `{member}` back from {award}, but it is not proposed "
                    "for it",
                    member=member,
                    award=state.name(award),
                ),
                state.msgs.t("check the member and the award of this decision"),
                code="hold-back-not-proposed",
            )
        _drop(state, member, award, why)


def _drop(state: _State, member: str, award: str, why: str) -> None:
    state.award_of[member] = None
    state.status[(member, award)] = replace(
        state.status[(member, award)], status=HELD_BACK, others=(), conference=why
    )
    for lower in state.lower(award):
        state.status[(member, lower)] = replace(
            state.status[(member, lower)], status=HELD_BACK, others=(award,), conference=why
        )


def _settle(state: _State, index: int, decision: ConferenceDecision) -> None:
    award, order, why = decision.award, decision.members, decision.explanation
    tie = next((x for x in state.ties if x.award == award and set(x.members) == set(order)), None)
    if tie is None:
        open_ties = [x for x in state.ties if x.award == award]
        raise DecisionRefused(
            index,
            state.msgs.t(
                "the conference's order for {award} names {members}, but no open tie is "
                "between exactly these units",
                award=state.name(award),
                members=", ".join(order),
            ),
            state.msgs.t(
                "open ties for this award: {ties}",
                ties="; ".join(", ".join(x.members) for x in open_ties) or "—",
            ),
            code="order-without-tie",
        )
    state.ties.remove(tie)
    state.settled.append(tie)
    winners, losers = order[: tie.seats_left], order[tie.seats_left :]
    for member in winners:
        state.propose(member, award, why)
    holders = tuple(state.holders(award))
    for member in losers:
        state.status[(member, award)] = replace(
            state.status[(member, award)], status=NO_ROOM, others=holders, conference=why
        )
    # Units no longer held by the tie may take a free seat of a lower award, in the
    # conference's order (they are tied on the ranking, so the ranking cannot order them).
    for lower in state.lower(award):
        for member in losers:
            if state.award_of.get(member) is not None:
                continue
            checks = state.status[(member, lower)].checks
            others: tuple[str, ...] = ()
            status: Status
            if not all(c.met for c in checks):
                status = NOT_ELIGIBLE
            elif state.has_room(lower):
                state.propose(member, lower, why)
                continue
            else:
                status, others = NO_ROOM, tuple(state.holders(lower))
            state.status[(member, lower)] = replace(
                state.status[(member, lower)], status=status, others=others, conference=""
            )


def _put_forward(state: _State, index: int, decision: ConferenceDecision) -> None:
    award, why = decision.award, decision.explanation
    for member in decision.members:
        if state.award_of.get(member) == award:
            continue
        failed = [c for c in state.status[(member, award)].checks if not c.met]
        if failed:
            raise DecisionRefused(
                index,
                state.msgs.t(
                    "the conference puts `{member}` forward for {award}, but it does not meet: "
                    "{conditions}",
                    member=member,
                    award=state.name(award),
                    conditions="; ".join(c.condition.basis or c.condition.kind for c in failed),
                ),
                state.msgs.t(
                    "a conference cannot waive a rule the unit must meet: withdraw the decision"
                ),
                code="conditions-not-met",
            )
        other = state.award_of.get(member)
        if other is not None:
            raise DecisionRefused(
                index,
                state.msgs.t(
                    "`{member}` is already proposed for {other}",
                    member=member,
                    other=state.name(other),
                ),
                state.msgs.t("record a hold_back decision for {other} first", other=other),
                code="already-proposed",
            )
        if any(member in x.members for x in state.ties if x.award == award):
            raise DecisionRefused(
                index,
                state.msgs.t(
                    "`{member}` is in an open tie for {award}",
                    member=member,
                    award=state.name(award),
                ),
                state.msgs.t("settle the tie with an `order` decision instead"),
                code="in-open-tie",
            )
        if not state.has_room(award):
            raise DecisionRefused(
                index,
                state.msgs.t(
                    "no seat is left for {award}: taken by {members}",
                    award=state.name(award),
                    members=", ".join(state.holders(award)),
                ),
                state.msgs.t("the quota is a rule too: hold one of them back first"),
                code="no-seat-left",
            )
        state.propose(member, award, why)
