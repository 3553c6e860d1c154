"""Tests for khoi_thidua.numbers: numbers, percentages and dates in Vietnamese or English style."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khoi_thidua.numbers import format_date, format_number, format_percent

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)


def parse_vi(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


# ── format_number ───────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (97.5, "97,5", "97.5"),
        (1234.5, "1.234,5", "1,234.5"),
        (1234567.25, "1.234.567,25", "1,234,567.25"),
        (100.0, "100", "100"),
        (0.1, "0,1", "0.1"),
        (-1234.5, "-1.234,5", "-1,234.5"),
        (999, "999", "999"),
        (1000, "1.000", "1,000"),
    ],
)
def test_number_uses_the_languages_marks(value: float, vi: str, en: str) -> None:
    """Vietnamese uses a decimal comma and dot separators; English the reverse."""
    assert format_number(value, "vi") == vi
    assert format_number(value, "en") == en


def test_whole_number_drops_the_trailing_zero_unless_decimals_are_given() -> None:
    """A whole number shows no ",0" by default, and exactly the decimals asked for."""
    assert format_number(95.0, "vi") == "95"
    assert format_number(95.0, "vi", 1) == "95,0"
    assert format_number(95, "vi", 2) == "95,00"


def test_decimals_round_half_away_from_zero() -> None:
    """Rounding is the one people and spreadsheets use: 97.25 → 97,3 and 2.675 → 2,68."""
    assert format_number(97.25, "vi", 1) == "97,3"
    assert format_number(2.675, "vi", 2) == "2,68"
    assert format_number(-97.25, "vi", 1) == "-97,3"
    assert format_number(1234.5, "vi", 0) == "1.235"


def test_default_keeps_every_digit_of_the_value() -> None:
    """Without decimals nothing is rounded away: 95.125 stays 95,125."""
    assert format_number(95.125, "vi") == "95,125"


def test_negative_zero_has_no_sign() -> None:
    """Zero, or a small negative rounded to zero, never shows a minus sign."""
    assert format_number(-0.0, "vi") == "0"
    assert format_number(-0.04, "vi", 1) == "0,0"


def test_tiny_and_huge_values_are_written_without_exponent() -> None:
    """Values that Python prints with an exponent are written out in full."""
    assert format_number(1e-7, "en") == "0.0000001"
    assert format_number(1e20, "vi") == "100.000.000.000.000.000.000"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_values_are_refused(value: float) -> None:
    """NaN and infinities are a ValueError rather than a strange string."""
    with pytest.raises(ValueError, match="cannot format"):
        format_number(value, "vi")


def test_negative_decimals_and_unknown_language_are_refused() -> None:
    """Negative decimals and an unsupported language raise ValueError."""
    with pytest.raises(ValueError, match="decimals"):
        format_number(1.5, "vi", -1)
    with pytest.raises(ValueError, match="fr"):
        format_number(1.5, "fr")


@given(finite)
def test_vietnamese_is_english_with_marks_swapped(value: float) -> None:
    """The two styles differ only by exchanging the comma and the dot."""
    swapped = format_number(value, "en").translate(str.maketrans(",.", ".,"))
    assert format_number(value, "vi") == swapped


@given(finite)
def test_vietnamese_number_reads_back_as_the_value(value: float) -> None:
    """Reading a Vietnamese number back gives the value it was written from."""
    assert float(parse_vi(format_number(value, "vi"))) == value


@given(finite, st.integers(min_value=0, max_value=4))
def test_rounded_number_has_exactly_the_decimals_asked(value: float, decimals: int) -> None:
    """With decimals, the text has that many places and is within half a unit of the value."""
    text = format_number(value, "vi", decimals)
    _, _, fraction = text.partition(",")
    assert len(fraction) == decimals
    assert abs(parse_vi(text) - Decimal(repr(value))) <= Decimal(1).scaleb(-decimals) / 2


# ── format_percent ──────────────────────────────────────────────────────────────────────────


def test_percent_has_one_decimal_by_default() -> None:
    """Two thirds is "66,7%" in Vietnamese and "66.7%" in English."""
    assert format_percent(2 / 3, "vi") == "66,7%"
    assert format_percent(2 / 3, "en") == "66.7%"


def test_whole_percent_drops_the_trailing_zero() -> None:
    """A share of 0.2 is "20%", and one that rounds to whole is whole too."""
    assert format_percent(0.2, "vi") == "20%"
    assert format_percent(0.70001, "vi") == "70%"
    assert format_percent(1, "vi") == "100%"


def test_percent_with_decimals_keeps_them() -> None:
    """With decimals the percentage shows exactly that many places."""
    assert format_percent(0.2, "vi", 1) == "20,0%"
    assert format_percent(0.12345, "en", 2) == "12.35%"


def test_percent_of_a_thousandfold_share_is_grouped() -> None:
    """Percentages above a thousand get thousands separators like any number."""
    assert format_percent(12.345, "vi") == "1.234,5%"


# ── format_date ─────────────────────────────────────────────────────────────────────────────


def test_date_is_day_month_year_in_vietnamese() -> None:
    """An ISO date is written dd/mm/yyyy with leading zeros in Vietnamese."""
    assert format_date("2022-01-08", "vi") == "08/01/2022"
    assert format_date("2021-12-31", "vi") == "31/12/2021"


def test_date_stays_iso_in_english() -> None:
    """In English the date is kept in ISO form."""
    assert format_date("2022-01-08", "en") == "2022-01-08"


def test_invalid_date_and_unknown_language_are_refused() -> None:
    """A date that does not exist, or an unsupported language, raises ValueError."""
    with pytest.raises(ValueError):
        format_date("2022-02-30", "vi")
    with pytest.raises(ValueError, match="fr"):
        format_date("2022-01-08", "fr")
