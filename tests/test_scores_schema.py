"""scores-YYYY.toml: each kind of mistake is refused at its own key, all in one pass."""

from __future__ import annotations

from typing import Any

import pytest

from khoi_thidua.errors import Problem
from khoi_thidua.i18n import ENGLISH
from khoi_thidua.plan import Plan, YearScores
from khoi_thidua.schema.plan import parse_plan
from khoi_thidua.schema.scores import parse_scores
from plan_builders import plan_bloc, plan_doc

FULL = {"nhiem-vu": 58, "tham-muu": 19, "dang": 19}


def _plan() -> Plan:
    plan, problems = parse_plan(ENGLISH, plan_doc(), plan_bloc(), 2022, "plan-2022.toml")
    assert plan is not None, problems
    return plan


def _parse(units: dict[str, Any], **top: Any) -> tuple[YearScores | None, list[Problem]]:
    doc = {"schema": 1, "year": 2022, "units": units, **top}
    return parse_scores(ENGLISH, doc, plan_bloc(), _plan(), "scores-2022.toml")


def test_a_valid_file_is_read_whole() -> None:
    """Self, cross, agreed with reasons, items, failed criteria and mid-year all come through."""
    scores, problems = _parse(
        {
            "a": {
                "self": FULL,
                "evidence": {"dang": "Nghị quyết số 1"},
                "cross": {"b": FULL, "c": FULL},
                "agreed": {"dang": 18},
                "reasons": {"dang": "thiếu minh chứng"},
                "bonus": {"sang-kien": 1},
                "penalty": {"cham": 0.5},
                "failed": ["ky-luat"],
                "mid_year": {"score": 48, "note": "đúng tiến độ"},
            }
        }
    )
    assert scores is not None, problems
    unit = scores.unit("a")
    assert unit is not None
    assert set(unit.cross) == {"b", "c"}
    assert unit.failed == ("ky-luat",)
    assert scores.evidence == (("a", "dang", "Nghị quyết số 1"),)
    assert dict(scores.mid_year)["a"].score == 48


MISTAKES: list[tuple[dict[str, Any], dict[str, Any], str, str]] = [
    ({}, {"year": 2021}, "year", "says year 2021"),
    ({}, {"extra": 1}, "extra", "unknown key"),
    ({"zz": {"self": FULL}}, {}, "units.zz", "not a member"),
    ({"a": "full marks"}, {}, "units.a", "must be a table"),
    ({"a": {"selfie": FULL}}, {}, "units.a.selfie", "unknown key"),
    ({"a": {"self": {**FULL, "x": 1}}}, {}, "units.a.self.x", "unknown scoring criterion"),
    ({"a": {"self": {**FULL, "dang": 21}}}, {}, "units.a.self.dang", "above the maximum"),
    ({"a": {"self": {**FULL, "dang": -1}}}, {}, "units.a.self.dang", "below the minimum"),
    ({"a": {"self": {**FULL, "dang": "19"}}}, {}, "units.a.self.dang", "must be a number"),
    ({"a": {"cross": {"a": FULL}}}, {}, "units.a.cross.a", "scores itself"),
    ({"a": {"cross": {"d": FULL}}}, {}, "units.a.cross.d", "not assigned"),
    ({"a": {"cross": {"b": {"dang": 10}}}}, {}, "units.a.cross.b", "no score for"),
    (
        {"a": {"self": FULL, "agreed": {"dang": 17}}},
        {},
        "units.a.agreed.dang",
        "with no reason",
    ),
    ({"a": {"agreed": {"dang": 30}}}, {}, "units.a.agreed.dang", "above the maximum"),
    ({"a": {"bonus": {"x": 1}}}, {}, "units.a.bonus.x", "unknown bonus or penalty item"),
    ({"a": {"bonus": {"sang-kien": 4}}}, {}, "units.a.bonus.sang-kien", "above the maximum"),
    ({"a": {"penalty": {"x": 1}}}, {}, "units.a.penalty.x", "unknown bonus or penalty item"),
    ({"a": {"failed": ["x"]}}, {}, "units.a.failed", "unknown disqualifying"),
    ({"a": {"evidence": {"x": "?"}}}, {}, "units.a.evidence.x", "unknown scoring criterion"),
    ({"a": {"mid_year": {"score": 200}}}, {}, "units.a.mid_year.score", "above the maximum"),
    ({"a": {"mid_year": {"grade": 1}}}, {}, "units.a.mid_year.grade", "unknown key"),
    ({"a": {"pledged": {"x": "1"}}}, {}, "units.a.pledged.x", "unknown pledge target"),
]


@pytest.mark.parametrize(("units", "top", "key", "words"), MISTAKES)
def test_each_mistake_is_located(
    units: dict[str, Any], top: dict[str, Any], key: str, words: str
) -> None:
    """Each kind of mistake is an error at its own key, and no scores are returned."""
    scores, problems = _parse(units, **top)
    assert scores is None
    assert any(p.key == key and words in p.message for p in problems), problems


def test_every_mistake_is_reported_at_once() -> None:
    """A file with eighteen mistakes reports each of them at its key, not just the first."""
    units: dict[str, Any] = {
        "a": {
            "self": {"x": 1, "dang": 21, "tham-muu": "19"},
            "cross": {"a": FULL, "d": FULL, "b": {"dang": 10}},
        },
        "b": {
            "self": FULL,
            "agreed": {"dang": 17},
            "bonus": {"x": 1, "sang-kien": 4},
            "penalty": {"x": 1},
            "failed": ["x"],
        },
        "c": {"evidence": {"x": "?"}, "mid_year": {"score": 200, "grade": 1}, "selfie": {}},
        "zz": {"self": FULL},
    }
    _, problems = _parse(units, year=2021, extra=1)
    keys = {p.key for p in problems if p.severity == "error"}
    assert len(keys) == 18, sorted(keys)


def test_a_reason_without_an_agreed_score_is_a_warning() -> None:
    """A reason for a criterion the conference did not change is reported, not refused."""
    scores, problems = _parse({"a": {"self": FULL, "reasons": {"dang": "?"}}})
    assert scores is not None
    assert [p.key for p in problems] == ["units.a.reasons.dang"]
