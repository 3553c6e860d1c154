"""What the conference compares: self, cross and agreed scores per unit and criterion."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from khoi_thidua.errors import KhoiError
from khoi_thidua.i18n import Messages
from khoi_thidua.model import Bloc
from khoi_thidua.plan import MidYear, Plan, ScoreInputs, YearScores
from khoi_thidua.records import record
from khoi_thidua.scoring import FinalScore, exact, final_score


@record
class CriterionLine:
    """One criterion of one unit: the score given by each side and whether they differ too much."""

    criterion: str
    max: float
    self_score: Fraction | None
    cross: tuple[tuple[str, Fraction], ...]  # scorer → score, in the plan's order of scorers
    cross_mean: Fraction | None
    agreed: Fraction | None  # only when the conference changed it
    reason: str
    flagged: bool


@record
class UnitLine:
    """One unit: its criteria, totals, final score (or why there is none) and what is missing."""

    unit: str
    lines: tuple[CriterionLine, ...]
    self_total: Fraction | None
    cross_total: Fraction | None  # the mean of the scorers' totals
    final: FinalScore | None
    error: str  # why no final score could be computed
    returned: bool  # the unit's self-scoring sheet is in
    missing_scorers: tuple[str, ...]  # assigned scorers whose sheet for this unit is not in
    flagged: bool
    mid_year: MidYear | None


@record
class Reconciliation:
    """The whole year's scores, unit by unit in the rotation order."""

    year: int
    plan: Plan
    scores: YearScores
    units: tuple[UnitLine, ...]

    @property
    def not_returned(self) -> tuple[str, ...]:
        return tuple(u.unit for u in self.units if not u.returned)

    def unit(self, unit_id: str) -> UnitLine | None:
        return next((u for u in self.units if u.unit == unit_id), None)


def reconcile(msgs: Messages, bloc: Bloc, plan: Plan, scores: YearScores) -> Reconciliation:
    """Compare every active unit's scores and compute each final score the data allows."""
    active = [m for m in bloc.order if bloc.member(m).is_member_in(plan.year)]
    reviews = dict(scores.mid_year)
    units = tuple(
        _unit(msgs, plan, scores.unit(unit) or ScoreInputs(unit), reviews.get(unit))
        for unit in active
    )
    return Reconciliation(plan.year, plan, scores, units)


def _unit(msgs: Messages, plan: Plan, inputs: ScoreInputs, review: MidYear | None) -> UnitLine:
    threshold = exact(plan.flag_difference)
    scorers = [s for s in plan.scorers_of(inputs.unit) if s in inputs.cross]
    scorers += sorted(s for s in inputs.cross if s not in scorers)
    lines: list[CriterionLine] = []
    for criterion in plan.criteria:
        own = _value(inputs.self_scores.get(criterion.id))
        cross = tuple(
            (s, exact(inputs.cross[s][criterion.id]))
            for s in scorers
            if criterion.id in inputs.cross[s]
        )
        mean = sum((v for _, v in cross), Fraction(0)) / len(cross) if cross else None
        agreed = _value(inputs.agreed.get(criterion.id))
        given = [v for v in (own, mean, agreed) if v is not None]
        flagged = bool(given) and max(given) - min(given) > threshold
        lines.append(
            CriterionLine(
                criterion.id,
                criterion.max,
                own,
                cross,
                mean,
                agreed,
                inputs.reasons.get(criterion.id, ""),
                flagged,
            )
        )
    self_total = _total(inputs.self_scores.values()) if inputs.self_scores else None
    totals = [_total(inputs.cross[s].values()) for s in scorers]
    cross_total = sum(totals, Fraction(0)) / len(totals) if totals else None
    final: FinalScore | None = None
    error = ""
    try:
        final = final_score(msgs, plan, inputs)
    except KhoiError as exc:
        error = exc.message
    compared = [v for v in (self_total, cross_total) if v is not None]
    if final is not None:
        compared.append(final.exact)
    total_flag = bool(compared) and max(compared) - min(compared) > threshold
    return UnitLine(
        unit=inputs.unit,
        lines=tuple(lines),
        self_total=self_total,
        cross_total=cross_total,
        final=final,
        error=error,
        returned=bool(inputs.self_scores),
        missing_scorers=tuple(s for s in plan.scorers_of(inputs.unit) if s not in inputs.cross),
        flagged=total_flag or any(line.flagged for line in lines),
        mid_year=review,
    )


def _value(points: float | None) -> Fraction | None:
    return None if points is None else exact(points)


def _total(values: Iterable[float]) -> Fraction:
    return sum((exact(v) for v in values), Fraction(0))
