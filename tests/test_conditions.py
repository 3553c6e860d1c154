"""Tests of each condition kind: whether a unit meets it and the values recorded for the reason."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import pytest

from award_builders import award_doc, facts, make_pack, result, year_results
from khoi_thidua.awards.conditions import ConditionCheck, Facts, check, threshold
from khoi_thidua.model import MemberResult, StaffFigures

AWARD = "co-tinh"


def check_one(
    condition: Mapping[str, Any],
    unit: MemberResult,
    known: Facts | None = None,
    *,
    award_ids: Sequence[str] = (AWARD,),
) -> ConditionCheck:
    """Check ``condition`` (a pack-file table) for ``unit`` of award AWARD."""
    awards = [award_doc(AWARD, [condition])]
    awards += [award_doc(other) for other in award_ids if other != AWARD]
    pack = make_pack(awards)
    award = pack.award(AWARD)
    assert len(award.conditions) == 1
    return check(award.conditions[0], award, unit, known or facts(year_results(2021, [unit])))


class TestMinRating:
    @pytest.mark.parametrize(
        ("rating", "need", "met"),
        [
            ("excellent", "excellent", True),
            ("good", "excellent", False),
            ("excellent", "good", True),
            ("good", "good", True),
            ("done", "good", False),
            ("failed", "done", False),
        ],
    )
    def test_rating_at_least(self, rating: str, need: str, met: bool) -> None:
        """A rating meets the condition when it is the one asked for or better."""
        outcome = check_one({"kind": "min_rating", "rating": need}, result("a", rating=rating))
        assert outcome.met is met
        assert outcome.actual == {"rating": rating}


class TestMaxRank:
    @pytest.mark.parametrize(("rank", "limit", "met"), [(1, 1, True), (2, 1, False), (3, 3, True)])
    def test_rank_within_limit(self, rank: int, limit: int, met: bool) -> None:
        """A unit meets `max_rank` when its rank is at most the limit (1: the leading unit)."""
        unit = result("a")
        known = facts(year_results(2021, [unit]), ranks={"a": rank})
        outcome = check_one({"kind": "max_rank", "rank": limit}, unit, known)
        assert outcome.met is met
        assert outcome.actual == {"rank": rank}

    def test_shared_first_rank_is_leading(self) -> None:
        """Two units tied at rank 1 both count as leading units."""
        a, b = result("a", 95.0), result("b", 95.0)
        known = facts(year_results(2021, [a, b]), ranks={"a": 1, "b": 1})
        assert check_one({"kind": "max_rank", "rank": 1}, b, known).met


class TestNoDiscipline:
    @pytest.mark.parametrize(
        ("discipline", "level", "met"),
        [
            ("none", "khien-trach", True),
            ("khien-trach", "khien-trach", False),
            ("khien-trach", "canh-cao", True),
            ("canh-cao", "canh-cao", False),
            ("cach-chuc", "canh-cao", False),
        ],
    )
    def test_discipline_below_level(self, discipline: str, level: str, met: bool) -> None:
        """A unit fails when its most severe measure is at the level named or above it."""
        unit = result("a", discipline=discipline)
        outcome = check_one({"kind": "no_discipline", "at_or_above": level}, unit)
        assert outcome.met is met
        assert outcome.actual == {"discipline": discipline}


def vote_check(votes: int, ballots: int, **share: float) -> ConditionCheck:
    unit = result("a", votes={AWARD: votes})
    known = facts(year_results(2021, [unit], ballots=ballots))
    return check_one({"kind": "min_vote_share", **share}, unit, known)


class TestMinVoteShare:
    def test_more_than_half(self) -> None:
        """5 votes of 8 is more than half."""
        outcome = vote_check(5, 8, more_than=0.5)
        assert outcome.met
        assert outcome.actual == {"votes": 5, "ballots": 8, "of": "valid"}

    def test_exactly_half_is_not_more_than_half(self) -> None:
        """4 votes of 8 is exactly half: not "more than half"."""
        assert not vote_check(4, 8, more_than=0.5).met

    def test_exactly_half_is_at_least_half(self) -> None:
        """4 votes of 8 meets "at least half"."""
        assert vote_check(4, 8, at_least=0.5).met

    def test_just_below_half(self) -> None:
        """3 votes of 7 (42.9%) meets neither form of one half."""
        assert not vote_check(3, 7, at_least=0.5).met
        assert not vote_check(3, 7, more_than=0.5).met

    @pytest.mark.parametrize(("votes", "ballots"), [(2, 3), (6, 9), (8, 12)])
    def test_two_thirds_written_as_decimal(self, votes: int, ballots: int) -> None:
        """Exactly two thirds of the ballots meets a two-thirds rule written 0.6667 or 0.667."""
        assert vote_check(votes, ballots, at_least=0.6667).met
        assert vote_check(votes, ballots, at_least=0.667).met

    def test_below_two_thirds(self) -> None:
        """5 votes of 8 (62.5%) and 7 of 11 (63.6%) are below two thirds."""
        assert not vote_check(5, 8, at_least=0.6667).met
        assert not vote_check(7, 11, at_least=0.6667).met

    def test_exactly_two_thirds_is_not_more_than_two_thirds(self) -> None:
        """6 of 9 is not "more than two thirds", 7 of 10 is."""
        assert not vote_check(6, 9, more_than=0.6667).met
        assert vote_check(7, 10, more_than=0.6667).met

    def test_unanimous(self) -> None:
        """Every ballot meets "at least 100%"; one short does not."""
        assert vote_check(8, 8, at_least=1.0).met
        assert not vote_check(7, 8, at_least=1.0).met

    def test_votes_for_another_award_do_not_count(self) -> None:
        """Votes cast for a different award count as 0 for this one, with no warning."""
        unit = result("a", votes={"co-chinh-phu": 8})
        known = facts(year_results(2021, [unit]))
        outcome = check_one(
            {"kind": "min_vote_share", "more_than": 0.5},
            unit,
            known,
            award_ids=(AWARD, "co-chinh-phu"),
        )
        assert not outcome.met
        assert outcome.actual == {"votes": None, "ballots": 8, "of": "valid"}

    def test_unit_without_votes_counts_zero_and_says_so(self) -> None:
        """A unit with no `votes` at all counts 0 votes, marked as missing."""
        unit = result("a", votes_recorded=False)
        known = facts(year_results(2021, [unit]))
        outcome = check_one({"kind": "min_vote_share", "at_least": 0.0}, unit, known)
        assert outcome.met  # 0 of 8 is at least 0%
        assert outcome.actual["missing"] == "votes"

    def test_no_ballots_recorded_fails(self) -> None:
        """Without the number of ballots cast no share can be checked: not met, marked."""
        unit = result("a", votes={AWARD: 8})
        known = facts(year_results(2021, [unit], ballots=None))
        outcome = check_one({"kind": "min_vote_share", "more_than": 0.5}, unit, known)
        assert not outcome.met
        assert outcome.actual["missing"] == "ballots"


class TestThreshold:
    @pytest.mark.parametrize(
        ("written", "share"),
        [
            (0.6667, Fraction(2, 3)),
            (0.667, Fraction(2, 3)),
            (0.3333, Fraction(1, 3)),
            (0.8333, Fraction(5, 6)),
            (0.5, Fraction(1, 2)),
            (0.7, Fraction(7, 10)),
            (0.9, Fraction(9, 10)),
        ],
    )
    def test_rounded_simple_fraction(self, written: float, share: Fraction) -> None:
        """A decimal of 3+ places that rounds a simple fraction stands for that fraction."""
        assert threshold(written) == share

    @pytest.mark.parametrize(
        ("written", "share"),
        [
            (0.55, Fraction(55, 100)),  # near 6/11, but two places: 55% as written
            (0.67, Fraction(67, 100)),  # near 2/3, but two places: 67% as written
            (0.575, Fraction(575, 1000)),  # three places, no simple fraction near
            (0.999, Fraction(999, 1000)),
            (0.001, Fraction(1, 1000)),
        ],
    )
    def test_other_values_are_exact(self, written: float, share: Fraction) -> None:
        """Any other threshold is read exactly as written."""
        assert threshold(written) == share

    def test_sixty_seven_percent_is_not_two_thirds(self) -> None:
        """Written as 0.67, the rule asks for 67%: exactly two thirds (66.7%) falls short."""
        assert not vote_check(2, 3, at_least=0.67).met


class TestMinScore:
    @pytest.mark.parametrize(("score", "met"), [(90.0, True), (89.99, False), (100.0, True)])
    def test_score_at_least(self, score: float, met: bool) -> None:
        """A final score meets `min_score` when it is at least the minimum."""
        outcome = check_one({"kind": "min_score", "score": 90}, result("a", score))
        assert outcome.met is met
        assert outcome.actual == {"score": score}


def streak_check(
    ratings: Mapping[int, str | None], years: int = 2, member: str = "a"
) -> ConditionCheck:
    """`consecutive_years` in 2021 where ``ratings`` gives the unit's rating by year.

    A year mapped to None has a results file without the unit; a year left out has no file.
    """
    by_year: dict[int, Any] = {}
    for year, rating in ratings.items():
        units = [result("other")]
        if rating is not None:
            units.append(result(member, rating=rating))
        by_year[year] = year_results(year, units)
    this = by_year.pop(2021)
    known = facts(this, list(by_year.values()))
    unit = this.result_for(member)
    assert unit is not None
    condition = {"kind": "consecutive_years", "rating": "excellent", "years": years}
    return check_one(condition, unit, known)


class TestConsecutiveYears:
    def test_two_excellent_years(self) -> None:
        """Excellent in 2020 and 2021 meets two consecutive years."""
        outcome = streak_check({2020: "excellent", 2021: "excellent"})
        assert outcome.met
        assert outcome.actual == {"streak": 2}

    def test_good_year_breaks_the_streak(self) -> None:
        """A year rated "good" breaks a streak of "excellent" years, and the reason says where."""
        outcome = streak_check({2020: "good", 2021: "excellent"})
        assert not outcome.met
        assert outcome.actual == {
            "streak": 1,
            "broken_at": 2020,
            "broken_by": "rating",
            "rating": "good",
        }

    def test_this_year_not_excellent(self) -> None:
        """A unit not excellent this year has a streak of 0, whatever came before."""
        outcome = streak_check({2020: "excellent", 2021: "good"})
        assert not outcome.met
        assert outcome.actual["streak"] == 0
        assert outcome.actual["broken_at"] == 2021

    def test_missing_year_file_breaks_the_streak(self) -> None:
        """A year with no results file breaks the streak: missing data is not counted as met."""
        outcome = streak_check({2019: "excellent", 2021: "excellent"}, years=3)
        assert not outcome.met
        assert outcome.actual == {"streak": 1, "broken_at": 2020, "broken_by": "no_results_file"}

    def test_unit_missing_from_a_year_breaks_the_streak(self) -> None:
        """A year whose file has no result for the unit breaks the streak."""
        outcome = streak_check({2020: None, 2021: "excellent"})
        assert not outcome.met
        assert outcome.actual == {"streak": 1, "broken_at": 2020, "broken_by": "no_result"}

    def test_only_the_years_needed_are_read(self) -> None:
        """A bad year before the span asked for does not matter."""
        outcome = streak_check({2019: "failed", 2020: "excellent", 2021: "excellent"})
        assert outcome.met
        assert outcome.actual == {"streak": 2}

    def test_five_years(self) -> None:
        """Five excellent years in a row meet five; four of five do not."""
        five = dict.fromkeys(range(2017, 2022), "excellent")
        assert streak_check(five, years=5).met
        assert not streak_check({**five, 2018: "good"}, years=5).met


def prior_check(
    granted: Mapping[int, Sequence[tuple[str, str]]],
    *,
    within: int = 5,
    min_count: int = 1,
    awards: Sequence[str] = ("co-tinh", "bang-khen-tinh"),
) -> ConditionCheck:
    """`prior_awards` for unit "a" in 2021, with ``granted`` (member, award) pairs by year."""
    unit = result("a")
    this = year_results(2021, [unit], granted=granted.get(2021, ()))
    history = [year_results(y, [unit], granted=g) for y, g in granted.items() if y != 2021]
    condition = {
        "kind": "prior_awards",
        "awards": list(awards),
        "within_years": within,
        "min_count": min_count,
    }
    ids = ("co-tinh", "bang-khen-tinh", "co-chinh-phu")
    award = "bang-khen-thu-tuong"
    pack = make_pack([award_doc(award, [condition]), *(award_doc(i) for i in ids)])
    rule = pack.award(award)
    return check(rule.conditions[0], rule, unit, facts(this, history))


class TestPriorAwards:
    def test_award_last_year(self) -> None:
        """A provincial flag granted for last year's results meets the condition, named."""
        outcome = prior_check({2020: [("a", "co-tinh")]})
        assert outcome.met
        assert outcome.actual == {
            "found": [{"year": 2020, "award": "co-tinh", "decision": "Quyết định số 1/QĐ-UBND"}],
            "from": 2016,
            "to": 2020,
        }

    def test_either_award_counts(self) -> None:
        """Any award of the list counts."""
        assert prior_check({2019: [("a", "bang-khen-tinh")]}).met

    def test_window_edges(self) -> None:
        """Within 5 years of 2021 means results of 2016–2020: 2016 counts, 2015 does not."""
        assert prior_check({2016: [("a", "co-tinh")]}).met
        assert not prior_check({2015: [("a", "co-tinh")]}).met

    def test_this_years_grant_does_not_count(self) -> None:
        """An award granted for this year's results is not a prior award."""
        assert not prior_check({2021: [("a", "co-tinh")]}).met

    def test_other_unit_or_award_does_not_count(self) -> None:
        """An award for another unit, or one not in the list, does not count."""
        assert not prior_check({2020: [("b", "co-tinh"), ("a", "co-chinh-phu")]}).met

    def test_min_count(self) -> None:
        """With `min_count = 2` one award is not enough; two in different years are."""
        assert not prior_check({2020: [("a", "co-tinh")]}, min_count=2).met
        both = {2019: [("a", "bang-khen-tinh")], 2020: [("a", "co-tinh")]}
        outcome = prior_check(both, min_count=2)
        assert outcome.met
        assert [f["year"] for f in outcome.actual["found"]] == [2019, 2020]

    def test_nothing_recorded(self) -> None:
        """No history at all: not met, nothing found."""
        outcome = prior_check({})
        assert not outcome.met
        assert outcome.actual == {"found": [], "from": 2016, "to": 2020}


def run_check(granted: Mapping[int, Sequence[tuple[str, str]]], **prior: Any) -> ConditionCheck:
    """`prior_awards` with a window on the run of a 5-year `consecutive_years`, for "a" in 2021."""
    unit = result("a")
    this = year_results(2021, [unit])
    years = set(granted) | set(range(2010, 2021))
    history = [year_results(y, [unit], granted=granted.get(y, ())) for y in sorted(years)]
    run = {"kind": "consecutive_years", "rating": "excellent", "years": 5}
    condition = {"kind": "prior_awards", "min_count": 1, **prior}
    ids = ("co-tinh", "bang-khen-tinh")
    award = "bang-khen-thu-tuong"
    pack = make_pack([award_doc(award, [run, condition]), *(award_doc(i) for i in ids)])
    rule = pack.award(award)
    return check(rule.conditions[1], rule, unit, facts(this, history))


class TestPriorAwardsAroundARun:
    """Decree 65/2014 Art. 23 wording: a certificate before the run, a flag within it."""

    def test_certificate_before_the_run(self) -> None:
        """A run of 2017–2021: a certificate for 2016 is before it; one for 2017 is not."""
        before = {"awards": ["bang-khen-tinh"], "window": "before_run"}
        assert run_check({2016: [("a", "bang-khen-tinh")]}, **before).met
        assert run_check({2012: [("a", "bang-khen-tinh")]}, **before).met
        outcome = run_check({2017: [("a", "bang-khen-tinh")]}, **before)
        assert not outcome.met
        assert outcome.actual["to"] == 2016

    def test_before_the_run_within_years(self) -> None:
        """`within_years` bounds how far before the run the certificate may lie."""
        before = {"awards": ["bang-khen-tinh"], "window": "before_run", "within_years": 2}
        assert run_check({2015: [("a", "bang-khen-tinh")]}, **before).met
        assert not run_check({2014: [("a", "bang-khen-tinh")]}, **before).met

    def test_flag_within_the_run(self) -> None:
        """A flag for 2017 lies within the run 2017–2021; one for 2016 does not."""
        within = {"awards": ["co-tinh"], "window": "within_run"}
        assert run_check({2017: [("a", "co-tinh")]}, **within).met
        outcome = run_check({2016: [("a", "co-tinh")]}, **within)
        assert not outcome.met
        assert (outcome.actual["from"], outcome.actual["to"]) == (2017, 2020)

    def test_window_needs_a_run(self) -> None:
        """A window on the run in an award without `consecutive_years` is refused."""
        condition = {"kind": "prior_awards", "awards": ["co-tinh"], "window": "within_run"}
        with pytest.raises(AssertionError, match="consecutive_years"):
            make_pack([award_doc("bang-khen-thu-tuong", [condition]), award_doc("co-tinh")])


def staff_check(staff: StaffFigures | None, **params: Any) -> ConditionCheck:
    return check_one({"kind": "staff", **params}, result("a", staff=staff))


class TestStaff:
    def test_missing_staff_figures_fail(self) -> None:
        """Without staff figures the condition is not met and the reason says they are missing."""
        outcome = staff_check(None, advanced_share_at_least=0.7)
        assert not outcome.met
        assert outcome.actual == {"missing": "staff"}

    @pytest.mark.parametrize(("share", "met"), [(0.7, True), (0.69, False), (1.0, True)])
    def test_share_at_least(self, share: float, met: bool) -> None:
        """At least 70% "Lao động tiên tiến": 70% meets it, 69% does not."""
        outcome = staff_check(StaffFigures(20, share), advanced_share_at_least=0.7)
        assert outcome.met is met
        assert outcome.actual["failed"] == ([] if met else ["advanced_share"])

    @pytest.mark.parametrize(("share", "met"), [(0.5, False), (0.51, True)])
    def test_share_more_than(self, share: float, met: bool) -> None:
        """More than 50%: exactly half does not meet it."""
        assert staff_check(StaffFigures(20, share), advanced_share_more_than=0.5).met is met

    def test_all_completed_and_base_soldier(self) -> None:
        """Every failed part is listed: not all completed, no "Chiến sĩ thi đua cơ sở"."""
        staff = StaffFigures(20, 0.8, all_completed=False, has_base_soldier=False)
        outcome = staff_check(
            staff, all_completed=True, base_soldier=True, advanced_share_at_least=0.7
        )
        assert not outcome.met
        assert outcome.actual["failed"] == ["all_completed", "base_soldier"]

    def test_parts_not_asked_for_are_ignored(self) -> None:
        """A part the condition does not ask for does not fail it."""
        staff = StaffFigures(20, 0.8, all_completed=False, has_base_soldier=False)
        assert staff_check(staff, advanced_share_at_least=0.7).met

    def test_full_figures(self) -> None:
        """A unit meeting every part passes, with its figures recorded."""
        staff = StaffFigures(34, 0.85, all_completed=True, has_base_soldier=True)
        outcome = staff_check(
            staff, all_completed=True, base_soldier=True, advanced_share_at_least=0.7
        )
        assert outcome.met
        assert outcome.actual == {
            "count": 34,
            "advanced_share": 0.85,
            "all_completed": True,
            "has_base_soldier": True,
            "failed": [],
        }
