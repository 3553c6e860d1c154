"""Properties of the scoring arithmetic over generated scores and plans (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khoi_thidua.i18n import ENGLISH
from khoi_thidua.plan import (
    Adjustment,
    Adjustments,
    CriteriaGroup,
    Criterion,
    FinalMethod,
    Plan,
    Rounding,
    ScoreInputs,
)
from khoi_thidua.scoring import StepKind, exact, final_score, round_score

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MAXIMA = (10.0, 20.0, 30.0, 40.0)
CRITERIA = tuple(Criterion(f"c{i}", f"Tiêu chí {i}", m, "I") for i, m in enumerate(MAXIMA))
BONUS = Adjustments((Adjustment("b1", "Thưởng 1", 3), Adjustment("b2", "Thưởng 2", 4)), 5)
PENALTY = Adjustments((Adjustment("p1", "Trừ 1", 2), Adjustment("p2", "Trừ 2", 6)), 5)
BASE_PLAN = Plan(
    year=2022,
    source="plan-2022.toml",
    groups=(CriteriaGroup("I", "Nhóm I", CRITERIA),),
    bonus=BONUS,
    penalty=PENALTY,
)


# Points typed to two decimals, as sheets hold them.
def points(maximum: float) -> st.SearchStrategy[float]:
    return st.integers(0, int(maximum * 100)).map(lambda n: n / 100)


sheet = st.fixed_dictionaries({c.id: points(c.max) for c in CRITERIA})
sheets = st.dictionaries(st.sampled_from("bcdefgh"), sheet, min_size=3, max_size=7)
claims = st.dictionaries(st.sampled_from(["b1", "b2"]), points(10))
penalties = st.dictionaries(st.sampled_from(["p1", "p2"]), points(10))
methods = st.sampled_from(list(FinalMethod))
roundings = st.sampled_from(list(Rounding))


@st.composite
def unit_inputs(draw: st.DrawFn) -> ScoreInputs:
    own = draw(sheet)
    agreed = {k: v for k, v in draw(sheet).items() if draw(st.booleans())}
    return ScoreInputs(
        "a",
        self_scores=own,
        cross=draw(sheets),
        agreed=agreed,
        reasons=dict.fromkeys(agreed, "lý do"),
        bonus=draw(claims),
        penalty=draw(penalties),
    )


@SETTINGS
@given(unit_inputs(), methods, st.integers(0, 3), roundings)
def test_the_final_score_stays_within_the_table_plus_the_bonus(
    inputs: ScoreInputs, method: FinalMethod, decimals: int, rounding: Rounding
) -> None:
    """Whatever is typed, 0 ≤ final ≤ the table's maximum + the bonus limit."""
    plan = replace(BASE_PLAN, method=method, decimals=decimals, rounding=rounding)
    result = final_score(ENGLISH, plan, inputs)
    assert 0 <= result.score <= plan.max_score + plan.bonus.limit


@SETTINGS
@given(unit_inputs(), methods, st.randoms(use_true_random=False))
def test_the_order_of_scorers_and_rows_does_not_matter(
    inputs: ScoreInputs, method: FinalMethod, rng: object
) -> None:
    """Shuffling the cross sheets, the criteria rows and the items gives the same result."""
    import random

    assert isinstance(rng, random.Random)

    def shuffled(mapping: dict[str, object]) -> dict[str, object]:
        keys = list(mapping)
        rng.shuffle(keys)
        return {k: mapping[k] for k in keys}

    plan = replace(BASE_PLAN, method=method)
    again = replace(
        inputs,
        self_scores=shuffled(dict(inputs.self_scores)),
        cross=shuffled({k: shuffled(dict(v)) for k, v in inputs.cross.items()}),
        agreed=shuffled(dict(inputs.agreed)),
        bonus=shuffled(dict(inputs.bonus)),
        penalty=shuffled(dict(inputs.penalty)),
    )
    first, second = final_score(ENGLISH, plan, inputs), final_score(ENGLISH, plan, again)
    assert (first.score, first.criteria, first.exact) == (
        second.score,
        second.criteria,
        second.exact,
    )
    assert first.steps == second.steps


@SETTINGS
@given(sheets)
def test_the_trimmed_mean_drops_exactly_one_highest_and_one_lowest(
    cross: dict[str, dict[str, float]],
) -> None:
    """The trimmed mean is the mean of the sorted totals without the first and the last."""
    plan = replace(BASE_PLAN, method=FinalMethod.TRIMMED_MEAN)
    result = final_score(ENGLISH, plan, ScoreInputs("a", cross=cross))
    totals = sorted(sum((exact(v) for v in s.values()), Fraction(0)) for s in cross.values())
    kept = totals[1:-1]
    assert result.exact == sum(kept, Fraction(0)) / len(kept)
    dropped = [s for s in result.steps if s.kind.name.startswith("DROPPED")]
    assert len(dropped) == 2
    assert {s.value for s in dropped} == {totals[0], totals[-1]}


@SETTINGS
@given(unit_inputs())
def test_a_bonus_never_passes_its_limits(inputs: ScoreInputs) -> None:
    """Each bonus item counts at most its maximum, and the bonus total at most the limit."""
    result = final_score(ENGLISH, BASE_PLAN, inputs)
    assert result.bonus <= exact(BONUS.limit)
    assert result.penalty <= exact(PENALTY.limit)
    for step in result.steps:
        if step.kind in (StepKind.BONUS, StepKind.PENALTY):
            rules = BONUS if step.kind is StepKind.BONUS else PENALTY
            item = rules.item(step.subject)
            assert item is not None and step.value is not None
            assert step.value <= exact(item.max)


@SETTINGS
@given(unit_inputs(), methods, st.integers(0, 3), roundings)
def test_rounding_is_applied_once_at_the_end(
    inputs: ScoreInputs, method: FinalMethod, decimals: int, rounding: Rounding
) -> None:
    """The final score is the exact total rounded once; no earlier step is rounded."""
    plan = replace(BASE_PLAN, method=method, decimals=decimals, rounding=rounding)
    result = final_score(ENGLISH, plan, inputs)
    base = next(s.value for s in result.steps if s.kind is StepKind.BASE)
    assert base is not None
    assert result.exact == max(Fraction(0), base + result.bonus - result.penalty)
    assert result.score == round_score(result.exact, decimals, rounding)
    assert [s.kind for s in result.steps].count(StepKind.ROUNDED) == 1
    assert result.steps[-1].kind is StepKind.ROUNDED


@SETTINGS
@given(st.fractions(min_value=0, max_value=200, max_denominator=10_000), st.integers(0, 4))
def test_rounding_is_within_half_a_unit(value: Fraction, decimals: int) -> None:
    """Half-up and half-even land within half a unit of the last place; down never above."""
    unit = Fraction(1, 10**decimals)
    for rounding in (Rounding.HALF_UP, Rounding.HALF_EVEN):
        assert abs(exact(round_score(value, decimals, rounding)) - value) <= unit / 2
    down = exact(round_score(value, decimals, Rounding.DOWN))
    assert value - unit < down <= value
