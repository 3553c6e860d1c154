"""The scoring arithmetic: methods, bonus and penalty limits, disqualifiers and rounding once."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction

import pytest

from khoi_thidua.i18n import ENGLISH
from khoi_thidua.model import Rating
from khoi_thidua.plan import FinalMethod, Plan, Rounding, ScoreInputs
from khoi_thidua.schema.plan import parse_plan
from khoi_thidua.scoring import ScoringError, StepKind, final_score, round_score
from plan_builders import plan_bloc, plan_doc

FULL = {"nhiem-vu": 60.0, "tham-muu": 20.0, "dang": 20.0}
SHEETS: dict[str, dict[str, float]] = {
    "b": {"nhiem-vu": 55, "tham-muu": 18, "dang": 19},  # 92
    "c": {"nhiem-vu": 59, "tham-muu": 20, "dang": 20},  # 99
    "d": {"nhiem-vu": 50, "tham-muu": 15, "dang": 15},  # 80
    "e": {"nhiem-vu": 56, "tham-muu": 19, "dang": 19},  # 94
}


def make_plan(**changes: object) -> Plan:
    plan, problems = parse_plan(ENGLISH, plan_doc(), plan_bloc(), 2022, "plan-2022.toml")
    assert plan is not None, problems
    return replace(plan, **changes)  # type: ignore[arg-type]


class TestAgreed:
    """Method `agreed`: the conference's score per criterion, the self-score elsewhere."""

    def test_criteria_not_agreed_keep_the_self_score(self) -> None:
        """Only the criteria the conference changed differ from the self-score."""
        inputs = ScoreInputs(
            "a",
            self_scores={"nhiem-vu": 58, "tham-muu": 19.5, "dang": 20},
            agreed={"nhiem-vu": 57},
            reasons={"nhiem-vu": "thiếu minh chứng"},
        )
        result = final_score(ENGLISH, make_plan(), inputs)
        assert result.score == Decimal("96.50")
        assert result.self_score == Decimal("97.50")
        assert dict(result.criteria)["nhiem-vu"] == Decimal("57.00")
        agreed = [s for s in result.steps if s.kind is StepKind.AGREED]
        assert [(s.subject, s.given, s.value, s.note) for s in agreed] == [
            ("nhiem-vu", 58, 57, "thiếu minh chứng")
        ]

    def test_a_deduction_without_a_reason_is_refused(self) -> None:
        """Points taken from a self-score need a reason."""
        inputs = ScoreInputs("a", self_scores=FULL, agreed={"dang": 18})
        with pytest.raises(ScoringError, match="no reason"):
            final_score(ENGLISH, make_plan(), inputs)

    def test_a_criterion_with_no_score_at_all_is_refused(self) -> None:
        """A criterion with neither self-score nor agreed score cannot be summed."""
        with pytest.raises(ScoringError, match="neither a self-score"):
            final_score(ENGLISH, make_plan(), ScoreInputs("a", self_scores={"dang": 20}))

    def test_a_score_over_the_criterion_maximum_is_refused(self) -> None:
        """A criterion scored above its maximum is an error naming unit and criterion."""
        with pytest.raises(ScoringError, match="`tham-muu`, outside 0–20"):
            final_score(
                ENGLISH, make_plan(), ScoreInputs("a", self_scores={**FULL, "tham-muu": 21})
            )

    def test_an_unknown_criterion_is_refused(self) -> None:
        """A criterion that is not in the plan is an error."""
        with pytest.raises(ScoringError, match="unknown criterion `x`"):
            final_score(ENGLISH, make_plan(), ScoreInputs("a", self_scores={**FULL, "x": 1}))


class TestCross:
    """Methods `cross-mean` and `trimmed-mean` over the cross scores."""

    def test_the_mean_of_the_cross_totals(self) -> None:
        """cross-mean is the mean of every scorer's total, rounded once."""
        plan = make_plan(method=FinalMethod.CROSS_MEAN)
        result = final_score(ENGLISH, plan, ScoreInputs("a", cross=SHEETS))
        assert result.exact == Fraction(92 + 99 + 80 + 94, 4)
        assert result.score == Decimal("91.25")

    def test_the_trimmed_mean_drops_the_highest_and_lowest(self) -> None:
        """trimmed-mean leaves out the scorers with the highest and the lowest total."""
        plan = make_plan(method=FinalMethod.TRIMMED_MEAN)
        result = final_score(ENGLISH, plan, ScoreInputs("a", cross=SHEETS))
        assert result.exact == Fraction(92 + 94, 2)
        dropped = {s.kind: s.subject for s in result.steps if s.kind.name.startswith("DROPPED")}
        assert dropped == {StepKind.DROPPED_HIGHEST: "c", StepKind.DROPPED_LOWEST: "d"}

    def test_the_trimmed_mean_needs_three_scorers(self) -> None:
        """With fewer than three cross scores the trimmed mean is a clear error."""
        plan = make_plan(method=FinalMethod.TRIMMED_MEAN)
        two = {k: SHEETS[k] for k in ("b", "c")}
        with pytest.raises(ScoringError, match="needs at least 3"):
            final_score(ENGLISH, plan, ScoreInputs("a", cross=two))

    def test_a_cross_sheet_must_score_every_criterion(self) -> None:
        """A cross score that leaves a criterion blank is an error naming the scorer."""
        plan = make_plan(method=FinalMethod.CROSS_MEAN)
        with pytest.raises(ScoringError, match=r"cross score by `b`.*no score for dang"):
            final_score(
                ENGLISH, plan, ScoreInputs("a", cross={"b": {"nhiem-vu": 50, "tham-muu": 10}})
            )


class TestAdjustments:
    """Bonus and penalty points, each item and the total within the plan's limits."""

    def test_bonus_may_pass_the_tables_maximum(self) -> None:
        """A full score plus bonus goes past 100, by no more than the bonus allowed."""
        plan = make_plan(bonus=replace(make_plan().bonus, limit=2.5))
        result = final_score(
            ENGLISH, plan, ScoreInputs("a", self_scores=FULL, bonus={"sang-kien": 3})
        )
        assert result.score == Decimal("102.50")
        assert [s.value for s in result.steps if s.kind is StepKind.BONUS_LIMIT] == [Fraction(5, 2)]

    def test_an_item_is_capped_at_its_maximum(self) -> None:
        """An item claimed above its own maximum counts its maximum."""
        result = final_score(
            ENGLISH, make_plan(), ScoreInputs("a", self_scores=FULL, penalty={"cham": 4})
        )
        assert result.penalty == 2
        assert result.score == Decimal("98.00")

    def test_an_unknown_item_is_refused(self) -> None:
        """A bonus item the plan does not have is an error."""
        with pytest.raises(ScoringError, match="unknown bonus or penalty item"):
            final_score(ENGLISH, make_plan(), ScoreInputs("a", self_scores=FULL, bonus={"x": 1}))

    def test_a_score_never_goes_below_zero(self) -> None:
        """Penalties larger than the score leave zero, and the step says so."""
        zero = {"nhiem-vu": 0, "tham-muu": 0, "dang": 1}
        result = final_score(
            ENGLISH, make_plan(), ScoreInputs("a", self_scores=zero, penalty={"cham": 2})
        )
        assert result.score == 0
        assert any(s.kind is StepKind.FLOOR for s in result.steps)


class TestDisqualifiers:
    """Disqualifying criteria cap the rating or exclude the unit; the score stays."""

    def test_a_cap_limits_the_rating(self) -> None:
        """Failing a capping criterion gives the plan's cap, the score unchanged."""
        result = final_score(
            ENGLISH, make_plan(), ScoreInputs("a", self_scores=FULL, failed=("ky-luat",))
        )
        assert result.rating_cap is Rating.GOOD
        assert not result.excluded
        assert result.score == 100

    def test_an_excluding_criterion_excludes(self) -> None:
        """Failing an excluding criterion marks the unit excluded."""
        result = final_score(
            ENGLISH, make_plan(), ScoreInputs("a", self_scores=FULL, failed=("vi-pham",))
        )
        assert result.excluded

    def test_an_unknown_disqualifier_is_refused(self) -> None:
        """A disqualifying criterion the plan does not have is an error."""
        with pytest.raises(ScoringError, match="unknown disqualifying"):
            final_score(ENGLISH, make_plan(), ScoreInputs("a", self_scores=FULL, failed=("x",)))


class TestRounding:
    """Rounding as the plan states it, exact on decimal values."""

    @pytest.mark.parametrize(
        ("value", "decimals", "rounding", "expected"),
        [
            ("92.125", 2, Rounding.HALF_UP, "92.13"),
            ("92.125", 2, Rounding.HALF_EVEN, "92.12"),
            ("92.135", 2, Rounding.HALF_EVEN, "92.14"),
            ("92.129", 2, Rounding.DOWN, "92.12"),
            ("92.5", 0, Rounding.HALF_UP, "93"),
            ("1.005", 2, Rounding.HALF_UP, "1.01"),  # 1.005 is below 1.005 as a binary float
        ],
    )
    def test_rounding_rules(
        self, value: str, decimals: int, rounding: Rounding, expected: str
    ) -> None:
        """Each rounding rule gives the result a person would write."""
        assert round_score(Fraction(value), decimals, rounding) == Decimal(expected)

    def test_a_typed_decimal_is_taken_as_typed(self) -> None:
        """A self-score of 1.005 rounds to 1.01 (the decimal typed, not the binary float)."""
        plan = make_plan(groups=make_plan().groups[1:], bonus=make_plan().bonus)
        result = final_score(ENGLISH, plan, ScoreInputs("a", self_scores={"dang": 1.005}))
        assert result.score == Decimal("1.01")
