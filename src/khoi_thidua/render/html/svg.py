"""A small SVG line-chart writer: years across, values up, a gap where a year has no value.

Written for the report instead of a charting library: a few hundred lines of plain strings
import in well under a millisecond and print the same in every browser. Every series has its
own colour, dash pattern and marker shape, so a chart printed in black and white still tells
the lines apart.
"""

from __future__ import annotations

import math
from html import escape

from khoi_thidua.records import record

WIDTH = 720
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 16, 56
# Dark, distinct colours (each at least 4.5:1 against white) so lines stay readable.
COLOURS = (
    "#1f4e99",
    "#b3261e",
    "#1b6e3a",
    "#7a3e9d",
    "#8a5a00",
    "#0b6e75",
    "#a4336b",
    "#4a4a4a",
    "#5d5c00",
    "#2f3fbf",
)
DASHES = ("", "6 3", "2 3", "8 3 2 3", "10 4", "4 2 1 2", "1 2", "12 3 3 3", "5 5", "3 6")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "down")


@record
class Series:
    """One line: a label for the legend and a value per year (a missing year is a gap)."""

    key: str
    label: str
    values: dict[int, float]


@record
class Axis:
    """The value axis: its title with units, its range, and whether 1 is at the top."""

    title: str
    low: float
    high: float
    inverted: bool = False
    integer: bool = False


def style(index: int) -> tuple[str, str, str]:
    """Colour, dash pattern and marker of the ``index``-th series."""
    return (
        COLOURS[index % len(COLOURS)],
        DASHES[index % len(DASHES)],
        MARKERS[index % len(MARKERS)],
    )


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering ``low``..``high`` (steps of 1, 2 or 5 times a power of ten)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks: list[float] = []
    value = first
    while value <= high + step / 1000:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def value_axis(title: str, values: list[float], inverted: bool = False) -> Axis:
    """An axis spanning ``values`` on round ticks; ranks (``inverted``) run 1 at the top."""
    if inverted:
        return Axis(title, 1, max(2, max(values, default=1)), inverted=True, integer=True)
    ticks = nice_ticks(min(values, default=0), max(values, default=1))
    return Axis(title, ticks[0], ticks[-1])


def marker(shape: str, x: float, y: float, colour: str, year: int) -> str:
    """One point's marker; ``data-year`` lets a test count points per year."""
    r = 4.0
    head = f'class="point" data-year="{year}" fill="{colour}" stroke="{colour}"'
    if shape == "circle":
        return f'<circle {head} cx="{x:.1f}" cy="{y:.1f}" r="{r}"/>'
    if shape == "square":
        return f'<rect {head} x="{x - r:.1f}" y="{y - r:.1f}" width="{2 * r}" height="{2 * r}"/>'
    points = {
        "triangle": [(0, -r - 1), (r + 1, r), (-r - 1, r)],
        "down": [(0, r + 1), (r + 1, -r), (-r - 1, -r)],
        "diamond": [(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
        "cross": [(-r, -r), (r, r), (0, 0), (r, -r), (-r, r), (0, 0)],
    }[shape]
    text = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in points)
    if shape == "cross":
        head = head.replace(f'fill="{colour}"', 'fill="none"')
        return f'<polyline {head} stroke-width="2" points="{text}"/>'
    return f'<polygon {head} points="{text}"/>'


def _fmt(value: float, integer: bool, decimal: str) -> str:
    if integer or float(value).is_integer():
        return str(round(value))
    return f"{value:g}".replace(".", decimal)


def line_chart(
    title: str, years: list[int], series: list[Series], axis: Axis, year_title: str, decimal: str
) -> str:
    """The SVG of ``series`` over ``years``: axes with titles, grid, one path per series."""
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    span = max(1, len(years) - 1)

    position = {year: index for index, year in enumerate(years)}

    def x_of(year: int) -> float:
        if len(years) == 1:
            return LEFT + plot_w / 2
        return LEFT + plot_w * position[year] / span

    def y_of(value: float) -> float:
        share = (value - axis.low) / ((axis.high - axis.low) or 1)
        if axis.inverted:
            return TOP + plot_h * share
        return TOP + plot_h * (1 - share)

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    if axis.integer:
        step = max(1, math.ceil((axis.high - axis.low) / 8))
        ticks = [float(v) for v in range(int(axis.low), int(axis.high) + 1, step)]
    else:
        ticks = nice_ticks(axis.low, axis.high)
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{_fmt(tick, axis.integer, decimal)}</text>"
        )
    label_every = max(1, math.ceil(len(years) / 12))
    for index, year in enumerate(years):
        x = x_of(year)
        parts.append(
            f'<line class="axis" x1="{x:.1f}" x2="{x:.1f}" y1="{TOP + plot_h}" '
            f'y2="{TOP + plot_h + 4}"/>'
        )
        if index % label_every == 0 or index == len(years) - 1:
            parts.append(
                f'<text class="tick" x="{x:.1f}" y="{TOP + plot_h + 18}" '
                f'text-anchor="middle">{year}</text>'
            )
    parts.append(
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" '
        f'y2="{TOP + plot_h}"/>'
        f'<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}"/>'
        f'<text class="axis-title" x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 10}" '
        f'text-anchor="middle">{escape(year_title)}</text>'
        f'<text class="axis-title" transform="translate(16 {TOP + plot_h / 2:.1f}) rotate(-90)" '
        f'text-anchor="middle">{escape(axis.title)}</text>'
    )
    for index, line in enumerate(series):
        colour, dash, shape = style(index)
        runs: list[list[int]] = []
        for year in years:
            if year in line.values:
                if runs and position[year] - position[runs[-1][-1]] == 1:
                    runs[-1].append(year)
                else:
                    runs.append([year])
        gaps = [y for y in years if y not in line.values]
        path = " ".join(
            "M" + " L".join(f"{x_of(y):.1f} {y_of(line.values[y]):.1f}" for y in run)
            for run in runs
            if len(run) > 1
        )
        parts.append(
            f'<g class="series" data-key="{escape(line.key)}" data-label="{escape(line.label)}" '
            f'data-years="{" ".join(str(y) for y in line.values if y in years)}" '
            f'data-gaps="{" ".join(str(y) for y in gaps)}" data-runs="{len(runs)}">'
        )
        if path:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<path class="line" d="{path}" stroke="{colour}"{dash_attr} fill="none"/>'
            )
        for year in years:
            if year in line.values:
                parts.append(marker(shape, x_of(year), y_of(line.values[year]), colour, year))
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)


def swatch(index: int) -> str:
    """A small legend sample of the ``index``-th series: its line and its marker."""
    colour, dash, shape = style(index)
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        '<svg class="swatch" width="36" height="12" viewBox="0 0 36 12" aria-hidden="true" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<line x1="0" x2="36" y1="6" y2="6" stroke="{colour}" stroke-width="2"{dash_attr}/>'
        + marker(shape, 18, 6, colour, 0).replace('class="point" data-year="0" ', "")
        + "</svg>"
    )
