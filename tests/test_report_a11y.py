"""The report is accessible: language, table headers, named charts, text alternatives, contrast."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest

from builders import Invoke
from khoi_thidua.render.html.page import stylesheet
from khoi_thidua.render.html.svg import COLOURS

WHITE = "#ffffff"
TEXT_CONTRAST = 4.5  # WCAG 2.1 AA for body text


def luminance(colour: str) -> float:
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, two: str) -> float:
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def css_colour(name: str) -> str:
    found = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", stylesheet())
    assert found, name
    return found.group(1)


@pytest.mark.parametrize("name", ["ink", "muted", "accent", "bad", "good"])
def test_text_colours_contrast_with_the_page(name: str) -> None:
    """Each text colour of the stylesheet has at least 4.5:1 contrast on white."""
    assert contrast(css_colour(name), WHITE) >= TEXT_CONTRAST


def test_header_cells_contrast_with_their_shading() -> None:
    """Text in the shaded header cells keeps 4.5:1 contrast."""
    shading = re.search(r"th \{ background: (#[0-9a-fA-F]{6})", stylesheet())
    assert shading
    assert contrast(css_colour("ink"), shading.group(1)) >= TEXT_CONTRAST


@pytest.mark.parametrize("colour", COLOURS)
def test_chart_colours_contrast_with_the_page(colour: str) -> None:
    """Every series colour stands out from the white chart (4.5:1, more than graphics need)."""
    assert contrast(colour, WHITE) >= TEXT_CONTRAST


def test_page_structure_is_accessible(khoi: Invoke, sample_data: Path, tmp_path: Path) -> None:
    """lang is set, every table has column headers, every chart is named and has a table."""
    out = tmp_path / "r.html"
    assert khoi("report", "2021", "--data", str(sample_data), "-o", str(out)).exit_code == 0
    tree = html5lib.parse(out.read_text(encoding="utf-8"), namespaceHTMLElements=False)
    assert tree.get("lang") == "en"
    tables = tree.findall(".//table")
    assert tables
    for table in tables:
        assert table.findall("./thead/tr/th[@scope='col']"), "a table without column headers"
    figures = [f for f in tree.iter("div") if "chart-figure" in f.get("class", "")]
    assert len(figures) == 2
    for figure in figures:
        assert figure.get("role") == "figure"
        assert figure.get("aria-label")
        svg = figure.find(".//{http://www.w3.org/2000/svg}svg")
        assert svg is not None
        assert svg.get("role") == "img"
        assert svg.get("aria-label")
        assert figure.find(".//table") is not None  # the text alternative under the chart
    for image in tree.iter("img"):
        assert image.get("alt")
