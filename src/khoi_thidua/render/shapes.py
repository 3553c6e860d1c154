"""The JSON shapes of rotate, plan, history and members, as TypedDicts that mypy checks.

Each mirrors a closed schema under docs/schemas (tests/test_json_shapes.py compares them), so a
key added to a renderer without its type, or to the type without the schema, fails a check.
"""

from __future__ import annotations

from typing import Literal, TypedDict

from khoi_thidua.model import WriteStatus
from khoi_thidua.rotation import Role, SkipReason

MemberStatus = Literal["active", "not_joined", "left", "merged", "excused"]


class MemberRef(TypedDict):
    """A member as results name it."""

    id: str
    name: str
    short: str


class BlocRef(TypedDict):
    """A bloc as results name it."""

    id: str
    name: str


class PolicyBlocRef(BlocRef):
    """A bloc with its leadership policy."""

    policy: str


class SkipEntry(TypedDict):
    """A member passed over for a role, and why."""

    member: MemberRef | None
    role: Role
    reason: SkipReason
    detail: str


class LeadershipEntry(TypedDict):
    """One year's chair and vice-chair, where they come from and why."""

    year: int
    chair: MemberRef | None
    vice_chair: MemberRef | None
    recorded: bool
    status: str
    note: str
    start_year: int | None
    skipped: list[SkipEntry]
    explanation: list[str]


class RotateResult(LeadershipEntry):
    """`khoi rotate --json`: one year of one bloc."""

    schema: int
    bloc: PolicyBlocRef


class RecordedResult(RotateResult):
    """`khoi rotate --record --json`: the year as recorded, and whether the file changed."""

    record_status: WriteStatus


class PlanResult(TypedDict):
    """`khoi rotate --plan --json`: several years of one bloc."""

    schema: int
    bloc: PolicyBlocRef
    years: list[LeadershipEntry]


class RolePair(TypedDict):
    """The chair and vice-chair the rotation would have given."""

    chair: MemberRef | None
    vice_chair: MemberRef | None


class HistoryYear(LeadershipEntry):
    """A year of `khoi history`: whether the record departs from the rotation, and from what."""

    departs_from_rotation: bool
    rotation_would_give: RolePair | None


class HistoryResult(TypedDict):
    """`khoi history --json`."""

    schema: int
    bloc: BlocRef
    years: list[HistoryYear]


class MemberRow(TypedDict):
    """A member of `khoi members --json`, with its status in the year and its next turn."""

    id: str
    name: str
    short: str
    joined: int | None
    left: int | None
    merged_into: str | None
    status: MemberStatus
    detail: str
    rotation_position: int
    next_chair_year: int | None


class MembersResult(TypedDict):
    """`khoi members --json`."""

    schema: int
    bloc: PolicyBlocRef
    year: int
    members: list[MemberRow]


class MidYearEntry(TypedDict):
    """A unit's mid-year review: its score so far and a note."""

    score: float | None
    note: str


class GrantedEntry(TypedDict):
    """An award granted to a unit, with its name and decision."""

    award: str
    name: str
    decision: str
    date: str
    issuer: str


class UnitYear(TypedDict):
    """One year of `khoi history --member`: score, rank, rating, role and awards."""

    year: int
    has_results: bool
    is_member: bool
    score: float | None
    rank: int | None
    members: int
    rating: str | None
    rating_label: str | None
    role: Role | None
    mid_year: MidYearEntry | None
    granted: list[GrantedEntry]


class MemberHistoryResult(TypedDict):
    """`khoi history --member --json`: one unit's record by year."""

    schema: int
    bloc: BlocRef
    member: MemberRef
    years: list[UnitYear]
