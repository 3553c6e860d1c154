"""Who goes on the conference's ballot: the units eligible on everything but the vote itself."""

from __future__ import annotations

from khoi_thidua.awards.notices import (
    CountNotice,
    NoQuorumDetail,
    NotCandidateDetail,
    NoticeOf,
)
from khoi_thidua.awards.proposal import Proposal
from khoi_thidua.model import VoteCount
from khoi_thidua.records import record


@record
class BallotSection:
    """One award on the ballot: its seats and its candidates, in the order of the ranking."""

    award: str
    seats: int | None  # None: no cap
    candidates: tuple[str, ...]


def ballot_sections(proposal: Proposal) -> tuple[BallotSection, ...]:
    """Each bloc award with the units that meet every condition except the vote share."""
    sections: list[BallotSection] = []
    for seat in proposal.seats:
        candidates = []
        for standing in proposal.standings:
            decision = next((d for d in standing.decisions if d.award == seat.award), None)
            if decision is None:
                continue
            # the conditions the ballot itself decides (its kind says) do not keep a unit off it
            if all(c.met for c in decision.checks if not c.condition.spec.on_the_ballot):
                candidates.append(standing.member)
        sections.append(BallotSection(seat.award, seat.seats, tuple(candidates)))
    return tuple(sections)


def candidates_for(sections: tuple[BallotSection, ...], award: str) -> tuple[str, ...]:
    """The candidates on the ballot for ``award`` (none when it is not on the ballot)."""
    return next((s.candidates for s in sections if s.award == award), ())


def count_notices(proposal: Proposal, count: VoteCount | None) -> tuple[CountNotice, ...]:
    """What looks wrong in the year's count: votes for units not on the ballot, no quorum."""
    sections = ballot_sections(proposal)
    notices: list[CountNotice] = []
    for standing in proposal.standings:
        if standing.result is None:
            continue
        for award, votes in standing.result.votes:
            on_ballot = any(s.award == award for s in sections)
            if votes and on_ballot and standing.member not in candidates_for(sections, award):
                notices.append(
                    NoticeOf(
                        "not_candidate",
                        NotCandidateDetail(award=award, member=standing.member, votes=votes),
                    )
                )
    if count is not None and count.present is not None and count.quorum_met is False:
        notices.append(
            NoticeOf(
                "no_quorum",
                NoQuorumDetail(present=count.present, members=count.members, quorum=count.quorum),
            )
        )
    return tuple(notices)
