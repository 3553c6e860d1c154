"""The JSON shapes of `khoi scores` and `khoi import-scores`, as TypedDicts that mypy checks.

Each mirrors a closed schema under docs/schemas (scores, scores-explain, import-scores;
tests/test_json_shapes.py compares them). The plan's method and rounding and a step's kind are
the scoring core's string enums, written to JSON as their values; a sheet's kind is the
workbook reader's word (self, cross, pledge).
"""

from __future__ import annotations

from typing import Literal, TypedDict

from khoi_thidua.model import Rating, WriteStatus
from khoi_thidua.plan import FinalMethod, Rounding
from khoi_thidua.render.shapes import BlocRef, MidYearEntry
from khoi_thidua.scoring import StepKind

RatingCode = Literal["excellent", "good", "done", "failed"]
RATING_CODES: dict[Rating, RatingCode] = {
    Rating.EXCELLENT: "excellent",
    Rating.GOOD: "good",
    Rating.DONE: "done",
    Rating.FAILED: "failed",
}


class ScorePlan(TypedDict):
    """The year's plan as the reconciliation applies it."""

    file: str
    method: FinalMethod
    max_score: float
    bonus_limit: float
    decimals: int
    rounding: Rounding
    flag_difference: float


class ScorerEntry(TypedDict):
    """A cross-scorer and the units it scores."""

    scorer: str
    units: list[str]


class CriterionScores(TypedDict):
    """One criterion of one unit: its maximum, the self, cross and agreed scores."""

    id: str
    max: float
    self: float | None
    cross: dict[str, float | None]  # scorer → score, in the plan's order of scorers
    cross_mean: float | None
    agreed: float | None
    reason: str | None
    flagged: bool


class UnitScores(TypedDict):
    """One unit's line of the reconciliation: totals, the final score and each criterion."""

    id: str
    name: str
    returned: bool
    self_score: float | None
    cross_score: float | None
    final_score: float | None
    excluded: bool
    rating_cap: RatingCode | None
    error: str | None
    flagged: bool
    missing_scorers: list[str]
    mid_year: MidYearEntry | None
    criteria: list[CriterionScores]


class ScoresResult(TypedDict):
    """`khoi scores YEAR --json`: the reconciliation of the year's scores."""

    schema: int
    bloc: BlocRef
    year: int
    plan: ScorePlan
    scorers: list[ScorerEntry]
    not_returned: list[str]
    units: list[UnitScores]


class StepEntry(TypedDict):
    """One step of the arithmetic behind a final score, in words."""

    kind: StepKind
    subject: str | None
    given: float | None
    value: float | None
    text: str


class ScoreExplainResult(TypedDict):
    """`khoi scores YEAR --explain MEMBER --json`: one unit's line and each step to its score."""

    schema: int
    bloc: BlocRef
    year: int
    plan: str
    rounding: str
    unit: UnitScores
    steps: list[StepEntry]


class ImportedSheet(TypedDict):
    """A returned sheet taken into scores-YEAR.toml."""

    kind: str
    unit: str
    scorer: str
    file: str


class ConferenceImported(TypedDict):
    """The conference workbook taken in, and the units whose decisions it set."""

    file: str
    units: list[str]


class MissingSheet(TypedDict):
    """A cross-scoring sheet not returned yet."""

    scorer: str
    unit: str


class ImportScoresResult(TypedDict):
    """`khoi import-scores YEAR … --json`: what was taken in and what is still missing."""

    schema: int
    year: int
    file: str
    status: WriteStatus
    imported: list[ImportedSheet]
    conference: ConferenceImported | None
    blank: list[str]
    self_not_returned: list[str]
    cross_not_returned: list[MissingSheet]
