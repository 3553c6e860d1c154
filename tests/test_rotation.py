"""Tests of the pure circular rotation: leadership_in, plan, history and step."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import make_bloc
from khoi_thidua import rotation
from khoi_thidua.errors import ExitCode
from khoi_thidua.i18n import ENGLISH
from khoi_thidua.model import Bloc
from khoi_thidua.rotation import Leadership, RotationError, Skip, Status, YearBeforeRecordsError

ABCD = ("a", "b", "c", "d")


def pairs(answers: list[Leadership]) -> list[tuple[int, str, str | None]]:
    return [(a.year, a.chair, a.vice_chair) for a in answers]


# -- the seed case ---------------------------------------------------------------------------


class TestSeed:
    def seed_bloc(self) -> Bloc:
        return make_bloc(("btc", "dukcq", "tct", "bnc"), [(2021, "btc", "dukcq")])

    def test_vice_chair_of_2021_chairs_in_2022(self) -> None:
        """The 2021 vice-chair (dukcq) chairs 2022 and the next in the circle (tct) is vice."""
        answer = rotation.leadership_in(ENGLISH, self.seed_bloc(), 2022)
        assert (answer.chair, answer.vice_chair) == ("dukcq", "tct")
        assert answer.recorded is False
        assert answer.start_year == 2021
        assert answer.previous == ("btc", "dukcq")
        assert answer.skipped == ()

    def test_recorded_year_is_returned_as_recorded(self) -> None:
        """A recorded year is answered from the record, marked recorded."""
        answer = rotation.leadership_in(ENGLISH, self.seed_bloc(), 2021)
        assert (answer.chair, answer.vice_chair, answer.recorded) == ("btc", "dukcq", True)

    def test_circle_wraps_around(self) -> None:
        """After the last member in the order, the circle comes back to the first."""
        answers = rotation.plan(self.seed_bloc(), 2022, 2025)
        assert pairs(answers) == [
            (2022, "dukcq", "tct"),
            (2023, "tct", "bnc"),
            (2024, "bnc", "btc"),
            (2025, "btc", "dukcq"),
        ]

    def test_default_year_is_after_latest_record(self) -> None:
        """The default year is the one after the latest recorded year."""
        bloc = make_bloc(ABCD, [(2020, "a", "b"), (2023, "c", "d")])
        assert rotation.default_year(ENGLISH, bloc) == 2024

    def test_default_year_without_records_is_an_error(self) -> None:
        """Without any record there is no default year, and the hint shows how to record one."""
        with pytest.raises(RotationError) as info:
            rotation.default_year(ENGLISH, make_bloc(ABCD))
        assert "[[leadership]]" in info.value.hint


# -- membership changes ----------------------------------------------------------------------


class TestJoins:
    def test_member_not_yet_joined_is_skipped(self) -> None:
        """A member that joins in 2023 is passed over as vice-chair in 2021, with the join year."""
        bloc = make_bloc(ABCD, [(2020, "a", "b")], joined={"c": 2023})
        answer = rotation.leadership_in(ENGLISH, bloc, 2021)
        assert (answer.chair, answer.vice_chair) == ("b", "d")
        assert answer.skipped == (Skip("c", 2021, "vice_chair", "not_joined", "2023"),)

    def test_member_takes_its_turn_after_joining(self) -> None:
        """Once its joining year has come, the new member takes its turn in the circle."""
        bloc = make_bloc(ABCD, [(2020, "a", "b")], joined={"c": 2023})
        answers = rotation.plan(bloc, 2021, 2025)
        assert pairs(answers) == [
            (2021, "b", "d"),
            (2022, "d", "a"),
            (2023, "a", "b"),
            (2024, "b", "c"),
            (2025, "c", "d"),
        ]


class TestLeaves:
    def test_member_that_left_is_skipped(self) -> None:
        """A member that left in 2022 is passed over from 2022 on, with the year it left."""
        bloc = make_bloc(ABCD, [(2020, "a", "b")], left={"b": 2022})
        answers = rotation.plan(bloc, 2021, 2024)
        assert pairs(answers) == [
            (2021, "b", "c"),
            (2022, "c", "d"),
            (2023, "d", "a"),
            (2024, "a", "c"),
        ]
        assert answers[-1].skipped == (Skip("b", 2024, "vice_chair", "left", "2022"),)

    def test_vice_chair_that_left_does_not_chair(self) -> None:
        """When last year's vice-chair has left, the next eligible member in the circle chairs."""
        bloc = make_bloc(ABCD, [(2020, "a", "b")], left={"b": 2021})
        answer = rotation.leadership_in(ENGLISH, bloc, 2021)
        assert (answer.chair, answer.vice_chair) == ("c", "d")
        assert [s.member for s in answer.skipped if s.role == "chair"] == ["b"]

    def test_bloc_shrinking_to_one_member(self) -> None:
        """With one member left, it chairs and there is no vice-chair."""
        bloc = make_bloc(("a", "b", "c"), [(2020, "a", "b")], left={"b": 2022, "c": 2022})
        answers = rotation.plan(bloc, 2022, 2023)
        assert pairs(answers) == [(2022, "a", None), (2023, "a", None)]
        vice_skips = [s.member for s in answers[0].skipped if s.role == "vice_chair"]
        assert vice_skips == ["b", "c"]

    def test_no_eligible_member_is_a_vacant_year(self) -> None:
        """When every member has left, the year is VACANT with nobody leading, each one listed."""
        bloc = make_bloc(("a", "b"), [(2020, "a", "b")], left={"a": 2022, "b": 2022})
        answer = rotation.leadership_in(ENGLISH, bloc, 2022)
        assert answer.status is Status.VACANT
        assert (answer.chair, answer.vice_chair, answer.leads) == (None, None, False)
        assert [(s.member, s.reason) for s in answer.skipped] == [("a", "left"), ("b", "left")]


class TestMerges:
    def test_successor_after_predecessor_takes_the_turn(self) -> None:
        """A merged unit's successor, placed after it in the order, chairs in its place."""
        bloc = make_bloc(
            ("a", "b", "old", "new", "c"),
            [(2024, "b", "old")],
            joined={"new": 2025},
            left={"old": 2025},
            merged_into={"old": "new"},
        )
        answer = rotation.leadership_in(ENGLISH, bloc, 2025)
        assert (answer.chair, answer.vice_chair) == ("new", "c")
        assert answer.skipped == (Skip("old", 2025, "chair", "merged", "new"),)

    def test_merged_member_is_never_chosen_again(self) -> None:
        """Over a whole cycle after the merge, the merged unit never leads."""
        bloc = make_bloc(
            ("a", "b", "old", "new", "c"),
            [(2024, "b", "old")],
            joined={"new": 2025},
            left={"old": 2025},
            merged_into={"old": "new"},
        )
        leaders = {who for a in rotation.plan(bloc, 2025, 2035) for who in (a.chair, a.vice_chair)}
        assert "old" not in leaders
        assert {"a", "b", "new", "c"} <= leaders


class TestExcusals:
    def test_excused_member_skipped_with_reason(self) -> None:
        """A member excused for its chairing year is passed over, with the excusal's reason."""
        bloc = make_bloc(ABCD, [(2020, "a", "b")], excused=[("c", 2022, "đang sáp nhập")])
        answer = rotation.leadership_in(ENGLISH, bloc, 2022)
        assert (answer.chair, answer.vice_chair) == ("d", "a")
        assert answer.skipped == (Skip("c", 2022, "chair", "excused", "đang sáp nhập"),)

    def test_excusal_covers_that_year_only(self) -> None:
        """An excused member leads again in later years: the year before and the next cycle."""
        bloc = make_bloc(ABCD, [(2020, "a", "b")], excused=[("c", 2022, "đang sáp nhập")])
        answers = {a.year: a for a in rotation.plan(bloc, 2021, 2025)}
        assert answers[2021].vice_chair == "c"
        assert answers[2024].vice_chair == "c"
        assert answers[2025].chair == "c"


# -- recorded decisions ----------------------------------------------------------------------


class TestRecordedOverride:
    def override_bloc(self) -> Bloc:
        # 2022 would be c/d by rotation; the bloc elected d/a instead.
        return make_bloc(ABCD, [(2020, "a", "b"), (2022, "d", "a")])

    def test_recorded_year_wins(self) -> None:
        """A recorded year mid-sequence is answered as recorded, not as the circle would give."""
        answer = rotation.leadership_in(ENGLISH, self.override_bloc(), 2022)
        assert (answer.chair, answer.vice_chair, answer.recorded) == ("d", "a", True)

    def test_later_years_continue_from_the_record(self) -> None:
        """Years after an override step from the override, and name it as their start."""
        answers = rotation.plan(self.override_bloc(), 2021, 2024)
        assert pairs(answers) == [
            (2021, "b", "c"),
            (2022, "d", "a"),
            (2023, "a", "b"),
            (2024, "b", "c"),
        ]
        assert [a.start_year for a in answers] == [2020, None, 2022, 2022]

    def test_history_marks_the_departure(self) -> None:
        """History flags the overriding year and shows what rotation would have given."""
        rows = rotation.history(self.override_bloc(), 2023)
        assert [r.leadership.year for r in rows] == [2020, 2021, 2022, 2023]
        assert [r.departs for r in rows] == [False, False, True, False]
        expected = rows[2].expected
        assert expected is not None
        assert (expected.chair, expected.vice_chair) == ("c", "d")

    def test_history_of_a_record_that_follows_rotation(self) -> None:
        """A record equal to what rotation gives has an expectation but does not depart."""
        bloc = make_bloc(ABCD, [(2020, "a", "b"), (2021, "b", "c")])
        rows = rotation.history(bloc, 2021)
        assert rows[1].expected is not None
        assert rows[1].departs is False

    def test_history_without_records_is_empty(self) -> None:
        """A bloc with nothing recorded has no history rows."""
        assert rotation.history(make_bloc(ABCD), 2030) == []

    def test_record_without_vice_chair(self) -> None:
        """After a year recorded without vice-chair, the member after its chair chairs."""
        bloc = make_bloc(ABCD, [(2020, "c", None)])
        answer = rotation.leadership_in(ENGLISH, bloc, 2021)
        assert (answer.chair, answer.vice_chair) == ("d", "a")


class TestBeforeAnyRecord:
    def test_year_before_first_record_is_a_usage_error(self) -> None:
        """A year before the earliest record is a usage error (64) naming the earliest year."""
        bloc = make_bloc(ABCD, [(2020, "a", "b")])
        with pytest.raises(YearBeforeRecordsError) as info:
            rotation.leadership_in(ENGLISH, bloc, 2019)
        assert "2020" in info.value.message
        assert info.value.exit_code == ExitCode.USAGE

    def test_no_record_at_all_is_a_data_error(self) -> None:
        """Without any record, the data lacks a starting year: a RotationError exiting 65."""
        with pytest.raises(RotationError) as info:
            rotation.leadership_in(ENGLISH, make_bloc(ABCD), 2019)
        assert not isinstance(info.value, YearBeforeRecordsError)
        assert info.value.exit_code == ExitCode.DATA

    def test_hint_shows_how_to_record_a_starting_year(self) -> None:
        """The error's hint is a [[leadership]] entry for the year asked for."""
        with pytest.raises(RotationError) as info:
            rotation.leadership_in(ENGLISH, make_bloc(ABCD), 2019)
        hint = info.value.hint
        assert "[[leadership]]" in hint
        assert "year = 2019" in hint
        assert "chair =" in hint

    def test_plan_answers_the_years_it_can(self) -> None:
        """A plan starting before the first record has rows saying so, then the computed years."""
        answers = rotation.plan(make_bloc(ABCD, [(2020, "a", "b")]), 2018, 2021)
        assert [a.status for a in answers] == [
            Status.BEFORE_RECORDS,
            Status.BEFORE_RECORDS,
            Status.RECORDED,
            Status.COMPUTED,
        ]
        assert answers[0].first_recorded == 2020
        assert (answers[3].chair, answers[3].vice_chair) == ("b", "c")


class TestStep:
    def test_step_from_a_computed_year(self) -> None:
        """step gives the next year from any Leadership, recording where it stepped from."""
        bloc = make_bloc(ABCD, [(2020, "a", "b")])
        previous = Leadership(2024, "c", "d", recorded=False, start_year=2020)
        answer = rotation.step(bloc, previous, 2020)
        assert (answer.year, answer.chair, answer.vice_chair) == (2025, "d", "a")
        assert answer.previous == ("c", "d")
        assert answer.start_year == 2020

    def test_skips_list_every_member_passed_over(self) -> None:
        """Every member passed over, for either role, is listed with its reason."""
        bloc = make_bloc(
            ("a", "b", "c", "d", "e"),
            [(2020, "a", "b")],
            left={"b": 2021},
            joined={"d": 2030},
            excused=[("c", 2021, "thiếu cán bộ")],
        )
        answer = rotation.leadership_in(ENGLISH, bloc, 2021)
        assert (answer.chair, answer.vice_chair) == ("e", "a")
        assert [(s.member, s.role, s.reason) for s in answer.skipped] == [
            ("b", "chair", "left"),
            ("c", "chair", "excused"),
            ("d", "chair", "not_joined"),
        ]

    def test_eligible_members_in_order(self) -> None:
        """eligible_members lists only members that can lead that year, in rotation order."""
        bloc = make_bloc(ABCD, left={"b": 2021}, excused=[("d", 2021, "lý do")])
        assert rotation.eligible_members(bloc, 2021) == ["a", "c"]
        assert rotation.eligible_members(bloc, 2020) == ["a", "b", "c", "d"]
        assert rotation.eligible_members(bloc, 2022) == ["a", "c", "d"]


# -- properties ------------------------------------------------------------------------------

START = 2020


@st.composite
def stable_blocs(draw: st.DrawFn) -> Bloc:
    """A bloc with no membership changes and one starting record (vice-chair may be absent)."""
    size = draw(st.integers(min_value=1, max_value=8))
    order = tuple(f"m{i}" for i in range(size))
    chair = draw(st.sampled_from(order))
    others = [m for m in order if m != chair]
    vice = draw(st.sampled_from(others)) if others and draw(st.booleans()) else None
    return make_bloc(order, [(START, chair, vice)])


@st.composite
def changing_blocs(draw: st.DrawFn) -> Bloc:
    """A bloc with random joins, leaves and excusals, and one or more recorded years."""
    size = draw(st.integers(min_value=1, max_value=7))
    order = tuple(f"m{i}" for i in range(size))
    years = st.integers(min_value=START, max_value=START + 15)
    joined = draw(st.dictionaries(st.sampled_from(order), years))
    left = draw(st.dictionaries(st.sampled_from(order), years))
    left = {m: y for m, y in left.items() if m not in joined or y > joined[m]}
    excused = draw(st.lists(st.tuples(st.sampled_from(order), years, st.just("lý do")), max_size=6))
    record_years = draw(
        st.lists(years, min_size=1, max_size=3, unique=True).map(lambda ys: [START, *ys])
    )
    records: list[tuple[int, str, str | None]] = []
    for year in sorted(set(record_years)):
        chair = draw(st.sampled_from(order))
        others = [m for m in order if m != chair]
        vice = draw(st.sampled_from(others)) if others and draw(st.booleans()) else None
        records.append((year, chair, vice))
    return make_bloc(order, records, joined=joined, left=left, excused=list(dict.fromkeys(excused)))


def computable_plan(bloc: Bloc, last: int) -> list[Leadership] | None:
    """The plan from START to ``last``: vacant years are answers now, so it always has one."""
    return rotation.plan(bloc, START, last)


class TestProperties:
    @given(stable_blocs(), st.integers(min_value=1, max_value=3))
    def test_every_member_chairs_once_per_cycle(self, bloc: Bloc, cycles: int) -> None:
        """With no membership changes, each window of len(order) computed years has every chair."""
        size = len(bloc.order)
        answers = rotation.plan(bloc, START + 1, START + cycles * size)
        for first in range(0, len(answers), size):
            window = answers[first : first + size]
            assert sorted(a.chair for a in window) == sorted(bloc.order)

    @given(changing_blocs())
    def test_vice_chair_chairs_next_year_when_eligible(self, bloc: Bloc) -> None:
        """This year's vice-chair chairs the next computed year whenever it can still lead."""
        answers = computable_plan(bloc, START + 20)
        if answers is None:
            return
        for this, following in itertools.pairwise(answers):
            if following.recorded or this.vice_chair is None:
                continue
            if rotation.ineligibility(bloc, this.vice_chair, following.year, "chair") is None:
                assert following.chair == this.vice_chair

    @given(changing_blocs())
    def test_chair_and_vice_differ_and_can_lead(self, bloc: Bloc) -> None:
        """A computed chair and vice-chair are different members, both able to lead that year."""
        answers = computable_plan(bloc, START + 20)
        if answers is None:
            return
        for answer in answers:
            if not answer.leads:
                continue
            assert answer.chair != answer.vice_chair
            if not answer.recorded:
                assert rotation.ineligibility(bloc, answer.chair, answer.year, "chair") is None
                if answer.vice_chair is not None:
                    reason = rotation.ineligibility(
                        bloc, answer.vice_chair, answer.year, "vice_chair"
                    )
                    assert reason is None

    @given(changing_blocs())
    def test_no_vice_chair_only_when_nobody_else_can_lead(self, bloc: Bloc) -> None:
        """A computed year lacks a vice-chair only when the chair is the one eligible member."""
        answers = computable_plan(bloc, START + 20)
        if answers is None:
            return
        for answer in answers:
            if answer.status is Status.COMPUTED and answer.vice_chair is None:
                assert rotation.eligible_members(bloc, answer.year) == [answer.chair]

    @given(changing_blocs(), st.randoms(use_true_random=False))
    def test_plan_agrees_with_each_year_in_any_call_order(
        self, bloc: Bloc, rnd: random.Random
    ) -> None:
        """plan(a, b) equals leadership_in year by year, whatever order the years are asked in."""
        answers = computable_plan(bloc, START + 20)
        if answers is None:
            return
        first, last = START + 3, START + 20
        window = rotation.plan(bloc, first, last)
        assert window == answers[3:]
        years = list(range(first, last + 1))
        rnd.shuffle(years)
        single = {year: rotation.leadership_in(ENGLISH, bloc, year) for year in years}
        assert [single[y] for y in range(first, last + 1)] == window
        assert rotation.plan(bloc, first, last) == window
