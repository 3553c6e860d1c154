"""Tests of rule packs: the shipped packs, the pack parser and a bloc's override file."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from award_builders import (
    PACK_2003,
    PACK_2022,
    PACK_2025,
    award_doc,
    make_pack,
    override,
    write_toml,
)
from khoi_thidua import store
from khoi_thidua.awards.rules import CONDITION_KINDS, Bracket, Quota, RulePack
from khoi_thidua.errors import Problem
from khoi_thidua.i18n import ENGLISH
from khoi_thidua.schema.pack import apply_override, parse_pack
from khoi_thidua.store.packs import check_rules_file, shipped_packs

BLOC_AWARDS = ["co-chinh-phu", "bang-khen-thu-tuong", "co-tinh", "bang-khen-tinh"]
TITLES = ["tt-ldxs", "tt-ldtt"]


def shipped(pack_id: str) -> RulePack:
    return next(p for p in shipped_packs() if p.id == pack_id)


def pack_doc(*awards: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema": 1,
        "id": "goi-thu",
        "name": "Gói thử",
        "years": {"from": 2018},
        "awards": [copy.deepcopy(dict(a)) for a in awards],
    }
    doc.update(extra)
    return doc


def errors_of(problems: list[Problem]) -> list[tuple[str, str]]:
    """(key, message) of each error, for comparing without hints and line numbers."""
    return [(p.key, p.message) for p in problems if p.severity == "error"]


def parse_errors(doc: Mapping[str, Any]) -> list[tuple[str, str]]:
    pack, problems = parse_pack(ENGLISH, doc, "goi-thu.toml")
    assert pack is None
    return errors_of(problems)


def override_errors(doc: Mapping[str, Any], pack_id: str = PACK_2003) -> list[Problem]:
    pack, problems = apply_override(ENGLISH, shipped(pack_id), {"schema": 1, **doc}, "rules.toml")
    assert pack is None
    return [p for p in problems if p.severity == "error"]


class TestShippedPacks:
    def test_regimes_cover_every_year_from_2018(self) -> None:
        """By results year: the 2003 Law 2018–2023, Decree 98/2023 for 2024, Decree 152/2025 on."""
        spans = [(p.id, p.year_from, p.year_to) for p in shipped_packs()]
        assert spans == [(PACK_2003, 2018, 2023), (PACK_2022, 2024, 2024), (PACK_2025, 2025, None)]

    @pytest.mark.parametrize("pack_id", [PACK_2003, PACK_2022])
    def test_awards_in_precedence_order(self, pack_id: str) -> None:
        """Bloc awards run from Government flag down to the Chairman's certificate; titles last."""
        pack = shipped(pack_id)
        assert [a.id for a in pack.bloc_awards] == BLOC_AWARDS
        assert [a.id for a in pack.titles] == TITLES

    @pytest.mark.parametrize("pack_id", [PACK_2003, PACK_2022])
    def test_government_flag_goes_to_the_leading_unit(self, pack_id: str) -> None:
        """Both regimes choose the Government flag among leading units (the best-ranked unit
        meeting the provincial flag's standard), excellent."""
        pack = shipped(pack_id)
        conditions = {c.kind: c.params for c in pack.award("co-chinh-phu").conditions}
        assert conditions["leads_bloc"] == {}
        assert (pack.leading.standard, pack.leading.units) == ("co-tinh", 1)
        assert conditions["min_rating"] == {"rating": "excellent"}

    @pytest.mark.parametrize("pack_id", [PACK_2003, PACK_2022])
    def test_quotas(self, pack_id: str) -> None:
        """1 Government flag, 1 flag up to 7 members (2 to 12, then 3), certificates ≤ 20%."""
        pack = shipped(pack_id)
        assert pack.award("co-chinh-phu").quota.seats(8) == 1
        assert pack.award("co-tinh").quota.brackets == (
            Bracket(7, 1),
            Bracket(12, 2),
            Bracket(None, 3),
        )
        assert (
            pack.award("bang-khen-tinh").quota.kind,
            pack.award("bang-khen-tinh").quota.percent,
        ) == (
            "percent",
            20.0,
        )

    @pytest.mark.parametrize("pack_id", [PACK_2003, PACK_2022])
    def test_every_rule_names_its_basis(self, pack_id: str) -> None:
        """Every condition, and every unverified quota, says where it comes from."""
        pack = shipped(pack_id)
        for award in pack.awards:
            assert award.basis, award.id
            for condition in award.conditions:
                assert condition.basis, (award.id, condition.kind)
            if award.track == "bloc" and award.quota.unverified:
                assert award.quota.basis, award.id

    def test_old_regime_titles_exclude_warned_staff(self) -> None:
        """Under the 2003 Law both collective titles exclude units with a warning or worse."""
        for title in TITLES:
            kinds = {c.kind: c.params for c in shipped(PACK_2003).award(title).conditions}
            assert kinds["no_discipline"] == {"at_or_above": "canh-cao"}

    def test_excellent_collective_needs_seventy_percent(self) -> None:
        """ "Tập thể lao động xuất sắc": all staff complete, ≥70% advanced, a base-level soldier."""
        for pack_id in (PACK_2003, PACK_2022):
            staff = next(
                c for c in shipped(pack_id).award("tt-ldxs").conditions if c.kind == "staff"
            )
            assert staff.params == {
                "advanced_share_at_least": 0.7,
                "all_completed": True,
                "base_soldier": True,
            }


class TestParsePack:
    def test_minimal_pack(self) -> None:
        """A pack with one award and no quota has an uncapped award and no tie-break keys."""
        pack = make_pack([award_doc("co-tinh", [{"kind": "min_score", "score": 80}])])
        award = pack.award("co-tinh")
        assert award.quota == Quota("none")
        assert [(c.kind, c.params) for c in award.conditions] == [("min_score", {"score": 80.0})]
        assert pack.tie_break == ()

    def test_unknown_condition_kind(self) -> None:
        """A misspelled condition kind is named with its key path."""
        doc = pack_doc(award_doc("co-tinh", [{"kind": "min_votes", "more_than": 0.5}]))
        assert parse_errors(doc) == [
            ("awards[0].conditions[0].kind", "`kind` = 'min_votes' is not allowed")
        ]

    @pytest.mark.parametrize(
        "shares",
        [{}, {"more_than": 0.5, "at_least": 0.5}],
        ids=["neither", "both"],
    )
    def test_vote_share_needs_exactly_one_form(self, shares: dict[str, float]) -> None:
        """`min_vote_share` takes exactly one of `more_than` or `at_least`."""
        doc = pack_doc(award_doc("co-tinh", [{"kind": "min_vote_share", **shares}]))
        assert parse_errors(doc) == [
            ("awards[0].conditions[0]", "give exactly one of `more_than` or `at_least`")
        ]

    def test_share_written_as_percent(self) -> None:
        """A share is between 0 and 1: 50 (meant as 50%) is refused."""
        doc = pack_doc(award_doc("co-tinh", [{"kind": "min_vote_share", "more_than": 50}]))
        assert parse_errors(doc) == [
            ("awards[0].conditions[0].more_than", "`more_than` = 50 is above the maximum 1")
        ]

    def test_prior_award_must_be_in_the_pack(self) -> None:
        """`prior_awards` may only name awards of the same pack."""
        condition = {"kind": "prior_awards", "awards": ["co-tinh", "co-tinhh"], "within_years": 5}
        doc = pack_doc(award_doc("bang-khen-thu-tuong", [condition]), award_doc("co-tinh"))
        assert parse_errors(doc) == [
            ("awards[0].conditions[0].awards[1]", "unknown award id `co-tinhh`")
        ]

    def test_duplicate_award(self) -> None:
        """The same award id twice is refused."""
        doc = pack_doc(award_doc("co-tinh"), award_doc("co-tinh"))
        assert parse_errors(doc) == [("awards[1].id", "award `co-tinh` is listed twice")]

    @pytest.mark.parametrize(
        "brackets",
        [
            [{"up_to": 12, "count": 2}, {"up_to": 7, "count": 1}],
            [{"count": 3}, {"up_to": 7, "count": 1}],
        ],
        ids=["descending", "open-not-last"],
    )
    def test_brackets_must_ascend(self, brackets: list[dict[str, int]]) -> None:
        """Brackets go up in `up_to`; only the last may leave it out."""
        doc = pack_doc(award_doc("co-tinh", quota={"kind": "bracket", "brackets": brackets}))
        assert parse_errors(doc) == [
            (
                "awards[0].quota.brackets",
                "brackets must go up in `up_to`, only the last may leave `up_to` out",
            )
        ]

    def test_quota_count_not_a_number(self) -> None:
        """A quota count written as text is refused with its key."""
        doc = pack_doc(award_doc("co-tinh", quota={"kind": "fixed", "count": "một"}))
        assert parse_errors(doc) == [
            ("awards[0].quota.count", "`count` must be a whole number, not text")
        ]

    def test_unknown_tie_break_key(self) -> None:
        """Only known tie-break keys are accepted."""
        doc = pack_doc(award_doc("co-tinh"), tie_break=["votes"])
        assert parse_errors(doc) == [("tie_break[0]", "unknown tie-break key `votes`")]

    def test_no_awards(self) -> None:
        """A pack without awards is refused."""
        assert parse_errors(pack_doc()) == [("awards", "the pack lists no awards")]


class TestApplyOverride:
    def test_quota_replaced(self) -> None:
        """A quota in the override replaces the pack's, and is the bloc's own (verified) value."""
        pack = override(
            shipped(PACK_2003), {"awards": {"co-tinh": {"quota": {"kind": "fixed", "count": 3}}}}
        )
        assert pack.award("co-tinh").quota == Quota("fixed", count=3, set_in="rules.toml")
        assert pack.sources[-1] == "rules.toml"

    def test_threshold_changes_form(self) -> None:
        """`at_least` replaces `more_than` and keeps the old basis; the value is now verified."""
        before = next(
            c for c in shipped(PACK_2003).award("co-tinh").conditions if c.kind == "min_vote_share"
        )
        pack = override(
            shipped(PACK_2003),
            {"awards": {"co-tinh": {"conditions": {"min_vote_share": {"at_least": 0.6667}}}}},
        )
        after = next(c for c in pack.award("co-tinh").conditions if c.kind == "min_vote_share")
        assert after.params == {"at_least": 0.6667}
        assert after.basis == before.basis
        assert before.unverified and not after.unverified

    def test_partial_change_keeps_other_parameters(self) -> None:
        """Changing `years` of `consecutive_years` keeps its `rating`."""
        pack = override(
            shipped(PACK_2003),
            {"awards": {"bang-khen-tinh": {"conditions": {"consecutive_years": {"years": 3}}}}},
        )
        condition = next(
            c for c in pack.award("bang-khen-tinh").conditions if c.kind == "consecutive_years"
        )
        assert condition.params == {"rating": "excellent", "years": 3}

    def test_condition_dropped_and_added(self) -> None:
        """`false` drops a condition; a kind the award lacks is added at the end."""
        pack = override(
            shipped(PACK_2003),
            {
                "awards": {
                    "co-tinh": {"conditions": {"no_discipline": False, "min_score": {"score": 90}}}
                }
            },
        )
        kinds = [c.kind for c in pack.award("co-tinh").conditions]
        assert kinds == ["min_rating", "min_vote_share", "min_score"]

    def test_dropping_an_absent_condition_is_harmless(self) -> None:
        """Dropping a kind the award does not have leaves its conditions as they were."""
        base = shipped(PACK_2003)
        pack = override(base, {"awards": {"co-tinh": {"conditions": {"staff": False}}}})
        assert pack.award("co-tinh").conditions == base.award("co-tinh").conditions

    def test_award_disabled(self) -> None:
        """`enabled = false` takes the award out; the others keep their order."""
        pack = override(shipped(PACK_2003), {"awards": {"bang-khen-thu-tuong": {"enabled": False}}})
        assert [a.id for a in pack.bloc_awards] == ["co-chinh-phu", "co-tinh", "bang-khen-tinh"]

    def test_tie_break(self) -> None:
        """A `tie_break` in the override replaces the pack's."""
        pack = override(shipped(PACK_2003), {"tie_break": ["self_score"]})
        assert pack.tie_break == ("self_score",)

    def test_unknown_condition_kind(self) -> None:
        """An unknown condition kind is named with its key, and the hint lists the kinds."""
        problems = override_errors(
            {"awards": {"co-tinh": {"conditions": {"min_votes": {"more_than": 0.6}}}}}
        )
        assert errors_of(problems) == [
            ("awards.co-tinh.conditions.min_votes", "unknown condition kind `min_votes`")
        ]
        assert all(kind in problems[0].hint for kind in CONDITION_KINDS)

    def test_unknown_award(self) -> None:
        """An award id the pack does not know is refused, listing the ids it does."""
        problems = override_errors({"awards": {"co-tinhh": {"enabled": False}}})
        assert errors_of(problems) == [("awards.co-tinhh", "unknown award id `co-tinhh`")]
        assert "co-tinh" in problems[0].hint

    @pytest.mark.parametrize(
        ("quota", "key", "message"),
        [
            (
                {"kind": "fixed", "count": "hai"},
                "count",
                "`count` must be a whole number, not text",
            ),
            (
                {"kind": "percent", "percent": "20%"},
                "percent",
                "`percent` must be a number, not text",
            ),
            ({"kind": "fixed", "count": -1}, "count", "`count` = -1 is below the minimum 0"),
        ],
    )
    def test_quota_not_a_number(self, quota: dict[str, Any], key: str, message: str) -> None:
        """A quota value that is not a usable number is refused with its key."""
        problems = override_errors({"awards": {"co-tinh": {"quota": quota}}})
        assert errors_of(problems) == [(f"awards.co-tinh.quota.{key}", message)]

    def test_condition_not_a_table(self) -> None:
        """A condition override is a table or `false`; a bare number is refused."""
        problems = override_errors({"awards": {"co-tinh": {"conditions": {"min_vote_share": 0.6}}}})
        assert errors_of(problems) == [
            (
                "awards.co-tinh.conditions.min_vote_share",
                "a condition override is a table, or `false` to drop it",
            )
        ]

    def test_bad_threshold(self) -> None:
        """A threshold out of range in the override is refused with its key."""
        problems = override_errors(
            {"awards": {"co-tinh": {"conditions": {"min_vote_share": {"at_least": 66.67}}}}}
        )
        assert errors_of(problems) == [
            (
                "awards.co-tinh.conditions.min_vote_share.at_least",
                "`at_least` = 66.67 is above the maximum 1",
            )
        ]

    def test_unknown_top_level_key(self) -> None:
        """A misspelled top-level key of the override is refused."""
        problems = override_errors({"award": {}})
        assert errors_of(problems) == [("award", "unknown key `award`")]


class TestCheckRulesFile:
    def test_problems_of_the_override_are_reported(self, sample_bloc_dir: Path) -> None:
        """`khoi check` sees an override's problems (once, though it applies to both regimes)."""
        write_toml(sample_bloc_dir / "rules.toml", {"schema": 1, "awards": {"co-tinhh": {}}})
        text = (sample_bloc_dir / "bloc.toml").read_text(encoding="utf-8")
        (sample_bloc_dir / "bloc.toml").write_text('rules = "rules.toml"\n' + text, "utf-8")
        problems = check_rules_file(sample_bloc_dir, store.load_bloc(sample_bloc_dir))
        assert [(p.key, p.message) for p in problems] == [
            ("awards.co-tinhh", "unknown award id `co-tinhh`")
        ]
