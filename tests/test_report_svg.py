"""The SVG chart writer: points per year, gaps for missing years, axes and distinct styles."""

from __future__ import annotations

import re
from itertools import pairwise

from khoi_thidua.render.html.svg import Series, line_chart, nice_ticks, style, value_axis


def chart(values: dict[int, float], years: list[int]) -> str:
    axis = value_axis("Điểm (điểm)", list(values.values()))
    return line_chart(
        "Điểm theo năm", years, [Series("btc", "Ban Tổ chức", values)], axis, "Năm", ","
    )


class TestLineChart:
    """line_chart draws one marker per year with a value and breaks the line at a gap."""

    def test_one_point_per_year_with_a_value(self) -> None:
        """Three years with values give three markers and one unbroken line."""
        svg = chart({2019: 90.0, 2020: 92.5, 2021: 95.0}, [2019, 2020, 2021])
        assert len(re.findall(r'class="point"', svg)) == 3
        assert 'data-runs="1"' in svg
        assert re.search(r'd="M[^"M]*"', svg)  # one path command start, no second M

    def test_a_year_without_results_is_a_gap_not_a_zero(self) -> None:
        """A missing middle year leaves no marker, splits the line and never plots 0."""
        svg = chart(
            {2018: 90.0, 2019: 91.0, 2021: 93.0, 2022: 94.0}, [2018, 2019, 2020, 2021, 2022]
        )
        assert 'data-year="2020"' not in svg
        assert 'data-gaps="2020"' in svg
        assert 'data-runs="2"' in svg
        path = re.search(r'<path class="line" d="([^"]*)"', svg)
        assert path is not None
        assert path.group(1).count("M") == 2
        assert ">0<" not in svg  # the value axis does not run down to zero

    def test_a_lone_year_is_a_marker_without_a_line(self) -> None:
        """A year between two gaps is drawn as a marker only."""
        svg = chart({2020: 90.0}, [2019, 2020, 2021])
        assert len(re.findall(r'class="point"', svg)) == 1
        assert '<path class="line"' not in svg

    def test_axes_have_titles_and_the_chart_a_title(self) -> None:
        """The chart names itself, its year axis and its value axis with units."""
        svg = chart({2020: 90.0, 2021: 91.0}, [2020, 2021])
        assert "<title>Điểm theo năm</title>" in svg
        assert ">Năm</text>" in svg
        assert ">Điểm (điểm)</text>" in svg
        assert 'role="img"' in svg

    def test_ranks_run_with_one_at_the_top(self) -> None:
        """On an inverted axis rank 1 is drawn above rank 5."""
        axis = value_axis("Thứ hạng", [1.0, 5.0], inverted=True)
        svg = line_chart(
            "Hạng", [2020, 2021], [Series("a", "A", {2020: 1.0, 2021: 5.0})], axis, "Năm", ","
        )
        ys = [float(y) for y in re.findall(r'class="point" data-year="\d+"[^>]*cy="([\d.]+)"', svg)]
        assert ys[0] < ys[1]


def test_nice_ticks_cover_the_range() -> None:
    """Ticks are round steps that cover the lowest and highest value."""
    ticks = nice_ticks(91.0, 98.5)
    assert ticks[0] <= 91.0
    assert ticks[-1] >= 98.5
    steps = {round(b - a, 6) for a, b in pairwise(ticks)}
    assert len(steps) == 1


def test_series_styles_differ_without_colour() -> None:
    """The first ten series differ by dash pattern or marker, so print in black and white works."""
    shapes = {style(i)[1:] for i in range(10)}
    assert len(shapes) == 10
