"""Tests for the leading unit: the best-ranked unit meeting the standard leads, ties stay open."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from award_builders import award_doc, edit, make_pack, override, result, year_results
from builders import Invoke, make_bloc
from khoi_thidua import store, workflows
from khoi_thidua.awards.proposal import Proposal, propose
from khoi_thidua.awards.province import leaders
from khoi_thidua.awards.rules import RulePack
from khoi_thidua.i18n import ENGLISH
from khoi_thidua.schema.pack import apply_override

GOV = "co-chinh-phu"
FLAG = "co-tinh"
EXCELLENT = {"kind": "min_rating", "rating": "excellent"}
CLEAN = {"kind": "no_discipline", "at_or_above": "khien-trach"}
MAJORITY = {"kind": "min_vote_share", "more_than": 0.5}


def leading_pack(units: int = 1) -> RulePack:
    pack = make_pack(
        [
            award_doc(GOV, [{"kind": "leads_bloc"}, MAJORITY], {"kind": "fixed", "count": 1}),
            award_doc(FLAG, [EXCELLENT, CLEAN, MAJORITY], {"kind": "fixed", "count": 1}),
        ]
    )
    return override(pack, {"leading": {"standard": FLAG, "units": units}})


def run(units: list[Any], pack: RulePack) -> Proposal:
    bloc = make_bloc([u.member for u in units])
    return propose(bloc, year_results(2021, units, ballots=4), {}, pack)


def votes(gov: int = 0, flag: int = 0) -> dict[str, int]:
    return {GOV: gov, FLAG: flag}


class TestWhoLeads:
    def test_disqualified_top_scorer_does_not_lead(self) -> None:
        """A top scorer under discipline fails the standard; the next unit leads and can take
        the Government flag (today the flag stayed empty for everyone)."""
        units = [
            result("a", 99.0, discipline="canh-cao", votes=votes(gov=1)),
            result("b", 95.0, votes=votes(gov=3)),
            result("c", 90.0, votes=votes(flag=3)),
        ]
        proposal = run(units, leading_pack())
        assert proposal.leading.members == ("b",)
        assert [(p.member, p.rank) for p in proposal.leading.passed_over] == [("a", 1)]
        assert proposal.standing("b").award == GOV
        assert leaders(proposal) == ("b",)

    def test_ballot_is_not_part_of_the_standard(self) -> None:
        """The votes cast for the provincial flag do not decide who leads: the rank 1 unit
        that meets the flag's standard leads even with no votes for that flag."""
        units = [result("a", 99.0, votes=votes(gov=4)), result("b", 95.0, votes=votes(flag=4))]
        proposal = run(units, leading_pack())
        assert proposal.leading.members == ("a",)
        assert proposal.standing("a").award == GOV

    def test_equal_best_units_tie_to_lead(self) -> None:
        """Two equally ranked units that both meet the standard tie to lead."""
        units = [result("a", 95.0, votes=votes(gov=2)), result("b", 95.0, votes=votes(gov=2))]
        proposal = run(units, leading_pack())
        assert proposal.leading.members == ("a", "b")
        assert proposal.leading.tied

    def test_a_province_may_allow_more_leaders(self) -> None:
        """`leading.units = 2` makes the two best qualifying units lead."""
        units = [result("a", 99.0), result("b", 95.0), result("c", 90.0)]
        assert run(units, leading_pack(units=2)).leading.members == ("a", "b")

    def test_nobody_meets_the_standard(self) -> None:
        """When no unit meets the standard, nobody leads and nobody gets the Government flag."""
        units = [result("a", 99.0, "good", votes=votes(gov=4))]
        proposal = run(units, leading_pack())
        assert proposal.leading.members == ()
        assert proposal.proposed == ()


class TestInTheSample:
    def test_sample_leader_in_json(self, khoi: Invoke, sample_data: Path) -> None:
        """The shipped sample's leader is Ban Tổ chức, named in JSON `leader` with the reason."""
        out = khoi("propose", "2021", "--data", str(sample_data), "--json")
        assert out.exit_code == 0, out.stderr
        leader = json.loads(out.stdout)["leader"]
        assert [m["id"] for m in leader["members"]] == ["btc"]
        assert leader["standard"] == FLAG
        assert leader["reason"] == (
            "Ban Tổ chức Tỉnh ủy leads the bloc: the best-ranked unit that meets the standard "
            "of Cờ thi đua của UBND tỉnh."
        )

    def test_disciplined_top_scorer_in_the_sample(self, sample_bloc_dir: Path) -> None:
        """With Ban Tổ chức reprimanded and the conference's Government-flag votes for Đảng ủy
        Khối, Đảng ủy Khối leads and is proposed for the Government flag."""
        path = sample_bloc_dir / "results-2021.toml"
        edit(
            path,
            "votes = { co-chinh-phu = 8 }",
            'votes = { co-chinh-phu = 1 }\ndiscipline = "canh-cao"',
        )
        edit(path, "votes = { co-tinh = 7 }", "votes = { co-chinh-phu = 7 }")
        bloc = store.load_bloc(sample_bloc_dir)
        proposal = workflows.proposal_for(sample_bloc_dir, bloc, 2021)
        assert proposal.leading.members == ("dukcq",)
        assert proposal.standing("dukcq").award == GOV
        assert proposal.standing("btc").award is None

    def test_explain_names_the_leader(self, khoi: Invoke, sample_data: Path) -> None:
        """`--explain` says who leads the bloc and why."""
        out = khoi("propose", "2021", "--data", str(sample_data), "--explain", "tct")
        assert out.exit_code == 0, out.stderr
        assert "Leading unit: Ban Tổ chức Tỉnh ủy leads the bloc" in " ".join(out.stdout.split())


class TestRulesShowLeading:
    def test_rules_name_the_leading_rule_and_vote_base(
        self, khoi: Invoke, sample_data: Path
    ) -> None:
        """`khoi rules` says how the leading unit is found and what vote shares are taken of."""
        out = khoi("rules", "2021", "--data", str(sample_data), "--json")
        assert out.exit_code == 0, out.stderr
        data = json.loads(out.stdout)
        assert data["leading"]["standard"] == FLAG
        assert data["leading"]["units"] == 1
        assert data["votes_of"] == "valid"
        text = khoi("rules", "2021", "--data", str(sample_data), env={"COLUMNS": "200"}).stdout
        assert "Leading units (1 per bloc): the best-ranked that meet the standard of" in text
        assert "Vote shares are taken of: the valid ballots" in text


class TestLeadingSetting:
    def test_unknown_standard_is_refused(self) -> None:
        """`leading.standard` must name an award of the pack; otherwise the key is reported."""
        pack = leading_pack()
        _, problems = apply_override(
            ENGLISH, pack, {"schema": 1, "leading": {"standard": "co-huyen"}}, "rules.toml"
        )
        assert [p.key for p in problems] == ["leading.standard"]

    def test_units_must_be_at_least_one(self) -> None:
        """At least one unit leads a bloc."""
        _, problems = apply_override(
            ENGLISH, leading_pack(), {"schema": 1, "leading": {"units": 0}}, "r.toml"
        )
        assert [p.key for p in problems] == ["leading.units"]

    def test_switching_off_the_standard_award(self) -> None:
        """Without the standard's award, the best-ranked unit leads, whatever it meets."""
        pack = override(leading_pack(), {"awards": {FLAG: {"enabled": False}}})
        assert pack.leading.standard is None
        units = [result("a", 99.0, discipline="canh-cao"), result("b", 95.0)]
        assert run(units, pack).leading.members == ("a",)
