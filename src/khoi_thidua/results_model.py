"""Frozen types of a year's results: ratings, discipline, scores, votes, the count, decisions."""

from __future__ import annotations

from enum import Enum

from khoi_thidua.records import record


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


@record
class StaffFigures:
    """Staff figures used by the collective titles (tập thể lao động xuất sắc / tiên tiến)."""

    count: int
    advanced_share: float  # share of staff rated "Lao động tiên tiến", 0..1
    all_completed: bool = True  # every staff member completed their tasks
    has_base_soldier: bool = False  # at least one "Chiến sĩ thi đua cơ sở"


@record
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


@record
class GrantedAward:
    """An award the deciding authority actually granted for the year's results."""

    member: str
    award: str
    decision: str
    date: str  # ISO date of the decision
    issuer: str = ""


@record
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


@record
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


@record
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
