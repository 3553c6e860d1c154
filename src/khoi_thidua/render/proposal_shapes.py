"""The JSON shape of `khoi propose --json`, as TypedDicts that mypy checks.

It mirrors docs/schemas/propose.schema.json (tests/test_json_shapes.py compares them). The
parameters and observations of a condition differ by kind: they are JSON objects
(awards.kinds.base.Json), published as the kind writes them. A warning's detail has one shape
per code (awards.notices), which the schema lists code by code.
"""

from __future__ import annotations

from typing import Literal, TypedDict, Union

from khoi_thidua.awards.kinds.base import JsonObject
from khoi_thidua.awards.notices import (
    ComputedScoreDetail,
    ExcludedDetail,
    HeldSeatDetail,
    MemberDetail,
    NoDetail,
    NoQuorumDetail,
    NotCandidateDetail,
    NoticeEntry,
    PackNoteDetail,
    QuotaZeroDetail,
    RankTieDetail,
    RatingCappedDetail,
    TieDetail,
    TypedScoreDetail,
    UnverifiedDetail,
)
from khoi_thidua.awards.proposal import Status
from khoi_thidua.render.shapes import BlocRef, MemberRef


class AwardRef(TypedDict):
    """An award as a standing names it."""

    id: str
    name: str
    basis: str


class CheckEntry(TypedDict):
    """One condition of an award, whether the unit meets it, and what the data showed."""

    kind: str
    rule: str
    met: bool
    observed: str
    basis: str
    unverified: bool
    params: JsonObject
    actual: JsonObject


class DecisionEntry(TypedDict):
    """One unit and one award: the outcome and its reason."""

    award: str
    status: Status
    others: list[str]
    held_for: list[str]
    reason: str
    conference: str | None
    conditions: list[CheckEntry]


class DecisiveEntry(TypedDict):
    """The award nearest a unit's reach (or its tie), and the votes for it."""

    award: str | None
    reason: str
    votes: int | None


class StandingEntry(TypedDict):
    """A unit's place in the ranking, its results and every award's outcome."""

    rank: int | None
    tied_with: list[str]
    member: MemberRef
    has_results: bool
    score: float | None
    self_score: float | None
    rating: str | None
    rating_label: str | None
    discipline: str | None
    votes: dict[str, int]
    total_votes: int
    award: AwardRef | None
    reason: str
    decisive: DecisiveEntry
    decisions: list[DecisionEntry]
    titles: list[DecisionEntry]


# "from" is a Python keyword: the functional form names it.
YearSpan = TypedDict("YearSpan", {"from": int, "to": int | None})


class RulePackEntry(TypedDict):
    """The rule pack in force."""

    id: str
    name: str
    basis: str
    years: YearSpan
    sources: list[str]


class RulesChoice(TypedDict):
    """The pack, what chose it and why."""

    pack: str
    name: str
    chosen_by: str | None
    date: str | None
    pinned_in: str | None
    reason: str
    files: list[str]
    unread_sources: list[str]


class PassedOverEntry(TypedDict):
    """A unit ranked above the leading unit that fails its standard."""

    member: MemberRef
    rank: int
    fails: list[str]


class LeaderEntry(TypedDict):
    """The bloc's leading unit(s) and why."""

    members: list[MemberRef]
    standard: str | None
    units: int
    tied: bool
    passed_over: list[PassedOverEntry]
    reason: str


class ProposedEntry(TypedDict):
    """A unit proposed for an award."""

    rank: int | None
    member: MemberRef
    award: AwardRef | None


class SeatEntry(TypedDict):
    """How many units an award may go to."""

    award: str
    name: str
    seats: int | None  # None: no cap
    members: int
    quota: str
    unverified: bool
    basis: str


class HeldEntry(TypedDict):
    """Seats of an award kept for the units tied for a higher one."""

    award: str
    for_awards: list[str]
    members: list[str]
    seats: int


class TieEntry(TypedDict):
    """Units tied at the quota boundary: the conference must settle it."""

    award: str
    rank: int
    members: list[str]
    seats_left: int


class SettledEntry(TypedDict):
    """A tie the conference settled."""

    award: str
    rank: int
    members: list[str]


# A warning about the proposal: its stable code, its words and the detail that code carries
# (the same pairs as awards.notices.Notice, which mypy checks where render/proposal.py builds it).
WarningEntry = Union[  # noqa: UP007 (one step at import: awards/notices.py)
    NoticeEntry[Literal["tie"], TieDetail],
    NoticeEntry[Literal["held_seat"], HeldSeatDetail],
    NoticeEntry[Literal["leading_tie"], RankTieDetail],
    NoticeEntry[Literal["ranking_tie"], RankTieDetail],
    NoticeEntry[Literal["quota_zero"], QuotaZeroDetail],
    NoticeEntry[Literal["no_results"], MemberDetail],
    NoticeEntry[Literal["no_ballots"], NoDetail],
    NoticeEntry[Literal["no_votes"], MemberDetail],
    NoticeEntry[Literal["unverified"], UnverifiedDetail],
    NoticeEntry[Literal["pack_note"], PackNoteDetail],
    NoticeEntry[Literal["not_candidate"], NotCandidateDetail],
    NoticeEntry[Literal["no_quorum"], NoQuorumDetail],
    NoticeEntry[Literal["typed_score"], TypedScoreDetail],
    NoticeEntry[Literal["computed_score"], ComputedScoreDetail],
    NoticeEntry[Literal["rating_capped"], RatingCappedDetail],
    NoticeEntry[Literal["excluded"], ExcludedDetail],
]


class ProposalResult(TypedDict):
    """`khoi propose --json`: one bloc's proposal for a year."""

    schema: int
    bloc: BlocRef
    year: int
    status: str
    rule_pack: RulePackEntry
    rules: RulesChoice
    members: int
    leader: LeaderEntry
    proposed: list[ProposedEntry]
    standings: list[StandingEntry]
    seats: list[SeatEntry]
    held: list[HeldEntry]
    ties: list[TieEntry]
    settled: list[SettledEntry]
    warnings: list[WarningEntry]


class ExplainResult(TypedDict):
    """`khoi propose --explain UNIT --json`: one unit's standing and what it stands against."""

    schema: int
    bloc: BlocRef
    year: int
    rule_pack: RulePackEntry
    members: int
    leader: LeaderEntry
    standing: StandingEntry
