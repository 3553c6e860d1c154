"""Tests of quotas: how many units a bloc of a given size may propose for an award."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khoi_thidua.awards.rules import Bracket, Quota

# The shipped packs' provincial-flag brackets: 1 flag up to 7 members, 2 up to 12, then 3.
FLAG_BRACKETS = Quota(
    "bracket", brackets=(Bracket(7, 1), Bracket(12, 2), Bracket(None, 3)), unverified=True
)


class TestFixed:
    @pytest.mark.parametrize("members", [1, 8, 40])
    def test_same_for_any_size(self, members: int) -> None:
        """A fixed quota is its count whatever the size of the bloc."""
        assert Quota("fixed", count=1).seats(members) == 1

    def test_zero(self) -> None:
        """A fixed quota of 0 leaves no seat."""
        assert Quota("fixed", count=0).seats(8) == 0


class TestBracket:
    @pytest.mark.parametrize(
        ("members", "seats"),
        [(1, 1), (7, 1), (8, 2), (12, 2), (13, 3), (60, 3)],
    )
    def test_boundaries(self, members: int, seats: int) -> None:
        """`up_to` is inclusive: 7 members are in the first bracket, 8 in the second."""
        assert FLAG_BRACKETS.seats(members) == seats

    def test_beyond_a_closed_last_bracket(self) -> None:
        """A bloc larger than the last `up_to` gets no seat (the pack gave no rule for it)."""
        quota = Quota("bracket", brackets=(Bracket(5, 1), Bracket(10, 2)))
        assert quota.seats(10) == 2
        assert quota.seats(11) == 0


class TestPercent:
    @pytest.mark.parametrize(
        ("percent", "members", "seats"),
        [
            (20, 7, 1),  # 1.4 → 1
            (20, 8, 1),  # 1.6 → 1: "không quá 20%" never rounds up
            (20, 5, 1),  # exactly 1
            (20, 4, 0),  # 0.8 → 0
            (15, 20, 3),  # exactly 3, though 0.15 * 20 is 2.9999… in binary floating point
            (10, 30, 3),  # exactly 3, though 0.1 * 30 is 3.0000…4
            (33.33, 3, 0),  # 0.9999 → 0
            (100, 9, 9),
            (0, 9, 0),
        ],
    )
    def test_rounds_down(self, percent: float, members: int, seats: int) -> None:
        """A percentage cap is "at most N%" of the members, rounded down, computed exactly."""
        assert Quota("percent", percent=percent).seats(members) == seats

    @given(
        percent=st.decimals(min_value=0, max_value=100, places=2),
        members=st.integers(min_value=0, max_value=500),
    )
    def test_matches_exact_floor(self, percent: object, members: int) -> None:
        """For any percentage of two decimals, seats = ⌊members × percent / 100⌋ exactly."""
        exact = Fraction(str(percent)) * members / 100
        assert Quota("percent", percent=float(str(percent))).seats(members) == math.floor(exact)


class TestNone:
    def test_no_cap(self) -> None:
        """A `none` quota sets no cap (None), not zero seats."""
        assert Quota("none").seats(8) is None
