"""The year's plan and the scores recorded against it: table, items, scorers, pledge, dates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from enum import StrEnum

from khoi_thidua.model import Rating
from khoi_thidua.records import record


class FinalMethod(StrEnum):
    """How a unit's final score is reached from the scores given for it."""

    AGREED = "agreed"  # the score the bloc agreed on (điểm thống nhất)
    CROSS_MEAN = "cross-mean"  # the mean of the cross scores (chấm chéo)
    TRIMMED_MEAN = "trimmed-mean"  # the mean without the highest and the lowest cross score


class Rounding(StrEnum):
    """How the final score is rounded, once, at the end."""

    HALF_UP = "half-up"  # 92.125 → 92.13: what people do by hand
    HALF_EVEN = "half-even"  # 92.125 → 92.12: banker's rounding, when a plan asks for it
    DOWN = "down"  # 92.129 → 92.12: truncation


class Effect(StrEnum):
    """What failing a disqualifying criterion (điểm liệt) does."""

    CAP = "cap"  # the rating may be no better than the plan's cap
    EXCLUDE = "exclude"  # the unit is out of the ranking and of every award


@record
class Criterion:
    """One line of the scoring table, with the points it can give."""

    id: str
    name: str
    max: float
    group: str


@record
class CriteriaGroup:
    """A group of criteria (e.g. "I. Thực hiện nhiệm vụ chính trị"); its maximum is their sum."""

    id: str
    name: str
    criteria: tuple[Criterion, ...]

    @property
    def max(self) -> float:
        return sum(c.max for c in self.criteria)


@record
class Adjustment:
    """A bonus item (điểm thưởng) or a penalty item (điểm trừ) with its own limit."""

    id: str
    name: str
    max: float


@record
class Adjustments:
    """Bonus or penalty items, and the limit on their total."""

    items: tuple[Adjustment, ...] = ()
    limit: float = 0.0

    def item(self, item_id: str) -> Adjustment | None:
        return next((a for a in self.items if a.id == item_id), None)


@record
class Disqualifier:
    """A disqualifying criterion (điểm liệt): it caps the rating or excludes the unit."""

    id: str
    name: str
    effect: Effect
    cap: Rating | None = None  # the best rating allowed when ``effect`` is CAP


@record
class Team:
    """A scoring team (tổ chấm chéo) made of member units."""

    id: str
    name: str
    members: tuple[str, ...]


@record
class PledgeTarget:
    """One target of the pledge (chỉ tiêu giao ước), optionally tied to a criterion."""

    id: str
    text: str
    criterion: str = ""


@record
class Pledge:
    """The contents of the emulation pledge (giao ước thi đua) and its targets."""

    contents: tuple[str, ...] = ()
    targets: tuple[PledgeTarget, ...] = ()


@record
class Plan:
    """A bloc's plan for one year, from its own folder or shared by the province."""

    year: int
    source: str  # the file it came from, for explanations
    groups: tuple[CriteriaGroup, ...]
    bonus: Adjustments = field(default_factory=Adjustments)
    penalty: Adjustments = field(default_factory=Adjustments)
    disqualifiers: tuple[Disqualifier, ...] = ()
    method: FinalMethod = FinalMethod.AGREED
    decimals: int = 2
    rounding: Rounding = Rounding.HALF_UP
    flag_difference: float = 1.0  # reconciliation flags differences above this many points
    write_rating_cap: bool = False  # `scores --write` also lowers a rating to its cap
    teams: tuple[Team, ...] = ()
    assignments: tuple[tuple[str, tuple[str, ...]], ...] = ()  # scorer (unit or team) → units
    pledge: Pledge = field(default_factory=Pledge)
    pledge_date: str = ""
    mid_year_date: str = ""
    note: str = ""

    @property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for g in self.groups for c in g.criteria)

    @property
    def max_score(self) -> float:
        """The table's maximum, before any bonus."""
        return sum(g.max for g in self.groups)

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def team(self, team_id: str) -> Team | None:
        return next((team for team in self.teams if team.id == team_id), None)

    def units_scored_by(self, scorer: str) -> tuple[str, ...]:
        """The units ``scorer`` (a unit or a team) was assigned to cross-score."""
        return next((units for who, units in self.assignments if who == scorer), ())

    def scorers_of(self, unit: str) -> tuple[str, ...]:
        """The scorers (units or teams) assigned to cross-score ``unit``, in the plan's order."""
        return tuple(who for who, units in self.assignments if unit in units)


@record
class ScoreInputs:
    """Everything recorded for one unit: its self-score, cross scores, agreed scores, adjustments.

    ``agreed`` lists only the criteria the conference changed; the others keep the self-score.
    ``bonus``, ``penalty`` and ``failed`` (disqualifying criteria failed) are the bloc's findings.
    """

    unit: str
    self_scores: Mapping[str, float] = field(default_factory=dict)
    cross: Mapping[str, Mapping[str, float]] = field(default_factory=dict)  # scorer → criteria
    agreed: Mapping[str, float] = field(default_factory=dict)
    reasons: Mapping[str, str] = field(default_factory=dict)  # criterion → why points were cut
    bonus: Mapping[str, float] = field(default_factory=dict)
    penalty: Mapping[str, float] = field(default_factory=dict)
    failed: tuple[str, ...] = ()


@record
class MidYear:
    """A unit's mid-year review (sơ kết 6 tháng): its score so far and a note on progress."""

    score: float | None = None
    note: str = ""


@record
class YearScores:
    """The scores of a year as recorded in ``scores-YYYY.toml``, one entry per unit returned."""

    year: int
    source: str
    units: tuple[ScoreInputs, ...] = ()
    evidence: tuple[tuple[str, str, str], ...] = ()  # (unit, criterion, minh chứng)
    mid_year: tuple[tuple[str, MidYear], ...] = ()
    pledged: tuple[tuple[str, str, str], ...] = ()  # (unit, pledge target, what it registered)

    def unit(self, unit_id: str) -> ScoreInputs | None:
        return next((u for u in self.units if u.unit == unit_id), None)


@record
class ReturnedSheet:
    """The scores one sheet gives for one unit: by the unit itself, or by a cross-scorer."""

    file: str
    kind: str  # self | cross
    unit: str
    scorer: str  # the unit itself for a self-score
    scores: dict[str, float]
    texts: dict[str, str]  # evidence (self) or notes (cross), per criterion


@record
class ConferenceSheet:
    """What the conference workbook records for the units it lists: agreed scores with their
    reasons, bonus and penalty points, disqualifying criteria failed, and mid-year reviews."""

    file: str
    units: tuple[str, ...]  # every unit the workbook lists; their decisions are replaced
    inputs: tuple[ScoreInputs, ...]  # agreed, reasons, bonus, penalty, failed (no self or cross)
    mid_year: tuple[tuple[str, MidYear], ...] = ()
