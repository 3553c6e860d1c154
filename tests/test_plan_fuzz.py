"""Any TOML document given as a plan or a scores file gives a result or located problems,
never an exception (hypothesis)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khoi_thidua.i18n import ENGLISH
from khoi_thidua.schema.plan import parse_plan
from khoi_thidua.schema.scores import parse_scores
from plan_builders import plan_bloc, plan_doc

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
KEYS = st.sampled_from(
    [
        "schema",
        "year",
        "groups",
        "criteria",
        "id",
        "name",
        "max",
        "bonus",
        "penalty",
        "items",
        "limit",
        "disqualifying",
        "effect",
        "cap",
        "teams",
        "members",
        "cross",
        "pledge",
        "targets",
        "text",
        "criterion",
        "method",
        "final",
        "decimals",
        "rounding",
        "dates",
        "units",
        "self",
        "agreed",
        "reasons",
        "failed",
        "mid_year",
        "score",
        "note",
        "a",
        "b",
        "nhiem-vu",
        "dang",
        "sang-kien",
    ]
)
SCALARS = st.one_of(
    st.integers(-5, 3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.booleans(),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)),
    st.sampled_from(["agreed", "cap", "exclude", "good", "a", "b", "c", "nhiem-vu", "2022"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)


@SETTINGS
@given(st.dictionaries(KEYS, VALUES, max_size=8))
def test_any_plan_document_is_a_plan_or_problems(doc: dict[str, Any]) -> None:
    """Random tables give a plan or a list of problems, each with a message."""
    plan, problems = parse_plan(ENGLISH, doc, plan_bloc(), 2022, "plan-2022.toml")
    assert plan is not None or any(p.severity == "error" for p in problems)
    assert all(p.message for p in problems)


@SETTINGS
@given(st.dictionaries(KEYS, VALUES, max_size=8))
def test_a_mutated_plan_is_a_plan_or_problems(changes: dict[str, Any]) -> None:
    """A valid plan with random keys replaced gives a plan or problems, never an exception."""
    doc = {**plan_doc(), **changes}
    plan, problems = parse_plan(ENGLISH, doc, plan_bloc(), 2022, "plan-2022.toml")
    assert plan is not None or any(p.severity == "error" for p in problems)


@SETTINGS
@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_any_scores_document_is_scores_or_problems(units: dict[str, Any]) -> None:
    """Random unit tables in a scores file give scores or problems, never an exception."""
    plan, _ = parse_plan(ENGLISH, plan_doc(), plan_bloc(), 2022, "plan-2022.toml")
    assert plan is not None
    doc = {"schema": 1, "year": 2022, "units": units}
    scores, problems = parse_scores(ENGLISH, doc, plan_bloc(), plan, "scores-2022.toml")
    assert scores is not None or any(p.severity == "error" for p in problems)
