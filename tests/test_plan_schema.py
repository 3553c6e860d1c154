"""plan-YYYY.toml: a valid plan is read whole; each mistake is reported with its key and a fix."""

from __future__ import annotations

from typing import Any

import pytest

from khoi_thidua.errors import Problem
from khoi_thidua.i18n import ENGLISH
from khoi_thidua.model import Rating
from khoi_thidua.plan import Effect, FinalMethod, Plan, Rounding
from khoi_thidua.schema.plan import parse_plan
from plan_builders import plan_bloc, plan_doc


def _parse(doc: dict[str, Any], year: int = 2022) -> tuple[Plan | None, list[Problem]]:
    return parse_plan(ENGLISH, doc, plan_bloc(), year, "plan-2022.toml")


def _errors(doc: dict[str, Any]) -> list[Problem]:
    plan, problems = _parse(doc)
    errors = [p for p in problems if p.severity == "error"]
    assert plan is None
    assert errors
    return errors


def test_a_valid_plan_is_read_whole() -> None:
    """Groups, criteria, bonus, penalty, disqualifiers, scorers and pledge all come through."""
    plan, problems = _parse(plan_doc())
    assert plan is not None, problems
    assert [g.id for g in plan.groups] == ["I", "II"]
    assert plan.max_score == 100
    assert plan.groups[0].max == 80
    assert plan.criterion("dang") is not None
    assert plan.bonus.limit == 5 and plan.bonus.item("sang-kien") is not None
    assert plan.penalty.limit == 10
    assert plan.disqualifiers[0].effect is Effect.CAP
    assert plan.disqualifiers[0].cap is Rating.GOOD
    assert plan.disqualifiers[1].effect is Effect.EXCLUDE
    assert plan.method is FinalMethod.AGREED
    assert plan.decimals == 2 and plan.rounding is Rounding.HALF_UP
    assert plan.units_scored_by("a") == ("b", "c", "d")
    assert plan.scorers_of("a") == ("b", "c")
    assert plan.pledge.targets[0].criterion == "nhiem-vu"
    assert plan.pledge_date == "2022-01-07"
    assert plan.mid_year_date == "2022-07-15"


def test_the_bonus_limit_defaults_to_the_sum_of_its_items() -> None:
    """Without `limit`, the bonus may reach the sum of its items' maxima."""
    plan, _ = _parse(plan_doc(bonus={"items": [{"id": "x", "name": "X", "max": 2}]}))
    assert plan is not None
    assert plan.bonus.limit == 2


def test_teams_may_cross_score() -> None:
    """A scoring team is a scorer; it may score any unit outside the team."""
    doc = plan_doc(
        teams=[{"id": "to-1", "name": "Tổ 1", "members": ["a", "b"]}],
        cross={"to-1": ["c", "d"], "c": ["a"], "d": ["b"]},
    )
    plan, problems = _parse(doc)
    assert plan is not None, problems
    assert plan.scorers_of("c") == ("to-1",)


@pytest.mark.parametrize(
    ("changes", "key", "words"),
    [
        ({"year": 2021}, "year", "says year 2021"),
        ({"schema": 9}, "schema", "not supported"),
        ({"groups": None}, "groups", "no scoring table"),
        ({"surprise": 1}, "surprise", "unknown key"),
        ({"method": {"final": "median"}}, "method.final", "not allowed"),
        ({"method": {"decimals": 7}}, "method.decimals", "above the maximum"),
        ({"method": {"rounding": "up"}}, "method.rounding", "not allowed"),
        (
            {
                "groups": [
                    {"id": "I", "name": "I", "criteria": [{"id": "x", "name": "X", "max": 0}]}
                ]
            },
            "groups[0].criteria[0].max",
            "above 0",
        ),
        (
            {
                "groups": [
                    {
                        "id": "I",
                        "name": "I",
                        "criteria": [
                            {"id": "x", "name": "X", "max": 5},
                            {"id": "X", "name": "Y", "max": 5},
                        ],
                    }
                ]
            },
            "groups[0].criteria[1].id",
            "used twice",
        ),
        ({"groups": [{"id": "I", "name": "I"}]}, "groups[0].criteria", "no criteria"),
        (
            {"disqualifying": [{"id": "k", "name": "K", "effect": "cap"}]},
            "disqualifying[0].cap",
            "missing",
        ),
        (
            {"disqualifying": [{"id": "k", "name": "K", "effect": "exclude", "cap": "good"}]},
            "disqualifying[0].cap",
            "only for",
        ),
        ({"cross": {"a": ["a", "b"]}}, "cross.a", "its own unit"),
        ({"cross": {"zz": ["a"]}}, "cross.zz", "neither a member"),
        ({"cross": {"a": ["b", "zz"]}}, "cross.a", "not a member"),
        ({"cross": {"a": ["b", "b"]}}, "cross.a", "listed twice"),
        (
            {"teams": [{"id": "a", "members": ["b", "c"]}], "cross": {}},
            "teams[0].id",
            "also a member id",
        ),
        (
            {"teams": [{"id": "to", "members": ["a", "b"]}], "cross": {"to": ["b"]}},
            "cross.to",
            "its own unit",
        ),
        (
            {"method": {"final": "trimmed-mean"}, "cross": {"a": ["b"]}},
            "cross",
            "needs at least 3",
        ),
        (
            {"pledge": {"targets": [{"id": "t", "text": "T", "criterion": "nope"}]}},
            "pledge.targets[0].criterion",
            "unknown scoring criterion",
        ),
        (
            {"dates": {"pledge": "2022-09-01", "mid_year": "2022-07-15"}},
            "dates.pledge",
            "after the mid-year review",
        ),
        ({"dates": {"pledge": 20220107}}, "dates.pledge", "must be a date"),
    ],
)
def test_each_mistake_is_located(changes: dict[str, Any], key: str, words: str) -> None:
    """Each kind of mistake in a plan is an error at its own key, and no plan is returned."""
    errors = _errors(plan_doc(**changes))
    assert any(p.key == key and words in p.message for p in errors), errors


def test_every_mistake_is_reported_in_one_pass() -> None:
    """Several mistakes in one plan are all reported, not only the first."""
    errors = _errors(plan_doc(year=2021, cross={"a": ["a"]}, method={"final": "median"}))
    assert {p.key for p in errors} >= {"year", "cross.a", "method.final"}


def test_a_bonus_item_above_the_limit_is_a_warning() -> None:
    """An item allowing more than the total limit is accepted, warning that the limit wins."""
    plan, problems = _parse(
        plan_doc(bonus={"limit": 2, "items": [{"id": "x", "name": "X", "max": 3}]})
    )
    assert plan is not None
    assert [p.key for p in problems if p.severity == "warning"] == ["bonus.items[0].max"]


def test_a_member_who_left_cannot_be_assigned() -> None:
    """A unit that is not a member in the plan's year cannot be scored."""
    from dataclasses import replace

    bloc = plan_bloc()
    gone = replace(bloc, members=(*bloc.members[:3], replace(bloc.members[3], left=2022)))
    plan, problems = parse_plan(ENGLISH, plan_doc(), gone, 2022, "plan-2022.toml")
    assert plan is None
    assert any(p.key == "cross.a" and "`d`" in p.message for p in problems)
