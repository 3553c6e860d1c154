"""Properties of disqualifying criteria (điểm liệt) over generated failures (hypothesis): a cap
only ever lowers a rating, the strictest cap wins, and any excluding criterion excludes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khoi_thidua.i18n import ENGLISH
from khoi_thidua.model import Rating
from khoi_thidua.plan import CriteriaGroup, Criterion, Disqualifier, Effect, Plan
from khoi_thidua.scoring import disqualification

RULES = (
    Disqualifier("tap-the", "Tập thể bị kỷ luật", Effect.EXCLUDE),
    Disqualifier("ca-nhan", "Cá nhân bị kỷ luật", Effect.CAP, Rating.GOOD),
    Disqualifier("bao-cao", "Không gửi báo cáo", Effect.CAP, Rating.DONE),
    Disqualifier("vi-pham", "Vi phạm nghiêm trọng", Effect.CAP, Rating.FAILED),
)
PLAN = Plan(
    year=2022,
    source="plan-2022.toml",
    groups=(CriteriaGroup("I", "Nhóm I", (Criterion("c", "Tiêu chí", 100, "I"),)),),
    disqualifiers=RULES,
)
failures = st.lists(st.sampled_from([r.id for r in RULES]), max_size=6)


@settings(max_examples=200, deadline=None)
@given(failures, st.permutations([r.id for r in RULES]))
def test_the_outcome_depends_only_on_which_criteria_failed(
    failed: list[str], order: list[str]
) -> None:
    """Repeating a failure, or listing failures in another order, gives the same outcome."""
    reordered = sorted(failed, key=order.index) + failed[:1]
    assert disqualification(ENGLISH, PLAN, tuple(failed)) == disqualification(
        ENGLISH, PLAN, tuple(reordered)
    )


@settings(max_examples=200, deadline=None)
@given(failures)
def test_the_strictest_cap_wins_and_any_exclusion_excludes(failed: list[str]) -> None:
    """The cap is the lowest of the caps failed (None when none), and the unit is excluded
    exactly when an excluding criterion failed."""
    excluded, cap = disqualification(ENGLISH, PLAN, tuple(failed))
    rules = [r for r in RULES if r.id in failed]
    assert excluded == any(r.effect is Effect.EXCLUDE for r in rules)
    caps = [r.cap for r in rules if r.cap is not None]
    assert cap == (max(caps, key=lambda c: c.rank) if caps else None)
    if cap is not None:
        assert all(cap.rank >= c.rank for c in caps)  # never better than any cap failed
