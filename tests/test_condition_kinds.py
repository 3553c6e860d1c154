"""Tests for the condition registry: one class per kind, exact fractions, and look-back."""

from __future__ import annotations

import ast
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from award_builders import (
    award_doc,
    facts,
    make_pack,
    override,
    result,
    set_rules_file,
    write_toml,
    year_results,
)
from khoi_thidua import store, workflows
from khoi_thidua.awards.conditions import check
from khoi_thidua.awards.kinds import KINDS
from khoi_thidua.awards.kinds.base import ConditionSpec
from khoi_thidua.i18n import ENGLISH
from khoi_thidua.model import VoteCount
from khoi_thidua.schema.pack import apply_override, parse_pack


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
            ENGLISH, pack_doc([{"kind": "min_vote_share", "more_than": written}]), "goi.toml"
        )
        assert pack is None
        assert [p.key for p in problems] == ["awards[0].conditions[0].more_than"]


ROUTES = {
    "kind": "any_of",
    "basis": "một trong các tiêu chuẩn",
    "routes": [
        {
            "name": "điểm cao",
            "conditions": [{"kind": "min_score", "score": 95.0}],
        },
        {
            "name": "hai năm xuất sắc",
            "conditions": [
                {"kind": "consecutive_years", "rating": "excellent", "years": 2},
                {"kind": "no_discipline", "at_or_above": "khien-trach", "unverified": True},
            ],
        },
    ],
}


def route_check(unit_score: float, earlier: str | None) -> Any:
    pack = make_pack([award_doc("co-tinh", [ROUTES])])
    award = pack.award("co-tinh")
    unit = result("a", unit_score)
    history = [] if earlier is None else [year_results(2020, [result("a", 90.0, earlier)])]
    return pack, check(award.conditions[0], award, unit, facts(year_results(2021, [unit]), history))


class TestAnyOf:
    def test_first_route(self) -> None:
        """A unit that meets the first route meets the group, and the route is named."""
        pack, outcome = route_check(96.0, None)
        assert outcome.met
        assert outcome.actual["route"] == "điểm cao"
        assert outcome.seen.observed(ENGLISH, pack) == "met by the route “điểm cao”"

    def test_second_route(self) -> None:
        """A unit that misses the first route but meets every condition of the second meets it."""
        _, outcome = route_check(90.0, "excellent")
        assert outcome.met
        assert outcome.actual["route"] == "hai năm xuất sắc"

    def test_no_route(self) -> None:
        """A unit that meets no route fails, and the explanation says why for each route."""
        pack, outcome = route_check(90.0, "good")
        assert not outcome.met
        assert outcome.actual["route"] is None
        text = outcome.seen.shortfall(ENGLISH, pack)
        assert text.startswith("no route met (điểm cao: score 90.0 (needs ≥95.0); ")
        assert "hai năm xuất sắc: 1 consecutive year HTXSNV (needs 2)" in text

    def test_describe_lists_routes(self) -> None:
        """The rule names each route and what it needs."""
        pack = make_pack([award_doc("co-tinh", [ROUTES])])
        text = pack.award("co-tinh").conditions[0].spec.describe(ENGLISH, pack, 2021)
        assert text.startswith("one of these routes — (1) điểm cao: final score at least 95.0; ")
        assert "(2) hai năm xuất sắc: 2 consecutive years (2020–2021)" in text

    def test_reads_back_as_far_as_its_routes(self) -> None:
        """A group reads as far back as the longest of its routes."""
        pack = make_pack([award_doc("co-tinh", [ROUTES])])
        assert workflows.look_back(pack) == 1

    @pytest.mark.parametrize(
        ("routes", "key"),
        [
            (
                [{"conditions": [{"kind": "min_score", "score": 1.0}]}],
                "awards[0].conditions[0].routes",
            ),
            (
                [
                    {"name": "a", "conditions": []},
                    {"conditions": [{"kind": "min_score", "score": 1.0}]},
                ],
                "awards[0].conditions[0].routes[0].conditions",
            ),
            (
                [
                    {"conditions": [{"kind": "min_score"}]},
                    {"conditions": [{"kind": "min_score", "score": 1.0}]},
                ],
                "awards[0].conditions[0].routes[0].conditions[0].score",
            ),
        ],
    )
    def test_bad_groups_are_refused(self, routes: list[Any], key: str) -> None:
        """A group with one route, an empty route or a bad inner condition is refused there."""
        pack, problems = parse_pack(
            ENGLISH, pack_doc([{"kind": "any_of", "routes": routes}]), "goi.toml"
        )
        assert pack is None
        assert key in [p.key for p in problems]


class TestAnyOfInAProposal:
    def test_explain_names_the_route(self, sample_bloc_dir: Path, khoi: Any) -> None:
        """`propose --explain` says which route a unit met, and the JSON names it."""
        set_rules_file(sample_bloc_dir)
        routes = {
            "routes": [
                {"name": "điểm tuyệt đối", "conditions": [{"kind": "min_score", "score": 99.0}]},
                {"name": "xếp hạng", "conditions": [{"kind": "max_rank", "rank": 2}]},
            ]
        }
        write_toml(
            sample_bloc_dir / "rules.toml",
            {"schema": 1, "awards": {"co-tinh": {"conditions": {"any_of": routes}}}},
        )
        run = khoi("propose", "2021", "--data", str(sample_bloc_dir), "--explain", "dukcq")
        assert run.exit_code == 0, run.stderr
        assert "met by the route “xếp hạng”" in run.stdout
        data = json.loads(
            khoi("propose", "2021", "--data", str(sample_bloc_dir), "--format", "json").stdout
        )
        tct = next(s for s in data["standings"] if s["member"]["id"] == "tct")
        flag = next(d for d in tct["decisions"] if d["award"] == "co-tinh")
        group = next(c for c in flag["conditions"] if c["kind"] == "any_of")
        assert group["met"] is False
        assert group["actual"]["route"] is None


class TestVoteBase:
    def share_check(self, votes_of: str | None, unit_votes: int, **counts: int) -> Any:
        pack = make_pack([award_doc("co-tinh", [{"kind": "min_vote_share", "more_than": 0.5}])])
        if votes_of is not None:
            pack = override(pack, {"votes_of": votes_of})
        award = pack.award("co-tinh")
        unit = result("a", votes={"co-tinh": unit_votes})
        valid = counts.pop("valid", 8)
        count = VoteCount(members=10, valid=valid, **counts)
        results = dataclasses.replace(year_results(2021, [unit], ballots=valid), count=count)
        known = dataclasses.replace(facts(results), members=10, votes_of=pack.votes_of)
        return pack, check(award.conditions[0], award, unit, known)

    def test_valid_ballots_by_default(self) -> None:
        """By default a share is of the valid ballots: 4 of 6 valid (8 returned) is a majority."""
        pack, outcome = self.share_check(None, 4, valid=6, returned=8)
        assert outcome.met
        assert outcome.actual == {"votes": 4, "ballots": 6, "of": "valid"}
        assert pack.award("co-tinh").conditions[0].spec.describe(ENGLISH, pack, 2021) == (
            "votes from more than 50% of the valid ballots"
        )

    def test_returned_ballots(self) -> None:
        """`votes_of = "returned"` takes the share of every ballot returned, valid or not."""
        _, outcome = self.share_check("returned", 4, valid=6, returned=8)
        assert not outcome.met
        assert outcome.actual == {"votes": 4, "ballots": 8, "of": "returned"}

    def test_members(self) -> None:
        """`votes_of = "members"` takes the share of the bloc's members: 5 of 10 is no majority."""
        pack, outcome = self.share_check("members", 5)
        assert not outcome.met
        assert outcome.seen.observed(ENGLISH, pack) == "5 votes of 10 members (50%)"

    def test_issued(self) -> None:
        """`votes_of = "issued"` without the count of ballots issued fails and says so."""
        pack, outcome = self.share_check("issued", 8)
        assert not outcome.met
        assert (
            outcome.seen.observed(ENGLISH, pack) == "the number of ballots issued is not recorded"
        )
        _, counted = self.share_check("issued", 5, issued=9)
        assert counted.met

    def test_unknown_base_is_refused(self) -> None:
        """A `votes_of` that names no known count is refused with the choices."""
        pack = make_pack([award_doc("co-tinh")])
        _, problems = apply_override(
            ENGLISH, pack, {"schema": 1, "votes_of": "attendees"}, "rules.toml"
        )
        assert [p.key for p in problems] == ["votes_of"]

    def test_bloc_override_in_the_sample(self, sample_bloc_dir: Path) -> None:
        """A bloc that counts shares of the ballots issued, without recording them, gets no
        vote-share condition met, and the explanation says what is missing."""
        set_rules_file(sample_bloc_dir)
        write_toml(sample_bloc_dir / "rules.toml", {"schema": 1, "votes_of": "issued"})
        bloc = store.load_bloc(sample_bloc_dir)
        proposal = workflows.proposal_for(sample_bloc_dir, bloc, 2021)
        assert proposal.proposed == ()
        flag = next(d for d in proposal.standing("dukcq").decisions if d.award == "co-tinh")
        vote = next(c for c in flag.checks if c.condition.kind == "min_vote_share")
        assert vote.actual["of"] == "issued"
        assert vote.seen.shortfall(ENGLISH, proposal.pack) == "ballots issued not recorded"


# Modules outside awards/kinds/ that still name a kind: each a rule about the kinds together
# (a window needs the award's run; the ballot leaves out the vote itself).
KIND_NAMES_ALLOWED = {"awards/pack_meta.py", "awards/ballot.py"}


def test_kinds_are_compared_only_in_the_registry() -> None:
    """No module outside awards/kinds/ dispatches on a condition's kind name: a new kind
    touches one module (modules listed in KIND_NAMES_ALLOWED excepted)."""
    src = Path(__file__).resolve().parents[1] / "src" / "khoi_thidua"
    found = []
    for path in sorted(src.rglob("*.py")):
        where = path.relative_to(src).as_posix()
        if where.startswith("awards/kinds/") or where in KIND_NAMES_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                sides = [node.left, *node.comparators]
                compares_kind = any(
                    isinstance(s, ast.Attribute) and s.attr == "kind" for s in sides
                )
                names = [s.value for s in sides if isinstance(s, ast.Constant)]
                if compares_kind and any(name in KINDS for name in names):
                    found.append(f"{where}:{node.lineno}")
    assert not found, found
