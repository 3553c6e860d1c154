"""The scoring arithmetic: a unit's final score from its scores and the plan, each step kept.

Every sum and mean is exact (fractions); the plan's rounding is applied once, to the final
score, so a score never moves because of the order in which scorers, files or rows came in.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from khoi_thidua.errors import ExitCode, KhoiError
from khoi_thidua.i18n import Messages
from khoi_thidua.model import Rating
from khoi_thidua.plan import Adjustments, Effect, FinalMethod, Plan, Rounding, ScoreInputs
from khoi_thidua.records import record

MIN_TRIMMED_SCORERS = 3


class ScoringError(KhoiError):
    """The scores given cannot produce a final score under the plan (a data problem)."""

    exit_code = ExitCode.DATA


class StepKind(StrEnum):
    """One kind of step in the explanation of a final score."""

    AGREED = "agreed"  # an agreed score below (or above) the self-score, with its reason
    CROSS_TOTAL = "cross_total"  # one scorer's total for the unit
    DROPPED_HIGHEST = "dropped_highest"
    DROPPED_LOWEST = "dropped_lowest"
    BASE = "base"  # the table's total by the plan's method
    BONUS = "bonus"  # one bonus item, capped at its maximum
    BONUS_LIMIT = "bonus_limit"  # the bonus total, capped at the plan's limit
    PENALTY = "penalty"
    PENALTY_LIMIT = "penalty_limit"
    FLOOR = "floor"  # a total below zero counts as zero
    DISQUALIFIED = "disqualified"
    ROUNDED = "rounded"


@record
class Step:
    """One step of the arithmetic: its kind, what it is about, and the numbers involved."""

    kind: StepKind
    subject: str = ""  # a criterion, scorer, item or disqualifier id
    given: Fraction | None = None  # what was typed or claimed
    value: Fraction | None = None  # what counted
    note: str = ""  # a reason, a method, a rating cap


@record
class FinalScore:
    """The final score of one unit and how it was reached."""

    unit: str
    score: Decimal  # rounded once, as the plan says
    exact: Fraction  # before rounding
    self_score: Decimal | None
    criteria: tuple[tuple[str, Decimal], ...]  # the counted score per criterion, rounded for show
    bonus: Fraction
    penalty: Fraction
    excluded: bool
    rating_cap: Rating | None
    steps: tuple[Step, ...]


def exact(value: float | int | Fraction | Decimal) -> Fraction:
    """The decimal value a person typed (92.3 is 923/10, not the nearest binary float)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def round_score(value: Fraction, decimals: int, rounding: Rounding) -> Decimal:
    """``value`` rounded to ``decimals`` places, exactly (no binary float on the way)."""
    scaled = value * 10**decimals
    whole = scaled.numerator // scaled.denominator  # floor
    rest = scaled - whole
    if rounding is Rounding.HALF_UP:
        # Half away from zero, as by hand; scores are never negative.
        up = rest >= Fraction(1, 2) if value >= 0 else rest > Fraction(1, 2)
    elif rounding is Rounding.HALF_EVEN:
        up = rest > Fraction(1, 2) or (rest == Fraction(1, 2) and whole % 2 == 1)
    else:
        up = value < 0 and rest > 0  # toward zero
    return Decimal(whole + int(up)).scaleb(-decimals)


def final_score(msgs: Messages, plan: Plan, inputs: ScoreInputs) -> FinalScore:
    """The final score of ``inputs.unit`` by the plan's method, bonus, penalty and rounding."""
    steps: list[Step] = []
    own = _criteria_values(msgs, plan, inputs.unit, inputs.self_scores, msgs.t("the self-score"))
    if plan.method is FinalMethod.AGREED:
        counted = _agreed(msgs, plan, inputs, own, steps)
    else:
        counted = _cross(msgs, plan, inputs, steps)
    base = sum(counted.values(), Fraction(0))
    steps.append(Step(StepKind.BASE, value=base, note=plan.method.value))
    bonus = _adjust(msgs, plan.bonus, inputs.bonus, StepKind.BONUS, StepKind.BONUS_LIMIT, steps)
    penalty = _adjust(
        msgs, plan.penalty, inputs.penalty, StepKind.PENALTY, StepKind.PENALTY_LIMIT, steps
    )
    total = base + bonus - penalty
    if total < 0:
        steps.append(Step(StepKind.FLOOR, given=total, value=Fraction(0)))
        total = Fraction(0)
    excluded, cap = _disqualify(msgs, plan, inputs, steps)
    score = round_score(total, plan.decimals, plan.rounding)
    steps.append(Step(StepKind.ROUNDED, given=total, value=exact(score), note=_rule(plan)))
    self_score = (
        round_score(sum(own.values(), Fraction(0)), plan.decimals, plan.rounding) if own else None
    )
    return FinalScore(
        unit=inputs.unit,
        score=score,
        exact=total,
        self_score=self_score,
        criteria=tuple(
            (c.id, round_score(counted[c.id], plan.decimals, plan.rounding)) for c in plan.criteria
        ),
        bonus=bonus,
        penalty=penalty,
        excluded=excluded,
        rating_cap=cap,
        steps=tuple(steps),
    )


def _rule(plan: Plan) -> str:
    return f"{plan.decimals}:{plan.rounding.value}"


def _criteria_values(
    msgs: Messages,
    plan: Plan,
    unit: str,
    given: Mapping[str, float],
    whose: str,
    required: bool = False,
) -> dict[str, Fraction]:
    """``given`` as exact values, every criterion known and within its maximum."""
    out: dict[str, Fraction] = {}
    for cid, points in given.items():
        criterion = plan.criterion(cid)
        if criterion is None:
            raise ScoringError(
                msgs.t(
                    "{whose} of `{unit}` names an unknown criterion `{id}`",
                    whose=whose,
                    unit=unit,
                    id=cid,
                ),
                msgs.t("criteria of the plan: {ids}", ids=", ".join(c.id for c in plan.criteria)),
            )
        value = exact(points)
        if not 0 <= value <= exact(criterion.max):
            raise ScoringError(
                msgs.t(
                    "{whose} of `{unit}` gives {points} for `{id}`, outside 0–{max}",
                    whose=whose,
                    unit=unit,
                    points=f"{points:g}",
                    id=cid,
                    max=f"{criterion.max:g}",
                )
            )
        out[cid] = value
    if required:
        missing = [c.id for c in plan.criteria if c.id not in out]
        if missing:
            raise ScoringError(
                msgs.t(
                    "{whose} of `{unit}` has no score for {ids}",
                    whose=whose,
                    unit=unit,
                    ids=", ".join(missing),
                ),
                msgs.t("every criterion of the table needs a score"),
            )
    return out


def _agreed(
    msgs: Messages, plan: Plan, inputs: ScoreInputs, own: dict[str, Fraction], steps: list[Step]
) -> dict[str, Fraction]:
    agreed = _criteria_values(msgs, plan, inputs.unit, inputs.agreed, msgs.t("the agreed score"))
    counted: dict[str, Fraction] = {}
    for criterion in plan.criteria:
        if criterion.id in agreed:
            counted[criterion.id] = agreed[criterion.id]
            given = own.get(criterion.id)
            if given != agreed[criterion.id]:
                reason = inputs.reasons.get(criterion.id, "")
                if given is not None and agreed[criterion.id] < given and not reason:
                    raise ScoringError(
                        msgs.t(
                            "the agreed score of `{unit}` for `{id}` is below its self-score "
                            "with no reason",
                            unit=inputs.unit,
                            id=criterion.id,
                        ),
                        msgs.t("every point deducted from a self-score needs its reason"),
                    )
                steps.append(
                    Step(StepKind.AGREED, criterion.id, given, agreed[criterion.id], reason)
                )
        elif criterion.id in own:
            counted[criterion.id] = own[criterion.id]
        else:
            raise ScoringError(
                msgs.t(
                    "`{unit}` has neither a self-score nor an agreed score for `{id}`",
                    unit=inputs.unit,
                    id=criterion.id,
                ),
                msgs.t("import its self-scoring sheet, or record the agreed score"),
            )
    return counted


def _cross(
    msgs: Messages, plan: Plan, inputs: ScoreInputs, steps: list[Step]
) -> dict[str, Fraction]:
    sheets = {
        scorer: _criteria_values(
            msgs,
            plan,
            inputs.unit,
            scores,
            msgs.t("the cross score by `{scorer}`", scorer=scorer),
            required=True,
        )
        for scorer, scores in inputs.cross.items()
    }
    needed = MIN_TRIMMED_SCORERS if plan.method is FinalMethod.TRIMMED_MEAN else 1
    if len(sheets) < needed:
        raise ScoringError(
            msgs.tn(
                "`{unit}` has {count} cross score; `{method}` needs at least {needed}",
                "`{unit}` has {count} cross scores; `{method}` needs at least {needed}",
                len(sheets),
                unit=inputs.unit,
                method=plan.method.value,
                needed=needed,
            ),
            msgs.t("import the missing cross-scoring sheets, or change `final` under [method]"),
        )
    totals = sorted(
        ((sum(s.values(), Fraction(0)), scorer) for scorer, s in sheets.items()),
        key=lambda pair: (pair[0], pair[1]),
    )
    steps.extend(Step(StepKind.CROSS_TOTAL, scorer, value=total) for total, scorer in totals)
    kept = [scorer for _, scorer in totals]
    if plan.method is FinalMethod.TRIMMED_MEAN:
        # Exactly one highest and one lowest go, ties broken by scorer id so that the
        # criteria shown do not depend on the order the sheets came in.
        (low, lowest), (high, highest) = totals[0], totals[-1]
        steps.append(Step(StepKind.DROPPED_LOWEST, lowest, value=low))
        steps.append(Step(StepKind.DROPPED_HIGHEST, highest, value=high))
        kept = kept[1:-1]
    return {
        c.id: sum((sheets[s][c.id] for s in kept), Fraction(0)) / len(kept) for c in plan.criteria
    }


def _adjust(
    msgs: Messages,
    rules: Adjustments,
    given: Mapping[str, float],
    item_kind: StepKind,
    limit_kind: StepKind,
    steps: list[Step],
) -> Fraction:
    """The bonus or penalty that counts: each item up to its maximum, the total up to the limit."""
    total = Fraction(0)
    for item_id in sorted(given):
        item = rules.item(item_id)
        if item is None:
            raise ScoringError(
                msgs.t("unknown bonus or penalty item `{id}`", id=item_id),
                msgs.t("items of the plan: {ids}", ids=", ".join(a.id for a in rules.items) or "—"),
            )
        claimed = exact(given[item_id])
        if claimed < 0:
            raise ScoringError(
                msgs.t(
                    "item `{id}` is given {points} points; write it as a positive number",
                    id=item_id,
                    points=f"{given[item_id]:g}",
                )
            )
        allowed = min(claimed, exact(item.max))
        steps.append(Step(item_kind, item_id, claimed, allowed))
        total += allowed
    capped = min(total, exact(rules.limit))
    if given:
        steps.append(Step(limit_kind, given=total, value=capped, note=f"{rules.limit:g}"))
    return capped


def disqualification(
    msgs: Messages, plan: Plan, failed: tuple[str, ...]
) -> tuple[bool, Rating | None]:
    """Whether failing ``failed`` excludes a unit, and the best rating it still allows."""
    return _disqualify(msgs, plan, ScoreInputs("", failed=failed), [])


def _disqualify(
    msgs: Messages, plan: Plan, inputs: ScoreInputs, steps: list[Step]
) -> tuple[bool, Rating | None]:
    excluded = False
    cap: Rating | None = None
    for did in sorted(set(inputs.failed)):
        rule = next((d for d in plan.disqualifiers if d.id == did), None)
        if rule is None:
            raise ScoringError(
                msgs.t("unknown disqualifying criterion `{id}`", id=did),
                msgs.t(
                    "disqualifying criteria of the plan: {ids}",
                    ids=", ".join(d.id for d in plan.disqualifiers) or "—",
                ),
            )
        if rule.effect is Effect.EXCLUDE:
            excluded = True
        elif rule.cap is not None and (cap is None or rule.cap.rank > cap.rank):
            cap = rule.cap
        steps.append(
            Step(StepKind.DISQUALIFIED, did, note=rule.cap.value if rule.cap else rule.effect.value)
        )
    return excluded, cap
