"""The HTML report in a real browser: loads cleanly, offline, with its charts, fonts and links.

Regenerate the screenshots of docs/img (see docs/report.md) with:

    KHOI_SCREENSHOTS=docs/img python -m pytest -p no:cacheprovider --no-cov -m slow \
        tests/test_report_browser.py
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from builders import REPO_DATA, SAMPLE_BLOC_ID
from chromium import CHROMIUM, Browser
from conftest import CLEAN_ENV
from khoi_thidua.cli import app

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Chromium is not on PATH (install Debian's chromium package to run this test)",
    ),
]
BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
PROVINCE_BLOCS = 4

# Reads every chart of the page: per series, the years with a point, the gaps it declares and
# the number of unbroken runs of its line; and the row of the table printed under the chart.
CHARTS_JS = r"""
[...document.querySelectorAll('div.chart-figure')].map(fig => {
  const heads = [...fig.querySelectorAll('.chart-data thead th')];
  const years = heads.slice(1).map(th => th.textContent);
  const rows = Object.fromEntries([...fig.querySelectorAll('.chart-data tbody tr')].map(tr => {
    const cells = [...tr.children].map(c => c.textContent);
    return [cells[0], cells.slice(1)];
  }));
  return {
    years,
    series: [...fig.querySelectorAll('g.series')].map(g => ({
      label: g.dataset.label,
      points: [...g.querySelectorAll('.point')].map(p => p.dataset.year),
      gaps: g.dataset.gaps ? g.dataset.gaps.split(' ') : [],
      moves: ((g.querySelector('path.line') || {getAttribute: () => ''})
                .getAttribute('d') || '').split('M').length - 1,
      table: rows[g.dataset.label],
    })),
  };
})
"""


def run_khoi(*args: str) -> None:
    result = CliRunner(env=CLEAN_ENV).invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The reports under test: the sample bloc, a bloc with a year missing, a province."""
    root = tmp_path_factory.mktemp("reports")
    data = root / "data"
    shutil.copytree(REPO_DATA, data)
    run_khoi(
        "--lang", "vi", "report", "2021", "--data", str(data), "--output", str(root / "report")
    )
    # The same bloc with results for 2019 and 2021 but none for 2020: a gap in every line.
    gap = root / "gap"
    shutil.copytree(data / SAMPLE_BLOC_ID, gap / SAMPLE_BLOC_ID)
    bloc = gap / SAMPLE_BLOC_ID
    text = (bloc / "results-2020.toml").read_text(encoding="utf-8")
    (bloc / "results-2019.toml").write_text(
        text.replace("year = 2020", "year = 2019"), encoding="utf-8"
    )
    (bloc / "results-2020.toml").unlink()
    run_khoi("report", "2021", "--data", str(gap), "--output", str(root / "gap.html"))
    province = root / "province"
    subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "generate.py"),
            "--blocs",
            str(PROVINCE_BLOCS),
            "--members",
            "8",
            "--years",
            "10",
            "--out",
            str(province),
        ],
        check=True,
        capture_output=True,
    )
    run_khoi(
        "--lang", "vi", "report", "2025", "--all", "--data", str(province), "-o", str(root / "tinh")
    )
    run_khoi(
        "report", "2025", "--all", "--data", str(province), "--output", str(root / "tinh.html")
    )
    return {
        "bloc": root / "report" / "index.html",
        "gap": root / "gap.html",
        "province": root / "tinh" / "index.html",
        "book": root / "tinh.html",
        "root": root,
    }


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    chrome = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield chrome
    chrome.close()


def every_page(made: dict[str, Path]) -> list[Path]:
    pages = [made["bloc"], made["gap"], made["book"]]
    pages += sorted(made["province"].parent.glob("*.html"))
    return pages


def test_pages_load_without_console_errors_or_network_requests(
    browser: Browser, made: dict[str, Path]
) -> None:
    """Every page loads with no console error and requests nothing but its own file."""
    for page in every_page(made):
        browser.open(page.as_uri())
        assert browser.console_errors() == [], page.name
        assert browser.requests() == [page.as_uri()], page.name


def test_the_dom_holds_the_reports_own_heading(browser: Browser, made: dict[str, Path]) -> None:
    """The rendered DOM carries the report's heading, so an error page cannot pass."""
    browser.open(made["bloc"].as_uri())
    heading = browser.evaluate("document.querySelector('h1.report-heading').textContent")
    assert heading == "Báo cáo thi đua năm 2021 — Khối thi đua Ban, đơn vị, cơ quan Đảng"
    assert browser.evaluate("document.documentElement.lang") == "vi"
    browser.open(made["province"].as_uri())
    heading = browser.evaluate("document.querySelector('h1.report-heading').textContent")
    assert heading == "Các khối thi đua tỉnh Hưng Yên: tổng hợp năm 2025"


def check_charts(charts: list[dict[str, Any]]) -> None:
    assert charts, "no chart on the page"
    for chart in charts:
        for series in chart["series"]:
            with_values = [
                y for y, cell in zip(chart["years"], series["table"], strict=True) if cell != "—"
            ]
            without = [y for y in chart["years"] if y not in with_values]
            assert series["points"] == with_values, series["label"]
            assert series["gaps"] == without, series["label"]
            # A run of one year is a marker only; longer runs are one "M" each.
            long_runs = sum(
                1
                for run in re.split(
                    r"—+", "".join("x" if c != "—" else "—" for c in series["table"])
                )
                if len(run) > 1
            )
            assert series["moves"] == long_runs, series["label"]


def test_every_chart_has_a_point_per_year_with_results_and_a_gap_for_the_others(
    browser: Browser, made: dict[str, Path]
) -> None:
    """Each line has one marker per year with results, and breaks where a year has none."""
    for page in [made["bloc"], *sorted(made["province"].parent.glob("bloc-*.html"))]:
        browser.open(page.as_uri())
        check_charts(browser.evaluate(CHARTS_JS))


def test_a_year_without_results_is_a_gap_in_every_line(
    browser: Browser, made: dict[str, Path]
) -> None:
    """With 2019 and 2021 but no 2020, no line has a 2020 point or crosses 2020 unbroken."""
    browser.open(made["gap"].as_uri())
    charts = browser.evaluate(CHARTS_JS)
    check_charts(charts)
    for chart in charts:
        assert chart["years"] == ["2019", "2020", "2021"]
        for series in chart["series"]:
            assert "2020" not in series["points"]
            assert series["gaps"] == ["2020"]
            assert series["moves"] == 0  # two lone years: markers, no line through 2020


def font_files(families: set[str]) -> list[Path]:
    files = []
    for family in families:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True
        ).stdout
        files.append(Path(found))
    return files


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig's fc-match is missing")
def test_the_fonts_used_have_a_glyph_for_every_character(
    browser: Browser, made: dict[str, Path]
) -> None:
    """Every character of the page's text is in the fonts the browser drew it with."""
    from fontTools.ttLib import TTFont

    for page in (made["bloc"], made["province"]):
        browser.open(page.as_uri())
        families = browser.fonts_used()
        assert families
        covered: set[int] = set()
        for path in font_files(families):
            font = TTFont(str(path), fontNumber=0, lazy=True)
            covered.update(font.getBestCmap() or {})
        text = browser.evaluate("document.body.textContent")
        missing = sorted({ch for ch in text if not ch.isspace() and ord(ch) not in covered})
        assert missing == [], f"{page.name}: {families} lack {missing}"


def test_links_between_the_province_and_bloc_pages_work(
    browser: Browser, made: dict[str, Path]
) -> None:
    """Each bloc link of the province page opens that bloc's page, which links back."""
    index = made["province"]
    browser.open(index.as_uri())
    links = browser.evaluate(
        "[...document.querySelectorAll('table a')].map(a => [a.href, a.textContent])"
    )
    assert len(links) == PROVINCE_BLOCS
    for href, name in links:
        browser.open(href)
        heading = browser.evaluate("document.querySelector('h1.report-heading').textContent")
        assert name in heading
        back = browser.evaluate("document.querySelector('nav.crumbs a').href")
        assert back == index.as_uri()
    browser.open(made["book"].as_uri())
    anchors = browser.evaluate(
        "[...document.querySelectorAll('table a')]"
        ".every(a => document.getElementById(a.hash.slice(1)) !== null)"
    )
    assert anchors is True


def test_screenshots_and_a_pdf_print(browser: Browser, made: dict[str, Path]) -> None:
    """Each page type gives a screenshot; the province book prints on A4, a page per bloc."""
    out = Path(os.environ.get("KHOI_SCREENSHOTS") or made["root"] / "shots")
    out.mkdir(parents=True, exist_ok=True)
    shots = {
        "report-bloc.png": made["bloc"],
        "report-province.png": made["province"],
    }
    for name, page in shots.items():
        browser.open(page.as_uri())
        browser.screenshot(out / name, max_height=1800)
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    browser.open(sorted(made["province"].parent.glob("bloc-*.html"))[0].as_uri())
    top = browser.evaluate(
        "document.querySelector('div.chart-figure').getBoundingClientRect().top + scrollY"
    )
    browser.screenshot(out / "report-chart.png", max_height=600, top=top - 10)
    assert (out / "report-chart.png").stat().st_size > 10_000  # a drawn chart, not a blank
    browser.open(made["book"].as_uri())
    pdf = browser.pdf(made["root"] / "tinh.pdf")
    assert pdf.startswith(b"%PDF")
    boxes = {
        tuple(round(float(v)) for v in box.split())
        for box in re.findall(rb"/MediaBox \[0 0 ([\d.]+ [\d.]+)\]", pdf)
    }
    assert boxes == {(595, 842)}  # A4 (210 × 297 mm in points) from the print stylesheet
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages > PROVINCE_BLOCS  # the province page, then each bloc from a new page
