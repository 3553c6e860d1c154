"""Frozen domain types: members, blocs, leadership records and yearly results."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, StrEnum

SCHEMA_VERSION = 1

# A year outside this range is a typing mistake (20222, 202), not a record.
MIN_YEAR = 1945
MAX_YEAR = 2100


class Rating(Enum):
    """Task-completion rating (mức độ hoàn thành nhiệm vụ), best first."""

    EXCELLENT = "excellent"
    GOOD = "good"
    DONE = "done"
    FAILED = "failed"

    @property
    def rank(self) -> int:
        """0 for the best rating; a higher number is a lower rating."""
        return list(Rating).index(self)

    @property
    def label_vi(self) -> str:
        return RATING_LABELS_VI[self]

    def at_least(self, other: Rating) -> bool:
        return self.rank <= other.rank


RATING_SHORT_VI = {
    "excellent": "HTXSNV",
    "good": "HTTNV",
    "done": "HTNV",
    "failed": "KHTNV",
}

RATING_LABELS_VI = {
    Rating.EXCELLENT: "Hoàn thành xuất sắc nhiệm vụ",
    Rating.GOOD: "Hoàn thành tốt nhiệm vụ",
    Rating.DONE: "Hoàn thành nhiệm vụ",
    Rating.FAILED: "Không hoàn thành nhiệm vụ",
}


class Discipline(Enum):
    """The most severe disciplinary measure in a unit that year, mildest first."""

    NONE = "none"
    REPRIMAND = "khien-trach"  # khiển trách
    WARNING = "canh-cao"  # cảnh cáo
    DEMOTION = "ha-bac"  # hạ bậc lương / giáng chức
    DISMISSAL = "cach-chuc"  # cách chức
    EXPULSION = "buoc-thoi-viec"  # buộc thôi việc / giải tán

    @property
    def severity(self) -> int:
        return list(Discipline).index(self)

    @property
    def label_vi(self) -> str:
        return DISCIPLINE_LABELS_VI[self]


DISCIPLINE_LABELS_VI = {
    Discipline.NONE: "Không",
    Discipline.REPRIMAND: "Khiển trách",
    Discipline.WARNING: "Cảnh cáo",
    Discipline.DEMOTION: "Hạ bậc lương / giáng chức",
    Discipline.DISMISSAL: "Cách chức",
    Discipline.EXPULSION: "Buộc thôi việc / giải tán",
}


class Policy(StrEnum):
    """How a bloc's chair and vice-chair are chosen each year."""

    CIRCULAR = "circular"  # luân phiên vòng tròn: this year's vice-chair chairs next year
    ELECTED = "elected"  # bầu tại hội nghị: the year-end conference elects them
    APPOINTED = "appointed"  # chỉ định: the provincial People's Committee names them


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class LeadershipRecord:
    """The chair and vice-chair decided for one year, as recorded by the bloc."""

    year: int
    chair: str
    vice_chair: str | None
    note: str = ""
    # Who signs for the bloc: the head of the chair unit (name and title, where recorded).
    signer: str = ""
    signer_title: str = ""


@dataclass(frozen=True)
class Excusal:
    """A member excused from leadership for one year."""

    member: str
    year: int
    reason: str


@dataclass(frozen=True)
class ScoringCriterion:
    id: str
    name: str
    max: float


@dataclass(frozen=True)
class Scoring:
    """The bloc's scoring table: the range of a final score and optional criteria."""

    min_score: float = 0.0
    max_score: float = 100.0
    criteria: tuple[ScoringCriterion, ...] = ()


@dataclass(frozen=True)
class DocumentSettings:
    """How the bloc's Word drafts are headed (Decree 30/2020 or the Party header)."""

    header: str = "state"  # "state": Quốc hiệu - Tiêu ngữ; "party": Đảng Cộng sản Việt Nam
    issuer: str = ""
    place: str = ""
    recipient: str = ""
    ballot: str = "tick"  # the ballot's form: "tick", "strike" or "agree" (đồng ý/không đồng ý)
    # Share of the members who must be present for the vote to count; [unverified] default.
    quorum: float = 0.5


@dataclass(frozen=True)
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
        for record in self.leadership:
            if record.year == year:
                return record
        return None

    def excusal(self, member_id: str, year: int) -> Excusal | None:
        for excusal in self.excused:
            if excusal.member == member_id and excusal.year == year:
                return excusal
        return None

    def members_in(self, year: int) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.is_member_in(year))


@dataclass(frozen=True)
class StaffFigures:
    """Staff figures used by the collective titles (tập thể lao động xuất sắc / tiên tiến)."""

    count: int
    advanced_share: float  # share of staff rated "Lao động tiên tiến", 0..1
    all_completed: bool = True  # every staff member completed their tasks
    has_base_soldier: bool = False  # at least one "Chiến sĩ thi đua cơ sở"


@dataclass(frozen=True)
class MemberResult:
    """One member's results for one year."""

    member: str
    # None: a past year brought in with its rating only (import-history); it cannot be ranked.
    score: float | None
    rating: Rating
    self_score: float | None = None
    criteria: tuple[tuple[str, float], ...] = ()
    discipline: Discipline = Discipline.NONE
    discipline_note: str = ""
    staff: StaffFigures | None = None
    votes: tuple[tuple[str, int], ...] = ()  # (award id, votes received)
    note: str = ""
    votes_recorded: bool = True  # False when the file has no `votes` for the unit at all

    def votes_for(self, award_id: str) -> int | None:
        for award, count in self.votes:
            if award == award_id:
                return count
        return None

    @property
    def total_votes(self) -> int:
        return sum(count for _, count in self.votes)


@dataclass(frozen=True)
class GrantedAward:
    """An award the deciding authority actually granted for the year's results."""

    member: str
    award: str
    decision: str
    date: str  # ISO date of the decision
    issuer: str = ""


@dataclass(frozen=True)
class VoteCount:
    """The conference's secret-ballot count (kiểm phiếu) for the year, as recorded.

    ``valid`` is the ``ballots`` of the results file: the valid ballots each unit's votes are
    counted against. Every figure is None when the file does not give it.
    """

    members: int  # member units of the bloc that year
    present: int | None = None  # member units present at the conference
    issued: int | None = None  # ballots handed out (phát ra)
    returned: int | None = None  # ballots put back in the box (thu về)
    valid: int | None = None  # hợp lệ
    spoiled: int | None = None  # không hợp lệ: e.g. more chosen than the seats
    committee_head: str = ""  # Trưởng ban kiểm phiếu
    committee: tuple[str, ...] = ()  # the committee's other members
    quorum: float = 0.5  # share of members that must be present (the bloc's rule)

    @property
    def quorum_met(self) -> bool | None:
        """Whether enough members were present; None when attendance is not recorded."""
        if self.present is None:
            return None
        return self.present >= self.quorum * self.members

    def denominator(self, kind: str) -> int | None:
        """The count a vote share is taken of: members, issued, returned or valid ballots."""
        return {
            "members": self.members,
            "issued": self.issued,
            "returned": self.returned,
            "valid": self.valid,
        }[kind]


# What the conference may decide about an award (quyết định của hội nghị).
ORDER = "order"  # settles a tie: the units in the order the conference ranked them
PUT_FORWARD = "put_forward"  # proposes a unit that meets every condition
HOLD_BACK = "hold_back"  # does not propose a unit the ranking put forward
DECISION_ACTIONS = (ORDER, PUT_FORWARD, HOLD_BACK)


@dataclass(frozen=True)
class ConferenceDecision:
    """What the conference decided about an award, with the reason and the minutes' reference."""

    award: str
    action: str  # one of DECISION_ACTIONS
    members: tuple[str, ...]  # in the conference's order for ORDER
    reason: str
    minutes: str = ""  # where the minutes record it, e.g. "Biên bản ngày 08/01/2024, mục III"

    @property
    def explanation(self) -> str:
        return f"{self.reason} ({self.minutes})" if self.minutes else self.reason


@dataclass(frozen=True)
class YearResults:
    """A bloc's results for one year: scores, ratings, ballots, votes and granted awards."""

    year: int
    results: tuple[MemberResult, ...]
    ballots: int | None = None
    conference_date: str = ""
    conference_place: str = ""
    attendees: int | None = None
    granted: tuple[GrantedAward, ...] = ()
    note: str = ""
    secretary: str = ""  # the conference's secretary, who signs the minutes
    count: VoteCount | None = None  # None only for results built without a bloc (tests)
    decisions: tuple[ConferenceDecision, ...] = ()

    def result_for(self, member_id: str) -> MemberResult | None:
        for result in self.results:
            if result.member == member_id:
                return result
        return None
