"""Tests for the condition registry: one class per kind, exact fractions, and look-back."""

from __future__ import annotations

from typing import Any

import pytest

from award_builders import award_doc, facts, make_pack, result, year_results
from khoi_thidua import workflows
from khoi_thidua.awards.conditions import check
from khoi_thidua.awards.kinds import KINDS
from khoi_thidua.awards.kinds.base import ConditionSpec
from khoi_thidua.awards.pack_schema import parse_pack


def pack_doc(conditions: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema": 1,
        "id": "goi-thu",
        "name": "Gói thử",
        "years": {"from": 2018},
        "awards": [award_doc("co-tinh", conditions)],
    }


class TestRegistry:
    def test_every_kind_is_one_class(self) -> None:
        """Each registered kind is a ConditionSpec class that names itself and its keys."""
        assert KINDS
        for name, spec in KINDS.items():
            assert issubclass(spec, ConditionSpec)
            assert spec.kind == name
            assert all(isinstance(key, str) for key in spec.keys)

    def test_params_round_trip(self) -> None:
        """A condition's published parameters parse back to the same condition."""
        conditions = [
            {"kind": "min_rating", "rating": "good"},
            {"kind": "max_rank", "rank": 3},
            {"kind": "no_discipline", "at_or_above": "canh-cao"},
            {"kind": "min_vote_share", "at_least": "2/3"},
            {"kind": "min_score", "score": 80.0},
            {"kind": "consecutive_years", "rating": "excellent", "years": 2},
            {"kind": "prior_awards", "awards": ["co-tinh"], "within_years": 3, "min_count": 1},
            {"kind": "staff", "advanced_share_more_than": 0.5, "all_completed": True},
        ]
        pack = make_pack([award_doc("co-tinh", conditions)])
        again = make_pack(
            [
                award_doc(
                    "co-tinh",
                    [{"kind": c.kind, **c.params} for c in pack.award("co-tinh").conditions],
                )
            ]
        )
        assert again.award("co-tinh").conditions == pack.award("co-tinh").conditions

    def test_look_back_comes_from_the_kinds(self) -> None:
        """How far back a pack reads is the longest reach of any of its conditions."""
        pack = make_pack(
            [
                award_doc(
                    "co-tinh",
                    [
                        {"kind": "consecutive_years", "rating": "excellent", "years": 4},
                        {"kind": "prior_awards", "awards": ["co-tinh"], "within_years": 2},
                    ],
                )
            ]
        )
        assert workflows.look_back(pack) == 3


class TestFractions:
    @pytest.mark.parametrize(("votes", "met"), [(6, True), (5, False), (9, True)])
    def test_two_thirds_written_as_a_fraction(self, votes: int, met: bool) -> None:
        """`at_least = "2/3"` is exactly two thirds: 6 of 9 meets it, 5 of 9 does not."""
        pack = make_pack([award_doc("co-tinh", [{"kind": "min_vote_share", "at_least": "2/3"}])])
        award = pack.award("co-tinh")
        unit = result("a", votes={"co-tinh": votes})
        outcome = check(
            award.conditions[0], award, unit, facts(year_results(2021, [unit], ballots=9))
        )
        assert outcome.met is met
        assert award.conditions[0].params == {"at_least": "2/3"}

    @pytest.mark.parametrize("written", ["two thirds", "3/2", "1/0", "2/3/4"])
    def test_bad_fraction_is_refused(self, written: str) -> None:
        """A threshold text that is not a fraction between 0 and 1 is refused with its key."""
        pack, problems = parse_pack(
            pack_doc([{"kind": "min_vote_share", "more_than": written}]), "goi.toml"
        )
        assert pack is None
        assert [p.key for p in problems] == ["awards[0].conditions[0].more_than"]
