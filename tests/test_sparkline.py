"""The terminal trend of `history --member`: one bar per year, a gap for a year without results."""

from __future__ import annotations

from pathlib import Path

from builders import Invoke
from khoi_thidua.render.sparkline import BARS, GAP, sparkline


class TestSparkline:
    """sparkline scales values to block characters."""

    def test_lowest_and_highest_get_the_shortest_and_tallest_bar(self) -> None:
        """Values are scaled between the lowest and the highest."""
        assert sparkline([90.0, 95.0, 100.0]) == BARS[0] + BARS[4] + BARS[-1]

    def test_a_missing_year_is_a_gap_not_the_lowest_bar(self) -> None:
        """None is drawn as the gap mark, never as a bar."""
        line = sparkline([90.0, None, 100.0])
        assert line == BARS[0] + GAP + BARS[-1]

    def test_ranks_are_inverted_and_scaled_on_the_bloc(self) -> None:
        """Rank 1 of 8 is the tallest bar, rank 8 the shortest; neighbours stay close."""
        assert sparkline([1.0, 8.0], inverted=True, bounds=(1, 8)) == BARS[-1] + BARS[0]
        line = sparkline([3.0, 4.0], inverted=True, bounds=(1, 8))
        assert abs(BARS.index(line[0]) - BARS.index(line[1])) == 1

    def test_equal_values_and_no_values(self) -> None:
        """Equal values give a middle bar; no value at all gives only gaps."""
        assert sparkline([5.0, 5.0]) == BARS[4] * 2
        assert sparkline([None, None]) == GAP * 2


def test_history_member_shows_the_trend(khoi: Invoke, sample_data: Path) -> None:
    """history --member ends with the score and rank trend rows, in Vietnamese too."""
    result = khoi("history", "--member", "ban noi chinh", "--data", str(sample_data))
    assert result.exit_code == 0
    assert "Score 2020–2022:" in result.stdout
    assert "Rank  2020–2022:" in result.stdout
    vi = khoi("--lang", "vi", "history", "--member", "bnc", "--data", str(sample_data))
    assert "Điểm 2020–2022:" in vi.stdout


def test_history_member_json_is_unchanged(khoi: Invoke, sample_data: Path) -> None:
    """The JSON of history --member carries no trend text."""
    result = khoi("history", "--member", "bnc", "--json", "--data", str(sample_data))
    assert "Score 2020" not in result.stdout
