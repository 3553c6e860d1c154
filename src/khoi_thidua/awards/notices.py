"""The warnings a proposal carries for the conference: ties, held seats, gaps and defaults."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Generic, Literal, TypedDict, TypeVar, Union

from khoi_thidua.awards.conditions import ConditionCheck
from khoi_thidua.awards.kinds.base import Condition
from khoi_thidua.awards.kinds.leads import LeadsBloc
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.model import MemberResult, YearResults
from khoi_thidua.records import record

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


# -- the detail of each code, as the proposal's JSON publishes it (docs/schemas) -------------


class TieDetail(TypedDict):
    """tie: units tied at an award's quota boundary, and the seats left for them."""

    award: str
    rank: int
    members: list[str]
    seats_left: int


class HeldSeatDetail(TypedDict):
    """held_seat: seats of ``award`` kept for the units tied for higher awards."""

    award: str
    for_awards: list[str]
    members: list[str]
    seats: int


class RankTieDetail(TypedDict):
    """leading_tie, ranking_tie: units sharing a rank."""

    rank: int
    members: list[str]


class QuotaZeroDetail(TypedDict):
    """quota_zero: a percentage quota that rounds down to no seat."""

    award: str
    percent: float
    member_count: int


class MemberDetail(TypedDict):
    """no_results, no_votes: the unit concerned."""

    member: str


class NoDetail(TypedDict):
    """no_ballots: nothing more than the code."""


class UnverifiedDetail(TypedDict):
    """unverified: an award's default relied on (`quota`, `leading` or a condition's kind)."""

    award: str
    what: str
    basis: str


class PackNoteDetail(TypedDict):
    """pack_note: a note of the rule pack, in Vietnamese and English."""

    text: str
    text_en: str


class NotCandidateDetail(TypedDict):
    """not_candidate: votes for a unit that was not on the ballot for ``award``."""

    award: str
    member: str
    votes: int


class NoQuorumDetail(TypedDict):
    """no_quorum: members present, the bloc's members and the share that must be present."""

    present: int
    members: int
    quorum: float


class TypedScoreDetail(TypedDict):
    """typed_score: the plan could not compute the unit's score; why."""

    member: str
    plan: str
    error: str


class ComputedScoreDetail(TypedDict):
    """computed_score: the plan's score and the one typed in the results (None: none typed)."""

    member: str
    computed: float
    typed: float | None
    plan: str


class ExcludedDetail(TypedDict):
    """excluded: the disqualifying criteria failed that leave the unit out."""

    member: str
    failed: list[str]
    plan: str


class RatingCappedDetail(TypedDict):
    """rating_capped: the disqualifying criteria failed, the rating typed and its cap."""

    member: str
    failed: list[str]
    plan: str
    rating: str
    cap: str


CodeT = TypeVar("CodeT", bound=NoticeCode)
DetailT = TypeVar("DetailT")


class NoticeEntry(TypedDict, Generic[CodeT, DetailT]):
    """A warning as the proposal's JSON publishes it: its code, its words and its detail."""

    code: CodeT
    text: str
    detail: DetailT


@record
class NoticeOf(Generic[CodeT, DetailT]):
    """A warning for the conference: a code and the values it concerns (``Notice`` pairs each
    code with its detail, so that a reader who compares the code knows the detail's keys)."""

    code: CodeT
    detail: DetailT

    def entry(self, text: str) -> NoticeEntry[CodeT, DetailT]:
        """The warning as published, with ``text`` its words."""
        return {"code": self.code, "text": text, "detail": self.detail}


# The unions are written Union[...]: built in one step when khoi starts, where a chain of `|`
# rebuilds the union once per member (about twice the import time).
# The warnings of the year's plan about one unit (year_flow.py).
PlanNotice = Union[  # noqa: UP007
    NoticeOf[Literal["typed_score"], TypedScoreDetail],
    NoticeOf[Literal["computed_score"], ComputedScoreDetail],
    NoticeOf[Literal["rating_capped"], RatingCappedDetail],
    NoticeOf[Literal["excluded"], ExcludedDetail],
]
# The warnings about the year's count (awards/ballot.py).
CountNotice = Union[  # noqa: UP007
    NoticeOf[Literal["not_candidate"], NotCandidateDetail],
    NoticeOf[Literal["no_quorum"], NoQuorumDetail],
]
# Every warning: one code, one detail shape (tests/test_notices.py checks it covers NoticeCode).
Notice = Union[  # noqa: UP007
    NoticeOf[Literal["tie"], TieDetail],
    NoticeOf[Literal["held_seat"], HeldSeatDetail],
    NoticeOf[Literal["leading_tie"], RankTieDetail],
    NoticeOf[Literal["ranking_tie"], RankTieDetail],
    NoticeOf[Literal["quota_zero"], QuotaZeroDetail],
    NoticeOf[Literal["no_results"], MemberDetail],
    NoticeOf[Literal["no_ballots"], NoDetail],
    NoticeOf[Literal["no_votes"], MemberDetail],
    NoticeOf[Literal["unverified"], UnverifiedDetail],
    NoticeOf[Literal["pack_note"], PackNoteDetail],
    CountNotice,
    PlanNotice,
]


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
            NoticeOf(
                "tie",
                TieDetail(
                    award=tie.award,
                    rank=tie.rank,
                    members=list(tie.members),
                    seats_left=tie.seats_left,
                ),
            )
        )
    for seat in held:
        notices.append(
            NoticeOf(
                "held_seat",
                HeldSeatDetail(
                    award=seat.award,
                    for_awards=list(seat.for_awards),
                    members=list(seat.members),
                    seats=seat.seats,
                ),
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
            notices.append(NoticeOf("leading_tie", RankTieDetail(rank=rank, members=members)))
        else:
            notices.append(NoticeOf("ranking_tie", RankTieDetail(rank=rank, members=members)))
    for award in pack.bloc_awards:
        quota = award.quota
        if quota.kind == "percent" and quota.seats(len(ranked) + len(missing)) == 0:
            notices.append(
                NoticeOf(
                    "quota_zero",
                    QuotaZeroDetail(
                        award=award.id,
                        percent=quota.percent,
                        member_count=len(ranked) + len(missing),
                    ),
                )
            )
    for member in missing:
        notices.append(NoticeOf("no_results", MemberDetail(member=member)))
    if results.ballots is None:
        notices.append(NoticeOf("no_ballots", NoDetail()))
    else:
        for _, result in ranked:
            if not result.votes_recorded:
                notices.append(NoticeOf("no_votes", MemberDetail(member=result.member)))
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
        notices.append(
            NoticeOf("unverified", UnverifiedDetail(award=award_id, what=what, basis=basis))
        )
    notices.extend(
        NoticeOf("pack_note", PackNoteDetail(text=vi, text_en=en)) for vi, en in pack.notes
    )
    return notices
