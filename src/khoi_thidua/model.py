"""Frozen domain types: members, blocs and leadership records; a year's results are in
``results_model`` and named here too, loaded on first use so that `khoi rotate` never pays
for them."""

from __future__ import annotations

import importlib
from dataclasses import field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from khoi_thidua.records import record

if TYPE_CHECKING:  # the explicit re-exports, for type checkers
    from khoi_thidua.results_model import DECISION_ACTIONS as DECISION_ACTIONS
    from khoi_thidua.results_model import DISCIPLINE_LABELS_VI as DISCIPLINE_LABELS_VI
    from khoi_thidua.results_model import HOLD_BACK as HOLD_BACK
    from khoi_thidua.results_model import ORDER as ORDER
    from khoi_thidua.results_model import PUT_FORWARD as PUT_FORWARD
    from khoi_thidua.results_model import RATING_LABELS_VI as RATING_LABELS_VI
    from khoi_thidua.results_model import RATING_SHORT_VI as RATING_SHORT_VI
    from khoi_thidua.results_model import ConferenceDecision as ConferenceDecision
    from khoi_thidua.results_model import Discipline as Discipline
    from khoi_thidua.results_model import GrantedAward as GrantedAward
    from khoi_thidua.results_model import MemberResult as MemberResult
    from khoi_thidua.results_model import Rating as Rating
    from khoi_thidua.results_model import StaffFigures as StaffFigures
    from khoi_thidua.results_model import VoteCount as VoteCount
    from khoi_thidua.results_model import YearResults as YearResults

SCHEMA_VERSION = 1

# What an edit of a data file did: appended or changed it, or found it already so.
WriteStatus = Literal["written", "unchanged"]

# A year outside this range is a typing mistake (20222, 202), not a record.
MIN_YEAR = 1945
MAX_YEAR = 2100


class Policy(StrEnum):
    """How a bloc's chair and vice-chair are chosen each year."""

    CIRCULAR = "circular"  # luân phiên vòng tròn: this year's vice-chair chairs next year
    ELECTED = "elected"  # bầu tại hội nghị: the year-end conference elects them
    APPOINTED = "appointed"  # chỉ định: the provincial People's Committee names them


@record
class Member:
    """A member unit (đơn vị thành viên) of a bloc over the years it belongs to it."""

    id: str
    name: str
    short: str = ""
    joined: int | None = None  # None: a member since before the records began
    left: int | None = None  # first year it is no longer a member
    merged_into: str | None = None
    note: str = ""
    # Predecessors merged into this unit whose history its award conditions count as its own.
    history_from: tuple[str, ...] = ()

    def is_member_in(self, year: int) -> bool:
        started = self.joined is None or self.joined <= year
        return started and (self.left is None or year < self.left)

    @property
    def label(self) -> str:
        return self.short or self.name


@record
class LeadershipRecord:
    """The chair and vice-chair decided for one year, as recorded by the bloc."""

    year: int
    chair: str
    vice_chair: str | None
    note: str = ""
    # Who signs for the bloc: the head of the chair unit (name and title, where recorded).
    signer: str = ""
    signer_title: str = ""


@record
class Excusal:
    """A member excused from leadership for one year."""

    member: str
    year: int
    reason: str


@record
class ScoringCriterion:
    """One criterion of the bloc's scoring table and its maximum points."""

    id: str
    name: str
    max: float


@record
class Scoring:
    """The bloc's scoring table: the range of a final score and optional criteria."""

    min_score: float = 0.0
    max_score: float = 100.0
    criteria: tuple[ScoringCriterion, ...] = ()


@record
class DocumentSettings:
    """How the bloc's Word drafts are headed (Decree 30/2020 or the Party header)."""

    header: str = "state"  # "state": Quốc hiệu - Tiêu ngữ; "party": Đảng Cộng sản Việt Nam
    issuer: str = ""
    place: str = ""
    recipient: str = ""
    ballot: str = "tick"  # the ballot's form: "tick", "strike" or "agree" (đồng ý/không đồng ý)
    # Share of the members who must be present for the vote to count; [unverified] default.
    quorum: float = 0.5


@record
class Bloc:
    """An emulation bloc (khối thi đua): its members, rotation and recorded leadership."""

    id: str
    name: str
    organiser: str
    members: tuple[Member, ...]
    order: tuple[str, ...]
    policy: Policy = Policy.CIRCULAR
    leadership: tuple[LeadershipRecord, ...] = ()
    excused: tuple[Excusal, ...] = ()
    province: str = ""
    rules_file: str | None = None
    scoring: Scoring = field(default_factory=Scoring)
    documents: DocumentSettings = field(default_factory=DocumentSettings)

    def member(self, member_id: str) -> Member:
        for member in self.members:
            if member.id == member_id:
                return member
        raise KeyError(member_id)

    def has_member(self, member_id: str) -> bool:
        return any(m.id == member_id for m in self.members)

    def recorded(self, year: int) -> LeadershipRecord | None:
        for entry in self.leadership:
            if entry.year == year:
                return entry
        return None

    def excusal(self, member_id: str, year: int) -> Excusal | None:
        for excusal in self.excused:
            if excusal.member == member_id and excusal.year == year:
                return excusal
        return None

    def members_in(self, year: int) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.is_member_in(year))


# The results' types, importable from here as before; their module is loaded on first use.
_RESULTS_NAMES = frozenset(
    (
        "Rating",
        "RATING_SHORT_VI",
        "RATING_LABELS_VI",
        "Discipline",
        "DISCIPLINE_LABELS_VI",
        "StaffFigures",
        "MemberResult",
        "GrantedAward",
        "VoteCount",
        "ORDER",
        "PUT_FORWARD",
        "HOLD_BACK",
        "DECISION_ACTIONS",
        "ConferenceDecision",
        "YearResults",
    )
)


def __getattr__(name: str) -> object:
    if name not in _RESULTS_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module("khoi_thidua.results_model"), name)
    globals()[name] = value
    return value
